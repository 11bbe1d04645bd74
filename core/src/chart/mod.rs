//! Charts as SVG strings, drawn by the core so that notebooks (the Python face's `_repr_svg_`),
//! the browser (the JS face) and documents show the same picture: the SPC chart with the Making
//! Data Count icons, the funnel plot, the spine (benchmark) chart of a framework's indicators and
//! the trend line with intervals.
//!
//! Every chart is accessible: `role="img"` with `<title>` and `<desc>` (a text summary of what
//! the chart shows), a `<title>` on every data mark, and the Okabe–Ito colour-blind-safe
//! palette ([`palette`]) with shape as well as colour telling categories apart. Output is
//! deterministic (fixed-precision coordinates, content-derived ids), so it can be snapshot
//! tested.

pub mod funnel;
pub mod spc;
pub mod spine;
mod svg;
pub mod trend;

pub use funnel::funnel_chart;
pub use spc::spc_chart;
pub use spine::{SpineRow, spine_chart};
pub use svg::palette;
pub use trend::{TrendPoint, trend_chart};

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// Text and size of a chart.
///
/// # Examples
///
/// ```
/// use care_outcomes::chart::ChartOptions;
/// let o = ChartOptions { title: "Admissions".into(), ..Default::default() };
/// assert_eq!((o.width, o.height), (720.0, 400.0));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChartOptions {
    /// The title (also the SVG `<title>`).
    pub title: String,
    /// A sentence put before the generated description in `<desc>`.
    pub description: Option<String>,
    /// The x axis title.
    pub x_label: String,
    /// The y axis title.
    pub y_label: String,
    /// Labels of the points (periods of an SPC or trend chart, unit names of a funnel); default
    /// the 1-based point numbers.
    pub labels: Option<Vec<String>>,
    /// Decimal places of values in text (default 2).
    pub decimals: usize,
    /// Width in pixels (default 720).
    pub width: f64,
    /// Height in pixels (default 400).
    pub height: f64,
    /// Funnel plots: show proportions × 100, as percentages (default true).
    pub percent: bool,
    /// Trend charts: the name of the comparator line (default "England").
    pub comparator_name: String,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            title: String::new(),
            description: None,
            x_label: String::new(),
            y_label: String::new(),
            labels: None,
            decimals: 2,
            width: 720.0,
            height: 400.0,
            percent: true,
            comparator_name: "England".to_owned(),
        }
    }
}

impl ChartOptions {
    /// Options from a JSON object whose members override the defaults (the faces' interchange).
    ///
    /// # Errors
    /// `invalid_option` for an unknown member or a wrong type.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::chart::ChartOptions;
    /// let o = ChartOptions::from_json(r#"{"title": "Falls", "width": 600}"#)?;
    /// assert_eq!(o.width, 600.0);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Self> {
        serde_json::from_str(json).map_err(|e| Error::InvalidOption {
            option: "chart options",
            value: e.to_string(),
            expected: "a JSON object of chart options (see ChartOptions)",
        })
    }

    pub(crate) fn check(&self, points: usize) -> Result<()> {
        for (option, v) in [("width", self.width), ("height", self.height)] {
            if !(v.is_finite() && (200.0..=10_000.0).contains(&v)) {
                return Err(Error::InvalidOption {
                    option,
                    value: v.to_string(),
                    expected: "a number of pixels from 200 to 10000",
                });
            }
        }
        if self.decimals > 10 {
            return Err(Error::InvalidOption {
                option: "decimals",
                value: self.decimals.to_string(),
                expected: "0 to 10",
            });
        }
        if let Some(l) = &self.labels
            && l.len() != points
        {
            return Err(Error::LengthMismatch {
                field: "labels",
                expected: points,
                found: l.len(),
            });
        }
        Ok(())
    }

    pub(crate) fn label(&self, i: usize) -> String {
        self.labels
            .as_ref()
            .map_or_else(|| (i + 1).to_string(), |l| l[i].clone())
    }

    pub(crate) fn desc(&self, generated: &str) -> String {
        match &self.description {
            Some(d) if !d.is_empty() => format!("{d} {generated}"),
            _ => generated.to_owned(),
        }
    }
}
