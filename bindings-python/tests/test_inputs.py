"""Inputs of every kind give identical numbers; nulls carry reasons; outputs export cleanly."""

from __future__ import annotations

import math
from typing import Any, List

import numpy as np
import pytest

import care_outcomes as co

s = co.stats

X = [0.0, 5.0, 65.0, 100.0]
N = [100.0, 100.0, 100.0, 100.0]


def _same(a: Any, b: Any) -> None:
    np.testing.assert_array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float))


def _scalar_rows(fn: Any) -> List[co.Estimate]:
    return [fn(x, n) for x, n in zip(X, N)]


def _check_against_scalars(est: co.Estimates, rows: List[co.Estimate]) -> None:
    assert len(est) == len(rows)
    for i, r in enumerate(rows):
        assert est.value[i] == r.value
        assert est.lower[i] == r.lower
        assert est.upper[i] == r.upper
        assert est.method[i] == r.method
        assert est.reason[i] == r.reason
        assert est[i] == r


@pytest.mark.parametrize("fn", [s.proportion, s.rate])
def test_lists_tuples_numpy_match_scalars(fn: Any) -> None:
    rows = _scalar_rows(fn)
    for x, n in [
        (X, N),
        (tuple(X), tuple(N)),
        (np.array(X), np.array(N)),
        (np.array(X, dtype=np.int64), np.array(N, dtype=np.int32)),
        (np.array(X, dtype=np.float32), N),
        (np.repeat(X, 2)[::2], np.array(N)),  # not contiguous
        (iter(X), N),
    ]:
        _check_against_scalars(fn(x, n), rows)


def test_read_only_numpy_is_not_copied_or_written() -> None:
    x = np.array(X)
    n = np.array(N)
    x.flags.writeable = False
    n.flags.writeable = False
    est = s.proportion(x, n)
    _check_against_scalars(est, _scalar_rows(s.proportion))
    assert list(x) == X


def test_scalar_broadcasts_against_a_column() -> None:
    est = s.rate(X, 1000)
    _check_against_scalars(est, [s.rate(x, 1000) for x in X])


def test_pandas_inputs() -> None:
    pd = pytest.importorskip("pandas")
    rows = _scalar_rows(s.proportion)
    _check_against_scalars(s.proportion(pd.Series(X), pd.Series(N)), rows)
    _check_against_scalars(
        s.proportion(pd.Series(X, dtype="Int64"), pd.Series(N, dtype="Float64")), rows
    )
    est = s.proportion(pd.Series([1, pd.NA], dtype="Int64"), pd.Series([2, 2], dtype="Int64"))
    assert list(est.reason) == [None, "missing_input"]
    assert s.proportion(pd.NA, 10).reason == "missing_input"


def test_polars_inputs() -> None:
    pl = pytest.importorskip("polars")
    rows = _scalar_rows(s.proportion)
    _check_against_scalars(s.proportion(pl.Series(X), pl.Series(N)), rows)
    _check_against_scalars(s.proportion(pl.Series([int(v) for v in X]), pl.Series(N)), rows)
    est = s.proportion(pl.Series([1, None]), pl.Series([2, 2]))
    assert list(est.reason) == [None, "missing_input"]


def test_pyarrow_inputs() -> None:
    pa = pytest.importorskip("pyarrow")
    rows = _scalar_rows(s.proportion)
    _check_against_scalars(s.proportion(pa.array(X), pa.array(N)), rows)
    _check_against_scalars(s.proportion(pa.chunked_array([X[:2], X[2:]]), pa.array(N)), rows)
    est = s.proportion(pa.array([1, None]), pa.array([2, 2]))
    assert list(est.reason) == [None, "missing_input"]


def test_missing_values_give_missing_input() -> None:
    for missing in (None, math.nan, float("nan"), np.nan):
        e = s.proportion(missing, 10)
        assert e.value is None and e.lower is None and e.upper is None
        assert e.reason == "missing_input"
        assert e.method is None
    est = s.rate([1, None, math.nan], [10, 10, 10])
    assert list(est.reason) == [None, "missing_input", "missing_input"]
    assert np.isnan(est.value[1]) and np.isnan(est.lower[2])


