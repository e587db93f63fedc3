//! A quick path for sf-json documents: the events, nearly all of a document, are read straight
//! into the model, one pass over their bytes, without serde's generic machinery.
//!
//! It reads only what it is sure of. Anything else (an escaped key, a number that is not a
//! plain integer, a member the document may not have, a duplicate, a syntax error) makes it
//! give up, and the caller reads the whole document again with serde; so whatever this
//! returns is what serde would have returned, and every error is serde's. Everything around the events
//! (the channel, the origin, extras, playlists) is handed to serde as the text it was written
//! as. A property test and a fuzz target (`sf_json_quick`) hold it to serde's result.

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use crate::model::{Event, EventId, EventKind, Extra, Library, Playlist, Schedule, StartMode};
use crate::time::Frames;

/// Why the quick path stopped; never shown, since serde then reads the document.
#[derive(Debug)]
pub(super) struct GiveUp;

type Quick<T> = Result<T, GiveUp>;

/// A document read by the quick path: its `format` and `version` members, and what it holds.
#[derive(Debug, PartialEq)]
pub(super) struct Document {
    pub format: String,
    pub version: u32,
    pub library: Library,
}

/// How deep a value handed to serde whole may nest. serde_json refuses documents nested over
/// 128 deep; keeping the quick path's own values well under it means serde's reading of a
/// piece never accepts what its reading of the whole document would refuse.
const MAX_PIECE_DEPTH: usize = 64;

/// Reads `text` (without a byte order mark), or gives up; also on a string of more than
/// `longest` bytes as written (between its quotes, escapes included), so that a document read
/// here needs no other pass for them.
pub(super) fn read(text: &str, longest: usize) -> Quick<Document> {
    let mut c = Cursor {
        text,
        at: 0,
        longest,
    };
    let (mut format, mut version, mut schedules, mut playlists) = (None, None, None, None);
    c.members(|c, key| match key {
        "format" => fill(&mut format, c.string()?),
        "version" => fill(
            &mut version,
            u32::try_from(c.integer()?).map_err(|_| GiveUp)?,
        ),
        "schedules" => fill(&mut schedules, c.elements(Cursor::schedule)?),
        "playlists" => fill(&mut playlists, c.piece::<Vec<Playlist>>()?),
        // The document refuses members it does not name: serde says which.
        _ => Err(GiveUp),
    })?;
    c.skip_space();
    if c.at != text.len() {
        return Err(GiveUp);
    }
    Ok(Document {
        format: format.ok_or(GiveUp)?,
        version: version.ok_or(GiveUp)?,
        library: Library {
            schedules: schedules.unwrap_or_default(),
            playlists: playlists.unwrap_or_default(),
        },
    })
}

/// Reads a JSON array of events (a stored piece of a schedule), or gives up.
pub(super) fn events(text: &str) -> Quick<Vec<Event>> {
    let mut c = Cursor {
        text,
        at: 0,
        longest: usize::MAX,
    };
    let events = c.elements(Cursor::event)?;
    c.skip_space();
    if c.at != text.len() {
        return Err(GiveUp);
    }
    Ok(events)
}

/// Sets a member's value, giving up on a second one (serde refuses duplicate fields).
fn fill<T>(slot: &mut Option<T>, value: T) -> Quick<()> {
    if slot.is_some() {
        return Err(GiveUp);
    }
    *slot = Some(value);
    Ok(())
}

/// A position in the document being read.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
    /// The most bytes a string may take between its quotes.
    longest: usize,
}

