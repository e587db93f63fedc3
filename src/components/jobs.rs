//! The Jobs panel: the import workers' statistics, as the earlier server's queue-stats endpoint
//! gave them.

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn Jobs() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stats = move || state.jobs.get();
    let utilisation = move || {
        let percent = (stats().utilisation(js_sys::Date::now()) * 100.0).round();
        format!("{percent}%")
    };
    let workers = move || {
        let s = stats();
        if s.on_page {
            "none: jobs run on the page".to_owned()
        } else {
            s.workers.to_string()
        }
    };
    view! {
        <section class="panel system" aria-labelledby="jobs-heading">
            <h2 id="jobs-heading">"Jobs"</h2>
            <dl class="facts">
                <dt>"Workers"</dt>
                <dd>{workers}</dd>
                <dt>"Processed"</dt>
                <dd>{move || stats().processed}</dd>
                <dt>"Queued"</dt>
                <dd>{move || stats().queued}</dd>
                <dt>"Active"</dt>
                <dd>{move || stats().active}</dd>
                <dt>"Errors"</dt>
                <dd>{move || stats().errors}</dd>
                <dt>"Peak active"</dt>
                <dd>{move || stats().peak_active}</dd>
                <dt>"Peak queued"</dt>
                <dd>{move || stats().peak_queued}</dd>
                <dt>"Utilisation"</dt>
                <dd>{utilisation}</dd>
            </dl>
        </section>
    }
}
