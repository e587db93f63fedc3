//! The plan editor's separation rules for the channel: the same item not again within minutes,
//! spots of one category (from their notes, their kind or a kept field such as `advertiser`)
//! minutes or breaks apart, a programme not repeated within hours. An empty number is off.

use leptos::prelude::*;
use scheduleflow_engine::validate::{CategoryField, CategorySeparation, Separation};

use super::plan_editor::Draft;

/// The category source as the form's select names it, and back.
fn field_name(category: Option<&CategorySeparation>) -> &'static str {
    match category.map(|c| &c.field) {
        None => "",
        Some(CategoryField::Notes) => "notes",
        Some(CategoryField::Kind) => "kind",
        Some(CategoryField::Extra(_)) => "extra",
    }
}

fn with_field(category: Option<CategorySeparation>, name: &str) -> Option<CategorySeparation> {
    let kept = category.clone();
    let field = match name {
        "notes" => CategoryField::Notes,
        "kind" => CategoryField::Kind,
        "extra" => match kept.map(|c| c.field) {
            Some(CategoryField::Extra(key)) => CategoryField::Extra(key),
            _ => CategoryField::Extra("advertiser".into()),
        },
        _ => return None,
    };
    let (minutes, breaks) = category.map_or((Some(30), None), |c| (c.minutes, c.breaks));
    Some(CategorySeparation {
        field,
        minutes,
        breaks,
    })
}

fn number(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

#[component]
pub fn SeparationFields(draft: Draft) -> impl IntoView {
    let rules = move || draft.plan.with(|p| p.separation.clone());
    let set = move |f: &dyn Fn(&mut Separation)| draft.plan.update(|p| f(&mut p.separation));
    let shown = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let category_on = move || rules().category.is_some();
    view! {
        <fieldset class="separation">
            <legend>"Separation (empty: off)"</legend>
            <div class="field-row">
                <div class="field">
                    <label for="plan-sep-item">"Same spot not again within (minutes)"</label>
                    <input id="plan-sep-item" type="number" min="0" class="mono" prop:value=move || shown(rules().same_item_minutes)
                        on:change=move |e| { let v = number(&event_target_value(&e)); set(&|s| s.same_item_minutes = v); } />
                </div>
                <div class="field">
                    <label for="plan-sep-repeat">"A programme not again within (hours)"</label>
                    <input id="plan-sep-repeat" type="number" min="0" class="mono" prop:value=move || shown(rules().repeat_hours)
                        on:change=move |e| { let v = number(&event_target_value(&e)); set(&|s| s.repeat_hours = v); } />
                </div>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="plan-sep-category">"Spots of one category apart, by"</label>
                    <select id="plan-sep-category" on:change=move |e| { let v = event_target_value(&e); set(&|s| s.category = with_field(s.category.clone(), &v)); }>
                        {move || {
                            let current = field_name(rules().category.as_ref());
                            [("", "off"), ("notes", "their notes"), ("kind", "their kind (commercial, promo)"), ("extra", "a kept field")].into_iter().map(|(value, name)| {
                                view! { <option value=value selected=current == value>{name}</option> }
                            }).collect_view()
                        }}
                    </select>
                </div>
                {move || matches!(rules().category.map(|c| c.field), Some(CategoryField::Extra(_))).then(|| view! {
                    <div class="field">
                        <label for="plan-sep-key">"Field name"</label>
                        <input id="plan-sep-key" type="text" class="mono"
                            prop:value=move || match rules().category.map(|c| c.field) { Some(CategoryField::Extra(key)) => key, _ => String::new() }
                            on:change=move |e| { let v = event_target_value(&e); set(&|s| if let Some(c) = &mut s.category { c.field = CategoryField::Extra(v.trim().to_owned()) }); } />
                    </div>
                })}
                <Show when=category_on>
                    <div class="field">
                        <label for="plan-sep-minutes">"At least (minutes)"</label>
                        <input id="plan-sep-minutes" type="number" min="0" class="mono" prop:value=move || shown(rules().category.and_then(|c| c.minutes))
                            on:change=move |e| { let v = number(&event_target_value(&e)); set(&|s| if let Some(c) = &mut s.category { c.minutes = v }); } />
                    </div>
                    <div class="field">
                        <label for="plan-sep-breaks">"At least (breaks)"</label>
                        <input id="plan-sep-breaks" type="number" min="0" class="mono" prop:value=move || shown(rules().category.and_then(|c| c.breaks))
                            on:change=move |e| { let v = number(&event_target_value(&e)); set(&|s| if let Some(c) = &mut s.category { c.breaks = v }); } />
                    </div>
                </Show>
            </div>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choosing_a_category_source_keeps_the_limits_and_a_kept_fields_name() {
        let by_advertiser = CategorySeparation {
            field: CategoryField::Extra("brand".into()),
            minutes: Some(20),
            breaks: Some(1),
        };
        assert_eq!(
            with_field(Some(by_advertiser.clone()), "kind"),
            Some(CategorySeparation {
                field: CategoryField::Kind,
                ..by_advertiser.clone()
            })
        );
        assert_eq!(
            with_field(Some(by_advertiser.clone()), "extra"),
            Some(by_advertiser.clone())
        );
        assert_eq!(
            with_field(None, "extra"),
            Some(CategorySeparation {
                field: CategoryField::Extra("advertiser".into()),
                minutes: Some(30),
                breaks: None
            })
        );
        assert_eq!(with_field(Some(by_advertiser), ""), None);
        assert_eq!(field_name(None), "");
        assert_eq!(field_name(with_field(None, "notes").as_ref()), "notes");
    }
}
