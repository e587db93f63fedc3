//! `FrameRate`: the broadcast frame rates as exact ratios, with the drop-frame flag where it applies.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Frames, Ratio, Rounded, Rounding, TimeError};

/// A frame rate: `num / den` frames per second, and whether its timecode drops frame numbers.
///
/// Only the rates broadcast uses are constructible, so every `FrameRate` has a well-defined
/// timecode. Drop-frame applies to 30000/1001 and 60000/1001 only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FrameRate {
    num: u32,
    den: u32,
    drop_frame: bool,
}

const SUPPORTED: [(u32, u32); 8] = [
    (24, 1),
    (25, 1),
    (30, 1),
    (50, 1),
    (60, 1),
    (24000, 1001),
    (30000, 1001),
    (60000, 1001),
];

impl FrameRate {
    pub const FPS_24: FrameRate = FrameRate::known(24, 1, false);
    pub const FPS_25: FrameRate = FrameRate::known(25, 1, false);
    pub const FPS_30: FrameRate = FrameRate::known(30, 1, false);
    pub const FPS_50: FrameRate = FrameRate::known(50, 1, false);
    pub const FPS_60: FrameRate = FrameRate::known(60, 1, false);
    pub const FPS_23_976: FrameRate = FrameRate::known(24000, 1001, false);
    pub const FPS_29_97_NDF: FrameRate = FrameRate::known(30000, 1001, false);
    pub const FPS_29_97_DF: FrameRate = FrameRate::known(30000, 1001, true);
    pub const FPS_59_94_NDF: FrameRate = FrameRate::known(60000, 1001, false);
    pub const FPS_59_94_DF: FrameRate = FrameRate::known(60000, 1001, true);

    /// Every supported rate, drop-frame variants included.
    pub const ALL: [FrameRate; 10] = [
        Self::FPS_24,
        Self::FPS_25,
        Self::FPS_30,
        Self::FPS_50,
        Self::FPS_60,
        Self::FPS_23_976,
        Self::FPS_29_97_NDF,
        Self::FPS_29_97_DF,
        Self::FPS_59_94_NDF,
        Self::FPS_59_94_DF,
    ];

    const fn known(num: u32, den: u32, drop_frame: bool) -> FrameRate {
        FrameRate {
            num,
            den,
            drop_frame,
        }
    }

    /// A supported rate from its ratio (in any terms: `50/2` is 25).
    pub fn new(num: u32, den: u32, drop_frame: bool) -> Result<FrameRate, TimeError> {
        let described = || format!("{num}/{den}");
        let reduced = Ratio::new(i128::from(num), i128::from(den))
            .ok_or_else(|| TimeError::UnsupportedRate(described()))?;
        let (n, d) = SUPPORTED
            .into_iter()
            .find(|&(n, d)| i128::from(n) == reduced.numer() && i128::from(d) == reduced.denom())
            .ok_or_else(|| TimeError::UnsupportedRate(described()))?;
        if drop_frame && (d != 1001 || n == 24000) {
            return Err(TimeError::DropFrameNotAllowed(described()));
        }
        Ok(FrameRate::known(n, d, drop_frame))
    }

    /// Parses `25`, `30000/1001`, `29.97`, and any of these followed by ` DF` or `df`
    /// (for example `30000/1001 DF` or `29.97df`). `drop_frame` also asks for drop-frame.
    pub fn parse(text: &str, drop_frame: bool) -> Result<FrameRate, TimeError> {
        let unsupported = || TimeError::UnsupportedRate(text.trim().to_owned());
        let trimmed = text.trim();
        let lower = trimmed.to_ascii_lowercase();
        let (body, df_suffix) = match lower.strip_suffix("df") {
            Some(rest) => (rest.trim_end().to_owned(), true),
            None => (lower.clone(), false),
        };
        let body = body.strip_suffix("fps").unwrap_or(&body).trim().to_owned();
        let drop_frame = drop_frame || df_suffix;
        if let Some((n, d)) = body.split_once('/') {
            let n: u32 = n.trim().parse().map_err(|_| unsupported())?;
            let d: u32 = d.trim().parse().map_err(|_| unsupported())?;
            return FrameRate::new(n, d, drop_frame);
        }
        // The decimal names the industry uses for the 1001 rates.
        let (n, d) = match body.as_str() {
            "23.976" | "23.98" => (24000, 1001),
            "29.97" => (30000, 1001),
            "59.94" => (60000, 1001),
            whole => (whole.parse().map_err(|_| unsupported())?, 1),
        };
        FrameRate::new(n, d, drop_frame)
    }

