//! The messages between the page and an import worker: JSON text, plus beside it the file's
//! bytes (to the worker, transferred) or the stored library (back): its compact ScheduleFlow JSON
//! without events, and each schedule's events in runs of broadcast days in one transferred
//! buffer, so that the large part is never escaped into another JSON string and the page reads
//! it a piece at a time between frames.

use js_sys::{Array, Object, Reflect, Uint8Array};
use scheduleflow_engine::format::sf_json;
use scheduleflow_engine::model::Library;
use scheduleflow_engine::pieces;
use scheduleflow_engine::summary::ScheduleSummary;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, Worker};

use super::work::{Done, Stored, Written};
use crate::import::Report;

/// Page to worker: a job, its bytes beside the JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub job: u64,
    pub name: String,
    pub work: Work,
}

/// What a job is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Work {
    /// Import the file whose bytes travel beside, assuming `Setup` where it is silent.
    Import(crate::import::Setup),
    /// Apply a plan to dates; the library it reads travels beside as ScheduleFlow JSON.
    Plan(Box<super::plan::PlanJob>),
}

/// Worker to page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Message {
    /// The worker is listening.
    Ready,
    /// The file checked out; storing it now.
    Saving { job: u64 },
    /// Beside it travels what the job is storing (its schedules' heads, its playlists), the
    /// transaction not yet committed: the page reads it meanwhile and keeps it only if the
    /// job's `Done` says it was stored (the rows come with the `Done`).
    Written { job: u64 },
    /// Beside it travels a library, `kept` says which; or none. A plan job also sends what
    /// its preview shows.
    Done {
        job: u64,
        report: Report,
        kept: Kept,
        summaries: Vec<ScheduleSummary>,
        planned: Option<Box<super::plan::PlanFacts>>,
    },
}

/// What the library beside a finished job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kept {
    /// What was stored.
    Added,
    /// What could not be stored for lack of room.
    Full,
}

/// A library on its way to the page: its document without events, and each schedule's events
/// in pieces (see the engine's `pieces`), in the document's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wire<P = String> {
    pub head: String,
    pub pieces: Vec<Vec<P>>,
}

/// A piece's text as it arrives: a Rust string, or on the page a part of the bytes the message
/// carried, copied out only when its turn comes. (As JavaScript strings, a million events'
/// worth took a long task to turn into Rust strings, and another for the collector.)
pub trait PieceText {
    fn text(self) -> Option<String>;
}

impl PieceText for String {
    fn text(self) -> Option<String> {
        Some(self)
    }
}

/// Bytes `start..end` of the pieces' UTF-8 the page received.
#[derive(Debug, Clone)]
pub struct Slice {
    bytes: Uint8Array,
    start: u32,
    end: u32,
}

impl PieceText for Slice {
    fn text(self) -> Option<String> {
        String::from_utf8(self.bytes.subarray(self.start, self.end).to_vec()).ok()
    }
}

impl Wire {
    /// `library` without its schedules' events: what the page keeps of a stored library,
    /// whose schedules' events stay in storage until one is opened.
    pub fn heads(library: &Library) -> Wire {
        Wire {
            head: Wire::head(library),
            pieces: vec![Vec::new(); library.schedules.len()],
        }
    }

    fn head(library: &Library) -> String {
        let head = Library {
            schedules: library.schedules.iter().map(pieces::head).collect(),
            playlists: library.playlists.clone(),
        };
        sf_json::write_compact(&head)
    }

    pub fn of(library: &Library) -> Wire {
        Wire {
            head: Wire::head(library),
            pieces: Wire::pieces(library),
        }
    }

    /// Each schedule's events as the pieces storage is given (ScheduleFlow JSON).
    pub fn pieces(library: &Library) -> Vec<Vec<String>> {
        library
            .schedules
            .iter()
            .map(|s| {
                pieces::write_pieces(s)
                    .into_iter()
                    .map(|p| p.json)
                    .collect()
            })
            .collect()
    }
}

