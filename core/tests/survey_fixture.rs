//! A stratified respondent fixture (two councils, the four ASCS strata, 37 respondents) whose
//! weighted 1A, proportion measures and margins of error are worked by hand below; the same
//! respondents are the `measures` case of vectors/survey-cases.json (run by every face).
//!
//! Every respondent answers the eight SCRQoL items with one code c, so 1A = 32 − 8c:
//! c = 1 → 24 (and q3a = q7a = 1: control yes, feels safe yes), c = 2 → 16 (control yes, safe no),
//! c = 3 → 8 (control no, safe no).
//!
//! | council | stratum | N   | codes (n)              | 1A scores          | mean 1A | q12 (3D1)              |
//! |---------|---------|-----|------------------------|--------------------|---------|------------------------|
//! | X       | 1       | 50  | 1,1,2,2,3 (5)          | 24,24,16,16,8      | 17.6    | 2,3,4,1,5              |
//! | X       | 2       | 200 | 1×2, 2×6, 3×2 (10)     | 24×2,16×6,8×2      | 16.0    | 2×5, 4×5               |
//! | X       | 3       | 150 | 2×3, 3×3 (6)           | 16×3, 8×3          | 12.0    | (none)                 |
//! | X       | 4       | 600 | 1×6, 2×6 (12)          | 24×6, 16×6         | 20.0    | 1×4, 2×4, 4×4          |
//! | Y       | 4       | 400 | 1×4 (4)                | 24×4               | 24.0    | (none)                 |
//!
//! Variance per cell (spec-ascof.md §4.1): N²·(1 − n/N)·s²/n; for a proportion s²/n = p(1−p)/(n−1).

use care_outcomes::survey::{
    self, AreaLevel, Measure, MeasuresOptions, Question, RawRespondent, RowStatus,
    StratumPopulation, Subgroup, SurveyEstimate, SurveyMeasures,
};
use proptest::prelude::*;

fn person(council: &str, stratum: u8, code: u8) -> RawRespondent {
    let mut r = RawRespondent {
        council: Some(council.to_owned()),
        stratum: Some(f64::from(stratum)),
        ..Default::default()
    };
    for q in Question::SCRQOL {
        r = r.with(q, f64::from(code));
    }
    r
}

fn fixture() -> (Vec<RawRespondent>, Vec<StratumPopulation>) {
    let mut rs = Vec::new();
    let mut add = |council: &str, stratum: u8, codes: &[u8], q12: &[Option<u8>], sex: bool| {
        for (i, c) in codes.iter().enumerate() {
            let mut r = person(council, stratum, *c);
            if let Some(Some(q)) = q12.get(i) {
                r = r.with(Question::Q12, f64::from(*q));
            }
            if sex {
                r.sex = Some(if i % 2 == 0 { "F" } else { "M" }.to_owned());
            }
            rs.push(r);
        }
    };
    let s = |v: &[u8]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
    add("X", 1, &[1, 1, 2, 2, 3], &s(&[2, 3, 4, 1, 5]), false);
    add(
        "X",
        2,
        &[1, 1, 2, 2, 2, 2, 2, 2, 3, 3],
        &s(&[2, 2, 2, 2, 2, 4, 4, 4, 4, 4]),
        false,
    );
    add("X", 3, &[2, 2, 2, 3, 3, 3], &[], false);
    add(
        "X",
        4,
        &[1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2],
        &s(&[1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4]),
        true,
    );
    add("Y", 4, &[1, 1, 1, 1], &[], false);
    let pops = vec![
        StratumPopulation::new("X", Some(1), 50.0),
        StratumPopulation::new("X", Some(2), 200.0),
        StratumPopulation::new("X", Some(3), 150.0),
        StratumPopulation::new("X", Some(4), 600.0),
        StratumPopulation::new("Y", Some(4), 400.0),
    ];
    (rs, pops)
}

fn run() -> SurveyMeasures {
    let (rs, pops) = fixture();
    let o = MeasuresOptions {
        england: true,
        subgroups: vec![Subgroup::Sex],
        regions: [("X".to_owned(), "North".to_owned())].into(),
        ..Default::default()
    };
    survey::measures(&rs, &pops, &o).unwrap()
}