    pub fn numerator(&self) -> u32 {
        self.num
    }

    pub fn denominator(&self) -> u32 {
        self.den
    }

    pub fn is_drop_frame(&self) -> bool {
        self.drop_frame
    }

    /// The same rate without drop-frame counting (timecode only; time is unchanged).
    pub fn without_drop_frame(&self) -> FrameRate {
        FrameRate::known(self.num, self.den, false)
    }

    /// The frames-per-second that timecode counts in: 30 for 30000/1001.
    pub fn timecode_base(&self) -> u32 {
        self.num.div_ceil(self.den)
    }

    /// Frames per second as an exact ratio.
    pub fn per_second(&self) -> Ratio {
        Ratio::new(i128::from(self.num), i128::from(self.den)).unwrap_or(Ratio::ZERO)
    }

    /// The exact length of `frames` in seconds.
    pub fn seconds(&self, frames: Frames) -> Ratio {
        Ratio::new(
            i128::from(frames.get()) * i128::from(self.den),
            i128::from(self.num),
        )
        .unwrap_or(Ratio::ZERO)
    }

    /// `seconds` as frames, rounded as asked; the residual is in seconds.
    pub fn frames_from_seconds(
        &self,
        seconds: Ratio,
        rounding: Rounding,
    ) -> Result<Rounded<Frames>, TimeError> {
        let exact = seconds
            .checked_mul(self.per_second())
            .ok_or(TimeError::Overflow)?;
        let rounded = exact.round(rounding);
        let frames = i64::try_from(rounded.value).map_err(|_| TimeError::Overflow)?;
        let residual = Ratio::new(
            rounded.residual.numer() * i128::from(self.den),
            rounded.residual.denom() * i128::from(self.num),
        )
        .unwrap_or(Ratio::ZERO);
        Ok(Rounded {
            value: Frames(frames),
            residual,
        })
    }

    /// Nanoseconds (as from a clock) as frames, rounded as asked.
    pub fn frames_from_nanos(
        &self,
        nanos: i128,
        rounding: Rounding,
    ) -> Result<Rounded<Frames>, TimeError> {
        let seconds = Ratio::new(nanos, 1_000_000_000).ok_or(TimeError::Overflow)?;
        self.frames_from_seconds(seconds, rounding)
    }

    /// The length of `frames` in nanoseconds, rounded to the nearest nanosecond (a 29.97 frame is
    /// 33,366,666.67 ns, so clocks cannot hold it exactly).
    pub fn nanos(&self, frames: Frames) -> i128 {
        let exact = Ratio::new(
            i128::from(frames.get()) * i128::from(self.den) * 1_000_000_000,
            i128::from(self.num),
        )
        .unwrap_or(Ratio::ZERO);
        exact.round(Rounding::Nearest).value
    }

    /// `frames` at this rate as frames at `target`, rounded as asked.
    pub fn convert(
        &self,
        frames: Frames,
        target: FrameRate,
        rounding: Rounding,
    ) -> Result<Rounded<Frames>, TimeError> {
        target.frames_from_seconds(self.seconds(frames), rounding)
    }
}

impl fmt::Display for FrameRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)?;
        } else {
            write!(f, "{}/{}", self.num, self.den)?;
        }
        if self.drop_frame {
            write!(f, " DF")?;
        }
        Ok(())
    }
}

