//! What a build is asked for.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::model::EventKind;
use crate::time::Frames;

/// The order in which playlist items are picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "order", rename_all = "kebab-case")]
pub enum Order {
    Sequential,
    /// A fresh seeded permutation for each pass through the playlist.
    Shuffle {
        seed: u64,
    },
    /// Seeded random picks that never repeat any of the last `window` items.
    ShuffleNoRepeat {
        seed: u64,
        window: usize,
    },
}

/// Whether the playlist plays once or repeats until the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fill {
    Once,
    Loop,
}

/// What happens where the next item does not fit (at the end, and before each hard start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ending {
    /// Cut the item that runs over.
    Trim,
    /// Stop before the item that does not fit and fill the rest from the filler list.
    Filler,
    /// Stop before the item that does not fit and leave a gap (validation flags it).
    Gap,
}

/// Where the schedule ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildEnd {
    At(Timestamp),
    Length(Frames),
}

/// A block that must start at a fixed time, such as the news at 18:00:00:00.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HardStart {
    pub at: Timestamp,
    pub duration: Frames,
    pub title: String,
    pub kind: EventKind,
    pub source: Option<String>,
}

/// Everything a build needs besides the playlists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildRequest {
    pub id: String,
    pub name: String,
    pub channel: Channel,
    pub start: Timestamp,
    pub end: BuildEnd,
    pub order: Order,
    pub fill: Fill,
    pub ending: Ending,
    pub hard_starts: Vec<HardStart>,
}
