//! The browser entry point: installs the panic hook, registers the service worker for offline
//! use, and mounts the app on the page.

fn main() {
    console_error_panic_hook::set_once();
    scheduleflow::platform::offline::register();
    leptos::mount::mount_to_body(scheduleflow::App);
}
