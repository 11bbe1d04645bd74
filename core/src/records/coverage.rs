//! Which months an extract really covers: each submission's reporting period derived from the
//! data, as DHSC derives it before choosing submissions (spec-ascof.md §5.4 "Latest
//! submission"; DHSC `ASC-CLD-LA-Dashboard`, methodology "Deriving accurate reporting periods").
//!
//! Councils often state a reporting period longer than the data they sent. DHSC therefore
//! counts, for each submission, the events **ending** in each month and keeps a month only when
//! it holds at least 2% of the submission's events and at least three of the four event types
//! (fewer when the file lacks a type). The derived period runs from the first day of the first
//! kept month to the last day of the last kept month. A submission with fewer than 100 events
//! keeps its stated period. Per local authority, the latest submission whose period covers the
//! reporting period is the one DHSC uses ([`latest_covering`]).
//!
//! What this module assumes, because the extract does not carry it (each marked \[L\] in the
//! spec sense: a library choice, not verified against DHSC output):
//! - **A submission is an LA's rows sharing one `reporting_period_end_date`.** DHSC tells files
//!   apart by their import date, which a council's extract does not hold. Rows without a stated
//!   period end form one submission per LA.
//! - **The import-month cut** ("events ending in or after the import month are excluded")
//!   applies only when the caller gives the import date ([`CoverageOptions::import_date`]).
//! - **"Total events"** for the 2% rule is the number of events counted in months (those with
//!   an end date before the cut); for the 100-event fallback it is every event of the
//!   submission. Open events (no end date) count towards the second only.
//! - **"Three of four, or fewer if the file lacks a type"** is read as one type fewer than the
//!   file holds among its counted events (3 of 4, 2 of 3, 1 of 2, 1 of 1).
//! - **Rows counted** are the dataset's events: rows rejected as invalid, cancelled events and
//!   person-identity conflicts (all in the ledger) are not counted.
//! - DHSC's later "version 2" derivation (per-type medians, one-month gap tolerance, reviews
//!   left out; marked in its source as not yet scheduled) is not implemented: the spec
//!   describes the rule above.

use super::lists::EventType;
use super::model::{Event, Period};
use super::reader::Dataset;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The share of a submission's counted events a month must hold to be kept: 2%, as the
/// fraction 1/50 (a month is dropped when `events × 50 < total`).
pub const MIN_MONTH_SHARE_DENOMINATOR: u64 = 50;

/// Below this many events a submission keeps its stated reporting period (100).
pub const MIN_EVENTS_TO_DERIVE: u64 = 100;

/// Options of [`coverage`].
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{CoverageOptions, NaiveDate};
/// let o = CoverageOptions {
///     import_date: NaiveDate::from_ymd_opt(2025, 5, 12),
///     period: Some("2024-25".parse().unwrap()),
/// };
/// assert!(o.import_date.is_some());
/// assert_eq!(CoverageOptions::default().import_date, None);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageOptions {
    /// The date the submissions were imported, when known: events ending in or after its month
    /// are not counted (DHSC's cut). `None` counts every end date.
    pub import_date: Option<NaiveDate>,
    /// The reporting period being measured, when known: each submission's
    /// [`SubmissionCoverage::selected`] then says whether it is its authority's latest
    /// submission covering the period ([`latest_covering`]).
    pub period: Option<Period>,
}

