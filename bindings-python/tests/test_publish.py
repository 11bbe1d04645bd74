"""co.publish: every case of vectors/disclosure-cases.json (shared with the Rust and JS suites),
each table kind in and out (list of dicts, pandas, polars, pyarrow), the logged opt-out and the
bad inputs."""

from __future__ import annotations

import json
import logging
import math
import pathlib
from typing import Any, Dict, List

import pytest

import care_outcomes as co

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES: List[Dict[str, Any]] = json.loads((ROOT / "vectors" / "disclosure-cases.json").read_text())["cases"]
GOOD = [c for c in CASES if "error" not in c]
BAD = [c for c in CASES if "error" in c]


def _expected_row(out: Dict[str, Any], expected: Dict[str, Any]) -> Dict[str, Any]:
    return {k: out[k] for k in expected if k != "key"}


@pytest.mark.parametrize("case", GOOD, ids=[c["name"] for c in GOOD])
def test_vectors(case: Dict[str, Any]) -> None:
    out = co.publish(case["rows"], **case["options"])
    assert len(out) == len(case["expected"])
    for row, exp in zip(out, case["expected"]):
        got = _expected_row(row, exp)
        want = {k: v for k, v in exp.items() if k != "key"}
        assert got == want
        if exp["published_value"] is not None:
            # bit-identical with the core's decimal → f64
            assert row["published_value"].hex() == float(exp["value_text"]).hex()


@pytest.mark.parametrize("case", BAD, ids=[c["name"] for c in BAD])
def test_bad_inputs(case: Dict[str, Any]) -> None:
    with pytest.raises(co.CareOutcomesError) as info:
        co.publish(case["rows"], **case["options"])
    assert info.value.code == case["error"]
    assert isinstance(info.value, co.exception_for(case["error"]))
    if "error_row" in case:
        assert info.value.row == case["error_row"]


def test_vector_count() -> None:
    assert (len(GOOD), len(BAD)) == (7, 9)


SEX = GOOD[0]


def _check_sex(symbols: List[Any], reasons: List[Any], values: List[Any]) -> None:
    assert symbols == [None, "[c]", "[c]"]
    assert reasons == [None, "primary", "secondary"]
    assert values[0] == 50.0
    assert all(v is None or (isinstance(v, float) and math.isnan(v)) for v in values[1:])


def test_pandas_in_pandas_out() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(SEX["rows"])
    out = co.publish(df, **SEX["options"])
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns[:3]) == ["sex", "numerator", "denominator"]
    # pandas shows a missing string as None or NaN depending on its version
    _check_sex(
        [None if pd.isna(v) else v for v in out["symbol"]],
        [None if pd.isna(v) else v for v in out["reason"]],
        list(out["published_value"]),
    )
    assert out.attrs["care_outcomes.publish"]["disclosure"] == {"mode": "on"}
    assert "sex" in df.columns and "symbol" not in df.columns  # the input is not modified
    # counts are nullable integers (pd.NA where withheld), never float64 with NaN
    for name in ("published_numerator", "published_denominator"):
        assert str(out[name].dtype) == "Int64"
    assert out["published_numerator"].tolist() == [20, pd.NA, pd.NA]
    assert out["published_denominator"].tolist() == [40, pd.NA, pd.NA]
    assert str(out["published_value"].dtype) == "float64"


def test_pandas_counts_typed_when_every_cell_is_withheld() -> None:
    pd = pytest.importorskip("pandas")
    out = co.publish(pd.DataFrame({"numerator": [1], "denominator": [3], "base": [3]}), suppress_below=5)
    for name in co.disclosure.COUNT_COLUMNS:
        assert str(out[name].dtype) == "Int64"
        assert out[name].isna().all()
    assert str(out["published_value"].dtype) == "float64" and out["published_value"].isna().all()


def test_pandas_rounded_counts_stay_integers() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"numerator": [12, 8], "denominator": [23, 17]})
    out = co.publish(df, suppress_below=3, round_counts_to=5)
    assert str(out["published_denominator"].dtype) == "Int64"
    assert out["published_numerator"].tolist() == [10, 10]
    assert out["published_denominator"].tolist() == [25, 15]


def test_polars_in_polars_out() -> None:
    pl = pytest.importorskip("polars")
    out = co.publish(pl.DataFrame(SEX["rows"]), **SEX["options"])
    assert isinstance(out, pl.DataFrame)
    _check_sex(out["symbol"].to_list(), out["reason"].to_list(), out["published_value"].to_list())
    assert out["published_denominator"].to_list() == [40, None, None]
    assert out["published_numerator"].to_list() == [20, None, None]
    for name in ("published_numerator", "published_denominator"):
        assert out[name].dtype == pl.Int64
    assert out["published_value"].dtype == pl.Float64


