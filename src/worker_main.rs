//! The import worker's entry point: a Web Worker that checks and stores dropped files off the
//! page's thread (see `jobs`).

fn main() {
    console_error_panic_hook::set_once();
    if scheduleflow::desk::host::is_desk() {
        scheduleflow::desk::host::serve();
    } else {
        scheduleflow::jobs::worker::run();
    }
}
