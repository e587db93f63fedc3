//! Frame-exact time: frame rates as ratios, frame counts, exact rational seconds and SMPTE timecode.
//!
//! Nothing here uses floating point. A position or a length is a whole number of frames at a
//! [`FrameRate`]; converting to or from seconds goes through [`Ratio`] and any rounding to a frame
//! is chosen by the caller ([`Rounding`]) and reported ([`Rounded`]).

mod error;
mod frames;
mod rate;
mod ratio;
mod timecode;

pub use error::TimeError;
pub use frames::Frames;
pub use rate::FrameRate;
pub use ratio::{Ratio, Rounded, Rounding};
pub use timecode::Timecode;
