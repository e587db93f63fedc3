//! Browser tests of the app shell, run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // test helpers may unwrap: a failure is the test failing

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits up to `tries` × 50 ms for `ready` to hold.
async fn until(mut ready: impl FnMut() -> bool, tries: u32) -> bool {
    for _ in 0..tries {
        if ready() {
            return true;
        }
        sleep(50).await;
    }
    ready()
}

/// Everything stored, each schedule opened: what the library holds whole, as a test compares
/// it (the page itself reads a schedule's events only when it opens one).
struct Whole {
    library: scheduleflow_engine::model::Library,
    histories: std::collections::HashMap<String, scheduleflow_engine::edit::History>,
    revisions: std::collections::BTreeMap<String, u32>,
    channels: Vec<scheduleflow_engine::channel::Channel>,
    problems: Vec<String>,
}

async fn load_whole(db: &idb::Database) -> Whole {
    use scheduleflow::platform::storage;
    let stored = storage::load(db).await.unwrap();
    let mut whole = Whole {
        library: scheduleflow_engine::model::Library {
            schedules: Vec::new(),
            playlists: stored.library.playlists,
        },
        histories: Default::default(),
        revisions: stored.revisions,
        channels: stored.channels,
        problems: stored.problems,
    };
    for shelved in stored.library.schedules {
        let opened = storage::open_schedule(db, shelved.id(), storage::UNSEEN)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(whole.revisions[shelved.id()], opened.revision);
        whole.problems.extend(opened.problems);
        whole
            .histories
            .insert(shelved.id().to_owned(), opened.history);
        whole.library.schedules.push(opened.schedule);
    }
    whole.library.sort();
    whole
}

/// The whole app in a page: the state on the browser's IndexedDB, the components, the engine
/// compiled into wasm. A schedule stored beforehand shows in the mounted library with the
/// engine's summary of it, and the engine version shown is the one compiled in.
#[wasm_bindgen_test]
async fn the_mounted_app_lists_a_stored_schedule_with_the_engines_summary() {
    use scheduleflow::platform::storage;
    use scheduleflow_engine::generate::{sample_channel, schedule};
    use scheduleflow_engine::model::Library;
    use scheduleflow_engine::time::FrameRate;

    let channel = sample_channel(FrameRate::FPS_25);
    let origin = channel
        .day_start_instant(jiff::civil::date(2026, 4, 6))
        .unwrap();
    let mut stored = schedule(12, 3, channel, origin);
    stored.id = "smoke".into();
    stored.name = "Smoke test day".into();
    let db = storage::open().await.unwrap();
    storage::insert(
        &db,
        Library {
            schedules: vec![stored],
            playlists: Vec::new(),
        },
    )
    .await
    .unwrap();
    drop(db);

    let host: web_sys::HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let _handle = leptos::mount::mount_to(host.clone(), scheduleflow::App);

    let text = || host.text_content().unwrap_or_default();
    assert!(
        until(|| text().contains("Smoke test day"), 100).await,
        "the stored schedule is listed: {}",
        text()
    );
    // The library row gives the engine's summary: 12 events on 2026-04-06.
    assert!(text().contains("2026-04-06"), "{}", text());
    let version = host
        .query_selector("[data-testid=engine-version]")
        .unwrap()
        .expect("the engine version element");
    assert_eq!(
        version.text_content().unwrap(),
        scheduleflow_engine::VERSION
    );
}

mod storage {
    use idb::TransactionMode;
    use scheduleflow::platform::storage::{self, StorageError};
    use scheduleflow_engine::edit::{Edit, History, Step};
    use scheduleflow_engine::format::sf_json;
    use scheduleflow_engine::generate::{playlist, sample_channel, schedule};
    use scheduleflow_engine::model::{Library, Schedule};
    use scheduleflow_engine::session::Session;
    use scheduleflow_engine::time::{FrameRate, Frames};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    pub(super) fn library() -> Library {
        let channel = sample_channel(FrameRate::FPS_29_97_DF);
        let origin = channel
            .day_start_instant(jiff::civil::date(2026, 3, 28))
            .unwrap();
        let mut b = schedule(40, 2, channel.clone(), origin);
        b.id = "b".into();
        b.name = "B".into();
        let mut a = schedule(30, 1, channel, origin);
        a.id = "a".into();
        a.name = "A".into();
        Library {
            schedules: vec![a, b],
            playlists: vec![playlist(5, 3, FrameRate::FPS_25)],
        }
    }

    /// Deletes database `name`, whatever an earlier run left there.
    pub(super) async fn forget(name: &str) {
        idb::Factory::new()
            .unwrap()
            .delete(name)
            .unwrap()
            .await
            .unwrap();
    }

    /// Opens `name` after deleting whatever an earlier run left there.
    pub(super) async fn fresh(name: &str, version: u32) -> storage::Connection {
        forget(name).await;
        storage::open_at(name, version).await.unwrap()
    }

