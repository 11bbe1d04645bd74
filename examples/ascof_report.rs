//! The main job on the bundled sample data.
//!
//! 1. **ASCOF 2020-21** for England, Leeds, Coventry and Birmingham: every row of the bundled
//!    official open-data extract (2A(1), 2A(2), 2B(1) with its age and sex splits, 2D with its
//!    age splits) is resolved to its definition in the built-in catalogue, evaluated from its
//!    numerator and denominator (95% intervals, published rounding), checked against the
//!    officially published value, and compared with England, the other councils (quartile,
//!    MAD band) and a comparator group.
//! 2. **A Better Lives framework** (Leeds' five domains): a small table of counts evaluated
//!    against the built-in provisional definitions, with direction of travel.
//!
//! ```text
//! cargo run --release -p care-outcomes --example ascof_report
//! cargo run --release -p care-outcomes --example ascof_report -- --json
//! cargo run --release -p care-outcomes --example ascof_report -- --data my.csv
//! ```
//!
//! Exits with status 1 if any recomputed published value differs from the official one.

use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::{EvaluateOptions, InputRow, ResultRow, evaluate};
use care_outcomes::indicator::{Definition, Rounding};
use care_outcomes::stats::Polarity;
use std::path::PathBuf;
use std::process::ExitCode;

/// Areas in the order shown; the first is the benchmark.
const AREAS: [&str; 4] = ["England", "Leeds", "Coventry", "Birmingham"];

#[derive(serde::Deserialize)]
struct OfficialRow {
    measure: String,
    year: String,
    area: String,
    numerator: u64,
    denominator: u64,
    value: String,
}

