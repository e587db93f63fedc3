//! A new worker's first read of a small made-up file of each native format, so that the browser
//! has compiled the readers' hot code for speed before a person's file arrives.
//!
//! A browser first runs wasm with a quick baseline compiler and recompiles a function for speed
//! only once it has run for a while, so a fresh worker's first big read is the slowest. The
//! made-up files go through the same import a dropped file does, and nothing of them is kept or
//! stored.

use scheduleflow_engine::format::{sf_json, sf_xml};
use scheduleflow_engine::generate::{sample_channel, schedule};
use scheduleflow_engine::model::Library;
use scheduleflow_engine::time::FrameRate;

use crate::import::{import_file, Setup};
use crate::platform::timing;

/// Events in each made-up file: some 400 KB of JSON, a few milliseconds of reading.
const EVENTS: usize = 2_000;

/// The made-up library, and the files of it to read.
fn made_up() -> Option<(Library, [(&'static str, String); 2])> {
    let channel = sample_channel(FrameRate::FPS_25);
    let origin = channel
        .day_start_instant(jiff::civil::date(2026, 1, 5))
        .ok()?;
    let library = Library {
        schedules: vec![schedule(EVENTS, 1, channel, origin)],
        playlists: Vec::new(),
    };
    let files = [
        ("warm-up.json", sf_json::write(&library)),
        ("warm-up.xml", sf_xml::write(&library)),
    ];
    Some((library, files))
}

/// Reads the made-up files, ScheduleFlow JSON and XML, as an import would.
pub fn up() {
    let span = timing::span("scheduleflow: warm-up".to_owned());
    if let Some((_, files)) = made_up() {
        let setup = Setup::on(jiff::civil::date(2026, 1, 5));
        for (name, text) in files {
            let _ = import_file(name, text.as_bytes(), &setup);
        }
    }
    span.end();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_made_up_files_read_whole_as_a_dropped_file_would() {
        let (library, files) = made_up().expect("the sample channel's day starts");
        let setup = Setup::on(jiff::civil::date(2026, 1, 5));
        for (name, text) in files {
            let (read, report) = import_file(name, text.as_bytes(), &setup);
            assert_eq!(read, Some(library.clone()), "{name}: {report:?}");
        }
    }
}
