//! The one error type of the crate.
//!
//! Every failure the library can report is a variant of [`Error`]. Each variant has a stable
//! snake_case [`code`](Error::code) that the Python face maps to an exception class and the JS
//! face puts on `Error.code`. Codes are API: they change only in a major version.
//!
//! Impossible input (a negative count, a numerator above its denominator, an infinity, an unknown
//! code) is an error. Well-formed input for which a statistic is undefined (a zero denominator) is
//! *not* an error: it gives a null value with a [`Reason`](crate::stats::Reason).

use std::fmt;

/// Where in the input an error was found: a row index and/or a group key.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Location {
    /// Zero-based row index in the input, when the error belongs to one row.
    pub row: Option<usize>,
    /// The group key, when the error belongs to one group.
    pub group: Option<String>,
}

impl Location {
    /// No location (the error belongs to the whole call).
    pub const NONE: Location = Location {
        row: None,
        group: None,
    };

    /// A location at one row.
    pub fn row(row: usize) -> Self {
        Location {
            row: Some(row),
            group: None,
        }
    }

    /// A location in one group.
    pub fn group(group: impl Into<String>) -> Self {
        Location {
            row: None,
            group: Some(group.into()),
        }
    }

    /// Adds a row index to this location.
    #[must_use]
    pub fn with_row(mut self, row: Option<usize>) -> Self {
        if self.row.is_none() {
            self.row = row;
        }
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.row, &self.group) {
            (None, None) => Ok(()),
            (Some(r), None) => write!(f, " (row {r})"),
            (None, Some(g)) => write!(f, " (group {g:?})"),
            (Some(r), Some(g)) => write!(f, " (row {r}, group {g:?})"),
        }
    }
}

