//! Quantiles of the normal, Student t, gamma and beta distributions, to full double precision.
//!
//! Every transcendental here comes from the [`libm`] crate, never from `f64::ln`/`exp`: the
//! standard library calls the platform's C maths library (glibc on Linux) natively but a different
//! implementation on `wasm32`, and the two differ in the last bit for some arguments. With `libm`
//! everywhere the Rust, Python and WASM faces produce bit-identical numbers. (This is also why the
//! crate does not use `statrs` for these functions: it calls the `std` methods.)
//!
//! Methods (spec-statistics.md §1.2):
//! * normal quantile: Wichura (1988), Algorithm AS 241 (PPND16), accurate to about 1e-16;
//! * gamma quantile: safeguarded Newton iterations on log P(a, x) or log Q(a, x), where the
//!   regularised incomplete gamma functions come from the power series and the Legendre continued
//!   fraction, with the prefactor xᵃe⁻ˣ/Γ(a+1) computed by Loader's (2000) saddle-point form
//!   for large a, so that counts in the millions keep full precision;
//! * beta and Student t quantiles: the same Newton scheme on the continued fraction of the
//!   regularised incomplete beta function.

use libm::{exp, expm1, fabs, lgamma, log, log1p, sqrt};

const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_741_780_329_736_406;
const EPS: f64 = f64::EPSILON;
const TINY: f64 = 1e-300;

/// The p-quantile of the standard normal distribution, Φ⁻¹(p) (Algorithm AS 241, PPND16).
///
/// Returns −∞ at 0, +∞ at 1 and NaN outside [0, 1].
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::distribution::normal_quantile;
/// let z = normal_quantile(0.025);
/// assert!((z + 1.959963984540054).abs() < 1e-15);
/// ```
pub fn normal_quantile(p: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if fabs(q) <= 0.425 {
        let r = 0.180625 - q * q;
        let num = ((((((r * 2509.0809287301226727 + 33430.575583588128105) * r
            + 67265.770927008700853)
            * r
            + 45921.953931549871457)
            * r
            + 13731.693765509461125)
            * r
            + 1971.5909503065514427)
            * r
            + 133.14166789178437745)
            * r
            + 3.387132872796366608;
        let den = ((((((r * 5226.495278852545925 + 28729.085735721942674) * r
            + 39307.89580009271061)
            * r
            + 21213.794301586595867)
            * r
            + 5394.1960214247511077)
            * r
            + 687.1870074920579083)
            * r
            + 42.313330701600911252)
            * r
            + 1.0;
        return q * num / den;
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let mut r = sqrt(-log(tail));
    let val = if r <= 5.0 {
        r -= 1.6;
        let num = ((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r
            + 0.24178072517745061177)
            * r
            + 1.27045825245236838258)
            * r
            + 3.64784832476320460504)
            * r
            + 5.7694972214606914055)
            * r
            + 4.6303378461565452959)
            * r
            + 1.42343711074968357734;
        let den = ((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r
            + 0.0151986665636164571966)
            * r
            + 0.14810397642748007459)
            * r
            + 0.68976733498510000455)
            * r
            + 1.6763848301838038494)
            * r
            + 2.05319162663775882187)
            * r
            + 1.0;
        num / den
    } else {
        r -= 5.0;
        let num = ((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r
            + 0.0012426609473880784386)
            * r
            + 0.026532189526576123093)
            * r
            + 0.29656057182850489123)
            * r
            + 1.7848265399172913358)
            * r
            + 5.4637849111641143699)
            * r
            + 6.6579046435011037772;
        let den = ((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r
            + 1.8463183175100546818e-5)
            * r
            + 7.868691311456132591e-4)
            * r
            + 0.0148753612908506148525)
            * r
            + 0.13692988092273580531)
            * r
            + 0.59983220655588793769)
            * r
            + 1.0;
        num / den
    };
    if q < 0.0 { -val } else { val }
}

/// The upper-tail normal quantile: the z with 1 − Φ(z) = `tail`, computed from the tail
/// probability itself so that no precision is lost forming 1 − tail.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::distribution::normal_upper_quantile;
/// assert!((normal_upper_quantile(0.001) - 3.090232306167813).abs() < 1e-14);
/// ```
pub fn normal_upper_quantile(tail: f64) -> f64 {
    -normal_quantile(tail)
}

