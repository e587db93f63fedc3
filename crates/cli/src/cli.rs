//! The command line's shape, as clap derives it; `--help` documents every command from here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use scheduleflow_engine::format::{CsvPreset, Format, RepeatedHour};

#[derive(Debug, Parser)]
#[command(
    name = "scheduleflow",
    version,
    about = "Frame-exact playout schedules: convert, validate, build, generate and inspect.",
    long_about = "Frame-exact playout schedules: convert, validate, build, generate and inspect.\n\n\
        Exit codes: 0 fine, 1 the schedule has errors, 2 the input cannot be read.\n\
        Formats: sf-json, sf-xml, ffplayout, xmltv, bxf, csv, m3u. The input format is detected\n\
        from the content; --from overrides it."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert between frame counts and timecode.
    Tc(TcArgs),
    /// Write a synthetic, valid schedule of N events (for tests and benchmarks).
    Gen(GenArgs),
    /// Build a schedule from a playlist.
    Build(BuildArgs),
    /// Apply a plan's day templates to a range of dates (optionally onto a schedule, keeping
    /// its hand edits).
    Plan(PlanArgs),
    /// Print every problem in the schedules of a file.
    Validate(ValidateArgs),
    /// Describe the schedules in a file (with --json, machine-readable).
    Inspect(InspectArgs),
    /// Convert a file to another format.
    Convert(ConvertArgs),
}

fn format(text: &str) -> Result<Format, String> {
    text.parse()
}

