//! "Schedule a playlist" as a person fills it in: text fields at the channel's rate and times on
//! the on-air clock of broadcast days, turned into a [`BuildRequest`] with every bad field
//! reported. The app's dialog and its live preview use this; the id and name are made as the
//! CLI makes them, so the same inputs give the same schedule in both.

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{BuildEnd, BuildRequest, Ending, Fill, HardStart, Order};
use crate::channel::Channel;
use crate::edit::FieldError;
use crate::model::{EventKind, Playlist};
use crate::on_air::on_air_instant;
use crate::time::{Frames, Ratio, Rounding, Timecode};

/// The id and name a built schedule gets: `<playlist id>-<start in Unix seconds>`, and
/// `<channel> from <playlist>`.
pub fn identity(channel: &str, playlist: &Playlist, start: Timestamp) -> (String, String) {
    (
        format!("{}-{}", playlist.id, start.as_second()),
        format!("{channel} from {}", playlist.name),
    )
}

/// How the form says the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderChoice {
    Sequential,
    Shuffle,
    NoRepeat,
}

/// A hard-start block as typed: on-air time on a broadcast day, length, title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HardStartForm {
    pub day: Date,
    pub time: String,
    pub length: String,
    pub title: String,
}

/// Where the form says the schedule ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndForm {
    /// A length as timecode (`168:00:00:00` is a week).
    Length(String),
    /// An on-air time on a broadcast day.
    At { day: Date, time: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildForm {
    pub channel: Channel,
    pub day: Date,
    /// The start on the on-air clock of `day`; empty for the day's start.
    pub time: String,
    pub end: EndForm,
    pub order: OrderChoice,
    pub seed: String,
    pub window: String,
    pub fill: Fill,
    pub ending: Ending,
    pub hard_starts: Vec<HardStartForm>,
}

impl BuildForm {
    /// The request the form describes for `playlist`, or every field that is wrong.
    pub fn request(&self, playlist: &Playlist) -> Result<BuildRequest, Vec<FieldError>> {
        let rate = self.channel.rate;
        let mut errors = Vec::new();
        let mut report = |field: &'static str, message: String| {
            errors.push(FieldError {
                field: field.into(),
                message,
            });
        };
        let start = if self.time.trim().is_empty() {
            self.channel
                .day_start_instant(self.day)
                .map_err(|e| e.to_string())
        } else {
            on_air_instant(&self.channel, self.day, &self.time).map_err(|e| e.to_string())
        };
        let start = start.map_err(|m| report("start", m)).ok();
        let end = match &self.end {
            EndForm::Length(text) => {
                match Timecode::parse(text, rate).and_then(|t| t.to_frames(rate)) {
                    Ok(f) if f.is_positive() => Some(BuildEnd::Length(f)),
                    Ok(_) => {
                        report("length", "the length must be longer than zero".into());
                        None
                    }
                    Err(e) => {
                        report(
                            "length",
                            format!("“{}” is not a length at {rate}: {e}", text.trim()),
                        );
                        None
                    }
                }
            }
            EndForm::At { day, time } => match on_air_instant(&self.channel, *day, time) {
                Ok(at) => Some(BuildEnd::At(at)),
                Err(e) => {
                    report("end", e.to_string());
                    None
                }
            },
        };
        let number = |text: &str| text.trim().parse::<u64>().ok();
        let seed = match self.order {
            OrderChoice::Sequential => 0,
            _ => number(&self.seed).unwrap_or_else(|| {
                report(
                    "seed",
                    format!("“{}” is not a whole number", self.seed.trim()),
                );
                0
            }),
        };
        let window = match self.order {
            OrderChoice::NoRepeat => number(&self.window)
                .and_then(|w| usize::try_from(w).ok())
                .unwrap_or_else(|| {
                    report(
                        "window",
                        format!("“{}” is not a whole number", self.window.trim()),
                    );
                    0
                }),
            _ => 0,
        };
        let mut hard_starts = Vec::new();
        for block in &self.hard_starts {
            let at = on_air_instant(&self.channel, block.day, &block.time)
                .map_err(|e| report("hard_start", format!("{}: {e}", block.title)));
            let length = Timecode::parse(&block.length, rate)
                .and_then(|t| t.to_frames(rate))
                .map_err(|e| {
                    report(
                        "hard_start",
                        format!(
                            "{}: “{}” is not a length: {e}",
                            block.title,
                            block.length.trim()
                        ),
                    )
                });
            if let (Ok(at), Ok(duration)) = (at, length) {
                hard_starts.push(HardStart {
                    at,
                    duration,
                    title: block.title.clone(),
                    kind: EventKind::Live,
                    source: None,
                });
            }
        }
        let (Some(start), Some(end)) = (start, end) else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let (id, name) = identity(&self.channel.name, playlist, start);
        Ok(BuildRequest {
            id,
            name,
            channel: self.channel.clone(),
            start,
            end,
            order: match self.order {
                OrderChoice::Sequential => Order::Sequential,
                OrderChoice::Shuffle => Order::Shuffle { seed },
                OrderChoice::NoRepeat => Order::ShuffleNoRepeat { seed, window },
            },
            fill: self.fill,
            ending: self.ending,
            hard_starts,
        })
    }
}

