//! Keeping diagnostics up to date edit by edit gives exactly what validating the whole
//! schedule again gives, on schedules with gaps, overlaps, unknown and zero lengths, shared ids
//! and lists out of time order, after any edit, undo or redo.

use proptest::prelude::*;

use super::*;
use crate::edit::tests::{arb_edit, sample};
use crate::edit::History;
use crate::session::Session;
use crate::validate::validate;

/// A way to spoil a clean synthetic schedule.
#[derive(Debug, Clone)]
pub(in crate::validate) enum Twist {
    UnknownLength(usize),
    NoLength(usize),
    Id(usize, &'static str),
    Nudge(usize, i64),
    Long(usize),
}

pub(in crate::validate) fn arb_twist() -> impl Strategy<Value = Twist> {
    let index = 0usize..14;
    prop_oneof![
        index.clone().prop_map(Twist::UnknownLength),
        index.clone().prop_map(Twist::NoLength),
        (
            index.clone(),
            prop::sample::select(vec!["filler", "filler-2", "ev000001", "x"])
        )
            .prop_map(|(i, id)| Twist::Id(i, id)),
        (index.clone(), -40_000i64..40_000).prop_map(|(i, by)| Twist::Nudge(i, by)),
        index.prop_map(Twist::Long),
    ]
}

pub(in crate::validate) fn twisted(size: usize, twists: &[Twist], in_order: bool) -> Schedule {
    let mut s = sample(size);
    for twist in twists {
        let (Twist::UnknownLength(i)
        | Twist::NoLength(i)
        | Twist::Id(i, _)
        | Twist::Nudge(i, _)
        | Twist::Long(i)) = *twist;
        let Some(event) = s.events.get_mut(i) else {
            continue;
        };
        match *twist {
            Twist::UnknownLength(_) => event.duration = None,
            Twist::NoLength(_) => event.duration = Some(Frames::ZERO),
            Twist::Id(_, id) => event.id = crate::model::EventId::new(id),
            Twist::Nudge(_, by) => event.start += Frames(by),
            Twist::Long(_) => event.duration = Some(Frames(200_000)),
        }
    }
    if in_order {
        s.events.sort_by_key(|e| e.start);
    }
    s
}

#[derive(Debug, Clone)]
enum Action {
    Edit(Box<Edit>),
    /// Applies the first fix of the nth diagnostic that has one (a gap's filler, a trim...).
    Fix(usize),
    Undo,
    Redo,
}

fn arb_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => arb_edit().prop_map(|e| Action::Edit(Box::new(e))),
        2 => (0usize..6).prop_map(Action::Fix),
        1 => Just(Action::Undo),
        1 => Just(Action::Redo),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn diagnostics_kept_up_to_date_equal_a_full_check_after_every_step(
        size in 0usize..14,
        twists in proptest::collection::vec(arb_twist(), 0..6),
        in_order in prop::bool::weighted(0.85),
        actions in proptest::collection::vec(arb_action(), 1..25),
    ) {
        let mut session = Session::new(twisted(size, &twists, in_order), History::new());
        for action in actions {
            match action {
                Action::Edit(edit) => { let _ = session.apply(&edit); }
                Action::Fix(n) => {
                    let fix = session.diagnostics().iter().filter_map(|d| d.fixes.first()).nth(n).cloned();
                    if let Some(fix) = fix {
                        let _ = session.apply(&fix.edit);
                    }
                }
                Action::Undo => { session.undo(); }
                Action::Redo => { session.redo(); }
            }
            let full = validate(session.schedule());
            prop_assert_eq!(session.diagnostics(), full.as_slice());
            // The timeline found by binary search shows what the sorted whole shows.
            for day in crate::timeline::days(session.schedule()) {
                prop_assert_eq!(
                    session.strip(day),
                    crate::timeline::strip(session.schedule(), day, &full)
                );
            }
            prop_assert_eq!(session.ids(), Some(&IdCounts::of(session.schedule())));
        }
    }
}

#[test]
fn an_edit_far_from_a_problem_keeps_its_diagnostic_and_moves_its_position() {
    let mut s = sample(40);
    s.events[30].start += Frames(50);
    let mut session = Session::new(s, History::new());
    let gap_at = |session: &Session| {
        session
            .diagnostics()
            .iter()
            .filter(|d| d.code == Code::Gap)
            .map(|d| d.index)
            .collect::<Vec<_>>()
    };
    assert_eq!(gap_at(&session), vec![Some(30)]);
    session
        .apply(&Edit::Delete {
            index: 2,
            ripple: false,
        })
        .unwrap();
    assert_eq!(gap_at(&session), vec![Some(2), Some(29)]);
    assert_eq!(
        session.diagnostics(),
        validate(session.schedule()).as_slice()
    );
}