impl CoverageOptions {
    /// Options from text, as the faces receive them: `import_date` a date in any form
    /// [`parse_date`](super::parse_date) reads, `period` as [`Period`] parses it.
    ///
    /// # Errors
    /// `invalid_option` (option `import_date` or `period`) when either does not parse.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::CoverageOptions;
    /// let o = CoverageOptions::parse(Some("2025-05-12"), Some("2024-25")).unwrap();
    /// assert_eq!(o.import_date.unwrap().to_string(), "2025-05-12");
    /// assert_eq!(o.period.unwrap().end.to_string(), "2025-03-31");
    /// let e = CoverageOptions::parse(Some("soon"), None).unwrap_err();
    /// assert_eq!(e.code(), "invalid_option");
    /// ```
    pub fn parse(import_date: Option<&str>, period: Option<&str>) -> crate::error::Result<Self> {
        let import_date = import_date
            .map(|d| {
                super::parse_date(d).ok_or_else(|| crate::error::Error::InvalidOption {
                    option: "import_date",
                    value: d.to_owned(),
                    expected: "a date (YYYY-MM-DD)",
                })
            })
            .transpose()?;
        let period = period.map(str::parse::<Period>).transpose()?;
        Ok(CoverageOptions {
            import_date,
            period,
        })
    }
}

/// Which submissions `derive` uses ([`DeriveOptions::submissions`](super::DeriveOptions)).
///
/// # Examples
///
/// ```
/// use care_outcomes::records::Submissions;
/// assert_eq!(Submissions::default(), Submissions::All);
/// assert_eq!("latest".parse::<Submissions>().unwrap(), Submissions::Latest);
/// assert_eq!(Submissions::Latest.code(), "latest");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Submissions {
    /// Every row given (`all`): an authority's own extract, or files already chosen. Events
    /// repeated across submissions are still de-duplicated (latest reference period first).
    #[default]
    All,
    /// Per authority, only the latest submission covering the period (`latest`, DHSC's
    /// choice; [`latest_submissions`]); other rows are excluded in the ledger.
    Latest,
}

string_codes! {
    /// The stable code: `all` or `latest`.
    Submissions: code, option "submissions", expected "all or latest" {
        All = "all",
        Latest = "latest",
    }
}

/// Why a month is not part of the derived period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthDropped {
    /// Fewer than 2% of the submission's counted events end in the month (`few_events`).
    FewEvents,
    /// Fewer event types end in the month than the rule asks (`few_event_types`).
    FewEventTypes,
}

string_codes! {
    /// The stable code: `few_events` or `few_event_types`.
    MonthDropped: code, option "month_dropped", expected "few_events or few_event_types" {
        FewEvents = "few_events",
        FewEventTypes = "few_event_types",
    }
}

/// How a submission's period was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodBasis {
    /// Derived from the months kept (`derived`).
    Derived,
    /// Fewer than 100 events: the stated period stands (`stated`). The extract states only the
    /// period end, so [`SubmissionCoverage::period`] is `None`.
    Stated,
    /// At least 100 events but no month passes both tests (`no_complete_month`).
    NoCompleteMonth,
}

string_codes! {
    /// The stable code: `derived`, `stated` or `no_complete_month`.
    PeriodBasis: code, option "period_basis", expected "derived, stated or no_complete_month" {
        Derived = "derived",
        Stated = "stated",
        NoCompleteMonth = "no_complete_month",
    }
}

/// The events of one submission ending in one calendar month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCoverage {
    /// First day of the month.
    pub month: NaiveDate,
    /// Events ending in the month (count).
    pub events: u64,
    /// Distinct event types among them (0–4).
    pub event_types: u8,
    /// Why the month is left out of the period; `None` when it is kept.
    pub dropped: Option<MonthDropped>,
}

impl MonthCoverage {
    /// Whether the month passes both tests.
    pub fn kept(&self) -> bool {
        self.dropped.is_none()
    }
}

