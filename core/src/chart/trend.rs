//! The trend line of an indicator over time with its confidence intervals and a comparator
//! (England) line.

use crate::chart::ChartOptions;
use crate::chart::svg::{
    Scale, Shape, c, chart_id, esc, legend_item, marker, num, open, palette, polyline, ticks,
    y_axis,
};
use crate::error::{Error, Location, Result};
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// One period of a trend chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// The period ("2022-23").
    pub label: String,
    /// The value (null: a gap in the line).
    pub value: Option<f64>,
    /// Lower confidence limit.
    pub lower: Option<f64>,
    /// Upper confidence limit.
    pub upper: Option<f64>,
    /// The comparator's value (England), if any.
    pub comparator: Option<f64>,
}

fn check(v: Option<f64>, field: &'static str, row: usize) -> Result<()> {
    match v {
        Some(v) if v.is_nan() => Err(Error::MissingInput {
            field,
            at: Location::row(row),
        }),
        Some(v) if v.is_infinite() => Err(Error::NonFinite {
            field,
            value: v,
            at: Location::row(row),
        }),
        _ => Ok(()),
    }
}

/// The SVG of a trend line with a shaded interval band, error bars and a dashed comparator
/// line named `options.comparator_name`. The periods come from the points' labels.
///
/// # Errors
/// `empty_input` for no points; `missing_input` for a NaN (use null for a gap) and `non_finite`,
/// with the row; `invalid_option` for a lower limit above its upper limit or a size out of
/// range.
///
/// # Examples
///
/// ```
/// use care_outcomes::chart::{trend_chart, ChartOptions, TrendPoint};
/// let p = |label: &str, v: f64| TrendPoint { label: label.into(), value: Some(v), lower: Some(v - 2.0), upper: Some(v + 2.0), comparator: Some(77.0) };
/// let svg = trend_chart(&[p("2021-22", 75.0), p("2022-23", 78.0)], &ChartOptions::default())?;
/// assert!(svg.contains("2022-23"));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn trend_chart(points: &[TrendPoint], o: &ChartOptions) -> Result<String> {
    let comparator_name = o.comparator_name.as_str();
    if points.is_empty() {
        return Err(Error::EmptyInput {
            what: "a trend chart needs at least one period",
        });
    }
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for (i, p) in points.iter().enumerate() {
        check(p.value, "value", i)?;
        check(p.lower, "lower", i)?;
        check(p.upper, "upper", i)?;
        check(p.comparator, "comparator", i)?;
        if let (Some(l), Some(u)) = (p.lower, p.upper)
            && l > u
        {
            return Err(Error::InvalidOption {
                option: "lower",
                value: format!("{l} > {u} (row {i})"),
                expected: "a lower limit no greater than the upper limit",
            });
        }
        for v in [p.value, p.lower, p.upper, p.comparator]
            .into_iter()
            .flatten()
        {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    let labels: Vec<String> = points.iter().map(|p| p.label.clone()).collect();
    let o = ChartOptions {
        labels: Some(labels),
        ..o.clone()
    };
    o.check(points.len())?;
    let (w, h) = (o.width, o.height);
    let (left, right, top, bottom) = (64.0, w - 96.0, 56.0, h - 64.0);
    if !lo.is_finite() {
        lo = 0.0;
        hi = 1.0;
    }
    let (yt, y0, y1) = ticks(lo, hi, 6);
    let ys = Scale::new(y0, y1, bottom, top);
    let n = points.len();
    let xs = Scale::new(0.0, (n.max(2) - 1) as f64, left + 16.0, right - 16.0);
    let d = o.decimals;

    let first = points.iter().find_map(|p| p.value.map(|v| (&p.label, v)));
    let last = points
        .iter()
        .rev()
        .find_map(|p| p.value.map(|v| (&p.label, v)));
    let mut desc = format!("Trend over {n} periods");
    if let (Some((l0, v0)), Some((l1, v1))) = (first, last) {
        let _ = write!(desc, ": {} in {l0}, {} in {l1}", num(v0, d), num(v1, d));
        if let Some(p) = points.iter().rev().find(|p| p.value.is_some())
            && let (Some(lw), Some(up)) = (p.lower, p.upper)
        {
            let _ = write!(desc, " (interval {} to {})", num(lw, d), num(up, d));
        }
    }
    desc.push('.');
    if let Some(cv) = points.iter().rev().find_map(|p| p.comparator) {
        let _ = write!(desc, " {comparator_name} latest {}.", num(cv, d));
    }
    let desc = o.desc(&desc);
    let id = chart_id("trend", &format!("{}{desc}", o.title));
    let mut out = String::with_capacity(4096 + 512 * n);
    open(&mut out, &id, w, h, &o.title, &desc);
    y_axis(&mut out, &ys, &yt, left, right, &o.y_label);
    let every = n.div_ceil(12).max(1);
    out.push_str("<g aria-hidden=\"true\">\n");
    for i in (0..n).step_by(every) {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" font-size=\"11\">{}</text>",
            c(xs.at(i as f64)),
            c(bottom + 16.0),
            palette::INK,
            esc(&o.label(i))
        );
    }
    if !o.x_label.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
            c(f64::midpoint(left, right)),
            c(bottom + 32.0),
            palette::INK,
            esc(&o.x_label)
        );
    }
    out.push_str("</g>\n");

    // Interval bands over each run of periods with both limits.
    out.push_str("<g aria-hidden=\"true\">\n");
    let mut i = 0;
    while i < n {
        if points[i].lower.is_some() && points[i].upper.is_some() {
            let mut j = i;
            while j < n && points[j].lower.is_some() && points[j].upper.is_some() {
                j += 1;
            }
            let mut poly: Vec<String> = (i..j)
                .map(|k| {
                    format!(
                        "{},{}",
                        c(xs.at(k as f64)),
                        c(ys.at(points[k].upper.unwrap_or(0.0)))
                    )
                })
                .collect();
            poly.extend((i..j).rev().map(|k| {
                format!(
                    "{},{}",
                    c(xs.at(k as f64)),
                    c(ys.at(points[k].lower.unwrap_or(0.0)))
                )
            }));
            let _ = writeln!(
                out,
                "<polygon points=\"{}\" fill=\"{}\" fill-opacity=\"0.25\" stroke=\"none\"/>",
                poly.join(" "),
                palette::BAND
            );
            for (k, p) in points.iter().enumerate().take(j).skip(i) {
                let x = c(xs.at(k as f64));
                let _ = writeln!(
                    out,
                    "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.2\"/>",
                    c(ys.at(p.lower.unwrap_or(0.0))),
                    c(ys.at(p.upper.unwrap_or(0.0))),
                    palette::IMPROVEMENT
                );
            }
            i = j;
        } else {
            i += 1;
        }
    }
    // Comparator and value lines, broken at gaps.
    for (get, colour, dash, width) in [
        (
            (|p: &TrendPoint| p.comparator) as fn(&TrendPoint) -> Option<f64>,
            palette::INK,
            "6 4",
            1.5,
        ),
        (|p: &TrendPoint| p.value, palette::IMPROVEMENT, "", 2.0),
    ] {
        let mut run = Vec::new();
        for (k, p) in points.iter().enumerate() {
            if let Some(v) = get(p) {
                run.push((xs.at(k as f64), ys.at(v)));
            } else {
                polyline(&mut out, &run, colour, width, dash);
                run.clear();
            }
        }
        polyline(&mut out, &run, colour, width, dash);
    }
    if let Some((k, cv)) = points
        .iter()
        .enumerate()
        .rev()
        .find_map(|(k, p)| p.comparator.map(|v| (k, v)))
    {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" dy=\"4\" fill=\"{}\" font-size=\"11\">{}</text>",
            c(xs.at(k as f64) + 10.0),
            c(ys.at(cv)),
            palette::INK,
            esc(comparator_name)
        );
    }
    out.push_str("</g>\n<g>\n");
    for (k, p) in points.iter().enumerate() {
        if let Some(v) = p.value {
            let mut t = format!("{}: {}", p.label, num(v, d));
            if let (Some(l), Some(u)) = (p.lower, p.upper) {
                let _ = write!(t, " (interval {} to {})", num(l, d), num(u, d));
            }
            if let Some(cv) = p.comparator {
                let _ = write!(t, "; {comparator_name} {}", num(cv, d));
            }
            marker(
                &mut out,
                Shape::Circle,
                xs.at(k as f64),
                ys.at(v),
                palette::IMPROVEMENT,
                &t,
            );
        }
    }
    out.push_str("</g>\n");
    let ly = h - 16.0;
    let lx = legend_item(
        &mut out,
        left,
        ly,
        Shape::Circle,
        palette::IMPROVEMENT,
        "Value with interval",
    );
    let _ = writeln!(
        out,
        "<g aria-hidden=\"true\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{}\" dy=\"4\" font-size=\"11\" fill=\"{}\">{}</text></g>",
        c(lx),
        c(ly),
        c(lx + 24.0),
        c(ly),
        palette::INK,
        c(lx + 30.0),
        c(ly),
        palette::INK,
        esc(comparator_name)
    );
    out.push_str("</svg>\n");
    Ok(out)
}
