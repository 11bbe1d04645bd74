//! Evaluating a table of counts: one [`ResultRow`] per [`InputRow`], with the value and interval
//! by the definition's method, the published value by its rounding rule, flags and symbols by
//! its disclosure rule, and comparisons with a benchmark area, a comparator group, the other
//! areas (quartile, MAD band) and the previous period.
//!
//! Aggregates (regions, England) are formed by [`aggregate`], which sums numerators and
//! denominators — never averages values (spec-ascof.md §10.2).

use crate::error::{Error, Location, Result};
use crate::framework::benchmark::{self, Direction, MadBand, MedianSpread};
use crate::framework::{Definitions, document};
use crate::indicator::value::Level;
use crate::indicator::{Calculation, Decimal, Definition, Flag, Value, value};
use crate::stats::{Comparison, compare_interval, defaults};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

/// One input: the counts of one indicator for one area and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputRow {
    /// The area ("Leeds", "England").
    pub area: String,
    /// The period ("2020-21"); periods of an area are ordered as text.
    pub period: String,
    /// The indicator id ("ascof-legacy/2B1").
    pub indicator: String,
    /// A breakdown suffix of the definition ("85OV", "F"), or None for the total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<String>,
    /// The numerator (a count; for a relative difference, the figure compared).
    pub numerator: u64,
    /// The denominator (for a relative difference, the reference figure). Not needed for counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u64>,
    /// The population, for rates (used as the denominator when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
}

/// A text column of an [`InputTable`]: each distinct text once in `values` (None: missing) and
/// a code per row (row i holds `values[codes[i]]`).
///
/// # Examples
///
/// ```
/// use care_outcomes::framework::TextColumn;
/// let areas = TextColumn { values: vec![Some("Leeds"), Some("York")], codes: vec![1, 0, 1] };
/// assert_eq!(areas.values[areas.codes[2] as usize], Some("York"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextColumn<'a> {
    /// The texts.
    pub values: Vec<Option<&'a str>>,
    /// One code per row, an index of `values`.
    pub codes: Vec<u32>,
}

impl<'a> TextColumn<'a> {
    /// A column of texts, coded in order of first appearance (equal texts, one code).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::framework::TextColumn;
    /// let c = TextColumn::of([Some("Leeds"), Some("York"), Some("Leeds"), None]);
    /// assert_eq!(c.values, [Some("Leeds"), Some("York"), None]);
    /// assert_eq!(c.codes, [0, 1, 0, 2]);
    /// ```
    pub fn of(texts: impl IntoIterator<Item = Option<&'a str>>) -> TextColumn<'a> {
        let texts = texts.into_iter();
        let mut index: FxHashMap<Option<&str>, u32> = FxHashMap::default();
        let mut values = Vec::new();
        let mut codes = Vec::with_capacity(texts.size_hint().0);
        let mut last: Option<(Option<&str>, u32)> = None;
        for t in texts {
            // Rows often repeat the previous row's text (one period, one indicator in a run).
            let code = match last {
                Some((l, c)) if l == t => c,
                _ => *index.entry(t).or_insert_with(|| {
                    values.push(t);
                    u32::try_from(values.len() - 1).unwrap_or(u32::MAX)
                }),
            };
            last = Some((t, code));
            codes.push(code);
        }
        TextColumn { values, codes }
    }

    /// The text of row `i` (the table was checked).
    fn at(&self, i: usize) -> Option<&'a str> {
        self.values[self.codes[i] as usize]
    }
}

/// Input rows as columns, for [`evaluate_table`]: row i is the area, period, indicator and
/// breakdown of the text columns' row i with `numerator[i]`, `denominator[i]` and
/// `population[i]` (a column left out is None in every row). Every column is as long as `area`.
///
/// # Examples
///
/// ```
/// use care_outcomes::framework::{InputTable, TextColumn};
/// // Two councils' counts of one indicator, rates from populations (no denominator column).
/// let t = InputTable {
///     area: TextColumn::of([Some("Leeds"), Some("York")]),
///     period: TextColumn::of([Some("2020-21"); 2]),
///     indicator: TextColumn::of([Some("ascof-legacy/2A2"); 2]),
///     numerator: vec![567, 120],
///     population: Some(vec![Some(123_784), Some(41_000)]),
///     ..InputTable::default()
/// };
/// assert_eq!(t.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputTable<'a> {
    /// The areas.
    pub area: TextColumn<'a>,
    /// The periods.
    pub period: TextColumn<'a>,
    /// The indicator ids.
    pub indicator: TextColumn<'a>,
    /// The breakdown suffixes (None for the total); no column: every row a total.
    pub breakdown: Option<TextColumn<'a>>,
    /// The numerators.
    pub numerator: Vec<u64>,
    /// The denominators.
    pub denominator: Option<Vec<Option<u64>>>,
    /// The populations.
    pub population: Option<Vec<Option<u64>>>,
}

