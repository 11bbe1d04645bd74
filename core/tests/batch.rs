//! Large batches run on several threads; they must equal row-by-row scalar calls exactly and
//! report the same error (the lowest row's) as one pass would; the block fast paths (Wilson,
//! Byar) and the process-wide cache of exact limits give the bits of the row-by-row path.

use care_outcomes::stats::{
    self, PoissonMethod, ProportionOptions, RateOptions, estimate::PARALLEL_THRESHOLD,
};

fn inputs(n: usize) -> (Vec<f64>, Vec<f64>) {
    // Deterministic spread of counts (0..2000) and denominators above them.
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let x: Vec<f64> = (0..n).map(|_| (next() % 2000) as f64).collect();
    let d: Vec<f64> = x
        .iter()
        .map(|&x| x + 1.0 + (next() % 5000) as f64)
        .collect();
    (x, d)
}

#[test]
fn parallel_batches_equal_scalar_calls() {
    let n = PARALLEL_THRESHOLD * 2 + 17;
    let (x, d) = inputs(n);
    let po = ProportionOptions::default();
    let p = stats::proportion_batch(&x, &d, &po).unwrap();
    let ro = RateOptions {
        method: PoissonMethod::Exact,
        ..Default::default()
    };
    let r = stats::rate_batch(&x, &d, &ro).unwrap();
    assert_eq!(p.len(), n);
    for i in (0..n).step_by(997).chain([n - 1]) {
        assert_eq!(
            p.get(i),
            stats::proportion(x[i], d[i], &po).unwrap(),
            "row {i}"
        );
        assert_eq!(r.get(i), stats::rate(x[i], d[i], &ro).unwrap(), "row {i}");
    }
}

#[test]
fn parallel_batches_report_the_lowest_row_error() {
    let n = PARALLEL_THRESHOLD * 2;
    let (mut x, d) = inputs(n);
    x[n - 5] = -1.0;
    x[n / 2 + 3] = f64::INFINITY;
    let e = stats::rate_batch(&x, &d, &RateOptions::default()).unwrap_err();
    assert_eq!(e.code(), "non_finite");
    assert_eq!(e.row(), Some(n / 2 + 3));
}

/// The bits of every field of a row (so that -0.0 and 0.0, or two NaNs, are told apart).
fn bits(e: &stats::Estimate) -> [Option<u64>; 3] {
    [e.value, e.lower, e.upper].map(|v| v.map(f64::to_bits))
}

/// Inputs where whole blocks are ordinary and others hold nulls, zero denominators, fractional
/// and huge values, so that both the block fast paths and the row-by-row path run.
fn mixed_inputs(n: usize) -> (Vec<f64>, Vec<f64>) {
    let (mut x, mut d) = inputs(n);
    for i in (0..n).step_by(4099) {
        x[i] = f64::NAN;
    }
    for i in (7..n).step_by(7001) {
        d[i] = 0.0;
        x[i] = 0.0;
    }
    for i in (11..n).step_by(9001) {
        d[i] = 1e200;
        x[i] = 3e199;
    }
    for i in (13..n).step_by(5003) {
        x[i] = -0.0;
    }
    for i in (17..n).step_by(3001) {
        x[i] = x[i] / 3.0 + 0.25;
    }
    (x, d)
}

#[test]
fn fast_paths_equal_scalar_calls_bit_for_bit() {
    let n = PARALLEL_THRESHOLD * 2 + 1029;
    let (x, d) = mixed_inputs(n);
    for level in [0.95, 0.998] {
        let po = ProportionOptions {
            confidence: Some(level),
            multiplier: 100.0,
            ..Default::default()
        };
        let p = stats::proportion_batch(&x, &d, &po).unwrap();
        for method in [PoissonMethod::Byar, PoissonMethod::ByarUnswitched] {
            let ro = RateOptions {
                confidence: Some(level),
                method,
                ..Default::default()
            };
            let r = stats::rate_batch(&x, &d, &ro).unwrap();
            for i in 0..n {
                let want = stats::rate(x[i], d[i], &ro).unwrap();
                assert_eq!(bits(&r.get(i)), bits(&want), "rate row {i}");
                assert_eq!(r.get(i), want, "rate row {i}");
            }
        }
        assert!(p.reason.iter().any(Option::is_some));
        assert!(p.reason.iter().filter(|r| r.is_none()).count() > n / 2);
        for i in 0..n {
            let want = stats::proportion(x[i], d[i], &po).unwrap();
            assert_eq!(bits(&p.get(i)), bits(&want), "proportion row {i}");
            assert_eq!(p.get(i), want, "proportion row {i}");
        }
    }
}

