//! The 12-unit proportion funnel of spec-economics-spc.md §8.3 (vectors/funnel-vectors.json, a
//! copy of ../shared/reference/funnel-vectors.json): z-scores, 10% winsorisation, φ, τ² on the
//! raw and arcsine scales, unadjusted and overdispersed limits, each unit's position; the
//! off / on / auto modes; bad inputs.
//!
//! The file's limits were computed with z rounded to 1.959964 and 3.090232 (its description
//! says so); the core uses the exact normal quantiles, so limits agree to 3e-8 (the rounding of
//! z moves a limit by 3e-7 × its half-width / z; with the rounded z they agree to 1e-9, checked
//! below) while z-scores, φ and τ², which do not involve z_α, agree
//! to 1e-9 relative.

use care_outcomes::stats::{
    Confidence, FunnelScale, FunnelSignificance, Overdispersion, OverdispersionOptions,
    funnel_overdispersed, overdispersion, proportion_funnel_limits,
};
use serde_json::Value as Json;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn vectors() -> Json {
    serde_json::from_str(
        &std::fs::read_to_string(root().join("vectors/funnel-vectors.json")).unwrap(),
    )
    .unwrap()
}

fn rel(got: f64, want: &Json, tol: f64, what: &str) {
    let want = want.as_f64().unwrap();
    assert!(
        (got - want).abs() <= tol * want.abs().max(1.0),
        "{what}: got {got}, want {want}"
    );
}

fn pair(got: (f64, f64), want: &Json, tol: f64, what: &str) {
    rel(got.0, &want[0], tol, what);
    rel(got.1, &want[1], tol, what);
}

fn inputs(v: &Json) -> (Vec<f64>, Vec<f64>) {
    let u = v["units"].as_array().unwrap();
    (
        u.iter().map(|x| x["r"].as_f64().unwrap()).collect(),
        u.iter().map(|x| x["n"].as_f64().unwrap()).collect(),
    )
}

fn opts(od: Overdispersion, scale: FunnelScale) -> OverdispersionOptions {
    OverdispersionOptions {
        overdispersion: od,
        scale,
        ..Default::default()
    }
}

#[test]
fn copy_equals_shared_reference() {
    let shared = root().join("../shared/reference/funnel-vectors.json");
    if let Ok(reference) = std::fs::read(&shared) {
        let copy = std::fs::read(root().join("vectors/funnel-vectors.json")).unwrap();
        assert_eq!(copy, reference, "vectors/funnel-vectors.json differs");
    }
}

