//! Reading the files a user dropped or picked, in slices so that a large file reports progress.

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A slice this large reads in well under a frame's worth of waiting per progress step, and
/// few enough steps that a small file reads in one.
const SLICE_BYTES: u64 = 4 << 20;

/// Whether a drag carries files (rather than events or items dragged inside the page).
pub fn carries_files(e: &web_sys::DragEvent) -> bool {
    e.data_transfer()
        .is_some_and(|dt| dt.types().includes(&"Files".into(), 0))
}

/// The files in a list, taken out at once: a `FileList` is live (clearing the input empties it)
/// and a drop's data is only guaranteed during its event.
pub fn take(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads a whole file into a JavaScript byte array (which goes to an import worker as it is,
/// never through the page's wasm), calling `progress(bytes read, bytes in all)` after each
/// slice.
pub async fn read(file: &web_sys::File, progress: impl Fn(u64, u64)) -> Result<Uint8Array, String> {
    let name = file.name();
    // File sizes are whole numbers of bytes, exact in an f64 up to 8 PB.
    let total = file.size() as u64;
    let unreadable = |e: String| format!("{name}: the file could not be read: {e}");
    let length = u32::try_from(total)
        .map_err(|_| unreadable(format!("at {total} bytes it is more than a browser reads")))?;
    let bytes = Uint8Array::new_with_length(length);
    let mut read = 0u64;
    progress(0, total);
    while read < total {
        let to = (read + SLICE_BYTES).min(total);
        let slice = file
            .slice_with_f64_and_f64(read as f64, to as f64)
            .map_err(|e| unreadable(format!("{e:?}")))?;
        let buffer = JsFuture::from(slice.array_buffer())
            .await
            .ok()
            .and_then(|b| b.dyn_into::<ArrayBuffer>().ok())
            .ok_or_else(|| unreadable("the browser gave no bytes".into()))?;
        let chunk = Uint8Array::new(&buffer);
        if chunk.length() == 0 {
            return Err(unreadable("it ended early".into()));
        }
        // `read` stays below `total`, which fits in a u32.
        bytes.set(&chunk, read as u32);
        read += u64::from(chunk.length());
        progress(read, total);
    }
    Ok(bytes)
}
