//! Reading input files and writing output, with errors that name the file, line and column.

use std::borrow::Cow;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use scheduleflow_engine::channel::{DayStart, Zone};
use scheduleflow_engine::format::archive::entry_path;
use scheduleflow_engine::format::{
    decode, export_library, export_schedule, import, CsvPreset, ExportFile, Format, ImportError,
    ImportOptions, Imported, Limits,
};
use scheduleflow_engine::model::Library;
use scheduleflow_engine::time::FrameRate;

use crate::cli::ChannelArgs;
use crate::failure::Failure;

/// Larger files are refused before they are read.
const MAX_FILE_BYTES: u64 = Limits::DEFAULT.max_bytes as u64;

/// Each problem on its own line, `file:line:column: message`, with its hint below it.
fn located(path: &Path, e: &ImportError) -> Failure {
    let lines: Vec<String> = std::iter::once(e)
        .chain(&e.more)
        .map(|problem| {
            let place = if problem.line == 0 {
                format!("{}", path.display())
            } else {
                format!("{}:{}:{}", path.display(), problem.line, problem.column)
            };
            let hint = problem
                .hint
                .as_ref()
                .map(|h| format!("\n  hint: {h}"))
                .unwrap_or_default();
            format!("{place}: {}{hint}", problem.message)
        })
        .collect();
    Failure::new(lines.join("\n"))
}

/// The file's text: too large is refused before reading; UTF-8 (with or without a BOM) and
/// UTF-16 with a BOM are accepted; anything else is refused at its first bad byte.
pub fn read_text(path: &Path) -> Result<String, Failure> {
    let cannot = |e: std::io::Error| Failure::new(format!("{}: cannot read: {e}", path.display()));
    let size = fs::metadata(path).map_err(cannot)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Failure::new(format!(
            "{}:1:1: the file is {size} bytes, more than the {MAX_FILE_BYTES}-byte limit",
            path.display()
        )));
    }
    let bytes = fs::read(path).map_err(cannot)?;
    // Plain UTF-8 (the usual case) becomes the String in place: one check, no second copy.
    // A BOM, UTF-16 or a bad byte goes to `decode`, which reads the one and places the other.
    let bytes = if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes
    } else {
        match String::from_utf8(bytes) {
            Ok(text) => return Ok(text),
            Err(e) => e.into_bytes(),
        }
    };
    decode(&bytes)
        .map(Cow::into_owned)
        .map_err(|e| located(path, &e))
}

/// Reads a schedule or playlist file in the given (or detected) format; warnings go to stderr.
pub fn read_library(
    path: &Path,
    from: Option<Format>,
    channel: &ChannelArgs,
) -> Result<Library, Failure> {
    read_file(path, from, channel).map(|imported| imported.library)
}

/// Like [`read_library`], also saying which format the file was read as.
pub fn read_file(
    path: &Path,
    from: Option<Format>,
    channel: &ChannelArgs,
) -> Result<Imported, Failure> {
    read_with(path, from, channel, false)
}

/// Reads a file meant as a playlist: files with no times at all (M3U, a CSV without starts)
/// come in as playlists rather than as schedules.
pub fn read_playlist_file(path: &Path, channel: &ChannelArgs) -> Result<Library, Failure> {
    read_with(path, None, channel, true).map(|imported| imported.library)
}

fn read_with(
    path: &Path,
    from: Option<Format>,
    channel: &ChannelArgs,
    untimed_as_playlist: bool,
) -> Result<Imported, Failure> {
    let text = read_text(path)?;
    let values = channel.values()?;
    let options = ImportOptions {
        rate: values.rate,
        zone: values.zone,
        day_start: values.day_start,
        date: Some(values.date),
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
        csv_preset: channel.csv_preset.preset(),
        repeated_hour: channel.repeated_hour.choice(),
        untimed_as_playlist,
        ..ImportOptions::default()
    };
    let imported = import(&text, from, &options).map_err(|e| located(path, &e))?;
    for warning in &imported.warnings {
        let place = match warning.place {
            Some((line, column)) => format!("{}:{line}:{column}", path.display()),
            None => path.display().to_string(),
        };
        eprintln!("{place}: warning: {}", warning.message);
        if let Some(hint) = &warning.hint {
            eprintln!("  hint: {hint}");
        }
    }
    Ok(imported)
}

