//! One playlist, edited: rename, items in a table (click or arrows to pick, Alt+Up/Down or drag
//! to reorder, Delete to remove), an item form with lengths and in/out points as timecode, Add
//! item, and undo and redo.

use leptos::prelude::*;
use scheduleflow_engine::edit::FieldError;
use scheduleflow_engine::model::EventKind;
use scheduleflow_engine::playlist_edit::{ItemChanges, PlaylistEdit};
use scheduleflow_engine::time::Timecode;

use crate::components::modal::error_for;
use crate::state::AppState;

const ITEM: &str = "application/x-scheduleflow-item";

#[component]
pub fn PlaylistView(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = StoredValue::new(id);
    let name = Memo::new(move |_| {
        id.with_value(|id| state.with_playlist(id, |p| p.name.clone()))
            .unwrap_or_default()
    });
    let rows = Memo::new(move |_| {
        id.with_value(|id| {
            state.with_playlist(id, |p| {
                p.items
                    .iter()
                    .map(|i| {
                        let tc = |f| Timecode::format_frames(f, p.rate);
                        (
                            i.title.clone(),
                            i.play_length().map_or_else(|| "unknown".into(), tc),
                            i.kind.as_str(),
                            i.source.clone().unwrap_or_default(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default()
    });
    let rate = Memo::new(move |_| {
        id.with_value(|id| state.with_playlist(id, |p| p.rate.to_string()))
            .unwrap_or_default()
    });
    let current = RwSignal::new(None::<usize>);
    let history = Memo::new(move |_| id.with_value(|id| state.playlist_history_labels(id)));
    let rename = RwSignal::new(name.get_untracked());
    let edit = move |e: PlaylistEdit| id.with_value(|id| state.edit_playlist(id, &e));
    let move_current = move |up: bool| {
        let Some(at) = current.get_untracked() else {
            return;
        };
        let len = rows.with_untracked(Vec::len);
        let to = if up {
            at.checked_sub(1)
        } else {
            (at + 1 < len).then_some(at + 1)
        };
        if let Some(to) = to {
            if edit(PlaylistEdit::Move { from: at, to }) {
                current.set(Some(to));
            }
        }
    };
    let remove_current = move || {
        if let Some(at) = current.get_untracked() {
            if edit(PlaylistEdit::Remove { index: at }) {
                let len = rows.with_untracked(Vec::len);
                current.set(len.checked_sub(1).map(|last| at.min(last)));
            }
        }
    };
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        let len = rows.with_untracked(Vec::len);
        match (e.key().as_str(), e.alt_key()) {
            ("ArrowUp", true) => move_current(true),
            ("ArrowDown", true) => move_current(false),
            ("ArrowUp", false) => {
                current.update(|c| *c = Some(c.map_or(0, |c| c.saturating_sub(1))))
            }
            ("ArrowDown", false) if len > 0 => {
                current.update(|c| *c = Some(c.map_or(0, |c| (c + 1).min(len - 1))))
            }
            ("Delete" | "Backspace", _) => remove_current(),
            _ => return,
        }
        e.prevent_default();
    };
    view! {
        <section class="panel playlist-view" aria-labelledby="playlist-heading">
            <div class="panel-head">
                <div>
                    <h2 id="playlist-heading" tabindex="-1">{move || name.get()}</h2>
                    <p class="hint schedule-facts">{move || format!("Playlist · {} fps · {} items", rate.get(), rows.with(Vec::len))}</p>
                </div>
                <div class="tools">
                    <button type="button" title=move || history.get().0.map(|l| format!("Undo: {l}")).unwrap_or_default()
                        disabled=move || history.get().0.is_none() on:click=move |_| id.with_value(|id| state.undo_playlist(id))>"Undo"</button>
                    <button type="button" title=move || history.get().1.map(|l| format!("Redo: {l}")).unwrap_or_default()
                        disabled=move || history.get().1.is_none() on:click=move |_| id.with_value(|id| state.redo_playlist(id))>"Redo"</button>
                    <button type="button" on:click=move |_| state.close_playlist()>"Back to the library"</button>
                </div>
            </div>
            <form class="rename dialog-form" on:submit=move |e| {
                e.prevent_default();
                let new = rename.get_untracked();
                if !new.trim().is_empty() && new != name.get_untracked() {
                    edit(PlaylistEdit::Rename { name: new.trim().to_owned() });
                }
            }>
                <div class="field-row">
                    <div class="field">
                        <label for="playlist-name">"Name"</label>
                        <input id="playlist-name" type="text" prop:value=move || rename.get() on:input=move |e| rename.set(event_target_value(&e)) />
                    </div>
                    <button type="submit">"Rename"</button>
                </div>
            </form>
            <div class="edit-tools" role="toolbar" aria-label="Edit items">
                <button type="button" on:click=move |_| {
                    let added = id.with_value(|id| state.add_item(id, current.get_untracked()));
                    if added.is_some() { current.set(added); }
                }>"Add item"</button>
                <button type="button" aria-keyshortcuts="Alt+ArrowUp" disabled=move || current.get().is_none() on:click=move |_| move_current(true)>"Move up"</button>
                <button type="button" aria-keyshortcuts="Alt+ArrowDown" disabled=move || current.get().is_none() on:click=move |_| move_current(false)>"Move down"</button>
                <button type="button" aria-keyshortcuts="Delete" disabled=move || current.get().is_none() on:click=move |_| remove_current()>"Remove"</button>
            </div>
            <div class="editor">
                <div class="table-scroll">
                    <table class="event-table playlist-items" role="grid" tabindex="0" aria-label="Items"
                        aria-rowcount=move || rows.with(Vec::len) + 1
                        aria-activedescendant=move || current.get().map(|i| format!("item-row-{i}"))
                        on:keydown=on_key>
                        <thead>
                            <tr role="row" aria-rowindex="1">
                                <th role="columnheader" scope="col">"Title"</th>
                                <th role="columnheader" scope="col">"Length"</th>
                                <th role="columnheader" scope="col">"Kind"</th>
                                <th role="columnheader" scope="col">"Source"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || rows.get().into_iter().enumerate().map(|(i, (title, length, kind, source))| view! {
                                <tr role="row" id=format!("item-row-{i}") aria-rowindex=i + 2
                                    aria-selected=move || (current.get() == Some(i)).to_string()
                                    class:selected=move || current.get() == Some(i)
                                    draggable="true"
                                    on:click=move |_| current.set(Some(i))
                                    on:dragstart=move |e| {
                                        if let Some(dt) = e.data_transfer() { let _ = dt.set_data(ITEM, &i.to_string()); }
                                    }
                                    on:dragover=move |e| e.prevent_default()
                                    on:drop=move |e| {
                                        e.prevent_default();
                                        let from = e.data_transfer().and_then(|dt| dt.get_data(ITEM).ok()).and_then(|v| v.parse::<usize>().ok());
                                        if let Some(from) = from.filter(|f| *f != i) {
                                            if edit(PlaylistEdit::Move { from, to: i }) { current.set(Some(i)); }
                                        }
                                    }>
                                    <td role="gridcell" class="title">{title}</td>
                                    <td role="gridcell" class="mono">{length}</td>
                                    <td role="gridcell">{kind}</td>
                                    <td role="gridcell" class="source">{source}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <aside class="editor-side" aria-label="Item">
                    {move || current.get().map(|i| view! { <ItemForm id=id.get_value() index=i /> })}
                </aside>
            </div>
        </section>
    }
}

#[component]
fn ItemForm(id: String, index: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = StoredValue::new(id);
    let start = id
        .with_value(|id| state.with_playlist(id, |p| ItemChanges::of(p, index)))
        .flatten();
    let Some(start) = start else {
        return ().into_any();
    };
    let title = RwSignal::new(start.title);
    let kind = RwSignal::new(start.kind);
    let source = RwSignal::new(start.source);
    let duration = RwSignal::new(start.duration);
    let in_point = RwSignal::new(start.in_point);
    let out_point = RwSignal::new(start.out_point);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let form = ItemChanges {
            title: title.get_untracked(),
            kind: kind.get_untracked(),
            source: source.get_untracked(),
            duration: duration.get_untracked(),
            in_point: in_point.get_untracked(),
            out_point: out_point.get_untracked(),
        };
        errors.set(
            id.with_value(|id| state.apply_item_form(id, index, &form))
                .err()
                .unwrap_or_default(),
        );
    };
    let field = move |fid: &'static str,
                      label: &'static str,
                      name: &'static str,
                      value: RwSignal<String>| {
        let error = move || errors.with(|e| error_for(e, name));
        view! {
            <div class="field">
                <label for=fid>{label}</label>
                <input id=fid type="text" prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e))
                    aria-invalid=move || error().is_some().to_string() aria-describedby=format!("{fid}-error") />
                <p class="field-error" id=format!("{fid}-error")>{error}</p>
            </div>
        }
    };
    view! {
        <section class="event-form" aria-labelledby="item-form-heading">
            <h3 id="item-form-heading">"Item"</h3>
            <form class="dialog-form" on:submit=submit>
                {field("item-title", "Title", "title", title)}
                <div class="field">
                    <label for="item-kind">"Kind"</label>
                    <select id="item-kind" on:change=move |e| { if let Some(k) = EventKind::parse(&event_target_value(&e)) { kind.set(k) } }>
                        {EventKind::ALL.into_iter().map(|k| view! { <option value=k.as_str() selected=move || kind.get() == k>{k.as_str()}</option> }).collect_view()}
                    </select>
                </div>
                {field("item-source", "Source", "source", source)}
                {field("item-length", "Length", "duration", duration)}
                {field("item-in", "In point", "in_point", in_point)}
                {field("item-out", "Out point", "out_point", out_point)}
                <button type="submit">"Apply changes"</button>
            </form>
        </section>
    }.into_any()
}
