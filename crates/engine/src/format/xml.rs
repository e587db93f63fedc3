//! A guarded, streaming XML reader shared by the XML formats.
//!
//! It refuses what XML attacks need: DTDs with an internal subset or entity declarations, and
//! any entity other than the five XML ones and character references. It enforces the
//! [`Limits`] on depth, element count and value length. The document is streamed; only one
//! record (an `<event>`, a `<programme>`) at a time is held as a small tree.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::position::line_column;
use super::{ImportError, Limits};

/// One element with its attributes, text and child elements (used for records). Names and
/// values borrow from the document unless unescaping changed them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct XmlElement<'a> {
    /// The qualified name as written (`bxf:EventId` or `title`).
    pub name: Cow<'a, str>,
    pub attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    pub children: Vec<XmlElement<'a>>,
    /// The element's own text (its children's text is theirs).
    pub text: Cow<'a, str>,
    /// Byte offset of the `<`, for error positions.
    pub offset: usize,
}

/// `part` as a borrow of `text` when it lies inside it (quick-xml hands out slices of the
/// input tied to its event's lifetime); a copy otherwise.
fn reborrow<'a>(text: &'a str, part: &str) -> Cow<'a, str> {
    let base = text.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    if at >= base {
        if let Some(slice) = text.get(at - base..at - base + part.len()) {
            return Cow::Borrowed(slice);
        }
    }
    Cow::Owned(part.to_owned())
}

impl XmlElement<'_> {
    /// The same element, owning all its text.
    pub fn into_owned(self) -> XmlElement<'static> {
        XmlElement {
            name: Cow::Owned(self.name.into_owned()),
            attrs: self
                .attrs
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), Cow::Owned(v.into_owned())))
                .collect(),
            children: self
                .children
                .into_iter()
                .map(XmlElement::into_owned)
                .collect(),
            text: Cow::Owned(self.text.into_owned()),
            offset: self.offset,
        }
    }

    /// The name without a namespace prefix.
    pub fn local(&self) -> &str {
        local_name(&self.name)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| has_local_name(k, name))
            .map(|(_, v)| v.as_ref())
    }

    pub fn child(&self, local: &str) -> Option<&Self> {
        self.children
            .iter()
            .find(|c| has_local_name(&c.name, local))
    }

    pub fn child_text(&self, local: &str) -> Option<&str> {
        self.child(local).map(|c| c.text.as_ref())
    }

    /// The nearest element below this one named `local` (a child before a grandchild),
    /// wherever a vendor's wrappers put it.
    pub fn descendant(&self, local: &str) -> Option<&Self> {
        let mut level: Vec<&Self> = vec![self];
        while !level.is_empty() {
            let next: Vec<&Self> = level.iter().flat_map(|e| e.children.iter()).collect();
            if let Some(found) = next.iter().find(|c| has_local_name(&c.name, local)) {
                return Some(found);
            }
            level = next;
        }
        None
    }
}

