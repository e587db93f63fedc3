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

#[wasm_bindgen_test]
fn mounted_app_shows_the_engine_version_compiled_into_wasm() {
    let host: web_sys::HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let _handle = leptos::mount::mount_to(host.clone(), scheduleflow::App);

    let version = host
        .query_selector("[data-testid=engine-version]")
        .unwrap()
        .expect("the engine version element");
    assert_eq!(
        version.text_content().unwrap(),
        scheduleflow_engine::VERSION
    );
    assert!(host.text_content().unwrap().contains("ScheduleFlow"));
}

mod storage {
    use idb::TransactionMode;
    use scheduleflow::platform::storage::{self, StorageError};
    use scheduleflow_engine::format::sf_json;
    use scheduleflow_engine::generate::{playlist, sample_channel, schedule};
    use scheduleflow_engine::model::Library;
    use scheduleflow_engine::time::{FrameRate, Frames};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn library() -> Library {
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
    async fn fresh(name: &str, version: u32) -> storage::Connection {
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
        assert_eq!(stores, vec!["playlists".to_owned(), "schedules".to_owned()]);
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
        let v2 = storage::open_named(NAME).await.unwrap();
        assert_eq!(v2.version().unwrap(), 2);
        let loaded = storage::load(&v2).await.unwrap();
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

    #[wasm_bindgen_test]
    async fn a_save_from_a_stale_tab_is_refused_and_the_other_tab_s_change_kept() {
        const NAME: &str = "scheduleflow-test-two-tabs-edit";
        let first = fresh(NAME, storage::SCHEMA_VERSION).await;
        let second = storage::open_named(NAME).await.unwrap();
        storage::insert(&first, library()).await.unwrap();
        let mut mine = library().schedules[0].clone();
        let mut theirs = mine.clone();
        mine.events[0].title = "Mine".into();
        theirs.events[0].duration = Some(Frames(10));
        assert_eq!(storage::replace(&first, &mine, 1).await, Ok(2));
        assert_eq!(
            storage::replace(&second, &theirs, 1).await,
            Err(StorageError::Conflict("A".into()))
        );
        let stored = storage::load(&second).await.unwrap();
        assert_eq!(stored.library.schedules[0], mine);
        assert_eq!(stored.revisions["a"], 2);
        // Once it has read revision 2, the other tab may save.
        assert_eq!(storage::replace(&second, &theirs, 2).await, Ok(3));
    }
}
