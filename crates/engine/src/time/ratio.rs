//! `Ratio`: exact rational seconds, and the explicit rounding used to turn them into frames.

use std::cmp::Ordering;
use std::fmt;

use super::TimeError;

/// An exact rational number, always kept in lowest terms with a positive denominator.
///
/// Used for seconds: `1001/30000` is one frame at 29.97 exactly, which no `f64` can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: i128,
    den: i128,
}

/// How a value that falls between two frames is turned into a whole frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// Towards negative infinity: the frame that has started at that instant.
    Floor,
    /// Towards positive infinity: the first frame that starts at or after that instant.
    Ceil,
    /// To the nearest frame; exact halves go away from zero.
    Nearest,
}

/// The result of a rounding conversion, with what was lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rounded<T> {
    pub value: T,
    /// The input minus the value converted back, in the input's unit. Zero when exact.
    pub residual: Ratio,
}

impl<T> Rounded<T> {
    pub fn is_exact(&self) -> bool {
        self.residual.is_zero()
    }
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Ratio {
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };

    /// `num / den`, reduced. Returns `None` for a zero denominator.
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        let sign = if den < 0 { -1 } else { 1 };
        Some(Ratio {
            num: sign * num / g,
            den: sign * den / g,
        })
    }

    pub fn from_integer(n: i128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    pub fn numer(&self) -> i128 {
        self.num
    }

    pub fn denom(&self) -> i128 {
        self.den
    }

    pub fn is_zero(&self) -> bool {
        self.num == 0
    }

    pub fn checked_add(self, rhs: Ratio) -> Option<Ratio> {
        let num = self
            .num
            .checked_mul(rhs.den)?
            .checked_add(rhs.num.checked_mul(self.den)?)?;
        Ratio::new(num, self.den.checked_mul(rhs.den)?)
    }

    pub fn checked_sub(self, rhs: Ratio) -> Option<Ratio> {
        self.checked_add(Ratio {
            num: rhs.num.checked_neg()?,
            den: rhs.den,
        })
    }

    pub fn checked_mul(self, rhs: Ratio) -> Option<Ratio> {
        Ratio::new(
            self.num.checked_mul(rhs.num)?,
            self.den.checked_mul(rhs.den)?,
        )
    }

    /// Rounds to a whole number, reporting the remainder.
    pub fn round(self, rounding: Rounding) -> Rounded<i128> {
        let floor = self.num.div_euclid(self.den);
        let rem = self.num.rem_euclid(self.den);
        let value = match rounding {
            Rounding::Floor => floor,
            Rounding::Ceil => floor + i128::from(rem != 0),
            Rounding::Nearest => {
                // Exact halves round away from zero.
                match (2 * rem).cmp(&self.den) {
                    Ordering::Less => floor,
                    Ordering::Greater => floor + 1,
                    Ordering::Equal if self.num >= 0 => floor + 1,
                    Ordering::Equal => floor,
                }
            }
        };
        let residual = Ratio::new(self.num - value * self.den, self.den).unwrap_or(Ratio::ZERO);
        Rounded { value, residual }
    }

    /// Parses a plain decimal such as `12`, `-0.5` or `3600.04` exactly, with no float in between.
    /// Exponents (`1e3`) are accepted when the result stays within range.
    pub fn parse_decimal(text: &str) -> Result<Ratio, TimeError> {
        let bad = || TimeError::SecondsSyntax(text.to_owned());
        let t = text.trim();
        let (mantissa, exponent) = match t.find(['e', 'E']) {
            Some(i) => {
                let exp: i32 = t[i + 1..].parse().map_err(|_| bad())?;
                (&t[..i], exp)
            }
            None => (t, 0),
        };
        let (negative, digits) = match mantissa.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
        };
        let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (int_part.is_empty() && frac_part.is_empty())
            || !all_digits(int_part)
            || !all_digits(frac_part)
        {
            return Err(bad());
        }
        // 38 significant digits fit an i128; longer input is refused rather than truncated.
        let joined = format!("{int_part}{frac_part}");
        let joined = joined.trim_start_matches('0');
        if joined.len() > 36 {
            return Err(TimeError::Overflow);
        }
        let mut num: i128 = if joined.is_empty() {
            0
        } else {
            joined.parse().map_err(|_| bad())?
        };
        let scale = exponent - i32::try_from(frac_part.len()).map_err(|_| TimeError::Overflow)?;
        let mut den: i128 = 1;
        let pow = 10_i128
            .checked_pow(scale.unsigned_abs())
            .ok_or(TimeError::Overflow)?;
        if scale >= 0 {
            num = num.checked_mul(pow).ok_or(TimeError::Overflow)?;
        } else {
            den = pow;
        }
        if negative {
            num = -num;
        }
        Ratio::new(num, den).ok_or_else(bad)
    }

    /// A decimal rendering with at most `places` fractional digits (rounded to nearest),
    /// trailing zeros removed. For display and for formats that store decimal seconds.
    pub fn to_decimal(self, places: u32) -> String {
        let scale = 10_i128.pow(places);
        let scaled = Ratio {
            num: self.num.saturating_mul(scale),
            den: self.den,
        }
        .round(Rounding::Nearest)
        .value;
        let sign = if scaled < 0 { "-" } else { "" };
        let abs = scaled.unsigned_abs();
        let int = abs / scale.unsigned_abs();
        let frac = abs % scale.unsigned_abs();
        if places == 0 || frac == 0 {
            return format!("{sign}{int}");
        }
        let frac = format!("{frac:0width$}", width = places as usize);
        format!("{sign}{int}.{}", frac.trim_end_matches('0'))
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        // Denominators are positive, so cross-multiplication keeps the order.
        (self.num * other.den).cmp(&(other.num * self.den))
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).unwrap()
    }

    #[test]
    fn keeps_lowest_terms_with_a_positive_denominator() {
        assert_eq!(r(2002, -60000), r(-1001, 30000));
        assert_eq!(r(2002, -60000).denom(), 30000);
        assert!(Ratio::new(1, 0).is_none());
    }

    #[test]
    fn rounds_each_way_and_reports_the_residual() {
        let x = r(7, 2);
        assert_eq!(x.round(Rounding::Floor).value, 3);
        assert_eq!(x.round(Rounding::Ceil).value, 4);
        assert_eq!(x.round(Rounding::Nearest).value, 4);
        assert_eq!(r(-7, 2).round(Rounding::Nearest).value, -4);
        assert_eq!(x.round(Rounding::Floor).residual, r(1, 2));
        assert!(r(8, 2).round(Rounding::Nearest).is_exact());
    }

    #[test]
    fn parses_decimals_exactly() {
        assert_eq!(Ratio::parse_decimal("3600.04").unwrap(), r(360004, 100));
        assert_eq!(Ratio::parse_decimal("-0.5").unwrap(), r(-1, 2));
        assert_eq!(Ratio::parse_decimal("12").unwrap(), r(12, 1));
        assert_eq!(Ratio::parse_decimal(".25").unwrap(), r(1, 4));
        assert_eq!(Ratio::parse_decimal("1.5e2").unwrap(), r(150, 1));
        for bad in ["", ".", "abc", "1.2.3", "1e", "--1", "NaN", "inf"] {
            assert!(
                Ratio::parse_decimal(bad).is_err(),
                "{bad:?} should be refused"
            );
        }
        assert_eq!(Ratio::parse_decimal("1e308"), Err(TimeError::Overflow));
    }

    #[test]
    fn renders_decimals_without_trailing_zeros() {
        assert_eq!(r(1001, 30000).to_decimal(6), "0.033367");
        assert_eq!(r(-1, 2).to_decimal(3), "-0.5");
        assert_eq!(r(10, 1).to_decimal(3), "10");
    }

    #[test]
    fn orders_by_value() {
        assert!(r(1, 3) < r(1, 2));
        assert!(r(-1, 2) < r(-1, 3));
    }
}
