//! What the page asks of the desk, and what the desk answers, as values that cross as messages:
//! a `Request` is handled at once where it can be (`Handled::Now`: an ask, a small command),
//! else later (`Handled::Later`: an open, a copy, a command whose events are copied first),
//! and answered with a `Reply`.

use std::collections::BTreeMap;

use futures::future::LocalBoxFuture;
use futures::FutureExt;
use jiff::civil::Date;
use scheduleflow_engine::channel::Channel;
use scheduleflow_engine::command::{Command, NotMade};
use scheduleflow_engine::edit::FieldError;
use scheduleflow_engine::format::Format;
use scheduleflow_engine::in_view::{Answer, Ask};
use scheduleflow_engine::model::{Event, Playlist};
use scheduleflow_engine::summary::ScheduleSummary;
use scheduleflow_engine::validate::Separation;
use serde::{Deserialize, Serialize};

use super::{
    Began, Closed, Desk, Made, Making, NotCreated, Opening, PlanOnto, Planned, Preview, Said,
    ToBuild, Warnings,
};

/// What the page asks of the desk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Open schedule `id` (closing the open one first is the page's to ask).
    Open {
        id: String,
    },
    /// Open schedule `id`, just made by a `Create`.
    OpenMade {
        id: String,
    },
    /// Build for "Schedule a playlist"'s preview.
    Preview(Box<ToBuild>),
    /// The preview's dialog closed.
    PreviewEnd,
    /// Store a new schedule (built here, or the page's).
    Create(Making),
    Close,
    /// Record `id` is gone (deleted).
    Forget {
        id: String,
    },
    /// The library was read again from storage, with these revisions.
    Reloaded {
        revisions: BTreeMap<String, u32>,
    },
    /// The library was read again: storage has the open schedule at `stored` (`None`: gone).
    Follow {
        stored: Option<u32>,
    },
    /// The page stored schedule `id` at `revision`.
    StoredAt {
        id: String,
        revision: u32,
    },
    Ask(Ask),
    /// Run a command at once.
    Run(Command),
    /// Run a command once the events it puts in are copied ahead (at once if that is little),
    /// if the open schedule is then still as it was when asked, or as `at` says.
    RunWhenReady {
        command: Command,
        what: String,
        at: Option<(String, u64)>,
    },
    CopyDay {
        from: Date,
        to: Vec<Date>,
    },
    /// The events at these rows, copied (for the clipboard).
    EventsAt {
        indices: Vec<usize>,
    },
    /// A playlist of the events at these rows.
    PlaylistOf {
        indices: Vec<usize>,
    },
    /// What changing the open schedule to `channel` would round.
    ChannelChange {
        channel: Channel,
    },
    /// Nothing: answered after every request sent before it.
    Ping,
    /// The library row of closed schedule `id`, its whole check run.
    Row {
        id: String,
    },
    /// Apply a plan onto the open schedule (or say what that would do).
    Plan(Box<PlanOnto>),
    /// Check the open schedule against separation rules; answer with the first `listed`
    /// warnings and their count.
    CheckRules {
        rules: Separation,
        listed: usize,
    },
    /// Begin export `line` of schedule `id` in `format` (`None`: as part of a library).
    ExportBegin {
        line: u64,
        id: String,
        format: Option<Format>,
    },
    ExportNext {
        line: u64,
    },
    ExportEnd {
        line: u64,
    },
}

impl Request {
    /// Whether what the views show waits on this request's reply (the table says it is busy
    /// until it comes). Work on the side does not: an export, a check of rules or of a library
    /// row, the build dialog's preview, a new schedule being stored (its opening does), what a
    /// dialog or the clipboard asks for.
    pub fn holds_the_views(&self) -> bool {
        !matches!(
            self,
            Request::ExportBegin { .. }
                | Request::ExportNext { .. }
                | Request::ExportEnd { .. }
                | Request::CheckRules { .. }
                | Request::Row { .. }
                | Request::Preview(_)
                | Request::PreviewEnd
                | Request::Create(_)
                | Request::Plan(_)
                | Request::ChannelChange { .. }
                | Request::EventsAt { .. }
                | Request::PlaylistOf { .. }
                | Request::StoredAt { .. }
        )
    }
}

