//! Browser tests of the app shell, run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // test helpers may unwrap: a failure is the test failing

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

#[wasm_bindgen_test]
fn mounted_app_shows_the_engine_version_compiled_into_wasm() {
    let host: web_sys::HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let _handle = leptos::mount::mount_to(host.clone(), scheduleflow::App);

    let version = host
        .query_selector("[data-testid=engine-version]")
        .unwrap()
        .expect("the engine version element");
    assert_eq!(
        version.text_content().unwrap(),
        scheduleflow_engine::VERSION
    );
    assert!(host.text_content().unwrap().contains("ScheduleFlow"));
}