impl Message {
    /// The answer for a finished job, and the library to send beside it.
    pub fn done(job: u64, done: &mut Done) -> (Message, Option<Wire>) {
        let written = std::mem::take(&mut done.written);
        let (library, kept) = match &done.stored {
            Stored::Added(library) => (
                match written {
                    Written::Sent => None,
                    Written::Nothing => Some(Wire::heads(library)),
                },
                Kept::Added,
            ),
            Stored::Full(library) => (Some(Wire::of(library)), Kept::Full),
            Stored::Nothing => (None, Kept::Added),
        };
        let message = Message::Done {
            job,
            report: done.report.clone(),
            kept,
            summaries: done.summaries.clone(),
            planned: done.planned.clone(),
        };
        (message, library)
    }
}

/// Reads a worker's answer back into what the page applies, a piece at a time: each `step`
/// reads one piece, so the page can paint between them (a million events are two hundred
/// pieces). A library that does not read back (it never should: the worker wrote it) becomes
/// a failed report, not a panic.
#[derive(Debug)]
pub struct Answer<P = String> {
    report: Report,
    kept: Kept,
    summaries: Vec<ScheduleSummary>,
    planned: Option<Box<super::plan::PlanFacts>>,
    library: Option<LibraryReading<P>>,
}

impl<P: PieceText> Answer<P> {
    pub fn new(
        report: Report,
        library: Option<Wire<P>>,
        kept: Kept,
        summaries: Vec<ScheduleSummary>,
        planned: Option<Box<super::plan::PlanFacts>>,
    ) -> Answer<P> {
        Answer {
            library: library.map(LibraryReading::new),
            report,
            kept,
            summaries,
            planned,
        }
    }

    fn failed(&self, e: impl std::fmt::Display) -> Done {
        let file = &self.report.file;
        Done::failed(
            file,
            format!("{file}: the worker's answer did not read back: {e}"),
        )
    }

    /// Reads the next part; the job's outcome once all of it is read.
    pub fn step(&mut self) -> Option<Done> {
        let read = match &mut self.library {
            None => None,
            Some(reading) => match reading.step()? {
                Ok(library) => Some(library),
                Err(e) => return Some(self.failed(e)),
            },
        };
        Some(self.outcome(read))
    }

    /// The outcome of a job whose library came ahead of its answer (`Message::Written`) and
    /// was read meanwhile (`None` if it was not).
    pub fn stored_ahead(mut self, ahead: Option<Result<Library, String>>) -> Done {
        match ahead {
            Some(Ok(library)) => self.outcome(Some(library)),
            Some(Err(e)) => self.failed(e),
            None => self.failed("it was not read"),
        }
    }

    fn outcome(&mut self, library: Option<Library>) -> Done {
        let stored = match (library, self.kept) {
            (None, _) => Stored::Nothing,
            (Some(library), Kept::Added) => Stored::Added(library),
            (Some(library), Kept::Full) => Stored::Full(library),
        };
        Done {
            report: self.report.clone(),
            stored,
            summaries: std::mem::take(&mut self.summaries),
            planned: self.planned.take(),
            written: Written::Nothing,
        }
    }
}

/// Reads a library sent beside a message, a piece at a time.
#[derive(Debug)]
pub struct LibraryReading<P = String> {
    state: Reading<P>,
}

#[derive(Debug)]
enum Reading<P> {
    Head(Wire<P>),
    Pieces {
        library: Library,
        pieces: Vec<std::vec::IntoIter<P>>,
        schedule: usize,
    },
    Done,
}

impl<P: PieceText> LibraryReading<P> {
    pub fn new(wire: Wire<P>) -> LibraryReading<P> {
        LibraryReading {
            state: Reading::Head(wire),
        }
    }