#[test]
fn raw_scale_phi_tau2_and_every_unit() {
    let v = vectors();
    let (r, n) = inputs(&v);
    let f = funnel_overdispersed(&r, &n, &opts(Overdispersion::On, FunnelScale::Normal)).unwrap();
    assert!(f.adjusted);
    rel(f.target, &v["target"], 1e-9, "target");
    rel(f.estimate.winsor_lower, &v["winsor_lo"], 1e-9, "winsor_lo");
    rel(f.estimate.winsor_upper, &v["winsor_hi"], 1e-9, "winsor_hi");
    rel(f.estimate.phi, &v["phi"], 1e-9, "phi");
    rel(12.0 * f.estimate.phi, &v["I_phi"], 1e-9, "I_phi");
    rel(
        f.estimate.tau2 * 1e4,
        &Json::from(v["tau2"].as_f64().unwrap() * 1e4),
        1e-9,
        "tau2",
    );
    let off =
        funnel_overdispersed(&r, &n, &opts(Overdispersion::Off, FunnelScale::Normal)).unwrap();
    assert!(!off.adjusted);
    for (i, u) in v["units"].as_array().unwrap().iter().enumerate() {
        let id = u["unit"].as_str().unwrap();
        let a = &f.units[i];
        rel(a.value, &u["p"], 1e-9, id);
        rel(a.z, &u["z"], 1e-9, id);
        rel(f.estimate.z_winsorised[i], &u["z_winsorised"], 1e-9, id);
        rel(a.z_adjusted, &u["z_od"], 1e-9, id);
        pair(a.limits_95, &u["od_normal_95"], 3e-8, id);
        pair(a.limits_998, &u["od_normal_998"], 3e-8, id);
        // With the file's rounded z the same half-width reproduces its figures to 1e-9.
        let z998 = Confidence::new(0.998).unwrap().z();
        let half = (f.target - a.limits_998.0) / z998;
        rel(f.target - 3.090232 * half, &u["od_normal_998"][0], 1e-9, id);
        rel(f.target + 3.090232 * half, &u["od_normal_998"][1], 1e-9, id);
        let b = &off.units[i];
        pair(b.limits_95, &u["normal_95"], 3e-8, id);
        pair(b.limits_998, &u["normal_998"], 3e-8, id);
        // The PHE "Wilson" funnel limits equal the normal ones to 8 digits.
        pair(b.limits_95, &u["phe_wilson_95"], 1e-8, id);
        let want = |flag: &Json| match flag.as_str().unwrap() {
            "in" => [
                FunnelSignificance::NotSignificant,
                FunnelSignificance::High025,
                FunnelSignificance::Low025,
            ],
            "low" => [FunnelSignificance::Low001; 3],
            "high" => [FunnelSignificance::High001; 3],
            f => panic!("flag {f}"),
        };
        assert!(want(&u["flag_od_998"]).contains(&a.significance), "{id} od");
        assert!(
            want(&u["flag_unadjusted_998"]).contains(&b.significance),
            "{id} unadjusted"
        );
    }
    // Spec §8.3: unit A widens from 0.739114-0.906064 to 0.718599-0.926579; L stays below
    // the adjusted lower limit 0.730441.
    assert_eq!(
        format!(
            "{:.6}-{:.6}",
            off.units[0].limits_998.0, off.units[0].limits_998.1
        ),
        "0.739114-0.906064"
    );
    assert_eq!(
        format!(
            "{:.6}-{:.6}",
            f.units[0].limits_998.0, f.units[0].limits_998.1
        ),
        "0.718599-0.926579"
    );
    assert_eq!(format!("{:.6}", f.units[11].limits_998.0), "0.730441");
    assert_eq!(f.units[11].significance, FunnelSignificance::Low001);
    // The unadjusted limits are the existing proportion_funnel_limits.
    let c = Confidence::new(0.998).unwrap();
    assert_eq!(
        off.units[0].limits_998,
        proportion_funnel_limits(f.target, 200.0, &c)
    );
}

#[test]
fn arcsine_scale() {
    let v = vectors();
    let (r, n) = inputs(&v);
    let a = &v["arcsine_scale"];
    let f = funnel_overdispersed(&r, &n, &opts(Overdispersion::On, FunnelScale::Arcsine)).unwrap();
    rel(
        libm::asin(f.target.sqrt()),
        &a["target_transformed"],
        1e-9,
        "target",
    );
    rel(f.estimate.winsor_lower, &a["winsor_lo"], 1e-9, "lo");
    rel(f.estimate.winsor_upper, &a["winsor_hi"], 1e-9, "hi");
    rel(f.estimate.phi, &a["phi"], 1e-9, "phi");
    rel(
        f.estimate.tau2 * 1e4,
        &Json::from(a["tau2"].as_f64().unwrap() * 1e4),
        1e-9,
        "tau2",
    );
    for (i, u) in v["units"].as_array().unwrap().iter().enumerate() {
        let id = u["unit"].as_str().unwrap();
        rel(f.units[i].z, &u["z_arcsine"], 1e-9, id);
        pair(f.units[i].limits_998, &u["arcsine_od_998"], 3e-8, id);
    }
}

