//! Primary suppression (the source's rule) and secondary suppression (so that no suppressed cell
//! can be worked out from the published cells and the table's sums).

use super::audit::audit;
use super::table::{Sum, Table};
use crate::indicator::DisclosureRule;
use serde::{Deserialize, Serialize};

/// Why a cell is withheld.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Suppression {
    /// By the source's rule: its base (or denominator) is at least 1 and below the threshold.
    Primary,
    /// To protect another suppressed cell: without it, that cell could be recovered.
    Secondary,
}

/// The cells the source's rule withholds: those with `1 ≤ count < suppress_below`, where the
/// count is the base, else the denominator, else the numerator ([`Cell::threshold_count`]).
/// A count of 0 is not withheld (the value is then `[x]`, and 0 people cannot be identified);
/// not-applicable cells are never withheld.
///
/// [`Cell::threshold_count`]: super::Cell::threshold_count
///
/// # Examples
///
/// ```
/// use care_outcomes::indicator::DisclosureRule;
/// use care_outcomes::publish::disclosure::{primary, Cell, Table};
/// let t = Table::new(
///     vec![Cell::new("a", Some(1), Some(2)), Cell::new("b", Some(0), Some(0)), Cell::new("c", Some(3), Some(3))],
///     vec![],
/// )?;
/// let rule = DisclosureRule { suppress_below: Some(3), round_counts_to: Some(5) };
/// assert_eq!(primary(&t, &rule), [true, false, false]);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn primary(table: &Table, rule: &DisclosureRule) -> Vec<bool> {
    table
        .cells()
        .iter()
        .map(|c| {
            !c.not_applicable
                && rule
                    .suppress_below
                    .zip(c.threshold_count())
                    .is_some_and(|(min, n)| n >= 1 && n < min)
        })
        .collect()
}

/// The result of [`protect`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Protection {
    /// Per cell: why it is withheld, or None when published.
    pub suppressed: Vec<Option<Suppression>>,
    /// Withheld cells the auditor can still recover: empty unless every cell that could protect
    /// them is already withheld (reported, never hidden).
    pub unprotected: Vec<usize>,
    /// Audit rounds run.
    pub rounds: usize,
}

/// Orders candidate partners: non-zero before zero (a zero partner gives little cover), parts
/// before the total of `sum`, then the smallest count, then the earlier cell.
fn best_partner(table: &Table, sums: &[&Sum], taken: &[bool]) -> Option<usize> {
    let cells = table.cells();
    sums.iter()
        .flat_map(|s| s.members().map(move |i| (i, i == s.total)))
        .filter(|&(i, _)| !taken[i] && !cells[i].not_applicable)
        .min_by_key(|&(i, is_total)| {
            let n = cells[i].threshold_count().unwrap_or(0);
            (n == 0, is_total, n, i)
        })
        .map(|(i, _)| i)
}

/// Secondary suppression. Starting from the `primary` cells:
///
/// 1. **Pairs to a fixed point.** For every sum with exactly one withheld cell, withhold one more
///    of its cells (the best partner: non-zero, a part rather than the total, the smallest);
///    repeat over all sums until no sum has a lone withheld cell. In a two-way table this gives
///    every withheld cell a partner in its row and in its column; in overlapping hierarchies
///    (sex × age of a total, councils → regions → England) it follows the sums across levels.
/// 2. **Audit.** Run the [`audit`] (bounds propagation over the non-negative integers and exact
///    linear elimination). For each cell it recovers, withhold the best partner among the sums
///    that contain it (or, when they are all withheld, among all sums with a withheld cell);
///    go back to 1. Stop when the audit recovers nothing.
///
/// Every round withholds at least one more cell, so this ends. `round_to` is the count rounding
/// of the publication (published cells are then seen as intervals by the audit).
///
/// # Examples
///
/// ```
/// use care_outcomes::publish::disclosure::{protect, Cell, Suppression, Sum, Table};
/// let t = Table::new(
///     vec![Cell::new("T", Some(20), Some(40)), Cell::new("M", Some(1), Some(3)), Cell::new("F", Some(19), Some(37))],
///     vec![Sum { total: 0, parts: vec![1, 2] }],
/// )?;
/// let p = protect(&t, &[false, true, false], None);
/// assert_eq!(p.suppressed, [None, Some(Suppression::Primary), Some(Suppression::Secondary)]);
/// assert!(p.unprotected.is_empty());
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn protect(table: &Table, primary: &[bool], round_to: Option<u64>) -> Protection {
    let n = table.cells().len();
    let mut suppressed: Vec<Option<Suppression>> = primary
        .iter()
        .map(|&p| p.then_some(Suppression::Primary))
        .collect();
    suppressed.resize(n, None);
    let mut taken: Vec<bool> = suppressed.iter().map(Option::is_some).collect();
    let sums = table.sums();
    let mut containing: Vec<Vec<&Sum>> = vec![Vec::new(); n];
    for s in sums {
        for i in s.members() {
            containing[i].push(s);
        }
    }
    let mut rounds = 0;
    loop {
        // 1. pairs to a fixed point
        loop {
            let mut changed = false;
            for s in sums {
                let lone = s.members().filter(|&i| taken[i]).count() == 1;
                if lone && let Some(p) = best_partner(table, &[s], &taken) {
                    taken[p] = true;
                    suppressed[p] = Some(Suppression::Secondary);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        if !taken.iter().any(|&t| t) {
            return Protection {
                suppressed,
                unprotected: Vec::new(),
                rounds,
            };
        }
        // 2. audit
        rounds += 1;
        let recovered = audit(table, &taken, round_to).recovered;
        if recovered.is_empty() {
            return Protection {
                suppressed,
                unprotected: Vec::new(),
                rounds,
            };
        }
        let mut added = false;
        for &i in &recovered {
            if let Some(p) = best_partner(table, &containing[i], &taken) {
                taken[p] = true;
                suppressed[p] = Some(Suppression::Secondary);
                added = true;
            }
        }
        if !added {
            let active: Vec<&Sum> = sums
                .iter()
                .filter(|s| s.members().any(|i| taken[i]))
                .collect();
            if let Some(p) = best_partner(table, &active, &taken) {
                taken[p] = true;
                suppressed[p] = Some(Suppression::Secondary);
            } else {
                return Protection {
                    suppressed,
                    unprotected: recovered,
                    rounds,
                };
            }
        }
    }
}
