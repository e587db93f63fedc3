//! From a file's bytes to text: UTF-8 with or without a byte order mark, UTF-16 (with a BOM)
//! transcoded, anything else refused at the position of the first bad byte.

use std::borrow::Cow;

use super::position::line_column;
use super::{ImportError, Limits};

/// Decodes a file's bytes as text.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ImportError> {
    let utf16 = |little: bool| -> Result<Cow<'_, str>, ImportError> {
        let body = &bytes[2..];
        if !body.len().is_multiple_of(2) {
            return Err(ImportError::whole(
                "the file is UTF-16 but ends in half a character; it may be truncated",
            ));
        }
        let units = body.chunks_exact(2).map(|pair| {
            let pair = [pair[0], pair[1]];
            if little {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map(Cow::Owned)
            .map_err(|_| {
                ImportError::whole("the file says it is UTF-16 but holds an invalid character")
                    .with_hint("save it as UTF-8 and try again")
            })
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(true),
        [0xFE, 0xFF, ..] => utf16(false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(rest, bytes),
        _ => utf8(bytes, bytes),
    }
}

fn utf8<'a>(body: &'a [u8], whole: &'a [u8]) -> Result<Cow<'a, str>, ImportError> {
    std::str::from_utf8(body).map(Cow::Borrowed).map_err(|e| {
        let valid = &body[..e.valid_up_to()];
        // The valid prefix is text, so positions count characters as an editor does.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = line_column(prefix, prefix.len());
        let utf16_hint = if whole.iter().take(200).filter(|&&b| b == 0).count() > 20 {
            " (it looks like UTF-16 without a byte order mark)"
        } else {
            ""
        };
        ImportError::at(
            line,
            column,
            format!("the file is not valid UTF-8{utf16_hint}"),
        )
        .with_hint("save it as UTF-8 and try again")
    })
}

/// Refuses a JSON document holding a string longer than the field limit, at that string.
/// A single pass over the bytes, before anything is built.
pub(crate) fn check_json_strings(text: &str, limits: Limits) -> Result<(), ImportError> {
    let bytes = text.as_bytes();
    if no_string_can_be_longer_than(bytes, limits.max_field_bytes) {
        return Ok(());
    }
    // memchr jumps from quote to quote (and over escapes) rather than stepping every byte:
    // this pass runs over every JSON file before it is parsed.
    let mut i = 0;
    while let Some(open) = memchr::memchr(b'"', &bytes[i..]).map(|at| i + at) {
        let mut end = open + 1;
        loop {
            match memchr::memchr2(b'"', b'\\', &bytes[end.min(bytes.len())..]) {
                Some(at) if bytes[end + at] == b'\\' => end += at + 2,
                Some(at) => {
                    end += at;
                    break;
                }
                None => {
                    end = bytes.len();
                    break;
                }
            }
        }
        // The value's bytes, between its quotes (as written, escapes included).
        let length = end.min(bytes.len()) - open - 1;
        if length > limits.max_field_bytes {
            let (line, column) = line_column(text, open);
            return Err(ImportError::at(
                line,
                column,
                format!(
                    "a text value of {length} bytes is longer than the {}-byte limit",
                    limits.max_field_bytes
                ),
            ));
        }
        i = end + 1;
        if i >= bytes.len() {
            break;
        }
    }
    Ok(())
}

/// A quick proof that no string in the text is longer than `limit` bytes, or `false` when it
/// cannot tell. Stepping from quote to quote costs a search per string, a sixth of reading a
/// whole document; this looks once for an escaped quote and once into each stretch of text.
///
/// Without `\"` in the text, a string's bytes hold no quote, so a string longer than `limit`
/// is a run of at least `limit + 1` bytes without one, and such a run covers a whole aligned
/// block of `(limit + 2) / 2` bytes. So when every whole block holds a quote and no quote is
/// escaped, every string is short enough.
fn no_string_can_be_longer_than(bytes: &[u8], limit: usize) -> bool {
    let escaped_quote =
        memchr::memchr_iter(b'\\', bytes).any(|at| bytes.get(at + 1) == Some(&b'"'));
    let block = (limit + 2) / 2;
    !escaped_quote
        && bytes
            .chunks_exact(block)
            .all(|chunk| memchr::memchr(b'"', chunk).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_with_and_without_a_bom() {
        assert_eq!(decode(b"abc").unwrap(), "abc");
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
    }

    #[test]
    fn transcodes_utf16_with_a_bom() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<tv/>é".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), "<tv/>é");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("x".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), "x");
        let odd = [0xFF, 0xFE, 0x41];
        assert!(decode(&odd).unwrap_err().message.contains("UTF-16"));
    }

    #[test]
    fn points_at_the_first_invalid_byte() {
        let err = decode(b"line one\nli\xFFne").unwrap_err();
        assert_eq!(
            err,
            ImportError::at(2, 3, "the file is not valid UTF-8")
                .with_hint("save it as UTF-8 and try again")
        );
        assert_eq!(err.hint.as_deref(), Some("save it as UTF-8 and try again"));
        let bom_less_utf16: Vec<u8> = "<?xml version=\"1.0\"?><tv></tv>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .chain([0xFF, 0xD8])
            .collect();
        assert!(decode(&bom_less_utf16)
            .unwrap_err()
            .message
            .contains("UTF-16"));
    }

    #[test]
    fn finds_over_long_json_strings() {
        let limits = Limits {
            max_field_bytes: 10,
            ..Limits::DEFAULT
        };
        assert!(check_json_strings(r#"{"a": "short", "b": "with \" quote"}"#, limits).is_err());
        assert!(check_json_strings(r#"{"a": "short"}"#, limits).is_ok());
        let err = check_json_strings("{\n \"t\": \"0123456789abc\"}", limits).unwrap_err();
        assert_eq!((err.line, err.column), (2, 7));
        // Ten bytes is at the limit; eleven is over it.
        assert!(check_json_strings(r#"{"a": "0123456789"}"#, limits).is_ok());
        assert_eq!(
            check_json_strings(r#"{"a": "0123456789x"}"#, limits),
            Err(ImportError::at(
                1,
                7,
                "a text value of 11 bytes is longer than the 10-byte limit"
            ))
        );
        // An unterminated string ends with the text (the JSON reader reports it).
        assert!(check_json_strings("{\"a\": \"abc", limits).is_ok());
        assert!(check_json_strings("{\"a\": \"abc\\", limits).is_ok());
    }

    /// The byte-by-byte scan the memchr one replaced: the first over-long string's offset.
    fn first_long_string_stepwise(bytes: &[u8], limit: usize) -> Option<usize> {
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'"' {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i.min(bytes.len()) - start - 1 > limit {
                    return Some(start);
                }
            }
            i += 1;
        }
        None
    }

    proptest::proptest! {
        #[test]
        fn the_quick_scan_finds_what_a_byte_by_byte_scan_finds(
            text in "[a\"\\\\\n]{0,40}",
            limit in 0usize..6,
        ) {
            let limits = Limits { max_field_bytes: limit, ..Limits::DEFAULT };
            let want = first_long_string_stepwise(text.as_bytes(), limit)
                .map(|at| line_column(&text, at));
            let got = check_json_strings(&text, limits).err().map(|e| (e.line, e.column));
            proptest::prop_assert_eq!(got, want);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_quick_proof_never_passes_a_text_with_an_over_long_string(
            text in "[a\"\\\\\n]{0,60}",
            limit in 0usize..8,
        ) {
            if no_string_can_be_longer_than(text.as_bytes(), limit) {
                proptest::prop_assert_eq!(first_long_string_stepwise(text.as_bytes(), limit), None);
            }
        }
    }

    #[test]
    fn the_quick_proof_passes_an_ordinary_document_and_not_a_long_or_escaped_string() {
        let channel = crate::generate::sample_channel(crate::time::FrameRate::FPS_25);
        let origin = "2026-03-28T05:00:00Z".parse().expect("an instant");
        let schedule = crate::generate::schedule(500, 1, channel, origin);
        let ordinary = super::super::sf_json::write(&crate::model::Library {
            schedules: vec![schedule],
            playlists: Vec::new(),
        });
        assert!(no_string_can_be_longer_than(
            ordinary.as_bytes(),
            Limits::DEFAULT.max_field_bytes
        ));
        // A 25-byte string at a 24-byte limit.
        let long = r#"{"title": "0123456789012345678901234"}"#;
        assert!(!no_string_can_be_longer_than(long.as_bytes(), 24));
        // Half-way cannot be told apart; well above the string it can.
        assert!(no_string_can_be_longer_than(long.as_bytes(), 60));
        // Escaped quotes cut a string into short runs; the exact scan has to decide.
        let escaped = r#"{"title": "a\"b\"c"}"#;
        assert!(!no_string_can_be_longer_than(escaped.as_bytes(), 24));
    }

    #[test]
    fn more_than_twenty_zero_bytes_in_the_head_suggest_utf16_without_a_mark() {
        let message = |zeros: usize| {
            let mut bytes = vec![b'a'; 40];
            bytes.extend(std::iter::repeat_n(0u8, zeros));
            bytes.push(0xFF);
            decode(&bytes).unwrap_err().message
        };
        assert_eq!(message(20), "the file is not valid UTF-8");
        assert_eq!(
            message(21),
            "the file is not valid UTF-8 (it looks like UTF-16 without a byte order mark)"
        );
    }
}
