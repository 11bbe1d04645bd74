//! A deterministic generator of realistic synthetic CLD event histories (seeded; streams CSV so
//! it scales to tens of millions of events in constant memory).
//!
//! Each person follows a front-door journey: a request; then information and advice (resolved),
//! reablement (ST-Max, sometimes in two close episodes) and its sequel (ended as planned,
//! long-term community or residential/nursing care, ongoing low-level support, death, ...), or
//! an assessment leading to long-term support with a delivery mechanism and annual reviews;
//! some people are carers with carer support. About 3% of rows are resubmitted duplicates,
//! 0.3% cancelled, 0.2% invalid (a bad date) and 1% lack the NHS
//! number other rows of the same person carry (a person-id conflict), so every ledger branch is exercised. Service
//! types use Release 1 or Release 2 spellings at random.
//!
//! The numbers are illustrative, not calibrated to any council.

use std::io::Write;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Options of the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyntheticOptions {
    /// Seed: the same seed and options give byte-identical output.
    pub seed: u64,
    /// Stop after the person whose rows reach this many data rows.
    pub events: u64,
    /// Number of local authorities (codes `LA001`, `LA002`, ...).
    pub areas: u32,
    /// First possible journey start date.
    pub start: NaiveDate,
    /// Last possible journey start date.
    pub end: NaiveDate,
}

impl Default for SyntheticOptions {
    fn default() -> Self {
        SyntheticOptions {
            seed: 1,
            events: 10_000,
            areas: 3,
            start: NaiveDate::from_ymd_opt(2023, 1, 1).expect("valid date"),
            end: NaiveDate::from_ymd_opt(2025, 3, 31).expect("valid date"),
        }
    }
}

/// The CSV header the generator writes.
pub const HEADER: &str = "la_code,nhs_number,la_person_unique_identifier,date_of_birth,\
date_of_death,client_type,primary_support_reason,accommodation_status,event_type,\
event_start_date,event_end_date,event_outcome,request_route_of_access,assessment_type,\
service_type,service_component,delivery_mechanism,reporting_period_end_date";

