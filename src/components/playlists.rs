//! The playlist library: every stored playlist with its size and length, and its exports.

use leptos::prelude::*;
use scheduleflow_engine::format::Format;
use scheduleflow_engine::summary::PlaylistSummary;

use crate::components::library::BuildLauncher;
use crate::components::row_actions::RowActions;
use crate::state::AppState;

/// The formats that hold playlists.
const PLAYLIST_FORMATS: [Format; 2] = [Format::SfJson, Format::SfXml];

#[component]
fn Row(summary: PlaylistSummary) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = StoredValue::new(summary.id.clone());
    let launcher = expect_context::<BuildLauncher>();
    view! {
        <tr>
            <th scope="row">{summary.name.clone()}</th>
            <td class="mono">{summary.rate.clone()}</td>
            <td class="num">{summary.items}</td>
            <td class="mono">
                {summary.length.clone()}
                {(summary.unknown > 0).then(|| format!(" + {} unknown", summary.unknown))}
            </td>
            <td>
                <RowActions
                    subject=format!("playlist {}", summary.name)
                    formats=PLAYLIST_FORMATS.to_vec()
                    on_export=Callback::new(move |f| id.with_value(|id| state.export_playlist(id, f)))
                    on_delete=Callback::new(move |()| state.delete(id.get_value()))
                >
                    <button
                        type="button"
                        aria-label=format!("Open playlist {}", summary.name)
                        on:click=move |_| state.open_playlist(id.get_value())
                    >
                        "Open"
                    </button>
                    <button
                        type="button"
                        aria-label=format!("Duplicate playlist {}", summary.name)
                        on:click=move |_| id.with_value(|id| state.duplicate_playlist(id))
                    >
                        "Duplicate"
                    </button>
                    <button
                        type="button"
                        aria-label=format!("Schedule playlist {}", summary.name)
                        on:click=move |_| launcher.launch(Some(id.get_value()))
                    >
                        "Schedule…"
                    </button>
                </RowActions>
            </td>
        </tr>
    }
}

/// The list of stored playlists, and New playlist.
#[component]
pub fn Playlists() -> impl IntoView {
    let state = expect_context::<AppState>();
    let summaries = Memo::new(move |_| {
        let query = state.query.get();
        state.library.with(|l| {
            l.playlists
                .iter()
                .map(PlaylistSummary::of)
                .filter(|s| s.matches(&query))
                .collect::<Vec<_>>()
        })
    });
    let any = Memo::new(move |_| state.library.with(|l| !l.playlists.is_empty()));
    let new_playlist = move |_| {
        let rate = state
            .channel_list()
            .first()
            .map_or(scheduleflow_engine::time::FrameRate::FPS_25, |c| c.rate);
        state.new_playlist("New playlist", rate);
    };
    view! {
        <section class="panel library" aria-labelledby="playlists-heading">
            <div class="panel-head">
                <h2 id="playlists-heading">"Playlists"</h2>
                <div class="tools">
                    <button type="button" on:click=new_playlist>"New playlist"</button>
                </div>
            </div>
            <Show
                when=move || any.get()
                fallback=|| view! { <p class="empty-state">"No playlists yet: import one, make one, or make one from a schedule's events."</p> }
            >
                <div class="table-scroll">
                    <table class="library-table">
                        <thead>
                            <tr>
                                <th scope="col">"Playlist"</th>
                                <th scope="col">"Rate"</th>
                                <th scope="col" class="num">"Items"</th>
                                <th scope="col">"Length"</th>
                                <th scope="col">"Actions"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || summaries.get()
                                key=|s| (s.id.clone(), s.items, s.length.clone())
                                children=|s| view! { <Row summary=s /> }
                            />
                        </tbody>
                    </table>
                </div>
                {move || summaries.with(|s| s.is_empty()).then(|| view! {
                    <p class="empty-state">"No playlist matches the search."</p>
                })}
            </Show>
        </section>
    }
}
