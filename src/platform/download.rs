//! Offering text as a file download, whole or gathered in pieces.

use wasm_bindgen::JsCast;

/// How long a download's blob URL stays valid after the click that offers it.
const REVOKE_AFTER_MS: u32 = 60_000;

/// Downloads `text` as `name` with MIME type `mime`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = Parts::new();
    parts.push(text);
    parts.download(name, mime)
}

/// Downloads `bytes` as `name` with MIME type `mime`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    offer(name, mime, &parts)
}

/// A download's text in pieces, each made a blob as it comes (encoding a piece takes a
/// moment; encoding hundreds of megabytes at the end held the page for most of a second): the
/// file is a blob of them, and no one string, in the page's memory or the engine's, ever holds
/// all of it.
#[derive(Debug)]
pub struct Parts(js_sys::Array);

impl Parts {
    pub fn new() -> Parts {
        Parts(js_sys::Array::new())
    }

    pub fn push(&self, text: &str) {
        let piece = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        match web_sys::Blob::new_with_str_sequence(&piece) {
            Ok(blob) => self.0.push(&blob),
            // Without blobs the download fails later, saying so; keep the text meanwhile.
            Err(_) => self.0.push(&piece.get(0)),
        };
    }

    /// Offers the pieces, in order, as one file `name` of type `mime`.
    pub fn download(&self, name: &str, mime: &str) -> Result<(), String> {
        offer(name, mime, &self.0)
    }
}

impl Default for Parts {
    fn default() -> Parts {
        Parts::new()
    }
}

fn offer(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let fail = |what: &str| format!("the download could not be started ({what})");
    let window = web_sys::window().ok_or_else(|| fail("no window"))?;
    let document = window.document().ok_or_else(|| fail("no document"))?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_blob_sequence_and_options(parts, &options)
        .map_err(|_| fail("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("url"))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("anchor"))?
        .dyn_into()
        .map_err(|_| fail("anchor"))?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The browser may fetch the blob after the click has returned (a busy machine, a big
    // file), so the URL is let go of only once the download has surely started.
    gloo_timers::callback::Timeout::new(REVOKE_AFTER_MS, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