/// Stopping rule of the Newton iterations: stop at a step within 4 ulp, or once steps are down in
/// the rounding noise of the function (below 1e-11 relative) and no longer halving — further
/// iterations would only wander within that noise.
#[derive(Default)]
struct Convergence {
    prev: f64,
}

impl Convergence {
    fn done(&mut self, step: f64, x: f64) -> bool {
        let scale = fabs(x);
        let stalled = step <= 1e-12 * scale && self.prev > 0.0 && step >= self.prev;
        self.prev = step;
        step <= 4.0 * EPS * scale || stalled
    }
}

/// Loader's (2000) deviance term bd0(x, m) = x·ln(x/m) + m − x, computed without cancellation.
fn bd0(x: f64, m: f64) -> f64 {
    if fabs(x - m) < 0.1 * (x + m) {
        let v = (x - m) / (x + m);
        let mut s = (x - m) * v;
        let mut ej = 2.0 * x * v;
        let v2 = v * v;
        let mut j = 1.0;
        // |v| < 0.1, so the series gains at least two digits a term: 1000 terms bound it even
        // when an overflowed x + m has made it NaN (then NaN is returned, never a hang).
        for _ in 0..1000 {
            ej *= v2;
            let s1 = s + ej / (2.0 * j + 1.0);
            if s1 == s || !s1.is_finite() {
                return s1;
            }
            s = s1;
            j += 1.0;
        }
        return s;
    }
    x * log(x / m) + m - x
}