#[test]
fn auto_mode_follows_phi() {
    let v = vectors();
    let (r, n) = inputs(&v);
    let auto = opts(Overdispersion::Auto, FunnelScale::Normal);
    assert!(
        funnel_overdispersed(&r, &n, &auto).unwrap().adjusted,
        "phi = 1.73 > 1"
    );
    // Units that agree closely: phi < 1, auto leaves the limits unadjusted and on has tau2 = 0.
    let r2 = [50.0, 101.0, 149.0, 199.0];
    let n2 = [100.0, 200.0, 300.0, 400.0];
    let f = funnel_overdispersed(&r2, &n2, &auto).unwrap();
    assert!(f.estimate.phi < 1.0 && !f.adjusted);
    let on =
        funnel_overdispersed(&r2, &n2, &opts(Overdispersion::On, FunnelScale::Normal)).unwrap();
    assert_eq!(on.estimate.tau2, 0.0);
    assert_eq!(on.units[0].limits_998, f.units[0].limits_998);
}

#[test]
fn limits_at_matches_units_and_widens_with_tau2() {
    let v = vectors();
    let (r, n) = inputs(&v);
    let f = funnel_overdispersed(&r, &n, &opts(Overdispersion::On, FunnelScale::Normal)).unwrap();
    assert_eq!(f.limits_at(200.0, 0.998).unwrap(), f.units[0].limits_998);
    // Far out the adjusted funnel stops narrowing: its width tends to 2·z·τ.
    let (lo, hi) = f.limits_at(1e12, 0.998).unwrap();
    let want = 2.0 * Confidence::new(0.998).unwrap().z() * f.estimate.tau2.sqrt();
    assert!(((hi - lo) - want).abs() < 1e-9);
    assert_eq!(
        f.limits_at(0.0, 0.95).unwrap_err().code(),
        "nonpositive_denominator"
    );
    assert_eq!(
        f.limits_at(100.0, 1.5).unwrap_err().code(),
        "invalid_confidence"
    );
}

#[test]
fn bad_inputs() {
    let o = OverdispersionOptions::default();
    let code = |r: &[f64], n: &[f64]| funnel_overdispersed(r, n, &o).unwrap_err().code();
    assert_eq!(code(&[], &[]), "empty_input");
    assert_eq!(code(&[1.0], &[2.0, 3.0]), "length_mismatch");
    assert_eq!(code(&[f64::NAN], &[2.0]), "missing_input");
    assert_eq!(code(&[f64::INFINITY], &[2.0]), "non_finite");
    assert_eq!(code(&[-1.0], &[2.0]), "negative_value");
    assert_eq!(code(&[1.0], &[0.0]), "nonpositive_denominator");
    assert_eq!(code(&[3.0], &[2.0]), "numerator_exceeds_denominator");
    let w = OverdispersionOptions {
        winsor_fraction: 0.5,
        ..o
    };
    assert_eq!(
        funnel_overdispersed(&[1.0], &[2.0], &w).unwrap_err().code(),
        "invalid_option"
    );
    assert_eq!(
        overdispersion(&[1.0], &[-1.0], 0.0, 0.1)
            .unwrap_err()
            .code(),
        "negative_value"
    );
    assert_eq!(
        overdispersion(&[1.0], &[1.0], f64::NAN, 0.1)
            .unwrap_err()
            .code(),
        "non_finite"
    );
    assert_eq!(
        "maybe".parse::<Overdispersion>().unwrap_err().code(),
        "invalid_option"
    );
    assert_eq!(
        "logit".parse::<FunnelScale>().unwrap_err().code(),
        "invalid_option"
    );
}

#[test]
fn all_equal_proportions_of_zero_are_defined() {
    // p̄ = 0: every s is 0 and every z is defined as 0 (no deviation), never NaN.
    let f = funnel_overdispersed(
        &[0.0, 0.0],
        &[10.0, 20.0],
        &opts(Overdispersion::On, FunnelScale::Normal),
    )
    .unwrap();
    assert_eq!(f.estimate.phi, 0.0);
    assert_eq!(f.units[0].limits_998, (0.0, 0.0));
    assert_eq!(f.units[0].significance, FunnelSignificance::NotSignificant);
}

