//! Runs every case of vectors/disclosure-cases.json (worked examples from spec-ascof.md §6 and
//! docs/disclosure.md; the Python and JS suites run the same file) through
//! `publish::disclosure::publish_columns`, reading rows and options the way the faces do.

use care_outcomes::indicator::DisclosureRule;
use care_outcomes::publish::disclosure::{
    CellReason, Columns, Disclosure, Layout, PublishOptions, PublishedTable, Symbol,
    publish_columns,
};
use serde_json::{Value as Json, json};
use std::path::PathBuf;

fn column(rows: &[Json], name: &str) -> Vec<f64> {
    rows.iter()
        .map(|r| r[name].as_f64().unwrap_or(f64::NAN))
        .collect()
}

/// The face's conversion: options (Python keyword names) → columns, layout, options.
fn run(rows: &[Json], o: &Json) -> care_outcomes::Result<PublishedTable> {
    let has = |name: &str| rows.first().is_some_and(|r| r.get(name).is_some());
    let quantity = |opt: &str| {
        let name = o[opt].as_str().unwrap_or(opt);
        (o.get(opt).is_some() || has(name)).then(|| column(rows, name))
    };
    let strings = |name: &str| -> Vec<String> {
        rows.iter()
            .map(|r| match &r[name] {
                Json::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect()
    };
    let dims: Vec<String> = o["dimensions"]
        .as_array()
        .map(|a| a.iter().map(|d| d.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default();
    let columns = Columns {
        keys: o["key"].as_str().map(strings),
        numerator: quantity("numerator"),
        denominator: quantity("denominator"),
        base: quantity("base"),
        coordinates: dims.iter().map(|d| strings(d)).collect(),
        not_applicable: o["not_applicable"].as_str().map(|c| {
            rows.iter()
                .map(|r| r[c].as_bool().unwrap_or(false))
                .collect()
        }),
    };
    let mut layout = json!({"dimensions": dims});
    for (from, to) in [
        ("total", "total_label"),
        ("hierarchies", "hierarchies"),
        ("sums", "sums"),
    ] {
        if let Some(v) = o.get(from) {
            layout[to] = v.clone();
        }
    }
    let layout = Layout::from_json(&layout.to_string())?;
    let mut options = PublishOptions::default();
    if o.get("suppress_below").is_some() || o.get("round_counts_to").is_some() {
        options.rule = DisclosureRule {
            suppress_below: o["suppress_below"].as_u64(),
            round_counts_to: o["round_counts_to"].as_u64(),
        };
    }
    if let Some(m) = o["multiplier"].as_u64() {
        options.multiplier = m;
    }
    if let Some(reason) = o["opt_out"].as_str() {
        options.disclosure = Disclosure::Off {
            reason: reason.to_owned(),
        };
    }
    publish_columns(&columns, &layout, &options)
}

fn cell_json(t: &PublishedTable, i: usize, with_base: bool) -> Json {
    let c = &t.cells[i];
    let mut o = json!({
        "key": c.key,
        "published_numerator": c.numerator,
        "published_denominator": c.denominator,
    });
    if with_base {
        o["published_base"] = json!(c.base);
    }
    o["published_value"] = json!(c.value.map(|v| v.to_f64()));
    o["value_text"] = json!(c.value_text);
    o["symbol"] = json!(c.symbol.map(Symbol::as_str));
    o["reason"] = json!(c.reason.map(CellReason::code));
    o
}

#[test]
fn disclosure_vectors() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let doc: Json = serde_json::from_str(
        &std::fs::read_to_string(root.join("vectors/disclosure-cases.json")).unwrap(),
    )
    .unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 15);
    let (mut ok, mut errors) = (0, 0);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let rows = case["rows"].as_array().unwrap();
        let out = run(rows, &case["options"]);
        if let Some(code) = case["error"].as_str() {
            let e = out.expect_err(name);
            assert_eq!(e.code(), code, "{name}: {e}");
            if let Some(row) = case["error_row"].as_u64() {
                assert_eq!(e.row(), Some(row as usize), "{name}");
            }
            errors += 1;
            continue;
        }
        let out = out.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(out.unprotected.is_empty(), "{name}");
        let expected = case["expected"].as_array().unwrap();
        assert_eq!(expected.len(), out.cells.len(), "{name}");
        for (i, e) in expected.iter().enumerate() {
            let got = cell_json(&out, i, e.get("published_base").is_some());
            assert_eq!(&got, e, "{name}: cell {i}");
        }
        if case["options"].get("opt_out").is_some() {
            assert!(out.log[0].contains("DISCLOSURE CONTROL OFF"), "{name}");
        }
        ok += 1;
    }
    assert_eq!((ok, errors), (7, 9));
}
