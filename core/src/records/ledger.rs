//! The row ledger: every input row is used, excluded by a named rule, or rejected with a reason.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One rejected row: its one-based data row number and why it is invalid.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Rejection {
    /// One-based data row number (the header is row 0).
    pub row: u64,
    /// Reason code, e.g. `invalid_date:event_start_date`.
    pub reason: String,
}

/// Counts of what happened to every input row. `read = used + excluded + rejected` always
/// holds ([`Ledger::is_balanced`]); the engine asserts it on every run.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::Ledger;
/// let mut l = Ledger::default();
/// l.read = 3;
/// l.used = 1;
/// l.exclude("duplicate");
/// l.reject(7, "missing:event_type");
/// assert!(l.is_balanced());
/// assert_eq!(l.excluded_total(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Ledger {
    /// Data rows read.
    pub read: u64,
    /// Rows that entered the derivations.
    pub used: u64,
    /// Rows excluded, by rule name (`cancelled`, `person_id_conflict`, `duplicate`,
    /// `superseded_open_service`; with the latest-submission choice `superseded_submission` and
    /// `no_covering_submission`).
    pub excluded: BTreeMap<String, u64>,
    /// Rejected rows, sorted by row number.
    pub rejected: Vec<Rejection>,
}

impl Ledger {
    /// Counts one row excluded by `rule`.
    pub fn exclude(&mut self, rule: &str) {
        // Look up by the borrowed name first: a row excluded by a rule already seen allocates
        // nothing.
        match self.excluded.get_mut(rule) {
            Some(n) => *n += 1,
            None => {
                self.excluded.insert(rule.to_owned(), 1);
            }
        }
    }

    /// Records one rejected row.
    pub fn reject(&mut self, row: u64, reason: impl Into<String>) {
        self.rejected.push(Rejection {
            row,
            reason: reason.into(),
        });
    }

    /// Rows excluded by any rule.
    pub fn excluded_total(&self) -> u64 {
        self.excluded.values().sum()
    }

    /// Whether `read = used + excluded + rejected`.
    pub fn is_balanced(&self) -> bool {
        self.read == self.used + self.excluded_total() + self.rejected.len() as u64
    }

    /// Adds another ledger's counts into this one (associative and commutative: rejections are
    /// kept sorted by row).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::Ledger;
    /// let mut a = Ledger { read: 2, used: 1, ..Ledger::default() };
    /// a.reject(2, "x");
    /// let mut b = Ledger { read: 1, used: 0, ..Ledger::default() };
    /// b.reject(1, "y");
    /// a.merge(b);
    /// assert_eq!(a.rejected[0].row, 1);
    /// assert!(a.is_balanced());
    /// ```
    pub fn merge(&mut self, other: Ledger) {
        self.read += other.read;
        self.used += other.used;
        for (k, v) in other.excluded {
            *self.excluded.entry(k).or_insert(0) += v;
        }
        self.rejected.extend(other.rejected);
        self.rejected.sort();
    }

    /// Panics unless the ledger balances (an engine bug, never an input problem).
    pub(crate) fn assert_balanced(&self) {
        assert!(
            self.is_balanced(),
            "row ledger does not balance: read {} != used {} + excluded {} + rejected {}",
            self.read,
            self.used,
            self.excluded_total(),
            self.rejected.len()
        );
    }
}
