//! Respondent records of the Adult Social Care Survey (ASCS) and the Survey of Adult Carers in
//! England (SACE), as returned (codes as numbers, missing as null), and their validation.
//!
//! Validation never guesses: a code that is not a whole number in the question's valid range is
//! an `invalid_response` error (or, with [`OnInvalid::Reject`], the row is rejected and listed in
//! the ledger); a missing item excludes the person from the measures that need it (or, with
//! [`OnMissing::Error`], is a `missing_input` error). Question ids and valid codes follow NHS
//! England's survey pipeline (`NHSDigital/ASC-User-Survey`); spec-ascof.md §2.1–2.3.

use crate::error::{Error, Location, Result};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// An ASCS question used by the ASCOF measures.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::Question;
/// assert_eq!(Question::Q3a.id(), "q3a");
/// assert_eq!(Question::Q12.valid(), (1, 5));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// q1 overall satisfaction (standard questionnaire, 1 extremely satisfied … 7 extremely
    /// dissatisfied).
    Q1,
    /// q3a control over daily life (1–4).
    Q3a,
    /// q4a personal cleanliness and comfort (1–4).
    Q4a,
    /// q5a food and drink (1–4).
    Q5a,
    /// q6a accommodation cleanliness and comfort (1–4).
    Q6a,
    /// q7a personal safety (1–4).
    Q7a,
    /// q7b services help you feel safe (1 yes, 2 no) [L: valid codes].
    Q7b,
    /// q8a social participation (1–4).
    Q8a,
    /// q9a occupation (1–4).
    Q9a,
    /// q11 dignity (1–4).
    Q11,
    /// q12 ease of finding information (1 never tried, 2 very easy … 5 very difficult).
    Q12,
    /// q13 health (1–5).
    Q13,
    /// q15a assistance (1–3).
    Q15a,
    /// q15b assistance (1–3).
    Q15b,
    /// q15c assistance (1–3).
    Q15c,
    /// q15d assistance (1–3).
    Q15d,
    /// q16a assistance (1–3).
    Q16a,
    /// q16b assistance (1–3).
    Q16b,
    /// q16c assistance (1–3).
    Q16c,
    /// q17 (1–5).
    Q17,
    /// q18 (1–4).
    Q18,
}

impl Question {
    /// Every question, in record order.
    pub const ALL: [Question; 21] = [
        Question::Q1,
        Question::Q3a,
        Question::Q4a,
        Question::Q5a,
        Question::Q6a,
        Question::Q7a,
        Question::Q7b,
        Question::Q8a,
        Question::Q9a,
        Question::Q11,
        Question::Q12,
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
    ];

    /// The eight SCRQoL items of 1A and the ASCOT index, in the NHS order
    /// (q3a, q4a, q5a, q6a, q7a, q8a, q9a, q11).
    pub const SCRQOL: [Question; 8] = [
        Question::Q3a,
        Question::Q4a,
        Question::Q5a,
        Question::Q6a,
        Question::Q7a,
        Question::Q8a,
        Question::Q9a,
        Question::Q11,
    ];

    /// The seven assistance items of the 1J count (q15a–d, q16a–c).
    pub const ASSISTANCE: [Question; 7] = [
        Question::Q15a,
        Question::Q15b,
        Question::Q15c,
        Question::Q15d,
        Question::Q16a,
        Question::Q16b,
        Question::Q16c,
    ];

