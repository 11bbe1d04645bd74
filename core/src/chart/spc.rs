//! The SPC (XmR) chart with the Making Data Count variation and assurance icons.

use crate::chart::ChartOptions;
use crate::chart::svg::{
    Scale, Shape, c, chart_id, esc, hline, legend_item, marker, num, open, palette, polyline,
    ticks, y_axis,
};
use crate::error::Result;
use crate::spc::{AssuranceIcon, ImprovementDirection, PointType, Side, VariationIcon, Xmr};
use std::fmt::Write;

fn style(t: PointType) -> (Shape, &'static str, &'static str) {
    match t {
        PointType::CommonCause => (Shape::SmallCircle, palette::COMMON, "common cause"),
        PointType::SpecialCauseImprovement => (
            Shape::Circle,
            palette::IMPROVEMENT,
            "special cause: improvement",
        ),
        PointType::SpecialCauseConcern => {
            (Shape::Diamond, palette::CONCERN, "special cause: concern")
        }
        PointType::SpecialCauseNeutral => (
            Shape::Square,
            palette::NEUTRAL,
            "special cause: neither improvement nor concern",
        ),
    }
}

fn variation_icon(out: &mut String, x: f64, y: f64, icon: VariationIcon) {
    let (colour, letter) = match icon {
        VariationIcon::CommonCause => (palette::COMMON, ""),
        VariationIcon::ImprovementHigh => (palette::IMPROVEMENT, "H"),
        VariationIcon::ImprovementLow => (palette::IMPROVEMENT, "L"),
        VariationIcon::ConcernHigh => (palette::CONCERN, "H"),
        VariationIcon::ConcernLow => (palette::CONCERN, "L"),
        VariationIcon::NeutralHigh => (palette::NEUTRAL, "H"),
        VariationIcon::NeutralLow => (palette::NEUTRAL, "L"),
    };
    let _ = writeln!(
        out,
        "<g role=\"img\" aria-label=\"{d}\"><title>{d}</title><circle cx=\"{}\" cy=\"{}\" r=\"16\" fill=\"#FFFFFF\" stroke=\"{colour}\" stroke-width=\"3\"/>",
        c(x),
        c(y),
        d = esc(icon.description())
    );
    if letter.is_empty() {
        // A flat run of dots: no signal.
        let pts: Vec<(f64, f64)> = (0..5)
            .map(|k| {
                (
                    x - 9.0 + 4.5 * f64::from(k),
                    y + if k % 2 == 0 { 2.0 } else { -2.0 },
                )
            })
            .collect();
        polyline(out, &pts, colour, 2.0, "");
    } else {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" dy=\"5\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\" fill=\"{colour}\" aria-hidden=\"true\">{letter}</text>",
            c(x),
            c(y)
        );
    }
    out.push_str("</g>\n");
}

fn assurance_icon(out: &mut String, x: f64, y: f64, icon: AssuranceIcon) {
    let (colour, letter) = match icon {
        AssuranceIcon::ConsistentlyPass => (palette::IMPROVEMENT, "P"),
        AssuranceIcon::HitAndMiss => (palette::COMMON, "?"),
        AssuranceIcon::ConsistentlyFail => (palette::CONCERN, "F"),
    };
    let _ = writeln!(
        out,
        "<g role=\"img\" aria-label=\"{d}\"><title>{d}</title><circle cx=\"{}\" cy=\"{}\" r=\"16\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" dy=\"5\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\" fill=\"#FFFFFF\" aria-hidden=\"true\">{letter}</text></g>",
        c(x),
        c(y),
        c(x),
        c(y),
        d = esc(icon.description())
    );
}

