//! What the plan editor shows and does: a template's blocks on its day strip (in
//! ten-thousandths of a broadcast day, with their on-air times), and the edits a person makes
//! — a block moved or resized (by dragging or by keys), added or removed, a weekday's template
//! chosen — each written back into the plan file as the text a person would have typed.

use jiff::civil::{date, Date, Weekday};

use super::plan::{BlockFile, DateRuleFile, PlanFile, SourceFile, WeekdayName, When};
use super::PlanError;
use crate::build::{Ending, Fill};
use crate::format::clock::{format_time_of_day, parse_time_of_day, DayClock, Hours};
use crate::time::{Frames, Timecode};

/// The day a template is drawn on: an ordinary 24-hour day (no clock change).
const REFERENCE_DAY: Date = date(2026, 1, 5);

/// A block as the day strip draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StripBlock {
    /// Its index in the template's block list (the file's order).
    pub index: usize,
    pub title: String,
    /// On-air times of its start and end (`06:00:00:00`, `18:00:00:00`).
    pub start: String,
    pub end: String,
    /// Its length as timecode.
    pub length: String,
    /// Where it starts and ends, in ten-thousandths of the day from the day's start.
    pub from: u32,
    pub to: u32,
    /// It runs until the next block (no length of its own).
    pub until_next: bool,
}

/// A block's extent in frames from the day's start on the reference day.
#[derive(Debug, Clone, Copy)]
struct Extent {
    index: usize,
    start: Frames,
    end: Frames,
}

fn extents(file: &PlanFile, template: usize) -> Result<(Vec<Extent>, Frames), PlanError> {
    let rate = file.channel.rate;
    let clock = DayClock::new(&file.channel, REFERENCE_DAY)?;
    let day = clock.length();
    let blocks = &file
        .templates
        .get(template)
        .ok_or_else(|| PlanError::at("templates", format!("there is no template {template}")))?
        .blocks;
    let mut starts = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        let tod = parse_time_of_day(&b.start, rate).ok_or_else(|| {
            PlanError::at(
                &format!("templates[{template}].blocks[{i}].start"),
                format!("'{}' is not an on-air time", b.start.trim()),
            )
        })?;
        starts.push((i, clock.frames(tod)?.value));
    }
    starts.sort_by_key(|(_, s)| *s);
    let mut out = Vec::with_capacity(starts.len());
    for (k, &(index, start)) in starts.iter().enumerate() {
        let next = starts.get(k + 1).map_or(day, |(_, s)| *s).min(day);
        let length = blocks[index]
            .length
            .as_deref()
            .and_then(|l| Timecode::parse(l, rate).ok())
            .and_then(|tc| tc.to_frames(rate).ok());
        let end = length.map_or(next, |l| (start + l).min(next));
        out.push(Extent { index, start, end });
    }
    Ok((out, day))
}

fn permyriad(frames: Frames, day: Frames) -> u32 {
    if !day.is_positive() {
        return 0;
    }
    let v = frames.get().clamp(0, day.get()) * 10_000 / day.get();
    u32::try_from(v).unwrap_or(10_000)
}

/// The on-air text of `frames` after the day's start (hours past 23 after midnight).
fn on_air(file: &PlanFile, frames: Frames) -> Result<String, PlanError> {
    let clock = DayClock::new(&file.channel, REFERENCE_DAY)?;
    Ok(format_time_of_day(
        &clock,
        &file.channel,
        frames,
        Hours::Continued,
    )?)
}

/// The length of the day the strip draws (an ordinary 24 hours), in frames: what the strip's
/// whole width stands for, to turn a drag into frames.
pub fn strip_day(file: &PlanFile) -> Result<Frames, PlanError> {
    Ok(DayClock::new(&file.channel, REFERENCE_DAY)?.length())
}

