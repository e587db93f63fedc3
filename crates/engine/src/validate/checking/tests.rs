//! A check run in steps of any size gives exactly what checking in one go gives, and that is
//! what `validate` gives.

use proptest::prelude::*;

use super::*;
use crate::edit::tests::sample;
use crate::model::EventId;
use crate::validate::incremental::tests::{arb_twist, twisted};
use crate::validate::{validate, Code};

/// Runs a check `budget` events at a time; the thousandths of progress seen before the end.
fn in_steps(schedule: &Schedule, budget: usize) -> (Validated, Vec<u32>) {
    let mut checking = Checking::new(schedule);
    let mut seen = Vec::new();
    loop {
        seen.push(checking.permille(schedule));
        if let Some(validated) = checking.step(schedule, budget) {
            return (validated, seen);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_check_in_steps_of_any_size_equals_a_check_in_one_go(
        size in 0usize..14,
        twists in prop::collection::vec(arb_twist(), 0..6),
        in_order in any::<bool>(),
        budget in 1usize..20,
    ) {
        let schedule = twisted(size, &twists, in_order);
        let (stepped, seen) = in_steps(&schedule, budget);
        prop_assert_eq!(&stepped, &Validated::new(&schedule));
        let whole = validate(&schedule);
        prop_assert_eq!(stepped.diagnostics(), whole.as_slice());
        prop_assert!(seen.windows(2).all(|w| w[0] <= w[1]), "progress went back: {:?}", seen);
        prop_assert!(seen.iter().all(|&p| p < 1000), "finished before the end: {:?}", seen);
    }
}

#[test]
fn a_shared_id_checked_one_event_at_a_time_names_its_first_use() {
    let mut schedule = sample(6);
    schedule.events[1].id = EventId::new("news");
    schedule.events[4].id = EventId::new("news");
    schedule.events[5].id = EventId::new("news");
    let (stepped, seen) = in_steps(&schedule, 1);
    let shared: Vec<_> = stepped
        .diagnostics()
        .iter()
        .filter(|d| d.code == Code::DuplicateId)
        .map(|d| (d.index, d.message.clone()))
        .collect();
    let first = &schedule.events[1].title;
    assert_eq!(
        shared,
        vec![
            (
                Some(4),
                format!("id 'news' is also used by event 2 ('{first}')")
            ),
            (
                Some(5),
                format!("id 'news' is also used by event 2 ('{first}')")
            ),
        ]
    );
    assert_eq!(stepped, Validated::new(&schedule));
    // Six events on their own, six for the shared ids, six in the sweep, one at a time.
    assert_eq!(seen.len(), 18);
}

#[test]
fn progress_counts_each_stage_and_an_empty_schedule_checks_in_one_step() {
    let schedule = sample(4);
    let mut checking = Checking::new(&schedule);
    assert_eq!(checking.permille(&schedule), 0);
    assert_eq!(checking.step(&schedule, 2), None);
    assert_eq!(checking.permille(&schedule), 250);
    assert_eq!(checking.step(&schedule, 4), None);
    assert_eq!(checking.permille(&schedule), 750);

    let mut shared = sample(4);
    shared.events[3].id = shared.events[0].id.clone();
    let mut checking = Checking::new(&shared);
    assert_eq!(checking.step(&shared, 4), None);
    assert_eq!(checking.permille(&shared), 500);
    assert_eq!(checking.step(&shared, 2), None);
    assert_eq!(checking.permille(&shared), 625);
    assert_eq!(checking.step(&shared, 4), None);
    assert_eq!(checking.permille(&shared), 875);
    assert!(checking.step(&schedule, 2).is_some());

    let empty = sample(0);
    let mut checking = Checking::new(&empty);
    assert_eq!(checking.step(&empty, 1), Some(Validated::new(&empty)));
}

#[test]
fn events_that_start_together_keep_the_list_in_order() {
    let mut schedule = sample(5);
    schedule.events[3].start = schedule.events[2].start;
    let longest = schedule
        .events
        .iter()
        .filter_map(|e| e.duration)
        .max()
        .unwrap();
    let (stepped, _) = in_steps(&schedule, 2);
    assert_eq!(stepped.in_order(), Some(longest));

    schedule.events[3].start = schedule.events[2].start - Frames(1);
    let (stepped, _) = in_steps(&schedule, 2);
    assert_eq!(stepped.in_order(), None);
}
