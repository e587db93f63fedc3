//! Which formats exist, how a document's format is recognised, and what an import needs to know
//! that a file may not say (frame rate, zone, day start, the broadcast day).

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;

use super::Limits;
use crate::channel::{Channel, DayStart, Zone};
use crate::format::ImportWarning;
use crate::model::Library;
use crate::time::FrameRate;

/// Every format ScheduleFlow reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Format {
    SfJson,
    SfXml,
    Ffplayout,
    Xmltv,
    Bxf,
    Csv,
    M3u,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::SfJson,
        Format::SfXml,
        Format::Ffplayout,
        Format::Xmltv,
        Format::Bxf,
        Format::Csv,
        Format::M3u,
    ];

    /// The short name used by the CLI (`--to xmltv`).
    pub fn name(self) -> &'static str {
        match self {
            Format::SfJson => "sf-json",
            Format::SfXml => "sf-xml",
            Format::Ffplayout => "ffplayout",
            Format::Xmltv => "xmltv",
            Format::Bxf => "bxf",
            Format::Csv => "csv",
            Format::M3u => "m3u",
        }
    }

    /// What people call it.
    pub fn title(self) -> &'static str {
        match self {
            Format::SfJson => "ScheduleFlow JSON",
            Format::SfXml => "ScheduleFlow XML",
            Format::Ffplayout => "ffplayout playlist",
            Format::Xmltv => "XMLTV guide",
            Format::Bxf => "BXF schedule",
            Format::Csv => "CSV",
            Format::M3u => "extended M3U",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::SfJson | Format::Ffplayout => "json",
            Format::SfXml | Format::Xmltv | Format::Bxf => "xml",
            Format::Csv => "csv",
            Format::M3u => "m3u8",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::SfJson | Format::Ffplayout => "application/json",
            Format::SfXml | Format::Xmltv | Format::Bxf => "application/xml",
            Format::Csv => "text/csv",
            Format::M3u => "audio/x-mpegurl",
        }
    }

    /// Whether one file can hold many schedules and playlists.
    pub fn holds_a_library(self) -> bool {
        matches!(self, Format::SfJson | Format::SfXml)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format '{s}': use one of {}", names.join(", "))
            })
    }
}

/// The columns a CSV file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvPreset {
    /// A header row naming the columns (start, duration, title, kind, source, …).
    #[default]
    Generic,
    /// Cinegy-style rows without a header: `start,duration,flags,id,name,…` with `HH;MM;SS;FF`.
    Cinegy,
}

/// Which instant a wall-clock time names in the hour that happens twice when the clocks go
/// back (01:30 on the last Sunday of October in Europe): an import takes the first unless told
/// otherwise, and warns with the line either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RepeatedHour {
    #[default]
    First,
    Second,
}

/// What an import needs that a file may not carry. Values a file does carry win.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub rate: Option<FrameRate>,
    pub zone: Option<Zone>,
    pub day_start: Option<DayStart>,
    pub channel_name: Option<String>,
    /// The broadcast day, for formats without dates (M3U, CSV).
    pub date: Option<Date>,
    /// The file's name, for names and ids, and to break ties in detection.
    pub file_name: Option<String>,
    pub csv_preset: CsvPreset,
    pub limits: Limits,
    /// The channel the user chose for files that do not say their rate, zone or day start;
    /// the report then says which values came from it.
    pub channel_source: Option<String>,
    /// A file with no times at all (M3U, a CSV without starts) becomes a playlist.
    pub untimed_as_playlist: bool,
    /// Which of the two instants a time in a repeated hour names (CSV, BXF).
    pub repeated_hour: RepeatedHour,
}

impl ImportOptions {
    /// The channel a file without one gets, with a warning for each value that was assumed.
    pub(crate) fn channel(&self, name: Option<&str>, warnings: &mut Vec<ImportWarning>) -> Channel {
        let rate = self.rate.unwrap_or_else(|| {
            warnings.push(
                ImportWarning::whole("the file gives no frame rate; 25 fps was assumed").with_hint(
                    "choose the channel for files that do not say theirs (or give --fps)",
                ),
            );
            FrameRate::FPS_25
        });
        let zone = self.zone.clone().unwrap_or_else(|| {
            warnings.push(
                ImportWarning::whole("the file gives no time zone; UTC was assumed")
                    .with_hint("set the channel's zone: choose the channel for files that do not say theirs (or give --tz)"),
            );
            Zone::utc()
        });
        if let (Some(source), Some(rate), Some(zone)) =
            (&self.channel_source, self.rate, &self.zone)
        {
            warnings.push(ImportWarning::whole(format!(
                "the file gives no channel settings; those of channel “{source}” were used: {rate} fps, {}, day start {}",
                zone.name(),
                self.day_start.unwrap_or_default()
            )));
        }
        let name = self
            .channel_name
            .clone()
            .or_else(|| name.map(str::to_owned))
            .or_else(|| self.file_stem())
            .unwrap_or_else(|| "Channel".into());
        Channel::new(name, rate, zone, self.day_start.unwrap_or_default())
    }

    pub(crate) fn file_stem(&self) -> Option<String> {
        let name = self.file_name.as_deref()?;
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        Some(
            base.rsplit_once('.')
                .map_or(base, |(stem, _)| stem)
                .to_owned(),
        )
    }
}

/// A successful import: what came in, and what the user should know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub format: Format,
    pub library: Library,
    pub warnings: Vec<ImportWarning>,
}

/// One file an export produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// A sensible file name.
    pub name: String,
    pub mime: &'static str,
    pub text: String,
}

