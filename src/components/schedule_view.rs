//! The schedule view: the open schedule's toolbar (edit actions, undo and redo), timeline strip,
//! validation panel, event grid, and the editor's side panels (the event form, inserts). It
//! reaches the schedule only through the state's session methods.

use leptos::ev;
use leptos::prelude::*;
use scheduleflow_engine::format::Format;

use crate::components::channels::{ChannelDialog, ChannelTarget};
use crate::components::day_picker::{CopyDay, DayPicker};
use crate::components::event_form::EventForm;
use crate::components::event_grid::EventGrid;
use crate::components::insert_panel::InsertPanel;
use crate::components::plans::ApplyPlanDialog;
use crate::components::stages::stages;
use crate::components::timeline::Timeline;
use crate::components::validation_panel::ValidationPanel;
use crate::state::AppState;

/// Whether a key event comes from a text field, where shortcuts must not fire.
fn typing(e: &ev::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

#[component]
pub fn ScheduleView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = Memo::new(move |_| state.open_name());
    let reveal = RwSignal::new(None::<usize>);
    let go_to = Callback::new(move |index: usize| {
        reveal.set(Some(index));
    });
    let days = Memo::new(move |_| state.open_days());
    let day = RwSignal::new(None::<jiff::civil::Date>);
    let shown_day = Memo::new(move |_| day.get().or_else(|| days.with(|d| d.first().copied())));
    Effect::new(move |_| state.look_at_day(shown_day.get()));
    let strip = Signal::from(state.seen.strip);
    let history = Memo::new(move |_| state.history_labels());
    let none_selected = move || state.selection.with(|s| s.is_empty());
    let channel_open = RwSignal::new(false);
    let export_format = RwSignal::new(Format::SfJson);
    let channel_target = RwSignal::new(ChannelTarget::New);
    let plan_open = RwSignal::new(false);
    let plan_channel = RwSignal::new(String::new());
    let has_plan = Memo::new(move |_| {
        state
            .open_channel()
            .is_some_and(|c| state.plan_for(&c.name).is_some())
    });
    // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (Cmd on macOS), except while typing in a field.
    let keys = window_event_listener(ev::keydown, move |e| {
        if typing(&e) || !(e.ctrl_key() || e.meta_key()) {
            return;
        }
        match (e.key().to_lowercase().as_str(), e.shift_key()) {
            ("z", false) => {
                e.prevent_default();
                state.undo();
            }
            ("z", true) | ("y", false) => {
                e.prevent_default();
                state.redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    // The strip and the checks, then the rows, are each built in a task after the one that
    // takes the library off the page: each is a few tens of milliseconds at 50,000 events, and
    // together they made opening one long task.
    let stage = stages(2);
    let checks_shown = move || stage.get() >= 1;
    let rows_shown = move || stage.get() >= 2;
    view! {
        <section class="panel schedule-view" aria-labelledby="schedule-heading">
            <div class="panel-head">
                <div>
                    <h2 id="schedule-heading" tabindex="-1">{move || name.get()}</h2>
                    <p class="hint schedule-facts">
                        {move || state.open_facts()}
                    </p>
                </div>
                <div class="tools">
                    <button
                        type="button"
                        aria-keyshortcuts="Control+Z"
                        title=move || history.get().0.map(|l| format!("Undo: {l}")).unwrap_or_default()
                        disabled=move || history.get().0.is_none()
                        on:click=move |_| state.undo()
                    >
                        "Undo"
                    </button>
                    <button
                        type="button"
                        aria-keyshortcuts="Control+Shift+Z"
                        title=move || history.get().1.map(|l| format!("Redo: {l}")).unwrap_or_default()
                        disabled=move || history.get().1.is_none()
                        on:click=move |_| state.redo()
                    >
                        "Redo"
                    </button>
                    <select aria-label="Export format" on:change=move |e| {
                        if let Ok(f) = event_target_value(&e).parse::<Format>() {
                            export_format.set(f);
                        }
                    }>
                        {Format::ALL.into_iter().map(|f| view! { <option value=f.name()>{f.title()}</option> }).collect_view()}
                    </select>
                    <button type="button" aria-label="Export this schedule" on:click=move |_| {
                        if let Some(id) = state.selected.get_untracked() {
                            state.export(&id, export_format.get_untracked());
                        }
                    }>
                        "Export"
                    </button>
                    <button type="button" disabled=move || state.reading_open() on:click=move |_| {
                        if let Some(c) = state.open_channel() {
                            channel_target.set(ChannelTarget::OpenSchedule(c));
                            channel_open.set(true);
                        }
                    }>
                        "Channel…"
                    </button>
                    <Show when=move || has_plan.get()>
                        <button type="button" on:click=move |_| {
                            if let Some(c) = state.open_channel().map(|c| c.name) {
                                plan_channel.set(c);
                                plan_open.set(true);
                            }
                        }>
                            "Apply plan…"
                        </button>
                    </Show>
                    <button type="button" on:click=move |_| state.close()>
                        "Back to the library"
                    </button>
                </div>
            </div>
            <div class="timeline-head">
                <DayPicker days=days shown=shown_day day=day />
                <Show when=move || days.with(|d| d.len() > 1) && !state.reading_open()>
                    <CopyDay days=days shown=shown_day />
                </Show>
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
            <Show when=checks_shown>
            <Timeline strip=strip on_pick=go_to />
            <ValidationPanel on_go_to=go_to />
            </Show>
            <Show when=rows_shown>
            <div class="edit-tools" role="toolbar" aria-label="Edit events" inert=move || state.reading_open()>
                <button type="button" aria-keyshortcuts="Alt+ArrowUp" disabled=none_selected on:click=move |_| state.move_selected(true)>"Move up"</button>
                <button type="button" aria-keyshortcuts="Alt+ArrowDown" disabled=none_selected on:click=move |_| state.move_selected(false)>"Move down"</button>
                <button type="button" aria-keyshortcuts="Control+X" disabled=none_selected on:click=move |_| state.cut_selected()>"Cut"</button>
                <button type="button" aria-keyshortcuts="Control+C" disabled=none_selected on:click=move |_| { state.copy_selected(); }>"Copy"</button>
                <button type="button" aria-keyshortcuts="Control+V" on:click=move |_| state.paste()>"Paste"</button>
                <button type="button" aria-keyshortcuts="Delete" disabled=none_selected on:click=move |_| state.delete_selected()>"Delete"</button>
                <button type="button" disabled=none_selected on:click=move |_| state.playlist_from_selection()>"Make a playlist"</button>
                <span class="hint" role="status">
                    {move || state.selection.with(|s| match s.len() {
                        0 => String::new(),
                        1 => "1 event selected".to_owned(),
                        n => format!("{n} events selected"),
                    })}
                </span>
            </div>
            <div class="editor">
                <EventGrid reveal=reveal />
                <aside class="editor-side" aria-label="Editor">
                    <EventForm />
                    <InsertPanel />
                </aside>
            </div>
            </Show>
            <ChannelDialog open=channel_open target=channel_target />
            <ApplyPlanDialog open=plan_open channel=plan_channel />
        </section>
    }
}
