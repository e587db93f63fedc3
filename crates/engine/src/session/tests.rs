//! Session tests: the log a session writes replays to the same schedule and history.

use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::edit::{delete_events, move_events, Edit, History, Step};
use crate::generate::{sample_channel, schedule};
use crate::model::{Event, EventKind};
use crate::time::{FrameRate, Frames};

fn sample(events: usize) -> Schedule {
    let origin: Timestamp = "2026-03-27T05:00:00Z".parse().unwrap();
    schedule(events, 5, sample_channel(FrameRate::FPS_25), origin)
}

#[test]
fn undo_of_a_delete_gives_back_the_event_and_its_diagnostics() {
    let original = sample(6);
    let mut session = Session::new(original.clone(), History::new());
    let clean = session.diagnostics().to_vec();
    let step = session
        .apply(&Edit::Delete {
            index: 2,
            ripple: false,
        })
        .unwrap();
    assert!(matches!(step, Step::Do { .. }));
    assert_eq!(session.len(), 5);
    assert_ne!(session.diagnostics(), clean.as_slice(), "the hole is a gap");
    assert_eq!(session.undo(), Some(("Delete event".into(), Step::Undo)));
    assert_eq!(session.schedule(), &original);
    assert_eq!(session.diagnostics(), clean.as_slice());
    assert_eq!(session.redo_label(), Some("Delete event"));
}

#[test]
fn rows_are_clamped_and_carry_each_events_worst_problem() {
    let mut s = sample(4);
    s.events[3].duration = None;
    let session = Session::new(s, History::new());
    let rows = session.rows(2..99);
    assert_eq!(
        rows.iter().map(|(r, _)| r.index).collect::<Vec<_>>(),
        vec![2, 3]
    );
    assert_eq!(rows[0].1, None);
    assert_eq!(rows[1].1, Some(Severity::Warning));
    assert_eq!(session.rows(7..9), vec![]);
    assert_eq!(
        session.diagnostics_in(3..4).count(),
        session.diagnostics().len()
    );
    assert_eq!(session.diagnostics_in(0..3).count(), 0);
}

#[test]
fn a_log_that_does_not_fit_is_refused() {
    let err = Session::replay(sample(2), History::new(), &[Step::Undo]).unwrap_err();
    assert_eq!(err, ReplayError { position: 0 });
}

#[test]
fn the_summary_counts_what_the_session_validated() {
    let mut s = sample(3);
    s.events[1].duration = None;
    let session = Session::new(s.clone(), History::new());
    assert_eq!(session.summary(), Some(ScheduleSummary::of(&s)));
}

/// What a person might do next in the editor.
#[derive(Debug, Clone)]
enum Action {
    Edit(Edit),
    DeleteSelection(Vec<usize>),
    MoveSelection(Vec<usize>, bool),
    /// Replaces `count` events from `index` with `made` new ones.
    Splice(usize, usize, usize),
    Undo,
    Redo,
}

/// The step the session is about to take for `action`, and the edit it applies (if any).
fn edit_of(session: &Session, action: &Action) -> Option<Edit> {
    match action {
        Action::Edit(edit) => Some(edit.clone()),
        Action::DeleteSelection(sel) => delete_events(sel, true),
        Action::MoveSelection(sel, up) => move_events(session.schedule(), sel, *up),
        Action::Splice(index, count, made) => Some(Edit::Splice {
            index: *index,
            count: *count,
            events: (0..*made)
                .map(|k| {
                    let start = Frames((index * 500 + k * 40) as i64);
                    Event::new(
                        format!("s{index}-{k}"),
                        start,
                        Frames(40),
                        "Spot",
                        EventKind::Commercial,
                    )
                })
                .collect(),
        }),
        Action::Undo | Action::Redo => None,
    }
}

/// Takes `action`'s step: its log record, or `None` if it was refused or had nothing to do.
fn take(session: &mut Session, action: &Action) -> Option<Step> {
    match action {
        Action::Undo => session.undo().map(|(_, s)| s),
        Action::Redo => session.redo().map(|(_, s)| s),
        _ => edit_of(session, action).and_then(|e| session.apply(&e).ok()),
    }
}

