//! Council, sub-group, region and England estimates of the survey measures from respondents and
//! stratum populations (spec-ascof.md §4).
//!
//! * ASCS: four strata per council; each respondent weighs N_h / n_h (per measure).
//! * Sub-groups (sex, age band) inside a stratum get the estimated population
//!   N_h × (respondents in the sub-group / respondents in the stratum); respondents without the
//!   sub-group field are in no sub-group estimate.
//! * Region / England: every council × stratum (× sub-group) cell of the area, so councils count
//!   in proportion to population, not respondents.
//! * SACE: the council is the only stratum (its eligible population), so a council value is the
//!   unweighted mean and aggregates weight each council by eligible population ÷ usable responses
//!   (spec-ascof.md §4.2).

use crate::error::{Error, Location, Result};
use crate::stats::Reason;
use crate::survey::publication::{Publication, publish};
use crate::survey::respondent::de_key;
use crate::survey::respondent::{AgeBand, OnInvalid, RawCarer, RawRespondent};
use crate::survey::score::{
    LedgerEntry, Measure, RowStatus, ScoreOptions, score_carer_row, score_row,
};
use crate::survey::weighting::{Cell, stratified};
use crate::survey::weights::AscotWeights;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The population of one council stratum (ASCS `stratum1Pop` … `stratum4Pop`), or of a council
/// for SACE (no stratum: the eligible population).
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::StratumPopulation;
/// let p = StratumPopulation::new("Leeds", Some(1), 1200.0);
/// assert_eq!(p.council.as_deref(), Some("Leeds"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StratumPopulation {
    /// Council key (as in the respondents).
    #[serde(deserialize_with = "de_key")]
    pub council: Option<String>,
    /// Stratum 1–4 (ASCS); absent for SACE.
    pub stratum: Option<f64>,
    /// Eligible population N (people).
    pub population: f64,
}

impl StratumPopulation {
    /// A population row.
    pub fn new(council: &str, stratum: Option<u8>, population: f64) -> Self {
        StratumPopulation {
            council: Some(council.to_owned()),
            stratum: stratum.map(f64::from),
            population,
        }
    }
}

/// A demographic sub-group dimension.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::Subgroup;
/// assert_eq!("age_band".parse::<Subgroup>()?, Subgroup::AgeBand);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subgroup {
    /// By the `sex` label.
    Sex,
    /// By age band (18-64, 65+).
    AgeBand,
}

string_codes! {
    Subgroup: option "subgroups", expected "sex, age_band" {
        Sex = "sex",
        AgeBand = "age_band",
    }
}

/// Options of [`measures`] and [`carer_measures`].
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{MeasuresOptions, Subgroup};
/// let o: MeasuresOptions = serde_json::from_str(r#"{"subgroups": ["sex"], "england": true, "on_invalid": "reject"}"#).unwrap();
/// assert_eq!(o.subgroups, vec![Subgroup::Sex]);
/// assert!(o.england);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MeasuresOptions {
    /// Validation and scoring options.
    #[serde(flatten)]
    pub score: ScoreOptions,
    /// Sub-group estimates to add (none by default).
    pub subgroups: Vec<Subgroup>,
    /// Council → region, for regional estimates (none by default).
    pub regions: BTreeMap<String, String>,
    /// Add an England estimate over every council given (off by default: it is England only
    /// when every council is in the input).
    pub england: bool,
}

/// The level of an area.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::AreaLevel;
/// assert_eq!(serde_json::to_string(&AreaLevel::England).unwrap(), r#""england""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaLevel {
    /// One council.
    Council,
    /// A region (sum of its council × stratum cells).
    Region,
    /// England (every council given).
    England,
}

