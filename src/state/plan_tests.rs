//! Plans through the state, natively: a plan file stored for its channel (a bad one refused
//! with its place), "Apply to dates" as the CLI's `plan` makes it, and onto the open schedule
//! as one undoable step that keeps a hand edit.

use futures::executor::block_on;
use jiff::civil::date;
use leptos::prelude::*;
use scheduleflow_engine::edit::Edit;
use scheduleflow_engine::format::{import, ImportOptions};
use scheduleflow_engine::model::Library;
use scheduleflow_engine::rules::{apply, ApplyRequest};
use scheduleflow_engine::validate::{check_separation, Code};

use super::memory::{settle, MemoryStore};
use super::ports::Store;
use super::tests::tab;
use super::{AppState, PlanTarget, RULES_LISTED};

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
    settle();
    let (from, to) = (date(2026, 12, 6), date(2026, 12, 7));
    let cli: Library = import(GOLDEN, None, &ImportOptions::default())
        .unwrap()
        .library;
    let preview = block_on(tab.preview_plan("Sample One", from, to, PlanTarget::New)).unwrap();
    assert_eq!(
        (preview.made, preview.kept, preview.replaced, preview.errors),
        (cli.schedules[0].events.len(), 0, 0, 0)
    );
    // Nothing changes until it is applied.
    assert_eq!(tab.library.get_untracked().schedules.len(), 0);
    assert_eq!(
        block_on(tab.preview_plan("Sample One", to, from, PlanTarget::New)),
        Err("the dates end (2026-12-06) before they start (2026-12-07)".into())
    );
    block_on(tab.apply_plan("Sample One", from, to, PlanTarget::New, "Apply".into())).unwrap();
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
    assert_eq!(tab.rule_warnings.get_untracked(), vec![]);
    tab.check_rules_soon();
    settle();
    let codes: std::collections::BTreeSet<Code> = tab
        .rule_warnings
        .get_untracked()
        .iter()
        .map(|d| d.code)
        .collect();
    assert!(codes.contains(&Code::RepeatTooSoon), "{codes:?}");
    let rules = tab.plan_for("Sample One").unwrap().separation;
    // The page is sent the first `RULES_LISTED` and the count.
    let found = |tab: AppState| {
        let all = tab
            .with_session(|s| check_separation(s.schedule(), &rules))
            .unwrap();
        let listed = all.iter().take(RULES_LISTED).cloned().collect::<Vec<_>>();
        (all.len(), listed)
    };
    let shown = |tab: AppState| {
        (
            tab.rule_warnings_total.get_untracked(),
            tab.rule_warnings.get_untracked(),
        )
    };
    assert_eq!(shown(tab), found(tab));
    // Of more than it lists, it is sent the first and told how many there are.
    let (total, listed) = found(tab);
    assert!(total > 2, "{listed:?}");
    let desk = tab.desk().unwrap();
    let two = block_on(desk.check_rules(rules.clone(), 2));
    assert_eq!((two.total, two.warnings), (total, listed[..2].to_vec()));
    // An edit: checked again, to what a check of the changed schedule finds.
    assert!(tab.edit(&Edit::Delete {
        index: 0,
        ripple: false
    }));
    tab.check_rules_soon();
    settle();
    assert_eq!(shown(tab), found(tab));
    assert!(!tab.rules_checking.get_untracked());
    // Without the channel's plan, no separation warnings.
    tab.remove_plan("Sample One".into());
    tab.check_rules_soon();
    assert_eq!(shown(tab), (0, vec![]));
}

