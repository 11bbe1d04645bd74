//! Poisson intervals on a count (spec-statistics.md §2.2): exact limits from gamma quantiles,
//! Byar's approximation, and the PHE convention that switches from exact to Byar at 10 events.

use crate::stats::Confidence;
use crate::stats::Method;
use crate::stats::distribution::{gamma_quantile, gamma_upper_quantile};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// The count at and above which the switched method uses Byar's approximation.
pub const BYAR_SWITCH: f64 = 10.0;

/// How the interval on a count is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PoissonMethod {
    /// Exact below 10 events, Byar from 10 (the PHE convention; the default). Labelled per row
    /// "Exact" or "Byars".
    #[default]
    Byar,
    /// Exact limits for every count.
    Exact,
    /// Byar's formula for every count (the Dobson building block; never a rate default).
    ByarUnswitched,
}

string_codes! {
    PoissonMethod: option "method", expected "\"byar\" (exact below 10 events), \"exact\", \"byar_unswitched\"" {
        Byar = "byar" | "byars",
        Exact = "exact",
        ByarUnswitched = "byar_unswitched",
    }
}

/// Exact lower limit on a count O ≥ 0: G⁻¹(α/2; O), and 0 at O = 0.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{exact_lower, Confidence};
/// let c = Confidence::new(0.95)?;
/// assert_eq!(exact_lower(0.0, &c), 0.0);
/// assert!((exact_lower(1.0, &c) - 0.025317807984289875).abs() < 1e-16);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn exact_lower(o: f64, conf: &Confidence) -> f64 {
    if o == 0.0 {
        0.0
    } else if o >= EXACT_ASYMPTOTIC_FROM {
        byar_lower(o, conf).min(o)
    } else {
        gamma_quantile(o, conf.tail())
    }
}

/// Exact upper limit on a count O ≥ 0: G⁻¹(1 − α/2; O + 1); −ln(α/2) at O = 0.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{exact_upper, Confidence};
/// let c = Confidence::new(0.95)?;
/// assert!((exact_upper(0.0, &c) - 3.6888794541139363).abs() < 1e-15);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn exact_upper(o: f64, conf: &Confidence) -> f64 {
    if o >= EXACT_ASYMPTOTIC_FROM {
        return byar_upper(o, conf).max(o);
    }
    gamma_upper_quantile(o + 1.0, conf.tail())
}

/// From this count on, the exact limits are taken from the Wilson–Hilferty cube-root form
/// (Byar's formula) instead of inverting the incomplete gamma function. The two differ by
/// O(O^-3/2) relatively: 1.5e-11 at O = 10^6 and below 1e-15 (under one ulp of the limit) at
/// O = 10^9, where the inversion also starts to cost milliseconds; past ~10^15 the inversion
/// itself loses digits while the asymptotic form keeps them (measured in the session that
/// introduced it; see tests/huge_counts.rs).
pub const EXACT_ASYMPTOTIC_FROM: f64 = 1e9;

/// Byar's lower limit O·(1 − 1/(9O) − z/(3√O))³; 0 at O = 0 and where the cubed base is negative.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{byar_lower, Confidence};
/// let c = Confidence::new(0.95)?;
/// assert!((byar_lower(65.0, &c) - 50.16318771045944).abs() < 1e-12);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn byar_lower(o: f64, conf: &Confidence) -> f64 {
    byar_lower_z(o, conf.z())
}

/// [`byar_lower`] with z given, written with selects only so that batch loops vectorise.
/// `f64::sqrt` is IEEE 754's correctly rounded square root: the same bits as `libm::sqrt`.
#[inline]
pub(crate) fn byar_lower_z(o: f64, z: f64) -> f64 {
    let base = 1.0 - 1.0 / (9.0 * o) - z / (3.0 * o.sqrt());
    let limit = o * (base * base * base);
    if o <= 0.0 || base < 0.0 { 0.0 } else { limit }
}

/// Byar's upper limit (O+1)·(1 − 1/(9(O+1)) + z/(3√(O+1)))³.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{byar_upper, Confidence};
/// let c = Confidence::new(0.95)?;
/// assert!((byar_upper(65.0, &c) - 82.84913854593987).abs() < 1e-12);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn byar_upper(o: f64, conf: &Confidence) -> f64 {
    byar_upper_z(o, conf.z())
}

/// [`byar_upper`] with z given (see [`byar_lower_z`]).
#[inline]
pub(crate) fn byar_upper_z(o: f64, z: f64) -> f64 {
    let o1 = o + 1.0;
    let base = 1.0 - 1.0 / (9.0 * o1) + z / (3.0 * o1.sqrt());
    o1 * (base * base * base)
}

