//! Exports as file downloads; a schedule in a native format is written in pieces between
//! frames, so a year of spots never holds the page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::format::{
    archive, export_playlist, export_schedule, library_around_schedules, library_file,
    ExportChunks, ExportFile, Format,
};

use scheduleflow_engine::model::Schedule;

use super::AppState;
use crate::platform::{download, Slices};

/// How many events one piece of an export holds (a few milliseconds' writing in the browser).
const EXPORT_PIECE: usize = 2_000;

/// An export being written, as the Jobs panel lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportLine {
    pub id: u64,
    /// The file it makes.
    pub file: String,
    /// Set by Cancel; the export stops before its next piece.
    pub cancelled: bool,
}

impl AppState {
    /// Downloads one schedule in `format`, open or not (a closed one is read from storage
    /// first).
    pub fn export(self, id: &str, format: Format) {
        let id = id.to_owned();
        if self.with_schedule(&id, |_, _| ()).is_some() {
            return self.export_from(id, None, format);
        }
        spawn_local(async move {
            let stamp = self.export_stamp(&id);
            match self.read_schedule(&id).await {
                // Changed while it was read: the revision read may not be the one it had.
                Ok(Some(schedule)) if self.export_stamp(&id) == stamp => {
                    self.export_from(id, Some(schedule), format)
                }
                Ok(_) => self.exported(Err(format!(
                    "“{}” changed or went while it was being read; export it again",
                    self.schedule_name(&id)
                ))),
                Err(e) => self.exported(Err(e)),
            }
        });
    }

    /// Exports schedule `id`: `read`, or the one the page holds (open, or kept while stored).
    fn export_from(self, id: String, read: Option<Schedule>, format: Format) {
        let chunks = self
            .on(&id, &read, |s| ExportChunks::new(s, format))
            .flatten();
        if let Some(chunks) = chunks {
            spawn_local(self.export_in_pieces(id, read, chunks));
            return;
        }
        let files = self
            .on(&id, &read, |s| export_schedule(s, format))
            .unwrap_or_else(|| Ok(Vec::new()));
        match files {
            Ok(files) if files.len() > 1 => {
                self.offer_as_one(&self.schedule_name(&id), files, format)
            }
            files => self.offer(files.map_err(|e| e.to_string())),
        }
    }

    /// Runs `f` on `read`, or else on schedule `id` as the page holds it.
    fn on<T>(self, id: &str, read: &Option<Schedule>, f: impl FnOnce(&Schedule) -> T) -> Option<T> {
        match read {
            Some(schedule) => Some(f(schedule)),
            None => self.with_schedule(id, |s, _| f(s)),
        }
    }

    /// Writes schedule `id` (`read`, or the one the page holds) a piece at a time, yielding
    /// between pieces, into one download. A change to the schedule meanwhile stops it: a file
    /// must be one state of the schedule.
    async fn export_in_pieces(self, id: String, read: Option<Schedule>, chunks: ExportChunks) {
        let name = self.schedule_name(&id);
        self.notice.set(Some(format!("Exporting “{name}”…")));
        let line = self.export_started(chunks.name());
        let parts = download::Parts::new();
        let (file, mime) = (chunks.name().to_owned(), chunks.mime());
        let finished = self
            .write_pieces(&parts, line, &name, &id, &read, chunks)
            .await;
        self.exports.update(|l| l.retain(|e| e.id != line));
        if finished {
            self.exported(parts.download(&file, mime).map(|()| 1));
        }
        if let Some(schedule) = read {
            crate::desk::free_events_soon(schedule.events);
        }
    }

    /// Writes schedule `id` (`read`, or the one the page holds) into `parts` a piece at a
    /// time, yielding between pieces; whether it got to the end. Cancelling export `line`, or
    /// a change to the schedule meanwhile, stops it (a file must be one state of the schedule),
    /// and the notice says why nothing was downloaded.
    async fn write_pieces(
        self,
        parts: &download::Parts,
        line: u64,
        what: &str,
        id: &str,
        read: &Option<Schedule>,
        mut chunks: ExportChunks,
    ) -> bool {
        let stamp = self.export_stamp(id);
        let mut slices = Slices::new();
        loop {
            if self.export_cancelled(line) {
                self.notice.set(Some(format!(
                    "The export of “{what}” was cancelled; nothing was downloaded."
                )));
                return false;
            }
            if self.export_stamp(id) != stamp {
                self.notice.set(Some(format!(
                    "“{}” changed while it was being exported, so nothing was downloaded; \
                     export it again.",
                    self.schedule_name(id)
                )));
                return false;
            }
            let piece = self
                .on(id, read, |s| chunks.next_piece(s, EXPORT_PIECE))
                .flatten();
            let Some(piece) = piece else { return true };
            parts.push(&piece);
            slices.pause().await;
        }
    }

    /// Lists an export of `file` in the Jobs panel; its number there (never one an earlier
    /// export had, so a late click cannot cancel another).
    fn export_started(self, file: &str) -> u64 {
        let id = self.next_export.get_value();
        self.next_export.set_value(id + 1);
        self.exports.update(|l| {
            l.push(ExportLine {
                id,
                file: file.to_owned(),
                cancelled: false,
            })
        });
        id
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

    /// What tells whether schedule `id` changed: the open session's count of changes, or a
    /// closed schedule's stored revision.
    fn export_stamp(self, id: &str) -> (bool, u64) {
        let open = self
            .desk()
            .key()
            .filter(|(open, _)| open == id)
            .map(|(_, changes)| changes);
        match open {
            Some(changes) => (true, changes),
            None => (false, u64::from(self.revision(id))),
        }
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
    /// time: each schedule (the open one as it is, a closed one read from storage and let go
    /// once written), then the playlists. Listed in the Jobs panel, where Cancel stops it.
    pub fn export_all(self) {
        spawn_local(async move {
            let (mut schedules, playlists) = self.library.with_untracked(|l| {
                let closed = l
                    .schedules
                    .iter()
                    .map(|s| (s.head.name.clone(), s.id().to_owned()));
                (closed.collect::<Vec<_>>(), l.playlists.clone())
            });
            let open = self.desk().open_id();
            if let Some(id) = open {
                schedules.push((self.schedule_name(&id), id));
            }
            // The library's order: by name, then id.
            schedules.sort();
            let what = "the library";
            self.notice.set(Some("Exporting the library…".into()));
            let file = library_file(Format::SfXml);
            let line = self.export_started(&file);
            let parts = download::Parts::new();
            let (head, tail) = library_around_schedules(&playlists);
            parts.push(&head);
            let mut finished = true;
            for (_, id) in schedules {
                let read = if self.with_schedule(&id, |_, _| ()).is_some() {
                    None
                } else {
                    match self.store().open_schedule(&id, super::ports::UNSEEN).await {
                        Ok(Some(opened)) => Some(opened.schedule),
                        // Deleted meanwhile: not in the library any more.
                        Ok(None) => continue,
                        Err(e) => {
                            self.exported(Err(e.to_string()));
                            finished = false;
                            break;
                        }
                    }
                };
                let chunks = self.on(&id, &read, ExportChunks::in_library);
                let written = match chunks {
                    Some(chunks) => {
                        self.write_pieces(&parts, line, what, &id, &read, chunks)
                            .await
                    }
                    None => true,
                };
                if let Some(schedule) = read {
                    crate::desk::free_events_soon(schedule.events);
                }
                if !written {
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
    fn offer_as_one(self, schedule_name: &str, files: Vec<ExportFile>, format: Format) {
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
