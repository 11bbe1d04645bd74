//! Deterministic inputs for the criterion benches of `care-outcomes` (in `benches/benches/`).
//!
//! The benches need realistic, repeatable columns without pulling a random-number crate, so this
//! crate carries a 64-bit xorshift generator (Marsaglia 2003, shifts 13/7/17) and the three input
//! shapes the benches use. Every column holds whole numbers stored as `f64`, as indicator counts
//! are.
//!
//! | input | column | distribution (each row independent, uniform integers) |
//! | --- | --- | --- |
//! | [`proportion_inputs`] | denominator n | 50 ..= 5000 |
//! | | numerator x | 0 ..= n |
//! | [`rate_inputs`] | count x | `count_lo ..= count_hi` (the benches use 10 ..= 1000 for Byar, 0 ..= 1000 for exact) |
//! | | population n | 1000 ..= 200000 |
//!
//! **The exact-Poisson path caches.** `rate_batch` and `count_batch` keep the exact limits of
//! every integer count below 4096 for the duration of one call (`poisson::ExactCache` in the
//! core), so with counts in 0 ..= 1000 a batch of a million rows does at most 1001 pairs of
//! gamma-quantile inversions and the rest are table look-ups. The `exact_uncached` bench uses
//! counts 4096 ..= 1000000, which the cache never holds, to time the inversion itself.
//!
//! ```
//! use care_outcomes_benches::{proportion_inputs, rate_inputs};
//! let (x, n) = proportion_inputs(1000, 1);
//! assert!(x.iter().zip(&n).all(|(x, n)| *x <= *n && (50.0..=5000.0).contains(n)));
//! let (o, pop) = rate_inputs(1000, 2, 10, 1000);
//! assert!(o.iter().all(|o| (10.0..=1000.0).contains(o)));
//! assert!(pop.iter().all(|p| (1000.0..=200_000.0).contains(p)));
//! ```

/// Smallest denominator of [`proportion_inputs`].
pub const PROPORTION_DENOMINATOR_MIN: u64 = 50;
/// Largest denominator of [`proportion_inputs`].
pub const PROPORTION_DENOMINATOR_MAX: u64 = 5000;
/// Smallest population of [`rate_inputs`].
pub const POPULATION_MIN: u64 = 1000;
/// Largest population of [`rate_inputs`].
pub const POPULATION_MAX: u64 = 200_000;

/// A 64-bit xorshift generator: tiny, fast, deterministic, and good enough for bench inputs
/// (not for statistics).
///
/// # Examples
///
/// ```
/// use care_outcomes_benches::XorShift64;
/// let mut a = XorShift64::new(7);
/// let mut b = XorShift64::new(7);
/// assert_eq!(a.next_u64(), b.next_u64());
/// let v = a.uniform_int(10, 20);
/// assert!((10..=20).contains(&v));
/// ```
#[derive(Debug, Clone)]
pub struct XorShift64(u64);

