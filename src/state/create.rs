//! Schedules made in the app: a new empty one for a channel and a range of broadcast days, or
//! one built from a playlist ("Schedule a playlist", previewed first). Each is built and stored
//! on the desk (`crate::desk`, in the document worker), then opened there.

use jiff::civil::Date;
use jiff::ToSpan;
use leptos::prelude::*;
use scheduleflow_engine::build::form::BuildForm;
use scheduleflow_engine::channel::Channel;
use scheduleflow_engine::edit::FieldError;
use scheduleflow_engine::model::Schedule;
use scheduleflow_engine::time::Rounding;

use super::AppState;
use crate::desk::{Made, Making, NotCreated, Preview, Reply, Request, ToBuild};

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
    /// Stores the schedule `making` says as a new record (on the desk, where it is built) and
    /// opens it. `then` hears the fields a build found wrong (nothing was stored), else
    /// `Ok` once storage has answered (a refusal is said on the status line, or offered as a
    /// download when storage is full).
    pub fn create(
        self,
        making: Making,
        what: &str,
        then: impl FnOnce(Result<(), Vec<FieldError>>) + 'static,
    ) {
        let what = what.to_owned();
        self.port().send(Request::Create(making), move |reply| {
            let Reply::Created(created) = reply else {
                return;
            };
            match created {
                Ok(Made { id, name }) => {
                    self.saved(&id, 1);
                    self.notice.set(Some(format!("Created “{name}”.")));
                    then(Ok(()));
                    self.open_made(id, name);
                }
                Err(NotCreated::Fields(errors)) => then(Err(errors)),
                Err(NotCreated::Full(library)) => {
                    then(Ok(()));
                    self.unsaved.set(Some(super::Unsaved::full(what, *library)));
                }
                Err(NotCreated::Failed(e)) => {
                    then(Ok(()));
                    self.notice.set(Some(format!(
                        "“{what}” could not be saved: {e}; nothing was added"
                    )));
                }
            }
        });
    }

    /// What "Schedule a playlist" asks of the desk: playlist `playlist` (with `filler` for the
    /// end) built as `form` says.
    pub fn to_build(
        self,
        playlist: &str,
        filler: Option<&str>,
        form: BuildForm,
    ) -> Result<ToBuild, Vec<FieldError>> {
        self.library.with(|l| {
            let find = |id: &str| l.playlists.iter().find(|p| p.id == id).cloned();
            let Some(playlist) = find(playlist) else {
                return Err(vec![FieldError {
                    field: "playlist".into(),
                    message: "choose a playlist to schedule".into(),
                }]);
            };
            Ok(ToBuild {
                playlist,
                filler: filler.and_then(find),
                form,
            })
        })
    }

    /// Builds `asked` on the desk for the dialog's live preview, storing nothing; `then` has
    /// what it built.
    pub fn preview_build(
        self,
        asked: ToBuild,
        then: impl FnOnce(Result<Preview, Vec<FieldError>>) + 'static,
    ) {
        self.port()
            .send(Request::Preview(Box::new(asked)), move |reply| {
                if let Reply::Preview(preview) = reply {
                    then(preview.map(|p| *p));
                }
            });
    }

    /// The preview's dialog closed: the desk lets go of what it built.
    pub fn end_preview(self) {
        self.tell_desk(Request::PreviewEnd);
    }
}
