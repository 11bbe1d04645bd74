//! Per-person scores: ASCOF 1A (SCRQoL, 0–24), the preference-weighted ASCOT index, the adjusted
//! SCRQoL 1J (refreshed 1B), carer QoL 1D (0–12), and the qualifying answer of every proportion
//! measure, with a per-row ledger of what was used, excluded or rejected and why.

use crate::error::{Error, Location, Result};
use crate::survey::respondent::{
    AgeBand, AssistanceCode4, Carer, OnInvalid, OnMissing, Question, RawCarer, RawRespondent,
    Respondent, validate, validate_carer,
};
use crate::survey::weights::AscotWeights;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A survey measure, keyed by a stable internal name (codes change between framework versions).
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::Measure;
/// assert_eq!(Measure::AdjustedScrqol.code(), "adjusted_scrqol");
/// assert_eq!(Measure::AdjustedScrqol.legacy_code(), "1J");
/// assert_eq!(Measure::AdjustedScrqol.dp(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 1A social care-related quality of life, 0–24 (mean).
    Scrqol,
    /// 1J (refreshed 1B) adjusted SCRQoL (mean, 3 dp).
    AdjustedScrqol,
    /// 1B (legacy) control over daily life: q3a ∈ {1, 2} (%).
    Control,
    /// 1I(1) as much social contact as they would like: q8a = 1 (%).
    SocialContact,
    /// 3A overall satisfaction: q1 ∈ {1, 2} (%).
    OverallSatisfaction,
    /// 3D(1) easy to find information: q12 ∈ {2, 3} of q12 ∈ {2..5} ("never tried" excluded) (%).
    InformationEase,
    /// 4A feel safe: q7a = 1 (%).
    FeelSafe,
    /// 4B services help them feel safe: q7b = 1 (%).
    ServicesSafe,
    /// 1D (refreshed 1C) carer-reported quality of life, 0–12 (mean).
    CarerQol,
}

/// Whether a measure is a mean of scores or a percentage.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{Measure, MeasureKind};
/// assert_eq!(Measure::Scrqol.kind(), MeasureKind::Mean);
/// assert_eq!(Measure::FeelSafe.kind(), MeasureKind::Proportion);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// A (weighted) mean of person scores.
    Mean,
    /// A (weighted) percentage of people giving the qualifying answer.
    Proportion,
}

impl Measure {
    /// The ASCS measures in output order.
    pub const ASCS: [Measure; 8] = [
        Measure::Scrqol,
        Measure::AdjustedScrqol,
        Measure::Control,
        Measure::SocialContact,
        Measure::OverallSatisfaction,
        Measure::InformationEase,
        Measure::FeelSafe,
        Measure::ServicesSafe,
    ];

    /// The stable snake_case name.
    pub fn code(self) -> &'static str {
        match self {
            Measure::Scrqol => "scrqol",
            Measure::AdjustedScrqol => "adjusted_scrqol",
            Measure::Control => "control",
            Measure::SocialContact => "social_contact",
            Measure::OverallSatisfaction => "overall_satisfaction",
            Measure::InformationEase => "information_ease",
            Measure::FeelSafe => "feel_safe",
            Measure::ServicesSafe => "services_safe",
            Measure::CarerQol => "carer_qol",
        }
    }

    /// The ASCOF code in the legacy framework (2014-15 to 2022-23).
    pub fn legacy_code(self) -> &'static str {
        match self {
            Measure::Scrqol => "1A",
            Measure::AdjustedScrqol => "1J",
            Measure::Control => "1B",
            Measure::SocialContact => "1I1",
            Measure::OverallSatisfaction => "3A",
            Measure::InformationEase => "3D1",
            Measure::FeelSafe => "4A",
            Measure::ServicesSafe => "4B",
            Measure::CarerQol => "1D",
        }
    }

    /// Mean or proportion.
    pub fn kind(self) -> MeasureKind {
        match self {
            Measure::Scrqol | Measure::AdjustedScrqol | Measure::CarerQol => MeasureKind::Mean,
            _ => MeasureKind::Proportion,
        }
    }

    /// Published decimal places: 3 for the adjusted score, 1 otherwise (spec-ascof.md §6).
    pub fn dp(self) -> u32 {
        if self == Measure::AdjustedScrqol {
            3
        } else {
            1
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a person is not in a measure.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::ExclusionReason;
/// assert_eq!(ExclusionReason::NeverTried.code(), "never_tried");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    /// An item the measure needs is missing (complete-case rule).
    MissingItem,
    /// q12 = 1 "never tried" (excluded from 3D(1) by definition).
    NeverTried,
    /// The person could not answer q2c (excluded from 1J).
    CannotAnswerQ2c,
}

impl ExclusionReason {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            ExclusionReason::MissingItem => "missing_item",
            ExclusionReason::NeverTried => "never_tried",
            ExclusionReason::CannotAnswerQ2c => "cannot_answer_q2c",
        }
    }
}

