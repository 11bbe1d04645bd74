//! Hospital inpatient spells (Secondary Uses Service, SUS) for the 2024-25 ASCOF 2D
//! reablement outcome: discharges linked to reablement (ST-Max) clusters
//! (spec-ascof.md §3.2 "2D — reablement outcome").
//!
//! A spell row names the patient's LA of residence, NHS number, admission and discharge dates,
//! optionally a date of birth and the discharge method. Spells link to Client Level Data people
//! by LA and NHS number (the CLD person identity of §5.4 when an NHS number is present) [L: the
//! linkage key is not restated in the spec; DHSC links on the pseudonymised NHS number].
//! Every row is counted in the spells' own [`Ledger`]: used, or rejected with its reason.

use std::collections::HashMap;
use std::io::Read;

use chrono::{Datelike, NaiveDate};

use super::ledger::Ledger;
use super::lists::ServiceType;
use super::reader::{Dataset, header_key, parse_date};
use super::synthetic::Rng;
use crate::{Error, Location, Result};

/// Discharge method code for "patient died" (NHS Data Dictionary, discharge method 4): such
/// spells end in hospital and are not discharges into the community.
const DIED_IN_HOSPITAL: &str = "4";

/// One valid hospital spell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spell {
    /// One-based data row number in the spells input.
    pub row: u64,
    /// Admission date.
    pub admission: NaiveDate,
    /// Discharge date (`None` = still in hospital at the end of the data).
    pub discharge: Option<NaiveDate>,
    /// Proxy date of birth (1st of the birth month), when given.
    pub birth: Option<NaiveDate>,
    /// The patient died in hospital (discharge method 4).
    pub died: bool,
}

/// Hospital spells grouped by person (LA of residence + NHS number), with their row ledger.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::HospitalSpells;
/// let csv = "la_code,nhs_number,date_of_birth,admission_date,discharge_date\n\
///            X,1,1940-02-10,2024-06-01,2024-06-10\n\
///            X,,1940-02-10,2024-06-01,2024-06-10\n";
/// let h = HospitalSpells::from_csv_str(csv).unwrap();
/// assert_eq!(h.ledger().read, 2);
/// assert_eq!(h.ledger().used, 1);
/// assert_eq!(h.ledger().rejected[0].reason, "missing:nhs_number");
/// assert_eq!(h.spells_of("X", "1").len(), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct HospitalSpells {
    by_person: HashMap<String, Vec<Spell>>,
    ledger: Ledger,
}

/// The columns a spells input may have (header names normalised as for CLD).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    La,
    Nhs,
    Birth,
    Admission,
    Discharge,
    Method,
}

impl Column {
    const ALL: [Column; 6] = [
        Column::La,
        Column::Nhs,
        Column::Birth,
        Column::Admission,
        Column::Discharge,
        Column::Method,
    ];

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::La => &[
                "la_code",
                "la_of_residence",
                "lsoa_la_code",
                "residence_la_code",
            ],
            Column::Nhs => &[
                "nhs_number",
                "der_nhs_number_traced_pseudo",
                "der_pseudo_nhs_number",
            ],
            Column::Birth => &["date_of_birth", "dob"],
            Column::Admission => &[
                "admission_date",
                "spell_start_date",
                "admission_method_date",
            ],
            Column::Discharge => &["discharge_date", "spell_end_date"],
            Column::Method => &["discharge_method", "discharge_method_code"],
        }
    }

    fn name(self) -> &'static str {
        self.aliases()[0]
    }
}

/// The key spells are grouped by: LA and NHS number.
pub(super) fn person_key(la: &str, nhs: &str) -> String {
    format!("{la}\u{1f}{nhs}")
}

/// The spells key of a CLD person identified by NHS number (None for an LA person id).
pub(super) fn key_of(dataset: &Dataset, person: u32) -> Option<String> {
    dataset
        .person(person)
        .filter(|p| p.nhs_number)
        .map(|p| person_key(p.la, &p.id))
}

impl HospitalSpells {
    /// Reads CSV text of spells.
    ///
    /// # Errors
    /// `missing_input` when the NHS number, admission date or discharge date column is absent;
    /// `invalid_definition` when the text is not CSV.
    pub fn from_csv_str(text: &str) -> Result<Self> {
        Self::from_csv_reader(text.as_bytes())
    }

