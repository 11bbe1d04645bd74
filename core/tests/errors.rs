//! One test per error code: each kind of impossible input gives its typed error, and undefined
//! statistics give nulls with reason codes (never NaN without a reason).

use care_outcomes::Error;
use care_outcomes::indicator::{Definition, Rounding};
use care_outcomes::publish::disclosure::{
    Cell, Columns, Layout, PublishOptions, Sum, Table, publish_columns,
};
use care_outcomes::stats::{
    self, AgeRange, DsrOptions, IsrOptions, IsrReference, MeanOptions, Observed, OnUndefined,
    ProportionOptions, RateOptions, RateType, RatioType, Standard,
};
use care_outcomes::survey;

fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> &'static str {
    r.unwrap_err().code()
}

const ESP: [&str; 19] = [
    "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54",
    "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
];

#[test]
fn invalid_confidence() {
    for c in [0.0, 1.0, 95.0, f64::NAN, -0.1] {
        let o = ProportionOptions {
            confidence: Some(c),
            ..Default::default()
        };
        assert_eq!(code(stats::proportion(1.0, 2.0, &o)), "invalid_confidence");
    }
}

#[test]
fn invalid_multiplier() {
    for m in [0.0, -1.0, f64::INFINITY, f64::NAN] {
        let o = RateOptions {
            multiplier: m,
            ..Default::default()
        };
        assert_eq!(code(stats::rate(1.0, 2.0, &o)), "invalid_multiplier");
    }
}

#[test]
fn non_finite_with_row() {
    let e = stats::proportion_batch(&[1.0, f64::INFINITY], &[2.0, 2.0], &Default::default())
        .unwrap_err();
    assert_eq!(e.code(), "non_finite");
    assert_eq!(e.row(), Some(1));
    assert_eq!(
        code(stats::mean(
            &[1.0, f64::NEG_INFINITY],
            &MeanOptions::default()
        )),
        "non_finite"
    );
}

#[test]
fn negative_value() {
    assert_eq!(
        code(stats::rate(-1.0, 10.0, &Default::default())),
        "negative_value"
    );
    assert_eq!(
        code(stats::proportion(1.0, -10.0, &Default::default())),
        "negative_value"
    );
}

#[test]
fn numerator_exceeds_denominator() {
    let e = stats::proportion_batch(&[1.0, 3.0], &[2.0, 2.0], &Default::default()).unwrap_err();
    assert_eq!(e.code(), "numerator_exceeds_denominator");
    assert_eq!(e.row(), Some(1));
    // Rates allow x > n (R's own test uses 250/220).
    assert!(stats::rate(250.0, 220.0, &Default::default()).is_ok());
}

#[test]
fn length_mismatch() {
    assert_eq!(
        code(stats::rate_batch(&[1.0], &[1.0, 2.0], &Default::default())),
        "length_mismatch"
    );
}

#[test]
fn empty_input() {
    assert_eq!(
        code(stats::funnel_proportions(&[], &[], 100.0)),
        "empty_input"
    );
}

#[test]
fn unknown_standard() {
    assert_eq!(code(Standard::named("who2000")), "unknown_standard");
}

#[test]
fn unknown_duplicate_and_missing_bands() {
    let esp = Standard::esp2013();
    let o = DsrOptions::default();
    let ones = [1.0; 19];
    let mut bad = ESP;
    bad[11] = "55-69"; // the typo in R's own workbook
    let e = stats::dsr(&bad, &ones, &ones, &esp, &o).unwrap_err();
    assert_eq!(e.code(), "unknown_band");
    assert_eq!(e.row(), Some(11));
    let mut dup = ESP;
    dup[12] = "55-59";
    assert_eq!(
        code(stats::dsr(&dup, &ones, &ones, &esp, &o)),
        "duplicate_band"
    );
    assert_eq!(
        code(stats::dsr(&ESP[..18], &ones[..18], &ones[..18], &esp, &o)),
        "missing_band"
    );
    // ... but an explicit age range makes a shorter set valid.
    let under_90 = DsrOptions {
        age_range: AgeRange {
            from: 0,
            to: Some(89),
        },
        ..Default::default()
    };
    assert!(stats::dsr(&ESP[..18], &ones[..18], &ones[..18], &esp, &under_90).is_ok());
}

