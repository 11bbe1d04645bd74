//! Runs every case of vectors/stats-cases.json (built from ../shared/reference/stats-vectors.csv)
//! through the public API, checks each against the conformance rule of spec-statistics.md §5.3,
//! and writes the outputs to target/vectors/rust.jsonl for the cross-face bit comparison.

use care_outcomes::stats::{
    self, DsrOptions, IsrOptions, IsrReference, LifeExpectancyOptions, MeanOptions, Observed,
    PoissonMethod, ProportionOptions, RateOptions, Standard,
};
use serde_json::{Value as Json, json};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn f(v: &Json) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn fs(v: &Json) -> Vec<f64> {
    v.as_array().unwrap().iter().map(f).collect()
}

fn strs(v: &Json) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

struct Out {
    value: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    reason: Option<String>,
    label: Option<String>,
}

fn run(case: &Json) -> Out {
    let kind = case["kind"].as_str().unwrap();
    let conf = case["confidence"].as_f64().unwrap();
    let input = &case["input"];
    let from = |e: &stats::Estimate| Out {
        value: e.value,
        lower: e.lower,
        upper: e.upper,
        reason: e.reason.map(|r| r.code().to_owned()),
        label: None,
    };
    match kind {
        "proportion_wilson" => {
            let e = stats::proportion(
                f(&input["numerator"]),
                f(&input["denominator"]),
                &ProportionOptions {
                    confidence: Some(conf),
                    multiplier: f(&input["multiplier"]),
                    ..Default::default()
                },
            )
            .unwrap();
            from(&e)
        }
        "rate_exact" | "rate_byars" | "count_exact_poisson" | "count_byars_raw" => {
            let method: PoissonMethod = input["method"].as_str().unwrap().parse().unwrap();
            let e = stats::rate(
                f(&input["count"]),
                f(&input["population"]),
                &RateOptions {
                    confidence: Some(conf),
                    multiplier: f(&input["multiplier"]),
                    method,
                    ..Default::default()
                },
            )
            .unwrap();
            from(&e)
        }
        "dsr_dobson_esp2013" => {
            let bands = strs(&input["bands"]);
            let b: Vec<&str> = bands.iter().map(String::as_str).collect();
            let e = stats::dsr(
                &b,
                &fs(&input["counts"]),
                &fs(&input["populations"]),
                &Standard::named(input["standard"].as_str().unwrap()).unwrap(),
                &DsrOptions {
                    confidence: Some(conf),
                    multiplier: f(&input["multiplier"]),
                    ..Default::default()
                },
            )
            .unwrap();
            if let Some(t) = case["extras"]["total_count"].as_f64() {
                assert_eq!(e.total_count, t, "{}", case["id"]);
            }
            from(&e.estimate)
        }
        "dsr_dobson_nonindependent" => {
            let bands = strs(&input["bands"]);
            let b: Vec<&str> = bands.iter().map(String::as_str).collect();
            let groups = vec!["area"; b.len()];
            let out = stats::dsr_non_independent(
                &groups,
                &b,
                &fs(&input["populations"]),
                &fs(&input["frequencies"]),
                &fs(&input["persons"]),
                &Standard::named(input["standard"].as_str().unwrap()).unwrap(),
                &DsrOptions {
                    confidence: Some(conf),
                    multiplier: f(&input["multiplier"]),
                    ..Default::default()
                },
            )
            .unwrap();
            from(&out[0].1.estimate)
        }
        "isratio" | "israte" => {
            let bands = strs(&input["bands"]);
            let b: Vec<&str> = bands.iter().map(String::as_str).collect();
            let reference = IsrReference::new(
                &b,
                &fs(&input["ref_counts"]),
                &fs(&input["ref_populations"]),
            )
            .unwrap();
            let mut opts = if kind == "isratio" {
                IsrOptions::ratio()
            } else {
                IsrOptions::rate()
            };
            opts.confidence = Some(conf);
            let groups = vec!["area"; b.len()];
            let counts = fs(&input["counts"]);
            let out = stats::isr_grouped(
                &groups,
                &b,
                &fs(&input["populations"]),
                &Observed::BandCounts(&counts),
                &reference,
                &opts,
            )
            .unwrap();
            let e = &out[0].1;
            let want = case["extras"]["expected_events"].as_f64().unwrap();
            assert!(
                (e.expected - want).abs() <= 1e-12 * want,
                "{}: E {} vs {}",
                case["id"],
                e.expected,
                want
            );
            from(&e.estimate)
        }
        "mean_t" => {
            let m = stats::mean(
                &fs(&input["values"]),
                &MeanOptions {
                    confidence: Some(conf),
                    ..Default::default()
                },
            )
            .unwrap();
            from(&m.estimate)
        }
        "funnel_proportion_limit" => {
            let (lo, hi) = stats::proportion_funnel_point(
                f(&input["average"]),
                f(&input["population"]),
                conf,
                f(&input["multiplier"]),
                false,
            )
            .unwrap();
            Out {
                value: Some(f(&input["average"]) * f(&input["multiplier"])),
                lower: Some(lo),
                upper: Some(hi),
                reason: None,
                label: None,
            }
        }
        "funnel_ratio_limit" => {
            let p = stats::ratio_funnel_point(f(&input["observed"]), conf).unwrap();
            Out {
                value: Some(1.0),
                lower: Some(p.lower),
                upper: Some(p.upper),
                reason: None,
                label: None,
            }
        }
        "funnel_ratio_significance_ci" => {
            let (o, e) = (f(&input["observed"]), f(&input["expected"]));
            let est = stats::rate(
                o,
                e,
                &RateOptions {
                    confidence: Some(conf),
                    multiplier: 1.0,
                    ..Default::default()
                },
            )
            .unwrap();
            let mut out = from(&est);
            out.label = Some(stats::ratio_significance(o, e).unwrap().label().to_owned());
            out
        }
        "life_expectancy_chiang_silcocks" => {
            let rows = stats::life_expectancy(
                &fs(&input["start_ages"]),
                &fs(&input["populations"]),
                &fs(&input["deaths"]),
                &LifeExpectancyOptions {
                    confidence: Some(conf),
                    ..Default::default()
                },
            )
            .unwrap();
            let age = f(&input["age"]);
            let row = rows.iter().find(|r| r.start_age == age).unwrap();
            from(&row.estimate)
        }
        other => panic!("unknown kind {other}"),
    }
}

