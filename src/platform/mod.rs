//! Browser services behind small Rust interfaces: storage, files, downloads. Components and
//! state call these; nothing else touches IndexedDB or the DOM's file APIs.

pub mod download;
pub mod files;
pub mod storage;
pub mod sync;