/// The interval on a count O ≥ 0 by `method`, with the per-row method label.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{count_interval, Confidence, Method, PoissonMethod};
/// let c = Confidence::new(0.95)?;
/// let (_, _, m) = count_interval(9.0, &c, PoissonMethod::Byar);
/// assert_eq!(m, Method::Exact);
/// let (_, _, m) = count_interval(10.0, &c, PoissonMethod::Byar);
/// assert_eq!(m, Method::Byars);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn count_interval(o: f64, conf: &Confidence, method: PoissonMethod) -> (f64, f64, Method) {
    let use_exact = match method {
        PoissonMethod::Byar => o < BYAR_SWITCH,
        PoissonMethod::Exact => true,
        PoissonMethod::ByarUnswitched => false,
    };
    // The limits bracket O mathematically; min/max keep that true where rounding in extreme
    // inputs would otherwise cross them by an ulp.
    if use_exact {
        (
            exact_lower(o, conf).min(o),
            exact_upper(o, conf).max(o),
            Method::Exact,
        )
    } else {
        (
            byar_lower(o, conf).min(o),
            byar_upper(o, conf).max(o),
            Method::Byars,
        )
    }
}

/// The method label `method` gives a count O, without computing the interval.
pub fn count_method(o: f64, method: PoissonMethod) -> Method {
    match method {
        PoissonMethod::Byar if o < BYAR_SWITCH => Method::Exact,
        PoissonMethod::Exact => Method::Exact,
        _ => Method::Byars,
    }
}

/// Caches exact limits of small integer counts for the whole process: indicator counts repeat,
/// within a batch and across calls, and each exact limit costs a gamma-quantile inversion. The
/// limits are a pure function of (count, level), so a table per level is filled lazily, count by
/// count, and shared by every call and thread. A batch worker holds one of these as its state.
pub(crate) struct ExactCache {
    table: Option<Arc<ExactTable>>,
}

impl Default for ExactCache {
    fn default() -> Self {
        Self::new()
    }
}

/// The exact limits of the integer counts `0..SIZE` at one level, as f64 bits; [`EMPTY`] until
/// computed. Two threads may compute the same count at once: both store the same bits.
struct ExactTable {
    level: u64,
    lower: Box<[AtomicU64]>,
    upper: Box<[AtomicU64]>,
}

/// Not a limit (a NaN pattern no computation here produces).
const EMPTY: u64 = u64::MAX;

/// The tables kept for the process, one per level used (at most [`MAX_LEVELS`]; further levels
/// get a table that lives as long as the call).
static TABLES: Mutex<Vec<Arc<ExactTable>>> = Mutex::new(Vec::new());
const MAX_LEVELS: usize = 32;

impl ExactTable {
    fn new(level: u64) -> Self {
        let empty = || {
            (0..ExactCache::SIZE)
                .map(|_| AtomicU64::new(EMPTY))
                .collect()
        };
        ExactTable {
            level,
            lower: empty(),
            upper: empty(),
        }
    }

    /// The process-wide table of `conf`'s level.
    fn of(conf: &Confidence) -> Arc<ExactTable> {
        let level = conf.level().to_bits();
        let mut tables = TABLES.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(t) = tables.iter().find(|t| t.level == level) {
            return Arc::clone(t);
        }
        let t = Arc::new(ExactTable::new(level));
        if tables.len() < MAX_LEVELS {
            tables.push(Arc::clone(&t));
        }
        t
    }
}

impl ExactCache {
    const SIZE: usize = 4096;

    pub(crate) fn new() -> Self {
        ExactCache { table: None }
    }

    /// The interval as [`count_interval`] computes it, from the cache where O is a small integer.
    pub(crate) fn interval(
        &mut self,
        o: f64,
        conf: &Confidence,
        method: PoissonMethod,
    ) -> (f64, f64, Method) {
        let m = count_method(o, method);
        if m != Method::Exact || o.fract() != 0.0 || o >= Self::SIZE as f64 {
            return count_interval(o, conf, method);
        }
        let level = conf.level().to_bits();
        let table = match &self.table {
            Some(t) if t.level == level => t,
            _ => self.table.insert(ExactTable::of(conf)),
        };
        let k = o as usize;
        let (lo, hi) = (
            table.lower[k].load(Ordering::Relaxed),
            table.upper[k].load(Ordering::Relaxed),
        );
        if lo != EMPTY && hi != EMPTY {
            return (f64::from_bits(lo), f64::from_bits(hi), Method::Exact);
        }
        let (lo, hi) = (exact_lower(o, conf), exact_upper(o, conf));
        table.lower[k].store(lo.to_bits(), Ordering::Relaxed);
        table.upper[k].store(hi.to_bits(), Ordering::Relaxed);
        (lo, hi, Method::Exact)
    }
}