pub(crate) fn local_name(name: &str) -> &str {
    match name.bytes().rposition(|b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

/// Whether `qualified` is `local` or `prefix:local`: a suffix comparison, no search. Lookups
/// by name run for every attribute of every record, so this is on the import's hot path.
fn has_local_name(qualified: &str, local: &str) -> bool {
    qualified.len() >= local.len()
        && qualified.ends_with(local)
        && (qualified.len() == local.len()
            || qualified.as_bytes()[qualified.len() - local.len() - 1] == b':')
}

/// What the reader found next.
#[derive(Debug)]
pub(crate) enum Item<'a> {
    /// A container element opens (its attributes are read; its children come as further items).
    Open(XmlElement<'a>),
    /// A container element closes.
    Close,
    /// A complete record element.
    Record(XmlElement<'a>),
}

pub(crate) struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    text: &'a str,
    limits: Limits,
    depth: usize,
    elements: usize,
    seen_root: bool,
    /// Attribute lists of records the caller is done with, reused for the next elements: a
    /// record read by the hundred thousand then costs no allocation for its attributes.
    spare: Vec<Attributes<'a>>,
    /// Whether quick-xml's last event closed an element, so that it has nothing pending and
    /// expects text or a tag next: then a record that is one empty element may be read ahead
    /// of it ([`XmlReader::empty_record`]).
    after_end: bool,
    /// Whether [`XmlReader::empty_record`] may read ahead (off only to test it against the
    /// slow path).
    shortcut: bool,
    /// Records read ahead of quick-xml, so a test sees the shortcut taken.
    #[cfg(test)]
    read_ahead: usize,
}

type Attributes<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

/// The `name="value"` pairs of a start tag's attribute text, values still escaped, each with
/// whether it is plain (no reference or line break to normalise: the value as written).
struct Attrs<'t> {
    rest: &'t str,
    /// Reading a tag in the document rather than quick-xml's attribute text: stop at the
    /// tag's `/` or `>`, where `rest` then starts.
    in_tag: bool,
}

impl<'t> Attrs<'t> {
    fn new(raw: &'t str) -> Attrs<'t> {
        // An empty element's text ends in its `/`.
        let raw = raw.trim_end_matches(is_space);
        Attrs {
            rest: raw.strip_suffix('/').unwrap_or(raw),
            in_tag: false,
        }
    }

    /// The attributes of the tag whose name ends where `tail` starts.
    fn in_tag(tail: &'t str) -> Attrs<'t> {
        Attrs {
            rest: tail,
            in_tag: true,
        }
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The position of the first byte at or after `from` that is not a space.
fn skip_spaces(bytes: &[u8], mut from: usize) -> usize {
    while bytes.get(from).copied().is_some_and(is_space_byte) {
        from += 1;
    }
    from
}

impl<'t> Iterator for Attrs<'t> {
    type Item = Result<(&'t str, &'t str, bool), String>;

    // Byte positions throughout: every delimiter is ASCII, so each slice is on a char boundary.
    fn next(&mut self) -> Option<Self::Item> {
        let text = self.rest;
        let bytes = text.as_bytes();
        let start = skip_spaces(bytes, 0);
        if start == bytes.len() {
            return None;
        }
        if self.in_tag && matches!(bytes[start], b'/' | b'>') {
            self.rest = &text[start..];
            return None;
        }
        let mut name_end = start;
        while bytes
            .get(name_end)
            .is_some_and(|&b| b != b'=' && !is_space_byte(b))
        {
            name_end += 1;
        }
        let key = &text[start..name_end];
        // Stop at the first problem: what follows it cannot be read.
        self.rest = "";
        // In a tag, these would end the tag or open a quote where quick-xml reads it.
        if self.in_tag
            && key
                .bytes()
                .any(|b| matches!(b, b'"' | b'\'' | b'<' | b'>' | b'/'))
        {
            return Some(Err(format!("'{key}' is not an attribute name")));
        }
        let eq = skip_spaces(bytes, name_end);
        if bytes.get(eq) != Some(&b'=') {
            return Some(Err(format!(
                "'{key}' has no value ('=' and a quoted value)"
            )));
        }
        let open = skip_spaces(bytes, eq + 1);
        let quote = match bytes.get(open) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Some(Err(format!("the value of '{key}' is not in quotes"))),
        };
        let Some((len, plain)) = quoted_value(&bytes[open + 1..], quote) else {
            return Some(Err(format!("the value of '{key}' has no closing quote")));
        };
        let close = open + 1 + len;
        if key.is_empty() {
            return Some(Err("a value without an attribute name".to_owned()));
        }
        self.rest = &text[close + 1..];
        Some(Ok((key, &text[open + 1..close], plain)))
    }
}

/// The length of a quoted value (up to its closing `quote`) and whether it is plain: free of
/// references and of spaces other than ' ', which an attribute's value turns into ' '.
/// Most values are a few bytes, where one loop doing both beats a search call and a second
/// pass; a long one is left to memchr and a pass a vector at a time.
fn quoted_value(bytes: &[u8], quote: u8) -> Option<(usize, bool)> {
    const SHORT: usize = 32;
    let mut plain = true;
    for (at, &b) in bytes.iter().take(SHORT).enumerate() {
        if b == quote {
            return Some((at, plain));
        }
        plain &= !matches!(b, b'&' | b'\t' | b'\n' | b'\r');
    }
    let len = SHORT + memchr::memchr(quote, bytes.get(SHORT..)?)?;
    // Without an early exit, so the check runs over the whole value a vector at a time.
    let rest_plain = !bytes[SHORT..len].iter().fold(false, |found, &b| {
        found | matches!(b, b'&' | b'\t' | b'\n' | b'\r')
    });
    Some((len, plain && rest_plain))
}

/// Resolves the five XML entities and character references; everything else is refused.
fn resolve_reference(name: &str) -> Result<char, String> {
    if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => number.parse(),
        }
        .map_err(|_| format!("'&{name};' is not a valid character reference"))?;
        return char::from_u32(value)
            .filter(|&c| c != '\0')
            .ok_or_else(|| format!("'&{name};' is not a valid character"));
    }
    Ok(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => {
            return Err(format!(
                "the entity '&{name};' is not defined; ScheduleFlow does not expand entities (use the character itself)"
            ))
        }
    })
}

/// An attribute value as the XML specification reads it: references resolved, literal tab,
/// newline and carriage return normalised to spaces (so `&#10;` survives as a newline). Only
/// for values that hold one of these: the attribute scan passes plain values through as written.
fn attribute_value(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\t', '\n', '\r']) {
        out.push_str(&rest[..i]);
        if rest.as_bytes()[i] == b'&' {
            let end = rest[i..]
                .find(';')
                .ok_or_else(|| "an '&' in an attribute value is not followed by ';'".to_owned())?;
            out.push(resolve_reference(&rest[i + 1..i + end])?);
            rest = &rest[i + end + 1..];
        } else {
            // "\r\n" is one line break.
            out.push(' ');
            let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
            rest = &rest[i + skip..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

impl<'a> XmlReader<'a> {
    pub fn new(text: &'a str, limits: Limits) -> Result<XmlReader<'a>, ImportError> {
        if text.len() > limits.max_bytes {
            return Err(ImportError::whole(format!(
                "the file is {} bytes, more than the {}-byte limit",
                text.len(),
                limits.max_bytes
            )));
        }
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.trim_text(false);
        Ok(XmlReader {
            reader,
            text,
            limits,
            depth: 0,
            elements: 0,
            seen_root: false,
            spare: Vec::new(),
            after_end: false,
            shortcut: true,
            #[cfg(test)]
            read_ahead: 0,
        })
    }

    /// Refuses a document whose root element is not `expected` (a format's own root).
    pub fn check_root(
        &self,
        el: &XmlElement<'_>,
        expected: &str,
        format: &str,
    ) -> Result<(), ImportError> {
        if el.local() == expected {
            return Ok(());
        }
        Err(self.error_at(
            el.offset,
            format!(
                "this is not {format}: the root element is <{}>, not <{expected}>",
                el.name
            ),
        ))
    }

    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> ImportError {
        let (line, column) = line_column(self.text, offset);
        ImportError {
            line,
            column,
            message: message.into(),
            hint: None,
            more: Vec::new(),
        }
    }

    fn here(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    fn next_event(&mut self) -> Result<(usize, Event<'a>), ImportError> {
        let offset = self.here();
        let read = self.reader.read_event();
        self.after_end = matches!(read, Ok(Event::End(_)));
        match read {
            Ok(event) => Ok((offset, event)),
            Err(e) => {
                let at = usize::try_from(self.reader.error_position()).unwrap_or(offset);
                Err(self.error_at(at, format!("the XML is malformed: {e}")))
            }
        }
    }

    fn check_value(&self, offset: usize, len: usize) -> Result<(), ImportError> {
        if len > self.limits.max_field_bytes {
            return Err(self.error_at(
                offset,
                format!(
                    "a value of {len} bytes is longer than the {}-byte limit",
                    self.limits.max_field_bytes
                ),
            ));
        }
        Ok(())
    }

    /// Counts one more element (starting at `offset`) against the limit.
    fn count_element(&mut self, offset: usize) -> Result<(), ImportError> {
        self.elements += 1;
        if self.elements > self.limits.max_elements {
            return Err(self.error_at(
                offset,
                format!(
                    "the document has more than {} elements",
                    self.limits.max_elements
                ),
            ));
        }
        Ok(())
    }

    fn open(
        &mut self,
        offset: usize,
        start: &BytesStart<'_>,
    ) -> Result<XmlElement<'a>, ImportError> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            return Err(self.error_at(
                offset,
                format!(
                    "elements are nested deeper than {} levels",
                    self.limits.max_depth
                ),
            ));
        }
        self.count_element(offset)?;
        let name = reborrow(self.text, start.name().as_ref());
        // Room for a ScheduleFlow event's attributes without growing.
        let mut attrs = self.spare.pop().unwrap_or_else(|| Vec::with_capacity(10));
        // quick-xml hands out the attribute text tied to its event; it is a slice of the
        // document, so keys and values borrow from the document without a check per attribute.
        match reborrow(self.text, start.attributes_raw()) {
            Cow::Borrowed(raw) => {
                self.scan_attributes(offset, &mut Attrs::new(raw), &mut attrs, Cow::Borrowed)?
            }
            Cow::Owned(raw) => {
                self.scan_attributes(offset, &mut Attrs::new(&raw), &mut attrs, |s| {
                    Cow::Owned(s.to_owned())
                })?
            }
        }
        Ok(XmlElement {
            name,
            attrs,
            offset,
            ..XmlElement::default()
        })
    }

    /// Reads the attributes of a start tag into `attrs`. The attributes are scanned here
    /// rather than by quick-xml's iterator, which checks every byte and keeps a list of names
    /// per element; this finds the delimiters in one pass and checks duplicates against the few
    /// attributes already read.
    fn scan_attributes<'t>(
        &self,
        offset: usize,
        scan: &mut Attrs<'t>,
        attrs: &mut Attributes<'a>,
        keep: impl Fn(&'t str) -> Cow<'a, str>,
    ) -> Result<(), ImportError> {
        for attr in scan {
            let (key, value, plain) =
                attr.map_err(|e| self.error_at(offset, format!("a malformed attribute: {e}")))?;
            self.check_value(offset, value.len())?;
            // Length and first byte first: most names differ there, and memcmp is a call.
            let same = |k: &str| {
                k.len() == key.len() && k.as_bytes().first() == key.as_bytes().first() && k == key
            };
            if attrs.iter().any(|(k, _)| same(k)) {
                return Err(self.error_at(
                    offset,
                    format!("a malformed attribute: the attribute '{key}' is given twice"),
                ));
            }
            let value = if plain {
                keep(value)
            } else {
                Cow::Owned(attribute_value(value).map_err(|m| self.error_at(offset, m))?)
            };
            attrs.push((keep(key), value));
        }
        Ok(())
    }

    fn check_doctype(&self, offset: usize, doctype: &str) -> Result<(), ImportError> {
        let upper = doctype.to_ascii_uppercase();
        if doctype.contains('[') || upper.contains("ENTITY") {
            return Err(self.error_at(
                offset,
                "the document declares a DTD with entities or an internal subset, which ScheduleFlow refuses (it is how XML attacks work); remove the <!DOCTYPE ...> declaration",
            ));
        }
        Ok(())
    }

    /// Takes back a record the caller has read, so that its attribute lists serve the next
    /// records.
    pub fn recycle(&mut self, mut element: XmlElement<'a>) {
        for child in std::mem::take(&mut element.children) {
            self.recycle(child);
        }
        self.recycle_attributes(element.attrs);
    }

    fn recycle_attributes(&mut self, mut attrs: Attributes<'a>) {
        // A few lists are all a record needs; more would only hold memory.
        if self.spare.len() < 8 {
            attrs.clear();
            self.spare.push(attrs);
        }
    }

    /// Reads the next item below the root, treating elements for which `is_record` holds as
    /// whole records. Returns `None` at the end of the document.
    pub fn next_item(
        &mut self,
        is_record: &dyn Fn(&str) -> bool,
    ) -> Result<Option<Item<'a>>, ImportError> {
        loop {
            if self.after_end && self.shortcut && self.depth > 0 {
                if let Some(record) = self.empty_record(is_record)? {
                    return Ok(Some(Item::Record(record)));
                }
            }
            let (offset, event) = self.next_event()?;
            match event {
                Event::Start(start) => {
                    if self.depth == 0 && self.seen_root {
                        return Err(
                            self.error_at(offset, "a second root element; an XML document has one")
                        );
                    }
                    self.seen_root = true;
                    let element = self.open(offset, &start)?;
                    if self.depth > 1 && is_record(local_name(&element.name)) {
                        return self.read_record(element).map(|r| Some(Item::Record(r)));
                    }
                    return Ok(Some(Item::Open(element)));
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(Some(Item::Close));
                }
                Event::Text(t) if self.depth == 0 && !t.xml10_content().trim().is_empty() => {
                    return Err(self.error_at(offset, "text outside the root element"));
                }
                Event::GeneralRef(_) | Event::CData(_) if self.depth == 0 => {
                    return Err(self.error_at(offset, "content outside the root element"));
                }
                Event::DocType(d) => {
                    let doctype = d.xml10_content().into_owned();
                    self.check_doctype(offset, &doctype)?;
                }
                Event::Eof => {
                    if !self.seen_root {
                        return Err(self.error_at(
                            offset,
                            "the document has no root element; is the file empty?",
                        ));
                    }
                    if self.depth > 0 {
                        return Err(self.error_at(offset, "the document ends before its elements are closed; the file may be truncated"));
                    }
                    return Ok(None);
                }
                // Comments, processing instructions, the declaration, and container text.
                _ => {}
            }
        }
    }

    /// Reads a record that is one empty element with nothing but white space before it (how
    /// ScheduleFlow XML writes its events) straight from the document, and moves quick-xml
    /// past it: quick-xml would make three events of it (the space, the start, the end) and
    /// check every byte on the way. Anything else (text, a comment, an element with content,
    /// a tag this does not take apart) is left to quick-xml: `None`, nothing read. The
    /// attributes, limits and positions are those the slow path gives; a property test
    /// compares the two.
    fn empty_record(
        &mut self,
        is_record: &dyn Fn(&str) -> bool,
    ) -> Result<Option<XmlElement<'a>>, ImportError> {
        let here = self.here();
        let rest = &self.text.as_bytes()[here.min(self.text.len())..];
        let space = rest.iter().take_while(|b| is_space_byte(**b)).count();
        let Some(tag) = rest[space..].strip_prefix(b"<") else {
            return Ok(None);
        };
        let name_len = tag
            .iter()
            .position(|b| is_space_byte(*b) || matches!(b, b'/' | b'>'))
            .unwrap_or(tag.len());
        let start = here + space;
        let name_end = start + 1 + name_len;
        let name = &self.text[start + 1..name_end];
        // An end tag, a comment or a declaration has no record's name (`""`, `!--`, `?xml`).
        // No depth check: the element that closed just before this one stood at the same
        // depth and passed it.
        if !is_record(local_name(name)) {
            return Ok(None);
        }
        // The attributes are read up to the tag's end, which is where quick-xml finds it (its
        // first `>` outside quoted values) as long as every attribute reads well. Anything
        // else, a malformed attribute or a tag that is not empty, is left to quick-xml, which
        // then reports it or reads it as the general path does.
        let mut attrs = self.spare.pop().unwrap_or_else(|| Vec::with_capacity(10));
        let mut scan = Attrs::in_tag(&self.text[name_end..]);
        let read = self.scan_attributes(start, &mut scan, &mut attrs, Cow::Borrowed);
        if read.is_err() || !scan.rest.starts_with("/>") {
            self.recycle_attributes(attrs);
            return Ok(None);
        }
        self.count_element(start)?;
        // `scan.rest` ends with the document, so its length tells where the tag's `/>` is.
        let taken = self.text.len() - scan.rest.len() + 2 - here;
        let moved = std::io::copy(
            &mut std::io::Read::take(self.reader.stream(), taken as u64),
            &mut std::io::sink(),
        );
        if moved.ok() != Some(taken as u64) {
            return Err(self.error_at(start, "the document could not be read past a record"));
        }
        #[cfg(test)]
        {
            self.read_ahead += 1;
        }
        Ok(Some(XmlElement {
            name: Cow::Borrowed(name),
            attrs,
            offset: start,
            ..XmlElement::default()
        }))
    }

    /// Reads the rest of a record element whose start tag has been read.
    fn read_record(&mut self, root: XmlElement<'a>) -> Result<XmlElement<'a>, ImportError> {
        // The element being read, and its open ancestors within the record: most records are
        // one empty element, which then costs no stack at all.
        let mut top = root;
        let mut ancestors: Vec<XmlElement<'a>> = Vec::new();
        loop {
            let (offset, event) = self.next_event()?;
            match event {
                Event::Start(start) => {
                    let element = self.open(offset, &start)?;
                    ancestors.push(std::mem::replace(&mut top, element));
                }
                Event::End(_) => {
                    self.depth -= 1;
                    match ancestors.pop() {
                        Some(parent) => {
                            let done = std::mem::replace(&mut top, parent);
                            top.children.push(done);
                        }
                        // quick-xml checks that each end tag names its start tag, so the
                        // record ends exactly when its own start tag is closed.
                        None => return Ok(top),
                    }
                }
                Event::Text(t) => {
                    let text = reborrow(self.text, &t.xml10_content());
                    self.push_text(offset, &mut top, text)?;
                }
                Event::CData(c) => {
                    let text = reborrow(self.text, &c.xml10_content());
                    self.push_text(offset, &mut top, text)?;
                }
                Event::GeneralRef(r) => {
                    let c = resolve_reference(&r).map_err(|m| self.error_at(offset, m))?;
                    self.push_text(offset, &mut top, Cow::Owned(c.to_string()))?;
                }
                Event::Eof => {
                    return Err(self.error_at(
                        offset,
                        "the document ends inside an element; the file may be truncated",
                    ))
                }
                Event::DocType(_) => {
                    return Err(self.error_at(offset, "a DOCTYPE inside an element"))
                }
                _ => {}
            }
        }
    }

    fn push_text(
        &self,
        offset: usize,
        top: &mut XmlElement<'a>,
        text: Cow<'a, str>,
    ) -> Result<(), ImportError> {
        self.check_value(offset, top.text.len() + text.len())?;
        if top.text.is_empty() {
            top.text = text;
        } else {
            top.text.to_mut().push_str(&text);
        }
        Ok(())
    }
}

/// Writes an element (kept from an import) back as XML.
pub(crate) fn to_xml(el: &XmlElement<'_>) -> String {
    let mut out = String::new();
    write_element(&mut out, el);
    out
}

fn write_element(out: &mut String, el: &XmlElement<'_>) {
    out.push('<');
    out.push_str(&el.name);
    for (k, v) in &el.attrs {
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        out.push_str(&escape(v));
        out.push('"');
    }
    if el.text.is_empty() && el.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    out.push_str(&escape(&el.text));
    for child in &el.children {
        write_element(out, child);
    }
    out.push_str("</");
    out.push_str(&el.name);
    out.push('>');
}

/// Parses one element written by [`to_xml`] (a kept fragment), with the usual guards.
pub(crate) fn from_xml(fragment: &str, limits: Limits) -> Result<XmlElement<'static>, ImportError> {
    let wrapped = format!("<kept>{fragment}</kept>");
    let mut reader = XmlReader::new(&wrapped, limits)?;
    while let Some(item) = reader.next_item(&|_| true)? {
        if let Item::Record(el) = item {
            return Ok(el.into_owned());
        }
    }
    Err(ImportError::whole("an empty kept element"))
}

