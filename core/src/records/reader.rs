//! Reading CLD rows (CSV, streaming) into a [`Dataset`] of validated events with resolved person
//! identity (§5.4 "Person ID").

use std::io::Read;

use chrono::NaiveDate;

use super::builder::{Builder, Columns, PersonKeyTable};
use super::csv_ranges::read_csv;
use super::ledger::Ledger;
use super::model::{Event, Symbols};
use crate::{Error, Result};

/// The CLD fields the engine reads. Header names are matched after lower-casing and turning
/// every run of non-alphanumeric characters into `_` (so `Event Start Date`, `Event_Start_Date`
/// and `event_start_date` are the same); each field has the aliases listed in [`Field::aliases`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// LA code.
    LaCode,
    /// NHS number (or NHS England's pseudonymised `Der_NHS_Number_Traced_Pseudo`).
    NhsNumber,
    /// LA person unique identifier (or its `Der_…_Pseudo` form).
    LaPersonId,
    /// Date of birth.
    DateOfBirth,
    /// Derived birth year (pseudonymised view).
    BirthYear,
    /// Derived birth month (pseudonymised view).
    BirthMonth,
    /// Date of death.
    DateOfDeath,
    /// Client type.
    ClientType,
    /// Primary support reason.
    PrimarySupportReason,
    /// Accommodation status.
    AccommodationStatus,
    /// Event type.
    EventType,
    /// Event start date.
    EventStartDate,
    /// Event end date.
    EventEndDate,
    /// Event outcome.
    EventOutcome,
    /// Event description.
    EventDescription,
    /// Request route of access.
    RouteOfAccess,
    /// Assessment type.
    AssessmentType,
    /// Service type.
    ServiceType,
    /// Service component.
    ServiceComponent,
    /// Delivery mechanism.
    DeliveryMechanism,
    /// Reporting period end date of the submission.
    ReportingPeriodEnd,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 21] = [
        Field::LaCode,
        Field::NhsNumber,
        Field::LaPersonId,
        Field::DateOfBirth,
        Field::BirthYear,
        Field::BirthMonth,
        Field::DateOfDeath,
        Field::ClientType,
        Field::PrimarySupportReason,
        Field::AccommodationStatus,
        Field::EventType,
        Field::EventStartDate,
        Field::EventEndDate,
        Field::EventOutcome,
        Field::EventDescription,
        Field::RouteOfAccess,
        Field::AssessmentType,
        Field::ServiceType,
        Field::ServiceComponent,
        Field::DeliveryMechanism,
        Field::ReportingPeriodEnd,
    ];

    /// The canonical snake_case column name (the first alias).
    pub fn name(self) -> &'static str {
        self.aliases()[0]
    }

    /// Accepted (normalised) header names, canonical first.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::LaCode => &["la_code", "la", "cassr_code", "local_authority_code"],
            Field::NhsNumber => &["nhs_number", "der_nhs_number_traced_pseudo"],
            Field::LaPersonId => &[
                "la_person_unique_identifier",
                "der_la_person_unique_identifier_pseudo",
                "la_person_id",
            ],
            Field::DateOfBirth => &["date_of_birth", "dob"],
            Field::BirthYear => &["der_birth_year", "birth_year"],
            Field::BirthMonth => &["der_birth_month", "birth_month"],
            Field::DateOfDeath => &["date_of_death"],
            Field::ClientType => &["client_type"],
            Field::PrimarySupportReason => &["primary_support_reason"],
            Field::AccommodationStatus => &["accommodation_status"],
            Field::EventType => &["event_type"],
            Field::EventStartDate => &["event_start_date"],
            Field::EventEndDate => &["event_end_date"],
            Field::EventOutcome => &["event_outcome"],
            Field::EventDescription => &["event_description"],
            Field::RouteOfAccess => &["request_route_of_access", "route_of_access"],
            Field::AssessmentType => &["assessment_type"],
            Field::ServiceType => &["service_type"],
            Field::ServiceComponent => &["service_component"],
            Field::DeliveryMechanism => &["delivery_mechanism"],
            Field::ReportingPeriodEnd => &["reporting_period_end_date", "reporting_period_end"],
        }
    }
}

