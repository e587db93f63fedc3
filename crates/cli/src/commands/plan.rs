//! `scheduleflow plan`: the schedule a plan file's rules make for a range of dates, from the
//! playlists it names, optionally applied onto an existing schedule (its hand edits kept).

use std::path::Path;

use jiff::civil::Date;
use scheduleflow_engine::format::{CsvPreset, Format};
use scheduleflow_engine::model::{Library, Playlist, Schedule};
use scheduleflow_engine::on_air::OnAir;
use scheduleflow_engine::rules::{apply, ApplyRequest, PlanFile};
use scheduleflow_engine::time::Timecode;
use scheduleflow_engine::validate::{count, validate};

use crate::cli::{ChannelArgs, CsvLayout, PlanArgs, RepeatedHourName};
use crate::failure::{CommandResult, Failure, Outcome};
use crate::input::{read_library, read_playlist_file, read_text, render, write_files};

fn date(flag: &str, text: &str) -> Result<Date, Failure> {
    text.parse()
        .map_err(|e| Failure::new(format!("{flag} '{text}': {e} (use YYYY-MM-DD)")))
}

/// Channel values for playlist files that carry none (M3U, CSV): the plan's channel.
fn plan_channel_args(plan: &PlanFile) -> ChannelArgs {
    let rate = plan.channel.rate;
    ChannelArgs {
        fps: Some(format!("{}/{}", rate.numerator(), rate.denominator())),
        df: rate.is_drop_frame(),
        tz: Some(plan.channel.zone.name().to_owned()),
        day_start: Some(plan.channel.day_start.to_string()),
        date: None,
        csv_preset: CsvLayout::Generic,
        repeated_hour: RepeatedHourName::First,
    }
}

/// Every playlist in the files, and every schedule as a playlist of its events.
fn playlists(files: &[impl AsRef<Path>], channel: &ChannelArgs) -> Result<Vec<Playlist>, Failure> {
    let mut out = Vec::new();
    for file in files {
        let Library {
            playlists,
            schedules,
        } = read_playlist_file(file.as_ref(), channel)?;
        out.extend(playlists);
        out.extend(schedules.into_iter().map(Schedule::into_playlist));
    }
    Ok(out)
}

pub fn run(args: &PlanArgs) -> CommandResult {
    let templates = args.templates.display().to_string();
    let file = PlanFile::parse(&read_text(&args.templates)?)
        .map_err(|e| Failure::new(format!("{templates}: {e}")))?;
    let plan = file
        .check()
        .map_err(|e| Failure::new(format!("{templates}: {e}")))?;
    let from = date("--from", &args.from)?;
    let to = date("--to", &args.to)?;
    let channel_args = plan_channel_args(&file);
    let playlists = playlists(&args.playlists, &channel_args)?;
    let onto = match &args.onto {
        Some(path) => {
            let library = read_library(path, None, &channel_args)?;
            Some(library.schedules.into_iter().next().ok_or_else(|| {
                Failure::new(format!("{}: the file holds no schedule", path.display()))
            })?)
        }
        None => None,
    };
    let channel = &plan.channel;
    let id = args
        .id
        .clone()
        .unwrap_or_else(|| format!("{}-{from}-{to}", slug(&channel.name)));
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| format!("{} {from} to {to}", channel.name));
    let applied = apply(&ApplyRequest {
        plan: &plan,
        playlists: &playlists,
        from,
        to,
        onto: onto.as_ref(),
        id,
        name,
        reserved: &[],
    })
    .map_err(|e| Failure::new(format!("{templates}: {e}")))?;
    let schedule = &applied.schedule;
    let clock = OnAir::new(schedule);
    for note in &applied.notes {
        match note.at {
            Some(at) => eprintln!("note: {}: {}", clock.at(at), note.message),
            None => eprintln!("note: {}", note.message),
        }
    }
    for gap in &applied.gaps {
        eprintln!(
            "gap: {} for {}: {}",
            clock.at(gap.from),
            Timecode::format_frames(gap.to - gap.from, schedule.rate()),
            gap.why
        );
    }
    let (errors, _) = count(&validate(schedule));
    eprintln!(
        "plan: {} event(s) made, {} kept, {} replaced, {} gap(s), {errors} error(s)",
        applied.made,
        applied.kept,
        applied.replaced,
        applied.gaps.len()
    );
    let library = Library {
        schedules: vec![applied.schedule],
        playlists: Vec::new(),
    };
    write_files(
        args.output.as_ref(),
        &render(&library, Format::SfJson, CsvPreset::Generic)?,
        Format::SfJson,
    )?;
    Ok(if errors > 0 {
        Outcome::ScheduleHasErrors
    } else {
        Outcome::Clean
    })
}

/// A channel name as an id: lower case, dashes for anything else.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}
