//! Client Level Data (CLD): event records, the row ledger, processing rules by method year and
//! the derivation of ASCOF, reablement and Better Conversations measures
//! (spec-ascof.md §3.2, §5, §8, §9.2).
//!
//! The pipeline: [`Dataset`] reads rows (CSV streaming, or column buffers), validates them
//! (typed defined lists, Release 1 and Release 2 spellings from embedded data), resolves person
//! identity and groups events by person; [`derive`](fn@derive) de-duplicates each person's events and
//! derives every measure into mergeable [`Partial`]s, splitting people across cores; the result
//! is a list of [`MeasureCount`] rows plus the [`Ledger`] (`read = used + excluded + rejected`,
//! checked on every run).
//!
//! # Examples
//!
//! ```
//! use care_outcomes::records::{derive, Dataset, DeriveOptions};
//! let csv = "la_code,nhs_number,date_of_birth,client_type,event_type,event_start_date,event_end_date,event_outcome,service_type\n\
//!            X,1,1950-01-15,Service User,Service,2024-05-01,2024-05-28,Service ended as planned,ST-Max\n";
//! let ds = Dataset::from_csv_str(csv).unwrap();
//! let d = derive(&ds, &DeriveOptions::new("2024-25".parse().unwrap(), "2024-25".parse().unwrap()));
//! let a2 = d.measures.iter().find(|m| m.code == "2A" && m.breakdown.is_empty()).unwrap();
//! // A new client whose reablement ended as planned needed no further support: 1 / 1.
//! assert_eq!((a2.numerator, a2.denominator), (1, Some(1)));
//! assert_eq!(d.ledger.used, 1);
//! ```

#[cfg(feature = "arrow")]
mod arrow;
mod builder;
mod catalogue_link;
mod coverage;
mod csv_ranges;
mod derive;
mod hospital;
mod ledger;
mod lists;
mod model;
mod reader;
mod rules;
mod synthetic;

/// The date type of the records API (re-exported from `chrono`).
pub use chrono::NaiveDate;

pub use coverage::{
    CoverageOptions, MIN_EVENTS_TO_DERIVE, MIN_MONTH_SHARE_DENOMINATOR, MonthCoverage,
    MonthDropped, PeriodBasis, SubmissionCoverage, Submissions, coverage, latest_covering,
    latest_submissions,
};
pub use derive::{
    Derivation, DeriveOptions, Measure, MeasureCount, MeasureInfo, Partial, Populations, Progress,
    derive, derive_people, derive_people_with_hospital, derive_with_hospital, derive_with_progress,
};
pub use hospital::{HospitalSpells, Spell, synthetic_hospital_csv};
pub use ledger::{Ledger, Rejection};
pub use lists::{
    AccommodationStatus, ClientType, Coded, DeliveryMechanism, EventOutcome, EventType,
    PrimarySupportReason, RouteOfAccess, ServiceType, parse,
};
pub use model::{AgeBand, Event, Method, Period, Symbols, age_at};
pub use reader::{Dataset, Field, PersonId, ReadOptions, parse_date};
pub use rules::{Cluster, Sequel, clusters, dedup, is_new_admission, is_new_client, sequel};
pub use synthetic::{
    HEADER as SYNTHETIC_HEADER, SyntheticOptions, synthetic_csv, write_synthetic_csv,
};
