//! One stored schedule or playlist: its ScheduleFlow JSON document and a revision that every
//! save raises by one, so a save can tell whether someone else saved in between.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

const REVISION: &str = "revision";
const DOC: &str = "doc";

pub fn encode(revision: u32, doc: &str) -> JsValue {
    let record = Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(&record, &REVISION.into(), &JsValue::from(revision));
    let _ = Reflect::set(&record, &DOC.into(), &JsValue::from_str(doc));
    record.into()
}

/// The revision and document of a stored value, or `None` if it is not a record.
pub fn decode(value: &JsValue) -> Option<(u32, String)> {
    let revision = Reflect::get(value, &REVISION.into()).ok()?.as_f64()?;
    let doc = Reflect::get(value, &DOC.into()).ok()?.as_string()?;
    // Revisions are small whole numbers written by `encode`.
    let revision = revision as u32;
    Some((revision, doc))
}