/// One submission of one local authority and the months its data covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionCoverage {
    /// Local authority code, as in the extract.
    pub la: String,
    /// The stated reporting period end (`reporting_period_end_date`), which identifies the
    /// submission; `None` for rows that state none.
    pub stated_end: Option<NaiveDate>,
    /// Every event of the submission in the dataset, open ones included (count).
    pub events: u64,
    /// Events counted in months: with an end date before the import month (count).
    pub counted: u64,
    /// Distinct event types among the counted events (0–4).
    pub event_types: u8,
    /// Event types a month needs: one fewer than `event_types`, at least 1 (\[L\]).
    pub types_needed: u8,
    /// Every month from the first to the last with a counted event, empty months included, in
    /// order.
    pub months: Vec<MonthCoverage>,
    /// How the period was found.
    pub basis: PeriodBasis,
    /// The derived period (first day of the first kept month to last day of the last kept
    /// month); `None` unless `basis` is [`PeriodBasis::Derived`].
    pub period: Option<Period>,
    /// Whether this is its authority's latest submission covering
    /// [`CoverageOptions::period`] (always `false` without one).
    pub selected: bool,
}

impl SubmissionCoverage {
    /// Whether the derived period covers all of `period`.
    pub fn covers(&self, period: &Period) -> bool {
        self.period
            .is_some_and(|p| p.start <= period.start && p.end >= period.end)
    }
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn next_month(d: NaiveDate) -> NaiveDate {
    // `d` is a first of month; chrono's range ends in year 262142, far beyond any CLD date.
    d.checked_add_months(chrono::Months::new(1)).unwrap_or(d)
}

fn type_bit(t: EventType) -> u8 {
    match t {
        EventType::Request => 1,
        EventType::Assessment => 2,
        EventType::Service => 4,
        EventType::Review => 8,
    }
}

#[derive(Default)]
struct Tally {
    events: u64,
    /// Per month (first day): events ending there and the event types among them (bit set).
    months: BTreeMap<NaiveDate, (u64, u8)>,
}

fn bits(set: u8) -> u8 {
    // At most four bits are set, so the count fits in u8.
    u8::try_from(set.count_ones()).unwrap_or(u8::MAX)
}

fn summarise(la: String, stated_end: Option<NaiveDate>, tally: &Tally) -> SubmissionCoverage {
    let counted: u64 = tally.months.values().map(|m| m.0).sum();
    let all_types = tally.months.values().fold(0u8, |acc, m| acc | m.1);
    let event_types = bits(all_types);
    let types_needed = event_types.saturating_sub(1).max(1);
    let mut months = Vec::new();
    if let (Some(&first), Some(&last)) = (tally.months.keys().next(), tally.months.keys().last()) {
        let mut m = first;
        loop {
            let (events, set) = tally.months.get(&m).copied().unwrap_or((0, 0));
            let types = bits(set);
            let dropped = if events * MIN_MONTH_SHARE_DENOMINATOR < counted {
                Some(MonthDropped::FewEvents)
            } else if types < types_needed {
                Some(MonthDropped::FewEventTypes)
            } else {
                None
            };
            months.push(MonthCoverage {
                month: m,
                events,
                event_types: types,
                dropped,
            });
            if m >= last {
                break;
            }
            m = next_month(m);
        }
    }
    let (basis, period) = if tally.events < MIN_EVENTS_TO_DERIVE {
        (PeriodBasis::Stated, None)
    } else {
        let first = months.iter().find(|m| m.kept());
        let last = months.iter().rev().find(|m| m.kept());
        match (first, last) {
            (Some(f), Some(l)) => {
                let end = next_month(l.month).pred_opt().unwrap_or(l.month);
                (
                    PeriodBasis::Derived,
                    Some(Period {
                        start: f.month,
                        end,
                    }),
                )
            }
            _ => (PeriodBasis::NoCompleteMonth, None),
        }
    };
    SubmissionCoverage {
        la,
        stated_end,
        events: tally.events,
        counted,
        event_types,
        types_needed,
        months,
        basis,
        period,
        selected: false,
    }
}

fn counted_end(e: &Event, cut: Option<NaiveDate>) -> Option<NaiveDate> {
    let end = e.end?;
    match cut {
        Some(cut) if end >= cut => None,
        _ => Some(end),
    }
}

/// The submissions in `dataset`, each with its events by month of ending and the reporting
/// period derived from them; ordered by local authority code, then stated period end (a
/// submission stating none first).
///
/// # Examples
///
/// One council's rolling-year file states 2024-04-01..2025-03-31 but holds data from May only:
/// April has a single request, under 2% of the submission's events, so the derived period
/// starts in May.
///
/// ```
/// use care_outcomes::records::{coverage, CoverageOptions, Dataset, MonthDropped, PeriodBasis};
/// let mut csv = String::from(
///     "la_code,nhs_number,client_type,event_type,service_type,event_start_date,event_end_date,reporting_period_end_date\n",
/// );
/// csv.push_str("X,1,Service User,Request,,2024-04-10,2024-04-10,2025-03-31\n");
/// for month in 5..=12 {
///     for (i, (t, s)) in [("Request", ""), ("Assessment", ""), ("Service", "ST-Max")].iter().enumerate() {
///         for k in 0..5 {
///             csv.push_str(&format!(
///                 "X,{},Service User,{t},{s},2024-{month:02}-01,2024-{month:02}-20,2025-03-31\n",
///                 100 * month + 10 * i + k
///             ));
///         }
///     }
/// }
/// let ds = Dataset::from_csv_str(&csv).unwrap();
/// let c = coverage(&ds, &CoverageOptions::default());
/// assert_eq!(c.len(), 1);
/// assert_eq!(c[0].events, 121);
/// assert_eq!(c[0].basis, PeriodBasis::Derived);
/// assert_eq!(c[0].months[0].dropped, Some(MonthDropped::FewEvents));
/// let p = c[0].period.unwrap();
/// assert_eq!((p.start.to_string(), p.end.to_string()), ("2024-05-01".into(), "2024-12-31".into()));
/// ```
pub fn coverage(dataset: &Dataset, options: &CoverageOptions) -> Vec<SubmissionCoverage> {
    let cut = options.import_date.map(first_of_month);
    let mut tallies: BTreeMap<(u32, Option<NaiveDate>), Tally> = BTreeMap::new();
    for e in dataset.events() {
        let t = tallies.entry((e.la, e.submitted_period_end)).or_default();
        t.events += 1;
        if let Some(end) = counted_end(e, cut) {
            let m = t.months.entry(first_of_month(end)).or_insert((0, 0));
            m.0 += 1;
            m.1 |= type_bit(e.event_type);
        }
    }
    let symbols = dataset.symbols();
    let mut out: Vec<SubmissionCoverage> = tallies
        .into_iter()
        .map(|((la, end), t)| summarise(symbols.name(la).to_owned(), end, &t))
        .collect();
    out.sort_by(|a, b| (&a.la, a.stated_end).cmp(&(&b.la, b.stated_end)));
    if let Some(period) = &options.period {
        let chosen: Vec<(String, Option<NaiveDate>)> = latest_covering(&out, period)
            .into_iter()
            .map(|s| (s.la.clone(), s.stated_end))
            .collect();
        for s in &mut out {
            s.selected = chosen.contains(&(s.la.clone(), s.stated_end));
        }
    }
    out
}

/// Per local authority, the submission DHSC would use for `period`: the one with the latest
/// stated period end among those whose derived period covers all of `period`. Authorities with
/// no covering submission are left out; compare with the input to find them.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{coverage, latest_covering, CoverageOptions, Dataset, Period};
/// # let mut csv = String::from(
/// #     "la_code,nhs_number,client_type,event_type,event_start_date,event_end_date,reporting_period_end_date\n",
/// # );
/// # for month in 1..=12 {
/// #     for k in 0..10 {
/// #         csv.push_str(&format!("X,{},Service User,Request,2024-{month:02}-01,2024-{month:02}-02,2024-12-31\n", 100 * month + k));
/// #     }
/// # }
/// let ds = Dataset::from_csv_str(&csv).unwrap();
/// let all = coverage(&ds, &CoverageOptions::default());
/// let calendar_2024 = Period::new(
///     "2024-01-01".parse().unwrap(),
///     "2024-12-31".parse().unwrap(),
/// ).unwrap();
/// assert_eq!(latest_covering(&all, &calendar_2024).len(), 1);
/// let fy = "2024-25".parse::<Period>().unwrap();
/// assert!(latest_covering(&all, &fy).is_empty());
/// ```
pub fn latest_covering<'a>(
    submissions: &'a [SubmissionCoverage],
    period: &Period,
) -> Vec<&'a SubmissionCoverage> {
    let mut best: BTreeMap<&str, &SubmissionCoverage> = BTreeMap::new();
    for s in submissions.iter().filter(|s| s.covers(period)) {
        let slot = best.entry(s.la.as_str()).or_insert(s);
        if s.stated_end > slot.stated_end {
            *slot = s;
        }
    }
    best.into_values().collect()
}

