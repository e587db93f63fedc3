//! Plans: each channel's plan (its templates and week at a glance), "Open plan file…", and
//! "Apply to dates…": the dates, where the result goes, a preview of what the rules make
//! (events, kept hand edits, gaps with their reasons, notes, checks) before anything changes.

use jiff::civil::{Date, Weekday};
use leptos::prelude::*;
use scheduleflow_engine::rules::PlanFile;
use wasm_bindgen::JsCast;

use crate::components::modal::Modal;
use crate::components::plan_editor::PlanEditor;
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

/// How many gaps and notes the preview lists; the counts say how many there are.
const LISTED: usize = 12;

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
    let preview = Memo::new(move |_| {
        let (Ok(from), Ok(to)) = (from.get().parse::<Date>(), to.get().parse::<Date>()) else {
            return Err("choose the first and the last broadcast day".to_owned());
        };
        state.session_changed.track();
        channel.with_value(|c| state.preview_plan(c, from, to, chosen()))
    });
    let apply = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if let Some(Ok(p)) = preview.try_get_untracked() {
            let label = format!(
                "Apply the plan, {} to {}",
                from.get_untracked(),
                to.get_untracked()
            );
            if state.apply_plan(p, chosen(), label) {
                open.set(false);
            }
        }
    };
    let on_air = move |at| {
        preview.with_untracked(|p| {
            p.as_ref()
                .ok()
                .map(|p| scheduleflow_engine::on_air::OnAir::new(&p.applied.schedule).at(at))
                .unwrap_or_default()
        })
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
            <section class="preview" aria-label="Preview" aria-live="polite">
                <h3>"Preview"</h3>
                {move || preview.with(|p| match p {
                    Err(e) => view! { <p class="field-error" role="alert">{e.clone()}</p> }.into_any(),
                    Ok(p) => {
                        let a = &p.applied;
                        let gaps = a.gaps.iter().take(LISTED).map(|g| {
                            let length = scheduleflow_engine::time::Timecode::format_frames(g.to - g.from, a.schedule.rate());
                            view! { <li><span class="mono">{on_air(g.from)}</span>" for "<span class="mono">{length}</span>": "{g.why.clone()}</li> }
                        }).collect_view();
                        let notes = a.notes.iter().take(LISTED).map(|n| view! { <li>{n.message.clone()}</li> }).collect_view();
                        view! {
                            <dl class="facts">
                                <dt>"Events made"</dt><dd>{a.made}</dd>
                                <dt>"Hand edits kept"</dt><dd>{a.kept}</dd>
                                <dt>"Replaced"</dt><dd>{a.replaced}</dd>
                                <dt>"Gaps"</dt><dd>{a.gaps.len()}</dd>
                                <dt>"Checks"</dt><dd>{format!("{} error(s), {} warning(s)", p.errors, p.warnings)}</dd>
                            </dl>
                            {(!a.gaps.is_empty()).then(|| view! {
                                <h4>"Left empty"</h4>
                                <ul class="notes" aria-label="Gaps">{gaps}</ul>
                                {(a.gaps.len() > LISTED).then(|| view! { <p class="hint">{format!("and {} more", a.gaps.len() - LISTED)}</p> })}
                            })}
                            {(!a.notes.is_empty()).then(|| view! {
                                <h4>"Notes"</h4>
                                <ul class="notes" aria-label="Notes">{notes}</ul>
                                {(a.notes.len() > LISTED).then(|| view! { <p class="hint">{format!("and {} more", a.notes.len() - LISTED)}</p> })}
                            })}
                        }.into_any()
                    }
                })}
            </section>
            <div class="dialog-buttons">
                <button type="button" class="quiet" on:click=move |_| open.set(false)>"Cancel"</button>
                <button type="submit" class="primary" disabled=move || preview.with(Result::is_err)>"Apply"</button>
            </div>
        </form>
    }
}