impl<'a> InputTable<'a> {
    /// The rows as columns (texts borrowed, each distinct one coded once).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::framework::{InputRow, InputTable};
    /// let row = |area: &str| InputRow {
    ///     area: area.into(), period: "2020-21".into(), indicator: "ascof-legacy/2B1".into(),
    ///     breakdown: None, numerator: 1, denominator: Some(2), population: None,
    /// };
    /// let rows = [row("Leeds"), row("York")];
    /// let t = InputTable::from_rows(&rows);
    /// assert_eq!((t.len(), t.period.values.len(), t.area.codes.clone()), (2, 1, vec![0, 1]));
    /// ```
    pub fn from_rows(rows: &'a [InputRow]) -> InputTable<'a> {
        InputTable {
            area: TextColumn::of(rows.iter().map(|r| Some(r.area.as_str()))),
            period: TextColumn::of(rows.iter().map(|r| Some(r.period.as_str()))),
            indicator: TextColumn::of(rows.iter().map(|r| Some(r.indicator.as_str()))),
            breakdown: Some(TextColumn::of(rows.iter().map(|r| r.breakdown.as_deref()))),
            numerator: rows.iter().map(|r| r.numerator).collect(),
            denominator: Some(rows.iter().map(|r| r.denominator).collect()),
            population: Some(rows.iter().map(|r| r.population).collect()),
        }
    }

    /// The number of rows (the length of `area`).
    ///
    /// ```
    /// use care_outcomes::framework::{InputTable, TextColumn};
    /// let t = InputTable { area: TextColumn::of([Some("Leeds")]), ..InputTable::default() };
    /// assert_eq!(t.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.area.codes.len()
    }

    /// Whether the table has no rows.
    ///
    /// ```
    /// use care_outcomes::framework::InputTable;
    /// assert!(InputTable::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Lengths, codes, and no missing area, period or indicator.
    fn check(&self) -> Result<()> {
        let n = self.len();
        let same = |field: &'static str, found: usize| {
            if found == n {
                Ok(())
            } else {
                Err(Error::LengthMismatch {
                    field,
                    expected: n,
                    found,
                })
            }
        };
        let texts = [
            ("area", Some(&self.area)),
            ("period", Some(&self.period)),
            ("indicator", Some(&self.indicator)),
            ("breakdown", self.breakdown.as_ref()),
        ];
        for (field, col) in texts {
            let Some(col) = col else { continue };
            same(field, col.codes.len())?;
            if let Some(&bad) = col.codes.iter().find(|&&c| c as usize >= col.values.len()) {
                return Err(Error::InvalidOption {
                    option: field,
                    value: format!("code {bad}"),
                    expected: "codes that index `values`",
                });
            }
        }
        same("numerator", self.numerator.len())?;
        for (field, col) in [
            ("denominator", &self.denominator),
            ("population", &self.population),
        ] {
            if let Some(c) = col {
                same(field, c.len())?;
            }
        }
        for i in 0..n {
            for (field, col) in &texts[..3] {
                if col.is_some_and(|c| c.at(i).is_none()) {
                    return Err(Error::MissingInput {
                        field,
                        at: Location::row(i),
                    });
                }
            }
        }
        Ok(())
    }

    fn breakdown_at(&self, i: usize) -> Option<&'a str> {
        self.breakdown.as_ref().and_then(|b| b.at(i))
    }

    fn denominator_at(&self, i: usize) -> Option<u64> {
        self.denominator.as_ref().and_then(|d| d[i])
    }

    fn population_at(&self, i: usize) -> Option<u64> {
        self.population.as_ref().and_then(|p| p[i])
    }
}

/// Options of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluateOptions {
    /// Confidence level of the intervals (default 0.95).
    pub confidence: f64,
    /// The benchmark area (default "England"); None for no benchmark comparison.
    pub benchmark: Option<String>,
    /// A comparator group (e.g. CIPFA nearest neighbours): the group's aggregate value is the
    /// comparison value, and MAD bands are taken against the group.
    pub comparators: Vec<String>,
    /// The areas ranked into quartiles (default: every area except the benchmark and
    /// `aggregates`).
    pub peers: Option<Vec<String>>,
    /// Areas that are aggregates (regions), left out of the default peers.
    pub aggregates: Vec<String>,
}

impl Default for EvaluateOptions {
    fn default() -> Self {
        EvaluateOptions {
            confidence: defaults::CONFIDENCE,
            benchmark: Some("England".to_owned()),
            comparators: Vec::new(),
            peers: None,
            aggregates: Vec::new(),
        }
    }
}

/// A comparison of a row with another value (a benchmark area or a comparator group).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benchmarked {
    /// What was compared with ("England", "comparators").
    pub against: Arc<str>,
    /// The value compared with (× multiplier).
    pub value: Option<f64>,
    /// The outcome (interval of the row against the value, through polarity).
    pub comparison: Comparison,
}

