//! Probabilistic sensitivity: Monte Carlo over uncertain parameters, seeded and reproducible.
//!
//! Draws come from a PCG-64 generator (`rand_pcg::Pcg64`, value-stable across platforms and
//! versions) seeded with [`MonteCarloOptions::seed`]; each uniform `u = (k + 0.5)·2⁻⁵³` (k the top
//! 53 bits of one 64-bit output) is turned into a draw by the distribution's inverse CDF, computed
//! with the crate's `libm`-based quantile functions
//! ([`crate::stats::distribution`]), not `statrs`: `statrs` uses the platform's `ln`/`exp`,
//! which differ in the last bit between native code and WASM, and the faces must agree bit for
//! bit. Parameters are drawn in the order given, one uniform each, draw after draw.

use super::appraisal::{Appraisal, Metric};
use crate::error::{Error, Result};
use crate::stats::distribution::{beta_quantile, normal_quantile};
use rand_pcg::Pcg64;
use rand_pcg::rand_core::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

/// The largest number of draws accepted.
pub const MAX_DRAWS: u32 = 10_000_000;

/// The generator used, recorded on every result.
pub const GENERATOR: &str = "pcg64 (rand_pcg 0.10, seed_from_u64), inverse-CDF sampling";

/// A probability distribution for an uncertain parameter.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::Distribution;
/// let d = Distribution::Triangular { low: 0.2, mode: 0.35, high: 0.5 };
/// assert!((d.quantile(0.5)? - 0.35).abs() < 1e-15);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Distribution {
    /// Always `value`.
    Fixed {
        /// The value.
        value: f64,
    },
    /// Uniform on [low, high].
    Uniform {
        /// Lower bound.
        low: f64,
        /// Upper bound (> low).
        high: f64,
    },
    /// Triangular on [low, high] with the given mode.
    Triangular {
        /// Lower bound.
        low: f64,
        /// Most likely value, in [low, high].
        mode: f64,
        /// Upper bound (> low).
        high: f64,
    },
    /// PERT (beta with α = 1 + 4(mode − low)/(high − low), β = 1 + 4(high − mode)/(high − low)).
    Pert {
        /// Lower bound.
        low: f64,
        /// Most likely value, in [low, high].
        mode: f64,
        /// Upper bound (> low).
        high: f64,
    },
    /// Normal.
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation (> 0).
        sd: f64,
    },
    /// Beta on [0, 1] (for shares).
    Beta {
        /// α > 0.
        alpha: f64,
        /// β > 0.
        beta: f64,
    },
}

fn bad(name: &'static str, hint: &str) -> Error {
    Error::InvalidDistribution {
        name,
        hint: hint.to_owned(),
    }
}

impl Distribution {
    /// Checks the parameters.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::Distribution;
    /// let e = Distribution::Uniform { low: 1.0, high: 0.0 }.validate().unwrap_err();
    /// assert_eq!(e.code(), "invalid_distribution");
    /// ```
    pub fn validate(&self) -> Result<()> {
        let finite = |xs: &[f64]| xs.iter().all(|x| x.is_finite());
        match *self {
            Distribution::Fixed { value } if !value.is_finite() => {
                Err(bad("fixed", "the value must be finite"))
            }
            Distribution::Uniform { low, high } if !(finite(&[low, high]) && low < high) => {
                Err(bad("uniform", "needs finite low < high"))
            }
            Distribution::Triangular { low, mode, high }
                if !(finite(&[low, mode, high]) && low < high && low <= mode && mode <= high) =>
            {
                Err(bad(
                    "triangular",
                    "needs finite low <= mode <= high with low < high",
                ))
            }
            Distribution::Pert { low, mode, high }
                if !(finite(&[low, mode, high]) && low < high && low <= mode && mode <= high) =>
            {
                Err(bad(
                    "pert",
                    "needs finite low <= mode <= high with low < high",
                ))
            }
            Distribution::Normal { mean, sd } if !(finite(&[mean, sd]) && sd > 0.0) => {
                Err(bad("normal", "needs a finite mean and sd > 0"))
            }
            Distribution::Beta { alpha, beta }
                if !(finite(&[alpha, beta]) && alpha > 0.0 && beta > 0.0) =>
            {
                Err(bad("beta", "needs finite alpha > 0 and beta > 0"))
            }
            _ => Ok(()),
        }
    }

    /// The inverse CDF at `u` in (0, 1).
    ///
    /// # Errors
    ///
    /// As [`Distribution::validate`].
    pub fn quantile(&self, u: f64) -> Result<f64> {
        self.validate()?;
        Ok(match *self {
            Distribution::Fixed { value } => value,
            Distribution::Uniform { low, high } => low + (high - low) * u,
            Distribution::Triangular { low, mode, high } => {
                let width = high - low;
                let split = (mode - low) / width;
                if u < split {
                    low + libm::sqrt(u * width * (mode - low))
                } else {
                    high - libm::sqrt((1.0 - u) * width * (high - mode))
                }
            }
            Distribution::Pert { low, mode, high } => {
                let width = high - low;
                let a = 1.0 + 4.0 * (mode - low) / width;
                let b = 1.0 + 4.0 * (high - mode) / width;
                low + width * beta_quantile(a, b, u)
            }
            Distribution::Normal { mean, sd } => mean + sd * normal_quantile(u),
            Distribution::Beta { alpha, beta } => beta_quantile(alpha, beta, u),
        })
    }
}