/// The desk's answer to a `Request`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Done,
    Opening(Opening),
    Closed(Option<Box<Closed>>),
    /// Whether the open schedule is still open after a reload.
    Following(bool),
    Answer(Answer),
    Made(Result<Said, NotMade>),
    Events(Vec<Event>),
    Playlist(Option<Playlist>),
    Rounding(Result<Vec<String>, String>),
    Planned(Result<Box<Planned>, String>),
    Warnings(Warnings),
    Export(Result<Began, String>),
    Piece(Result<Option<String>, String>),
    Row(Option<Box<ScheduleSummary>>),
    Preview(Result<Box<Preview>, Vec<FieldError>>),
    Created(Result<Made, NotCreated>),
}

/// A request handled at once, or a reply to wait for.
pub enum Handled {
    Now(Reply),
    Later(LocalBoxFuture<'static, Reply>),
}

impl std::fmt::Debug for Handled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Handled::Now(reply) => f.debug_tuple("Now").field(reply).finish(),
            Handled::Later(_) => f.write_str("Later"),
        }
    }
}

impl Desk {
    /// Handles `request`. What it depends on (which schedule is open, how many changes it
    /// has taken) is taken as it is now, not when a later reply's work first runs.
    pub fn handle(&self, request: Request) -> Handled {
        use Handled::{Later, Now};
        match request {
            Request::Open { id } => {
                let desk = self.clone();
                Later(async move { Reply::Opening(desk.open(id).await) }.boxed_local())
            }
            Request::OpenMade { id } => {
                let desk = self.clone();
                Later(async move { Reply::Opening(desk.open_made(id).await) }.boxed_local())
            }
            Request::Preview(asked) => Now(Reply::Preview(self.preview(*asked).map(Box::new))),
            Request::PreviewEnd => {
                self.end_preview();
                Now(Reply::Done)
            }
            Request::Create(making) => {
                let desk = self.clone();
                Later(async move { Reply::Created(desk.create(making).await) }.boxed_local())
            }
            Request::Close => Now(Reply::Closed(self.close().map(Box::new))),
            Request::Forget { id } => {
                self.forget(&id);
                Now(Reply::Done)
            }
            Request::Reloaded { revisions } => {
                self.reloaded(&revisions);
                Now(Reply::Done)
            }
            Request::Follow { stored } => Now(Reply::Following(self.follow(stored))),
            Request::StoredAt { id, revision } => {
                self.stored_at(&id, revision);
                Now(Reply::Done)
            }
            Request::Ask(ask) => Now(Reply::Answer(self.answer(&ask))),
            Request::Run(command) => Now(Reply::Made(self.run(command))),
            Request::RunWhenReady { command, what, at } => {
                let at = at.or_else(|| self.key());
                if at == self.key() && self.ready(&command) {
                    return Now(Reply::Made(self.run(command)));
                }
                let run = self.run_when_ready(command, what, at);
                Later(async move { Reply::Made(run.await) }.boxed_local())
            }
            Request::CopyDay { from, to } => {
                let copy = self.copy_day(from, to);
                Later(async move { Reply::Made(copy.await) }.boxed_local())
            }
            Request::EventsAt { indices } => Now(Reply::Events(
                self.with_session(|s| s.events_at(&indices))
                    .unwrap_or_default(),
            )),
            Request::PlaylistOf { indices } => Now(Reply::Playlist(
                self.with_session(|s| s.playlist_of(&indices)).flatten(),
            )),
            Request::ChannelChange { channel } => Now(Reply::Rounding(
                self.with_session(|s| s.channel_change(&channel))
                    .unwrap_or(Ok(Vec::new())),
            )),
            Request::Ping => Now(Reply::Done),
            Request::Row { id } => {
                let desk = self.clone();
                Later(async move { Reply::Row(desk.row_of(&id).await.map(Box::new)) }.boxed_local())
            }
            Request::Plan(asked) => {
                let desk = self.clone();
                Later(
                    async move { Reply::Planned(desk.plan_onto_open(*asked).await.map(Box::new)) }
                        .boxed_local(),
                )
            }
            Request::CheckRules { rules, listed } => {
                let desk = self.clone();
                Later(
                    async move { Reply::Warnings(desk.check_rules(rules, listed).await) }
                        .boxed_local(),
                )
            }
            Request::ExportBegin { line, id, format } => {
                let desk = self.clone();
                Later(
                    async move { Reply::Export(desk.begin_export(line, id, format).await) }
                        .boxed_local(),
                )
            }
            Request::ExportNext { line } => Now(Reply::Piece(self.next_piece(line))),
            Request::ExportEnd { line } => {
                self.end_export(line);
                Now(Reply::Done)
            }
        }
    }
}
