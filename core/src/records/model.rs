//! The record model: method years, reporting periods and one CLD event.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::lists::{
    AccommodationStatus, ClientType, DeliveryMechanism, EventOutcome, EventType,
    PrimarySupportReason, RouteOfAccess, ServiceType,
};
use crate::{Error, Result};

/// The method year whose processing rules apply.
///
/// - `Y2023_24`: NHS England's 2023-24 "Central Transformation Principles" (§5.4, §5.5):
///   ST-Max events ≤ 1 day apart are clustered, SALT-style sequel windows (3 days, chained).
/// - `Y2024_25`: the DHSC 2024-25 method (§3.2): clusters ≤ 7 days apart, 7-day sequel window,
///   91-day new-client look-back, 365-day admission rule.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::Method;
/// let m: Method = "2024-25".parse().unwrap();
/// assert_eq!(m, Method::Y2024_25);
/// assert_eq!(m.to_string(), "2024-25");
/// assert_eq!("2022-23".parse::<Method>().unwrap_err().code(), "invalid_option");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Method {
    /// 2023-24 transformation principles.
    #[serde(rename = "2023-24")]
    Y2023_24,
    /// 2024-25 DHSC method (the default).
    #[default]
    #[serde(rename = "2024-25")]
    Y2024_25,
}

impl Method {
    /// Largest gap in days between one ST-Max event's end and the next one's start that still
    /// joins them in one cluster: 1 (2023-24), 7 (2024-25).
    pub fn cluster_gap_days(self) -> i64 {
        match self {
            Method::Y2023_24 => 1,
            Method::Y2024_25 => 7,
        }
    }

    /// The framework version label the derived measures belong to.
    pub fn framework(self) -> &'static str {
        match self {
            Method::Y2023_24 => "ascof-2023-24",
            Method::Y2024_25 => "ascof-2024-25",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Method::Y2023_24 => "2023-24",
            Method::Y2024_25 => "2024-25",
        })
    }
}

impl FromStr for Method {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "2023-24" => Ok(Method::Y2023_24),
            "2024-25" => Ok(Method::Y2024_25),
            other => Err(Error::InvalidOption {
                option: "method",
                value: other.to_owned(),
                expected: "\"2023-24\" or \"2024-25\"",
            }),
        }
    }
}

/// A reporting period: inclusive start and end dates.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::Period;
/// let p: Period = "2024-25".parse().unwrap();
/// assert_eq!(p.start.to_string(), "2024-04-01");
/// assert_eq!(p.end.to_string(), "2025-03-31");
/// assert_eq!(p.to_string(), "2024-25");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// First day of the period.
    pub start: NaiveDate,
    /// Last day of the period (inclusive).
    pub end: NaiveDate,
}

impl Period {
    /// A period from `start` to `end` inclusive.
    ///
    /// # Errors
    /// `invalid_option` when `end` is before `start`.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::Period;
    /// use chrono::NaiveDate;
    /// let d = |m| NaiveDate::from_ymd_opt(2024, m, 1).unwrap();
    /// assert!(Period::new(d(4), d(6)).is_ok());
    /// assert!(Period::new(d(6), d(4)).is_err());
    /// ```
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self> {
        if end < start {
            return Err(Error::InvalidOption {
                option: "period",
                value: format!("{start}..{end}"),
                expected: "a start on or before the end",
            });
        }
        Ok(Period { start, end })
    }

    /// The financial year 1 April `year` to 31 March `year + 1`.
    ///
    /// # Panics
    /// When `year + 1` is outside chrono's date range (beyond ±262,000 years).
    pub fn financial_year(year: i32) -> Self {
        Period {
            start: NaiveDate::from_ymd_opt(year, 4, 1).expect("valid date"),
            end: NaiveDate::from_ymd_opt(year + 1, 3, 31).expect("valid date"),
        }
    }

    /// Whether `date` falls in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether an event running from `start` to `end` (open when `None`) is active at any time
    /// in the period.
    pub fn overlaps(&self, start: NaiveDate, end: Option<NaiveDate>) -> bool {
        start <= self.end && end.is_none_or(|e| e >= self.start)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fy = self.start.month() == 4
            && self.start.day() == 1
            && self.end == Period::financial_year(self.start.year()).end;
        if fy {
            write!(
                f,
                "{}-{:02}",
                self.start.year(),
                (self.start.year() + 1).rem_euclid(100)
            )
        } else {
            write!(f, "{}..{}", self.start, self.end)
        }
    }
}

