//! The editor's entry point, started by the first-load shell (`src/shell`): mounts the whole
//! app off the page, to take it over once its library is shown.

fn main() {
    console_error_panic_hook::set_once();
    // In a task of its own: the one that ends the wasm's download also compiles and
    // instantiates it, and with the first view built in it too it ran over 50 ms.
    wasm_bindgen_futures::spawn_local(async {
        scheduleflow::platform::tick().await;
        scheduleflow::platform::handoff::mount_off_page(scheduleflow::App);
    });
}