pub(super) fn header_key(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    for ch in h.trim().trim_start_matches('\u{feff}').chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
}

#[cfg(feature = "arrow")]
/// The field a column name stands for (header names as for CSV), if any.
pub(super) fn field_of(name: &str) -> Option<Field> {
    let key = header_key(name);
    Field::ALL
        .into_iter()
        .find(|f| f.aliases().contains(&&*key))
}

/// Parses a CLD date: `YYYY-MM-DD` (a trailing time is ignored) or `DD/MM/YYYY`.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::parse_date;
/// assert_eq!(parse_date("2024-04-01").unwrap().to_string(), "2024-04-01");
/// assert_eq!(parse_date("01/04/2024").unwrap().to_string(), "2024-04-01");
/// assert_eq!(parse_date("2024-04-01 00:00:00").unwrap().to_string(), "2024-04-01");
/// assert!(parse_date("31/02/2024").is_none());
/// ```
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_date_bytes(text.trim().as_bytes())
}

/// [`parse_date`] of text already trimmed (`str::trim`).
pub(super) fn parse_date_bytes(b: &[u8]) -> Option<NaiveDate> {
    let (y, m, d) = parse_ymd(b)?;
    date_of(y, m, d)
}

/// The year, month and day written in a CLD date (`YYYY-MM-DD`, a trailing time ignored, or
/// `DD/MM/YYYY`; text already trimmed), not yet checked to be a calendar date.
pub(super) fn parse_ymd(b: &[u8]) -> Option<(i32, u32, u32)> {
    let digit = |i: usize| -> Option<u32> {
        let c = b[i].wrapping_sub(b'0');
        (c < 10).then_some(u32::from(c))
    };
    let two = |i: usize| -> Option<u32> { Some(digit(i)? * 10 + digit(i + 1)?) };
    let four = |i: usize| -> Option<i32> { i32::try_from(two(i)? * 100 + two(i + 2)?).ok() };
    if b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && (b.len() == 10 || matches!(b[10], b' ' | b'T'))
    {
        return Some((four(0)?, two(5)?, two(8)?));
    }
    if b.len() == 10 && b[2] == b'/' && b[5] == b'/' {
        return Some((four(6)?, two(3)?, two(0)?));
    }
    None
}

/// First year of the table of dates [`date_of`] looks up.
const TABLE_FROM: i32 = 1900;
/// Years in that table (1900 to 2100).
const TABLE_YEARS: usize = 201;

/// `NaiveDate::from_ymd_opt(y, m, d)`: looked up in a table of every (year, month, day 1..=31)
/// of 1900–2100 (about 300 KB, built once with chrono; `None` where the day does not exist),
/// computed by chrono outside those years. CLD dates are read by the tens of millions and
/// nearly all fall in those years.
pub(super) fn date_of(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    static TABLE: std::sync::OnceLock<Vec<Option<NaiveDate>>> = std::sync::OnceLock::new();
    let in_table = (1..=12).contains(&m) && (1..=31).contains(&d);
    match usize::try_from(y - TABLE_FROM) {
        Ok(year) if year < TABLE_YEARS && in_table => {
            let table = TABLE.get_or_init(|| {
                let mut t = Vec::with_capacity(TABLE_YEARS * 372);
                for y in TABLE_FROM..TABLE_FROM + 201 {
                    for m in 1..=12 {
                        for d in 1..=31 {
                            t.push(NaiveDate::from_ymd_opt(y, m, d));
                        }
                    }
                }
                t
            });
            table[year * 372 + (m as usize - 1) * 31 + (d as usize - 1)]
        }
        _ => NaiveDate::from_ymd_opt(y, m, d),
    }
}

