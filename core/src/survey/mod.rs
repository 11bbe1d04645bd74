//! Survey measures from respondent-level data: the Adult Social Care Survey (ASCS) and the
//! Survey of Adult Carers in England (SACE).
//!
//! * [`respondent`]: records as returned, validation (never a guessed code).
//! * [`score`](mod@score): per-person 1A, the ASCOT index, 1J (refreshed 1B), carer QoL, the proportion
//!   measures' qualifying answers, and the per-row ledger.
//! * [`weights`]: the ASCOT preference weights and 1J adjustment as versioned data.
//! * [`weighting`]: stratified estimates and margins of error with the finite-population
//!   correction.
//! * [`measures`](mod@measures): council, sub-group, region and England estimates.
//! * [`publication`]: survey rounding (1 dp / 3 dp, nearest 5) and suppression (base < 3).
//!
//! Spec: spec-ascof.md §2.1–2.3, §4, §6; spec-economics-spc.md §6.
//!
//! # Examples
//!
//! ```
//! use care_outcomes::survey::{score, Question, RawRespondent, ScoreOptions};
//! let mut r = RawRespondent::default();
//! for q in Question::SCRQOL { r = r.with(q, 2.0); }
//! assert_eq!(score(&[r], &ScoreOptions::default())?.rows[0].scores.scrqol, Some(16));
//! # Ok::<(), care_outcomes::Error>(())
//! ```

pub mod measures;
pub mod publication;
pub mod respondent;
pub mod score;
pub mod weighting;
pub mod weights;

pub use measures::{
    AreaLevel, MeasuresOptions, StratumPopulation, Subgroup, SurveyEstimate, SurveyMeasures,
    carer_measures, measures,
};
pub use publication::{
    NOT_AVAILABLE, Publication, SUPPRESS_BELOW_BASE, SUPPRESSED, base_to_nearest_5, publish,
    to_nearest_5,
};
pub use respondent::{
    AgeBand, AssistanceCode4, Carer, CarerItem, OnInvalid, OnMissing, Question, RawCarer,
    RawRespondent, Respondent, carers_from_json, populations_from_json, respondents_from_json,
    validate, validate_carer,
};
pub use score::{
    Exclusion, ExclusionReason, LedgerEntry, LedgerRow, Measure, MeasureKind, PersonScores,
    RowStatus, ScoreOptions, ScoredCarer, ScoredRespondent, Scoring, carer_qol, score,
    score_carers, score_respondent,
};
pub use weighting::{Cell, MARGIN_Z, Stratified, stratified};
pub use weights::{ASCOT_WEIGHTS_JSON, AscotWeights};

/// The guide `docs/survey.md`, included so that its Rust example runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/survey.md")]
pub struct SurveyGuide;
