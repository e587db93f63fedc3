//! File formats: reading and writing schedules and playlists. Parsing works on text the shell
//! hands over; the engine never opens a file.

pub mod archive;
pub mod bxf;
mod chunks;
pub(crate) mod clock;
pub mod csv;
pub mod ffplayout;
mod limits;
pub mod m3u;
mod position;
mod registry;
pub mod sf_json;
pub mod sf_xml;
mod text;
mod xml;
pub mod xmltv;

pub use chunks::{library_around_schedules, ExportChunks};
pub use limits::Limits;
pub use registry::{detect, CsvPreset, ExportFile, Format, ImportOptions, Imported, RepeatedHour};
pub use text::decode;

use crate::model::{Library, Schedule};

use thiserror::Error;

/// Why a document could not be read. Carries the position, so the shell can say
/// "file, line, column, what to do".
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}, column {column}: {message}{}", more_note(.more.len()))]
pub struct ImportError {
    /// 1-based. A problem with the document as a whole is reported at its start (1, 1).
    pub line: usize,
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What to do about it, where there is something to say ("save it as UTF-8").
    pub hint: Option<String>,
    /// The problems found further on, when this one did not stop the reading (a bad row or
    /// event is skipped and the rest read), so that all are reported together; in file order,
    /// each with an empty `more`.
    pub more: Vec<ImportError>,
}

fn more_note(more: usize) -> String {
    match more {
        0 => String::new(),
        1 => " (and 1 more problem)".to_owned(),
        n => format!(" (and {n} more problems)"),
    }
}

impl ImportError {
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> ImportError {
        ImportError {
            line,
            column,
            message: message.into(),
            hint: None,
            more: Vec::new(),
        }
    }

    pub fn whole(message: impl Into<String>) -> ImportError {
        ImportError::at(1, 1, message)
    }

    pub fn with_hint(self, hint: impl Into<String>) -> ImportError {
        ImportError {
            hint: Some(hint.into()),
            ..self
        }
    }
}

/// "what: why", quoting `text` only when `why` does not already (most time errors quote it).
pub(crate) fn value_problem(what: &str, text: &str, why: &dyn std::fmt::Display) -> String {
    let why = why.to_string();
    if why.contains(text) {
        format!("{what}: {why}")
    } else {
        format!("{what} '{text}': {why}")
    }
}

/// Problems with single items (a row, an event) that leave the rest of the file readable: the
/// item is skipped and reading goes on, so that one import reports them all, up to
/// [`Problems::MAX`], where reading stops.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<ImportError>);

impl Problems {
    /// Past this many, a file is more likely the wrong kind than a few bad rows.
    pub(crate) const MAX: usize = 100;

    /// The item, or `None` once its problem is noted; an error (all problems so far) when
    /// that was the [`Problems::MAX`]th.
    pub(crate) fn keep<T>(
        &mut self,
        item: Result<T, ImportError>,
    ) -> Result<Option<T>, ImportError> {
        match item {
            Ok(value) => Ok(Some(value)),
            Err(problem) => self.note(problem).map(|()| None),
        }
    }

    /// Notes an item's problem; an error (all problems so far) when that was the
    /// [`Problems::MAX`]th.
    pub(crate) fn note(&mut self, problem: ImportError) -> Result<(), ImportError> {
        self.0.push(problem);
        if self.0.len() >= Self::MAX {
            Err(Problems::together(std::mem::take(&mut self.0)))
        } else {
            Ok(())
        }
    }

    /// An error (the first problem, with the others) if any item had one. Called where
    /// reading on would build on the skipped items, and at the end.
    pub(crate) fn finish(&mut self) -> Result<(), ImportError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Problems::together(std::mem::take(&mut self.0)))
        }
    }

    fn together(mut found: Vec<ImportError>) -> ImportError {
        // Some formats check an item in two passes; the report goes in file order.
        found.sort_by_key(|p| (p.line, p.column));
        let mut first = found.remove(0);
        first.more = found;
        first
    }
}

/// Something an import did that the user should know of (a value it assumed, a time it chose
/// between two, a rounding), with where in the file, when it is about one place, and what to
/// do about it, when there is something to do. The import went ahead.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportWarning {
    /// 1-based line and column; `None` for the file as a whole.
    pub place: Option<(usize, usize)>,
    pub message: String,
    pub hint: Option<String>,
}

impl ImportWarning {
    /// About the file as a whole.
    pub fn whole(message: impl Into<String>) -> ImportWarning {
        ImportWarning {
            place: None,
            message: message.into(),
            hint: None,
        }
    }

