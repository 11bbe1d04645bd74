//! The table to publish: [`Cell`]s of integer counts and the linear [`Sum`] constraints between
//! them (a total equals the sum of its breakdown cells), built explicitly or from a [`Layout`] of
//! margins and hierarchies.

use crate::error::{Error, Location, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One quantity of a cell; every quantity is additive across a breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// The numerator (people with the outcome, weighted estimate of them).
    Numerator,
    /// The denominator (people eligible, population).
    Denominator,
    /// The survey base: the number of respondents.
    Base,
}

impl Quantity {
    /// All quantities, in column order.
    pub const ALL: [Quantity; 3] = [Quantity::Numerator, Quantity::Denominator, Quantity::Base];

    /// The snake_case name (also the input column's default name).
    pub fn name(self) -> &'static str {
        match self {
            Quantity::Numerator => "numerator",
            Quantity::Denominator => "denominator",
            Quantity::Base => "base",
        }
    }
}

/// One cell of a table: integer counts (each `None` when the table has no such column).
///
/// # Examples
///
/// ```
/// use care_outcomes::publish::disclosure::{Cell, Quantity};
/// let c = Cell::new("Leeds", Some(105), Some(129));
/// assert_eq!(c.get(Quantity::Denominator), Some(129));
/// // The disclosure threshold is applied to the base when there is one, else the denominator.
/// assert_eq!(c.threshold_count(), Some(129));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// A key unique within the table (a row label).
    pub key: String,
    /// Numerator (count of people).
    pub numerator: Option<u64>,
    /// Denominator (count of people or population).
    pub denominator: Option<u64>,
    /// Survey base (number of respondents).
    #[serde(default)]
    pub base: Option<u64>,
    /// The cell's coordinate on each dimension of a [`Layout`] (empty without one).
    #[serde(default)]
    pub coordinates: Vec<String>,
    /// A structurally empty cell (a breakdown that does not apply): published as `[z]`, and
    /// taken as a known zero in every sum.
    #[serde(default)]
    pub not_applicable: bool,
}

impl Cell {
    /// A cell with a numerator and a denominator and nothing else.
    pub fn new(key: impl Into<String>, numerator: Option<u64>, denominator: Option<u64>) -> Cell {
        Cell {
            key: key.into(),
            numerator,
            denominator,
            base: None,
            coordinates: Vec::new(),
            not_applicable: false,
        }
    }

    /// The value of one quantity.
    pub fn get(&self, q: Quantity) -> Option<u64> {
        match q {
            Quantity::Numerator => self.numerator,
            Quantity::Denominator => self.denominator,
            Quantity::Base => self.base,
        }
    }

    /// The count a disclosure threshold is applied to: the base, else the denominator, else the
    /// numerator (a table of counts).
    pub fn threshold_count(&self) -> Option<u64> {
        self.base.or(self.denominator).or(self.numerator)
    }
}

/// A linear constraint: the cell `total` equals the sum of the cells `parts` (indices into the
/// table's cells), for every quantity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sum {
    /// Index of the total cell.
    pub total: usize,
    /// Indices of the breakdown cells.
    pub parts: Vec<usize>,
}

impl Sum {
    /// The total followed by the parts.
    pub fn members(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.total).chain(self.parts.iter().copied())
    }
}

/// A sum named by cell keys (the serde form of a [`Sum`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyedSum {
    /// Key of the total cell.
    pub total: String,
    /// Keys of the breakdown cells.
    pub parts: Vec<String>,
}

fn default_total_label() -> String {
    "Total".to_owned()
}

/// How the cells of a table add up, as data: margins over named dimensions, hierarchies within
/// a dimension, and explicit sums by key.
///
/// * For a dimension without a hierarchy, the cell whose coordinate is `total_label` is the sum
///   of the cells that agree with it on every other dimension and have any other coordinate on
///   this one (sex: Total = Male + Female; in a sex × age table every row and column margin).
/// * For a dimension with a hierarchy (`parent → children`), each parent cell is the sum of its
///   children's cells (England = regions, a region = its councils).
/// * `sums` adds any other constraint by key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Layout {
    /// The dimension names, in the order of [`Cell::coordinates`].
    pub dimensions: Vec<String>,
    /// The coordinate that marks a margin on a dimension without a hierarchy (default "Total").
    #[serde(default = "default_total_label")]
    pub total_label: String,
    /// Per dimension name: parent coordinate → child coordinates.
    pub hierarchies: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// Explicit sums by cell key.
    pub sums: Vec<KeyedSum>,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            dimensions: Vec::new(),
            total_label: default_total_label(),
            hierarchies: BTreeMap::new(),
            sums: Vec::new(),
        }
    }
}