/// Validated events grouped by person, their interned strings and the reading part of the row
/// ledger (rows read, rejected, cancelled, person-id conflicts).
///
/// # Examples
///
/// ```
/// use care_outcomes::records::Dataset;
/// let csv = "la_code,nhs_number,client_type,event_type,event_start_date,event_end_date,service_type\n\
///            X,1,Service User,Service,2024-05-01,2024-05-20,ST-Max\n\
///            X,1,Service User,Service,not a date,,ST-Max\n";
/// let ds = Dataset::from_csv_str(csv).unwrap();
/// assert_eq!(ds.events().len(), 1);
/// assert_eq!(ds.ledger().read, 2);
/// assert_eq!(ds.ledger().rejected[0].reason, "invalid_date:event_start_date");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    symbols: Symbols,
    events: Vec<Event>,
    /// Start index of each person's events in `events` (plus a final `events.len()`).
    bounds: Vec<usize>,
    ledger: Ledger,
    person_keys: PersonKeyTable,
}

impl Dataset {
    /// Reads CSV text.
    ///
    /// # Errors
    /// `missing_input` when a required column is absent; `invalid_definition` when the text is
    /// not CSV.
    pub fn from_csv_str(text: &str) -> Result<Self> {
        Self::from_csv_reader(text.as_bytes())
    }

    /// Reads a CSV file (see [`Dataset::from_csv_reader_with`]; default [`ReadOptions`]).
    ///
    /// # Errors
    /// As [`Dataset::from_csv_reader`]; `invalid_definition` when the file cannot be opened.
    pub fn from_csv_path(path: impl AsRef<std::path::Path>) -> Result<Self> {
        let file = std::fs::File::open(path.as_ref()).map_err(|e| Error::InvalidDefinition {
            message: format!("cannot open {}: {e}", path.as_ref().display()),
        })?;
        let size = file.metadata().ok().map(|m| m.len());
        read_csv(file, &ReadOptions::default(), size)
    }

    /// Reads CSV from any reader with the default [`ReadOptions`] (both cores on large input).
    ///
    /// # Errors
    /// `missing_input` when `event_type`, `event_start_date` or both person-id columns are
    /// absent; `invalid_definition` on an I/O error.
    pub fn from_csv_reader<R: Read>(reader: R) -> Result<Self> {
        read_csv(reader, &ReadOptions::default(), None)
    }

    /// Reads CSV from any reader in blocks of `options.block_bytes` (the input is never held
    /// whole). Each block is split at line ends into byte ranges (up to four per thread), which
    /// the threads take in turn (the calling thread too, once it has merged the previous block
    /// and read the next); each range is parsed and validated into a partial result, and partials merge in input order, so the
    /// dataset, its row numbers and its ledger are exactly those of one sequential pass. A
    /// split that falls inside a quoted field (one holding a line break) is detected and that
    /// part of the block is re-read in one pass. Person identity is resolved after the merge.
    ///
    /// # Errors
    /// As [`Dataset::from_csv_reader`].
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::{Dataset, ReadOptions};
    /// // Row 1's description holds a line break inside quotes.
    /// let csv = "nhs_number,event_type,event_start_date,client_type,event_description\n\
    ///            1,Request,2024-05-01,Service User,\"line one\nline two\"\n\
    ///            2,Request,2024-05-02,Service User,\n\
    ///            3,Request,not a date,Service User,\n";
    /// let one = Dataset::from_csv_reader_with(csv.as_bytes(), &ReadOptions::sequential()).unwrap();
    /// let options = ReadOptions { threads: 3, block_bytes: 40, min_range_bytes: 1 };
    /// let many = Dataset::from_csv_reader_with(csv.as_bytes(), &options).unwrap();
    /// assert_eq!(one, many);
    /// assert_eq!(many.ledger().rejected[0].row, 3);
    /// ```
    pub fn from_csv_reader_with<R: Read>(reader: R, options: &ReadOptions) -> Result<Self> {
        read_csv(reader, options, None)
    }

