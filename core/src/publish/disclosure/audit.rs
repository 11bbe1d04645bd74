//! The auditor: what an observer of a published table can work out about its suppressed cells
//! from the published cells and the table's sums.
//!
//! Two attacks are run, and a suppressed cell counts as *recovered* when either pins it down:
//!
//! 1. **Bounds propagation** over the non-negative integers. Every quantity starts as its published
//!    value (a point), its rounding interval (`r − ⌊m/2⌋ … r + ⌈m/2⌉ − 1` for counts rounded to the
//!    nearest `m`), `0` for a not-applicable cell, or `[0, ∞)` when suppressed; each sum
//!    `total = Σ parts` then tightens `total ∈ [Σ lo, Σ hi]` and
//!    `part ∈ [total.lo − Σ others.hi, total.hi − Σ others.lo]` until nothing changes. A cell
//!    whose interval closes to one value is recovered (the classic case: a total and all but one
//!    of its parts published; or suppressed cells that must all be 0).
//! 2. **Linear elimination**. The sums are a linear system in the cells nobody knows exactly;
//!    a cell is recovered when some combination of the equations isolates it (reduced row
//!    echelon form over the rationals: a pivot column whose row has no free column). This
//!    catches what propagation misses, such as a cell that bridges two otherwise protected
//!    blocks of a two-way table.
//! 3. **Linear programming** (the `microlp` simplex): for every withheld cell not yet recovered,
//!    minimise and maximise it subject to the sums and every cell's bounds. It is recovered when
//!    no value at least 1 away from its true value is feasible. This combines equations and
//!    bounds, e.g. two withheld cells whose sum a combination of margins shows to be 0. For
//!    sums that form a network (a total and its breakdowns, hierarchies, two-way tables with
//!    margins) the LP's range is the integer range; for other structures it can only be wider.
//!
//! The auditor is used by [`protect`](super::protect) to add suppressions until no cell is
//! recovered, and is public so that a publisher can audit any table.

use super::table::{Quantity, Sum, Table};
use serde::{Deserialize, Serialize};

/// Stand-in for +∞ in interval arithmetic (far above any count, far from overflow).
const INF: i128 = i128::MAX / 8;

/// Rounds done by propagation before it stops; intervals are sound (they contain every feasible
/// value) whenever it stops, only possibly wider than the fixed point.
const MAX_ROUNDS: usize = 1000;

/// What an observer sees of one quantity of one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seen {
    /// The exact count is published.
    Exact(u64),
    /// The count is published rounded to the nearest `to` (half up).
    Rounded {
        /// The published, rounded count.
        value: u64,
        /// The rounding base (5 for "to the nearest 5").
        to: u64,
    },
    /// The count is withheld.
    Suppressed,
}

impl Seen {
    /// The integer interval of true counts consistent with what is seen (upper `None` = no bound).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::publish::disclosure::{Interval, Seen};
    /// assert_eq!(Seen::Rounded { value: 10, to: 5 }.interval(), Interval { lower: 8, upper: Some(12) });
    /// assert_eq!(Seen::Rounded { value: 0, to: 5 }.interval(), Interval { lower: 0, upper: Some(2) });
    /// assert_eq!(Seen::Suppressed.interval(), Interval { lower: 0, upper: None });
    /// ```
    pub fn interval(self) -> Interval {
        match self {
            Seen::Exact(v) => Interval {
                lower: v,
                upper: Some(v),
            },
            Seen::Rounded { value, to } => {
                let to = to.max(1);
                Interval {
                    lower: value.saturating_sub(to / 2),
                    upper: Some(value.saturating_add(to.div_ceil(2) - 1)),
                }
            }
            Seen::Suppressed => Interval {
                lower: 0,
                upper: None,
            },
        }
    }
}

/// A closed interval of non-negative integers; `upper: None` means unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    /// Least feasible value.
    pub lower: u64,
    /// Greatest feasible value (None: no upper bound).
    pub upper: Option<u64>,
}

impl Interval {
    /// True when exactly one value is feasible.
    pub fn is_point(&self) -> bool {
        self.upper == Some(self.lower)
    }
}