    /// Stores `library` as versions 2 to 4 did: each schedule and playlist one whole
    /// `{ revision, doc }` record (with its history, if any, since v3).
    pub(super) async fn put_whole(
        db: &storage::Connection,
        library: &Library,
        revision: u32,
        histories: &[(&str, &History)],
    ) {
        let tx = db
            .transaction(&["schedules", "playlists"], TransactionMode::ReadWrite)
            .unwrap();
        let put = |store: &str, id: &str, doc: String, history: Option<&History>| {
            let record = js_sys::Object::new();
            js_sys::Reflect::set(&record, &"revision".into(), &JsValue::from(revision)).unwrap();
            js_sys::Reflect::set(&record, &"doc".into(), &JsValue::from_str(&doc)).unwrap();
            if let Some(h) = history {
                let json = serde_json::to_string(h).unwrap();
                js_sys::Reflect::set(&record, &"history".into(), &JsValue::from_str(&json))
                    .unwrap();
            }
            tx.object_store(store)
                .unwrap()
                .put(&record, Some(&JsValue::from_str(id)))
                .unwrap();
        };
        for s in &library.schedules {
            let doc = sf_json::write_compact_parts(std::slice::from_ref(s), &[]);
            let history = histories
                .iter()
                .find(|(id, _)| *id == s.id)
                .map(|(_, h)| *h);
            put("schedules", &s.id, doc, history);
        }
        for p in &library.playlists {
            let doc = sf_json::write_compact_parts(&[], std::slice::from_ref(p));
            put("playlists", &p.id, doc, None);
        }
        assert!(tx.await.unwrap().is_committed());
    }

