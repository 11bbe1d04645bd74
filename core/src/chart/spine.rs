//! The spine (benchmark) chart of a framework's indicators: for each indicator the area's value
//! against England and the range of the comparator group, better to the right.

use crate::chart::ChartOptions;
use crate::chart::svg::{Scale, Shape, c, chart_id, esc, legend_item, marker, num, open, palette};
use crate::error::{Error, Location, Result};
use crate::stats::{Comparison, Polarity};
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// One indicator of a spine chart (plain input: the catalogue fills these elsewhere).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpineRow {
    /// The indicator's name.
    pub label: String,
    /// The area's value (null when not available).
    pub value: Option<f64>,
    /// The England value (the centre of the spine).
    pub england: f64,
    /// The lowest value in the comparator group.
    pub comparator_min: f64,
    /// The highest value in the comparator group.
    pub comparator_max: f64,
    /// The comparator group's lower quartile (drawn darker when given with `comparator_q3`).
    pub comparator_q1: Option<f64>,
    /// The comparator group's upper quartile.
    pub comparator_q3: Option<f64>,
    /// The area's comparison with England (from [`compare`](fn@crate::stats::compare)).
    pub comparison: Comparison,
    /// Which direction is good: the better end is drawn on the right.
    pub polarity: Polarity,
}

fn check(v: f64, field: &'static str, row: usize) -> Result<()> {
    if v.is_nan() {
        return Err(Error::MissingInput {
            field,
            at: Location::row(row),
        });
    }
    if v.is_infinite() {
        return Err(Error::NonFinite {
            field,
            value: v,
            at: Location::row(row),
        });
    }
    Ok(())
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('\u{2026}');
        t
    }
}

fn style(c: Comparison) -> (Shape, &'static str, &'static str) {
    match c {
        Comparison::Better => (Shape::Circle, palette::IMPROVEMENT, "better than England"),
        Comparison::Worse => (Shape::Diamond, palette::CONCERN, "worse than England"),
        Comparison::Similar => (Shape::Circle, palette::COMMON, "similar to England"),
        Comparison::Higher => (Shape::Square, palette::NEUTRAL, "higher than England"),
        Comparison::Lower => (Shape::Square, palette::NEUTRAL, "lower than England"),
        Comparison::NotCompared => (Shape::SmallCircle, palette::INK, "not compared"),
    }
}