fn arb_action() -> impl Strategy<Value = Action> {
    let index = 0usize..12;
    prop_oneof![
        (index.clone(), 1i64..400, any::<bool>()).prop_map(|(index, d, ripple)| Action::Edit(
            Edit::Insert {
                index,
                event: Event::new(
                    format!("n{d}"),
                    Frames(d * 3),
                    Frames(d),
                    "New",
                    EventKind::Promo
                ),
                ripple,
            }
        )),
        (index.clone(), 1i64..900, any::<bool>()).prop_map(|(index, d, ripple)| Action::Edit(
            Edit::Trim {
                index,
                duration: Frames(d),
                ripple
            }
        )),
        proptest::collection::vec(index.clone(), 1..4).prop_map(Action::DeleteSelection),
        (proptest::collection::vec(index, 1..4), any::<bool>())
            .prop_map(|(s, up)| Action::MoveSelection(s, up)),
        (0usize..12, 0usize..4, 0usize..5).prop_map(|(i, c, m)| Action::Splice(i, c, m)),
        Just(Action::Undo),
        Just(Action::Redo),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The edit log is the truth after a crash: replaying every logged step onto the stored
    /// starting point gives the very schedule and history the session had, after any prefix.
    #[test]
    fn replaying_the_log_rebuilds_the_schedule_and_its_history(
        size in 0usize..10,
        actions in proptest::collection::vec(arb_action(), 0..30),
    ) {
        let original = sample(size);
        let mut session = Session::new(original.clone(), History::new());
        let mut log = Vec::new();
        for action in actions {
            log.extend(take(&mut session, &action));
            let replayed = Session::replay(original.clone(), History::new(), &log).unwrap();
            prop_assert_eq!(replayed.schedule(), session.schedule());
            prop_assert_eq!(replayed.history(), session.history());
            prop_assert_eq!(replayed.diagnostics(), session.diagnostics());
        }
        // The log survives storage as JSON.
        let stored = serde_json::to_string(&log).unwrap();
        let read: Vec<Step> = serde_json::from_str(&stored).unwrap();
        prop_assert_eq!(read, log);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Copying a step's events ahead (all of them, some, or none; the copies then used or
    /// not) changes where the copies are made, never what the step does: the same schedule,
    /// history, diagnostics and log record as a session that copied nothing ahead, and once
    /// tidied nothing is left over.
    #[test]
    fn copying_ahead_gives_the_very_steps_of_a_session_that_did_not(
        size in 0usize..10,
        actions in proptest::collection::vec((arb_action(), 0usize..4), 0..30),
    ) {
        let original = sample(size);
        let mut plain = Session::new(original.clone(), History::new());
        let mut ahead = Session::opening(original, History::new());
        check_to_the_end(&mut ahead, usize::MAX);
        for (action, budget) in actions {
            let edit = edit_of(&ahead, &action);
            let next = match (&action, &edit) {
                (Action::Undo, _) => Next::Undo,
                (Action::Redo, _) => Next::Redo,
                (_, Some(edit)) => Next::Edit(edit),
                (_, None) => Next::Undo,
            };
            // Budget 0: nothing copied; 1–2: some (maybe all); 3: until all are made.
            match budget {
                0 => {}
                3 => while !ahead.prepare(next, 1) {},
                some => {
                    ahead.prepare(next, some);
                }
            }
            let step = take(&mut ahead, &action);
            prop_assert_eq!(step, take(&mut plain, &action));
            prop_assert_eq!(ahead.schedule(), plain.schedule());
            prop_assert_eq!(ahead.history(), plain.history());
            // A change that needs the whole list checked again checks it in steps here.
            check_to_the_end(&mut ahead, usize::MAX);
            prop_assert_eq!(ahead.diagnostics(), plain.diagnostics());
            prop_assert!(plain.is_tidy(), "a session checked in one go frees as it goes");
        }
        while !ahead.tidy(2) {}
        prop_assert!(ahead.is_tidy());
    }
}

/// Runs a session's check to its end `budget` events at a time; how many steps it took.
fn check_to_the_end(session: &mut Session, budget: usize) -> usize {
    let mut steps = 1;
    while !session.check_some(budget) {
        steps += 1;
        assert!(steps < 10_000, "the check does not end");
    }
    steps
}

#[test]
fn a_session_opened_in_steps_shows_rows_at_once_and_its_diagnostics_once_checked() {
    let mut s = sample(40);
    s.events[7].duration = None;
    s.events[30].id = s.events[2].id.clone();
    let whole = Session::new(s.clone(), History::new());
    let mut session = Session::opening(s, History::new());

    assert_eq!(session.checking(), Some(0));
    assert_eq!(session.diagnostics(), &[]);
    assert_eq!(session.ids(), None);
    assert_eq!(session.summary(), None);
    let day = crate::timeline::days(session.schedule())[0];
    assert_eq!(session.strip(day), None);
    let unchecked: Vec<_> = whole
        .rows(0..40)
        .into_iter()
        .map(|(r, _)| (r, None))
        .collect();
    assert_eq!(session.rows(0..40), unchecked);

    assert!(!session.check_some(10));
    assert_eq!(session.checking(), Some(125));
    // Forty events on their own, forty for the shared id, the sweep: ten at a time.
    assert_eq!(check_to_the_end(&mut session, 10), 11);
    assert_eq!(session.checking(), None);
    assert_eq!(session.diagnostics(), whole.diagnostics());
    assert_eq!(session.rows(0..40), whole.rows(0..40));
    assert_eq!(session.ids(), whole.ids());
    assert_eq!(session.summary(), whole.summary());
    assert_eq!(session.strip(day), whole.strip(day));
    assert!(session.strip(day).is_some());
    assert!(session.check_some(1), "a checked session stays checked");
}

#[test]
fn an_edit_while_a_check_runs_starts_it_again_on_the_changed_schedule() {
    let mut session = Session::opening(sample(30), History::new());
    assert!(!session.check_some(25));
    session
        .apply(&Edit::Delete {
            index: 4,
            ripple: false,
        })
        .unwrap();
    assert_eq!(session.checking(), Some(0));
    assert_eq!(session.changes(), 1);
    check_to_the_end(&mut session, 7);
    let fresh = Session::new(session.schedule().clone(), History::new());
    assert_eq!(session.diagnostics(), fresh.diagnostics());
    assert_eq!(session.ids(), fresh.ids());

    session.undo().unwrap();
    assert_eq!(session.changes(), 2);
    assert!(session.redo().is_some() && session.undo().is_some());
    assert_eq!(session.changes(), 4);
    assert!(session.undo().is_none(), "nothing left to undo");
    assert_eq!(session.changes(), 4, "a refused undo changes nothing");
    assert_eq!(
        session.checking(),
        None,
        "an undo next to a checked list is checked at once"
    );
    assert_eq!(
        session.diagnostics(),
        Session::new(sample(30), History::new()).diagnostics()
    );
}

#[test]
fn a_change_of_channel_checks_the_whole_schedule_in_steps_only_in_a_session_opened_so() {
    let channel = sample_channel(FrameRate::FPS_29_97_DF);
    let edit = Edit::SetChannel { channel };

    let mut at_once = Session::new(sample(20), History::new());
    at_once.apply(&edit).unwrap();
    assert_eq!(at_once.checking(), None);
    let expected = crate::validate::validate(at_once.schedule());
    assert_eq!(at_once.diagnostics(), expected.as_slice());

    let mut stepped = Session::opening(sample(20), History::new());
    check_to_the_end(&mut stepped, 1000);
    stepped.apply(&edit).unwrap();
    assert_eq!(stepped.checking(), Some(0));
    check_to_the_end(&mut stepped, 3);
    assert_eq!(stepped.diagnostics(), expected.as_slice());
}

/// A splice putting `count` events from the start of `s` back one frame later: `2 × count`
/// events in and out.
fn shifted_by_a_frame(s: &Schedule, count: usize) -> Edit {
    Edit::Splice {
        index: 0,
        count,
        events: s.events[..count]
            .iter()
            .map(|e| {
                let mut e = e.clone();
                e.start += Frames(1);
                e
            })
            .collect(),
    }
}

#[test]
fn a_step_bigger_than_a_big_one_is_checked_whole_in_steps_only_in_a_session_opened_so() {
    let s = sample(BIG_STEP / 2 + 1);
    let big = shifted_by_a_frame(&s, BIG_STEP / 2 + 1);
    let mut at_once = Session::new(s.clone(), History::new());
    at_once.apply(&big).unwrap();
    assert_eq!(at_once.checking(), None);
    let expected = crate::validate::validate(at_once.schedule());
    assert_eq!(at_once.diagnostics(), expected.as_slice());

    let mut stepped = Session::opening(s.clone(), History::new());
    check_to_the_end(&mut stepped, usize::MAX);
    stepped.apply(&big).unwrap();
    assert_eq!(stepped.checking(), Some(0));
    check_to_the_end(&mut stepped, 1_000);
    assert_eq!(stepped.diagnostics(), expected.as_slice());
    assert_eq!(stepped.ids(), at_once.ids());

    // Exactly as big as a big step: brought up to date at once.
    let mut stepped = Session::opening(s.clone(), History::new());
    check_to_the_end(&mut stepped, usize::MAX);
    stepped
        .apply(&shifted_by_a_frame(&s, BIG_STEP / 2))
        .unwrap();
    assert_eq!(stepped.checking(), None);
    let expected = crate::validate::validate(stepped.schedule());
    assert_eq!(stepped.diagnostics(), expected.as_slice());
}

#[test]
fn what_a_session_lets_go_of_is_freed_in_steps_and_handed_over_on_closing() {
    let mut s = sample(50);
    s.events[3].duration = None;
    let mut session = Session::opening(s, History::new());
    check_to_the_end(&mut session, 1000);
    assert!(session.is_tidy());
    let edit = Edit::SetChannel {
        channel: sample_channel(FrameRate::FPS_29_97_DF),
    };
    session.apply(&edit).unwrap();
    assert!(!session.is_tidy(), "the finished check was let go");
    // Fifty ids ten at a time, then the diagnostics with the last of them.
    let mut steps = 1;
    while !session.tidy(10) {
        steps += 1;
    }
    assert_eq!(steps, 5);
    assert!(session.is_tidy());

    let schedule = session.schedule().clone();
    let history = session.history().clone();
    let (closed, kept, mut leftovers) = session.close();
    assert_eq!((closed, kept), (schedule, history));
    assert!(!leftovers.is_empty(), "the running check");
    assert!(leftovers.free_some(usize::MAX));
    assert!(leftovers.is_empty());

    // Closed in the middle of its check: the ids counted so far are handed over too.
    let mut halfway = Session::opening(sample(50), History::new());
    assert!(!halfway.check_some(50));
    let (_, _, mut leftovers) = halfway.close();
    assert!(!leftovers.free_some(40), "fifty ids counted");
    assert!(leftovers.free_some(10));

    let mut unwanted = Leftovers::from(Validated::new(&sample(30)));
    assert!(!unwanted.free_some(10) && !unwanted.free_some(10));
    assert!(unwanted.free_some(10), "thirty ids, ten at a time");
    assert!(unwanted.is_empty());

    let mut s = sample(25);
    s.events.iter_mut().for_each(|e| e.duration = None);
    let shown = Validated::new(&s).diagnostics().to_vec();
    assert_eq!(shown.len(), 25, "an unknown length each");
    let mut no_longer_shown = Leftovers::from(shown);
    assert!(!no_longer_shown.free_some(10) && !no_longer_shown.free_some(10));
    assert!(
        no_longer_shown.free_some(10),
        "25 diagnostics, ten at a time"
    );
    assert!(no_longer_shown.is_empty());

    let mut at_once = Session::new(sample(50), History::new());
    at_once.apply(&edit).unwrap();
    assert!(
        at_once.is_tidy(),
        "a session checked in one go frees as it goes"
    );
}

#[test]
fn a_session_names_its_undo_and_redo_and_follows_another_tabs_steps() {
    let mut session = Session::new(sample(6), History::new());
    assert!(!session.is_empty());
    assert!(Session::new(sample(0), History::new()).is_empty());
    assert_eq!((session.undo_label(), session.redo_label()), (None, None));
    let step = session
        .apply(&Edit::Delete {
            index: 1,
            ripple: false,
        })
        .unwrap();
    assert_eq!(session.undo_label(), Some("Delete event"));
    session.undo().unwrap();
    assert_eq!(
        (session.undo_label(), session.redo_label()),
        (None, Some("Delete event"))
    );
    session.redo().unwrap();

    let mut other = Session::new(sample(6), History::new());
    assert!(other.follow(&step));
    assert_eq!(other.schedule(), session.schedule());
    assert_eq!(other.changes(), 1);
    assert!(!other.follow(&Step::Redo), "nothing to redo there");
    assert_eq!(other.changes(), 1);
}

#[test]
fn many_diagnostics_are_freed_in_steps_after_the_ids() {
    let mut s = sample(30);
    for event in &mut s.events {
        event.duration = None;
    }
    let validated = Validated::new(&s);
    let diagnostics = validated.diagnostics().len();
    assert!(diagnostics >= 30, "each length unknown: {diagnostics}");
    let mut leftovers = Leftovers::from(validated);
    assert!(!leftovers.free_some(10) && !leftovers.free_some(10));
    // The last ids go, and the first ten diagnostics with them.
    assert!(!leftovers.free_some(10));
    assert!(!leftovers.is_empty(), "diagnostics are left");
    let mut steps = 0;
    while !leftovers.free_some(10) {
        steps += 1;
    }
    assert_eq!(steps, (diagnostics - 10).div_ceil(10) - 1);
    assert!(leftovers.is_empty());
}

/// Where each event's title lives: events moved keep it, events copied do not.
fn titles_at(events: &[Event]) -> Vec<*const u8> {
    events.iter().map(|e| e.title.as_ptr()).collect()
}

#[test]
fn a_run_copied_ahead_is_moved_in_by_the_splice_its_undo_and_redo_and_what_they_take_out_freed_later(
) {
    let mut session = Session::opening(sample(10), History::new());
    check_to_the_end(&mut session, usize::MAX);
    let run: std::sync::Arc<[Event]> = (0..5)
        .map(|k| {
            let start = Frames(k * 40);
            Event::new(
                format!("new-{k}"),
                start,
                Frames(40),
                "Spot",
                EventKind::Commercial,
            )
        })
        .collect();
    let edit = Edit::Splice {
        index: 0,
        count: 3,
        events: run.clone(),
    };
    let mut pieces = 1;
    while !session.prepare(Next::Edit(&edit), 2) {
        pieces += 1;
    }
    assert_eq!(pieces, 3, "five events two at a time");
    let made = titles_at(session.runs_ready());
    session.apply(&edit).unwrap();
    assert_eq!(titles_at(&session.schedule().events[..5]), made);
    assert!(
        session.is_tidy(),
        "the three taken out are kept by the undo step"
    );

    // Undo puts the three back: copied ahead, moved in; the five it takes out wait.
    let back: Vec<Event> =
        session
            .history()
            .last_done()
            .map_or(Vec::new(), |tx| match &tx.ops[..] {
                [crate::edit::Op::Splice { removed, .. }] => removed.to_vec(),
                ops => panic!("one splice: {ops:?}"),
            });
    assert!(session.prepare(Next::Undo, 3));
    let made = titles_at(session.runs_ready());
    session.undo().unwrap();
    assert_eq!(&session.schedule().events[..3], back.as_slice());
    assert_eq!(titles_at(&session.schedule().events[..3]), made);
    assert!(!session.is_tidy(), "the five taken out");
    let mut steps = 1;
    while !session.tidy(2) {
        steps += 1;
    }
    assert_eq!(steps, 3, "five events two at a time");

    assert!(session.prepare(Next::Redo, 5));
    let made = titles_at(session.runs_ready());
    session.redo().unwrap();
    assert_eq!(titles_at(&session.schedule().events[..5]), made);
    // Copies made for a step that is not taken are let go by the next step, to free later.
    assert!(!session.prepare(Next::Undo, 1));
    assert_eq!(session.runs_ready().len(), 1);
    session.redo();
    session
        .apply(&Edit::Delete {
            index: 9,
            ripple: false,
        })
        .unwrap();
    assert!(session.runs_ready().is_empty());
    assert!(!session.is_tidy(), "the copy not taken");
    // Closed with events still to free: they are handed over.
    session.undo().unwrap();
    session.undo().unwrap();
    assert!(!session.is_tidy());
    let (_, _, mut leftovers) = session.close();
    let mut steps = 1;
    while !leftovers.free_some(1) {
        steps += 1;
    }
    assert!(
        steps > 5 + 10,
        "the copy and the five taken out, then the check's ten ids and more, one at a time: {steps}"
    );
    let mut session = Session::opening(sample(10), History::new());
    check_to_the_end(&mut session, usize::MAX);
    // Nothing to copy ahead for a step without a run, or with nothing to undo.
    assert!(session.prepare(
        Next::Edit(&Edit::Delete {
            index: 0,
            ripple: false
        }),
        1
    ));
    assert!(Session::new(sample(3), History::new()).prepare(Next::Undo, 1));
}
