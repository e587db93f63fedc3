//! The plan file: a channel's day templates, which template each date gets, and the seed for
//! its shuffles, as a person writes it (`docs/formats/plan`), and its checked, typed form.

use std::collections::HashMap;

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use super::PlanError;
use crate::build::{Ending, Fill};
use crate::channel::Channel;
use crate::format::clock::{parse_time_of_day, TimeOfDay};
use crate::model::EventKind;
use crate::time::{Frames, Timecode};
use crate::validate::Separation;

/// A plan as written in its JSON file. Times and lengths are text (`06:00:00:00`) so a person
/// can read and write them; [`PlanFile::check`] turns them into frames.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub format: String,
    pub version: u32,
    pub channel: Channel,
    /// Mixed into every shuffle, so two channels with the same playlists differ.
    #[serde(default)]
    pub seed: u64,
    pub templates: Vec<TemplateFile>,
    /// The template of each weekday (its id), or none: nothing is planned that day.
    #[serde(default)]
    pub week: WeekFile,
    /// Dates that differ from the week: single dates win, then the first matching rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DateRuleFile>,
    /// The channel's separation rules, which validation checks.
    #[serde(default, skip_serializing_if = "is_default")]
    pub separation: Separation,
}

fn is_default(separation: &Separation) -> bool {
    *separation == Separation::default()
}

/// The template id for each weekday.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thu: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sun: Option<String>,
}

impl WeekFile {
    /// The template id of `weekday`.
    pub fn get(&self, weekday: Weekday) -> Option<&str> {
        match weekday {
            Weekday::Monday => self.mon.as_deref(),
            Weekday::Tuesday => self.tue.as_deref(),
            Weekday::Wednesday => self.wed.as_deref(),
            Weekday::Thursday => self.thu.as_deref(),
            Weekday::Friday => self.fri.as_deref(),
            Weekday::Saturday => self.sat.as_deref(),
            Weekday::Sunday => self.sun.as_deref(),
        }
    }

    /// Sets the template id of `weekday`.
    pub fn set(&mut self, weekday: Weekday, template: Option<String>) {
        let slot = match weekday {
            Weekday::Monday => &mut self.mon,
            Weekday::Tuesday => &mut self.tue,
            Weekday::Wednesday => &mut self.wed,
            Weekday::Thursday => &mut self.thu,
            Weekday::Friday => &mut self.fri,
            Weekday::Saturday => &mut self.sat,
            Weekday::Sunday => &mut self.sun,
        };
        *slot = template;
    }
}

/// Dates that get another template than their weekday's (`template: null`: nothing planned).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRuleFile {
    pub when: When,
    pub template: Option<String>,
}

/// Which dates a rule covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum When {
    /// One date (an exception: it wins over every other rule).
    Date(Date),
    /// Every date from `from` to `to`, both included.
    Range { from: Date, to: Date },
    /// `weekday` every `weeks` weeks, counting from the week of `from`.
    EveryWeeks {
        weeks: u32,
        weekday: WeekdayName,
        from: Date,
    },
    /// The `nth` `weekday` of every month (1 to 5; -1 is the last).
    NthWeekday { nth: i8, weekday: WeekdayName },
}

/// A weekday as the plan file writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekdayName {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl From<WeekdayName> for Weekday {
    fn from(name: WeekdayName) -> Weekday {
        match name {
            WeekdayName::Mon => Weekday::Monday,
            WeekdayName::Tue => Weekday::Tuesday,
            WeekdayName::Wed => Weekday::Wednesday,
            WeekdayName::Thu => Weekday::Thursday,
            WeekdayName::Fri => Weekday::Friday,
            WeekdayName::Sat => Weekday::Saturday,
            WeekdayName::Sun => Weekday::Sunday,
        }
    }
}

/// A broadcast day of blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFile {
    pub id: String,
    pub name: String,
    pub blocks: Vec<BlockFile>,
}

/// One block of a template, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockFile {
    /// On the on-air clock: `06:00:00:00`, past midnight `25:30:00:00`.
    pub start: String,
    /// A timecode length; absent: until the next block (or the end of the day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<String>,
    pub title: String,
    pub source: SourceFile,
    #[serde(default = "fill_loop")]
    pub fill: Fill,
    /// What fills the block's end when the next item does not fit or the playlist is spent.
    #[serde(default = "then_filler")]
    pub then: Ending,
    #[serde(default, skip_serializing_if = "FillerFile::is_empty")]
    pub filler: FillerFile,
    /// Pad each programme (with its pre- and post-filler) to the next boundary of this grid:
    /// `00:30:00` (hours, minutes, seconds of real time, from the day's start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pad_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breaks: Option<BreaksFile>,
}

fn fill_loop() -> Fill {
    Fill::Loop
}

fn then_filler() -> Ending {
    Ending::Filler
}

/// Where a block's events come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum SourceFile {
    Playlist {
        playlist: String,
        #[serde(default)]
        order: OrderFile,
        /// For `no-repeat`: how many of the last picks may not come again.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        window: Option<usize>,
    },
    Event {
        event: FixedEventFile,
    },
}

