//! One dropped file to a report: decoding, detection and import through the engine. Pure, so
//! it is tested natively; the state module applies the result.

use jiff::civil::Date;
use scheduleflow_engine::format::{decode, import, ImportOptions};
use scheduleflow_engine::model::Library;
use serde::{Deserialize, Serialize};

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Imported {
        format: String,
        schedules: usize,
        playlists: usize,
        events: usize,
        warnings: Vec<String>,
    },
    /// `file:line:column: message`, for a role="alert" box.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub file: String,
    pub outcome: Outcome,
}

/// Imports one file's bytes; the library to add comes back only when the whole file read.
pub fn import_file(name: &str, bytes: &[u8], today: Date) -> (Option<Library>, Report) {
    let failed = |line: usize, column: usize, message: &str| {
        (
            None,
            Report {
                file: name.to_owned(),
                outcome: Outcome::Failed(format!("{name}:{line}:{column}: {message}")),
            },
        )
    };
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(e) => return failed(e.line, e.column, &e.message),
    };
    let options = ImportOptions {
        date: Some(today),
        file_name: Some(name.to_owned()),
        ..ImportOptions::default()
    };
    match import(&text, None, &options) {
        Ok(imported) => {
            let library = imported.library;
            let report = Report {
                file: name.to_owned(),
                outcome: Outcome::Imported {
                    format: imported.format.title().to_owned(),
                    schedules: library.schedules.len(),
                    playlists: library.playlists.len(),
                    events: library.schedules.iter().map(|s| s.events.len()).sum(),
                    warnings: imported.warnings,
                },
            };
            (Some(library), report)
        }
        Err(e) => failed(e.line, e.column, &e.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_good_file_comes_back_with_a_report_of_what_came_in() {
        let text = "#EXTM3U\n#EXTINF:10,One\na.mp4\n#EXTINF:-1,Two\nb.mp4\n";
        let (library, report) = import_file("list.m3u8", text.as_bytes(), date(2026, 6, 1));
        assert_eq!(library.unwrap().schedules[0].events.len(), 2);
        match report.outcome {
            Outcome::Imported {
                format,
                events,
                warnings,
                ..
            } => {
                assert_eq!(format, "extended M3U");
                assert_eq!(events, 2);
                assert!(!warnings.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bad_file_comes_back_as_a_located_error_and_nothing_to_add() {
        let (library, report) = import_file(
            "bad.xml",
            b"<tv>\n<programme start=\"x\" channel=\"a\"/></tv>",
            date(2026, 6, 1),
        );
        assert!(library.is_none());
        assert_eq!(
            report.outcome,
            Outcome::Failed(
                "bad.xml:2:1: start=\"x\" is not an XMLTV time like 20260328060000 +0100".into()
            )
        );
        let (_, report) = import_file(
            "latin1.csv",
            b"title,duration\ncaf\xe9,00:00:01:00\n",
            date(2026, 6, 1),
        );
        assert!(
            matches!(report.outcome, Outcome::Failed(ref m) if m.starts_with("latin1.csv:2:4: ")),
            "{report:?}"
        );
    }
}