fn find<'a>(
    out: &'a SurveyMeasures,
    level: AreaLevel,
    area: &str,
    m: Measure,
    sub: Option<&str>,
) -> &'a SurveyEstimate {
    out.estimates
        .iter()
        .find(|e| {
            e.level == level
                && e.area == area
                && e.measure == m
                && e.subgroup_value.as_deref() == sub
        })
        .unwrap()
}

fn near(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} vs {b}");
}

#[test]
fn weighted_scrqol_council_x() {
    // Weighted 1A = Σ N_h·mean_h / Σ N_h
    //   = (50·17.6 + 200·16 + 150·12 + 600·20) / 1000 = (880 + 3200 + 1800 + 12000) / 1000
    //   = 17880 / 1000 = 17.88 → published 17.9 (the unweighted mean 560/33 = 16.97 would be 17.0).
    // Sample variances: S1 deviations ±6.4 (×2), −1.6 (×2), −9.6 → Σ = 179.2, s² = 44.8;
    //   S2 ±8 (×4), 0 (×6) → 256/9; S3 ±4 (×6) → 96/5 = 19.2; S4 ±4 (×12) → 192/11.
    // Cell variances N²(1 − n/N)s²/n:
    //   S1 2500 · 0.90 · 44.8/5   = 20160
    //   S2 40000 · 0.95 · (256/9)/10 = 9728000/90 = 108088.888…
    //   S3 22500 · 0.96 · 19.2/6  = 69120
    //   S4 360000 · 0.98 · (192/11)/12 = 5644800/11 = 513163.636…
    //   Σ = 710532.525…; var(mean) = Σ / 1000² = 0.710532525…; MoE = 1.96 · √ = 1.652144…
    // [L] The spec gives the variance of a proportion only; the same design-based formula with
    // the sample variance is the library's documented choice for means (docs/survey.md).
    let out = run();
    let e = find(&out, AreaLevel::Council, "X", Measure::Scrqol, None);
    near(e.value.unwrap(), 17.88);
    near(e.numerator, 17880.0);
    near(e.denominator, 1000.0);
    assert_eq!(e.base, 33);
    let var = 20160.0 + 9_728_000.0 / 90.0 + 69120.0 + 5_644_800.0 / 11.0;
    near(
        e.margin_of_error.unwrap(),
        1.96 * (var / 1_000_000.0f64).sqrt(),
    );
    near(e.margin_of_error.unwrap(), 1.652_144_590_830_385);
    assert_eq!(e.published_value.unwrap().to_string(), "17.9");
    assert_eq!(e.published_margin_of_error.unwrap().to_string(), "1.7");
    assert_eq!(
        (
            e.published_numerator,
            e.published_denominator,
            e.published_base
        ),
        (Some(17880), Some(1000), Some(35))
    );
    assert_eq!(e.symbol, None);
    assert_eq!(e.code, "1A");
}

