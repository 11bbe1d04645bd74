//! Criterion bench of disclosure control (`cargo bench -p care-outcomes-benches --bench disclosure`).
//!
//! `publish/national_area_by_sex`: a national table shaped like an ASCOF sex-split publication —
//! 150 councils in 9 regions in England, each area with Male, Female and Total (480 cells, 190
//! sums). Denominators are drawn by a seeded LCG: one council-sex cell in ten has 1..=4 (withheld
//! by the SALT rule, suppress below 5), the others 5..=304; numerators 0..=denominator. The
//! whole `publish` is timed: primary suppression, pairs, audit rounds (propagation, elimination,
//! LP) and output.

use care_outcomes::indicator::DisclosureRule;
use care_outcomes::publish::disclosure::{Cell, Layout, PublishOptions, Table, publish};
use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::BTreeMap;
use std::hint::black_box;

fn national_table() -> Table {
    const COUNCILS: usize = 150;
    const REGIONS: usize = 9;
    const SEXES: [&str; 2] = ["Male", "Female"];
    let mut seed = 12345u64;
    let mut draw = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    let cell = |area: &str, sex: &str, (n, d): (u64, u64)| Cell {
        coordinates: vec![area.to_owned(), sex.to_owned()],
        ..Cell::new(format!("{area}/{sex}"), Some(n), Some(d))
    };
    let add = |a: (u64, u64), b: (u64, u64)| (a.0 + b.0, a.1 + b.1);
    let mut cells = Vec::new();
    let mut region = vec![[(0, 0); 2]; REGIONS];
    let mut children: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in 0..COUNCILS {
        let (area, r) = (format!("LA{c}"), c % REGIONS);
        children
            .entry(format!("R{r}"))
            .or_default()
            .push(area.clone());
        let mut total = (0, 0);
        for (s, sex) in SEXES.iter().enumerate() {
            let d = if draw(10) == 0 {
                1 + draw(4)
            } else {
                5 + draw(300)
            };
            let v = (draw(d + 1), d);
            cells.push(cell(&area, sex, v));
            region[r][s] = add(region[r][s], v);
            total = add(total, v);
        }
        cells.push(cell(&area, "Total", total));
    }
    let mut england = [(0, 0); 2];
    for (r, sums) in region.iter().enumerate() {
        let name = format!("R{r}");
        for (s, sex) in SEXES.iter().enumerate() {
            cells.push(cell(&name, sex, sums[s]));
            england[s] = add(england[s], sums[s]);
        }
        cells.push(cell(&name, "Total", add(sums[0], sums[1])));
    }
    for (s, sex) in SEXES.iter().enumerate() {
        cells.push(cell("England", sex, england[s]));
    }
    cells.push(cell("England", "Total", add(england[0], england[1])));
    children.insert(
        "England".to_owned(),
        (0..REGIONS).map(|r| format!("R{r}")).collect(),
    );
    let layout = Layout {
        dimensions: vec!["area".into(), "sex".into()],
        hierarchies: [("area".to_owned(), children)].into(),
        ..Layout::default()
    };
    Table::with_layout(cells, &layout).expect("a consistent table")
}

fn bench(c: &mut Criterion) {
    let table = national_table();
    let options = PublishOptions {
        rule: DisclosureRule {
            suppress_below: Some(5),
            round_counts_to: None,
        },
        ..PublishOptions::default()
    };
    let mut group = c.benchmark_group("publish");
    group.sample_size(10);
    group.bench_function("national_area_by_sex", |b| {
        b.iter(|| publish(black_box(&table), &options).expect("published"));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
