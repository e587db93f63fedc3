//! Plans: reading a channel's plan file, "Apply to dates" (a preview first, then a new
//! schedule or one undoable step on the open schedule), and the open schedule's separation
//! warnings.

use jiff::civil::Date;
use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::rules::{apply, Applied, ApplyRequest, PlanFile};
use scheduleflow_engine::validate::{check_separation, count, validate, Diagnostic, Separation};

use super::AppState;

/// Where "Apply to dates" puts what the rules make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanTarget {
    /// A new schedule of the dates.
    New,
    /// The open schedule, as one undoable step; its hand edits are kept.
    Open,
}

/// What applying a plan would do, before anything changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPreview {
    pub applied: Applied,
    pub errors: usize,
    pub warnings: usize,
}

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
        self.with_session(|s| s.schedule().channel.name == channel)
            .unwrap_or(false)
    }

    /// What applying `channel`'s plan to `from..=to` would make, without changing anything.
    pub fn preview_plan(
        self,
        channel: &str,
        from: Date,
        to: Date,
        target: PlanTarget,
    ) -> Result<PlanPreview, String> {
        let file = self
            .plan_for(channel)
            .ok_or_else(|| format!("channel “{channel}” has no plan"))?;
        let plan = file.check().map_err(|e| e.to_string())?;
        let run = |onto: Option<&scheduleflow_engine::model::Schedule>| {
            self.library.with(|l| {
                apply(&ApplyRequest {
                    plan: &plan,
                    playlists: &l.playlists,
                    from,
                    to,
                    onto,
                    id: format!("{}-{from}", channel.to_lowercase().replace(' ', "-")),
                    name: format!("{channel} {from} to {to}"),
                    reserved: &[],
                })
            })
        };
        let applied = match target {
            PlanTarget::New => run(None),
            PlanTarget::Open => self
                .with_session(|s| run(Some(s.schedule())))
                .ok_or_else(|| "open a schedule on this channel first".to_owned())?,
        }
        .map_err(|e: scheduleflow_engine::rules::PlanError| e.to_string())?;
        if target == PlanTarget::Open {
            let window = self
                .with_session(|s| s.schedule().length)
                .unwrap_or_default();
            if applied.schedule.length > window {
                return Err(
                    "the dates run past the end of the open schedule; apply them to a new schedule"
                        .into(),
                );
            }
        }
        let mut diagnostics = validate(&applied.schedule);
        diagnostics.extend(check_separation(&applied.schedule, &plan.separation));
        let (errors, warnings) = count(&diagnostics);
        Ok(PlanPreview {
            applied,
            errors,
            warnings,
        })
    }

    /// Applies the preview: a new schedule is stored and opened; on the open schedule it is one
    /// undoable step.
    pub fn apply_plan(self, preview: PlanPreview, target: PlanTarget, label: String) -> bool {
        match target {
            PlanTarget::New => {
                let name = preview.applied.schedule.name.clone();
                self.create(preview.applied.schedule, &name);
                true
            }
            PlanTarget::Open => self.edit(&preview.applied.edit(label)),
        }
    }

    /// The separation rules of the open schedule's channel, from its plan.
    fn open_separation(self) -> Option<Separation> {
        let channel = self.with_session(|s| s.schedule().channel.name.clone())?;
        self.plan_for(&channel)
            .map(|p| p.separation)
            .filter(|s| *s != Separation::default())
    }

    /// The open schedule's separation warnings (empty without rules). Reruns when it changes.
    pub fn rule_diagnostics(self) -> Vec<Diagnostic> {
        self.session_changed.track();
        let Some(rules) = self.open_separation() else {
            return Vec::new();
        };
        self.with_session(|s| check_separation(s.schedule(), &rules))
            .unwrap_or_default()
    }
}
