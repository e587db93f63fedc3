//! Separation rules: the same item not again too soon, spots of one advertiser or product
//! category apart by minutes or breaks, a programme not repeated within hours. Each problem is
//! a warning with a fix: swap the event with a later one of the same length and kind that
//! does not clash (times stay as they are), or else remove it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Code, Diagnostic, Fix};
use crate::edit::Edit;
use crate::model::{Event, EventKind, Schedule};
use crate::on_air::OnAir;
use crate::time::{Frames, Ratio, Rounding, Timecode};

/// A channel's separation rules. Each is off when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Separation {
    /// The same commercial or promo (by source, else title) not again within this many
    /// minutes, start to start. (Filler and idents exist to fill and to repeat: not counted.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_item_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<CategorySeparation>,
    /// A programme not aired again within this many hours, start to start (its parts around
    /// breaks are one airing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_hours: Option<u32>,
}

/// Commercials of one category kept apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategorySeparation {
    /// Where a spot's category is written. Spots are commercials; with `kind`, promos too.
    pub field: CategoryField,
    /// At least this many minutes, start to start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// At least this many breaks apart (1: not in the same break).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breaks: Option<u32>,
}

/// The event field that holds a spot's category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryField {
    /// The event's kind: commercials kept apart from commercials and promos from promos
    /// (by breaks, or by minutes).
    Kind,
    /// The event's notes.
    Notes,
    /// A field an import kept (`advertiser`, `product_category`, ...).
    Extra(String),
}

impl CategoryField {
    fn of<'e>(&self, event: &'e Event) -> Option<&'e str> {
        let value = match self {
            CategoryField::Kind => Some(event.kind.as_str()),
            CategoryField::Notes => Some(event.notes.as_str()),
            CategoryField::Extra(key) => event.extra.get(key).and_then(|v| v.as_str()),
        };
        value.map(str::trim).filter(|v| !v.is_empty())
    }
}

impl CategoryField {
    /// Whether events of `kind` are spots this field sorts into categories.
    fn counts(&self, kind: EventKind) -> bool {
        match self {
            CategoryField::Kind => matches!(kind, EventKind::Commercial | EventKind::Promo),
            CategoryField::Notes | CategoryField::Extra(_) => kind == EventKind::Commercial,
        }
    }
}

/// What identifies an item on air: its source, or else its title.
fn identity(event: &Event) -> &str {
    event.source.as_deref().unwrap_or(&event.title)
}

fn is_programme(event: &Event) -> bool {
    matches!(event.kind, EventKind::Programme | EventKind::Live)
}

/// Checks the rules over the whole schedule (events in time order), in O(n) plus the fixes.
pub fn check_separation(schedule: &Schedule, rules: &Separation) -> Vec<Diagnostic> {
    let mut check = SeparationCheck::new(rules);
    loop {
        if let Some(diagnostics) = check.step(schedule, usize::MAX) {
            return diagnostics;
        }
    }
}

/// The separation check in steps, a number of events at a time, so that a large schedule is
/// checked without holding the page; the result is exactly [`check_separation`]'s.
#[derive(Debug, Clone, PartialEq)]
pub struct SeparationCheck {
    rules: Separation,
    /// The next event to check.
    next: usize,
    /// The current break's number, and whether the last event was in it.
    break_number: usize,
    in_break: bool,
    /// Where each item, category (with its break's number) and programme last played.
    last_item: HashMap<String, usize>,
    last_category: HashMap<String, (usize, usize)>,
    last_airing: HashMap<String, usize>,
    previous_programme: Option<usize>,
    found: Vec<Diagnostic>,
}

/// Sets `key`'s value, making an owned key only the first time.
fn note<V>(map: &mut HashMap<String, V>, key: &str, value: V) {
    match map.get_mut(key) {
        Some(slot) => *slot = value,
        None => {
            map.insert(key.to_owned(), value);
        }
    }
}

