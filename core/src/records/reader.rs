//! Reading CLD rows (CSV, streaming) into a [`Dataset`] of validated events with resolved person
//! identity (§5.4 "Person ID").

use std::collections::{HashMap, HashSet};

use super::model::FastHash;
use std::io::Read;

use chrono::{Datelike, NaiveDate};

use super::ledger::Ledger;
use super::lists::{
    AccommodationStatus, ClientType, Coded, DeliveryMechanism, EventOutcome, EventType,
    PrimarySupportReason, RouteOfAccess, ServiceType, normalise, parse,
};
use super::model::{Event, Symbols};
use crate::{Error, Location, Result};

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
    let b = text.trim().as_bytes();
    let num = |s: &[u8]| -> Option<u32> {
        s.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && (b.len() == 10 || matches!(b[10], b' ' | b'T'))
    {
        let y = i32::try_from(num(&b[..4])?).ok()?;
        return NaiveDate::from_ymd_opt(y, num(&b[5..7])?, num(&b[8..10])?);
    }
    if b.len() == 10 && b[2] == b'/' && b[5] == b'/' {
        let y = i32::try_from(num(&b[6..])?).ok()?;
        return NaiveDate::from_ymd_opt(y, num(&b[3..5])?, num(&b[..2])?);
    }
    None
}

/// Column index of each [`Field`] (by `Field as usize`).
pub(super) type Columns = [Option<usize>; Field::ALL.len()];

/// A row read and validated but with person identity not yet resolved.
struct Pending {
    event: Event,
    nhs: u32,
    la_id: u32,
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
#[derive(Debug, Clone)]
pub struct Dataset {
    symbols: Symbols,
    events: Vec<Event>,
    /// Start index of each person's events in `events` (plus a final `events.len()`).
    bounds: Vec<usize>,
    ledger: Ledger,
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

    /// Reads a CSV file.
    ///
    /// # Errors
    /// As [`Dataset::from_csv_reader`]; `invalid_definition` when the file cannot be opened.
    pub fn from_csv_path(path: impl AsRef<std::path::Path>) -> Result<Self> {
        let file = std::fs::File::open(path.as_ref()).map_err(|e| Error::InvalidDefinition {
            message: format!("cannot open {}: {e}", path.as_ref().display()),
        })?;
        Self::from_csv_reader(std::io::BufReader::with_capacity(1 << 20, file))
    }

    /// Reads CSV from any reader, one record at a time (the input is never held whole).
    ///
    /// # Errors
    /// `missing_input` when `event_type`, `event_start_date` or both person-id columns are
    /// absent; `invalid_definition` on an I/O error.
    pub fn from_csv_reader<R: Read>(reader: R) -> Result<Self> {
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(reader);
        let io = |e: csv::Error| Error::InvalidDefinition {
            message: format!("cannot read CSV: {e}"),
        };
        let headers = csv.byte_headers().map_err(io)?.clone();
        let mut columns: Columns = [None; Field::ALL.len()];
        for (i, h) in headers.iter().enumerate() {
            let key = header_key(&String::from_utf8_lossy(h));
            if let Some(f) = Field::ALL
                .into_iter()
                .find(|f| f.aliases().contains(&&*key))
            {
                columns[f as usize].get_or_insert(i);
            }
        }
        let mut builder = Builder::new(columns)?;
        let mut record = csv::ByteRecord::new();
        while csv.read_byte_record(&mut record).map_err(io)? {
            builder.push(|f| record.get(f));
        }
        Ok(builder.finish())
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
        let mut index: Columns = [None; Field::ALL.len()];
        for (i, (name, values)) in columns.iter().enumerate() {
            if values.len() != rows {
                return Err(Error::LengthMismatch {
                    field: "column",
                    expected: rows,
                    found: values.len(),
                });
            }
            let key = header_key(name);
            if let Some(f) = Field::ALL
                .into_iter()
                .find(|f| f.aliases().contains(&&*key))
            {
                index[f as usize].get_or_insert(i);
            }
        }
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
}

/// A per-column cache of parsed defined-list values (few distinct spellings, many rows).
struct Cache<T> {
    map: HashMap<Vec<u8>, Option<T>, FastHash>,
}

impl<T: Coded> Cache<T> {
    fn new() -> Self {
        Cache {
            map: HashMap::default(),
        }
    }