/// One exclusion of one person from one measure.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{Exclusion, ExclusionReason, Measure};
/// let e = Exclusion { measure: Measure::Scrqol, reason: ExclusionReason::MissingItem, items: vec!["q5a".into()] };
/// assert_eq!(e.to_string(), "scrqol: missing_item (q5a)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    /// The measure.
    pub measure: Measure,
    /// Why.
    pub reason: ExclusionReason,
    /// The items concerned (missing items, or the item with the excluding answer).
    pub items: Vec<String>,
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.measure, self.reason.code())?;
        if !self.items.is_empty() {
            write!(f, " ({})", self.items.join(", "))?;
        }
        Ok(())
    }
}

/// What happened to a row.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{score, RawRespondent, RowStatus, ScoreOptions};
/// let out = score(&[RawRespondent::default()], &ScoreOptions::default())?;
/// assert_eq!(out.ledger[0].status, RowStatus::Excluded); // nothing answered
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// Contributes to at least one measure.
    Used,
    /// Valid, but excluded from every measure.
    Excluded,
    /// Invalid ([`OnInvalid::Reject`]): used nowhere.
    Rejected,
}

/// The ledger entry of one input row.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{score, Measure, OnInvalid, Question, RawRespondent, RowStatus, ScoreOptions};
/// let rows = [RawRespondent::default().with(Question::Q7a, 1.0), RawRespondent::default().with(Question::Q7a, 9.0)];
/// let o = ScoreOptions { on_invalid: OnInvalid::Reject, ..Default::default() };
/// let out = score(&rows, &o)?;
/// assert_eq!(out.ledger[0].used_in, vec![Measure::FeelSafe]);
/// assert_eq!(out.ledger[1].status, RowStatus::Rejected);
/// assert_eq!(out.ledger[1].rejection_code.as_deref(), Some("invalid_response"));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// Zero-based input row.
    pub row: usize,
    /// Used, excluded or rejected.
    pub status: RowStatus,
    /// The measures the row contributes to.
    pub used_in: Vec<Measure>,
    /// Each measure it is excluded from, and why.
    pub exclusions: Vec<Exclusion>,
    /// The error code that rejected the row.
    pub rejection_code: Option<String>,
    /// The error message that rejected the row.
    pub rejection: Option<String>,
}

