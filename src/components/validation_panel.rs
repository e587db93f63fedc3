//! The validation panel of the open schedule: how far its check has come while it runs; then
//! counts, the first problems with Go to and a one-click fix each; then, when the channel's plan has separation rules, their warnings.

use leptos::prelude::*;
use scheduleflow_engine::validate::{Diagnostic, Severity};

use crate::state::{AppState, RULES_LISTED};

/// The panel lists at most this many entries; the count says how many there are.
const LISTED: usize = 200;

/// One problem: its code, message, Go to and its first fix.
fn entry(state: AppState, diag: &Diagnostic, on_go_to: Callback<usize>) -> impl IntoView {
    let class = if diag.severity == Severity::Error {
        "diag error"
    } else {
        "diag warning"
    };
    let target = diag.index;
    let label = diag.event.as_ref().map(|e| format!("Go to event {e}"));
    view! {
        <li class=class>
            <span class="code">{diag.code.as_str()}</span>
            " "
            <span>{diag.message.clone()}</span>
            {target.zip(label).map(|(i, label)| view! {
                " "
                <button type="button" class="quiet" aria-label=label on:click=move |_| on_go_to.run(i)>
                    "Go to"
                </button>
            })}
            {diag.fixes.first().cloned().map(|fix| view! {
                " "
                <button
                    type="button"
                    class="fix"
                    title=fix.label.clone()
                    on:click=move |_| state.apply_fix(&fix)
                >
                    {fix.label.clone()}
                </button>
            })}
        </li>
    }
}

#[component]
pub fn ValidationPanel(
    /// Called with an event's index to bring it into view.
    on_go_to: Callback<usize>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    state.list_diagnostics(LISTED);
    let listed = Memo::new(move |_| state.diagnostics());
    // The separation warnings follow every change of the schedule or its channel's plan.
    Effect::new(move |_| {
        state.track_open();
        state.plans.track();
        state.check_rules_soon();
    });
    let reading = Memo::new(move |_| state.reading_open());
    let checking = Memo::new(move |_| state.checking.with(Option::is_some));
    view! {
        <div class="validation" role="region" aria-label="Validation">
            {move || listed.with(|(shown, errors, total)| {
                // Until its events are read, no problems must not read as none.
                // The status says what runs, once; how far it has come is a progress bar, which
                // changes without being announced at every step.
                if reading.get() {
                    return view! {
                        <p class="health checking" role="status">
                            "Reading the schedule from storage…"
                            <progress max="1000" value=move || state.reading.get() aria-label="Read so far"></progress>
                        </p>
                    }.into_any();
                }
                if checking.get() {
                    return view! {
                        <p class="health checking" role="status">
                            "Checking the schedule…"
                            <progress max="1000" value=move || state.checking.get().unwrap_or(0) aria-label="Checked so far"></progress>
                        </p>
                    }.into_any();
                }
                if *total == 0 {
                    return view! { <p class="health clean">"No problems found."</p> }.into_any();
                }
                view! {
                    <p>{format!("{errors} error(s), {} warning(s)", total - errors)}</p>
                    <ul class="diagnostics">
                        {shown.iter().map(|diag| entry(state, diag, on_go_to)).collect_view()}
                    </ul>
                    {(*total > LISTED).then(|| view! { <p class="hint">{format!("and {} more", total - LISTED)}</p> })}
                }.into_any()
            })}
            {move || state.rules_checking.get().then(|| view! {
                <p class="hint" role="status">"Checking the separation rules…"</p>
            })}
            {move || {
                let total = state.rule_warnings_total.get();
                (total > 0).then(|| view! {
                    <section class="rule-diagnostics" aria-label="Separation rules">
                        <h3>{format!("Separation rules: {total} warning(s)")}</h3>
                        <ul class="diagnostics">
                            {move || state.rule_warnings.with(|rules| rules.iter().map(|diag| entry(state, diag, on_go_to)).collect_view())}
                        </ul>
                        {(total > RULES_LISTED).then(|| view! { <p class="hint">{format!("and {} more", total - RULES_LISTED)}</p> })}
                    </section>
                })
            }}
        </div>
    }
}
