//! A small SVG writer: escaped text, fixed-precision coordinates, linear scales with round
//! ticks, and the accessible document frame every chart shares.

use std::fmt::Write;

/// The Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), as the charts use it.
pub mod palette {
    /// Improvement (blue).
    pub const IMPROVEMENT: &str = "#0072B2";
    /// Concern (orange).
    pub const CONCERN: &str = "#E69F00";
    /// Neither improvement nor concern (reddish purple).
    pub const NEUTRAL: &str = "#CC79A7";
    /// Common cause, not significant, similar (grey).
    pub const COMMON: &str = "#7F7F7F";
    /// Outside the 99.8% funnel limit (vermillion).
    pub const STRONG: &str = "#D55E00";
    /// Interval bands and comparator ranges (sky blue).
    pub const BAND: &str = "#56B4E9";
    /// Axes, text, means and benchmarks.
    pub const INK: &str = "#1A1A1A";
    /// Grid lines.
    pub const GRID: &str = "#E5E5E5";
}

/// Escapes text for an SVG text node or attribute.
pub(crate) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

/// A coordinate with two decimals and no "-0.00".
pub(crate) fn c(v: f64) -> String {
    let s = format!("{v:.2}");
    if s == "-0.00" { "0.00".to_owned() } else { s }
}

/// A value for people: `decimals` places, thousands not grouped, no "-0".
pub(crate) fn num(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|ch| ch == '0' || ch == '.') {
        s[1..].to_owned()
    } else {
        s.replace('-', "\u{2212}")
    }
}

/// A linear map from a data domain to a pixel range.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Scale {
    pub(crate) fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Self {
        let (d0, d1) = if d1 > d0 {
            (d0, d1)
        } else {
            (d0 - 0.5, d0 + 0.5)
        };
        Scale { d0, d1, r0, r1 }
    }

    pub(crate) fn at(&self, v: f64) -> f64 {
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// Round tick values covering [lo, hi] (about `n` of them) and the domain they span.
pub(crate) fn ticks(lo: f64, hi: f64, n: usize) -> (Vec<f64>, f64, f64) {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 1.0, lo + 1.0)
    };
    let raw = (hi - lo) / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let start = (lo / step).floor() * step;
    let end = (hi / step).ceil() * step;
    let mut t = Vec::new();
    let mut k = 0.0;
    while start + k * step <= end + step * 1e-9 {
        let v = start + k * step;
        t.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        k += 1.0;
    }
    (t, start, end)
}

/// Decimals that show a tick step exactly.
pub(crate) fn tick_decimals(ticks: &[f64]) -> usize {
    if ticks.len() < 2 {
        return 0;
    }
    let step = (ticks[1] - ticks[0]).abs();
    let mut d: i32 = 0;
    while d < 6 && ((step * 10f64.powi(d)).round() - step * 10f64.powi(d)).abs() > 1e-6 {
        d += 1;
    }
    d.unsigned_abs() as usize
}

/// A short stable id from the chart's content (FNV-1a), so that several charts on one page
/// (a notebook) never share `<title>`/`<desc>` ids and snapshots stay deterministic.
pub(crate) fn chart_id(kind: &str, content: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in kind.bytes().chain(content.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("co-{kind}-{:08x}", h >> 32)
}

/// The document frame: `<svg>` with role, size, `<title>` (the chart kind when no title is
/// given: a chart is never untitled) and `<desc>`, a white background and the shared text style.
pub(crate) fn open(out: &mut String, id: &str, w: f64, h: f64, title: &str, desc: &str) {
    let title = if title.trim().is_empty() {
        match id.split('-').nth(1) {
            Some("spc") => "SPC chart",
            Some("funnel") => "Funnel plot",
            Some("spine") => "Spine chart",
            _ => "Trend chart",
        }
    } else {
        title
    };
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"12\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n<rect width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>\n",
        esc(title),
        esc(desc)
    );
    let _ = writeln!(
        out,
        "<text x=\"16\" y=\"24\" font-size=\"15\" font-weight=\"bold\" fill=\"{}\" aria-hidden=\"true\">{}</text>",
        palette::INK,
        esc(title)
    );
}

/// A y axis with grid lines and labels at `ticks`, and its title.
pub(crate) fn y_axis(out: &mut String, y: &Scale, ticks: &[f64], x0: f64, x1: f64, label: &str) {
    let d = tick_decimals(ticks);
    out.push_str("<g aria-hidden=\"true\">\n");
    for &t in ticks {
        let py = c(y.at(t));
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{py}\" x2=\"{}\" y2=\"{py}\" stroke=\"{}\"/><text x=\"{}\" y=\"{py}\" dy=\"4\" text-anchor=\"end\" fill=\"{}\">{}</text>",
            c(x0),
            c(x1),
            palette::GRID,
            c(x0 - 6.0),
            palette::INK,
            num(t, d)
        );
    }
    if !label.is_empty() {
        let my = c(f64::midpoint(y.r0, y.r1));
        let _ = writeln!(
            out,
            "<text transform=\"translate(14 {my}) rotate(-90)\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
            palette::INK,
            esc(label)
        );
    }
    out.push_str("</g>\n");
}

