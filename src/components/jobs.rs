//! The Jobs panel: the import workers' statistics, as the earlier server's queue-stats endpoint
//! gave them.

use leptos::prelude::*;

use crate::jobs::{JobLine, JobState};
use crate::state::{AppState, ExportLine};

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
                <dt>"Cancelled"</dt>
                <dd>{move || stats().cancelled}</dd>
                <dt>"Peak active"</dt>
                <dd>{move || stats().peak_active}</dd>
                <dt>"Peak queued"</dt>
                <dd>{move || stats().peak_queued}</dd>
                <dt>"Utilisation"</dt>
                <dd>{utilisation}</dd>
            </dl>
            {move || {
                let lines = state.jobs.with(|s| s.lines.clone());
                let exports = state.exports.get();
                (!lines.is_empty() || !exports.is_empty()).then(|| view! {
                    <ul class="job-lines" aria-label="Running and waiting">
                        {exports.into_iter().map(|line| export_line(state, line)).collect_view()}
                        {lines.into_iter().map(|line| job_line(state, line)).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

/// One job: its name, how far it is, and Cancel while that still stores nothing.
fn job_line(state: AppState, line: JobLine) -> impl IntoView {
    let JobLine {
        id,
        name,
        state: at,
    } = line;
    let how = match at {
        JobState::Waiting => "waiting",
        JobState::Running => "running",
        JobState::Saving => "saving",
    };
    let cancel = (at != JobState::Saving).then(|| {
        let label = format!("Cancel {name}");
        let for_click = name.clone();
        view! {
            <button type="button" class="quiet" aria-label=label
                on:click=move |_| state.cancel_job(id, &for_click)>"Cancel"</button>
        }
    });
    view! {
        <li>
            <span class="job-name" title=name.clone()>{name.clone()}</span>
            " "
            <span class="hint">{how}</span>
            {cancel}
        </li>
    }
}

/// An export being written on the page, with Cancel until it is offered.
fn export_line(state: AppState, line: ExportLine) -> impl IntoView {
    let ExportLine {
        id,
        file,
        cancelled,
    } = line;
    let label = format!("Cancel export of {file}");
    view! {
        <li>
            <span class="job-name" title=file.clone()>{file.clone()}</span>
            " "
            <span class="hint">{if cancelled { "cancelling" } else { "exporting" }}</span>
            <button type="button" class="quiet" aria-label=label disabled=cancelled
                on:click=move |_| state.cancel_export(id)>"Cancel"</button>
        </li>
    }
}