def test_polars_counts_typed_when_every_cell_is_withheld() -> None:
    pl = pytest.importorskip("polars")
    out = co.publish(pl.DataFrame({"numerator": [1], "denominator": [3]}), suppress_below=5)
    assert out["published_denominator"].dtype == pl.Int64
    assert out["published_denominator"].to_list() == [None]
    assert out["published_value"].dtype == pl.Float64


def test_pyarrow_in_pyarrow_out() -> None:
    pa = pytest.importorskip("pyarrow")
    out = co.publish(pa.Table.from_pylist(SEX["rows"]), **SEX["options"])
    assert isinstance(out, pa.Table)
    _check_sex(out["symbol"].to_pylist(), out["reason"].to_pylist(), out["published_value"].to_pylist())
    for name in ("published_numerator", "published_denominator"):
        assert out.schema.field(name).type == pa.int64()
    assert out["published_numerator"].to_pylist() == [20, None, None]
    assert out["published_denominator"].to_pylist() == [40, None, None]
    assert out["published_denominator"].null_count == 2
    assert out.schema.field("published_value").type == pa.float64()


def test_pyarrow_counts_typed_when_every_cell_is_withheld() -> None:
    pa = pytest.importorskip("pyarrow")
    out = co.publish(pa.Table.from_pylist([{"numerator": 1, "denominator": 3}]), suppress_below=5)
    assert out.schema.field("published_denominator").type == pa.int64()
    assert out["published_denominator"].to_pylist() == [None]
    assert out.schema.field("published_value").type == pa.float64()


def test_list_of_dicts_keeps_every_input_column() -> None:
    out = co.publish(SEX["rows"], **SEX["options"])
    assert out[0]["sex"] == "Total" and out[0]["numerator"] == 20
    assert set(out[0]) == {"sex", "numerator", "denominator", *co.disclosure.OUTPUT_COLUMNS} - {"published_base"}
    assert [(type(r["published_numerator"]), r["published_denominator"]) for r in out] == [
        (int, 40),
        (type(None), None),
        (type(None), None),
    ]


def test_default_rule_is_on() -> None:
    # Without a rule the core's default applies: disclosure is never off by omission.
    out = co.publish(SEX["rows"], dimensions=["sex"])
    assert [r["symbol"] for r in out] == [None, "[c]", "[c]"]


def test_opt_out_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="care_outcomes.publish"):
        out = co.publish(SEX["rows"], dimensions=["sex"], opt_out="internal QA")
    assert [r["reason"] for r in out] == ["disclosure_off"] * 3
    assert any(
        rec.levelno == logging.WARNING and "DISCLOSURE CONTROL OFF" in rec.getMessage() and "internal QA" in rec.getMessage()
        for rec in caplog.records
    )


def test_named_count_columns() -> None:
    rows = [{"k": "T", "n": 5, "d": 12}, {"k": "a", "n": 1, "d": 2}, {"k": "b", "n": 4, "d": 10}]
    out = co.publish(rows, key="k", numerator="n", denominator="d", sums=[{"total": "T", "parts": ["a", "b"]}], suppress_below=3)
    assert [r["reason"] for r in out] == [None, "primary", "secondary"]
    assert out[0]["published_numerator"] == 5


def test_a_named_column_that_is_missing() -> None:
    with pytest.raises(co.InvalidOptionError):
        co.publish([{"a": 1}], numerator="n")


def test_wrong_table_types() -> None:
    with pytest.raises(TypeError):
        co.publish({"numerator": [1]})
    with pytest.raises(TypeError):
        co.publish([1, 2])
    with pytest.raises(TypeError):
        co.publish([{"numerator": "1", "denominator": 2}])


def test_infinite_count() -> None:
    with pytest.raises(co.NonFiniteError) as info:
        co.publish([{"numerator": 1, "denominator": math.inf}])
    assert info.value.row == 0


def test_readme_publish_example_runs() -> None:
    import re

    readme = pathlib.Path(__file__).resolve().parents[1] / "README.md"
    blocks = [b for b in re.findall(r"```python\n(.*?)```", readme.read_text(), flags=re.S) if "co.publish" in b]
    assert len(blocks) == 1
    exec(compile(blocks[0], str(readme), "exec"), {})  # noqa: S102 - our own README