    /// Builds a dataset from column buffers: `columns` names each column (header names as for
    /// CSV) and holds one optional string per row. This is how the faces hand over Arrow and
    /// JS data without a CSV round trip.
    ///
    /// # Errors
    /// `length_mismatch` when the columns differ in length; `missing_input` as for CSV.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::Dataset;
    /// let cols = vec![
    ///     ("nhs_number".to_string(), vec![Some("1".to_string())]),
    ///     ("client_type".to_string(), vec![Some("Service User".to_string())]),
    ///     ("event_type".to_string(), vec![Some("Request".to_string())]),
    ///     ("event_start_date".to_string(), vec![Some("2024-06-01".to_string())]),
    /// ];
    /// let ds = Dataset::from_columns(&cols).unwrap();
    /// assert_eq!(ds.events().len(), 1);
    /// ```
    pub fn from_columns(columns: &[(String, Vec<Option<String>>)]) -> Result<Self> {
        let rows = columns.first().map_or(0, |c| c.1.len());
        for (_, values) in columns {
            if values.len() != rows {
                return Err(Error::LengthMismatch {
                    field: "column",
                    expected: rows,
                    found: values.len(),
                });
            }
        }
        let index = columns_of(columns.iter().map(|(name, _)| name.as_str()));
        let mut builder = Builder::new(index)?;
        for r in 0..rows {
            builder.push(|c| columns[c].1[r].as_deref().map(str::as_bytes));
        }
        Ok(builder.finish())
    }

    /// All events, sorted by person, then start date, then row.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The events of each person (one slice per person).
    pub fn people(&self) -> impl ExactSizeIterator<Item = &[Event]> + '_ {
        self.bounds.windows(2).map(|w| &self.events[w[0]..w[1]])
    }

    /// The interned strings.
    pub fn symbols(&self) -> &Symbols {
        &self.symbols
    }

    /// The reading part of the ledger (rows read, rejected, and excluded before de-duplication).
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    pub(super) fn from_parts(
        symbols: Symbols,
        events: Vec<Event>,
        bounds: Vec<usize>,
        ledger: Ledger,
        person_keys: PersonKeyTable,
    ) -> Self {
        Dataset {
            symbols,
            events,
            bounds,
            ledger,
            person_keys,
        }
    }

    /// A copy holding only the events `verdict` keeps (`None`); each other event is counted in
    /// the ledger as excluded by the rule `verdict` names. Person ids and order are kept.
    pub(super) fn retain_events(
        &self,
        mut verdict: impl FnMut(&Event) -> Option<&'static str>,
    ) -> Self {
        let mut ledger = self.ledger.clone();
        let mut events = Vec::with_capacity(self.events.len());
        let mut bounds = vec![0];
        for person in self.people() {
            for e in person {
                match verdict(e) {
                    None => events.push(e.clone()),
                    Some(rule) => ledger.exclude(rule),
                }
            }
            if events.len() > bounds[bounds.len() - 1] {
                bounds.push(events.len());
            }
        }
        Dataset::from_parts(
            self.symbols.clone(),
            events,
            bounds,
            ledger,
            self.person_keys.clone(),
        )
    }

    /// Who a person id ([`Event::person`]) stands for: their LA and the NHS number or LA person
    /// id that identifies them (§5.4), as read.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::{Dataset, PersonId};
    /// let csv = "la_code,nhs_number,la_person_unique_identifier,client_type,event_type,event_start_date\n\
    ///            X,9000000001,,Service User,Request,2024-05-01\n\
    ///            X,,AB-12,Service User,Request,2024-05-01\n";
    /// let ds = Dataset::from_csv_str(csv).unwrap();
    /// let ids: Vec<PersonId> = ds.events().iter().map(|e| ds.person(e.person).unwrap()).collect();
    /// assert!(ids.contains(&PersonId { la: "X", nhs_number: true, id: "9000000001".into() }));
    /// assert!(ids.contains(&PersonId { la: "X", nhs_number: false, id: "AB-12".into() }));
    /// ```
    pub fn person(&self, person: u32) -> Option<PersonId<'_>> {
        let (la, la_id, id) = self.person_keys.decode(person)?;
        Some(PersonId {
            la: self.symbols.name(la),
            nhs_number: !la_id,
            id,
        })
    }
}

