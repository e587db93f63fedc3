//! Plans: reading a channel's plan file, "Apply to dates" (a preview first, then a new
//! schedule or one undoable step on the open schedule; the rules run as a job, sent only the
//! dates' part of the open schedule), and the open schedule's separation warnings.

use jiff::civil::Date;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::ops::Range;

use scheduleflow_engine::edit::Edit;
use scheduleflow_engine::ids::IdCounts;
use scheduleflow_engine::model::Schedule;
use scheduleflow_engine::pieces::{head, write_piece};
use scheduleflow_engine::rules::window::window;
use scheduleflow_engine::rules::PlanFile;
use scheduleflow_engine::session::Session;
use scheduleflow_engine::validate::{Separation, SeparationCheck};

use crate::import::Outcome;
use crate::jobs::plan::{library_text, PlanFacts, PlanJob, Then};
use crate::jobs::{Done, Stored};
use crate::platform::{tick, Slices};

use super::AppState;

/// Where "Apply to dates" puts what the rules make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanTarget {
    /// A new schedule of the dates.
    New,
    /// The open schedule, as one undoable step; its hand edits are kept.
    Open,
}

/// The window of the open schedule a plan is applied onto, as it was when cut.
#[derive(Debug)]
struct Cut {
    /// The schedule without its events.
    head: Schedule,
    /// Where the window is in the schedule.
    range: Range<usize>,
    /// The window's ids, counted as its events are read.
    ids: IdCounts,
    /// The session's count of changes then.
    changes: u64,
}

impl Cut {
    /// The events of `session` that applying rules to `from..=to` sees: found by binary search
    /// once the session's check ran, else all of them.
    fn of(session: &Session, from: Date, to: Date) -> Result<Cut, String> {
        let schedule = session.schedule();
        let range = match session.in_order() {
            Some(longest) => window(schedule, longest, from, to).map_err(|e| e.to_string())?,
            None => 0..schedule.events.len(),
        };
        Ok(Cut {
            head: head(schedule),
            range,
            ids: IdCounts::default(),
            changes: session.changes(),
        })
    }

    /// Whether `session` is still the schedule as it was cut.
    fn unchanged(&self, session: &Session) -> bool {
        session.changes() == self.changes && session.schedule().id == self.head.id
    }

    /// Refuses dates that run past the end of the schedule (its window does not grow).
    fn fits(&self, facts: &PlanFacts) -> Result<(), String> {
        if facts.length > self.head.length {
            Err(
                "the dates run past the end of the open schedule; apply them to a new schedule"
                    .into(),
            )
        } else {
            Ok(())
        }
    }
}

/// Events of the open schedule written to a plan job between frames.
const WINDOW_PIECE: usize = 2_000;

/// How often applying onto the open schedule is tried again with ids found taken.
const RETRIES: usize = 3;

impl AppState {
    /// The stored plan of channel `channel`.
    pub fn plan_for(self, channel: &str) -> Option<PlanFile> {
        self.plans
            .with(|plans| plans.iter().find(|p| p.channel.name == channel).cloned())
    }

    /// Reads a plan file's text: checked whole, then stored as its channel's plan (replacing
    /// the one there). A plan with a mistake is refused with the place of it.
    pub fn load_plan(self, file: &str, text: &str) -> Result<(), String> {
        let plan = PlanFile::parse(text).map_err(|e| format!("{file}: {e}"))?;
        self.save_plan(plan).map_err(|e| format!("{file}: {e}"))
    }

    /// Stores a plan (checked whole first) as its channel's plan, replacing the one there.
    pub fn save_plan(self, plan: PlanFile) -> Result<(), String> {
        plan.check().map_err(|e| e.to_string())?;
        let name = plan.channel.name.clone();
        self.plans.update(|plans| {
            plans.retain(|p| p.channel.name != name);
            plans.push(plan.clone());
            plans.sort_by(|a, b| a.channel.name.cmp(&b.channel.name));
        });
        spawn_local(async move {
            match self.store().put_plan(&plan).await {
                Ok(()) => {
                    self.notice
                        .set(Some(format!("Saved the plan of channel “{name}”.")));
                    self.stored_a_change();
                }
                Err(e) => self.notice.set(Some(format!(
                    "The plan of “{name}” could not be saved: {e}"
                ))),
            }
        });
        Ok(())
    }