    /// The question id as in the ASCS return (`q3a`).
    pub fn id(self) -> &'static str {
        match self {
            Question::Q1 => "q1",
            Question::Q3a => "q3a",
            Question::Q4a => "q4a",
            Question::Q5a => "q5a",
            Question::Q6a => "q6a",
            Question::Q7a => "q7a",
            Question::Q7b => "q7b",
            Question::Q8a => "q8a",
            Question::Q9a => "q9a",
            Question::Q11 => "q11",
            Question::Q12 => "q12",
            Question::Q13 => "q13",
            Question::Q15a => "q15a",
            Question::Q15b => "q15b",
            Question::Q15c => "q15c",
            Question::Q15d => "q15d",
            Question::Q16a => "q16a",
            Question::Q16b => "q16b",
            Question::Q16c => "q16c",
            Question::Q17 => "q17",
            Question::Q18 => "q18",
        }
    }

    /// The valid codes (lowest, highest), both inclusive.
    pub fn valid(self) -> (u8, u8) {
        match self {
            Question::Q1 => (1, 7),
            Question::Q7b => (1, 2),
            Question::Q12 | Question::Q13 | Question::Q17 => (1, 5),
            Question::Q15a
            | Question::Q15b
            | Question::Q15c
            | Question::Q15d
            | Question::Q16a
            | Question::Q16b
            | Question::Q16c => (1, 3),
            _ => (1, 4),
        }
    }

    fn expected(self) -> &'static str {
        match self.valid() {
            (1, 7) => "1 to 7",
            (1, 2) => "1 or 2",
            (1, 5) => "1 to 5",
            (1, 3) => "1 to 3",
            _ => "1 to 4",
        }
    }

    fn index(self) -> usize {
        Question::ALL.iter().position(|q| *q == self).unwrap_or(0)
    }
}

impl fmt::Display for Question {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// An age band of the survey disaggregations.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::AgeBand;
/// assert_eq!("65+".parse::<AgeBand>()?, AgeBand::Age65Plus);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AgeBand {
    /// 18 to 64.
    #[serde(rename = "18-64")]
    Age18To64,
    /// 65 and over.
    #[serde(rename = "65+")]
    Age65Plus,
}

impl AgeBand {
    /// The label (`18-64`, `65+`).
    pub fn label(self) -> &'static str {
        match self {
            AgeBand::Age18To64 => "18-64",
            AgeBand::Age65Plus => "65+",
        }
    }
}

impl std::str::FromStr for AgeBand {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "18-64" => Ok(AgeBand::Age18To64),
            "65+" => Ok(AgeBand::Age65Plus),
            _ => Err(Error::InvalidOption {
                option: "age_band",
                value: s.to_owned(),
                expected: "18-64, 65+",
            }),
        }
    }
}

/// Reads a key (council, sex) given as text or as a number; whole numbers print without `.0`.
pub(crate) fn de_key<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => {
                format!("{}", f as i64)
            }
            _ => n.to_string(),
        }),
        Some(serde_json::Value::Bool(b)) => Some(b.to_string()),
        Some(other) => {
            return Err(serde::de::Error::custom(format!(
                "expected text or a number, found {other}"
            )));
        }
    })
}

/// An ASCS respondent as returned: every code a number or null (pandas columns with gaps arrive
/// as floats, so `3.0` is the code 3). Unknown fields are ignored.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::RawRespondent;
/// let r: RawRespondent = serde_json::from_str(r#"{"council": 212, "stratum": 4, "q3a": 1.0}"#)
///     .map_err(|e| care_outcomes::Error::InvalidDefinition { message: e.to_string() })?;
/// assert_eq!(r.council.as_deref(), Some("212"));
/// assert_eq!(r.q3a, Some(1.0));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct RawRespondent {
    /// Council (CASSR code or name); needed by the council measures.
    #[serde(deserialize_with = "de_key")]
    pub council: Option<String>,
    /// ASCS stratum 1–4 (spec-ascof.md §4.1); needed by the council measures.
    pub stratum: Option<f64>,
    /// Sex, a free label used only for sub-group estimates.
    #[serde(deserialize_with = "de_key")]
    pub sex: Option<String>,
    /// Age band `18-64` or `65+`.
    pub age_band: Option<String>,
    /// Whether the person could answer q2c (1J is null when false or missing).
    pub can_answer_q2c: Option<bool>,
    pub q1: Option<f64>,
    pub q3a: Option<f64>,
    pub q4a: Option<f64>,
    pub q5a: Option<f64>,
    pub q6a: Option<f64>,
    pub q7a: Option<f64>,
    pub q7b: Option<f64>,
    pub q8a: Option<f64>,
    pub q9a: Option<f64>,
    pub q11: Option<f64>,
    pub q12: Option<f64>,
    pub q13: Option<f64>,
    pub q15a: Option<f64>,
    pub q15b: Option<f64>,
    pub q15c: Option<f64>,
    pub q15d: Option<f64>,
    pub q16a: Option<f64>,
    pub q16b: Option<f64>,
    pub q16c: Option<f64>,
    pub q17: Option<f64>,
    pub q18: Option<f64>,
}