/// The SVG of a spine chart. Its height follows the number of rows (`options.height` is not
/// used); labels too long for the label column are shortened with "…" (the full label stays in
/// the row's text alternative).
///
/// # Errors
/// `empty_input` for no rows; `missing_input` / `non_finite` (with the row) for a missing or
/// infinite figure; `invalid_option` for a comparator minimum above its maximum, or a size out
/// of range.
///
/// # Examples
///
/// ```
/// use care_outcomes::chart::{spine_chart, ChartOptions, SpineRow};
/// use care_outcomes::stats::{Comparison, Polarity};
/// let rows = [SpineRow {
///     label: "1B Control over daily life".into(), value: Some(80.1), england: 77.2,
///     comparator_min: 70.0, comparator_max: 84.0, comparator_q1: Some(75.0), comparator_q3: Some(79.5),
///     comparison: Comparison::Better, polarity: Polarity::HigherIsBetter,
/// }];
/// let svg = spine_chart(&rows, &ChartOptions::default())?;
/// assert!(svg.contains("better than England"));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn spine_chart(rows: &[SpineRow], o: &ChartOptions) -> Result<String> {
    if rows.is_empty() {
        return Err(Error::EmptyInput {
            what: "a spine chart needs at least one indicator",
        });
    }
    o.check(rows.len())?;
    for (i, r) in rows.iter().enumerate() {
        check(r.england, "england", i)?;
        check(r.comparator_min, "comparator_min", i)?;
        check(r.comparator_max, "comparator_max", i)?;
        for (v, f) in [
            (r.value, "value"),
            (r.comparator_q1, "comparator_q1"),
            (r.comparator_q3, "comparator_q3"),
        ] {
            if let Some(v) = v {
                check(v, f, i)?;
            }
        }
        if r.comparator_min > r.comparator_max {
            return Err(Error::InvalidOption {
                option: "comparator_min",
                value: format!("{} > {} (row {i})", r.comparator_min, r.comparator_max),
                expected: "a comparator minimum no greater than its maximum",
            });
        }
    }
    let row_h = 30.0;
    let w = o.width;
    let h = 72.0 + row_h * rows.len() as f64 + 48.0;
    let (label_w, col_w) = (w * 0.36, 64.0);
    let spine0 = 16.0 + label_w + 2.0 * col_w + 12.0;
    let spine1 = w - 24.0;
    let mid = f64::midpoint(spine0, spine1);
    let top = 72.0;
    let d = o.decimals;

    let mut counts = [0usize; 3];
    for r in rows {
        match r.comparison {
            Comparison::Better => counts[0] += 1,
            Comparison::Worse => counts[2] += 1,
            _ => counts[1] += 1,
        }
    }
    let desc = o.desc(&format!(
        "Spine chart of {} indicators against England: {} better, {} worse, {} similar, higher, lower or not compared. Each row shows the comparator range, England at the centre line and the area's value, better to the right.",
        rows.len(),
        counts[0],
        counts[2],
        counts[1]
    ));
    let id = chart_id("spine", &format!("{}{desc}", o.title));
    let mut out = String::with_capacity(4096 + 1024 * rows.len());
    open(&mut out, &id, w, h, &o.title, &desc);
    let _ = writeln!(
        out,
        "<g aria-hidden=\"true\" font-weight=\"bold\" fill=\"{ink}\"><text x=\"16\" y=\"52\">Indicator</text><text x=\"{}\" y=\"52\" text-anchor=\"end\">Value</text><text x=\"{}\" y=\"52\" text-anchor=\"end\">England</text><text x=\"{}\" y=\"52\" font-weight=\"normal\" font-size=\"11\">Worse</text><text x=\"{}\" y=\"52\" text-anchor=\"end\" font-weight=\"normal\" font-size=\"11\">Better</text></g>",
        c(16.0 + label_w + col_w),
        c(16.0 + label_w + 2.0 * col_w),
        c(spine0),
        c(spine1),
        ink = palette::INK
    );
    let _ = writeln!(
        out,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\" aria-hidden=\"true\"/>",
        c(mid),
        c(top - 6.0),
        c(mid),
        c(top + row_h * rows.len() as f64),
        palette::INK
    );
    for (i, r) in rows.iter().enumerate() {
        let y = top + row_h * (i as f64 + 0.5);
        let mut half = (r.comparator_min - r.england)
            .abs()
            .max((r.comparator_max - r.england).abs());
        if let Some(v) = r.value {
            half = half.max((v - r.england).abs());
        }
        let half = if half > 0.0 { half } else { 1.0 };
        let (r0, r1) = if r.polarity == Polarity::LowerIsBetter {
            (spine1 - 4.0, spine0 + 4.0)
        } else {
            (spine0 + 4.0, spine1 - 4.0)
        };
        let s = Scale::new(r.england - half, r.england + half, r0, r1);
        let (shape, fill, what) = style(r.comparison);
        let value_text = r.value.map_or_else(|| "no value".to_owned(), |v| num(v, d));
        let mut alt = format!(
            "{}: {value_text}, England {}, comparators {} to {}",
            r.label,
            num(r.england, d),
            num(r.comparator_min, d),
            num(r.comparator_max, d)
        );
        if let (Some(q1), Some(q3)) = (r.comparator_q1, r.comparator_q3) {
            let _ = write!(alt, " (middle half {} to {})", num(q1, d), num(q3, d));
        }
        let _ = write!(alt, "; {what}");
        let _ = writeln!(out, "<g role=\"listitem\" aria-label=\"{}\">", esc(&alt));
        if i % 2 == 0 {
            let _ = writeln!(
                out,
                "<rect x=\"8\" y=\"{}\" width=\"{}\" height=\"{row_h}\" fill=\"#F5F5F5\" aria-hidden=\"true\"/>",
                c(y - row_h / 2.0),
                c(w - 16.0)
            );
        }
        let _ = writeln!(
            out,
            "<g aria-hidden=\"true\" fill=\"{}\"><text x=\"16\" y=\"{}\" dy=\"4\">{}</text><text x=\"{}\" y=\"{}\" dy=\"4\" text-anchor=\"end\">{}</text><text x=\"{}\" y=\"{}\" dy=\"4\" text-anchor=\"end\">{}</text></g>",
            palette::INK,
            c(y),
            esc(&shorten(&r.label, (label_w / 6.8) as usize)),
            c(16.0 + label_w + col_w),
            c(y),
            esc(&value_text),
            c(16.0 + label_w + 2.0 * col_w),
            c(y),
            num(r.england, d)
        );
        let (a, b) = (s.at(r.comparator_min), s.at(r.comparator_max));
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" fill=\"{}\" fill-opacity=\"0.35\" aria-hidden=\"true\"/>",
            c(a.min(b)),
            c(y - 6.0),
            c((a - b).abs()),
            palette::BAND
        );
        if let (Some(q1), Some(q3)) = (r.comparator_q1, r.comparator_q3) {
            let (a, b) = (s.at(q1), s.at(q3));
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" fill=\"{}\" fill-opacity=\"0.8\" aria-hidden=\"true\"/>",
                c(a.min(b)),
                c(y - 6.0),
                c((a - b).abs()),
                palette::BAND
            );
        }
        if let Some(v) = r.value {
            marker(&mut out, shape, s.at(v), y, fill, &alt);
        }
        out.push_str("</g>\n");
    }
    let ly = h - 16.0;
    let mut lx = 16.0;
    lx = legend_item(
        &mut out,
        lx,
        ly,
        Shape::Circle,
        palette::IMPROVEMENT,
        "Better",
    );
    lx = legend_item(&mut out, lx, ly, Shape::Circle, palette::COMMON, "Similar");
    lx = legend_item(&mut out, lx, ly, Shape::Diamond, palette::CONCERN, "Worse");
    lx = legend_item(
        &mut out,
        lx,
        ly,
        Shape::Square,
        palette::NEUTRAL,
        "Higher/lower",
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" dy=\"4\" font-size=\"11\" fill=\"{}\" aria-hidden=\"true\">bar: comparator range (darker: middle half); line: England</text>",
        c(lx),
        c(ly),
        palette::INK
    );
    out.push_str("</svg>\n");
    Ok(out)
}
