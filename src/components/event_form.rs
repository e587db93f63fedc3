//! The form of the event on the keyboard row: title, kind, source, notes, length and in/out
//! points as timecode, start mode and a fixed start on the on-air clock. A bad field shows its
//! error beside it and nothing changes; a good form is one undo step. The form's values come
//! from the desk a moment after the row is chosen: a field typed in meanwhile keeps what was
//! typed.

use std::collections::BTreeSet;

use leptos::prelude::*;
use scheduleflow_engine::edit::{EventChanges, FieldError};
use scheduleflow_engine::model::{EventKind, StartMode};
use scheduleflow_engine::on_air::day_label;

use crate::state::AppState;

const MODES: [StartMode; 3] = [StartMode::Follow, StartMode::Fixed, StartMode::Manual];

/// One text field with its label and its error, if any.
#[component]
fn Field(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    touched: Touched,
    #[prop(optional)] mono: bool,
) -> impl IntoView {
    let id = format!("event-{name}");
    let error_id = format!("event-{name}-error");
    let error = move || {
        errors.with(|e| {
            e.iter()
                .find(|e| e.field == name)
                .map(|e| e.message.clone())
        })
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                class:mono=mono
                prop:value=move || value.get()
                on:input=move |e| {
                    touched.update_value(|t| {
                        t.insert(name);
                    });
                    value.set(event_target_value(&e))
                }
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=move || error().map(|_| error_id.clone())
            />
            {move || error().map(|m| view! { <p class="field-error" id=format!("event-{name}-error")>{m}</p> })}
        </div>
    }
}

/// The fields typed in since the form's row was chosen or its change applied.
type Touched = StoredValue<BTreeSet<&'static str>>;

#[component]
pub fn EventForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let index = Memo::new(move |_| state.selection.with(|s| s.cursor()));
    let title = RwSignal::new(String::new());
    let kind = RwSignal::new(EventKind::Programme);
    let source = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let duration = RwSignal::new(String::new());
    let in_point = RwSignal::new(String::new());
    let out_point = RwSignal::new(String::new());
    let mode = RwSignal::new(StartMode::Follow);
    let start = RwSignal::new(String::new());
    let ripple = RwSignal::new(true);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let loaded = StoredValue::new(None::<EventChanges>);
    let touched: Touched = StoredValue::new(BTreeSet::new());
    let touch = move |name: &'static str| {
        touched.update_value(|t| {
            t.insert(name);
        })
    };
    // The form follows the keyboard row and every change to the schedule.
    Effect::new(move |_| {
        state.look_at_event(index.get());
        touched.update_value(BTreeSet::clear);
    });
    on_cleanup(move || state.look_at_event(None));
    Effect::new(move |_| {
        let form = state.seen.form.get();
        if let Some(f) = &form {
            let fresh = |name| !touched.with_value(|t: &BTreeSet<&str>| t.contains(name));
            let set = |name, field: RwSignal<String>, value: &String| {
                if fresh(name) {
                    field.set(value.clone());
                }
            };
            set("title", title, &f.title);
            set("source", source, &f.source);
            set("notes", notes, &f.notes);
            set("duration", duration, &f.duration);
            set("in_point", in_point, &f.in_point);
            set("out_point", out_point, &f.out_point);
            set("start", start, &f.start);
            if fresh("kind") {
                kind.set(f.kind);
            }
            if fresh("mode") {
                mode.set(f.start_mode);
            }
        }
        errors.set(Vec::new());
        loaded.set_value(form);
    });
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let (Some(i), Some(base)) = (index.get_untracked(), loaded.get_value()) else {
            return;
        };
        let form = EventChanges {
            title: title.get_untracked(),
            kind: kind.get_untracked(),
            source: source.get_untracked(),
            notes: notes.get_untracked(),
            duration: duration.get_untracked(),
            in_point: in_point.get_untracked(),
            out_point: out_point.get_untracked(),
            start_mode: mode.get_untracked(),
            start: start.get_untracked(),
            day: base.day,
            ripple: ripple.get_untracked(),
        };
        state.apply_form(i, &form, move |made| {
            if made.is_ok() {
                touched.update_value(BTreeSet::clear);
            }
            errors.set(made.err().unwrap_or_default())
        });
    };
    let day = move || loaded.with_value(|f| f.as_ref().map(|f| day_label(f.day)));
    view! {
        <section class="event-form" aria-labelledby="event-form-heading">
            <h3 id="event-form-heading">"Event"</h3>
            <Show
                when=move || index.get().is_some()
                fallback=|| view! { <p class="hint">"Select an event to edit it."</p> }
            >
                <form on:submit=submit>
                    <Field label="Title" name="title" value=title errors=errors touched=touched />
                    <div class="field">
                        <label for="event-kind">"Kind"</label>
                        <select id="event-kind" on:change=move |e| {
                            touch("kind");
                            if let Some(k) = EventKind::parse(&event_target_value(&e)) { kind.set(k) }
                        }>
                            {EventKind::ALL.into_iter().map(|k| view! {
                                <option value=k.as_str() selected=move || kind.get() == k>{k.as_str()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Field label="Source" name="source" value=source errors=errors touched=touched />
                    <Field label="Duration" name="duration" value=duration errors=errors touched=touched mono=true />
                    <Field label="In point" name="in_point" value=in_point errors=errors touched=touched mono=true />
                    <Field label="Out point" name="out_point" value=out_point errors=errors touched=touched mono=true />
                    <div class="field">
                        <label for="event-mode">"Start mode"</label>
                        <select id="event-mode" on:change=move |e| {
                            touch("mode");
                            let v = event_target_value(&e);
                            if let Some(m) = MODES.into_iter().find(|m| m.as_str() == v) { mode.set(m) }
                        }>
                            {MODES.into_iter().map(|m| view! {
                                <option value=m.as_str() selected=move || mode.get() == m>{m.as_str()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Show when=move || mode.get() != StartMode::Follow>
                        <Field label="Start (on-air clock)" name="start" value=start errors=errors touched=touched mono=true />
                        <p class="hint">{move || day().map(|d| format!("on {d}"))}</p>
                    </Show>
                    <div class="field">
                        <label for="event-notes">"Notes"</label>
                        <textarea
                            id="event-notes"
                            rows="2"
                            prop:value=move || notes.get()
                            on:input=move |e| {
                                touch("notes");
                                notes.set(event_target_value(&e))
                            }
                        ></textarea>
                    </div>
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || ripple.get()
                            on:change=move |e| ripple.set(event_target_checked(&e))
                        />
                        " Ripple: later events move with a new length"
                    </label>
                    <button type="submit">"Apply changes"</button>
                </form>
            </Show>
        </section>
    }
}
