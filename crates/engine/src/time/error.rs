//! The ways a time value can fail to parse or convert.

use thiserror::Error;

/// A time value that cannot be parsed or represented.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TimeError {
    #[error(
        "unsupported frame rate {0}: use 24, 25, 30, 50, 60, 24000/1001, 30000/1001 or 60000/1001"
    )]
    UnsupportedRate(String),
    #[error("drop-frame timecode exists only at 30000/1001 and 60000/1001, not at {0}")]
    DropFrameNotAllowed(String),
    #[error("timecode '{0}' is not HH:MM:SS:FF (or HH:MM:SS;FF for drop-frame)")]
    TimecodeSyntax(String),
    #[error("timecode '{text}' is out of range: {reason}")]
    TimecodeRange { text: String, reason: String },
    #[error("'{0}' is not a number of seconds")]
    SecondsSyntax(String),
    #[error("a negative frame count ({0}) has no timecode")]
    NegativeFrames(i64),
    #[error("the value is too large to represent")]
    Overflow,
}