    /// Reads the next part; the library once all of it is read, or why it does not read.
    pub fn step(&mut self) -> Option<Result<Library, String>> {
        match std::mem::replace(&mut self.state, Reading::Done) {
            Reading::Head(wire) => {
                let library = match sf_json::read(&wire.head) {
                    Ok(library) => library,
                    Err(e) => return Some(Err(e.to_string())),
                };
                if library.schedules.len() != wire.pieces.len() {
                    return Some(Err("its schedules and their events do not match".into()));
                }
                self.state = Reading::Pieces {
                    library,
                    pieces: wire.pieces.into_iter().map(Vec::into_iter).collect(),
                    schedule: 0,
                };
                None
            }
            Reading::Pieces {
                mut library,
                mut pieces,
                mut schedule,
            } => {
                while schedule < pieces.len() {
                    if let Some(piece) = pieces[schedule].next() {
                        let Some(piece) = piece.text() else {
                            return Some(Err("a piece is not text".into()));
                        };
                        match pieces::read_piece(&piece) {
                            Ok(events) => library.schedules[schedule].events.extend(events),
                            Err(e) => return Some(Err(e.to_string())),
                        }
                        self.state = Reading::Pieces {
                            library,
                            pieces,
                            schedule,
                        };
                        return None;
                    }
                    schedule += 1;
                }
                Some(Ok(library))
            }
            Reading::Done => Some(Err("it was read already".into())),
        }
    }
}

/// The properties of a message on the wire: its JSON, and beside it the file's bytes (to the
/// worker) or a stored library's ScheduleFlow JSON (back).
const JSON: &str = "json";
/// Page to worker, beside no request: the job that said it is saving may store.
const STORE: &str = "store";
const BYTES: &str = "bytes";
const LIBRARY: &str = "library";
const PIECES: &str = "pieces";
const LENGTHS: &str = "lengths";

fn json_of(data: &JsValue) -> Option<String> {
    Reflect::get(data, &JSON.into()).ok()?.as_string()
}

/// Posts `request` to `worker`, the file's bytes transferred rather than copied.
pub fn post_request(worker: &Worker, request: &Request, bytes: &Uint8Array) -> Result<(), JsValue> {
    let envelope = request_envelope(request, bytes)?;
    worker.post_message_with_transfer(&envelope, &Array::of1(&bytes.buffer()))
}

/// What [`post_request`] posts.
pub fn request_envelope(request: &Request, bytes: &Uint8Array) -> Result<Object, JsValue> {
    let envelope = Object::new();
    let text = serde_json::to_string(request).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Reflect::set(&envelope, &JSON.into(), &JsValue::from_str(&text))?;
    Reflect::set(&envelope, &BYTES.into(), bytes)?;
    Ok(envelope)
}

/// Tells a worker that job `job`, which said it is saving, was not cancelled: it may store.
pub fn post_store(worker: &Worker, job: u64) -> Result<(), JsValue> {
    worker.post_message(&store_envelope(job)?.into())
}

/// What [`post_store`] posts.
pub fn store_envelope(job: u64) -> Result<Object, JsValue> {
    let envelope = Object::new();
    Reflect::set(&envelope, &STORE.into(), &JsValue::from_f64(job as f64))?;
    Ok(envelope)
}

/// The job a worker may now store, if that is what `data` says.
pub fn read_store(data: &JsValue) -> Option<u64> {
    let job = Reflect::get(data, &STORE.into()).ok()?.as_f64()?;
    (job >= 0.0 && job.fract() == 0.0).then_some(job as u64)
}

/// The request and the file's bytes a worker received.
pub fn read_request(data: &JsValue) -> Option<(Request, Vec<u8>)> {
    let request = serde_json::from_str(&json_of(data)?).ok()?;
    let bytes = Reflect::get(data, &BYTES.into())
        .ok()
        .and_then(|v| v.dyn_into::<Uint8Array>().ok())
        .map(|b| b.to_vec())
        .unwrap_or_default();
    Some((request, bytes))
}