/// A table of cells and the sums between them, checked: unique keys, sums that name existing
/// cells, totals that equal the sum of their parts in every quantity.
///
/// # Examples
///
/// ```
/// use care_outcomes::publish::disclosure::{Cell, Sum, Table};
/// let cells = vec![
///     Cell::new("Total", Some(20), Some(40)),
///     Cell::new("Male", Some(1), Some(3)),
///     Cell::new("Female", Some(19), Some(37)),
/// ];
/// let t = Table::new(cells, vec![Sum { total: 0, parts: vec![1, 2] }])?;
/// assert_eq!(t.cells().len(), 3);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    cells: Vec<Cell>,
    sums: Vec<Sum>,
}

fn invalid(message: String) -> Error {
    Error::InvalidTable { message }
}

impl Table {
    /// A table from cells and sums by index.
    ///
    /// # Errors
    /// `empty_input` for no cells; `invalid_table` for a duplicate key, a sum with no parts, an
    /// index out of range, a total among its own parts or a part given twice, a quantity present
    /// in some cells and absent in others; `inconsistent_total` when a total is not the sum of
    /// its parts (a `not_applicable` cell counts as 0 and must hold 0).
    pub fn new(cells: Vec<Cell>, sums: Vec<Sum>) -> Result<Table> {
        if cells.is_empty() {
            return Err(Error::EmptyInput { what: "cells" });
        }
        let mut seen = HashMap::new();
        for (i, c) in cells.iter().enumerate() {
            if let Some(j) = seen.insert(c.key.as_str(), i) {
                return Err(invalid(format!(
                    "duplicate key {:?} (rows {j} and {i})",
                    c.key
                )));
            }
        }
        for q in Quantity::ALL {
            let present = cells.iter().filter(|c| c.get(q).is_some()).count();
            if present != 0 && present != cells.len() {
                return Err(invalid(format!(
                    "{} is given for {present} of {} cells: a quantity is in every cell or in none",
                    q.name(),
                    cells.len()
                )));
            }
        }
        if cells.iter().all(|c| c.threshold_count().is_none()) {
            return Err(Error::MissingInput {
                field: "numerator, denominator or base",
                at: Location::NONE,
            });
        }
        for c in &cells {
            if c.not_applicable
                && let Some(q) = Quantity::ALL.into_iter().find(|&q| c.get(q) > Some(0))
            {
                return Err(invalid(format!(
                    "cell {:?} is not applicable but its {} is not 0",
                    c.key,
                    q.name()
                )));
            }
        }
        for s in &sums {
            check_sum(&cells, s)?;
        }
        Ok(Table { cells, sums })
    }

    /// A table whose sums come from a [`Layout`] (margins, hierarchies, keyed sums).
    ///
    /// # Errors
    /// As [`Table::new`], and `invalid_table` when a cell has the wrong number of coordinates,
    /// two cells share coordinates, a margin or parent lacks one of its breakdown cells, or a
    /// keyed sum names an unknown key.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::publish::disclosure::{Cell, Layout, Table};
    /// let cell = |sex: &str, age: &str, n: u64| Cell {
    ///     coordinates: vec![sex.into(), age.into()],
    ///     ..Cell::new(format!("{sex}/{age}"), None, Some(n))
    /// };
    /// let cells = vec![
    ///     cell("Total", "Total", 30), cell("Total", "18-64", 10), cell("Total", "65+", 20),
    ///     cell("Male", "Total", 12), cell("Male", "18-64", 4), cell("Male", "65+", 8),
    ///     cell("Female", "Total", 18), cell("Female", "18-64", 6), cell("Female", "65+", 12),
    /// ];
    /// let layout = Layout { dimensions: vec!["sex".into(), "age".into()], ..Layout::default() };
    /// let t = Table::with_layout(cells, &layout)?;
    /// assert_eq!(t.sums().len(), 6); // three row margins and three column margins
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn with_layout(cells: Vec<Cell>, layout: &Layout) -> Result<Table> {
        let sums = layout_sums(&cells, layout)?;
        Table::new(cells, sums)
    }