impl RawRespondent {
    /// The raw value given for a question (None or NaN = missing).
    pub fn get(&self, q: Question) -> Option<f64> {
        match q {
            Question::Q1 => self.q1,
            Question::Q3a => self.q3a,
            Question::Q4a => self.q4a,
            Question::Q5a => self.q5a,
            Question::Q6a => self.q6a,
            Question::Q7a => self.q7a,
            Question::Q7b => self.q7b,
            Question::Q8a => self.q8a,
            Question::Q9a => self.q9a,
            Question::Q11 => self.q11,
            Question::Q12 => self.q12,
            Question::Q13 => self.q13,
            Question::Q15a => self.q15a,
            Question::Q15b => self.q15b,
            Question::Q15c => self.q15c,
            Question::Q15d => self.q15d,
            Question::Q16a => self.q16a,
            Question::Q16b => self.q16b,
            Question::Q16c => self.q16c,
            Question::Q17 => self.q17,
            Question::Q18 => self.q18,
        }
    }

    /// Sets a question's raw value (builder style).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::survey::{Question, RawRespondent};
    /// let r = RawRespondent::default().with(Question::Q7a, 1.0);
    /// assert_eq!(r.q7a, Some(1.0));
    /// ```
    #[must_use]
    pub fn with(mut self, q: Question, v: f64) -> Self {
        let slot = match q {
            Question::Q1 => &mut self.q1,
            Question::Q3a => &mut self.q3a,
            Question::Q4a => &mut self.q4a,
            Question::Q5a => &mut self.q5a,
            Question::Q6a => &mut self.q6a,
            Question::Q7a => &mut self.q7a,
            Question::Q7b => &mut self.q7b,
            Question::Q8a => &mut self.q8a,
            Question::Q9a => &mut self.q9a,
            Question::Q11 => &mut self.q11,
            Question::Q12 => &mut self.q12,
            Question::Q13 => &mut self.q13,
            Question::Q15a => &mut self.q15a,
            Question::Q15b => &mut self.q15b,
            Question::Q15c => &mut self.q15c,
            Question::Q15d => &mut self.q15d,
            Question::Q16a => &mut self.q16a,
            Question::Q16b => &mut self.q16b,
            Question::Q16c => &mut self.q16c,
            Question::Q17 => &mut self.q17,
            Question::Q18 => &mut self.q18,
        };
        *slot = Some(v);
        self
    }
}

/// What to do with an out-of-range or non-integer code.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::OnInvalid;
/// assert_eq!("reject".parse::<OnInvalid>()?, OnInvalid::Reject);
/// assert_eq!(OnInvalid::default(), OnInvalid::Error);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnInvalid {
    /// Stop with an `invalid_response` error naming the row (default).
    #[default]
    Error,
    /// Reject the row: it is used in no measure and the ledger says why.
    Reject,
}

/// What to do with a missing item.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::OnMissing;
/// assert_eq!(OnMissing::default(), OnMissing::Exclude);
/// assert_eq!("drop".parse::<OnMissing>().unwrap_err().code(), "invalid_option");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnMissing {
    /// Exclude the person from the measures that need the item (the documented complete-case
    /// rule; default). The ledger records each exclusion.
    #[default]
    Exclude,
    /// Stop with a `missing_input` error at the first missing item of any scored question.
    Error,
}

/// How codes outside 1–3 of q15a–d / q16a–c are treated in the 1J assistance count.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::AssistanceCode4;
/// assert_eq!("pass_through".parse::<AssistanceCode4>()?, AssistanceCode4::PassThrough);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssistanceCode4 {
    /// Code 4 is invalid (`invalid_response`; default).
    #[default]
    Reject,
    /// NHS parity: code 4 passes through the recoding unchanged and counts 4 (the NHS pipeline's
    /// behaviour; needed for its all-4 test vector 0.111865). Whether a 4 can occur in returned
    /// questionnaires is not established \[L\].
    PassThrough,
}

string_codes! {
    OnInvalid: option "on_invalid", expected "error, reject" {
        Error = "error",
        Reject = "reject",
    }
}

