//! What a drag carries inside the page: an event of the open schedule (to reorder) or playlist
//! items (to insert), as text under the app's own types.

use web_sys::DragEvent;

const EVENT: &str = "application/x-scheduleflow-event";
const ITEMS: &str = "application/x-scheduleflow-items";

/// What was dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dragged {
    Event(usize),
    Items { playlist: String, items: Vec<usize> },
}

pub fn start_event(e: &DragEvent, index: usize) {
    if let Some(dt) = e.data_transfer() {
        let _ = dt.set_data(EVENT, &index.to_string());
        dt.set_effect_allowed("move");
    }
}

pub fn start_items(e: &DragEvent, playlist: &str, items: &[usize]) {
    if let Some(dt) = e.data_transfer() {
        let list: Vec<String> = items.iter().map(usize::to_string).collect();
        let _ = dt.set_data(ITEMS, &format!("{playlist}\n{}", list.join(",")));
        dt.set_effect_allowed("copy");
    }
}

/// Whether a drag over a drop target carries something the editor takes (files do not).
pub fn accepts(e: &DragEvent) -> bool {
    e.data_transfer().is_some_and(|dt| {
        let types = dt.types();
        types.includes(&EVENT.into(), 0) || types.includes(&ITEMS.into(), 0)
    })
}

pub fn read(e: &DragEvent) -> Option<Dragged> {
    let dt = e.data_transfer()?;
    if let Ok(index) = dt.get_data(EVENT) {
        if let Ok(index) = index.parse() {
            return Some(Dragged::Event(index));
        }
    }
    let items = dt.get_data(ITEMS).ok()?;
    let (playlist, list) = items.split_once('\n')?;
    Some(Dragged::Items {
        playlist: playlist.to_owned(),
        items: list.split(',').filter_map(|i| i.parse().ok()).collect(),
    })
}
