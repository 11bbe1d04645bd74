//! Derivations of measures from de-duplicated events, as mergeable per-partition tallies.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::hospital::{HospitalSpells, Spell, key_of};
use super::ledger::Ledger;
use super::lists::{
    AccommodationStatus, ClientType, DeliveryMechanism, EventOutcome, EventType,
    PrimarySupportReason, ServiceType,
};
use super::model::{AgeBand, Event, FastHash, Method, Period, age_at};
use super::reader::Dataset;
use super::rules::{Sequel, clusters, dedup, is_new_admission, is_new_client, sequel};

/// Populations of one area for the per-100,000 admission measures (ONS mid-year estimates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Populations {
    /// Population aged 18–64.
    #[serde(rename = "18-64", default)]
    pub age_18_64: Option<u64>,
    /// Population aged 65 and over.
    #[serde(rename = "65+", default)]
    pub age_65_plus: Option<u64>,
}

/// What to derive and how.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{DeriveOptions, Method};
/// let o = DeriveOptions::new(Method::Y2024_25, "2024-25".parse().unwrap());
/// assert_eq!(o.period.to_string(), "2024-25");
/// assert!(o.populations.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeriveOptions {
    /// Method year of the processing rules.
    pub method: Method,
    /// Reporting period.
    pub period: Period,
    /// Populations by area (LA code) for 2B/2C; without one the denominator is `None`.
    #[serde(default)]
    pub populations: BTreeMap<String, Populations>,
    /// Which submissions to use: every row (the default) or, per authority, the latest one
    /// covering the period ([`Submissions`](super::Submissions)). Applied by [`derive`](fn@derive) and its
    /// variants; a partitioned run ([`derive_people`]) applies
    /// [`latest_submissions`](super::latest_submissions) to the dataset first.
    #[serde(default)]
    pub submissions: super::Submissions,
    /// Import date of the submissions, for the choice of the latest one (events ending in or
    /// after its month do not count towards a submission's months).
    #[serde(default)]
    pub import_date: Option<NaiveDate>,
}

impl DeriveOptions {
    /// Options with no populations.
    pub fn new(method: Method, period: Period) -> Self {
        DeriveOptions {
            method,
            period,
            populations: BTreeMap::new(),
            submissions: super::Submissions::All,
            import_date: None,
        }
    }
}

/// One measure the engine derives: its stable id, code and framework, and its unit multiplier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeasureInfo {
    /// Stable id (spec-ascof.md §3.1 "stable id", or the Better Lives / local id).
    pub id: &'static str,
    /// Code as the spec names it (`2A`, `3D1A`, `BC1`, ...).
    pub code: &'static str,
    /// `true` for ASCOF measures (framework = the method's ASCOF version); `false` for local.
    pub ascof: bool,
    /// Local framework name when not ASCOF.
    pub local_framework: &'static str,
    /// Multiplier: 100 (percentage), 100,000 (rate) or 1 (count).
    pub per: u64,
    /// Whether the definition is provisional (\[L\] in the spec).
    pub provisional: bool,
}

macro_rules! measures {
    ($($name:ident = ($id:literal, $code:literal, $ascof:literal, $fw:literal, $per:literal, $prov:literal);)+) => {
        /// The measures the engine derives.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(missing_docs)]
        pub enum Measure { $($name,)+ }
        impl Measure {
            /// Every measure.
            pub const ALL: &'static [Measure] = &[$(Measure::$name,)+];
            /// Its description.
            pub fn info(self) -> MeasureInfo {
                match self {
                    $(Measure::$name => MeasureInfo {
                        id: $id, code: $code, ascof: $ascof, local_framework: $fw,
                        per: $per, provisional: $prov,
                    },)+
                }
            }
        }
    };
}

measures! {
    StMaxSequel = ("st_max_sequel", "2A", true, "", 100, false);
    Admissions18To64 = ("admissions_18_64", "2B", true, "", 100_000, false);
    Admissions65Plus = ("admissions_65_plus", "2C", true, "", 100_000, false);
    HomeOrFamilyLd = ("home_or_family_ld", "2E", true, "", 100, false);
    HomeOrFamilyAll = ("home_or_family_all", "2E", true, "", 100, false);
    SdsUsers = ("sds_users", "3D1A", true, "", 100, false);
    SdsCarers = ("sds_carers", "3D1B", true, "", 100, false);
    DpUsers = ("dp_users", "3D2A", true, "", 100, false);
    DpCarers = ("dp_carers", "3D2B", true, "", 100, false);
    ReablementIndependence = ("reablement_independence", "RI", false, "local-reablement", 100, true);
    ReablementCompletions = ("reablement_completions", "BN2", false, "better-lives", 1, true);
    FrontDoorResolved = ("front_door_resolved", "BC1", false, "better-lives", 100, true);
    AssessmentsWithin28Days = ("assessments_within_28_days", "BC2", false, "better-lives", 100, true);
    RequestsToAssessment = ("requests_to_assessment", "BC4", false, "better-lives", 100, true);
    AdmissionsWithDisregard18To64 = ("admissions_with_disregard_18_64", "BV3", false, "better-lives", 100_000, true);
    AdmissionsWithDisregard65Plus = ("admissions_with_disregard_65_plus", "BV4", false, "better-lives", 100_000, true);
    ReablementCommunity12Weeks = ("reablement_community_12wk", "2D1", true, "", 100, false);
    ReablementCoverage = ("reablement_coverage", "2D2", true, "", 100, false);
}