string_codes! {
    OnMissing: option "on_missing", expected "exclude, error" {
        Exclude = "exclude",
        Error = "error",
    }
}

string_codes! {
    AssistanceCode4: option "assistance_code_4", expected "reject, pass_through" {
        Reject = "reject",
        PassThrough = "pass_through",
    }
}

/// A validated ASCS respondent: every present code is a valid whole-number code.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{validate, AssistanceCode4, Question, RawRespondent};
/// let raw = RawRespondent { stratum: Some(2.0), ..Default::default() }.with(Question::Q12, 1.0);
/// let r = validate(&raw, 0, AssistanceCode4::Reject)?;
/// assert_eq!((r.stratum, r.answer(Question::Q12), r.answer(Question::Q3a)), (Some(2), Some(1), None));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Respondent {
    /// Council, if given.
    pub council: Option<String>,
    /// Stratum 1–4, if given.
    pub stratum: Option<u8>,
    /// Sex label, if given.
    pub sex: Option<String>,
    /// Age band, if given.
    pub age_band: Option<AgeBand>,
    /// Whether the person could answer q2c, if given.
    pub can_answer_q2c: Option<bool>,
    answers: [Option<u8>; 21],
}

impl Respondent {
    /// The validated code of a question (None = missing).
    pub fn answer(&self, q: Question) -> Option<u8> {
        self.answers[q.index()]
    }
}

fn whole_code(
    question: &str,
    v: f64,
    lo: u8,
    hi: u8,
    expected: &'static str,
    row: usize,
) -> Result<u8> {
    if v.fract() == 0.0 && v >= f64::from(lo) && v <= f64::from(hi) {
        Ok(v as u8)
    } else {
        Err(Error::InvalidResponse {
            question: question.to_owned(),
            value: v,
            expected,
            at: Location::row(row),
        })
    }
}

/// Validates one raw respondent (row index `row`, used in errors).
///
/// Missing codes (None or NaN) stay missing; a present code must be a whole number in the
/// question's valid range ([`Question::valid`]; q15/q16 also accept 4 under
/// [`AssistanceCode4::PassThrough`]); a present stratum must be 1–4 and an age band `18-64` or
/// `65+`.
///
/// # Errors
/// `invalid_response` for the first invalid code, with the row.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{validate, AssistanceCode4, Question, RawRespondent};
/// let ok = validate(&RawRespondent::default().with(Question::Q3a, 2.0), 0, AssistanceCode4::Reject)?;
/// assert_eq!(ok.answer(Question::Q3a), Some(2));
/// let bad = validate(&RawRespondent::default().with(Question::Q3a, 5.0), 7, AssistanceCode4::Reject);
/// let err = bad.unwrap_err();
/// assert_eq!((err.code(), err.row()), ("invalid_response", Some(7)));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn validate(raw: &RawRespondent, row: usize, code4: AssistanceCode4) -> Result<Respondent> {
    let mut answers = [None; 21];
    for q in Question::ALL {
        let Some(v) = raw.get(q).filter(|v| !v.is_nan()) else {
            continue;
        };
        let (lo, mut hi) = q.valid();
        let mut expected = q.expected();
        if code4 == AssistanceCode4::PassThrough && Question::ASSISTANCE.contains(&q) {
            hi = 4;
            expected = "1 to 3 (4 passed through for NHS parity)";
        }
        answers[q.index()] = Some(whole_code(q.id(), v, lo, hi, expected, row)?);
    }
    let stratum = match raw.stratum.filter(|v| !v.is_nan()) {
        None => None,
        Some(v) => Some(whole_code("stratum", v, 1, 4, "1 to 4", row)?),
    };
    let age_band = match raw.age_band.as_deref() {
        None => None,
        Some(s) => Some(s.parse::<AgeBand>().map_err(|_| Error::InvalidResponse {
            question: "age_band".to_owned(),
            value: f64::NAN,
            expected: "18-64 or 65+",
            at: Location::row(row),
        })?),
    };
    Ok(Respondent {
        council: raw.council.clone(),
        stratum,
        sex: raw.sex.clone(),
        age_band,
        can_answer_q2c: raw.can_answer_q2c,
        answers,
    })
}