#[test]
fn inconsistent_band_data_and_invalid_event_frequency() {
    let s = Standard::custom("one", &["0-99"], &[1.0]).unwrap();
    let o = DsrOptions::default();
    assert_eq!(
        code(stats::dsr_non_independent(
            &["a", "a"],
            &["0-99", "0-99"],
            &[100.0, 200.0],
            &[1.0, 2.0],
            &[5.0, 5.0],
            &s,
            &o
        )),
        "inconsistent_band_data"
    );
    for f in [0.0, 1.5, -1.0, f64::NAN] {
        assert_eq!(
            code(stats::dsr_non_independent(
                &["a"],
                &["0-99"],
                &[100.0],
                &[f],
                &[5.0],
                &s,
                &o
            )),
            "invalid_event_frequency"
        );
    }
}

#[test]
fn invalid_reference_and_standard() {
    assert_eq!(
        code(IsrReference::new(&["0-4"], &[1.0], &[0.0])),
        "invalid_reference"
    );
    let zero = Standard::custom("zero", &["0-99"], &[0.0]).unwrap();
    assert_eq!(
        code(stats::dsr(
            &["0-99"],
            &[20.0],
            &[100.0],
            &zero,
            &DsrOptions::default()
        )),
        "invalid_standard"
    );
}

#[test]
fn quantile_errors() {
    assert_eq!(
        code(stats::quantiles(&[1.0, 2.0], 1, true)),
        "invalid_quantile_count"
    );
    assert_eq!(
        code(stats::quantiles_grouped(
            &["a", "a"],
            &[1.0, 2.0],
            2,
            &[true, false]
        )),
        "inconsistent_invert"
    );
}

#[test]
fn funnel_errors() {
    assert_eq!(
        code(stats::funnel_proportions(&[f64::NAN], &[10.0], 100.0)),
        "missing_input"
    );
    assert_eq!(
        code(stats::funnel_ratios(&[1.0], &[0.0], RatioType::Ratio)),
        "nonpositive_denominator"
    );
    assert_eq!(
        code(stats::funnel_rates(
            &[0.0, 5.0],
            &[0.0, 10.0],
            None,
            RateType::Crude,
            1.0,
            100_000.0
        )),
        "missing_denominator"
    );
}

#[test]
fn undefined_statistic_on_request() {
    let o = ProportionOptions {
        on_undefined: OnUndefined::Error,
        ..Default::default()
    };
    let e = stats::proportion(0.0, 0.0, &o).unwrap_err();
    assert_eq!(e.code(), "undefined_statistic");
}

#[test]
fn invalid_option() {
    assert_eq!(
        code("wald".parse::<stats::ProportionMethod>()),
        "invalid_option"
    );
    assert_eq!(
        code("poisson".parse::<stats::PoissonMethod>()),
        "invalid_option"
    );
}

#[test]
fn invalid_definition_and_rounding() {
    assert_eq!(code(Definition::from_json("{}")), "invalid_definition");
    assert_eq!(
        code(Rounding::HalfEven { dp: 30 }.round_f64(1.0)),
        "invalid_rounding"
    );
}