impl FromStr for Period {
    type Err = Error;
    /// `"2024-25"` (a financial year) or `"2024-04-01..2024-06-30"`.
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::InvalidOption {
            option: "period",
            value: s.to_owned(),
            expected: "a financial year such as \"2024-25\" or \"YYYY-MM-DD..YYYY-MM-DD\"",
        };
        let s = s.trim();
        if let Some((a, b)) = s.split_once("..") {
            let a = NaiveDate::parse_from_str(a.trim(), "%Y-%m-%d").map_err(|_| bad())?;
            let b = NaiveDate::parse_from_str(b.trim(), "%Y-%m-%d").map_err(|_| bad())?;
            return Period::new(a, b);
        }
        let (y, yy) = s.split_once('-').ok_or_else(bad)?;
        let y: i32 = y.parse().map_err(|_| bad())?;
        let yy: i32 = yy.parse().map_err(|_| bad())?;
        if y.to_string().len() != 4 || (y + 1).rem_euclid(100) != yy {
            return Err(bad());
        }
        Ok(Period::financial_year(y))
    }
}

/// Age in whole years at `at` for a person whose (proxy) date of birth is `birth`:
/// `floor(days / 365.25)`, computed exactly as `floor(4 × days / 1461)` (§5.4 \[H\]).
///
/// # Examples
///
/// ```
/// use care_outcomes::records::age_at;
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// // 1 Mar 1960 to 31 Mar 2025: 23,771 days; 23,771 / 365.25 = 65.08 → 65.
/// assert_eq!(age_at(d(1960, 3, 1), d(2025, 3, 31)), 65);
/// // 364 days short of the 65th birthday: 64.
/// assert_eq!(age_at(d(1960, 4, 1), d(2025, 3, 31)), 64);
/// ```
pub fn age_at(birth: NaiveDate, at: NaiveDate) -> i64 {
    let days = (at - birth).num_days();
    (4 * days).div_euclid(1461)
}

/// An age band used by the age-disaggregated measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AgeBand {
    /// Under 18.
    #[serde(rename = "0-17")]
    Under18,
    /// 18 to 64.
    #[serde(rename = "18-64")]
    Age18To64,
    /// 65 and over.
    #[serde(rename = "65+")]
    Age65Plus,
}

impl AgeBand {
    /// The band of an age in whole years.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::AgeBand;
    /// assert_eq!(AgeBand::of(64), AgeBand::Age18To64);
    /// assert_eq!(AgeBand::of(65).label(), "65+");
    /// ```
    pub fn of(age: i64) -> Self {
        if age < 18 {
            AgeBand::Under18
        } else if age < 65 {
            AgeBand::Age18To64
        } else {
            AgeBand::Age65Plus
        }
    }

    /// The label used in breakdown keys.
    pub fn label(self) -> &'static str {
        match self {
            AgeBand::Under18 => "0-17",
            AgeBand::Age18To64 => "18-64",
            AgeBand::Age65Plus => "65+",
        }
    }
}

/// One validated CLD event, with its person resolved.
///
/// `la`, `assessment_type` and `service_component` are ids into the [`Symbols`] of the
/// [`Dataset`](super::Dataset) the event belongs to (0 = absent for the optional ones); `person`
/// numbers the dataset's person keys from 1 in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// One-based data row number in the input (the header is row 0).
    pub row: u64,
    /// LA code symbol.
    pub la: u32,
    /// Person id (LA + NHS number or LA person id, §5.4): the dataset's person keys are
    /// numbered from 1 in order of first appearance in the input.
    pub person: u32,
    /// Event type.
    pub event_type: EventType,
    /// Client type.
    pub client_type: ClientType,
    /// Event start date.
    pub start: NaiveDate,
    /// Event end date (`None` = open).
    pub end: Option<NaiveDate>,
    /// Event outcome.
    pub outcome: Option<EventOutcome>,
    /// Request route of access.
    pub route: Option<RouteOfAccess>,
    /// Assessment type symbol (0 = none).
    pub assessment_type: u32,
    /// Service type.
    pub service_type: Option<ServiceType>,
    /// Service component symbol (0 = none).
    pub service_component: u32,
    /// Service component names a short-term service ("Short Term …").
    pub component_short_term: bool,
    /// Service component names short-term residential or nursing care.
    pub component_st_residential: bool,
    /// Service component is a direct payment.
    pub component_direct_payment: bool,
    /// Delivery mechanism.
    pub delivery: Option<DeliveryMechanism>,
    /// Proxy date of birth (1st of the birth month).
    pub birth: Option<NaiveDate>,
    /// Date of death.
    pub death: Option<NaiveDate>,
    /// Primary support reason.
    pub psr: Option<PrimarySupportReason>,
    /// Accommodation status.
    pub accommodation: Option<AccommodationStatus>,
    /// Reporting period end date of the submission the row came from.
    pub submitted_period_end: Option<NaiveDate>,
}

