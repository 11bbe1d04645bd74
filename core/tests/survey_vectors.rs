//! Runs vectors/survey-cases.json (shared with the Python and JS suites): the national 1A / 1J /
//! ASCOT index vectors, a bad-input case per kind, and the stratified fixture. Writes the outputs
//! to target/vectors/survey-rust.jsonl: the Python and JS suites check that their outputs equal
//! these bit for bit.

use care_outcomes::survey::{
    self, MeasuresOptions, RawRespondent, ScoreOptions, StratumPopulation,
};
use serde_json::{Value as Json, json};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cases() -> Json {
    let text = std::fs::read_to_string(root().join("vectors/survey-cases.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn close(got: Option<f64>, want: &Json, tol: f64, what: &str) {
    match want.as_f64() {
        None => assert!(got.is_none(), "{what}: expected null, got {got:?}"),
        Some(w) => {
            let g = got.unwrap_or_else(|| panic!("{what}: expected {w}, got null"));
            assert!((g - w).abs() <= tol, "{what}: got {g}, expected {w}");
        }
    }
}

fn score_options(v: &Json) -> ScoreOptions {
    serde_json::from_value(v.clone()).unwrap()
}

#[test]
fn national_vectors_and_fixture() {
    let doc = cases();
    let tol = doc["tolerance"]["score"].as_f64().unwrap();
    let mut lines = String::new();
    for case in doc["score"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let r: RawRespondent = serde_json::from_value(case["respondent"].clone()).unwrap();
        let out = survey::score(&[r], &score_options(&case["options"])).unwrap();
        let s = out.rows[0].scores;
        let want = &case["expected"];
        close(s.scrqol.map(f64::from), &want["scrqol"], 0.0, name);
        close(s.adjusted_scrqol, &want["adjusted_scrqol"], tol, name);
        close(s.ascot_index, &want["ascot_index"], tol, name);
        lines.push_str(
            &json!({"id": name, "scrqol": s.scrqol, "ascot_index": s.ascot_index,
                    "adjusted_scrqol": s.adjusted_scrqol})
            .to_string(),
        );
        lines.push('\n');
    }
    let mtol = doc["tolerance"]["measures"].as_f64().unwrap();
    for case in doc["measures"].as_array().unwrap() {
        let rs: Vec<RawRespondent> = serde_json::from_value(case["respondents"].clone()).unwrap();
        let pops: Vec<StratumPopulation> = serde_json::from_value(case["strata"].clone()).unwrap();
        let o: MeasuresOptions = serde_json::from_value(case["options"].clone()).unwrap();
        let out = survey::measures(&rs, &pops, &o).unwrap();
        for want in case["expected"].as_array().unwrap() {
            let e = out
                .estimates
                .iter()
                .find(|e| {
                    serde_json::to_value(e.level).unwrap() == want["level"]
                        && e.area == want["area"].as_str().unwrap()
                        && e.measure.code() == want["measure"].as_str().unwrap()
                        && e.subgroup_value.as_deref() == want["subgroup_value"].as_str()
                })
                .unwrap_or_else(|| panic!("no estimate for {want}"));
            let what = format!("{want}");
            close(e.value, &want["value"], mtol, &what);
            close(e.margin_of_error, &want["margin_of_error"], mtol, &what);
            close(Some(e.numerator), &want["numerator"], mtol, &what);
            close(Some(e.denominator), &want["denominator"], mtol, &what);
            assert_eq!(e.base, want["base"].as_u64().unwrap(), "{what}");
        }
        for e in &out.estimates {
            lines.push_str(
                &json!({"id": format!("{}|{:?}|{}|{:?}", case["name"].as_str().unwrap(), e.level,
                                      e.area, e.subgroup_value) + "|" + e.measure.code(),
                        "value": e.value, "margin_of_error": e.margin_of_error,
                        "numerator": e.numerator, "denominator": e.denominator})
                .to_string(),
            );
            lines.push('\n');
        }
    }
    let dir = root().join("target/vectors");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("survey-rust.jsonl"), lines).unwrap();
}

#[test]
fn bad_inputs_give_their_codes() {
    let doc = cases();
    for case in doc["errors"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let rs: Vec<RawRespondent> = serde_json::from_value(case["respondents"].clone()).unwrap();
        // An unknown option value fails where options are read: in Rust at deserialisation,
        // in the faces through the core's FromStr (invalid_option).
        let e = if let Ok(o) = serde_json::from_value::<ScoreOptions>(case["options"].clone()) {
            survey::score(&rs, &o).unwrap_err()
        } else {
            let v = case["options"]["on_invalid"].as_str().unwrap();
            v.parse::<survey::OnInvalid>().unwrap_err()
        };
        assert_eq!(e.code(), case["code"].as_str().unwrap(), "{name}");
        assert_eq!(
            e.row().map(|r| r as u64),
            case["row"].as_u64(),
            "{name}: row"
        );
    }
}

#[test]
fn ascot_index_range() {
    // spec-economics-spc.md §6.3: the index runs from −0.170635 (all high needs) to 0.998645
    // (all ideal); every one of the 4^8 answer patterns lies inside, and improving any one
    // domain never lowers it.
    let w = survey::AscotWeights::builtin();
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for k in 0..4u32.pow(8) {
        let mut codes = [0u8; 8];
        for (i, c) in codes.iter_mut().enumerate() {
            *c = ((k >> (2 * i)) & 3) as u8 + 1;
        }
        let v = w.index_of(codes).unwrap();
        lo = lo.min(v);
        hi = hi.max(v);
        for i in 0..8 {
            if codes[i] > 1 {
                let mut better = codes;
                better[i] -= 1;
                assert!(w.index_of(better).unwrap() >= v);
            }
        }
    }
    assert!((lo - -0.170635).abs() < 5e-7, "{lo}");
    assert!((hi - 0.998645).abs() < 5e-7, "{hi}");
}
