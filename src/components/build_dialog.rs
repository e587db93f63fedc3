//! "Schedule a playlist": every builder option (channel, start, end or length, order, seed,
//! no-repeat window, once or loop, the ending, a filler playlist, hard-start blocks), a live
//! preview of what it builds (events, length, problems, notes, the first day's timeline),
//! built on the desk, before anything is stored, and "Create schedule". Same inputs, same
//! schedule as `scheduleflow build`.

use jiff::civil::Date;
use leptos::prelude::*;
use scheduleflow_engine::build::form::{one_day, BuildForm, EndForm, HardStartForm, OrderChoice};
use scheduleflow_engine::build::{Ending, Fill};
use scheduleflow_engine::edit::FieldError;

use crate::components::channels::ChannelSelect;
use crate::components::modal::{error_for, Modal};
use crate::components::timeline::Timeline;
use crate::desk::Making;
use crate::state::preview::Previewing;
use crate::state::AppState;

#[component]
pub fn BuildDialog(open: RwSignal<bool>, playlist: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <Modal open=open title=Signal::derive(|| "Schedule a playlist".to_owned()) id="build-dialog">
            <BuildFields open=open playlist=playlist.get_untracked() />
        </Modal>
    }
}

/// One hard-start row as typed.
#[derive(Debug, Clone, Copy)]
struct HardRow {
    day: RwSignal<String>,
    time: RwSignal<String>,
    length: RwSignal<String>,
    title: RwSignal<String>,
}

fn text_field(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: impl Fn() -> Option<String> + Send + Sync + Copy + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="text" class="mono" prop:value=move || value.get()
                on:input=move |e| value.set(event_target_value(&e))
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=format!("{id}-error") />
            <p class="field-error" id=format!("{id}-error")>{error}</p>
        </div>
    }
}