#[test]
fn proportion_measures_council_x() {
    // 4A feel safe (q7a = 1, i.e. code 1): p = 2/5, 2/10, 0/6, 6/12.
    //   est_count = 50·0.4 + 200·0.2 + 150·0 + 600·0.5 = 20 + 40 + 0 + 300 = 360; 360/1000 = 36.0%.
    //   var: S1 0.24·2500·0.90/4 = 135; S2 0.16·40000·0.95/9 = 675.555…; S3 0; S4
    //   0.25·360000·0.98/11 = 8018.1818…; Σ = 8828.737…; × 100²/1000² = 88.287…;
    //   MoE = 1.96 · 9.3961… = 18.4164…
    let out = run();
    let e = find(&out, AreaLevel::Council, "X", Measure::FeelSafe, None);
    near(e.value.unwrap(), 36.0);
    near(e.numerator, 360.0);
    let var = 135.0 + 6080.0 / 9.0 + 0.0 + 88200.0 / 11.0;
    near(e.margin_of_error.unwrap(), 1.96 * (var * 0.01f64).sqrt());
    near(e.margin_of_error.unwrap(), 18.416_426_769_313_72);
    assert_eq!(e.published_value.unwrap().to_string(), "36.0");

    // 1B control (q3a ∈ {1, 2}): p = 4/5, 8/10, 3/6, 12/12 → 40 + 160 + 75 + 600 = 875 → 87.5%.
    //   var: S1 0.16·2500·0.9/4 = 90; S2 0.16·40000·0.95/9 = 675.555…; S3 0.25·22500·0.96/5 = 1080;
    //   S4 p = 1 → 0. Σ = 1845.555…; × 0.01 → 18.4555…; MoE = 1.96 · 4.29599… = 8.42014…
    let e = find(&out, AreaLevel::Council, "X", Measure::Control, None);
    near(e.value.unwrap(), 87.5);
    let var = 90.0 + 6080.0 / 9.0 + 1080.0;
    near(e.margin_of_error.unwrap(), 1.96 * (var * 0.01f64).sqrt());

    // 3D(1) easy to find information: q12 = 1 "never tried" is excluded, q12 ∈ {2, 3} qualifies.
    //   S1 q12 = 2,3,4,1,5 → n = 4, r = 2; S2 → n = 10, r = 5; S3 no answers (stratum dropped);
    //   S4 → n = 8 (4 never tried), r = 4. est_pop = 50 + 200 + 600 = 850 (not 1000),
    //   est_count = 25 + 100 + 300 = 425 → 50.0%. base = 4 + 10 + 8 = 22 → published 20.
    //   var: S1 0.25·2500·0.92/3 = 191.666…; S2 0.25·40000·0.95/9 = 1055.555…;
    //   S4 0.25·360000·(1 − 8/600)/7 = 12685.714…; × 100²/850²; MoE = 27.218…
    let e = find(
        &out,
        AreaLevel::Council,
        "X",
        Measure::InformationEase,
        None,
    );
    near(e.value.unwrap(), 50.0);
    near(e.denominator, 850.0);
    assert_eq!((e.base, e.published_base), (22, Some(20)));
    let var = 575.0 / 3.0 + 9500.0 / 9.0 + 90000.0 * (1.0 - 8.0 / 600.0) / 7.0;
    near(
        e.margin_of_error.unwrap(),
        1.96 * (var * 10000.0 / (850.0f64 * 850.0)).sqrt(),
    );
}

#[test]
fn england_and_region_sum_council_stratum_cells() {
    // England = every council × stratum cell: 1A = (17880 + 400·24) / (1000 + 400) = 27480/1400
    //   = 19.628571… → 19.6 (councils count by population: the mean of the council values
    //   (17.88 + 24)/2 = 20.94 would be wrong). Y's cell has no spread, so the variance is X's
    //   710532.525… over 1400²: MoE = 1.96·√0.362517… = 1.180103…
    // 4A: (360 + 400) / 1400 = 54.2857…%; MoE = 1.96·√(8828.737… · 100²/1400²) = 13.1546…
    let out = run();
    let e = find(&out, AreaLevel::England, "England", Measure::Scrqol, None);
    near(e.value.unwrap(), 27480.0 / 1400.0);
    let var = 20160.0 + 9_728_000.0 / 90.0 + 69120.0 + 5_644_800.0 / 11.0;
    near(
        e.margin_of_error.unwrap(),
        1.96 * (var / (1400.0f64 * 1400.0)).sqrt(),
    );
    assert_eq!(e.published_value.unwrap().to_string(), "19.6");
    let e = find(&out, AreaLevel::England, "England", Measure::FeelSafe, None);
    near(e.value.unwrap(), 760.0 / 14.0);
    assert_eq!(e.published_value.unwrap().to_string(), "54.3");
    // The region "North" holds only X: it equals X.
    let r = find(&out, AreaLevel::Region, "North", Measure::Scrqol, None);
    let x = find(&out, AreaLevel::Council, "X", Measure::Scrqol, None);
    assert_eq!((r.value, r.margin_of_error), (x.value, x.margin_of_error));
}

#[test]
fn subgroup_gets_estimated_population() {
    // Sex is given in X stratum 4 only: F = rows 0,2,4 (code 1) and 6,8,10 (code 2) → 24×3, 16×3.
    // N_F = 600 · 6/12 = 300; mean 20; s² = 96/5 = 19.2;
    // var = 300²·(1 − 6/300)·19.2/6 = 282240 → / 300² = 3.136 → MoE = 1.96·1.770875… = 3.470916…
    let out = run();
    let e = find(&out, AreaLevel::Council, "X", Measure::Scrqol, Some("F"));
    assert_eq!(e.subgroup, Some(Subgroup::Sex));
    near(e.value.unwrap(), 20.0);
    near(e.denominator, 300.0);
    near(e.margin_of_error.unwrap(), 1.96 * 3.136f64.sqrt());
    // Strata without sex contribute to no sub-group.
    assert_eq!(e.base, 6);
}