/// Tightens the integer intervals `lo[i]..=hi[i]` (hi = [`INF`] for unbounded) by the sums until
/// a fixed point (or [`MAX_ROUNDS`]). Returns false if some interval became empty (the view is
/// inconsistent with the sums).
fn propagate(sums: &[Sum], lo: &mut [i128], hi: &mut [i128]) -> bool {
    let cap = |x: i128| x.min(INF);
    for _ in 0..MAX_ROUNDS {
        let mut changed = false;
        for s in sums {
            let (sum_lo, sum_hi) = s.parts.iter().fold((0i128, 0i128), |(a, b), &p| {
                (cap(a + lo[p]), cap(b + hi[p]))
            });
            let t = s.total;
            if sum_lo > lo[t] {
                lo[t] = sum_lo;
                changed = true;
            }
            if sum_hi < hi[t] {
                hi[t] = sum_hi;
                changed = true;
            }
            for &p in &s.parts {
                let others_hi = if hi[p] >= INF || sum_hi >= INF {
                    // Σ others.hi is unbounded unless every other part is bounded.
                    s.parts
                        .iter()
                        .filter(|&&q| q != p)
                        .fold(0i128, |a, &q| cap(a + hi[q]))
                } else {
                    sum_hi - hi[p]
                };
                let others_lo = sum_lo - lo[p];
                if others_hi < INF && lo[t] - others_hi > lo[p] {
                    lo[p] = lo[t] - others_hi;
                    changed = true;
                }
                if hi[t] < INF && hi[t] - others_lo < hi[p] {
                    hi[p] = hi[t] - others_lo;
                    changed = true;
                }
            }
        }
        if lo.iter().zip(hi.iter()).any(|(l, h)| l > h) {
            return false;
        }
        if !changed {
            break;
        }
    }
    true
}

/// The feasible interval of every cell of one quantity, given what is seen of each, by bounds
/// propagation over the sums.
///
/// # Examples
///
/// ```
/// use care_outcomes::publish::disclosure::{feasible_intervals, Cell, Seen, Sum, Table};
/// let t = Table::new(
///     vec![Cell::new("T", None, Some(10)), Cell::new("a", None, Some(2)), Cell::new("b", None, Some(8))],
///     vec![Sum { total: 0, parts: vec![1, 2] }],
/// )?;
/// // Only `a` suppressed: it is 10 − 8.
/// let iv = feasible_intervals(&t, &[Seen::Exact(10), Seen::Suppressed, Seen::Exact(8)]);
/// assert!(iv[1].is_point() && iv[1].lower == 2);
/// // `a` and `b` suppressed: each is anywhere in 0..=10.
/// let iv = feasible_intervals(&t, &[Seen::Exact(10), Seen::Suppressed, Seen::Suppressed]);
/// assert_eq!((iv[1].lower, iv[1].upper), (0, Some(10)));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn feasible_intervals(table: &Table, seen: &[Seen]) -> Vec<Interval> {
    let mut lo: Vec<i128> = Vec::with_capacity(seen.len());
    let mut hi: Vec<i128> = Vec::with_capacity(seen.len());
    for s in seen {
        let iv = s.interval();
        lo.push(i128::from(iv.lower));
        hi.push(iv.upper.map_or(INF, i128::from));
    }
    propagate(table.sums(), &mut lo, &mut hi);
    lo.iter()
        .zip(&hi)
        .map(|(&l, &h)| Interval {
            lower: u64::try_from(l.max(0)).unwrap_or(u64::MAX),
            upper: (h < INF).then(|| u64::try_from(h.max(0)).unwrap_or(u64::MAX)),
        })
        .collect()
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// For each cell with `unknown[i]`, whether the sums alone (as linear equations, cells not
/// unknown taken as known constants) determine its value. Cells not unknown give false.
///
/// Exact rational elimination (fraction-free in i128, rows kept primitive by their gcd); if an
/// entry would overflow — which a table's ±1 sums do not produce in practice — the cells of that
/// row are reported as determined, the safe direction for an auditor.
///
/// # Examples
///
/// ```
/// use care_outcomes::publish::disclosure::{determined_by_sums, Cell, Sum, Table};
/// let c = |k: &str, n: u64| Cell::new(k, None, Some(n));
/// // T = a + b and T = c + d, with a, b, c, d unknown and T known: nothing is determined.
/// let t = Table::new(
///     vec![c("T", 10), c("a", 4), c("b", 6), c("c", 3), c("d", 7)],
///     vec![Sum { total: 0, parts: vec![1, 2] }, Sum { total: 0, parts: vec![3, 4] }],
/// )?;
/// assert_eq!(determined_by_sums(&t, &[false, true, true, true, true]), [false; 5]);
/// // T unknown and a, b unknown, c and d known: T = c + d is determined, a and b are not.
/// assert_eq!(determined_by_sums(&t, &[true, true, true, false, false]), [true, false, false, false, false]);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn determined_by_sums(table: &Table, unknown: &[bool]) -> Vec<bool> {
    let n = unknown.len();
    let cols: Vec<usize> = (0..n).filter(|&i| unknown[i]).collect();
    let mut col_of = vec![usize::MAX; n];
    for (j, &i) in cols.iter().enumerate() {
        col_of[i] = j;
    }
    let mut rows: Vec<Vec<i128>> = table
        .sums()
        .iter()
        .filter(|s| s.members().any(|i| unknown[i]))
        .map(|s| {
            let mut r = vec![0i128; cols.len()];
            if unknown[s.total] {
                r[col_of[s.total]] += 1;
            }
            for &p in &s.parts {
                if unknown[p] {
                    r[col_of[p]] -= 1;
                }
            }
            r
        })
        .collect();
    let mut out = vec![false; n];
    let mut pivots: Vec<(usize, usize)> = Vec::new(); // (row, col)
    let mut overflow_rows = Vec::new();
    let mut r0 = 0;
    for c in 0..cols.len() {
        let Some(p) = (r0..rows.len()).find(|&r| rows[r][c] != 0) else {
            continue;
        };
        rows.swap(r0, p);
        let pivot = rows[r0].clone();
        let a = pivot[c];
        for (r, row) in rows.iter_mut().enumerate() {
            if r == r0 || row[c] == 0 {
                continue;
            }
            let b = row[c];
            let mut ok = true;
            for (x, &y) in row.iter_mut().zip(&pivot) {
                match x
                    .checked_mul(a)
                    .and_then(|xa| y.checked_mul(b).and_then(|yb| xa.checked_sub(yb)))
                {
                    Some(v) => *x = v,
                    None => ok = false,
                }
            }
            if !ok {
                overflow_rows.push(r);
            }
            let g = row.iter().fold(0, |g, &v| gcd(g, v));
            if g > 1 {
                for v in row.iter_mut() {
                    *v /= g;
                }
            }
        }
        pivots.push((r0, c));
        r0 += 1;
    }
    if !overflow_rows.is_empty() {
        // Cannot decide exactly: report every unknown cell of the affected rows as determined.
        for r in overflow_rows {
            for (j, &v) in rows[r].iter().enumerate() {
                if v != 0 {
                    out[cols[j]] = true;
                }
            }
        }
    }
    let is_pivot: Vec<bool> = {
        let mut v = vec![false; cols.len()];
        for &(_, c) in &pivots {
            v[c] = true;
        }
        v
    };
    for &(r, c) in &pivots {
        let free = rows[r]
            .iter()
            .enumerate()
            .any(|(j, &v)| v != 0 && !is_pivot[j]);
        if !free {
            out[cols[c]] = true;
        }
    }
    out
}