/// Posts `message` (and a stored library) from a worker to the page: the pieces travel as one
/// buffer of UTF-8, transferred rather than copied, with each piece's length beside it.
pub fn post_message(
    scope: &DedicatedWorkerGlobalScope,
    message: &Message,
    library: Option<&Wire>,
) -> Result<(), JsValue> {
    let envelope = Object::new();
    let text = serde_json::to_string(message).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Reflect::set(&envelope, &JSON.into(), &JsValue::from_str(&text))?;
    let transfer = Array::new();
    if let Some(library) = library {
        Reflect::set(
            &envelope,
            &LIBRARY.into(),
            &JsValue::from_str(&library.head),
        )?;
        let total: usize = library.pieces.iter().flatten().map(String::len).sum();
        let too_large = || JsValue::from_str("the schedule is too large to send");
        // Each piece is copied straight into the buffer that is sent, not joined in wasm memory
        // first: for a year of spots that would be hundreds of megabytes more at the peak.
        let bytes = Uint8Array::new_with_length(u32::try_from(total).map_err(|_| too_large())?);
        let mut at = 0u32;
        let mut lengths: Vec<Vec<usize>> = Vec::with_capacity(library.pieces.len());
        for pieces in &library.pieces {
            let mut these = Vec::with_capacity(pieces.len());
            for p in pieces {
                let end = at + u32::try_from(p.len()).map_err(|_| too_large())?;
                bytes.subarray(at, end).copy_from(p.as_bytes());
                at = end;
                these.push(p.len());
            }
            lengths.push(these);
        }
        let lengths =
            serde_json::to_string(&lengths).map_err(|e| JsValue::from_str(&e.to_string()))?;
        Reflect::set(&envelope, &LENGTHS.into(), &JsValue::from_str(&lengths))?;
        Reflect::set(&envelope, &PIECES.into(), &bytes)?;
        transfer.push(&bytes.buffer());
    }
    scope.post_message_with_transfer(&envelope, &transfer)
}