/// Channel values for formats that do not carry them.
#[derive(Debug, Args)]
pub struct ChannelArgs {
    /// Frame rate: 24, 25, 30, 50, 60, 24000/1001, 30000/1001, 60000/1001 (or 23.976, 29.97, 59.94).
    #[arg(long, value_name = "RATE")]
    pub fps: Option<String>,
    /// Drop-frame timecode (30000/1001 and 60000/1001 only).
    #[arg(long)]
    pub df: bool,
    /// IANA time zone, such as Europe/Berlin.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Broadcast-day start, such as 06:00.
    #[arg(long, value_name = "HH:MM[:SS]")]
    pub day_start: Option<String>,
    /// The broadcast day, for formats without dates (M3U, CSV); default today (UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The CSV layout: generic (a header row names the columns) or cinegy.
    #[arg(long, value_enum, default_value_t = CsvLayout::Generic)]
    pub csv_preset: CsvLayout,
    /// Which instant a time in the hour that happens twice when the clocks go back names (CSV,
    /// BXF): the first or the second occurrence. Either way, each such time is reported.
    #[arg(long, value_enum, default_value_t = RepeatedHourName::First)]
    pub repeated_hour: RepeatedHourName,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RepeatedHourName {
    First,
    Second,
}

impl RepeatedHourName {
    pub fn choice(self) -> RepeatedHour {
        match self {
            RepeatedHourName::First => RepeatedHour::First,
            RepeatedHourName::Second => RepeatedHour::Second,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvLayout {
    Generic,
    Cinegy,
}

impl CsvLayout {
    pub fn preset(self) -> CsvPreset {
        match self {
            CsvLayout::Generic => CsvPreset::Generic,
            CsvLayout::Cinegy => CsvPreset::Cinegy,
        }
    }
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["frames", "timecode"])))]
pub struct TcArgs {
    /// Frame rate, such as 25 or 30000/1001.
    #[arg(long, value_name = "RATE")]
    pub fps: String,
    /// Drop-frame timecode (30000/1001 and 60000/1001 only).
    #[arg(long)]
    pub df: bool,
    /// Print the timecode of this frame count.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub frames: Option<i64>,
    /// Print the frame count of this timecode.
    #[arg(long, value_name = "TC")]
    pub timecode: Option<String>,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// How many events.
    #[arg(long, value_name = "N")]
    pub events: usize,
    /// The seed: the same seed gives the same schedule.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_parser = format, default_value = "sf-json")]
    pub to: Format,
    /// Frame rate of the synthetic channel.
    #[arg(long, value_name = "RATE", default_value = "25")]
    pub fps: String,
    /// Drop-frame timecode.
    #[arg(long)]
    pub df: bool,
    /// Where the schedule starts (RFC 3339).
    #[arg(
        long,
        value_name = "INSTANT",
        default_value = "2026-01-05T06:00:00+01:00"
    )]
    pub start: String,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderName {
    Sequential,
    Shuffle,
    NoRepeat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FillName {
    Once,
    Loop,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EndingName {
    Trim,
    Filler,
    Gap,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The playlist, in any format the engine reads: a ScheduleFlow playlist, an M3U or CSV
    /// list, or a schedule (an ffplayout day, say) whose events become the items in order.
    #[arg(long, value_name = "FILE")]
    pub playlist: PathBuf,
    /// Which playlist (or schedule) in the file, by id (default: the first).
    #[arg(long, value_name = "ID")]
    pub playlist_id: Option<String>,
    /// A file (any format, as for --playlist) whose first playlist fills remainders (with
    /// --ending filler).
    #[arg(long, value_name = "FILE")]
    pub filler: Option<PathBuf>,
    /// The channel's name.
    #[arg(long, default_value = "Channel 1")]
    pub channel: String,
    #[command(flatten)]
    pub channel_args: ChannelArgs,
    /// Where the schedule starts (RFC 3339, with offset).
    #[arg(long, value_name = "INSTANT")]
    pub start: String,
    /// Where it ends (RFC 3339, with offset).
    #[arg(long, value_name = "INSTANT", conflicts_with = "length")]
    pub end: Option<String>,
    /// Or how long it is, as timecode at the channel's rate (hours may exceed 23: 168:00:00:00).
    #[arg(long, value_name = "TC")]
    pub length: Option<String>,
    #[arg(long, value_enum, default_value_t = OrderName::Sequential)]
    pub order: OrderName,
    /// Seed for shuffled orders.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How many recent items a no-repeat shuffle avoids.
    #[arg(long, default_value_t = 3)]
    pub window: usize,
    #[arg(long, value_enum, default_value_t = FillName::Loop)]
    pub fill: FillName,
    /// What happens where the next item does not fit.
    #[arg(long, value_enum, default_value_t = EndingName::Trim)]
    pub ending: EndingName,
    /// A fixed block: INSTANT/LENGTH_TC/TITLE, such as 2026-03-28T18:00:00+01:00/00:15:00:00/News.
    #[arg(long = "hard-start", value_name = "BLOCK")]
    pub hard_starts: Vec<String>,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The plan file (docs/formats/plan): the channel, its day templates, the weekly plan,
    /// date rules and separation rules.
    #[arg(long, value_name = "FILE")]
    pub templates: PathBuf,
    /// The first broadcast day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: String,
    /// The last broadcast day (included).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: String,
    /// A file of playlists the plan names, by id or name (any format the engine reads; a
    /// schedule counts as a playlist of its events). Give it once per file.
    #[arg(long = "playlist", value_name = "FILE")]
    pub playlists: Vec<PathBuf>,
    /// Apply onto the first schedule in this file: what a person put there or changed is kept,
    /// what the rules made before in these dates is replaced.
    #[arg(long, value_name = "FILE")]
    pub onto: Option<PathBuf>,
    /// The new schedule's id (default: the channel's name and the dates).
    #[arg(long)]
    pub id: Option<String>,
    /// The new schedule's name.
    #[arg(long)]
    pub name: Option<String>,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The file a command reads, and what the file may not say.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The file to read (the format is detected from its content).
    pub file: PathBuf,
    /// Read the file as this format instead of detecting it.
    #[arg(long, value_parser = format)]
    pub from: Option<Format>,
    #[command(flatten)]
    pub channel_args: ChannelArgs,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print the diagnostics as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also check the separation rules of this plan file (docs/formats/plan).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print machine-readable JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The format to write.
    #[arg(long, value_parser = format)]
    pub to: Format,
    /// Write here instead of standard output (a folder when the format writes several files).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// The commands README.md and `--help` document, in their order.
    const COMMANDS: [&str; 7] = [
        "tc", "gen", "build", "plan", "validate", "inspect", "convert",
    ];

    #[test]
    fn the_command_line_has_exactly_the_documented_commands() {
        let cli = Cli::command();
        cli.clone().debug_assert();
        let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
        assert_eq!(names, COMMANDS);
    }
}