/// Stirling's error term ln Γ(n+1) − (n + ½)·ln n + n − ln √(2π), for n > 15 by its series.
fn stirlerr(n: f64) -> f64 {
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    let nn = n * n;
    if n > 500.0 {
        return (S0 - S1 / nn) / n;
    }
    if n > 80.0 {
        return (S0 - (S1 - S2 / nn) / nn) / n;
    }
    if n > 35.0 {
        return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
    }
    (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n
}

/// xᵃ·e⁻ˣ / Γ(a + 1), the Poisson-like prefactor of the incomplete gamma functions.
fn gamma_prefactor(a: f64, x: f64) -> f64 {
    if x == 0.0 {
        return if a == 0.0 { 1.0 } else { 0.0 };
    }
    if a > 15.0 {
        exp(-stirlerr(a) - bd0(a, x)) / sqrt(2.0 * std::f64::consts::PI * a)
    } else {
        exp(a * log(x) - x - lgamma(a + 1.0))
    }
}

/// Series for P(a, x) divided by the prefactor: Σₖ xᵏ / ((a+1)…(a+k)).
fn gamma_series(a: f64, x: f64) -> f64 {
    let mut sum = 1.0;
    let mut term = 1.0;
    let mut ap = a;
    for _ in 0..100_000_000u64 {
        ap += 1.0;
        term *= x / ap;
        sum += term;
        if term < sum * EPS * 0.5 {
            break;
        }
    }
    sum
}

/// Legendre continued fraction for Q(a, x)·Γ(a)/(xᵃe⁻ˣ) by the modified Lentz method.
fn gamma_cf(a: f64, x: f64) -> f64 {
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / TINY;
    let mut d = 1.0 / b;
    let mut h = d;
    let mut i = 1.0;
    loop {
        let an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if fabs(d) < TINY {
            d = TINY;
        }
        c = b + an / c;
        if fabs(c) < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if fabs(del - 1.0) <= EPS || i > 1e8 {
            break;
        }
        i += 1.0;
    }
    h
}

/// Both regularised incomplete gamma functions (P(a, x), Q(a, x)) for a > 0, x ≥ 0, each
/// computed directly in the region where it is small so that neither loses relative precision.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::distribution::gamma_pq;
/// let (p, q) = gamma_pq(1.0, 2.0);
/// assert!((q - (-2.0f64).exp()).abs() < 1e-16);
/// assert!((p + q - 1.0).abs() < 1e-15);
/// ```
pub fn gamma_pq(a: f64, x: f64) -> (f64, f64) {
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    let pre = gamma_prefactor(a, x);
    if x < a + 1.0 {
        let p = pre * gamma_series(a, x);
        (p, 1.0 - p)
    } else {
        let q = a * pre * gamma_cf(a, x);
        (1.0 - q, q)
    }
}

/// Density of Gamma(a, 1) at x.
fn gamma_density(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    gamma_prefactor(a, x) * a / x
}

/// The x with P(a, x) = p: the p-quantile of Gamma(shape a, scale 1), i.e. ½·χ²ₚ(2a).
///
/// Accurate to a few ulp for the arguments the library uses (a from 1e-3 to 1e8).
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::distribution::gamma_quantile;
/// // G⁻¹(p; 1) = −ln(1 − p)
/// let x = gamma_quantile(1.0, 0.975);
/// assert!((x - 3.6888794541139363).abs() < 4e-15);
/// ```
pub fn gamma_quantile(a: f64, p: f64) -> f64 {
    gamma_solve(a, p, false)
}

/// The x with Q(a, x) = q (the upper-tail quantile), computed from q directly.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::distribution::gamma_upper_quantile;
/// let x = gamma_upper_quantile(1.0, 0.025);
/// assert!((x - 3.6888794541139363).abs() < 4e-15);
/// ```
pub fn gamma_upper_quantile(a: f64, q: f64) -> f64 {
    gamma_solve(a, q, true)
}

fn gamma_solve(a: f64, target: f64, upper: bool) -> f64 {
    if !(a > 0.0) || !(0.0..=1.0).contains(&target) {
        return f64::NAN;
    }
    // The probability P at the root, to decide the trivial ends.
    if (target == 0.0 && !upper) || (target == 1.0 && upper) {
        return 0.0;
    }
    if (target == 1.0 && !upper) || (target == 0.0 && upper) {
        return f64::INFINITY;
    }
    if a == 1.0 {
        // Closed form: P(1, x) = 1 − e^{−x}.
        return if upper { -log(target) } else { -log1p(-target) };
    }
    // Initial value: Wilson–Hilferty, or the small-x form of P for the far lower tail.
    let p_lower = if upper { 1.0 - target } else { target };
    let z = normal_quantile(p_lower);
    let wh = {
        let c = 1.0 - 1.0 / (9.0 * a) + z / (3.0 * sqrt(a));
        a * c * c * c
    };
    let small = exp((log(p_lower) + lgamma(a + 1.0)) / a);
    let mut x = if wh > 0.0 && !(a < 1.0 && p_lower < 0.5) {
        wh
    } else {
        small
    };
    if !(x > 0.0) || !x.is_finite() {
        x = a.max(1e-300);
    }
    let ln_target = log(target);
    let (mut lo, mut hi) = (0.0_f64, f64::INFINITY);
    let mut conv = Convergence::default();
    for _ in 0..200 {
        let (p, q) = gamma_pq(a, x);
        let tail = if upper { q } else { p };
        if tail <= 0.0 {
            // Underflow in the tail: move towards the body.
            if upper {
                hi = x;
            } else {
                lo = x;
            }
            x = if hi.is_finite() {
                0.5 * (lo + hi)
            } else {
                2.0 * x
            };
            continue;
        }
        let g = log(tail) - ln_target;
        // P increases with x; Q decreases.
        let increasing_in_x = !upper;
        if (g > 0.0) == increasing_in_x {
            hi = hi.min(x);
        } else {
            lo = lo.max(x);
        }
        let dens = gamma_density(a, x);
        let deriv = if upper { -dens / tail } else { dens / tail };
        let mut next = if deriv != 0.0 && deriv.is_finite() {
            x - g / deriv
        } else {
            f64::NAN
        };
        if !(next > lo && next < hi) {
            if fabs(next - x) <= 1e-14 * x {
                // A Newton step in the rounding noise that leaves the bracket: converged.
                break;
            }
            next = if hi.is_finite() {
                0.5 * (lo + hi)
            } else {
                2.0 * x
            };
        }
        let step = fabs(next - x);
        x = next;
        if conv.done(step, x) || hi - lo <= 2.0 * EPS * x {
            break;
        }
    }
    x
}

/// Regularised incomplete beta function I_x(a, b) for a, b > 0, 0 ≤ x ≤ 1.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::distribution::beta_inc;
/// // I_x(1, 1) = x
/// assert!((beta_inc(1.0, 1.0, 0.3) - 0.3).abs() < 1e-15);
/// ```
pub fn beta_inc(a: f64, b: f64, x: f64) -> f64 {
    let (i, _) = beta_inc_pair(a, b, x);
    i
}

/// (I_x(a, b), 1 − I_x(a, b)), each computed where it is small.
fn beta_inc_pair(a: f64, b: f64, x: f64) -> (f64, f64) {
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    if x >= 1.0 {
        return (1.0, 0.0);
    }
    let ln_front = a * log(x) + b * log1p(-x) - ln_beta(a, b);
    if x < (a + 1.0) / (a + b + 2.0) {
        let v = exp(ln_front) * beta_cf(a, b, x) / a;
        (v, 1.0 - v)
    } else {
        let v = exp(ln_front) * beta_cf(b, a, 1.0 - x) / b;
        (1.0 - v, v)
    }
}

fn ln_beta(a: f64, b: f64) -> f64 {
    lgamma(a) + lgamma(b) - lgamma(a + b)
}

/// Continued fraction for the incomplete beta function (modified Lentz).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    let qab = a + b;
    let qap = a + 1.0;
    let qam = a - 1.0;
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if fabs(d) < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    let mut m = 1.0;
    loop {
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if fabs(d) < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if fabs(c) < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if fabs(d) < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if fabs(c) < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if fabs(del - 1.0) <= EPS || m > 1e7 {
            break;
        }
        m += 1.0;
    }
    h
}

