//! Which template a date gets: a single-date exception first, then the first matching date
//! rule (a range, every N weeks, the nth weekday of the month), then the weekday's template.

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

use super::plan::{Plan, When};

/// Where a date's template came from, for the preview and notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// The weekly plan's template for the weekday.
    Week,
    /// The date rule at this index.
    Rule(usize),
}

/// The template (index into the plan's templates; `None`: nothing planned) for `date`, and why.
pub fn template_for(plan: &Plan, date: Date) -> (Option<usize>, Chosen) {
    let exact = plan
        .dates
        .iter()
        .position(|rule| matches!(rule.when, When::Date(d) if d == date));
    let rule = exact.or_else(|| plan.dates.iter().position(|rule| covers(&rule.when, date)));
    match rule {
        Some(i) => (plan.dates[i].template, Chosen::Rule(i)),
        None => (
            plan.week[date.weekday().to_monday_zero_offset() as usize],
            Chosen::Week,
        ),
    }
}

/// Whether `when` covers `date`.
pub fn covers(when: &When, date: Date) -> bool {
    match *when {
        When::Date(d) => d == date,
        When::Range { from, to } => from <= date && date <= to,
        When::EveryWeeks {
            weeks,
            weekday,
            from,
        } => {
            let weekday = Weekday::from(weekday);
            if date.weekday() != weekday || date < from || weeks == 0 {
                return false;
            }
            // Weeks counted from the Monday of `from`'s week, so `from` need not be `weekday`.
            let monday = |d: Date| {
                d.checked_sub(i64::from(d.weekday().to_monday_zero_offset()).days())
                    .unwrap_or(d)
            };
            let days = (monday(date) - monday(from)).get_days();
            (days / 7) % i32::try_from(weeks).unwrap_or(i32::MAX) == 0
        }
        When::NthWeekday { nth, weekday } => {
            if date.weekday() != Weekday::from(weekday) {
                return false;
            }
            if nth == -1 {
                // The last: a week later is in another month.
                date.checked_add(7.days())
                    .map_or(true, |later| later.month() != date.month())
            } else {
                (date.day() - 1) / 7 + 1 == nth
            }
        }
    }
}
