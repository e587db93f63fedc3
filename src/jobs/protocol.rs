//! The messages between the page and an import worker: JSON text, plus beside it the file's
//! bytes (to the worker) or the stored library as compact ScheduleFlow JSON (back), so that the
//! large part is never escaped into another JSON string and read twice.

use js_sys::{Array, Object, Reflect, Uint8Array};
use scheduleflow_engine::format::sf_json;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, Worker};

use super::work::{Done, Stored};
use crate::import::Report;

/// Page to worker: import this file (its bytes travel beside the JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub job: u64,
    pub name: String,
    /// What the import assumes where the file is silent.
    pub setup: crate::import::Setup,
}

/// Worker to page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Message {
    /// The worker is listening.
    Ready,
    /// The file checked out; storing it now.
    Saving { job: u64 },
    /// Beside it travels the library that was stored or, if `full`, the library that could
    /// not be stored for lack of room; or none.
    Done {
        job: u64,
        report: Report,
        full: bool,
    },
}

impl Message {
    /// The answer for a finished job, and the library text to send beside it.
    pub fn done(job: u64, done: &Done) -> (Message, Option<String>) {
        let (library, full) = match &done.stored {
            Stored::Added(library) => (Some(sf_json::write_compact(library)), false),
            Stored::Full(library) => (Some(sf_json::write_compact(library)), true),
            Stored::Nothing => (None, false),
        };
        let message = Message::Done {
            job,
            report: done.report.clone(),
            full,
        };
        (message, library)
    }
}

/// Turns a worker's answer back into what the page applies. A library that does not read back
/// (it never should: the worker wrote it) becomes a failed report, not a panic.
pub fn done_from(report: Report, library: Option<String>, full: bool) -> Done {
    let Some(text) = library else {
        return Done {
            report,
            stored: Stored::Nothing,
        };
    };
    match sf_json::read(&text) {
        Ok(library) if full => Done {
            report,
            stored: Stored::Full(library),
        },
        Ok(library) => Done {
            report,
            stored: Stored::Added(library),
        },
        Err(e) => Done::failed(
            &report.file,
            format!(
                "{}: the import worker's answer did not read back: {e}",
                report.file
            ),
        ),
    }
}

/// The properties of a message on the wire: its JSON, and beside it the file's bytes (to the
/// worker) or a stored library's ScheduleFlow JSON (back).
const JSON: &str = "json";
const BYTES: &str = "bytes";
const LIBRARY: &str = "library";

fn json_of(data: &JsValue) -> Option<String> {
    Reflect::get(data, &JSON.into()).ok()?.as_string()
}

/// Posts `request` to `worker`, the file's bytes transferred rather than copied.
pub fn post_request(worker: &Worker, request: &Request, bytes: &[u8]) -> Result<(), JsValue> {
    let envelope = Object::new();
    let text = serde_json::to_string(request).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let bytes = Uint8Array::from(bytes);
    Reflect::set(&envelope, &JSON.into(), &JsValue::from_str(&text))?;
    Reflect::set(&envelope, &BYTES.into(), &bytes)?;
    worker.post_message_with_transfer(&envelope, &Array::of1(&bytes.buffer()))
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

/// Posts `message` (and a stored library's JSON) from a worker to the page.
pub fn post_message(
    scope: &DedicatedWorkerGlobalScope,
    message: &Message,
    library: Option<&str>,
) -> Result<(), JsValue> {
    let envelope = Object::new();
    let text = serde_json::to_string(message).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Reflect::set(&envelope, &JSON.into(), &JsValue::from_str(&text))?;
    if let Some(library) = library {
        Reflect::set(&envelope, &LIBRARY.into(), &JsValue::from_str(library))?;
    }
    scope.post_message(&envelope)
}

/// The message (and library JSON) the page received from a worker.
pub fn read_message(data: &JsValue) -> Option<(Message, Option<String>)> {
    let message = serde_json::from_str(&json_of(data)?).ok()?;
    let library = Reflect::get(data, &LIBRARY.into())
        .ok()
        .and_then(|v| v.as_string());
    Some((message, library))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Outcome;
    use scheduleflow_engine::format::ImportWarning;
    use scheduleflow_engine::generate::playlist;
    use scheduleflow_engine::model::Library;
    use scheduleflow_engine::time::FrameRate;

    #[test]
    fn a_stored_library_crosses_to_the_page_unchanged() {
        let library = Library {
            schedules: vec![],
            playlists: vec![playlist(4, 2, FrameRate::FPS_29_97_DF)],
        };
        let report = Report {
            file: "p.json".into(),
            outcome: Outcome::Imported {
                format: "ScheduleFlow JSON".into(),
                schedules: 0,
                playlists: 1,
                events: 0,
                warnings: vec![ImportWarning::at(3, 1, "w").with_hint("h")],
            },
        };
        let done = Done {
            report: report.clone(),
            stored: Stored::Added(library.clone()),
        };
        let (message, library) = Message::done(7, &done);
        let text = serde_json::to_string(&message).unwrap();
        let Message::Done {
            job,
            report: back,
            full,
        } = serde_json::from_str(&text).unwrap()
        else {
            panic!("not a Done: {text}");
        };
        assert_eq!(job, 7);
        assert_eq!(done_from(back, library, full), done);
    }

    #[test]
    fn an_answer_that_does_not_read_back_is_a_failed_report() {
        let report = Report {
            file: "x.json".into(),
            outcome: Outcome::failed("x"),
        };
        let done = done_from(report, Some("{not json".into()), false);
        assert_eq!(done.stored, Stored::Nothing);
        assert!(
            matches!(done.report.outcome, Outcome::Failed { ref message, .. } if message.starts_with("x.json: the import worker"))
        );
    }
}