/// The message (and library) the page received from a worker.
pub fn read_message(data: &JsValue) -> Option<(Message, Option<Wire<Slice>>)> {
    let message = serde_json::from_str(&json_of(data)?).ok()?;
    let head = Reflect::get(data, &LIBRARY.into())
        .ok()
        .and_then(|v| v.as_string());
    let library = head.map(|head| {
        let lengths: Vec<Vec<u32>> = Reflect::get(data, &LENGTHS.into())
            .ok()
            .and_then(|v| v.as_string())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        let bytes = Reflect::get(data, &PIECES.into())
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
            .unwrap_or_else(|| Uint8Array::new_with_length(0));
        let mut at = 0u32;
        let pieces = lengths
            .into_iter()
            .map(|schedule| {
                schedule
                    .into_iter()
                    .map(|len| {
                        let start = at;
                        at = at.saturating_add(len);
                        Slice {
                            bytes: bytes.clone(),
                            start,
                            end: at,
                        }
                    })
                    .collect()
            })
            .collect();
        Wire { head, pieces }
    });
    Some((message, library))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Outcome;
    use crate::jobs::plan::PlanFacts;
    use scheduleflow_engine::format::ImportWarning;
    use scheduleflow_engine::generate::{playlist, sample_channel, schedule};
    use scheduleflow_engine::model::Library;
    use scheduleflow_engine::time::FrameRate;

    /// Reads `answer` to the end; returns the outcome and how many steps it took.
    fn read_all(mut answer: Answer) -> (Done, usize) {
        for steps in 1.. {
            if let Some(done) = answer.step() {
                return (done, steps);
            }
        }
        unreachable!()
    }

    fn imported(file: &str, events: usize) -> Report {
        Report {
            file: file.into(),
            outcome: Outcome::Imported {
                format: "ScheduleFlow JSON".into(),
                schedules: 2,
                playlists: 1,
                events,
                warnings: vec![ImportWarning::at(3, 1, "w").with_hint("h")],
            },
        }
    }

    /// Two schedules (one of several days, one empty) and a playlist.
    fn library() -> Library {
        let channel = sample_channel(FrameRate::FPS_29_97_DF);
        let origin = channel
            .day_start_instant(jiff::civil::date(2026, 10, 23))
            .unwrap();
        let mut days = schedule(1_500, 3, channel.clone(), origin);
        days.id = "days".into();
        let mut empty = schedule(0, 1, channel, origin);
        empty.id = "empty".into();
        Library {
            schedules: vec![days, empty],
            playlists: vec![playlist(4, 2, FrameRate::FPS_29_97_DF)],
        }
    }

    /// What a plan job's preview shows, as it travels with its answer.
    fn facts() -> PlanFacts {
        PlanFacts {
            made: 3,
            kept: 1,
            replaced: 2,
            gaps: 1,
            notes: 0,
            gap_lines: vec![crate::jobs::plan::GapLine {
                at: "06:00:00;00".into(),
                length: "00:01:00;00".into(),
                why: "nothing is planned for this day".into(),
            }],
            note_lines: vec![],
            errors: 0,
            warnings: 4,
            length: scheduleflow_engine::time::Frames(9_000),
            splice: Some((4, 2)),
        }
    }

    #[test]
    fn a_library_refused_crosses_to_the_page_a_piece_at_a_time_and_one_stored_as_heads() {
        let library = library();
        let pieces = scheduleflow_engine::pieces::split(&library.schedules[0]).len();
        assert!(pieces > 2, "the schedule spans several days");
        for kept in [Kept::Added, Kept::Full] {
            let report = imported("p.json", 1_500);
            let (stored, summaries, planned) = match kept {
                Kept::Full => (Stored::Full(library.clone()), vec![], None),
                Kept::Added => {
                    let summaries = library.schedules.iter().map(ScheduleSummary::of).collect();
                    (Stored::Added(library.clone()), summaries, None)
                }
            };
            let done = Done {
                report: report.clone(),
                stored,
                summaries,
                planned,
                written: Written::Nothing,
            };
            let (message, wire) = Message::done(7, &mut done.clone());
            let text = serde_json::to_string(&message).unwrap();
            let Message::Done {
                job,
                report: back,
                kept: kept_back,
                summaries,
                planned,
            } = serde_json::from_str(&text).unwrap()
            else {
                panic!("not a Done: {text}");
            };
            assert_eq!((job, kept_back), (7, kept));
            // The head, then each piece, then the outcome; what was stored without its events
            // (the page keeps them in storage).
            let (done, steps) = match done.stored {
                Stored::Added(library) => (
                    Done {
                        stored: Stored::Added(Library {
                            schedules: library.schedules.iter().map(pieces::head).collect(),
                            playlists: library.playlists,
                        }),
                        ..done
                    },
                    2,
                ),
                _ => (done, pieces + 2),
            };
            assert_eq!(
                read_all(Answer::new(back, wire, kept_back, summaries, planned)),
                (done, steps)
            );
        }
    }

    #[test]
    fn a_stored_library_goes_to_the_page_as_its_heads_and_playlists() {
        let library = library();
        let wire = Wire::heads(&library);
        assert_eq!(
            wire.pieces,
            vec![Vec::<String>::new(); library.schedules.len()]
        );
        let heads = Library {
            schedules: library.schedules.iter().map(pieces::head).collect(),
            playlists: library.playlists.clone(),
        };
        let mut reading = LibraryReading::new(wire);
        let read = std::iter::from_fn(|| Some(reading.step())).flatten().next();
        assert_eq!(read, Some(Ok(heads)));
    }

    /// An import's answer as the worker sends it, the library sent ahead or not.
    fn stored(library: &Library, written: Written) -> Done {
        Done {
            report: imported("p.json", 1_500),
            stored: Stored::Added(library.clone()),
            summaries: library.schedules.iter().map(ScheduleSummary::of).collect(),
            planned: None,
            written,
        }
    }

    #[test]
    fn a_library_sent_ahead_of_the_commit_is_read_meanwhile_and_kept_by_the_answer_after_it() {
        let library = library();
        let done = stored(&library, Written::Nothing);
        // Ahead, before the commit: the written pieces, with the summaries.
        let ahead = Message::Written { job: 3 };
        let text = serde_json::to_string(&ahead).unwrap();
        let Message::Written { job } = serde_json::from_str(&text).unwrap() else {
            panic!("not Written: {text}");
        };
        assert_eq!(job, 3);
        let mut reading = LibraryReading::new(Wire::heads(&library));
        let read = loop {
            if let Some(read) = reading.step() {
                break read;
            }
        };
        let heads = Library {
            schedules: library.schedules.iter().map(pieces::head).collect(),
            playlists: library.playlists.clone(),
        };
        assert_eq!(
            answer_after_commit(&library).stored_ahead(Some(read)),
            Done {
                stored: Stored::Added(heads),
                ..done
            }
        );
    }

    /// The answer to an import whose library went ahead of the commit, as the page reads it:
    /// nothing travels beside it.
    fn answer_after_commit(library: &Library) -> Answer {
        let (message, wire) = Message::done(3, &mut stored(library, Written::Sent));
        assert_eq!(wire, None);
        let Message::Done {
            report,
            kept,
            summaries,
            planned,
            ..
        } = message
        else {
            panic!("not Done: {message:?}");
        };
        Answer::new(report, None, kept, summaries, planned)
    }

    #[test]
    fn an_answer_whose_library_came_ahead_but_did_not_read_is_a_failed_report() {
        let library = library();
        let for_answer = || answer_after_commit(&library);
        let failed = |why: &str| {
            Done::failed(
                "p.json",
                format!("p.json: the worker's answer did not read back: {why}"),
            )
        };
        assert_eq!(
            for_answer().stored_ahead(Some(Err("a piece is not text".into()))),
            failed("a piece is not text")
        );
        assert_eq!(for_answer().stored_ahead(None), failed("it was not read"));
    }

    #[test]
    fn a_stored_librarys_answer_carries_its_heads_unless_they_went_ahead() {
        let library = library();
        let (_, wire) = Message::done(3, &mut stored(&library, Written::Nothing));
        assert_eq!(wire, Some(Wire::heads(&library)));
        let (_, wire) = Message::done(3, &mut stored(&library, Written::Sent));
        assert_eq!(wire, None);
        // What storage refused, or a job made for the page, goes whole.
        let mut full = stored(&library, Written::Nothing);
        full.stored = Stored::Full(library.clone());
        assert_eq!(Message::done(3, &mut full).1, Some(Wire::of(&library)));
    }

    #[test]
    fn nothing_stored_is_one_step() {
        let report = Report {
            file: "x.json".into(),
            outcome: Outcome::failed("x"),
        };
        let done = Done {
            report: report.clone(),
            stored: Stored::Nothing,
            summaries: vec![],
            planned: Some(Box::new(facts())),
            written: Written::Nothing,
        };
        let answer: Answer =
            Answer::new(report, None, Kept::Added, vec![], Some(Box::new(facts())));
        assert_eq!(read_all(answer), (done, 1));
    }

    #[test]
    fn an_answer_that_does_not_read_back_is_a_failed_report() {
        let report = || Report {
            file: "x.json".into(),
            outcome: Outcome::failed("x"),
        };
        let (_, wire) = Message::done(
            1,
            &mut Done {
                report: report(),
                stored: Stored::Full(library()),
                summaries: vec![],
                planned: None,
                written: Written::Nothing,
            },
        );
        let wire = wire.unwrap();
        let broken_head = Wire {
            head: "{not json".into(),
            ..wire.clone()
        };
        let mut broken_piece = wire.clone();
        broken_piece.pieces[0][1] = "[{\"id\": 1}]".into();
        let mut missing = wire.clone();
        missing.pieces.pop();
        for (wire, why) in [
            (broken_head, "key must be a string"),
            (broken_piece, "invalid type"),
            (missing, "its schedules and their events do not match"),
        ] {
            let (done, _) = read_all(Answer::new(report(), Some(wire), Kept::Added, vec![], None));
            assert_eq!(done.stored, Stored::Nothing);
            let Outcome::Failed { message, .. } = &done.report.outcome else {
                panic!("not a failure: {done:?}");
            };
            assert!(
                message.starts_with("x.json: the worker's answer did not read back: ")
                    && message.contains(why),
                "{message}"
            );
        }
    }
}
