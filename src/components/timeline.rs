//! The timeline strip of one broadcast day of the open schedule: blocks coloured by kind, gaps
//! and overlaps marked. The engine places everything; this draws it.

use leptos::prelude::*;
use scheduleflow_engine::timeline::{MarkKind, Strip, FULL};

use crate::components::delegate;
use crate::components::drag::{self, Dragged};
use crate::state::AppState;

/// A strip position as a CSS percentage.
fn percent(units: u32) -> String {
    format!("{}.{:02}%", units * 100 / FULL, units * 10_000 / FULL % 100)
}

#[component]
pub fn Timeline(
    strip: Signal<Option<Strip>>,
    /// Called with an event's index when its block is clicked.
    on_pick: Callback<usize>,
    /// A preview (of a build): no selection, no dragging.
    #[prop(optional)]
    preview: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let drop_on = RwSignal::new(None::<usize>);
    let label = move || {
        strip.with(|s| {
            s.as_ref().map_or_else(
                || "Timeline (drawn once the schedule is checked)".to_owned(),
                |s| {
                    let gaps = s.marks.iter().filter(|m| m.kind == MarkKind::Gap).count();
                    let overlaps = s.marks.len() - gaps;
                    format!(
                        "Timeline of {}: {} block(s), {gaps} gap(s), {overlaps} overlap(s)",
                        s.day,
                        s.blocks.len()
                    )
                },
            )
        })
    };
    view! {
        // Blocks and marks are rebuilt on every change; their handlers sit here, once.
        <div
            class="timeline"
            role="img"
            aria-label=label
            on:click=move |e| {
                if let Some(i) = delegate::position_of(&e, "data-pick") {
                    on_pick.run(i);
                }
            }
            on:dragstart=move |e| {
                if let Some(first) = delegate::position_of(&e, "data-first") {
                    drag::start_event(&e, first);
                }
            }
            on:dragover=move |e| {
                if preview || !drag::accepts(&e) {
                    return;
                }
                if let Some(first) = delegate::position_of(&e, "data-first") {
                    e.prevent_default();
                    drop_on.set(Some(first));
                }
            }
            on:dragleave=move |_| drop_on.set(None)
            on:drop=move |e| {
                let Some(first) = delegate::position_of(&e, "data-first") else { return };
                e.prevent_default();
                drop_on.set(None);
                match drag::read(&e) {
                    Some(Dragged::Event(from)) => state.drop_selected_at(from, first),
                    Some(Dragged::Items { playlist, items }) => state.insert_items_at(&playlist, &items, first),
                    None => {}
                }
            }
        >
            {move || strip.get().map(|s| view! {
                {s.blocks.into_iter().map(|b| {
                    let first = b.first;
                    let events = b.events;
                    let selected = move || !preview && state.selection.with(|s| (first..first + events).any(|i| s.contains(i)));
                    view! {
                        <div
                            class=format!("block kind-{}", b.kind.as_str())
                            class:selected=selected
                            class:drop-before=move || drop_on.get() == Some(first)
                            title=b.label
                            style:left=percent(b.left)
                            style:width=percent(b.width)
                            draggable=(!preview).then_some("true")
                            data-first=first
                            data-pick=first
                        ></div>
                    }
                }).collect_view()}
                {s.marks.into_iter().map(|m| {
                    let class = match m.kind {
                        MarkKind::Gap => "mark gap",
                        MarkKind::Overlap => "mark overlap",
                    };
                    let index = m.index;
                    view! {
                        <div
                            class=class
                            title=if m.kind == MarkKind::Gap { "gap" } else { "overlap" }
                            style:left=percent(m.left)
                            style:width=percent(m.width)
                            data-pick=index
                        ></div>
                    }
                }).collect_view()}
            })}
        </div>
        <div class="timeline-scale" aria-hidden="true">
            {move || strip.with(|s| {
                s.as_ref()
                    .map(|s| s.scale.iter().map(|t| view! { <span>{t.clone()}</span> }).collect_view())
            })}
        </div>
    }
}