/// One result row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    /// The area.
    pub area: Arc<str>,
    /// The period.
    pub period: Arc<str>,
    /// The indicator id.
    pub indicator: Arc<str>,
    /// The indicator code ("2B(1)").
    pub code: Arc<str>,
    /// The breakdown suffix, if any.
    pub breakdown: Option<Arc<str>>,
    /// The breakdown label ("85 and over"), if any.
    pub breakdown_label: Option<Arc<str>>,
    /// The domain the indicator sits in, as the evaluated source arranges it (a local
    /// framework's own domain for a built-in it references), if known.
    pub domain: Option<Arc<str>>,
    /// The computed value with its interval, method, published value and flags.
    pub result: Value,
    /// The publication symbol when no value is published: `[c]` suppressed, `[x]` not
    /// available (a zero denominator).
    pub symbol: Option<Arc<str>>,
    /// Against the benchmark area.
    pub benchmark: Option<Benchmarked>,
    /// Against the comparator group's aggregate.
    pub comparator: Option<Benchmarked>,
    /// Quartile among the peers (1 = best by polarity).
    pub quartile: Option<u8>,
    /// MAD band against the comparator group (or the peers when there is none); peers only.
    pub mad_band: Option<MadBand>,
    /// Direction of travel against the area's previous period.
    pub direction: Option<Direction>,
    /// The previous period compared with.
    pub previous_period: Option<Arc<str>>,
}

/// The results of [`evaluate`], in input order, with the options used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// One result per input row, in input order.
    pub rows: Vec<ResultRow>,
    /// The options that produced them.
    pub options: EvaluateOptions,
}

/// Evaluates input rows against a source of definitions (the built-in catalogue or a framework).
///
/// # Errors
/// With the input row: `unknown_indicator` (an id, or a breakdown suffix, the source does not
/// hold), `missing_denominator` (no denominator or population where one is needed),
/// `duplicate_id` (the same area, period, indicator and breakdown twice), and the errors of
/// [`evaluate_counts`](crate::indicator::evaluate_counts) (e.g. `numerator_exceeds_denominator` for a proportion).
/// `invalid_confidence` for the level.
///
/// # Examples
///
/// ```
/// use care_outcomes::catalogue::Catalogue;
/// use care_outcomes::framework::{evaluate, EvaluateOptions, InputRow};
/// use care_outcomes::stats::Comparison;
/// let row = |area: &str, n: u64, d: u64| InputRow {
///     area: area.into(), period: "2020-21".into(), indicator: "ascof-legacy/2B1".into(),
///     breakdown: None, numerator: n, denominator: Some(d), population: None,
/// };
/// let rows = [row("England", 34_152, 43_193), row("Birmingham", 291, 596), row("Leeds", 105, 129)];
/// let out = evaluate(&rows, Catalogue::builtin(), &EvaluateOptions::default())?;
/// let brum = &out.rows[1];
/// assert_eq!(brum.result.published.unwrap().to_string(), "48.8");
/// assert_eq!(brum.benchmark.as_ref().unwrap().comparison, Comparison::Worse);
/// assert_eq!(out.rows[2].quartile, Some(1)); // Leeds is the better of the two councils
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn evaluate(
    rows: &[InputRow],
    source: &dyn Definitions,
    options: &EvaluateOptions,
) -> Result<Evaluation> {
    let level = Level::Checked(Some(crate::stats::Confidence::new(options.confidence)?));
    evaluate_input(Input::Rows(rows), source, options, level)
}

/// [`evaluate`] of input rows given as columns (an [`InputTable`]): the same results and
/// errors, without a text per row (the faces hand their columns over this way).
///
/// # Errors
/// As [`evaluate`]; and, for the table itself, `length_mismatch` (a column not as long as
/// `area`), `invalid_option` (a code that is not an index of its `values`) and `missing_input`
/// (a row whose area, period or indicator is None).
///
/// # Examples
///
/// ```
/// use care_outcomes::catalogue::Catalogue;
/// use care_outcomes::framework::{evaluate_table, EvaluateOptions, InputTable, TextColumn};
/// let table = InputTable {
///     area: TextColumn { values: vec![Some("England"), Some("Leeds")], codes: vec![0, 1] },
///     period: TextColumn { values: vec![Some("2020-21")], codes: vec![0, 0] },
///     indicator: TextColumn { values: vec![Some("ascof-legacy/2B1")], codes: vec![0, 0] },
///     breakdown: None,
///     numerator: vec![34_152, 105],
///     denominator: Some(vec![Some(43_193), Some(129)]),
///     population: None,
/// };
/// let out = evaluate_table(&table, Catalogue::builtin(), &EvaluateOptions::default())?;
/// assert_eq!(out.rows[1].result.published.unwrap().to_string(), "81.4");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn evaluate_table(
    table: &InputTable,
    source: &dyn Definitions,
    options: &EvaluateOptions,
) -> Result<Evaluation> {
    let level = Level::Checked(Some(crate::stats::Confidence::new(options.confidence)?));
    table.check()?;
    evaluate_input(Input::Table(table), source, options, level)
}

/// The input of an evaluation: rows, or a checked table.
#[derive(Clone, Copy)]
enum Input<'t, 'a> {
    Rows(&'a [InputRow]),
    Table(&'t InputTable<'a>),
}

impl<'a> Input<'_, 'a> {
    fn len(self) -> usize {
        match self {
            Input::Rows(r) => r.len(),
            Input::Table(t) => t.len(),
        }
    }

