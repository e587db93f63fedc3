//! The first-load shell: all the page downloads before it is usable. It shows the stored
//! library's rows (as the editor kept them in storage) and takes dropped and chosen files; as
//! soon as it is painted it loads the editor — its own wasm, with the engine, the editing views
//! and the time-zone database — which takes the page over once its own library is shown,
//! importing the files the shell took meanwhile (`platform::handoff`).

mod loader;
mod view;

use std::any::Any;
use std::cell::RefCell;

use gloo_events::{EventListener, EventListenerOptions};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::platform::files::carries_files;
use crate::platform::{offline, settings, storage, timing};

/// The User Timing mark set when the shell has shown the library (read by the benchmarks).
pub const SHOWN_MARK: &str = "scheduleflow: library shown by the shell";

/// What the shell holds on the page, let go (its markup removed, its listeners too) when the
/// editor takes over.
struct Held {
    _view: Box<dyn Any>,
    _listeners: Vec<EventListener>,
}

thread_local! {
    static MOUNTED: RefCell<Option<Held>> = const { RefCell::new(None) };
}

/// Shows the shell and starts loading the editor.
pub fn run() {
    console_error_panic_hook::set_once();
    settings::show_stored_theme();
    offline::register();
    let shown = RwSignal::new(None);
    let waiting = RwSignal::new(0_usize);
    let failure = RwSignal::new(None::<String>);
    loader::install(
        move || {
            MOUNTED.take();
        },
        move |why| failure.set(Some(why)),
    );
    let dragging = RwSignal::new(0_i32);
    let take = move |files: Option<web_sys::FileList>| {
        dragging.set(0);
        if let Some(files) = files {
            waiting.set(loader::queue(&files));
        }
    };
    let Some(body) = document().body() else {
        return;
    };
    let mounted = leptos::mount::mount_to(body, move || {
        view::Shell(view::ShellProps {
            shown,
            waiting,
            failure,
            dragging,
        })
    });
    picker_listener(take);
    MOUNTED.replace(Some(Held {
        _view: Box::new(mounted),
        _listeners: drop_listeners(dragging, take),
    }));
    wasm_bindgen_futures::spawn_local(async move {
        shown.set(Some(
            storage::stored_rows().await.map_err(|e| e.to_string()),
        ));
        timing::mark(SHOWN_MARK);
    });
    // Once the shell has been painted, whether or not storage has answered yet (another tab
    // upgrading the database holds it up): the editor's download must not wait for it.
    wasm_bindgen_futures::spawn_local(async move {
        crate::platform::tick().await;
        if let Err(why) = loader::load_editor() {
            failure.set(Some(why.into()));
        }
    });
}

/// Files chosen with the shell's picker are taken, even when its dialog closes after the editor
/// has taken over (the shell's markup gone): this listener is not the shell's to let go.
fn picker_listener(take: impl Fn(Option<web_sys::FileList>) + 'static) {
    let picker = document()
        .query_selector("input[type=file]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    let Some(picker) = picker else {
        return;
    };
    let input = picker.clone();
    EventListener::new(&picker, "change", move |_| {
        take(input.files());
        // Picking the same file again must fire change again.
        input.set_value("");
    })
    .forget();
}

/// Files dropped anywhere on the window are taken (and the browser kept from opening them);
/// `dragging` counts the elements a drag of files has entered and not yet left.
fn drop_listeners(
    dragging: RwSignal<i32>,
    take: impl Fn(Option<web_sys::FileList>) + 'static,
) -> Vec<EventListener> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let active = EventListenerOptions::enable_prevent_default();
    let drag = |e: &web_sys::Event| {
        e.dyn_ref::<web_sys::DragEvent>()
            .filter(|d| carries_files(d))
            .is_some()
    };
    let enter = EventListener::new_with_options(&window, "dragenter", active, move |e| {
        if drag(e) {
            e.prevent_default();
            dragging.update(|d| *d += 1);
        }
    });
    let over = EventListener::new_with_options(&window, "dragover", active, move |e| {
        if drag(e) {
            e.prevent_default();
        }
    });
    let leave = EventListener::new(&window, "dragleave", move |_| {
        dragging.update(|d| *d = (*d - 1).max(0))
    });
    let drop = EventListener::new_with_options(&window, "drop", active, move |e| {
        e.prevent_default();
        let files = e
            .dyn_ref::<web_sys::DragEvent>()
            .filter(|d| carries_files(d))
            .and_then(|d| d.data_transfer())
            .and_then(|t| t.files());
        take(files);
    });
    vec![enter, over, leave, drop]
}