impl LedgerEntry {
    /// One line: exclusions, or the rejection, joined by "; " (empty when fully used).
    pub fn reasons(&self) -> String {
        match &self.rejection {
            Some(r) => r.clone(),
            None => self
                .exclusions
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    fn rejected(row: usize, e: &Error) -> Self {
        LedgerEntry {
            row,
            status: RowStatus::Rejected,
            used_in: vec![],
            exclusions: vec![],
            rejection_code: Some(e.code().to_owned()),
            rejection: Some(e.to_string()),
        }
    }
}

/// A ledger entry flattened for a table: one row per input row.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{score, RawRespondent, ScoreOptions};
/// let out = score(&[RawRespondent::default()], &ScoreOptions::default())?;
/// assert_eq!(out.ledger[0].to_row().used_in, "");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    /// Zero-based input row.
    pub row: usize,
    /// Used, excluded or rejected.
    pub status: RowStatus,
    /// The measures the row contributes to, comma separated.
    pub used_in: String,
    /// Exclusions or the rejection, joined by "; ".
    pub reasons: String,
    /// The error code that rejected the row.
    pub rejection_code: Option<String>,
}

impl LedgerEntry {
    /// The entry as a flat [`LedgerRow`].
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::survey::{score, RawRespondent, ScoreOptions};
    /// let out = score(&[RawRespondent::default().with(care_outcomes::survey::Question::Q7a, 1.0)],
    ///     &ScoreOptions::default())?;
    /// let row = out.ledger[0].to_row();
    /// assert_eq!(row.used_in, "feel_safe");
    /// assert!(row.reasons.starts_with("scrqol: missing_item (q3a"));
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn to_row(&self) -> LedgerRow {
        LedgerRow {
            row: self.row,
            status: self.status,
            used_in: self
                .used_in
                .iter()
                .map(|m| m.code())
                .collect::<Vec<_>>()
                .join(", "),
            reasons: self.reasons(),
            rejection_code: self.rejection_code.clone(),
        }
    }
}

/// The scores of one ASCS respondent (None = not in that measure).
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{Measure, PersonScores};
/// let s = PersonScores { scrqol: Some(17), feel_safe: Some(true), ..Default::default() };
/// assert_eq!((s.get(Measure::Scrqol), s.get(Measure::FeelSafe), s.get(Measure::Control)), (Some(17.0), Some(1.0), None));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PersonScores {
    /// 1A: 32 − Σ of the eight SCRQoL codes (0–24).
    pub scrqol: Option<u8>,
    /// Preference-weighted ASCOT index 0.203 × Σ w − 0.466 (≈ −0.17 to 1).
    pub ascot_index: Option<f64>,
    /// 1J (refreshed 1B): index − expected QoL without services.
    pub adjusted_scrqol: Option<f64>,
    /// 1B (legacy): q3a ∈ {1, 2}.
    pub control: Option<bool>,
    /// 1I(1): q8a = 1.
    pub social_contact: Option<bool>,
    /// 3A: q1 ∈ {1, 2}.
    pub overall_satisfaction: Option<bool>,
    /// 3D(1): q12 ∈ {2, 3}; None for q12 = 1 (never tried).
    pub information_ease: Option<bool>,
    /// 4A: q7a = 1.
    pub feel_safe: Option<bool>,
    /// 4B: q7b = 1.
    pub services_safe: Option<bool>,
}

impl PersonScores {
    /// The person's value for a measure as a number (proportions: 1 or 0).
    pub fn get(&self, m: Measure) -> Option<f64> {
        let b = |x: Option<bool>| x.map(|v| if v { 1.0 } else { 0.0 });
        match m {
            Measure::Scrqol => self.scrqol.map(f64::from),
            Measure::AdjustedScrqol => self.adjusted_scrqol,
            Measure::Control => b(self.control),
            Measure::SocialContact => b(self.social_contact),
            Measure::OverallSatisfaction => b(self.overall_satisfaction),
            Measure::InformationEase => b(self.information_ease),
            Measure::FeelSafe => b(self.feel_safe),
            Measure::ServicesSafe => b(self.services_safe),
            Measure::CarerQol => None,
        }
    }
}

/// Options of [`score`].
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{AssistanceCode4, ScoreOptions};
/// let o = ScoreOptions { assistance_code_4: AssistanceCode4::PassThrough, ..Default::default() };
/// assert_eq!(serde_json::to_string(&o).unwrap(), r#"{"on_invalid":"error","on_missing":"exclude","assistance_code_4":"pass_through"}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoreOptions {
    /// Invalid codes: error (default) or reject the row.
    pub on_invalid: OnInvalid,
    /// Missing items: exclude the person from the measure (default) or error.
    pub on_missing: OnMissing,
    /// q15/q16 code 4: reject (default) or pass through (NHS parity).
    pub assistance_code_4: AssistanceCode4,
}

fn missing_items(r: &Respondent, qs: &[Question]) -> Vec<String> {
    qs.iter()
        .filter(|q| r.answer(**q).is_none())
        .map(|q| q.id().to_owned())
        .collect()
}