#[test]
fn no_respondents_is_null_with_reason_and_not_available() {
    // Y has no q12 answers: 3D(1) for Y is null with reason, published [x].
    let out = run();
    let e = find(
        &out,
        AreaLevel::Council,
        "Y",
        Measure::InformationEase,
        None,
    );
    assert_eq!(e.value, None);
    assert_eq!(e.reason.unwrap().code(), "zero_denominator");
    assert_eq!(e.symbol.as_deref(), Some("[x]"));
}

#[test]
fn ledger_records_every_row() {
    let out = run();
    assert_eq!(out.ledger.len(), 37);
    assert!(out.ledger.iter().all(|l| l.status == RowStatus::Used));
    // Row 3 (X stratum 1, q12 = 1) is excluded from 3D(1) as "never tried".
    let l = &out.ledger[3];
    assert!(
        l.exclusions
            .iter()
            .any(|x| x.measure == Measure::InformationEase
                && x.reason == survey::ExclusionReason::NeverTried)
    );
    assert!(!l.used_in.contains(&Measure::InformationEase));
    assert!(l.used_in.contains(&Measure::Scrqol));
    // Nobody answered q13…q18: everybody is excluded from 1J with the missing items named.
    assert!(l.reasons().contains("adjusted_scrqol: missing_item (q13"));
}

#[test]
fn rejected_rows_under_reject() {
    let (mut rs, pops) = fixture();
    rs[0] = rs[0].clone().with(Question::Q3a, 7.0);
    rs[1].council = None;
    let o = MeasuresOptions {
        score: survey::ScoreOptions {
            on_invalid: survey::OnInvalid::Reject,
            ..Default::default()
        },
        ..Default::default()
    };
    let out = survey::measures(&rs, &pops, &o).unwrap();
    assert_eq!(out.ledger[0].status, RowStatus::Rejected);
    assert_eq!(
        out.ledger[0].rejection_code.as_deref(),
        Some("invalid_response")
    );
    assert_eq!(
        out.ledger[1].rejection_code.as_deref(),
        Some("missing_input")
    );
    let e = find(&out, AreaLevel::Council, "X", Measure::Scrqol, None);
    assert_eq!(e.base, 31);
    // Without reject the same input is an error naming the row.
    let err = survey::measures(&rs, &pops, &MeasuresOptions::default()).unwrap_err();
    assert_eq!((err.code(), err.row()), ("invalid_response", Some(0)));
}

#[test]
fn margin_of_error_small_fixture_by_hand() {
    // Two strata of council Z. Stratum 1: N = 10, answers (q8a = 1?) yes, yes, no → p = 2/3, n = 3.
    // Stratum 2: N = 40, answers yes, no, no, no → p = 1/4, n = 4.
    // est = (10·2/3 + 40·1/4) / 50 = (6.666… + 10) / 50 = 33.333…%
    // var S1 = (2/3)(1/3)·100·(1 − 3/10)/2 = (2/9)·100·0.7/2 = 7.777…
    // var S2 = (1/4)(3/4)·1600·(1 − 4/40)/3 = 0.1875·1600·0.9/3 = 90
    // Σ = 97.777…; × 100²/50² = 4 → 391.111…; MoE = 1.96 · 19.7765… = 38.76200…
    let mk = |stratum: u8, yes: bool| {
        person("Z", stratum, 1).with(Question::Q8a, if yes { 1.0 } else { 3.0 })
    };
    let rs = [
        mk(1, true),
        mk(1, true),
        mk(1, false),
        mk(2, true),
        mk(2, false),
        mk(2, false),
        mk(2, false),
    ];
    let pops = [
        StratumPopulation::new("Z", Some(1), 10.0),
        StratumPopulation::new("Z", Some(2), 40.0),
    ];
    let out = survey::measures(&rs, &pops, &MeasuresOptions::default()).unwrap();
    let e = find(&out, AreaLevel::Council, "Z", Measure::SocialContact, None);
    near(e.value.unwrap(), 100.0 / 3.0);
    let var = (2.0 / 9.0) * 100.0 * 0.7 / 2.0 + 90.0;
    near(e.margin_of_error.unwrap(), 1.96 * (var * 4.0f64).sqrt());
    near(e.margin_of_error.unwrap(), 38.761_997_425_886_66);
    assert_eq!(e.published_margin_of_error.unwrap().to_string(), "38.8");
}