    #[wasm_bindgen_test]
    async fn a_saved_library_loads_back_exactly_and_deletes_by_id_with_one_undo() {
        let db = fresh("scheduleflow-test-roundtrip", storage::SCHEMA_VERSION).await;
        let saved = library();
        assert_eq!(storage::insert(&db, saved.clone()).await.unwrap(), saved);
        let loaded = super::load_whole(&db).await;
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.library, saved);
        assert!(loaded.revisions.values().all(|r| *r == 1));
        let without_a = Library {
            schedules: vec![saved.schedules[1].clone()],
            playlists: saved.playlists.clone(),
        };
        assert!(storage::set_aside(&db, "a").await.unwrap());
        assert_eq!(super::load_whole(&db).await.library, without_a);
        assert!(storage::open_schedule(&db, "a", storage::UNSEEN)
            .await
            .unwrap()
            .is_none());
        // Undone: back exactly, at its revision.
        assert!(storage::restore(&db, "a").await.unwrap());
        let back = super::load_whole(&db).await;
        assert_eq!(
            (back.library, back.revisions),
            (saved.clone(), loaded.revisions)
        );
        // A second delete ends the first's Undo.
        assert!(storage::set_aside(&db, "a").await.unwrap());
        assert!(storage::set_aside(&db, "b").await.unwrap());
        assert!(!storage::restore(&db, "a").await.unwrap());
        assert!(storage::restore(&db, "b").await.unwrap());
        assert_eq!(super::load_whole(&db).await.library, without_a);
        assert!(!storage::set_aside(&db, "a").await.unwrap());
        // Imported again while set aside: it keeps its id, and the deleted one goes for good.
        assert!(storage::set_aside(&db, "b").await.unwrap());
        let b_again = Library {
            schedules: vec![saved.schedules[1].clone()],
            playlists: Vec::new(),
        };
        assert_eq!(
            storage::insert(&db, b_again.clone()).await.unwrap(),
            b_again
        );
        assert!(!storage::restore(&db, "b").await.unwrap());
        assert_eq!(super::load_whole(&db).await.library, without_a);
    }

    #[wasm_bindgen_test]
    async fn the_schema_version_is_the_one_the_database_opens_with() {
        let db = fresh("scheduleflow-test-version", storage::SCHEMA_VERSION).await;
        assert_eq!(db.version().unwrap(), storage::SCHEMA_VERSION);
        let mut stores = db.store_names();
        stores.sort();
        assert_eq!(
            stores,
            vec![
                "channels".to_owned(),
                "edits".to_owned(),
                "pieces".to_owned(),
                "plans".to_owned(),
                "playlists".to_owned(),
                "schedules".to_owned()
            ]
        );
    }

    #[wasm_bindgen_test]
    async fn version_1_data_migrates_to_revisioned_records_unchanged() {
        const NAME: &str = "scheduleflow-test-migration";
        let saved = library();
        {
            // Version 1 stored each schedule and playlist as a bare ScheduleFlow JSON string.
            let v1 = fresh(NAME, 1).await;
            assert_eq!(v1.version().unwrap(), 1);
            let tx = v1
                .transaction(&["schedules", "playlists"], TransactionMode::ReadWrite)
                .unwrap();
            for s in &saved.schedules {
                let doc = sf_json::write(&Library {
                    schedules: vec![s.clone()],
                    playlists: vec![],
                });
                tx.object_store("schedules")
                    .unwrap()
                    .put(&JsValue::from_str(&doc), Some(&JsValue::from_str(&s.id)))
                    .unwrap();
            }
            for p in &saved.playlists {
                let doc = sf_json::write(&Library {
                    schedules: vec![],
                    playlists: vec![p.clone()],
                });
                tx.object_store("playlists")
                    .unwrap()
                    .put(&JsValue::from_str(&doc), Some(&JsValue::from_str(&p.id)))
                    .unwrap();
            }
            assert!(tx.await.unwrap().is_committed());
        }
        let now = storage::open_named(NAME).await.unwrap();
        assert_eq!(now.version().unwrap(), storage::SCHEMA_VERSION);
        let loaded = super::load_whole(&now).await;
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.library, saved);
        assert_eq!(loaded.revisions.len(), 3);
        assert!(loaded.revisions.values().all(|r| *r == 1));
    }

    #[wasm_bindgen_test]
    async fn two_tabs_importing_the_same_id_keep_both() {
        const NAME: &str = "scheduleflow-test-two-tabs-import";
        let first = fresh(NAME, storage::SCHEMA_VERSION).await;
        let second = storage::open_named(NAME).await.unwrap();
        let one = Library {
            schedules: vec![library().schedules[0].clone()],
            playlists: vec![],
        };
        // Neither tab has seen the other's import: both believe the id "a" is free.
        let (a, b) = futures::join!(
            storage::insert(&first, one.clone()),
            storage::insert(&second, one.clone()),
        );
        let mut ids = vec![
            a.unwrap().schedules[0].id.clone(),
            b.unwrap().schedules[0].id.clone(),
        ];
        ids.sort();
        assert_eq!(ids, vec!["a".to_owned(), "a-2".to_owned()]);
        assert_eq!(super::load_whole(&first).await.library.schedules.len(), 2);
    }

    /// Edits made on `schedule` through a session, with the steps they logged.
    fn edited(schedule: &Schedule, count: usize) -> (Session, Vec<Step>) {
        let mut session = Session::new(schedule.clone(), History::new());
        let mut steps = Vec::new();
        for n in 0..count {
            let edit = match n % 3 {
                0 => Edit::Trim {
                    index: n % 7,
                    duration: Frames(100 + n as i64),
                    ripple: true,
                },
                1 => Edit::Delete {
                    index: n % 5,
                    ripple: true,
                },
                _ => Edit::Reorder {
                    indices: vec![1, 2],
                    to: 6,
                },
            };
            steps.push(session.apply(&edit).unwrap());
        }
        steps.push(session.undo().unwrap().1);
        (session, steps)
    }

    #[wasm_bindgen_test]
    async fn logged_edits_load_back_replayed_with_their_history_and_fold_away() {
        const NAME: &str = "scheduleflow-test-edit-log";
        let db = fresh(NAME, storage::SCHEMA_VERSION).await;
        let saved = library();
        storage::insert(&db, saved.clone()).await.unwrap();
        let (session, steps) = edited(&saved.schedules[0], 9);
        let (first, rest) = steps.split_at(4);
        assert_eq!(storage::append(&db, "a", "A", 1, first).await, Ok(5));
        assert_eq!(storage::append(&db, "a", "A", 5, rest).await, Ok(11));
        let loaded = super::load_whole(&db).await;
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.library.schedules[0], *session.schedule());
        assert_eq!(loaded.library.schedules[1], saved.schedules[1]);
        assert_eq!(&loaded.histories["a"], session.history());
        assert_eq!(loaded.revisions["a"], 11);

        let value = storage::fold_value(session.schedule(), session.history(), None, 11);
        storage::fold(&db, "a", value, 11).await.unwrap();
        let after = super::load_whole(&db).await;
        assert_eq!(after.library, loaded.library);
        assert_eq!(after.histories["a"], loaded.histories["a"]);
        assert_eq!(after.revisions["a"], 11);
        let tx = db
            .transaction(&["edits"], TransactionMode::ReadOnly)
            .unwrap();
        let left = tx
            .object_store("edits")
            .unwrap()
            .count(None)
            .unwrap()
            .await
            .unwrap();
        assert_eq!(
            left, 1,
            "the fold dropped the log before the step it folded up to"
        );
        // The next edit appends after the folded revision.
        assert_eq!(
            storage::append(&db, "a", "A", 11, &steps[..1]).await,
            Ok(12)
        );
    }

    #[wasm_bindgen_test]
    async fn an_edit_from_a_stale_tab_is_refused_and_the_other_tab_s_change_kept() {
        const NAME: &str = "scheduleflow-test-two-tabs-edit";
        let first = fresh(NAME, storage::SCHEMA_VERSION).await;
        let second = storage::open_named(NAME).await.unwrap();
        storage::insert(&first, library()).await.unwrap();
        let original = library().schedules[0].clone();
        let (mine, my_steps) = edited(&original, 2);
        let (_, their_steps) = edited(&original, 3);
        assert_eq!(storage::append(&first, "a", "A", 1, &my_steps).await, Ok(4));
        assert_eq!(
            storage::append(&second, "a", "A", 1, &their_steps).await,
            Err(StorageError::Conflict("A".into()))
        );
        let stored = super::load_whole(&second).await;
        assert_eq!(stored.library.schedules[0], *mine.schedule());
        assert_eq!(stored.revisions["a"], 4);
        // Once it has read revision 4, the other tab may add its edits on top.
        assert_eq!(
            storage::append(&second, "a", "A", 4, &their_steps[..1]).await,
            Ok(5)
        );
        // A deleted schedule takes no more edits.
        assert!(storage::set_aside(&first, "a").await.unwrap());
        assert_eq!(
            storage::append(&first, "a", "A", 5, &my_steps).await,
            Err(StorageError::Conflict("A".into()))
        );
    }

    #[wasm_bindgen_test]
    async fn version_2_records_migrate_to_version_3_with_an_empty_log() {
        const NAME: &str = "scheduleflow-test-migration-v2";
        let saved = library();
        {
            // Version 2 stored `{ revision, doc }` records in two stores, with no edit log.
            let v2 = fresh(NAME, 2).await;
            let tx = v2
                .transaction(&["schedules", "playlists"], TransactionMode::ReadWrite)
                .unwrap();
            for s in &saved.schedules {
                let doc = sf_json::write(&Library {
                    schedules: vec![s.clone()],
                    playlists: vec![],
                });
                let record = js_sys::Object::new();
                js_sys::Reflect::set(&record, &"revision".into(), &JsValue::from(3)).unwrap();
                js_sys::Reflect::set(&record, &"doc".into(), &JsValue::from_str(&doc)).unwrap();
                tx.object_store("schedules")
                    .unwrap()
                    .put(&record, Some(&JsValue::from_str(&s.id)))
                    .unwrap();
            }
            assert!(tx.await.unwrap().is_committed());
        }
        let v3 = storage::open_named(NAME).await.unwrap();
        assert_eq!(v3.version().unwrap(), storage::SCHEMA_VERSION);
        let loaded = super::load_whole(&v3).await;
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.library.schedules, saved.schedules);
        assert_eq!(loaded.revisions["a"], 3);
        assert_eq!(loaded.histories["a"], History::new());
        let (_, steps) = edited(&saved.schedules[0], 1);
        assert_eq!(storage::append(&v3, "a", "A", 3, &steps).await, Ok(5));
    }
}