/// Writes `text` to `output`, or to standard output.
pub fn write_output(output: Option<&PathBuf>, text: &str) -> Result<(), Failure> {
    match output {
        Some(path) => fs::write(path, text)
            .map_err(|e| Failure::new(format!("{}: cannot write: {e}", path.display()))),
        None => say(text),
    }
}

/// Writes `text` to standard output. A reader that stopped reading (`| head`) is not a
/// failure: the rest is simply not written.
pub fn say(text: &str) -> Result<(), Failure> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::new(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}

/// [`say`] with a line break.
pub fn say_line(text: &str) -> Result<(), Failure> {
    say(&format!("{text}\n"))
}

/// Renders a library in `format`: the native formats hold everything; the others hold one
/// schedule (and may write several files, such as ffplayout's one per day).
pub fn render(
    library: &Library,
    format: Format,
    csv: CsvPreset,
) -> Result<Vec<ExportFile>, Failure> {
    if format.holds_a_library() {
        return Ok(export_library(library, format)?);
    }
    match library.schedules.as_slice() {
        [one] if format == Format::Csv && csv == CsvPreset::Cinegy => Ok(vec![
            scheduleflow_engine::format::csv::write(one, csv).map_err(Failure::new)?,
        ]),
        [one] => Ok(export_schedule(one, format)?),
        [] => Err(Failure::new(format!(
            "there is no schedule to write as {}",
            format.title()
        ))),
        many => Err(Failure::new(format!(
            "{} holds one schedule per file and this input has {}; write sf-json or sf-xml instead",
            format.title(),
            many.len()
        ))),
    }
}

/// Writes export files in `format`: one to `output` (or stdout); several into the folder
/// `output`, each where the app's archive puts it (ffplayout's playlists in its year and month
/// folders, `2026/01/2026-01-05.json`).
pub fn write_files(
    output: Option<&PathBuf>,
    files: &[ExportFile],
    format: Format,
) -> Result<(), Failure> {
    match (files, output) {
        ([one], _) => write_output(output, &one.text),
        (many, Some(dir)) => {
            for file in many {
                let path = dir.join(entry_path(&file.name, format));
                let folder = path.parent().unwrap_or(dir);
                fs::create_dir_all(folder).map_err(|e| {
                    Failure::new(format!("{}: cannot create: {e}", folder.display()))
                })?;
                write_output(Some(&path), &file.text)?;
            }
            Ok(())
        }
        (many, None) => Err(Failure::new(format!(
            "this export makes {} files; give -o FOLDER",
            many.len()
        ))),
    }
}

pub fn parse_rate(text: &str, drop_frame: bool) -> Result<FrameRate, Failure> {
    FrameRate::parse(text, drop_frame).map_err(|e| Failure::new(format!("--fps: {e}")))
}

/// The channel values given on the command line, each checked.
pub struct ChannelValues {
    pub rate: Option<FrameRate>,
    pub zone: Option<Zone>,
    pub day_start: Option<DayStart>,
    pub date: Date,
}

impl ChannelArgs {
    pub fn values(&self) -> Result<ChannelValues, Failure> {
        Ok(ChannelValues {
            rate: self
                .fps
                .as_deref()
                .map(|f| parse_rate(f, self.df))
                .transpose()?,
            zone: self
                .tz
                .as_deref()
                .map(|z| Zone::new(z).map_err(|e| Failure::new(format!("--tz: {e}"))))
                .transpose()?,
            day_start: self
                .day_start
                .as_deref()
                .map(|d| DayStart::parse(d).map_err(|e| Failure::new(format!("--day-start: {e}"))))
                .transpose()?,
            date: match self.date.as_deref() {
                Some(d) => d
                    .parse()
                    .map_err(|e| Failure::new(format!("--date '{d}': {e}")))?,
                None => jiff::Timestamp::now()
                    .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                    .date(),
            },
        })
    }
}