impl SeparationCheck {
    pub fn new(rules: &Separation) -> SeparationCheck {
        SeparationCheck {
            rules: rules.clone(),
            next: 0,
            break_number: 0,
            in_break: false,
            last_item: HashMap::new(),
            last_category: HashMap::new(),
            last_airing: HashMap::new(),
            previous_programme: None,
            found: Vec::new(),
        }
    }

    /// Checks up to `budget` more events of `schedule` (the same schedule each time); every
    /// diagnostic once the last event is checked.
    pub fn step(&mut self, schedule: &Schedule, budget: usize) -> Option<Vec<Diagnostic>> {
        let clock = OnAir::new(schedule);
        let rate = schedule.rate();
        let minutes = |m: u32| {
            rate.frames_from_seconds(Ratio::from_integer(i128::from(m) * 60), Rounding::Ceil)
                .map_or(Frames(i64::MAX), |r| r.value)
        };
        let events = &schedule.events;
        let rules = &self.rules;
        let end = self.next.saturating_add(budget).min(events.len());
        for (i, event) in events.iter().enumerate().take(end).skip(self.next) {
            // A break is a run of events that are not programmes; programmes get the number
            // of the break before them.
            if is_programme(event) {
                self.in_break = false;
            } else if !self.in_break {
                self.in_break = true;
                self.break_number += 1;
            }
            if is_programme(event) {
                let continues = self.previous_programme.is_some_and(|p| {
                    let prev = &events[p];
                    identity(prev) == identity(event)
                        && prev.out_point.is_some()
                        && prev.out_point == event.in_point
                });
                self.previous_programme = Some(i);
                if continues {
                    continue;
                }
                if let Some(hours) = rules.repeat_hours {
                    let key = identity(event);
                    if let Some(&j) = self.last_airing.get(key) {
                        let since = event.start - events[j].start;
                        if since < minutes(hours.saturating_mul(60)) {
                            let message = format!(
                                "'{}' airs again {} after it began at {}; keep {hours} hour(s) between airings",
                                event.title,
                                Timecode::format_frames(since, rate),
                                clock.at(events[j].start)
                            );
                            let fixes = swap_or_remove(schedule, &clock, i, |c| identity(c) != key);
                            self.found.push(Diagnostic::new(
                                Code::RepeatTooSoon,
                                schedule,
                                i,
                                message,
                                fixes,
                            ));
                        }
                    }
                    note(&mut self.last_airing, key, i);
                }
                continue;
            }
            let counted = matches!(event.kind, EventKind::Commercial | EventKind::Promo);
            if let Some(limit) = rules.same_item_minutes.filter(|_| counted) {
                let key = identity(event);
                if let Some(&j) = self.last_item.get(key) {
                    let since = event.start - events[j].start;
                    if since < minutes(limit) {
                        let message = format!(
                            "'{}' plays again {} after {}; keep {limit} minute(s) between plays",
                            event.title,
                            Timecode::format_frames(since, rate),
                            clock.at(events[j].start)
                        );
                        let fixes = swap_or_remove(schedule, &clock, i, |c| identity(c) != key);
                        self.found.push(Diagnostic::new(
                            Code::ItemTooSoon,
                            schedule,
                            i,
                            message,
                            fixes,
                        ));
                    }
                }
                note(&mut self.last_item, key, i);
            }
            if let Some(rule) = &rules.category {
                if !rule.field.counts(event.kind) {
                    continue;
                }
                let Some(category) = rule.field.of(event) else {
                    continue;
                };
                if let Some(&(j, break_j)) = self.last_category.get(category) {
                    let since = event.start - events[j].start;
                    let too_soon = rule.minutes.is_some_and(|m| since < minutes(m));
                    let apart = self.break_number - break_j;
                    let too_close = rule.breaks.is_some_and(|b| apart < b as usize);
                    if too_soon || too_close {
                        let wanted = match (rule.minutes, rule.breaks) {
                            (Some(m), Some(b)) => format!("{m} minute(s) and {b} break(s)"),
                            (Some(m), None) => format!("{m} minute(s)"),
                            (None, Some(b)) => format!("{b} break(s)"),
                            (None, None) => String::new(),
                        };
                        let message = format!(
                            "'{}' ({category}) comes {} after '{}' ({category}) at {}; keep {wanted} between spots of one category",
                            event.title,
                            Timecode::format_frames(since, rate),
                            events[j].title,
                            clock.at(events[j].start)
                        );
                        let field = &rule.field;
                        let fixes =
                            swap_or_remove(schedule, &clock, i, |c| field.of(c) != Some(category));
                        self.found.push(Diagnostic::new(
                            Code::CategoryTooClose,
                            schedule,
                            i,
                            message,
                            fixes,
                        ));
                    }
                }
                note(&mut self.last_category, category, (i, self.break_number));
            }
        }
        self.next = end;
        (end == events.len()).then(|| std::mem::take(&mut self.found))
    }
}

