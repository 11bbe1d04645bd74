//! Disclosure control of published tables, on by default.
//!
//! [`publish`] turns a [`Table`] of integer counts (numerator, denominator and/or survey base per
//! cell) with its linear [`Sum`]s (a total equals the sum of its breakdown cells) into published
//! cells:
//!
//! 1. **Primary suppression** by the source's [`DisclosureRule`] (spec-ascof.md §6): a cell whose
//!    base — else denominator — is at least 1 and below `suppress_below` is withheld (ASCS/SACE:
//!    base < 3; SALT 1E/1G: denominator < 5; HES 2B(2): denominator < 8).
//! 2. **Secondary suppression** ([`protect`]) so that no withheld cell can be recovered from the
//!    published cells and the sums (checked by the [`audit`]).
//! 3. **Rounding** of published counts to the nearest `round_counts_to` (ASCS/SACE: 5) where the
//!    publication does; the value (× multiplier, by the named [`Rounding`]) is computed from the
//!    unrounded counts, as the publications do.
//! 4. **Symbols**: withheld cells carry `[c]`, a value with a zero denominator `[x]`, a
//!    not-applicable cell `[z]`; every cell says why ([`CellReason`]).
//!
//! Disclosure control can be switched off only by [`Disclosure::Off`] with a reason, for
//! internal use; the result then records it in its log and in every cell's reason.
//!
//! # Examples
//!
//! ```
//! use care_outcomes::indicator::DisclosureRule;
//! use care_outcomes::publish::disclosure::{publish, Cell, CellReason, PublishOptions, Sum, Symbol, Table};
//! // A total and its sex split (SALT 1E style: suppress a denominator below 5).
//! let t = Table::new(
//!     vec![Cell::new("Total", Some(20), Some(40)), Cell::new("Male", Some(1), Some(3)), Cell::new("Female", Some(19), Some(37))],
//!     vec![Sum { total: 0, parts: vec![1, 2] }],
//! )?;
//! let opts = PublishOptions {
//!     rule: DisclosureRule { suppress_below: Some(5), round_counts_to: None },
//!     ..PublishOptions::default()
//! };
//! let out = publish(&t, &opts)?;
//! assert_eq!(out.cells[0].value_text, "50.0");
//! assert_eq!(out.cells[1].symbol, Some(Symbol::Confidential));
//! assert_eq!(out.cells[1].reason, Some(CellReason::Primary));
//! // Female is withheld too, or Male = 40 − 37 could be worked out.
//! assert_eq!(out.cells[2].reason, Some(CellReason::Secondary));
//! assert_eq!(out.cells[2].value_text, "[c]");
//! # Ok::<(), care_outcomes::Error>(())
//! ```

mod audit;
mod suppress;
mod table;

pub use audit::{
    Audit, Interval, Seen, audit, determined_by_sums, feasible_intervals, round_count,
};
pub use suppress::{Protection, Suppression, primary, protect};
pub use table::{Cell, Columns, KeyedSum, Layout, Quantity, Sum, Table};

use crate::error::{Error, Result};
use crate::indicator::{Decimal, Definition, DisclosureRule, Rounding};
use serde::{Deserialize, Serialize};

/// The version of the disclosure method, recorded in every result.
pub const METHOD_VERSION: &str = "disclosure/1";

/// The rule applied when the caller names none: withhold bases (else denominators) below 5 —
/// the SALT small-denominator rule, stricter than the surveys' base < 3. Pass the indicator's
/// own rule ([`PublishOptions::for_definition`]) to follow its source exactly. \[L\]: a library
/// default, not a publication's.
pub const DEFAULT_RULE: DisclosureRule = DisclosureRule {
    suppress_below: Some(5),
    round_counts_to: None,
};

/// Whether disclosure control runs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Disclosure {
    /// Suppression, secondary suppression and rounding (the default).
    #[default]
    On,
    /// No disclosure control, for internal use only; the reason is recorded in the output.
    Off {
        /// Why (non-empty), e.g. "internal data-quality review".
        reason: String,
    },
}

