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

    /// Opens `name` after deleting whatever an earlier run left there.
    pub(super) async fn fresh(name: &str, version: u32) -> storage::Connection {
        idb::Factory::new()
            .unwrap()
            .delete(name)
            .unwrap()
            .await
            .unwrap();
        storage::open_at(name, version).await.unwrap()
    }

    #[wasm_bindgen_test]
    async fn a_saved_library_loads_back_exactly_and_deletes_by_id() {
        let db = fresh("scheduleflow-test-roundtrip", storage::SCHEMA_VERSION).await;
        let saved = library();
        assert_eq!(storage::insert(&db, saved.clone()).await.unwrap(), saved);
        let loaded = storage::load(&db).await.unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.library, saved);
        assert!(loaded.revisions.values().all(|r| *r == 1));
        storage::remove(&db, "a").await.unwrap();
        let after = storage::load(&db).await.unwrap().library;
        assert_eq!(after.schedules.len(), 1);
        assert_eq!(after.schedules[0].id, "b");
        assert_eq!(after.playlists, saved.playlists);
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
        let loaded = storage::load(&now).await.unwrap();
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
        assert_eq!(
            storage::load(&first).await.unwrap().library.schedules.len(),
            2
        );
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
        let loaded = storage::load(&db).await.unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.library.schedules[0], *session.schedule());
        assert_eq!(loaded.library.schedules[1], saved.schedules[1]);
        assert_eq!(&loaded.histories["a"], session.history());
        assert_eq!(loaded.revisions["a"], 11);

        let value = storage::fold_value(session.schedule(), session.history(), 11);
        storage::fold(&db, "a", value, 11).await.unwrap();
        let after = storage::load(&db).await.unwrap();
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
        let stored = storage::load(&second).await.unwrap();
        assert_eq!(stored.library.schedules[0], *mine.schedule());
        assert_eq!(stored.revisions["a"], 4);
        // Once it has read revision 4, the other tab may add its edits on top.
        assert_eq!(
            storage::append(&second, "a", "A", 4, &their_steps[..1]).await,
            Ok(5)
        );
        // A deleted schedule takes no more edits, and its log goes with it.
        storage::remove(&first, "a").await.unwrap();
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
        let loaded = storage::load(&v3).await.unwrap();
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
    async fn version_3_data_migrates_to_version_4_and_a_plan_is_kept_by_its_channel() {
        const NAME: &str = "scheduleflow-test-migration-v3";
        let saved = super::storage::library();
        {
            let v3 = super::storage::fresh(NAME, 3).await;
            assert_eq!(storage::insert(&v3, saved.clone()).await.unwrap(), saved);
            let channel = saved.schedules[0].channel.clone();
            storage::put_channel(&v3, &channel, None).await.unwrap();
        }
        let v4 = storage::open_named(NAME).await.unwrap();
        assert_eq!(v4.version().unwrap(), 4);
        let loaded = storage::load(&v4).await.unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.library.schedules, saved.schedules);
        assert_eq!(loaded.channels, vec![saved.schedules[0].channel.clone()]);
        assert_eq!(loaded.plans, vec![]);

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
        assert_eq!(storage::load(&db).await.unwrap().library.schedules, vec![]);
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
