//! Loads the editor after the shell and meets it through the handoff object
//! (`platform::handoff`): the files the shell took wait here until the editor asks for them.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::platform::handoff::{DONE, FAILED, GLOBAL, IMPORT};

/// Where the page names the script that starts the editor's wasm: a `<meta>` that
/// `scripts/hash-late-files.mjs` writes with the script's hashed name (from
/// `src/shell/editor-boot.js`).
const EDITOR_BOOT_META: &str = "meta[name=scheduleflow-editor]";

thread_local! {
    static WAITING: Array = Array::new();
}

/// Puts the handoff object where the editor looks for it: `done` lets the shell go
/// (`let_go`) and hands over the waiting files; `failed` says why the editor did not start.
pub fn install(let_go: impl FnOnce() + 'static, failed: impl Fn(String) + 'static) {
    let handoff = Object::new();
    let done = Closure::once_into_js(move || -> JsValue {
        let_go();
        WAITING.with(|w| w.clone().into())
    });
    let failed = Closure::<dyn Fn(JsValue)>::new(move |why: JsValue| {
        failed(why.as_string().unwrap_or_else(|| "it did not start".into()))
    });
    // Setting properties on a fresh plain object and on the global scope cannot fail.
    let _ = Reflect::set(&handoff, &DONE.into(), &done);
    let _ = Reflect::set(&handoff, &FAILED.into(), failed.as_ref());
    let _ = Reflect::set(&js_sys::global(), &GLOBAL.into(), &handoff);
    // Called at most once, by a loader that outlives any owner here.
    failed.forget();
}

/// Keeps `files` for the editor, or gives them to it once it has taken over; returns how many
/// are waiting.
pub fn queue(files: &web_sys::FileList) -> usize {
    let handoff = Reflect::get(&js_sys::global(), &GLOBAL.into());
    let import = handoff
        .as_ref()
        .ok()
        .and_then(|h| Reflect::get(h, &IMPORT.into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let (Some(import), Ok(handoff)) = (import, handoff) {
        let all: Array = crate::platform::files::take(files).into_iter().collect();
        let _ = import.call1(&handoff, &all);
        return 0;
    }
    WAITING.with(|w| {
        for file in crate::platform::files::take(files) {
            w.push(&file);
        }
        w.length() as usize
    })
}

/// Starts loading the editor: a module script, which tells the handoff object if it fails.
pub fn load_editor() -> Result<(), &'static str> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("there is no page")?;
    let boot = document
        .query_selector(EDITOR_BOOT_META)
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .ok_or("the page does not say where the editor is")?;
    let script = document
        .create_element("script")
        .map_err(|_| "the page refused a script")?;
    let _ = script.set_attribute("type", "module");
    let _ = script.set_attribute("src", &boot);
    document
        .head()
        .and_then(|head| head.append_child(&script).ok())
        .map(drop)
        .ok_or("the page refused a script")
}