// ---- Ratios and rates [L: no peer output to compare with; invariants and exact Poisson] ----

mod ratios {
    use care_outcomes::stats::distribution::{gamma_quantile, gamma_upper_quantile};
    use care_outcomes::stats::{
        Confidence, FunnelKind, FunnelScale, FunnelSignificance, Overdispersion,
        OverdispersionOptions, funnel_overdispersed, funnel_rates_overdispersed,
        funnel_ratios_overdispersed,
    };

    fn o(od: Overdispersion, scale: FunnelScale) -> OverdispersionOptions {
        OverdispersionOptions {
            overdispersion: od,
            scale,
            ..Default::default()
        }
    }

    const OBS: [f64; 8] = [30.0, 55.0, 90.0, 20.0, 140.0, 61.0, 12.0, 75.0];
    const EXP: [f64; 8] = [40.0, 50.0, 60.0, 25.0, 110.0, 70.0, 15.0, 80.0];

    #[test]
    fn unadjusted_limits_have_the_closed_forms() {
        let z = Confidence::new(0.998).unwrap().z();
        for scale in [FunnelScale::Normal, FunnelScale::Sqrt] {
            let f =
                funnel_ratios_overdispersed(&OBS, &EXP, &o(Overdispersion::Off, scale)).unwrap();
            assert_eq!(f.kind, FunnelKind::Ratio);
            for (u, &e) in f.units.iter().zip(&EXP) {
                let (lo, hi) = match scale {
                    FunnelScale::Sqrt => {
                        let h = z / (2.0 * e.sqrt());
                        ((1.0 - h).max(0.0).powi(2), (1.0 + h).powi(2))
                    }
                    _ => ((1.0 - z / e.sqrt()).max(0.0), 1.0 + z / e.sqrt()),
                };
                assert!((u.limits_998.0 - lo).abs() < 1e-14 && (u.limits_998.1 - hi).abs() < 1e-14);
            }
        }
    }

    #[test]
    fn sqrt_scale_approaches_the_exact_poisson_limits() {
        // Exact O/E limits at expected E (spec §8.1): G⁻¹(0.001; E)/E and G⁻¹(0.999; E + 1)/E.
        let f = funnel_ratios_overdispersed(&OBS, &EXP, &o(Overdispersion::Off, FunnelScale::Sqrt))
            .unwrap();
        for e in [100.0, 1000.0, 10_000.0] {
            let (lo, hi) = f.limits_at(e, 0.998).unwrap();
            let exact_lo = gamma_quantile(e, 0.001) / e;
            let exact_hi = gamma_upper_quantile(e + 1.0, 0.001) / e;
            let tol = 2.0 / e;
            assert!((lo - exact_lo).abs() < tol, "E {e}: {lo} vs {exact_lo}");
            assert!((hi - exact_hi).abs() < tol, "E {e}: {hi} vs {exact_hi}");
        }
    }

    #[test]
    fn overdispersed_ratios_widen_and_level_off() {
        let f = funnel_ratios_overdispersed(&OBS, &EXP, &o(Overdispersion::On, FunnelScale::Sqrt))
            .unwrap();
        assert!(f.estimate.phi > 1.0 && f.estimate.tau2 > 0.0 && f.adjusted);
        let off =
            funnel_ratios_overdispersed(&OBS, &EXP, &o(Overdispersion::Off, FunnelScale::Sqrt))
                .unwrap();
        for (a, b) in f.units.iter().zip(&off.units) {
            assert!(a.limits_998.0 < b.limits_998.0 && a.limits_998.1 > b.limits_998.1);
            assert!(a.z_adjusted.abs() < b.z.abs() || a.z == 0.0);
        }
        // As E grows the adjusted width tends to (1 + zτ)² − (1 − zτ)² = 4zτ.
        let z = Confidence::new(0.998).unwrap().z();
        let (lo, hi) = f.limits_at(1e13, 0.998).unwrap();
        assert!(((hi - lo) - 4.0 * z * f.estimate.tau2.sqrt()).abs() < 1e-6);
        let auto =
            funnel_ratios_overdispersed(&OBS, &EXP, &o(Overdispersion::Auto, FunnelScale::Sqrt))
                .unwrap();
        assert!(auto.adjusted);
    }

