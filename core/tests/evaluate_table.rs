//! `evaluate_table` (rows as dictionary-coded columns, the form the faces hand over) gives
//! exactly `evaluate`'s results and errors for the same rows, however the columns code their
//! texts; and each kind of bad table is refused with its code.

use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::{
    EvaluateOptions, InputRow, InputTable, TextColumn, evaluate, evaluate_table,
};
use proptest::prelude::*;

/// A text column coding each text twice: row i uses the copy i % 2 (equal texts under two
/// codes, values not in order of first appearance).
fn doubled<'a>(texts: &[Option<&'a str>]) -> TextColumn<'a> {
    let once = TextColumn::of(texts.iter().copied());
    let k = once.values.len();
    let mut values: Vec<Option<&str>> = once.values.iter().rev().copied().collect();
    values.extend(once.values.iter().copied());
    let codes = once
        .codes
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let c = c as usize;
            let code = if i % 2 == 0 { k - 1 - c } else { k + c };
            u32::try_from(code).unwrap()
        })
        .collect();
    TextColumn { values, codes }
}

fn doubled_table(rows: &[InputRow]) -> InputTable<'_> {
    let col = |f: fn(&InputRow) -> Option<&str>| doubled(&rows.iter().map(f).collect::<Vec<_>>());
    InputTable {
        area: col(|r| Some(&r.area)),
        period: col(|r| Some(&r.period)),
        indicator: col(|r| Some(&r.indicator)),
        breakdown: Some(col(|r| r.breakdown.as_deref())),
        numerator: rows.iter().map(|r| r.numerator).collect(),
        denominator: Some(rows.iter().map(|r| r.denominator).collect()),
        population: Some(rows.iter().map(|r| r.population).collect()),
    }
}

const INDICATORS: [(&str, Option<&str>); 6] = [
    ("ascof-legacy/2B1", None),
    ("ascof-legacy/2B1", Some("85OV")),
    ("ascof-legacy/2A2", None),
    ("ascof-legacy/1E", None),
    ("better-lives/BN2", None),
    ("ascof-legacy/2B1", Some("NOPE")),
];
const AREAS: [&str; 5] = ["England", "Leeds", "York", "Sutton", "Wigan"];
const PERIODS: [&str; 3] = ["2019-20", "2020-21", "2021-22"];

fn row(a: usize, p: usize, k: usize, num: u64, den: Option<u64>, pop: Option<u64>) -> InputRow {
    let (indicator, breakdown) = INDICATORS[k];
    InputRow {
        area: AREAS[a].to_owned(),
        period: PERIODS[p].to_owned(),
        indicator: indicator.to_owned(),
        breakdown: breakdown.map(str::to_owned),
        numerator: num,
        denominator: den,
        population: pop,
    }
}

fn same(rows: &[InputRow], options: &EvaluateOptions) -> Result<(), TestCaseError> {
    let cat = Catalogue::builtin();
    let want = evaluate(rows, cat, options);
    for table in [InputTable::from_rows(rows), doubled_table(rows)] {
        let got = evaluate_table(&table, cat, options);
        match (&want, got) {
            (Ok(w), Ok(g)) => prop_assert_eq!(w, &g),
            (Err(w), Err(g)) => prop_assert_eq!(w.to_string(), g.to_string()),
            (w, g) => prop_assert!(false, "evaluate {w:?}, evaluate_table {g:?}"),
        }
    }
    Ok(())
}

proptest! {
    /// Results, or the error (code, row and message), equal `evaluate`'s: duplicates, unknown
    /// breakdowns, missing denominators and counts above their denominator included.
    #[test]
    fn evaluate_table_is_evaluate(
        keys in prop::collection::vec(
            (0..5usize, 0..3usize, 0..6usize, 0..400u64, prop::option::of(1..400u64),
             prop::option::of(50_000..90_000u64)),
            0..60,
        ),
        comparators in any::<bool>(),
    ) {
        let rows: Vec<InputRow> =
            keys.iter().map(|&(a, p, k, n, d, pop)| row(a, p, k, n, d, pop)).collect();
        let options = EvaluateOptions {
            comparators: if comparators { vec!["Leeds".into(), "York".into()] } else { vec![] },
            ..EvaluateOptions::default()
        };
        same(&rows, &options)?;
    }
}

