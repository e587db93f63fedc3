//! The insert panel of the schedule view: a playlist's items to insert after the keyboard row
//! (by button, or by dragging them into the table), and a live-event placeholder of a length.

use leptos::prelude::*;
use scheduleflow_engine::time::Timecode;

use crate::components::drag;
use crate::state::AppState;

#[component]
pub fn InsertPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let playlists = Memo::new(move |_| state.playlist_names());
    let chosen = RwSignal::new(None::<String>);
    let shown = Memo::new(move |_| {
        chosen
            .get()
            .or_else(|| playlists.with(|p| p.first().map(|(id, _)| id.clone())))
    });
    let items = Memo::new(move |_| {
        let id = shown.get()?;
        state.library.with(|l| {
            let p = l.playlists.iter().find(|p| p.id == id)?;
            Some(
                p.items
                    .iter()
                    .map(|i| {
                        let length = i.play_length().map_or_else(
                            || "unknown".to_owned(),
                            |f| Timecode::format_frames(f, p.rate),
                        );
                        (i.title.clone(), length)
                    })
                    .collect::<Vec<_>>(),
            )
        })
    });
    let live_title = RwSignal::new("Live".to_owned());
    let live_length = RwSignal::new("00:30:00:00".to_owned());
    let live_error = RwSignal::new(None::<String>);
    let add_live = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        state.insert_live(
            &live_title.get_untracked(),
            &live_length.get_untracked(),
            move |made| live_error.set(made.err()),
        );
    };
    view! {
        // Nothing to insert into until the schedule's events are read.
        <section class="insert-panel" aria-labelledby="insert-heading" inert=move || state.reading_open()>
            <h3 id="insert-heading">"Insert"</h3>
            <Show
                when=move || playlists.with(|p| !p.is_empty())
                fallback=|| view! { <p class="hint">"Import or create a playlist to insert its items."</p> }
            >
                <div class="field">
                    <label for="insert-playlist">"Playlist"</label>
                    <select id="insert-playlist" on:change=move |e| chosen.set(Some(event_target_value(&e)))>
                        {move || playlists.get().into_iter().map(|(id, name)| {
                            let selected = { let id = id.clone(); move || shown.get().as_deref() == Some(id.as_str()) };
                            view! { <option value=id selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <ul class="insert-items">
                    {move || {
                        let playlist = shown.get().unwrap_or_default();
                        let count = items.with(|i| i.as_ref().map_or(0, Vec::len));
                        let all_playlist = playlist.clone();
                        let all = view! {
                            <li>
                                <button type="button" class="quiet" on:click=move |_| state.insert_items(&all_playlist, &(0..count).collect::<Vec<_>>())>
                                    "Insert all items"
                                </button>
                            </li>
                        };
                        let rows = items.get().unwrap_or_default().into_iter().enumerate().map(|(i, (title, length))| {
                            let playlist = StoredValue::new(playlist.clone());
                            view! {
                                <li
                                    draggable="true"
                                    on:dragstart=move |e| playlist.with_value(|p| drag::start_items(&e, p, &[i]))
                                >
                                    <span class="title">{title.clone()}</span>
                                    <span class="mono">{length}</span>
                                    <button
                                        type="button"
                                        class="quiet"
                                        aria-label=format!("Insert {title}")
                                        on:click=move |_| playlist.with_value(|p| state.insert_items(p, &[i]))
                                    >
                                        "Insert"
                                    </button>
                                </li>
                            }
                        }).collect_view();
                        view! { {all} {rows} }
                    }}
                </ul>
            </Show>
            <form class="live" on:submit=add_live>
                <div class="field">
                    <label for="live-title">"Live event"</label>
                    <input id="live-title" type="text" prop:value=move || live_title.get() on:input=move |e| live_title.set(event_target_value(&e)) />
                </div>
                <div class="field">
                    <label for="live-length">"Length"</label>
                    <input
                        id="live-length"
                        type="text"
                        class="mono"
                        prop:value=move || live_length.get()
                        on:input=move |e| live_length.set(event_target_value(&e))
                        aria-invalid=move || live_error.get().is_some().to_string()
                        aria-describedby=move || live_error.get().map(|_| "live-length-error")
                    />
                    {move || live_error.get().map(|m| view! { <p class="field-error" id="live-length-error">{m}</p> })}
                </div>
                <button type="submit">"Insert live event"</button>
            </form>
        </section>
    }
}