/// One derived measure for one area, period and breakdown: the typed row that feeds
/// `evaluate`.
///
/// `denominator` is `None` only for counts and for rates whose population was not supplied.
/// `exclusions` names every unit left out of the denominator and why (early cessation,
/// not a new client, missing age, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureCount {
    /// Stable measure id (e.g. `st_max_sequel`).
    pub measure: String,
    /// Framework version (`ascof-2024-25`, `ascof-2023-24`, `better-lives`, `local-reablement`).
    pub framework: String,
    /// Code within the framework (e.g. `2A`).
    pub code: String,
    /// Method year of the processing rules.
    pub method: Method,
    /// Area (LA code).
    pub area: String,
    /// Reporting period label.
    pub period: String,
    /// Breakdown keys (e.g. `age = 65+`); empty for the total.
    pub breakdown: BTreeMap<String, String>,
    /// Numerator (count of people, episodes, requests, ...).
    pub numerator: u64,
    /// Denominator, if any.
    pub denominator: Option<u64>,
    /// Multiplier of the published value (100, 100,000 or 1).
    pub per: u64,
    /// Units excluded from the denominator, by named reason.
    pub exclusions: BTreeMap<String, u64>,
    /// Provisional definition (\[L\]).
    pub provisional: bool,
}

/// The result of a derivation: the measures and the row ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Derivation {
    /// Method year used.
    pub method: Method,
    /// Period label.
    pub period: String,
    /// One row per (measure, area, breakdown), sorted.
    pub measures: Vec<MeasureCount>,
    /// What happened to every input row.
    pub ledger: Ledger,
    /// What happened to every hospital spell row, when spells were supplied (2024-25 2D).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hospital_ledger: Option<Ledger>,
}

/// A breakdown: `(dimension, value)` pairs.
type Breakdown = Vec<(&'static str, &'static str)>;

/// Tallies by measure, then area, then breakdown. Nested so that a look-up borrows the area
/// (`&str`) and breakdown (`&[..]`) and allocates only for a key not seen before (one call per
/// unit counted: a composite owned key cost a `String` and a `Vec` a call), and hashed (Fx) so
/// that it compares no strings on the way (ordered maps spent more time in `memcmp` than in
/// counting). [`Partial::finish`] sorts the rows by measure, area and breakdown.
type Tallies = BTreeMap<Measure, HashMap<String, HashMap<Breakdown, Tally, FastHash>, FastHash>>;

/// Numerator, denominator and exclusion counts of one key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Tally {
    numerator: u64,
    denominator: u64,
    exclusions: BTreeMap<String, u64>,
}

/// A mergeable partial result: tallies of a subset of people plus their ledger counts.
/// [`Partial::merge`] is associative and commutative, so any partition of the people (by
/// person) merged in any order gives the one-pass result.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{Dataset, DeriveOptions, Partial, derive_people};
/// let csv = "la_code,nhs_number,client_type,event_type,event_start_date,event_end_date,event_outcome\n\
///            X,1,Service User,Assessment,2024-05-01,2024-05-10,NFA – Other\n\
///            X,2,Service User,Assessment,2024-05-01,2024-07-10,NFA – Other\n";
/// let ds = Dataset::from_csv_str(csv).unwrap();
/// let o = DeriveOptions::new("2024-25".parse().unwrap(), "2024-25".parse().unwrap());
/// let people: Vec<_> = ds.people().collect();
/// let mut a = derive_people(&ds, people[..1].iter().copied(), &o);
/// let b = derive_people(&ds, people[1..].iter().copied(), &o);
/// a.merge(b);
/// let mut whole = Partial::from_dataset(&ds);
/// whole.merge(a);
/// let d = whole.finish(&o);
/// let bc2 = d.measures.iter().find(|m| m.code == "BC2").unwrap();
/// assert_eq!((bc2.numerator, bc2.denominator), (1, Some(2)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Partial {
    tallies: Tallies,
    ledger: Ledger,
    hospital: Option<Ledger>,
}

impl Partial {
    /// The reading part of a dataset's ledger (rows read, rejected, excluded before
    /// de-duplication), as a partial to merge with the per-person partials exactly once.
    pub fn from_dataset(dataset: &Dataset) -> Self {
        Partial {
            tallies: BTreeMap::new(),
            ledger: dataset.ledger().clone(),
            hospital: None,
        }
    }

    /// The hospital-spells part of a linked derivation, to merge exactly once (like
    /// [`Partial::from_dataset`]): the spells' ledger and the 2D2 units of patients with no
    /// CLD events (their area is the spell's LA). Per-person partials come from
    /// [`derive_people_with_hospital`].
    pub fn from_hospital(
        dataset: &Dataset,
        hospital: &HospitalSpells,
        options: &DeriveOptions,
    ) -> Self {
        let with_events: std::collections::HashSet<String> = dataset
            .people()
            .filter_map(|p| p.first())
            .filter_map(|e| key_of(dataset, e.person))
            .collect();
        let mut out = Partial {
            hospital: Some(hospital.ledger().clone()),
            ..Partial::default()
        };
        for (key, spells) in hospital.people() {
            if with_events.contains(key) {
                continue;
            }
            let area = key.split('\u{1f}').next().unwrap_or_default();
            discharges(&[], spells, None, None, area, options, &mut out);
        }
        out
    }