/// Scores one validated respondent with the given weights, listing its exclusions.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{score_respondent, validate, AscotWeights, AssistanceCode4, Question, RawRespondent};
/// let mut raw = RawRespondent::default();
/// for (q, c) in Question::SCRQOL.into_iter().zip([1.0, 2.0, 1.0, 1.0, 3.0, 2.0, 3.0, 2.0]) {
///     raw = raw.with(q, c);
/// }
/// let r = validate(&raw, 0, AssistanceCode4::Reject)?;
/// let (s, exclusions) = score_respondent(&r, AscotWeights::builtin());
/// assert_eq!(s.scrqol, Some(17));
/// assert!((s.ascot_index.unwrap() - 0.707543).abs() < 5e-7);
/// assert_eq!(s.adjusted_scrqol, None); // q13 … q18, age and q2c are missing
/// assert!(!exclusions.is_empty());
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn score_respondent(r: &Respondent, w: &AscotWeights) -> (PersonScores, Vec<Exclusion>) {
    let mut ex = Vec::new();
    let mut s = PersonScores::default();
    let items: Option<Vec<u8>> = Question::SCRQOL.iter().map(|q| r.answer(*q)).collect();
    let codes: Option<[u8; 8]> = items.and_then(|v| v.try_into().ok());
    match codes {
        Some(c) => {
            // 1A = 32 − Σ codes (NHS generate_1A).
            let sum: u8 = c.iter().sum();
            s.scrqol = Some(32 - sum);
            s.ascot_index = Some(w.index_unchecked(c));
        }
        None => {
            ex.push(Exclusion {
                measure: Measure::Scrqol,
                reason: ExclusionReason::MissingItem,
                items: missing_items(r, &Question::SCRQOL),
            });
        }
    }
    // 1J.
    let mut needed: Vec<String> = missing_items(r, &Question::SCRQOL);
    needed.extend(missing_items(
        r,
        &[
            Question::Q13,
            Question::Q15a,
            Question::Q15b,
            Question::Q15c,
            Question::Q15d,
            Question::Q16a,
            Question::Q16b,
            Question::Q16c,
            Question::Q17,
            Question::Q18,
        ],
    ));
    if r.age_band.is_none() {
        needed.push("age_band".to_owned());
    }
    if r.can_answer_q2c.is_none() {
        needed.push("can_answer_q2c".to_owned());
    }
    if r.can_answer_q2c == Some(false) {
        ex.push(Exclusion {
            measure: Measure::AdjustedScrqol,
            reason: ExclusionReason::CannotAnswerQ2c,
            items: vec!["can_answer_q2c".to_owned()],
        });
    } else if !needed.is_empty() {
        ex.push(Exclusion {
            measure: Measure::AdjustedScrqol,
            reason: ExclusionReason::MissingItem,
            items: needed,
        });
    } else if let (Some(index), Some(q13), Some(q17), Some(q18), Some(age)) = (
        s.ascot_index,
        r.answer(Question::Q13),
        r.answer(Question::Q17),
        r.answer(Question::Q18),
        r.age_band,
    ) {
        let a = &w.adjustment;
        // Assistance count: Σ (code − 1) for codes 1–3; a passed-through 4 counts 4 (NHS).
        let mut count = 0.0;
        for q in Question::ASSISTANCE {
            let c = r.answer(q).unwrap_or(1);
            count += if c <= 3 {
                f64::from(c - 1)
            } else {
                f64::from(c)
            };
        }
        let age = if age == AgeBand::Age65Plus {
            a.age_65_plus
        } else {
            0.0
        };
        let assistance = a.assistance_intercept - count * a.assistance_slope;
        // Same order of additions as the NHS code: q13 + q17 + q18 + age + assistance.
        let adjustment = a.q13[usize::from(q13 - 1)]
            + a.q17[usize::from(q17 - 1)]
            + a.q18[usize::from(q18 - 1)]
            + age
            + assistance;
        s.adjusted_scrqol = Some(index - adjustment);
    }
    // Proportion measures.
    let mut prop = |m: Measure, q: Question, f: &dyn Fn(u8) -> Option<bool>| match r.answer(q) {
        None => {
            ex.push(Exclusion {
                measure: m,
                reason: ExclusionReason::MissingItem,
                items: vec![q.id().to_owned()],
            });
            None
        }
        Some(c) => {
            let v = f(c);
            if v.is_none() {
                ex.push(Exclusion {
                    measure: m,
                    reason: ExclusionReason::NeverTried,
                    items: vec![q.id().to_owned()],
                });
            }
            v
        }
    };
    s.control = prop(Measure::Control, Question::Q3a, &|c| Some(c <= 2));
    s.social_contact = prop(Measure::SocialContact, Question::Q8a, &|c| Some(c == 1));
    s.overall_satisfaction = prop(Measure::OverallSatisfaction, Question::Q1, &|c| {
        Some(c <= 2)
    });
    s.information_ease = prop(Measure::InformationEase, Question::Q12, &|c| {
        (c != 1).then_some(c <= 3)
    });
    s.feel_safe = prop(Measure::FeelSafe, Question::Q7a, &|c| Some(c == 1));
    s.services_safe = prop(Measure::ServicesSafe, Question::Q7b, &|c| Some(c == 1));
    (s, ex)
}