/// The identity of a person in a [`Dataset`] (§5.4 "Person ID"): persons are keyed within
/// their LA by NHS number, else by LA person id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonId<'a> {
    /// LA code (empty when the rows had none).
    pub la: &'a str,
    /// `true` when `id` is an NHS number, `false` for an LA person unique identifier.
    pub nhs_number: bool,
    /// The NHS number or LA person id, as read (trimmed).
    pub id: std::borrow::Cow<'a, str>,
}

/// How [`Dataset::from_csv_reader_with`] reads CSV: threads and block sizes.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::ReadOptions;
/// let o = ReadOptions::default();
/// assert!(o.threads >= 1);
/// assert_eq!(o.block_bytes, 16 << 20);
/// assert_eq!(ReadOptions::sequential().threads, 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Threads that parse each block (1 = one pass on the calling thread; always 1 on wasm32).
    pub threads: usize,
    /// Bytes read per block (at least 1); memory in flight is about two blocks.
    pub block_bytes: usize,
    /// Smallest byte range worth a thread: a block is split into at most
    /// `block length / min_range_bytes` ranges.
    pub min_range_bytes: usize,
}

impl Default for ReadOptions {
    /// Every core (one on wasm32, where threads are unsupported), 16 MiB blocks, ranges of at
    /// least 256 KiB.
    fn default() -> Self {
        let threads = if cfg!(target_family = "wasm") {
            1
        } else {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
        };
        ReadOptions {
            threads,
            block_bytes: 16 << 20,
            min_range_bytes: 256 << 10,
        }
    }
}

impl ReadOptions {
    /// One thread, default blocks: one sequential pass.
    pub fn sequential() -> Self {
        ReadOptions {
            threads: 1,
            ..ReadOptions::default()
        }
    }
}