    /// Adds `other` into `self`.
    pub fn merge(&mut self, other: Partial) {
        self.ledger.merge(other.ledger);
        match (&mut self.hospital, other.hospital) {
            (Some(a), Some(b)) => a.merge(b),
            (a @ None, b) => *a = b,
            (Some(_), None) => {}
        }
        for (measure, areas) in other.tallies {
            let mine = self.tallies.entry(measure).or_default();
            for (area, breakdowns) in areas {
                let mine = mine.entry(area).or_default();
                for (bd, t) in breakdowns {
                    let e = mine.entry(bd).or_default();
                    e.numerator += t.numerator;
                    e.denominator += t.denominator;
                    for (r, n) in t.exclusions {
                        *e.exclusions.entry(r).or_insert(0) += n;
                    }
                }
            }
        }
    }

    /// The ledger so far.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    fn add(&mut self, m: Measure, area: &str, bd: &[(&'static str, &'static str)], num: bool) {
        let t = self.tally(m, area, bd);
        t.denominator += 1;
        t.numerator += u64::from(num);
    }

    fn exclude(&mut self, m: Measure, area: &str, bd: &[(&'static str, &'static str)], why: &str) {
        let t = self.tally(m, area, bd);
        match t.exclusions.get_mut(why) {
            Some(n) => *n += 1,
            None => {
                t.exclusions.insert(why.to_owned(), 1);
            }
        }
    }

    fn tally(&mut self, m: Measure, area: &str, bd: &[(&'static str, &'static str)]) -> &mut Tally {
        let areas = self.tallies.entry(m).or_default();
        if !areas.contains_key(area) {
            areas.insert(area.to_owned(), HashMap::default());
        }
        let breakdowns = areas.get_mut(area).expect("inserted above");
        if !breakdowns.contains_key(bd) {
            breakdowns.insert(bd.to_vec(), Tally::default());
        }
        breakdowns.get_mut(bd).expect("inserted above")
    }

    /// Turns the tallies into measure rows and checks the ledger.
    ///
    /// # Panics
    /// When the ledger does not balance (`read ≠ used + excluded + rejected`), which is an
    /// engine bug, never an input problem.
    pub fn finish(self, options: &DeriveOptions) -> Derivation {
        self.ledger.assert_balanced();
        if let Some(h) = &self.hospital {
            h.assert_balanced();
        }
        let period = options.period.to_string();
        let mut rows: Vec<(Measure, String, Breakdown, Tally)> = self
            .tallies
            .into_iter()
            .flat_map(|(measure, areas)| {
                areas.into_iter().flat_map(move |(area, breakdowns)| {
                    breakdowns
                        .into_iter()
                        .map(move |(breakdown, t)| (measure, area.clone(), breakdown, t))
                })
            })
            .collect();
        rows.sort_unstable_by(|a, b| (a.0, &a.1, &a.2).cmp(&(b.0, &b.1, &b.2)));
        let measures = rows
            .into_iter()
            .map(|(measure, area, breakdown, t)| {
                let info = measure.info();
                let denominator = match measure {
                    Measure::Admissions18To64 | Measure::AdmissionsWithDisregard18To64 => {
                        options.populations.get(&area).and_then(|p| p.age_18_64)
                    }
                    Measure::Admissions65Plus | Measure::AdmissionsWithDisregard65Plus => {
                        options.populations.get(&area).and_then(|p| p.age_65_plus)
                    }
                    Measure::ReablementCompletions => None,
                    _ => Some(t.denominator),
                };
                MeasureCount {
                    measure: info.id.to_owned(),
                    framework: if info.ascof {
                        options.method.framework().to_owned()
                    } else {
                        info.local_framework.to_owned()
                    },
                    code: info.code.to_owned(),
                    method: options.method,
                    area,
                    period: period.clone(),
                    breakdown: breakdown
                        .iter()
                        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                        .collect(),
                    numerator: t.numerator,
                    denominator,
                    per: info.per,
                    exclusions: t.exclusions,
                    provisional: info.provisional,
                }
            })
            .collect();
        Derivation {
            method: options.method,
            period,
            measures,
            ledger: self.ledger,
            hospital_ledger: self.hospital,
        }
    }
}

/// Person-level facts, resolved from all of a person's rows.
struct Person {
    birth: Option<NaiveDate>,
    death: Option<NaiveDate>,
    psr: Option<PrimarySupportReason>,
    /// Latest known accommodation status (known beats unknown; a conflict on the latest date →
    /// unknown).
    accommodation: Option<AccommodationStatus>,
}

impl Person {
    fn resolve(events: &[Event]) -> Self {
        let latest = |f: &dyn Fn(&Event) -> bool| {
            events
                .iter()
                .filter(|e| f(e))
                .max_by_key(|e| (e.submitted_period_end, e.start, e.row))
        };
        let birth = latest(&|e| e.birth.is_some()).and_then(|e| e.birth);
        let death = events.iter().filter_map(|e| e.death).max();
        let psr = latest(&|e| e.psr.is_some()).and_then(|e| e.psr);
        let known = |e: &Event| {
            e.accommodation
                .is_some_and(|a| a != AccommodationStatus::Unknown)
        };
        let accommodation = latest(&known).map(|top| {
            let key = (top.submitted_period_end, top.start);
            let conflict = events.iter().any(|e| {
                known(e)
                    && (e.submitted_period_end, e.start) == key
                    && e.accommodation != top.accommodation
            });
            if conflict {
                AccommodationStatus::Unknown
            } else {
                top.accommodation.unwrap_or(AccommodationStatus::Unknown)
            }
        });
        Person {
            birth,
            death,
            psr,
            accommodation,
        }
    }

