//! Exports as file downloads; a schedule in a native format is written in pieces between
//! frames, so a year of spots never holds the page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::format::{
    export_library, export_playlist, export_schedule, ExportChunks, ExportFile, Format,
};

use super::AppState;
use crate::platform::{download, Slices};

/// How many events one piece of an export holds (a few milliseconds' writing in the browser).
const EXPORT_PIECE: usize = 2_000;

impl AppState {
    /// Downloads one schedule in `format`, open or not.
    pub fn export(self, id: &str, format: Format) {
        let chunks = self
            .with_schedule(id, |s, _| ExportChunks::new(s, format))
            .flatten();
        if let Some(chunks) = chunks {
            spawn_local(self.export_in_pieces(id.to_owned(), chunks));
            return;
        }
        let files = self.with_schedule(id, |s, _| export_schedule(s, format));
        self.offer(
            files
                .unwrap_or_else(|| Ok(Vec::new()))
                .map_err(|e| e.to_string()),
        );
    }

    /// Writes schedule `id` a piece at a time, yielding between pieces, into one download. A
    /// change to the schedule meanwhile stops it: a file must be one state of the schedule.
    async fn export_in_pieces(self, id: String, mut chunks: ExportChunks) {
        let stamp = self.export_stamp(&id);
        let name = self.schedule_name(&id);
        self.notice.set(Some(format!("Exporting “{name}”…")));
        let parts = download::Parts::new();
        let mut slices = Slices::new();
        loop {
            if self.export_stamp(&id) != stamp {
                self.notice.set(Some(format!(
                    "“{name}” changed while it was being exported, so nothing was downloaded; \
                     export it again."
                )));
                return;
            }
            let piece = self
                .with_schedule(&id, |s, _| chunks.next_piece(s, EXPORT_PIECE))
                .flatten();
            let Some(piece) = piece else { break };
            parts.push(&piece);
            slices.pause().await;
        }
        self.exported(parts.download(chunks.name(), chunks.mime()).map(|()| 1));
    }

    /// What tells whether schedule `id` changed: the open session's count of changes, or a
    /// closed schedule's stored revision.
    fn export_stamp(self, id: &str) -> (bool, u64) {
        let open = self.open.with_value(|o| {
            o.as_ref()
                .filter(|o| o.id == id)
                .map(|o| o.session.changes())
        });
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

    /// Downloads the whole library as one ScheduleFlow XML batch file.
    pub fn export_all(self) {
        let files = self
            .library
            .with_untracked(|l| export_library(l, Format::SfXml))
            .map_err(|e| e.to_string());
        self.offer(files);
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

    /// Says how many files an export offered, or why it failed.
    fn exported(self, result: Result<usize, String>) {
        self.notice.set(Some(match result {
            Ok(n) => format!("Exported {n} file(s)."),
            Err(e) => format!("Export failed: {e}"),
        }));
    }
}