/// The result of auditing a published view of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audit {
    /// Per quantity of the table, the feasible interval of every cell.
    pub intervals: Vec<(Quantity, Vec<Interval>)>,
    /// Suppressed cells that an observer can recover (indices, ascending).
    pub recovered: Vec<usize>,
}

/// Audits a view of a table: `suppressed[i]` withholds every quantity of cell `i`; other cells
/// are seen exactly, or rounded to the nearest `round_to` when given (not-applicable cells are
/// a known 0). A suppressed cell is recovered when bounds propagation closes its interval in some
/// quantity or the sums determine it (see the module docs).
///
/// # Examples
///
/// ```
/// use care_outcomes::publish::disclosure::{audit, Cell, Sum, Table};
/// let t = Table::new(
///     vec![Cell::new("T", Some(20), Some(40)), Cell::new("M", Some(1), Some(3)), Cell::new("F", Some(19), Some(37))],
///     vec![Sum { total: 0, parts: vec![1, 2] }],
/// )?;
/// assert_eq!(audit(&t, &[false, true, false], None).recovered, [1]); // M = T − F
/// assert!(audit(&t, &[false, true, true], None).recovered.is_empty());
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn audit(table: &Table, suppressed: &[bool], round_to: Option<u64>) -> Audit {
    let cells = table.cells();
    let rounded = round_to.is_some_and(|m| m > 1);
    let mut recovered = vec![false; cells.len()];
    let mut intervals = Vec::new();
    for q in table.quantities() {
        let seen: Vec<Seen> = cells
            .iter()
            .zip(suppressed)
            .map(|(c, &s)| {
                let v = c.get(q).unwrap_or(0);
                if c.not_applicable {
                    Seen::Exact(0)
                } else if s {
                    Seen::Suppressed
                } else if rounded {
                    let m = round_to.unwrap_or(1);
                    Seen::Rounded {
                        value: round_count(v, m),
                        to: m,
                    }
                } else {
                    Seen::Exact(v)
                }
            })
            .collect();
        let iv = feasible_intervals(table, &seen);
        for (i, v) in iv.iter().enumerate() {
            if suppressed[i] && !cells[i].not_applicable && v.is_point() {
                recovered[i] = true;
            }
        }
        intervals.push((q, iv));
    }
    let unknown: Vec<bool> = cells
        .iter()
        .zip(suppressed)
        .map(|(c, &s)| !c.not_applicable && (s || rounded))
        .collect();
    for (i, d) in determined_by_sums(table, &unknown).into_iter().enumerate() {
        if d && suppressed[i] && !cells[i].not_applicable {
            recovered[i] = true;
        }
    }
    for (q, iv) in &intervals {
        for i in 0..cells.len() {
            if suppressed[i] && !recovered[i] && !cells[i].not_applicable {
                let truth = cells[i].get(*q).unwrap_or(0);
                if lp_pins(table, iv, i, truth) {
                    recovered[i] = true;
                }
            }
        }
    }
    Audit {
        intervals,
        recovered: (0..cells.len()).filter(|&i| recovered[i]).collect(),
    }
}

