//! The official ASCOF 2020-21 open data (spec-ascof.md §7.1), evaluated through the built-in
//! catalogue: every open-data measure code resolves to a legacy definition (and breakdown);
//! every non-survey row with a denominator above 0 (6,029) reproduces its published value
//! exactly; every row with denominator 0 (65) is `[x]`; the survey rows (630) are flagged as
//! formed from weighted counts, since they cannot be reproduced from num/den (§1 rule 3).

use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::{EvaluateOptions, InputRow, evaluate};
use care_outcomes::indicator::{Flag, IntervalMethod, Rounding};
use std::path::PathBuf;

struct Row {
    code: String,
    area: String,
    num: u64,
    den: u64,
    value: String,
}

fn official_rows() -> Vec<Row> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/reference/ascof-2020-21-official.csv");
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("{} is needed by this test: {e}", path.display()));
    reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[1] == "2020-21")
        .map(|r| Row {
            code: r[0].to_owned(),
            area: r[2].to_owned(),
            num: r[3].parse().unwrap(),
            den: r[4].parse().unwrap(),
            value: r[5].to_owned(),
        })
        .collect()
}

#[test]
fn official_2020_21_values_reproduce_exactly_through_the_catalogue() {
    let cat = Catalogue::builtin();
    let rows = official_rows();
    let inputs: Vec<InputRow> = rows
        .iter()
        .map(|r| {
            let (def, b) = cat
                .resolve_open_data_code("legacy", &r.code)
                .unwrap_or_else(|| panic!("open-data code {} is not in the catalogue", r.code));
            InputRow {
                area: r.area.clone(),
                period: "2020-21".into(),
                indicator: def.id.clone(),
                breakdown: b.map(|b| b.suffix.clone()),
                numerator: r.num,
                denominator: Some(r.den),
                population: None,
            }
        })
        .collect();
    let out = evaluate(&inputs, cat, &EvaluateOptions::default()).unwrap();
    let (mut checked, mut zero_den, mut survey) = (0, 0, 0);
    let mut mismatches = Vec::new();
    for (r, res) in rows.iter().zip(&out.rows) {
        let def = cat.get(&res.indicator).unwrap();
        if def.method == IntervalMethod::Survey {
            assert!(res.result.flags.contains(&Flag::WeightedSurveyCounts));
            assert!(res.result.lower.is_none(), "no margin of error from counts");
            survey += 1;
            continue;
        }
        if r.den == 0 {
            assert_eq!(r.value, "[x]", "{} {}", r.code, r.area);
            assert_eq!(res.symbol.as_deref(), Some("[x]"));
            assert!(res.result.value.is_none());
            zero_den += 1;
            continue;
        }
        let ours = res.result.published.map(|p| p.to_string());
        if ours.as_deref() != Some(r.value.as_str()) {
            mismatches.push(format!("{} {}: {ours:?} vs {}", r.code, r.area, r.value));
        }
        // The interval contains the unrounded value.
        let (v, lo, up) = (
            res.result.value.unwrap(),
            res.result.lower.unwrap(),
            res.result.upper.unwrap(),
        );
        assert!(lo <= v && v <= up, "{} {}", r.code, r.area);
        checked += 1;
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert_eq!(
        checked, 6029,
        "spec-ascof.md §7.1: 6,029 rows with denominator > 0"
    );
    assert_eq!(zero_den, 65, "spec-ascof.md §6: 65 rows with denominator 0");
    assert_eq!(survey, 630);
}

/// The same rows by the rounding rule alone, on the exact ratio: guards the rule independently
/// of the catalogue (half away from zero; half-even would fail seven ties, spec-ascof.md §1.2).
#[test]
fn the_rounding_rule_alone_reproduces_them_and_half_even_does_not() {
    let cat = Catalogue::builtin();
    let (mut ok, mut even_misses) = (0, 0);
    for r in official_rows() {
        let (def, _) = cat.resolve_open_data_code("legacy", &r.code).unwrap();
        if def.method == IntervalMethod::Survey || r.den == 0 {
            continue;
        }
        let scaled = u128::from(r.num) * u128::from(def.multiplier);
        let den = u128::from(r.den);
        assert_eq!(
            Rounding::default()
                .round_ratio(scaled, den)
                .unwrap()
                .to_string(),
            r.value
        );
        ok += 1;
        if (Rounding::HalfEven { dp: 1 })
            .round_ratio(scaled, den)
            .unwrap()
            .to_string()
            != r.value
        {
            even_misses += 1;
        }
    }
    assert_eq!(ok, 6029);
    assert_eq!(
        even_misses, 7,
        "spec-ascof.md §1.2: seven ties tell the rules apart"
    );
}

/// The key rows of spec-ascof.md §7.1 with their 95% intervals against England.
#[test]
fn key_rows_compare_with_england() {
    use care_outcomes::stats::Comparison;
    let cat = Catalogue::builtin();
    let row = |area: &str, id: &str, n: u64, d: u64| InputRow {
        area: area.into(),
        period: "2020-21".into(),
        indicator: id.into(),
        breakdown: None,
        numerator: n,
        denominator: Some(d),
        population: None,
    };
    let rows = [
        row("England", "ascof-legacy/2A2", 52_133, 10_464_019),
        row("Coventry", "ascof-legacy/2A2", 320, 50_463),
        row("Birmingham", "ascof-legacy/2A2", 597, 149_412),
    ];
    let out = evaluate(&rows, cat, &EvaluateOptions::default()).unwrap();
    let p: Vec<String> = out
        .rows
        .iter()
        .map(|r| r.result.published.unwrap().to_string())
        .collect();
    assert_eq!(p, ["498.2", "634.1", "399.6"]);
    // 2A(2) is lower-is-better: Coventry's 634.1 is significantly worse, Birmingham's better.
    assert_eq!(
        out.rows[1].benchmark.as_ref().unwrap().comparison,
        Comparison::Worse
    );
    assert_eq!(
        out.rows[2].benchmark.as_ref().unwrap().comparison,
        Comparison::Better
    );
}