    fn age(&self, at: NaiveDate) -> Option<i64> {
        self.birth.map(|b| age_at(b, at))
    }
}

const TOTAL: &[(&str, &str)] = &[];

fn age_bd(band: AgeBand) -> [(&'static str, &'static str); 1] {
    [("age", band.label())]
}

/// Role of a 2A / reablement sequel: `Ok(true)` numerator, `Ok(false)` denominator only,
/// `Err(reason)` excluded.
fn sequel_role(s: Sequel, method: Method) -> Result<bool, String> {
    use EventOutcome as O;
    match method {
        // §3.2: denominator set and numerator = set − long-term − ST residential/nursing.
        Method::Y2024_25 => match s {
            Sequel::Service(t) if t.is_long_term() => Ok(false),
            Sequel::StResidentialNursing => Ok(false),
            Sequel::Service(ServiceType::OngoingLowLevel | ServiceType::OtherShortTerm)
            | Sequel::Outcome(
                O::NfaInformationAdvice
                | O::SupportEndedAsPlanned
                | O::NfaMovedToAnotherLa
                | O::NfaOther
                | O::NfaNoServicesOther
                | O::NfaSupportEndedOther
                | O::NfaReferralOtherLaService,
            ) => Ok(true),
            other => Err(other.label()),
        },
        // §5.5 SALT mapping.
        Method::Y2023_24 => match s {
            Sequel::Service(t) if t.is_long_term() => Ok(false),
            Sequel::Service(ServiceType::OngoingLowLevel | ServiceType::OtherShortTerm)
            | Sequel::StResidentialNursing
            | Sequel::Outcome(
                O::NfaInformationAdvice
                | O::NfaMovedToAnotherLa
                | O::NfaOther
                | O::NfaNoServicesOther
                | O::NfaSupportEndedOther
                | O::ProgressToEndOfLifeCare
                | O::AdmittedToHospital
                | O::SupportEndedAsPlanned,
            ) => Ok(true),
            Sequel::Outcome(O::NfaNhsFunded | O::NfaDeceased) | Sequel::Deceased => {
                Err("early_cessation".to_owned())
            }
            Sequel::Outcome(O::NfaSelfFunded) => Err("self_funded".to_owned()),
            Sequel::Outcome(O::NfaSupportDeclined) => Err("declined".to_owned()),
            other => Err(format!("unmapped_sequel:{}", other.label())),
        },
    }
}

/// Whether a 2023-24 ST-Max cluster belongs to STS002a: a service-user request, from a person
/// with no long-term service open at its start, was followed by this ST-Max within 28 days of
/// the request's end. This simplification of "the request's sequel was ST-Max" is ours [L].
fn sts002a_new_client(events: &[Event], start: NaiveDate) -> bool {
    events.iter().any(|r| {
        r.event_type == EventType::Request
            && r.client_type == ClientType::ServiceUser
            && r.start <= start
            && r.end.is_some_and(|e| (start - e).num_days() <= 28)
            && !events
                .iter()
                .any(|l| l.is_long_term_service() && l.open_on(r.start))
    })
}

/// Derives the measures of the given people (each slice = all events of one person, as
/// [`Dataset::people`] yields them) into a [`Partial`].
pub fn derive_people<'a>(
    dataset: &Dataset,
    people: impl IntoIterator<Item = &'a [Event]>,
    options: &DeriveOptions,
) -> Partial {
    derive_people_linked(dataset, None, people, options)
}

/// [`derive_people`] with hospital spells: each person's spells (found by their CLD person
/// key, LA + NHS number) feed the 2024-25 2D measures. Spells of patients without CLD events
/// and the spells' ledger come once from [`Partial::from_hospital`].
pub fn derive_people_with_hospital<'a>(
    dataset: &Dataset,
    hospital: &HospitalSpells,
    people: impl IntoIterator<Item = &'a [Event]>,
    options: &DeriveOptions,
) -> Partial {
    derive_people_linked(dataset, Some(hospital), people, options)
}

fn derive_people_linked<'a>(
    dataset: &Dataset,
    hospital: Option<&HospitalSpells>,
    people: impl IntoIterator<Item = &'a [Event]>,
    options: &DeriveOptions,
) -> Partial {
    let mut out = Partial::default();
    for raw in people {
        let events = dedup(raw, options.method, &mut out.ledger);
        out.ledger.used += events.len() as u64;
        if let Some(first) = events.first() {
            let area = dataset.symbols().name(first.la).to_owned();
            person(&events, &area, options, &mut out);
            if let Some(h) = hospital {
                let spells = key_of(dataset, first.person).map_or(&[][..], |k| h.by_key(&k));
                if !spells.is_empty() {
                    let p = Person::resolve(&events);
                    discharges(&events, spells, p.birth, p.death, &area, options, &mut out);
                }
            }
        }
    }
    out
}