impl FromStr for FrameRate {
    type Err = TimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FrameRate::parse(s, false)
    }
}

impl Serialize for FrameRate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FrameRate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        FrameRate::parse(&text, false).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_supported_spelling() {
        assert_eq!(FrameRate::parse("25", false).unwrap(), FrameRate::FPS_25);
        assert_eq!(
            FrameRate::parse("30000/1001", false).unwrap(),
            FrameRate::FPS_29_97_NDF
        );
        assert_eq!(
            FrameRate::parse("30000/1001 DF", false).unwrap(),
            FrameRate::FPS_29_97_DF
        );
        assert_eq!(
            FrameRate::parse("29.97df", false).unwrap(),
            FrameRate::FPS_29_97_DF
        );
        assert_eq!(
            FrameRate::parse("59.94", true).unwrap(),
            FrameRate::FPS_59_94_DF
        );
        assert_eq!(FrameRate::parse("50/2", false).unwrap(), FrameRate::FPS_25);
        assert_eq!(
            FrameRate::parse("23.976", false).unwrap(),
            FrameRate::FPS_23_976
        );
    }

    #[test]
    fn refuses_unknown_rates_and_misplaced_drop_frame() {
        assert!(matches!(
            FrameRate::parse("29", false),
            Err(TimeError::UnsupportedRate(_))
        ));
        assert!(matches!(
            FrameRate::parse("1/0", false),
            Err(TimeError::UnsupportedRate(_))
        ));
        assert!(matches!(
            FrameRate::parse("25", true),
            Err(TimeError::DropFrameNotAllowed(_))
        ));
        assert!(matches!(
            FrameRate::parse("24000/1001", true),
            Err(TimeError::DropFrameNotAllowed(_))
        ));
    }

    #[test]
    fn display_round_trips_through_parse() {
        for rate in FrameRate::ALL {
            assert_eq!(FrameRate::parse(&rate.to_string(), false).unwrap(), rate);
        }
    }

    #[test]
    fn converts_frames_to_exact_seconds_and_back() {
        let rate = FrameRate::FPS_29_97_NDF;
        assert_eq!(rate.seconds(Frames(30)), Ratio::new(1001, 1000).unwrap());
        let back = rate
            .frames_from_seconds(Ratio::new(1001, 1000).unwrap(), Rounding::Nearest)
            .unwrap();
        assert!(back.is_exact());
        assert_eq!(back.value, Frames(30));
        let one_second = rate
            .frames_from_seconds(Ratio::from_integer(1), Rounding::Nearest)
            .unwrap();
        assert_eq!(one_second.value, Frames(30));
        assert_eq!(one_second.residual, Ratio::new(-1, 1000).unwrap());
    }

    #[test]
    fn a_week_at_29_97_has_no_drift() {
        let rate = FrameRate::FPS_29_97_NDF;
        let week = Ratio::from_integer(7 * 86_400);
        let frames = rate.frames_from_seconds(week, Rounding::Floor).unwrap();
        // 604800 s × 30000/1001 = 18,125,874.126… frames: the remainder is reported, not lost.
        assert_eq!(frames.value, Frames(18_125_874));
        assert_eq!(
            rate.seconds(frames.value)
                .checked_add(frames.residual)
                .unwrap(),
            week
        );
    }

    #[test]
    fn converts_between_rates_with_reported_rounding() {
        let r = FrameRate::FPS_25
            .convert(Frames(25), FrameRate::FPS_29_97_NDF, Rounding::Nearest)
            .unwrap();
        assert_eq!(r.value, Frames(30));
        assert!(!r.is_exact());
        let exact = FrameRate::FPS_25
            .convert(Frames(50), FrameRate::FPS_50, Rounding::Nearest)
            .unwrap();
        assert_eq!(exact.value, Frames(100));
        assert!(exact.is_exact());
    }
}
