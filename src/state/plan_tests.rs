//! Plans through the state, natively: a plan file stored for its channel (a bad one refused
//! with its place), "Apply to dates" as the CLI's `plan` makes it, and onto the open schedule
//! as one undoable step that keeps a hand edit.

use futures::executor::block_on;
use jiff::civil::date;
use leptos::prelude::*;
use scheduleflow_engine::edit::Edit;
use scheduleflow_engine::format::{import, ImportOptions};
use scheduleflow_engine::model::Library;
use scheduleflow_engine::validate::Code;

use super::memory::{settle, MemoryStore};
use super::ports::Store;
use super::tests::tab;
use super::PlanTarget;

const PLAN: &str = include_str!("../../docs/formats/plan/example.plan.json");
const PLAYLISTS: &str = include_str!("../../docs/formats/plan/playlists.json");
const GOLDEN: &str = include_str!("../../crates/cli/tests/golden/plan-example-sun-mon.json");

fn store_with_playlists() -> MemoryStore {
    let store = MemoryStore::default();
    let library = import(PLAYLISTS, None, &ImportOptions::default())
        .unwrap()
        .library;
    block_on(store.insert(library)).unwrap();
    store
}

#[test]
fn a_plan_file_is_stored_for_its_channel_and_a_bad_one_says_where() {
    let store = store_with_playlists();
    let first = tab(&store);
    let bad = PLAN.replace("\"sat\": \"saturday\"", "\"sat\": \"weekend\"");
    assert_eq!(
        first.load_plan("bad.plan.json", &bad),
        Err("bad.plan.json: week.sat: there is no template with the id 'weekend'".into())
    );
    assert_eq!(first.plans.get_untracked(), vec![]);
    assert_eq!(first.load_plan("example.plan.json", PLAN), Ok(()));
    settle();
    let other = tab(&store);
    let names: Vec<String> = other
        .plans
        .get_untracked()
        .iter()
        .map(|p| p.channel.name.clone())
        .collect();
    assert_eq!(names, ["Sample One"]);
    other.remove_plan("Sample One".into());
    settle();
    assert_eq!(tab(&store).plans.get_untracked(), vec![]);
}

#[test]
fn apply_to_dates_makes_the_schedule_the_command_line_makes() {
    let store = store_with_playlists();
    let tab = tab(&store);
    tab.load_plan("example.plan.json", PLAN).unwrap();
    let preview = tab
        .preview_plan(
            "Sample One",
            date(2026, 12, 6),
            date(2026, 12, 7),
            PlanTarget::New,
        )
        .unwrap();
    let cli: Library = import(GOLDEN, None, &ImportOptions::default())
        .unwrap()
        .library;
    assert_eq!(preview.applied.schedule.events, cli.schedules[0].events);
    assert_eq!(preview.errors, 0);
    assert!(tab.apply_plan(preview, PlanTarget::New, "Apply".into()));
    settle();
    // Stored, and open: the open schedule lives in its session.
    let open = tab.with_session(|s| s.schedule().clone()).unwrap();
    assert_eq!(open.events, cli.schedules[0].events);
    assert_eq!(tab.selected.get_untracked(), Some(open.id.clone()));
    assert_eq!(
        tab.notice.get_untracked(),
        Some("Created “Sample One 2026-12-06 to 2026-12-07”.".into())
    );
    // The channel's separation rules are checked on the open schedule.
    let codes: std::collections::BTreeSet<Code> =
        tab.rule_diagnostics().iter().map(|d| d.code).collect();
    assert!(codes.contains(&Code::RepeatTooSoon), "{codes:?}");
}

#[test]
fn applying_onto_the_open_schedule_keeps_a_hand_edit_in_one_undoable_step() {
    let store = store_with_playlists();
    let tab = tab(&store);
    tab.load_plan("example.plan.json", PLAN).unwrap();
    let (from, to) = (date(2026, 12, 7), date(2026, 12, 8));
    let first = tab
        .preview_plan("Sample One", from, to, PlanTarget::New)
        .unwrap();
    tab.apply_plan(first, PlanTarget::New, "Apply".into());
    settle();
    // A person retitles the fifth event.
    let mut edited = tab
        .with_session(|s| s.schedule().events[4].clone())
        .unwrap();
    edited.title = "Live: the tree lighting".into();
    assert!(tab.edit(&Edit::Replace {
        index: 4,
        event: edited.clone(),
    }));
    let before = tab.with_session(|s| s.schedule().clone()).unwrap();
    let again = tab
        .preview_plan("Sample One", from, to, PlanTarget::Open)
        .unwrap();
    assert_eq!(
        (again.applied.kept, again.applied.replaced),
        (1, before.events.len() - 1)
    );
    assert!(tab.apply_plan(again, PlanTarget::Open, "Apply the plan".into()));
    let after = tab.with_session(|s| s.schedule().clone()).unwrap();
    assert!(after.events.contains(&edited));
    assert_eq!(tab.history_labels().0.as_deref(), Some("Apply the plan"));
    tab.undo();
    assert_eq!(tab.with_session(|s| s.schedule().clone()).unwrap(), before);
    // Past the schedule's end, the open schedule is not offered: a new schedule is.
    assert_eq!(
        tab.preview_plan("Sample One", from, date(2026, 12, 9), PlanTarget::Open),
        Err("the dates run past the end of the open schedule; apply them to a new schedule".into())
    );
}