    /// The cells.
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// The sums.
    pub fn sums(&self) -> &[Sum] {
        &self.sums
    }

    /// The quantities every cell has.
    pub fn quantities(&self) -> Vec<Quantity> {
        Quantity::ALL
            .into_iter()
            .filter(|&q| self.cells[0].get(q).is_some())
            .collect()
    }
}

fn check_sum(cells: &[Cell], s: &Sum) -> Result<()> {
    let n = cells.len();
    if s.parts.is_empty() {
        return Err(invalid("a sum has no parts".to_owned()));
    }
    let mut seen = std::collections::HashSet::new();
    for i in s.members() {
        if i >= n {
            return Err(invalid(format!(
                "a sum names cell {i} of a table of {n} cells"
            )));
        }
        if !seen.insert(i) {
            return Err(invalid(format!(
                "cell {:?} appears twice in the sum for {:?}",
                cells[i].key, cells[s.total].key
            )));
        }
    }
    for q in Quantity::ALL {
        if let Some(value) = cells[s.total].get(q) {
            let sum = s
                .parts
                .iter()
                .map(|&p| u128::from(cells[p].get(q).unwrap_or(0)))
                .sum::<u128>();
            if u128::from(value) != sum {
                return Err(Error::InconsistentTotal {
                    total: cells[s.total].key.clone(),
                    quantity: q.name(),
                    value,
                    sum: u64::try_from(sum).unwrap_or(u64::MAX),
                });
            }
        }
    }
    Ok(())
}

fn layout_sums(cells: &[Cell], layout: &Layout) -> Result<Vec<Sum>> {
    let dims = layout.dimensions.len();
    for name in layout.hierarchies.keys() {
        if !layout.dimensions.contains(name) {
            return Err(invalid(format!(
                "a hierarchy is given for {name:?}, which is not a dimension"
            )));
        }
    }
    let mut at: HashMap<&[String], usize> = HashMap::new();
    for (i, c) in cells.iter().enumerate() {
        if c.coordinates.len() != dims {
            return Err(invalid(format!(
                "cell {:?} has {} coordinates for {dims} dimensions",
                c.key,
                c.coordinates.len()
            )));
        }
        if dims > 0
            && let Some(j) = at.insert(&c.coordinates, i)
        {
            return Err(invalid(format!(
                "cells {:?} and {:?} have the same coordinates {:?}",
                cells[j].key, c.key, c.coordinates
            )));
        }
    }
    let mut sums = Vec::new();
    for (d, name) in layout.dimensions.iter().enumerate() {
        // parent coordinate → child coordinates on this dimension
        let children: BTreeMap<String, Vec<String>> = if let Some(h) = layout.hierarchies.get(name)
        {
            h.clone()
        } else {
            let mut values: Vec<String> = cells
                .iter()
                .map(|c| c.coordinates[d].clone())
                .filter(|v| *v != layout.total_label)
                .collect();
            values.sort();
            values.dedup();
            if cells.iter().any(|c| c.coordinates[d] == layout.total_label) {
                BTreeMap::from([(layout.total_label.clone(), values)])
            } else {
                BTreeMap::new()
            }
        };
        for (i, c) in cells.iter().enumerate() {
            let Some(kids) = children.get(&c.coordinates[d]) else {
                continue;
            };
            let mut parts = Vec::with_capacity(kids.len());
            let mut probe = c.coordinates.clone();
            for kid in kids {
                probe[d].clone_from(kid);
                match at.get(probe.as_slice()) {
                    Some(&p) => parts.push(p),
                    None => {
                        return Err(invalid(format!(
                            "cell {:?} is a total on {name:?} but there is no cell at {probe:?}",
                            c.key
                        )));
                    }
                }
            }
            sums.push(Sum { total: i, parts });
        }
    }
    let index: HashMap<&str, usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.as_str(), i))
        .collect();
    let find = |k: &str| {
        index
            .get(k)
            .copied()
            .ok_or_else(|| invalid(format!("a sum names the unknown key {k:?}")))
    };
    for s in &layout.sums {
        sums.push(Sum {
            total: find(&s.total)?,
            parts: s.parts.iter().map(|k| find(k)).collect::<Result<_>>()?,
        });
    }
    Ok(sums)
}