#[test]
fn single_respondent_cell_and_census_cell() {
    // n = 1 in a cell with N > 1: no sample variance → MoE null (insufficient_values), value kept,
    // published [c] (base 1 < 3).
    let rs = [person("W", 1, 1)];
    let pops = [StratumPopulation::new("W", Some(1), 10.0)];
    let out = survey::measures(&rs, &pops, &MeasuresOptions::default()).unwrap();
    let e = find(&out, AreaLevel::Council, "W", Measure::Scrqol, None);
    assert_eq!(e.value, Some(24.0));
    assert_eq!(e.margin_of_error, None);
    assert_eq!(e.margin_reason.unwrap().code(), "insufficient_values");
    assert_eq!(e.symbol.as_deref(), Some("[c]"));
    assert_eq!(e.published_value, None);
    // A census cell (n = N = 1): the correction is 0, so the MoE is 0.
    let pops = [StratumPopulation::new("W", Some(1), 1.0)];
    let out = survey::measures(&rs, &pops, &MeasuresOptions::default()).unwrap();
    let e = find(&out, AreaLevel::Council, "W", Measure::Scrqol, None);
    assert_eq!(e.margin_of_error, Some(0.0));
}

#[test]
fn suppression_below_base_3() {
    let rs = [person("V", 1, 1), person("V", 1, 2)];
    let pops = [StratumPopulation::new("V", Some(1), 100.0)];
    let out = survey::measures(&rs, &pops, &MeasuresOptions::default()).unwrap();
    let e = find(&out, AreaLevel::Council, "V", Measure::Scrqol, None);
    assert_eq!(e.value, Some(20.0));
    assert_eq!(e.symbol.as_deref(), Some("[c]"));
    assert_eq!(
        (e.published_value, e.published_numerator, e.published_base),
        (None, None, None)
    );
    let rs = [person("V", 1, 1), person("V", 1, 2), person("V", 1, 2)];
    let out = survey::measures(&rs, &pops, &MeasuresOptions::default()).unwrap();
    let e = find(&out, AreaLevel::Council, "V", Measure::Scrqol, None);
    assert_eq!(e.symbol, None);
    assert_eq!(e.published_value.unwrap().to_string(), "18.7"); // 56/3 = 18.666…
    assert_eq!(e.published_base, Some(5));
}

#[test]
fn adjusted_score_is_published_to_3_dp() {
    let mut r = person("U", 4, 1);
    for q in Question::ALL {
        r = r.with(q, 1.0);
    }
    r.age_band = Some("18-64".to_owned());
    r.can_answer_q2c = Some(true);
    let rs = vec![r; 3];
    let pops = [StratumPopulation::new("U", Some(4), 30.0)];
    let out = survey::measures(&rs, &pops, &MeasuresOptions::default()).unwrap();
    let e = find(&out, AreaLevel::Council, "U", Measure::AdjustedScrqol, None);
    // NHS vector: all items 1, 18-64 → 0.418845 → 0.419.
    assert_eq!(e.published_value.unwrap().to_string(), "0.419");
}

#[test]
fn missing_population_is_an_error() {
    let rs = [person("X", 1, 1), person("X", 2, 1)];
    let pops = [StratumPopulation::new("X", Some(1), 10.0)];
    let e = survey::measures(&rs, &pops, &MeasuresOptions::default()).unwrap_err();
    assert_eq!(
        (e.code(), e.group()),
        ("missing_input", Some("X stratum 2"))
    );
    let neg = [
        StratumPopulation::new("X", Some(1), -1.0),
        StratumPopulation::new("X", Some(2), 10.0),
    ];
    assert_eq!(
        survey::measures(&rs, &neg, &MeasuresOptions::default())
            .unwrap_err()
            .code(),
        "negative_value"
    );
    let inf = [StratumPopulation::new("X", Some(1), f64::INFINITY)];
    assert_eq!(
        survey::measures(&rs, &inf, &MeasuresOptions::default())
            .unwrap_err()
            .code(),
        "non_finite"
    );
    assert_eq!(
        survey::measures(&[], &pops, &MeasuresOptions::default())
            .unwrap_err()
            .code(),
        "empty_input"
    );
    let bad_stratum = [StratumPopulation::new("X", Some(9), 10.0)];
    assert_eq!(
        survey::measures(&rs, &bad_stratum, &MeasuresOptions::default())
            .unwrap_err()
            .code(),
        "invalid_response"
    );
}

