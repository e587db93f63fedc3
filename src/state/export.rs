//! Exports as file downloads.

use leptos::prelude::*;
use scheduleflow_engine::format::{
    export_library, export_playlist, export_schedule, ExportFile, Format,
};

use super::AppState;
use crate::platform::download;

impl AppState {
    /// Downloads one schedule in `format`, open or not.
    pub fn export(self, id: &str, format: Format) {
        let files = self.with_schedule(id, |s, _| export_schedule(s, format));
        self.offer(
            files
                .unwrap_or_else(|| Ok(Vec::new()))
                .map_err(|e| e.to_string()),
        );
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
        self.notice.set(Some(match result {
            Ok(n) => format!("Exported {n} file(s)."),
            Err(e) => format!("Export failed: {e}"),
        }));
    }
}
