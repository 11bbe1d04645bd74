//! The main job on the bundled sample data: ASCOF 2020-21 measures 2B(1), 2D and 2A(2) for
//! England, Leeds, Coventry and Birmingham, recomputed from the official numerators and
//! denominators with 95% intervals, published by the definitions' rounding rule, checked against
//! the officially published values, and compared with England.
//!
//! ```text
//! cargo run --release -p care-outcomes --example ascof_report
//! cargo run --release -p care-outcomes --example ascof_report -- --json
//! cargo run --release -p care-outcomes --example ascof_report -- --data my.csv --definitions defs.json
//! ```
//!
//! Exits with status 1 if any recomputed published value differs from the official one.

use care_outcomes::indicator::{Definition, Rounding, Value, evaluate_counts};
use care_outcomes::stats::{Comparison, Polarity, compare_interval};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

const AREAS: [&str; 4] = ["England", "Leeds", "Coventry", "Birmingham"];
const MEASURES: [&str; 3] = ["2B1", "2D", "2A2"];
const HEADER: [&str; 8] = [
    "area",
    "numerator",
    "denominator",
    "value",
    "95% interval",
    "published",
    "official",
    "vs England",
];

#[derive(serde::Deserialize)]
struct DefinitionFile {
    definitions: Vec<serde_json::Value>,
    open_data_codes: BTreeMap<String, String>,
}

#[derive(serde::Deserialize)]
struct Row {
    measure: String,
    year: String,
    area: String,
    numerator: String,
    denominator: String,
    value: String,
}

struct Line {
    area: &'static str,
    value: Value,
    official: String,
    vs_england: Comparison,
}

fn repo_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel)
}

fn short_area(area: &str) -> &str {
    area.split(" (").next().unwrap_or(area)
}

fn fmt1(v: Option<f64>) -> String {
    v.and_then(|v| Rounding::default().round_f64(v).ok())
        .map_or_else(|| "-".to_owned(), |d| d.to_string())
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool, Box<dyn std::error::Error>> {
    let mut data = repo_path("examples/data/ascof-2020-21-sample.csv");
    let mut defs_path = repo_path("examples/data/ascof-legacy-sample-definitions.json");
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--data" => data = args.next().ok_or("--data needs a path")?.into(),
            "--definitions" => defs_path = args.next().ok_or("--definitions needs a path")?.into(),
            "-h" | "--help" => {
                println!(
                    "usage: ascof_report [--json] [--data CSV] [--definitions JSON]\n\
                     CSV columns: measure,year,area,numerator,denominator,value"
                );
                return Ok(true);
            }
            other => return Err(format!("unknown argument {other:?} (try --help)").into()),
        }
    }

    let file: DefinitionFile = serde_json::from_str(&std::fs::read_to_string(&defs_path)?)?;
    let mut defs: BTreeMap<String, Definition> = BTreeMap::new();
    for d in file.definitions {
        let def = Definition::from_json(&d.to_string())?;
        defs.insert(def.id.clone(), def);
    }

    // (measure, area) -> row, keeping only the areas and measures of the report.
    let mut rows: BTreeMap<(String, String), Row> = BTreeMap::new();
    let mut reader = csv::Reader::from_path(&data)?;
    for (i, rec) in reader.deserialize::<Row>().enumerate() {
        let row = rec.map_err(|e| format!("{}: row {}: {e}", data.display(), i + 2))?;
        let area = short_area(&row.area).to_owned();
        if row.year == "2020-21"
            && MEASURES.contains(&row.measure.as_str())
            && AREAS.contains(&area.as_str())
        {
            rows.insert((row.measure.clone(), area), row);
        }
    }

    let mut all_match = true;
    let mut sections = Vec::new();
    for code in MEASURES {
        let id = file
            .open_data_codes
            .get(code)
            .ok_or_else(|| format!("no definition mapped for measure {code}"))?;
        let def = defs
            .get(id)
            .ok_or_else(|| format!("definition {id} missing"))?;
        let mut lines = Vec::new();
        for area in AREAS {
            let row = rows
                .get(&(code.to_owned(), area.to_owned()))
                .ok_or_else(|| format!("no {code} row for {area} in {}", data.display()))?;
            let num: u64 = row.numerator.trim().parse()?;
            let den: u64 = row.denominator.trim().parse()?;
            let value = evaluate_counts(def, num, den, Some(0.95))?;
            lines.push(Line {
                area,
                value,
                official: row.value.clone(),
                vs_england: Comparison::NotCompared,
            });
        }
        let england = lines[0].value.value;
        for l in lines.iter_mut().skip(1) {
            l.vs_england = compare_interval(l.value.lower, l.value.upper, england, def.polarity);
        }
        for l in &lines {
            let ours = l.value.published.map(|d| d.to_string()).unwrap_or_default();
            if ours != l.official {
                all_match = false;
            }
        }
        sections.push((def, code, lines));
    }

    if json {
        let out: Vec<serde_json::Value> = sections
            .iter()
            .flat_map(|(def, code, lines)| {
                lines.iter().map(move |l| {
                    serde_json::json!({
                        "measure": code, "definition": def.id, "year": "2020-21", "area": l.area,
                        "result": l.value, "official": l.official,
                        "matches_official": l.value.published.map(|d| d.to_string()).as_deref() == Some(l.official.as_str()),
                        "vs_england": l.vs_england.code(),
                    })
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(all_match);
    }

    println!("ASCOF 2020-21: 2B(1), 2D and 2A(2) recomputed from the official counts");
    println!("Source: NHS Digital, Measures from the ASCOF, England 2020-21 (open data; OGL v3.0)");
    for (def, _, lines) in &sections {
        let direction = match def.polarity {
            Polarity::HigherIsBetter => "higher is better",
            Polarity::LowerIsBetter => "lower is better",
            Polarity::NoJudgement => "no judgement",
        };
        println!();
        println!("{} {}", def.code, def.title);
        println!(
            "  unit: {}; {}; interval: {} (95%); published: {}",
            def.unit,
            direction,
            lines[0].value.method.map_or("-", |m| m.label()),
            def.rounding
        );
        let h = HEADER;
        println!(
            "  {:<11} {:>9} {:>11} {:>9} {:>19} {:>9} {:>9}  {}",
            h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
        );
        for l in lines {
            let v = &l.value;
            let ours = v.published.map(|d| d.to_string()).unwrap_or_default();
            let mark = if ours == l.official { "=" } else { "≠" };
            println!(
                "  {:<11} {:>9} {:>11} {:>9.4} {:>19} {:>9} {:>8}{}  {}",
                l.area,
                v.numerator,
                v.denominator,
                v.value.unwrap_or(f64::NAN),
                format!("{} to {}", fmt1(v.lower), fmt1(v.upper)),
                ours,
                l.official,
                mark,
                if l.area == "England" {
                    "(benchmark)"
                } else {
                    l.vs_england.code()
                }
            );
        }
    }
    println!();
    if all_match {
        println!(
            "All 12 published values reproduced exactly (half away from zero, 1 dp, on the exact ratio)."
        );
    } else {
        println!("MISMATCH: some recomputed published values differ from the official figures.");
    }
    Ok(all_match)
}
