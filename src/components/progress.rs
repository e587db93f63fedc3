//! A progress bar for each import in flight: waiting for the queue, bytes read, then checking
//! and saving.

use leptos::prelude::*;

use crate::state::{AppState, Progress, Stage};

fn stage_text(stage: Stage) -> String {
    match stage {
        Stage::Waiting => "Waiting…".into(),
        Stage::Reading { done, total } => {
            let percent = (done * 100).checked_div(total).unwrap_or(0);
            format!("Reading… {percent}%")
        }
        Stage::Checking => "Checking…".into(),
        Stage::Saving => "Saving…".into(),
    }
}

#[component]
fn Bar(progress: Progress) -> impl IntoView {
    let label = format!("Importing {}", progress.file);
    let text = stage_text(progress.stage);
    // Reading has a measurable end; the other stages do not, so their bars are indeterminate.
    let bar = match progress.stage {
        Stage::Reading { done, total } if total > 0 => view! {
            <progress aria-label=label max=total.to_string() value=done.to_string()></progress>
        }
        .into_any(),
        _ => view! { <progress aria-label=label></progress> }.into_any(),
    };
    view! {
        <li class="job">
            <span class="report-file">{progress.file}</span>
            {bar}
            <span class="job-stage">{text}</span>
        </li>
    }
}

#[component]
pub fn ImportProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.progress.with(|p| !p.is_empty())>
            <section class="panel jobs" aria-label="Imports in progress">
                <ul class="job-list">
                    <For
                        each=move || state.progress.get()
                        key=|p| (p.job, p.stage)
                        children=|p| view! { <Bar progress=p /> }
                    />
                </ul>
            </section>
        </Show>
    }
}