/// How far ahead a swap partner is looked for.
const SWAP_LOOKAHEAD: usize = 500;

/// Swap the event at `index` with the first later event of the same kind and length for which
/// `differs` holds (each takes the other's start, so no time moves); else remove it.
fn swap_or_remove(
    schedule: &Schedule,
    clock: &OnAir<'_>,
    index: usize,
    differs: impl Fn(&Event) -> bool,
) -> Vec<Fix> {
    let events = &schedule.events;
    let event = &events[index];
    let partner = events
        .iter()
        .enumerate()
        .skip(index + 1)
        .take(SWAP_LOOKAHEAD)
        .find(|(_, c)| c.kind == event.kind && c.duration == event.duration && differs(c));
    let mut fixes = Vec::new();
    if let Some((j, other)) = partner {
        let mut here = other.clone();
        here.start = event.start;
        let mut there = event.clone();
        there.start = other.start;
        fixes.push(Fix {
            label: format!(
                "Swap '{}' with '{}' at {}",
                event.title,
                other.title,
                clock.at(other.start)
            ),
            edit: Edit::Batch {
                label: format!("Swap '{}' and '{}'", event.title, other.title),
                edits: vec![
                    Edit::Replace { index, event: here },
                    Edit::Replace {
                        index: j,
                        event: there,
                    },
                ],
            },
        });
    }
    fixes.push(Fix {
        label: format!("Remove '{}'", event.title),
        edit: Edit::Delete {
            index,
            ripple: false,
        },
    });
    fixes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channel::{Channel, DayStart, Zone};
    use crate::time::FrameRate;

    fn event(start: i64, length: i64, title: &str, kind: EventKind, source: &str) -> Event {
        let mut e = Event::new(
            title.to_lowercase().replace(' ', "-"),
            Frames(start),
            Frames(length),
            title,
            kind,
        );
        e.id = crate::model::EventId::new(format!("e{start}"));
        e.source = Some(source.into());
        e
    }

    fn spot(start: i64, title: &str, source: &str, advertiser: &str) -> Event {
        let mut e = event(start, 750, title, EventKind::Commercial, source);
        e.extra.insert("advertiser".into(), advertiser.into());
        e
    }

    fn part(start: i64, title: &str, source: &str, from: i64) -> Event {
        let mut e = event(start, 15_000, title, EventKind::Programme, source);
        e.in_point = Some(Frames(from));
        e.out_point = Some(Frames(from + 15_000));
        e
    }

    fn evening() -> Schedule {
        Schedule {
            id: "s".into(),
            name: "S".into(),
            channel: Channel::new(
                "Test",
                FrameRate::FPS_25,
                Zone::utc(),
                DayStart::new(6, 0, 0).unwrap(),
            ),
            origin: "2026-01-05T06:00:00Z".parse().unwrap(),
            length: Frames(64_000),
            events: vec![
                part(0, "Film", "film.mxf", 0),
                spot(15_000, "Car ad", "car.mxf", "cars"),
                spot(15_750, "Van ad", "van.mxf", "cars"),
                part(16_500, "Film", "film.mxf", 15_000),
                spot(31_500, "Soap ad", "soap.mxf", "soap"),
                spot(32_250, "Car ad", "car.mxf", "cars"),
                part(33_000, "Film", "film.mxf", 0),
                part(48_000, "Show", "show.mxf", 0),
                spot(63_000, "Bank ad", "bank.mxf", "bank"),
            ],
            extra: Default::default(),
        }
    }

    fn rules() -> Separation {
        Separation {
            same_item_minutes: Some(15),
            category: Some(CategorySeparation {
                field: CategoryField::Extra("advertiser".into()),
                minutes: Some(10),
                breaks: Some(1),
            }),
            repeat_hours: Some(4),
        }
    }

    fn swap(s: &Schedule, a: usize, b: usize, label: &str) -> Fix {
        let (x, y) = (&s.events[a], &s.events[b]);
        let mut here = y.clone();
        here.start = x.start;
        let mut there = x.clone();
        there.start = y.start;
        Fix {
            label: label.into(),
            edit: Edit::Batch {
                label: format!("Swap '{}' and '{}'", x.title, y.title),
                edits: vec![
                    Edit::Replace {
                        index: a,
                        event: here,
                    },
                    Edit::Replace {
                        index: b,
                        event: there,
                    },
                ],
            },
        }
    }

    fn remove(index: usize, title: &str) -> Fix {
        Fix {
            label: format!("Remove '{title}'"),
            edit: Edit::Delete {
                index,
                ripple: false,
            },
        }
    }

    proptest::proptest! {
        /// Checked a few events at a time, the rules find exactly what they find in one go:
        /// every item, category, break count and airing carries over from step to step.
        #[test]
        fn checking_in_steps_of_any_size_finds_what_one_go_finds(
            picks in proptest::collection::vec((0u8..4, 0u8..3, 0u8..3, 1i64..3000), 0..40),
            budget in 1usize..7,
        ) {
            let mut s = evening();
            let mut start = 0;
            s.events = picks
                .iter()
                .map(|&(kind, item, advertiser, gap)| {
                    start += gap;
                    let source = format!("item{item}.mxf");
                    match kind {
                        0 => part(start, "Film", &source, i64::from(item) * 15_000),
                        1 => event(start, 750, "Promo", EventKind::Promo, &source),
                        _ => spot(start, "Ad", &source, ["cars", "soap", "bank"][usize::from(advertiser)]),
                    }
                })
                .collect();
            s.length = Frames(start + 20_000);
            for rules in [rules(), Separation { category: Some(CategorySeparation { field: CategoryField::Kind, minutes: None, breaks: Some(2) }), ..rules() }] {
                let whole = check_separation(&s, &rules);
                let mut check = SeparationCheck::new(&rules);
                let mut steps = 0;
                let stepped = loop {
                    steps += 1;
                    if let Some(found) = check.step(&s, budget) {
                        break found;
                    }
                };
                proptest::prop_assert_eq!(stepped, whole);
                proptest::prop_assert_eq!(steps, s.events.len().div_ceil(budget).max(1));
            }
        }
    }

    #[test]
    fn each_rule_finds_its_problem_with_a_swap_that_keeps_the_times() {
        let s = evening();
        let got = check_separation(&s, &rules());
        let want = vec![
            Diagnostic::new(
                Code::CategoryTooClose,
                &s,
                2,
                "'Van ad' (cars) comes 00:00:30:00 after 'Car ad' (cars) at 06:10:00:00; keep 10 minute(s) and 1 break(s) between spots of one category".into(),
                vec![swap(&s, 2, 4, "Swap 'Van ad' with 'Soap ad' at 06:21:00:00"), remove(2, "Van ad")],
            ),
            Diagnostic::new(
                Code::ItemTooSoon,
                &s,
                5,
                "'Car ad' plays again 00:11:30:00 after 06:10:00:00; keep 15 minute(s) between plays".into(),
                vec![swap(&s, 5, 8, "Swap 'Car ad' with 'Bank ad' at 06:42:00:00"), remove(5, "Car ad")],
            ),
            Diagnostic::new(
                Code::RepeatTooSoon,
                &s,
                6,
                "'Film' airs again 00:22:00:00 after it began at 06:00:00:00; keep 4 hour(s) between airings".into(),
                vec![swap(&s, 6, 7, "Swap 'Film' with 'Show' at 06:32:00:00"), remove(6, "Film")],
            ),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn rules_that_are_off_find_nothing_and_spots_without_a_category_are_free() {
        let s = evening();
        assert_eq!(check_separation(&s, &Separation::default()), vec![]);
        let mut no_category = s.clone();
        for e in &mut no_category.events {
            e.extra.clear();
        }
        let only_category = Separation {
            category: rules().category,
            ..Separation::default()
        };
        assert_eq!(check_separation(&no_category, &only_category), vec![]);
    }

    #[test]
    fn by_kind_promos_are_kept_from_promos_and_commercials_from_commercials() {
        let mut s = evening();
        s.events[4].kind = EventKind::Promo;
        s.events[8].kind = EventKind::Promo;
        let by_kind = Separation {
            category: Some(CategorySeparation {
                field: CategoryField::Kind,
                minutes: Some(25),
                breaks: None,
            }),
            ..Separation::default()
        };
        let got: Vec<(Code, Option<usize>, String, Vec<String>)> = check_separation(&s, &by_kind)
            .into_iter()
            .map(|d| {
                let fixes = d.fixes.into_iter().map(|f| f.label).collect();
                (d.code, d.index, d.message, fixes)
            })
            .collect();
        let keep = "keep 25 minute(s) between spots of one category";
        let want = [
            (2, format!("'Van ad' (commercial) comes 00:00:30:00 after 'Car ad' (commercial) at 06:10:00:00; {keep}"), "Van ad"),
            (5, format!("'Car ad' (commercial) comes 00:11:00:00 after 'Van ad' (commercial) at 06:10:30:00; {keep}"), "Car ad"),
            (8, format!("'Bank ad' (promo) comes 00:21:00:00 after 'Soap ad' (promo) at 06:21:00:00; {keep}"), "Bank ad"),
        ];
        // Every other spot is of the same kind: no swap helps, so the fix removes.
        let want: Vec<(Code, Option<usize>, String, Vec<String>)> = want
            .into_iter()
            .map(|(at, message, title)| {
                (
                    Code::CategoryTooClose,
                    Some(at),
                    message,
                    vec![format!("Remove '{title}'")],
                )
            })
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn idents_and_filler_have_no_category_whatever_the_field() {
        let mut s = evening();
        let short = |start, kind| {
            let mut e = event(start, 750, "Sting", kind, "sting.mxf");
            e.notes = "station".into();
            e.extra.insert("advertiser".into(), "station".into());
            e
        };
        s.events = vec![
            short(0, EventKind::Ident),
            short(750, EventKind::Ident),
            short(1_500, EventKind::Filler),
            short(2_250, EventKind::Filler),
        ];
        for field in [
            CategoryField::Kind,
            CategoryField::Notes,
            CategoryField::Extra("advertiser".into()),
        ] {
            let rules = Separation {
                category: Some(CategorySeparation {
                    field,
                    minutes: Some(30),
                    breaks: Some(1),
                }),
                ..Separation::default()
            };
            assert_eq!(check_separation(&s, &rules), vec![]);
        }
    }

    /// Exactly at each limit: a film again after 4 hours, a car spot after 10 minutes and a
    /// break, the same spot after 15 minutes (with `early`, each a frame sooner).
    fn at_the_limits(early: i64) -> Schedule {
        let mut s = evening();
        let film = |start| event(start, 15_000, "Film", EventKind::Programme, "film.mxf");
        let show = |start, title: &str| event(start, 6_000, title, EventKind::Programme, title);
        s.length = Frames(400_000);
        s.events = vec![
            film(1_000),
            spot(16_000, "Car ad", "car.mxf", "cars"),
            show(16_750, "Show"),
            spot(31_000 - early, "Van ad", "van.mxf", "cars"),
            show(31_750, "News"),
            spot(38_500 - early, "Car ad", "car.mxf", "bank"),
            film(361_000 - early),
        ];
        s
    }

    #[test]
    fn each_limit_is_kept_at_exactly_its_length_and_broken_a_frame_sooner() {
        assert_eq!(check_separation(&at_the_limits(0), &rules()), vec![]);
        let codes: Vec<(Code, Option<usize>)> = check_separation(&at_the_limits(1), &rules())
            .iter()
            .map(|d| (d.code, d.index))
            .collect();
        assert_eq!(
            codes,
            [
                (Code::CategoryTooClose, Some(3)),
                (Code::ItemTooSoon, Some(5)),
                (Code::RepeatTooSoon, Some(6)),
            ]
        );
    }

    #[test]
    fn a_swap_partner_has_the_same_kind_and_length_and_does_not_clash() {
        let mut s = evening();
        let mut long = event(1_500, 1_500, "Long ad", EventKind::Commercial, "long.mxf");
        long.extra.insert("advertiser".into(), "bank".into());
        s.events = vec![
            spot(0, "Car ad", "car.mxf", "cars"),
            spot(750, "Car ad", "car.mxf", "cars"),
            long,
            spot(3_000, "Car ad", "car.mxf", "cars"),
            spot(3_750, "Soap ad", "soap.mxf", "soap"),
        ];
        let only_items = Separation {
            same_item_minutes: Some(15),
            ..Separation::default()
        };
        let fixes: Vec<Vec<String>> = check_separation(&s, &only_items)
            .into_iter()
            .map(|d| d.fixes.into_iter().map(|f| f.label).collect())
            .collect();
        // 'Long ad' is longer and the later 'Car ad' is the same spot: 'Soap ad' is the one.
        let fixes_of_the_first = [
            "Swap 'Car ad' with 'Soap ad' at 06:02:30:00".to_owned(),
            "Remove 'Car ad'".to_owned(),
        ];
        assert_eq!(fixes.first(), Some(&fixes_of_the_first.to_vec()));
    }

    #[test]
    fn a_break_apart_is_enough_when_only_breaks_are_counted() {
        let mut s = evening();
        // 'Van ad' moves out of the first break: now each cars spot is in its own break.
        s.events.swap(2, 4);
        s.events[2].start = Frames(15_750);
        s.events[4].start = Frames(31_500);
        let breaks_only = Separation {
            category: Some(CategorySeparation {
                field: CategoryField::Extra("advertiser".into()),
                minutes: None,
                breaks: Some(1),
            }),
            ..Separation::default()
        };
        let codes: Vec<(Code, Option<usize>)> = check_separation(&s, &breaks_only)
            .iter()
            .map(|d| (d.code, d.index))
            .collect();
        // 'Van ad' (break 2) right before 'Car ad' (break 2) is the one clash.
        assert_eq!(codes, [(Code::CategoryTooClose, Some(5))]);
    }

    #[test]
    fn applying_the_swap_resolves_the_problem() {
        let s = evening();
        for d in check_separation(&s, &rules()) {
            let mut fixed = s.clone();
            crate::edit::apply(&mut fixed, &d.fixes[0].edit).expect("the fix applies");
            let starts: Vec<Frames> = fixed.events.iter().map(|e| e.start).collect();
            let before: Vec<Frames> = s.events.iter().map(|e| e.start).collect();
            assert_eq!(starts, before, "a swap moves no time");
            let again = check_separation(&fixed, &rules());
            assert!(
                !again.iter().any(|a| a.code == d.code && a.index == d.index),
                "{} still there after '{}'",
                d.code,
                d.fixes[0].label
            );
        }
    }
}