/// Every error the crate reports.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{proportion, ProportionOptions};
///
/// let err = proportion(12.0, 10.0, &ProportionOptions::default()).unwrap_err();
/// assert_eq!(err.code(), "numerator_exceeds_denominator");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A confidence level outside (0, 1), NaN, an empty list or a duplicate level.
    #[error("invalid confidence level {value}: {hint}")]
    InvalidConfidence {
        /// The level given.
        value: f64,
        /// What to do instead.
        hint: String,
    },
    /// A multiplier that is not finite or not > 0.
    #[error("invalid multiplier {value}: the multiplier must be finite and greater than 0")]
    InvalidMultiplier {
        /// The multiplier given.
        value: f64,
    },
    /// ±∞ in a numeric input (NaN means missing and is not an error).
    #[error("{field} is not finite ({value}){at}")]
    NonFinite {
        /// The input column.
        field: &'static str,
        /// The value found.
        value: f64,
        /// Where.
        at: Location,
    },
    /// A count, population, weight or reference figure below 0.
    #[error("{field} is negative ({value}){at}")]
    NegativeValue {
        /// The input column.
        field: &'static str,
        /// The value found.
        value: f64,
        /// Where.
        at: Location,
    },
    /// A proportion whose numerator is above its denominator.
    #[error("numerator {numerator} exceeds denominator {denominator}{at}")]
    NumeratorExceedsDenominator {
        /// The numerator.
        numerator: f64,
        /// The denominator.
        denominator: f64,
        /// Where.
        at: Location,
    },
    /// Input columns of different lengths.
    #[error("length mismatch: {field} has {found} rows, expected {expected}")]
    LengthMismatch {
        /// The column whose length differs.
        field: &'static str,
        /// The length of the first column.
        expected: usize,
        /// The length of this column.
        found: usize,
    },
    /// An input that must not be empty was empty.
    #[error("empty input: {what}")]
    EmptyInput {
        /// What was empty.
        what: &'static str,
    },
    /// A named standard population that the library does not know.
    #[error("unknown standard population {name:?} (known: {known})")]
    UnknownStandard {
        /// The name given.
        name: String,
        /// The names the library knows.
        known: String,
    },
    /// A band label that is not a band of the declared band set.
    #[error("unknown band {label:?}{at}: {hint}")]
    UnknownBand {
        /// The label given.
        label: String,
        /// Why it did not match.
        hint: String,
        /// Where.
        at: Location,
    },
    /// A band given twice in one group.
    #[error("duplicate band {label:?}{at}")]
    DuplicateBand {
        /// The band.
        label: String,
        /// Where.
        at: Location,
    },
    /// A band of the declared band set that a group lacks.
    #[error("missing band {label:?}{at}")]
    MissingBand {
        /// The band.
        label: String,
        /// Where.
        at: Location,
    },
    /// Non-independent DSR: one (group, band) given with different population or weight.
    #[error("inconsistent band data for band {label:?}{at}: {detail}")]
    InconsistentBandData {
        /// The band.
        label: String,
        /// What differs.
        detail: String,
        /// Where.
        at: Location,
    },
    /// Non-independent DSR: an event frequency that is not a positive integer.
    #[error("invalid event frequency {value}{at}: must be a positive integer")]
    InvalidEventFrequency {
        /// The frequency given.
        value: f64,
        /// Where.
        at: Location,
    },
    /// ISR: a reference population ≤ 0.
    #[error("invalid reference population {value}{at}: must be greater than 0")]
    InvalidReference {
        /// The value given.
        value: f64,
        /// Where.
        at: Location,
    },
    /// DSR: every standard weight of a group is 0.
    #[error("invalid standard{at}: every standard weight is 0")]
    InvalidStandard {
        /// Where.
        at: Location,
    },
    /// Quantiles: q is not an integer ≥ 2.
    #[error("invalid quantile count {value}: must be an integer of at least 2")]
    InvalidQuantileCount {
        /// The count given.
        value: f64,
    },
    /// Quantiles: an invert flag that is not constant within its group.
    #[error("inconsistent invert flag{at}: it must be constant within a group")]
    InconsistentInvert {
        /// Where.
        at: Location,
    },
    /// Funnels: a missing numerator or denominator (a funnel is built from all records at once).
    #[error("missing {field}{at}")]
    MissingInput {
        /// The input column.
        field: &'static str,
        /// Where.
        at: Location,
    },
    /// Funnels: a denominator ≤ 0.
    #[error("non-positive denominator {value}{at}")]
    NonpositiveDenominator {
        /// The value given.
        value: f64,
        /// Where.
        at: Location,
    },
    /// Funnels: a crude-rate record with no events and no population.
    #[error("missing denominator{at}: a crude-rate record with 0 events needs its population")]
    MissingDenominator {
        /// Where.
        at: Location,
    },
    /// A statistic is undefined and the caller asked for errors instead of nulls
    /// (`on_undefined = error`).
    #[error("undefined statistic ({reason}){at}")]
    UndefinedStatistic {
        /// The reason code the statistic would have carried.
        reason: crate::stats::Reason,
        /// Where.
        at: Location,
    },
    /// An option value that is not one of the allowed choices (a method name, a unit, ...).
    #[error("invalid option {option} = {value:?}: expected one of {expected}")]
    InvalidOption {
        /// The option.
        option: &'static str,
        /// The value given.
        value: String,
        /// The allowed values.
        expected: &'static str,
    },
    /// A definition, or another document, that does not parse or breaks a rule of its schema.
    #[error("invalid definition: {message}")]
    InvalidDefinition {
        /// What is wrong.
        message: String,
    },
    /// A number of decimal places outside what the rounding rules support (0..=15).
    #[error("invalid rounding: {dp} decimal places (0 to 15 are supported)")]
    InvalidRounding {
        /// The number of decimal places asked for.
        dp: u32,
    },
    /// An indicator id (or a framework's reference to a built-in) that no catalogue holds.
    #[error("unknown indicator {id:?}{at}{hint}")]
    UnknownIndicator {
        /// The id asked for.
        id: String,
        /// A suggestion (", did you mean ...?") or empty.
        hint: String,
        /// Where (the input row, or the framework entry as the group).
        at: Location,
    },
    /// A definition whose interval method is not one the library knows.
    #[error("{id}: unknown method {method:?}: expected one of {expected}")]
    UnknownMethod {
        /// The definition id.
        id: String,
        /// The method given.
        method: String,
        /// The methods known.
        expected: &'static str,
    },
    /// A definition whose polarity is not one the library knows.
    #[error("{id}: unknown polarity {polarity:?}: expected one of {expected}")]
    UnknownPolarity {
        /// The definition id.
        id: String,
        /// The polarity given.
        polarity: String,
        /// The polarities known.
        expected: &'static str,
    },
    /// A rate (per 1,000 or per 100,000) defined without the population its denominator counts.
    #[error(
        "{id}: a rate per {multiplier} needs a population_base (the population counted by its denominator)"
    )]
    MissingPopulation {
        /// The definition id.
        id: String,
        /// The definition's multiplier.
        multiplier: u64,
    },
    /// The same id twice in a framework or catalogue.
    #[error("duplicate id {id:?} in {within}")]
    DuplicateId {
        /// The id.
        id: String,
        /// The framework or catalogue it repeats in.
        within: String,
    },
    /// A definition or reference whose framework version differs from the one required.
    #[error("{id}: version {found:?} does not match {expected:?}")]
    VersionMismatch {
        /// The definition id or reference.
        id: String,
        /// The version required (the framework's, or the one the reference pins).
        expected: String,
        /// The version found.
        found: String,
    },
    /// A framework document that does not parse or breaks a rule of its schema.
    #[error("invalid framework: {message}")]
    InvalidFramework {
        /// What is wrong.
        message: String,
    },
    /// Economics: a discount or inflation rate that is not finite or is ≤ −1 (a factor
    /// 1 / (1 + r) would be undefined or negative).
    #[error("invalid {field} {value}: a rate must be finite and greater than -1")]
    InvalidRate {
        /// The input (e.g. `discount_rate`, `inflation`).
        field: &'static str,
        /// The value given.
        value: f64,
    },
    /// Economics: a share or adjustment (deadweight, displacement, attribution, drop-off,
    /// optimism-bias mitigation, an engagement or success rate) outside [0, 1].
    #[error("invalid {field} {value}: an adjustment must be a share in [0, 1]")]
    InvalidAdjustment {
        /// The input.
        field: &'static str,
        /// The value given.
        value: f64,
    },
    /// Economics: a ratio to cost (BCR, ROI, SROI) asked for when the cost is 0.
    #[error("zero cost: {what} is a ratio to a cost of 0")]
    ZeroCost {
        /// The ratio asked for.
        what: &'static str,
    },
    /// Economics: a price year that the deflator series or unit-cost table does not cover.
    #[error("unknown price year {year} in {series}")]
    UnknownPriceYear {
        /// The year asked for.
        year: i32,
        /// The series (its name and vintage).
        series: String,
    },
    /// Economics: a probability distribution with impossible parameters (Monte Carlo).
    #[error("invalid distribution {name}: {hint}")]
    InvalidDistribution {
        /// The distribution.
        name: &'static str,
        /// What is wrong.
        hint: String,
    },
    /// Survey: a response code outside the question's valid codes, or not a whole number.
    #[error("invalid response {value} to {question}{at}: valid codes are {expected}")]
    InvalidResponse {
        /// The question (ASCS/SACE item id, e.g. `q3a`), or `stratum` / `age_band`.
        question: String,
        /// The value found (NaN when it was not a number).
        value: f64,
        /// The valid codes.
        expected: &'static str,
        /// Where.
        at: Location,
    },
    /// Survey: more respondents in a stratum than its population.
    #[error("{respondents} respondents exceed the stratum population {population}{at}")]
    SampleExceedsPopulation {
        /// Respondents in the stratum.
        respondents: usize,
        /// The stratum population given.
        population: f64,
        /// Where (group = council and stratum).
        at: Location,
    },
    /// Survey: a stratum population given twice.
    #[error("duplicate stratum population{at}")]
    DuplicateStratum {
        /// Where (group = council and stratum).
        at: Location,
    },
    /// A table to publish whose structure is broken: a duplicate key or coordinate, a sum that
    /// names an unknown cell or contains its own total, a breakdown cell that is missing.
    #[error("invalid table: {message}")]
    InvalidTable {
        /// What is wrong.
        message: String,
    },
    /// A table to publish whose total is not the sum of its breakdown cells.
    #[error("inconsistent total {total:?}: {quantity} is {value} but its parts sum to {sum}")]
    InconsistentTotal {
        /// The key of the total cell.
        total: String,
        /// The quantity ("numerator", "denominator" or "base").
        quantity: &'static str,
        /// The total's value.
        value: u64,
        /// The sum of its parts.
        sum: u64,
    },
    /// A count that is not a whole number (counts of people are integers).
    #[error("{field} is not a whole number ({value}){at}")]
    NonIntegerCount {
        /// The input column.
        field: &'static str,
        /// The value found.
        value: f64,
        /// Where.
        at: Location,
    },
    /// An input column whose type cannot hold its values exactly (a float column of dates,
    /// years or identifiers, say), or that is not a type the reader knows.
    #[error("column {column:?} has type {found}: expected {expected}")]
    InvalidColumnType {
        /// The column's name.
        column: String,
        /// The type found.
        found: String,
        /// The types accepted.
        expected: &'static str,
    },
}

