//! The open schedule's events as an ARIA grid that keeps only the rows in view (plus a margin)
//! in the page, so 50,000 events scroll as smoothly as 50, and tells screen readers the full
//! row count and each row's position. Rows are selected by click, Shift-click, Ctrl/Cmd-click,
//! arrows and Space; the keyboard deletes, moves, cuts, copies and pastes; rows reorder by
//! drag, and playlist items drop in.

use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;

use crate::components::delegate;
use crate::components::drag::{self, Dragged};
use crate::components::event_rows::{self, row_id, RowMarks};
use crate::state::AppState;

/// Every row is this tall (the stylesheet fixes it), so positions are arithmetic.
pub const ROW_PX: f64 = 28.0;
/// Rows kept in the page above and below the visible ones (for a small scroll, and the
/// keyboard's next row); every row in the page is built again on each scroll by a row, so
/// more would cost every frame.
const MARGIN_ROWS: usize = 6;
/// The grid's viewport height (matches `.event-scroll` in the stylesheet).
const VIEW_PX: f64 = 560.0;
/// Rows a Page Up or Page Down moves.
const PAGE_ROWS: isize = 18;

/// Sets each row's marks on the rows in `rows`.
fn mark_rows(rows: &web_sys::HtmlElement, marks: impl Fn(usize) -> RowMarks) {
    let children = rows.children();
    for row in (0..children.length()).filter_map(|i| children.item(i)) {
        let Some(index) = row.get_attribute("data-index").and_then(|i| i.parse().ok()) else {
            continue;
        };
        let marks = marks(index);
        let classes = row.class_list();
        for (class, on) in marks.classes() {
            let _ = classes.toggle_with_force(class, on);
        }
        let _ = row.set_attribute(
            "aria-selected",
            if marks.selected { "true" } else { "false" },
        );
    }
}

/// The position of the event whose row an event happened in.
fn row_of(e: &web_sys::Event) -> Option<usize> {
    delegate::position_of(e, "data-index")
}