    fn breakdown_at(self, i: usize) -> Option<&'a str> {
        match self {
            Input::Rows(r) => r[i].breakdown.as_deref(),
            Input::Table(t) => t.breakdown_at(i),
        }
    }

    fn numerator_at(self, i: usize) -> u64 {
        match self {
            Input::Rows(r) => r[i].numerator,
            Input::Table(t) => t.numerator[i],
        }
    }

    fn denominator_at(self, i: usize) -> Option<u64> {
        match self {
            Input::Rows(r) => r[i].denominator,
            Input::Table(t) => t.denominator_at(i),
        }
    }

    fn population_at(self, i: usize) -> Option<u64> {
        match self {
            Input::Rows(r) => r[i].population,
            Input::Table(t) => t.population_at(i),
        }
    }
}

fn evaluate_input(
    table: Input,
    source: &dyn Definitions,
    options: &EvaluateOptions,
    level: Level,
) -> Result<Evaluation> {
    let keys = match table {
        Input::Rows(rows) => Keys::of(rows),
        Input::Table(t) => Keys::of_table(t),
    };
    let texts = Texts::of(&keys);
    let mut resolved: Vec<Option<Resolved>> = vec![None; texts.indicator.len()];
    let mut labels: FxHashMap<(u32, u32), Arc<str>> = FxHashMap::default();
    let symbols = Symbols::default();
    let n = table.len();
    let mut defs: Vec<&Definition> = Vec::with_capacity(n);
    let mut results: Vec<ResultRow> = Vec::with_capacity(n);
    for i in 0..n {
        let at = || Location::row(i);
        let slot = &mut resolved[keys.indicator[i] as usize];
        if slot.is_none() {
            let id = keys.indicators[keys.indicator[i] as usize];
            let def = source
                .definition(id)
                .ok_or_else(|| document::unknown_indicator(id, source.ids(), at()))?;
            def.validate().map_err(|e| e.at_row(i))?;
            *slot = Some(Resolved {
                def,
                id: Arc::clone(&texts.indicator[keys.indicator[i] as usize]),
                version: Arc::from(def.version.as_str()),
                code: Arc::from(def.code.as_str()),
                domain: source.domain_of(&def.id).map(Arc::from),
            });
        }
        let Some(res) = slot.as_ref() else { continue };
        let def = res.def;
        let given = table.breakdown_at(i);
        let breakdown_label = match given {
            None => None,
            Some(s) => Some(match labels.entry((keys.indicator[i], keys.breakdown[i])) {
                Entry::Occupied(e) => Arc::clone(e.get()),
                Entry::Vacant(e) => Arc::clone(
                    e.insert(
                        def.breakdowns
                            .iter()
                            .find(|b| b.suffix == s)
                            .map(|b| Arc::from(b.label.as_str()))
                            .ok_or_else(|| unknown_breakdown(&res.id, def, s, at()))?,
                    ),
                ),
            }),
        };
        let (row_denominator, row_population) = (table.denominator_at(i), table.population_at(i));
        let denominator = match def.calculation {
            Calculation::Count => row_denominator.unwrap_or(0),
            _ if def.population_base.is_some() => row_population
                .or(row_denominator)
                .ok_or_else(|| Error::MissingDenominator { at: at() })?,
            _ => row_denominator.ok_or_else(|| Error::MissingDenominator { at: at() })?,
        };
        let value = value::evaluate_validated(
            def,
            (&res.id, &res.version),
            table.numerator_at(i),
            denominator,
            level,
        )
        .map_err(|e| e.at_row(i))?;
        let symbol = if value.flags.contains(&Flag::Suppressed) {
            Some(Arc::clone(&symbols.suppressed))
        } else if value.published.is_none() {
            Some(Arc::clone(&symbols.not_available))
        } else {
            None
        };
        defs.push(def);
        results.push(ResultRow {
            area: Arc::clone(&texts.area[keys.area[i] as usize]),
            period: Arc::clone(&texts.period[keys.period[i] as usize]),
            indicator: Arc::clone(&res.id),
            code: Arc::clone(&res.code),
            breakdown: given.map(|_| Arc::clone(&texts.breakdown[keys.breakdown[i] as usize])),
            breakdown_label,
            domain: res.domain.clone(),
            result: value,
            symbol,
            benchmark: None,
            comparator: None,
            quartile: None,
            mad_band: None,
            direction: None,
            previous_period: None,
        });
    }

    // One ordering of the row indices finds duplicates and the groups of rows compared with one
    // another (same period, indicator, breakdown), areas in key order within a group.
    let order = keys.grouped_order();
    for w in order.windows(2) {
        let (a, b) = (w[0], w[1]);
        if keys.group(a) == keys.group(b) && keys.area[a] == keys.area[b] {
            return Err(Error::DuplicateId {
                id: format!(
                    "{} {} {}{}",
                    keys.areas[keys.area[b] as usize],
                    keys.periods[keys.period[b] as usize],
                    keys.indicators[keys.indicator[b] as usize],
                    table
                        .breakdown_at(b)
                        .map(|x| format!(" {x}"))
                        .unwrap_or_default()
                ),
                within: format!("the input (rows {a} and {b})"),
            });
        }
    }
    let shown: Vec<Option<f64>> = results
        .iter()
        .map(|r| published_or_value(&r.result))
        .collect();
    // Per area (by key): is it a peer, is it in the comparator group?
    let is_peer: Vec<bool> = texts
        .area
        .iter()
        .map(|area| match &options.peers {
            Some(p) => p.iter().any(|x| **x == **area),
            None => {
                options.benchmark.as_deref() != Some(&**area)
                    && !options.aggregates.iter().any(|x| **x == **area)
            }
        })
        .collect();
    let is_comparator: Vec<bool> = texts
        .area
        .iter()
        .map(|area| options.comparators.iter().any(|c| **c == **area))
        .collect();
    let bench_area = options.benchmark.as_deref().map(|b| {
        (
            Arc::<str>::from(b),
            texts.area.iter().position(|a| **a == *b),
        )
    });
    let comparators_name: Arc<str> = Arc::from("comparators");
    let mut start = 0;
    while start < order.len() {
        let key = keys.group(order[start]);
        let mut end = start + 1;
        while end < order.len() && keys.group(order[end]) == key {
            end += 1;
        }
        let members = &order[start..end];
        start = end;
        // Every row's definition was resolved by the loop above.
        let Some(res) = resolved[keys.indicator[members[0]] as usize].as_ref() else {
            continue;
        };
        let def = res.def;
        let polarity = def.polarity;
        let bench = bench_area.as_ref().and_then(|(b, k)| {
            let k = (*k)?;
            members
                .iter()
                .find(|&&i| keys.area[i] as usize == k)
                .map(|&i| (b, k, results[i].result.value))
        });
        let comparator = if options.comparators.is_empty() {
            None
        } else {
            comparator_value(&keys, &is_comparator, &results, members, res)?
        };
        let comparator_values: Vec<f64> = members
            .iter()
            .filter(|&&i| is_comparator[keys.area[i] as usize])
            .filter_map(|&i| shown[i])
            .collect();
        let peer_idx: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| is_peer[keys.area[i] as usize])
            .collect();
        let peer_values: Vec<f64> = peer_idx
            .iter()
            .map(|&i| shown[i].unwrap_or(f64::NAN))
            .collect();
        let quartiles = benchmark::quartiles(&peer_values, polarity);
        let spread = MedianSpread::of(if options.comparators.is_empty() {
            &peer_values
        } else {
            &comparator_values
        });
        for (k, &i) in peer_idx.iter().enumerate() {
            let out = &mut results[i];
            out.quartile = quartiles[k];
            out.mad_band =
                spread.and_then(|sp| shown[i].and_then(|v| MadBand::against(v, sp, polarity)));
        }
        for &i in members {
            let out = &mut results[i];
            let (lo, up) = (out.result.lower, out.result.upper);
            if let Some((b, k, v)) = bench
                && k != keys.area[i] as usize
            {
                out.benchmark = Some(Benchmarked {
                    against: Arc::clone(b),
                    value: v,
                    comparison: compare_interval(lo, up, v, polarity),
                });
            }
            if let Some(v) = comparator {
                out.comparator = Some(Benchmarked {
                    against: Arc::clone(&comparators_name),
                    value: Some(v),
                    comparison: compare_interval(lo, up, Some(v), polarity),
                });
            }
        }
    }
    direction_of_travel(&keys, &texts, &mut results, &defs, &shown);
    Ok(Evaluation {
        rows: results,
        options: options.clone(),
    })
}

