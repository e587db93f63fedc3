//! One dropped file to a report: decoding, detection and import through the engine. Pure, so
//! it is tested natively; the state module applies the result.

use jiff::civil::Date;
use scheduleflow_engine::channel::Channel;
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

/// What an import assumes where a file is silent, as the import panel set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// The broadcast day for formats without dates.
    pub today: Date,
    /// The channel whose rate, zone and day start a file that does not say them takes.
    pub channel: Option<Channel>,
    /// Files with no times at all (M3U, a CSV without starts) come in as schedules, not as
    /// playlists.
    pub untimed_as_schedule: bool,
}

impl Setup {
    /// No channel chosen; untimed files become playlists.
    pub fn on(today: Date) -> Setup {
        Setup {
            today,
            channel: None,
            untimed_as_schedule: false,
        }
    }

    fn options(&self, name: &str) -> ImportOptions {
        let channel = self.channel.as_ref();
        ImportOptions {
            date: Some(self.today),
            file_name: Some(name.to_owned()),
            rate: channel.map(|c| c.rate),
            zone: channel.map(|c| c.zone.clone()),
            day_start: channel.map(|c| c.day_start),
            channel_name: channel.map(|c| c.name.clone()),
            channel_source: channel.map(|c| c.name.clone()),
            untimed_as_playlist: !self.untimed_as_schedule,
            ..ImportOptions::default()
        }
    }
}

/// Imports one file's bytes; the library to add comes back only when the whole file read.
pub fn import_file(name: &str, bytes: &[u8], setup: &Setup) -> (Option<Library>, Report) {
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
    let options = setup.options(name);
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
        let setup = Setup {
            untimed_as_schedule: true,
            ..Setup::on(date(2026, 6, 1))
        };
        let (library, report) = import_file("list.m3u8", text.as_bytes(), &setup);
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
            &Setup::on(date(2026, 6, 1)),
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
            &Setup::on(date(2026, 6, 1)),
        );
        assert!(
            matches!(report.outcome, Outcome::Failed(ref m) if m.starts_with("latin1.csv:2:4: ")),
            "{report:?}"
        );
    }
}
