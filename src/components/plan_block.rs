//! The plan editor's fields for the selected block: title and times, where its events come
//! from (a playlist in an order, or a fixed event), how it fills and ends, padding to a grid,
//! its filler playlists by role and its commercial breaks. Each change goes into the draft
//! plan, which is checked as a whole (a field that does not read is shown with its place).

use leptos::prelude::*;
use scheduleflow_engine::model::EventKind;
use scheduleflow_engine::rules::editing::PlanEdit;
use scheduleflow_engine::rules::plan::{
    BlockFile, BreaksFile, FixedEventFile, OrderFile, SourceFile,
};
use scheduleflow_engine::time::{Frames, Timecode};

use super::plan_editor::Draft;
use crate::state::AppState;

/// A kebab-case name as the plan file writes it (`no-repeat`, `loop`), both ways.
fn name_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn from_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

/// Empty means none.
fn optional(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

const EVENT_SOURCE: &str = "\u{1}event";

/// `options` (value, name) as a select's options, with `current` selected.
fn option_list(current: &str, options: Vec<(String, String)>) -> impl IntoView {
    options
        .into_iter()
        .map(|(value, name)| {
            let selected = value == current;
            view! { <option value=value selected=selected>{name}</option> }
        })
        .collect_view()
}

/// A labelled select of the selected block's field: `options` (value, name), the value `get`
/// reads selected, a choice written back with `set`.
fn select_field(
    draft: Draft,
    label: &'static str,
    id: &'static str,
    options: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
    get: fn(&BlockFile) -> String,
    set: fn(&mut BlockFile, String),
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |e| { let v = event_target_value(&e); draft.set_block(|b| set(b, v)); }>
                {move || option_list(&draft.block(get).unwrap_or_default(), options())}
            </select>
        </div>
    }
}