/// One estimate of one measure for one area (and sub-group), with what is published.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{measures, MeasuresOptions, Question, RawRespondent, StratumPopulation};
/// let r = RawRespondent { council: Some("A".into()), stratum: Some(1.0), ..Default::default() }
///     .with(Question::Q7a, 1.0);
/// let out = measures(&[r.clone(), r.clone(), r], &[StratumPopulation::new("A", Some(1), 10.0)],
///     &MeasuresOptions::default())?;
/// let safe = out.estimates.iter().find(|e| e.code == "4A").unwrap();
/// assert_eq!((safe.value, safe.published_base), (Some(100.0), Some(5)));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyEstimate {
    /// Council, region or England.
    pub level: AreaLevel,
    /// The area name (council key, region name, `England`).
    pub area: String,
    /// The sub-group dimension, None for the whole population.
    pub subgroup: Option<Subgroup>,
    /// The sub-group value (`F`, `65+`), None for the whole population.
    pub subgroup_value: Option<String>,
    /// The measure.
    pub measure: Measure,
    /// Its legacy ASCOF code (`1A`, `1J`, …).
    pub code: String,
    /// The estimate: a percentage (0–100) or a mean score.
    pub value: Option<f64>,
    /// 95% margin of error (percentage points or score units).
    pub margin_of_error: Option<f64>,
    /// Weighted numerator Σ N · mean.
    pub numerator: f64,
    /// Weighted denominator Σ N (estimated population).
    pub denominator: f64,
    /// Respondents in the estimate.
    pub base: u64,
    /// Why the value is null.
    pub reason: Option<Reason>,
    /// Why the margin of error is null.
    pub margin_reason: Option<Reason>,
    /// Published value (text, 1 dp or 3 dp).
    #[serde(with = "crate::survey::publication::decimal_text")]
    pub published_value: Option<crate::indicator::Decimal>,
    /// Published margin of error (text).
    #[serde(with = "crate::survey::publication::decimal_text")]
    pub published_margin_of_error: Option<crate::indicator::Decimal>,
    /// Published numerator (nearest 5).
    pub published_numerator: Option<i64>,
    /// Published denominator (nearest 5).
    pub published_denominator: Option<i64>,
    /// Published base (nearest 5).
    pub published_base: Option<u64>,
    /// `[c]` or `[x]`.
    pub symbol: Option<String>,
    /// How the value was computed.
    pub method: String,
}

/// The result of [`measures`]: estimates, the ledger of every input row, the weights used.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{measures, MeasuresOptions, RawRespondent, StratumPopulation};
/// let r = RawRespondent { council: Some("A".into()), stratum: Some(1.0), ..Default::default() };
/// let out = measures(&[r], &[StratumPopulation::new("A", Some(1), 10.0)], &MeasuresOptions::default())?;
/// assert_eq!((out.estimates.len(), out.ledger.len()), (8, 1));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyMeasures {
    /// Estimates: councils (sorted), then regions, then England; per area the whole population
    /// then each sub-group; per group the measures in [`Measure::ASCS`] order.
    pub estimates: Vec<SurveyEstimate>,
    /// One entry per input row.
    pub ledger: Vec<LedgerEntry>,
    /// Id and version of the ASCOT weights (ASCS) or `none` (SACE).
    pub weights: String,
}

/// A scored respondent placed in its cell.
struct Unit {
    council: String,
    stratum: u8,
    sex: Option<String>,
    age_band: Option<AgeBand>,
    values: Vec<(Measure, f64)>,
}

fn group_name(council: &str, stratum: u8) -> String {
    if stratum == 0 {
        council.to_owned()
    } else {
        format!("{council} stratum {stratum}")
    }
}

/// Validates the population rows into (council, stratum) → N.
fn populations(
    rows: &[StratumPopulation],
    stratified_survey: bool,
) -> Result<BTreeMap<(String, u8), f64>> {
    let mut out = BTreeMap::new();
    for (i, p) in rows.iter().enumerate() {
        let council = p.council.clone().ok_or(Error::MissingInput {
            field: "council",
            at: Location::row(i),
        })?;
        let stratum = if stratified_survey {
            match p.stratum {
                Some(s) if s.fract() == 0.0 && (1.0..=4.0).contains(&s) => s as u8,
                Some(s) => {
                    return Err(Error::InvalidResponse {
                        question: "stratum".to_owned(),
                        value: s,
                        expected: "1 to 4",
                        at: Location::row(i),
                    });
                }
                None => {
                    return Err(Error::MissingInput {
                        field: "stratum",
                        at: Location::row(i),
                    });
                }
            }
        } else {
            0
        };
        let at = Location {
            row: Some(i),
            group: Some(group_name(&council, stratum)),
        };
        if !p.population.is_finite() {
            return Err(Error::NonFinite {
                field: "population",
                value: p.population,
                at,
            });
        }
        if p.population < 0.0 {
            return Err(Error::NegativeValue {
                field: "population",
                value: p.population,
                at,
            });
        }
        if out.insert((council, stratum), p.population).is_some() {
            return Err(Error::DuplicateStratum { at });
        }
    }
    Ok(out)
}

