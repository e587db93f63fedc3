//! Work the browser would not store (its storage is full, or it refused a value), kept in the
//! tab and offered as a download so that nothing is lost.

use leptos::prelude::*;
use scheduleflow_engine::format::{export_library, Format};
use scheduleflow_engine::model::Library;

use super::AppState;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// What could not be saved, in words: a file name or a schedule name.
    pub what: String,
    /// Why it is not stored, as the banner says it.
    pub why: String,
    pub library: Library,
}

impl Unsaved {
    /// Work the full storage would not take.
    pub fn full(what: String, library: Library) -> Unsaved {
        Unsaved {
            what,
            why: "The browser's storage is full".into(),
            library,
        }
    }
}

impl AppState {
    /// Downloads the unsaved work as one ScheduleFlow XML file; it imports back whole.
    pub fn download_unsaved(self) {
        let files = self.unsaved.with_untracked(|u| {
            u.as_ref()
                .map(|u| export_library(&u.library, Format::SfXml))
                .unwrap_or_else(|| Ok(Vec::new()))
        });
        self.offer(files.map_err(|e| e.to_string()));
    }

    pub fn dismiss_unsaved(self) {
        self.unsaved.set(None);
    }
}
