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
    use scheduleflow::platform::storage;
    use scheduleflow_engine::generate::{playlist, sample_channel, schedule};
    use scheduleflow_engine::model::Library;
    use scheduleflow_engine::time::FrameRate;
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

    #[wasm_bindgen_test]
    async fn a_saved_library_loads_back_exactly_and_deletes_by_id() {
        let db = storage::open_named("scheduleflow-test-roundtrip")
            .await
            .unwrap();
        let saved = library();
        storage::save(&db, &saved).await.unwrap();
        let (loaded, problems) = storage::load(&db).await.unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(loaded, saved);
        storage::remove(&db, "a").await.unwrap();
        let (after, _) = storage::load(&db).await.unwrap();
        assert_eq!(after.schedules.len(), 1);
        assert_eq!(after.schedules[0].id, "b");
        assert_eq!(after.playlists, saved.playlists);
    }

    #[wasm_bindgen_test]
    async fn the_schema_version_is_the_one_the_database_opens_with() {
        let db = storage::open_named("scheduleflow-test-version")
            .await
            .unwrap();
        assert_eq!(db.version().unwrap(), storage::SCHEMA_VERSION);
        let mut stores = db.store_names();
        stores.sort();
        assert_eq!(stores, vec!["playlists".to_owned(), "schedules".to_owned()]);
    }
}
