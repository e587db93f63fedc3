//! The plan editor's date rules: the list as a person reads it (`25 Dec 2026: Holiday`), each
//! removable, and a form that adds any kind of rule — one date, a range of dates, a weekday
//! every N weeks, or the nth (or last) weekday of each month.

use leptos::prelude::*;
use scheduleflow_engine::rules::editing::{describe_date_rule, PlanEdit};
use scheduleflow_engine::rules::plan::{DateRuleFile, WeekdayName, When};

use super::plan_editor::Draft;
use crate::state::AppState;

const WEEKDAYS: [(WeekdayName, &str); 7] = [
    (WeekdayName::Mon, "Monday"),
    (WeekdayName::Tue, "Tuesday"),
    (WeekdayName::Wed, "Wednesday"),
    (WeekdayName::Thu, "Thursday"),
    (WeekdayName::Fri, "Friday"),
    (WeekdayName::Sat, "Saturday"),
    (WeekdayName::Sun, "Sunday"),
];

const NTH: [(i8, &str); 6] = [
    (1, "first"),
    (2, "second"),
    (3, "third"),
    (4, "fourth"),
    (5, "fifth"),
    (-1, "last"),
];

/// Which kind of rule the form adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Date,
    Range,
    EveryWeeks,
    NthWeekday,
}

