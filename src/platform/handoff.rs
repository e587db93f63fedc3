//! The editor's side of the first-load shell's handoff (see `crate::shell`): the editor is
//! built off the page, and takes it over in one task once its library is shown — the shell's
//! markup removed, the editor's put in, the files dropped on the shell meanwhile imported — so
//! the page never shows an empty library between the two, nor two of anything.

use std::cell::{Cell, RefCell};

use js_sys::{Array, Function, Reflect};
use leptos::prelude::IntoView;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The global object through which the shell and the editor (two wasm modules) meet.
pub const GLOBAL: &str = "scheduleflowHandoff";
/// Its method that removes the shell and returns the files dropped on it.
pub const DONE: &str = "done";
/// Its method the loader calls when the editor could not start.
pub const FAILED: &str = "failed";
/// Its method the editor sets when it takes over, which imports files the shell still takes (its
/// file picker's dialog may close after the takeover).
pub const IMPORT: &str = "import";

/// The User Timing mark set when the editor has taken the page over (read by the benchmarks).
pub const TOOK_OVER_MARK: &str = "scheduleflow: editor took over";

thread_local! {
    static OFF_PAGE: Cell<bool> = const { Cell::new(false) };
    static ROOT: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
}

/// Mounts `app` in an element outside the page, which [`reveal`] puts in.
pub fn mount_off_page<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let Some(Ok(root)) = web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.create_element("div"))
    else {
        return;
    };
    root.set_class_name("app-root");
    OFF_PAGE.set(true);
    ROOT.replace(Some(root.clone()));
    leptos::mount::mount_to(root.unchecked_into(), app).forget();
}

/// Whether the shell still has the page: the editor leaves input to it meanwhile.
pub fn off_page() -> bool {
    OFF_PAGE.get()
}

/// Shows the editor in place of the shell, and has `import` import the files dropped on the
/// shell and any it takes later. Once only: later calls (and an editor mounted without a shell)
/// do nothing.
pub fn reveal(import: impl Fn(Vec<web_sys::File>) + 'static) {
    if !OFF_PAGE.replace(false) {
        return;
    }
    let document = web_sys::window().and_then(|w| w.document());
    // The control the shell had focused (its file picker, say) is the editor's by its name.
    let focused = document
        .as_ref()
        .and_then(|d| d.active_element())
        .and_then(|e| e.get_attribute("aria-label"));
    let files = take_from_shell();
    if let (Some(root), Some(body)) = (ROOT.take(), document.and_then(|d| d.body())) {
        let _ = body.append_child(&root);
        let same = focused.and_then(|label| {
            root.query_selector(&format!("[aria-label=\"{label}\"]"))
                .ok()
                .flatten()
        });
        if let Some(same) = same.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = same.focus();
        }
    }
    super::timing::mark(TOOK_OVER_MARK);
    if !files.is_empty() {
        import(files);
    }
    let later = Closure::<dyn Fn(JsValue)>::new(move |files: JsValue| import(files_in(files)));
    if let Ok(handoff) = Reflect::get(&js_sys::global(), &GLOBAL.into()) {
        let _ = Reflect::set(&handoff, &IMPORT.into(), later.as_ref());
    }
    // The shell may call it for as long as the page lives.
    later.forget();
}

fn files_in(array: JsValue) -> Vec<web_sys::File> {
    array
        .dyn_into::<Array>()
        .map(|a| a.iter().filter_map(|f| f.dyn_into().ok()).collect())
        .unwrap_or_default()
}

fn take_from_shell() -> Vec<web_sys::File> {
    // `Reflect::get` on a missing handoff (undefined) is an error: no shell, no files.
    let Ok(handoff) = Reflect::get(&js_sys::global(), &GLOBAL.into()) else {
        return Vec::new();
    };
    let done = Reflect::get(&handoff, &DONE.into()).and_then(|f| f.dyn_into::<Function>());
    done.and_then(|done| done.call0(&handoff))
        .map(files_in)
        .unwrap_or_default()
}