/// Template `template`'s blocks in time order, placed on its day strip.
pub fn template_strip(file: &PlanFile, template: usize) -> Result<Vec<StripBlock>, PlanError> {
    let (extents, day) = extents(file, template)?;
    let rate = file.channel.rate;
    let blocks = &file.templates[template].blocks;
    extents
        .into_iter()
        .map(|e| {
            Ok(StripBlock {
                index: e.index,
                title: blocks[e.index].title.clone(),
                start: on_air(file, e.start)?,
                end: on_air(file, e.end)?,
                length: Timecode::format_frames(e.end - e.start, rate),
                from: permyriad(e.start, day),
                to: permyriad(e.end, day),
                until_next: blocks[e.index].length.is_none(),
            })
        })
        .collect()
}

/// A change to a plan in the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanEdit {
    /// Moves block `block` of `template` by `by` frames, keeping its length (a block that runs
    /// until the next moves only its start); it stays within the day and does not pass its
    /// neighbours.
    Move {
        template: usize,
        block: usize,
        by: Frames,
    },
    /// Changes the length of block `block` of `template` by `by` frames (giving it a length
    /// of its own if it ran until the next block); at least one second, and not past the next
    /// block or the day's end.
    Resize {
        template: usize,
        block: usize,
        by: Frames,
    },
    /// Adds a block where the last one ends, running until the end of the day.
    AddBlock {
        template: usize,
        playlist: String,
    },
    RemoveBlock {
        template: usize,
        block: usize,
    },
    /// Sets a weekday's template (its id; `None`: nothing planned).
    SetWeekday {
        weekday: Weekday,
        template: Option<String>,
    },
    /// Adds a date rule at the end of the list (single dates win wherever they stand).
    AddDateRule {
        rule: DateRuleFile,
    },
    RemoveDateRule {
        index: usize,
    },
}

/// A date rule as the editor lists it: `25 Dec 2026: Holiday`, `every 2 weeks on Fri from
/// 2026-12-04: Movie night`, `the last Sun of the month: nothing planned`.
pub fn describe_date_rule(file: &PlanFile, rule: &DateRuleFile) -> String {
    let template = rule
        .template
        .as_deref()
        .map_or("nothing planned".to_owned(), |id| {
            file.templates
                .iter()
                .find(|t| t.id == id)
                .map_or_else(|| format!("'{id}' (no such template)"), |t| t.name.clone())
        });
    let day = |w: &WeekdayName| match w {
        WeekdayName::Mon => "Mon",
        WeekdayName::Tue => "Tue",
        WeekdayName::Wed => "Wed",
        WeekdayName::Thu => "Thu",
        WeekdayName::Fri => "Fri",
        WeekdayName::Sat => "Sat",
        WeekdayName::Sun => "Sun",
    };
    let date = |d: &jiff::civil::Date| d.strftime("%-d %b %Y").to_string();
    let when = match &rule.when {
        When::Date(d) => date(d),
        When::Range { from, to } => format!("{} to {}", date(from), date(to)),
        When::EveryWeeks {
            weeks,
            weekday,
            from,
        } => format!(
            "every {weeks} weeks on {} from {}",
            day(weekday),
            date(from)
        ),
        When::NthWeekday { nth: -1, weekday } => format!("the last {} of the month", day(weekday)),
        When::NthWeekday { nth, weekday } => {
            let ordinal = match nth {
                1 => "1st".to_owned(),
                2 => "2nd".to_owned(),
                3 => "3rd".to_owned(),
                n => format!("{n}th"),
            };
            format!("the {ordinal} {} of the month", day(weekday))
        }
    };
    format!("{when}: {template}")
}