impl Kind {
    const ALL: [(Kind, &'static str); 4] = [
        (Kind::Date, "one date"),
        (Kind::Range, "dates from … to …"),
        (Kind::EveryWeeks, "a weekday every N weeks"),
        (Kind::NthWeekday, "a weekday of each month"),
    ];
}

/// The form's values turned into a rule's dates, or what is missing.
fn when(
    kind: Kind,
    from: &str,
    to: &str,
    weeks: &str,
    weekday: usize,
    nth: usize,
) -> Result<When, String> {
    let date = |text: &str, what: &str| {
        text.parse()
            .map_err(|_| format!("choose the rule's {what}"))
    };
    let weekday = WEEKDAYS.get(weekday).map_or(WeekdayName::Mon, |(w, _)| *w);
    Ok(match kind {
        Kind::Date => When::Date(date(from, "date")?),
        Kind::Range => When::Range {
            from: date(from, "first date")?,
            to: date(to, "last date")?,
        },
        Kind::EveryWeeks => When::EveryWeeks {
            weeks: weeks
                .trim()
                .parse()
                .ok()
                .filter(|w| *w > 0)
                .ok_or("give the number of weeks (1 or more)")?,
            weekday,
            from: date(from, "first date")?,
        },
        Kind::NthWeekday => When::NthWeekday {
            nth: NTH.get(nth).map_or(1, |(n, _)| *n),
            weekday,
        },
    })
}

#[component]
pub fn DateRules(draft: Draft, templates: Signal<Vec<(String, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let kind = RwSignal::new(Kind::Date);
    let from = RwSignal::new(state.today().to_string());
    let to = RwSignal::new(String::new());
    let weeks = RwSignal::new("2".to_owned());
    let weekday = RwSignal::new(0usize);
    let nth = RwSignal::new(0usize);
    let template = RwSignal::new(String::new());
    let add = move |_| {
        let rule = when(
            kind.get_untracked(),
            &from.get_untracked(),
            &to.get_untracked(),
            &weeks.get_untracked(),
            weekday.get_untracked(),
            nth.get_untracked(),
        );
        match rule {
            Ok(when) => {
                let template = template.get_untracked();
                draft.edit(PlanEdit::AddDateRule {
                    rule: DateRuleFile {
                        when,
                        template: (!template.is_empty()).then_some(template),
                    },
                });
            }
            Err(e) => draft.refused.set(Some(e)),
        }
    };
    let shows = move |kinds: &'static [Kind]| move || kinds.contains(&kind.get());
    view! {
        <fieldset class="dates">
            <legend>"Dates that differ"</legend>
            <ul class="notes" aria-label="Date rules">
                {move || draft.plan.with(|p| p.dates.iter().enumerate().map(|(i, rule)| {
                    let text = describe_date_rule(p, rule);
                    view! {
                        <li>
                            {text.clone()}" "
                            <button type="button" class="quiet" aria-label=format!("Remove {text}")
                                on:click=move |_| draft.edit(PlanEdit::RemoveDateRule { index: i })>"Remove"</button>
                        </li>
                    }
                }).collect_view())}
            </ul>
            <div class="field-row">
                <div class="field">
                    <label for="plan-rule-kind">"New rule for"</label>
                    <select id="plan-rule-kind" on:change=move |e| {
                        let v: usize = event_target_value(&e).parse().unwrap_or(0);
                        kind.set(Kind::ALL.get(v).map_or(Kind::Date, |(k, _)| *k));
                    }>
                        {Kind::ALL.into_iter().enumerate().map(|(i, (k, name))| view! { <option value=i.to_string() selected=move || kind.get() == k>{name}</option> }).collect_view()}
                    </select>
                </div>
                <Show when=shows(&[Kind::NthWeekday])>
                    <div class="field">
                        <label for="plan-rule-nth">"The"</label>
                        <select id="plan-rule-nth" on:change=move |e| nth.set(event_target_value(&e).parse().unwrap_or(0))>
                            {NTH.into_iter().enumerate().map(|(i, (_, name))| view! { <option value=i.to_string() selected=move || nth.get() == i>{name}</option> }).collect_view()}
                        </select>
                    </div>
                </Show>
                <Show when=shows(&[Kind::EveryWeeks])>
                    <div class="field">
                        <label for="plan-rule-weeks">"Every (weeks)"</label>
                        <input id="plan-rule-weeks" type="number" min="1" class="mono" prop:value=move || weeks.get() on:input=move |e| weeks.set(event_target_value(&e)) />
                    </div>
                </Show>
                <Show when=shows(&[Kind::EveryWeeks, Kind::NthWeekday])>
                    <div class="field">
                        <label for="plan-rule-weekday">"Weekday"</label>
                        <select id="plan-rule-weekday" on:change=move |e| weekday.set(event_target_value(&e).parse().unwrap_or(0))>
                            {WEEKDAYS.into_iter().enumerate().map(|(i, (_, name))| view! { <option value=i.to_string() selected=move || weekday.get() == i>{name}</option> }).collect_view()}
                        </select>
                    </div>
                </Show>
                <Show when=shows(&[Kind::Date, Kind::Range, Kind::EveryWeeks])>
                    <div class="field">
                        <label for="plan-rule-from">{move || if kind.get() == Kind::Date { "On" } else { "From" }}</label>
                        <input id="plan-rule-from" type="date" prop:value=move || from.get() on:input=move |e| from.set(event_target_value(&e)) />
                    </div>
                </Show>
                <Show when=shows(&[Kind::Range])>
                    <div class="field">
                        <label for="plan-rule-to">"To"</label>
                        <input id="plan-rule-to" type="date" prop:value=move || to.get() on:input=move |e| to.set(event_target_value(&e)) />
                    </div>
                </Show>
                <div class="field">
                    <label for="plan-rule-template">"gets"</label>
                    <select id="plan-rule-template" on:change=move |e| template.set(event_target_value(&e))>
                        <option value="">"nothing planned"</option>
                        {move || templates.get().into_iter().map(|(tid, tname)| view! { <option value=tid>{tname}</option> }).collect_view()}
                    </select>
                </div>
                <button type="button" on:click=add>"Add the rule"</button>
            </div>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_rule_reads_from_the_form_or_says_what_is_missing() {
        let day = |s: &str| s.parse().unwrap();
        assert_eq!(
            when(Kind::Date, "2026-12-24", "", "", 0, 0),
            Ok(When::Date(day("2026-12-24")))
        );
        assert_eq!(
            when(Kind::Range, "2026-12-24", "2026-12-26", "", 0, 0),
            Ok(When::Range {
                from: day("2026-12-24"),
                to: day("2026-12-26")
            })
        );
        assert_eq!(
            when(Kind::EveryWeeks, "2026-12-04", "", "2", 4, 0),
            Ok(When::EveryWeeks {
                weeks: 2,
                weekday: WeekdayName::Fri,
                from: day("2026-12-04")
            })
        );
        assert_eq!(
            when(Kind::NthWeekday, "", "", "", 6, 5),
            Ok(When::NthWeekday {
                nth: -1,
                weekday: WeekdayName::Sun
            })
        );
        assert_eq!(
            when(Kind::Range, "2026-12-24", "", "", 0, 0),
            Err("choose the rule's last date".into())
        );
        assert_eq!(
            when(Kind::Date, "", "", "", 0, 0),
            Err("choose the rule's date".into())
        );
        assert_eq!(
            when(Kind::EveryWeeks, "2026-12-04", "", "0", 0, 0),
            Err("give the number of weeks (1 or more)".into())
        );
    }
}
