//! Browser services behind small Rust interfaces: storage, files, downloads, tab sync and UI
//! settings. Components and state call these; nothing else touches IndexedDB, localStorage or
//! the DOM's file APIs.

pub mod clock;
pub mod download;
pub mod files;
pub mod focus;
pub mod handoff;
pub mod offline;
pub mod settings;
pub mod storage;
pub mod sync;
mod tick;
pub mod timing;

pub use tick::{mark_turn, tick, Slices};