impl PlanFile {
    /// Applies an edit; the plan is left as it was if it is refused.
    pub fn edit(&mut self, edit: &PlanEdit) -> Result<(), PlanError> {
        match edit {
            PlanEdit::Move {
                template,
                block,
                by,
            } => {
                let (extents, day) = extents(self, *template)?;
                let k = position(&extents, *block)?;
                let e = extents[k];
                let floor = if k == 0 {
                    Frames::ZERO
                } else {
                    extents[k - 1].end.max(extents[k - 1].start + Frames(1))
                };
                let ceiling = extents.get(k + 1).map_or(day, |n| n.start);
                let until_next = self.templates[*template].blocks[*block].length.is_none();
                let second = Frames(i64::from(self.channel.rate.timecode_base()));
                let latest = if until_next {
                    e.end - second
                } else {
                    ceiling - (e.end - e.start)
                };
                let start = (e.start + *by).min(latest).max(floor);
                self.templates[*template].blocks[*block].start = on_air(self, start)?;
                Ok(())
            }
            PlanEdit::Resize {
                template,
                block,
                by,
            } => {
                let (extents, day) = extents(self, *template)?;
                let k = position(&extents, *block)?;
                let e = extents[k];
                let ceiling = extents.get(k + 1).map_or(day, |n| n.start);
                let second = Frames(i64::from(self.channel.rate.timecode_base()));
                let length = (e.end - e.start + *by).max(second).min(ceiling - e.start);
                self.templates[*template].blocks[*block].length =
                    Some(Timecode::format_frames(length, self.channel.rate));
                Ok(())
            }
            PlanEdit::AddBlock { template, playlist } => {
                let (extents, day) = extents(self, *template)?;
                let last_end = extents.iter().map(|e| e.end).max().unwrap_or(Frames::ZERO);
                let start = if extents.is_empty() {
                    Frames::ZERO
                } else {
                    last_end
                };
                if start >= day {
                    return Err(PlanError::at(
                        &format!("templates[{template}]"),
                        "the day is full: shorten a block first".into(),
                    ));
                }
                let block = BlockFile {
                    start: on_air(self, start)?,
                    length: None,
                    title: "New block".into(),
                    source: SourceFile::Playlist {
                        playlist: playlist.clone(),
                        order: Default::default(),
                        window: None,
                    },
                    fill: Fill::Loop,
                    then: Ending::Filler,
                    filler: Default::default(),
                    pad_to: None,
                    breaks: None,
                };
                self.templates[*template].blocks.push(block);
                Ok(())
            }
            PlanEdit::RemoveBlock { template, block } => {
                let blocks = &mut self.templates[*template].blocks;
                if *block < blocks.len() {
                    blocks.remove(*block);
                }
                Ok(())
            }
            PlanEdit::SetWeekday { weekday, template } => {
                self.week.set(*weekday, template.clone());
                Ok(())
            }
            PlanEdit::AddDateRule { rule } => {
                self.dates.push(rule.clone());
                Ok(())
            }
            PlanEdit::RemoveDateRule { index } => {
                if *index < self.dates.len() {
                    self.dates.remove(*index);
                }
                Ok(())
            }
        }
    }
}