fn method(stratified_survey: bool) -> &'static str {
    if stratified_survey {
        "ASCS stratum-weighted estimate (weight N_h/n_h), 95% margin of error 1.96·SE with finite-population correction"
    } else {
        "SACE: council unweighted; aggregates weighted by eligible population / usable responses; 95% margin of error with finite-population correction"
    }
}

/// Builds the estimates from units (shared by ASCS and SACE).
///
/// Councils and sub-group values are interned (councils in name order, sub-group values in
/// (dimension, value) order); each council holds its cells keyed by (stratum, group id), group 0
/// being the whole stratum, with one accumulator per measure. Sums run over councils in name
/// order and strata in ascending order, so every face adds in the same order.
fn estimate(
    units: &[Unit],
    pops: &BTreeMap<(String, u8), f64>,
    measure_list: &[Measure],
    o: &MeasuresOptions,
    stratified_survey: bool,
) -> Result<Vec<SurveyEstimate>> {
    let sub_value = |u: &Unit, g: Subgroup| -> Option<String> {
        match g {
            Subgroup::Sex => u.sex.clone(),
            Subgroup::AgeBand => u.age_band.map(|a| a.label().to_owned()),
        }
    };
    let councils: Vec<&str> = units
        .iter()
        .map(|u| u.council.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let council_ix: HashMap<&str, usize> =
        councils.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let groups: Vec<(Subgroup, String)> = units
        .iter()
        .flat_map(|u| {
            o.subgroups
                .iter()
                .filter_map(|g| sub_value(u, *g).map(|v| (*g, v)))
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let group_ix: HashMap<&(Subgroup, String), usize> =
        groups.iter().enumerate().map(|(i, g)| (g, i + 1)).collect();
    // Each unit's council index, stratum and group ids (0 first).
    let placed: Vec<(usize, u8, Vec<usize>)> = units
        .iter()
        .map(|u| {
            let mut ids = vec![0];
            for g in &o.subgroups {
                if let Some(v) = sub_value(u, *g) {
                    ids.push(group_ix[&(*g, v)]);
                }
            }
            (council_ix[u.council.as_str()], u.stratum, ids)
        })
        .collect();
    // Respondents per stratum (m_h, group 0) and per sub-group in the stratum (m_hg).
    let mut counts: Vec<BTreeMap<(u8, usize), u64>> = vec![BTreeMap::new(); councils.len()];
    for (ci, h, ids) in &placed {
        for g in ids {
            *counts[*ci].entry((*h, *g)).or_default() += 1;
        }
    }
    let mut stratum_pop: Vec<BTreeMap<u8, f64>> = vec![BTreeMap::new(); councils.len()];
    for (ci, council) in councils.iter().enumerate() {
        for (&(h, g), &m) in &counts[ci] {
            if g != 0 {
                continue;
            }
            let group = group_name(council, h);
            let Some(&n_pop) = pops.get(&((*council).to_owned(), h)) else {
                return Err(Error::MissingInput {
                    field: "stratum_population",
                    at: Location::group(group),
                });
            };
            if (m as f64) > n_pop {
                return Err(Error::SampleExceedsPopulation {
                    respondents: usize::try_from(m).unwrap_or(usize::MAX),
                    population: n_pop,
                    at: Location::group(group),
                });
            }
            stratum_pop[ci].insert(h, n_pop);
        }
    }
    // Cell accumulators: per council, (stratum, group) → one cell per measure.
    let mut cells: Vec<BTreeMap<(u8, usize), [Cell; MEASURES]>> =
        vec![BTreeMap::new(); councils.len()];
    for ((ci, h, ids), u) in placed.iter().zip(units) {
        for g in ids {
            let entry = cells[*ci].entry((*h, *g)).or_insert_with(|| {
                let pop = stratum_pop[*ci][h];
                let pop = if *g == 0 {
                    pop
                } else {
                    pop * counts[*ci][&(*h, *g)] as f64 / counts[*ci][&(*h, 0)] as f64
                };
                [Cell::new(pop); MEASURES]
            });
            for (m, x) in &u.values {
                entry[*m as usize].push(*x);
            }
        }
    }
    // Areas: councils, regions, England (member council indices in name order).
    let mut areas: Vec<(AreaLevel, String, Vec<usize>)> = councils
        .iter()
        .enumerate()
        .map(|(i, c)| (AreaLevel::Council, (*c).to_owned(), vec![i]))
        .collect();
    let mut regions: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in councils.iter().enumerate() {
        if let Some(r) = o.regions.get(*c) {
            regions.entry(r.as_str()).or_default().push(i);
        }
    }
    for (r, members) in regions {
        areas.push((AreaLevel::Region, r.to_owned(), members));
    }
    if o.england {
        areas.push((
            AreaLevel::England,
            "England".to_owned(),
            (0..councils.len()).collect(),
        ));
    }
    let mut out = Vec::new();
    for (level, area, members) in areas {
        let present: BTreeSet<usize> = members
            .iter()
            .flat_map(|ci| cells[*ci].keys().map(|k| k.1))
            .collect();
        let mut group_ids = vec![0];
        for dim in &o.subgroups {
            group_ids.extend(
                present
                    .iter()
                    .filter(|g| **g > 0 && groups[**g - 1].0 == *dim),
            );
        }
        for gid in group_ids {
            let group = (gid > 0).then(|| &groups[gid - 1]);
            for m in measure_list {
                let selected: Vec<Cell> = members
                    .iter()
                    .flat_map(|ci| cells[*ci].iter())
                    .filter(|((_, g), _)| *g == gid)
                    .map(|(_, c)| c[*m as usize])
                    .collect();
                let e = stratified(&selected, m.kind());
                let p: Publication = publish(*m, &e)?;
                out.push(SurveyEstimate {
                    level,
                    area: area.clone(),
                    subgroup: group.map(|g| g.0),
                    subgroup_value: group.map(|g| g.1.clone()),
                    measure: *m,
                    code: m.legacy_code().to_owned(),
                    value: e.value,
                    margin_of_error: e.margin_of_error,
                    numerator: e.numerator,
                    denominator: e.denominator,
                    base: e.base,
                    reason: e.reason,
                    margin_reason: e.margin_reason,
                    published_value: p.value,
                    published_margin_of_error: p.margin_of_error,
                    published_numerator: p.numerator,
                    published_denominator: p.denominator,
                    published_base: p.base,
                    symbol: p.symbol,
                    method: method(stratified_survey).to_owned(),
                });
            }
        }
    }
    Ok(out)
}

/// Number of [`Measure`] variants (one accumulator each per cell).
const MEASURES: usize = 9;
const _: () = assert!(Measure::CarerQol as usize + 1 == MEASURES);

fn reject_or_err(on_invalid: OnInvalid, e: Error, entry: &mut LedgerEntry) -> Result<()> {
    if on_invalid == OnInvalid::Reject {
        *entry = LedgerEntry {
            row: entry.row,
            status: RowStatus::Rejected,
            used_in: vec![],
            exclusions: vec![],
            rejection_code: Some(e.code().to_owned()),
            rejection: Some(e.to_string()),
        };
        Ok(())
    } else {
        Err(e)
    }
}

/// ASCS council measures (1A, 1J, 1B, 1I(1), 3A, 3D(1), 4A, 4B) from respondents and the four
/// stratum populations of each council, with sub-group, region and England estimates as asked,
/// margins of error and the published figures.
///
/// # Errors
/// `invalid_response` (a bad code or stratum), `missing_input` (a respondent without council or
/// stratum — both rejected instead under `on_invalid = reject` — or a stratum with respondents
/// but no population), `sample_exceeds_population`, `duplicate_stratum`, `negative_value` and
/// `non_finite` (populations), `empty_input` (no respondents).
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{measures, Measure, MeasuresOptions, Question, RawRespondent, StratumPopulation};
/// let person = |stratum: f64, code: f64| {
///     let mut r = RawRespondent { council: Some("A".into()), stratum: Some(stratum), ..Default::default() };
///     for q in Question::SCRQOL { r = r.with(q, code); }
///     r
/// };
/// // Stratum 1: scores 24, 24 (N = 100); stratum 2: scores 16, 16, 16 (N = 300).
/// let rs = [person(1.0, 1.0), person(1.0, 1.0), person(2.0, 2.0), person(2.0, 2.0), person(2.0, 2.0)];
/// let pops = [StratumPopulation::new("A", Some(1), 100.0), StratumPopulation::new("A", Some(2), 300.0)];
/// let out = measures(&rs, &pops, &MeasuresOptions::default())?;
/// let a = out.estimates.iter().find(|e| e.measure == Measure::Scrqol).unwrap();
/// assert_eq!(a.value, Some((100.0 * 24.0 + 300.0 * 16.0) / 400.0)); // 18.0, not the unweighted 19.2
/// assert_eq!(a.margin_of_error, Some(0.0)); // no spread inside either stratum
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn measures(
    respondents: &[RawRespondent],
    strata: &[StratumPopulation],
    options: &MeasuresOptions,
) -> Result<SurveyMeasures> {
    if respondents.is_empty() {
        return Err(Error::EmptyInput {
            what: "respondents",
        });
    }
    let pops = populations(strata, true)?;
    let w = AscotWeights::builtin();
    let mut units = Vec::new();
    let mut ledger = Vec::with_capacity(respondents.len());
    for (i, raw) in respondents.iter().enumerate() {
        let (scored, mut entry) = score_row(raw, i, options.score, w)?;
        if let Some((r, s)) = scored {
            match (&r.council, r.stratum) {
                (Some(c), Some(h)) => units.push(Unit {
                    council: c.clone(),
                    stratum: h,
                    sex: r.sex.clone(),
                    age_band: r.age_band,
                    values: Measure::ASCS
                        .into_iter()
                        .filter_map(|m| s.get(m).map(|x| (m, x)))
                        .collect(),
                }),
                (None, _) => reject_or_err(
                    options.score.on_invalid,
                    Error::MissingInput {
                        field: "council",
                        at: Location::row(i),
                    },
                    &mut entry,
                )?,
                (_, None) => reject_or_err(
                    options.score.on_invalid,
                    Error::MissingInput {
                        field: "stratum",
                        at: Location::row(i),
                    },
                    &mut entry,
                )?,
            }
        }
        ledger.push(entry);
    }
    let estimates = estimate(&units, &pops, &Measure::ASCS, options, true)?;
    Ok(SurveyMeasures {
        estimates,
        ledger,
        weights: format!("{} {}", w.id, w.version),
    })
}

/// SACE carer QoL (1D) by council (unweighted mean), with sub-group, region and England
/// estimates weighted by eligible population ÷ usable responses (spec-ascof.md §4.2), margins of
/// error with the finite-population correction [L for SACE] and the published figures.
/// `populations` has one row per council (no stratum).
///
/// # Errors
/// As [`measures`]; a carer without a council is `missing_input` (or rejected).
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{carer_measures, MeasuresOptions, RawCarer, StratumPopulation};
/// let carer = |council: &str, code: f64| RawCarer { council: Some(council.into()),
///     occupation: Some(code), control: Some(code), self_care: Some(code), safety: Some(code),
///     social_participation: Some(code), support: Some(code), ..Default::default() };
/// let cs = [carer("A", 1.0), carer("A", 3.0), carer("B", 2.0)];
/// let pops = [StratumPopulation::new("A", None, 1000.0), StratumPopulation::new("B", None, 3000.0)];
/// let o = MeasuresOptions { england: true, ..Default::default() };
/// let out = carer_measures(&cs, &pops, &o)?;
/// assert_eq!(out.estimates[0].value, Some(6.0)); // A: (12 + 0) / 2
/// assert_eq!(out.estimates[2].value, Some((1000.0 * 6.0 + 3000.0 * 6.0) / 4000.0)); // England
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn carer_measures(
    carers: &[RawCarer],
    populations_by_council: &[StratumPopulation],
    options: &MeasuresOptions,
) -> Result<SurveyMeasures> {
    if carers.is_empty() {
        return Err(Error::EmptyInput { what: "carers" });
    }
    let pops = populations(populations_by_council, false)?;
    let mut units = Vec::new();
    let mut ledger = Vec::with_capacity(carers.len());
    for (i, raw) in carers.iter().enumerate() {
        let (scored, mut entry) = score_carer_row(raw, i, options.score)?;
        if let Some((c, q)) = scored {
            if let Some(council) = &c.council {
                units.push(Unit {
                    council: council.clone(),
                    stratum: 0,
                    sex: c.sex.clone(),
                    age_band: c.age_band,
                    values: q
                        .map(|x| vec![(Measure::CarerQol, f64::from(x))])
                        .unwrap_or_default(),
                });
            } else {
                reject_or_err(
                    options.score.on_invalid,
                    Error::MissingInput {
                        field: "council",
                        at: Location::row(i),
                    },
                    &mut entry,
                )?;
            }
        }
        ledger.push(entry);
    }
    let estimates = estimate(&units, &pops, &[Measure::CarerQol], options, false)?;
    Ok(SurveyMeasures {
        estimates,
        ledger,
        weights: "none".to_owned(),
    })
}
