//! Runs of events moving in and out of a schedule: copies made ahead of the step that puts a
//! run in, and the events a step takes out, so that a step moves events instead of copying
//! or freeing them one by one.
//!
//! A month of events spliced in was copied event by event (each copy allocating its strings)
//! inside the step, and an undo freed the run it took out the same way: a page held for 60–90 ms
//! where the step itself is a move. Made ahead a piece at a time ([`Runs::copy_some`]) and freed
//! after it a piece at a time ([`Runs::free_some`]), the copying and freeing happen between
//! frames.

use std::sync::Arc;

use crate::model::{Event, EventKind};
use crate::time::Frames;

use super::{Edit, Op, Transaction};

/// Copies of one run made ahead, and what steps took out.
#[derive(Debug, Default)]
pub struct Runs {
    /// Copies of a run (the run shared with the op or edit that will put it in).
    ready: Option<(Arc<[Event]>, Vec<Event>)>,
    /// Events steps took out, and the runs of undo steps a history let go of, to free a piece
    /// at a time.
    out: Vec<Out>,
}

/// Something a step let go of.
#[derive(Debug)]
enum Out {
    Events(std::vec::IntoIter<Event>),
    /// A shared run: its events are freed in place once nothing else holds it.
    Run(Arc<[Event]>, usize),
}

impl Runs {
    /// Makes up to `budget` more copies of `run`, starting afresh if the copies made are of
    /// another run; `true` once every event of it has its copy.
    pub fn copy_some(&mut self, run: &Arc<[Event]>, budget: usize) -> bool {
        let fresh = !matches!(&self.ready, Some((of, _)) if Arc::ptr_eq(of, run));
        if fresh {
            self.unready();
            self.ready = Some((run.clone(), Vec::with_capacity(run.len())));
        }
        let Some((_, copies)) = &mut self.ready else {
            return true;
        };
        let done = copies.len();
        let end = done.saturating_add(budget.max(1)).min(run.len());
        copies.extend(run[done..end].iter().cloned());
        copies.len() == run.len()
    }

    /// The events of `run` to put into a schedule: the copies made ahead when they are all
    /// made, else copies made now.
    pub(crate) fn copies_of(&mut self, run: &Arc<[Event]>) -> Vec<Event> {
        match self.ready.take() {
            Some((of, copies)) if Arc::ptr_eq(&of, run) && copies.len() == run.len() => copies,
            other => {
                self.ready = other;
                run.to_vec()
            }
        }
    }

    /// Keeps events a step took out, to free later.
    pub(crate) fn take_out(&mut self, events: Vec<Event>) {
        if !events.is_empty() {
            self.out.push(Out::Events(events.into_iter()));
        }
    }

    /// Keeps transactions a history let go of (a cleared redo stack, the oldest undo step), to
    /// free later.
    pub(crate) fn let_go(&mut self, transactions: Vec<Transaction>) {
        let mut runs = Vec::new();
        for tx in transactions {
            for op in tx.ops {
                if let Op::Splice {
                    removed, inserted, ..
                } = op
                {
                    runs.extend([removed, inserted]);
                }
            }
        }
        self.out
            .extend(runs.into_iter().map(|run| Out::Run(run, 0)));
    }

    /// Drops copies made ahead that no step took, to free later.
    pub(crate) fn unready(&mut self) {
        if let Some((_, copies)) = self.ready.take() {
            self.take_out(copies);
        }
    }

    /// Frees up to about `budget` more of what steps took out; `true` once nothing is left.
    pub fn free_some(&mut self, budget: usize) -> bool {
        while let Some(out) = self.out.last_mut() {
            let finished = match out {
                Out::Events(events) => {
                    events.by_ref().take(budget).for_each(drop);
                    events.len() == 0
                }
                Out::Run(run, freed) => match Arc::get_mut(run) {
                    Some(events) => {
                        let end = freed.saturating_add(budget).min(events.len());
                        for event in &mut events[*freed..end] {
                            drop(std::mem::replace(event, emptied()));
                        }
                        *freed = end;
                        end == events.len()
                    }
                    // Held elsewhere too (a log record not yet written): that holder frees it.
                    None => true,
                },
            };
            if !finished {
                return false;
            }
            self.out.pop();
        }
        true
    }

    /// The copies made ahead so far.
    #[cfg(test)]
    pub(crate) fn ready(&self) -> &[Event] {
        self.ready.as_ref().map_or(&[], |(_, copies)| copies)
    }

    /// Whether nothing is left to free (copies made ahead are not counted: they wait for a step).
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }
}

/// An event that owns nothing on the heap, left in place of a freed one.
fn emptied() -> Event {
    Event::new(
        String::new(),
        Frames::ZERO,
        Frames::ZERO,
        String::new(),
        EventKind::Programme,
    )
}

/// The longest run a splice of `edit` puts in.
pub(crate) fn edit_run(edit: &Edit) -> Option<&Arc<[Event]>> {
    match edit {
        Edit::Splice { events, .. } => Some(events),
        Edit::Batch { edits, .. } => edits
            .iter()
            .filter_map(edit_run)
            .max_by_key(|run| run.len()),
        _ => None,
    }
}

