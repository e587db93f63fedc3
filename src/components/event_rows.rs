//! The event grid's rows in view as HTML text, which the page parses in one go.
//!
//! Scrolling builds every row in view again (with big jumps, none can be kept). Built element by
//! element, each row crossed from wasm to the browser some thirty times (its elements, their
//! roles and attributes, its texts), and on a 2-core machine that alone took a frame's budget;
//! the browser's HTML parser makes the same rows from one string. Text from the schedule is
//! escaped here, so a title can never become markup. How a row stands with the person (selected,
//! the keyboard's row, a drop's place) is not in the markup: it changes without the rows, and is
//! set on the rows in the page (`RowMarks`).

use std::fmt::Write;

use scheduleflow_engine::validate::Severity;
use scheduleflow_engine::view::EventRow;

use crate::state::Selection;

/// How a row stands with the person using the grid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowMarks {
    pub selected: bool,
    /// The row the keyboard is on.
    pub cursor: bool,
    /// A drag would drop before this row.
    pub drop_before: bool,
}

impl RowMarks {
    /// The marks of row `index`, given the selection and where a drag would drop.
    pub fn of(selection: &Selection, drop_at: Option<usize>, index: usize) -> RowMarks {
        RowMarks {
            selected: selection.contains(index),
            cursor: selection.cursor() == Some(index),
            drop_before: drop_at == Some(index),
        }
    }

    /// Each mark's class on the row, and whether the row has it.
    pub fn classes(self) -> [(&'static str, bool); 3] {
        [
            ("selected", self.selected),
            ("cursor", self.cursor),
            ("drop-before", self.drop_before),
        ]
    }
}

/// The element id of row `index`, for `aria-activedescendant`.
pub fn row_id(index: usize) -> String {
    format!("event-row-{index}")
}

/// The rows, in order, each with its worst diagnostic, none of them marked.
pub fn rows_markup(rows: &[(EventRow, Option<Severity>)]) -> String {
    let mut out = String::with_capacity(rows.len() * 640);
    for (row, worst) in rows {
        push_row(&mut out, row, *worst);
    }
    out
}

fn push_row(out: &mut String, row: &EventRow, worst: Option<Severity>) {
    let index = row.index;
    let health = match worst {
        Some(Severity::Error) => "row-error",
        Some(Severity::Warning) => "row-warning",
        None => "",
    };
    // Writing to a `String` cannot fail.
    let _ = write!(
        out,
        r#"<div role="row" id="{id}" aria-rowindex="{rowindex}" aria-selected="false" class="{health}" data-index="{index}" draggable="true">"#,
        id = row_id(index),
        rowindex = index + 2,
    );
    for (class, text) in [
        ("mono", row.start.as_str()),
        ("mono", &row.end),
        ("mono", &row.duration),
        ("title", &row.title),
        ("", row.kind.as_str()),
        ("source", &row.source),
        ("", row.start_mode.as_str()),
        ("mono", &row.id),
    ] {
        out.push_str(r#"<div role="gridcell""#);
        if !class.is_empty() {
            let _ = write!(out, r#" class="{class}""#);
        }
        out.push('>');
        push_text(out, text);
        out.push_str("</div>");
    }
    out.push_str("</div>");
}

/// `text` as HTML text content: the characters that could start markup or a character
/// reference are written as references.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(index: usize, title: &str) -> EventRow {
        EventRow {
            index,
            id: format!("ev-{index}"),
            start: "06:00:00:00".into(),
            end: "06:30:00:00".into(),
            duration: "00:30:00:00".into(),
            title: title.into(),
            kind: scheduleflow_engine::model::EventKind::Programme,
            source: "news.mxf".into(),
            start_mode: scheduleflow_engine::model::StartMode::Follow,
        }
    }

    #[test]
    fn a_row_is_a_grid_row_of_eight_cells_that_names_its_place() {
        let markup = rows_markup(&[(row(7, "News"), None)]);
        assert_eq!(
            markup,
            concat!(
                r#"<div role="row" id="event-row-7" aria-rowindex="9" aria-selected="false" class="" data-index="7" draggable="true">"#,
                r#"<div role="gridcell" class="mono">06:00:00:00</div>"#,
                r#"<div role="gridcell" class="mono">06:30:00:00</div>"#,
                r#"<div role="gridcell" class="mono">00:30:00:00</div>"#,
                r#"<div role="gridcell" class="title">News</div>"#,
                r#"<div role="gridcell">programme</div>"#,
                r#"<div role="gridcell" class="source">news.mxf</div>"#,
                r#"<div role="gridcell">follow</div>"#,
                r#"<div role="gridcell" class="mono">ev-7</div>"#,
                "</div>"
            )
        );
    }

    #[test]
    fn rows_carry_their_worst_diagnostic() {
        let rows = [
            (row(1, "A"), Some(Severity::Error)),
            (row(2, "B"), Some(Severity::Warning)),
            (row(3, "C"), None),
        ];
        let heads: Vec<String> = rows_markup(&rows)
            .split("<div role=\"row\" ")
            .skip(1)
            .map(|r| r[..r.find('>').unwrap_or(r.len())].to_string())
            .collect();
        assert_eq!(
            heads,
            [
                r#"id="event-row-1" aria-rowindex="3" aria-selected="false" class="row-error" data-index="1" draggable="true""#,
                r#"id="event-row-2" aria-rowindex="4" aria-selected="false" class="row-warning" data-index="2" draggable="true""#,
                r#"id="event-row-3" aria-rowindex="5" aria-selected="false" class="" data-index="3" draggable="true""#,
            ]
        );
    }

    #[test]
    fn a_row_is_marked_by_the_selection_the_cursor_and_a_drop_on_it_alone() {
        let mut selection = Selection::of([2, 4]);
        selection.click(4, false, true); // Ctrl-click: 4 leaves the selection, the cursor on it
        let marks: Vec<RowMarks> = (1..=4)
            .map(|i| RowMarks::of(&selection, Some(3), i))
            .collect();
        let mark = |selected, cursor, drop_before| RowMarks {
            selected,
            cursor,
            drop_before,
        };
        assert_eq!(
            marks,
            [
                mark(false, false, false),
                mark(true, false, false),
                mark(false, false, true),
                mark(false, true, false),
            ]
        );
        assert_eq!(
            mark(true, false, true).classes(),
            [("selected", true), ("cursor", false), ("drop-before", true)]
        );
    }

    #[test]
    fn text_from_the_schedule_never_becomes_markup() {
        let mut hostile = row(0, r#"<img src=x onerror="alert(1)"> & &amp; <b>"#);
        hostile.id = "</div><script>".into();
        hostile.source = "a>b".into();
        let markup = rows_markup(&[(hostile, None)]);
        let cells: Vec<&str> = markup
            .split("<div role=\"gridcell\"")
            .skip(1)
            .map(|c| &c[c.find('>').map_or(0, |at| at + 1)..c.find("</div>").unwrap_or(c.len())])
            .collect();
        assert_eq!(
            cells,
            [
                "06:00:00:00",
                "06:30:00:00",
                "00:30:00:00",
                r#"&lt;img src=x onerror="alert(1)"&gt; &amp; &amp;amp; &lt;b&gt;"#,
                "programme",
                "a&gt;b",
                "follow",
                "&lt;/div&gt;&lt;script&gt;",
            ]
        );
    }

    #[test]
    fn no_rows_is_no_markup() {
        assert_eq!(rows_markup(&[]), "");
    }
}