/// A horizontal line across the plot with an end label.
#[allow(clippy::too_many_arguments)]
pub(crate) fn hline(
    out: &mut String,
    x0: f64,
    x1: f64,
    y: f64,
    stroke: &str,
    dash: &str,
    width: f64,
    label: &str,
) {
    let dash = if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    };
    let _ = writeln!(
        out,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}/>",
        c(x0),
        c(y),
        c(x1),
        c(y)
    );
    if !label.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" dy=\"4\" fill=\"{stroke}\" font-size=\"11\" aria-hidden=\"true\">{}</text>",
            c(x1 + 4.0),
            c(y),
            esc(label)
        );
    }
}

/// A point marker: circle, diamond, square or triangle, with a `<title>` text alternative.
pub(crate) fn marker(out: &mut String, shape: Shape, x: f64, y: f64, fill: &str, title: &str) {
    let t = format!("<title>{}</title>", esc(title));
    let _ = match shape {
        Shape::SmallCircle => writeln!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{fill}\">{t}</circle>",
            c(x),
            c(y)
        ),
        Shape::Circle => writeln!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{fill}\" stroke=\"#FFFFFF\" stroke-width=\"1\">{t}</circle>",
            c(x),
            c(y)
        ),
        Shape::Diamond => writeln!(
            out,
            "<path d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"{fill}\" stroke=\"#FFFFFF\" stroke-width=\"1\">{t}</path>",
            c(x),
            c(y - 6.0),
            c(x + 6.0),
            c(y),
            c(x),
            c(y + 6.0),
            c(x - 6.0),
            c(y)
        ),
        Shape::Square => writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"{fill}\" stroke=\"#FFFFFF\" stroke-width=\"1\">{t}</rect>",
            c(x - 4.5),
            c(y - 4.5)
        ),
        Shape::Up => writeln!(
            out,
            "<path d=\"M{} {}L{} {}L{} {}Z\" fill=\"{fill}\" stroke=\"#FFFFFF\" stroke-width=\"1\">{t}</path>",
            c(x),
            c(y - 6.0),
            c(x + 6.0),
            c(y + 4.5),
            c(x - 6.0),
            c(y + 4.5)
        ),
        Shape::Down => writeln!(
            out,
            "<path d=\"M{} {}L{} {}L{} {}Z\" fill=\"{fill}\" stroke=\"#FFFFFF\" stroke-width=\"1\">{t}</path>",
            c(x),
            c(y + 6.0),
            c(x + 6.0),
            c(y - 4.5),
            c(x - 6.0),
            c(y - 4.5)
        ),
    };
}

/// Marker shapes: shape as well as colour tells the categories apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    SmallCircle,
    Circle,
    Diamond,
    Square,
    Up,
    Down,
}

/// A legend entry row starting at (x, y); returns the x after it.
pub(crate) fn legend_item(
    out: &mut String,
    x: f64,
    y: f64,
    shape: Shape,
    fill: &str,
    text: &str,
) -> f64 {
    out.push_str("<g aria-hidden=\"true\">\n");
    marker(out, shape, x + 5.0, y, fill, text);
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" dy=\"4\" fill=\"{}\" font-size=\"11\">{}</text>",
        c(x + 14.0),
        c(y),
        palette::INK,
        esc(text)
    );
    out.push_str("</g>\n");
    x + 30.0 + 6.6 * text.chars().count() as f64
}

/// A polyline through the points (skipping none).
pub(crate) fn polyline(out: &mut String, pts: &[(f64, f64)], stroke: &str, width: f64, dash: &str) {
    if pts.len() < 2 {
        return;
    }
    let d: Vec<String> = pts
        .iter()
        .map(|(x, y)| format!("{},{}", c(*x), c(*y)))
        .collect();
    let dash = if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    };
    let _ = writeln!(
        out,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash} aria-hidden=\"true\"/>",
        d.join(" ")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_numbers() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(c(-0.001), "0.00");
        assert_eq!(num(-0.04, 1), "0.0");
        assert_eq!(num(-3.06, 2), "\u{2212}3.06");
        let (t, lo, hi) = ticks(-3.06, 10.0, 7);
        assert_eq!(t, vec![-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!((lo, hi), (-4.0, 10.0));
        assert_eq!(tick_decimals(&[0.7, 0.75, 0.8]), 2);
        assert_ne!(chart_id("spc", "a"), chart_id("spc", "b"));
    }
}
