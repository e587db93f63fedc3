//! ScheduleFlow JSON (`sf-json`): the native, versioned, lossless format.
//!
//! A document names itself: `{"format": "scheduleflow-json", "version": 1, "schedules": [...],
//! "playlists": [...]}`. Frame counts are integers at the channel's (or playlist's) rate,
//! instants are RFC 3339, rates are strings such as `"25"` or `"30000/1001 DF"`.

use serde::{Deserialize, Serialize};

use super::{json_error, ImportError, Limits};
use crate::model::{Event, Library, Playlist, Schedule};

mod quick;

/// The value of the `format` member.
pub const FORMAT_NAME: &str = "scheduleflow-json";
/// The document version this engine writes and reads.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct DocumentOut<'a> {
    format: &'static str,
    version: u32,
    schedules: &'a [Schedule],
    playlists: &'a [Playlist],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentIn {
    format: String,
    version: u32,
    #[serde(default)]
    schedules: Vec<Schedule>,
    #[serde(default)]
    playlists: Vec<Playlist>,
}

/// Just enough to tell what a document claims to be before reading all of it.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

/// Refuses a document that is not ScheduleFlow JSON of this version, with words for why.
fn check_header(format: Option<&str>, version: Option<u32>) -> Result<(), ImportError> {
    match (format, version) {
        (Some(FORMAT_NAME), Some(VERSION)) => Ok(()),
        (Some(FORMAT_NAME), Some(v)) => Err(ImportError::whole(format!(
            "this is ScheduleFlow JSON version {v}; this version of ScheduleFlow reads version {VERSION}"
        ))),
        _ => Err(ImportError::whole(format!(
            "not a ScheduleFlow JSON document: it needs \"format\": \"{FORMAT_NAME}\" and \"version\": {VERSION}"
        ))),
    }
}

/// Reads an sf-json document. A document as ScheduleFlow writes it is read once, by the quick
/// path; anything else is read by serde, and only when that fails is the header read on its
/// own, so that another kind of document is named as such.
pub fn read(text: &str) -> Result<Library, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Ok(doc) = quick::read(text, usize::MAX) {
        check_header(Some(&doc.format), Some(doc.version))?;
        return Ok(doc.library);
    }
    read_by_serde(text)
}

/// Reads an sf-json document as a file is imported: a string longer than `limits` allows is
/// refused at that string (see [`super::text::check_json_strings`]). The quick path checks
/// each string as it reads it, so a document it reads is not scanned for them again (in the
/// browser's wasm that scan was a fifth of reading the document).
pub(super) fn read_within(text: &str, limits: Limits) -> Result<Library, ImportError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Ok(doc) = quick::read(body, limits.max_field_bytes) {
        check_header(Some(&doc.format), Some(doc.version))?;
        return Ok(doc.library);
    }
    super::text::check_json_strings(text, limits)?;
    read_by_serde(body)
}

/// Reads a document (without its byte order mark) with serde; only when that fails is the
/// header read on its own.
fn read_by_serde(text: &str) -> Result<Library, ImportError> {
    match serde_json::from_str::<DocumentIn>(text) {
        Ok(doc) => {
            check_header(Some(&doc.format), Some(doc.version))?;
            Ok(Library {
                schedules: doc.schedules,
                playlists: doc.playlists,
            })
        }
        Err(e) => {
            // A value the document's own version would allow may be why it did not read: say
            // the version first. A syntax error stops the header's reading at the same place,
            // so it is not read again (a second pass over a broken 4 MB file on the page).
            if e.is_data() {
                if let Ok(header) = serde_json::from_str::<Header>(text) {
                    check_header(header.format.as_deref(), header.version)?;
                }
            }
            Err(json_error(&e))
        }
    }
}

/// Reads a JSON array of sf-json events, as storage keeps a schedule's pieces: by the quick
/// path when it can, else by serde.
pub fn read_events(text: &str) -> Result<Vec<Event>, ImportError> {
    quick::events(text).or_else(|_| serde_json::from_str(text).map_err(|e| json_error(&e)))
}

/// The quick path beside serde, for the fuzz target that holds the one to the other.
#[cfg(fuzzing)]
pub mod fuzzing {
    use super::{quick, DocumentIn};
    use crate::model::{Event, Library};

    /// A document as each reads it: `(quick, serde)`, `None` where it gave up or refused.
    pub type Both<T> = (Option<T>, Option<T>);

    /// `text` as a document: its format, version and library.
    pub fn document(text: &str) -> Both<(String, u32, Library)> {
        let quick = quick::read(text, usize::MAX)
            .ok()
            .map(|d| (d.format, d.version, d.library));
        let serde = serde_json::from_str::<DocumentIn>(text).ok().map(|d| {
            let library = Library {
                schedules: d.schedules,
                playlists: d.playlists,
            };
            (d.format, d.version, library)
        });
        (quick, serde)
    }