mod plans {
    use scheduleflow::platform::storage;
    use scheduleflow_engine::rules::PlanFile;
    use wasm_bindgen_test::wasm_bindgen_test;

    const PLAN: &str = include_str!("../docs/formats/plan/example.plan.json");

    #[wasm_bindgen_test]
    async fn version_3_data_migrates_and_a_plan_is_kept_by_its_channel() {
        const NAME: &str = "scheduleflow-test-migration-v3";
        let saved = super::storage::library();
        {
            let v3 = super::storage::fresh(NAME, 3).await;
            super::storage::put_whole(&v3, &saved, 1, &[]).await;
            let channel = saved.schedules[0].channel.clone();
            storage::put_channel(&v3, &channel, None).await.unwrap();
        }
        let v4 = storage::open_named(NAME).await.unwrap();
        assert_eq!(v4.version().unwrap(), storage::SCHEMA_VERSION);
        let whole = super::load_whole(&v4).await;
        assert!(whole.problems.is_empty(), "{:?}", whole.problems);
        assert_eq!(whole.library.schedules, saved.schedules);
        assert_eq!(whole.channels, vec![saved.schedules[0].channel.clone()]);
        assert_eq!(storage::load(&v4).await.unwrap().plans, vec![]);

        let plan = PlanFile::parse(PLAN).unwrap();
        storage::put_plan(&v4, &plan).await.unwrap();
        let mut renamed = plan.clone();
        renamed.seed = 99;
        storage::put_plan(&v4, &renamed).await.unwrap();
        // One plan a channel: the second replaced the first.
        assert_eq!(storage::load(&v4).await.unwrap().plans, vec![renamed]);
        storage::remove_plan(&v4, "Sample One").await.unwrap();
        assert_eq!(storage::load(&v4).await.unwrap().plans, vec![]);
    }
}

mod failed_requests {
    use scheduleflow::platform::storage::{self, StorageError};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    async fn a_request_that_fails_inside_a_transaction_names_the_browsers_reason() {
        const NAME: &str = "scheduleflow-test-failed-request";
        let db = super::storage::fresh(NAME, storage::SCHEMA_VERSION).await;
        let (tx, watch) = storage::write(&db, "saving failed").unwrap();
        let schedules = tx.object_store("schedules").unwrap();
        let key = JsValue::from_str("same");
        // The second add fails once the transaction runs, as a record too large would.
        let _first = schedules
            .add(&JsValue::from_str("one"), Some(&key))
            .unwrap();
        let _second = schedules
            .add(&JsValue::from_str("two"), Some(&key))
            .unwrap();
        let err = storage::commit(tx, watch, "saving failed")
            .await
            .unwrap_err();
        let StorageError::Failed(message) = err else {
            panic!("not a failure with a reason: {err:?}");
        };
        assert!(
            message.starts_with("saving failed: the browser refused it (ConstraintError: "),
            "{message}"
        );
        // Nothing of the transaction was stored.
        assert_eq!(super::load_whole(&db).await.library.schedules, vec![]);
    }
}

mod sync {
    use std::cell::Cell;
    use std::rc::Rc;

    use scheduleflow::platform::sync;
    use wasm_bindgen_test::wasm_bindgen_test;

    async fn a_moment() {
        super::sleep(150).await;
    }