impl Event {
    /// A service event of this type.
    pub fn is_service(&self, t: ServiceType) -> bool {
        self.event_type == EventType::Service && self.service_type == Some(t)
    }

    /// A long-term service event (nursing, residential, community, prison).
    pub fn is_long_term_service(&self) -> bool {
        self.event_type == EventType::Service
            && self.service_type.is_some_and(ServiceType::is_long_term)
    }

    /// A permanent (not short-term component) residential or nursing service.
    pub fn is_permanent_placement(&self) -> bool {
        self.event_type == EventType::Service
            && matches!(
                self.service_type,
                Some(ServiceType::Nursing | ServiceType::Residential)
            )
            && !self.component_short_term
    }

    /// Whether the event is open on `date` (started on or before, not ended before).
    pub fn open_on(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| e >= date)
    }
}

/// Interned strings (LA codes, assessment types, service components).
///
/// Id 0 is reserved for "absent".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Symbols {
    names: Vec<std::sync::Arc<str>>,
    ids: std::collections::HashMap<std::sync::Arc<str>, u32, FastHash>,
}

impl Symbols {
    /// An empty table (id 0 = "").
    pub fn new() -> Self {
        let mut s = Symbols::default();
        s.intern("");
        s
    }

    /// The id of `name`, adding it when new.
    ///
    /// # Panics
    /// When more than 2^32 distinct strings are interned.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).expect("fewer than 2^32 symbols");
        let shared: std::sync::Arc<str> = name.into();
        self.names.push(shared.clone());
        self.ids.insert(shared, id);
        id
    }

    /// The id of `name`, if interned.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    /// The string of an id.
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// Number of interned strings (including the reserved id 0).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether only the reserved id 0 (or nothing) is interned.
    pub fn is_empty(&self) -> bool {
        self.names.len() <= 1
    }
}

/// The hasher of the reader's interning and look-up tables: `rustc-hash`'s Fx hash (input
/// files are trusted local data, so hash flooding is not a concern; measured faster than the
/// hand-written Fx-with-avalanche hasher this replaced, on sequential and on random 10-digit
/// ids alike).
pub(crate) type FastHash = rustc_hash::FxBuildHasher;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn age_uses_365_25_day_years() {
        // Proxy DOB 1 Apr 2007; 1 Apr 2025 is 6,575 days later; 6575 / 365.25 = 18.0014 → 18.
        assert_eq!(age_at(d(2007, 4, 1), d(2025, 4, 1)), 18);
        // One day earlier: 6,574 / 365.25 = 17.9986 → 17.
        assert_eq!(age_at(d(2007, 4, 1), d(2025, 3, 31)), 17);
        // Birth after the date: negative ages floor downwards.
        assert_eq!(age_at(d(2025, 4, 2), d(2025, 4, 1)), -1);
    }

    #[test]
    fn periods_parse_and_reject() {
        assert_eq!(
            "2023-24".parse::<Period>().unwrap(),
            Period::financial_year(2023)
        );
        assert_eq!("1999-00".parse::<Period>().unwrap().end, d(2000, 3, 31));
        for bad in ["2023-25", "2023", "x-y", "2024-04-01..2024-03-01", "23-24"] {
            assert_eq!(bad.parse::<Period>().unwrap_err().code(), "invalid_option");
        }
        let p: Period = "2024-04-01..2024-06-30".parse().unwrap();
        assert_eq!(p.to_string(), "2024-04-01..2024-06-30");
        assert!(p.overlaps(d(2024, 1, 1), None));
        assert!(!p.overlaps(d(2024, 1, 1), Some(d(2024, 3, 31))));
    }
}
