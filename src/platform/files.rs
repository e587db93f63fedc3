//! Reading the files a user dropped or picked.

use gloo_file::futures::read_as_bytes;

/// A file's name and bytes.
#[derive(Debug)]
pub struct PickedFile {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// The files in a list, taken out at once: a `FileList` is live (clearing the input empties it)
/// and a drop's data is only guaranteed during its event.
pub fn take(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads every file.
pub async fn read_all(list: Vec<web_sys::File>) -> Vec<PickedFile> {
    let mut out = Vec::new();
    for file in list {
        let name = file.name();
        let bytes = read_as_bytes(&gloo_file::File::from(file))
            .await
            .map_err(|e| format!("{name}: the file could not be read: {e}"));
        out.push(PickedFile { name, bytes });
    }
    out
}
