//! The `batch_stats` fuzz target's logic, shared by the libFuzzer target
//! (`fuzz_targets/batch_stats.rs`, run with `cargo fuzz`) and the stable-toolchain `replay`
//! binary (`src/bin/replay.rs`), so the same checks run with or without nightly.
//!
//! One fuzz input is decoded into two `f64` columns (any bit pattern, small counts, fractions,
//! NaN, ±∞, negatives, huge values), a confidence level (valid, edge or invalid), a multiplier and
//! the method options. [`check`] then calls `proportion_batch`, `rate_batch`, `count_batch` and
//! `mean` and asserts:
//!
//! * no panic;
//! * on `Ok`, one output row per input row; each row has either a reason (and then null value,
//!   limits and method) or a finite value with a method and, when a level was asked for, finite
//!   limits with lower ≤ value ≤ upper (no limits without a level);
//! * proportions lie in [0, m]; rates and counts are ≥ 0;
//! * every batch row equals the scalar call on that row bit for bit (the batch may split across
//!   threads and cache exact limits, which must change nothing), and a failing batch reports the
//!   error of its lowest failing row, with that row's index;
//! * `mean`: a present value is finite, limits are ordered around it, and the count adds up.
//!
//! Finiteness is asserted only for inputs of realistic magnitude ([`Case::realistic`]): with
//! values near `f64::MAX` a finite quotient × multiplier can overflow, which the core does not
//! (yet) report, see fuzz/README.md.

use arbitrary::{Arbitrary, Result as ArbResult, Unstructured};
use care_outcomes::Error;
use care_outcomes::stats::estimate::PARALLEL_THRESHOLD;
use care_outcomes::stats::{
    Estimate, Estimates, MeanOptions, OnUndefined, PoissonMethod, ProportionMethod,
    ProportionOptions, RateOptions, count_batch, mean, proportion, proportion_batch, rate,
    rate_batch,
};

/// Values that sit on a rule's edge: zero, the exact/Byar switch, the exact cache's size,
/// 2⁵³, the extremes of f64, and invalid ones.
const SPECIAL: [f64; 22] = [
    0.0,
    -0.0,
    0.5,
    1.0,
    9.0,
    9.999999999999998,
    10.0,
    4095.0,
    4096.0,
    1e-300,
    5e-324,
    f64::MIN_POSITIVE,
    1e15,
    9_007_199_254_740_992.0,
    1e300,
    f64::MAX,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    -1.0,
    -5e-324,
    1e8,
];

/// Confidence levels on and around the edges of (0, 1), plus invalid ones.
const LEVELS: [f64; 12] = [
    0.95,
    0.998,
    0.9,
    0.5,
    1e-300,
    5e-324,
    0.9999999999999999,
    1.0,
    0.0,
    95.0,
    -0.95,
    f64::NAN,
];

/// Edge values of realistic size (and the invalid ones that must fail).
const SPECIAL_REALISTIC: [f64; 14] = [
    0.0,
    -0.0,
    0.5,
    1.0,
    9.0,
    9.999999999999998,
    10.0,
    4095.0,
    4096.0,
    1e8,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    -1.0,
];

/// A number of the size an indicator input has: counts, fractions, edges, missing and invalid.
fn realistic_number(u: &mut Unstructured<'_>) -> ArbResult<f64> {
    Ok(match u.int_in_range(0u8..=7)? {
        0..=2 => f64::from(u.int_in_range(0u32..=1000)?),
        3 => f64::from(u.int_in_range(0u32..=10_000_000)?),
        4 => f64::from(u.int_in_range(0u32..=1_000_000)?) / 64.0,
        5 => *u.choose(&SPECIAL_REALISTIC)?,
        6 => f64::from(u.int_in_range(1u32..=5000)?) * 0.1,
        _ => f64::from(u.int_in_range(0u16..=20)?),
    })
}

