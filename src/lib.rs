//! ScheduleFlow's web app: a thin Leptos shell over the scheduling engine.
//!
//! Components render state and send intents; the scheduling logic lives in
//! `scheduleflow-engine`; browser services (storage, files, downloads) live in `platform`;
//! `state` holds the signals and the intents components send; `desk` is where an open
//! schedule lives (its session, check and saving), apart from the signals. `shell` is the small first-load
//! page that shows the library while the editor (everything else) loads.

mod app;
mod components;
pub mod desk;
pub mod import;
pub mod jobs;
pub mod platform;
pub mod shelf;
pub mod shell;
mod state;

pub use app::App;
