//! Plans: each channel's plan (its templates and week at a glance), "Open plan file…", and
//! "Apply to dates…": the dates, where the result goes, a preview of what the rules make
//! (events, kept hand edits, gaps with their reasons, notes, checks) before anything changes.

use jiff::civil::{Date, Weekday};
use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::rules::PlanFile;
use wasm_bindgen::JsCast;

use crate::components::modal::Modal;
use crate::components::plan_editor::PlanEditor;
use crate::jobs::plan::{PlanFacts, LISTED};
use crate::state::{AppState, PlanTarget};

/// The week as one line: `Mon–Fri Weekday · Sat Saturday · Sun —`.
fn week_line(plan: &PlanFile) -> String {
    let name = |id: Option<&str>| {
        id.and_then(|id| plan.templates.iter().find(|t| t.id == id))
            .map_or("—".to_owned(), |t| t.name.clone())
    };
    let days = [
        ("Mon", Weekday::Monday),
        ("Tue", Weekday::Tuesday),
        ("Wed", Weekday::Wednesday),
        ("Thu", Weekday::Thursday),
        ("Fri", Weekday::Friday),
        ("Sat", Weekday::Saturday),
        ("Sun", Weekday::Sunday),
    ];
    let mut parts: Vec<(String, String, String)> = Vec::new();
    for (label, day) in days {
        let template = name(plan.week.get(day));
        match parts.last_mut() {
            Some((_, last, t)) if *t == template => *last = label.to_owned(),
            _ => parts.push((label.to_owned(), label.to_owned(), template)),
        }
    }
    parts
        .into_iter()
        .map(|(first, last, t)| {
            if first == last {
                format!("{first} {t}")
            } else {
                format!("{first}–{last} {t}")
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
pub fn Plans() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let channel = RwSignal::new(String::new());
    let on_pick = move |e: leptos::ev::Event| {
        let input = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            if let Some(files) = input.files() {
                state.open_plan_files(&files);
            }
            input.set_value("");
        }
    };
    view! {
        <section class="panel library" aria-labelledby="plans-heading">
            <div class="panel-head">
                <h2 id="plans-heading">"Plans"</h2>
                <div class="tools">
                    <label class="button">
                        "Open plan file…"
                        <input type="file" accept=".json,application/json" class="visually-hidden"
                            aria-label="Open plan file" on:change=on_pick />
                    </label>
                </div>
            </div>
            {move || state.plan_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <Show
                when=move || state.plans.with(|p| !p.is_empty())
                fallback=|| view! { <p class="empty-state">"No plans yet: open a plan file (day templates and a weekly plan for a channel; see docs/formats/plan)."</p> }
            >
                <div class="table-scroll">
                    <table class="library-table">
                        <thead>
                            <tr>
                                <th scope="col">"Channel"</th>
                                <th scope="col">"Templates"</th>
                                <th scope="col">"Week"</th>
                                <th scope="col">"Actions"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || state.plans.get().into_iter().map(|plan| {
                                let name = plan.channel.name.clone();
                                let for_apply = name.clone();
                                let for_edit = name.clone();
                                let for_remove = name.clone();
                                let templates = plan.templates.iter().map(|t| t.name.clone()).collect::<Vec<_>>().join(", ");
                                view! {
                                    <tr>
                                        <th scope="row">{name.clone()}</th>
                                        <td>{templates}</td>
                                        <td>{week_line(&plan)}</td>
                                        <td><div class="actions">
                                            <button type="button" aria-label=format!("Edit the plan of {name}")
                                                on:click=move |_| { channel.set(for_edit.clone()); editing.set(true); }>"Edit…"</button>
                                            <button type="button" aria-label=format!("Apply the plan of {name} to dates")
                                                on:click=move |_| { channel.set(for_apply.clone()); open.set(true); }>"Apply to dates…"</button>
                                            <button type="button" class="quiet" aria-label=format!("Remove the plan of {name}")
                                                on:click=move |_| state.remove_plan(for_remove.clone())>"Remove"</button>
                                        </div></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </Show>
            <ApplyPlanDialog open=open channel=channel />
            <PlanEditor open=editing channel=channel />
        </section>
    }
}

/// "Apply to dates": the plan of `channel`, to a new schedule or onto the open one.
#[component]
pub fn ApplyPlanDialog(open: RwSignal<bool>, channel: RwSignal<String>) -> impl IntoView {
    view! {
        <Modal open=open title=Signal::derive(move || format!("Apply the plan of {}", channel.get())) id="apply-plan-dialog">
            <ApplyFields open=open channel=channel.get_untracked() />
        </Modal>
    }
}

#[component]
fn ApplyFields(open: RwSignal<bool>, channel: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let channel = StoredValue::new(channel);
    let today = state.today();
    let from = RwSignal::new(today.to_string());
    let to = RwSignal::new(today.to_string());
    let onto_open = channel.with_value(|c| state.open_is_on(c));
    let target = RwSignal::new(if onto_open { "open" } else { "new" }.to_owned());
    let chosen = move || {
        if target.get() == "open" {
            PlanTarget::Open
        } else {
            PlanTarget::New
        }
    };
    let dates = move || match (from.get().parse::<Date>(), to.get().parse::<Date>()) {
        (Ok(from), Ok(to)) => Ok((from, to)),
        _ => Err("choose the first and the last broadcast day".to_owned()),
    };
    // The preview is worked out by a job; `None` while it runs. Only the latest one asked
    // for is shown.
    let preview = RwSignal::new(None::<Result<PlanFacts, String>>);
    let asked = StoredValue::new(0u64);
    let applying = RwSignal::new(false);
    Effect::new(move |_| {
        let (dates, target) = (dates(), chosen());
        state.track_open();
        // The change being applied is not previewed again: the dialog closes once it is made
        // (and a failed apply shows the preview again).
        if applying.get() {
            return;
        }
        asked.update_value(|n| *n += 1);
        let ticket = asked.get_value();
        preview.set(None);
        let channel = channel.get_value();
        spawn_local(async move {
            let result = match dates {
                Ok((from, to)) => state.preview_plan(&channel, from, to, target).await,
                Err(e) => Err(e),
            };
            if asked.try_get_value() == Some(ticket) {
                preview.try_set(Some(result));
            }
        });
    });
    let failed = RwSignal::new(None::<String>);
    let apply = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let (Ok((from, to)), false) = (dates(), applying.get_untracked()) else {
            return;
        };
        let label = format!("Apply the plan, {from} to {to}");
        let (channel, target) = (channel.get_value(), chosen());
        applying.set(true);
        failed.set(None);
        spawn_local(async move {
            match state.apply_plan(&channel, from, to, target, label).await {
                Ok(()) => {
                    open.try_set(false);
                }
                Err(e) => {
                    failed.try_set(Some(e));
                    applying.try_set(false);
                }
            }
        });
    };
    view! {
        <form class="dialog-form" on:submit=apply>
            <div class="field-row">
                <div class="field">
                    <label for="plan-from">"First broadcast day"</label>
                    <input id="plan-from" type="date" prop:value=move || from.get() on:input=move |e| from.set(event_target_value(&e)) />
                </div>
                <div class="field">
                    <label for="plan-to">"Last broadcast day"</label>
                    <input id="plan-to" type="date" prop:value=move || to.get() on:input=move |e| to.set(event_target_value(&e)) />
                </div>
                <div class="field">
                    <label for="plan-target">"Put it into"</label>
                    <select id="plan-target" on:change=move |e| target.set(event_target_value(&e))>
                        <option value="new" selected=move || target.get() == "new">"a new schedule"</option>
                        <option value="open" disabled=!onto_open selected=move || target.get() == "open">"the open schedule (keeps hand edits)"</option>
                    </select>
                </div>
            </div>
            <section class="preview" aria-label="Preview" aria-live="polite" aria-busy=move || preview.with(Option::is_none).to_string()>
                <h3>"Preview"</h3>
                {move || preview.with(|p| match p {
                    None => view! { <p class="hint">"Working out what the rules make…"</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="field-error" role="alert">{e.clone()}</p> }.into_any(),
                    Some(Ok(p)) => {
                        let gaps = p.gap_lines.iter().map(|g| {
                            view! { <li><span class="mono">{g.at.clone()}</span>" for "<span class="mono">{g.length.clone()}</span>": "{g.why.clone()}</li> }
                        }).collect_view();
                        let notes = p.note_lines.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view();
                        view! {
                            <dl class="facts">
                                <dt>"Events made"</dt><dd>{p.made}</dd>
                                <dt>"Hand edits kept"</dt><dd>{p.kept}</dd>
                                <dt>"Replaced"</dt><dd>{p.replaced}</dd>
                                <dt>"Gaps"</dt><dd>{p.gaps}</dd>
                                <dt>"Checks"</dt><dd>{format!("{} error(s), {} warning(s)", p.errors, p.warnings)}</dd>
                            </dl>
                            {(p.gaps > 0).then(|| view! {
                                <h4>"Left empty"</h4>
                                <ul class="notes" aria-label="Gaps">{gaps}</ul>
                                {(p.gaps > LISTED).then(|| view! { <p class="hint">{format!("and {} more", p.gaps - LISTED)}</p> })}
                            })}
                            {(p.notes > 0).then(|| view! {
                                <h4>"Notes"</h4>
                                <ul class="notes" aria-label="Notes">{notes}</ul>
                                {(p.notes > LISTED).then(|| view! { <p class="hint">{format!("and {} more", p.notes - LISTED)}</p> })}
                            })}
                        }.into_any()
                    }
                })}
            </section>
            {move || failed.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <div class="dialog-buttons">
                <button type="button" class="quiet" on:click=move |_| open.set(false)>"Cancel"</button>
                <button type="submit" class="primary" disabled=move || applying.get() || !preview.with(|p| matches!(p, Some(Ok(_))))>
                    {move || if applying.get() { "Applying…" } else { "Apply" }}
                </button>
            </div>
        </form>
    }
}