    #[wasm_bindgen_test]
    async fn a_tab_hears_other_tabs_changes_but_not_its_own() {
        let heard = Rc::new(Cell::new(0));
        let count = heard.clone();
        sync::listen(move || count.set(count.get() + 1));
        sync::announce();
        a_moment().await;
        assert_eq!(heard.get(), 0, "its own save must not reload the tab");
        let other_tab = web_sys::BroadcastChannel::new("scheduleflow-library").unwrap();
        other_tab.post_message(&"changed".into()).unwrap();
        a_moment().await;
        assert_eq!(heard.get(), 1);
        other_tab.close();
    }
}

mod pieces {
    use idb::{KeyRange, Query, TransactionMode};
    use scheduleflow::platform::storage;
    use scheduleflow_engine::edit::{Edit, History};
    use scheduleflow_engine::format::{import, ImportOptions};
    use scheduleflow_engine::generate::{sample_channel, schedule};
    use scheduleflow_engine::model::{Library, Schedule};
    use scheduleflow_engine::pieces::split;
    use scheduleflow_engine::session::Session;
    use scheduleflow_engine::summary::{Health, ScheduleSummary};
    use scheduleflow_engine::time::{FrameRate, Frames};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    const EVENING: &str = include_str!("../crates/engine/tests/data/sf-json/evening.json");

    /// Six busy days of a channel across the change of clocks in October (some 650 events a
    /// day, so each day is a piece of its own), and the golden evening file.
    fn week_and_evening() -> Library {
        let channel = sample_channel(FrameRate::FPS_29_97_DF);
        let origin = channel
            .day_start_instant(jiff::civil::date(2026, 10, 22))
            .unwrap();
        // The generator's month of programmes and spots, pressed into a fifth of the time.
        let mut week = schedule(4_000, 4, channel, origin);
        for event in &mut week.events {
            event.start = Frames(event.start.0 / 5);
        }
        week.length = Frames(week.length.0 / 5 + 1);
        week.id = "week".into();
        week.name = "Week".into();
        let mut library = import(EVENING, None, &ImportOptions::default())
            .unwrap()
            .library;
        library.schedules.insert(0, week);
        library
    }

    /// Schedule `id`'s stored pieces: each one's key position and its `day`.
    async fn pieces_of(db: &storage::Connection, id: &str) -> Vec<(u32, String)> {
        let tx = db
            .transaction(&["pieces"], TransactionMode::ReadOnly)
            .unwrap();
        let store = tx.object_store("pieces").unwrap();
        let key = |n: f64| -> JsValue {
            let k = js_sys::Array::new();
            k.push(&JsValue::from_str(id));
            k.push(&JsValue::from(n));
            k.into()
        };
        let range = || {
            Query::KeyRange(KeyRange::bound(&key(0.0), &key(f64::INFINITY), None, None).unwrap())
        };
        let keys = store
            .get_all_keys(Some(range()), None)
            .unwrap()
            .await
            .unwrap();
        let values = store.get_all(Some(range()), None).unwrap().await.unwrap();
        keys.iter()
            .zip(values)
            .map(|(k, v)| {
                let position = js_sys::Array::from(k).get(1).as_f64().unwrap() as u32;
                let day = js_sys::Reflect::get(&v, &"day".into()).unwrap();
                (position, day.as_string().unwrap_or_default())
            })
            .collect()
    }

    /// The days `schedule`'s pieces are, as stored, numbered.
    fn expected_pieces(schedule: &Schedule) -> Vec<(u32, String)> {
        split(schedule)
            .iter()
            .enumerate()
            .map(|(n, p)| (n as u32, p.day.map(|d| d.to_string()).unwrap_or_default()))
            .collect()
    }

    #[wasm_bindgen_test]
    async fn version_4_records_migrate_to_a_piece_a_day_keeping_their_history_and_log() {
        const NAME: &str = "scheduleflow-test-migration-v4";
        let saved = week_and_evening();
        let mut session = Session::new(saved.schedules[0].clone(), History::new());
        let trim = |index| Edit::Trim {
            index,
            duration: Frames(450),
            ripple: true,
        };
        session.apply(&trim(3)).unwrap();
        let mut stored = saved.clone();
        stored.schedules[0] = session.schedule().clone();
        let history_at_3 = session.history().clone();
        let later = session.apply(&trim(500)).unwrap();
        {
            // Version 4: whole records (the week at revision 3 with its history) and one
            // logged edit after it.
            let v4 = super::storage::fresh(NAME, 4).await;
            super::storage::put_whole(&v4, &stored, 3, &[("week", &history_at_3)]).await;
            assert_eq!(
                storage::append(&v4, "week", "Week", 3, std::slice::from_ref(&later)).await,
                Ok(4)
            );
        }
        let v5 = storage::open_named(NAME).await.unwrap();
        assert_eq!(v5.version().unwrap(), storage::SCHEMA_VERSION);
        let loaded = super::load_whole(&v5).await;
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let mut expected = saved.clone();
        expected.schedules[0] = session.schedule().clone();
        expected.sort();
        assert_eq!(loaded.library, expected);
        assert_eq!(&loaded.histories["week"], session.history());
        assert_eq!(loaded.revisions["week"], 4);
        // Stored as the week was at revision 3, a piece for each of its broadcast days.
        let pieces = pieces_of(&v5, "week").await;
        assert_eq!(pieces, expected_pieces(&stored.schedules[0]));
        assert!(
            pieces.len() >= 5,
            "several days, the 25-hour one among them: {pieces:?}"
        );
        let evening = &saved.schedules[1];
        assert_eq!(pieces_of(&v5, &evening.id).await, expected_pieces(evening));
    }

