//! One schedule: its validation panel and a virtualised event table that keeps only the rows
//! in view (plus a margin) in the page, so 50,000 events scroll as smoothly as 50.

use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;
use scheduleflow_engine::model::Schedule;
use scheduleflow_engine::timeline;
use scheduleflow_engine::validate::{validate, Diagnostic, Severity};
use scheduleflow_engine::view::{event_rows, worst_by_event};

use crate::components::timeline::Timeline;
use crate::state::AppState;

/// Every row is this tall (the stylesheet fixes it), so positions are arithmetic.
const ROW_PX: f64 = 28.0;
/// Rows rendered above and below the visible ones.
const MARGIN_ROWS: usize = 20;
/// The table's viewport height (matches `.event-scroll` in the stylesheet).
const VIEW_PX: f64 = 560.0;
/// The validation panel lists at most this many entries; the count says how many there are.
const LISTED: usize = 200;

/// Runs `f` on the schedule `id`, if the library still holds it.
fn in_schedule<T>(
    state: AppState,
    id: StoredValue<String>,
    f: impl FnOnce(&Schedule) -> T,
) -> Option<T> {
    state
        .library
        .with(|l| id.with_value(|id| l.schedule(id).map(f)))
}

#[component]
pub fn ScheduleView(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let schedule_id = StoredValue::new(id);
    let name = move || in_schedule(state, schedule_id, |s| s.name.clone()).unwrap_or_default();
    let count =
        Memo::new(move |_| in_schedule(state, schedule_id, |s| s.events.len()).unwrap_or(0));
    let diagnostics: Memo<Vec<Diagnostic>> =
        Memo::new(move |_| in_schedule(state, schedule_id, validate).unwrap_or_default());
    let worst = Memo::new(move |_| diagnostics.with(|d| worst_by_event(d, count.get())));
    let scroll_top = RwSignal::new(0.0_f64);
    let focused = RwSignal::new(None::<usize>);
    let scroller = NodeRef::<Div>::new();
    let window = Memo::new(move |_| {
        let first = (scroll_top.get() / ROW_PX).floor() as usize;
        let visible = (VIEW_PX / ROW_PX).ceil() as usize;
        let start = first.saturating_sub(MARGIN_ROWS);
        let end = (first + visible + MARGIN_ROWS).min(count.get());
        (start, end.max(start))
    });
    let go_to = move |index: usize| {
        focused.set(Some(index));
        if let Some(el) = scroller.get() {
            let top = (index as f64 * ROW_PX - VIEW_PX / 3.0).max(0.0);
            el.set_scroll_top(top as i32);
            scroll_top.set(top);
        }
    };
    let days =
        Memo::new(move |_| in_schedule(state, schedule_id, timeline::days).unwrap_or_default());
    let day = RwSignal::new(None::<jiff::civil::Date>);
    let shown_day = Memo::new(move |_| day.get().or_else(|| days.with(|d| d.first().copied())));
    let strip = Signal::derive(move || {
        let day = shown_day.get()?;
        diagnostics.with(|d| in_schedule(state, schedule_id, |s| timeline::strip(s, day, d)))?
    });
    let history = move || schedule_id.with_value(|id| state.history_labels(id));
    let undo = move || schedule_id.with_value(|id| state.undo(id));
    let redo = move || schedule_id.with_value(|id| state.redo(id));
    // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (Cmd on macOS), except while typing in a field.
    let keys = window_event_listener(ev::keydown, move |e| {
        let typing = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if typing || !(e.ctrl_key() || e.meta_key()) {
            return;
        }
        match (e.key().to_lowercase().as_str(), e.shift_key()) {
            ("z", false) => {
                e.prevent_default();
                undo();
            }
            ("z", true) | ("y", false) => {
                e.prevent_default();
                redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    let rows = move || {
        let (start, end) = window.get();
        // Borrowed, not cloned: this runs on every scroll and the list has one entry per event.
        worst.with(|worst| {
            in_schedule(state, schedule_id, |s| {
                event_rows(s, start..end)
                    .into_iter()
                    .map(|r| {
                        let marker = match worst.get(r.index).copied().flatten() {
                            Some(Severity::Error) => "row-error",
                            Some(Severity::Warning) => "row-warning",
                            None => "",
                        };
                        let index = r.index;
                        view! {
                            <tr
                                aria-rowindex=index + 2
                                class=marker
                                class:focused=move || focused.get() == Some(index)
                            >
                                <td class="mono">{r.start}</td>
                                <td class="mono">{r.end}</td>
                                <td class="mono">{r.duration}</td>
                                <td class="title">{r.title}</td>
                                <td>{r.kind}</td>
                                <td class="source">{r.source}</td>
                                <td>{r.start_mode}</td>
                                <td class="mono">{r.id}</td>
                            </tr>
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        })
    };
    view! {
        <section class="panel schedule-view" aria-labelledby="schedule-heading">
            <div class="panel-head">
                <h2 id="schedule-heading">{name}</h2>
                <div class="tools">
                    <button
                        type="button"
                        aria-keyshortcuts="Control+Z"
                        title=move || history().0.map(|l| format!("Undo: {l}")).unwrap_or_default()
                        disabled=move || history().0.is_none()
                        on:click=move |_| undo()
                    >
                        "Undo"
                    </button>
                    <button
                        type="button"
                        aria-keyshortcuts="Control+Shift+Z"
                        title=move || history().1.map(|l| format!("Redo: {l}")).unwrap_or_default()
                        disabled=move || history().1.is_none()
                        on:click=move |_| redo()
                    >
                        "Redo"
                    </button>
                    <button type="button" on:click=move |_| state.selected.set(None)>
                        "Back to the library"
                    </button>
                </div>
            </div>
            <div class="timeline-head">
                <label>
                    "Broadcast day "
                    <select on:change=move |e| day.set(event_target_value(&e).parse().ok())>
                        {move || days.get().into_iter().map(|d| view! {
                            <option value=d.to_string() selected=move || shown_day.get() == Some(d)>{d.to_string()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <span class="legend" aria-hidden="true">
                    <span class="swatch kind-programme"></span>"programme "
                    <span class="swatch kind-commercial"></span>"commercial "
                    <span class="swatch kind-promo"></span>"promo "
                    <span class="swatch kind-ident"></span>"ident "
                    <span class="swatch kind-filler"></span>"filler "
                    <span class="swatch kind-live"></span>"live "
                    <span class="swatch gap"></span>"gap "
                    <span class="swatch overlap"></span>"overlap"
                </span>
            </div>
            <Timeline strip=strip on_pick=Callback::new(go_to) />
            <div class="validation" role="region" aria-label="Validation">
                {move || diagnostics.with(|d| {
                    let errors = d.iter().filter(|d| d.severity == Severity::Error).count();
                    if d.is_empty() {
                        view! { <p class="health clean">"No problems found."</p> }.into_any()
                    } else {
                        view! {
                            <p>{format!("{errors} error(s), {} warning(s)", d.len() - errors)}</p>
                            <ul class="diagnostics">
                                {d.iter().take(LISTED).map(|diag| {
                                    let class = if diag.severity == Severity::Error { "diag error" } else { "diag warning" };
                                    let target = diag.index;
                                    let label = diag.event.as_ref().map(|e| format!("Go to event {e}"));
                                    view! {
                                        <li class=class>
                                            <span class="code">{diag.code.as_str()}</span>
                                            " "
                                            <span>{diag.message.clone()}</span>
                                            {target.zip(label).map(|(i, label)| view! {
                                                " "
                                                <button type="button" class="quiet" aria-label=label on:click=move |_| go_to(i)>
                                                    "Go to"
                                                </button>
                                            })}
                                            {diag.fixes.first().cloned().map(|fix| view! {
                                                " "
                                                <button
                                                    type="button"
                                                    class="fix"
                                                    title=fix.label.clone()
                                                    on:click=move |_| schedule_id.with_value(|id| state.apply_fix(id, &fix))
                                                >
                                                    {fix.label.clone()}
                                                </button>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {(d.len() > LISTED).then(|| view! { <p class="hint">{format!("and {} more", d.len() - LISTED)}</p> })}
                        }.into_any()
                    }
                })}
            </div>
            <div
                class="event-scroll"
                node_ref=scroller
                tabindex="0"
                aria-label="Events"
                on:scroll=move |_| {
                    if let Some(el) = scroller.get() {
                        scroll_top.set(f64::from(el.scroll_top()));
                    }
                }
            >
                <table class="event-table" aria-rowcount=move || count.get() + 1>
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col">"Start"</th>
                            <th scope="col">"End"</th>
                            <th scope="col">"Duration"</th>
                            <th scope="col">"Title"</th>
                            <th scope="col">"Kind"</th>
                            <th scope="col">"Source"</th>
                            <th scope="col">"Start mode"</th>
                            <th scope="col">"Id"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr class="spacer" aria-hidden="true" style:height=move || format!("{}px", window.get().0 as f64 * ROW_PX)></tr>
                        {rows}
                        <tr class="spacer" aria-hidden="true" style:height=move || format!("{}px", (count.get() - window.get().1) as f64 * ROW_PX)></tr>
                    </tbody>
                </table>
            </div>
        </section>
    }
}
