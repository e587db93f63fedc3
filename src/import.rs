//! One dropped file to a report: decoding, detection and import through the engine. Pure, so
//! it is tested natively; the state module applies the result.

use jiff::civil::Date;
use scheduleflow_engine::channel::Channel;
use scheduleflow_engine::format::{
    decode, import, ImportError, ImportOptions, ImportWarning, RepeatedHour,
};
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
        /// What the import assumed, chose or rounded, each with its place and what to do.
        warnings: Vec<ImportWarning>,
    },
    /// Nothing came in: `message` is `file:line:column: what is wrong`, for a role="alert"
    /// box; `hint`, when there is one, what to do about it.
    Failed {
        message: String,
        hint: Option<String>,
        /// Further problems found in the same file (bad rows or events are reported together).
        more: Vec<Problem>,
    },
}

/// One problem with a refused file: `file:line:column: what is wrong`, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    fn located(file: &str, e: &ImportError) -> Problem {
        Problem {
            message: format!("{file}:{}:{}: {}", e.line, e.column, e.message),
            hint: e.hint.clone(),
        }
    }
}

impl Outcome {
    /// Nothing came in, for `message` (which names the file); no hint.
    pub fn failed(message: impl Into<String>) -> Outcome {
        Outcome::Failed {
            message: message.into(),
            hint: None,
            more: Vec::new(),
        }
    }
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
    /// Times in the hour that happens twice when the clocks go back name its second
    /// occurrence, not its first.
    #[serde(default)]
    pub second_in_repeated_hour: bool,
}

impl Setup {
    /// No channel chosen; untimed files become playlists.
    pub fn on(today: Date) -> Setup {
        Setup {
            today,
            channel: None,
            untimed_as_schedule: false,
            second_in_repeated_hour: false,
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
            repeated_hour: if self.second_in_repeated_hour {
                RepeatedHour::Second
            } else {
                RepeatedHour::First
            },
            ..ImportOptions::default()
        }
    }
}

/// Imports one file's bytes; the library to add comes back only when the whole file read.
pub fn import_file(name: &str, bytes: &[u8], setup: &Setup) -> (Option<Library>, Report) {
    let failed = |e: ImportError| {
        let Problem { message, hint } = Problem::located(name, &e);
        let more = e.more.iter().map(|p| Problem::located(name, p)).collect();
        (
            None,
            Report {
                file: name.to_owned(),
                outcome: Outcome::Failed {
                    message,
                    hint,
                    more,
                },
            },
        )
    };
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(e) => return failed(e),
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
        Err(e) => failed(e),
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
            Outcome::failed(
                "bad.xml:2:1: start=\"x\" is not an XMLTV time like 20260328060000 +0100"
            )
        );
        let (_, report) = import_file(
            "latin1.csv",
            b"title,duration\ncaf\xe9,00:00:01:00\n",
            &Setup::on(date(2026, 6, 1)),
        );
        assert_eq!(
            report.outcome,
            Outcome::Failed {
                message: "latin1.csv:2:4: the file is not valid UTF-8".into(),
                hint: Some("save it as UTF-8 and try again".into()),
                more: Vec::new(),
            }
        );
    }

    #[test]
    fn every_problem_of_a_refused_file_is_in_its_report_with_the_file_named() {
        let (library, report) = import_file(
            "day.m3u",
            b"#EXTINF:ten,A\na.mp4\n#EXTINF:-2,B\nb.mp4\n",
            &Setup::on(date(2026, 6, 1)),
        );
        assert_eq!(library, None);
        let problem = |line: usize, length: &str| {
            format!("day.m3u:{line}:9: #EXTINF length '{length}' is not a number of seconds (or -1 for unknown)")
        };
        assert_eq!(
            report.outcome,
            Outcome::Failed {
                message: problem(1, "ten"),
                hint: None,
                more: vec![Problem {
                    message: problem(3, "-2"),
                    hint: None
                }],
            }
        );
    }

    #[test]
    fn the_import_panels_repeated_hour_choice_reaches_the_engine() {
        let text = "start,duration,title\n26:30:00:00,00:10:00:00,Repeated\n";
        let berlin = scheduleflow_engine::channel::Channel::new(
            "Berlin",
            scheduleflow_engine::time::FrameRate::FPS_25,
            scheduleflow_engine::channel::Zone::new("Europe/Berlin").unwrap(),
            scheduleflow_engine::channel::DayStart::default(),
        );
        let start_of = |second: bool| {
            let setup = Setup {
                channel: Some(berlin.clone()),
                second_in_repeated_hour: second,
                ..Setup::on(date(2026, 10, 24))
            };
            let (library, report) = import_file("night.csv", text.as_bytes(), &setup);
            let Outcome::Imported { warnings, .. } = report.outcome else {
                panic!("the file imports");
            };
            assert!(
                warnings.iter().any(|w| w.place == Some((2, 1))
                    && w.message.starts_with("the time falls in the hour")),
                "{warnings:?}"
            );
            library.unwrap().schedules[0].events[0].start.get()
        };
        // The second 02:30 is an hour after the first.
        assert_eq!(start_of(true) - start_of(false), 3600 * 25);
    }
}