    #[wasm_bindgen_test]
    async fn a_fold_writes_only_the_pieces_of_the_days_that_changed() {
        const NAME: &str = "scheduleflow-test-fold-pieces";
        let db = super::storage::fresh(NAME, storage::SCHEMA_VERSION).await;
        let saved = week_and_evening();
        storage::insert(&db, saved.clone()).await.unwrap();
        let week = &saved.schedules[0];
        let before = pieces_of(&db, "week").await;
        assert_eq!(before, expected_pieces(week));

        // Mark every stored piece; a piece written again loses its mark.
        {
            let tx = db
                .transaction(&["pieces"], TransactionMode::ReadWrite)
                .unwrap();
            let store = tx.object_store("pieces").unwrap();
            let values = store.get_all(None, None).unwrap().await.unwrap();
            let keys = store.get_all_keys(None, None).unwrap().await.unwrap();
            for (k, v) in keys.iter().zip(values) {
                js_sys::Reflect::set(&v, &"day".into(), &"marked".into()).unwrap();
                store.put(&v, Some(k)).unwrap();
            }
            assert!(tx.await.unwrap().is_committed());
        }
        // One event of the third day a little shorter, nothing after it moved.
        let third = split(week)[2].events.start + 2;
        let mut session = Session::new(week.clone(), History::new());
        let step = session
            .apply(&Edit::Trim {
                index: third,
                duration: Frames(30),
                ripple: false,
            })
            .unwrap();
        assert_eq!(
            storage::append(&db, "week", "Week", 1, std::slice::from_ref(&step)).await,
            Ok(2)
        );
        let folded = storage::fold_value(session.schedule(), session.history(), None, 2);
        storage::fold(&db, "week", folded, 2).await.unwrap();

        let after = pieces_of(&db, "week").await;
        let rewritten: Vec<u32> = after
            .iter()
            .filter(|(_, day)| day != "marked")
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(rewritten, vec![2], "{after:?}");
        assert_eq!(after.len(), before.len());
        let loaded = super::load_whole(&db).await;
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.library.schedule("week"), Some(session.schedule()));
    }

    #[wasm_bindgen_test]
    async fn a_schedule_whose_piece_does_not_read_is_listed_and_refuses_to_open_never_shown_empty()
    {
        const NAME: &str = "scheduleflow-test-bad-piece";
        let db = super::storage::fresh(NAME, storage::SCHEMA_VERSION).await;
        let saved = week_and_evening();
        storage::insert(&db, saved.clone()).await.unwrap();
        {
            let tx = db
                .transaction(&["pieces"], TransactionMode::ReadWrite)
                .unwrap();
            let store = tx.object_store("pieces").unwrap();
            let key = js_sys::Array::new();
            key.push(&"week".into());
            key.push(&JsValue::from(1));
            let bad = js_sys::Object::new();
            js_sys::Reflect::set(&bad, &"events".into(), &"[{\"id\": 7}]".into()).unwrap();
            store.put(&bad, Some(&key.into())).unwrap();
            assert!(tx.await.unwrap().is_committed());
        }
        // Listed by its head (its events are read only to open it), and the load reports nothing.
        let loaded = storage::load(&db).await.unwrap();
        let ids: Vec<&str> = loaded.library.schedules.iter().map(|s| s.id()).collect();
        let mut listed = saved.clone();
        listed.sort();
        let expected: Vec<&str> = listed.schedules.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, expected);
        assert_eq!(loaded.problems, Vec::<String>::new());
        // Opening it says why it cannot, rather than opening it empty.
        let err = storage::open_schedule(&db, "week", storage::UNSEEN)
            .await
            .unwrap_err();
        let storage::StorageError::Failed(message) = err else {
            panic!("not a failure with a reason: {err:?}");
        };
        assert!(
            message.starts_with("opening failed: its events could not be read: "),
            "{message}"
        );
        let evening = &saved.schedules[1];
        let told = std::cell::RefCell::new(Vec::new());
        let progress = |read| told.borrow_mut().push(read);
        let read = storage::Read {
            progress: &progress,
            ..storage::UNSEEN
        };
        let opened = storage::open_schedule(&db, &evening.id, read)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(&opened.schedule, evening);
        // Its progress: each request of pieces fetched, then each piece made into events, as
        // thousandths of twice the pieces.
        let count = scheduleflow_engine::pieces::write_pieces(evening).len();
        let fetched = (1..=count.div_ceil(16)).map(|request| (request * 16).min(count));
        let expected: Vec<u32> = fetched
            .chain(count + 1..=2 * count)
            .map(|done| (done * 1000 / (2 * count)) as u32)
            .collect();
        assert_eq!(told.into_inner(), expected);
        assert_eq!(expected.last(), Some(&1000));
    }

    #[wasm_bindgen_test]
    async fn opening_tells_its_first_whole_days_before_the_rest_unless_edits_are_logged_after() {
        const NAME: &str = "scheduleflow-test-first-rows";
        let db = super::storage::fresh(NAME, storage::SCHEMA_VERSION).await;
        let saved = week_and_evening();
        storage::insert(&db, saved.clone()).await.unwrap();
        let week = &saved.schedules[0];
        // Whole days from the first until there are enough rows for a screen and more.
        let days = split(week);
        let mut shown = 0;
        for day in &days {
            if shown >= storage::FIRST_ROWS {
                break;
            }
            shown = day.events.end;
        }
        assert!(
            shown >= storage::FIRST_ROWS && shown < week.events.len(),
            "{shown} of {} events: the week must hold more than the first rows",
            week.events.len()
        );
        let expected = Schedule {
            events: week.events[..shown].to_vec(),
            ..scheduleflow_engine::pieces::head(week)
        };

        // Told once, before any piece is made into events (only fetches are told before it).
        let log = std::cell::RefCell::new(Vec::new());
        let progress = |read| log.borrow_mut().push(format!("{read}"));
        let first = |first: Schedule| {
            assert_eq!(first, expected);
            log.borrow_mut().push("first".to_owned());
        };
        let read = storage::Read {
            progress: &progress,
            first: &first,
        };
        let opened = storage::open_schedule(&db, "week", read)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(&opened.schedule, week);
        let told = log.borrow().clone();
        assert_eq!(told.iter().filter(|t| *t == "first").count(), 1, "{told:?}");
        assert_eq!(told[0], "first", "{told:?}");

        // With an edit logged after the stored pieces, they are not what opens: not told.
        let mut session = Session::new(week.clone(), History::new());
        let step = session
            .apply(&Edit::Delete {
                index: 0,
                ripple: true,
            })
            .unwrap();
        assert_eq!(
            storage::append(&db, "week", "Week", 1, &[step]).await,
            Ok(2)
        );
        log.borrow_mut().clear();
        let opened = storage::open_schedule(&db, "week", read)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(&opened.schedule, session.schedule());
        let told = log.borrow().clone();
        assert!(
            !told.is_empty() && !told.contains(&"first".to_owned()),
            "{told:?}"
        );
    }

    #[wasm_bindgen_test]
    async fn a_stored_schedule_brings_its_row_until_an_edit_is_logged_after_it() {
        const NAME: &str = "scheduleflow-test-stored-summary";
        let db = super::storage::fresh(NAME, storage::SCHEMA_VERSION).await;
        let saved = week_and_evening();
        // What it stored, with the rows, is given to `before_commit` before the commit ends.
        let inserted = storage::insert_with_summaries(&db, saved.clone(), |library, rows| {
            (library.clone(), rows.to_vec())
        })
        .await
        .unwrap();
        assert_eq!(inserted.library, saved);
        let expected: Vec<ScheduleSummary> =
            saved.schedules.iter().map(ScheduleSummary::of).collect();
        assert_eq!(inserted.summaries, expected);
        assert_eq!(inserted.written, (saved.clone(), expected.clone()));
        let checked = |stored: storage::Stored| -> Vec<ScheduleSummary> {
            let mut rows: Vec<ScheduleSummary> = stored
                .library
                .schedules
                .into_iter()
                .map(|s| s.row)
                .filter(|r| r.health != Health::Checking)
                .collect();
            rows.sort_by(|a, b| a.id.cmp(&b.id));
            rows
        };
        let mut wanted = expected.clone();
        wanted.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(checked(storage::load(&db).await.unwrap()), wanted);

        // An edit logged after the record: its summary no longer describes the schedule, and
        // its row waits for a check (all but its health as the record has it).
        let mut session = Session::new(saved.schedules[0].clone(), History::new());
        let step = session
            .apply(&Edit::Delete {
                index: 0,
                ripple: false,
            })
            .unwrap();
        storage::append(&db, "week", "Week", 1, std::slice::from_ref(&step))
            .await
            .unwrap();
        let loaded = storage::load(&db).await.unwrap();
        let week = loaded.library.schedule("week").unwrap().row.clone();
        assert_eq!(
            week,
            ScheduleSummary {
                health: Health::Checking,
                errors: 0,
                warnings: 0,
                ..expected[0].clone()
            }
        );
        assert_eq!(checked(loaded), vec![expected[1].clone()]);
        // Folded without a row (the page had not checked it): the last row stays, for the
        // revision it describes, so its days and counts show while its checks run again.
        let folded = storage::fold_value(session.schedule(), session.history(), None, 2);
        storage::fold(&db, "week", folded, 2).await.unwrap();
        let loaded = storage::load(&db).await.unwrap();
        assert_eq!(loaded.library.schedule("week").unwrap().row, week);
        assert_eq!(checked(loaded), vec![expected[1].clone()]);

        // A row kept at the schedule's revision is its row again; one for an older revision
        // is not kept.
        let row = ScheduleSummary::of(session.schedule());
        assert_eq!(storage::keep_row(&db, "week", 1, &row).await, Ok(false));
        assert_eq!(storage::keep_row(&db, "week", 2, &row).await, Ok(true));
        let loaded = storage::load(&db).await.unwrap();
        assert_eq!(loaded.library.schedule("week").unwrap().row, row);
        // An edit logged after it: the row waits for a check again.
        let step = session
            .apply(&Edit::Delete {
                index: 0,
                ripple: false,
            })
            .unwrap();
        storage::append(&db, "week", "Week", 2, std::slice::from_ref(&step))
            .await
            .unwrap();
        let loaded = storage::load(&db).await.unwrap();
        assert_eq!(checked(loaded), vec![expected[1].clone()]);
        // Folded with the row the page knows for that state: its row, no check needed.
        let row = ScheduleSummary::of(session.schedule());
        let folded = storage::fold_value(session.schedule(), session.history(), Some(&row), 3);
        storage::fold(&db, "week", folded, 3).await.unwrap();
        let loaded = storage::load(&db).await.unwrap();
        assert_eq!(loaded.library.schedule("week").unwrap().row, row);
    }
}

