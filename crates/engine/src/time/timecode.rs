//! SMPTE timecode: `HH:MM:SS:FF`, and drop-frame `HH:MM:SS;FF` at 30000/1001 and 60000/1001.

use std::fmt;

use super::{FrameRate, Frames, TimeError};

/// A timecode label. It names a frame only together with a [`FrameRate`].
///
/// Hours are not limited to 23, so a timecode can also express a length or a position past
/// midnight of a long broadcast day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timecode {
    pub hours: u32,
    pub minutes: u8,
    pub seconds: u8,
    pub frames: u8,
    pub drop_frame: bool,
}

/// Frame numbers skipped at the start of each minute but every tenth: 2 at 29.97, 4 at 59.94.
fn dropped_per_minute(rate: FrameRate) -> i64 {
    i64::from(rate.timecode_base()) / 15
}

impl Timecode {
    /// The timecode of frame `frames` counted from zero.
    pub fn from_frames(frames: Frames, rate: FrameRate) -> Result<Timecode, TimeError> {
        let mut n = frames.get();
        if n < 0 {
            return Err(TimeError::NegativeFrames(n));
        }
        let base = i64::from(rate.timecode_base());
        if rate.is_drop_frame() {
            let drop = dropped_per_minute(rate);
            let per_ten_minutes = base * 600 - drop * 9;
            let per_minute = base * 60 - drop;
            let tens = n / per_ten_minutes;
            let rest = n % per_ten_minutes;
            // Put the skipped labels back so the count can be read as plain base-rate timecode.
            n += drop * 9 * tens;
            if rest >= drop {
                n += drop * ((rest - drop) / per_minute);
            }
        }
        let hours = n / (base * 3600);
        Ok(Timecode {
            hours: u32::try_from(hours).map_err(|_| TimeError::Overflow)?,
            minutes: ((n / (base * 60)) % 60) as u8,
            seconds: ((n / base) % 60) as u8,
            frames: (n % base) as u8,
            drop_frame: rate.is_drop_frame(),
        })
    }

    /// The frame count this label names at `rate`.
    pub fn to_frames(&self, rate: FrameRate) -> Result<Frames, TimeError> {
        self.check(rate)?;
        let base = i64::from(rate.timecode_base());
        let total_minutes = i64::from(self.hours) * 60 + i64::from(self.minutes);
        let mut n = (total_minutes * 60 + i64::from(self.seconds)) * base + i64::from(self.frames);
        if rate.is_drop_frame() {
            n -= dropped_per_minute(rate) * (total_minutes - total_minutes / 10);
        }
        Ok(Frames(n))
    }

    fn check(&self, rate: FrameRate) -> Result<(), TimeError> {
        let out_of_range = |reason: String| TimeError::TimecodeRange {
            text: self.to_string(),
            reason,
        };
        if self.minutes > 59 || self.seconds > 59 {
            return Err(out_of_range("minutes and seconds run from 00 to 59".into()));
        }
        let base = rate.timecode_base();
        if u32::from(self.frames) >= base {
            return Err(out_of_range(format!(
                "frames run from 00 to {:02} at {rate}",
                base - 1
            )));
        }
        if rate.is_drop_frame() {
            let drop = dropped_per_minute(rate) as u8;
            if self.seconds == 0 && !self.minutes.is_multiple_of(10) && self.frames < drop {
                return Err(out_of_range(format!(
                    "drop-frame timecode skips frames 00 to {:02} at the start of each minute except every tenth",
                    drop - 1
                )));
            }
        }
        Ok(())
    }