#[component]
fn BuildFields(open: RwSignal<bool>, playlist: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let playlists = Memo::new(move |_| state.playlist_names());
    let channels = Memo::new(move |_| state.channel_list());
    let first_playlist = playlists.with_untracked(|p| p.first().map(|(id, _)| id.clone()));
    let playlist = RwSignal::new(playlist.or(first_playlist).unwrap_or_default());
    let filler = RwSignal::new(
        playlists
            .with_untracked(|p| p.last().map(|(id, _)| id.clone()))
            .unwrap_or_default(),
    );
    let channel = RwSignal::new(
        channels
            .with_untracked(|c| c.first().map(|c| c.name.clone()))
            .unwrap_or_default(),
    );
    let day = RwSignal::new(state.today().to_string());
    let time = RwSignal::new(String::new());
    let end_by = RwSignal::new("length".to_owned());
    let by_length = move || end_by.with(|e| e == "length");
    let length = RwSignal::new(
        channels
            .with_untracked(|c| c.first().map(one_day))
            .unwrap_or_else(|| "24:00:00:00".into()),
    );
    let end_day = RwSignal::new(state.today().to_string());
    let end_time = RwSignal::new(String::new());
    let order = RwSignal::new("sequential".to_owned());
    let seed = RwSignal::new("1".to_owned());
    let window = RwSignal::new("3".to_owned());
    let fill = RwSignal::new("loop".to_owned());
    let ending = RwSignal::new("trim".to_owned());
    let hard = RwSignal::new(Vec::<HardRow>::new());
    let date = |text: String| text.parse::<Date>().ok();
    let form = move || {
        let channel = state.channel_named(&channel.get())?;
        Some(BuildForm {
            channel,
            day: date(day.get())?,
            time: time.get(),
            end: if by_length() {
                EndForm::Length(length.get())
            } else {
                EndForm::At {
                    day: date(end_day.get())?,
                    time: end_time.get(),
                }
            },
            order: match order.get().as_str() {
                "shuffle" => OrderChoice::Shuffle,
                "no-repeat" => OrderChoice::NoRepeat,
                _ => OrderChoice::Sequential,
            },
            seed: seed.get(),
            window: window.get(),
            fill: if fill.get() == "once" {
                Fill::Once
            } else {
                Fill::Loop
            },
            ending: match ending.get().as_str() {
                "filler" => Ending::Filler,
                "gap" => Ending::Gap,
                _ => Ending::Trim,
            },
            hard_starts: hard
                .get()
                .iter()
                .filter_map(|h| {
                    Some(HardStartForm {
                        day: date(h.day.get())?,
                        time: h.time.get(),
                        length: h.length.get(),
                        title: h.title.get(),
                    })
                })
                .collect(),
        })
    };
    let asked = move || match form() {
        Some(form) => {
            let filler = (ending.get() == "filler").then(|| filler.get());
            state.to_build(&playlist.get(), filler.as_deref(), form)
        }
        None => Err(vec![FieldError {
            field: "channel".into(),
            message: "choose a channel and a first broadcast day".into(),
        }]),
    };
    // Built on the desk as the form changes; what it built is let go with the dialog.
    let previewing = Previewing::new();
    let shown = previewing.shown;
    Effect::new(move |_| previewing.ask(state, asked()));
    on_cleanup(move || state.end_preview());
    let errors = move |field: &'static str| {
        move || shown.with(|b| b.as_ref().err().and_then(|e| error_for(e, field)))
    };
    let summary = Memo::new(move |_| shown.with(|b| b.as_ref().ok().map(|b| b.summary.clone())));
    let strip = Signal::derive(move || shown.with(|b| b.as_ref().ok()?.strip.clone()));
    let creating = RwSignal::new(false);
    let create = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if creating.get_untracked() {
            return;
        }
        // What the form says now, even with its preview still on its way: the desk builds it
        // again only if the preview was of other inputs.
        let Ok(asked) = untrack(asked) else {
            return;
        };
        let what = summary
            .get_untracked()
            .map_or_else(|| asked.playlist.name.clone(), |s| s.name);
        creating.set(true);
        state.create(Making::Built(Box::new(asked)), &what, move |created| {
            creating.try_set(false);
            match created {
                Ok(()) => {
                    open.try_set(false);
                }
                Err(errors) => previewing.show_errors(errors),
            }
        });
    };
    let select = move |id: &'static str,
                       label: &'static str,
                       value: RwSignal<String>,
                       options: Vec<(&'static str, &'static str)>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id on:change=move |e| value.set(event_target_value(&e))>
                    {options.into_iter().map(|(v, l)| view! { <option value=v selected=move || value.get() == v>{l}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let playlist_select = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id on:change=move |e| value.set(event_target_value(&e))>
                    {move || playlists.get().into_iter().map(|(pid, name)| {
                        let v = pid.clone();
                        view! { <option value=pid selected=move || value.get() == v>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <form class="dialog-form build-form" on:submit=create>
            <div class="field-row">
                {playlist_select("build-playlist", "Playlist", playlist)}
                <ChannelSelect id="build-channel" value=channel />
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="build-day">"First broadcast day"</label>
                    <input id="build-day" type="date" prop:value=move || day.get() on:input=move |e| day.set(event_target_value(&e)) />
                </div>
                {text_field("build-start", "Start (on-air clock; empty: the day's start)", time, errors("start"))}
            </div>
            <div class="field-row">
                {select("build-end-by", "Ends", end_by, vec![("length", "after a length"), ("at", "at a time")])}
            </div>
            {move || if by_length() {
                text_field("build-length", "Length (timecode)", length, errors("length")).into_any()
            } else {
                view! {
                    <div class="field-row">
                        <div class="field">
                            <label for="build-end-day">"Last broadcast day"</label>
                            <input id="build-end-day" type="date" prop:value=move || end_day.get() on:input=move |e| end_day.set(event_target_value(&e)) />
                        </div>
                        {text_field("build-end-time", "Ends at (on-air clock)", end_time, errors("end"))}
                    </div>
                }.into_any()
            }}
            <div class="field-row">
                {select("build-order", "Order", order, vec![("sequential", "sequential"), ("shuffle", "shuffled"), ("no-repeat", "shuffled, no repeats within a window")])}
                <Show when=move || order.get() != "sequential">
                    {text_field("build-seed", "Seed", seed, errors("seed"))}
                </Show>
                <Show when=move || order.get() == "no-repeat">
                    {text_field("build-window", "No-repeat window (items)", window, errors("window"))}
                </Show>
            </div>
            <div class="field-row">
                {select("build-fill", "Fill", fill, vec![("loop", "loop until the end"), ("once", "play once")])}
                {select("build-ending", "Where an item does not fit", ending, vec![("trim", "trim it"), ("filler", "fill from a filler playlist"), ("gap", "leave a flagged gap")])}
                <Show when=move || ending.get() == "filler">
                    {playlist_select("build-filler", "Filler playlist", filler)}
                </Show>
            </div>
            <fieldset class="hard-starts">
                <legend>"Hard-start blocks"</legend>
                {move || hard.get().into_iter().enumerate().map(|(i, h)| view! {
                    <div class="field-row hard-row">
                        <div class="field">
                            <label for=format!("hard-day-{i}")>{format!("Block {} day", i + 1)}</label>
                            <input id=format!("hard-day-{i}") type="date" prop:value=move || h.day.get() on:input=move |e| h.day.set(event_target_value(&e)) />
                        </div>
                        <div class="field">
                            <label for=format!("hard-time-{i}")>{format!("Block {} starts at", i + 1)}</label>
                            <input id=format!("hard-time-{i}") type="text" class="mono" prop:value=move || h.time.get() on:input=move |e| h.time.set(event_target_value(&e)) />
                        </div>
                        <div class="field">
                            <label for=format!("hard-length-{i}")>{format!("Block {} length", i + 1)}</label>
                            <input id=format!("hard-length-{i}") type="text" class="mono" prop:value=move || h.length.get() on:input=move |e| h.length.set(event_target_value(&e)) />
                        </div>
                        <div class="field">
                            <label for=format!("hard-title-{i}")>{format!("Block {} title", i + 1)}</label>
                            <input id=format!("hard-title-{i}") type="text" prop:value=move || h.title.get() on:input=move |e| h.title.set(event_target_value(&e)) />
                        </div>
                        <button type="button" class="quiet" aria-label=format!("Remove block {}", i + 1)
                            on:click=move |_| hard.update(|rows| { rows.remove(i); })>"Remove"</button>
                    </div>
                }).collect_view()}
                <p class="field-error">{errors("hard_start")}</p>
                <button type="button" on:click=move |_| hard.update(|rows| rows.push(HardRow {
                    day: RwSignal::new(day.get_untracked()),
                    time: RwSignal::new("20:00:00:00".into()),
                    length: RwSignal::new("00:15:00:00".into()),
                    title: RwSignal::new("News".into()),
                }))>"Add a hard-start block"</button>
            </fieldset>
            <section class="preview" aria-label="Preview" aria-live="polite"
                aria-busy=move || previewing.busy.get().to_string()>
                <h3>"Preview"</h3>
                {move || shown.with(|b| match b {
                    Ok(b) => {
                        let notes = b.notes.iter().map(|n| view! { <li>{n.message.clone()}</li> }).collect_view();
                        view! { <ul class="notes">{notes}</ul> }.into_any()
                    }
                    Err(e) => {
                        let build = error_for(e, "build").or_else(|| error_for(e, "playlist")).or_else(|| error_for(e, "channel"));
                        view! { <p class="field-error" role="alert">{build.unwrap_or_else(|| "Correct the fields marked above.".into())}</p> }.into_any()
                    }
                })}
                {move || summary.get().map(|s| view! {
                    <dl class="facts">
                        <dt>"Events"</dt><dd>{s.events}</dd>
                        <dt>"Length"</dt><dd class="mono">{s.length.clone()}</dd>
                        <dt>"Days"</dt><dd>{s.first_day.map(|d| d.to_string()).unwrap_or_default()}" – "{s.last_day.map(|d| d.to_string()).unwrap_or_default()}</dd>
                        <dt>"Checks"</dt><dd>{format!("{} error(s), {} warning(s)", s.errors, s.warnings)}</dd>
                    </dl>
                })}
                <Timeline strip=strip on_pick=Callback::new(|_| {}) preview=true />
            </section>
            <div class="dialog-buttons">
                <button type="button" class="quiet" on:click=move |_| open.set(false)>"Cancel"</button>
                <button type="submit" class="primary"
                    disabled=move || creating.get() || (!previewing.busy.get() && shown.with(Result::is_err))>
                    {move || if creating.get() { "Creating…" } else { "Create schedule" }}
                </button>
            </div>
        </form>
    }
}
