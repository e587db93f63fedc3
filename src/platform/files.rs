//! Reading the files a user dropped or picked, in slices so that a large file reports progress.

use gloo_file::futures::read_as_bytes;

/// A slice this large reads in well under a frame's worth of waiting per progress step, and
/// few enough steps that a small file reads in one.
const SLICE_BYTES: u64 = 4 << 20;

/// The files in a list, taken out at once: a `FileList` is live (clearing the input empties it)
/// and a drop's data is only guaranteed during its event.
pub fn take(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads a whole file, calling `progress(bytes read, bytes in all)` after each slice.
pub async fn read(file: &web_sys::File, progress: impl Fn(u64, u64)) -> Result<Vec<u8>, String> {
    let name = file.name();
    // File sizes are whole numbers of bytes, exact in an f64 up to 8 PB.
    let total = file.size() as u64;
    let unreadable = |e: String| format!("{name}: the file could not be read: {e}");
    let mut bytes = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    progress(0, total);
    while (bytes.len() as u64) < total {
        let from = bytes.len() as u64;
        let to = (from + SLICE_BYTES).min(total);
        let slice = file
            .slice_with_f64_and_f64(from as f64, to as f64)
            .map_err(|e| unreadable(format!("{e:?}")))?;
        let chunk = read_as_bytes(&gloo_file::Blob::from(slice))
            .await
            .map_err(|e| unreadable(e.to_string()))?;
        if chunk.is_empty() {
            return Err(unreadable("it ended early".into()));
        }
        bytes.extend_from_slice(&chunk);
        progress(bytes.len() as u64, total);
    }
    Ok(bytes)
}