#[component]
pub fn EventGrid(
    /// Set to an index to bring that row into view (Go to, a timeline click).
    reveal: RwSignal<Option<usize>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = Memo::new(move |_| state.event_count());
    let multi_day = Memo::new(move |_| state.open_days().len() > 1);
    let scroll_top = RwSignal::new(0.0_f64);
    let scroller = NodeRef::<Div>::new();
    let drop_at = RwSignal::new(None::<usize>);
    let window = Memo::new(move |_| {
        let first = (scroll_top.get() / ROW_PX).floor() as usize;
        let visible = (VIEW_PX / ROW_PX).ceil() as usize;
        let start = first.saturating_sub(MARGIN_ROWS);
        let end = (first + visible + MARGIN_ROWS).min(count.get());
        (start, end.max(start))
    });
    // Keeps `index` in view, scrolling as little as possible.
    let show = move |index: usize| {
        if let Some(el) = scroller.get_untracked() {
            let row_top = index as f64 * ROW_PX;
            let top = f64::from(el.scroll_top());
            // The sticky header covers the first row's height.
            let new_top = if row_top < top {
                Some(row_top)
            } else if row_top + 2.0 * ROW_PX > top + VIEW_PX {
                Some(row_top + 2.0 * ROW_PX - VIEW_PX)
            } else {
                None
            };
            if let Some(new_top) = new_top {
                el.set_scroll_top(new_top.max(0.0) as i32);
                scroll_top.set(new_top.max(0.0));
            }
        }
    };
    Effect::new(move |_| {
        if let Some(index) = reveal.get() {
            state.selection.update(|s| s.click(index, false, false));
            if let Some(el) = scroller.get_untracked() {
                let top = (index as f64 * ROW_PX - VIEW_PX / 3.0).max(0.0);
                el.set_scroll_top(top as i32);
                scroll_top.set(top);
            }
        }
    });
    let on_key = move |e: ev::KeyboardEvent| {
        let len = count.get_untracked();
        let command = e.ctrl_key() || e.meta_key();
        let step = |delta: isize| {
            state
                .selection
                .update(|s| s.step(delta, e.shift_key(), len));
        };
        match (e.key().as_str(), e.alt_key(), command) {
            ("ArrowUp", true, _) => state.move_selected(true),
            ("ArrowDown", true, _) => state.move_selected(false),
            ("ArrowUp", false, _) => step(-1),
            ("ArrowDown", false, _) => step(1),
            ("PageUp", ..) => step(-PAGE_ROWS),
            ("PageDown", ..) => step(PAGE_ROWS),
            ("Home", ..) => step(isize::MIN / 2),
            ("End", ..) => step(isize::MAX / 2),
            (" ", ..) => state.selection.update(|s| s.toggle_cursor()),
            ("Delete" | "Backspace", ..) => state.delete_selected(),
            ("c" | "C", _, true) => {
                state.copy_selected();
            }
            ("x" | "X", _, true) => state.cut_selected(),
            ("v" | "V", _, true) => state.paste(),
            _ => return,
        }
        e.prevent_default();
        if let Some(at) = state.selection.with_untracked(|s| s.cursor()) {
            show(at);
        }
    };
    let take_drop = move |e: &ev::DragEvent, to: usize| {
        e.prevent_default();
        drop_at.set(None);
        match drag::read(e) {
            Some(Dragged::Event(from)) => state.drop_selected_at(from, to),
            Some(Dragged::Items { playlist, items }) => {
                state.insert_items_at(&playlist, &items, to)
            }
            None => {}
        }
    };
    // The rows in view, as markup: the page parses it in one go (see `event_rows`).
    let rows_markup = Memo::new(move |_| {
        let (start, end) = window.get();
        state.with_rows(start..end, event_rows::rows_markup)
    });
    // The page holds only the rows in view: it asks for them as it scrolls.
    Effect::new(move |_| {
        let (start, end) = window.get();
        state.look_at_rows(start..end);
    });
    // The rows are set here, not by the view, so that their marks are set after them: a new
    // selection or a drag over the rows only marks rows, and a row under a drag stays the
    // element the drag is over.
    let rows_box = NodeRef::<Div>::new();
    Effect::new(move |shown: Option<String>| {
        let Some(rows) = rows_box.get() else {
            return String::new();
        };
        let markup = rows_markup.get();
        if shown.as_ref() != Some(&markup) {
            rows.set_inner_html(&markup);
        }
        let drop_before = drop_at.get();
        state.selection.with(|selection| {
            mark_rows(&rows, |index| RowMarks::of(selection, drop_before, index))
        });
        markup
    });
    view! {
        <div
            class="event-scroll"
            node_ref=scroller
            on:scroll=move |_| {
                if let Some(el) = scroller.get() {
                    scroll_top.set(f64::from(el.scroll_top()));
                }
            }
            on:dragover=move |e| {
                if drag::accepts(&e) {
                    e.prevent_default();
                }
            }
            on:dragleave=move |_| drop_at.set(None)
            on:drop=move |e| take_drop(&e, count.get_untracked())
        >
            <div
                class="event-grid"
                class:multi-day=move || multi_day.get()
                role="grid"
                tabindex="0"
                aria-label="Events"
                aria-busy=move || state.waiting.get().then_some("true")
                aria-multiselectable="true"
                aria-rowcount=move || count.get() + 1
                aria-activedescendant=move || state.selection.with(|s| s.cursor().map(row_id))
                on:keydown=on_key
            >
                <div role="rowgroup" class="event-head">
                    <div role="row" aria-rowindex="1">
                        <div role="columnheader">"Start"</div>
                        <div role="columnheader">"End"</div>
                        <div role="columnheader">"Duration"</div>
                        <div role="columnheader" class="title">"Title"</div>
                        <div role="columnheader">"Kind"</div>
                        <div role="columnheader" class="source">"Source"</div>
                        <div role="columnheader">"Start mode"</div>
                        <div role="columnheader">"Id"</div>
                    </div>
                </div>
                // As tall as every row, so the scroll bar tells the schedule's length; the rows
                // in view sit inside it, moved down to where they belong.
                <div class="event-body" style:height=move || format!("{}px", count.get() as f64 * ROW_PX)>
                    // The rows' handlers sit here, once, rather than on every row.
                    <div
                        role="rowgroup"
                        class="event-rows"
                        style:transform=move || format!("translateY({}px)", window.get().0 as f64 * ROW_PX)
                        node_ref=rows_box
                        on:click=move |e| {
                            if let Some(index) = row_of(&e) {
                                state.selection.update(|s| s.click(index, e.shift_key(), e.ctrl_key() || e.meta_key()))
                            }
                        }
                        on:dragstart=move |e| {
                            if let Some(index) = row_of(&e) {
                                drag::start_event(&e, index);
                            }
                        }
                        on:dragover=move |e| {
                            if let Some(index) = row_of(&e).filter(|_| drag::accepts(&e)) {
                                e.prevent_default();
                                let lower = f64::from(e.offset_y()) > ROW_PX / 2.0;
                                drop_at.set(Some(index + usize::from(lower)));
                            }
                        }
                        on:drop=move |e| {
                            if let Some(index) = row_of(&e) {
                                // The grid's own drop (at the end) must not take it again.
                                e.stop_propagation();
                                let lower = f64::from(e.offset_y()) > ROW_PX / 2.0;
                                take_drop(&e, index + usize::from(lower));
                            }
                        }
                    >
                    </div>
                </div>
            </div>
        </div>
    }
}