#[test]
fn fast_paths_report_the_first_error_of_the_batch() {
    let n = PARALLEL_THRESHOLD * 2;
    let (mut x, d) = inputs(n);
    x[n / 2 + 5] = d[n / 2 + 5] + 1.0;
    x[n - 3] = -2.0;
    let e = stats::proportion_batch(&x, &d, &ProportionOptions::default()).unwrap_err();
    assert_eq!(e.code(), "numerator_exceeds_denominator");
    assert_eq!(e.row(), Some(n / 2 + 5));
    let e = stats::rate_batch(&x, &d, &RateOptions::default()).unwrap_err();
    assert_eq!(e.code(), "negative_value");
    assert_eq!(e.row(), Some(n - 3));
}

#[test]
fn exact_limits_are_the_same_from_the_process_cache() {
    // The first call fills the process-wide table of small counts; later calls, scalar or batch,
    // at this level or another, read it back bit for bit.
    let counts: Vec<f64> = (0..300)
        .map(f64::from)
        .chain([4095.0, 4096.0, 2.5])
        .collect();
    let ones = vec![1.0; counts.len()];
    for level in [0.95, 0.9, 0.95] {
        let ro = RateOptions {
            confidence: Some(level),
            multiplier: 1.0,
            method: PoissonMethod::Exact,
            ..Default::default()
        };
        let first = stats::rate_batch(&counts, &ones, &ro).unwrap();
        let again = stats::rate_batch(&counts, &ones, &ro).unwrap();
        let c = stats::Confidence::new(level).unwrap();
        for (i, &o) in counts.iter().enumerate() {
            let (lo, hi) = (stats::exact_lower(o, &c), stats::exact_upper(o, &c));
            for out in [&first, &again] {
                assert_eq!(out.lower[i].to_bits(), lo.to_bits(), "{level} {o}");
                assert_eq!(out.upper[i].to_bits(), hi.to_bits(), "{level} {o}");
            }
            let scalar = stats::rate(o, 1.0, &ro).unwrap();
            assert_eq!(scalar.lower.map(f64::to_bits), Some(lo.to_bits()));
        }
    }
}

#[test]
fn batches_into_caller_columns_equal_the_allocating_batches() {
    let n = PARALLEL_THRESHOLD * 2 + 1029;
    let (x, d) = mixed_inputs(n);
    let (mut v, mut l, mut u) = (vec![7.0; n], vec![7.0; n], vec![7.0; n]);
    let (mut m, mut r) = (vec![None; n], vec![None; n]);
    let po = ProportionOptions::default();
    let ro = RateOptions::default();
    for proportion in [true, false] {
        let out = stats::BatchColumns {
            value: &mut v,
            lower: &mut l,
            upper: &mut u,
            method: &mut m,
            reason: &mut r,
        };
        let (level, want) = if proportion {
            let level = stats::proportion_batch_into(&x, &d, &po, out).unwrap();
            (level, stats::proportion_batch(&x, &d, &po).unwrap())
        } else {
            let level = stats::rate_batch_into(&x, &d, &ro, out).unwrap();
            (level, stats::rate_batch(&x, &d, &ro).unwrap())
        };
        assert_eq!(level, want.confidence);
        for (got, want) in [(&v, &want.value), (&l, &want.lower), (&u, &want.upper)] {
            assert!(
                got.iter()
                    .zip(want)
                    .all(|(a, b)| a.to_bits() == b.to_bits())
            );
        }
        assert_eq!(m, want.method);
        assert_eq!(r, want.reason);
    }
}

#[test]
fn batches_into_short_columns_are_a_length_mismatch() {
    let (x, d) = inputs(10);
    let (mut v, mut l, mut u) = ([0.0; 10], [0.0; 9], [0.0; 10]);
    let (mut m, mut r) = ([None; 10], [None; 10]);
    let out = stats::BatchColumns {
        value: &mut v,
        lower: &mut l,
        upper: &mut u,
        method: &mut m,
        reason: &mut r,
    };
    let e = stats::proportion_batch_into(&x, &d, &ProportionOptions::default(), out).unwrap_err();
    assert_eq!(e.code(), "length_mismatch");
    assert!(e.to_string().contains("lower"), "{e}");
    let out = stats::BatchColumns {
        value: &mut v,
        lower: &mut [0.0; 10],
        upper: &mut u,
        method: &mut m,
        reason: &mut [None; 3],
    };
    let e = stats::rate_batch_into(&x, &d, &RateOptions::default(), out).unwrap_err();
    assert_eq!(e.code(), "length_mismatch");
}