impl XorShift64 {
    /// A generator from a seed; seed 0 (a fixed point of xorshift) is replaced by a constant.
    pub fn new(seed: u64) -> Self {
        // Mix the seed so that neighbouring seeds give unrelated streams (SplitMix64 finaliser).
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        XorShift64(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A uniform integer in `lo ..= hi` (multiply-shift; the bias is below 2⁻³² for the ranges
    /// used here).
    ///
    /// # Panics
    /// When `lo > hi`.
    pub fn uniform_int(&mut self, lo: u64, hi: u64) -> u64 {
        assert!(lo <= hi, "empty range {lo}..={hi}");
        let span = hi - lo + 1;
        lo + ((u128::from(self.next_u64()) * u128::from(span)) >> 64) as u64
    }
}

/// `rows` proportions: n uniform in 50 ..= 5000, x uniform in 0 ..= n (so x = 0 and x = n occur).
pub fn proportion_inputs(rows: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut rng = XorShift64::new(seed);
    let mut x = Vec::with_capacity(rows);
    let mut n = Vec::with_capacity(rows);
    for _ in 0..rows {
        let ni = rng.uniform_int(PROPORTION_DENOMINATOR_MIN, PROPORTION_DENOMINATOR_MAX);
        let xi = rng.uniform_int(0, ni);
        x.push(xi as f64);
        n.push(ni as f64);
    }
    (x, n)
}

/// `rows` rates: count uniform in `count_lo ..= count_hi`, population uniform in
/// 1000 ..= 200000.
///
/// # Panics
/// When `count_lo > count_hi`.
pub fn rate_inputs(rows: usize, seed: u64, count_lo: u64, count_hi: u64) -> (Vec<f64>, Vec<f64>) {
    let mut rng = XorShift64::new(seed);
    let mut x = Vec::with_capacity(rows);
    let mut n = Vec::with_capacity(rows);
    for _ in 0..rows {
        x.push(rng.uniform_int(count_lo, count_hi) as f64);
        n.push(rng.uniform_int(POPULATION_MIN, POPULATION_MAX) as f64);
    }
    (x, n)
}

/// Councils in [`catalogue_inputs`] (England is added as their sum).
pub const COUNCILS: usize = 153;

/// The rows of the catalogue bench (`benches/catalogue.rs`) and of the `catalogue_once` example:
/// every built-in definition for [`COUNCILS`] councils ("Council 000" …) plus England, for the
/// periods "2023-24" then "2024-25" (half the rows each). A seeded xorshift draws, per
/// definition, council and period, a denominator in 50..=5000 and a numerator in 0..=denominator
/// for ratios, a population in 50,000..=500,000 and a count in 0..=2,000 for rates, and both in
/// 0..=2,000 (denominator ≥ 1) otherwise; England is the sum of the councils.
///
/// ```
/// use care_outcomes_benches::{catalogue_inputs, COUNCILS};
/// let rows = catalogue_inputs();
/// let defs = care_outcomes::catalogue::Catalogue::builtin().definitions().len();
/// assert_eq!(rows.len(), 2 * defs * (COUNCILS + 1));
/// ```
pub fn catalogue_inputs() -> Vec<care_outcomes::framework::InputRow> {
    use care_outcomes::catalogue::Catalogue;
    use care_outcomes::framework::InputRow;
    use care_outcomes::indicator::{Calculation, Unit};
    let cat = Catalogue::builtin();
    let mut rng = XorShift64::new(20_261_130);
    let mut rows = Vec::new();
    for period in ["2023-24", "2024-25"] {
        for def in cat.definitions() {
            let rate = matches!(def.unit, Unit::Per100000 | Unit::Per1000);
            let (mut num_total, mut den_total) = (0u64, 0u64);
            for c in 0..COUNCILS {
                let (num, den) = if rate {
                    (rng.uniform_int(0, 2000), rng.uniform_int(50_000, 500_000))
                } else if def.calculation == Calculation::Ratio {
                    let den = rng.uniform_int(50, 5000);
                    (rng.uniform_int(0, den), den)
                } else {
                    (rng.uniform_int(0, 2000), rng.uniform_int(1, 2000))
                };
                num_total += num;
                den_total += den;
                rows.push(InputRow {
                    area: format!("Council {c:03}"),
                    period: period.to_owned(),
                    indicator: def.id.clone(),
                    breakdown: None,
                    numerator: num,
                    denominator: Some(den),
                    population: None,
                });
            }
            rows.push(InputRow {
                area: "England".to_owned(),
                period: period.to_owned(),
                indicator: def.id.clone(),
                breakdown: None,
                numerator: num_total,
                denominator: Some(den_total),
                population: None,
            });
        }
    }
    rows
}

/// The rows of the dashboard's speed budget (`examples/dashboard/tests/dashboard.test.mjs`, the
/// same generator): every ASCOF definition (`select(Some("ascof"), None)`, in catalogue order)
/// for England then "Council 001" … "Council 153", period "2024-25", with deterministic
/// illustrative counts: k = (7919·area + 104729·definition) mod 1000, a denominator of
/// 50,000 + 900k for rates per 100,000 and 200 + 5k otherwise, and a numerator of the
/// denominator × a share in the unit's range, rounded (ties up, as `Math.round`).
///
/// ```
/// use care_outcomes_benches::{dashboard_inputs, COUNCILS};
/// let rows = dashboard_inputs();
/// let ascof = care_outcomes::catalogue::Catalogue::builtin().select(Some("ascof"), None)?;
/// assert_eq!(rows.len(), ascof.len() * (COUNCILS + 1));
/// assert_eq!((rows[0].area.as_str(), rows[1].area.as_str()), ("England", "Council 001"));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
///
/// # Panics
/// Never: the built-in catalogue holds ASCOF.
pub fn dashboard_inputs() -> Vec<care_outcomes::framework::InputRow> {
    use care_outcomes::catalogue::Catalogue;
    use care_outcomes::framework::InputRow;
    use care_outcomes::indicator::Unit;
    let defs = Catalogue::builtin()
        .select(Some("ascof"), None)
        .expect("the built-in catalogue holds ASCOF");
    let areas: Vec<String> = std::iter::once("England".to_owned())
        .chain((1..=COUNCILS).map(|c| format!("Council {c:03}")))
        .collect();
    let mut rows = Vec::with_capacity(defs.len() * areas.len());
    for (j, def) in defs.iter().enumerate() {
        for (i, area) in areas.iter().enumerate() {
            let k = ((i * 7919 + j * 104_729) % 1000) as f64;
            let den = if def.unit == Unit::Per100000 {
                50_000.0 + k * 900.0
            } else {
                200.0 + k * 5.0
            };
            let share = match def.unit {
                Unit::Score0To24 => 18.0 + k / 500.0,
                Unit::Score0To12 => 7.0 + k / 500.0,
                Unit::AdjustedScore => 0.4 + k / 5000.0,
                Unit::Per100000 => (200.0 + k) / 100_000.0,
                _ => 0.3 + k / 2000.0,
            };
            // Whole, positive and far below 2^53: the conversions are exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let (num, den) = ((den * share + 0.5).floor() as u64, den as u64);
            rows.push(InputRow {
                area: area.clone(),
                period: "2024-25".to_owned(),
                indicator: def.id.clone(),
                breakdown: None,
                numerator: num,
                denominator: Some(den),
                population: None,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_deterministic_and_cover_their_ranges() {
        let (x1, n1) = proportion_inputs(20_000, 42);
        let (x2, n2) = proportion_inputs(20_000, 42);
        assert_eq!(x1, x2);
        assert_eq!(n1, n2);
        assert!(x1.contains(&0.0));
        assert!(x1.iter().zip(&n1).any(|(x, n)| x == n));
        let lo = n1.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = n1.iter().copied().fold(0.0, f64::max);
        assert!(lo < 60.0 && hi > 4990.0, "{lo} {hi}");

        let (o, _) = rate_inputs(20_000, 3, 0, 1000);
        assert!(
            o.iter()
                .all(|&v| v.fract() == 0.0 && (0.0..=1000.0).contains(&v))
        );
        let distinct: std::collections::BTreeSet<u64> = o.iter().map(|&v| v as u64).collect();
        assert!(distinct.len() > 990, "{}", distinct.len());
    }

    #[test]
    fn zero_seed_is_not_stuck() {
        let mut r = XorShift64::new(0);
        assert_ne!(r.next_u64(), r.next_u64());
    }
}
