//! "Apply to dates" as a job: a channel's plan applied to a range of dates as a new schedule, in
//! a worker (or, without one, on the page). The page sends the plan, the dates and the
//! library's playlists; the job answers with what the preview shows and, when asked, the new
//! schedule stored. `run` is also what the desk runs onto the open schedule's window
//! (`desk/plan.rs`).

use jiff::civil::Date;
use scheduleflow_engine::format::sf_json;
use scheduleflow_engine::model::{Library, Playlist, Schedule};
use scheduleflow_engine::on_air::OnAir;
use scheduleflow_engine::rules::{apply, Applied, ApplyRequest, PlanFile};
use scheduleflow_engine::time::{Frames, Timecode};
use scheduleflow_engine::validate::{check_separation, count, validate};
use serde::{Deserialize, Serialize};

use super::work::{store, Done, Stored, Written};
use crate::import::{Outcome, Report};

/// How many gaps and notes the preview lists; its counts say how many there are.
pub const LISTED: usize = 12;

/// What the job is to do once the rules ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Then {
    /// Only say what applying would do.
    Preview,
    /// Store the new schedule.
    Store,
}

/// A plan to apply; the playlists it reads travel beside it as ScheduleFlow JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanJob {
    pub plan: PlanFile,
    pub from: Date,
    pub to: Date,
    /// The new schedule's id and name.
    pub id: String,
    pub name: String,
    /// Ids in use outside the window that the rules' events must not take.
    pub reserved: Vec<String>,
    pub then: Then,
}

/// One stretch the rules left empty, as the preview lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapLine {
    pub at: String,
    pub length: String,
    pub why: String,
}

/// What applying would do, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFacts {
    pub made: usize,
    pub kept: usize,
    pub replaced: usize,
    pub gaps: usize,
    pub notes: usize,
    /// The first [`LISTED`] gaps and notes.
    pub gap_lines: Vec<GapLine>,
    pub note_lines: Vec<String>,
    /// The checks of what the dates would hold (the separation rules included).
    pub errors: usize,
    pub warnings: usize,
    /// The applied schedule's length (past the window's, it does not fit the open schedule).
    pub length: Frames,
    /// Where the change goes in the schedule applied onto: `count` of its events from `index`
    /// give way to the rules' (`None`: nothing changes).
    pub splice: Option<(usize, usize)>,
}

impl PlanFacts {
    fn of(applied: &Applied, separation_rules: &scheduleflow_engine::validate::Separation) -> Self {
        let schedule = &applied.schedule;
        let mut diagnostics = validate(schedule);
        diagnostics.extend(check_separation(schedule, separation_rules));
        let (errors, warnings) = count(&diagnostics);
        let clock = OnAir::new(schedule);
        PlanFacts {
            made: applied.made,
            kept: applied.kept,
            replaced: applied.replaced,
            gaps: applied.gaps.len(),
            notes: applied.notes.len(),
            gap_lines: applied
                .gaps
                .iter()
                .take(LISTED)
                .map(|g| GapLine {
                    at: clock.at(g.from),
                    length: Timecode::format_frames(g.to - g.from, schedule.rate()),
                    why: g.why.clone(),
                })
                .collect(),
            note_lines: applied
                .notes
                .iter()
                .take(LISTED)
                .map(|n| n.message.clone())
                .collect(),
            errors,
            warnings,
            length: schedule.length,
            splice: applied.splice().map(|s| (s.index, s.count)),
        }
    }
}

/// Applies the job's plan with `playlists`, onto `onto` (a window of a schedule) or as a new
/// schedule: the facts, and what was applied.
pub fn run(
    job: &PlanJob,
    playlists: &[Playlist],
    onto: Option<&Schedule>,
) -> Result<(PlanFacts, Applied), String> {
    let plan = job.plan.check().map_err(|e| e.to_string())?;
    let applied = apply(&ApplyRequest {
        plan: &plan,
        playlists,
        from: job.from,
        to: job.to,
        onto,
        id: job.id.clone(),
        name: job.name.clone(),
        reserved: &job.reserved,
    })
    .map_err(|e| e.to_string())?;
    Ok((PlanFacts::of(&applied, &plan.separation), applied))
}

/// The job as a worker (or the page without one) runs it, on the playlists' ScheduleFlow JSON:
/// its answer in the shape of an import's (a failure as a failed report, a new schedule
/// stored). A new schedule is stored once `may_store` lets it (see [`super::work::run`]).
pub async fn run_job<F>(
    name: &str,
    job: &PlanJob,
    bytes: &[u8],
    may_store: impl FnOnce() -> F,
) -> Done
where
    F: std::future::Future<Output = bool>,
{
    run_then_keep(name, job, bytes, |report, library| async move {
        if may_store().await {
            store(report, library).await
        } else {
            super::work::not_stored(name)
        }
    })
    .await
}

/// [`run_job`], with `keep` storing a new schedule (IndexedDB in the browser, in memory in
/// tests).
pub async fn run_then_keep<F, Fut>(name: &str, job: &PlanJob, bytes: &[u8], keep: F) -> Done
where
    F: FnOnce(Report, Library) -> Fut,
    Fut: std::future::Future<Output = Done>,
{
    let failed = |message: String| Done::failed(name, message);
    let library = match std::str::from_utf8(bytes)
        .map_err(|e| e.to_string())
        .and_then(|text| sf_json::read(text).map_err(|e| e.to_string()))
    {
        Ok(library) => library,
        Err(e) => return failed(format!("the plan's playlists did not arrive: {e}")),
    };
    let (facts, applied) = match run(job, &library.playlists, None) {
        Ok(done) => done,
        Err(e) => return failed(e),
    };
    let report = Report {
        file: name.to_owned(),
        outcome: Outcome::Imported {
            format: "plan".into(),
            schedules: 1,
            playlists: 0,
            events: applied.schedule.events.len(),
            warnings: Vec::new(),
        },
    };
    let mut done = match job.then {
        Then::Preview => Done {
            report,
            stored: Stored::Nothing,
            summaries: Vec::new(),
            planned: None,
            written: Written::Nothing,
        },
        Then::Store => {
            let library = Library {
                schedules: vec![applied.schedule],
                playlists: Vec::new(),
            };
            keep(report, library).await
        }
    };
    done.planned = Some(Box::new(facts));
    done
}

/// What travels beside a plan job: the playlists.
pub fn library_text(playlists: &[Playlist]) -> String {
    sf_json::write_compact_parts(&[], playlists)
}
