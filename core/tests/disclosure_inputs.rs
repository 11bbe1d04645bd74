//! One test per kind of bad input to disclosure control, each with its typed error code (the
//! shared vectors cover the ones the faces reach; these cover the rest of the core's checks).

use care_outcomes::publish::disclosure::{
    Cell, Columns, Disclosure, Layout, PublishOptions, Sum, Table, publish, publish_columns,
};

fn code<T: std::fmt::Debug>(r: care_outcomes::Result<T>) -> &'static str {
    r.unwrap_err().code()
}

fn c(key: &str, num: u64, den: u64) -> Cell {
    Cell::new(key, Some(num), Some(den))
}

fn sum(total: usize, parts: &[usize]) -> Sum {
    Sum {
        total,
        parts: parts.to_vec(),
    }
}

#[test]
fn no_cells() {
    assert_eq!(code(Table::new(vec![], vec![])), "empty_input");
    assert_eq!(
        code(publish_columns(
            &Columns::default(),
            &Layout::default(),
            &PublishOptions::default()
        )),
        "empty_input"
    );
}

#[test]
fn no_count_at_all() {
    assert_eq!(
        code(Table::new(vec![Cell::new("a", None, None)], vec![])),
        "missing_input"
    );
}

#[test]
fn a_quantity_in_some_cells_only() {
    let t = Table::new(vec![c("a", 1, 2), Cell::new("b", None, Some(2))], vec![]);
    assert_eq!(code(t), "invalid_table");
}

#[test]
fn a_not_applicable_cell_with_a_count() {
    let mut z = c("z", 0, 3);
    z.not_applicable = true;
    assert_eq!(code(Table::new(vec![z], vec![])), "invalid_table");
}

#[test]
fn broken_sums() {
    let cells = || vec![c("T", 2, 4), c("a", 1, 2), c("b", 1, 2)];
    for bad in [
        sum(0, &[]),
        sum(0, &[1, 7]),
        sum(0, &[1, 1]),
        sum(9, &[1, 2]),
    ] {
        assert_eq!(code(Table::new(cells(), vec![bad])), "invalid_table");
    }
    assert_eq!(
        code(Table::new(cells(), vec![sum(0, &[1])])),
        "inconsistent_total"
    );
}

#[test]
fn broken_layouts() {
    let at = |key: &str, coords: &[&str]| Cell {
        coordinates: coords.iter().map(|s| (*s).to_owned()).collect(),
        ..c(key, 1, 2)
    };
    let sex = Layout {
        dimensions: vec!["sex".into()],
        ..Layout::default()
    };
    // a cell without its coordinate
    assert_eq!(
        code(Table::with_layout(vec![at("a", &[])], &sex)),
        "invalid_table"
    );
    // a hierarchy on a dimension the layout does not have
    let wrong = Layout {
        hierarchies: [("age".to_owned(), Default::default())].into(),
        ..sex.clone()
    };
    assert_eq!(
        code(Table::with_layout(vec![at("a", &["Male"])], &wrong)),
        "invalid_table"
    );
    // a keyed sum naming an unknown key
    let keyed = Layout {
        sums: vec![care_outcomes::publish::disclosure::KeyedSum {
            total: "a".into(),
            parts: vec!["nope".into()],
        }],
        ..Layout::default()
    };
    assert_eq!(
        code(Table::with_layout(vec![c("a", 1, 2)], &keyed)),
        "invalid_table"
    );
    // a layout document that does not parse
    assert_eq!(
        code(Layout::from_json("{\"dimension\": []}")),
        "invalid_definition"
    );
    assert_eq!(
        code(PublishOptions::from_json("{\"rule\": 5}")),
        "invalid_definition"
    );
}

