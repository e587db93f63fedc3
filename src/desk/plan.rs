//! "Apply to dates" onto the open schedule, on the desk where the schedule is: the rules run on
//! a copy of the dates' window of it (the only events copied), and what they change is spliced
//! in as one undoable step, so that no event crosses to the page either way.

use jiff::civil::Date;
use scheduleflow_engine::command::{Command, NotMade};
use scheduleflow_engine::edit::Edit;
use scheduleflow_engine::ids::IdCounts;
use scheduleflow_engine::model::{Event, Playlist};
use scheduleflow_engine::rules::PlanFile;
use serde::{Deserialize, Serialize};

use super::{free_events_soon, Desk, Said};
use crate::jobs::plan::{run, PlanFacts, PlanJob, Then};

/// How often the rules run again with ids found taken outside the window.
const RETRIES: usize = 3;

const OPEN_FIRST: &str = "open a schedule on this channel first";

/// A channel's plan to apply to `from..=to` of the open schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanOnto {
    pub plan: PlanFile,
    pub from: Date,
    pub to: Date,
    pub playlists: Vec<Playlist>,
    /// The step's label to apply it; `None` only to say what it would do.
    pub apply: Option<String>,
}

/// What applying does, as the preview shows it, and (when applied) the step's outcome; `made`
/// is `None` for a preview or when the dates already hold what the rules make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Planned {
    pub facts: PlanFacts,
    pub made: Option<Result<Said, NotMade>>,
}

impl Desk {
    /// Applies `asked` onto the open schedule's window of its dates (or only says what that
    /// would do). An id the rules' events took may be in use outside the window: they are then
    /// made again without it (rare: ids the rules give name their day).
    pub async fn plan_onto_open(&self, asked: PlanOnto) -> Result<Planned, String> {
        let mut job = PlanJob {
            plan: asked.plan,
            from: asked.from,
            to: asked.to,
            id: String::new(),
            name: String::new(),
            reserved: Vec::new(),
            then: Then::Preview,
        };
        for _ in 0..RETRIES {
            let at = self.key().ok_or(OPEN_FIRST)?;
            let (mut window, range) = self.window_range(job.from, job.to)?;
            window.events = self
                .with_session(|s| s.schedule().events[range.clone()].to_vec())
                .ok_or(OPEN_FIRST)?;
            let (facts, applied) = match run(&job, &asked.playlists, Some(&window)) {
                Ok(ran) => ran,
                Err(e) => {
                    free_events_soon(window.events);
                    return Err(e);
                }
            };
            if facts.length > window.length {
                free_events_soon(window.events);
                return Err(
                    "the dates run past the end of the open schedule; apply them to a \
                            new schedule"
                        .into(),
                );
            }
            let change = asked.apply.as_ref().zip(applied.splice());
            let Some((label, splice)) = change else {
                free_events_soon(window.events);
                return Ok(Planned { facts, made: None });
            };
            let events = applied.schedule.events[splice.events].to_vec();
            free_events_soon(applied.schedule.events);
            let taken = self.taken_outside_window(&window.events, &events);
            free_events_soon(window.events);
            if !taken.is_empty() {
                job.reserved.extend(taken);
                continue;
            }
            let edit = Edit::Batch {
                label: label.clone(),
                edits: vec![Edit::Splice {
                    index: range.start + splice.index,
                    count: splice.count,
                    events: events.into(),
                }],
            };
            let label = edit.label();
            let made = self
                .run_when_ready(Command::Edit { edit, label }, "edit".into(), Some(at))
                .await;
            return Ok(Planned {
                facts,
                made: Some(made),
            });
        }
        Err(
            "the rules' events kept taking ids in use elsewhere in the schedule; apply again"
                .into(),
        )
    }

    /// The ids of `made` that events of the open schedule outside `window` (its events the
    /// rules read) use.
    pub(super) fn taken_outside_window(&self, window: &[Event], made: &[Event]) -> Vec<String> {
        let mut inside = IdCounts::default();
        window.iter().for_each(|e| {
            inside.add(e.id.as_str());
        });
        let inner = self.inner.borrow();
        let Some(all) = inner.open.as_ref().and_then(|o| o.session.ids()) else {
            return Vec::new();
        };
        made.iter()
            .map(|e| e.id.as_str())
            .filter(|id| all.count(id) > inside.count(id))
            .map(str::to_owned)
            .collect()
    }
}