/// The six SACE items of carer-reported quality of life (ASCOF 1D; 1C from 2023-24).
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::CarerItem;
/// assert_eq!(CarerItem::ALL.len(), 6);
/// assert_eq!(CarerItem::SelfCare.id(), "self_care");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CarerItem {
    /// Occupation (doing things I value and enjoy).
    Occupation,
    /// Control over daily life.
    Control,
    /// Looking after myself.
    SelfCare,
    /// Personal safety.
    Safety,
    /// Social participation.
    SocialParticipation,
    /// Encouragement and support.
    Support,
}

impl CarerItem {
    /// The six items in order.
    pub const ALL: [CarerItem; 6] = [
        CarerItem::Occupation,
        CarerItem::Control,
        CarerItem::SelfCare,
        CarerItem::Safety,
        CarerItem::SocialParticipation,
        CarerItem::Support,
    ];

    /// The field name (`self_care`).
    pub fn id(self) -> &'static str {
        match self {
            CarerItem::Occupation => "occupation",
            CarerItem::Control => "control",
            CarerItem::SelfCare => "self_care",
            CarerItem::Safety => "safety",
            CarerItem::SocialParticipation => "social_participation",
            CarerItem::Support => "support",
        }
    }
}

/// A SACE respondent as returned: the six 1D items coded 1 (first option, no unmet needs),
/// 2 (some needs), 3 (last option) [M: SACE question ids are not in the spec; the items are named
/// by domain].
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::RawCarer;
/// let c: RawCarer = serde_json::from_str(r#"{"council": "Leeds", "occupation": 1, "support": 2}"#)
///     .map_err(|e| care_outcomes::Error::InvalidDefinition { message: e.to_string() })?;
/// assert_eq!(c.support, Some(2.0));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RawCarer {
    /// Council (CASSR code or name).
    #[serde(deserialize_with = "de_key")]
    pub council: Option<String>,
    /// Sex label.
    #[serde(deserialize_with = "de_key")]
    pub sex: Option<String>,
    /// Age band `18-64` or `65+`.
    pub age_band: Option<String>,
    /// Occupation (1–3).
    pub occupation: Option<f64>,
    /// Control over daily life (1–3).
    pub control: Option<f64>,
    /// Looking after myself (1–3).
    pub self_care: Option<f64>,
    /// Personal safety (1–3).
    pub safety: Option<f64>,
    /// Social participation (1–3).
    pub social_participation: Option<f64>,
    /// Encouragement and support (1–3).
    pub support: Option<f64>,
}

impl RawCarer {
    /// The raw value of an item.
    pub fn get(&self, item: CarerItem) -> Option<f64> {
        match item {
            CarerItem::Occupation => self.occupation,
            CarerItem::Control => self.control,
            CarerItem::SelfCare => self.self_care,
            CarerItem::Safety => self.safety,
            CarerItem::SocialParticipation => self.social_participation,
            CarerItem::Support => self.support,
        }
    }
}

/// A validated SACE respondent.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{validate_carer, RawCarer};
/// let c = validate_carer(&RawCarer { support: Some(2.0), ..Default::default() }, 0)?;
/// assert_eq!(c.items[5], Some(2));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Carer {
    /// Council, if given.
    pub council: Option<String>,
    /// Sex label, if given.
    pub sex: Option<String>,
    /// Age band, if given.
    pub age_band: Option<AgeBand>,
    /// Codes of the six items in [`CarerItem::ALL`] order (None = missing).
    pub items: [Option<u8>; 6],
}

/// Validates one SACE respondent.
///
/// # Errors
/// `invalid_response` for a code that is not 1, 2 or 3, or an unknown age band.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{validate_carer, RawCarer};
/// let c = RawCarer { occupation: Some(4.0), ..Default::default() };
/// assert_eq!(validate_carer(&c, 0).unwrap_err().code(), "invalid_response");
/// ```
pub fn validate_carer(raw: &RawCarer, row: usize) -> Result<Carer> {
    let mut items = [None; 6];
    for (i, item) in CarerItem::ALL.into_iter().enumerate() {
        if let Some(v) = raw.get(item).filter(|v| !v.is_nan()) {
            items[i] = Some(whole_code(item.id(), v, 1, 3, "1 to 3", row)?);
        }
    }
    let age_band = match raw.age_band.as_deref() {
        None => None,
        Some(s) => Some(s.parse::<AgeBand>().map_err(|_| Error::InvalidResponse {
            question: "age_band".to_owned(),
            value: f64::NAN,
            expected: "18-64 or 65+",
            at: Location::row(row),
        })?),
    };
    Ok(Carer {
        council: raw.council.clone(),
        sex: raw.sex.clone(),
        age_band,
        items,
    })
}

