//! File formats: reading and writing schedules and playlists. Parsing works on text the shell
//! hands over; the engine never opens a file.

mod limits;
mod position;
pub mod sf_json;
pub mod sf_xml;
mod xml;

pub use limits::Limits;

use thiserror::Error;

/// Why a document could not be read. Carries the position, so the shell can say
/// "file, line, column, what to do".
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}, column {column}: {message}")]
pub struct ImportError {
    /// 1-based; 0 when the problem is not at one place (the document as a whole).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ImportError {
    pub fn whole(message: impl Into<String>) -> ImportError {
        ImportError {
            line: 0,
            column: 0,
            message: message.into(),
        }
    }
}