/// SplitMix64: small, fast, deterministic across platforms.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
    /// True with probability p/1000.
    fn per_mille(&mut self, p: u64) -> bool {
        self.below(1000) < p
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

#[derive(Default, Clone)]
struct Row {
    client_type: &'static str,
    event_type: &'static str,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    outcome: &'static str,
    route: &'static str,
    assessment_type: &'static str,
    service_type: &'static str,
    component: &'static str,
    delivery: &'static str,
}

struct Person {
    la: u32,
    id: u64,
    la_id_only: bool,
    birth: NaiveDate,
    death: Option<NaiveDate>,
    psr: &'static str,
    accommodation: &'static str,
}

const PSR: &[&str] = &[
    "Physical support: personal care",
    "Physical support: personal care",
    "Physical support: access & mobility only",
    "Support with memory & cognition",
    "Learning disability support",
    "Mental health support",
    "Sensory support: visual",
    "Social support: social isolation or other",
];
const ACCOMMODATION: &[&str] = &[
    "Owner occupier / shared ownership",
    "Owner occupier / shared ownership",
    "Tenant – LA/social landlord",
    "Tenant – private",
    "Settled mainstream housing with family/friends",
    "Sheltered housing / extra care",
    "Supported accommodation / supported lodgings / group home",
    "Registered care home",
    "Unknown",
];
const ROUTES: &[&str] = &[
    "Community / Other route",
    "Community / Other route",
    "Discharge from Hospital",
    "Diversion from Hospital Services",
    "Planned Entry (Transition)",
    "Self-Funder",
];

fn d(base: NaiveDate, days: u64) -> NaiveDate {
    base.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

fn quarter_end(date: NaiveDate) -> NaiveDate {
    let (y, m) = match date.month() {
        1..=3 => (date.year(), 3),
        4..=6 => (date.year(), 6),
        7..=9 => (date.year(), 9),
        _ => (date.year(), 12),
    };
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(date)
}

fn lt_service(rng: &mut Rng, r2: bool) -> (&'static str, &'static str) {
    match rng.below(10) {
        0..=6 => (
            if r2 {
                "Long Term Support: Community"
            } else {
                "Community"
            },
            if rng.per_mille(500) {
                "Home care"
            } else {
                "Day care"
            },
        ),
        7 | 8 => (
            if r2 {
                "Long Term Support: Residential Care"
            } else {
                "Residential Care"
            },
            "Long term residential",
        ),
        _ => (
            if r2 {
                "Long Term Support: Nursing Care"
            } else {
                "Nursing Care"
            },
            "Long term nursing",
        ),
    }
}

fn delivery(rng: &mut Rng) -> &'static str {
    match rng.below(20) {
        0..=4 => "Direct Payment",
        5..=7 => "CASSR Managed Personal Budget",
        _ => "CASSR Commissioned Support",
    }
}

/// One person's journey.
#[allow(clippy::too_many_lines)]
fn journey(rng: &mut Rng, p: &mut Person, day0: NaiveDate, r2: bool) -> Vec<Row> {
    let mut rows = Vec::new();
    let su = "Service User";
    let st_max = if r2 {
        "Short Term Support: ST-Max"
    } else {
        "ST-Max"
    };
    if rng.per_mille(80) {
        // A carer.
        let a_end = d(day0, rng.below(30));
        rows.push(Row {
            client_type: "Carer",
            event_type: "Assessment",
            start: Some(day0),
            end: Some(a_end),
            outcome: "Progress to Support Planning / Services",
            assessment_type: "Carer Assessment",
            ..Row::default()
        });
        if rng.per_mille(700) {
            let start = d(a_end, rng.below(14));
            rows.push(Row {
                client_type: "Carer",
                event_type: "Service",
                start: Some(start),
                end: rng.per_mille(500).then(|| d(start, rng.below(200))),
                service_type: if rng.per_mille(600) {
                    "Direct to Carer"
                } else {
                    "Support involving the person cared-for"
                },
                component: "Carer support",
                delivery: delivery(rng),
                ..Row::default()
            });
        }
        return rows;
    }
    let r_end = d(day0, rng.below(7));
    let path = rng.below(100);
    let outcome = match path {
        0..=29 => "NFA – Information & Advice / Signposting only",
        30..=39 => "NFA – Other",
        40..=64 => "Progress to Reablement/ST-Max",
        _ => "Progress to Assessment",
    };
    rows.push(Row {
        client_type: su,
        event_type: "Request",
        start: Some(day0),
        end: Some(r_end),
        outcome,
        route: rng.pick(ROUTES),
        ..Row::default()
    });
    if path < 40 {
        return rows;
    }
    let mut lt_start = None;
    if path < 65 {
        let s1 = d(r_end, rng.below(10));
        let e1 = d(s1, 3 + rng.below(40));
        let mut last_end = e1;
        let two = rng.per_mille(150);
        rows.push(Row {
            client_type: su,
            event_type: "Service",
            start: Some(s1),
            end: Some(e1),
            outcome: if two { "" } else { "Service ended as planned" },
            service_type: st_max,
            component: "Reablement",
            delivery: "CASSR Commissioned Support",
            ..Row::default()
        });
        if two {
            let s2 = d(e1, rng.below(10));
            last_end = d(s2, 3 + rng.below(20));
            rows.push(Row {
                client_type: su,
                event_type: "Service",
                start: Some(s2),
                end: Some(last_end),
                outcome: "Service ended as planned",
                service_type: st_max,
                component: "Reablement",
                delivery: "CASSR Commissioned Support",
                ..Row::default()
            });
        }
        match rng.below(100) {
            0..=44 => {}
            45..=64 => lt_start = Some(d(last_end, rng.below(6))),
            65..=74 => {
                let s = d(last_end, rng.below(6));
                rows.push(Row {
                    client_type: su,
                    event_type: "Service",
                    start: Some(s),
                    end: rng.per_mille(500).then(|| d(s, 30 + rng.below(200))),
                    service_type: if r2 {
                        "Short Term Support: Ongoing Low Level"
                    } else {
                        "Ongoing Low Level"
                    },
                    component: "Equipment",
                    delivery: "CASSR Commissioned Support",
                    ..Row::default()
                });
            }
            75..=79 => {
                let s = d(last_end, rng.below(4));
                rows.push(Row {
                    client_type: su,
                    event_type: "Service",
                    start: Some(s),
                    end: Some(d(s, 7 + rng.below(28))),
                    service_type: "Other Short Term",
                    component: "Short Term Residential Care",
                    delivery: "CASSR Commissioned Support",
                    ..Row::default()
                });
            }
            80..=84 => p.death = Some(d(last_end, rng.below(10))),
            _ => rows.push(Row {
                client_type: su,
                event_type: "Review",
                start: Some(d(last_end, rng.below(5))),
                end: Some(d(last_end, 5 + rng.below(5))),
                outcome: if rng.per_mille(500) {
                    "NFA – Support ended – other reason"
                } else {
                    "NFA – Self-funded client (inc. 12wk disregard)"
                },
                ..Row::default()
            }),
        }
    } else {
        let a_start = d(r_end, rng.below(40));
        let a_end = d(a_start, rng.below(60));
        let to_services = rng.per_mille(700);
        rows.push(Row {
            client_type: su,
            event_type: "Assessment",
            start: Some(a_start),
            end: Some(a_end),
            outcome: if to_services {
                "Progress to Support Planning / Services"
            } else {
                "NFA – No services offered – other reason"
            },
            assessment_type: "Long Term Support Assessment",
            ..Row::default()
        });
        if to_services {
            lt_start = Some(d(a_end, rng.below(21)));
        }
    }
    if let Some(s) = lt_start {
        let (t, c) = lt_service(rng, r2);
        let end = rng.per_mille(300).then(|| d(s, 30 + rng.below(500)));
        rows.push(Row {
            client_type: su,
            event_type: "Service",
            start: Some(s),
            end,
            service_type: t,
            component: c,
            delivery: delivery(rng),
            ..Row::default()
        });
        let mut r = d(s, 365);
        while end.is_none_or(|e| r < e) && r < d(s, 800) {
            rows.push(Row {
                client_type: su,
                event_type: "Review",
                start: Some(r),
                end: Some(d(r, rng.below(10))),
                outcome: "No change in package",
                ..Row::default()
            });
            r = d(r, 365);
        }
    }
    rows
}

fn put_date(buf: &mut Vec<u8>, date: Option<NaiveDate>) {
    if let Some(x) = date {
        let _ = write!(buf, "{:04}-{:02}-{:02}", x.year(), x.month(), x.day());
    }
}

/// Writes synthetic CLD rows as CSV (with [`HEADER`]) and returns the number of data rows.
///
/// # Errors
/// `invalid_option` when `areas` is 0 or `end` is before `start`; `invalid_definition` when
/// writing fails.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{synthetic_csv, SyntheticOptions};
/// let o = SyntheticOptions { seed: 7, events: 500, ..SyntheticOptions::default() };
/// let a = synthetic_csv(&o).unwrap();
/// assert_eq!(a, synthetic_csv(&o).unwrap()); // deterministic
/// assert!(a.lines().count() > 500);
/// ```
pub fn write_synthetic_csv<W: Write>(options: &SyntheticOptions, mut out: W) -> Result<u64> {
    if options.areas == 0 {
        return Err(Error::InvalidOption {
            option: "areas",
            value: "0".to_owned(),
            expected: "at least 1",
        });
    }
    if options.end < options.start {
        return Err(Error::InvalidOption {
            option: "end",
            value: options.end.to_string(),
            expected: "a date on or after start",
        });
    }
    let io = |e: std::io::Error| Error::InvalidDefinition {
        message: format!("cannot write CSV: {e}"),
    };
    let span = (options.end - options.start).num_days().max(0) as u64 + 1;
    let mut rng = Rng(options.seed);
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    buf.extend_from_slice(HEADER.as_bytes());
    buf.push(b'\n');
    let mut written = 0u64;
    let mut id = 0u64;
    while written < options.events {
        id += 1;
        let birth_year = 1925 + rng.below(82) as i32;
        let mut p = Person {
            la: 1 + rng.below(u64::from(options.areas)) as u32,
            id,
            la_id_only: rng.per_mille(20),
            birth: NaiveDate::from_ymd_opt(birth_year, 1 + rng.below(12) as u32, 1)
                .unwrap_or(options.start),
            death: None,
            psr: rng.pick(PSR),
            accommodation: rng.pick(ACCOMMODATION),
        };
        let day0 = d(options.start, rng.below(span));
        let r2 = rng.per_mille(500);
        let no_dob = rng.per_mille(10);
        let rows = journey(&mut rng, &mut p, day0, r2);
        for row in &rows {
            let copies = if rng.per_mille(30) { 2 } else { 1 };
            for copy in 0..copies {
                let cancelled = rng.per_mille(3);
                let invalid = rng.per_mille(2);
                let _ = write!(buf, "LA{:03},", p.la);
                // A few rows of NHS-numbered people lack the number: person-id conflicts.
                if !p.la_id_only && !rng.per_mille(10) {
                    let _ = write!(buf, "{}", 9_000_000_000 + p.id);
                }
                let _ = write!(buf, ",L{},", p.id);
                if !no_dob {
                    put_date(&mut buf, Some(p.birth));
                }
                buf.push(b',');
                put_date(&mut buf, p.death);
                let _ = write!(
                    buf,
                    ",{},{},{},{},",
                    row.client_type, p.psr, p.accommodation, row.event_type
                );
                if invalid {
                    buf.extend_from_slice(b"2024-02-30");
                } else {
                    put_date(&mut buf, row.start);
                }
                buf.push(b',');
                put_date(&mut buf, row.end);
                let outcome = if cancelled { "Cancelled" } else { row.outcome };
                let _ = write!(
                    buf,
                    ",{},{},{},{},{},{},",
                    outcome,
                    row.route,
                    row.assessment_type,
                    row.service_type,
                    row.component,
                    row.delivery
                );
                let submitted = quarter_end(row.end.or(row.start).unwrap_or(options.start));
                put_date(
                    &mut buf,
                    Some(if copy == 1 {
                        d(submitted, 92)
                    } else {
                        submitted
                    }),
                );
                buf.push(b'\n');
                written += 1;
            }
        }
        if buf.len() > (1 << 16) {
            out.write_all(&buf).map_err(io)?;
            buf.clear();
        }
    }
    out.write_all(&buf).map_err(io)?;
    Ok(written)
}

/// [`write_synthetic_csv`] into a `String`.
///
/// # Errors
/// As [`write_synthetic_csv`].
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{derive, synthetic_csv, Dataset, DeriveOptions, SyntheticOptions};
/// let csv = synthetic_csv(&SyntheticOptions { events: 2_000, ..SyntheticOptions::default() }).unwrap();
/// let ds = Dataset::from_csv_str(&csv).unwrap();
/// let d = derive(&ds, &DeriveOptions::new("2024-25".parse().unwrap(), "2024-25".parse().unwrap()));
/// assert!(d.ledger.is_balanced());
/// assert!(d.ledger.read >= 2_000);
/// ```
pub fn synthetic_csv(options: &SyntheticOptions) -> Result<String> {
    let mut out = Vec::new();
    write_synthetic_csv(options, &mut out)?;
    String::from_utf8(out).map_err(|e| Error::InvalidDefinition {
        message: format!("generator wrote invalid UTF-8: {e}"),
    })
}