/// The rows of the submissions DHSC would use for `options.period` (spec-ascof.md §5.4 "Latest
/// submission"): per authority, its latest submission whose derived period covers the period
/// ([`coverage`] with `selected`). Every other row is excluded in the returned dataset's
/// ledger: `superseded_submission` when its authority has a covering submission,
/// `no_covering_submission` when it has none (so that authority drops out of the measures).
///
/// # Errors
/// `missing_input` (field `period`) when `options.period` is `None`.
///
/// # Examples
///
/// Two submissions of one council cover the year; the later one is used, and the earlier one's
/// rows are excluded as superseded.
///
/// ```
/// use care_outcomes::records::{latest_submissions, CoverageOptions, Dataset};
/// let mut csv = String::from(
///     "la_code,nhs_number,client_type,event_type,event_start_date,event_end_date,reporting_period_end_date\n",
/// );
/// for stated_end in ["2025-03-31", "2025-06-30"] {
///     for (y, m) in (4..=12).map(|m| (2024, m)).chain((1..=3).map(|m| (2025, m))) {
///         for k in 0..10 {
///             csv.push_str(&format!(
///                 "X,{k}{m}{y},Service User,Request,{y}-{m:02}-01,{y}-{m:02}-02,{stated_end}\n"
///             ));
///         }
///     }
/// }
/// let ds = Dataset::from_csv_str(&csv).unwrap();
/// let options = CoverageOptions::parse(None, Some("2024-25")).unwrap();
/// let latest = latest_submissions(&ds, &options).unwrap();
/// assert_eq!(latest.events().len(), 120);
/// assert_eq!(latest.ledger().excluded["superseded_submission"], 120);
/// ```
pub fn latest_submissions(
    dataset: &Dataset,
    options: &CoverageOptions,
) -> crate::error::Result<Dataset> {
    let Some(period) = options.period else {
        return Err(crate::error::Error::MissingInput {
            field: "period",
            at: crate::Location::NONE,
        });
    };
    Ok(select_latest(dataset, options.import_date, period))
}

/// [`latest_submissions`] for a given period (what [`Submissions::Latest`] runs in `derive`).
pub(super) fn select_latest(
    dataset: &Dataset,
    import_date: Option<NaiveDate>,
    period: Period,
) -> Dataset {
    let options = CoverageOptions {
        import_date,
        period: Some(period),
    };
    let symbols = dataset.symbols();
    let mut chosen: BTreeMap<u32, Option<NaiveDate>> = BTreeMap::new();
    for s in coverage(dataset, &options)
        .into_iter()
        .filter(|s| s.selected)
    {
        if let Some(la) = symbols.get(&s.la) {
            chosen.insert(la, s.stated_end);
        }
    }
    dataset.retain_events(|e| match chosen.get(&e.la) {
        Some(end) if *end == e.submitted_period_end => None,
        Some(_) => Some("superseded_submission"),
        None => Some("no_covering_submission"),
    })
}