/// Escapes text for an attribute or element, keeping tab, newline and carriage return exact.
pub(crate) fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['<', '>', '&', '"', '\'', '\t', '\n', '\r']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_of_the_document_is_borrowed_and_any_other_text_copied() {
        let text = "<tv>guide</tv>";
        assert!(matches!(
            reborrow(text, &text[4..9]),
            Cow::Borrowed("guide")
        ));
        let elsewhere = String::from("guide");
        assert!(matches!(reborrow(text, &elsewhere), Cow::Owned(ref s) if s == "guide"));
    }

    /// Every item of `xml`, as far as it reads, and the error that ends it (if any).
    fn items(xml: &str, shortcut: bool) -> (Vec<String>, Option<ImportError>) {
        let limits = Limits {
            max_elements: 12,
            max_depth: 2,
            max_field_bytes: 12,
            ..Limits::DEFAULT
        };
        let mut r = XmlReader::new(xml, limits).unwrap();
        r.shortcut = shortcut;
        let mut seen = Vec::new();
        loop {
            match r.next_item(&|n| n == "rec") {
                // With where the reader stands after it: a record read ahead must leave
                // quick-xml exactly past it.
                Ok(Some(Item::Record(e))) => {
                    seen.push(format!("record {e:?} to {}", r.here()));
                    r.recycle(e);
                }
                Ok(Some(item)) => seen.push(format!("{item:?} to {}", r.here())),
                Ok(None) => return (seen, None),
                Err(e) => return (seen, Some(e)),
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Records read straight from the document are what quick-xml's events give, with
        /// the same positions and the same errors, over well-formed and broken pieces.
        #[test]
        fn an_empty_record_read_ahead_of_quick_xml_is_what_its_events_give(
            pieces in proptest::collection::vec(0usize..PIECES.len(), 0..14),
            close in proptest::bool::ANY,
        ) {
            let mut xml = String::from("<root>\n  ");
            for p in &pieces {
                xml.push_str(PIECES[*p]);
            }
            if close {
                xml.push_str("\n</root>");
            }
            let (fast, fast_error) = items(&xml, true);
            let (slow, slow_error) = items(&xml, false);
            proptest::prop_assert_eq!(fast, slow);
            proptest::prop_assert_eq!(
                fast_error.map(|e| (e.line, e.column, e.message)),
                slow_error.map(|e| (e.line, e.column, e.message))
            );
        }
    }

    #[test]
    fn every_event_after_the_first_is_read_ahead_of_quick_xml() {
        let xml = "<r><s>\n  <rec a=\"1\"/>\n  <rec a=\"2\"/>\n  <rec a=\"3\"/>\n</s></r>";
        let mut r = XmlReader::new(xml, Limits::DEFAULT).unwrap();
        let mut records = 0;
        while let Some(item) = r.next_item(&|n| n == "rec").unwrap() {
            records += usize::from(matches!(item, Item::Record(_)));
        }
        assert_eq!((records, r.read_ahead), (3, 2));
    }

    /// Pieces of documents: records as ScheduleFlow writes them and as it does not, and what
    /// lies between them.
    const PIECES: &[&str] = &[
        "<rec a=\"1\" b='two'/>",
        "\n  <rec id=\"x\"/>",
        "<rec/>",
        "<sf:rec a=\"1\"/>",
        "<rec a=\"x > y\" b='it\"s'/>",
        "<rec a=\"&amp;&#10;\"/>",
        "<rec a=\"&nope;\"/>",
        "<rec a=\"1\" a=\"2\"/>",
        "<rec a=1/>",
        "<rec a=\"unclosed/>",
        "<rec a=\"a value longer than twelve\"/>",
        "<rec a=\"1\">text</rec>",
        "<rec><child c=\"1\"/></rec>",
        "<other x=\"1\"/>",
        "<box><rec a=\"1\"/></box>",
        "<box>",
        "</box>",
        "</root>",
        "<!-- a comment -->",
        "<?pi x?>",
        "text",
        " ",
        "\t\r\n",
        "<rec a=\"1\" / >",
        "<rec\ta=\"1\"\n/>",
        "<1rec/>",
        "<",
        "<rec a=\"1\"",
        "&amp;",
        "<![CDATA[x]]>",
        // Tags whose end the attributes' reading has to find as quick-xml does.
        "<rec a\"b=\"1\"/>",
        "<rec a>b=\"1\"/>",
        "<rec a/b=\"1\"/>",
        "<rec a=\"1\"b=\"2\"/>",
        "<rec a = '1' />",
        "<rec a=\"1\"/ >",
        "<rec  />",
        "<rec a=\"x/>y\"/>",
        "<rec a=\"1\" b/>",
        "<rec a=\"1\"></rec>",
        "<rec a='1'/",
    ];

    fn records(xml: &str) -> Result<Vec<XmlElement<'_>>, ImportError> {
        records_within(xml, Limits::DEFAULT)
    }

    fn records_within(xml: &str, limits: Limits) -> Result<Vec<XmlElement<'_>>, ImportError> {
        let mut r = XmlReader::new(xml, limits)?;
        let mut out = Vec::new();
        while let Some(item) = r.next_item(&|n| n == "rec")? {
            if let Item::Record(e) = item {
                out.push(e);
            }
        }
        Ok(out)
    }

    #[test]
    fn reads_records_with_attributes_text_and_children() {
        let xml = "<?xml version=\"1.0\"?>\n<root><rec a=\"1 &amp; 2\" b=\"x&#10;y\">T&lt;i&#x74;le<c>inner</c><![CDATA[<raw>]]></rec></root>";
        let recs = records(xml).unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].attr("a"), Some("1 & 2"));
        assert_eq!(recs[0].attr("b"), Some("x\ny"));
        assert_eq!(recs[0].text, "T<itle<raw>");
        assert_eq!(recs[0].child_text("c"), Some("inner"));
    }

    #[test]
    fn names_match_with_or_without_a_prefix() {
        assert!(has_local_name("EventId", "EventId"));
        assert!(has_local_name("bxf:EventId", "EventId"));
        assert!(!has_local_name("MyEventId", "EventId"));
        assert!(!has_local_name("Id", "EventId"));
        assert_eq!(local_name("a:b:c"), "c");
    }

    #[test]
    fn escape_round_trips_through_attributes() {
        let value = "a\tb\nc\r\nd <&> \"q\" 'a'";
        let xml = format!("<root><rec v=\"{}\"/></root>", escape(value));
        assert_eq!(records(&xml).unwrap()[0].attr("v"), Some(value));
    }

    #[test]
    fn refuses_entity_declarations_and_unknown_entities() {
        let laughs =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">]>\n<root>&lol;</root>";
        let err = records(laughs).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("refuses"), "{}", err.message);
        let err = records("<root><rec>&nbsp;</rec></root>").unwrap_err();
        assert!(err.message.contains("not defined"));
        assert!(records("<!DOCTYPE tv SYSTEM \"xmltv.dtd\"><root/>").is_ok());
    }

    #[test]
    fn enforces_depth_and_value_limits() {
        let deep = format!("<root>{}{}</root>", "<a>".repeat(100), "</a>".repeat(100));
        assert!(records(&deep).unwrap_err().message.contains("deeper"));
        let long = format!("<root><rec v=\"{}\"/></root>", "x".repeat(70_000));
        assert!(records(&long).unwrap_err().message.contains("longer"));
    }

    #[test]
    fn reports_truncation_and_malformed_markup_with_positions() {
        let err = records("<root>\n<rec>\n<c>x</c>").unwrap_err();
        assert!(err.message.contains("truncated"), "{}", err.message);
        let err = records("<root>\n  <rec></wrong></root>").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(records("").unwrap_err().message.contains("no root"));
        let err = records("<root/> stray").unwrap_err();
        assert_eq!(
            (err.line, err.column, err.message.as_str()),
            (1, 8, "text outside the root element")
        );
        assert!(records("<root/>\n  \n").is_ok());
        assert_eq!(
            records("<root/><![CDATA[x]]>").unwrap_err().message,
            "content outside the root element"
        );
        assert!(records("<root><![CDATA[x]]>&amp;<rec/></root>").is_ok());
        // Cut off between records, and a DOCTYPE inside a record.
        assert_eq!(
            records("<root><rec/>").unwrap_err().message,
            "the document ends before its elements are closed; the file may be truncated"
        );
        assert_eq!(
            records("<root><rec><!DOCTYPE x></rec></root>")
                .unwrap_err()
                .message,
            "a DOCTYPE inside an element"
        );
        assert!(records("<a/><b/>")
            .unwrap_err()
            .message
            .contains("second root"));
    }

    #[test]
    fn attributes_are_read_with_either_quote_and_spaces_around_the_equals_sign() {
        let got: Vec<_> = Attrs::new(" a=\"1\" b = 'two words'\n\tc=\"it's\" d=\"\"/")
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            got,
            [
                ("a", "1", true),
                ("b", "two words", true),
                ("c", "it's", true),
                ("d", "", true)
            ]
        );
        let plain: Vec<bool> = Attrs::new(" a=\"x&amp;y\" b=\"1\n2\" c='\t' d=\"\r\" e=\"ok\"")
            .map(|a| a.unwrap().2)
            .collect();
        assert_eq!(plain, [false, false, false, false, true]);
        // Past the first 32 bytes a value is searched and checked in a second loop.
        let long = "x".repeat(40);
        let raw = format!(
            " a=\"{long}&amp;\" b=\"{long}\t\" c=\"{long}\" d='{long}\"' e=\"{long}&amp;\n\""
        );
        let got: Vec<(&str, bool)> = Attrs::new(&raw)
            .map(|a| a.map(|(_, value, plain)| (value, plain)).unwrap())
            .collect();
        assert_eq!(
            got,
            [
                (format!("{long}&amp;").as_str(), false),
                (format!("{long}\t").as_str(), false),
                (long.as_str(), true),
                (format!("{long}\"").as_str(), true),
                (format!("{long}&amp;\n").as_str(), false),
            ]
        );
        assert_eq!(Attrs::new("").count(), 0);
        assert_eq!(Attrs::new("  / ").count(), 0);
    }

    #[test]
    fn a_malformed_attribute_says_what_is_wrong_and_reading_stops() {
        let first_error = |raw: &str| Attrs::new(raw).find_map(Result::err);
        assert_eq!(
            first_error(" a"),
            Some("'a' has no value ('=' and a quoted value)".into())
        );
        assert_eq!(
            first_error(" a=1"),
            Some("the value of 'a' is not in quotes".into())
        );
        assert_eq!(
            first_error(" a=\"1"),
            Some("the value of 'a' has no closing quote".into())
        );
        assert_eq!(
            first_error(" =\"1\""),
            Some("a value without an attribute name".into())
        );
        assert_eq!(Attrs::new(" a b=\"1\"").count(), 1);
        let err = records("<root><rec a=1/></root>").unwrap_err();
        assert_eq!(
            (err.line, err.column, err.message.as_str()),
            (
                1,
                7,
                "a malformed attribute: the value of 'a' is not in quotes"
            )
        );
    }

    #[test]
    fn an_attribute_given_twice_is_refused_where_its_element_starts() {
        let err = records("<root>\n  <rec a=\"1\" b=\"2\" a=\"3\"/></root>").unwrap_err();
        assert_eq!(
            (err.line, err.column, err.message.as_str()),
            (
                2,
                3,
                "a malformed attribute: the attribute 'a' is given twice"
            )
        );
        // A prefix makes another name.
        assert!(records("<root><rec a=\"1\" x:a=\"2\" b=\"3\"/></root>").is_ok());
        assert!(records("<root><rec><c d=\"1\" d=\"1\"/></rec></root>").is_err());
    }

    #[test]
    fn each_limit_admits_its_own_figure_and_refuses_one_more() {
        let limits = Limits {
            max_depth: 3,
            max_elements: 4,
            max_field_bytes: 5,
            ..Limits::DEFAULT
        };
        let read = |xml: &str| records_within(xml, limits).map(|r| r.len());
        assert_eq!(read("<root><a><rec v=\"12345\"/></a></root>"), Ok(1));
        let refused = |xml: &str| read(xml).unwrap_err().message;
        assert_eq!(
            refused("<root><a><b><c/></b></a></root>"),
            "elements are nested deeper than 3 levels"
        );
        assert_eq!(read("<root><rec/><rec/><rec/></root>"), Ok(3));
        assert_eq!(
            refused("<root><rec/><rec/><rec/><rec/></root>"),
            "the document has more than 4 elements"
        );
        assert_eq!(
            refused("<root><rec v=\"123456\"/></root>"),
            "a value of 6 bytes is longer than the 5-byte limit"
        );
    }

    #[test]
    fn a_value_in_pieces_counts_all_its_pieces_against_the_limit() {
        let limits = Limits {
            max_field_bytes: 5,
            ..Limits::DEFAULT
        };
        // One byte, a comment, five bytes: six in all, one over.
        let err = records_within("<root><rec>a<!---->bcdef</rec></root>", limits).unwrap_err();
        assert_eq!(
            err.message,
            "a value of 6 bytes is longer than the 5-byte limit"
        );
        let recs = records_within("<root><rec>a<!---->bcde</rec></root>", limits).unwrap();
        assert_eq!(recs[0].text, "abcde");
    }

    #[test]
    fn an_internal_subset_is_refused_even_without_entities() {
        let err = records("<!DOCTYPE root [<!ELEMENT root ANY>]>\n<root/>").unwrap_err();
        assert!(
            err.message.starts_with("the document declares a DTD"),
            "{}",
            err.message
        );
    }

    #[test]
    fn line_breaks_and_tabs_in_attribute_values_read_as_spaces() {
        let recs = records("<root><rec v=\"a\r\nb\tc\nd\re\"/></root>").unwrap();
        assert_eq!(recs[0].attr("v"), Some("a b c d e"));
    }
}
