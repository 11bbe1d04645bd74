//! Life expectancy from an abridged life table: Chiang II with Silcocks' variance for the last,
//! open band (spec-statistics.md §2.9). Any band schema with explicit start ages is accepted.

use crate::error::{Error, Location, Result};
use crate::stats::estimate::check_lengths;
use crate::stats::{Confidence, Estimate, Method, OnUndefined, Reason, defaults};
use libm::sqrt;
use serde::{Deserialize, Serialize};

/// Total population at or below which a life table is not computed.
pub const LE_MIN_POPULATION: f64 = 5000.0;
/// Half-width (years) of the 95% interval above which the value is withheld.
pub const LE_MAX_HALF_WIDTH: f64 = 10.0;

/// Options of [`life_expectancy`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LifeExpectancyOptions {
    /// Confidence level (default 0.95); None gives values only.
    pub confidence: Option<f64>,
    /// Null with a reason (default) or an error.
    pub on_undefined: OnUndefined,
}

impl Default for LifeExpectancyOptions {
    fn default() -> Self {
        LifeExpectancyOptions {
            confidence: Some(defaults::CONFIDENCE),
            on_undefined: OnUndefined::Null,
        }
    }
}

/// Life expectancy at the start of one band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LifeExpectancyRow {
    /// The band's start age.
    pub start_age: f64,
    /// Expectation of life at that age, with limits.
    pub estimate: Estimate,
    /// Population from this age upward.
    pub pops_used: f64,
    /// Deaths from this age upward.
    pub dths_used: f64,
}

