//! SVG charts: snapshot tests (core/tests/snapshots/*.svg; regenerate with
//! `UPDATE_SNAPSHOTS=1`), well-formedness and accessibility checked by parsing with roxmltree,
//! the colour-blind-safe palette, and one test per bad input. docs/img/render.sh renders the
//! snapshots to the PNGs of the user guide.

use care_outcomes::chart::{
    ChartOptions, SpineRow, TrendPoint, funnel_chart, spc_chart, spine_chart, trend_chart,
};
use care_outcomes::spc::{ImprovementDirection, XmrOptions, xmr};
use care_outcomes::stats::{
    Comparison, Overdispersion, OverdispersionOptions, Polarity, funnel_overdispersed,
};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn snapshot(name: &str, svg: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.svg"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, svg).unwrap();
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        stored == svg,
        "snapshot {name} differs: rerun with UPDATE_SNAPSHOTS=1 and review the diff"
    );
}

/// Parses the SVG and checks what every chart promises: an `<svg role="img">` labelled by its
/// `<title>` and `<desc>` (both non-empty), a text alternative on at least `marks` data marks,
/// and only palette colours.
fn accessible(svg: &str, marks: usize) -> String {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    let labelled: Vec<&str> = root
        .attribute("aria-labelledby")
        .unwrap()
        .split(' ')
        .collect();
    let text_of = |id: &str| {
        doc.descendants()
            .find(|n| n.attribute("id") == Some(id))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(labelled.len(), 2);
    let desc = text_of(labelled[1]);
    assert!(!text_of(labelled[0]).is_empty(), "title");
    assert!(desc.len() > 20, "desc: {desc}");
    let titled = doc
        .descendants()
        .filter(|n| {
            matches!(n.tag_name().name(), "circle" | "path" | "rect")
                && n.children().any(|c| c.tag_name().name() == "title")
        })
        .count();
    assert!(titled >= marks, "{titled} titled marks, want {marks}");
    let allowed: BTreeSet<&str> = [
        "#0072B2", "#E69F00", "#CC79A7", "#7F7F7F", "#D55E00", "#56B4E9", "#1A1A1A", "#E5E5E5",
        "#FFFFFF", "#F5F5F5", "none",
    ]
    .into_iter()
    .collect();
    for n in doc.descendants() {
        for a in ["fill", "stroke"] {
            if let Some(v) = n.attribute(a) {
                assert!(allowed.contains(v), "colour {v} is not in the palette");
            }
        }
    }
    desc
}

const S5: [f64; 24] = [
    77.0, 80.0, 83.0, 80.0, 77.0, 80.0, 83.0, 80.0, 77.0, 80.0, 83.0, 80.0, 82.0, 78.0, 82.0, 81.0,
    84.0, 87.0, 85.0, 86.0, 84.0, 87.0, 85.0, 87.0,
];

fn months(n: usize) -> Vec<String> {
    const M: [&str; 12] = [
        "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar",
    ];
    (0..n)
        .map(|i| format!("{} {}", M[i % 12], 22 + (i + 3) / 12))
        .collect()
}

#[test]
fn spc_chart_snapshot() {
    let o = XmrOptions {
        improvement_direction: ImprovementDirection::Increase,
        target: Some(82.0),
        fix_after: Some(12),
        ..Default::default()
    };
    let c = xmr(&S5, &o).unwrap();
    let svg = spc_chart(
        &c,
        &ChartOptions {
            title: "Reablement: still at home 91 days after discharge (%)".into(),
            y_label: "Percent".into(),
            labels: Some(months(24)),
            decimals: 1,
            ..Default::default()
        },
    )
    .unwrap();
    let desc = accessible(&svg, 24);
    assert!(desc.contains("10 special cause points"), "{desc}");
    assert!(desc.contains("improvement (high)"), "{desc}");
    assert!(svg.contains("Special cause variation: improvement (high)"));
    assert!(svg.contains("Assurance: the target will be hit and missed"));
    snapshot("spc", &svg);
}

#[test]
fn spc_chart_rebased_snapshot() {
    let o = XmrOptions {
        improvement_direction: ImprovementDirection::Increase,
        rebase_at: vec![16],
        target: Some(76.0),
        ..Default::default()
    };
    let c = xmr(&S5, &o).unwrap();
    let svg = spc_chart(
        &c,
        &ChartOptions {
            title: "The same series rebased at August 23".into(),
            labels: Some(months(24)),
            decimals: 1,
            ..Default::default()
        },
    )
    .unwrap();
    let desc = accessible(&svg, 24);
    assert!(
        desc.contains("2 phases") && desc.contains("(trial limits)"),
        "{desc}"
    );
    assert!(svg.contains("Assurance: the target will consistently be met"));
    snapshot("spc_rebased", &svg);
}

fn funnel_units() -> (Vec<f64>, Vec<f64>) {
    (
        vec![
            164.0, 405.0, 104.0, 595.0, 262.0, 172.0, 335.0, 82.0, 475.0, 150.0, 290.0, 207.0,
        ],
        vec![
            200.0, 480.0, 130.0, 700.0, 320.0, 200.0, 410.0, 110.0, 560.0, 190.0, 340.0, 300.0,
        ],
    )
}

#[test]
fn funnel_chart_snapshot() {
    let (r, n) = funnel_units();
    let f = funnel_overdispersed(
        &r,
        &n,
        &OverdispersionOptions {
            overdispersion: Overdispersion::On,
            ..Default::default()
        },
    )
    .unwrap();
    let labels: Vec<String> = ('A'..='L').map(|c| format!("Council {c}")).collect();
    let svg = funnel_chart(
        &f,
        &ChartOptions {
            title: "Satisfaction with care and support (%), 12 councils".into(),
            x_label: "Respondents".into(),
            y_label: "Percent".into(),
            labels: Some(labels),
            decimals: 1,
            ..Default::default()
        },
    )
    .unwrap();
    let desc = accessible(&svg, 12);
    assert!(desc.contains("adjusted for overdispersion") && desc.contains("Council L"));
    snapshot("funnel", &svg);
}

fn spine_rows() -> Vec<SpineRow> {
    let row = |label: &str, v: Option<f64>, e: f64, range: [f64; 4], cmp, pol| SpineRow {
        label: label.into(),
        value: v,
        england: e,
        comparator_min: range[0],
        comparator_q1: Some(range[1]),
        comparator_q3: Some(range[2]),
        comparator_max: range[3],
        comparison: cmp,
        polarity: pol,
    };
    vec![
        row(
            "1A Social care-related quality of life",
            Some(19.4),
            18.9,
            [18.1, 18.7, 19.2, 19.8],
            Comparison::Better,
            Polarity::HigherIsBetter,
        ),
        row(
            "1B Control over daily life (%)",
            Some(76.2),
            77.2,
            [70.3, 75.0, 79.1, 83.5],
            Comparison::Similar,
            Polarity::HigherIsBetter,
        ),
        row(
            "2A(2) Admissions to care homes, 65+ (per 100,000)",
            Some(690.0),
            560.8,
            [350.2, 480.0, 610.0, 820.4],
            Comparison::Worse,
            Polarity::LowerIsBetter,
        ),
        row(
            "2B(1) At home 91 days after reablement (%)",
            Some(83.9),
            82.3,
            [70.1, 79.8, 85.4, 92.0],
            Comparison::Similar,
            Polarity::HigherIsBetter,
        ),
        row(
            "3A Satisfaction with care and support (%)",
            None,
            61.8,
            [55.0, 59.5, 64.0, 70.2],
            Comparison::NotCompared,
            Polarity::HigherIsBetter,
        ),
        row(
            "Contacts per 1,000 adults",
            Some(41.0),
            33.0,
            [20.0, 28.0, 38.0, 52.0],
            Comparison::Higher,
            Polarity::NoJudgement,
        ),
    ]
}

#[test]
fn spine_chart_snapshot() {
    let svg = spine_chart(
        &spine_rows(),
        &ChartOptions {
            title: "Leeds against England, ASCOF 2023-24 (illustrative figures)".into(),
            decimals: 1,
            ..Default::default()
        },
    )
    .unwrap();
    let desc = accessible(&svg, 5);
    assert!(
        desc.contains("6 indicators") && desc.contains("1 better, 1 worse"),
        "{desc}"
    );
    snapshot("spine", &svg);
}

fn trend_points() -> Vec<TrendPoint> {
    let years = [
        "2017-18", "2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24",
    ];
    let v = [
        Some(78.1),
        Some(79.0),
        Some(77.4),
        None,
        Some(75.9),
        Some(76.8),
        Some(78.3),
    ];
    let e = [77.7, 77.6, 77.3, 77.0, 76.9, 77.1, 77.2];
    years
        .iter()
        .zip(v)
        .zip(e)
        .map(|((y, v), e)| TrendPoint {
            label: (*y).to_owned(),
            value: v,
            lower: v.map(|v| v - 2.1),
            upper: v.map(|v| v + 1.9),
            comparator: Some(e),
        })
        .collect()
}

#[test]
fn trend_chart_snapshot() {
    let svg = trend_chart(
        &trend_points(),
        &ChartOptions {
            title: "1B Control over daily life (%), with 95% intervals (illustrative figures)"
                .into(),
            y_label: "Percent".into(),
            decimals: 1,
            ..Default::default()
        },
    )
    .unwrap();
    let desc = accessible(&svg, 6);
    assert!(desc.contains("78.1 in 2017-18, 78.3 in 2023-24"), "{desc}");
    snapshot("trend", &svg);
}

#[test]
fn escaping_and_ids() {
    let c = xmr(&[1.0, 2.0, 3.0], &XmrOptions::default()).unwrap();
    let svg = spc_chart(
        &c,
        &ChartOptions {
            title: "A <b> & \"c\"".into(),
            labels: Some(vec!["<1>".into(), "2".into(), "3".into()]),
            ..Default::default()
        },
    )
    .unwrap();
    accessible(&svg, 3);
    assert!(svg.contains("A &lt;b&gt; &amp; &quot;c&quot;"));
    let other = spc_chart(&c, &ChartOptions::default()).unwrap();
    let id = |s: &str| s.split("aria-labelledby=\"").nth(1).unwrap()[..20].to_owned();
    assert_ne!(
        id(&svg),
        id(&other),
        "two charts on a page need distinct ids"
    );
}

#[test]
fn bad_chart_inputs() {
    let c = xmr(&[1.0, 2.0, 3.0], &XmrOptions::default()).unwrap();
    let code = |r: care_outcomes::Result<String>| r.unwrap_err().code();
    let o = |f: fn(&mut ChartOptions)| {
        let mut o = ChartOptions::default();
        f(&mut o);
        o
    };
    assert_eq!(
        code(spc_chart(&c, &o(|o| o.labels = Some(vec!["a".into()])))),
        "length_mismatch"
    );
    assert_eq!(
        code(spc_chart(&c, &o(|o| o.width = 10.0))),
        "invalid_option"
    );
    assert_eq!(
        code(spc_chart(&c, &o(|o| o.height = f64::NAN))),
        "invalid_option"
    );
    assert_eq!(
        code(spc_chart(&c, &o(|o| o.decimals = 11))),
        "invalid_option"
    );
    assert_eq!(
        ChartOptions::from_json(r#"{"colour": "red"}"#)
            .unwrap_err()
            .code(),
        "invalid_option"
    );
    assert_eq!(
        code(spine_chart(&[], &ChartOptions::default())),
        "empty_input"
    );
    let mut rows = spine_rows();
    rows[1].england = f64::NAN;
    let e = spine_chart(&rows, &ChartOptions::default()).unwrap_err();
    assert_eq!((e.code(), e.row()), ("missing_input", Some(1)));
    let mut rows = spine_rows();
    rows[2].value = Some(f64::INFINITY);
    assert_eq!(
        code(spine_chart(&rows, &ChartOptions::default())),
        "non_finite"
    );
    let mut rows = spine_rows();
    rows[0].comparator_min = 30.0;
    assert_eq!(
        code(spine_chart(&rows, &ChartOptions::default())),
        "invalid_option"
    );
    assert_eq!(
        code(trend_chart(&[], &ChartOptions::default())),
        "empty_input"
    );
    let mut pts = trend_points();
    pts[2].lower = Some(99.0);
    assert_eq!(
        code(trend_chart(&pts, &ChartOptions::default())),
        "invalid_option"
    );
    let mut pts = trend_points();
    pts[4].value = Some(f64::NAN);
    let e = trend_chart(&pts, &ChartOptions::default()).unwrap_err();
    assert_eq!((e.code(), e.row()), ("missing_input", Some(4)));
    let (r, n) = funnel_units();
    let f = funnel_overdispersed(&r, &n, &OverdispersionOptions::default()).unwrap();
    assert_eq!(
        code(funnel_chart(&f, &o(|o| o.labels = Some(vec![])))),
        "length_mismatch"
    );
}

#[test]
fn ratio_funnel_chart_is_not_a_percentage() {
    let f = care_outcomes::stats::funnel_ratios_overdispersed(
        &[30.0, 55.0, 90.0, 20.0],
        &[40.0, 50.0, 60.0, 25.0],
        &OverdispersionOptions::default(),
    )
    .unwrap();
    let svg = funnel_chart(&f, &ChartOptions::default()).unwrap();
    let desc = accessible(&svg, 4);
    assert!(desc.contains("target 1.00,"), "{desc}");
}