fn position(extents: &[Extent], block: usize) -> Result<usize, PlanError> {
    extents
        .iter()
        .position(|e| e.index == block)
        .ok_or_else(|| PlanError::at("blocks", format!("there is no block {block}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../../../docs/formats/plan/example.plan.json");

    fn example() -> PlanFile {
        PlanFile::parse(EXAMPLE).unwrap()
    }

    fn strip(file: &PlanFile, t: usize) -> Vec<(String, String, u32, u32, bool)> {
        template_strip(file, t)
            .unwrap()
            .into_iter()
            .map(|b| {
                (
                    b.title,
                    format!("{}-{} {}", b.start, b.end, b.length),
                    b.from,
                    b.to,
                    b.until_next,
                )
            })
            .collect()
    }

    fn row(
        title: &str,
        times: &str,
        from: u32,
        to: u32,
        until_next: bool,
    ) -> (String, String, u32, u32, bool) {
        (title.into(), times.into(), from, to, until_next)
    }

    #[test]
    fn a_template_is_drawn_in_time_order_across_its_day() {
        assert_eq!(
            strip(&example(), 0),
            [
                row(
                    "Morning films",
                    "06:00:00:00-18:00:00:00 12:00:00:00",
                    0,
                    5000,
                    true
                ),
                row(
                    "News",
                    "18:00:00:00-18:30:00:00 00:30:00:00",
                    5000,
                    5208,
                    false
                ),
                row(
                    "Evening series",
                    "18:30:00:00-22:30:00:00 04:00:00:00",
                    5208,
                    6875,
                    true
                ),
                row(
                    "Late film",
                    "22:30:00:00-30:00:00:00 07:30:00:00",
                    6875,
                    10_000,
                    true
                ),
            ]
        );
    }

    #[test]
    fn resizing_gives_a_block_its_own_length_within_its_neighbours() {
        let mut plan = example();
        let minutes = |n: i64| Frames(25 * 60 * n);
        // The news grows by ten minutes, up to where the series starts: no further.
        plan.edit(&PlanEdit::Resize {
            template: 0,
            block: 1,
            by: minutes(10),
        })
        .unwrap();
        assert_eq!(
            plan.templates[0].blocks[1].length.as_deref(),
            Some("00:30:00:00")
        );
        plan.edit(&PlanEdit::Resize {
            template: 0,
            block: 1,
            by: minutes(-5),
        })
        .unwrap();
        assert_eq!(
            plan.templates[0].blocks[1].length.as_deref(),
            Some("00:25:00:00")
        );
        // Morning films end at 17:45: a gap before the news.
        plan.edit(&PlanEdit::Resize {
            template: 0,
            block: 0,
            by: minutes(-15),
        })
        .unwrap();
        assert_eq!(
            plan.templates[0].blocks[0].length.as_deref(),
            Some("11:45:00:00")
        );
        assert_eq!(
            strip(&plan, 0)[0],
            row(
                "Morning films",
                "06:00:00:00-17:45:00:00 11:45:00:00",
                0,
                4895,
                false
            )
        );
        assert!(plan.check().is_ok());
    }

    #[test]
    fn moving_keeps_the_length_and_stops_at_the_neighbours() {
        let mut plan = example();
        let minutes = |n: i64| Frames(25 * 60 * n);
        plan.edit(&PlanEdit::Resize {
            template: 0,
            block: 0,
            by: minutes(-60),
        })
        .unwrap();
        // The news moves 20 minutes earlier: into the hour the films gave up.
        plan.edit(&PlanEdit::Move {
            template: 0,
            block: 1,
            by: minutes(-20),
        })
        .unwrap();
        assert_eq!(plan.templates[0].blocks[1].start, "17:40:00:00");
        // Then far earlier: it stops where the films end.
        plan.edit(&PlanEdit::Move {
            template: 0,
            block: 1,
            by: minutes(-600),
        })
        .unwrap();
        assert_eq!(plan.templates[0].blocks[1].start, "17:00:00:00");
        assert_eq!(
            plan.templates[0].blocks[1].length.as_deref(),
            Some("00:30:00:00")
        );
        // And far later: it stops where it ends at the series' start.
        plan.edit(&PlanEdit::Move {
            template: 0,
            block: 1,
            by: minutes(600),
        })
        .unwrap();
        assert_eq!(plan.templates[0].blocks[1].start, "18:00:00:00");
        // A block running until the next moves its start only.
        plan.edit(&PlanEdit::Move {
            template: 0,
            block: 3,
            by: minutes(30),
        })
        .unwrap();
        assert_eq!(
            (
                plan.templates[0].blocks[3].start.as_str(),
                plan.templates[0].blocks[3].length.as_deref()
            ),
            ("23:00:00:00", None)
        );
        assert_eq!(
            strip(&plan, 0)[3],
            row(
                "Late film",
                "23:00:00:00-30:00:00:00 07:00:00:00",
                7083,
                10_000,
                true
            )
        );
        assert!(plan.check().is_ok());
        // Moved far later, it keeps a second of its own before the day ends.
        plan.edit(&PlanEdit::Move {
            template: 0,
            block: 3,
            by: minutes(600),
        })
        .unwrap();
        assert_eq!(plan.templates[0].blocks[3].start, "29:59:59:00");
    }

    #[test]
    fn removing_a_block_or_a_date_rule_that_is_not_there_changes_nothing() {
        let mut plan = example();
        let before = plan.clone();
        let blocks = plan.templates[0].blocks.len();
        let rules = plan.dates.len();
        plan.edit(&PlanEdit::RemoveBlock {
            template: 0,
            block: blocks,
        })
        .unwrap();
        plan.edit(&PlanEdit::RemoveDateRule { index: rules })
            .unwrap();
        assert_eq!(plan, before);
    }

    #[test]
    fn a_block_never_shares_its_start_with_the_one_before() {
        let mut plan = example();
        // The news at the very start of the day: the films before it run until it, no time.
        plan.templates[0].blocks[1].start = "06:00:00:00".into();
        plan.edit(&PlanEdit::Move {
            template: 0,
            block: 1,
            by: Frames(-25 * 60),
        })
        .unwrap();
        assert_eq!(plan.templates[0].blocks[1].start, "06:00:00:01");
    }

    #[test]
    fn the_strip_stands_for_an_ordinary_day_at_the_channel_s_rate() {
        let mut plan = example();
        assert_eq!(strip_day(&plan), Ok(Frames(24 * 3600 * 25)));
        plan.channel.rate = crate::time::FrameRate::parse("29.97", true).unwrap();
        // 24 hours are 2,589,410.59 frames at 30000/1001: a whole number either side, as the
        // frame grid falls on the reference day (pinned, so the strip's scale cannot drift).
        assert_eq!(strip_day(&plan), Ok(Frames(2_589_410)));
    }

    #[test]
    fn blocks_are_added_after_the_last_and_removed_and_weekdays_chosen() {
        let mut plan = example();
        let minutes = |n: i64| Frames(25 * 60 * n);
        plan.edit(&PlanEdit::Resize {
            template: 0,
            block: 3,
            by: minutes(-90),
        })
        .unwrap();
        plan.edit(&PlanEdit::AddBlock {
            template: 0,
            playlist: "promos".into(),
        })
        .unwrap();
        let added = plan.templates[0].blocks.last().unwrap();
        assert_eq!(
            (added.start.as_str(), added.title.as_str()),
            ("28:30:00:00", "New block")
        );
        // The day is full now.
        let full = plan.edit(&PlanEdit::AddBlock {
            template: 0,
            playlist: "promos".into(),
        });
        assert_eq!(
            full.unwrap_err().to_string(),
            "templates[0]: the day is full: shorten a block first"
        );
        plan.edit(&PlanEdit::RemoveBlock {
            template: 0,
            block: 4,
        })
        .unwrap();
        assert_eq!(plan.templates[0].blocks.len(), 4);
        plan.edit(&PlanEdit::SetWeekday {
            weekday: Weekday::Sunday,
            template: None,
        })
        .unwrap();
        assert_eq!(plan.week.sun, None);
        assert!(plan.check().is_ok());
    }

    #[test]
    fn date_rules_are_added_removed_and_described_as_a_person_reads_them() {
        let mut plan = example();
        let described = |plan: &PlanFile| -> Vec<String> {
            plan.dates
                .iter()
                .map(|r| describe_date_rule(plan, r))
                .collect()
        };
        assert_eq!(
            described(&plan),
            ["25 Dec 2026: Holiday", "the 1st Sun of the month: Saturday"]
        );
        let rules = [
            When::Range {
                from: date(2026, 12, 28),
                to: date(2026, 12, 31),
            },
            When::EveryWeeks {
                weeks: 2,
                weekday: WeekdayName::Fri,
                from: date(2026, 12, 4),
            },
            When::NthWeekday {
                nth: -1,
                weekday: WeekdayName::Sun,
            },
            When::NthWeekday {
                nth: 4,
                weekday: WeekdayName::Mon,
            },
        ];
        for when in rules {
            plan.edit(&PlanEdit::AddDateRule {
                rule: DateRuleFile {
                    when,
                    template: None,
                },
            })
            .unwrap();
        }
        plan.edit(&PlanEdit::RemoveDateRule { index: 1 }).unwrap();
        assert_eq!(
            described(&plan),
            [
                "25 Dec 2026: Holiday",
                "28 Dec 2026 to 31 Dec 2026: nothing planned",
                "every 2 weeks on Fri from 4 Dec 2026: nothing planned",
                "the last Sun of the month: nothing planned",
                "the 4th Mon of the month: nothing planned",
            ]
        );
        assert!(plan.check().is_ok());
    }
}
