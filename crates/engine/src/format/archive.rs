//! An export of several files as one ZIP archive, so that it is one download: an ffplayout
//! export of a month is thirty playlists, and a browser may ask before a page's second download
//! in a row (Chromium drops those past about the tenth within a second). Entries are stored,
//! not compressed, with a fixed date, so the same files always make the same archive.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{file_name, ExportError, ExportFile, Format};

/// The archive's MIME type.
pub const MIME: &str = "application/zip";

/// `files` as one archive, each at its [`entry_path`] (an ffplayout playlist where ffplayout
/// looks for it).
pub fn archive(files: &[ExportFile], format: Format) -> Result<Vec<u8>, ExportError> {
    let failed = |e: &dyn std::fmt::Display| {
        ExportError::Unrepresentable(format!("the files could not be put in one archive: {e}"))
    };
    // The date is set, not left to the crate's features (with `time` it would be now).
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for file in files {
        zip.start_file(entry_path(&file.name, format), options)
            .map_err(|e| failed(&e))?;
        zip.write_all(file.text.as_bytes())
            .map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}

/// Where a file goes in the archive: an ffplayout playlist `2026-01-05.json` in `2026/01/`,
/// as ffplayout's playlist folder keeps them; anything else at the top.
pub fn entry_path(name: &str, format: Format) -> String {
    let dated = |name: &str| {
        let b = name.as_bytes();
        b.len() >= 10
            && b[..10].iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
    };
    if format == Format::Ffplayout && dated(name) {
        format!("{}/{}/{name}", &name[..4], &name[5..7])
    } else {
        name.to_owned()
    }
}

/// The archive's file name for an export of schedule `schedule_name` in `format`.
pub fn archive_name(schedule_name: &str, format: Format) -> String {
    let base = file_name(schedule_name, format);
    let stem = base
        .strip_suffix(format.extension())
        .and_then(|s| s.strip_suffix('.'))
        .unwrap_or(&base);
    format!("{stem}-{}.zip", format.name())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use proptest::prelude::*;

    use super::*;

    /// The archive's entries, as paths and texts, in order.
    fn entries(bytes: &[u8]) -> Vec<(String, String)> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("an archive");
        (0..zip.len())
            .map(|n| {
                let mut entry = zip.by_index(n).expect("an entry");
                let mut text = String::new();
                entry.read_to_string(&mut text).expect("text");
                (entry.name().to_owned(), text)
            })
            .collect()
    }

    fn file(name: &str, text: &str) -> ExportFile {
        ExportFile {
            name: name.to_owned(),
            mime: "application/json",
            text: text.to_owned(),
        }
    }

    #[test]
    fn ffplayout_playlists_go_in_year_and_month_folders_as_ffplayout_keeps_them() {
        let files = [
            file("2026-01-31.json", "{\"date\": \"2026-01-31\"}"),
            file("2026-02-01.json", "{\"date\": \"2026-02-01\"}"),
        ];
        let bytes = archive(&files, Format::Ffplayout).expect("an archive");
        assert_eq!(
            entries(&bytes),
            vec![
                ("2026/01/2026-01-31.json".to_owned(), files[0].text.clone()),
                ("2026/02/2026-02-01.json".to_owned(), files[1].text.clone()),
            ]
        );
        // Stored with a fixed date, so the same files make the same bytes.
        assert_eq!(archive(&files, Format::Ffplayout).ok(), Some(bytes));
    }

    #[test]
    fn only_a_dated_ffplayout_name_is_put_in_folders() {
        assert_eq!(
            entry_path("2026-12-03.json", Format::Ffplayout),
            "2026/12/2026-12-03.json"
        );
        assert_eq!(
            entry_path("2026-12-3.json", Format::Ffplayout),
            "2026-12-3.json"
        );
        assert_eq!(entry_path("guide.json", Format::Ffplayout), "guide.json");
        assert_eq!(entry_path("2026-12-03.csv", Format::Csv), "2026-12-03.csv");
    }

    #[test]
    fn the_archive_is_named_for_the_schedule_and_the_format() {
        assert_eq!(
            archive_name("Fortnight", Format::Ffplayout),
            "Fortnight-ffplayout.zip"
        );
        assert_eq!(
            archive_name("Sender 1 / Woche", Format::Ffplayout),
            format!(
                "{}-ffplayout.zip",
                file_name("Sender 1 / Woche", Format::Ffplayout).trim_end_matches(".json")
            )
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the files, the archive reads back as them, in order.
        #[test]
        fn an_archive_reads_back_as_its_files(
            texts in proptest::collection::vec(".{0,200}", 1..8),
        ) {
            let files: Vec<ExportFile> = texts
                .iter()
                .enumerate()
                .map(|(n, text)| file(&format!("2026-01-{:02}.json", n + 1), text))
                .collect();
            let bytes = archive(&files, Format::Ffplayout).expect("an archive");
            let expected: Vec<(String, String)> = files
                .iter()
                .map(|f| (entry_path(&f.name, Format::Ffplayout), f.text.clone()))
                .collect();
            prop_assert_eq!(entries(&bytes), expected);
        }
    }
}