/// What the first-load shell reads: the rows kept in storage, before any editor.
mod shell_rows {
    use super::storage::{fresh, put_whole};
    use scheduleflow::platform::storage::{self, StoredRows};
    use scheduleflow_engine::model::Library;
    use scheduleflow_engine::summary::ScheduleSummary;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    async fn the_shell_lists_kept_rows_counts_unchecked_schedules_and_passes_deleted_ones_by() {
        const NAME: &str = "scheduleflow-test-shell-rows";
        let db = fresh(NAME, storage::SCHEMA_VERSION).await;
        let stored = super::storage::library();
        let mut more = stored.clone();
        more.playlists.clear();
        more.schedules.iter_mut().for_each(|s| {
            s.id = format!("{}-again", s.id);
            s.name = format!("{} again", s.name);
        });
        storage::insert(&db, stored.clone()).await.unwrap();
        storage::insert(&db, more.clone()).await.unwrap();
        assert!(storage::set_aside(&db, &more.schedules[0].id)
            .await
            .unwrap());
        // A record stored before rows were kept has none.
        let mut unchecked = stored.schedules[0].clone();
        unchecked.id = "unchecked".into();
        let unchecked = Library {
            schedules: vec![unchecked],
            playlists: Vec::new(),
        };
        put_whole(&db, &unchecked, 1, &[]).await;
        drop(db);

        let rows = storage::stored_rows_in(NAME).await.unwrap();
        let mut expected: Vec<ScheduleSummary> = stored
            .schedules
            .iter()
            .chain(&more.schedules[1..])
            .map(ScheduleSummary::of)
            .collect();
        expected.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(
            rows,
            StoredRows {
                rows: expected,
                unsummarised: 1
            }
        );
    }