/// One scored input row: its scores and its ledger status.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{score, Question, RawRespondent, ScoreOptions};
/// let out = score(&[RawRespondent::default().with(Question::Q12, 1.0)], &ScoreOptions::default())?;
/// assert!(out.rows[0].reasons.contains("information_ease: never_tried (q12)"));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredRespondent {
    /// Zero-based input row.
    pub row: usize,
    /// Used, excluded or rejected.
    pub status: RowStatus,
    /// The scores (all None when rejected).
    #[serde(flatten)]
    pub scores: PersonScores,
    /// Exclusions or the rejection, joined by "; ".
    pub reasons: String,
}

/// The result of [`score`]: one row per input row, and the ledger.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{score, RawRespondent, ScoreOptions};
/// let out = score(&[RawRespondent::default()], &ScoreOptions::default())?;
/// assert_eq!(out.weights, "ascot_sct4_england_2012 2012.1");
/// assert_eq!((out.rows.len(), out.ledger.len()), (1, 1));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scoring {
    /// Scores per input row, in input order.
    pub rows: Vec<ScoredRespondent>,
    /// The ledger, in input order.
    pub ledger: Vec<LedgerEntry>,
    /// The id and version of the ASCOT weights used.
    pub weights: String,
}

pub(crate) fn check_missing(r: &Respondent, row: usize) -> Result<()> {
    for q in Question::ALL {
        if r.answer(q).is_none() {
            return Err(Error::MissingInput {
                field: q.id(),
                at: Location::row(row),
            });
        }
    }
    if r.age_band.is_none() {
        return Err(Error::MissingInput {
            field: "age_band",
            at: Location::row(row),
        });
    }
    if r.can_answer_q2c.is_none() {
        return Err(Error::MissingInput {
            field: "can_answer_q2c",
            at: Location::row(row),
        });
    }
    Ok(())
}

/// Validates and scores one row: Ok(None) when rejected under [`OnInvalid::Reject`].
pub(crate) fn score_row(
    raw: &RawRespondent,
    row: usize,
    o: ScoreOptions,
    w: &AscotWeights,
) -> Result<(Option<(Respondent, PersonScores)>, LedgerEntry)> {
    let checked = validate(raw, row, o.assistance_code_4).and_then(|r| {
        if o.on_missing == OnMissing::Error {
            check_missing(&r, row)?;
        }
        Ok(r)
    });
    let r = match checked {
        Ok(r) => r,
        Err(e) if o.on_invalid == OnInvalid::Reject && e.code() == "invalid_response" => {
            return Ok((None, LedgerEntry::rejected(row, &e)));
        }
        Err(e) => return Err(e),
    };
    let (s, exclusions) = score_respondent(&r, w);
    let used_in: Vec<Measure> = Measure::ASCS
        .into_iter()
        .filter(|m| s.get(*m).is_some())
        .collect();
    let entry = LedgerEntry {
        row,
        status: if used_in.is_empty() {
            RowStatus::Excluded
        } else {
            RowStatus::Used
        },
        used_in,
        exclusions,
        rejection_code: None,
        rejection: None,
    };
    Ok((Some((r, s)), entry))
}

/// Validates and scores ASCS respondents: 1A, the ASCOT index, 1J and every proportion measure's
/// qualifying answer per person, with the ledger.
///
/// # Errors
/// `invalid_response` for an invalid code (unless `on_invalid = reject`), `missing_input` for a
/// missing item under `on_missing = error`.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{score, Question, RawRespondent, RowStatus, ScoreOptions};
/// let all = |c: f64| Question::SCRQOL.into_iter().fold(RawRespondent::default(), |r, q| r.with(q, c));
/// let out = score(&[all(1.0), all(4.0), RawRespondent::default()], &ScoreOptions::default())?;
/// assert_eq!(out.rows[0].scores.scrqol, Some(24));
/// assert_eq!(out.rows[1].scores.scrqol, Some(0));
/// assert_eq!(out.rows[2].status, RowStatus::Excluded);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn score(respondents: &[RawRespondent], options: &ScoreOptions) -> Result<Scoring> {
    let w = AscotWeights::builtin();
    let mut rows = Vec::with_capacity(respondents.len());
    let mut ledger = Vec::with_capacity(respondents.len());
    for (i, raw) in respondents.iter().enumerate() {
        let (scored, entry) = score_row(raw, i, *options, w)?;
        rows.push(ScoredRespondent {
            row: i,
            status: entry.status,
            scores: scored.map(|(_, s)| s).unwrap_or_default(),
            reasons: entry.reasons(),
        });
        ledger.push(entry);
    }
    Ok(Scoring {
        rows,
        ledger,
        weights: format!("{} {}", w.id, w.version),
    })
}

