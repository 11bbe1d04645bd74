//! Named rounding rules applied on exact values: the published ASCOF rule is half away from zero
//! to 1 dp, computed on the exact rational num × multiplier / den in integer arithmetic (in
//! binary floating point (82/160)×100 is 51.2499…, which a float-based rounding gets wrong).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most decimal places a rule may ask for.
pub const MAX_DP: u32 = 15;

/// A rounding rule.
///
/// # Examples
///
/// ```
/// use care_outcomes::indicator::Rounding;
/// let r = Rounding::HalfAwayFromZero { dp: 1 };
/// // Wiltshire 2B(1) 85+ 2020-21: 82/160 = 51.25% is published as 51.3.
/// assert_eq!(r.round_ratio(82 * 100, 160)?.to_string(), "51.3");
/// let even = Rounding::HalfEven { dp: 1 };
/// assert_eq!(even.round_ratio(82 * 100, 160)?.to_string(), "51.2");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rounding {
    /// Ties go away from zero (the published ASCOF rule).
    HalfAwayFromZero {
        /// Decimal places.
        dp: u32,
    },
    /// Ties go to the even digit (banker's rounding; pandas `.round`).
    HalfEven {
        /// Decimal places.
        dp: u32,
    },
}

impl fmt::Display for Rounding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rounding::HalfAwayFromZero { dp } => write!(f, "half away from zero, {dp} dp"),
            Rounding::HalfEven { dp } => write!(f, "half to even, {dp} dp"),
        }
    }
}

impl Default for Rounding {
    /// Half away from zero to 1 dp, the ASCOF publication rule.
    fn default() -> Self {
        Rounding::HalfAwayFromZero { dp: 1 }
    }
}

/// A decimal number `units / 10^dp`, as published.
///
/// # Examples
///
/// ```
/// use care_outcomes::indicator::Decimal;
/// let d = Decimal::new(-513, 1);
/// assert_eq!(d.to_string(), "-51.3");
/// assert_eq!(d.to_f64(), -51.3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Decimal {
    /// The value in units of 10^-dp.
    pub units: i128,
    /// Decimal places.
    pub dp: u32,
}

impl Decimal {
    /// `units / 10^dp`.
    pub fn new(units: i128, dp: u32) -> Self {
        Decimal { units, dp }
    }

    /// The same magnitude with the opposite sign.
    ///
    /// ```
    /// use care_outcomes::indicator::Decimal;
    /// assert_eq!(Decimal::new(125, 1).negated().to_string(), "-12.5");
    /// ```
    #[must_use]
    pub fn negated(self) -> Self {
        Decimal {
            units: -self.units,
            dp: self.dp,
        }
    }

    /// The nearest f64 (correctly rounded, via the decimal text).
    pub fn to_f64(&self) -> f64 {
        // Both operands exact in f64 (|units| < 2^53, 10^dp for dp ≤ 22): one IEEE division is
        // then correctly rounded, the same f64 as parsing the decimal text.
        if self.units.unsigned_abs() < (1u128 << 53) && self.dp <= 22 {
            // |units| < 2^53 fits i64 and converts exactly either way; through i64 it is one
            // instruction instead of the 128-bit conversion routine.
            #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
            let units = self.units as i64 as f64;
            return units / POW10_F64[self.dp as usize];
        }
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.units < 0;
        let digits = self.units.unsigned_abs().to_string();
        let dp = self.dp as usize;
        let s = if dp == 0 {
            digits
        } else if digits.len() > dp {
            format!(
                "{}.{}",
                &digits[..digits.len() - dp],
                &digits[digits.len() - dp..]
            )
        } else {
            format!("0.{}{}", "0".repeat(dp - digits.len()), digits)
        };
        if neg {
            write!(f, "-{s}")
        } else {
            f.write_str(&s)
        }
    }
}

fn to_i128(units: u128) -> Result<i128> {
    i128::try_from(units).map_err(|_| Error::InvalidDefinition {
        message: "rounded value overflows exact arithmetic".to_owned(),
    })
}

/// 10^0 ..= 10^22, each exact in f64.
const POW10_F64: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

fn pow10(dp: u32) -> u128 {
    10u128.pow(dp)
}

impl Rounding {
    /// Decimal places of the rule.
    pub fn dp(self) -> u32 {
        match self {
            Rounding::HalfAwayFromZero { dp } | Rounding::HalfEven { dp } => dp,
        }
    }

    fn check(self) -> Result<u32> {
        let dp = self.dp();
        if dp > MAX_DP {
            Err(Error::InvalidRounding { dp })
        } else {
            Ok(dp)
        }
    }

    /// Rounds q + r/den (0 ≤ r < den) to an integer by the rule.
    fn settle(self, q: u128, r: u128, den: u128) -> u128 {
        let twice = 2 * r;
        let up = match twice.cmp(&den) {
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => match self {
                Rounding::HalfAwayFromZero { .. } => true,
                Rounding::HalfEven { .. } => q % 2 == 1,
            },
        };
        q + u128::from(up)
    }

