//! Event delegation: one handler on a container stands for handlers on each of its many
//! children (rows, timeline blocks), which are rebuilt on every change; each child names what
//! it stands for in a `data-` attribute.

use wasm_bindgen::JsCast;

/// The number in attribute `attribute` of the nearest element, from the event's target
/// outwards, that has it.
pub fn position_of(e: &web_sys::Event, attribute: &str) -> Option<usize> {
    e.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(&format!("[{attribute}]"))
        .ok()??
        .get_attribute(attribute)?
        .parse()
        .ok()
}
