//! The official ASCOF 2020-21 open data (../shared/reference/ascof-2020-21-official.csv) as a
//! publication: every area's 1E and 1G total with its sex split, published under the measures'
//! own disclosure rule from the catalogue (SALT: withhold where the denominator < 5), reproduces
//! the published values exactly and withholds nothing (no published split has a denominator
//! below 10); areas whose splits do not add up to the total (people of unknown sex) are refused
//! with `inconsistent_total` rather than published with a hidden remainder.

use care_outcomes::publish::disclosure::{Cell, PublishOptions, Sum, Table, publish};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Split ("T", "F", "M") → (numerator, denominator, published value).
type Splits = BTreeMap<String, (u64, u64, String)>;

/// The catalogue entry's publication options (its disclosure rule, multiplier and rounding);
/// read field by field because catalogue entries carry more fields than `Definition` parses.
fn options_for(id: &str) -> PublishOptions {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let doc: Json = serde_json::from_str(
        &std::fs::read_to_string(root.join("catalogue/ascof-legacy.json")).unwrap(),
    )
    .unwrap();
    let d = doc["definitions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap();
    PublishOptions {
        rule: serde_json::from_value(d["disclosure"].clone()).unwrap(),
        multiplier: d["multiplier"].as_u64().unwrap(),
        rounding: serde_json::from_value(d["rounding"].clone()).unwrap(),
        ..PublishOptions::default()
    }
}

#[test]
fn ascof_2020_21_sex_splits_publish_as_published() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/reference/ascof-2020-21-official.csv");
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("{} is needed by this test: {e}", path.display()));
    // (measure, area) → split ("T", "F", "M") → (num, den, value)
    let mut by: BTreeMap<(String, String), Splits> = BTreeMap::new();
    for rec in reader.records() {
        let rec = rec.unwrap();
        let code = &rec[0];
        let Some(measure) = ["1E", "1G"].into_iter().find(|m| code.starts_with(m)) else {
            continue;
        };
        let split = match &code[2..] {
            "" => "T",
            "F" => "F",
            "M" => "M",
            _ => continue,
        };
        by.entry((measure.to_owned(), rec[2].to_owned()))
            .or_default()
            .insert(
                split.to_owned(),
                (
                    rec[3].parse().unwrap(),
                    rec[4].parse().unwrap(),
                    rec[5].to_owned(),
                ),
            );
    }
    let (mut published, mut refused, mut without_splits) = (0, 0, 0);
    for ((measure, area), splits) in &by {
        let opts = options_for(&format!("ascof-legacy/{measure}"));
        assert_eq!(
            opts.rule.suppress_below,
            Some(5),
            "spec-ascof.md §6: SALT 1E/1G"
        );
        if splits.len() != 3 {
            without_splits += 1;
            continue;
        }
        let cells: Vec<Cell> = ["T", "M", "F"]
            .iter()
            .map(|s| Cell::new(*s, Some(splits[*s].0), Some(splits[*s].1)))
            .collect();
        let sums = vec![Sum {
            total: 0,
            parts: vec![1, 2],
        }];
        match Table::new(cells, sums) {
            Ok(t) => {
                let out = publish(&t, &opts).unwrap();
                for (c, s) in out.cells.iter().zip(["T", "M", "F"]) {
                    assert_eq!(c.value_text, splits[s].2, "{measure} {area} {s}");
                    assert_eq!(c.reason, None);
                }
                published += 1;
            }
            Err(e) => {
                assert_eq!(e.code(), "inconsistent_total", "{measure} {area}");
                refused += 1;
            }
        }
    }
    // Checked against the file: 328 (measure, area) pairs; City of London publishes its 1E and
    // 1G totals without sex splits.
    assert_eq!((published, refused, without_splits), (218, 108, 2));
}
