//! Schedules made through the state, natively: "Schedule a playlist" previewed and created on the
//! desk, then opened; a form the builder refuses; a full store; a new empty schedule.

use std::cell::RefCell;
use std::rc::Rc;

use futures::executor::block_on;
use leptos::prelude::*;
use scheduleflow_engine::edit::FieldError;
use scheduleflow_engine::model::{Library, Schedule};

use super::memory::{settle, MemoryStore};
use super::ports::Store;
use super::preview::Previewing;
use super::tests::tab;
use super::{empty_schedule, AppState, Unsaved};
use crate::desk::{preview_of, to_build, Making, ToBuild};

/// A store holding the playlist `to_build` schedules.
fn store_with_playlist() -> (MemoryStore, ToBuild) {
    let asked = to_build("48:00:00:00");
    let store = MemoryStore::default();
    let library = Library {
        schedules: Vec::new(),
        playlists: vec![asked.playlist.clone()],
    };
    block_on(store.insert(library)).unwrap();
    (store, asked)
}

/// Creates `making` on `tab`, settled: what the dialog heard.
fn create(tab: AppState, making: Making) -> Option<Result<(), Vec<FieldError>>> {
    let heard = Rc::new(RefCell::new(None));
    let hear = heard.clone();
    tab.create(making, "Made", move |created| {
        *hear.borrow_mut() = Some(created)
    });
    settle();
    heard.take()
}

fn open_schedule(tab: AppState) -> Option<Schedule> {
    tab.with_session(|s| s.schedule().clone())
}

#[test]
fn a_playlist_is_previewed_then_created_opened_and_stored_as_it_was_built() {
    let (store, asked) = store_with_playlist();
    let tab = tab(&store);
    let form = asked.form.clone();
    let asked = tab.to_build(&asked.playlist.id, None, form).unwrap();
    let expected = asked.build().unwrap().schedule;

    let previewing = Previewing::new();
    previewing.ask(tab, Ok(asked.clone()));
    settle();
    assert!(!previewing.busy.get_untracked());
    assert_eq!(previewing.shown.get_untracked(), Ok(preview_of(&asked)));
    let held = || tab.desk().and_then(|desk| desk.held_preview());
    assert_eq!(held(), Some(asked.clone()));

    assert_eq!(create(tab, Making::Built(Box::new(asked))), Some(Ok(())));
    assert_eq!(tab.selected.get_untracked(), Some(expected.id.clone()));
    assert_eq!(
        tab.notice.get_untracked(),
        Some(format!("Created “{}”.", expected.name))
    );
    assert_eq!(open_schedule(tab), Some(expected.clone()));
    assert_eq!(tab.event_count(), expected.events.len());
    assert_eq!(
        store
            .stored(&expected.id)
            .map(|(s, _, revision)| (s, revision)),
        Some((expected, 1))
    );
}

#[test]
fn a_form_wrong_as_typed_replaces_the_preview_with_its_errors() {
    let (store, asked) = store_with_playlist();
    let tab = tab(&store);
    let previewing = Previewing::new();
    previewing.ask(tab, Ok(asked.clone()));
    settle();
    assert_eq!(previewing.shown.get_untracked(), Ok(preview_of(&asked)));
    let wrong = vec![FieldError {
        field: "channel".into(),
        message: "choose a channel and a first broadcast day".into(),
    }];
    previewing.ask(tab, Err(wrong.clone()));
    assert_eq!(previewing.shown.get_untracked(), Err(wrong));
    assert!(!previewing.busy.get_untracked());
}

#[test]
fn a_closed_dialog_lets_the_desk_free_its_preview() {
    let (store, asked) = store_with_playlist();
    let tab = tab(&store);
    Previewing::new().ask(tab, Ok(asked.clone()));
    settle();
    let held = || tab.desk().and_then(|desk| desk.held_preview());
    assert_eq!(held(), Some(asked));
    tab.end_preview();
    settle();
    assert_eq!(held(), None);
}

#[test]
fn a_playlist_not_in_the_library_cannot_be_scheduled() {
    let (store, asked) = store_with_playlist();
    let tab = tab(&store);
    assert_eq!(
        tab.to_build("nothing", None, asked.form),
        Err(vec![FieldError {
            field: "playlist".into(),
            message: "choose a playlist to schedule".into(),
        }])
    );
}

#[test]
fn a_form_the_builder_refuses_is_given_back_to_the_dialog_and_nothing_opens() {
    let (store, _) = store_with_playlist();
    let tab = tab(&store);
    let wrong = to_build("six hours");
    let errors = wrong.build().unwrap_err();
    assert_eq!(
        create(tab, Making::Built(Box::new(wrong))),
        Some(Err(errors))
    );
    assert_eq!(tab.selected.get_untracked(), None);
    assert_eq!(open_schedule(tab), None);
}

#[test]
fn a_built_schedule_a_full_store_refuses_is_offered_as_a_download() {
    let (store, asked) = store_with_playlist();
    let tab = tab(&store);
    let expected = asked.build().unwrap().schedule;
    store.fill_up();
    assert_eq!(create(tab, Making::Built(Box::new(asked))), Some(Ok(())));
    assert_eq!(
        tab.unsaved.get_untracked(),
        Some(Unsaved::full(
            "Made".into(),
            Library {
                schedules: vec![expected],
                playlists: Vec::new(),
            }
        ))
    );
    assert_eq!(tab.selected.get_untracked(), None);
}

#[test]
fn a_new_empty_schedule_is_stored_and_opened() {
    let (store, asked) = store_with_playlist();
    let tab = tab(&store);
    let day = "2026-12-01".parse().unwrap();
    let empty = empty_schedule("", &asked.form.channel, day, 2).unwrap();
    assert_eq!(
        create(tab, Making::Given(Box::new(empty.clone()))),
        Some(Ok(()))
    );
    assert_eq!(open_schedule(tab), Some(empty.clone()));
    assert_eq!(store.stored(&empty.id).map(|(s, _, _)| s), Some(empty));
}