/// The text alternative of an XmR chart (what `<desc>` says).
fn describe(x: &Xmr, o: &ChartOptions) -> String {
    let d = o.decimals;
    let mut s = format!(
        "XmR chart of {} points in {} phase{}.",
        x.points.len(),
        x.phases.len(),
        if x.phases.len() == 1 { "" } else { "s" }
    );
    if let Some(p) = x.phases.last() {
        match &p.limits {
            Some(l) => {
                let _ = write!(
                    s,
                    " Latest phase: mean {}, process limits {} to {}{}.",
                    num(l.mean, d),
                    num(l.lpl, d),
                    num(l.upl, d),
                    if p.trial_limits {
                        " (trial limits)"
                    } else {
                        ""
                    }
                );
            }
            None => s.push_str(" Latest phase: too few points for limits."),
        }
    }
    let special: Vec<String> = x
        .points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.point_type != PointType::CommonCause)
        .map(|(i, _)| o.label(i))
        .collect();
    if special.is_empty() {
        s.push_str(" No special cause points.");
    } else {
        let shown: Vec<&str> = special.iter().take(12).map(String::as_str).collect();
        let _ = write!(
            s,
            " {} special cause point{}: {}{}.",
            special.len(),
            if special.len() == 1 { "" } else { "s" },
            shown.join(", "),
            if special.len() > 12 { ", ..." } else { "" }
        );
    }
    match x.variation_icon {
        Some(v) => {
            let _ = write!(s, " Variation icon: {}.", v.description().to_lowercase());
        }
        None => s.push_str(" No variation icon (too few points)."),
    }
    if let Some(a) = x.assurance_icon {
        let _ = write!(s, " {}.", a.description());
    }
    if let Some(t) = x.options.target {
        let _ = write!(s, " Target {}.", num(t, d));
    }
    s
}