/// True when, subject to the sums and the intervals `iv` (from propagation), cell `i` cannot
/// take any value at least 1 away from `truth` (LP relaxation, minimised and maximised). A
/// solver failure other than "unbounded" counts as pinned (the safe side for an auditor).
fn lp_pins(table: &Table, iv: &[Interval], i: usize, truth: u64) -> bool {
    use microlp::{ComparisonOp, OptimizationDirection, Problem};
    const TOL: f64 = 1e-6;
    let truth = truth as f64;
    let side = |direction: OptimizationDirection| -> Option<f64> {
        let mut p = Problem::new(direction);
        let vars: Vec<Option<microlp::Variable>> = iv
            .iter()
            .enumerate()
            .map(|(j, v)| {
                (!v.is_point()).then(|| {
                    let obj = if j == i { 1.0 } else { 0.0 };
                    let hi = v.upper.map_or(f64::INFINITY, |u| u as f64);
                    p.add_var(obj, (v.lower as f64, hi))
                })
            })
            .collect();
        for s in table.sums() {
            let mut expr = Vec::new();
            let mut rhs = 0.0;
            for (j, coef) in s
                .members()
                .map(|j| (j, if j == s.total { 1.0 } else { -1.0 }))
            {
                match vars[j] {
                    Some(v) => expr.push((v, coef)),
                    None => rhs -= coef * iv[j].lower as f64,
                }
            }
            if !expr.is_empty() {
                p.add_constraint(expr.as_slice(), ComparisonOp::Eq, rhs);
            }
        }
        match p.solve() {
            Ok(out) => out.solution().map(microlp::Solution::objective),
            Err(microlp::Error::Unbounded) => Some(match direction {
                OptimizationDirection::Maximize => f64::INFINITY,
                OptimizationDirection::Minimize => f64::NEG_INFINITY,
            }),
            Err(_) => None,
        }
    };
    if iv[i].is_point() {
        return true;
    }
    let Some(max) = side(OptimizationDirection::Maximize) else {
        return true;
    };
    if max >= truth + 1.0 - TOL {
        return false;
    }
    let Some(min) = side(OptimizationDirection::Minimize) else {
        return true;
    };
    min > truth - 1.0 + TOL
}

/// Rounds a count to the nearest multiple of `to`, halves up (`to` = 0 or 1 leaves it as it is).
///
/// # Examples
///
/// ```
/// use care_outcomes::publish::disclosure::round_count;
/// assert_eq!(round_count(12, 5), 10);
/// assert_eq!(round_count(13, 5), 15);
/// assert_eq!(round_count(15, 10), 20); // a half goes up
/// assert_eq!(round_count(2, 5), 0);
/// assert_eq!(round_count(u64::MAX, 10), u64::MAX); // saturates instead of overflowing
/// ```
pub fn round_count(v: u64, to: u64) -> u64 {
    if to <= 1 {
        return v;
    }
    let down = (v / to) * to;
    if v % to >= to.div_ceil(2) {
        down.saturating_add(to)
    } else {
        down
    }
}