    /// Rounds the exact rational `num / den` (both non-negative integers, den > 0).
    ///
    /// For a percentage pass `num × 100` as `num`; for a rate per 100,000, `num × 100_000`.
    ///
    /// # Errors
    /// `zero_denominator` is not an error here but a caller's null: this returns
    /// `undefined_statistic` for den = 0; `invalid_rounding` above 15 dp; `invalid_definition`
    /// when the scaled numerator overflows 128 bits.
    pub fn round_ratio(&self, num: u128, den: u128) -> Result<Decimal> {
        let dp = self.check()?;
        if den == 0 {
            return Err(Error::UndefinedStatistic {
                reason: crate::stats::Reason::ZeroDenominator,
                at: crate::error::Location::NONE,
            });
        }
        let scaled = num
            .checked_mul(pow10(dp))
            .ok_or_else(|| Error::InvalidDefinition {
                message: format!("{num} × 10^{dp} overflows exact arithmetic"),
            })?;
        // Counts and their scaled products almost always fit 64 bits, where one native division
        // gives the same quotient and remainder as the 128-bit routine at a fraction of the cost.
        let (q, r) = match (u64::try_from(scaled), u64::try_from(den)) {
            (Ok(s), Ok(d)) => (u128::from(s / d), u128::from(s % d)),
            _ => (scaled / den, scaled % den),
        };
        let units = self.settle(q, r, den);
        Ok(Decimal::new(to_i128(units)?, dp))
    }

    /// Rounds the exact binary value of `v` (no decimal conversion first).
    ///
    /// # Errors
    /// `non_finite` for ±∞ and NaN; `invalid_rounding` above 15 dp; `invalid_definition` when
    /// |v| ≥ 2⁶⁴.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::indicator::Rounding;
    /// let r = Rounding::HalfAwayFromZero { dp: 2 };
    /// assert_eq!(r.round_f64(0.125)?.to_string(), "0.13");  // 0.125 is exact in binary
    /// assert_eq!(r.round_f64(2.675)?.to_string(), "2.67");  // 2.675 is 2.67499999… in binary
    /// assert_eq!(r.round_f64(-0.125)?.to_string(), "-0.13");
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn round_f64(&self, v: f64) -> Result<Decimal> {
        let dp = self.check()?;
        if !v.is_finite() {
            return Err(Error::NonFinite {
                field: "value",
                value: v,
                at: crate::error::Location::NONE,
            });
        }
        if v.abs() >= 18_446_744_073_709_551_616.0 {
            return Err(Error::InvalidDefinition {
                message: format!("{v} is too large to round exactly"),
            });
        }
        if v == 0.0 {
            return Ok(Decimal::new(0, dp));
        }
        let bits = v.to_bits();
        let neg = bits >> 63 == 1;
        let exp_bits = ((bits >> 52) & 0x7ff) as i32;
        let frac = bits & ((1u64 << 52) - 1);
        let (mantissa, exp) = if exp_bits == 0 {
            (u128::from(frac), -1074)
        } else {
            (u128::from(frac | (1u64 << 52)), exp_bits - 1075)
        };
        // |v| = mantissa · 2^exp; |v|·10^dp = mantissa·10^dp / 2^(-exp) when exp < 0.
        let scaled = mantissa * pow10(dp);
        let units = if exp >= 0 {
            scaled << exp
        } else if -exp >= 127 {
            0
        } else {
            let den = 1u128 << (-exp);
            self.settle(scaled / den, scaled % den, den)
        };
        let units = to_i128(units)?;
        Ok(Decimal::new(if neg { -units } else { units }, dp))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascof_ties_round_up() {
        // spec-ascof.md §1.2: the seven ties where half-to-even would differ.
        let r = Rounding::default();
        for (num, den, published) in [
            (10u128, 160u128, "6.3"),
            (345, 400, "86.3"),
            (26, 32, "81.3"),
            (459, 816, "56.3"),
            (63, 112, "56.3"),
            (28, 448, "6.3"),
            (82, 160, "51.3"),
        ] {
            assert_eq!(
                r.round_ratio(num * 100, den).unwrap().to_string(),
                published
            );
        }
    }

    proptest::proptest! {
        /// The 64-bit division path gives the 128-bit routine's result, up to and across 2^64.
        #[test]
        fn round_ratio_is_the_u128_result(
            num in proptest::prelude::any::<u64>(),
            den in 1u64..,
            dp in 0u32..=4,
            even in proptest::prelude::any::<bool>(),
        ) {
            let r = if even { Rounding::HalfEven { dp } } else { Rounding::HalfAwayFromZero { dp } };
            let (num, den) = (u128::from(num), u128::from(den));
            let scaled = num * pow10(dp);
            let want = Decimal::new(to_i128(r.settle(scaled / den, scaled % den, den)).unwrap(), dp);
            proptest::prop_assert_eq!(r.round_ratio(num, den).unwrap(), want);
        }
    }

    #[test]
    fn decimal_display() {
        assert_eq!(Decimal::new(5, 3).to_string(), "0.005");
        assert_eq!(Decimal::new(1000, 1).to_string(), "100.0");
        assert_eq!(Decimal::new(42, 0).to_string(), "42");
    }

    #[test]
    fn errors() {
        let r = Rounding::HalfEven { dp: 16 };
        assert_eq!(r.round_f64(1.0).unwrap_err().code(), "invalid_rounding");
        let r = Rounding::default();
        assert_eq!(r.round_f64(f64::NAN).unwrap_err().code(), "non_finite");
        assert_eq!(
            r.round_ratio(1, 0).unwrap_err().code(),
            "undefined_statistic"
        );
    }

    #[test]
    fn serde_round_trip() {
        let r = Rounding::HalfAwayFromZero { dp: 3 };
        let s = serde_json::to_string(&r).unwrap();
        assert_eq!(s, r#"{"rule":"half_away_from_zero","dp":3}"#);
        assert_eq!(serde_json::from_str::<Rounding>(&s).unwrap(), r);
    }
}