/// 2024-25 ASCOF 2D from one person's spells (spec-ascof.md §3.2): every discharge alive, in
/// the period, aged 65+ at discharge, is a unit of 2D2 (coverage); it is in 2D2's numerator and
/// 2D1's denominator when it is the latest discharge from 7 days before to 3 days after the
/// start of one of the person's reablement (ST-Max) clusters; 2D1's numerator keeps those with
/// no death, no hospital readmission and no long-term residential or nursing placement within
/// 12 weeks (84 days) of the discharge.
///
/// [L] choices (not restated in the spec): the discharge date is the cohort date, so the
/// "3-month lag" is the caller's choice of period (a 2024-25 publication would pass discharges
/// up to 31 Dec 2024 as the period); age at discharge (the spell's date of birth, else the CLD
/// person's); a readmission is an admission after the discharge date (a same-day transfer is
/// not one); a death or placement on the discharge day counts against remaining in the
/// community; the unit is the discharge, not the person.
fn discharges(
    events: &[Event],
    spells: &[Spell],
    birth: Option<NaiveDate>,
    death: Option<NaiveDate>,
    area: &str,
    o: &DeriveOptions,
    out: &mut Partial,
) {
    if o.method != Method::Y2024_25 {
        return;
    }
    let days = |d: NaiveDate, n: i64| d + chrono::Duration::days(n);
    let linked: Vec<u64> = clusters(events, o.method)
        .iter()
        .filter_map(|c| {
            spells
                .iter()
                .filter(|s| {
                    !s.died
                        && s.discharge
                            .is_some_and(|d| d >= days(c.start, -7) && d <= days(c.start, 3))
                })
                .max_by_key(|s| (s.discharge, s.row))
                .map(|s| s.row)
        })
        .collect();
    for s in spells {
        let Some(d) = s.discharge else { continue };
        if s.died || !o.period.contains(d) {
            continue;
        }
        let is_linked = linked.contains(&s.row);
        match s.birth.or(birth).map(|b| age_at(b, d)) {
            None => {
                out.exclude(Measure::ReablementCoverage, area, TOTAL, "missing_age");
                if is_linked {
                    out.exclude(
                        Measure::ReablementCommunity12Weeks,
                        area,
                        TOTAL,
                        "missing_age",
                    );
                }
                continue;
            }
            Some(a) if a < 65 => continue,
            Some(_) => {}
        }
        out.add(Measure::ReablementCoverage, area, TOTAL, is_linked);
        if is_linked {
            let end = days(d, 84);
            let died = death.is_some_and(|x| x >= d && x <= end);
            let readmitted = spells
                .iter()
                .any(|t| t.row != s.row && t.admission > d && t.admission <= end);
            let placed = events.iter().any(|e| {
                e.is_permanent_placement()
                    && e.client_type == ClientType::ServiceUser
                    && e.start >= d
                    && e.start <= end
            });
            out.add(
                Measure::ReablementCommunity12Weeks,
                area,
                TOTAL,
                !(died || readmitted || placed),
            );
        }
    }
}

