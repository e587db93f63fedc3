//! Holds the sf-json quick path to serde: whatever it reads, as a document or as a stored
//! piece, serde reads the same (it may give up where serde reads; never the other way round).
#![no_main]

use scheduleflow_engine::format::sf_json::fuzzing;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let (Some(quick), serde) = fuzzing::document(text) {
        assert_eq!(Some(quick), serde, "the document read differently");
    }
    if let (Some(quick), serde) = fuzzing::events(text) {
        assert_eq!(Some(quick), serde, "the piece read differently");
    }
});
