//! User Timing measures around the app's heavy steps (reading a file through the engine,
//! storing it), so the browser's performance panel — and the benchmark script, which compares
//! them with the browser's own parsers — see how long each took. Where there is no
//! `performance` (a native test), the work just runs.

use wasm_bindgen::JsCast;
use web_sys::Performance;

fn performance() -> Option<Performance> {
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()?
        .dyn_into::<Performance>()
        .ok()
}

/// A measure named `name` from now until [`Span::end`].
#[derive(Debug)]
pub struct Span {
    name: String,
    start: Option<String>,
}

/// Starts a measure (`scheduleflow: read big.xml`).
pub fn span(name: String) -> Span {
    let start = performance().and_then(|p| {
        let mark = format!("{name} (start)");
        p.mark(&mark).ok().map(|_| mark)
    });
    Span { name, start }
}

impl Span {
    pub fn end(self) {
        if let (Some(p), Some(start)) = (performance(), self.start) {
            let _ = p.measure_with_start_mark(&self.name, &start);
            p.clear_marks_with_mark_name(&start);
        }
    }
}

/// Marks a moment (`scheduleflow: editor took over`) for the benchmarks to read.
pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}
