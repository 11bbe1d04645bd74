//! The funnel plot of a proportion funnel (with or without the overdispersion adjustment).

use crate::chart::ChartOptions;
use crate::chart::svg::{
    Scale, Shape, c, chart_id, esc, legend_item, marker, num, open, palette, polyline,
    tick_decimals, ticks, y_axis,
};
use crate::error::Result;
use crate::stats::{FunnelKind, FunnelSignificance, OverdispersedFunnel, funnel_levels};
use std::fmt::Write;

fn style(s: FunnelSignificance) -> (Shape, &'static str, &'static str) {
    match s {
        FunnelSignificance::High001 => (Shape::Up, palette::STRONG, "above the 99.8% limit"),
        FunnelSignificance::High025 => (Shape::Up, palette::CONCERN, "above the 95% limit"),
        FunnelSignificance::Low001 => (Shape::Down, palette::STRONG, "below the 99.8% limit"),
        FunnelSignificance::Low025 => (Shape::Down, palette::CONCERN, "below the 95% limit"),
        FunnelSignificance::NotSignificant | FunnelSignificance::NotApplicable => {
            (Shape::Circle, palette::COMMON, "within the 95% limits")
        }
    }
}

/// The SVG of a funnel plot: each unit at (denominator, value), the target line, the 95% and
/// 99.8% limits (overdispersion-adjusted when the funnel is), units outside 99.8% labelled.
///
/// Proportions are shown × 100 (percentages) when `options.percent` is true (the default);
/// ratios and rates as they are.
///
/// # Errors
/// `invalid_option` (size, decimals); `length_mismatch` when `labels` does not have one label per
/// unit.
///
/// # Examples
///
/// ```
/// use care_outcomes::chart::{funnel_chart, ChartOptions};
/// use care_outcomes::stats::{funnel_overdispersed, OverdispersionOptions};
/// let f = funnel_overdispersed(&[40.0, 55.0, 90.0], &[100.0, 120.0, 150.0], &OverdispersionOptions::default())?;
/// let svg = funnel_chart(&f, &ChartOptions::default())?;
/// assert!(svg.contains("99.8%"));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn funnel_chart(f: &OverdispersedFunnel, o: &ChartOptions) -> Result<String> {
    o.check(f.units.len())?;
    let percent = o.percent && f.kind == FunnelKind::Proportion;
    let m = if percent { 100.0 } else { 1.0 };
    let (w, h) = (o.width, o.height);
    let (left, right, top, bottom) = (64.0, w - 24.0, 56.0, h - 64.0);
    let (c2, c3) = funnel_levels();
    let nmax = f.units.iter().map(|u| u.denominator).fold(0.0, f64::max);
    let nmin = f
        .units
        .iter()
        .map(|u| u.denominator)
        .fold(f64::INFINITY, f64::min);
    let (xt, x0, x1) = ticks(0.0, nmax * 1.05, 6);
    let xs = Scale::new(x0, x1, left, right);
    let mut lo = f.target;
    let mut hi = f.target;
    for u in &f.units {
        lo = lo.min(u.value).min(u.limits_998.0);
        hi = hi.max(u.value).max(u.limits_998.1);
    }
    let (yt, y0, y1) = ticks(lo * m, hi * m, 6);
    let ys = Scale::new(y0, y1, bottom, top);

    let outside: Vec<String> = f
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| {
            matches!(
                u.significance,
                FunnelSignificance::High001 | FunnelSignificance::Low001
            )
        })
        .map(|(i, _)| o.label(i))
        .collect();
    let dv = o.decimals;
    let mut desc = format!(
        "Funnel plot of {} units: target {}{}, limits {}{}. {} outside the 99.8% limits{}",
        f.units.len(),
        num(f.target * m, dv),
        if percent { "%" } else { "" },
        if f.adjusted {
            "adjusted for overdispersion"
        } else {
            "not adjusted for overdispersion"
        },
        format_args!(
            " (phi {}, tau squared {})",
            num(f.estimate.phi, 3),
            format!("{:.3e}", f.estimate.tau2)
        ),
        outside.len(),
        if outside.is_empty() {
            ".".to_owned()
        } else {
            format!(": {}.", outside.join(", "))
        }
    );
    desc = o.desc(&desc);
    let id = chart_id("funnel", &format!("{}{desc}", o.title));
    let mut out = String::with_capacity(8192);
    open(&mut out, &id, w, h, &o.title, &desc);
    y_axis(&mut out, &ys, &yt, left, right, &o.y_label);
    let xd = tick_decimals(&xt);
    out.push_str("<g aria-hidden=\"true\">\n");
    for &t in &xt {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" font-size=\"11\">{}</text>",
            c(xs.at(t)),
            c(bottom + 16.0),
            palette::INK,
            num(t, xd)
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

    // Limit curves, clipped to the plot.
    let _ = writeln!(
        out,
        "<clipPath id=\"{id}-clip\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>\n<g clip-path=\"url(#{id}-clip)\" aria-hidden=\"true\">",
        c(left),
        c(top),
        c(right - left),
        c(bottom - top)
    );
    let start = (nmin * 0.5).max(1.0);
    let end = x1;
    let grid: Vec<f64> = (0..=120)
        .map(|k| start * (end / start).powf(f64::from(k) / 120.0))
        .collect();
    for (conf, dash, width) in [(c2, "6 4", 1.2), (c3, "", 1.5)] {
        let z = conf.z();
        let mut lower = Vec::with_capacity(grid.len());
        let mut upper = Vec::with_capacity(grid.len());
        for &n in &grid {
            let (l, u) = f.limits_at_z(n, z);
            lower.push((xs.at(n), ys.at(l * m)));
            upper.push((xs.at(n), ys.at(u * m)));
        }
        polyline(&mut out, &lower, palette::COMMON, width, dash);
        polyline(&mut out, &upper, palette::COMMON, width, dash);
    }
    let ty = ys.at(f.target * m);
    let _ = writeln!(
        out,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>",
        c(left),
        c(ty),
        c(right),
        c(ty),
        palette::INK
    );
    out.push_str("</g>\n");

    out.push_str("<g>\n");
    for (i, u) in f.units.iter().enumerate() {
        let (shape, fill, what) = style(u.significance);
        let t = format!(
            "{}: {}{} of {} ({what}; z {})",
            o.label(i),
            num(u.value * m, dv),
            if percent { "%" } else { "" },
            num(u.denominator, 0),
            num(if f.adjusted { u.z_adjusted } else { u.z }, 2)
        );
        let (px, py) = (xs.at(u.denominator), ys.at(u.value * m));
        marker(&mut out, shape, px, py, fill, &t);
        if matches!(
            u.significance,
            FunnelSignificance::High001 | FunnelSignificance::Low001
        ) {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" dy=\"4\" fill=\"{}\" font-size=\"11\" aria-hidden=\"true\">{}</text>",
                c(px + 8.0),
                c(py),
                palette::INK,
                esc(&o.label(i))
            );
        }
    }
    out.push_str("</g>\n");

    let ly = h - 16.0;
    let mut lx = left;
    lx = legend_item(
        &mut out,
        lx,
        ly,
        Shape::Circle,
        palette::COMMON,
        "Within 95%",
    );
    lx = legend_item(&mut out, lx, ly, Shape::Up, palette::CONCERN, "Outside 95%");
    lx = legend_item(
        &mut out,
        lx,
        ly,
        Shape::Down,
        palette::STRONG,
        "Outside 99.8%",
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" dy=\"4\" fill=\"{}\" font-size=\"11\" aria-hidden=\"true\">dashed 95%, solid 99.8%{}</text>",
        c(lx),
        c(ly),
        palette::INK,
        if f.adjusted {
            " (overdispersion-adjusted)"
        } else {
            ""
        }
    );
    out.push_str("</svg>\n");
    Ok(out)
}
