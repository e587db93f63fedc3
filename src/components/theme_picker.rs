//! The theme picker in the top bar: System, Light or Dark, remembered for the next visit.

use leptos::prelude::*;

use crate::platform::settings::{self, Theme};

#[component]
pub fn ThemePicker() -> impl IntoView {
    let current = settings::theme();
    settings::apply_theme(current);
    view! {
        <label class="theme-picker">
            "Theme "
            <select on:change=move |e| {
                if let Some(theme) = Theme::parse(&event_target_value(&e)) {
                    settings::set_theme(theme);
                }
            }>
                {Theme::ALL
                    .into_iter()
                    .map(|t| view! { <option value=t.name() selected=t == current>{t.title()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
