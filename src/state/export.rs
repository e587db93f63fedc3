//! Exports as file downloads; a schedule in a native format is written in pieces between
//! frames, so a year of spots never holds the page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::format::{
    archive, export_playlist, library_around_schedules, library_file, ExportFile, Format,
};

use super::AppState;
use crate::desk::{Began, File, Reply, Request};
use crate::platform::{download, Slices};

/// An export being written, as the Jobs panel lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportLine {
    pub id: u64,
    /// The file it makes.
    pub file: String,
    /// Set by Cancel; the export stops before its next piece.
    pub cancelled: bool,
}

/// How a piece-by-piece export ended.
enum Written {
    Finished,
    /// Stopped; the notice says why.
    Stopped,
}

impl AppState {
    /// Downloads one schedule in `format`, open or not: the desk writes it (a closed one read
    /// from storage first), a native format a piece at a time into one download.
    pub fn export(self, id: &str, format: Format) {
        let id = id.to_owned();
        let line = self.next_export_line();
        spawn_local(async move {
            let name = self.schedule_name(&id);
            let request = Request::ExportBegin {
                line,
                id,
                format: Some(format),
            };
            match self.port().ask(request).await {
                Reply::Export(Ok(Began::Pieces { name: file, mime })) => {
                    self.notice.set(Some(format!("Exporting “{name}”…")));
                    self.export_listed(line, &file);
                    let parts = download::Parts::new();
                    let written = self.write_pieces(&parts, line, &name).await;
                    self.exports.update(|l| l.retain(|e| e.id != line));
                    if let Written::Finished = written {
                        self.exported(parts.download(&file, &mime).map(|()| 1));
                    }
                }
                Reply::Export(Ok(Began::Files(files))) if files.len() > 1 => {
                    self.offer_as_one(&name, files, format)
                }
                Reply::Export(Ok(Began::Files(files))) => self.offer_files(files),
                Reply::Export(Ok(Began::Gone)) => {
                    self.exported(Err(format!("“{name}” is no longer stored")))
                }
                Reply::Export(Err(e)) => self.exported(Err(e)),
                _ => {}
            }
        });
    }

    /// Asks the desk for export `line`'s pieces and puts them into `parts`, yielding between
    /// them; cancelling it in the Jobs panel, or a change to the schedule meanwhile, stops it
    /// (a file must be one state of the schedule), and the notice says why nothing was
    /// downloaded.
    async fn write_pieces(self, parts: &download::Parts, line: u64, what: &str) -> Written {
        let mut slices = Slices::new();
        loop {
            if self.export_cancelled(line) {
                self.tell_desk(Request::ExportEnd { line });
                self.notice.set(Some(format!(
                    "The export of “{what}” was cancelled; nothing was downloaded."
                )));
                return Written::Stopped;
            }
            match self.port().ask(Request::ExportNext { line }).await {
                Reply::Piece(Ok(Some(piece))) => parts.push(&piece),
                Reply::Piece(Ok(None)) => return Written::Finished,
                Reply::Piece(Err(why)) => {
                    self.notice.set(Some(format!(
                        "“{what}” {why}, so nothing was downloaded; export it again."
                    )));
                    return Written::Stopped;
                }
                _ => return Written::Stopped,
            }
            slices.pause().await;
        }
    }

    /// A number for an export, never one an earlier export had (so a late click cannot
    /// cancel another).
    fn next_export_line(self) -> u64 {
        let id = self.next_export.get_value();
        self.next_export.set_value(id + 1);
        id
    }

    /// Lists export `line` of `file` in the Jobs panel.
    fn export_listed(self, line: u64, file: &str) {
        self.exports.update(|l| {
            l.push(ExportLine {
                id: line,
                file: file.to_owned(),
                cancelled: false,
            })
        });
    }

    fn export_cancelled(self, line: u64) -> bool {
        self.exports
            .with_untracked(|l| l.iter().any(|e| e.id == line && e.cancelled))
    }

    /// Stops export `line` (of those the Jobs panel lists) before its next piece: nothing is
    /// downloaded.
    pub fn cancel_export(self, line: u64) {
        self.exports.update(|l| {
            l.iter_mut()
                .filter(|e| e.id == line)
                .for_each(|e| e.cancelled = true)
        });
    }