    /// Reads a CSV file of spells.
    ///
    /// # Errors
    /// As [`HospitalSpells::from_csv_str`]; `invalid_definition` when the file cannot be opened.
    pub fn from_csv_path(path: impl AsRef<std::path::Path>) -> Result<Self> {
        let file = std::fs::File::open(path.as_ref()).map_err(|e| Error::InvalidDefinition {
            message: format!("cannot open {}: {e}", path.as_ref().display()),
        })?;
        Self::from_csv_reader(std::io::BufReader::with_capacity(1 << 20, file))
    }

    /// Reads spells from any CSV reader, one record at a time.
    ///
    /// # Errors
    /// As [`HospitalSpells::from_csv_str`].
    pub fn from_csv_reader<R: Read>(reader: R) -> Result<Self> {
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(reader);
        let io = |e: csv::Error| Error::InvalidDefinition {
            message: format!("cannot read CSV of hospital spells: {e}"),
        };
        let headers = csv.byte_headers().map_err(io)?.clone();
        let names: Vec<String> = headers
            .iter()
            .map(|h| String::from_utf8_lossy(h).into_owned())
            .collect();
        let index = Self::index(names.iter().map(String::as_str))?;
        let mut out = HospitalSpells::default();
        let mut record = csv::ByteRecord::new();
        while csv.read_byte_record(&mut record).map_err(io)? {
            out.push(&index, |i| record.get(i));
        }
        Ok(out)
    }

    /// Builds spells from named string columns (one optional string per row), as the faces
    /// hand tables over.
    ///
    /// # Errors
    /// `length_mismatch` when the columns differ in length; `missing_input` as for CSV.
    pub fn from_columns(columns: &[(String, Vec<Option<String>>)]) -> Result<Self> {
        let rows = columns.first().map_or(0, |c| c.1.len());
        if let Some((_, c)) = columns.iter().find(|(_, c)| c.len() != rows) {
            return Err(Error::LengthMismatch {
                field: "column",
                expected: rows,
                found: c.len(),
            });
        }
        let index = Self::index(columns.iter().map(|(n, _)| n.as_str()))?;
        let mut out = HospitalSpells::default();
        for r in 0..rows {
            out.push(&index, |c| columns[c].1[r].as_deref().map(str::as_bytes));
        }
        Ok(out)
    }

    fn index<'a>(names: impl Iterator<Item = &'a str>) -> Result<[Option<usize>; 6]> {
        let mut index = [None; 6];
        for (i, name) in names.enumerate() {
            let key = header_key(name);
            if let Some(c) = Column::ALL
                .iter()
                .position(|c| c.aliases().contains(&&*key))
            {
                index[c].get_or_insert(i);
            }
        }
        for c in [Column::Nhs, Column::Admission, Column::Discharge] {
            if index[c as usize].is_none() {
                return Err(Error::MissingInput {
                    field: c.name(),
                    at: Location::NONE,
                });
            }
        }
        Ok(index)
    }

    fn push<'a>(&mut self, index: &[Option<usize>; 6], get: impl Fn(usize) -> Option<&'a [u8]>) {
        self.ledger.read += 1;
        let row = self.ledger.read;
        match Self::validate(index, get) {
            Ok((key, spell)) => {
                self.ledger.used += 1;
                self.by_person
                    .entry(key)
                    .or_default()
                    .push(Spell { row, ..spell });
            }
            Err(reason) => self.ledger.reject(row, reason),
        }
    }

    fn validate<'a>(
        index: &[Option<usize>; 6],
        get: impl Fn(usize) -> Option<&'a [u8]>,
    ) -> std::result::Result<(String, Spell), String> {
        let text = |c: Column| -> std::result::Result<Option<&'a str>, String> {
            match index[c as usize].and_then(&get) {
                None => Ok(None),
                Some(b) => {
                    let s = std::str::from_utf8(b)
                        .map_err(|_| format!("invalid_utf8:{}", c.name()))?
                        .trim();
                    Ok((!s.is_empty()).then_some(s))
                }
            }
        };
        let date = |c: Column| -> std::result::Result<Option<NaiveDate>, String> {
            text(c)?
                .map(|s| parse_date(s).ok_or_else(|| format!("invalid_date:{}", c.name())))
                .transpose()
        };
        let nhs = text(Column::Nhs)?.ok_or_else(|| "missing:nhs_number".to_owned())?;
        let admission =
            date(Column::Admission)?.ok_or_else(|| "missing:admission_date".to_owned())?;
        let discharge = date(Column::Discharge)?;
        if discharge.is_some_and(|d| d < admission) {
            return Err("discharge_before_admission".to_owned());
        }
        let birth = date(Column::Birth)?.and_then(|b| b.with_day0(0));
        let died = text(Column::Method)? == Some(DIED_IN_HOSPITAL);
        let la = text(Column::La)?.unwrap_or_default();
        Ok((
            person_key(la, nhs),
            Spell {
                row: 0,
                admission,
                discharge,
                birth,
                died,
            },
        ))
    }

    /// The spells of one person (LA of residence and NHS number), in input order.
    pub fn spells_of(&self, la: &str, nhs: &str) -> &[Spell] {
        self.by_key(&person_key(la, nhs))
    }

    pub(super) fn by_key(&self, key: &str) -> &[Spell] {
        self.by_person.get(key).map_or(&[], Vec::as_slice)
    }

    /// Every person's key and spells (unordered).
    pub(super) fn people(&self) -> impl Iterator<Item = (&str, &[Spell])> {
        self.by_person
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// What happened to every spell row.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }
}