/// A person's event in the open schedule, and the plan applied again onto some of its days:
/// the desk runs the rules on the window of those days only, and the step is the one the rules
/// make onto the whole schedule.
#[test]
fn applying_onto_the_open_schedule_keeps_a_hand_edit_in_one_undoable_step() {
    let store = store_with_playlists();
    let tab = tab(&store);
    tab.load_plan("example.plan.json", PLAN).unwrap();
    let (first, last) = (date(2026, 12, 6), date(2026, 12, 9));
    block_on(tab.apply_plan("Sample One", first, last, PlanTarget::New, "Apply".into())).unwrap();
    settle();
    // A person retitles an event on the 7th.
    let (from, to) = (date(2026, 12, 7), date(2026, 12, 8));
    let index = tab
        .with_session(|s| {
            let on_air = scheduleflow_engine::on_air::OnAir::new(s.schedule());
            let day = |e: &scheduleflow_engine::model::Event| on_air.day_of(e.start);
            s.schedule()
                .events
                .iter()
                .position(|e| day(e) == Some(from))
                .unwrap()
                + 4
        })
        .unwrap();
    let mut edited = tab
        .with_session(|s| s.schedule().events[index].clone())
        .unwrap();
    edited.title = "Live: the tree lighting".into();
    assert!(tab.edit(&Edit::Replace {
        index,
        event: edited.clone(),
    }));
    let before = tab.with_session(|s| s.schedule().clone()).unwrap();
    // What the rules make onto the whole schedule, as the engine makes it.
    let plan = tab.plan_for("Sample One").unwrap().check().unwrap();
    let whole = apply(&ApplyRequest {
        plan: &plan,
        playlists: &tab.library.get_untracked().playlists,
        from,
        to,
        onto: Some(&before),
        id: String::new(),
        name: String::new(),
        reserved: &[],
    })
    .unwrap();
    let again = block_on(tab.preview_plan("Sample One", from, to, PlanTarget::Open)).unwrap();
    assert_eq!(
        (again.made, again.kept, again.replaced),
        (whole.made, 1, whole.replaced)
    );
    block_on(tab.apply_plan(
        "Sample One",
        from,
        to,
        PlanTarget::Open,
        "Apply the plan".into(),
    ))
    .unwrap();
    let after = tab.with_session(|s| s.schedule().clone()).unwrap();
    assert_eq!(after.events, whole.schedule.events);
    assert!(after.events.contains(&edited));
    assert_eq!(tab.history_labels().0.as_deref(), Some("Apply the plan"));
    // Again onto its own result: nothing to change, and no step to undo.
    block_on(tab.apply_plan("Sample One", from, to, PlanTarget::Open, "Again".into())).unwrap();
    assert_eq!(tab.with_session(|s| s.schedule().clone()).unwrap(), after);
    assert_eq!(
        tab.notice.get_untracked().as_deref(),
        Some("Nothing changed: the dates already hold what the rules make.")
    );
    assert_eq!(tab.history_labels().0.as_deref(), Some("Apply the plan"));
    // A month put back is copied ahead in slices first: the undo is taken once they are made.
    tab.undo();
    assert_eq!(tab.with_session(|s| s.schedule().clone()).unwrap(), after);
    settle();
    assert_eq!(tab.with_session(|s| s.schedule().clone()).unwrap(), before);
    assert_eq!(
        tab.history_labels(),
        (Some("Edit event".into()), Some("Apply the plan".into()))
    );
    tab.redo();
    settle();
    assert_eq!(tab.with_session(|s| s.schedule().clone()).unwrap(), after);
    // An undo asked of a schedule closed (and opened again) before its copies were made is
    // not taken.
    let id = after.id.clone();
    tab.undo();
    tab.close();
    tab.open(id);
    settle();
    settle();
    assert_eq!(tab.with_session(|s| s.schedule().clone()).unwrap(), after);
    assert_eq!(tab.history_labels().0.as_deref(), Some("Apply the plan"));
    assert_eq!(
        tab.notice.get_untracked().as_deref(),
        Some("The schedule changed before the undo was ready; nothing was done.")
    );
    tab.undo();
    settle();
    assert_eq!(tab.with_session(|s| s.schedule().clone()).unwrap(), before);
    // Past the schedule's end, the open schedule is not offered: a new schedule is.
    let past = date(2026, 12, 10);
    let refused = "the dates run past the end of the open schedule; apply them to a new schedule";
    assert_eq!(
        block_on(tab.preview_plan("Sample One", from, past, PlanTarget::Open)),
        Err(refused.into())
    );
    assert_eq!(
        block_on(tab.apply_plan("Sample One", from, past, PlanTarget::Open, "x".into())),
        Err(refused.into())
    );
}