    /// `text` as a stored piece: an array of events.
    pub fn events(text: &str) -> Both<Vec<Event>> {
        (
            quick::events(text).ok(),
            serde_json::from_str::<Vec<Event>>(text).ok(),
        )
    }
}

/// Writes a library as an sf-json document (pretty-printed, ending in a newline), for people.
pub fn write(library: &Library) -> String {
    // Serialising plain data into a String cannot fail; an empty document would be the symptom.
    let mut out = serde_json::to_string_pretty(&document(library)).unwrap_or_default();
    out.push('\n');
    out
}

/// Writes the same document without whitespace, for machines: storage records and messages
/// between threads, where it is smaller and quicker to read back.
pub fn write_compact(library: &Library) -> String {
    write_compact_parts(&library.schedules, &library.playlists)
}

/// `write_compact` for schedules and playlists that are not in one library (one stored record
/// holds one schedule), without copying them into one.
pub fn write_compact_parts(schedules: &[Schedule], playlists: &[Playlist]) -> String {
    let doc = DocumentOut {
        format: FORMAT_NAME,
        version: VERSION,
        schedules,
        playlists,
    };
    serde_json::to_string(&doc).unwrap_or_default()
}

fn document(library: &Library) -> DocumentOut<'_> {
    DocumentOut {
        format: FORMAT_NAME,
        version: VERSION,
        schedules: &library.schedules,
        playlists: &library.playlists,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{playlist, sample_channel, schedule};
    use crate::time::FrameRate;

    fn library() -> Library {
        let origin = "2026-03-28T05:00:00Z".parse().unwrap();
        let mut s = schedule(20, 1, sample_channel(FrameRate::FPS_29_97_DF), origin);
        s.events[3].extra.insert(
            "custom_filter".into(),
            serde_json::json!({"vf": "scale=1280:720"}),
        );
        Library {
            schedules: vec![s],
            playlists: vec![playlist(5, 2, FrameRate::FPS_25)],
        }
    }

    #[test]
    fn writes_and_reads_back_the_same_library() {
        let lib = library();
        let text = write(&lib);
        assert!(text.contains("\"format\": \"scheduleflow-json\""));
        assert!(text.contains("\"rate\": \"30000/1001 DF\""));
        assert_eq!(read(&text).unwrap(), lib);
    }

    #[test]
    fn the_compact_form_is_one_line_and_reads_back_the_same() {
        let lib = library();
        let text = write_compact(&lib);
        assert!(!text.contains('\n'));
        assert!(text.len() < write(&lib).len());
        assert_eq!(read(&text).unwrap(), lib);
    }

    #[test]
    fn accepts_a_byte_order_mark() {
        let text = format!("\u{feff}{}", write(&library()));
        assert!(read(&text).is_ok());
    }

    #[test]
    fn reports_syntax_errors_with_line_and_column() {
        let err = read("{\n  \"format\": \"scheduleflow-json\",\n  \"version\": 1,\n  oops\n}")
            .unwrap_err();
        assert_eq!((err.line, err.column), (4, 3));
    }

    #[test]
    fn a_truncated_document_says_so() {
        let text = write(&library());
        let err = read(&text[..text.len() / 2]).unwrap_err();
        assert!(err.message.contains("truncated"), "{}", err.message);
        assert!(err.line > 1 && err.column >= 1);
    }

    #[test]
    fn refuses_other_documents_and_versions() {
        let err = read(r#"{"channel": "x", "program": []}"#).unwrap_err();
        assert!(err.message.contains("not a ScheduleFlow JSON document"));
        let err = read(r#"{"format": "scheduleflow-json", "version": 9}"#).unwrap_err();
        assert!(err.message.contains("version 9"));
    }

    #[test]
    fn another_version_is_said_before_a_value_it_may_allow_and_a_syntax_error_where_it_is() {
        let text = write(&library())
            .replacen("\"version\": 1", "\"version\": 9", 1)
            .replacen("\"30000/1001 DF\"", "\"29\"", 1);
        let err = read(&text).unwrap_err();
        assert!(err.message.contains("version 9"), "{}", err.message);
        let broken = format!("{}oops", &text[..text.len() / 2]);
        let err = read(&broken).unwrap_err();
        assert!(!err.message.contains("version 9"), "{}", err.message);
        assert!(err.line > 1 && err.column >= 1);
    }

    #[test]
    fn reports_bad_values_where_they_are() {
        let text = write(&library()).replacen("\"30000/1001 DF\"", "\"29\"", 1);
        let err = read(&text).unwrap_err();
        assert!(
            err.message.contains("unsupported frame rate 29"),
            "{}",
            err.message
        );
        assert!(err.line > 1);
    }
}