/// Recognises a document's format from its content; the file name only breaks ties.
pub fn detect(text: &str, file_name: Option<&str>) -> Option<Format> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let mut cut = body.len().min(8192);
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &body[..cut];
    let lower_name = file_name.unwrap_or_default().to_ascii_lowercase();
    if body.starts_with('{') || body.starts_with('[') {
        if head.contains("\"scheduleflow-json\"") {
            return Some(Format::SfJson);
        }
        if head.contains("\"program\"") {
            return Some(Format::Ffplayout);
        }
        return None;
    }
    if body.starts_with('<') {
        return match xml_root_name(head) {
            Some("scheduleflow") => Some(Format::SfXml),
            Some("tv") => Some(Format::Xmltv),
            Some(root) if super::xml::local_name(root) == "BxfMessage" => Some(Format::Bxf),
            _ => None,
        };
    }
    if body.starts_with("#EXTM3U") || body.starts_with("#EXTINF") {
        return Some(Format::M3u);
    }
    if lower_name.ends_with(".m3u") || lower_name.ends_with(".m3u8") {
        return Some(Format::M3u);
    }
    let first_line = head.lines().next().unwrap_or_default();
    if first_line.contains(',') {
        return Some(Format::Csv);
    }
    None
}

/// The root element's name, skipping the declaration, comments and a DOCTYPE.
fn xml_root_name(head: &str) -> Option<&str> {
    let mut rest = head;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = &after[after.find("?>")? + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if let Some(after) = rest.strip_prefix("<!") {
            // A DOCTYPE may hold an internal subset in [...] whose declarations contain '>'.
            let close = after.find('>')?;
            let end = match after.find('[') {
                Some(open) if open < close => {
                    let subset_end = open + after[open..].find(']')?;
                    subset_end + after[subset_end..].find('>')?
                }
                _ => close,
            };
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix('<') {
            let end = after.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            return Some(&after[..end]);
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_from_content() {
        assert_eq!(
            detect("{\"format\": \"scheduleflow-json\"}", None),
            Some(Format::SfJson)
        );
        assert_eq!(
            detect(
                "\u{feff}{\"channel\":\"A\",\"date\":\"2026-01-01\",\"program\":[]}",
                None
            ),
            Some(Format::Ffplayout)
        );
        assert_eq!(
            detect(
                "<?xml version=\"1.0\"?>\n<!-- x -->\n<scheduleflow format=\"scheduleflow-xml\">",
                None
            ),
            Some(Format::SfXml)
        );
        assert_eq!(
            detect(
                "<?xml version=\"1.0\"?><!DOCTYPE tv SYSTEM \"xmltv.dtd\"><tv>",
                None
            ),
            Some(Format::Xmltv)
        );
        assert_eq!(
            detect("<bxf:BxfMessage xmlns:bxf=\"x\">", None),
            Some(Format::Bxf)
        );
        assert_eq!(
            detect("#EXTM3U\n#EXTINF:10,A\na.mp4", None),
            Some(Format::M3u)
        );
        assert_eq!(detect("a.mp4\nb.mp4", Some("list.m3u8")), Some(Format::M3u));
        assert_eq!(detect("start,duration,title\n", None), Some(Format::Csv));
        assert_eq!(detect("hello", Some("x.txt")), None);
        assert_eq!(detect("<html>", None), None);
        let attack = "<?xml version=\"1.0\"?><!DOCTYPE tv [<!ENTITY a \"b\"> <!ENTITY c \"&a;\">]><tv>&c;</tv>";
        assert_eq!(detect(attack, None), Some(Format::Xmltv));
    }

    #[test]
    fn names_parse_back() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
        }
        assert!("docx".parse::<Format>().unwrap_err().contains("sf-json"));
    }

    #[test]
    fn each_format_has_its_names_extension_and_type() {
        let table: Vec<(String, &str, &str, &str, bool)> = Format::ALL
            .iter()
            .map(|f| {
                (
                    f.to_string(),
                    f.title(),
                    f.extension(),
                    f.mime(),
                    f.holds_a_library(),
                )
            })
            .collect();
        let row = |name: &str, title, extension, mime, library| {
            (name.to_owned(), title, extension, mime, library)
        };
        assert_eq!(
            table,
            [
                row(
                    "sf-json",
                    "ScheduleFlow JSON",
                    "json",
                    "application/json",
                    true
                ),
                row("sf-xml", "ScheduleFlow XML", "xml", "application/xml", true),
                row(
                    "ffplayout",
                    "ffplayout playlist",
                    "json",
                    "application/json",
                    false
                ),
                row("xmltv", "XMLTV guide", "xml", "application/xml", false),
                row("bxf", "BXF schedule", "xml", "application/xml", false),
                row("csv", "CSV", "csv", "text/csv", false),
                row("m3u", "extended M3U", "m3u8", "audio/x-mpegurl", false),
            ]
        );
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>(), Ok(format));
        }
    }

    #[test]
    fn detection_looks_at_the_head_even_when_it_ends_inside_a_character() {
        // Byte 8192 falls inside an 'é': the head ends before it.
        let prefix = "{\"program\": [], \"title\": \"";
        let pad = "a".repeat(8191 - prefix.len());
        let text = format!("{prefix}{pad}é\"}}");
        assert!(!text.is_char_boundary(8192));
        assert_eq!(detect(&text, None), Some(Format::Ffplayout));
    }

    #[test]
    fn a_bracket_after_the_doctype_is_not_taken_for_an_internal_subset() {
        let guide = "<!DOCTYPE tv SYSTEM \"xmltv.dtd\">\n<tv><programme><title>[Live] News</title></programme></tv>";
        assert_eq!(xml_root_name(guide), Some("tv"));
        let subset = "<!DOCTYPE tv [<!ELEMENT tv ANY>]>\n<tv/>";
        assert_eq!(xml_root_name(subset), Some("tv"));
    }
}
