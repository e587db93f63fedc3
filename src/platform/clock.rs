//! The system clock, as the state's `Clock`.

use crate::state::ports::Clock;

/// Today on the user's clock, from the JavaScript `Date`.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self) -> jiff::civil::Date {
        let now = js_sys::Date::new_0();
        let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
        jiff::civil::Date::new(
            i16::try_from(y).unwrap_or(2026),
            i8::try_from(m).unwrap_or(1),
            i8::try_from(d).unwrap_or(1),
        )
        .unwrap_or_default()
    }
}