def test_zero_denominator_gives_a_reason() -> None:
    e = s.proportion(0, 0)
    assert e.value is None and e.reason == "zero_denominator"
    assert e.confidence == "95%"
    est = s.rate([3, 0], [100, 0])
    assert list(est.reason) == [None, "zero_denominator"]
    assert est.value[0] == 3000.0 and np.isnan(est.value[1])


def test_no_confidence_gives_values_only() -> None:
    e = s.proportion(1, 4, confidence=None)
    assert e.value == 0.25 and e.lower is None and e.upper is None
    assert e.confidence is None and e.method == "Wilson"
    est = s.rate([1, 2], [10, 10], confidence=None, per=1)
    assert np.isnan(est.lower).all()
    assert list(est.to_dict()) == ["value", "confidence", "method", "reason"]


def test_labels_come_from_the_core() -> None:
    e = s.proportion(1, 4, confidence=0.998)
    assert e.confidence == "99.8%" and e.level == 0.998
    r = s.rate([5, 50], [1000, 1000])
    assert list(r.method) == ["Exact", "Byars"]
    assert s.proportion(1, 4, method="exact").method == "Clopper-Pearson"


def test_to_pandas_columns() -> None:
    pytest.importorskip("pandas")
    df = s.rate([1, 0], [10, 0], confidence=0.998).to_pandas()
    assert list(df.columns) == [
        "value", "lower_99_8", "upper_99_8", "confidence", "method", "reason",
    ]  # fmt: skip
    assert df["reason"].isna().tolist() == [True, False]
    df = s.proportion(X, N).to_pandas()
    assert list(df.columns)[:3] == ["value", "lower_95", "upper_95"]
    _same(df["value"], np.array(X) / np.array(N))


def test_arrow_round_trip() -> None:
    pa = pytest.importorskip("pyarrow")
    est = s.rate([1, 0, 7], [10, 0, 100])
    table = est.to_arrow()
    assert table.column_names == ["value", "lower_95", "upper_95", "confidence", "method", "reason"]
    assert table.column("value").null_count == 1
    assert table.column("reason").to_pylist() == [None, "zero_denominator", None]
    back = pa.table(est)  # via __arrow_c_stream__
    assert back.equals(table)
    _same(back.column("lower_95").to_numpy(zero_copy_only=False), est.lower)
    again = s.rate(back.column("value"), 1, per=1, confidence=None)
    assert list(again.reason) == [None, "missing_input", None]


def test_polars_reads_the_arrow_stream() -> None:
    pl = pytest.importorskip("polars")
    pytest.importorskip("pyarrow")
    est = s.proportion(X, N)
    df = pl.DataFrame(est)
    assert df.columns[:3] == ["value", "lower_95", "upper_95"]
    _same(df["upper_95"].to_numpy(), est.upper)


def test_grouped_proportion_sums_then_computes() -> None:
    est = s.proportion([1, 2, 3, 4], [10, 10, 10, 10], groups=["b", "a", "b", "a"])
    assert est.groups == ["b", "a"]
    one = s.proportion(4, 20)
    row = est[0]
    assert (row.value, row.lower, row.upper, row.method) == (one.value, one.lower, one.upper, one.method)
    assert row.extras == {"group": "b", "numerator": 4.0, "denominator": 20.0}
    assert est.to_dict()["group"] == ["b", "a"]
    missing = s.rate([1, None, 3], [10, 10, 10], groups=[1, 1, 2])
    assert list(missing.reason) == ["missing_input", None]
    skipped = s.rate([1, None, 3], [10, 10, 10], groups=[1, 1, 2], skip_missing=True)
    assert skipped.value[0] == s.rate(1, 10).value