#[derive(serde::Deserialize)]
struct LocalRow {
    area: String,
    period: String,
    indicator: String,
    numerator: u64,
    denominator: Option<u64>,
    note: String,
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

fn published(r: &ResultRow) -> String {
    r.result
        .published
        .map(|d| d.to_string())
        .or_else(|| r.symbol.as_deref().map(str::to_owned))
        .unwrap_or_default()
}

fn polarity_words(p: Polarity) -> &'static str {
    match p {
        Polarity::HigherIsBetter => "higher is better",
        Polarity::LowerIsBetter => "lower is better",
        Polarity::NoJudgement => "no judgement",
    }
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
    let local = repo_path("examples/data/better-lives-sample.csv");
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--data" => data = args.next().ok_or("--data needs a path")?.into(),
            "-h" | "--help" => {
                println!(
                    "usage: ascof_report [--json] [--data CSV]\n\
                     CSV columns: measure,year,area,numerator,denominator,value \
                     (open-data measure codes of the legacy ASCOF, e.g. 2B185OV)"
                );
                return Ok(true);
            }
            other => return Err(format!("unknown argument {other:?} (try --help)").into()),
        }
    }
    let cat = Catalogue::builtin();

    // Part 1: the official rows, resolved through the catalogue.
    let mut official: Vec<OfficialRow> = Vec::new();
    let mut inputs: Vec<InputRow> = Vec::new();
    let mut reader = csv::Reader::from_path(&data)?;
    for (i, rec) in reader.deserialize::<OfficialRow>().enumerate() {
        let row = rec.map_err(|e| format!("{}: row {}: {e}", data.display(), i + 2))?;
        if row.year != "2020-21" {
            return Err(format!(
                "{}: row {}: year {} is not 2020-21",
                data.display(),
                i + 2,
                row.year
            )
            .into());
        }
        let (def, breakdown) = cat
            .resolve_open_data_code("legacy", &row.measure)
            .ok_or_else(|| {
                format!(
                    "{}: row {}: measure {} is not a legacy ASCOF code",
                    data.display(),
                    i + 2,
                    row.measure
                )
            })?;
        inputs.push(InputRow {
            area: short_area(&row.area).to_owned(),
            period: row.year.clone(),
            indicator: def.id.clone(),
            breakdown: breakdown.map(|b| b.suffix.clone()),
            numerator: row.numerator,
            denominator: Some(row.denominator),
            population: None,
        });
        official.push(row);
    }
    let options = EvaluateOptions {
        // Birmingham's CIPFA nearest neighbours include Leeds and Coventry (spec-ascof.md §10.1);
        // in this small sample they are the comparator group shown.
        comparators: vec!["Leeds".to_owned(), "Coventry".to_owned()],
        ..EvaluateOptions::default()
    };
    let out = evaluate(&inputs, cat, &options)?;
    let matches: Vec<bool> = out
        .rows
        .iter()
        .zip(&official)
        .map(|(r, o)| published(r) == o.value)
        .collect();
    let all_match = matches.iter().all(|&m| m);

    // Part 2: the Better Lives sample (counts in examples/data/better-lives-sample.csv).
    let mut local_rows: Vec<LocalRow> = Vec::new();
    let mut reader = csv::Reader::from_path(&local)?;
    for (i, rec) in reader.deserialize::<LocalRow>().enumerate() {
        local_rows.push(rec.map_err(|e| format!("{}: row {}: {e}", local.display(), i + 2))?);
    }
    let better_lives = cat.framework("better-lives", "2022-27")?;
    let local_inputs: Vec<InputRow> = local_rows
        .iter()
        .map(|r| InputRow {
            area: r.area.clone(),
            period: r.period.clone(),
            indicator: r.indicator.clone(),
            breakdown: None,
            numerator: r.numerator,
            denominator: r.denominator,
            population: None,
        })
        .collect();
    let bl = evaluate(
        &local_inputs,
        better_lives,
        &EvaluateOptions {
            benchmark: None,
            ..EvaluateOptions::default()
        },
    )?;

    if json {
        let report = serde_json::json!({
            "ascof_2020_21": out.rows.iter().zip(&official).zip(&matches).map(|((r, o), m)| serde_json::json!({
                "measure": o.measure, "result": r, "official": o.value, "matches_official": m,
            })).collect::<Vec<_>>(),
            "better_lives": bl.rows,
        });
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(all_match);
    }

    println!("ASCOF 2020-21 recomputed from the official counts, through the built-in catalogue");
    println!("Source: NHS Digital, Measures from the ASCOF, England 2020-21 (open data; OGL v3.0)");
    let mut ids: Vec<&str> = Vec::new();
    for r in &out.rows {
        if !ids.contains(&&*r.indicator) {
            ids.push(&r.indicator);
        }
    }
    for id in ids {
        let def: &Definition = cat.get(id)?;
        println!();
        println!("{} {}", def.code, def.title);
        println!(
            "  unit: {}; {}; 95% interval; published {}; comparators: Leeds + Coventry",
            def.unit,
            polarity_words(def.polarity),
            def.rounding
        );
        println!(
            "  {:<11} {:<12} {:>9} {:>11} {:>19} {:>9} {:>9}  {:<10} {:<10} {:>2} MAD band",
            "area",
            "breakdown",
            "numerator",
            "denominator",
            "95% interval",
            "published",
            "official",
            "vs England",
            "vs group",
            "Q",
        );
        for ((r, o), m) in out.rows.iter().zip(&official).zip(&matches) {
            if &*r.indicator != id || !AREAS.contains(&&*r.area) {
                continue;
            }
            let v = &r.result;
            println!(
                "  {:<11} {:<12} {:>9} {:>11} {:>19} {:>9} {:>8}{}  {:<10} {:<10} {:>2} {}",
                r.area,
                r.breakdown_label.as_deref().unwrap_or("all"),
                v.numerator,
                v.denominator.map_or("-".to_owned(), |d| d.to_string()),
                format!("{} to {}", fmt1(v.lower), fmt1(v.upper)),
                published(r),
                o.value,
                if *m { "=" } else { "≠" },
                r.benchmark
                    .as_ref()
                    .map_or("benchmark", |b| b.comparison.code()),
                r.comparator.as_ref().map_or("-", |b| b.comparison.code()),
                r.quartile.map_or("-".to_owned(), |q| q.to_string()),
                r.mad_band.map_or("-", |b| b.code()),
            );
        }
    }
    println!();
    if all_match {
        println!(
            "All {} published values reproduced exactly (half away from zero, 1 dp, on the exact ratio).",
            matches.len()
        );
    } else {
        println!("MISMATCH: some recomputed published values differ from the official figures.");
    }

    println!();
    println!(
        "{} ({} {})",
        better_lives.title, better_lives.framework, better_lives.version
    );
    println!(
        "Every definition is provisional (spec-ascof.md §9.2); counts: examples/data/better-lives-sample.csv"
    );
    for domain in &better_lives.domains {
        let rows: Vec<(&ResultRow, &LocalRow)> = bl
            .rows
            .iter()
            .zip(&local_rows)
            .filter(|(r, _)| domain.indicators.iter().any(|i| **i == *r.indicator))
            .collect();
        if rows.is_empty() {
            continue;
        }
        println!();
        println!("  {}", domain.title);
        for (r, l) in rows {
            let def = cat.get(&r.indicator)?;
            println!(
                "    {:<4} {:<8} {:>9} {:>19}  {:<10} {}",
                def.code,
                r.period,
                published(r),
                match (r.result.lower, r.result.upper) {
                    (Some(_), Some(_)) =>
                        format!("{} to {}", fmt1(r.result.lower), fmt1(r.result.upper)),
                    _ => "-".to_owned(),
                },
                r.direction.map_or("", |d| d.code()),
                l.note
            );
        }
    }
    Ok(all_match)
}