impl<'a> Cursor<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes().get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte that is not white space, consumed.
    fn next_token(&mut self) -> Option<u8> {
        self.skip_space();
        let byte = self.bytes().get(self.at).copied();
        if byte.is_some() {
            self.at += 1;
        }
        byte
    }

    fn expect(&mut self, byte: u8) -> Quick<()> {
        if self.next_token() == Some(byte) {
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    /// Reads an object, calling `each` with every member's key, positioned at its value.
    fn members(&mut self, mut each: impl FnMut(&mut Self, &'a str) -> Quick<()>) -> Quick<()> {
        self.expect(b'{')?;
        self.skip_space();
        if self.bytes().get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            let key = self.key()?;
            each(self, key)?;
            match self.next_token() {
                Some(b',') => {}
                Some(b'}') => return Ok(()),
                _ => return Err(GiveUp),
            }
        }
    }

    /// Reads an array whose elements `each` reads.
    fn elements<T>(&mut self, mut each: impl FnMut(&mut Self) -> Quick<T>) -> Quick<Vec<T>> {
        self.expect(b'[')?;
        let mut out = Vec::new();
        self.skip_space();
        if self.bytes().get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(out);
        }
        loop {
            out.push(each(self)?);
            match self.next_token() {
                Some(b',') => {}
                Some(b']') => return Ok(out),
                _ => return Err(GiveUp),
            }
        }
    }

    /// A member's key and its colon; a key with an escape is left to serde.
    fn key(&mut self) -> Quick<&'a str> {
        self.expect(b'"')?;
        let bytes = self.bytes();
        let opened = self.at;
        let end = string_stop(bytes, opened).ok_or(GiveUp)?;
        if bytes[end] != b'"' || end - opened > self.longest {
            return Err(GiveUp);
        }
        // Between two quotes: whole characters.
        let key = self.text.get(opened..end).ok_or(GiveUp)?;
        self.at = end + 1;
        self.expect(b':')?;
        Ok(key)
    }

    fn string(&mut self) -> Quick<String> {
        self.text_value().map(Cow::into_owned)
    }

    /// A string value, borrowed from the document when it holds no escape.
    fn text_value(&mut self) -> Quick<Cow<'a, str>> {
        self.expect(b'"')?;
        let bytes = self.bytes();
        let opened = self.at;
        let mut decoded: Option<String> = None;
        let mut run = self.at;
        loop {
            // The end, an escape, or a control character (which serde_json refuses inside
            // strings).
            let end = string_stop(bytes, run).ok_or(GiveUp)?;
            if bytes[end] < 0x20 {
                return Err(GiveUp);
            }
            // Both ends are at ASCII bytes (a quote, a backslash or just after one), so they
            // fall between characters.
            let piece = self.text.get(run..end).ok_or(GiveUp)?;
            if bytes[end] == b'"' {
                if end - opened > self.longest {
                    return Err(GiveUp);
                }
                self.at = end + 1;
                return Ok(match decoded {
                    None => Cow::Borrowed(piece),
                    Some(mut text) => {
                        text.push_str(piece);
                        Cow::Owned(text)
                    }
                });
            }
            let text = decoded.get_or_insert_with(String::new);
            text.push_str(piece);
            let (ch, length) = unescape(&bytes[end + 1..])?;
            text.push(ch);
            run = end + 1 + length;
        }
    }

    /// A plain integer: no leading zero, at most 18 digits (so it cannot overflow), and not `-0`
    /// (which serde_json reads as a float). A fraction or an exponent after it is no `,` or
    /// closing bracket, so the object or array around it gives up.
    fn integer(&mut self) -> Quick<i64> {
        self.skip_space();
        let bytes = self.bytes();
        let negative = bytes.get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        let first = self.at;
        while let Some(b'0'..=b'9') = bytes.get(self.at) {
            self.at += 1;
        }
        let digits = &bytes[first..self.at];
        let plain =
            !digits.is_empty() && digits.len() <= 18 && (digits.len() == 1 || digits[0] != b'0');
        if !plain || (negative && digits == b"0") {
            return Err(GiveUp);
        }
        let value = digits
            .iter()
            .fold(0i64, |value, d| value * 10 + i64::from(d - b'0'));
        Ok(if negative { -value } else { value })
    }

    /// `null`, consumed, or `false` with nothing consumed.
    fn null(&mut self) -> bool {
        self.skip_space();
        let is_null = self.bytes()[self.at..].starts_with(b"null");
        if is_null {
            self.at += 4;
        }
        is_null
    }

    /// A value `read` reads, or `null`.
    fn or_null<T>(&mut self, read: impl FnOnce(&mut Self) -> Quick<T>) -> Quick<Option<T>> {
        if self.null() {
            Ok(None)
        } else {
            read(self).map(Some)
        }
    }

    /// A frame count that may be `null`.
    fn optional_frames(&mut self) -> Quick<Option<Frames>> {
        self.or_null(|c| c.integer().map(Frames))
    }

    /// A value read by serde from its own text.
    fn piece<T: DeserializeOwned>(&mut self) -> Quick<T> {
        serde_json::from_str(self.value_text()?).map_err(|_| GiveUp)
    }

    /// The text of the value here, found by its brackets and quotes only: serde reads it, so
    /// whatever is wrong inside it is serde's to find.
    fn value_text(&mut self) -> Quick<&'a str> {
        self.skip_space();
        let bytes = self.bytes();
        let start = self.at;
        let mut depth = 0usize;
        while let Some(&byte) = bytes.get(self.at) {
            match byte {
                b'"' => {
                    self.at += 1;
                    let opened = self.at;
                    loop {
                        let rest = bytes.get(self.at..).ok_or(GiveUp)?;
                        let at = self.at + memchr::memchr2(b'"', b'\\', rest).ok_or(GiveUp)?;
                        self.at = at + if bytes[at] == b'\\' { 2 } else { 1 };
                        if bytes[at] == b'"' {
                            if at - opened > self.longest {
                                return Err(GiveUp);
                            }
                            break;
                        }
                    }
                    continue;
                }
                b'{' | b'[' => {
                    depth += 1;
                    if depth > MAX_PIECE_DEPTH {
                        return Err(GiveUp);
                    }
                }
                b'}' | b']' if depth == 0 => break,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.at += 1;
                        break;
                    }
                }
                b',' if depth == 0 => break,
                _ => {}
            }
            self.at += 1;
        }
        self.text.get(start..self.at).ok_or(GiveUp)
    }

    /// One schedule: its events read here, its other members by serde.
    fn schedule(&mut self) -> Quick<Schedule> {
        let mut head = String::from("{");
        let mut events = None;
        self.members(|c, key| {
            if key == "events" {
                return fill(&mut events, c.elements(Cursor::event)?);
            }
            let value = c.value_text()?;
            if head.len() > 1 {
                head.push(',');
            }
            // The key has no escape (or it would not have been read), so it is written as is.
            head.push('"');
            head.push_str(key);
            head.push_str("\":");
            head.push_str(value);
            Ok(())
        })?;
        if head.len() > 1 {
            head.push(',');
        }
        head.push_str("\"events\":[]}");
        let mut schedule: Schedule = serde_json::from_str(&head).map_err(|_| GiveUp)?;
        schedule.events = events.ok_or(GiveUp)?;
        Ok(schedule)
    }

    /// One event, every member as `Event`'s serde derive reads it.
    fn event(&mut self) -> Quick<Event> {
        let (mut id, mut start, mut duration, mut title, mut kind) = (None, None, None, None, None);
        let (mut source, mut in_point, mut out_point, mut media_duration) =
            (None, None, None, None);
        let (mut start_mode, mut notes, mut extra) = (None, None, None);
        self.members(|c, key| match key {
            "id" => fill(&mut id, c.string()?),
            "start" => fill(&mut start, Frames(c.integer()?)),
            "duration" => fill(&mut duration, c.optional_frames()?),
            "title" => fill(&mut title, c.string()?),
            "kind" => {
                let name = c.text_value()?;
                let found = EventKind::ALL.into_iter().find(|k| k.as_str() == name);
                fill(&mut kind, found.ok_or(GiveUp)?)
            }
            "source" => fill(&mut source, c.or_null(Cursor::string)?),
            "in_point" => fill(&mut in_point, c.optional_frames()?),
            "out_point" => fill(&mut out_point, c.optional_frames()?),
            "media_duration" => fill(&mut media_duration, c.optional_frames()?),
            "start_mode" => {
                let name = c.text_value()?;
                fill(&mut start_mode, StartMode::parse(&name).ok_or(GiveUp)?)
            }
            "notes" => fill(&mut notes, c.string()?),
            "extra" => fill(&mut extra, c.piece::<Extra>()?),
            // serde passes over members it does not name, once it has read them as JSON.
            _ => c.piece::<serde::de::IgnoredAny>().map(drop),
        })?;
        Ok(Event {
            id: EventId(id.ok_or(GiveUp)?),
            start: start.ok_or(GiveUp)?,
            // A missing optional member is `None`, as serde's derive has it.
            duration: duration.flatten(),
            title: title.ok_or(GiveUp)?,
            kind: kind.unwrap_or_default(),
            source: source.flatten(),
            in_point: in_point.flatten(),
            out_point: out_point.flatten(),
            media_duration: media_duration.flatten(),
            start_mode: start_mode.unwrap_or_default(),
            notes: notes.unwrap_or_default(),
            extra: extra.unwrap_or_default(),
        })
    }
}