def test_aggregate_counts() -> None:
    g = s.aggregate_counts(["a", "b", "a"], [1, 2, 3], [10, 20, 30])
    assert g.groups == ["a", "b"]
    _same(g.numerator, [4, 2])
    _same(g.denominator, [40, 20])
    _same(g.rows, [2, 1])


def test_mean() -> None:
    m = s.mean([30, 40, 50, 60])
    assert m.value == 45.0 and m.method == "Student's t-distribution"
    assert m.extras == {"value_sum": 180.0, "value_count": 4, "stdev": m.extras["stdev"]}
    one = s.mean([5.0])
    assert one.value == 5.0 and one.lower is None and one.reason == "insufficient_values"
    assert s.mean([1, None, 3]).reason == "missing_input"
    assert s.mean([1, None, 3], skip_missing=True).value == 2.0


ESP = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
       "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"]  # fmt: skip
COUNTS = [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91]
POPS = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123,
        207]  # fmt: skip


def test_dsr_dicts_columns_groups_agree() -> None:
    by_cols = s.dsr(COUNTS, POPS, bands=ESP)
    assert isinstance(by_cols, co.Estimate)
    assert by_cols.method == "Dobson" and by_cols.extras["total_count"] == 895.0
    by_dict = s.dsr(dict(zip(ESP, COUNTS)), dict(zip(ESP, POPS)))
    assert by_dict == by_cols
    # shuffled rows join by band label, not position
    order = list(reversed(range(19)))
    shuffled = s.dsr([COUNTS[i] for i in order], [POPS[i] for i in order],
                     bands=[ESP[i] for i in order])  # fmt: skip
    assert shuffled.value == by_cols.value
    grouped = s.dsr(COUNTS * 2, POPS + [0] + POPS[1:], bands=ESP * 2, groups=["A"] * 19 + ["B"] * 19)
    assert isinstance(grouped, co.Estimates)
    assert grouped.groups == ["A", "B"]
    assert grouped.value[0] == by_cols.value
    assert list(grouped.reason) == [None, "zero_population"]
    weighted = s.dsr(COUNTS, POPS, weights=[5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000,
                     7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000])  # fmt: skip
    assert weighted == by_cols
    small = s.dsr([1] * 9 + [0] * 10, POPS, bands=ESP)
    assert small.value is None and small.reason == "small_count"
    assert small.extras["total_count"] == 9.0


def test_non_independent_at_f1_equals_dsr() -> None:
    e = s.dsr_non_independent([1] * 19, COUNTS, POPS, bands=ESP)
    plain = s.dsr(COUNTS, POPS, bands=ESP)
    assert e.value == plain.value and e.lower == plain.lower
    assert e.method == "Dobson, with confidence adjusted for non-independent events"


def test_isr_band_counts_and_totals_agree() -> None:
    ref_c = dict(zip(ESP, [c * 10 for c in COUNTS]))
    ref_p = dict(zip(ESP, [p * 12 for p in POPS]))
    a = s.isratio(COUNTS, POPS, bands=ESP, ref_counts=ref_c, ref_populations=ref_p)
    b = s.isratio(None, POPS, bands=ESP, ref_counts=ref_c, ref_populations=ref_p,
                  observed_totals=895)  # fmt: skip
    assert a == b
    assert a.extras["observed"] == 895.0
    r = s.israte(COUNTS, POPS, bands=ESP, ref_counts=ref_c, ref_populations=ref_p, per=1000)
    assert r.extras["ref_rate"] == pytest.approx(1000 * 8950 / sum(p * 12 for p in POPS))
    g = s.isratio(None, POPS * 2, bands=ESP * 2, ref_counts=ref_c, ref_populations=ref_p,
                  groups=["x"] * 19 + ["y"] * 19, observed_totals={"x": 895})  # fmt: skip
    assert g.value[0] == a.value and g.reason[1] == "missing_input"


