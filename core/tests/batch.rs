//! Large batches run on several threads; they must equal row-by-row scalar calls exactly and
//! report the same error (the lowest row's) as one pass would.

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
