//! The page's entry point: the first-load shell (`src/shell`), which registers the service
//! worker, shows the stored library and loads the editor.

fn main() {
    scheduleflow::shell::run();
}