/// How a block picks from its playlist.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrderFile {
    #[default]
    Sequential,
    Shuffle,
    NoRepeat,
}

/// A fixed event, such as the news: it starts at the block's start, whatever runs before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedEventFile {
    pub title: String,
    pub length: String,
    #[serde(default)]
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The filler playlists of a block, by role (playlist ids).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FillerFile {
    /// One item before each programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre: Option<String>,
    /// One item after each programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
    /// The best fit of items up to the boundary (or the block's end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tail: Option<String>,
    /// One item, cut to what the tail left over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
}

impl FillerFile {
    fn is_empty(&self) -> bool {
        *self == FillerFile::default()
    }
}

/// Commercial breaks inside a block's programmes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreaksFile {
    /// Where to break: every `HH:MM:SS` of programme, or `chapters` (the item's chapter marks).
    pub at: String,
    /// The most a break's spots may run (timecode).
    pub length: String,
    /// The spots (mid-roll), in order of priority.
    pub spots: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bumper_in: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bumper_out: Option<String>,
}

/// The value of `format` in a plan file.
pub const PLAN_FORMAT: &str = "scheduleflow-plan";

// ---- The checked form ----

/// A checked plan: every time in frames at the channel's rate, every reference resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub channel: Channel,
    pub seed: u64,
    pub templates: Vec<Template>,
    /// Index into `templates` for each weekday, Monday first.
    pub week: [Option<usize>; 7],
    pub dates: Vec<DateRule>,
    pub separation: Separation,
}

/// A checked template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub id: String,
    pub name: String,
    /// In start order.
    pub blocks: Vec<Block>,
}

/// A checked block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub start: TimeOfDay,
    /// What the plan file wrote, for notes.
    pub start_text: String,
    pub length: Option<Frames>,
    pub title: String,
    pub source: Source,
    pub fill: Fill,
    pub then: Ending,
    pub filler: FillerFile,
    /// The padding grid in whole seconds.
    pub pad_to: Option<u32>,
    pub breaks: Option<Breaks>,
}

/// A checked source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Playlist {
        playlist: String,
        order: OrderFile,
        window: usize,
    },
    Event {
        title: String,
        length: Frames,
        kind: EventKind,
        source: Option<String>,
    },
}

/// Checked breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breaks {
    pub at: BreakAt,
    pub length: Frames,
    pub spots: String,
    pub bumper_in: Option<String>,
    pub bumper_out: Option<String>,
}

/// Where breaks go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakAt {
    /// Every so many whole seconds of programme.
    Every(u32),
    /// At the chapter marks the item carries.
    Chapters,
}

/// A checked date rule: `template` indexes the plan's templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRule {
    pub when: When,
    pub template: Option<usize>,
}