fn default_multiplier() -> u64 {
    100
}

/// Options of [`publish`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PublishOptions {
    /// The source's disclosure rule (default [`DEFAULT_RULE`]).
    pub rule: DisclosureRule,
    /// The value is numerator × multiplier ÷ denominator (default 100, a percentage).
    #[serde(default = "default_multiplier")]
    pub multiplier: u64,
    /// The value's rounding rule (default half away from zero, 1 dp).
    pub rounding: Rounding,
    /// On (default) or off with a reason.
    pub disclosure: Disclosure,
}

impl Default for PublishOptions {
    fn default() -> Self {
        PublishOptions {
            rule: DEFAULT_RULE,
            multiplier: default_multiplier(),
            rounding: Rounding::default(),
            disclosure: Disclosure::On,
        }
    }
}

impl PublishOptions {
    /// The options an indicator definition implies: its disclosure rule (none: no primary
    /// suppression, as its source publishes), multiplier and rounding.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::indicator::Definition;
    /// use care_outcomes::publish::disclosure::PublishOptions;
    /// let d = Definition::from_json(r#"{"id":"ascof-legacy/1E","framework":"ascof","version":"legacy",
    ///   "code":"1E","title":"t","numerator":"n","denominator":"d","unit":"percent","multiplier":100,
    ///   "polarity":"higher_is_better","method":"wilson","disclosure":{"suppress_below":5},
    ///   "source":{"data":["SALT"],"publication":"p"}}"#)?;
    /// assert_eq!(PublishOptions::for_definition(&d).rule.suppress_below, Some(5));
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn for_definition(def: &Definition) -> PublishOptions {
        PublishOptions {
            rule: def.disclosure.unwrap_or_default(),
            multiplier: def.multiplier,
            rounding: def.rounding,
            disclosure: Disclosure::On,
        }
    }

    /// Parses options from JSON (every field optional).
    ///
    /// # Errors
    /// `invalid_definition` with the parser's message.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::publish::disclosure::{Disclosure, PublishOptions};
    /// let o = PublishOptions::from_json(r#"{"disclosure": {"mode": "off", "reason": "QA"}}"#)?;
    /// assert_eq!(o.disclosure, Disclosure::Off { reason: "QA".into() });
    /// assert_eq!(o.multiplier, 100);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn from_json(s: &str) -> Result<PublishOptions> {
        serde_json::from_str(s).map_err(|e| Error::InvalidDefinition {
            message: format!("publish options: {e}"),
        })
    }

    fn validate(&self) -> Result<()> {
        if self.rule.round_counts_to == Some(0) {
            return Err(Error::InvalidOption {
                option: "round_counts_to",
                value: "0".to_owned(),
                expected: "a whole number of at least 1",
            });
        }
        if self.multiplier == 0 {
            return Err(Error::InvalidMultiplier { value: 0.0 });
        }
        if self.rounding.dp() > crate::indicator::rounding::MAX_DP {
            return Err(Error::InvalidRounding {
                dp: self.rounding.dp(),
            });
        }
        if let Disclosure::Off { reason } = &self.disclosure
            && reason.trim().is_empty()
        {
            return Err(Error::InvalidOption {
                option: "disclosure",
                value: "off without a reason".to_owned(),
                expected: "on, or off with a non-empty reason",
            });
        }
        Ok(())
    }
}

impl Layout {
    /// Parses a layout from JSON (every field optional).
    ///
    /// # Errors
    /// `invalid_definition` with the parser's message.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::publish::disclosure::Layout;
    /// let l = Layout::from_json(r#"{"dimensions": ["sex"], "sums": [{"total": "T", "parts": ["a", "b"]}]}"#)?;
    /// assert_eq!(l.total_label, "Total");
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn from_json(s: &str) -> Result<Layout> {
        serde_json::from_str(s).map_err(|e| Error::InvalidDefinition {
            message: format!("table layout: {e}"),
        })
    }
}

