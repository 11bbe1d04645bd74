//! Every non-survey row of the official ASCOF 2020-21 open data with a denominator above 0 is
//! reproduced exactly by the published rounding rule on the exact ratio (spec-ascof.md §1.2, §7.1),
//! and every row with denominator 0 is null (published as `[x]`).

use care_outcomes::indicator::Rounding;
use std::path::PathBuf;

/// Survey measures (ASCS/SACE) are weighted estimates, not num/den (spec-ascof.md §1.3).
const SURVEY_GROUPS: [&str; 7] = ["1A", "1B", "1I1", "3A", "3D1", "4A", "4B"];

fn is_survey(code: &str) -> bool {
    SURVEY_GROUPS.iter().any(|g| {
        code.strip_prefix(g)
            .is_some_and(|rest| rest.is_empty() || ["1864", "65OV", "F", "M"].contains(&rest))
    })
}

#[test]
fn official_2020_21_values_reproduce_exactly() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/reference/ascof-2020-21-official.csv");
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("{} is needed by this test: {e}", path.display()));
    let rule = Rounding::default();
    let (mut checked, mut zero_den, mut survey) = (0, 0, 0);
    let mut mismatches = Vec::new();
    for rec in reader.records() {
        let rec = rec.unwrap();
        let (code, year, area, num, den, value) =
            (&rec[0], &rec[1], &rec[2], &rec[3], &rec[4], &rec[5]);
        if year != "2020-21" {
            continue;
        }
        if is_survey(code) {
            survey += 1;
            continue;
        }
        let num: u128 = num.parse().unwrap();
        let den: u128 = den.parse().unwrap();
        if den == 0 {
            assert_eq!(value, "[x]", "{code} {area}");
            zero_den += 1;
            continue;
        }
        let mult = if code.starts_with("2A") { 100_000 } else { 100 };
        let ours = rule.round_ratio(num * mult, den).unwrap().to_string();
        if ours != value {
            mismatches.push(format!("{code} {area}: {ours} vs {value}"));
        }
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