/// Counts given as float columns (what the Python and JS faces hold), checked and turned into
/// [`Cell`]s: NaN/null is missing, which is an error for a column that is given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    /// Row keys (default: the row index as text).
    pub keys: Option<Vec<String>>,
    /// Numerators.
    pub numerator: Option<Vec<f64>>,
    /// Denominators.
    pub denominator: Option<Vec<f64>>,
    /// Survey bases.
    pub base: Option<Vec<f64>>,
    /// One column of coordinates per dimension of the layout.
    pub coordinates: Vec<Vec<String>>,
    /// Not-applicable flags.
    pub not_applicable: Option<Vec<bool>>,
}

fn count(field: &'static str, v: f64, row: usize) -> Result<u64> {
    let at = Location::row(row);
    if v.is_nan() {
        return Err(Error::MissingInput { field, at });
    }
    if !v.is_finite() {
        return Err(Error::NonFinite {
            field,
            value: v,
            at,
        });
    }
    if v < 0.0 {
        return Err(Error::NegativeValue {
            field,
            value: v,
            at,
        });
    }
    if v.fract() != 0.0 || v > 9_007_199_254_740_992.0 {
        return Err(Error::NonIntegerCount {
            field,
            value: v,
            at,
        });
    }
    Ok(v as u64)
}

impl Columns {
    /// The number of rows (the length of the first column given).
    pub fn len(&self) -> usize {
        self.keys
            .as_ref()
            .map(Vec::len)
            .or(self.numerator.as_ref().map(Vec::len))
            .or(self.denominator.as_ref().map(Vec::len))
            .or(self.base.as_ref().map(Vec::len))
            .unwrap_or(0)
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The checked cells.
    ///
    /// # Errors
    /// `length_mismatch` for columns of different lengths; per value `missing_input` (NaN),
    /// `non_finite`, `negative_value`, `non_integer_count` (a fraction, or above 2^53), each
    /// with its row.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::publish::disclosure::Columns;
    /// let cols = Columns { denominator: Some(vec![4.0, 1.5]), ..Columns::default() };
    /// assert_eq!(cols.cells().unwrap_err().code(), "non_integer_count");
    /// ```
    pub fn cells(&self) -> Result<Vec<Cell>> {
        let n = self.len();
        let check = |field: &'static str, len: usize| {
            if len == n {
                Ok(())
            } else {
                Err(Error::LengthMismatch {
                    field,
                    expected: n,
                    found: len,
                })
            }
        };
        for (field, col) in [
            ("numerator", &self.numerator),
            ("denominator", &self.denominator),
            ("base", &self.base),
        ] {
            if let Some(c) = col {
                check(field, c.len())?;
            }
        }
        if let Some(k) = &self.keys {
            check("keys", k.len())?;
        }
        if let Some(f) = &self.not_applicable {
            check("not_applicable", f.len())?;
        }
        for c in &self.coordinates {
            check("coordinates", c.len())?;
        }
        let get = |field: &'static str, col: &Option<Vec<f64>>, i: usize| {
            col.as_ref().map(|c| count(field, c[i], i)).transpose()
        };
        (0..n)
            .map(|i| {
                Ok(Cell {
                    key: self
                        .keys
                        .as_ref()
                        .map_or_else(|| i.to_string(), |k| k[i].clone()),
                    numerator: get("numerator", &self.numerator, i)?,
                    denominator: get("denominator", &self.denominator, i)?,
                    base: get("base", &self.base, i)?,
                    coordinates: self.coordinates.iter().map(|c| c[i].clone()).collect(),
                    not_applicable: self.not_applicable.as_ref().is_some_and(|f| f[i]),
                })
            })
            .collect()
    }
}
