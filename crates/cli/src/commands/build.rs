//! `scheduleflow build`: a schedule from a playlist, with the builder's options.

use jiff::Timestamp;
use scheduleflow_engine::build::form::identity;
use scheduleflow_engine::build::{build, BuildEnd, BuildRequest, Ending, Fill, HardStart, Order};
use scheduleflow_engine::channel::{Channel, Zone};
use scheduleflow_engine::model::{EventKind, Library, Playlist, Schedule};
use scheduleflow_engine::time::{FrameRate, Timecode};

use scheduleflow_engine::format::{CsvPreset, Format};

use crate::cli::{BuildArgs, EndingName, FillName, OrderName};
use crate::failure::{CommandResult, Failure, Outcome};
use crate::input::{read_playlist_file, render, write_files};

fn instant(flag: &str, text: &str) -> Result<Timestamp, Failure> {
    text.parse().map_err(|e| {
        Failure::new(format!(
            "{flag} '{text}': {e} (use RFC 3339 with an offset, such as 2026-03-28T06:00:00+01:00)"
        ))
    })
}

/// The playlist `id` (or the first) of a file in any format the engine reads: a playlist
/// document, a file without times (M3U, CSV), or a schedule (an ffplayout day, a CSV or BXF
/// with times), whose events are taken in order as the items.
fn pick_playlist(library: Library, id: Option<&str>, file: &str) -> Result<Playlist, Failure> {
    let Library {
        playlists,
        schedules,
    } = library;
    let mut candidates = playlists
        .into_iter()
        .chain(schedules.into_iter().map(Schedule::into_playlist));
    match id {
        Some(id) => candidates
            .find(|p| p.id == id)
            .ok_or_else(|| Failure::new(format!("{file}: no playlist or schedule with id '{id}'"))),
        None => candidates.next().ok_or_else(|| {
            Failure::new(format!(
                "{file}: the file holds no playlist or schedule to take items from"
            ))
        }),
    }
}

fn hard_start(text: &str, rate: FrameRate) -> Result<HardStart, Failure> {
    let bad = || {
        Failure::new(format!(
            "--hard-start '{text}': use INSTANT/LENGTH_TC/TITLE"
        ))
    };
    let mut parts = text.splitn(3, '/');
    let (Some(at), Some(length), Some(title)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    Ok(HardStart {
        at: instant("--hard-start", at)?,
        duration: Timecode::parse(length, rate)?.to_frames(rate)?,
        title: title.to_owned(),
        kind: EventKind::Live,
        source: None,
    })
}

pub fn run(args: &BuildArgs) -> CommandResult {
    let values = args.channel_args.values()?;
    let playlist_file = args.playlist.display().to_string();
    let playlist = pick_playlist(
        read_playlist_file(&args.playlist, &args.channel_args)?,
        args.playlist_id.as_deref(),
        &playlist_file,
    )?;
    let filler = match &args.filler {
        Some(path) => Some(pick_playlist(
            read_playlist_file(path, &args.channel_args)?,
            None,
            &path.display().to_string(),
        )?),
        None => None,
    };
    let rate = values.rate.unwrap_or(playlist.rate);
    let channel = Channel::new(
        args.channel.clone(),
        rate,
        values.zone.unwrap_or_else(Zone::utc),
        values.day_start.unwrap_or_default(),
    );
    let start = instant("--start", &args.start)?;
    let end = match (&args.end, &args.length) {
        (Some(end), _) => BuildEnd::At(instant("--end", end)?),
        (None, Some(length)) => BuildEnd::Length(Timecode::parse(length, rate)?.to_frames(rate)?),
        (None, None) => return Err(Failure::new("give --end INSTANT or --length TC")),
    };
    let order = match args.order {
        OrderName::Sequential => Order::Sequential,
        OrderName::Shuffle => Order::Shuffle { seed: args.seed },
        OrderName::NoRepeat => Order::ShuffleNoRepeat {
            seed: args.seed,
            window: args.window,
        },
    };
    let (id, name) = identity(&args.channel, &playlist, start);
    let request = BuildRequest {
        id,
        name,
        channel,
        start,
        end,
        order,
        fill: match args.fill {
            FillName::Once => Fill::Once,
            FillName::Loop => Fill::Loop,
        },
        ending: match args.ending {
            EndingName::Trim => Ending::Trim,
            EndingName::Filler => Ending::Filler,
            EndingName::Gap => Ending::Gap,
        },
        hard_starts: args
            .hard_starts
            .iter()
            .map(|h| hard_start(h, rate))
            .collect::<Result<_, _>>()?,
    };
    let built = build(&playlist, filler.as_ref(), &request)?;
    for note in &built.notes {
        eprintln!("note: {}", note.message);
    }
    let library = Library {
        schedules: vec![built.schedule],
        playlists: Vec::new(),
    };
    write_files(
        args.output.as_ref(),
        &render(&library, Format::SfJson, CsvPreset::Generic)?,
        Format::SfJson,
    )?;
    Ok(Outcome::Clean)
}
