//! Plans: reading a channel's plan file, "Apply to dates" (a preview first, then a new
//! schedule, the rules run as a job; or one undoable step on the open schedule, the rules run
//! on the desk where it is), and the open schedule's separation warnings.

use jiff::civil::Date;
use leptos::prelude::*;
use leptos::task::spawn_local;

use scheduleflow_engine::rules::PlanFile;
use scheduleflow_engine::validate::Separation;

use crate::desk::{PlanOnto, Planned, Reply, Request};
use crate::import::Outcome;
use crate::jobs::plan::{library_text, PlanFacts, PlanJob, Then};
use crate::jobs::{Done, Stored};
use crate::platform::tick;

use super::AppState;

/// Where "Apply to dates" puts what the rules make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanTarget {
    /// A new schedule of the dates.
    New,
    /// The open schedule, as one undoable step; its hand edits are kept.
    Open,
}

/// How many separation warnings the page lists (and is sent); the rest are counted.
pub const RULES_LISTED: usize = 200;

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
    /// The rules run as a job for a new schedule, and on the desk onto the open schedule (both
    /// in a worker where there is one), so the page does not wait.
    pub async fn preview_plan(
        self,
        channel: &str,
        from: Date,
        to: Date,
        target: PlanTarget,
    ) -> Result<PlanFacts, String> {
        if target == PlanTarget::Open {
            return self
                .plan_on_desk(channel, from, to, None)
                .await
                .map(|planned| planned.facts);
        }
        let (job, text) = self.plan_job(channel, from, to, Then::Preview)?;
        let (facts, _) = self.run_plan(job, text).await?;
        Ok(facts)
    }

    /// Applies `channel`'s plan to `from..=to`: a new schedule is stored (by the job) and
    /// opened; on the open schedule it is one undoable step, made on the desk (the dates'
    /// events never come to the page).
    pub async fn apply_plan(
        self,
        channel: &str,
        from: Date,
        to: Date,
        target: PlanTarget,
        label: String,
    ) -> Result<(), String> {
        if target == PlanTarget::Open {
            let planned = self.plan_on_desk(channel, from, to, Some(label)).await?;
            let Some(made) = planned.made else {
                self.notice.set(Some(
                    "Nothing changed: the dates already hold what the rules make.".into(),
                ));
                return Ok(());
            };
            let shown = self.shown(Reply::Made(made));
            // What the caller does next (closing the dialog) in a task of its own.
            tick().await;
            return shown.map_err(|_| self.notice.get_untracked().unwrap_or_default());
        }
        let (job, text) = self.plan_job(channel, from, to, Then::Store)?;
        let (_, done) = self.run_plan(job, text).await?;
        match done.stored {
            Stored::Added(stored) => {
                let id = stored.schedules.first().map(|s| s.id.clone());
                self.add_stored(stored, done.summaries);
                if let Some(id) = id {
                    self.notice
                        .set(Some(format!("Created “{}”.", self.schedule_name(&id))));
                    self.open(id);
                }
                Ok(())
            }
            Stored::Full(library) => {
                self.unsaved
                    .set(Some(super::Unsaved::full(done.report.file, library)));
                Ok(())
            }
            _ => Err(format!("{}: nothing came back to apply", done.report.file)),
        }
    }

    /// The plan of `channel`, if the dates are in order.
    fn plan_of(self, channel: &str, from: Date, to: Date) -> Result<PlanFile, String> {
        // Said here, not by a job that would count as failed in the Jobs panel: while the
        // first day is typed, the last one is often still before it.
        if to < from {
            return Err(format!("the dates end ({to}) before they start ({from})"));
        }
        self.plan_for(channel)
            .ok_or_else(|| format!("channel “{channel}” has no plan"))
    }

    /// Applies `channel`'s plan to `from..=to` of the open schedule on the desk (`apply`: the
    /// step's label; `None` only says what it would do).
    async fn plan_on_desk(
        self,
        channel: &str,
        from: Date,
        to: Date,
        apply: Option<String>,
    ) -> Result<Planned, String> {
        let plan = self.plan_of(channel, from, to)?;
        let playlists = self.library.with_untracked(|l| l.playlists.clone());
        let asked = PlanOnto {
            plan,
            from,
            to,
            playlists,
            apply,
        };
        match self.port().ask(Request::Plan(Box::new(asked))).await {
            Reply::Planned(planned) => planned.map(|p| *p),
            _ => Err("open a schedule on this channel first".into()),
        }
    }

    /// The job for `channel`'s plan and `from..=to` as a new schedule, and the library text it
    /// reads.
    fn plan_job(
        self,
        channel: &str,
        from: Date,
        to: Date,
        then: Then,
    ) -> Result<(PlanJob, String), String> {
        let plan = self.plan_of(channel, from, to)?;
        let text = self.library.with_untracked(|l| library_text(&l.playlists));
        let job = PlanJob {
            plan,
            from,
            to,
            id: format!("{}-{from}", channel.to_lowercase().replace(' ', "-")),
            name: format!("{channel} {from} to {to}"),
            reserved: Vec::new(),
            then,
        };
        Ok((job, text))
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
        let at = self
            .seen
            .heading
            .with_untracked(|h| h.as_ref().map(|h| (h.id.clone(), h.changes)))?;
        Some(RulesKey { at, rules })
    }

    /// Brings the separation warnings up to date with the open schedule: the desk checks it
    /// in slices, and again if it changed meanwhile. Until it ends, `rules_checking` says so
    /// and no warnings (with fixes for positions that may have moved) are offered.
    pub fn check_rules_soon(self) {
        if self.rules_run.with_value(|r| r.running) {
            return;
        }
        let key = self.rules_key();
        if self.rules_run.with_value(|r| r.checked == key) {
            self.rules_checking.set(false);
            return;
        }
        let Some(key) = key else {
            self.clear_rule_warnings();
            self.rules_checking.set(false);
            self.rules_run.update_value(|r| r.checked = None);
            return;
        };
        self.clear_rule_warnings();
        self.rules_checking.set(true);
        self.rules_run.update_value(|r| r.running = true);
        let request = Request::CheckRules {
            rules: key.rules.clone(),
            listed: RULES_LISTED,
        };
        self.port().send(request, move |reply| {
            self.rules_run.update_value(|r| r.running = false);
            let Reply::Warnings(found) = reply else {
                return;
            };
            // Kept if they describe the schedule as it is now; else checked again.
            if found.at.as_ref() == Some(&key.at) && self.rules_key().as_ref() == Some(&key) {
                self.rule_warnings.set(found.warnings);
                self.rule_warnings_total.set(found.total);
                self.rules_run.update_value(|r| r.checked = Some(key));
                self.rules_checking.set(false);
            } else {
                crate::desk::free_soon(found.warnings.into());
                self.check_rules_soon();
            }
        });
    }

    /// Takes the separation warnings away (the page holds only the few it lists).
    fn clear_rule_warnings(self) {
        if self.rule_warnings_total.get_untracked() > 0 {
            self.rule_warnings.set(Vec::new());
            self.rule_warnings_total.set(0);
        }
    }
}

/// What the separation warnings describe: the open schedule as it was (see `Desk::key`), and
/// its channel's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RulesKey {
    at: (String, u64),
    rules: Separation,
}

/// The separation check of the open schedule: what was checked last, and whether a check is
/// under way.
#[derive(Debug, Default)]
pub(super) struct RulesRun {
    checked: Option<RulesKey>,
    running: bool,
}