/// The column index of each [`Field`] given the header names (first match wins).
pub(super) fn columns_of<'a>(names: impl IntoIterator<Item = &'a str>) -> Columns {
    let mut columns: Columns = [None; Field::ALL.len()];
    for (i, h) in names.into_iter().enumerate() {
        let key = header_key(h);
        if let Some(f) = Field::ALL
            .into_iter()
            .find(|f| f.aliases().contains(&&*key))
        {
            columns[f as usize].get_or_insert(i);
        }
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "LA Code,NHS Number,LA Person Unique Identifier,Client Type,Event Type,\
        Event Start Date,Event End Date,Event Outcome,Service Type\n";

    #[test]
    fn person_identity_drops_la_ids_linked_to_an_nhs_number() {
        // Row 1: NHS 111 with LA id A → person N111.
        // Row 2: LA id A without NHS number → A co-occurs with an NHS number: excluded.
        // Row 3: LA id B alone → person LB.
        // Row 4: same LA id A but in another LA → not linked there: person LA-A in LA "Y".
        let csv = format!(
            "{HEAD}X,111,A,Service User,Request,2024-05-01,2024-05-01,NFA – Other,\n\
             X,,A,Service User,Request,2024-06-01,2024-06-01,NFA – Other,\n\
             X,,B,Service User,Request,2024-06-01,2024-06-01,NFA – Other,\n\
             Y,,A,Service User,Request,2024-06-01,2024-06-01,NFA – Other,\n"
        );
        let ds = Dataset::from_csv_str(&csv).unwrap();
        assert_eq!(ds.events().len(), 3);
        assert_eq!(ds.people().len(), 3);
        assert_eq!(ds.ledger().excluded["person_id_conflict"], 1);
        assert_eq!(ds.ledger().read, 4);
    }

    #[test]
    fn invalid_rows_are_rejected_with_reason_and_row() {
        let csv = format!(
            "{HEAD}X,1,,Service User,Request,2024-05-01,2024-05-01,NFA – Other,\n\
             X,1,,Service User,Lunch,2024-05-01,2024-05-01,,\n\
             X,1,,Service User,Request,2024-05-02,2024-05-01,,\n\
             X,,,Service User,Request,2024-05-01,,,\n\
             X,1,,Service User,Service,2024-05-01,,,\n\
             X,1,,Service User,Request,2024-05-01,,Cancelled,\n\
             X,1,,,Request,2024-05-01,,,\n\
             X,1,,Service User,Request,,,,\n\
             X,1,,Service User,Request,2024-05-01,,Whatever,\n"
        );
        let ds = Dataset::from_csv_str(&csv).unwrap();
        let reasons: Vec<_> = ds
            .ledger()
            .rejected
            .iter()
            .map(|r| (r.row, r.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            vec![
                (2, "unknown_value:event_type"),
                (3, "end_before_start"),
                (4, "missing:person_id"),
                (5, "missing:service_type"),
                (7, "missing:client_type"),
                (8, "missing:event_start_date"),
                (9, "unknown_value:event_outcome"),
            ]
        );
        assert_eq!(ds.ledger().excluded["cancelled"], 1);
        assert_eq!(ds.events().len(), 1);
    }

    #[test]
    fn missing_columns_are_errors() {
        let e = Dataset::from_csv_str("nhs_number,event_type\n1,Request\n").unwrap_err();
        assert_eq!(e.code(), "missing_input");
        let e = Dataset::from_csv_str("event_type,event_start_date\n").unwrap_err();
        assert_eq!(e.code(), "missing_input");
    }

    #[test]
    fn dates_agree_with_chrono() {
        // Every day of 1900-2100 (the table) and the years either side (chrono), with month
        // and day numbers out of range, in both formats.
        for y in 1895..=2105 {
            for m in 0..=13 {
                for d in 0..=32 {
                    let want = NaiveDate::from_ymd_opt(y, m, d);
                    assert_eq!(date_of(y, m, d), want, "{y}-{m}-{d}");
                    let iso = format!("{y:04}-{m:02}-{d:02}");
                    assert_eq!(parse_date(&iso), want, "{iso}");
                    let uk = format!("{d:02}/{m:02}/{y:04}");
                    assert_eq!(parse_date(&uk), want, "{uk}");
                }
            }
        }
        assert_eq!(date_of(1900, 1, 1), NaiveDate::from_ymd_opt(1900, 1, 1));
        assert_eq!(date_of(2100, 12, 31), NaiveDate::from_ymd_opt(2100, 12, 31));
        assert_eq!(date_of(2100, 2, 29), None);
        assert_eq!(date_of(2000, 2, 29), NaiveDate::from_ymd_opt(2000, 2, 29));
        assert_eq!(date_of(-5, 3, 1), NaiveDate::from_ymd_opt(-5, 3, 1));
        for bad in [
            "2024-4-01",
            "2024/04/01",
            "20240401",
            "2024-04-0a",
            "-024-04-01",
            "2024-04-01x",
            "+2024-04-1",
            "1/04/2024",
            "01-04-2024",
            "٢٠٢٤-04-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(
            parse_date("2024-04-01T10:00"),
            NaiveDate::from_ymd_opt(2024, 4, 1)
        );
    }

    #[test]
    fn birth_dates_become_first_of_month_proxies() {
        let csv = "nhs_number,event_type,event_start_date,date_of_birth,client_type\n\
                   1,Request,2024-05-01,1950-07-19,Service User\n\
                   2,Request,2024-05-01,,Service User\n";
        let ds = Dataset::from_csv_str(csv).unwrap();
        let births: Vec<_> = ds.events().iter().map(|e| e.birth).collect();
        assert_eq!(births, vec![NaiveDate::from_ymd_opt(1950, 7, 1), None]);
        let csv = "nhs_number,event_type,event_start_date,der_birth_year,der_birth_month\n\
                   1,Request,2024-05-01,1950,13\n";
        let ds = Dataset::from_csv_str(csv).unwrap();
        assert_eq!(
            ds.ledger().rejected[0].reason,
            "invalid_value:der_birth_month"
        );
    }
}