#[test]
fn framework_and_catalogue_codes() {
    use care_outcomes::catalogue::Catalogue;
    use care_outcomes::framework::Framework;
    let cat = Catalogue::builtin();
    assert_eq!(code(cat.get("ascof-legacy/2B9")), "unknown_indicator");
    let doc = |defs: &str, refs: &str| {
        format!(
            r#"{{"framework":"x","version":"1","title":"t","domains":[{{"id":"d","title":"D"}}],
                 "definitions":[{defs}],"indicators":[{refs}]}}"#
        )
    };
    let def = |extra: &str| {
        format!(
            r#"{{"id":"x/a","framework":"x","version":"1","code":"A","domain":"d","title":"t",
                 "numerator":"n","denominator":"d","unit":"percent","multiplier":100,
                 "polarity":"higher_is_better","method":"wilson",
                 "source":{{"data":["LOCAL"],"publication":"p"}}{extra}}}"#
        )
    };
    let load = |s: String| Framework::from_json(&s, cat);
    assert!(load(doc(&def(""), "")).is_ok());
    assert_eq!(
        code(load(doc(&def(""), r#"{"ref":"nope/1","domain":"d"}"#))),
        "unknown_indicator"
    );
    let m = def("").replace("\"wilson\"", "\"jackknife\"");
    assert_eq!(code(load(doc(&m, ""))), "unknown_method");
    let p = def("").replace("\"higher_is_better\"", "\"up\"");
    assert_eq!(code(load(doc(&p, ""))), "unknown_polarity");
    let r = def("")
        .replace("\"percent\"", "\"per100000\"")
        .replace("100,", "100000,")
        .replace("\"wilson\"", "\"byar\"");
    assert_eq!(code(load(doc(&r, ""))), "missing_population");
    assert_eq!(
        code(load(doc(&format!("{},{}", def(""), def("")), ""))),
        "duplicate_id"
    );
    let v = def("").replace("\"version\":\"1\"", "\"version\":\"2\"");
    assert_eq!(code(load(doc(&v, ""))), "version_mismatch");
    assert_eq!(code(load("[]".to_owned())), "invalid_framework");
}

#[test]
fn invalid_rate() {
    use care_outcomes::economics::DiscountSchedule;
    for r in [-1.0, -1.5, f64::INFINITY, f64::NAN] {
        assert_eq!(code(DiscountSchedule::flat(r)), "invalid_rate");
    }
    let gb = DiscountSchedule::builtin("gb2022_standard").unwrap();
    assert_eq!(code(gb.nominal(-1.0)), "invalid_rate");
}

#[test]
fn invalid_adjustment() {
    use care_outcomes::economics::{Appraisal, Metric, ReablementModel};
    for d in [-0.01, 1.01, f64::NAN] {
        let m = ReablementModel {
            people: 10.0,
            service_cost: 1.0,
            deadweight: d,
            ..Default::default()
        };
        assert_eq!(code(m.evaluate()), "invalid_adjustment");
    }
    let m = Appraisal::Reablement(ReablementModel {
        people: 10.0,
        service_cost: 1.0,
        share_independent: 0.7,
        share_reduced: 0.4,
        ..Default::default()
    });
    assert_eq!(
        code(m.metric(Metric::BenefitCostRatio)),
        "invalid_adjustment"
    );
}

#[test]
fn zero_cost() {
    use care_outcomes::economics::{BenefitLine, CostBenefitModel, CostLine, ValueType};
    let m = CostBenefitModel::new(
        vec![CostLine::new("free", vec![0.0, 0.0])],
        vec![BenefitLine::new("b", ValueType::Social, vec![0.0, 10.0])],
    )
    .unwrap();
    assert_eq!(code(m.evaluate()), "zero_cost");
}

#[test]
fn unknown_price_year() {
    use care_outcomes::economics::DeflatorSeries;
    let s = DeflatorSeries::hmt_december_2025();
    assert_eq!(code(s.rebase(1.0, 2019, 2031)), "unknown_price_year");
}

#[test]
fn invalid_distribution() {
    use care_outcomes::economics::Distribution;
    for d in [
        Distribution::Uniform {
            low: 1.0,
            high: 1.0,
        },
        Distribution::Triangular {
            low: 0.0,
            mode: 2.0,
            high: 1.0,
        },
        Distribution::Normal { mean: 0.0, sd: 0.0 },
        Distribution::Beta {
            alpha: -1.0,
            beta: 1.0,
        },
    ] {
        assert_eq!(code(d.validate()), "invalid_distribution");
    }
}

#[test]
fn every_code_is_exercised_above() {
    // Keep this list in step with the tests in this file: a new code needs a test.
    let tested = [
        "invalid_confidence",
        "invalid_multiplier",
        "non_finite",
        "negative_value",
        "numerator_exceeds_denominator",
        "length_mismatch",
        "empty_input",
        "unknown_standard",
        "unknown_band",
        "duplicate_band",
        "missing_band",
        "inconsistent_band_data",
        "invalid_event_frequency",
        "invalid_reference",
        "invalid_standard",
        "invalid_quantile_count",
        "inconsistent_invert",
        "missing_input",
        "nonpositive_denominator",
        "missing_denominator",
        "undefined_statistic",
        "invalid_option",
        "invalid_definition",
        "invalid_rounding",
        // The framework codes are tested case by case in tests/frameworks.rs; here once each.
        "unknown_indicator",
        "unknown_method",
        "unknown_polarity",
        "missing_population",
        "duplicate_id",
        "version_mismatch",
        "invalid_framework",
        "invalid_rate",
        "invalid_adjustment",
        "zero_cost",
        "unknown_price_year",
        "invalid_distribution",
        "invalid_response",
        "sample_exceeds_population",
        "duplicate_stratum",
        "invalid_table",
        "inconsistent_total",
        "non_integer_count",
        "invalid_column_type",
    ];
    for c in Error::CODES {
        assert!(tested.contains(c), "no test for error code {c}");
    }
}

fn cell(key: &str, num: u64, den: u64) -> Cell {
    Cell::new(key, Some(num), Some(den))
}

#[test]
fn invalid_table() {
    // a duplicate key
    let dup = Table::new(vec![cell("a", 1, 2), cell("a", 1, 2)], vec![]);
    assert_eq!(code(dup), "invalid_table");
    // a total among its own parts
    let own = Table::new(
        vec![cell("T", 2, 4), cell("a", 2, 4)],
        vec![Sum {
            total: 0,
            parts: vec![0, 1],
        }],
    );
    assert_eq!(code(own), "invalid_table");
    // a margin whose breakdown cell is missing
    let mut t = cell("Total", 2, 4);
    t.coordinates = vec!["Total".into()];
    let layout = Layout {
        dimensions: vec!["sex".into()],
        hierarchies: [(
            "sex".to_owned(),
            [("Total".to_owned(), vec!["Male".to_owned()])].into(),
        )]
        .into(),
        ..Layout::default()
    };
    assert_eq!(code(Table::with_layout(vec![t], &layout)), "invalid_table");
}

#[test]
fn inconsistent_total() {
    let e = Table::new(
        vec![cell("T", 2, 5), cell("a", 1, 2), cell("b", 1, 2)],
        vec![Sum {
            total: 0,
            parts: vec![1, 2],
        }],
    )
    .unwrap_err();
    assert_eq!(e.code(), "inconsistent_total");
    assert_eq!(
        e.to_string(),
        "inconsistent total \"T\": denominator is 5 but its parts sum to 4"
    );
}

#[test]
fn non_integer_count() {
    let cols = Columns {
        numerator: Some(vec![1.0, 2.5]),
        denominator: Some(vec![3.0, 4.0]),
        ..Columns::default()
    };
    let e = publish_columns(&cols, &Layout::default(), &PublishOptions::default()).unwrap_err();
    assert_eq!((e.code(), e.row()), ("non_integer_count", Some(1)));
}

/// Reachable through the Arrow reader (feature `arrow`, on in workspace builds through the Python
/// face) and the faces' own conversions (the JS row objects).
#[cfg(feature = "arrow")]
#[test]
fn invalid_column_type() {
    use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray};
    use std::sync::Arc;
    let batch = RecordBatch::try_from_iter([
        (
            "nhs_number",
            Arc::new(StringArray::from(vec!["1"])) as ArrayRef,
        ),
        ("event_type", Arc::new(StringArray::from(vec!["Request"]))),
        (
            "event_start_date",
            Arc::new(Float64Array::from(vec![19844.0])),
        ),
    ])
    .unwrap();
    let e = care_outcomes::records::Dataset::from_record_batches(&batch.schema(), [&batch])
        .unwrap_err();
    assert_eq!(e.code(), "invalid_column_type");
    assert_eq!(
        e.to_string(),
        "column \"event_start_date\" has type Float64: expected strings, Date32, Date64 or Timestamp"
    );
}

#[test]
fn undefined_statistics_are_null_with_reasons_not_nan() {
    let p = stats::proportion(0.0, 0.0, &Default::default()).unwrap();
    assert_eq!(
        (p.value, p.reason.unwrap().code()),
        (None, "zero_denominator")
    );
    let r = stats::rate(f64::NAN, 10.0, &Default::default()).unwrap();
    assert_eq!(r.reason.unwrap().code(), "missing_input");
    let m = stats::mean(&[3.0], &MeanOptions::default()).unwrap();
    assert_eq!(m.estimate.value, Some(3.0));
    assert_eq!(m.estimate.lower, None);
    assert_eq!(m.estimate.reason.unwrap().code(), "insufficient_values");
    let reference = IsrReference::new(&["0-64"], &[1.0], &[100.0]).unwrap();
    let z = stats::isr_grouped(
        &["a"],
        &["0-64"],
        &[0.0],
        &Observed::BandCounts(&[0.0]),
        &reference,
        &IsrOptions::ratio(),
    )
    .unwrap();
    assert_eq!(z[0].1.estimate.reason.unwrap().code(), "zero_expected");
    let esp = Standard::esp2013();
    let mut pops = [100.0; 19];
    pops[3] = 0.0;
    let d = stats::dsr(&ESP, &[5.0; 19], &pops, &esp, &DsrOptions::default()).unwrap();
    assert_eq!(d.estimate.reason.unwrap().code(), "zero_population");
}

fn scrqol_respondent(stratum: f64, code: f64) -> survey::RawRespondent {
    let mut r = survey::RawRespondent {
        council: Some("A".to_owned()),
        stratum: Some(stratum),
        ..Default::default()
    };
    for q in survey::Question::SCRQOL {
        r = r.with(q, code);
    }
    r
}

#[test]
fn invalid_response() {
    let bad = scrqol_respondent(1.0, 5.0);
    let e = survey::score(&[scrqol_respondent(1.0, 1.0), bad], &Default::default()).unwrap_err();
    assert_eq!((e.code(), e.row()), ("invalid_response", Some(1)));
    let half = scrqol_respondent(1.0, 1.5);
    assert_eq!(
        code(survey::score(&[half], &Default::default())),
        "invalid_response"
    );
    let stratum = scrqol_respondent(5.0, 1.0);
    assert_eq!(
        code(survey::score(&[stratum], &Default::default())),
        "invalid_response"
    );
}

#[test]
fn sample_exceeds_population() {
    let pops = [survey::StratumPopulation::new("A", Some(1), 1.0)];
    let e = survey::measures(
        &[scrqol_respondent(1.0, 1.0), scrqol_respondent(1.0, 2.0)],
        &pops,
        &Default::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "sample_exceeds_population");
    assert_eq!(e.group(), Some("A stratum 1"));
}

#[test]
fn duplicate_stratum() {
    let pops = [
        survey::StratumPopulation::new("A", Some(1), 10.0),
        survey::StratumPopulation::new("A", Some(1), 12.0),
    ];
    let e =
        survey::measures(&[scrqol_respondent(1.0, 1.0)], &pops, &Default::default()).unwrap_err();
    assert_eq!((e.code(), e.row()), ("duplicate_stratum", Some(1)));
}

#[test]
fn ratio_significance_rejects_impossible_pairs() {
    assert_eq!(
        code(stats::ratio_significance(3.0, 0.0)),
        "nonpositive_denominator"
    );
    assert_eq!(
        code(stats::ratio_significance(3.0, -1.0)),
        "nonpositive_denominator"
    );
    assert_eq!(code(stats::ratio_significance(-1.0, 5.0)), "negative_value");
    assert_eq!(
        code(stats::ratio_significance(f64::NAN, 5.0)),
        "missing_input"
    );
    assert_eq!(
        code(stats::ratio_significance(3.0, f64::INFINITY)),
        "non_finite"
    );
}