fn matches(got: Option<f64>, want: &Json, tol: f64) -> bool {
    match (got, want.as_f64()) {
        (None, None) => true,
        (Some(g), Some(0.0)) => g == 0.0,
        (Some(g), Some(t)) => (g - t).abs() <= tol * t.abs(),
        _ => false,
    }
}

#[test]
fn every_stats_vector_matches() {
    let doc: Json = serde_json::from_str(
        &std::fs::read_to_string(root().join("vectors/stats-cases.json")).unwrap(),
    )
    .unwrap();
    let tol = doc["tolerance"].as_f64().unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 136, "spec-statistics.md §5 has 136 rows");
    let mut failures = Vec::new();
    let mut lines = String::new();
    for case in cases {
        let out = run(case);
        let exp = &case["expected"];
        for (name, got) in [
            ("value", out.value),
            ("lower", out.lower),
            ("upper", out.upper),
        ] {
            if !matches(got, &exp[name], tol) {
                failures.push(format!(
                    "{} {name}: got {got:?}, want {}",
                    case["id"], exp[name]
                ));
            }
        }
        let want_reason = case["reason"].as_str().map(str::to_owned);
        if out.reason != want_reason {
            failures.push(format!(
                "{} reason: got {:?}, want {want_reason:?}",
                case["id"], out.reason
            ));
        }
        if let Some(label) = case["extras"]["label"].as_str()
            && out.label.as_deref() != Some(label)
        {
            failures.push(format!(
                "{} label: got {:?}, want {label}",
                case["id"], out.label
            ));
        }
        let line = json!({
            "id": case["id"], "value": out.value, "lower": out.lower, "upper": out.upper,
            "reason": out.reason, "label": out.label,
        });
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    let dir = root().join("target/vectors");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("rust.jsonl"), lines).unwrap();
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn vectors_copy_equals_shared_reference() {
    // The repository carries a copy so that it is self-contained; when ../shared is present
    // (always in CI) the copy must be identical to it.
    let shared = root().join("../shared/reference/stats-vectors.csv");
    if let Ok(reference) = std::fs::read(&shared) {
        let copy = std::fs::read(root().join("vectors/stats-vectors.csv")).unwrap();
        assert!(
            copy == reference,
            "vectors/stats-vectors.csv differs from {shared:?}"
        );
    }
}