/// Any number: every bit pattern, huge and tiny values as well as realistic ones.
fn wild_number(u: &mut Unstructured<'_>) -> ArbResult<f64> {
    Ok(match u.int_in_range(0u8..=11)? {
        0 => f64::from_bits(u.arbitrary()?),
        1..=4 => f64::from(u.int_in_range(0u32..=1000)?),
        5 => f64::from(u.int_in_range(0u32..=10_000_000)?),
        6 => f64::from(u.int_in_range(0u32..=1_000_000)?) / 64.0,
        7 | 8 => *u.choose(&SPECIAL)?,
        9 => f64::from(u.int_in_range(0u32..=u32::MAX)?) * f64::from(u.int_in_range(1u32..=4096)?),
        10 => f64::from(u.int_in_range(1u32..=5000)?) * 0.1,
        _ => f64::from(u.int_in_range(0u16..=20)?),
    })
}

fn column(u: &mut Unstructured<'_>, len: usize, wild: bool) -> ArbResult<Vec<f64>> {
    (0..len)
        .map(|_| {
            if wild {
                wild_number(u)
            } else {
                realistic_number(u)
            }
        })
        .collect()
}

/// One decoded fuzz input.
#[derive(Debug, Clone)]
pub struct Case {
    /// Numerators / counts / values.
    pub x: Vec<f64>,
    /// Denominators / populations (usually as long as `x`).
    pub n: Vec<f64>,
    /// Confidence level; None asks for no interval.
    pub confidence: Option<f64>,
    /// Multiplier m.
    pub multiplier: f64,
    /// Proportion interval method.
    pub proportion_method: ProportionMethod,
    /// Poisson interval method.
    pub poisson_method: PoissonMethod,
    /// Null-with-reason or error.
    pub on_undefined: OnUndefined,
    /// `mean`: drop missing values.
    pub skip_missing: bool,
    /// Rows repeat with this period (a long case repeats its first rows past the threading
    /// threshold); equal to the length otherwise.
    pub period: usize,
}

impl<'a> Arbitrary<'a> for Case {
    fn arbitrary(u: &mut Unstructured<'a>) -> ArbResult<Self> {
        // One case in four draws from every f64; the others from realistic sizes, where the
        // strict checks (finite numbers, ordered limits) apply.
        let wild = u.ratio(1u8, 4)?;
        let confidence = match u.int_in_range(0u8..=7)? {
            0 => None,
            1..=3 => Some(*u.choose(&LEVELS)?),
            4 if wild => Some(f64::from_bits(u.arbitrary()?)),
            _ => Some(f64::from(u.int_in_range(1u32..=999_999)?) / 1e6),
        };
        let multiplier = match u.int_in_range(0u8..=6)? {
            0 => 1.0,
            1 => 100.0,
            2 => 100_000.0,
            3 if wild => *u.choose(&SPECIAL)?,
            4 if wild => f64::from_bits(u.arbitrary()?),
            _ => f64::from(u.int_in_range(1u32..=1_000_000)?) / 8.0,
        };
        let proportion_method = if u.arbitrary()? {
            ProportionMethod::Wilson
        } else {
            ProportionMethod::ClopperPearson
        };
        let poisson_method = *u.choose(&[
            PoissonMethod::Byar,
            PoissonMethod::Exact,
            PoissonMethod::ByarUnswitched,
        ])?;
        let on_undefined = if u.ratio(1u8, 8)? {
            OnUndefined::Error
        } else {
            OnUndefined::Null
        };
        let skip_missing = u.arbitrary()?;
        let long = u.ratio(1u8, 64)?;
        let len = usize::from(u.int_in_range(0u8..=24)?);
        let x = column(u, len, wild)?;
        let mut n = if u.ratio(1u8, 32)? {
            let other = usize::from(u.int_in_range(0u8..=24)?);
            column(u, other, wild)?
        } else {
            column(u, len, wild)?
        };
        let mut x = x;
        let mut period = x.len();
        let mut proportion_method = proportion_method;
        if long && !x.is_empty() && x.len() == n.len() {
            // Past the threshold at which batches split across threads: the same rows repeated.
            // Counts become whole numbers below 5000 (signs, NaN and ±∞ kept) so that the exact
            // path runs from its per-thread cache and a long case stays fast.
            period = x.len();
            proportion_method = ProportionMethod::Wilson;
            let target = PARALLEL_THRESHOLD + usize::from(u.int_in_range(0u16..=4096)?);
            let whole = |v: f64| {
                if v.is_finite() {
                    (v % 5000.0).trunc()
                } else {
                    v
                }
            };
            x = x.iter().map(|&v| whole(v)).cycle().take(target).collect();
            n = n.iter().copied().cycle().take(target).collect();
        }
        Ok(Case {
            x,
            n,
            confidence,
            multiplier,
            proportion_method,
            poisson_method,
            on_undefined,
            skip_missing,
            period,
        })
    }
}