    /// Parses `HH:MM:SS:FF`; at a drop-frame rate the last separator may be `;`, `.` or `,`
    /// (a `:` is accepted too). A `;` at a non-drop rate is refused, since it signals a mismatch.
    pub fn parse(text: &str, rate: FrameRate) -> Result<Timecode, TimeError> {
        let syntax = || TimeError::TimecodeSyntax(text.to_owned());
        let t = text.trim();
        let (head, last_sep, frames) = t
            .rfind([':', ';', '.', ','])
            .map(|i| (&t[..i], &t[i..=i], &t[i + 1..]))
            .ok_or_else(syntax)?;
        if last_sep != ":" && !rate.is_drop_frame() {
            return Err(TimeError::DropFrameNotAllowed(rate.to_string()));
        }
        let mut parts = head.split(':');
        let (Some(h), Some(m), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(syntax());
        };
        let field = |s: &str, max_len: usize| -> Result<u32, TimeError> {
            if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(syntax());
            }
            s.parse().map_err(|_| syntax())
        };
        let small = |s: &str| -> Result<u8, TimeError> {
            if s.len() != 2 {
                return Err(syntax());
            }
            u8::try_from(field(s, 2)?).map_err(|_| syntax())
        };
        let tc = Timecode {
            hours: field(h, 6)?,
            minutes: small(m)?,
            seconds: small(s)?,
            frames: small(frames)?,
            drop_frame: rate.is_drop_frame(),
        };
        if h.len() < 2 {
            return Err(syntax());
        }
        tc.check(rate)?;
        Ok(tc)
    }

    /// Formats `frames` at `rate` directly; negative counts get a leading `-`.
    pub fn format_frames(frames: Frames, rate: FrameRate) -> String {
        let sign = if frames.get() < 0 { "-" } else { "" };
        match Timecode::from_frames(frames.abs(), rate) {
            Ok(tc) => format!("{sign}{tc}"),
            Err(_) => format!("{sign}{}", frames.get()),
        }
    }
}

impl fmt::Display for Timecode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sep = if self.drop_frame { ';' } else { ':' };
        write!(
            f,
            "{:02}:{:02}:{:02}{sep}{:02}",
            self.hours, self.minutes, self.seconds, self.frames
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tc(frames: i64, rate: FrameRate) -> String {
        Timecode::from_frames(Frames(frames), rate)
            .unwrap()
            .to_string()
    }

    fn frames(text: &str, rate: FrameRate) -> i64 {
        Timecode::parse(text, rate)
            .unwrap()
            .to_frames(rate)
            .unwrap()
            .get()
    }

    #[test]
    fn drop_frame_skips_two_labels_a_minute_except_every_tenth() {
        let df = FrameRate::FPS_29_97_DF;
        assert_eq!(tc(1800, df), "00:01:00;02");
        assert_eq!(tc(17982, df), "00:10:00;00");
        assert_eq!(tc(1799, df), "00:00:59;29");
        assert_eq!(frames("00:01:00;02", df), 1800);
        assert_eq!(frames("00:10:00;00", df), 17982);
        // One hour of drop-frame timecode is 107,892 frames.
        assert_eq!(frames("01:00:00;00", df), 107_892);
    }

    #[test]
    fn drop_frame_at_59_94_skips_four_labels() {
        let df = FrameRate::FPS_59_94_DF;
        assert_eq!(tc(3600, df), "00:01:00;04");
        assert_eq!(frames("00:10:00;00", df), 35964);
    }

    #[test]
    fn non_drop_counts_plainly() {
        assert_eq!(tc(90_000, FrameRate::FPS_25), "01:00:00:00");
        assert_eq!(frames("23:59:59:24", FrameRate::FPS_25), 2_159_999);
        assert_eq!(tc(30 * 3600 * 25, FrameRate::FPS_25), "30:00:00:00");
    }

    #[test]
    fn refuses_labels_that_do_not_exist() {
        let df = FrameRate::FPS_29_97_DF;
        assert!(matches!(
            Timecode::parse("00:01:00;00", df),
            Err(TimeError::TimecodeRange { .. })
        ));
        assert!(Timecode::parse("00:10:00;00", df).is_ok());
        assert!(Timecode::parse("00:00:00:25", FrameRate::FPS_25).is_err());
        assert!(Timecode::parse("00:60:00:00", FrameRate::FPS_25).is_err());
        assert!(matches!(
            Timecode::parse("00:00:00;00", FrameRate::FPS_25),
            Err(TimeError::DropFrameNotAllowed(_))
        ));
        for bad in [
            "",
            "1:00:00:00",
            "00:00:00",
            "00:00:00:00:00",
            "aa:bb:cc:dd",
            "00:0:00:00",
        ] {
            assert!(Timecode::parse(bad, FrameRate::FPS_25).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn negative_frames_format_with_a_sign() {
        assert_eq!(
            Timecode::format_frames(Frames(-25), FrameRate::FPS_25),
            "-00:00:01:00"
        );
        assert!(Timecode::from_frames(Frames(-1), FrameRate::FPS_25).is_err());
    }
}