/// Synthetic hospital spells for a (synthetic) CLD dataset, deterministic for a seed: CSV text
/// with the columns `la_code,nhs_number,date_of_birth,admission_date,discharge_date,
/// discharge_method`. About half the people with an NHS number and a reablement (ST-Max) event
/// get a discharge from 10 days before to 5 days after its start (so some link and some fall
/// outside the 2D window), a sixth of those a readmission within 100 days, and 1 in 40 spells
/// ends in death (discharge method 4); one person in ten with an NHS number and no reablement
/// gets an unlinked spell; one spell in 25 is for a patient with no CLD events, and one row in
/// 500 lacks its NHS number (rejected). The numbers are illustrative, not calibrated.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{synthetic_csv, synthetic_hospital_csv, Dataset, HospitalSpells, SyntheticOptions};
/// let ds = Dataset::from_csv_str(&synthetic_csv(&SyntheticOptions::default()).unwrap()).unwrap();
/// let text = synthetic_hospital_csv(&ds, 1);
/// assert_eq!(text, synthetic_hospital_csv(&ds, 1)); // deterministic
/// let h = HospitalSpells::from_csv_str(&text).unwrap();
/// assert!(h.ledger().used > 100 && h.ledger().is_balanced());
/// ```
pub fn synthetic_hospital_csv(dataset: &Dataset, seed: u64) -> String {
    use std::fmt::Write as _;
    /// One spell row; one in 500 loses its NHS number (a rejected row).
    struct Out {
        text: String,
        rng: Rng,
    }
    impl Out {
        fn days(&mut self, n: u64) -> i64 {
            i64::try_from(self.rng.below(n)).unwrap_or(0)
        }
        fn row(
            &mut self,
            la: &str,
            nhs: &str,
            birth: Option<NaiveDate>,
            spell: (NaiveDate, NaiveDate, u8),
        ) {
            let nhs = if self.rng.below(500) == 0 { "" } else { nhs };
            let birth = birth.map(|b| b.to_string()).unwrap_or_default();
            let (adm, dis, method) = spell;
            let _ = writeln!(self.text, "{la},{nhs},{birth},{adm},{dis},{method}");
        }
    }
    let day = |d: NaiveDate, n: i64| d + chrono::Duration::days(n);
    let mut out = Out {
        text: String::from(
            "la_code,nhs_number,date_of_birth,admission_date,discharge_date,discharge_method\n",
        ),
        rng: Rng(seed),
    };
    let mut unknown = 0u64;
    for events in dataset.people() {
        let Some(first) = events.first() else {
            continue;
        };
        let Some(person) = dataset.person(first.person).filter(|p| p.nhs_number) else {
            continue;
        };
        let (la, nhs) = (person.la, person.id.as_ref());
        let birth = events.iter().find_map(|e| e.birth);
        let reablement = events.iter().find(|e| e.is_service(ServiceType::StMax));
        let anchor = match reablement {
            Some(e) if out.rng.below(2) == 0 => Some(e.start),
            None if out.rng.below(10) == 0 => Some(first.start),
            _ => None,
        };
        let Some(start) = anchor else { continue };
        let discharge = day(start, out.days(16) - 10);
        let admission = day(discharge, -1 - out.days(20));
        let method = if out.rng.below(40) == 0 { 4 } else { 1 };
        out.row(la, nhs, birth, (admission, discharge, method));
        if method == 1 && out.rng.below(6) == 0 {
            let again = day(discharge, 1 + out.days(100));
            out.row(la, nhs, birth, (again, day(again, 3), 1));
        }
        if out.rng.below(25) == 0 {
            unknown += 1;
            let b =
                NaiveDate::from_ymd_opt(1930 + i32::try_from(out.rng.below(60)).unwrap_or(0), 1, 1);
            out.row(la, &format!("S{unknown}"), b, (admission, discharge, 1));
        }
    }
    out.text
}