    /// About line `line` (column 1 when no column is known).
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> ImportWarning {
        ImportWarning {
            place: Some((line, column)),
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(self, hint: impl Into<String>) -> ImportWarning {
        ImportWarning {
            hint: Some(hint.into()),
            ..self
        }
    }
}

/// "line 3, column 1: message", or the message alone for the whole file.
impl std::fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.place {
            Some((line, column)) => write!(f, "line {line}, column {column}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A serde_json error as an [`ImportError`] at its line and column, in words a user can act on.
pub(crate) fn json_error(e: &serde_json::Error) -> ImportError {
    let message = if e.is_eof() {
        "the document ends before it is complete; the file may be truncated".to_owned()
    } else {
        // serde_json appends " at line L column C"; the position is reported separately.
        let text = e.to_string();
        text.split(" at line ").next().unwrap_or(&text).to_owned()
    };
    ImportError::at(e.line(), e.column().max(1), message)
}

/// Imports a document: whole or not at all. `format` overrides detection.
pub fn import(
    text: &str,
    format: Option<Format>,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    if text.len() > options.limits.max_bytes {
        return Err(ImportError::whole(format!(
            "the file is {} bytes, more than the {}-byte limit",
            text.len(),
            options.limits.max_bytes
        )));
    }
    let format = match format.or_else(|| detect(text, options.file_name.as_deref())) {
        Some(f) => f,
        None if text.trim_start_matches('\u{feff}').trim().is_empty() => {
            return Err(ImportError::whole("the file is empty"))
        }
        None => {
            return Err(ImportError::whole(
                "the format is not recognised: ScheduleFlow reads ScheduleFlow JSON and XML, ffplayout, XMLTV, BXF, CSV and M3U files (an XML file needs a <scheduleflow>, <tv> or <BxfMessage> root)",
            ))
        }
    };
    // ScheduleFlow JSON's reading checks its strings as it goes.
    if format == Format::Ffplayout {
        text::check_json_strings(text, options.limits)?;
    }
    let (library, warnings) = match format {
        Format::SfJson => (sf_json::read_within(text, options.limits)?, Vec::new()),
        Format::SfXml => (sf_xml::read(text, options.limits)?, Vec::new()),
        Format::Ffplayout => ffplayout::read(text, options)?,
        Format::Xmltv => xmltv::read(text, options)?,
        Format::M3u => m3u::read(text, options)?,
        Format::Csv => csv::read(text, options)?,
        Format::Bxf => bxf::read(text, options)?,
    };
    Ok(Imported {
        format,
        library,
        warnings,
    })
}

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExportError {
    #[error("{0} holds one schedule per file; choose a schedule to export")]
    OneScheduleOnly(&'static str),
    #[error("{0} holds schedules, not playlists; export a playlist as ScheduleFlow JSON or XML")]
    SchedulesOnly(&'static str),
    #[error("{0}")]
    Unrepresentable(String),
}

/// The file name of a whole library's export in `format`.
pub fn library_file(format: Format) -> String {
    file_name("scheduleflow-library", format)
}

fn file_name(base: &str, format: Format) -> String {
    let safe: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe.trim_matches('-');
    let safe = if safe.is_empty() { "schedule" } else { safe };
    format!("{safe}.{}", format.extension())
}

/// Exports a library (every schedule and playlist, for the native formats) as files.
pub fn export_library(library: &Library, format: Format) -> Result<Vec<ExportFile>, ExportError> {
    let text = match format {
        Format::SfJson => sf_json::write(library),
        Format::SfXml => sf_xml::write(library),
        _ => return Err(ExportError::OneScheduleOnly(format.title())),
    };
    Ok(vec![ExportFile {
        name: library_file(format),
        mime: format.mime(),
        text,
    }])
}

/// Exports one playlist as a file in a native format (the other formats hold schedules).
pub fn export_playlist(
    playlist: &crate::model::Playlist,
    format: Format,
) -> Result<Vec<ExportFile>, ExportError> {
    let single = Library {
        schedules: Vec::new(),
        playlists: vec![playlist.clone()],
    };
    let text = match format {
        Format::SfJson => sf_json::write(&single),
        Format::SfXml => sf_xml::write(&single),
        _ => return Err(ExportError::SchedulesOnly(format.title())),
    };
    Ok(vec![ExportFile {
        name: file_name(&playlist.name, format),
        mime: format.mime(),
        text,
    }])
}

/// Exports one schedule as files (ffplayout writes one per broadcast day).
pub fn export_schedule(
    schedule: &Schedule,
    format: Format,
) -> Result<Vec<ExportFile>, ExportError> {
    let single = Library {
        schedules: vec![schedule.clone()],
        playlists: Vec::new(),
    };
    let text = match format {
        Format::SfJson => sf_json::write(&single),
        Format::SfXml => sf_xml::write(&single),
        Format::Ffplayout => {
            return ffplayout::write(schedule).map_err(ExportError::Unrepresentable)
        }
        Format::Xmltv => {
            xmltv::write(schedule)
                .map_err(ExportError::Unrepresentable)?
                .text
        }
        Format::M3u => m3u::write(schedule).text,
        Format::Csv => {
            csv::write(schedule, CsvPreset::Generic)
                .map_err(ExportError::Unrepresentable)?
                .text
        }
        Format::Bxf => {
            bxf::write(schedule)
                .map_err(ExportError::Unrepresentable)?
                .text
        }
    };
    Ok(vec![ExportFile {
        name: file_name(&schedule.name, format),
        mime: format.mime(),
        text,
    }])
}

/// Import options most format tests use: Europe/Berlin, a 06:00 day start, and `rate`.
#[cfg(test)]
pub(crate) fn berlin_options(rate: Option<crate::time::FrameRate>) -> ImportOptions {
    ImportOptions {
        rate,
        zone: Some(
            crate::channel::Zone::new("Europe/Berlin")
                .unwrap_or_else(|_| crate::channel::Zone::utc()),
        ),
        day_start: Some(crate::channel::DayStart::default()),
        ..ImportOptions::default()
    }
}

/// Every problem an import reported, in order, as "line:column: message".
#[cfg(test)]
pub(crate) fn problem_list(e: &ImportError) -> Vec<String> {
    std::iter::once(e)
        .chain(&e.more)
        .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
        .collect()
}

#[cfg(test)]
mod problem_tests {
    use super::*;

    fn problem(line: usize) -> Result<(), ImportError> {
        Err(ImportError::at(line, 2, format!("bad {line}")))
    }

    #[test]
    fn items_without_problems_pass_and_finish_clean() {
        let mut problems = Problems::default();
        assert_eq!(problems.keep(Ok::<_, ImportError>(7)), Ok(Some(7)));
        assert_eq!(problems.finish(), Ok(()));
    }

    #[test]
    fn problems_are_reported_together_first_with_the_rest_in_order() {
        let mut problems = Problems::default();
        assert_eq!(problems.keep(problem(3)), Ok(None));
        assert_eq!(problems.keep(Ok::<_, ImportError>(())), Ok(Some(())));
        assert_eq!(problems.keep(problem(5)), Ok(None));
        assert_eq!(problems.keep(problem(9)), Ok(None));
        let all = problems.finish().unwrap_err();
        assert_eq!(
            all,
            ImportError {
                more: vec![
                    ImportError::at(5, 2, "bad 5"),
                    ImportError::at(9, 2, "bad 9")
                ],
                ..ImportError::at(3, 2, "bad 3")
            }
        );
        assert_eq!(
            all.to_string(),
            "line 3, column 2: bad 3 (and 2 more problems)"
        );
        // Reported once: the next check starts afresh.
        assert_eq!(problems.finish(), Ok(()));
    }

    #[test]
    fn a_warning_reads_with_its_place_or_alone_for_the_whole_file() {
        let placed = ImportWarning::at(4, 7, "a time was rounded").with_hint("check it");
        assert_eq!(placed.to_string(), "line 4, column 7: a time was rounded");
        assert_eq!(placed.hint.as_deref(), Some("check it"));
        assert_eq!(
            ImportWarning::whole("no zone; UTC was assumed").to_string(),
            "no zone; UTC was assumed"
        );
    }

    #[test]
    fn one_more_problem_is_counted_in_the_singular() {
        let mut problems = Problems::default();
        for line in [1, 2] {
            assert_eq!(problems.keep(problem(line)), Ok(None));
        }
        assert_eq!(
            problems.finish().unwrap_err().to_string(),
            "line 1, column 2: bad 1 (and 1 more problem)"
        );
    }

    #[test]
    fn reading_stops_at_the_hundredth_problem_with_all_of_them() {
        let mut problems = Problems::default();
        for line in 1..Problems::MAX {
            assert_eq!(problems.keep(problem(line)), Ok(None), "{line}");
        }
        let all = problems.keep(problem(Problems::MAX)).unwrap_err();
        let lines: Vec<usize> = std::iter::once(&all)
            .chain(&all.more)
            .map(|p| p.line)
            .collect();
        assert_eq!(lines, (1..=Problems::MAX).collect::<Vec<_>>());
        assert_eq!(problems.finish(), Ok(()));
    }
}

#[cfg(test)]
mod entry_tests {
    use super::*;
    use crate::generate::{playlist, sample_channel, schedule};
    use crate::time::FrameRate;

    fn library() -> Library {
        let origin = "2026-03-27T05:00:00Z".parse().unwrap();
        Library {
            schedules: vec![schedule(4, 1, sample_channel(FrameRate::FPS_25), origin)],
            playlists: vec![playlist(3, 2, FrameRate::FPS_25)],
        }
    }

    #[test]
    fn a_file_at_the_size_limit_is_read_and_one_byte_more_is_refused() {
        let text = sf_json::write(&library());
        let at = |max_bytes| ImportOptions {
            limits: Limits {
                max_bytes,
                ..Limits::DEFAULT
            },
            ..ImportOptions::default()
        };
        let read = import(&text, None, &at(text.len())).unwrap();
        assert_eq!((read.format, read.library), (Format::SfJson, library()));
        assert_eq!(
            import(&text, None, &at(text.len() - 1)).unwrap_err(),
            ImportError::whole(format!(
                "the file is {} bytes, more than the {}-byte limit",
                text.len(),
                text.len() - 1
            ))
        );
    }

    #[test]
    fn an_empty_file_says_so_and_an_unknown_one_names_what_is_read() {
        let options = ImportOptions::default();
        for empty in ["", "  \n", "\u{feff}\n"] {
            assert_eq!(
                import(empty, None, &options).unwrap_err(),
                ImportError::whole("the file is empty"),
                "{empty:?}"
            );
        }
        let unknown = import("hello", None, &options).unwrap_err();
        assert!(
            unknown
                .message
                .starts_with("the format is not recognised: ScheduleFlow reads"),
            "{unknown}"
        );
    }

    #[test]
    fn a_library_exports_whole_in_the_native_formats_only() {
        let lib = library();
        let json = export_library(&lib, Format::SfJson).unwrap();
        assert_eq!(
            json,
            vec![ExportFile {
                name: "scheduleflow-library.json".into(),
                mime: "application/json",
                text: sf_json::write(&lib),
            }]
        );
        let xml = export_library(&lib, Format::SfXml).unwrap();
        assert_eq!(
            xml,
            vec![ExportFile {
                name: "scheduleflow-library.xml".into(),
                mime: "application/xml",
                text: sf_xml::write(&lib),
            }]
        );
        assert_eq!(
            export_library(&lib, Format::Csv),
            Err(ExportError::OneScheduleOnly("CSV"))
        );
    }

    #[test]
    fn a_playlist_exports_alone_in_the_native_formats_only() {
        let lib = library();
        let mut list = lib.playlists[0].clone();
        list.name = "Late / night".into();
        let alone = Library {
            schedules: vec![],
            playlists: vec![list.clone()],
        };
        assert_eq!(
            export_playlist(&list, Format::SfJson).unwrap(),
            vec![ExportFile {
                name: "Late---night.json".into(),
                mime: "application/json",
                text: sf_json::write(&alone),
            }]
        );
        assert_eq!(
            export_playlist(&list, Format::SfXml).unwrap(),
            vec![ExportFile {
                name: "Late---night.xml".into(),
                mime: "application/xml",
                text: sf_xml::write(&alone),
            }]
        );
        assert_eq!(
            export_playlist(&list, Format::M3u),
            Err(ExportError::SchedulesOnly("extended M3U"))
        );
    }

    #[test]
    fn a_schedule_exports_in_every_format_named_after_it() {
        let lib = library();
        let mut one = lib.schedules[0].clone();
        one.name = "Eins: Samstag".into();
        for format in Format::ALL {
            let files = export_schedule(&one, format).unwrap();
            assert!(!files.is_empty(), "{format:?}");
            for file in &files {
                assert_eq!(file.mime, format.mime(), "{format:?}");
                assert!(!file.text.is_empty(), "{format:?}");
                // ffplayout names each file after its day.
                if format != Format::Ffplayout {
                    assert_eq!(file.name, format!("Eins--Samstag.{}", format.extension()));
                }
            }
            let options = ImportOptions {
                date: Some(jiff::civil::date(2026, 3, 27)),
                ..berlin_options(Some(FrameRate::FPS_25))
            };
            let back = import(&files[0].text, Some(format), &options).unwrap();
            let titles =
                |s: &Schedule| s.events.iter().map(|e| e.title.clone()).collect::<Vec<_>>();
            let mut expected = one.clone();
            if format == Format::Xmltv {
                // A guide lists programmes, not the spots and idents between them.
                expected.events.retain(|e| {
                    matches!(
                        e.kind,
                        crate::model::EventKind::Programme | crate::model::EventKind::Live
                    )
                });
            }
            assert_eq!(
                back.library
                    .schedules
                    .iter()
                    .map(titles)
                    .collect::<Vec<_>>(),
                [titles(&expected)],
                "{format:?}"
            );
        }
    }

    #[test]
    fn file_names_keep_letters_digits_and_dashes_and_fall_back_to_schedule() {
        assert_eq!(file_name("Café 7_a.b", Format::Csv), "Café-7_a.b.csv");
        assert_eq!(file_name("--/News/--", Format::SfXml), "News.xml");
        assert_eq!(file_name("***", Format::M3u), "schedule.m3u8");
        assert_eq!(file_name("", Format::SfJson), "schedule.json");
    }
}