    /// Reads the first file of a file picker as a plan; `plan_error` says what was wrong.
    pub fn open_plan_files(self, list: &web_sys::FileList) {
        let Some(file) = crate::platform::files::take(list).into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let name = file.name();
            let result = match crate::platform::files::read(&file, |_, _| {}).await {
                Ok(bytes) => String::from_utf8(bytes.to_vec())
                    .map_err(|_| format!("{name}: the file is not UTF-8 text; save it as UTF-8"))
                    .and_then(|text| self.load_plan(&name, &text)),
                Err(e) => Err(format!("{name}: {e}")),
            };
            self.plan_error.set(result.err());
        });
    }

    /// Removes channel `channel`'s plan.
    pub fn remove_plan(self, channel: String) {
        self.plans
            .update(|plans| plans.retain(|p| p.channel.name != channel));
        spawn_local(async move {
            match self.store().remove_plan(&channel).await {
                Ok(()) => {
                    self.notice
                        .set(Some(format!("Removed the plan of “{channel}”.")));
                    self.stored_a_change();
                }
                Err(e) => self.notice.set(Some(format!(
                    "The plan of “{channel}” could not be removed: {e}"
                ))),
            }
        });
    }

    /// Whether the open schedule is on `channel` (so the plan may be applied onto it).
    pub fn open_is_on(self, channel: &str) -> bool {
        self.open_channel().is_some_and(|c| c.name == channel)
    }

    /// What applying `channel`'s plan to `from..=to` would make, without changing anything.
    /// The rules run as a job (in a worker where there is one), so the page does not wait.
    pub async fn preview_plan(
        self,
        channel: &str,
        from: Date,
        to: Date,
        target: PlanTarget,
    ) -> Result<PlanFacts, String> {
        let (job, text, cut) = self
            .plan_job(channel, from, to, target, Then::Preview)
            .await?;
        let (facts, _) = self.run_plan(job, text).await?;
        if let Some(cut) = cut {
            cut.fits(&facts)?;
        }
        Ok(facts)
    }

    /// Applies `channel`'s plan to `from..=to`: a new schedule is stored (by the job) and
    /// opened; on the open schedule it is one undoable step, made of the events the job sends
    /// back (only the dates' events travel either way).
    pub async fn apply_plan(
        self,
        channel: &str,
        from: Date,
        to: Date,
        target: PlanTarget,
        label: String,
    ) -> Result<(), String> {
        let then = match target {
            PlanTarget::New => Then::Store,
            PlanTarget::Open => Then::Changes,
        };
        let (mut job, text, cut) = self.plan_job(channel, from, to, target, then).await?;
        // An id the rules' events took may be in use outside the window: then they are made
        // again without it (rare: ids the rules give name their day).
        for _ in 0..RETRIES {
            let (facts, done) = self.run_plan(job.clone(), text.clone()).await?;
            match (done.stored, &cut) {
                (Stored::Added(stored), None) => {
                    let id = stored.schedules.first().map(|s| s.id.clone());
                    self.add_stored(stored, done.summaries);
                    if let Some(id) = id {
                        self.notice
                            .set(Some(format!("Created “{}”.", self.schedule_name(&id))));
                        self.open(id);
                    }
                    return Ok(());
                }
                (Stored::Full(library), None) => {
                    self.unsaved
                        .set(Some(super::Unsaved::full(done.report.file, library)));
                    return Ok(());
                }
                (Stored::Made(mut made), Some(cut)) => {
                    cut.fits(&facts)?;
                    let events = made.schedules.pop().map(|s| s.events).unwrap_or_default();
                    // Each in a task of its own: the check of the ids, the edit (a month
                    // spliced in), and what the page draws after it.
                    tick().await;
                    let taken = self.taken_outside(cut, &events);
                    if !taken.is_empty() {
                        job.reserved.extend(taken);
                        continue;
                    }
                    tick().await;
                    self.apply_changes(cut, &facts, events, label).await?;
                    // What the caller does next (closing the dialog) in a task of its own.
                    tick().await;
                    return Ok(());
                }
                _ => return Err(format!("{}: nothing came back to apply", done.report.file)),
            }
        }
        Err(
            "the rules' events kept taking ids in use elsewhere in the schedule; apply again"
                .into(),
        )
    }

    /// The job for `channel`'s plan and `from..=to`, the library text it reads, and (onto the
    /// open schedule) the window of it that was cut: its events written a piece at a time
    /// between frames.
    async fn plan_job(
        self,
        channel: &str,
        from: Date,
        to: Date,
        target: PlanTarget,
        then: Then,
    ) -> Result<(PlanJob, String, Option<Cut>), String> {
        // Said here, not by a job that would count as failed in the Jobs panel: while the
        // first day is typed, the last one is often still before it.
        if to < from {
            return Err(format!("the dates end ({to}) before they start ({from})"));
        }
        let plan = self
            .plan_for(channel)
            .ok_or_else(|| format!("channel “{channel}” has no plan"))?;
        let mut cut = match target {
            PlanTarget::New => None,
            PlanTarget::Open => Some(
                self.with_session(|s| Cut::of(s, from, to))
                    .ok_or_else(|| "open a schedule on this channel first".to_owned())??,
            ),
        };
        let mut text = self
            .library
            .with_untracked(|l| library_text(cut.as_ref().map(|c| &c.head), &l.playlists));
        let mut pieces = Vec::new();
        if let Some(cut) = &mut cut {
            let mut slices = Slices::new();
            let mut at = cut.range.start;
            while at < cut.range.end {
                let end = (at + WINDOW_PIECE).min(cut.range.end);
                let piece = self
                    .with_session(|s| {
                        cut.unchanged(s).then(|| {
                            let run = &s.schedule().events[at..end];
                            run.iter().for_each(|e| {
                                cut.ids.add(e.id.as_str());
                            });
                            write_piece(run)
                        })
                    })
                    .flatten()
                    .ok_or("the schedule changed while its dates were read; try again")?;
                text.push_str(&piece);
                pieces.push(piece.len());
                at = end;
                slices.pause().await;
            }
        }
        let job = PlanJob {
            plan,
            from,
            to,
            onto: cut.is_some(),
            id: format!("{}-{from}", channel.to_lowercase().replace(' ', "-")),
            name: format!("{channel} {from} to {to}"),
            reserved: Vec::new(),
            pieces,
            then,
        };
        Ok((job, text, cut))
    }

    /// Runs a plan job; its facts and the rest of its answer, or why it failed.
    async fn run_plan(self, job: PlanJob, text: String) -> Result<(PlanFacts, Done), String> {
        let jobs = self.services.with_value(|s| s.jobs.clone());
        let name = format!(
            "Plan of {}, {} to {}",
            job.plan.channel.name, job.from, job.to
        );
        let mut done = jobs.plan(name, job, text).await;
        if let Outcome::Failed { message, .. } = &done.report.outcome {
            return Err(message.clone());
        }
        let facts = done
            .planned
            .take()
            .ok_or_else(|| format!("{}: the job said nothing of the plan", done.report.file))?;
        Ok((*facts, done))
    }

    /// Ids of `events` that events outside the cut window use.
    fn taken_outside(self, cut: &Cut, events: &[scheduleflow_engine::model::Event]) -> Vec<String> {
        self.with_session(|s| {
            let Some(ids) = s.ids() else {
                return Vec::new();
            };
            events
                .iter()
                .map(|e| e.id.as_str())
                .filter(|id| ids.count(id) > cut.ids.count(id))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
    }

    /// Applies the events a plan job sent back, if the open schedule is still the one cut.
    async fn apply_changes(
        self,
        cut: &Cut,
        facts: &PlanFacts,
        events: Vec<scheduleflow_engine::model::Event>,
        label: String,
    ) -> Result<(), String> {
        let Some((index, count)) = facts.splice else {
            self.notice.set(Some(
                "Nothing changed: the dates already hold what the rules make.".into(),
            ));
            return Ok(());
        };
        let edits = vec![Edit::Splice {
            index: cut.range.start + index,
            count,
            events: events.into(),
        }];
        let edit = Edit::Batch { label, edits };
        let unchanged = self.with_session(|s| cut.unchanged(s)).unwrap_or(false);
        if !unchanged {
            return Err("the schedule changed while the rules ran; apply again".into());
        }
        if self.edit_then_show(edit).await {
            Ok(())
        } else {
            Err(self.notice.get_untracked().unwrap_or_default())
        }
    }

    /// The separation rules of the open schedule's channel, from its plan.
    fn open_separation(self) -> Option<Separation> {
        let channel = self.open_channel()?.name;
        self.plan_for(&channel)
            .map(|p| p.separation)
            .filter(|s| *s != Separation::default())
    }

    /// What the separation warnings must describe now: the open schedule as changed so far,
    /// and its channel's rules (`None`: no rules, no warnings).
    fn rules_key(self) -> Option<RulesKey> {
        let rules = self.open_separation()?;
        let (id, changes, events) =
            self.with_session(|s| (s.schedule().id.clone(), s.changes(), s.len()))?;
        Some(RulesKey {
            id,
            changes,
            events,
            rules,
        })
    }

    /// Brings the separation warnings up to date with the open schedule: checked in slices
    /// (the first one at once, so a small schedule never shows none between), started again
    /// if the schedule changes meanwhile. Until it ends, `rules_checking` says so and no
    /// warnings (with fixes for positions that may have moved) are offered.
    pub fn check_rules_soon(self) {
        if self.rules_run.with_value(|r| r.running) {
            return;
        }
        if self.rules_slice() {
            return;
        }
        self.rules_run.update_value(|r| r.running = true);
        spawn_local(async move {
            loop {
                tick().await;
                if self.rules_slice() {
                    break;
                }
            }
            self.rules_run.update_value(|r| r.running = false);
        });
    }

    /// Takes the separation warnings away, freeing them in slices (a dense month's warnings,
    /// each fix holding events, took 20 ms to free).
    fn clear_rule_warnings(self) {
        if self.rule_warnings.with_untracked(Vec::is_empty) {
            return;
        }
        let old = self
            .rule_warnings
            .try_update(std::mem::take)
            .unwrap_or_default();
        crate::desk::free_soon(old.into());
    }

    /// One slice of the separation check; `true` once the warnings are up to date.
    fn rules_slice(self) -> bool {
        let key = self.rules_key();
        let fresh = self.rules_run.with_value(|r| r.checked == key);
        if fresh {
            self.rules_checking.set(false);
            return true;
        }
        let Some(key) = key else {
            self.clear_rule_warnings();
            self.rules_checking.set(false);
            self.rules_run.update_value(|r| {
                r.checked = None;
                r.check = None;
            });
            return true;
        };
        if self
            .rules_run
            .with_value(|r| r.check.as_ref().map(|(k, _)| k) != Some(&key))
        {
            let check = SeparationCheck::new(&key.rules);
            self.rules_run
                .update_value(|r| r.check = Some((key.clone(), check)));
            self.clear_rule_warnings();
            self.rules_checking.set(true);
        }
        let slice = Slices::new();
        loop {
            let found = self
                .rules_run
                .try_update_value(|r| {
                    let (_, check) = r.check.as_mut()?;
                    self.desk()
                        .with_session(|s| check.step(s.schedule(), RULES_STEP))
                        .flatten()
                })
                .flatten();
            if let Some(found) = found {
                self.rules_run.update_value(|r| {
                    r.check = None;
                    r.checked = Some(key);
                });
                self.rule_warnings.set(found);
                self.rules_checking.set(false);
                return true;
            }
            if slice.used_up() {
                return false;
            }
        }
    }
}

/// What the separation warnings describe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RulesKey {
    id: String,
    changes: u64,
    events: usize,
    rules: Separation,
}

/// The separation check of the open schedule: what was checked last, and a check under way.
#[derive(Debug, Default)]
pub(super) struct RulesRun {
    checked: Option<RulesKey>,
    check: Option<(RulesKey, SeparationCheck)>,
    running: bool,
}

/// Events the separation check takes between looks at the clock.
const RULES_STEP: usize = 250;