    /// Downloads one playlist in `format` (a native one: the others hold schedules).
    pub fn export_playlist(self, id: &str, format: Format) {
        let files = self.library.with_untracked(|l| {
            l.playlists
                .iter()
                .find(|p| p.id == id)
                .map(|p| export_playlist(p, format))
        });
        self.offer(
            files
                .unwrap_or_else(|| Ok(Vec::new()))
                .map_err(|e| e.to_string()),
        );
    }

    /// Downloads the whole library as one ScheduleFlow XML batch file, written a piece at a
    /// time: each schedule (the open one as it is, a closed one read from storage by the desk
    /// and let go once written), then the playlists. Listed in the Jobs panel, where Cancel
    /// stops it.
    pub fn export_all(self) {
        spawn_local(async move {
            let (mut schedules, playlists) = self.library.with_untracked(|l| {
                let closed = l
                    .schedules
                    .iter()
                    .map(|s| (s.head.name.clone(), s.id().to_owned()));
                (closed.collect::<Vec<_>>(), l.playlists.clone())
            });
            let open = self
                .seen
                .heading
                .with_untracked(|h| h.as_ref().map(|h| (h.name.clone(), h.id.clone())));
            schedules.extend(open);
            // The library's order: by name, then id.
            schedules.sort();
            let what = "the library";
            self.notice.set(Some("Exporting the library…".into()));
            let file = library_file(Format::SfXml);
            let line = self.next_export_line();
            self.export_listed(line, &file);
            let parts = download::Parts::new();
            let (head, tail) = library_around_schedules(&playlists);
            parts.push(&head);
            let mut finished = true;
            for (_, id) in schedules {
                let request = Request::ExportBegin {
                    line,
                    id,
                    format: None,
                };
                let written = match self.port().ask(request).await {
                    Reply::Export(Ok(Began::Pieces { .. })) => {
                        self.write_pieces(&parts, line, what).await
                    }
                    // Deleted meanwhile: not in the library any more.
                    Reply::Export(Ok(Began::Gone)) => continue,
                    Reply::Export(Err(e)) => {
                        self.exported(Err(e));
                        Written::Stopped
                    }
                    _ => Written::Stopped,
                };
                if let Written::Stopped = written {
                    finished = false;
                    break;
                }
            }
            self.exports.update(|l| l.retain(|e| e.id != line));
            if finished {
                parts.push(&tail);
                self.exported(parts.download(&file, Format::SfXml.mime()).map(|()| 1));
            }
        });
    }

    /// Downloads the files an export made.
    fn offer_files(self, files: Vec<File>) {
        let result = files
            .iter()
            .try_for_each(|f| download::download(&f.name, &f.mime, &f.text));
        self.exported(result.map(|()| files.len()));
    }

    pub(super) fn offer(self, files: Result<Vec<ExportFile>, String>) {
        let result = files.and_then(|files| {
            for f in &files {
                download::download(&f.name, f.mime, &f.text)?;
            }
            Ok(files.len())
        });
        self.exported(result);
    }

    /// Offers an export of several files as one archive: a browser may ask before a page's
    /// second download in a row, and Chromium drops those past about the tenth within a second.
    fn offer_as_one(self, schedule_name: &str, files: Vec<File>, format: Format) {
        let files: Vec<ExportFile> = files
            .into_iter()
            .map(|f| ExportFile {
                name: f.name,
                mime: format.mime(),
                text: f.text,
            })
            .collect();
        let name = archive::archive_name(schedule_name, format);
        let offered = archive::archive(&files, format)
            .map_err(|e| e.to_string())
            .and_then(|bytes| download::download_bytes(&name, archive::MIME, &bytes));
        self.notice.set(Some(match offered {
            Ok(()) => format!("Exported {} files in “{name}”.", files.len()),
            Err(e) => format!("Export failed: {e}"),
        }));
    }

    /// Says how many files an export offered, or why it failed.
    fn exported(self, result: Result<usize, String>) {
        self.notice.set(Some(match result {
            Ok(n) => format!("Exported {n} file(s)."),
            Err(e) => format!("Export failed: {e}"),
        }));
    }
}