#[component]
pub fn BlockFields(draft: Draft) -> impl IntoView {
    let state = expect_context::<AppState>();
    let playlists = Memo::new(move |_| state.playlist_names());
    let rate = draft.plan.with_untracked(|p| p.channel.rate);
    let base = i64::from(rate.timecode_base());
    let length_of = move |minutes: i64| Timecode::format_frames(Frames(base * 60 * minutes), rate);

    let text = move |label: &'static str,
                     id: &'static str,
                     get: fn(&BlockFile) -> String,
                     set: fn(&mut BlockFile, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="text" class=if id == "plan-block-title" || id == "plan-event-title" { "" } else { "mono" }
                    prop:value=move || draft.block(get).unwrap_or_default()
                    on:change=move |e| { let v = event_target_value(&e); draft.set_block(|b| set(b, v)); } />
            </div>
        }
    };
    let choice = move |label: &'static str,
                       id: &'static str,
                       options: Vec<(String, String)>,
                       get: fn(&BlockFile) -> String,
                       set: fn(&mut BlockFile, String)| {
        select_field(draft, label, id, move || options.clone(), get, set)
    };
    // A playlist choice; `none` adds "none" (the role is off); a playlist the library lacks
    // stays choosable, named as missing, so the draft's value is always shown as it is.
    let playlist = move |label: &'static str,
                         id: &'static str,
                         none: bool,
                         get: fn(&BlockFile) -> String,
                         set: fn(&mut BlockFile, String)| {
        let options = move || {
            let current = draft.block(get).unwrap_or_default();
            let mut options: Vec<(String, String)> = playlists.get();
            if !current.is_empty() && !options.iter().any(|(pid, _)| *pid == current) {
                options.push((current.clone(), format!("{current} (not in the library)")));
            }
            if none {
                options.insert(0, (String::new(), "none".into()));
            }
            options
        };
        select_field(draft, label, id, options, get, set)
    };
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
            .collect()
    };

    let source_options = move || {
        let mut options = playlists.get();
        let current = draft.block(|b| match &b.source {
            SourceFile::Playlist { playlist, .. } => playlist.clone(),
            SourceFile::Event { .. } => EVENT_SOURCE.to_owned(),
        });
        if let Some(current) =
            current.filter(|c| c != EVENT_SOURCE && !options.iter().any(|(pid, _)| pid == c))
        {
            options.push((current.clone(), format!("{current} (not in the library)")));
        }
        options.push((
            EVENT_SOURCE.to_owned(),
            "a fixed event (such as the news)".to_owned(),
        ));
        options
    };
    let set_source = move |value: String| {
        let first = playlists
            .with_untracked(|p| p.first().map(|(id, _)| id.clone()))
            .unwrap_or_default();
        let half_hour = length_of(30);
        draft.set_block(|b| {
            b.source = if value == EVENT_SOURCE {
                SourceFile::Event {
                    event: FixedEventFile {
                        title: b.title.clone(),
                        length: b.length.clone().unwrap_or(half_hour),
                        kind: EventKind::Programme,
                        source: None,
                    },
                }
            } else {
                let (order, window) = match &b.source {
                    SourceFile::Playlist { order, window, .. } => (*order, *window),
                    SourceFile::Event { .. } => (OrderFile::Sequential, None),
                };
                let playlist = if value.is_empty() { first } else { value };
                SourceFile::Playlist {
                    playlist,
                    order,
                    window,
                }
            };
        });
    };
    let is_event = move || {
        draft
            .block(|b| matches!(b.source, SourceFile::Event { .. }))
            .unwrap_or(false)
    };
    let order = move || {
        draft
            .block(|b| match &b.source {
                SourceFile::Playlist { order, .. } => Some(*order),
                SourceFile::Event { .. } => None,
            })
            .flatten()
    };
    let breaks_mode = move || {
        draft
            .block(|b| match &b.breaks {
                None => "",
                Some(k) if k.at == "chapters" => "chapters",
                Some(_) => "every",
            })
            .unwrap_or("")
    };
    let set_breaks_mode = move |mode: String| {
        let spots = playlists
            .with_untracked(|p| p.first().map(|(id, _)| id.clone()))
            .unwrap_or_default();
        let two_minutes = length_of(2);
        draft.set_block(|b| {
            b.breaks = match mode.as_str() {
                "" => None,
                mode => {
                    let mut k = b.breaks.clone().unwrap_or(BreaksFile {
                        at: "00:12:00".into(),
                        length: two_minutes,
                        spots,
                        bumper_in: None,
                        bumper_out: None,
                    });
                    k.at = if mode == "chapters" {
                        "chapters".into()
                    } else if k.at == "chapters" {
                        "00:12:00".into()
                    } else {
                        k.at
                    };
                    Some(k)
                }
            };
        });
    };
    let pad_options = move || {
        let mut options = owned(&[
            ("", "no padding"),
            ("00:15:00", "the quarter hour"),
            ("00:30:00", "the half hour"),
            ("01:00:00", "the hour"),
        ]);
        if let Some(custom) = draft
            .block(|b| b.pad_to.clone())
            .flatten()
            .filter(|c| !options.iter().any(|(v, _)| v == c))
        {
            options.push((custom.clone(), custom));
        }
        options
    };

    view! {
        <fieldset class="block-fields">
            <legend>"Block"</legend>
            <div class="field-row">
                {text("Title", "plan-block-title", |b| b.title.clone(), |b, v| b.title = v)}
                {text("Starts at (on-air clock)", "plan-block-start", |b| b.start.clone(), |b, v| b.start = v)}
                {text("Length (empty: until the next block)", "plan-block-length", |b| b.length.clone().unwrap_or_default(), |b, v| b.length = optional(v))}
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="plan-block-source">"Events from"</label>
                    <select id="plan-block-source" on:change=move |e| set_source(event_target_value(&e))>
                        {move || {
                            let current = draft.block(|b| match &b.source {
                                SourceFile::Playlist { playlist, .. } => playlist.clone(),
                                SourceFile::Event { .. } => EVENT_SOURCE.to_owned(),
                            }).unwrap_or_default();
                            option_list(&current, source_options())
                        }}
                    </select>
                </div>
                {move || if is_event() {
                    view! {
                        {text("Event title", "plan-event-title", |b| match &b.source { SourceFile::Event { event } => event.title.clone(), SourceFile::Playlist { .. } => String::new() }, |b, v| if let SourceFile::Event { event } = &mut b.source { event.title = v })}
                        {text("Event length", "plan-event-length", |b| match &b.source { SourceFile::Event { event } => event.length.clone(), SourceFile::Playlist { .. } => String::new() }, |b, v| if let SourceFile::Event { event } = &mut b.source { event.length = v })}
                        {choice("Event kind", "plan-event-kind", EventKind::ALL.iter().map(|k| (k.as_str().to_owned(), k.as_str().to_owned())).collect(),
                            |b| match &b.source { SourceFile::Event { event } => event.kind.as_str().to_owned(), SourceFile::Playlist { .. } => String::new() },
                            |b, v| if let (SourceFile::Event { event }, Some(kind)) = (&mut b.source, EventKind::ALL.into_iter().find(|k| k.as_str() == v)) { event.kind = kind })}
                    }.into_any()
                } else {
                    view! {
                        {choice("Order", "plan-block-order", owned(&[("sequential", "sequential"), ("shuffle", "shuffled"), ("no-repeat", "shuffled, no repeats within a window")]),
                            |b| match &b.source { SourceFile::Playlist { order, .. } => name_of(order), SourceFile::Event { .. } => String::new() },
                            |b, v| if let (SourceFile::Playlist { order, .. }, Some(o)) = (&mut b.source, from_name(&v)) { *order = o })}
                        {move || (order() == Some(OrderFile::NoRepeat)).then(|| view! {
                            {text("No repeat within (items)", "plan-block-window", |b| match &b.source { SourceFile::Playlist { window, .. } => window.map(|w| w.to_string()).unwrap_or_default(), SourceFile::Event { .. } => String::new() },
                                |b, v| if let SourceFile::Playlist { window, .. } = &mut b.source { *window = v.trim().parse().ok() })}
                        })}
                    }.into_any()
                }}
            </div>
            <div class="field-row">
                {choice("Fill", "plan-block-fill", owned(&[("loop", "loop until the end"), ("once", "play once")]), |b| name_of(&b.fill), |b, v| if let Some(f) = from_name(&v) { b.fill = f })}
                {choice("Where an item does not fit", "plan-block-then", owned(&[("trim", "trim it"), ("filler", "fill from the filler playlists"), ("gap", "leave a flagged gap")]), |b| name_of(&b.then), |b, v| if let Some(t) = from_name(&v) { b.then = t })}
                {select_field(draft, "Pad each programme to", "plan-block-pad", pad_options, |b| b.pad_to.clone().unwrap_or_default(), |b, v| b.pad_to = optional(v))}
            </div>
            <fieldset class="block-fields inner">
                <legend>"Filler"</legend>
                <div class="field-row">
                    {playlist("Before each programme", "plan-filler-pre", true, |b| b.filler.pre.clone().unwrap_or_default(), |b, v| b.filler.pre = optional(v))}
                    {playlist("After each programme", "plan-filler-post", true, |b| b.filler.post.clone().unwrap_or_default(), |b, v| b.filler.post = optional(v))}
                    {playlist("Up to the boundary (best fit)", "plan-filler-tail", true, |b| b.filler.tail.clone().unwrap_or_default(), |b, v| b.filler.tail = optional(v))}
                    {playlist("Fallback (cut to fit)", "plan-filler-fallback", true, |b| b.filler.fallback.clone().unwrap_or_default(), |b, v| b.filler.fallback = optional(v))}
                </div>
            </fieldset>
            <fieldset class="block-fields inner">
                <legend>"Commercial breaks"</legend>
                <div class="field-row">
                    <div class="field">
                        <label for="plan-breaks">"Breaks"</label>
                        <select id="plan-breaks" on:change=move |e| set_breaks_mode(event_target_value(&e))>
                            {move || {
                                let current = breaks_mode();
                                [("", "none"), ("every", "at an interval"), ("chapters", "at the chapter marks")].into_iter().map(|(value, name)| {
                                    view! { <option value=value selected=current == value>{name}</option> }
                                }).collect_view()
                            }}
                        </select>
                    </div>
                    {move || (breaks_mode() == "every").then(|| text("Every (HH:MM:SS of programme)", "plan-breaks-every", |b| b.breaks.as_ref().map(|k| k.at.clone()).unwrap_or_default(), |b, v| if let Some(k) = &mut b.breaks { k.at = v }))}
                    {move || (!breaks_mode().is_empty()).then(|| view! {
                        {text("Break length", "plan-breaks-length", |b| b.breaks.as_ref().map(|k| k.length.clone()).unwrap_or_default(), |b, v| if let Some(k) = &mut b.breaks { k.length = v })}
                        {playlist("Spots (in order of priority)", "plan-breaks-spots", false, |b| b.breaks.as_ref().map(|k| k.spots.clone()).unwrap_or_default(), |b, v| if let Some(k) = &mut b.breaks { k.spots = v })}
                        {playlist("Bumper in", "plan-breaks-bumper-in", true, |b| b.breaks.as_ref().and_then(|k| k.bumper_in.clone()).unwrap_or_default(), |b, v| if let Some(k) = &mut b.breaks { k.bumper_in = optional(v) })}
                        {playlist("Bumper out", "plan-breaks-bumper-out", true, |b| b.breaks.as_ref().and_then(|k| k.bumper_out.clone()).unwrap_or_default(), |b, v| if let Some(k) = &mut b.breaks { k.bumper_out = optional(v) })}
                    })}
                </div>
            </fieldset>
            <button type="button" class="quiet" on:click=move |_| {
                if let Some(block) = draft.selected.get_untracked() {
                    draft.edit(PlanEdit::RemoveBlock { template: draft.template.get_untracked(), block });
                    draft.selected.set(None);
                }
            }>"Remove block"</button>
        </fieldset>
    }
}