#[allow(clippy::too_many_lines)]
fn person(events: &[Event], area: &str, o: &DeriveOptions, out: &mut Partial) {
    let method = o.method;
    let period = o.period;
    let p = Person::resolve(events);

    // ---- 2A sequel to ST-Max, reablement independence (RI) and completions (BN2) ----
    let mut completed = false;
    for c in clusters(events, method) {
        let Some(end) = c.end else { continue };
        if !period.contains(end) {
            continue;
        }
        let band = match p.age(end) {
            None => {
                for m in [Measure::StMaxSequel, Measure::ReablementIndependence] {
                    out.exclude(m, area, TOTAL, "missing_age");
                }
                continue;
            }
            Some(a) if a < 18 => {
                for m in [Measure::StMaxSequel, Measure::ReablementIndependence] {
                    out.exclude(m, area, TOTAL, "under_18");
                }
                continue;
            }
            Some(a) => AgeBand::of(a),
        };
        if method == Method::Y2024_25 && p.death.is_some_and(|d| d < c.start) {
            for m in [Measure::StMaxSequel, Measure::ReablementIndependence] {
                out.exclude(m, area, TOTAL, "died_before_start");
            }
            continue;
        }
        completed = true;
        let death = if method == Method::Y2024_25 {
            p.death
        } else {
            None
        };
        let s = sequel(events, &c, death, method).unwrap_or(Sequel::None);
        let role = sequel_role(s, method);
        let new = match method {
            Method::Y2024_25 => is_new_client(events, c.start),
            Method::Y2023_24 => sts002a_new_client(events, c.start),
        };
        for (m, counted) in [
            (Measure::ReablementIndependence, true),
            (Measure::StMaxSequel, new),
        ] {
            if !counted {
                out.exclude(m, area, TOTAL, "not_new_client");
                continue;
            }
            match &role {
                Ok(num) => {
                    out.add(m, area, TOTAL, *num);
                    out.add(m, area, &age_bd(band), *num);
                }
                Err(why) => out.exclude(m, area, TOTAL, why),
            }
        }
    }
    if completed {
        out.add(Measure::ReablementCompletions, area, TOTAL, true);
    }

    // ---- 2B / 2C permanent admissions, and BV3 / BV4 with 12-week disregards ----
    // BV3/BV4 (Better Lives, provisional [L]) count the same admissions without leaving out
    // events with outcome "NFA – Self-funded client (inc. 12wk disregard)": an admission that
    // begins under a disregard counts once, at its start, and the council-funded placement
    // that follows within 365 days is then not new. CLD does not tell a 12-week disregard from
    // other self-funding under that outcome, so BV3/BV4 count both [L].
    match method {
        Method::Y2024_25 => {
            for (i, e) in events.iter().enumerate() {
                if !(e.is_permanent_placement()
                    && e.client_type == ClientType::ServiceUser
                    && period.contains(e.start))
                {
                    continue;
                }
                let age = p.age(e.start);
                let self_funded = e.outcome == Some(EventOutcome::NfaSelfFunded);
                let new = is_new_admission(events, i);
                admission(out, area, age, ADMISSIONS, || {
                    if self_funded {
                        Some("self_funded")
                    } else if !new {
                        Some("readmission_within_365_days")
                    } else {
                        None
                    }
                });
                admission(out, area, age, ADMISSIONS_WITH_DISREGARD, || {
                    (!new).then_some("readmission_within_365_days")
                });
            }
        }
        Method::Y2023_24 => {
            let placements = |with_self_funded: bool| {
                events.iter().filter(move |e| {
                    e.is_permanent_placement()
                        && e.client_type == ClientType::ServiceUser
                        && (with_self_funded || e.outcome != Some(EventOutcome::NfaSelfFunded))
                })
            };
            for (measures, with_self_funded) in
                [(ADMISSIONS, false), (ADMISSIONS_WITH_DISREGARD, true)]
            {
                if placements(with_self_funded).any(|e| period.contains(e.start)) {
                    admission(out, area, p.age(period.end), measures, || {
                        placements(with_self_funded)
                            .any(|e| e.start < period.start)
                            .then_some("placement_before_period")
                    });
                }
            }
        }
    }

    // ---- long-term service users: 2E and 3D users ----
    let lt = || {
        events
            .iter()
            .filter(|e| e.is_long_term_service() && e.client_type == ClientType::ServiceUser)
    };
    let top_in_period = lt()
        .filter(|e| period.overlaps(e.start, e.end))
        .filter_map(|e| e.service_type)
        .min_by_key(|t| t.setting_rank());
    if let Some(top) = top_in_period {
        let age = p.age(period.end);
        let status = p.accommodation.unwrap_or(match top {
            // Inference from the service type when no status is known (§3.2) [L].
            ServiceType::Community => AccommodationStatus::WithFamilyFriends,
            ServiceType::Nursing => AccommodationStatus::RegisteredNursingHome,
            ServiceType::Residential => AccommodationStatus::RegisteredCareHome,
            _ => AccommodationStatus::PrisonYoi,
        });
        let settled = status.is_settled();
        match age {
            None => {
                out.exclude(Measure::HomeOrFamilyAll, area, TOTAL, "missing_age");
                out.exclude(Measure::HomeOrFamilyLd, area, TOTAL, "missing_age");
            }
            Some(a) if a < 18 => {
                out.exclude(Measure::HomeOrFamilyAll, area, TOTAL, "under_18");
                out.exclude(Measure::HomeOrFamilyLd, area, TOTAL, "under_18");
            }
            Some(a) => {
                let band = AgeBand::of(a);
                out.add(Measure::HomeOrFamilyAll, area, TOTAL, settled);
                out.add(Measure::HomeOrFamilyAll, area, &age_bd(band), settled);
                if p.psr == Some(PrimarySupportReason::LearningDisability) {
                    if band == AgeBand::Age18To64 {
                        out.add(Measure::HomeOrFamilyLd, area, TOTAL, settled);
                    } else {
                        out.exclude(Measure::HomeOrFamilyLd, area, TOTAL, "aged_65_plus");
                    }
                }
            }
        }
    }
    let open_at_end: Vec<&Event> = lt().filter(|e| e.open_on(period.end)).collect();
    if let Some(top) = open_at_end
        .iter()
        .filter_map(|e| e.service_type)
        .min_by_key(|t| t.setting_rank())
    {
        match p.age(period.end) {
            None => {
                out.exclude(Measure::SdsUsers, area, TOTAL, "missing_age");
                out.exclude(Measure::DpUsers, area, TOTAL, "missing_age");
            }
            Some(a) if a < 18 => {
                out.exclude(Measure::SdsUsers, area, TOTAL, "under_18");
                out.exclude(Measure::DpUsers, area, TOTAL, "under_18");
            }
            Some(a) if top == ServiceType::Community => {
                let community = || {
                    open_at_end
                        .iter()
                        .filter(|e| e.service_type == Some(ServiceType::Community))
                };
                let dp = community().any(|e| {
                    e.delivery == Some(DeliveryMechanism::DirectPayment)
                        || e.component_direct_payment
                });
                let pb = community().any(|e| e.delivery == Some(DeliveryMechanism::CassrManagedPb));
                let band = age_bd(AgeBand::of(a));
                out.add(Measure::SdsUsers, area, TOTAL, dp || pb);
                out.add(Measure::SdsUsers, area, &band, dp || pb);
                out.add(Measure::DpUsers, area, TOTAL, dp);
                out.add(Measure::DpUsers, area, &band, dp);
            }
            Some(_) => {
                use super::lists::Coded;
                let why = format!("top_setting:{}", top.code());
                out.exclude(Measure::SdsUsers, area, TOTAL, &why);
                out.exclude(Measure::DpUsers, area, TOTAL, &why);
            }
        }
    }

    // ---- 3D carers ----
    let carer_support: Vec<&Event> = events
        .iter()
        .filter(|e| {
            e.event_type == EventType::Service
                && e.service_type.is_some_and(ServiceType::is_carer_support)
                && e.client_type != ClientType::ServiceUser
                && period.overlaps(e.start, e.end)
        })
        .collect();
    if carer_support.is_empty() {
        let carer_events = events.iter().filter(|e| {
            e.client_type != ClientType::ServiceUser && e.end.is_some_and(|d| period.contains(d))
        });
        let mut why = None;
        for e in carer_events {
            if e.event_type == EventType::Request
                && e.outcome == Some(EventOutcome::NfaInformationAdvice)
            {
                why = Some("information_advice");
            } else if matches!(e.event_type, EventType::Assessment | EventType::Review) {
                why = why.or(Some("no_direct_support"));
            }
        }
        if let Some(w) = why {
            out.exclude(Measure::SdsCarers, area, TOTAL, w);
            out.exclude(Measure::DpCarers, area, TOTAL, w);
        }
    } else {
        let dp = carer_support.iter().any(|e| {
            e.delivery == Some(DeliveryMechanism::DirectPayment) || e.component_direct_payment
        });
        let pb = carer_support
            .iter()
            .any(|e| e.delivery == Some(DeliveryMechanism::CassrManagedPb));
        let commissioned = carer_support
            .iter()
            .any(|e| e.delivery == Some(DeliveryMechanism::CassrCommissioned));
        // §5.5: the denominator is direct payment + managed PB + commissioned support only;
        // support with no (or a self-funder metering) delivery mechanism is left out.
        if dp || pb || commissioned {
            out.add(Measure::SdsCarers, area, TOTAL, dp || pb);
            out.add(Measure::DpCarers, area, TOTAL, dp);
        } else {
            out.exclude(Measure::SdsCarers, area, TOTAL, "no_delivery_mechanism");
            out.exclude(Measure::DpCarers, area, TOTAL, "no_delivery_mechanism");
        }
    }

    // ---- Better Conversations front door ----
    for r in events.iter().filter(|e| e.event_type == EventType::Request) {
        let Some(end) = r.end else { continue };
        if !period.contains(end) {
            continue;
        }
        let window_end = end
            .checked_add_days(chrono::Days::new(28))
            .unwrap_or(NaiveDate::MAX);
        let follows = |e: &&Event| e.row != r.row && e.start >= r.start && e.start <= window_end;
        let assessed = events
            .iter()
            .filter(follows)
            .any(|e| e.event_type == EventType::Assessment)
            || matches!(
                r.outcome,
                Some(EventOutcome::ProgressToAssessment | EventOutcome::ProgressToReassessment)
            );
        out.add(Measure::RequestsToAssessment, area, TOTAL, assessed);
        if r.client_type != ClientType::ServiceUser {
            continue;
        }
        if lt().any(|l| l.open_on(r.start)) {
            out.exclude(
                Measure::FrontDoorResolved,
                area,
                TOTAL,
                "existing_long_term_client",
            );
            continue;
        }
        let followed = events
            .iter()
            .filter(follows)
            .any(|e| matches!(e.event_type, EventType::Assessment | EventType::Service));
        let nfa = r.outcome.is_some_and(EventOutcome::is_nfa) && !followed;
        let universal = nfa && r.outcome == Some(EventOutcome::NfaInformationAdvice);
        out.add(Measure::FrontDoorResolved, area, TOTAL, nfa);
        out.add(
            Measure::FrontDoorResolved,
            area,
            &[("resolved_by", "information_advice")],
            universal,
        );
    }
    for a in events
        .iter()
        .filter(|e| e.event_type == EventType::Assessment)
    {
        let Some(end) = a.end else { continue };
        if period.contains(end) {
            out.add(
                Measure::AssessmentsWithin28Days,
                area,
                TOTAL,
                (end - a.start).num_days() <= 28,
            );
        }
    }
}

