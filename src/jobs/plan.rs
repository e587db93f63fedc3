//! "Apply to dates" as a job: a channel's plan applied to a range of dates as a new schedule, in
//! a worker (or, without one, on the page). The page sends the plan, the dates and the
//! library's playlists; the job answers with what the preview shows and, when asked, the new
//! schedule stored. `run` is also what the desk runs onto the open schedule's window
//! (`desk/plan.rs`). The job can still take a window in pieces (`onto`, `pieces`) and send its
//! changes back (`Then::Changes`), but the app no longer asks it to: that path is left for
//! removal.

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
    /// Send back the events that change (applied onto a schedule's window).
    Changes,
    /// Store the new schedule (applied to no schedule).
    Store,
}

/// A plan to apply; the library it reads travels beside it as ScheduleFlow JSON (the
/// playlists, and with `onto` the window of the schedule as its one schedule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanJob {
    pub plan: PlanFile,
    pub from: Date,
    pub to: Date,
    pub onto: bool,
    /// The new schedule's id and name (without `onto`).
    pub id: String,
    pub name: String,
    /// Ids in use outside the window that the rules' events must not take.
    pub reserved: Vec<String>,
    /// The window's events follow the library's text in pieces of these lengths (in bytes),
    /// each a run of events as storage writes them.
    pub pieces: Vec<usize>,
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
    /// Where the change goes in the events sent: `count` of them from `index` give way to
    /// the events sent back (`None`: nothing changes).
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

/// Applies the job's plan to what `library` holds: the facts, and what was applied.
pub fn run(job: &PlanJob, library: &Library) -> Result<(PlanFacts, Applied), String> {
    let plan = job.plan.check().map_err(|e| e.to_string())?;
    let onto = if job.onto {
        Some(
            library
                .schedules
                .first()
                .ok_or("the schedule to apply onto did not arrive")?,
        )
    } else {
        None
    };
    let applied = apply(&ApplyRequest {
        plan: &plan,
        playlists: &library.playlists,
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

/// The job as a worker (or the page without one) runs it, on the library's ScheduleFlow JSON:
/// its answer in the shape of an import's (a failure as a failed report, the events that
/// change as a library made but not stored, a new schedule stored).
/// A new schedule is stored once `may_store` lets it (see [`super::work::run`]).
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
    let library = match read_library(bytes, &job.pieces) {
        Ok(library) => library,
        Err(e) => return failed(format!("the plan's playlists did not arrive: {e}")),
    };
    let (facts, applied) = match run(job, &library) {
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
        Then::Changes => {
            let events = applied
                .splice()
                .map(|s| applied.schedule.events[s.events].to_vec())
                .unwrap_or_default();
            let changes = Schedule {
                events,
                ..applied.schedule
            };
            Done {
                report,
                stored: Stored::Made(Library {
                    schedules: vec![changes],
                    playlists: Vec::new(),
                }),
                summaries: Vec::new(),
                planned: None,
                written: Written::Nothing,
            }
        }
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

/// The library a plan job was sent: its text, then the window's events in `pieces`.
fn read_library(bytes: &[u8], pieces: &[usize]) -> Result<Library, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let events: usize = pieces.iter().sum();
    let head = text
        .len()
        .checked_sub(events)
        .and_then(|at| text.get(..at))
        .ok_or("its pieces are longer than the text")?;
    let mut library = sf_json::read(head).map_err(|e| e.to_string())?;
    let mut at = head.len();
    for &length in pieces {
        let piece = text
            .get(at..at + length)
            .ok_or("a piece does not end between characters")?;
        let events = scheduleflow_engine::pieces::read_piece(piece).map_err(|e| e.to_string())?;
        library
            .schedules
            .first_mut()
            .ok_or("pieces came without a schedule")?
            .events
            .extend(events);
        at += length;
    }
    Ok(library)
}

/// What travels beside a plan job: the playlists and, applying onto a schedule, its window's
/// head (its events follow in pieces).
pub fn library_text(window: Option<&Schedule>, playlists: &[Playlist]) -> String {
    sf_json::write_compact_parts(window.map(std::slice::from_ref).unwrap_or(&[]), playlists)
}

#[cfg(test)]
mod tests {
    use scheduleflow_engine::generate::{playlist, sample_channel, schedule};
    use scheduleflow_engine::pieces::{head, write_piece};
    use scheduleflow_engine::time::FrameRate;

    use super::*;

    /// A window's head and playlists as text, its events after it in runs of `run`.
    fn sent(window: &Schedule, library: &Library, run: usize) -> (String, Vec<usize>) {
        let mut text = library_text(Some(&head(window)), &library.playlists);
        let mut pieces = Vec::new();
        for events in window.events.chunks(run) {
            let piece = write_piece(events);
            text.push_str(&piece);
            pieces.push(piece.len());
        }
        (text, pieces)
    }

    #[test]
    fn a_window_sent_in_pieces_arrives_whole_and_a_broken_one_says_why() {
        let channel = sample_channel(FrameRate::FPS_25);
        let origin = channel
            .day_start_instant(jiff::civil::date(2026, 12, 1))
            .unwrap();
        let window = schedule(25, 2, channel, origin);
        let library = Library {
            schedules: Vec::new(),
            playlists: vec![playlist(3, 1, FrameRate::FPS_25)],
        };
        for run in [1, 7, 25] {
            let (text, pieces) = sent(&window, &library, run);
            let arrived = read_library(text.as_bytes(), &pieces).unwrap();
            assert_eq!(
                arrived,
                Library {
                    schedules: vec![window.clone()],
                    playlists: library.playlists.clone(),
                }
            );
        }
        let (text, mut pieces) = sent(&window, &library, 10);
        pieces[0] += 1;
        assert!(read_library(text.as_bytes(), &pieces).is_err());
        assert_eq!(
            read_library(text.as_bytes(), &[text.len() + 1]),
            Err("its pieces are longer than the text".into())
        );
    }
}
