//! Schedules made in the app: a new empty one for a channel and a range of broadcast days, or
//! one built from a playlist ("Schedule a playlist"). Each is stored whole, then opened.

use jiff::civil::Date;
use jiff::ToSpan;
use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::build::form::BuildForm;
use scheduleflow_engine::build::{build, Built};
use scheduleflow_engine::channel::Channel;
use scheduleflow_engine::edit::{FieldError, History};
use scheduleflow_engine::model::{Library, Schedule};
use scheduleflow_engine::time::Rounding;

use super::AppState;
use crate::platform::storage::StorageError;

/// An empty schedule on `channel` covering `days` broadcast days from `first`.
pub fn empty_schedule(
    name: &str,
    channel: &Channel,
    first: Date,
    days: i64,
) -> Result<Schedule, String> {
    let last = first
        .checked_add(days.days())
        .map_err(|e| format!("{days} days from {first}: {e}"))?;
    let origin = channel
        .day_start_instant(first)
        .map_err(|e| e.to_string())?;
    let end = channel.day_start_instant(last).map_err(|e| e.to_string())?;
    let length = channel
        .frames_between(origin, end, Rounding::Floor)
        .map_err(|e| e.to_string())?
        .value;
    let name = if name.trim().is_empty() {
        format!("{} {first}", channel.name)
    } else {
        name.trim().to_owned()
    };
    Ok(Schedule {
        id: format!("{}-{first}", channel.name.to_lowercase().replace(' ', "-")),
        name,
        channel: channel.clone(),
        origin,
        length,
        events: Vec::new(),
        extra: Default::default(),
    })
}

impl AppState {
    /// Stores a schedule made in the app and opens it.
    pub fn create(self, schedule: Schedule, what: &str) {
        let what = what.to_owned();
        let library = Library {
            schedules: vec![schedule],
            playlists: Vec::new(),
        };
        spawn_local(async move {
            match self.store().insert(library.clone()).await {
                Ok(mut stored) => {
                    self.remember(&stored);
                    self.stored_a_change();
                    if let Some(schedule) = stored.schedules.pop() {
                        self.notice
                            .set(Some(format!("Created “{}”.", schedule.name)));
                        self.close();
                        self.playlist_open.set(None);
                        self.open_loaded(schedule.id.clone(), schedule, History::new());
                    }
                }
                Err(StorageError::Full) => {
                    self.unsaved.set(Some(super::Unsaved::full(what, library)))
                }
                Err(e) => self.notice.set(Some(format!(
                    "“{what}” could not be saved: {e}; nothing was added"
                ))),
            }
        });
    }

    /// Builds a schedule from playlist `playlist` (with `filler` for the end) as the form says,
    /// without storing anything: the dialog's live preview.
    pub fn preview_build(
        self,
        playlist: &str,
        filler: Option<&str>,
        form: &BuildForm,
    ) -> Result<Built, Vec<FieldError>> {
        self.library.with(|l| {
            let find = |id: &str| l.playlists.iter().find(|p| p.id == id);
            let Some(p) = find(playlist) else {
                return Err(vec![FieldError {
                    field: "playlist".into(),
                    message: "choose a playlist to schedule".into(),
                }]);
            };
            let request = form.request(p)?;
            let filler = filler.and_then(find);
            build(p, filler, &request).map_err(|e| {
                vec![FieldError {
                    field: "build".into(),
                    message: e.to_string(),
                }]
            })
        })
    }
}