/// A definition looked up once per call, with the shared strings its result rows carry.
#[derive(Clone)]
struct Resolved<'a> {
    def: &'a Definition,
    id: Arc<str>,
    version: Arc<str>,
    code: Arc<str>,
    domain: Option<Arc<str>>,
}

/// The publication symbols, shared by every row of a call.
struct Symbols {
    suppressed: Arc<str>,
    not_available: Arc<str>,
}

impl Default for Symbols {
    fn default() -> Self {
        Symbols {
            suppressed: Arc::from("[c]"),
            not_available: Arc::from("[x]"),
        }
    }
}

fn unknown_breakdown(indicator: &str, def: &Definition, suffix: &str, at: Location) -> Error {
    Error::UnknownIndicator {
        id: format!("{indicator} breakdown {suffix:?}"),
        hint: format!(
            ": its breakdowns are [{}]",
            def.breakdowns
                .iter()
                .map(|b| b.suffix.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        at,
    }
}

/// The published value as a number when there is one, else the unrounded value.
fn published_or_value(v: &Value) -> Option<f64> {
    v.published.as_ref().map(Decimal::to_f64).or(v.value)
}

/// The comparator group's aggregate value: its numerators and denominators summed, evaluated by
/// the definition (validated when the group's first row was).
fn comparator_value(
    keys: &Keys,
    is_comparator: &[bool],
    results: &[ResultRow],
    members: &[usize],
    res: &Resolved,
) -> Result<Option<f64>> {
    let (mut num, mut den, mut any) = (0u64, 0u64, false);
    for &i in members {
        if is_comparator[keys.area[i] as usize] {
            num = checked_sum(num, results[i].result.numerator, i)?;
            // A count has no denominator (None) and ignores the one passed.
            den = checked_sum(den, results[i].result.denominator.unwrap_or(0), i)?;
            any = true;
        }
    }
    if !any {
        return Ok(None);
    }
    Ok(value::evaluate_validated(
        res.def,
        (&res.id, &res.version),
        num,
        den,
        Level::Checked(None),
    )?
    .value)
}

fn checked_sum(a: u64, b: u64, row: usize) -> Result<u64> {
    a.checked_add(b).ok_or(Error::NonFinite {
        field: "sum of counts",
        value: f64::INFINITY,
        at: Location::row(row),
    })
}

/// Sets `direction` and `previous_period` from each area's latest earlier period.
fn direction_of_travel(
    keys: &Keys,
    texts: &Texts,
    results: &mut [ResultRow],
    defs: &[&Definition],
    shown: &[Option<f64>],
) {
    // With one period no area has an earlier one (duplicates were refused before).
    if texts.period.len() < 2 {
        return;
    }
    let series = |i: usize| (keys.area[i], keys.indicator[i], keys.breakdown[i]);
    let mut order: Vec<usize> = (0..results.len()).collect();
    order.sort_unstable_by_key(|&i| (series(i), keys.period[i]));
    for w in order.windows(2) {
        let (prev, cur) = (w[0], w[1]);
        if series(prev) != series(cur) {
            continue;
        }
        if let (Some(p), Some(c)) = (shown[prev], shown[cur]) {
            results[cur].direction = Some(Direction::of(p, c, defs[cur].polarity));
            results[cur].previous_period =
                Some(Arc::clone(&texts.period[keys.period[prev] as usize]));
        }
    }
}

/// The text keys of the input rows as integers: equal text, equal integer; periods numbered in
/// text order so that integer order is period order. Each key's distinct texts are kept in key
/// order.
struct Keys<'a> {
    period: Vec<u32>,
    indicator: Vec<u32>,
    breakdown: Vec<u32>,
    area: Vec<u32>,
    periods: Vec<&'a str>,
    indicators: Vec<&'a str>,
    breakdowns: Vec<&'a str>,
    areas: Vec<&'a str>,
}

impl<'a> Keys<'a> {
    fn of(rows: &'a [InputRow]) -> Keys<'a> {
        /// Codes in order of first appearance, and the distinct texts by code.
        fn intern<'a>(values: impl Iterator<Item = &'a str>, n: usize) -> (Vec<u32>, Vec<&'a str>) {
            let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
            let mut distinct = Vec::new();
            let mut out = Vec::with_capacity(n);
            let mut last: Option<(&str, u32)> = None;
            for v in values {
                // Rows often repeat the previous row's text (one period, one indicator in a run).
                let id = match last {
                    Some((t, id)) if t == v => id,
                    _ => *ids.entry(v).or_insert_with(|| {
                        distinct.push(v);
                        u32::try_from(distinct.len() - 1).unwrap_or(u32::MAX)
                    }),
                };
                last = Some((v, id));
                out.push(id);
            }
            (out, distinct)
        }
        let n = rows.len();
        let (period, periods) = intern(rows.iter().map(|r| r.period.as_str()), n);
        let (indicator, indicators) = intern(rows.iter().map(|r| r.indicator.as_str()), n);
        let (breakdown, breakdowns) =
            intern(rows.iter().map(|r| r.breakdown.as_deref().unwrap_or("")), n);
        let (area, areas) = intern(rows.iter().map(|r| r.area.as_str()), n);
        Keys::ranked(
            period, &periods, indicator, indicators, breakdown, breakdowns, area, areas,
        )
    }

    /// [`Keys::of`] a checked table.
    fn of_table(table: &InputTable<'a>) -> Keys<'a> {
        /// Keys in order of first appearance among the rows (equal texts, equal key, even under
        /// two codes), and the distinct texts by key. A code is looked up once per distinct
        /// code, not once per row. The table was checked: every code indexes its values.
        fn intern<'a>(
            col: &TextColumn<'a>,
            text: impl Fn(Option<&'a str>) -> &'a str,
        ) -> (Vec<u32>, Vec<&'a str>) {
            let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
            let mut distinct = Vec::new();
            let mut by_code: Vec<u32> = vec![u32::MAX; col.values.len()];
            let mut out = Vec::with_capacity(col.codes.len());
            for &c in &col.codes {
                let slot = &mut by_code[c as usize];
                if *slot == u32::MAX {
                    let t = text(col.values[c as usize]);
                    *slot = *ids.entry(t).or_insert_with(|| {
                        distinct.push(t);
                        u32::try_from(distinct.len() - 1).unwrap_or(u32::MAX)
                    });
                }
                out.push(*slot);
            }
            (out, distinct)
        }
        let given = |t: Option<&'a str>| t.unwrap_or("");
        let (period, periods) = intern(&table.period, given);
        let (indicator, indicators) = intern(&table.indicator, given);
        // No breakdown is the empty suffix.
        let (breakdown, breakdowns) = match &table.breakdown {
            Some(b) => intern(b, given),
            None => (
                vec![0; table.len()],
                if table.is_empty() { vec![] } else { vec![""] },
            ),
        };
        let (area, areas) = intern(&table.area, given);
        Keys::ranked(
            period, &periods, indicator, indicators, breakdown, breakdowns, area, areas,
        )
    }

    /// The keys, with the periods renumbered in text order.
    #[allow(clippy::too_many_arguments)]
    fn ranked(
        mut period: Vec<u32>,
        periods: &[&'a str],
        indicator: Vec<u32>,
        indicators: Vec<&'a str>,
        breakdown: Vec<u32>,
        breakdowns: Vec<&'a str>,
        area: Vec<u32>,
        areas: Vec<&'a str>,
    ) -> Keys<'a> {
        let mut by_text: Vec<(&str, u32)> = periods
            .iter()
            .enumerate()
            .map(|(k, t)| (*t, u32::try_from(k).unwrap_or(u32::MAX)))
            .collect();
        by_text.sort_unstable();
        let mut rank = vec![0u32; by_text.len()];
        for (k, (_, id)) in by_text.iter().enumerate() {
            rank[*id as usize] = u32::try_from(k).unwrap_or(u32::MAX);
        }
        for p in &mut period {
            *p = rank[*p as usize];
        }
        Keys {
            period,
            indicator,
            breakdown,
            area,
            periods: by_text.into_iter().map(|(t, _)| t).collect(),
            indicators,
            breakdowns,
            areas,
        }
    }

    fn group(&self, i: usize) -> (u32, u32, u32) {
        (self.period[i], self.indicator[i], self.breakdown[i])
    }

    /// The row indices ordered by (group, area, index). When the groups are few enough to
    /// number densely (the usual case), a counting sort by group; within a group the rows are
    /// already in index order, and usually in area order too.
    fn grouped_order(&self) -> Vec<usize> {
        self.grouped_order_within(4 * self.area.len() + 64)
    }

    /// [`Keys::grouped_order`], counting-sorting when there are at most `limit` possible groups.
    fn grouped_order_within(&self, limit: usize) -> Vec<usize> {
        let n = self.area.len();
        let (np, ni, nb) = (
            self.periods.len(),
            self.indicators.len(),
            self.breakdowns.len(),
        );
        let dense = np
            .checked_mul(ni)
            .and_then(|x| x.checked_mul(nb))
            .filter(|&g| g <= limit);
        let Some(groups) = dense else {
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_unstable_by_key(|&i| (self.group(i), self.area[i], i));
            return order;
        };
        let flat = |i: usize| {
            (self.period[i] as usize * ni + self.indicator[i] as usize) * nb
                + self.breakdown[i] as usize
        };
        let mut next = vec![0usize; groups + 1];
        for i in 0..n {
            next[flat(i) + 1] += 1;
        }
        for g in 0..groups {
            next[g + 1] += next[g];
        }
        let starts = next.clone();
        let mut order = vec![0usize; n];
        for i in 0..n {
            let g = flat(i);
            order[next[g]] = i;
            next[g] += 1;
        }
        for w in starts.windows(2) {
            let members = &mut order[w[0]..w[1]];
            if !members.is_sorted_by_key(|&i| self.area[i]) {
                members.sort_unstable_by_key(|&i| (self.area[i], i));
            }
        }
        order
    }
}

/// Every distinct text of the input's keys once, as a shared string, by key.
struct Texts {
    period: Vec<Arc<str>>,
    indicator: Vec<Arc<str>>,
    breakdown: Vec<Arc<str>>,
    area: Vec<Arc<str>>,
}

impl Texts {
    fn of(keys: &Keys) -> Texts {
        let shared = |v: &[&str]| v.iter().map(|&t| Arc::from(t)).collect();
        Texts {
            period: shared(&keys.periods),
            indicator: shared(&keys.indicators),
            breakdown: shared(&keys.breakdowns),
            area: shared(&keys.areas),
        }
    }
}

/// A count read from a floating-point input (a JS number; a dataframe column, which holds counts
/// as floats when some are missing): NaN is a missing value (None); any other value must be a
/// whole number from 0 to 2^64 − 1. Used by the faces, so that every face reads counts by the
/// same rule. `row` locates the error.
///
/// # Errors
/// `non_finite` for ±∞, `negative_value` for a number below 0, `invalid_option` for a fraction
/// or a number of 2^64 or more (not a count).
///
/// # Examples
///
/// ```
/// use care_outcomes::framework::evaluate::count_from_f64;
/// assert_eq!(count_from_f64(129.0, "denominator", 0)?, Some(129));
/// assert_eq!(count_from_f64(f64::NAN, "denominator", 0)?, None);
/// let e = count_from_f64(-1.0, "numerator", 3).unwrap_err();
/// assert_eq!((e.code(), e.row()), ("negative_value", Some(3)));
/// assert_eq!(count_from_f64(1.5, "numerator", 0).unwrap_err().code(), "invalid_option");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn count_from_f64(value: f64, field: &'static str, row: usize) -> Result<Option<u64>> {
    // 2^64: the first f64 above u64::MAX.
    const LIMIT: f64 = 18_446_744_073_709_551_616.0;
    if value.is_nan() {
        return Ok(None);
    }
    if value.is_infinite() {
        return Err(Error::NonFinite {
            field,
            value,
            at: Location::row(row),
        });
    }
    if value < 0.0 {
        return Err(Error::NegativeValue {
            field,
            value,
            at: Location::row(row),
        });
    }
    if value.fract() != 0.0 || value >= LIMIT {
        return Err(Error::InvalidOption {
            option: field,
            value: format!("{value} (row {row})"),
            expected: "a count: a whole number from 0 to 2^64 - 1",
        });
    }
    // Whole, non-negative and below 2^64: the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(Some(value as u64))
}

/// Sums input rows into aggregate areas (regions, England): for each (parent, period,
/// indicator, breakdown), numerators, denominators and populations are added. Rows whose area
/// has no parent in `parent_of` are not part of any aggregate. The output is sorted by parent,
/// period, indicator and breakdown.
///
/// # Errors
/// `non_finite` when a sum overflows 64 bits.
///
/// # Examples
///
/// ```
/// use care_outcomes::framework::{aggregate, InputRow};
/// use std::collections::HashMap;
/// let row = |area: &str, n: u64, d: u64| InputRow {
///     area: area.into(), period: "2020-21".into(), indicator: "ascof-legacy/2B1".into(),
///     breakdown: None, numerator: n, denominator: Some(d), population: None,
/// };
/// let parents = HashMap::from([("Leeds".to_string(), "Yorkshire".to_string()),
///                              ("Bradford".to_string(), "Yorkshire".to_string())]);
/// let out = aggregate(&[row("Leeds", 105, 129), row("Bradford", 300, 400)], &parents)?;
/// assert_eq!((out[0].numerator, out[0].denominator), (405, Some(529)));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn aggregate<S: std::hash::BuildHasher>(
    rows: &[InputRow],
    parent_of: &HashMap<String, String, S>,
) -> Result<Vec<InputRow>> {
    let mut sums: std::collections::BTreeMap<(String, String, String, Option<String>), InputRow> =
        std::collections::BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        let Some(parent) = parent_of.get(&r.area) else {
            continue;
        };
        let key = (
            parent.clone(),
            r.period.clone(),
            r.indicator.clone(),
            r.breakdown.clone(),
        );
        let e = sums.entry(key).or_insert_with(|| InputRow {
            area: parent.clone(),
            period: r.period.clone(),
            indicator: r.indicator.clone(),
            breakdown: r.breakdown.clone(),
            numerator: 0,
            denominator: None,
            population: None,
        });
        e.numerator = checked_sum(e.numerator, r.numerator, i)?;
        if let Some(d) = r.denominator {
            e.denominator = Some(checked_sum(e.denominator.unwrap_or(0), d, i)?);
        }
        if let Some(p) = r.population {
            e.population = Some(checked_sum(e.population.unwrap_or(0), p, i)?);
        }
    }
    Ok(sums.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::{InputRow, Keys};
    use proptest::prelude::*;

    proptest! {
        /// The counting sort by group orders rows exactly as the plain sort does.
        #[test]
        fn grouped_order_is_the_sorted_order(
            keys in prop::collection::vec((0u8..4, 0u8..5, 0u8..3, 0u8..6), 0..200)
        ) {
            let rows: Vec<InputRow> = keys
                .iter()
                .map(|&(p, i, b, a)| InputRow {
                    area: format!("a{a}"),
                    period: format!("p{p}"),
                    indicator: format!("i{i}"),
                    breakdown: (b > 0).then(|| format!("b{b}")),
                    numerator: 0,
                    denominator: None,
                    population: None,
                })
                .collect();
            let k = Keys::of(&rows);
            let table = super::InputTable::from_rows(&rows);
            let t = Keys::of_table(&table);
            prop_assert_eq!(&k.area, &t.area);
            prop_assert_eq!(&k.period, &t.period);
            prop_assert_eq!(&k.indicator, &t.indicator);
            prop_assert_eq!(&k.breakdown, &t.breakdown);
            let mut want: Vec<usize> = (0..rows.len()).collect();
            want.sort_unstable_by_key(|&i| (k.group(i), k.area[i], i));
            prop_assert_eq!(k.grouped_order_within(usize::MAX), want.clone());
            prop_assert_eq!(k.grouped_order_within(0), want);
        }
    }
}