#[test]
fn bad_columns() {
    let base = Columns {
        denominator: Some(vec![1.0, 2.0]),
        ..Columns::default()
    };
    let with = |f: &dyn Fn(&mut Columns)| {
        let mut cols = base.clone();
        f(&mut cols);
        cols.cells()
    };
    assert_eq!(
        code(with(&|c| c.numerator = Some(vec![1.0]))),
        "length_mismatch"
    );
    assert_eq!(
        code(with(&|c| c.keys = Some(vec!["a".into()]))),
        "length_mismatch"
    );
    assert_eq!(
        code(with(&|c| c.denominator = Some(vec![1.0, f64::NAN]))),
        "missing_input"
    );
    assert_eq!(
        code(with(&|c| c.denominator = Some(vec![f64::INFINITY, 1.0]))),
        "non_finite"
    );
    assert_eq!(
        code(with(&|c| c.denominator = Some(vec![1.0, -2.0]))),
        "negative_value"
    );
    assert_eq!(
        code(with(&|c| c.denominator = Some(vec![1.0, 1e300]))),
        "non_integer_count"
    );
}

#[test]
fn bad_options() {
    let t = Table::new(vec![c("a", 1, 2)], vec![]).unwrap();
    let mut o = PublishOptions::default();
    o.rule.round_counts_to = Some(0);
    assert_eq!(code(publish(&t, &o)), "invalid_option");
    let o = PublishOptions {
        multiplier: 0,
        ..PublishOptions::default()
    };
    assert_eq!(code(publish(&t, &o)), "invalid_multiplier");
    let o = PublishOptions {
        rounding: care_outcomes::indicator::Rounding::HalfEven { dp: 16 },
        ..PublishOptions::default()
    };
    assert_eq!(code(publish(&t, &o)), "invalid_rounding");
    let o = PublishOptions {
        disclosure: Disclosure::Off {
            reason: "  ".into(),
        },
        ..PublishOptions::default()
    };
    assert_eq!(code(publish(&t, &o)), "invalid_option");
}

#[test]
fn results_serialise_and_carry_their_method() {
    let t = Table::new(
        vec![c("T", 20, 40), c("M", 1, 3), c("F", 19, 37)],
        vec![sum(0, &[1, 2])],
    )
    .unwrap();
    let out = publish(&t, &PublishOptions::default()).unwrap();
    assert!(out.method.starts_with("disclosure/1"));
    let json = serde_json::to_string(&out).unwrap();
    assert!(json.contains(r#""symbol":"[c]""#) && json.contains(r#""reason":"secondary""#));
    let back: care_outcomes::publish::disclosure::PublishedTable =
        serde_json::from_str(&json).unwrap();
    assert_eq!(back, out);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = f64> {
        prop_oneof![
            4 => (0u32..40).prop_map(f64::from),
            1 => Just(f64::NAN),
            1 => Just(f64::INFINITY),
            1 => Just(-1.0),
            1 => Just(2.5),
            1 => Just(1e300),
        ]
    }

    fn label() -> impl Strategy<Value = String> {
        prop_oneof![Just("Total"), Just("a"), Just("b"), Just("c")].prop_map(str::to_owned)
    }

    proptest! {
        /// Whatever the columns, layout and rule, publishing returns a table or a coded error:
        /// it never panics (the faces rely on it), and a table it returns has no recoverable cell.
        #[test]
        fn publish_returns_or_errs(
            n in 1usize..7,
            nums in prop::collection::vec(value(), 7),
            dens in prop::collection::vec(value(), 7),
            coords in prop::collection::vec((label(), label()), 7),
            two_dims in any::<bool>(),
            below in 0u64..6,
            round in prop_oneof![Just(None), (0u64..6).prop_map(Some)],
        ) {
            let cols = Columns {
                numerator: Some(nums[..n].to_vec()),
                denominator: Some(dens[..n].to_vec()),
                coordinates: if two_dims {
                    vec![
                        coords[..n].iter().map(|c| c.0.clone()).collect(),
                        coords[..n].iter().map(|c| c.1.clone()).collect(),
                    ]
                } else {
                    vec![coords[..n].iter().map(|c| c.0.clone()).collect()]
                },
                ..Columns::default()
            };
            let layout = Layout {
                dimensions: if two_dims { vec!["x".into(), "y".into()] } else { vec!["x".into()] },
                ..Layout::default()
            };
            let mut options = PublishOptions::default();
            options.rule.suppress_below = Some(below);
            options.rule.round_counts_to = round;
            match publish_columns(&cols, &layout, &options) {
                Ok(t) => prop_assert!(t.unprotected.is_empty()),
                Err(e) => prop_assert!(care_outcomes::Error::CODES.contains(&e.code())),
            }
        }
    }
}