/// The 18-64 and 65+ measures of ASCOF 2B/2C.
const ADMISSIONS: [Measure; 2] = [Measure::Admissions18To64, Measure::Admissions65Plus];
/// The 18-64 and 65+ measures of Better Lives BV3/BV4.
const ADMISSIONS_WITH_DISREGARD: [Measure; 2] = [
    Measure::AdmissionsWithDisregard18To64,
    Measure::AdmissionsWithDisregard65Plus,
];

/// Counts one admission under the 18-64 or 65+ measure of `both` by age, or excludes it.
fn admission(
    out: &mut Partial,
    area: &str,
    age: Option<i64>,
    both: [Measure; 2],
    excluded: impl FnOnce() -> Option<&'static str>,
) {
    let m = match age {
        None => {
            for m in both {
                out.exclude(m, area, TOTAL, "missing_age");
            }
            return;
        }
        Some(a) if a < 18 => {
            for m in both {
                out.exclude(m, area, TOTAL, "under_18");
            }
            return;
        }
        Some(a) if a < 65 => both[0],
        Some(_) => both[1],
    };
    match excluded() {
        Some(why) => out.exclude(m, area, TOTAL, why),
        None => out.tally(m, area, TOTAL).numerator += 1,
    }
}

/// How far a long derivation has got: people processed out of the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// People processed so far.
    pub done: u64,
    /// People in the dataset.
    pub total: u64,
}

/// People per progress report and per partial within a thread.
const BATCH: usize = 8192;

/// Derives every measure from a dataset in one call, splitting the people across the available
/// cores when the input is large (≥ 200,000 events; one thread on wasm32). The result does not depend on the split.
///
/// # Panics
/// When the ledger does not balance (an engine bug).
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{derive, Dataset, DeriveOptions};
/// let csv = "la_code,nhs_number,client_type,event_type,event_start_date,event_end_date,event_outcome\n\
///            X,1,Service User,Request,2024-05-01,2024-05-01,NFA – Information & Advice / Signposting only\n\
///            X,2,Service User,Request,2024-05-01,2024-05-02,Progress to Assessment\n\
///            X,2,Service User,Assessment,2024-05-03,2024-06-20,NFA – Other\n";
/// let ds = Dataset::from_csv_str(csv).unwrap();
/// let d = derive(&ds, &DeriveOptions::new("2024-25".parse().unwrap(), "2024-25".parse().unwrap()));
/// let bc4 = d.measures.iter().find(|m| m.code == "BC4").unwrap();
/// assert_eq!((bc4.numerator, bc4.denominator), (1, Some(2)));
/// assert!(d.ledger.is_balanced());
/// ```
pub fn derive(dataset: &Dataset, options: &DeriveOptions) -> Derivation {
    derive_with_progress(dataset, options, &|_| {})
}