impl Case {
    /// True when every finite input is of a size an indicator can have (0, or 1e-6 ≤ |v| ≤ 1e12;
    /// 1e-6 ≤ m ≤ 1e9; a level in [1e-9, 1 − 1e-9]), where every computed number must be finite
    /// and every interval ordered.
    pub fn realistic(&self) -> bool {
        // ±∞ must fail with `non_finite`; if it did not, the strict checks would catch it.
        let ok = |v: f64| !v.is_finite() || v == 0.0 || (1e-6..=1e12).contains(&v.abs());
        self.x.iter().chain(&self.n).all(|&v| ok(v))
            && (1e-6..=1e9).contains(&self.multiplier)
            && self
                .confidence
                .is_none_or(|c| c.is_nan() || (1e-9..=1.0 - 1e-9).contains(&c))
    }

    /// Is this a long case (split across threads)?
    pub fn is_long(&self) -> bool {
        self.x.len() >= PARALLEL_THRESHOLD
    }
}

/// Decodes `data` and runs every check; panics (with the case) on a violated property.
pub fn check(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(case) = Case::arbitrary(&mut u) else {
        return;
    };
    check_case(&case);
}

/// Counts above this make the exact Poisson and Clopper–Pearson inversions take seconds, or
/// never return from about 9e307 (fuzz/README.md, "Findings"). Unless the `full-range` feature is
/// on, such cases use Wilson and unswitched Byar instead, so that a fuzzing run is not stopped by
/// these known, reported issues.
pub const KNOWN_SLOW_ABOVE: f64 = 1e12;

/// Relative slack of the ordering lower ≤ value ≤ upper: the accuracy the spec asks of the
/// quantiles (1e-14), for intervals pinned against their value.
pub const ORDER_SLACK: f64 = 1e-14;

/// Runs every check on one case.
pub fn check_case(case: &Case) {
    let huge = case
        .x
        .iter()
        .chain(&case.n)
        .any(|v| v.is_finite() && v.abs() > KNOWN_SLOW_ABOVE);
    if huge && !cfg!(feature = "full-range") {
        let tamed = Case {
            proportion_method: ProportionMethod::Wilson,
            poisson_method: match case.poisson_method {
                PoissonMethod::Exact => PoissonMethod::ByarUnswitched,
                other => other,
            },
            ..case.clone()
        };
        return run_checks(&tamed);
    }
    run_checks(case);
}

