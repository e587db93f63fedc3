//! Picking one broadcast day of the open schedule, and copying the shown day onto others. A
//! schedule can cover thousands of days (a year of spots is many), so days are typed or
//! stepped through, never listed as options.

use jiff::civil::Date;
use leptos::prelude::*;

use crate::state::AppState;

/// `typed` as a day of `days` (a run of consecutive days), if it is one.
fn within(days: &[Date], typed: &str) -> Option<Date> {
    let day: Date = typed.parse().ok()?;
    let (first, last) = (days.first()?, days.last()?);
    (*first..=*last).contains(&day).then_some(day)
}

/// The day shown and the buttons that step to the day before or after it.
#[component]
pub fn DayPicker(
    days: Memo<Vec<Date>>,
    shown: Memo<Option<Date>>,
    day: RwSignal<Option<Date>>,
) -> impl IntoView {
    let first = move || days.with(|d| d.first().map(Date::to_string));
    let last = move || days.with(|d| d.last().map(Date::to_string));
    let step = move |forward: bool| {
        let next = shown
            .get_untracked()
            .and_then(|d| if forward { d.tomorrow() } else { d.yesterday() }.ok());
        if let Some(next) = next.filter(|n| days.with_untracked(|d| d.contains(n))) {
            day.set(Some(next));
        }
    };
    let at_start = move || shown.get() == days.with(|d| d.first().copied());
    let at_end = move || shown.get() == days.with(|d| d.last().copied());
    view! {
        <span class="day-picker">
            <button type="button" class="quiet" aria-label="Previous day" disabled=at_start on:click=move |_| step(false)>"‹"</button>
            <label>
                "Broadcast day "
                <input
                    type="date"
                    required
                    min=first
                    max=last
                    prop:value=move || shown.get().map(|d| d.to_string()).unwrap_or_default()
                    on:change=move |e| {
                        match days.with_untracked(|days| within(days, &event_target_value(&e))) {
                            Some(d) => day.set(Some(d)),
                            // A day outside the schedule: the field shows the day still shown.
                            None => event_target::<web_sys::HtmlInputElement>(&e)
                                .set_value(&shown.get_untracked().map(|d| d.to_string()).unwrap_or_default()),
                        }
                    }
                />
            </label>
            <button type="button" class="quiet" aria-label="Next day" disabled=at_end on:click=move |_| step(true)>"›"</button>
        </span>
    }
}

/// "Copy this day to": every other day, or one day typed.
#[component]
pub fn CopyDay(days: Memo<Vec<Date>>, shown: Memo<Option<Date>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let every = RwSignal::new(true);
    let onto = RwSignal::new(String::new());
    view! {
        <form class="copy-day" on:submit=move |e| {
            e.prevent_default();
            let Some(from) = shown.get_untracked() else { return };
            let to: Vec<Date> = if every.get_untracked() {
                days.with_untracked(|d| d.iter().copied().filter(|d| *d != from).collect())
            } else {
                days.with_untracked(|d| within(d, &onto.get_untracked())).filter(|d| *d != from).into_iter().collect()
            };
            if to.is_empty() {
                state.notice.set(Some("Choose a day of this schedule, other than the one shown, to copy onto.".into()));
            } else {
                state.copy_day(from, to);
            }
        }>
            <label>
                "Copy this day to "
                <select on:change=move |e| every.set(event_target_value(&e) == "all")>
                    <option value="all">"every other day"</option>
                    <option value="one">"one day"</option>
                </select>
            </label>
            <Show when=move || !every.get()>
                " "
                <input
                    type="date"
                    aria-label="Day to copy onto"
                    min=move || days.with(|d| d.first().map(Date::to_string))
                    max=move || days.with(|d| d.last().map(Date::to_string))
                    on:change=move |e| onto.set(event_target_value(&e))
                />
            </Show>
            " "
            <button type="submit" disabled=move || state.copying.get() aria-busy=move || state.copying.get().to_string()>"Copy day"</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_day_counts_only_within_the_schedules_days() {
        let days: Vec<Date> = ["2026-03-28", "2026-03-29", "2026-03-30"]
            .iter()
            .map(|d| d.parse().unwrap())
            .collect();
        assert_eq!(within(&days, "2026-03-29"), Some(days[1]));
        assert_eq!(within(&days, "2026-03-30"), Some(days[2]));
        assert_eq!(within(&days, "2026-03-31"), None);
        assert_eq!(within(&days, "2026-03-27"), None);
        assert_eq!(within(&days, "29 March"), None);
        assert_eq!(within(&[], "2026-03-29"), None);
    }
}