    fn get(&mut self, raw: &[u8]) -> Option<T> {
        if let Some(v) = self.map.get(raw) {
            return *v;
        }
        let v = std::str::from_utf8(raw).ok().and_then(parse::<T>);
        self.map.insert(raw.to_vec(), v);
        v
    }
}

pub(super) struct Builder {
    columns: Columns,
    symbols: Symbols,
    ledger: Ledger,
    /// Validated events (person not yet resolved) and their (NHS-number key, LA-id key)
    /// symbols.
    events: Vec<Event>,
    ids: Vec<(u32, u32)>,
    /// Reused buffer for person keys.
    key: String,
    event_type: Cache<EventType>,
    client_type: Cache<ClientType>,
    service_type: Cache<ServiceType>,
    delivery: Cache<DeliveryMechanism>,
    route: Cache<RouteOfAccess>,
    accommodation: Cache<AccommodationStatus>,
    psr: Cache<PrimarySupportReason>,
    outcome: Cache<EventOutcome>,
    /// component symbol → (short term, short-term residential/nursing, direct payment).
    components: HashMap<u32, (bool, bool, bool), FastHash>,
}

fn is_blank(raw: Option<&[u8]>) -> bool {
    raw.is_none_or(|b| b.iter().all(u8::is_ascii_whitespace))
}

impl Builder {
    #[allow(clippy::large_types_passed_by_value)]
    pub(super) fn new(columns: Columns) -> Result<Self> {
        for f in [Field::EventType, Field::EventStartDate] {
            if columns[f as usize].is_none() {
                return Err(Error::MissingInput {
                    field: f.name(),
                    at: Location::NONE,
                });
            }
        }
        if columns[Field::NhsNumber as usize].is_none()
            && columns[Field::LaPersonId as usize].is_none()
        {
            return Err(Error::MissingInput {
                field: "nhs_number or la_person_unique_identifier",
                at: Location::NONE,
            });
        }
        Ok(Builder {
            columns,
            symbols: Symbols::new(),
            ledger: Ledger::default(),
            events: Vec::new(),
            ids: Vec::new(),
            key: String::new(),
            event_type: Cache::new(),
            client_type: Cache::new(),
            service_type: Cache::new(),
            delivery: Cache::new(),
            route: Cache::new(),
            accommodation: Cache::new(),
            psr: Cache::new(),
            outcome: Cache::new(),
            components: HashMap::default(),
        })
    }

    pub(super) fn push<'a>(&mut self, get: impl Fn(usize) -> Option<&'a [u8]>) {
        self.ledger.read += 1;
        let row = self.ledger.read;
        match self.validate(row, &get) {
            Ok(Some(p)) => {
                self.events.push(p.event);
                self.ids.push((p.nhs, p.la_id));
            }
            Ok(None) => self.ledger.exclude("cancelled"),
            Err(reason) => self.ledger.reject(row, reason),
        }
    }