/// The first byte at or after `from` that ends a JSON string's plain run: a quote, a backslash
/// or a control character. Eight bytes at a time (wasm has 64-bit integers): the strings here
/// are ids, titles and paths of tens of bytes, where a search for two bytes and a second look
/// for the third cost more, and a byte at a time was a third of reading a document.
fn string_stop(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte's high bit set where the byte is below `n` (n ≤ 0x80); only the lowest flagged
    // byte is sure (a borrow can flag bytes above it), and the lowest is all this needs.
    let below = |word: u64, n: u64| word.wrapping_sub(ONES * n) & !word & HIGH;
    let mut at = from;
    let mut words = bytes.get(from..)?.chunks_exact(8);
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let found = below(word ^ (ONES * u64::from(b'"')), 1)
            | below(word ^ (ONES * u64::from(b'\\')), 1)
            | below(word, 0x20);
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let rest = words.remainder();
    rest.iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|p| at + p)
}

/// The character an escape stands for (the bytes after its backslash), and how many of those
/// bytes it takes.
fn unescape(after: &[u8]) -> Quick<(char, usize)> {
    let simple = |ch: char| Ok((ch, 1));
    match after.first() {
        Some(b'"') => simple('"'),
        Some(b'\\') => simple('\\'),
        Some(b'/') => simple('/'),
        Some(b'b') => simple('\u{8}'),
        Some(b'f') => simple('\u{c}'),
        Some(b'n') => simple('\n'),
        Some(b'r') => simple('\r'),
        Some(b't') => simple('\t'),
        Some(b'u') => {
            let unit = hex4(after.get(1..5))?;
            match unit {
                0xD800..=0xDBFF => {
                    // A high surrogate must be followed by an escaped low one.
                    if after.get(5..7) != Some(b"\\u") {
                        return Err(GiveUp);
                    }
                    let low = hex4(after.get(7..11))?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return Err(GiveUp);
                    }
                    let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    Ok((char::from_u32(code).ok_or(GiveUp)?, 11))
                }
                _ => Ok((char::from_u32(unit).ok_or(GiveUp)?, 5)),
            }
        }
        _ => Err(GiveUp),
    }
}

/// Four hexadecimal digits as a number.
fn hex4(digits: Option<&[u8]>) -> Quick<u32> {
    digits.ok_or(GiveUp)?.iter().try_fold(0u32, |value, &d| {
        let digit = char::from(d).to_digit(16).ok_or(GiveUp)?;
        Ok(value * 16 + digit)
    })
}

#[cfg(test)]
mod tests;