/// Every area × period × indicator once, valid counts: the whole machinery (benchmark,
/// comparators, quartiles, MAD bands, direction of travel, breakdown labels) agrees.
#[test]
fn a_full_table_evaluates_as_its_rows() {
    let mut rows = Vec::new();
    for p in 0..3 {
        for k in 0..5 {
            for a in 0..5 {
                let n = 40 + 17 * (a + 3 * p + 5 * k) as u64 % 90;
                rows.push(row(a, p, k, n, Some(200), Some(70_000)));
            }
        }
    }
    let options = EvaluateOptions {
        comparators: vec!["Leeds".into(), "Sutton".into()],
        ..EvaluateOptions::default()
    };
    same(&rows, &options).unwrap();
    let out = evaluate_table(&doubled_table(&rows), Catalogue::builtin(), &options).unwrap();
    assert_eq!(out.rows.len(), 75);
    assert!(out.rows.iter().any(|r| r.direction.is_some()));
    assert!(out.rows.iter().any(|r| r.quartile.is_some()));
    assert_eq!(out.rows[5].breakdown_label.as_deref(), Some("85 and over"));
}

fn good<'a>() -> InputTable<'a> {
    InputTable {
        area: TextColumn::of([Some("England"), Some("Leeds")]),
        period: TextColumn::of([Some("2020-21"), Some("2020-21")]),
        indicator: TextColumn::of([Some("ascof-legacy/2B1"), Some("ascof-legacy/2B1")]),
        breakdown: None,
        numerator: vec![34_152, 105],
        denominator: Some(vec![Some(43_193), Some(129)]),
        population: None,
    }
}

fn refused(t: &InputTable) -> care_outcomes::Error {
    evaluate_table(t, Catalogue::builtin(), &EvaluateOptions::default()).unwrap_err()
}

#[test]
fn the_good_table_evaluates() {
    let out = evaluate_table(&good(), Catalogue::builtin(), &EvaluateOptions::default()).unwrap();
    assert_eq!(out.rows[1].result.published.unwrap().to_string(), "81.4");
    assert_eq!(&*out.rows[1].area, "Leeds");
    assert_eq!(out.rows[1].breakdown, None);
}

#[test]
fn a_short_column_is_length_mismatch() {
    let mut t = good();
    t.period.codes.pop();
    let e = refused(&t);
    assert_eq!(e.code(), "length_mismatch");
    assert!(e.to_string().contains("period"), "{e}");
    let mut t = good();
    t.denominator = Some(vec![Some(1)]);
    assert_eq!(refused(&t).code(), "length_mismatch");
    let mut t = good();
    t.numerator.push(1);
    assert_eq!(refused(&t).code(), "length_mismatch");
}

#[test]
fn a_code_outside_the_values_is_invalid_option() {
    let mut t = good();
    t.indicator.codes[1] = 1;
    let e = refused(&t);
    assert_eq!(e.code(), "invalid_option");
    assert!(e.to_string().contains("code 1"), "{e}");
}

#[test]
fn a_missing_area_is_missing_input_at_its_row() {
    let mut t = good();
    t.area = TextColumn::of([Some("England"), None]);
    let e = refused(&t);
    assert_eq!((e.code(), e.row()), ("missing_input", Some(1)));
    // An unused missing value is no error.
    let mut t = good();
    t.area.values.push(None);
    assert!(evaluate_table(&t, Catalogue::builtin(), &EvaluateOptions::default()).is_ok());
}

#[test]
fn a_bad_confidence_is_refused_first() {
    let mut t = good();
    t.period.codes.pop();
    let options = EvaluateOptions {
        confidence: 95.0,
        ..EvaluateOptions::default()
    };
    let e = evaluate_table(&t, Catalogue::builtin(), &options).unwrap_err();
    assert_eq!(e.code(), "invalid_confidence");
}
