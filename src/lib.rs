//! ScheduleFlow's web app: a thin Leptos shell over the scheduling engine.
//!
//! Components render state and send intents; the scheduling logic lives in
//! `scheduleflow-engine`, and browser services (storage, files, workers, downloads) live in
//! their own platform modules as they arrive.

mod app;
mod components;

pub use app::App;
