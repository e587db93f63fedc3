//! Shared by every fuzz target: decode, import as one format, then validate and export what came
//! in. Any panic is a bug; errors are the expected outcome for most inputs.

use scheduleflow_engine::format::{decode, export_schedule, import, Format, ImportOptions};
use scheduleflow_engine::validate::validate;

pub fn run(data: &[u8], format: Format) {
    let Ok(text) = decode(data) else { return };
    let options = ImportOptions {
        date: Some(jiff::civil::date(2026, 3, 28)),
        ..ImportOptions::default()
    };
    if let Ok(imported) = import(&text, Some(format), &options) {
        for schedule in imported.library.schedules.iter().take(4) {
            let _ = validate(schedule);
            let _ = export_schedule(schedule, format);
        }
    }
}