/// Life expectancy at the start age of every band.
///
/// `start_ages` must begin at 0 and increase; the last band is open. The value at an age is
/// withheld (`wide_interval`) when the 95% interval is wider than 20 years; the whole table is
/// null (`life_table_invalid`) when the total population is ≤ 5000, deaths exceed the population
/// in a band, or the last band has no deaths; a band population of 0 gives `zero_population`.
///
/// # Errors
/// `length_mismatch`, `empty_input`, `negative_value`, `non_finite`, `missing_input`,
/// `unknown_band` (start ages not starting at 0 and increasing), `invalid_confidence`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{life_expectancy, LifeExpectancyOptions};
/// let ages = [0.,1.,5.,10.,15.,20.,25.,30.,35.,40.,45.,50.,55.,60.,65.,70.,75.,80.,85.,90.];
/// let pops = [7060.,35059.,46974.,48489.,43219.,38561.,46009.,57208.,61435.,55601.,50209.,
///             56416.,46411.,39820.,37978.,37039.,33288.,23306.,11936.,11936.];
/// let deaths = [17.,9.,4.,8.,20.,15.,24.,33.,50.,71.,100.,163.,263.,304.,536.,872.,1390.,1605.,1936.,1937.];
/// let le = life_expectancy(&ages, &pops, &deaths, &LifeExpectancyOptions::default())?;
/// assert!((le[0].estimate.value.unwrap() - 80.16960813194838).abs() < 1e-10);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn life_expectancy(
    start_ages: &[f64],
    populations: &[f64],
    deaths: &[f64],
    opts: &LifeExpectancyOptions,
) -> Result<Vec<LifeExpectancyRow>> {
    check_lengths("populations", start_ages.len(), populations.len())?;
    check_lengths("deaths", start_ages.len(), deaths.len())?;
    let k = start_ages.len();
    if k == 0 {
        return Err(Error::EmptyInput {
            what: "a life table needs at least one band",
        });
    }
    let conf = crate::stats::confidence::confidence_opt(opts.confidence)?;
    let c95 = Confidence::default_level();
    for i in 0..k {
        let at = Location::row(i);
        for (field, v) in [
            ("start age", start_ages[i]),
            ("population", populations[i]),
            ("deaths", deaths[i]),
        ] {
            if v.is_nan() {
                return Err(Error::MissingInput { field, at });
            }
            if v.is_infinite() {
                return Err(Error::NonFinite {
                    field,
                    value: v,
                    at,
                });
            }
            if v < 0.0 {
                return Err(Error::NegativeValue {
                    field,
                    value: v,
                    at,
                });
            }
        }
        let ok = if i == 0 {
            start_ages[0] == 0.0
        } else {
            start_ages[i] > start_ages[i - 1]
        };
        if !ok {
            return Err(Error::UnknownBand {
                label: start_ages[i].to_string(),
                hint: "start ages must begin at 0 and increase".to_owned(),
                at,
            });
        }
    }
    let mut pops_used = vec![0.0; k];
    let mut dths_used = vec![0.0; k];
    let (mut ps, mut ds) = (0.0, 0.0);
    for i in (0..k).rev() {
        ps += populations[i];
        ds += deaths[i];
        pops_used[i] = ps;
        dths_used[i] = ds;
    }
    let null_table = |reason: Reason| -> Result<Vec<LifeExpectancyRow>> {
        opts.on_undefined.check(reason, Location::NONE)?;
        Ok((0..k)
            .map(|i| LifeExpectancyRow {
                start_age: start_ages[i],
                estimate: Estimate::null(reason, conf),
                pops_used: pops_used[i],
                dths_used: dths_used[i],
            })
            .collect())
    };
    if populations.contains(&0.0) {
        return null_table(Reason::ZeroPopulation);
    }
    if pops_used[0] <= LE_MIN_POPULATION
        || (0..k).any(|i| deaths[i] > populations[i])
        || deaths[k - 1] == 0.0
    {
        return null_table(Reason::LifeTableInvalid);
    }
    // Life table.
    let mut q = vec![0.0; k];
    let mut l = vec![0.0; k + 1];
    let mut big_l = vec![0.0; k];
    let a: Vec<f64> = start_ages
        .iter()
        .map(|&s| if s == 0.0 { 0.1 } else { 0.5 })
        .collect();
    let width: Vec<f64> = (0..k)
        .map(|i| {
            if i + 1 < k {
                start_ages[i + 1] - start_ages[i]
            } else {
                0.0
            }
        })
        .collect();
    let mm: Vec<f64> = (0..k).map(|i| deaths[i] / populations[i]).collect();
    l[0] = 100_000.0;
    for i in 0..k {
        q[i] = if i + 1 == k {
            1.0
        } else if width[i] * a[i] * mm[i] <= 1.0 {
            width[i] * mm[i] / (1.0 + width[i] * mm[i] * (1.0 - a[i]))
        } else {
            1.0
        };
        l[i + 1] = if i + 1 == k { 0.0 } else { l[i] * (1.0 - q[i]) };
    }
    for i in 0..k {
        let d = l[i] - l[i + 1];
        big_l[i] = if i + 1 == k {
            l[i] / mm[i]
        } else {
            width[i] * (l[i + 1] + a[i] * d)
        };
    }
    let mut t = vec![0.0; k + 1];
    for i in (0..k).rev() {
        t[i] = t[i + 1] + big_l[i];
    }
    let e: Vec<f64> = (0..=k)
        .map(|i| {
            if i < k && l[i] > 0.0 {
                t[i] / l[i]
            } else {
                0.0
            }
        })
        .collect();
    // Variance terms.
    let mut w = vec![0.0; k];
    for i in 0..k {
        if i + 1 == k {
            let s2 = 4.0 / (deaths[i] * mm[i] * mm[i]);
            w[i] = (l[i] / 2.0) * (l[i] / 2.0) * s2;
        } else {
            let d = l[i] - l[i + 1];
            let s2 = if d == 0.0 || deaths[i] == 0.0 {
                0.0
            } else {
                q[i] * q[i] * (1.0 - q[i]) / deaths[i]
            };
            let f = (1.0 - a[i]) * width[i] + e[i + 1];
            w[i] = s2 * l[i] * l[i] * f * f;
        }
    }
    let mut out = Vec::with_capacity(k);
    let mut cum_w = 0.0;
    let mut se = vec![0.0; k];
    for i in (0..k).rev() {
        cum_w += w[i];
        se[i] = if l[i] > 0.0 { sqrt(cum_w) / l[i] } else { 0.0 };
    }
    for i in 0..k {
        let (lower, upper) = match conf {
            Some(c) => (Some(e[i] - c.z() * se[i]), Some(e[i] + c.z() * se[i])),
            None => (None, None),
        };
        let wide = c95.z() * se[i] > LE_MAX_HALF_WIDTH;
        if wide {
            opts.on_undefined
                .check(Reason::WideInterval, Location::row(i))?;
        }
        out.push(LifeExpectancyRow {
            start_age: start_ages[i],
            estimate: Estimate {
                value: if wide { None } else { Some(e[i]) },
                lower,
                upper,
                confidence: conf,
                method: Some(Method::ChiangSilcocks),
                reason: wide.then_some(Reason::WideInterval),
            },
            pops_used: pops_used[i],
            dths_used: dths_used[i],
        });
    }
    Ok(out)
}
