//! Stratum weighting and margins of error with the finite-population correction
//! (spec-ascof.md §4.1, as in NHS England's `ascs/stratification/stratification.py`).
//!
//! A *cell* is a weighting cell: one council × stratum, or council × stratum × sub-group, with its
//! (estimated) population `N` and the `n` respondents who answered the measure. Over any set of
//! cells (a council's four strata, or every council × stratum of a region or England):
//!
//! ```text
//! numerator   = Σ N · mean          (mean = p = r/n for a proportion)   over cells with n ≥ 1
//! denominator = Σ N                 over the same cells
//! value       = scale · numerator / denominator          (scale 100 for a percentage, 1 for a mean)
//! variance    = Σ N² · (1 − n/N) · s² / n                 s²/n = p(1−p)/(n−1) for a proportion
//! MoE         = 1.96 · √(variance · scale² / denominator²)
//! ```
//!
//! The variance of a proportion is the NHS formula exactly; the same design-based formula with
//! the sample variance s² of the scores is used for means [L: the spec states the proportion
//! formula only]. A cell with n = 1 has no sample variance: unless the cell is a census (n = N,
//! correction 0), the margin of error is null with reason `insufficient_values` (the value is
//! still given). This is the library's documented rule for the case the NHS code leaves as 0/0.

use crate::stats::Reason;
use crate::survey::score::MeasureKind;
use serde::{Deserialize, Serialize};

/// The critical value of the 95% margin of error (NHS `MARGIN_OF_ERROR_CRITICAL_VALUE`) \[H\].
///
/// # Examples
///
/// ```
/// assert_eq!(care_outcomes::survey::MARGIN_Z, 1.96);
/// ```
pub const MARGIN_Z: f64 = 1.96;

/// The answers of one weighting cell to one measure: a mergeable accumulator (count, sum and
/// the sum of squared deviations, Chan et al.), plus the cell population.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::Cell;
/// let mut a = Cell::new(100.0);
/// for x in [17.0, 21.0] { a.push(x); }
/// let mut b = Cell::new(100.0);
/// b.push(12.0);
/// a.merge(&b);
/// assert_eq!(a.n, 3);
/// assert!((a.mean() - 16.666_666_666_666_668).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Cell {
    /// The cell's (estimated) population N.
    pub population: f64,
    /// Respondents who answered (n).
    pub n: u64,
    /// Σ of their values (for a proportion, the count r giving the qualifying answer).
    pub sum: f64,
    /// Σ of squared deviations from the running mean.
    pub m2: f64,
}

impl Cell {
    /// An empty cell of population N.
    pub fn new(population: f64) -> Self {
        Cell {
            population,
            ..Default::default()
        }
    }

    /// Adds one respondent's value.
    pub fn push(&mut self, x: f64) {
        let old_mean = if self.n == 0 { 0.0 } else { self.mean() };
        self.n += 1;
        self.sum += x;
        let new_mean = self.mean();
        self.m2 += (x - old_mean) * (x - new_mean);
    }

    /// Merges another accumulator of the same cell (associative and commutative up to
    /// floating-point rounding; the population is kept).
    pub fn merge(&mut self, other: &Cell) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            let population = self.population;
            *self = *other;
            self.population = population;
            return;
        }
        let (na, nb) = (self.n as f64, other.n as f64);
        let delta = other.mean() - self.mean();
        self.m2 += other.m2 + delta * delta * na * nb / (na + nb);
        self.n += other.n;
        self.sum += other.sum;
    }

    /// The mean of the values (the proportion p = r/n for a 0/1 measure).
    pub fn mean(&self) -> f64 {
        self.sum / self.n as f64
    }

    /// The variance contribution N²(1 − n/N)·s²/n, or None when n = 1 and n < N.
    fn variance(&self, kind: MeasureKind) -> Option<f64> {
        let (pop, n) = (self.population, self.n as f64);
        if n >= pop {
            return Some(0.0);
        }
        if self.n < 2 {
            return None;
        }
        Some(match kind {
            // NHS order of operations: p(1−p) · N² · (1 − n/N) / (n − 1).
            MeasureKind::Proportion => {
                let p = self.mean();
                p * (1.0 - p) * pop.powi(2) * (1.0 - n / pop) / (n - 1.0)
            }
            MeasureKind::Mean => pop.powi(2) * (1.0 - n / pop) * (self.m2 / (n - 1.0)) / n,
        })
    }
}