/// The p-quantile of Beta(a, b): the x with I_x(a, b) = p.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::distribution::beta_quantile;
/// // Beta(1, 1) is uniform.
/// assert!((beta_quantile(1.0, 1.0, 0.25) - 0.25).abs() < 1e-15);
/// ```
pub fn beta_quantile(a: f64, b: f64, p: f64) -> f64 {
    if !(a > 0.0 && b > 0.0) || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return 0.0;
    }
    if p == 1.0 {
        return 1.0;
    }
    let ln_b = ln_beta(a, b);
    // Initial value from the normal approximation on the logit scale, kept inside (0, 1).
    let mean = a / (a + b);
    let sd = sqrt(a * b / ((a + b) * (a + b) * (a + b + 1.0)));
    let mut x = (mean + normal_quantile(p) * sd).clamp(1e-12, 1.0 - 1e-12);
    let ln_p = log(p);
    let ln_q = log1p(-p);
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    let mut conv = Convergence::default();
    for _ in 0..300 {
        let (i, j) = beta_inc_pair(a, b, x);
        let dens = exp((a - 1.0) * log(x) + (b - 1.0) * log1p(-x) - ln_b);
        // Work on the smaller tail for relative precision.
        let (g, deriv) = if i <= 0.5 {
            if i <= 0.0 {
                (f64::NEG_INFINITY, f64::NAN)
            } else {
                (log(i) - ln_p, dens / i)
            }
        } else if j <= 0.0 {
            (f64::INFINITY, f64::NAN)
        } else {
            (-(log(j) - ln_q), dens / j)
        };
        if g > 0.0 {
            hi = hi.min(x);
        } else {
            lo = lo.max(x);
        }
        let mut next = if deriv.is_finite() && deriv != 0.0 && g.is_finite() {
            x - g / deriv
        } else {
            f64::NAN
        };
        if !(next > lo && next < hi) {
            if fabs(next - x) <= 1e-14 * x {
                // A Newton step in the rounding noise that leaves the bracket: converged.
                break;
            }
            next = 0.5 * (lo + hi);
        }
        let step = fabs(next - x);
        x = next;
        if conv.done(step, x) || hi - lo <= 2.0 * EPS * x {
            break;
        }
    }
    x
}

/// The upper-tail Student t quantile: the t > 0 with P(T_ν > t) = `tail` (0 < tail < ½).
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::distribution::student_t_upper_quantile;
/// // ν = 1 is the Cauchy distribution: t = tan(π(½ − tail)).
/// let t = student_t_upper_quantile(1.0, 0.025);
/// assert!((t - 12.706204736174698).abs() < 1e-12);
/// ```
pub fn student_t_upper_quantile(nu: f64, tail: f64) -> f64 {
    if !(nu > 0.0) || !(tail > 0.0 && tail < 0.5) {
        if tail == 0.5 {
            return 0.0;
        }
        return f64::NAN;
    }
    let half_nu = 0.5 * nu;
    let ln_norm = lgamma(0.5 * (nu + 1.0)) - lgamma(half_nu) - 0.5 * log(nu * std::f64::consts::PI);
    // Tail probability: ½·I_{ν/(ν+t²)}(ν/2, ½), computed on whichever side keeps precision.
    let tail_of = |t: f64| -> f64 {
        let t2 = t * t;
        if t2 < nu {
            // x close to 1: use 1 − I via the swapped pair on t²/(ν+t²).
            let y = t2 / (nu + t2);
            let (_, j) = beta_inc_pair(0.5, half_nu, y);
            0.5 * j
        } else {
            let x = nu / (nu + t2);
            0.5 * beta_inc(half_nu, 0.5, x)
        }
    };
    let dens = |t: f64| exp(ln_norm - 0.5 * (nu + 1.0) * log1p(t * t / nu));
    let mut t = normal_upper_quantile(tail).max(1e-3);
    // Cornish–Fisher style start: t ≈ z + (z³ + z)/(4ν).
    t += (t * t * t + t) / (4.0 * nu);
    let ln_tail = log(tail);
    let (mut lo, mut hi) = (0.0_f64, f64::INFINITY);
    let mut conv = Convergence::default();
    for _ in 0..300 {
        let s = tail_of(t);
        if s <= 0.0 {
            hi = hi.min(t);
            t = 0.5 * (lo + hi);
            continue;
        }
        let g = log(s) - ln_tail;
        if g > 0.0 {
            lo = lo.max(t);
        } else {
            hi = hi.min(t);
        }
        let deriv = -dens(t) / s;
        let mut next = t - g / deriv;
        if !(next > lo && next < hi) {
            if fabs(next - t) <= 1e-14 * t {
                // A Newton step in the rounding noise that leaves the bracket: converged.
                break;
            }
            next = if hi.is_finite() {
                0.5 * (lo + hi)
            } else {
                2.0 * t
            };
        }
        let step = fabs(next - t);
        t = next;
        if conv.done(step, t) || hi - lo <= 2.0 * EPS * t {
            break;
        }
    }
    t
}

