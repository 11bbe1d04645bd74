//! Property tests (proptest) of the invariants every estimator must keep.

use care_outcomes::indicator::Rounding;
use care_outcomes::stats::{
    self, CountTotals, MeanAccumulator, PoissonMethod, ProportionMethod, ProportionOptions,
    RateOptions,
};
use proptest::prelude::*;

fn prop_opts(conf: f64, m: f64, method: ProportionMethod) -> ProportionOptions {
    ProportionOptions {
        confidence: Some(conf),
        multiplier: m,
        method,
        ..Default::default()
    }
}

fn rate_opts(conf: f64, method: PoissonMethod) -> RateOptions {
    RateOptions {
        confidence: Some(conf),
        multiplier: 100_000.0,
        method,
        ..Default::default()
    }
}

fn counts() -> impl Strategy<Value = (u32, u32)> {
    (1u32..200_000).prop_flat_map(|n| (0..=n, Just(n)))
}

fn any_proportion_method() -> impl Strategy<Value = ProportionMethod> {
    prop_oneof![
        Just(ProportionMethod::Wilson),
        Just(ProportionMethod::ClopperPearson)
    ]
}

fn any_poisson_method() -> impl Strategy<Value = PoissonMethod> {
    prop_oneof![
        Just(PoissonMethod::Byar),
        Just(PoissonMethod::Exact),
        Just(PoissonMethod::ByarUnswitched)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn proportion_interval_contains_value_and_stays_in_bounds(
        (x, n) in counts(),
        m in prop_oneof![Just(1.0), Just(100.0), Just(1000.0)],
        conf in 0.5f64..0.9999,
        method in any_proportion_method(),
    ) {
        let e = stats::proportion(f64::from(x), f64::from(n), &prop_opts(conf, m, method)).unwrap();
        let (v, l, u) = (e.value.unwrap(), e.lower.unwrap(), e.upper.unwrap());
        prop_assert!(0.0 <= l && l <= v && v <= u && u <= m, "{l} {v} {u}");
        if x == 0 { prop_assert_eq!(l, 0.0); }
        if x == n { prop_assert_eq!(u, m); }
    }

    #[test]
    fn wider_level_contains_narrower((x, n) in counts(), method in any_proportion_method()) {
        let a = stats::proportion(f64::from(x), f64::from(n), &prop_opts(0.95, 1.0, method)).unwrap();
        let b = stats::proportion(f64::from(x), f64::from(n), &prop_opts(0.998, 1.0, method)).unwrap();
        prop_assert!(b.lower.unwrap() <= a.lower.unwrap() && a.upper.unwrap() <= b.upper.unwrap());
    }

    #[test]
    fn proportion_limits_rise_with_the_numerator((x, n) in counts(), method in any_proportion_method()) {
        prop_assume!(x < n);
        let o = prop_opts(0.95, 1.0, method);
        let a = stats::proportion(f64::from(x), f64::from(n), &o).unwrap();
        let b = stats::proportion(f64::from(x + 1), f64::from(n), &o).unwrap();
        prop_assert!(a.lower.unwrap() <= b.lower.unwrap());
        prop_assert!(a.upper.unwrap() <= b.upper.unwrap());
    }

    #[test]
    fn rate_interval_contains_value_and_nests(
        x in 0u32..2_000_000,
        n in 1u32..u32::MAX,
        method in any_poisson_method(),
    ) {
        let a = stats::rate(f64::from(x), f64::from(n), &rate_opts(0.95, method)).unwrap();
        let b = stats::rate(f64::from(x), f64::from(n), &rate_opts(0.998, method)).unwrap();
        let (v, l, u) = (a.value.unwrap(), a.lower.unwrap(), a.upper.unwrap());
        prop_assert!(0.0 <= l && l <= v && v <= u, "{l} {v} {u}");
        prop_assert!(b.lower.unwrap() <= l && u <= b.upper.unwrap());
    }

    #[test]
    fn exact_poisson_limits_rise_with_the_count(x in 0u32..100_000) {
        let o = rate_opts(0.95, PoissonMethod::Exact);
        let a = stats::rate(f64::from(x), 1e6, &o).unwrap();
        let b = stats::rate(f64::from(x + 1), 1e6, &o).unwrap();
        prop_assert!(a.lower.unwrap() < b.lower.unwrap());
        prop_assert!(a.upper.unwrap() < b.upper.unwrap());
    }

    #[test]
    fn gamma_quantile_inverts_the_cdf(a in 0.05f64..1e6, p in 0.0005f64..0.9995) {
        let x = stats::distribution::gamma_quantile(a, p);
        let (pp, _) = stats::distribution::gamma_pq(a, x);
        prop_assert!((pp - p).abs() <= 1e-10 * p.max(1e-3), "a={a} p={p} x={x} P={pp}");
    }

    #[test]
    fn batch_equals_scalar(rows in prop::collection::vec(counts(), 1..50)) {
        let x: Vec<f64> = rows.iter().map(|r| f64::from(r.0)).collect();
        let n: Vec<f64> = rows.iter().map(|r| f64::from(r.1)).collect();
        let o = RateOptions::default();
        let batch = stats::rate_batch(&x, &n, &o).unwrap();
        for i in 0..x.len() {
            let s = stats::rate(x[i], n[i], &o).unwrap();
            prop_assert_eq!(batch.get(i), s);
        }
    }

    #[test]
    fn mean_interval_contains_mean(values in prop::collection::vec(-1e6f64..1e6, 2..100)) {
        let m = stats::mean(&values, &stats::MeanOptions::default()).unwrap();
        let e = m.estimate;
        prop_assert!(e.lower.unwrap() <= e.value.unwrap() && e.value.unwrap() <= e.upper.unwrap());
    }

    #[test]
    fn partitioned_totals_equal_one_pass(
        rows in prop::collection::vec((0u32..1_000_000, 0u32..1_000_000), 1..200),
        cut in 0usize..200,
    ) {
        let cut = cut.min(rows.len());
        let mut whole = CountTotals::default();
        let (mut left, mut right) = (CountTotals::default(), CountTotals::default());
        for (i, (x, n)) in rows.iter().enumerate() {
            whole.push(f64::from(*x), f64::from(*n));
            if i < cut { left.push(f64::from(*x), f64::from(*n)); } else { right.push(f64::from(*x), f64::from(*n)); }
        }
        right.merge(&left);
        prop_assert_eq!(right.numerator(false), whole.numerator(false));
        prop_assert_eq!(right.denominator(false), whole.denominator(false));
    }

    #[test]
    fn merged_means_match_one_pass(values in prop::collection::vec(-1e3f64..1e3, 2..100), cut in 0usize..100) {
        let cut = cut.min(values.len());
        let mut whole = MeanAccumulator::default();
        let (mut a, mut b) = (MeanAccumulator::default(), MeanAccumulator::default());
        for (i, v) in values.iter().enumerate() {
            whole.push(*v);
            if i < cut { a.push(*v) } else { b.push(*v) }
        }
        a.merge(&b);
        prop_assert_eq!(a.count(), whole.count());
        prop_assert!((a.mean().unwrap() - whole.mean().unwrap()).abs() <= 1e-9);
        prop_assert!((a.stdev().unwrap() - whole.stdev().unwrap()).abs() <= 1e-9 * whole.stdev().unwrap().max(1.0));
    }

    #[test]
    fn rounding_rules_agree_except_on_ties(num in 0u64..10_000_000, den in 1u64..10_000_000, dp in 0u32..4) {
        let away = Rounding::HalfAwayFromZero { dp }.round_ratio(u128::from(num) * 100, u128::from(den)).unwrap();
        let even = Rounding::HalfEven { dp }.round_ratio(u128::from(num) * 100, u128::from(den)).unwrap();
        prop_assert!(away.units == even.units || away.units == even.units + 1);
        let exact = num as f64 * 100.0 / den as f64 * 10f64.powi(dp.cast_signed());
        prop_assert!((away.units as f64 - exact).abs() <= 0.5 + 1e-6);
    }
}

proptest! {
    /// The fast path of `Decimal::to_f64` gives the f64 nearest the decimal text, always.
    #[test]
    fn decimal_to_f64_is_correctly_rounded(units in -(1i128 << 60)..(1i128 << 60), dp in 0u32..=25) {
        let d = care_outcomes::indicator::Decimal::new(units, dp);
        let parsed: f64 = d.to_string().parse().unwrap();
        prop_assert_eq!(d.to_f64().to_bits(), parsed.to_bits());
    }
}