/// [`derive`](fn@derive) with a progress callback, called after every batch of 8,192 people (from the
/// worker threads; `done` only grows) and once at the end with `done == total`.
///
/// # Panics
/// When the ledger does not balance (an engine bug).
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{derive_with_progress, Dataset, DeriveOptions};
/// use std::sync::atomic::{AtomicU64, Ordering};
/// let csv = "nhs_number,client_type,event_type,event_start_date\n1,Service User,Request,2024-05-01\n";
/// let ds = Dataset::from_csv_str(csv).unwrap();
/// let last = AtomicU64::new(0);
/// let o = DeriveOptions::new("2024-25".parse().unwrap(), "2024-25".parse().unwrap());
/// derive_with_progress(&ds, &o, &|p| last.store(p.done * 100 / p.total.max(1), Ordering::Relaxed));
/// assert_eq!(last.load(Ordering::Relaxed), 100);
/// ```
pub fn derive_with_progress(
    dataset: &Dataset,
    options: &DeriveOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Derivation {
    derive_with_hospital(dataset, None, options, progress)
}

/// [`derive_with_progress`] with hospital inpatient spells (SUS), which add the 2024-25 ASCOF
/// 2D1 (remained in the community 12 weeks after discharge into reablement) and 2D2
/// (coverage) measures and the spells' own ledger ([`Derivation::hospital_ledger`]). Without
/// spells, or with the 2023-24 method, no 2D rows are derived.
///
/// # Panics
/// When a ledger does not balance (an engine bug).
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{derive_with_hospital, Dataset, DeriveOptions, HospitalSpells};
/// let cld = "la_code,nhs_number,date_of_birth,client_type,event_type,event_start_date,event_end_date,event_outcome,service_type\n\
///            X,1,1940-02-10,Service User,Service,2024-06-12,2024-07-01,Service ended as planned,ST-Max\n";
/// let sus = "la_code,nhs_number,admission_date,discharge_date\n\
///            X,1,2024-06-01,2024-06-10\n\
///            X,2,2024-06-01,2024-06-10\n";
/// let ds = Dataset::from_csv_str(cld).unwrap();
/// let h = HospitalSpells::from_csv_str(sus).unwrap();
/// let o = DeriveOptions::new("2024-25".parse().unwrap(), "2024-25".parse().unwrap());
/// let d = derive_with_hospital(&ds, Some(&h), &o, &|_| {});
/// let d1 = d.measures.iter().find(|m| m.code == "2D1").unwrap();
/// assert_eq!((d1.numerator, d1.denominator), (1, Some(1)));
/// // Person 2 has no CLD events and no date of birth: excluded from coverage for missing age.
/// let d2 = d.measures.iter().find(|m| m.code == "2D2").unwrap();
/// assert_eq!((d2.numerator, d2.denominator), (1, Some(1)));
/// assert_eq!(d2.exclusions["missing_age"], 1);
/// assert_eq!(d.hospital_ledger.unwrap().used, 2);
/// ```
pub fn derive_with_hospital(
    dataset: &Dataset,
    hospital: Option<&HospitalSpells>,
    options: &DeriveOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Derivation {
    use std::sync::atomic::{AtomicU64, Ordering};
    let selected;
    let dataset = match options.submissions {
        super::Submissions::All => dataset,
        super::Submissions::Latest => {
            selected = super::coverage::select_latest(dataset, options.import_date, options.period);
            &selected
        }
    };
    let mut total = Partial::from_dataset(dataset);
    let people: Vec<&[Event]> = dataset.people().collect();
    let all = people.len() as u64;
    let done = AtomicU64::new(0);
    let run = |chunk: &[&[Event]]| {
        let mut acc = Partial::default();
        for batch in chunk.chunks(BATCH) {
            acc.merge(derive_people_linked(
                dataset,
                hospital,
                batch.iter().copied(),
                options,
            ));
            let now = done.fetch_add(batch.len() as u64, Ordering::Relaxed) + batch.len() as u64;
            if now < all {
                progress(Progress {
                    done: now,
                    total: all,
                });
            }
        }
        acc
    };
    // No threads on wasm32 (std::thread is unsupported there).
    let threads = if cfg!(target_family = "wasm") {
        1
    } else {
        std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
    };
    if threads > 1 && dataset.events().len() >= 200_000 {
        let chunk = people.len().div_ceil(threads.max(1)).max(1);
        let parts: Vec<Partial> = std::thread::scope(|s| {
            let handles: Vec<_> = people.chunks(chunk).map(|c| s.spawn(|| run(c))).collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("derivation thread"))
                .collect()
        });
        for p in parts {
            total.merge(p);
        }
    } else {
        total.merge(run(&people));
    }
    if let Some(h) = hospital {
        total.merge(Partial::from_hospital(dataset, h, options));
    }
    progress(Progress {
        done: all,
        total: all,
    });
    total.finish(options)
}