/// A publication symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Symbol {
    /// `[c]`: confidential — withheld by disclosure control.
    #[serde(rename = "[c]")]
    Confidential,
    /// `[x]`: not available — e.g. a value whose denominator is 0.
    #[serde(rename = "[x]")]
    NotAvailable,
    /// `[z]`: not applicable.
    #[serde(rename = "[z]")]
    NotApplicable,
}

impl Symbol {
    /// The symbol as printed: `[c]`, `[x]` or `[z]`.
    pub fn as_str(self) -> &'static str {
        match self {
            Symbol::Confidential => "[c]",
            Symbol::NotAvailable => "[x]",
            Symbol::NotApplicable => "[z]",
        }
    }
}

impl std::fmt::Display for Symbol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a cell is published as it is (None for a cell published in full).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellReason {
    /// Withheld by the source's rule.
    Primary,
    /// Withheld to protect another withheld cell.
    Secondary,
    /// The denominator is 0: the value is not available.
    ZeroDenominator,
    /// The cell does not apply.
    NotApplicable,
    /// Disclosure control was switched off (internal use): nothing is withheld or rounded.
    DisclosureOff,
}

impl CellReason {
    /// The snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            CellReason::Primary => "primary",
            CellReason::Secondary => "secondary",
            CellReason::ZeroDenominator => "zero_denominator",
            CellReason::NotApplicable => "not_applicable",
            CellReason::DisclosureOff => "disclosure_off",
        }
    }
}

/// One published cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedCell {
    /// The cell's key.
    pub key: String,
    /// Published numerator (rounded where the rule says; None when withheld or absent).
    pub numerator: Option<u64>,
    /// Published denominator.
    pub denominator: Option<u64>,
    /// Published base.
    pub base: Option<u64>,
    /// Published value (numerator × multiplier ÷ denominator from the unrounded counts, by the
    /// rounding rule); None when withheld, not available or without numerator and denominator.
    pub value: Option<Decimal>,
    /// The value as printed: digits, or the symbol (empty when the table has no value).
    pub value_text: String,
    /// The cell's symbol, if any.
    pub symbol: Option<Symbol>,
    /// Why the cell is published as it is.
    pub reason: Option<CellReason>,
}

/// A published table: the cells and a record of how they were protected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedTable {
    /// The cells, in input order.
    pub cells: Vec<PublishedCell>,
    /// The rule applied.
    pub rule: DisclosureRule,
    /// On, or off with its reason.
    pub disclosure: Disclosure,
    /// The method and its version ([`METHOD_VERSION`]).
    pub method: String,
    /// Keys of withheld cells the auditor could still recover (empty unless nothing more could
    /// be withheld to protect them).
    pub unprotected: Vec<String>,
    /// What was done, one line per step (an opt-out is always logged here).
    pub log: Vec<String>,
}