impl PlanFile {
    /// Reads a plan file. Errors name the line and column (JSON) or the field (references).
    pub fn parse(text: &str) -> Result<PlanFile, PlanError> {
        let file: PlanFile = serde_json::from_str(text).map_err(|e| PlanError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if file.format != PLAN_FORMAT || file.version != 1 {
            return Err(PlanError::at(
                "format",
                format!(
                    "this is not a ScheduleFlow plan (format '{PLAN_FORMAT}', version 1); found '{}', version {}",
                    file.format, file.version
                ),
            ));
        }
        Ok(file)
    }

    /// The plan as JSON, as `parse` reads it.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every field and resolves template ids; reports the first problem with its path.
    pub fn check(&self) -> Result<Plan, PlanError> {
        let rate = self.channel.rate;
        let mut ids = HashMap::new();
        let mut templates = Vec::with_capacity(self.templates.len());
        for (t, template) in self.templates.iter().enumerate() {
            let path = format!("templates[{t}]");
            if ids.insert(template.id.as_str(), t).is_some() {
                return Err(PlanError::at(
                    &path,
                    format!("the template id '{}' is used twice", template.id),
                ));
            }
            let mut blocks = Vec::with_capacity(template.blocks.len());
            for (b, block) in template.blocks.iter().enumerate() {
                blocks.push(check_block(block, &format!("{path}.blocks[{b}]"), rate)?);
            }
            let mut order: Vec<usize> = (0..blocks.len()).collect();
            order.sort_by_key(|&i| start_key(&blocks[i]));
            for pair in order.windows(2) {
                if start_key(&blocks[pair[0]]) == start_key(&blocks[pair[1]]) {
                    return Err(PlanError::at(
                        &format!("{path}.blocks[{}]", pair[1]),
                        format!(
                            "two blocks start at {}",
                            template.blocks[pair[1]].start.trim()
                        ),
                    ));
                }
            }
            let blocks = order.into_iter().map(|i| blocks[i].clone()).collect();
            templates.push(Template {
                id: template.id.clone(),
                name: template.name.clone(),
                blocks,
            });
        }
        let resolve = |path: &str, id: &Option<String>| -> Result<Option<usize>, PlanError> {
            match id {
                None => Ok(None),
                Some(id) => ids.get(id.as_str()).copied().map(Some).ok_or_else(|| {
                    PlanError::at(path, format!("there is no template with the id '{id}'"))
                }),
            }
        };
        let mut week = [None; 7];
        for (i, name) in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .enumerate()
        {
            let weekday = Weekday::from_monday_one_offset(i as i8 + 1).unwrap_or(Weekday::Monday);
            let id = self.week.get(weekday).map(str::to_owned);
            week[i] = resolve(&format!("week.{name}"), &id)?;
        }
        let mut dates = Vec::with_capacity(self.dates.len());
        for (i, rule) in self.dates.iter().enumerate() {
            let path = format!("dates[{i}]");
            check_when(&rule.when, &path)?;
            dates.push(DateRule {
                when: rule.when.clone(),
                template: resolve(&format!("{path}.template"), &rule.template)?,
            });
        }
        Ok(Plan {
            channel: self.channel.clone(),
            seed: self.seed,
            templates,
            week,
            dates,
            separation: self.separation.clone(),
        })
    }
}

/// Orders blocks by their on-air time (hours may pass 23).
fn start_key(block: &Block) -> (u32, u8, u8, u8) {
    block.start.key()
}

fn check_when(when: &When, path: &str) -> Result<(), PlanError> {
    match when {
        When::Range { from, to } if from > to => Err(PlanError::at(
            &format!("{path}.when"),
            format!("the range ends ({to}) before it starts ({from})"),
        )),
        When::EveryWeeks { weeks: 0, .. } => Err(PlanError::at(
            &format!("{path}.when.weeks"),
            "every 0 weeks never comes; use 1 or more".into(),
        )),
        When::NthWeekday { nth, .. } if !matches!(nth, 1..=5 | -1) => Err(PlanError::at(
            &format!("{path}.when.nth"),
            format!("{nth} is not a week of the month; use 1 to 5, or -1 for the last"),
        )),
        _ => Ok(()),
    }
}

fn check_block(
    block: &BlockFile,
    path: &str,
    rate: crate::time::FrameRate,
) -> Result<Block, PlanError> {
    let start = parse_time_of_day(&block.start, rate).ok_or_else(|| {
        PlanError::at(
            &format!("{path}.start"),
            format!(
                "'{}' is not an on-air time; write it as HH:MM:SS:FF, for example 06:00:00:00",
                block.start.trim()
            ),
        )
    })?;
    let length = |field: &str, text: &str| -> Result<Frames, PlanError> {
        let frames = Timecode::parse(text, rate)
            .and_then(|tc| tc.to_frames(rate))
            .map_err(|e| {
                PlanError::at(
                    &format!("{path}.{field}"),
                    format!("'{}' is not a length at {rate}: {e}", text.trim()),
                )
            })?;
        if frames.is_positive() {
            Ok(frames)
        } else {
            Err(PlanError::at(
                &format!("{path}.{field}"),
                "a length must be more than zero".into(),
            ))
        }
    };
    let source = match &block.source {
        SourceFile::Playlist {
            playlist,
            order,
            window,
        } => Source::Playlist {
            playlist: playlist.clone(),
            order: *order,
            window: window.unwrap_or(1),
        },
        SourceFile::Event { event } => Source::Event {
            title: event.title.clone(),
            length: length("source.event.length", &event.length)?,
            kind: event.kind,
            source: event.source.clone(),
        },
    };
    let breaks = match &block.breaks {
        None => None,
        Some(b) => Some(Breaks {
            at: if b.at.trim() == "chapters" {
                BreakAt::Chapters
            } else {
                BreakAt::Every(seconds(&b.at, &format!("{path}.breaks.at"))?)
            },
            length: length("breaks.length", &b.length)?,
            spots: b.spots.clone(),
            bumper_in: b.bumper_in.clone(),
            bumper_out: b.bumper_out.clone(),
        }),
    };
    Ok(Block {
        start,
        start_text: block.start.trim().to_owned(),
        length: block
            .length
            .as_deref()
            .map(|l| length("length", l))
            .transpose()?,
        title: block.title.clone(),
        source,
        fill: block.fill,
        then: block.then,
        filler: block.filler.clone(),
        pad_to: block
            .pad_to
            .as_deref()
            .map(|g| seconds(g, &format!("{path}.pad_to")))
            .transpose()?,
        breaks,
    })
}

/// Reads `HH:MM:SS` (real time) as whole seconds, more than zero.
fn seconds(text: &str, path: &str) -> Result<u32, PlanError> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    let value = match parts.as_slice() {
        [h, m, s] => {
            let num = |t: &str, max: u32| t.parse::<u32>().ok().filter(|v| *v < max);
            match (num(h, 25), num(m, 60), num(s, 60)) {
                (Some(h), Some(m), Some(s)) => Some(h * 3600 + m * 60 + s),
                _ => None,
            }
        }
        _ => None,
    };
    value.filter(|v| *v > 0).ok_or_else(|| {
        PlanError::at(
            path,
            format!(
                "'{}' is not a time span; write it as HH:MM:SS, for example 00:30:00",
                text.trim()
            ),
        )
    })
}
