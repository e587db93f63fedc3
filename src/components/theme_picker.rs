//! The theme picker in the top bar: System, Light or Dark, remembered for the next visit.

use leptos::prelude::*;

use crate::platform::settings::Theme;
use crate::state::AppState;

#[component]
pub fn ThemePicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = state.theme.get_untracked();
    view! {
        <label class="theme-picker">
            "Theme "
            <select on:change=move |e| {
                if let Some(theme) = Theme::parse(&event_target_value(&e)) {
                    state.choose_theme(theme);
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
