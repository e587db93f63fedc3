//! ScheduleFlow's scheduling engine: frame-exact time, channels and broadcast days, schedules,
//! the playlist builder, validation as values, undoable edits and the file formats.
//!
//! The engine is pure: it does no I/O and knows nothing of the browser. The web app and the
//! `scheduleflow` command line are thin shells over it.
#![forbid(unsafe_code)]

pub mod build;
pub mod channel;
pub mod channel_settings;
pub mod command;
pub mod edit;
pub mod format;
pub mod generate;
pub mod ids;
pub mod in_view;
pub mod model;
pub mod on_air;
pub mod pieces;
pub mod playlist_edit;
pub mod rng;
pub mod rules;
pub mod sample;
pub mod session;
pub mod summary;
pub mod taken;
pub mod time;
pub mod timeline;
pub mod validate;
pub mod view;

/// The engine's version, as compiled into whichever shell runs it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
