//! What each imported file brought in, or why it was refused.

use leptos::prelude::*;

use crate::import::Outcome;
use crate::state::AppState;

#[component]
pub fn ImportReports() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.reports.with(|r| !r.is_empty())>
            <section class="panel reports" aria-labelledby="reports-heading">
                <h2 id="reports-heading">"Imports"</h2>
                <ul class="report-list">
                    {move || {
                        state
                            .reports
                            .get()
                            .into_iter()
                            .map(|report| match report.outcome {
                                Outcome::Imported { format, schedules, playlists, events, warnings } => {
                                    view! {
                                        <li class="report ok">
                                            <span class="report-file">{report.file}</span>
                                            " — "
                                            {format!("{format}: {schedules} schedule(s), {playlists} playlist(s), {events} event(s)")}
                                            <ul class="warnings">
                                                {warnings.into_iter().map(|w| view! {
                                                    <li>
                                                        {w.to_string()}
                                                        {hint_view(w.hint)}
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                        </li>
                                    }
                                        .into_any()
                                }
                                Outcome::Failed { message, hint, more } => {
                                    view! {
                                        <li class="report failed" role="alert">
                                            {message}
                                            {hint_view(hint)}
                                            {(!more.is_empty()).then(|| view! {
                                                <ul class="problems" aria-label="More problems in this file">
                                                    {more.into_iter().map(|p| view! {
                                                        <li>{p.message}{hint_view(p.hint)}</li>
                                                    }).collect_view()}
                                                </ul>
                                            })}
                                        </li>
                                    }
                                        .into_any()
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}

/// "What to do: …" after a message, when there is something to do.
fn hint_view(hint: Option<String>) -> impl IntoView {
    hint.map(|h| view! { <span class="hint">{format!("What to do: {h}")}</span> })
}
