//! Timecode round trips: every frame of a day at every rate, and every valid label.

use proptest::prelude::*;
use scheduleflow_engine::time::{FrameRate, Frames, Timecode};

/// Frames in one day of timecode (00:00:00:00 up to, not including, 24:00:00:00).
fn frames_per_timecode_day(rate: FrameRate) -> i64 {
    Timecode {
        hours: 24,
        minutes: 0,
        seconds: 0,
        frames: 0,
        drop_frame: rate.is_drop_frame(),
    }
    .to_frames(rate)
    .expect("24:00:00:00 is a valid label")
    .get()
}

#[test]
fn every_frame_of_a_day_at_every_rate_survives_format_then_parse() {
    for rate in FrameRate::ALL {
        let day = frames_per_timecode_day(rate);
        let mut previous = String::new();
        for n in 0..day {
            let text = Timecode::from_frames(Frames(n), rate).unwrap().to_string();
            let back = Timecode::parse(&text, rate)
                .unwrap()
                .to_frames(rate)
                .unwrap();
            assert_eq!(back, Frames(n), "{rate}: frame {n} formatted as {text}");
            // Labels increase strictly, so no two frames share one.
            assert!(text > previous, "{rate}: {text} does not follow {previous}");
            previous = text;
        }
    }
}

#[test]
fn a_drop_frame_day_has_the_known_frame_count() {
    // 24 h of 29.97 DF timecode: 144 ten-minute blocks of 17,982 frames.
    assert_eq!(
        frames_per_timecode_day(FrameRate::FPS_29_97_DF),
        144 * 17_982
    );
    assert_eq!(
        frames_per_timecode_day(FrameRate::FPS_59_94_DF),
        144 * 35_964
    );
    assert_eq!(frames_per_timecode_day(FrameRate::FPS_25), 24 * 3600 * 25);
}

fn arb_rate() -> impl Strategy<Value = FrameRate> {
    proptest::sample::select(FrameRate::ALL.to_vec())
}

/// A label that exists at `rate`: drop-frame skips frames 0..drop at the start of each minute
/// except every tenth.
fn arb_valid_label() -> impl Strategy<Value = (FrameRate, String)> {
    arb_rate().prop_flat_map(|rate| {
        let base = rate.timecode_base() as u8;
        (Just(rate), 0u32..48, 0u8..60, 0u8..60, 0..base).prop_map(move |(rate, h, m, s, f)| {
            let drop = if rate.is_drop_frame() { base / 15 } else { 0 };
            let frames = if s == 0 && m % 10 != 0 && f < drop {
                drop
            } else {
                f
            };
            let sep = if rate.is_drop_frame() { ';' } else { ':' };
            (rate, format!("{h:02}:{m:02}:{s:02}{sep}{frames:02}"))
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn format_of_parse_gives_back_every_valid_label((rate, text) in arb_valid_label()) {
        let tc = Timecode::parse(&text, rate).unwrap();
        prop_assert_eq!(tc.to_string(), text.clone());
        let n = tc.to_frames(rate).unwrap();
        prop_assert_eq!(Timecode::from_frames(n, rate).unwrap().to_string(), text);
    }

    #[test]
    fn parse_never_panics_on_arbitrary_text(text in "\\PC{0,20}", rate in arb_rate()) {
        let _ = Timecode::parse(&text, rate);
    }

    #[test]
    fn frames_round_trip_far_beyond_a_day(n in 0i64..10_000_000_000, rate in arb_rate()) {
        let tc = Timecode::from_frames(Frames(n), rate).unwrap();
        prop_assert_eq!(tc.to_frames(rate).unwrap(), Frames(n));
    }
}