    #[test]
    fn observed_equal_expected_is_not_dispersed() {
        let f = funnel_ratios_overdispersed(&EXP, &EXP, &o(Overdispersion::On, FunnelScale::Sqrt))
            .unwrap();
        assert_eq!((f.estimate.phi, f.estimate.tau2), (0.0, 0.0));
        assert!(
            f.units
                .iter()
                .all(|u| u.significance == FunnelSignificance::NotSignificant)
        );
    }

    #[test]
    fn a_rate_funnel_is_the_ratio_funnel_against_the_pooled_rate() {
        let pops = [
            10_000.0, 12_000.0, 8_000.0, 30_000.0, 5_000.0, 22_000.0, 9_000.0, 15_000.0,
        ];
        let m = 100_000.0;
        let opts = o(Overdispersion::On, FunnelScale::Sqrt);
        let rates = funnel_rates_overdispersed(&OBS, &pops, m, &opts).unwrap();
        let pooled = OBS.iter().sum::<f64>() / pops.iter().sum::<f64>();
        assert!((rates.target - pooled * m).abs() < 1e-9);
        let expected: Vec<f64> = pops.iter().map(|p| pooled * p).collect();
        let ratios = funnel_ratios_overdispersed(&OBS, &expected, &opts).unwrap();
        assert_eq!(rates.estimate, ratios.estimate);
        for ((r, q), (&a, &p)) in rates
            .units
            .iter()
            .zip(&ratios.units)
            .zip(OBS.iter().zip(&pops))
        {
            assert_eq!(r.significance, q.significance);
            assert!((r.value - a / p * m).abs() < 1e-9);
            assert!((r.limits_998.0 - q.limits_998.0 * rates.target).abs() < 1e-9);
            assert_eq!(r.denominator, p);
        }
    }

    #[test]
    fn bad_inputs() {
        let code = |r: care_outcomes::Result<care_outcomes::stats::OverdispersedFunnel>| {
            r.unwrap_err().code()
        };
        let d = OverdispersionOptions::default();
        assert_eq!(
            code(funnel_ratios_overdispersed(
                &OBS,
                &EXP,
                &o(Overdispersion::On, FunnelScale::Arcsine)
            )),
            "invalid_option"
        );
        assert_eq!(
            code(funnel_overdispersed(
                &[1.0],
                &[2.0],
                &o(Overdispersion::On, FunnelScale::Sqrt)
            )),
            "invalid_option"
        );
        assert_eq!(
            code(funnel_ratios_overdispersed(&[1.0], &[0.0], &d)),
            "nonpositive_denominator"
        );
        assert_eq!(
            code(funnel_ratios_overdispersed(&[-1.0], &[1.0], &d)),
            "negative_value"
        );
        assert_eq!(
            code(funnel_ratios_overdispersed(&[], &[], &d)),
            "empty_input"
        );
        assert_eq!(
            code(funnel_ratios_overdispersed(&[1.0], &[1.0, 2.0], &d)),
            "length_mismatch"
        );
        assert_eq!(
            code(funnel_rates_overdispersed(
                &[0.0, 0.0],
                &[5.0, 6.0],
                1.0,
                &d
            )),
            "empty_input"
        );
        assert_eq!(
            code(funnel_rates_overdispersed(&[1.0], &[5.0], 0.0, &d)),
            "invalid_multiplier"
        );
        assert_eq!(
            code(funnel_rates_overdispersed(&[1.0], &[f64::NAN], 1.0, &d)),
            "missing_input"
        );
    }
}
