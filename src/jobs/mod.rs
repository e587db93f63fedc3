//! Heavy work off the page's thread. An import (check the file through the engine, store it) or a
//! plan applied to dates runs in a Web Worker from a small pool, behind a bounded queue: a caller
//! waits for room before it reads the next file, so memory stays bounded however many files are
//! dropped. Where workers are unavailable the same work runs on the page.
//!
//! - `work.rs`: the import itself, the same code in a worker or on the page.
//! - `plan.rs`: "Apply to dates" as a job, the same way.
//! - `protocol.rs`: the messages between the page and a worker.
//! - `pool.rs`: the page's side: workers, the queue, and the statistics the Jobs panel shows.
//! - `worker.rs`: the worker's side.
//! - `warm.rs`: a new worker's first read of made-up files, so its readers run at speed.

pub mod dispatch;
pub mod plan;
pub mod pool;
pub mod protocol;
mod warm;
pub mod work;
pub mod worker;

pub use pool::{JobLine, JobState, Pool, Stats, Ticket};
pub use work::{Done, Stored};
