//! Runs every case of vectors/roi-cases.json (built from vectors/roi-vectors.csv, a copy of
//! ../shared/reference/roi-vectors.csv) through the public economics API, checks each output
//! to 1e-9 relative, checks that every expected value is the one its pointer names in the CSV,
//! and writes the outputs to target/vectors/economics-rust.jsonl for the cross-face bit check.

use care_outcomes::economics::{
    self, Appraisal, CohortModel, CostBenefitModel, DeflatorSeries, DiscountSchedule, Metric,
    OptimismBias, ReablementModel, SroiModel, Timing,
};
use serde_json::{Map, Value as Json, json};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cases() -> Json {
    let text = std::fs::read_to_string(root().join("vectors/roi-cases.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn f(v: &Json) -> f64 {
    v.as_f64().unwrap()
}

fn fs(v: &Json) -> Vec<f64> {
    v.as_array().unwrap().iter().map(f).collect()
}

fn schedule(v: &Json) -> DiscountSchedule {
    DiscountSchedule::builtin(v.as_str().unwrap()).unwrap()
}

fn timing(v: &Json) -> Timing {
    v.as_str().unwrap().parse().unwrap()
}

fn model<T: serde::de::DeserializeOwned>(v: &Json) -> T {
    serde_json::from_value(v.clone()).unwrap()
}

/// Runs one case; returns its outputs by name (numbers or lists of numbers).
fn run(case: &Json) -> Map<String, Json> {
    let input = &case["input"];
    let mut out = Map::new();
    let mut put = |k: &str, v: Json| {
        out.insert(k.to_owned(), v);
    };
    match case["kind"].as_str().unwrap() {
        "discount_factors" => {
            let s = schedule(&input["schedule"]);
            for t in input["years"].as_array().unwrap() {
                let t = u32::try_from(t.as_u64().unwrap()).unwrap();
                put(&format!("D{t}"), json!(s.factor(t)));
            }
        }
        "present_value" => {
            let pv = economics::present_value(
                &fs(&input["flows"]),
                &schedule(&input["schedule"]),
                timing(&input["timing"]),
            )
            .unwrap();
            put("pv", json!(pv));
        }
        "cost_benefit" => {
            let r = model::<CostBenefitModel>(input).evaluate().unwrap();
            let r = serde_json::to_value(r).unwrap();
            for (k, v) in r.as_object().unwrap() {
                put(k, v.clone());
            }
        }
        "reablement" => {
            let r = model::<ReablementModel>(input).evaluate().unwrap();
            let r = serde_json::to_value(r.cost_benefit).unwrap();
            for (k, v) in r.as_object().unwrap() {
                put(k, v.clone());
            }
        }
        "sroi" => {
            let r = model::<SroiModel>(input).evaluate().unwrap();
            for (k, v) in serde_json::to_value(r).unwrap().as_object().unwrap() {
                put(k, v.clone());
            }
        }
        "sroi_sensitivity" => {
            let a = Appraisal::Sroi(model::<SroiModel>(&input["model"]));
            let p = input["parameter"].as_str().unwrap();
            let b = economics::break_even(
                &a,
                p,
                Metric::SroiRatio,
                1.0,
                f(&input["low"]),
                f(&input["high"]),
            )
            .unwrap();
            put("d_star", json!(b.value.unwrap()));
            for at in fs(&input["at"]) {
                let v = a
                    .with_parameter(p, at)
                    .unwrap()
                    .metric(Metric::SroiRatio)
                    .unwrap();
                put(&format!("SROI(d={at})"), json!(v));
            }
        }
        "cohort" => {
            let r = model::<CohortModel>(input).evaluate().unwrap();
            put("outcomes", json!(r.outcomes));
            for (k, v) in serde_json::to_value(r.cost_benefit)
                .unwrap()
                .as_object()
                .unwrap()
            {
                put(k, v.clone());
            }
        }
        "payback" => {
            let p = economics::payback(
                &fs(&input["costs"]),
                &fs(&input["benefits"]),
                &schedule(&input["schedule"]),
                timing(&input["timing"]),
            );
            put("simple_years", json!(p.simple.years.unwrap()));
            put("discounted_years", json!(p.discounted.years.unwrap()));
            put(
                "simple_whole_years",
                json!(f64::from(p.simple.whole_years.unwrap())),
            );
        }
        "optimism_bias" => {
            for m in fs(&input["mitigations"]) {
                let ob = OptimismBias {
                    rate: f(&input["rate"]),
                    mitigation: m,
                };
                put(
                    &format!("adjusted_{m}"),
                    json!(ob.uplift_cost(f(&input["base"])).unwrap()),
                );
            }
        }
        "deflator" => {
            let s = DeflatorSeries::hmt_december_2025();
            let from = i32::try_from(input["from_year"].as_i64().unwrap()).unwrap();
            for to in input["to_years"].as_array().unwrap() {
                let to = i32::try_from(to.as_i64().unwrap()).unwrap();
                let r = s.rebase(f(&input["value"]), from, to).unwrap();
                put(&to.to_string(), json!(r.value));
            }
        }
        "real_vs_nominal" => {
            let s = schedule(&input["schedule"]);
            let t = timing(&input["timing"]);
            let real = fs(&input["flows"]);
            let pi = f(&input["inflation"]);
            let nominal = economics::inflate(&real, pi, t).unwrap();
            put(
                "pv_real",
                json!(economics::present_value(&real, &s, t).unwrap()),
            );
            put(
                "pv_nominal",
                json!(economics::present_value(&nominal, &s.nominal(pi).unwrap(), t).unwrap()),
            );
            put(
                "pv_nominal_at_real_rate",
                json!(economics::present_value(&nominal, &s, t).unwrap()),
            );
        }
        "annuity" => {
            let s = schedule(&input["schedule"]);
            let years = u32::try_from(input["years"].as_u64().unwrap()).unwrap();
            for (name, t) in [
                ("year_one", Timing::YearOne),
                ("year_zero", Timing::YearZero),
            ] {
                let af = economics::annuity_factor(&s, years, t).unwrap();
                put(name, json!(f(&input["amount"]) * af));
            }
        }
        "drop_off" => {
            let years = u32::try_from(input["years"].as_u64().unwrap()).unwrap();
            let profile =
                economics::drop_off_profile(f(&input["first_year"]), f(&input["drop_off"]), years)
                    .unwrap();
            let pv = economics::present_value(
                &profile,
                &schedule(&input["schedule"]),
                timing(&input["timing"]),
            )
            .unwrap();
            put("pv", json!(pv));
            put("undiscounted", json!(profile.iter().sum::<f64>()));
            put("profile", json!(profile));
        }
        "eanc" => {
            let s = schedule(&input["schedule"]);
            let costs = fs(&input["costs"]);
            let pv = economics::present_value(&costs, &s, timing(&input["timing"])).unwrap();
            let years = u32::try_from(costs.len() - 1).unwrap();
            put("pv_costs", json!(pv));
            put(
                "eanc",
                json!(economics::equivalent_annual_cost(pv, &s, years).unwrap()),
            );
        }
        other => panic!("unknown case kind {other}"),
    }
    out
}

fn close(got: f64, want: f64, tol: f64) -> bool {
    if want == 0.0 {
        got == 0.0
    } else {
        (got - want).abs() <= tol * want.abs()
    }
}

#[test]
fn every_roi_vector_is_reproduced_to_1e9_relative() {
    let doc = cases();
    let tol = f(&doc["tolerance"]);
    assert_eq!(tol, 1e-9);
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut lines = String::new();
    for case in doc["cases"].as_array().unwrap() {
        let id = case["id"].as_str().unwrap();
        let out = run(case);
        let mut written = BTreeMap::new();
        for (name, exp) in case["expected"].as_object().unwrap() {
            let got = out
                .get(name)
                .unwrap_or_else(|| panic!("{id}: no output {name}"));
            written.insert(name.clone(), got.clone());
            let want = &exp["value"];
            let pairs: Vec<(f64, f64)> = if want.is_array() {
                assert_eq!(
                    got.as_array().unwrap().len(),
                    want.as_array().unwrap().len()
                );
                fs(got).into_iter().zip(fs(want)).collect()
            } else {
                vec![(f(got), f(want))]
            };
            for (g, w) in pairs {
                checked += 1;
                if !close(g, w, tol) {
                    failures.push(format!(
                        "{id} {name}: got {g}, expected {w} (rel {:e})",
                        ((g - w) / w).abs()
                    ));
                }
            }
        }
        lines.push_str(&json!({"id": id, "outputs": written}).to_string());
        lines.push('\n');
    }
    lines.push_str(&json!({"id": "MC-ROI03", "outputs": monte_carlo_output()}).to_string());
    lines.push('\n');
    let dir = root().join("target/vectors");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("economics-rust.jsonl"), lines).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 80, "only {checked} values checked");
}