def test_funnels() -> None:
    f = s.funnel_proportions([10, 50, 90], [100, 100, 100], multiplier=100)
    assert f.baseline == 50.0
    assert list(f.significance) == ["Low (0.001)", "Not significant", "High (0.001)"]
    assert len(f.limits["population"]) == 100
    r = s.funnel_ratios([8, 151, 159], [6.239860227, 106.4429719, 232.9329036])
    assert list(r.significance) == ["Not significant", "High (0.001)", "Low (0.001)"]
    rt = s.funnel_rates([50, 200, 30], [500, 400, 600], rate_type="crude", years_of_data=1)
    assert rt.points is not None and rt.points["denominator_derived"][0] == 10_000.0
    lo, hi = s.proportion_funnel_limits(0.05, 50, confidence=0.95, multiplier=100, clamp=False)
    assert lo < 0
    lo, hi = s.proportion_funnel_limits(0.05, 50, confidence=0.95, multiplier=100)
    assert lo == 0.0  # clamped by default, as plotted
    q = s.quantiles([1.0, 2.0, 3.0, 4.0], nquantiles=2)
    assert list(q.quantile) == [2.0, 2.0, 1.0, 1.0]  # default invert: highest value gets 1
    arr = s.proportion_funnel_limits(0.2, [100, 1000], confidence=0.95)
    assert isinstance(arr.lower, np.ndarray) and len(arr.lower) == 2
    assert s.ratio_significance(0, 5) == "Low (0.025)"
    assert list(s.ratio_significance([0, 8], [5, 6.239860227])) == ["Low (0.025)", "Not significant"]
    with pytest.raises(co.NonpositiveDenominatorError) as err:
        s.ratio_significance([0, 8], [5, 0])
    assert err.value.row == 1


def test_quantiles() -> None:
    v = [10, 20, 20, 30, 40, 50, 60, 70, 80, None, 95, 100]
    q = s.quantiles(v, nquantiles=5, invert=False)
    _same(q.quantile, [1, 1, 1, 2, 2, 3, 3, 4, 4, math.nan, 5, 5])
    few = s.quantiles([1, 2], nquantiles=5, invert=True)
    assert np.isnan(few.quantile).all() and list(few.reason) == ["too_few_areas"] * 2
    g = s.quantiles([1, 2, 5, 3], groups=["a", "a", "b", "b"], nquantiles=2,
                    invert=[False, False, True, True])  # fmt: skip
    _same(g.quantile, [1, 2, 1, 2])
    assert g.groups == ["a", "b"]


def test_life_expectancy() -> None:
    ages = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]
    pops = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416,
            46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936]  # fmt: skip
    deaths = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936,
              1937]  # fmt: skip
    le = s.life_expectancy(ages, pops, deaths)
    assert len(le) == 20
    assert le[0].value == pytest.approx(80.16960813194838, rel=1e-12)
    assert le.extras["start_age"][14] == 65.0


def test_compare() -> None:
    e = s.proportion(291, 596, multiplier=100)
    assert s.compare(e, 79.1) == "worse"
    assert s.compare(e, 79.1, polarity="lower_is_better") == "better"
    assert s.compare(e, None) == "not_compared"
    est = s.proportion([291, 0], [596, 0], multiplier=100)
    assert list(s.compare(est, 79.1)) == ["worse", "not_compared"]
    assert s.compare_interval(50, 60, 45) == "better"
    assert list(s.compare_interval([50, 50], [60, 60], [55, 65], polarity="no_judgement")) == [
        "similar", "lower",
    ]  # fmt: skip


def test_strings_are_rejected_as_numbers() -> None:
    with pytest.raises(TypeError):
        s.proportion("1", 2)
    with pytest.raises(TypeError):
        s.rate(np.zeros((2, 2)), [1, 1])


def test_repr() -> None:
    assert repr(s.proportion(1, 2)).startswith("Estimate(value=0.5, lower=")
    assert "2 rows" in repr(s.proportion([1, 0], [2, 0]))