fn run_checks(case: &Case) {
    let strict = case.realistic();
    let m = case.multiplier;

    let popts = ProportionOptions {
        confidence: case.confidence,
        multiplier: m,
        method: case.proportion_method,
        on_undefined: case.on_undefined,
    };
    let batch = proportion_batch(&case.x, &case.n, &popts);
    let scalar = |i: usize| proportion(case.x[i], case.n[i], &popts);
    let bounds = Bounds {
        lo: 0.0,
        hi: Some(m),
    };
    check_batch("proportion_batch", case, &batch, scalar, bounds, strict);

    let ropts = RateOptions {
        confidence: case.confidence,
        multiplier: m,
        method: case.poisson_method,
        on_undefined: case.on_undefined,
    };
    let batch = rate_batch(&case.x, &case.n, &ropts);
    let scalar = |i: usize| rate(case.x[i], case.n[i], &ropts);
    let nonneg = Bounds { lo: 0.0, hi: None };
    check_batch("rate_batch", case, &batch, scalar, nonneg, strict);

    if case.is_long() {
        // The long cases exist for the threaded split; the rest is covered by short ones.
        return;
    }

    let copts = RateOptions {
        confidence: case.confidence,
        multiplier: 1.0,
        method: case.poisson_method,
        on_undefined: OnUndefined::Null,
    };
    let ones = vec![1.0; case.x.len()];
    let counts = Case {
        n: ones,
        multiplier: 1.0,
        on_undefined: OnUndefined::Null,
        ..case.clone()
    };
    let batch = count_batch(&case.x, case.confidence, case.poisson_method);
    let scalar = |i: usize| rate(case.x[i], 1.0, &copts);
    check_batch("count_batch", &counts, &batch, scalar, nonneg, strict);

    check_mean(case, strict);
}

#[derive(Clone, Copy)]
struct Bounds {
    lo: f64,
    hi: Option<f64>,
}

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