/// ln Γ(x), from `libm` (exposed for the survey and economics modules).
pub fn ln_gamma(x: f64) -> f64 {
    lgamma(x)
}

/// e^x − 1 without cancellation near 0 (re-exported from `libm` for deterministic results).
pub fn exp_m1(x: f64) -> f64 {
    expm1(x)
}

/// ln √(2π).
pub const LN_SQRT_TWO_PI: f64 = LN_SQRT_2PI;

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(f64::MIN_POSITIVE)
    }

    #[test]
    fn normal_quantiles_match_the_spec_table() {
        // spec-statistics.md §1.2: within 4 ulp of the nearest f64.
        for (c, z) in [
            (0.90, 1.6448536269514726),
            (0.95, 1.9599639845400543),
            (0.99, 2.575829303548901),
            (0.998, 3.0902323061678136),
        ] {
            let got = normal_upper_quantile((1.0 - c) / 2.0);
            let ulps = ((got - z) / (z * f64::EPSILON)).abs();
            assert!(ulps <= 4.0, "c={c}: got {got}, want {z} ({ulps} ulp)");
        }
        assert_eq!(normal_quantile(0.5), 0.0);
        assert!(normal_quantile(1e-300) < -37.0);
    }

    #[test]
    fn gamma_quantile_at_shape_one_is_a_log() {
        let x = gamma_upper_quantile(1.0, 0.025);
        assert!(close(x, 3.6888794541139363, 1e-15));
        let x = gamma_upper_quantile(1.0, 0.001);
        assert!(close(x, 6.907755278982137, 1e-15));
    }

    #[test]
    fn gamma_quantile_inverts_gamma_pq() {
        for a in [0.3, 1.5, 2.0, 9.0, 10.0, 16.0, 389.0, 1045.0, 7776456.0] {
            for p in [0.001, 0.025, 0.5, 0.975, 0.999] {
                let x = gamma_quantile(a, p);
                let (pp, _) = gamma_pq(a, x);
                assert!(close(pp, p, 1e-11), "a={a} p={p}: x={x}, P={pp}");
                let xu = gamma_upper_quantile(a, 1.0 - p);
                assert!(close(xu, x, 1e-11), "a={a} p={p}: {xu} vs {x}");
            }
        }
    }

    #[test]
    fn beta_and_t_quantiles() {
        // I_x(a, 1) = x^a
        let x = beta_quantile(3.0, 1.0, 0.2);
        assert!(close(x, 0.2f64.powf(1.0 / 3.0), 1e-14));
        // t with ν = 2: t = sqrt(2) * (2p-1)/sqrt(4p(1-p)) for p = 1 - tail
        let tail: f64 = 0.025;
        let p = 1.0 - tail;
        let want = (2.0 * p - 1.0) * (2.0 / (4.0 * p * (1.0 - p))).sqrt();
        assert!(close(student_t_upper_quantile(2.0, tail), want, 1e-13));
        // large ν tends to the normal quantile
        let t = student_t_upper_quantile(1e7, 0.025);
        assert!(close(t, 1.959963984540054, 1e-6));
    }
}