/// A stratified estimate over a set of cells.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{stratified, Cell, MeasureKind};
/// let e = stratified(&[], MeasureKind::Mean);
/// assert_eq!((e.value, e.reason.map(|r| r.code())), (None, Some("insufficient_values")));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stratified {
    /// scale · numerator / denominator (None when no cell has a respondent).
    pub value: Option<f64>,
    /// Σ N · mean: the weighted count (proportion) or weighted sum of scores (mean).
    pub numerator: f64,
    /// Σ N over cells with respondents: the estimated population.
    pub denominator: f64,
    /// Respondents (Σ n).
    pub base: u64,
    /// Variance of the value (in value units squared).
    pub variance: Option<f64>,
    /// 1.96 · √variance: the 95% margin of error (percentage points, or score units).
    pub margin_of_error: Option<f64>,
    /// Why the value is null.
    pub reason: Option<Reason>,
    /// Why the margin of error is null.
    pub margin_reason: Option<Reason>,
}

/// The stratified estimate over `cells` (cells with n = 0 are left out).
///
/// # Examples
///
/// Two strata: N = 100 with 3 of 4 qualifying, N = 300 with 1 of 2.
///
/// ```
/// use care_outcomes::survey::{stratified, Cell, MeasureKind};
/// let cell = |pop: f64, xs: &[f64]| { let mut c = Cell::new(pop); for x in xs { c.push(*x); } c };
/// let cells = [cell(100.0, &[1.0, 1.0, 1.0, 0.0]), cell(300.0, &[1.0, 0.0])];
/// let e = stratified(&cells, MeasureKind::Proportion);
/// // (100·0.75 + 300·0.5) / 400 = 225 / 400 = 56.25%
/// assert_eq!(e.value, Some(56.25));
/// assert_eq!((e.numerator, e.denominator, e.base), (225.0, 400.0, 6));
/// // variance = 0.1875·100²·0.96/3 + 0.25·300²·(1 − 2/300)/1 = 600 + 22350 = 22950
/// // MoE = 1.96·√(22950 · 100² / 400²) = 1.96 · 37.873… = 74.23…
/// assert!((e.margin_of_error.unwrap() - 1.96 * (22950.0f64 * 10000.0 / 160000.0).sqrt()).abs() < 1e-9);
/// ```
pub fn stratified(cells: &[Cell], kind: MeasureKind) -> Stratified {
    let scale = match kind {
        MeasureKind::Proportion => 100.0,
        MeasureKind::Mean => 1.0,
    };
    let mut numerator = 0.0;
    let mut denominator = 0.0;
    let mut base = 0;
    let mut variance = Some(0.0);
    for c in cells.iter().filter(|c| c.n > 0) {
        numerator += c.population * c.mean();
        denominator += c.population;
        base += c.n;
        variance = match (variance, c.variance(kind)) {
            (Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
    }
    if base == 0 || denominator <= 0.0 {
        let reason = match kind {
            MeasureKind::Proportion => Reason::ZeroDenominator,
            MeasureKind::Mean => Reason::InsufficientValues,
        };
        return Stratified {
            value: None,
            numerator,
            denominator,
            base,
            variance: None,
            margin_of_error: None,
            reason: Some(reason),
            margin_reason: Some(reason),
        };
    }
    let variance = variance.map(|v| v * (scale * scale / (denominator * denominator)));
    Stratified {
        value: Some(scale * numerator / denominator),
        numerator,
        denominator,
        base,
        variance,
        margin_of_error: variance.map(|v| MARGIN_Z * v.sqrt()),
        reason: None,
        margin_reason: if variance.is_none() {
            Some(Reason::InsufficientValues)
        } else {
            None
        },
    }
}