fn opt(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

fn check_batch(
    what: &str,
    case: &Case,
    batch: &Result<Estimates, Error>,
    scalar: impl Fn(usize) -> Result<Estimate, Error>,
    bounds: Bounds,
    strict: bool,
) {
    let options_valid = case
        .confidence
        .is_none_or(|c| c.is_finite() && c > 0.0 && c < 1.0)
        && case.multiplier.is_finite()
        && case.multiplier > 0.0;
    if case.x.len() != case.n.len() {
        let e = batch
            .as_ref()
            .expect_err("columns of different lengths must fail");
        assert!(
            e.code() == "length_mismatch" || !options_valid,
            "{what}: {e} for columns of different lengths ({case:?})"
        );
        return;
    }
    if !options_valid {
        let e = batch.as_ref().expect_err("invalid options must fail");
        assert!(
            matches!(e.code(), "invalid_confidence" | "invalid_multiplier"),
            "{what}: {e} for invalid options ({case:?})"
        );
        assert_eq!(e.row(), None, "{what}: an option error has no row");
        return;
    }
    // The first row whose scalar call fails, if any.
    // Rows repeat with `case.period`, so the scalar call of row i is that of row i % period.
    let period = case.period.max(1);
    let first_err = (0..case.x.len().min(period)).find_map(|i| scalar(i).err().map(|e| (i, e)));
    let scalars: Vec<Estimate> = if first_err.is_none() {
        (0..case.x.len().min(period))
            .map(|i| scalar(i).expect("checked"))
            .collect()
    } else {
        Vec::new()
    };
    match batch {
        Err(e) => {
            let (i, se) = first_err
                .unwrap_or_else(|| panic!("{what}: batch failed ({e}) but every row is fine"));
            assert_eq!(e.code(), se.code(), "{what}: row {i}: {e} vs scalar {se}");
            assert_eq!(e.row(), Some(i), "{what}: {e} should be at row {i}");
        }
        Ok(out) => {
            if let Some((i, se)) = first_err {
                panic!("{what}: batch succeeded but row {i} fails alone: {se}");
            }
            assert_eq!(
                out.len(),
                case.x.len(),
                "{what}: one output row per input row"
            );
            assert_eq!(out.method.len(), out.len());
            assert_eq!(out.reason.len(), out.len());
            assert_eq!(out.lower.len(), out.len());
            assert_eq!(out.upper.len(), out.len());
            for i in 0..out.len() {
                let e = &scalars[i % period];
                let row = (out.value[i], out.lower[i], out.upper[i]);
                assert!(
                    same(row.0, opt(e.value))
                        && same(row.1, opt(e.lower))
                        && same(row.2, opt(e.upper))
                        && out.method[i] == e.method
                        && out.reason[i] == e.reason,
                    "{what}: row {i} {row:?} {:?} {:?} differs from the scalar call {e:?}",
                    out.method[i],
                    out.reason[i]
                );
                check_row(what, case, i, e, bounds, strict);
            }
        }
    }
}

fn check_row(what: &str, case: &Case, i: usize, e: &Estimate, b: Bounds, strict: bool) {
    let ctx = || {
        format!(
            "{what}: row {i} (x={:?}, n={:?}, {case:?}): {e:?}",
            case.x[i], case.n[i]
        )
    };
    if e.reason.is_some() {
        assert!(
            e.value.is_none() && e.lower.is_none() && e.upper.is_none() && e.method.is_none(),
            "a row with a reason has no value, limits or method: {}",
            ctx()
        );
        return;
    }
    let value = e
        .value
        .unwrap_or_else(|| panic!("no reason but no value: {}", ctx()));
    assert!(e.method.is_some(), "a value without a method: {}", ctx());
    assert!(!value.is_nan(), "NaN value: {}", ctx());
    if strict {
        assert!(value.is_finite(), "non-finite value: {}", ctx());
    }
    assert!(value >= b.lo, "value below {}: {}", b.lo, ctx());
    if let Some(hi) = b.hi {
        assert!(value <= hi, "value above {hi}: {}", ctx());
    }
    match (e.lower, e.upper) {
        (None, None) => assert!(
            case.confidence.is_none(),
            "a level was asked for but no limits came: {}",
            ctx()
        ),
        (Some(lo), Some(hi)) => {
            assert!(
                case.confidence.is_some(),
                "limits without a level: {}",
                ctx()
            );
            // NaN is tolerated here and rejected below for realistic cases.
            assert!(lo.is_nan() || lo >= b.lo, "lower below {}: {}", b.lo, ctx());
            if let Some(top) = b.hi {
                assert!(hi.is_nan() || hi <= top, "upper above {top}: {}", ctx());
            }
            if strict {
                assert!(
                    lo.is_finite() && hi.is_finite(),
                    "non-finite limit: {}",
                    ctx()
                );
                // Limits are accurate to ~1e-14 relative (spec §1.2), so an interval pinned
                // against its value (x one ulp below n) may cross it by a few ulp.
                let slack = ORDER_SLACK * value.abs();
                assert!(
                    lo <= value + slack && value <= hi + slack,
                    "not lower <= value <= upper: {}",
                    ctx()
                );
            }
            // Outside realistic magnitudes these are known to fail, so they are checked only
            // for realistic cases (fuzz/README.md, "Findings"): a limit can be NaN (Wilson with
            // n near 1e300 overflows 4x(n - x)/n, and a level near 0 gives z = 0, 0 × ∞), and the
            // ordering can break (a count of 1e165 at a level near 0; the Clopper–Pearson lower
            // limit of x = 1e-300).
        }
        _ => panic!("one limit without the other: {}", ctx()),
    }
}

fn check_mean(case: &Case, strict: bool) {
    let opts = MeanOptions {
        confidence: case.confidence,
        skip_missing: case.skip_missing,
        on_undefined: case.on_undefined,
    };
    let options_valid = case
        .confidence
        .is_none_or(|c| c.is_finite() && c > 0.0 && c < 1.0);
    let result = mean(&case.x, &opts);
    let ctx = || format!("mean of {:?} ({case:?}): {result:?}", case.x);
    let m = match &result {
        Err(e) => {
            let ok = match e.code() {
                "invalid_confidence" => !options_valid,
                "non_finite" => case.x.iter().any(|v| v.is_infinite()),
                "undefined_statistic" => case.on_undefined == OnUndefined::Error,
                _ => false,
            };
            assert!(ok, "unexpected error: {}", ctx());
            return;
        }
        Ok(m) => m,
    };
    assert!(options_valid, "an invalid level was accepted: {}", ctx());
    assert!(
        !case.x.iter().any(|v| v.is_infinite()),
        "±∞ was accepted: {}",
        ctx()
    );
    let present = case.x.iter().filter(|v| !v.is_nan()).count() as u64;
    assert_eq!(m.value_count, present, "value_count: {}", ctx());
    let e = &m.estimate;
    if let Some(v) = e.value {
        // Values near f64::MAX overflow Welford's update (known, see fuzz/README.md): a NaN or
        // infinite mean is checked for realistic cases only.
        if strict {
            assert!(v.is_finite(), "non-finite mean: {}", ctx());
        }
    }
    match (e.lower, e.upper) {
        (None, None) => {}
        (Some(lo), Some(hi)) => {
            let v = e
                .value
                .unwrap_or_else(|| panic!("limits without a value: {}", ctx()));
            assert!(e.reason.is_none(), "limits with a reason: {}", ctx());
            if strict {
                assert!(
                    lo.is_finite() && hi.is_finite(),
                    "non-finite limit: {}",
                    ctx()
                );
                let slack = ORDER_SLACK * v.abs();
                assert!(
                    lo <= v + slack && v <= hi + slack,
                    "not lower <= mean <= upper: {}",
                    ctx()
                );
            } else if !lo.is_nan() && !hi.is_nan() && !v.is_nan() {
                // Known: values near f64::MAX overflow the sum of squares (stdev = ∞), and a level
                // near 0 then gives 0 × ∞ = NaN limits (fuzz/README.md, "Findings").
                assert!(lo <= v && v <= hi, "not lower <= mean <= upper: {}", ctx());
            }
        }
        _ => panic!("one limit without the other: {}", ctx()),
    }
    if e.reason.is_none() {
        assert!(e.value.is_some(), "no reason and no value: {}", ctx());
        assert_eq!(
            e.lower.is_some(),
            case.confidence.is_some(),
            "limits iff a level: {}",
            ctx()
        );
    }
}

/// A small deterministic byte generator (xorshift64*) for the stable-toolchain sweep.
#[derive(Debug, Clone)]
pub struct Bytes(u64);

impl Bytes {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Bytes(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Fills `buf` with pseudo-random bytes.
    pub fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            let v = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_sweep_holds() {
        let mut g = Bytes::new(1);
        let mut buf = vec![0u8; 512];
        for len in (0..3000).map(|i| 1 + i % 512) {
            g.fill(&mut buf[..len]);
            check(&buf[..len]);
        }
    }

    #[test]
    fn most_cases_are_realistic_and_some_are_long() {
        let mut g = Bytes::new(1);
        let mut buf = vec![0u8; 512];
        let (mut all, mut strict, mut long) = (0, 0, 0);
        for len in (0..3000).map(|i| 1 + i % 512) {
            g.fill(&mut buf[..len]);
            if let Ok(c) = Case::arbitrary(&mut Unstructured::new(&buf[..len])) {
                all += 1;
                strict += usize::from(c.realistic());
                long += usize::from(c.is_long());
            }
        }
        assert!(strict * 2 > all, "{strict} of {all} realistic");
        assert!(long > 10, "{long} long cases");
    }

    #[test]
    fn known_edges_hold() {
        let case = Case {
            x: vec![0.0, 5.0, 10.0, 9.0, 4096.0, f64::NAN, 3.0],
            n: vec![0.0, 5.0, 100.0, 1e6, 5000.0, 1.0, 3.0],
            confidence: Some(0.998),
            multiplier: 100.0,
            proportion_method: ProportionMethod::Wilson,
            poisson_method: PoissonMethod::Byar,
            on_undefined: OnUndefined::Null,
            skip_missing: true,
            period: 7,
        };
        assert!(case.realistic());
        check_case(&case);
        for method in [PoissonMethod::Exact, PoissonMethod::ByarUnswitched] {
            check_case(&Case {
                poisson_method: method,
                proportion_method: ProportionMethod::ClopperPearson,
                confidence: None,
                ..case.clone()
            });
        }
    }
}