/// The form's default length: 24 hours of real time in whole frames at the channel's rate, as
/// timecode (`24:00:00:00` at 25; at 29.97 drop-frame `24:00:00;02`, because drop-frame
/// timecode runs a little behind the wall clock).
pub fn one_day(channel: &Channel) -> String {
    let rate = channel.rate;
    let frames = rate
        .frames_from_seconds(Ratio::from_integer(86_400), Rounding::Floor)
        .map_or(Frames::ZERO, |r| r.value);
    Timecode::format_frames(frames, rate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::build;
    use crate::channel::{DayStart, Zone};
    use crate::generate::playlist;
    use crate::time::FrameRate;
    use jiff::civil::date;

    fn channel() -> Channel {
        Channel::new(
            "One",
            FrameRate::FPS_25,
            Zone::new("Europe/Berlin").unwrap(),
            DayStart::parse("06:00:00").unwrap(),
        )
    }

    fn form() -> BuildForm {
        BuildForm {
            channel: channel(),
            day: date(2026, 3, 28),
            time: String::new(),
            end: EndForm::Length("48:00:00:00".into()),
            order: OrderChoice::NoRepeat,
            seed: "7".into(),
            window: "3".into(),
            fill: Fill::Loop,
            ending: Ending::Trim,
            hard_starts: vec![HardStartForm {
                day: date(2026, 3, 28),
                time: "20:00:00:00".into(),
                length: "00:15:00:00".into(),
                title: "News".into(),
            }],
        }
    }

    #[test]
    fn the_form_makes_the_request_the_command_line_would() {
        let p = playlist(12, 4, FrameRate::FPS_25);
        let request = form().request(&p).unwrap();
        let start: Timestamp = "2026-03-28T06:00:00+01:00".parse().unwrap();
        assert_eq!(
            request,
            BuildRequest {
                id: format!("{}-{}", p.id, start.as_second()),
                name: format!("One from {}", p.name),
                channel: channel(),
                start,
                end: BuildEnd::Length(Frames(25 * 3600 * 48)),
                order: Order::ShuffleNoRepeat { seed: 7, window: 3 },
                fill: Fill::Loop,
                ending: Ending::Trim,
                hard_starts: vec![HardStart {
                    at: "2026-03-28T20:00:00+01:00".parse().unwrap(),
                    duration: Frames(25 * 60 * 15),
                    title: "News".into(),
                    kind: EventKind::Live,
                    source: None,
                }],
            }
        );
        // Across the spring-forward night the next day's block is on the summer clock.
        let mut later = form();
        later.hard_starts[0].day = date(2026, 3, 29);
        let r = later.request(&p).unwrap();
        assert_eq!(
            r.hard_starts[0].at,
            "2026-03-29T20:00:00+02:00".parse::<Timestamp>().unwrap()
        );
        assert!(build(&p, None, &r).is_ok());
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut f = form();
        f.time = "6am".into();
        f.end = EndForm::Length("0".into());
        f.seed = "x".into();
        f.window = "-1".into();
        f.hard_starts[0].length = "long".into();
        let errors = f.request(&playlist(3, 1, FrameRate::FPS_25)).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["start", "length", "seed", "window", "hard_start"]
        );
    }

    #[test]
    fn a_day_is_the_default_length() {
        assert_eq!(one_day(&channel()), "24:00:00:00");
        let mut df = channel();
        df.rate = FrameRate::FPS_29_97_DF;
        assert_eq!(one_day(&df), "24:00:00;02");
    }
}