/// Carer-reported quality of life (1D): Σ (3 − code) over the six items, 0–12; None unless all
/// six are answered.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{carer_qol, Carer};
/// // spec-ascof.md §2.3: scores 2+1+1+2+0+1 = 7.
/// let c = Carer { items: [Some(1), Some(2), Some(2), Some(1), Some(3), Some(2)], ..Default::default() };
/// assert_eq!(carer_qol(&c), Some(7));
/// ```
pub fn carer_qol(c: &Carer) -> Option<u8> {
    c.items
        .iter()
        .try_fold(0u8, |acc, code| code.map(|x| acc + (3 - x)))
}

/// One scored carer row.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{score_carers, RawCarer, RowStatus, ScoreOptions};
/// let out = score_carers(&[RawCarer::default()], &ScoreOptions::default())?;
/// assert_eq!((out[0].status, out[0].carer_qol), (RowStatus::Excluded, None));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredCarer {
    /// Zero-based input row.
    pub row: usize,
    /// Used, excluded or rejected.
    pub status: RowStatus,
    /// 1D score 0–12.
    pub carer_qol: Option<u8>,
    /// Exclusions or the rejection.
    pub reasons: String,
}

/// A validated carer and its 1D score.
pub(crate) type ScoredCarerRow = (Carer, Option<u8>);

/// Validates and scores one carer row.
pub(crate) fn score_carer_row(
    raw: &RawCarer,
    row: usize,
    o: ScoreOptions,
) -> Result<(Option<ScoredCarerRow>, LedgerEntry)> {
    let c = match validate_carer(raw, row) {
        Ok(c) => c,
        Err(e) if o.on_invalid == OnInvalid::Reject => {
            return Ok((None, LedgerEntry::rejected(row, &e)));
        }
        Err(e) => return Err(e),
    };
    let missing: Vec<String> = crate::survey::respondent::CarerItem::ALL
        .iter()
        .zip(c.items)
        .filter(|(_, v)| v.is_none())
        .map(|(i, _)| i.id().to_owned())
        .collect();
    if o.on_missing == OnMissing::Error
        && let Some(first) = crate::survey::respondent::CarerItem::ALL
            .iter()
            .zip(c.items)
            .find(|(_, v)| v.is_none())
    {
        return Err(Error::MissingInput {
            field: first.0.id(),
            at: Location::row(row),
        });
    }
    let q = carer_qol(&c);
    let entry = LedgerEntry {
        row,
        status: if q.is_some() {
            RowStatus::Used
        } else {
            RowStatus::Excluded
        },
        used_in: if q.is_some() {
            vec![Measure::CarerQol]
        } else {
            vec![]
        },
        exclusions: if q.is_some() {
            vec![]
        } else {
            vec![Exclusion {
                measure: Measure::CarerQol,
                reason: ExclusionReason::MissingItem,
                items: missing,
            }]
        },
        rejection_code: None,
        rejection: None,
    };
    Ok((Some((c, q)), entry))
}

/// Validates and scores SACE respondents (carer QoL 1D, complete cases only).
///
/// # Errors
/// `invalid_response` for a code outside 1–3 (unless `on_invalid = reject`); `missing_input`
/// under `on_missing = error`.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{score_carers, RawCarer, ScoreOptions};
/// let c = RawCarer { occupation: Some(1.0), control: Some(1.0), self_care: Some(1.0),
///     safety: Some(1.0), social_participation: Some(1.0), support: Some(1.0), ..Default::default() };
/// assert_eq!(score_carers(&[c], &ScoreOptions::default())?[0].carer_qol, Some(12));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn score_carers(carers: &[RawCarer], options: &ScoreOptions) -> Result<Vec<ScoredCarer>> {
    carers
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            let (scored, entry) = score_carer_row(raw, i, *options)?;
            Ok(ScoredCarer {
                row: i,
                status: entry.status,
                carer_qol: scored.and_then(|(_, q)| q),
                reasons: entry.reasons(),
            })
        })
        .collect()
}