/// A fixed Monte Carlo run, identical in the Rust, Python and JS suites (the faces must agree bit
/// for bit on it too).
fn monte_carlo_output() -> Json {
    let model = Appraisal::from_json(
        r#"{"kind": "reablement", "people": 400, "share_independent": 0.3, "deadweight": 0.35,
            "weekly_package_cost": 250, "weeks": 52, "service_cost": 900000,
            "schedule": "undiscounted"}"#,
    )
    .unwrap();
    let uncertain: Vec<economics::Uncertain> = serde_json::from_str(
        r#"[{"parameter": "deadweight",
             "distribution": {"type": "pert", "low": 0.2, "mode": 0.35, "high": 0.6}},
            {"parameter": "weekly_package_cost",
             "distribution": {"type": "normal", "mean": 250, "sd": 25}},
            {"parameter": "weeks",
             "distribution": {"type": "triangular", "low": 40, "mode": 52, "high": 52}}]"#,
    )
    .unwrap();
    let r = economics::monte_carlo(
        &model,
        Metric::BenefitCostRatio,
        &uncertain,
        &economics::MonteCarloOptions {
            draws: 1000,
            seed: 42,
            probabilities: vec![0.05, 0.5, 0.95],
            threshold: None,
        },
    )
    .unwrap();
    json!({
        "mean": r.mean, "min": r.min, "max": r.max,
        "percentiles": r.percentiles.iter().map(|p| p.value).collect::<Vec<_>>(),
        "share": r.share_at_or_above_threshold,
    })
}