    #[allow(clippy::too_many_lines)]
    fn validate<'a>(
        &mut self,
        row: u64,
        get: &impl Fn(usize) -> Option<&'a [u8]>,
    ) -> std::result::Result<Option<Pending>, String> {
        let col = |f: Field| self.columns[f as usize].and_then(get);
        let utf8 = |f: Field| -> std::result::Result<Option<&'a str>, String> {
            match self.columns[f as usize].and_then(get) {
                None => Ok(None),
                Some(b) => std::str::from_utf8(b)
                    .map(|s| Some(s.trim()).filter(|s| !s.is_empty()))
                    .map_err(|_| format!("invalid_utf8:{}", f.name())),
            }
        };
        let date = |f: Field| -> std::result::Result<Option<NaiveDate>, String> {
            match utf8(f)? {
                None => Ok(None),
                Some(t) => parse_date(t)
                    .map(Some)
                    .ok_or_else(|| format!("invalid_date:{}", f.name())),
            }
        };
        // Cancelled events are excluded (§5.1), whatever else the row holds.
        for f in [Field::EventOutcome, Field::EventDescription] {
            if col(f).is_some_and(|b| b.trim_ascii().eq_ignore_ascii_case(b"cancelled")) {
                return Ok(None);
            }
        }
        macro_rules! list {
            ($cache:ident, $field:expr, required) => {{
                let raw = col($field);
                if is_blank(raw) {
                    return Err(format!("missing:{}", $field.name()));
                }
                self.$cache
                    .get(raw.unwrap_or_default().trim_ascii())
                    .ok_or_else(|| format!("unknown_value:{}", $field.name()))?
            }};
            ($cache:ident, $field:expr) => {{
                let raw = col($field);
                if is_blank(raw) {
                    None
                } else {
                    Some(
                        self.$cache
                            .get(raw.unwrap_or_default().trim_ascii())
                            .ok_or_else(|| format!("unknown_value:{}", $field.name()))?,
                    )
                }
            }};
        }
        let event_type = list!(event_type, Field::EventType, required);
        let start = date(Field::EventStartDate)?
            .ok_or_else(|| format!("missing:{}", Field::EventStartDate.name()))?;
        let end = date(Field::EventEndDate)?;
        if end.is_some_and(|e| e < start) {
            return Err("end_before_start".to_owned());
        }
        let client_type = if self.columns[Field::ClientType as usize].is_some() {
            list!(client_type, Field::ClientType, required)
        } else {
            ClientType::ServiceUser
        };
        let service_type = list!(service_type, Field::ServiceType);
        if event_type == EventType::Service && service_type.is_none() {
            return Err(format!("missing:{}", Field::ServiceType.name()));
        }
        let delivery = list!(delivery, Field::DeliveryMechanism);
        let route = list!(route, Field::RouteOfAccess);
        let accommodation = list!(accommodation, Field::AccommodationStatus);
        let psr = list!(psr, Field::PrimarySupportReason);
        let outcome = list!(outcome, Field::EventOutcome);
        let birth = match date(Field::DateOfBirth)? {
            Some(d) => Some(d.with_day0(0).expect("day 1 exists")),
            None => match (utf8(Field::BirthYear)?, utf8(Field::BirthMonth)?) {
                (Some(y), Some(m)) => {
                    let y: i32 = y.parse().map_err(|_| "invalid_value:der_birth_year")?;
                    let m: u32 = m.parse().map_err(|_| "invalid_value:der_birth_month")?;
                    Some(
                        NaiveDate::from_ymd_opt(y, m, 1)
                            .ok_or_else(|| "invalid_value:der_birth_month".to_owned())?,
                    )
                }
                _ => None,
            },
        };
        let death = date(Field::DateOfDeath)?;
        let submitted_period_end = date(Field::ReportingPeriodEnd)?;
        let la_text = utf8(Field::LaCode)?;
        let la = la_text.map_or(0, |s| self.symbols.intern(s));
        // Person keys are interned within the LA: `<la>\u{1f}N<nhs>` and `<la>\u{1f}L<la id>`.
        let mut person_key = |kind: char, id: Option<&str>| {
            id.map_or(0, |id| {
                self.key.clear();
                self.key.push_str(la_text.unwrap_or_default());
                self.key.push('\u{1f}');
                self.key.push(kind);
                self.key.push_str(id);
                self.symbols.intern(&self.key)
            })
        };
        let nhs = person_key('N', utf8(Field::NhsNumber)?);
        let la_id = person_key('L', utf8(Field::LaPersonId)?);
        if nhs == 0 && la_id == 0 {
            return Err("missing:person_id".to_owned());
        }
        let assessment_type = utf8(Field::AssessmentType)?.map_or(0, |s| self.symbols.intern(s));
        let service_component =
            utf8(Field::ServiceComponent)?.map_or(0, |s| self.symbols.intern(s));
        let (component_short_term, component_st_residential, component_direct_payment) =
            if service_component == 0 {
                (false, false, false)
            } else {
                let name = self.symbols.name(service_component);
                *self.components.entry(service_component).or_insert_with(|| {
                    let n = normalise(name);
                    let short = n.contains("short term");
                    (
                        short,
                        short && (n.contains("residential") || n.contains("nursing")),
                        n.contains("direct payment"),
                    )
                })
            };
        Ok(Some(Pending {
            event: Event {
                row,
                la,
                person: 0,
                event_type,
                client_type,
                start,
                end,
                outcome,
                route,
                assessment_type,
                service_type,
                service_component,
                component_short_term,
                component_st_residential,
                component_direct_payment,
                delivery,
                birth,
                death,
                psr,
                accommodation,
                submitted_period_end,
            },
            nhs,
            la_id,
        }))
    }

    /// Person identity (§5.4): the NHS number where present; else the LA person id, unless that
    /// LA id co-occurs with an NHS number on another row of the same LA (then the row is
    /// excluded as `person_id_conflict`). Persons are keyed within their LA.
    pub(super) fn finish(mut self) -> Dataset {
        // LA-id keys that co-occur with an NHS number on some row.
        let linked: HashSet<u32, FastHash> = self
            .ids
            .iter()
            .filter(|(nhs, la_id)| *nhs != 0 && *la_id != 0)
            .map(|(_, la_id)| *la_id)
            .collect();
        for (e, &(nhs, la_id)) in self.events.iter_mut().zip(&self.ids) {
            if nhs != 0 {
                e.person = nhs;
            } else if linked.contains(&la_id) {
                self.ledger.exclude("person_id_conflict");
                e.person = u32::MAX;
            } else {
                e.person = la_id;
            }
        }
        self.ids = Vec::new();
        let mut events = std::mem::take(&mut self.events);
        events.retain(|e| e.person != u32::MAX);
        events.sort_unstable_by_key(|e| (e.person, e.start, e.row));
        let mut bounds = Vec::new();
        for (i, e) in events.iter().enumerate() {
            if i == 0 || events[i - 1].person != e.person {
                bounds.push(i);
            }
        }
        bounds.push(events.len());
        if events.is_empty() {
            bounds = vec![0];
        }
        self.ledger.rejected.sort();
        Dataset {
            symbols: self.symbols,
            events,
            bounds,
            ledger: self.ledger,
        }
    }
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