impl Error {
    /// Every code, in declaration order. The faces test that each is mapped.
    pub const CODES: &'static [&'static str] = &[
        "invalid_confidence",
        "invalid_multiplier",
        "non_finite",
        "negative_value",
        "numerator_exceeds_denominator",
        "length_mismatch",
        "empty_input",
        "unknown_standard",
        "unknown_band",
        "duplicate_band",
        "missing_band",
        "inconsistent_band_data",
        "invalid_event_frequency",
        "invalid_reference",
        "invalid_standard",
        "invalid_quantile_count",
        "inconsistent_invert",
        "missing_input",
        "nonpositive_denominator",
        "missing_denominator",
        "undefined_statistic",
        "invalid_option",
        "invalid_definition",
        "invalid_rounding",
        "unknown_indicator",
        "unknown_method",
        "unknown_polarity",
        "missing_population",
        "duplicate_id",
        "version_mismatch",
        "invalid_framework",
        "invalid_rate",
        "invalid_adjustment",
        "zero_cost",
        "unknown_price_year",
        "invalid_distribution",
        "invalid_response",
        "sample_exceeds_population",
        "duplicate_stratum",
        "invalid_table",
        "inconsistent_total",
        "non_integer_count",
        "invalid_column_type",
    ];

    /// The stable snake_case code of this error.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::Error;
    /// assert_eq!(Error::InvalidMultiplier { value: 0.0 }.code(), "invalid_multiplier");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidConfidence { .. } => "invalid_confidence",
            Error::InvalidMultiplier { .. } => "invalid_multiplier",
            Error::NonFinite { .. } => "non_finite",
            Error::NegativeValue { .. } => "negative_value",
            Error::NumeratorExceedsDenominator { .. } => "numerator_exceeds_denominator",
            Error::LengthMismatch { .. } => "length_mismatch",
            Error::EmptyInput { .. } => "empty_input",
            Error::UnknownStandard { .. } => "unknown_standard",
            Error::UnknownBand { .. } => "unknown_band",
            Error::DuplicateBand { .. } => "duplicate_band",
            Error::MissingBand { .. } => "missing_band",
            Error::InconsistentBandData { .. } => "inconsistent_band_data",
            Error::InvalidEventFrequency { .. } => "invalid_event_frequency",
            Error::InvalidReference { .. } => "invalid_reference",
            Error::InvalidStandard { .. } => "invalid_standard",
            Error::InvalidQuantileCount { .. } => "invalid_quantile_count",
            Error::InconsistentInvert { .. } => "inconsistent_invert",
            Error::MissingInput { .. } => "missing_input",
            Error::NonpositiveDenominator { .. } => "nonpositive_denominator",
            Error::MissingDenominator { .. } => "missing_denominator",
            Error::UndefinedStatistic { .. } => "undefined_statistic",
            Error::InvalidOption { .. } => "invalid_option",
            Error::InvalidDefinition { .. } => "invalid_definition",
            Error::InvalidRounding { .. } => "invalid_rounding",
            Error::UnknownIndicator { .. } => "unknown_indicator",
            Error::UnknownMethod { .. } => "unknown_method",
            Error::UnknownPolarity { .. } => "unknown_polarity",
            Error::MissingPopulation { .. } => "missing_population",
            Error::DuplicateId { .. } => "duplicate_id",
            Error::VersionMismatch { .. } => "version_mismatch",
            Error::InvalidFramework { .. } => "invalid_framework",
            Error::InvalidRate { .. } => "invalid_rate",
            Error::InvalidAdjustment { .. } => "invalid_adjustment",
            Error::ZeroCost { .. } => "zero_cost",
            Error::UnknownPriceYear { .. } => "unknown_price_year",
            Error::InvalidDistribution { .. } => "invalid_distribution",
            Error::InvalidResponse { .. } => "invalid_response",
            Error::SampleExceedsPopulation { .. } => "sample_exceeds_population",
            Error::DuplicateStratum { .. } => "duplicate_stratum",
            Error::InvalidTable { .. } => "invalid_table",
            Error::InconsistentTotal { .. } => "inconsistent_total",
            Error::NonIntegerCount { .. } => "non_integer_count",
            Error::InvalidColumnType { .. } => "invalid_column_type",
        }
    }

    /// The row index the error belongs to, if any.
    pub fn row(&self) -> Option<usize> {
        self.location().and_then(|l| l.row)
    }

    /// The group key the error belongs to, if any.
    pub fn group(&self) -> Option<&str> {
        self.location().and_then(|l| l.group.as_deref())
    }

    fn location(&self) -> Option<&Location> {
        match self {
            Error::NonFinite { at, .. }
            | Error::NegativeValue { at, .. }
            | Error::NumeratorExceedsDenominator { at, .. }
            | Error::UnknownBand { at, .. }
            | Error::DuplicateBand { at, .. }
            | Error::MissingBand { at, .. }
            | Error::InconsistentBandData { at, .. }
            | Error::InvalidEventFrequency { at, .. }
            | Error::InvalidReference { at, .. }
            | Error::InvalidStandard { at }
            | Error::InconsistentInvert { at }
            | Error::MissingInput { at, .. }
            | Error::NonpositiveDenominator { at, .. }
            | Error::MissingDenominator { at }
            | Error::UndefinedStatistic { at, .. }
            | Error::UnknownIndicator { at, .. }
            | Error::InvalidResponse { at, .. }
            | Error::SampleExceedsPopulation { at, .. }
            | Error::DuplicateStratum { at }
            | Error::NonIntegerCount { at, .. } => Some(at),
            _ => None,
        }
    }

    /// Returns the error with its row index set, when it has a location and no row yet (used
    /// when a scalar check runs over the rows of a column).
    ///
    /// ```
    /// use care_outcomes::stats::ratio_significance;
    /// let e = ratio_significance(1.0, -2.0).unwrap_err().at_row(7);
    /// assert_eq!((e.code(), e.row()), ("nonpositive_denominator", Some(7)));
    /// ```
    #[must_use]
    pub fn at_row(mut self, row: usize) -> Self {
        if let Some(at) = self.location_mut()
            && at.row.is_none()
        {
            at.row = Some(row);
        }
        self
    }

    /// Returns the error with its group key set (used when a per-group computation fails).
    #[must_use]
    pub fn in_group(mut self, key: &str) -> Self {
        if let Some(at) = self.location_mut()
            && at.group.is_none()
        {
            at.group = Some(key.to_owned());
        }
        self
    }

    fn location_mut(&mut self) -> Option<&mut Location> {
        match self {
            Error::NonFinite { at, .. }
            | Error::NegativeValue { at, .. }
            | Error::NumeratorExceedsDenominator { at, .. }
            | Error::UnknownBand { at, .. }
            | Error::DuplicateBand { at, .. }
            | Error::MissingBand { at, .. }
            | Error::InconsistentBandData { at, .. }
            | Error::InvalidEventFrequency { at, .. }
            | Error::InvalidReference { at, .. }
            | Error::InvalidStandard { at }
            | Error::InconsistentInvert { at }
            | Error::MissingInput { at, .. }
            | Error::NonpositiveDenominator { at, .. }
            | Error::MissingDenominator { at }
            | Error::UndefinedStatistic { at, .. }
            | Error::UnknownIndicator { at, .. }
            | Error::InvalidResponse { at, .. }
            | Error::SampleExceedsPopulation { at, .. }
            | Error::DuplicateStratum { at }
            | Error::NonIntegerCount { at, .. } => Some(at),
            _ => None,
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for c in Error::CODES {
            assert!(seen.insert(*c), "duplicate code {c}");
            assert!(c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'));
        }
    }

    #[test]
    fn location_is_reported() {
        let e = Error::NegativeValue {
            field: "numerator",
            value: -1.0,
            at: Location::row(3),
        }
        .in_group("Leeds");
        assert_eq!(e.row(), Some(3));
        assert_eq!(e.group(), Some("Leeds"));
        assert_eq!(
            e.to_string(),
            "numerator is negative (-1) (row 3, group \"Leeds\")"
        );
    }
}