/// The longest run undoing (`undo`) or redoing `tx` puts in.
pub(crate) fn transaction_run(tx: &Transaction, undo: bool) -> Option<&Arc<[Event]>> {
    tx.ops
        .iter()
        .filter_map(|op| match op {
            Op::Splice {
                removed, inserted, ..
            } => Some(if undo { removed } else { inserted }),
            _ => None,
        })
        .max_by_key(|run| run.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(n: usize) -> Arc<[Event]> {
        (0..n)
            .map(|i| {
                Event::new(
                    format!("e{i}"),
                    Frames(i as i64 * 10),
                    Frames(10),
                    format!("Event {i}"),
                    EventKind::Promo,
                )
            })
            .collect()
    }

    /// Where an event's title lives: a copy moved keeps it, a copy made anew does not.
    fn title_at(events: &[Event]) -> Vec<*const u8> {
        events.iter().map(|e| e.title.as_ptr()).collect()
    }

    #[test]
    fn copies_made_ahead_in_pieces_are_moved_in_not_copied_again() {
        let events = run(5);
        let mut runs = Runs::default();
        assert!(!runs.copy_some(&events, 2));
        assert!(!runs.copy_some(&events, 2));
        assert!(runs.copy_some(&events, 2), "five events two at a time");
        let made = title_at(&runs.ready.as_ref().unwrap().1);
        let copies = runs.copies_of(&events);
        assert_eq!(copies, events.to_vec());
        assert_eq!(title_at(&copies), made);
        assert!(runs.ready.is_none() && runs.is_empty());
    }

    #[test]
    fn copies_of_another_run_or_not_all_made_are_not_used() {
        let events = run(4);
        let other = run(4);
        let mut runs = Runs::default();
        assert!(!runs.copy_some(&events, 3));
        let now = runs.copies_of(&events);
        assert_eq!(now, events.to_vec());
        assert_eq!(runs.ready.as_ref().map(|(_, c)| c.len()), Some(3), "kept");
        // The same events in another run: made for that run afresh, the old ones let go.
        assert!(runs.copy_some(&other, 9));
        assert!(!runs.is_empty(), "the three copies no longer wanted");
        let made = title_at(&runs.ready.as_ref().unwrap().1);
        assert_ne!(title_at(&runs.copies_of(&events)), made);
        assert_eq!(title_at(&runs.copies_of(&other)), made);
    }

    #[test]
    fn what_steps_take_out_is_freed_a_piece_at_a_time() {
        let mut runs = Runs::default();
        runs.take_out(run(3).to_vec());
        runs.take_out(Vec::new());
        assert_eq!(runs.out.len(), 1, "nothing to keep of an empty run");
        assert!(!runs.free_some(2));
        assert!(runs.free_some(2));
        assert!(runs.is_empty());
    }

    #[test]
    fn a_dropped_steps_runs_are_emptied_in_place_unless_held_elsewhere() {
        let held = run(3);
        let tx = Transaction {
            label: "Splice".into(),
            ops: vec![
                Op::Splice {
                    index: 0,
                    removed: run(4),
                    inserted: held.clone(),
                },
                Op::Remove {
                    index: 0,
                    event: run(1)[0].clone(),
                },
            ],
        };
        let mut runs = Runs::default();
        runs.let_go(vec![tx]);
        assert_eq!(runs.out.len(), 2, "the two runs, not the single event");
        // The held run goes first (it is last in): only its reference is dropped.
        assert!(!runs.free_some(3));
        assert_eq!(held.to_vec(), run(3).to_vec());
        assert_eq!(Arc::strong_count(&held), 1);
        let Some(Out::Run(removed, freed)) = runs.out.last() else {
            panic!("the removed run: {:?}", runs.out);
        };
        assert_eq!(*freed, 3);
        assert!(removed[..3].iter().all(|e| *e == emptied()));
        assert_ne!(removed[3], emptied());
        assert!(runs.free_some(3));
        assert!(runs.is_empty());
    }

    #[test]
    fn the_longest_run_of_an_edit_or_its_undo_and_redo_is_the_one_prepared() {
        let (short, long) = (run(2), run(5));
        let splice = |events: &Arc<[Event]>| Edit::Splice {
            index: 0,
            count: 1,
            events: events.clone(),
        };
        let batch = Edit::Batch {
            label: "Both".into(),
            edits: vec![
                splice(&short),
                splice(&long),
                Edit::Delete {
                    index: 0,
                    ripple: false,
                },
            ],
        };
        assert!(Arc::ptr_eq(edit_run(&batch).unwrap(), &long));
        assert!(Arc::ptr_eq(edit_run(&splice(&short)).unwrap(), &short));
        assert!(edit_run(&Edit::Delete {
            index: 0,
            ripple: false
        })
        .is_none());
        let tx = Transaction {
            label: "Splice".into(),
            ops: vec![Op::Splice {
                index: 0,
                removed: long.clone(),
                inserted: short.clone(),
            }],
        };
        assert!(Arc::ptr_eq(transaction_run(&tx, true).unwrap(), &long));
        assert!(Arc::ptr_eq(transaction_run(&tx, false).unwrap(), &short));
        let plain = Transaction {
            label: "Delete".into(),
            ops: vec![],
        };
        assert!(transaction_run(&plain, true).is_none());
    }
}