    #[wasm_bindgen_test]
    async fn the_shell_reads_no_library_where_none_is_stored_and_creates_none() {
        const NAME: &str = "scheduleflow-test-shell-nothing";
        super::storage::forget(NAME).await;
        assert_eq!(
            storage::stored_rows_in(NAME).await.unwrap(),
            StoredRows::default()
        );
        // Creating it would leave a version-1 database without stores for the editor.
        let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
        let listing = js_sys::Reflect::get(&factory, &"databases".into())
            .unwrap()
            .unchecked_into::<js_sys::Function>()
            .call0(&factory)
            .unwrap();
        let names: js_sys::Array =
            wasm_bindgen_futures::JsFuture::from(listing.unchecked_into::<js_sys::Promise>())
                .await
                .unwrap()
                .unchecked_into();
        let named = |d: wasm_bindgen::JsValue| {
            js_sys::Reflect::get(&d, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
        };
        assert!(
            names.iter().all(|d| named(d).as_deref() != Some(NAME)),
            "no database was created"
        );
    }
}

/// Work cut into slices counts its time per turn of the event loop, whoever used it.
mod turns {
    use super::wasm_bindgen_test;
    use scheduleflow::platform::{mark_turn, tick, Slices};

    fn busy(ms: f64) {
        let start = js_sys::Date::now();
        while js_sys::Date::now() - start < ms {}
    }

    #[wasm_bindgen_test]
    async fn slices_begun_after_other_work_in_the_same_task_yield_before_working() {
        tick().await;
        // A big edit's task: it runs its time without looking at the clock…
        mark_turn();
        busy(12.0);
        // …so the work it wakes in the same task has none left,
        let mut woken = Slices::new();
        assert!(woken.used_up());
        // and goes on in a turn of its own.
        woken.pause().await;
        assert!(!woken.used_up());
    }
}

/// The page's word to a worker that a job may store, beside the job requests it also sends.
mod worker_messages {
    use scheduleflow::import::Setup;
    use scheduleflow::jobs::protocol::{
        read_request, read_store, request_envelope, store_envelope, Request, Work,
    };
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_word_to_store_reads_back_as_its_job_and_never_as_a_request() {
        let store = store_envelope(7).unwrap();
        assert_eq!(read_store(&store), Some(7));
        assert_eq!(read_request(&store), None);
        let request = Request {
            job: 7,
            name: "week.json".into(),
            work: Work::Import(Setup::on(jiff::civil::date(2026, 6, 1))),
        };
        let bytes = js_sys::Uint8Array::from(&b"{}"[..]);
        let envelope = request_envelope(&request, &bytes).unwrap();
        assert_eq!(read_store(&envelope), None);
        assert_eq!(read_request(&envelope), Some((request, b"{}".to_vec())));
    }
}