/// An uncertain parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Uncertain {
    /// Parameter name (see [`Appraisal::parameter`]).
    pub parameter: String,
    /// Its distribution.
    pub distribution: Distribution,
}

/// Options of a Monte Carlo run.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::MonteCarloOptions;
/// let o = MonteCarloOptions::default();
/// assert_eq!((o.draws, o.seed), (10_000, 20260205));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MonteCarloOptions {
    /// Number of draws (≥ 1).
    pub draws: u32,
    /// Seed (JS callers: at most 2⁵³ − 1).
    pub seed: u64,
    /// Probabilities of the percentiles reported, each in [0, 1].
    pub probabilities: Vec<f64>,
    /// Report the share of draws with the metric at or above this value (default: 1 for ratios,
    /// 0 for net values).
    pub threshold: Option<f64>,
}

impl Default for MonteCarloOptions {
    fn default() -> Self {
        MonteCarloOptions {
            draws: 10_000,
            seed: 20_260_205,
            probabilities: vec![0.05, 0.5, 0.95],
            threshold: None,
        }
    }
}

/// One percentile of the simulated metric.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Percentile {
    /// Probability in [0, 1].
    pub probability: f64,
    /// The value (R type 7 interpolation between order statistics).
    pub value: f64,
}

/// Results of a Monte Carlo run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonteCarloResult {
    /// The metric simulated.
    pub metric: Metric,
    /// Number of draws.
    pub draws: u32,
    /// Seed.
    pub seed: u64,
    /// Generator and sampling method.
    pub generator: String,
    /// The metric for the model as given.
    pub base_output: f64,
    /// Mean of the draws.
    pub mean: f64,
    /// Smallest draw.
    pub min: f64,
    /// Largest draw.
    pub max: f64,
    /// The requested percentiles.
    pub percentiles: Vec<Percentile>,
    /// The threshold used.
    pub threshold: f64,
    /// Share of draws with the metric ≥ threshold.
    pub share_at_or_above_threshold: f64,
}

/// Runs a Monte Carlo simulation of `metric` over the uncertain parameters.
///
/// # Errors
///
/// `empty_input` without uncertain parameters; `invalid_option` for 0 draws or an unknown
/// parameter; `invalid_distribution`; `invalid_adjustment` for a probability outside [0, 1]; the
/// model's errors at any draw (e.g. a normal draw of a share outside [0, 1] — use a bounded
/// distribution for shares).
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{Appraisal, Distribution, Metric, MonteCarloOptions,
///     ReablementModel, Uncertain, monte_carlo};
/// let a = Appraisal::Reablement(ReablementModel { people: 400.0, share_independent: 0.3,
///     deadweight: 0.35, weekly_package_cost: 250.0, service_cost: 900_000.0, ..Default::default() });
/// let opts = MonteCarloOptions { draws: 2000, ..Default::default() };
/// let u = [Uncertain { parameter: "deadweight".into(),
///     distribution: Distribution::Triangular { low: 0.2, mode: 0.35, high: 0.5 } }];
/// let r = monte_carlo(&a, Metric::BenefitCostRatio, &u, &opts)?;
/// let again = monte_carlo(&a, Metric::BenefitCostRatio, &u, &opts)?;
/// assert_eq!(r, again); // seeded: the same numbers every time
/// assert!(r.percentiles[0].value < r.percentiles[2].value);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn monte_carlo(
    appraisal: &Appraisal,
    metric: Metric,
    uncertain: &[Uncertain],
    options: &MonteCarloOptions,
) -> Result<MonteCarloResult> {
    if uncertain.is_empty() {
        return Err(Error::EmptyInput {
            what: "uncertain parameters",
        });
    }
    if options.draws == 0 || options.draws > MAX_DRAWS {
        return Err(Error::InvalidOption {
            option: "draws",
            value: options.draws.to_string(),
            expected: "an integer from 1 to 10000000",
        });
    }
    for p in &options.probabilities {
        super::optimism_bias::check_share("probability", *p)?;
    }
    for u in uncertain {
        u.distribution.validate()?;
        appraisal.parameter(&u.parameter)?;
    }
    let base_output = appraisal.metric(metric)?;
    let threshold = options.threshold.unwrap_or(match metric {
        Metric::NetRoi
        | Metric::NetPresentValue
        | Metric::NetPresentBudgetImpact
        | Metric::NetSroiRatio => 0.0,
        _ => 1.0,
    });
    let mut rng = Pcg64::seed_from_u64(options.seed);
    let mut out = Vec::with_capacity(options.draws as usize);
    for _ in 0..options.draws {
        let mut model = appraisal.clone();
        for u in uncertain {
            let k = rng.next_u64() >> 11;
            let p = (k as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0);
            model = model.with_parameter(&u.parameter, u.distribution.quantile(p)?)?;
        }
        out.push(model.metric(metric)?);
    }
    let n = out.len() as f64;
    let mean = out.iter().sum::<f64>() / n;
    let above = out.iter().filter(|v| **v >= threshold).count() as f64 / n;
    out.sort_by(f64::total_cmp);
    let percentiles = options
        .probabilities
        .iter()
        .map(|p| Percentile {
            probability: *p,
            value: type7(&out, *p),
        })
        .collect();
    Ok(MonteCarloResult {
        metric,
        draws: options.draws,
        seed: options.seed,
        generator: GENERATOR.to_owned(),
        base_output,
        mean,
        min: out[0],
        max: out[out.len() - 1],
        percentiles,
        threshold,
        share_at_or_above_threshold: above,
    })
}

/// R type 7 quantile of sorted values.
fn type7(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}