/// The expected values in roi-cases.json are the ones their pointers name in the CSV.
#[test]
fn case_expectations_come_from_the_csv() {
    let mut reader = csv::Reader::from_path(root().join("vectors/roi-vectors.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let mut rows: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for rec in reader.records() {
        let rec = rec.unwrap();
        let row: BTreeMap<String, String> = headers
            .iter()
            .zip(rec.iter())
            .map(|(h, v)| (h.to_owned(), v.to_owned()))
            .collect();
        rows.insert(row["id"].clone(), row);
    }
    let doc = cases();
    let mut covered = std::collections::BTreeSet::new();
    for case in doc["cases"].as_array().unwrap() {
        let row = &rows[case["row"].as_str().unwrap()];
        covered.insert(row["id"].clone());
        for (name, exp) in case["expected"].as_object().unwrap() {
            let got = lookup(row, exp["from"].as_str().unwrap());
            assert_eq!(got, exp["value"], "{} {name}", case["id"]);
        }
    }
    let all: std::collections::BTreeSet<String> = rows.keys().cloned().collect();
    assert_eq!(covered, all, "every CSV row has a case");
    assert_eq!(all.len(), 22);
}

fn leading_number(s: &str) -> f64 {
    let start = s
        .find(|c: char| c.is_ascii_digit() || c == '-')
        .unwrap_or_else(|| panic!("no number in {s:?}"));
    let rest = &s[start..];
    let end = rest
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || *c == '.' || (*i == 0 && *c == '-')))
        .map_or(rest.len(), |(i, _)| i);
    rest[..end].parse().unwrap()
}

fn lookup(row: &BTreeMap<String, String>, pointer: &str) -> Json {
    if let Some(column) = pointer.strip_prefix("list:") {
        return json!(
            row[column]
                .split(';')
                .map(|x| x.parse::<f64>().unwrap())
                .collect::<Vec<_>>()
        );
    }
    if let Some((text, phrase)) = pointer
        .split_once('@')
        .map(|(col, phrase)| (&row[col], phrase))
    {
        let at = text.find(phrase).unwrap() + phrase.len();
        return json!(leading_number(&text[at..]));
    }
    if let Some((column, key)) = pointer.split_once(':') {
        let value = row[column]
            .split(';')
            .find_map(|part| {
                let (k, v) = part.rsplit_once('=')?;
                (k.trim() == key).then_some(v)
            })
            .unwrap_or_else(|| panic!("{pointer} not in {:?}", row[column]));
        return json!(leading_number(value));
    }
    json!(leading_number(&row[pointer]))
}

/// vectors/roi-vectors.csv is an exact copy of the shared reference file (when it is present).
#[test]
fn vectors_copy_matches_shared_reference() {
    let shared = root().join("../shared/reference/roi-vectors.csv");
    if let Ok(reference) = std::fs::read(&shared) {
        let copy = std::fs::read(root().join("vectors/roi-vectors.csv")).unwrap();
        assert!(
            copy == reference,
            "vectors/roi-vectors.csv differs from {shared:?}"
        );
    }
}
