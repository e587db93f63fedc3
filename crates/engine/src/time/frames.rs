//! `Frames`: a signed whole number of frames, used both for positions and for lengths.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use serde::{Deserialize, Serialize};

/// A whole number of frames at some [`FrameRate`](super::FrameRate).
///
/// Signed, because the difference of two positions can be negative (an overlap).
/// Arithmetic saturates instead of wrapping: a schedule of a million years is nonsense, but it
/// must not turn into a negative length.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Frames(pub i64);

impl Frames {
    pub const ZERO: Frames = Frames(0);

    pub const fn new(count: i64) -> Self {
        Frames(count)
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub fn abs(self) -> Frames {
        Frames(self.0.saturating_abs())
    }
}

impl Add for Frames {
    type Output = Frames;
    fn add(self, rhs: Frames) -> Frames {
        Frames(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Frames {
    fn add_assign(&mut self, rhs: Frames) {
        *self = *self + rhs;
    }
}

impl Sub for Frames {
    type Output = Frames;
    fn sub(self, rhs: Frames) -> Frames {
        Frames(self.0.saturating_sub(rhs.0))
    }
}

impl SubAssign for Frames {
    fn sub_assign(&mut self, rhs: Frames) {
        *self = *self - rhs;
    }
}

impl Neg for Frames {
    type Output = Frames;
    fn neg(self) -> Frames {
        Frames(self.0.saturating_neg())
    }
}

impl Sum for Frames {
    fn sum<I: Iterator<Item = Frames>>(iter: I) -> Frames {
        iter.fold(Frames::ZERO, Add::add)
    }
}

impl fmt::Display for Frames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} frames", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_saturates_instead_of_wrapping() {
        assert_eq!(Frames(i64::MAX) + Frames(1), Frames(i64::MAX));
        assert_eq!(Frames(i64::MIN) - Frames(1), Frames(i64::MIN));
        assert_eq!(-Frames(i64::MIN), Frames(i64::MAX));
    }

    #[test]
    fn sums_a_list_of_lengths() {
        let total: Frames = [Frames(25), Frames(50), Frames(-5)].into_iter().sum();
        assert_eq!(total, Frames(70));
    }
}