/// Reads a JSON array of records (one object per row) into `T`, checking first that every
/// numeric field named in `numeric` holds a number or null.
fn records_from_json<T: serde::de::DeserializeOwned>(
    text: &str,
    what: &'static str,
    numeric: &[&str],
) -> Result<Vec<T>> {
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(text).map_err(|e| Error::InvalidDefinition {
            message: format!("{what}: expected an array of records: {e}"),
        })?;
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            let Some(obj) = row.as_object() else {
                return Err(Error::InvalidDefinition {
                    message: format!("{what} row {i}: expected a record, found {row}"),
                });
            };
            for key in numeric {
                if let Some(v) = obj.get(*key)
                    && !(v.is_null() || v.is_number())
                {
                    return Err(Error::InvalidResponse {
                        question: (*key).to_owned(),
                        value: f64::NAN,
                        expected: "a number or null",
                        at: Location::row(i),
                    });
                }
            }
            serde_json::from_value(row).map_err(|e| Error::InvalidDefinition {
                message: format!("{what} row {i}: {e}"),
            })
        })
        .collect()
}

/// Reads ASCS respondents from a JSON array of records (the faces' interchange). Unknown fields
/// are ignored; NaN is not JSON, so missing codes are null.
///
/// # Errors
/// `invalid_response` for a code that is not a number (with the row), `invalid_definition` for
/// text that is not an array of records or a field of the wrong type.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::respondents_from_json;
/// let rs = respondents_from_json(r#"[{"q3a": 1, "council": "A"}, {"q3a": null}]"#)?;
/// assert_eq!((rs[0].q3a, rs[1].q3a), (Some(1.0), None));
/// let e = respondents_from_json(r#"[{"q3a": "one"}]"#).unwrap_err();
/// assert_eq!((e.code(), e.row()), ("invalid_response", Some(0)));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn respondents_from_json(text: &str) -> Result<Vec<RawRespondent>> {
    let mut numeric: Vec<&str> = Question::ALL.iter().map(|q| q.id()).collect();
    numeric.push("stratum");
    records_from_json(text, "respondents", &numeric)
}

/// Reads SACE respondents from a JSON array of records.
///
/// # Errors
/// As [`respondents_from_json`].
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::carers_from_json;
/// let cs = carers_from_json(r#"[{"council": 1, "support": 2}]"#)?;
/// assert_eq!(cs[0].council.as_deref(), Some("1"));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn carers_from_json(text: &str) -> Result<Vec<RawCarer>> {
    let numeric: Vec<&str> = CarerItem::ALL.iter().map(|i| i.id()).collect();
    records_from_json(text, "carers", &numeric)
}

/// Reads stratum (or council) populations from a JSON array of records
/// (`council`, `stratum`, `population`).
///
/// # Errors
/// As [`respondents_from_json`]; a missing or non-numeric population is `invalid_definition`.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::populations_from_json;
/// let p = populations_from_json(r#"[{"council": "A", "stratum": 1, "population": 120}]"#)?;
/// assert_eq!(p[0].population, 120.0);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn populations_from_json(text: &str) -> Result<Vec<crate::survey::StratumPopulation>> {
    let rows: Vec<crate::survey::StratumPopulation> =
        records_from_json(text, "strata", &["stratum", "population"])?;
    let raw: Vec<serde_json::Value> = serde_json::from_str(text).unwrap_or_default();
    for (i, r) in raw.iter().enumerate() {
        if r.get("population").is_none_or(serde_json::Value::is_null) {
            return Err(Error::MissingInput {
                field: "population",
                at: Location::row(i),
            });
        }
    }
    Ok(rows)
}