/// The SVG of an XmR chart: points typed by colour and shape, each phase's mean and process
/// limits (broken between phases), the target, and the variation and assurance icons.
///
/// # Errors
/// `invalid_option` for a size or decimals out of range; `length_mismatch` when `labels` does
/// not have one label per point.
///
/// # Examples
///
/// ```
/// use care_outcomes::chart::{spc_chart, ChartOptions};
/// use care_outcomes::spc::{xmr, XmrOptions};
/// let x = [1.0, 2.0, 1.0, 2.0, 10.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0];
/// let svg = spc_chart(&xmr(&x, &XmrOptions::default())?, &ChartOptions { title: "Falls".into(), ..Default::default() })?;
/// assert!(svg.starts_with("<svg") && svg.contains("<title id="));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn spc_chart(x: &Xmr, o: &ChartOptions) -> Result<String> {
    o.check(x.points.len())?;
    let (w, h) = (o.width, o.height);
    let (left, right, top, bottom) = (64.0, w - 96.0, 56.0, h - 64.0);
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for p in &x.points {
        lo = lo.min(p.value);
        hi = hi.max(p.value);
    }
    for p in &x.phases {
        if let Some(l) = &p.limits {
            lo = lo.min(l.lpl);
            hi = hi.max(l.upl);
        }
    }
    if let Some(t) = x.options.target {
        lo = lo.min(t);
        hi = hi.max(t);
    }
    let (tk, d0, d1) = ticks(lo, hi, 6);
    let ys = Scale::new(d0, d1, bottom, top);
    let n = x.points.len();
    let xs = Scale::new(0.0, (n.max(2) - 1) as f64, left + 8.0, right - 8.0);
    let desc = o.desc(&describe(x, o));
    let id = chart_id("spc", &format!("{}{desc}", o.title));
    let mut out = String::with_capacity(8192 + 400 * n);
    open(&mut out, &id, w, h, &o.title, &desc);
    y_axis(&mut out, &ys, &tk, left, right, &o.y_label);

    // x labels: at most about 12.
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

    // Phase lines: mean, process limits (and near-limit lines, faint).
    out.push_str("<g aria-hidden=\"true\">\n");
    let last = x.phases.len().saturating_sub(1);
    for (k, p) in x.phases.iter().enumerate() {
        if let Some(l) = &p.limits {
            let x0 = xs.at(p.start as f64) - if p.start == 0 { 8.0 } else { 4.0 };
            let x1 = xs.at((p.end - 1) as f64) + if k == last { 8.0 } else { 4.0 };
            let lab = |s: &str| {
                if k == last {
                    s.to_owned()
                } else {
                    String::new()
                }
            };
            hline(
                &mut out,
                x0,
                x1,
                ys.at(l.near_upper),
                palette::GRID,
                "2 3",
                1.0,
                "",
            );
            hline(
                &mut out,
                x0,
                x1,
                ys.at(l.near_lower),
                palette::GRID,
                "2 3",
                1.0,
                "",
            );
            hline(
                &mut out,
                x0,
                x1,
                ys.at(l.upl),
                palette::COMMON,
                "6 4",
                1.5,
                &lab(&format!("UPL {}", num(l.upl, o.decimals))),
            );
            hline(
                &mut out,
                x0,
                x1,
                ys.at(l.lpl),
                palette::COMMON,
                "6 4",
                1.5,
                &lab(&format!("LPL {}", num(l.lpl, o.decimals))),
            );
            hline(
                &mut out,
                x0,
                x1,
                ys.at(l.mean),
                palette::INK,
                "",
                1.5,
                &lab(&format!("Mean {}", num(l.mean, o.decimals))),
            );
        }
    }
    if let Some(t) = x.options.target {
        hline(
            &mut out,
            left,
            right,
            ys.at(t),
            palette::STRONG,
            "10 3 2 3",
            1.5,
            "",
        );
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" dy=\"-4\" text-anchor=\"end\" fill=\"{}\" font-size=\"11\">Target {}</text>",
            c(right),
            c(ys.at(t)),
            palette::STRONG,
            num(t, o.decimals)
        );
    }
    out.push_str("</g>\n");

    // The data line, broken between phases, then the marks.
    for p in &x.phases {
        let pts: Vec<(f64, f64)> = (p.start..p.end)
            .map(|i| (xs.at(i as f64), ys.at(x.points[i].value)))
            .collect();
        polyline(&mut out, &pts, palette::COMMON, 1.5, "");
    }
    out.push_str("<g>\n");
    for (i, p) in x.points.iter().enumerate() {
        let (shape, fill, what) = style(p.point_type);
        let mut t = format!("{}: {} ({what}", o.label(i), num(p.value, o.decimals));
        if !p.hits.is_empty() {
            let rules: Vec<String> = p
                .hits
                .iter()
                .map(|hit| {
                    let side = match (hit.rule, hit.side) {
                        (crate::spc::Rule::Trend, Side::High) => "increasing",
                        (crate::spc::Rule::Trend, Side::Low) => "decreasing",
                        (_, Side::High) => "high",
                        (_, Side::Low) => "low",
                    };
                    format!("{} {side}", hit.rule.code().replace('_', " "))
                })
                .collect();
            let _ = write!(t, "; rules: {}", rules.join(", "));
        }
        t.push(')');
        marker(&mut out, shape, xs.at(i as f64), ys.at(p.value), fill, &t);
    }
    out.push_str("</g>\n");

    // Icons, top right.
    if let Some(v) = x.variation_icon {
        variation_icon(&mut out, w - 62.0, 28.0, v);
    }
    if let Some(a) = x.assurance_icon {
        assurance_icon(&mut out, w - 24.0, 28.0, a);
    }

    // Legend.
    let mut lx = left;
    let ly = h - 16.0;
    lx = legend_item(
        &mut out,
        lx,
        ly,
        Shape::SmallCircle,
        palette::COMMON,
        "Common cause",
    );
    if x.options.improvement_direction == ImprovementDirection::Neutral {
        legend_item(
            &mut out,
            lx,
            ly,
            Shape::Square,
            palette::NEUTRAL,
            "Special cause",
        );
    } else {
        lx = legend_item(
            &mut out,
            lx,
            ly,
            Shape::Circle,
            palette::IMPROVEMENT,
            "Improvement",
        );
        legend_item(
            &mut out,
            lx,
            ly,
            Shape::Diamond,
            palette::CONCERN,
            "Concern",
        );
    }
    out.push_str("</svg>\n");
    Ok(out)
}
