//! A step's JSON, as the edit log stores it, written a piece at a time: a step that replaces a
//! month of events (rules applied to dates) is megabytes of text, which the page writes between
//! frames. Joined, the pieces are exactly `serde_json::to_string(step)`.

use serde::Serialize;

use super::{Op, Step, Transaction};
use crate::model::Event;

/// The pieces of `step`'s JSON, runs of events written `per_piece` at a time; each piece is
/// written only when the iterator comes to it.
pub fn step_pieces(step: &Step, per_piece: usize) -> StepPieces<'_> {
    let per_piece = per_piece.max(1);
    let whole = |step| StepPieces {
        parts: vec![Part::Whole(step)],
        next: 0,
    };
    let Step::Do { tx } = step else {
        return whole(step);
    };
    if !tx.ops.iter().any(|op| matches!(op, Op::Splice { .. })) {
        return whole(step);
    }
    let envelope = json(&Step::Do {
        tx: Transaction {
            label: tx.label.clone(),
            ops: Vec::new(),
        },
    });
    // The label is a JSON string, whose quotes are escaped: the bare key is the ops' own.
    let Some((head, tail)) = split_after(&envelope, r#""ops":["#) else {
        return whole(step);
    };
    let mut parts = vec![Part::Text(head.to_owned())];
    for (n, op) in tx.ops.iter().enumerate() {
        let comma = if n == 0 { "" } else { "," };
        let Op::Splice {
            index,
            removed,
            inserted,
        } = op
        else {
            parts.push(Part::Op(comma, op));
            continue;
        };
        let bare = json(&Op::Splice {
            index: *index,
            removed: Vec::new().into(),
            inserted: Vec::new().into(),
        });
        let cut = split_after(&bare, r#""removed":["#).and_then(|(start, rest)| {
            let (between, end) = split_after(rest, r#""inserted":["#)?;
            Some((start, between, end))
        });
        let Some((start, between, end)) = cut else {
            parts.push(Part::Op(comma, op));
            continue;
        };
        parts.push(Part::Text(format!("{comma}{start}")));
        runs(&mut parts, removed, per_piece);
        parts.push(Part::Text(between.to_owned()));
        runs(&mut parts, inserted, per_piece);
        parts.push(Part::Text(end.to_owned()));
    }
    parts.push(Part::Text(tail.to_owned()));
    StepPieces { parts, next: 0 }
}

/// The pieces of a step's JSON, written one at a time (see [`step_pieces`]).
#[derive(Debug)]
pub struct StepPieces<'s> {
    parts: Vec<Part<'s>>,
    next: usize,
}

#[derive(Debug)]
enum Part<'s> {
    Whole(&'s Step),
    Text(String),
    /// An op other than a splice, after a comma or not.
    Op(&'static str, &'s Op),
    /// A run of events: the elements of their JSON array, after a comma or not.
    Events(&'static str, &'s [Event]),
}

impl Iterator for StepPieces<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        let part = self.parts.get_mut(self.next)?;
        self.next += 1;
        Some(match part {
            Part::Whole(step) => json(*step),
            Part::Text(text) => std::mem::take(text),
            Part::Op(comma, op) => format!("{comma}{}", json(*op)),
            Part::Events(comma, run) => {
                let array = json(*run);
                format!("{comma}{}", &array[1..array.len() - 1])
            }
        })
    }
}

/// `text` cut after the first `marker`, if it has one.
fn split_after<'t>(text: &'t str, marker: &str) -> Option<(&'t str, &'t str)> {
    let at = text.find(marker)? + marker.len();
    Some(text.split_at(at))
}

/// `events` as runs of `per_piece`, the elements of one JSON array (commas between).
fn runs<'s>(parts: &mut Vec<Part<'s>>, events: &'s [Event], per_piece: usize) {
    for (n, run) in events.chunks(per_piece).enumerate() {
        parts.push(Part::Events(if n == 0 { "" } else { "," }, run));
    }
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    // Steps, ops and events are plain data with string keys: serialising cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::edit::tests::{arb_edit, sample};
    use crate::edit::History;

    proptest! {
        /// Whatever the edit, its step's pieces join into its JSON, for pieces of any size.
        #[test]
        fn a_steps_pieces_join_into_its_json(
            size in 0usize..14,
            edits in proptest::collection::vec(arb_edit(), 1..6),
            per_piece in 1usize..5,
        ) {
            let mut schedule = sample(size);
            let mut history = History::new();
            for edit in edits {
                let Ok(step) = history.apply_step(&mut schedule, &edit) else { continue };
                let whole = serde_json::to_string(&step).unwrap();
                prop_assert_eq!(step_pieces(&step, per_piece).collect::<String>(), whole);
            }
            prop_assert_eq!(step_pieces(&Step::Undo, 2).collect::<String>(), r#"{"step":"undo"}"#);
        }
    }

    #[test]
    fn a_splice_is_written_a_few_events_a_piece() {
        let schedule = sample(7);
        let step = Step::Do {
            tx: Transaction {
                label: r#"Apply "ops":[] the plan"#.into(),
                ops: vec![
                    Op::Shift {
                        range: 0..2,
                        delta: crate::time::Frames(5),
                    },
                    Op::Splice {
                        index: 1,
                        removed: schedule.events[1..6].into(),
                        inserted: schedule.events[2..4].into(),
                    },
                ],
            },
        };
        let pieces: Vec<String> = step_pieces(&step, 2).collect();
        // Head, shift; splice head, 3 pieces removed, between, 1 piece inserted, splice end; tail.
        assert_eq!(pieces.len(), 10, "{pieces:?}");
        assert_eq!(pieces.concat(), serde_json::to_string(&step).unwrap());
    }
}