proptest! {
    #[test]
    fn estimates_stay_in_range_and_partition_free(
        codes in proptest::collection::vec((1u8..=4, 1u8..=4, 1u8..=4), 1..60),
        pops in proptest::collection::vec(60.0f64..5000.0, 4),
    ) {
        // Any respondents: 1A in [0, 24], proportions in [0, 100], MoE ≥ 0, the weighted value
        // between the smallest and largest stratum mean, and the council value independent of
        // the input order. (q8a replaces one of the eight codes: 1A = 32 − 7c − q8a.)
        let rs: Vec<RawRespondent> = codes
            .iter()
            .map(|(s, c, q8)| person("P", *s, *c).with(Question::Q8a, f64::from(*q8)))
            .collect();
        let strata: Vec<StratumPopulation> = (1..=4)
            .map(|h| StratumPopulation::new("P", Some(h), pops[usize::from(h - 1)]))
            .collect();
        let out = survey::measures(&rs, &strata, &MeasuresOptions::default()).unwrap();
        let mut reversed = rs.clone();
        reversed.reverse();
        let out2 = survey::measures(&reversed, &strata, &MeasuresOptions::default()).unwrap();
        for (e, e2) in out.estimates.iter().zip(&out2.estimates) {
            if let Some(v) = e.value {
                let hi = if e.measure == Measure::Scrqol { 24.0 } else { 100.0 };
                prop_assert!((0.0..=hi + 1e-9).contains(&v));
                prop_assert!((v - e2.value.unwrap()).abs() < 1e-9);
            }
            if let Some(m) = e.margin_of_error {
                prop_assert!(m >= 0.0);
            }
        }
        let a = find(&out, AreaLevel::Council, "P", Measure::Scrqol, None);
        let means: Vec<f64> = (1..=4u8)
            .filter_map(|h| {
                let xs: Vec<f64> = codes.iter().filter(|c| c.0 == h).map(|c| 32.0 - 7.0 * f64::from(c.1) - f64::from(c.2)).collect();
                (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
            })
            .collect();
        let lo = means.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = means.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let v = a.value.unwrap();
        prop_assert!(v >= lo - 1e-9 && v <= hi + 1e-9);
    }

    #[test]
    fn scrqol_is_32_minus_the_code_sum(c in proptest::array::uniform8(1u8..=4)) {
        let mut r = RawRespondent::default();
        for (q, x) in Question::SCRQOL.into_iter().zip(c) {
            r = r.with(q, f64::from(x));
        }
        let out = survey::score(&[r], &Default::default()).unwrap();
        let sum: u8 = c.iter().sum();
        prop_assert_eq!(out.rows[0].scores.scrqol, Some(32 - sum));
        let idx = out.rows[0].scores.ascot_index.unwrap();
        prop_assert!((-0.1706351..=0.9986451).contains(&idx));
    }

    #[test]
    fn cell_merge_equals_one_pass(xs in proptest::collection::vec(0.0f64..24.0, 2..40), split in 0usize..40) {
        let split = split.min(xs.len());
        let mut one = survey::Cell::new(100.0);
        for x in &xs { one.push(*x); }
        let mut a = survey::Cell::new(100.0);
        let mut b = survey::Cell::new(100.0);
        for x in &xs[..split] { a.push(*x); }
        for x in &xs[split..] { b.push(*x); }
        a.merge(&b);
        prop_assert_eq!(a.n, one.n);
        prop_assert!((a.mean() - one.mean()).abs() < 1e-9);
        prop_assert!((a.m2 - one.m2).abs() < 1e-7 * (1.0 + one.m2));
    }

    #[test]
    fn never_guesses_invalid_codes(v in prop_oneof![-10.0f64..0.99, 4.01f64..50.0]) {
        let r = RawRespondent::default().with(Question::Q5a, v);
        let e = survey::score(&[r], &Default::default()).unwrap_err();
        prop_assert_eq!(e.code(), "invalid_response");
    }
}

#[test]
fn negative_adjusted_scores_publish_negative_numerators() {
    // SCRQoL items all 4 (index −0.170635), q13 = q17 = q18 = 1 (terms 0), 18-64, no assistance
    // (C = 0): 1J = −0.170635 − 0.5798 = −0.750435. Three respondents of N = 30:
    // numerator = 30 × −0.750435 = −22.51305 → nearest 5: −22.51305/5 = −4.50261 → −5 → −25.
    let mut r = person("N", 2, 4);
    for q in [Question::Q13, Question::Q17, Question::Q18]
        .into_iter()
        .chain(Question::ASSISTANCE)
    {
        r = r.with(q, 1.0);
    }
    r.age_band = Some("18-64".to_owned());
    r.can_answer_q2c = Some(true);
    let pops = [StratumPopulation::new("N", Some(2), 30.0)];
    let out = survey::measures(&vec![r; 3], &pops, &MeasuresOptions::default()).unwrap();
    let e = find(&out, AreaLevel::Council, "N", Measure::AdjustedScrqol, None);
    assert!((e.value.unwrap() - -0.750435).abs() < 5e-7);
    assert_eq!(e.published_value.unwrap().to_string(), "-0.750");
    assert_eq!(e.published_numerator, Some(-25));
    assert_eq!(e.published_denominator, Some(30));
}

#[test]
fn q7b_codes_are_provisional_and_checked() {
    // [L] q7b ("services help you feel safe") is taken as 1 yes / 2 no; 3 is not guessed.
    let ok = survey::score(
        &[RawRespondent::default().with(Question::Q7b, 2.0)],
        &Default::default(),
    )
    .unwrap();
    assert_eq!(ok.rows[0].scores.services_safe, Some(false));
    let e = survey::score(
        &[RawRespondent::default().with(Question::Q7b, 3.0)],
        &Default::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid_response");
}

#[test]
fn carer_qol_council_and_england_by_hand() {
    // SACE (spec-ascof.md §4.2 [M]): council values are unweighted means; England weights each
    // council by eligible population / usable responses.
    //   A (N = 1000): scores 12, 7, 5 → mean 8; B (N = 3000): 6, 6 → mean 6.
    //   A's value 24/3 = 8.0; England (1000·8 + 3000·6) / 4000 = 26000/4000 = 6.5.
    // [L] SACE margins of error: the ASCS formula with the council as the stratum.
    //   A: s² = ((4)² + (−1)² + (−3)²)/2 = 13; var = 1000²·(1 − 3/1000)·13/3 / 1000²
    //      = 0.997·13/3 = 4.320333…; MoE = 1.96·2.078541… = 4.073941…
    let carer = |council: &str, codes: [f64; 6]| survey::RawCarer {
        council: Some(council.to_owned()),
        occupation: Some(codes[0]),
        control: Some(codes[1]),
        self_care: Some(codes[2]),
        safety: Some(codes[3]),
        social_participation: Some(codes[4]),
        support: Some(codes[5]),
        ..Default::default()
    };
    let cs = [
        carer("A", [1.0; 6]),                            // 12
        carer("A", [1.0, 2.0, 2.0, 1.0, 3.0, 2.0]),      // 7
        carer("A", [2.0, 2.0, 2.0, 2.0, 2.0, 3.0]),      // 5
        carer("B", [2.0; 6]),                            // 6
        carer("B", [2.0; 6]),                            // 6
        carer("B", [1.0, 1.0, 1.0, 1.0, 1.0, f64::NAN]), // incomplete: excluded
    ];
    let pops = [
        StratumPopulation::new("A", None, 1000.0),
        StratumPopulation::new("B", None, 3000.0),
    ];
    let o = MeasuresOptions {
        england: true,
        ..Default::default()
    };
    let out = survey::carer_measures(&cs, &pops, &o).unwrap();
    let a = find(&out, AreaLevel::Council, "A", Measure::CarerQol, None);
    near(a.value.unwrap(), 8.0);
    near(
        a.margin_of_error.unwrap(),
        1.96 * (0.997f64 * 13.0 / 3.0).sqrt(),
    );
    assert_eq!(a.code, "1D");
    let e = find(&out, AreaLevel::England, "England", Measure::CarerQol, None);
    near(e.value.unwrap(), 6.5);
    assert_eq!(out.ledger[5].status, RowStatus::Excluded);
    assert!(
        out.ledger[5]
            .reasons()
            .contains("carer_qol: missing_item (support)")
    );
}