/// Publishes a table under disclosure control (see the module docs).
///
/// # Errors
/// `invalid_option` for `round_counts_to` = 0 or an opt-out without a reason;
/// `invalid_multiplier`; `invalid_rounding`; `invalid_definition` when a value overflows exact
/// arithmetic.
pub fn publish(table: &Table, options: &PublishOptions) -> Result<PublishedTable> {
    options.validate()?;
    let cells = table.cells();
    let primary_cells = primary(table, &options.rule);
    let n_primary = primary_cells.iter().filter(|&&p| p).count();
    let mut log = Vec::new();
    let (suppressed, round_to, unprotected) = match &options.disclosure {
        Disclosure::On => {
            let round_to = options.rule.round_counts_to.filter(|&m| m > 1);
            let p = protect(table, &primary_cells, round_to);
            let n_secondary = p
                .suppressed
                .iter()
                .filter(|s| **s == Some(Suppression::Secondary))
                .count();
            log.push(format!(
                "disclosure control on ({METHOD_VERSION}): {n_primary} cells withheld by the rule (suppress_below = {}), {n_secondary} more to protect them; {} audit rounds",
                options
                    .rule
                    .suppress_below
                    .map_or_else(|| "none".to_owned(), |m| m.to_string()),
                p.rounds
            ));
            if let Some(m) = round_to {
                log.push(format!("counts rounded to the nearest {m}"));
            }
            if !p.unprotected.is_empty() {
                log.push(format!(
                    "WARNING: {} withheld cells remain recoverable",
                    p.unprotected.len()
                ));
            }
            (p.suppressed, round_to, p.unprotected)
        }
        Disclosure::Off { reason } => {
            log.push(format!(
                "DISCLOSURE CONTROL OFF (internal use only): {reason}; {n_primary} cells would have been withheld by the rule"
            ));
            (vec![None; cells.len()], None, Vec::new())
        }
    };
    let off = matches!(options.disclosure, Disclosure::Off { .. });
    let round = |v: Option<u64>| v.map(|v| round_to.map_or(v, |m| round_count(v, m)));
    let mut out = Vec::with_capacity(cells.len());
    for (c, s) in cells.iter().zip(&suppressed) {
        let mut p = PublishedCell {
            key: c.key.clone(),
            numerator: None,
            denominator: None,
            base: None,
            value: None,
            value_text: String::new(),
            symbol: None,
            reason: None,
        };
        if c.not_applicable {
            p.symbol = Some(Symbol::NotApplicable);
            p.reason = Some(CellReason::NotApplicable);
        } else if let Some(s) = s {
            p.symbol = Some(Symbol::Confidential);
            p.reason = Some(match s {
                Suppression::Primary => CellReason::Primary,
                Suppression::Secondary => CellReason::Secondary,
            });
        } else {
            p.numerator = round(c.numerator);
            p.denominator = round(c.denominator);
            p.base = round(c.base);
            if off {
                p.reason = Some(CellReason::DisclosureOff);
            }
            if let (Some(num), Some(den)) = (c.numerator, c.denominator) {
                if den == 0 {
                    p.symbol = Some(Symbol::NotAvailable);
                    p.reason = Some(CellReason::ZeroDenominator);
                } else {
                    let scaled = u128::from(num) * u128::from(options.multiplier);
                    p.value = Some(options.rounding.round_ratio(scaled, u128::from(den))?);
                }
            }
        }
        p.value_text = match (p.value, p.symbol) {
            (Some(v), _) => v.to_string(),
            (None, Some(s)) => s.to_string(),
            (None, None) => String::new(),
        };
        out.push(p);
    }
    Ok(PublishedTable {
        cells: out,
        rule: options.rule,
        disclosure: options.disclosure.clone(),
        method: format!(
            "{METHOD_VERSION}: primary by rule; secondary by sum pairs to a fixed point, then audit (bounds propagation + linear elimination) until no withheld cell is recoverable; counts rounded half up; value from unrounded counts ({})",
            options.rounding
        ),
        unprotected: unprotected
            .into_iter()
            .map(|i| cells[i].key.clone())
            .collect(),
        log,
    })
}

/// [`publish`] from float columns and a layout (the entry point of the Python and JS faces).
///
/// # Errors
/// As [`Columns::cells`], [`Table::with_layout`] and [`publish`].
///
/// # Examples
///
/// ```
/// use care_outcomes::publish::disclosure::{publish_columns, Columns, Layout, PublishOptions};
/// let cols = Columns {
///     numerator: Some(vec![20.0, 1.0, 19.0]),
///     denominator: Some(vec![40.0, 3.0, 37.0]),
///     coordinates: vec![vec!["Total".into(), "Male".into(), "Female".into()]],
///     ..Columns::default()
/// };
/// let layout = Layout { dimensions: vec!["sex".into()], ..Layout::default() };
/// let out = publish_columns(&cols, &layout, &PublishOptions::default())?;
/// let text: Vec<&str> = out.cells.iter().map(|c| c.value_text.as_str()).collect();
/// assert_eq!(text, ["50.0", "[c]", "[c]"]);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn publish_columns(
    columns: &Columns,
    layout: &Layout,
    options: &PublishOptions,
) -> Result<PublishedTable> {
    let table = Table::with_layout(columns.cells()?, layout)?;
    publish(&table, options)
}
