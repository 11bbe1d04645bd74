"""SPC, overdispersed funnels and charts through the Python face.

Every series and variant of vectors/spc-outputs.json (written by core/tests/spc_vectors.rs) is
recomputed here and must equal the core's output bit for bit; the public reference
(vectors/spc-vectors-public.json) is checked for the flags and icons it gives; charts are parsed
as XML; bad inputs raise the core's errors.
"""

from __future__ import annotations

import doctest
import json
import math
import pathlib
import xml.etree.ElementTree as ET
from typing import Any, Dict, List

import numpy as np
import pytest

import care_outcomes as co

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDEN: Dict[str, Any] = json.loads((ROOT / "vectors" / "spc-outputs.json").read_text())
PUBLIC: Dict[str, Any] = json.loads((ROOT / "vectors" / "spc-vectors-public.json").read_text())
FUNNEL: Dict[str, Any] = json.loads((ROOT / "vectors" / "funnel-vectors.json").read_text())
CASES = [(sid, name) for sid, s in GOLDEN.items() for name in s["variants"]]


def _same(a: Any, b: Any, path: str = "") -> None:
    """Exact equality, floats compared bit for bit."""
    if isinstance(a, float) or isinstance(b, float):
        assert isinstance(a, (int, float)) and isinstance(b, (int, float)), path
        assert float(a).hex() == float(b).hex(), f"{path}: {a!r} != {b!r}"
    elif isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), path
        for k in a:
            _same(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{path}[{i}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


@pytest.mark.parametrize("sid,name", CASES)
def test_golden_bit_identical(sid: str, name: str) -> None:
    case = GOLDEN[sid]
    v = case["variants"][name]
    c = co.spc.xmr(case["values"], preset=v["preset"], **v["options"])
    _same(c.to_dict(), v["chart"])
    # numpy input gives the same bits.
    c2 = co.spc.xmr(np.asarray(case["values"]), preset=v["preset"], **v["options"])
    _same(c2.to_dict(), v["chart"])


@pytest.mark.parametrize("series", PUBLIC["series"], ids=lambda s: s["id"])
def test_public_series_flags_and_icons(series: Dict[str, Any]) -> None:
    key = next(k for k in series if k.startswith("mdc_rules_reference"))
    exp = series[key]
    c = co.spc.xmr(series["values"], improvement_direction="increase")
    lim = c.limits
    assert lim is not None
    for k in ("mean", "mr_bar", "upl", "lpl"):
        assert math.isclose(lim[k], exp[k], rel_tol=1e-9, abs_tol=1e-9)
    assert c.flagged("outside_limits") == exp["flags"]["outside_limits"]
    assert c.flagged("shift") == exp["flags"]["shift_7_one_side"]
    assert c.flagged("trend") == exp["flags"]["trend_7"]
    assert c.point_types == exp["point_type"]
    abspc = co.spc.xmr(series["values"], preset="abspc")
    assert abspc.variation_icon == series["abspc_1.1.0"]["variation"]
    assert abspc.flagged("trend") == series["abspc_1.1.0"]["flags"]["rule3_trend_6"]


def test_auto_rebase() -> None:
    x = GOLDEN["S5_baseline_rebase_assurance"]["values"]
    c = co.spc.xmr(x, improvement_direction="increase", auto_rebase={})
    assert [p["start"] for p in c.phases] == [0, 15]
    c = co.spc.xmr(x, auto_rebase={"min_phase_length": 10})
    assert len(c.phases) == 1
    with pytest.raises(co.InvalidOptionError):
        co.spc.xmr(x, auto_rebase={"length": 8})


def test_run_chart() -> None:
    x = [5, 3, 6, 4, 5, 7, 8, 9, 7, 8, 9, 5]
    c = co.spc.run_chart(x)
    assert c.median == 6.5 and c.flagged("shift") == [5, 6, 7, 8, 9, 10]
    assert co.spc.run_chart(x, shift_length=8).flagged("shift") == []
    assert c.runs <= c.useful_observations
    with pytest.raises(co.InvalidOptionError):
        co.spc.run_chart(x, on_median="on")


def test_xmr_object() -> None:
    x = GOLDEN["S5_baseline_rebase_assurance"]["values"]
    c = co.spc.xmr(x, improvement_direction="increase", rebase_at=[16], target=74)
    assert c.assurance_icon == "consistently_pass"
    assert len(c.phases) == 2 and c.phases[1]["trial_limits"] is True
    assert "2 phase(s)" in repr(c)
    svg = c._repr_svg_()
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title") is not None and root.find(f"{ns}desc") is not None
    assert svg == c.svg()
    assert "Sep 23" in c.svg(labels=[f"m{i}" for i in range(23)] + ["Sep 23"])
    assert json.loads(c.to_json()) == c.to_dict()
    assert co.spc.PRESETS == ("mdc", "nhsrplotthedots", "abspc")


def test_funnel_worked_example() -> None:
    r = [u["r"] for u in FUNNEL["units"]]
    n = [u["n"] for u in FUNNEL["units"]]
    f = co.funnel(r, n, overdispersion="on")
    assert f.adjusted
    assert math.isclose(f.phi, FUNNEL["phi"], rel_tol=1e-9)
    assert math.isclose(f.tau2, FUNNEL["tau2"], rel_tol=1e-9)
    for u, want in zip(f.units, FUNNEL["units"]):
        assert math.isclose(u["z_adjusted"], want["z_od"], rel_tol=1e-9, abs_tol=1e-12)
        assert abs(u["limits_998"][0] - want["od_normal_998"][0]) < 3e-8
    assert f.units[11]["significance"] == "low001"
    lo, hi = f.limits_at([200.0], 0.998)
    assert (lo[0], hi[0]) == tuple(f.units[0]["limits_998"])
    assert co.funnel(r, n).adjusted is False
    assert co.funnel(r, n, overdispersion="auto", scale="arcsine").adjusted is True
    ET.fromstring(f._repr_svg_())
    assert "Council L" in co.charts.funnel_chart(f, labels=[f"Council {c}" for c in "ABCDEFGHIJKL"])


def test_ratio_and_rate_funnels() -> None:
    o = [30, 55, 90, 20, 140, 61, 12, 75]
    e = [40.0, 50.0, 60.0, 25.0, 110.0, 70.0, 15.0, 80.0]
    f = co.funnel(o, e, kind="ratio", overdispersion="on", scale="sqrt")
    assert f.kind == "ratio" and f.target == 1.0 and f.adjusted and f.tau2 > 0
    z = 3.090232306167813
    off = co.funnel(o, e, kind="ratio", scale="sqrt")
    lo, hi = off.units[0]["limits_998"]
    assert math.isclose(lo, (1 - z / (2 * math.sqrt(40))) ** 2, rel_tol=1e-12)
    pops = [10_000, 12_000, 8_000, 30_000, 5_000, 22_000, 9_000, 15_000]
    r = co.funnel(o, pops, kind="rate", overdispersion="on", scale="sqrt")
    assert math.isclose(r.target, sum(o) / sum(pops) * 100_000, rel_tol=1e-12)
    assert r.phi == co.funnel(o, [sum(o) / sum(pops) * p for p in pops], kind="ratio", overdispersion="on", scale="sqrt").phi
    assert co.funnel(o, pops, kind="rate", multiplier=1000).target == r.target / 100
    ET.fromstring(r.svg(title="Rates"))
    with pytest.raises(co.InvalidOptionError):
        co.funnel(o, e, kind="ratio", multiplier=100)
    with pytest.raises(co.InvalidOptionError):
        co.funnel(o, e, kind="odds")


def test_spine_and_trend_charts() -> None:
    rows: List[Dict[str, Any]] = [
        dict(label="1B Control", value=80.1, england=77.2, comparator_min=70.0,
             comparator_max=84.0, comparator_q1=75.0, comparator_q3=79.5,
             comparison="better", polarity="higher_is_better"),
        dict(label="2A Admissions", value=None, england=560.8, comparator_min=350.0,
             comparator_max=820.0, comparator_q1=None, comparator_q3=None,
             comparison="not_compared", polarity="lower_is_better"),
    ]  # fmt: skip
    svg = co.charts.spine_chart(rows, title="Spine")
    assert "1B Control: 80.10" in svg and ET.fromstring(svg).get("role") == "img"
    pts = [
        dict(label="2022-23", value=76.8, lower=74.7, upper=78.7, comparator=77.1),
        dict(label="2023-24", value=78.3, lower=76.2, upper=80.2, comparator=77.2),
    ]
    svg = co.charts.trend_chart(pts, title="Trend", decimals=1)
    assert "76.8 in 2022-23, 78.3 in 2023-24" in svg
    ET.fromstring(svg)
    assert co.charts.spc_chart(co.spc.xmr([1, 2, 3]), title="T").startswith("<svg")


def test_bad_inputs() -> None:
    with pytest.raises(co.EmptyInputError):
        co.spc.xmr([])
    with pytest.raises(co.MissingInputError) as e:
        co.spc.xmr([1.0, None, 2.0])
    assert e.value.row == 1
    with pytest.raises(co.NonFiniteError):
        co.spc.xmr([1.0, math.inf])
    with pytest.raises(co.InvalidOptionError):
        co.spc.xmr([1.0, 2.0], shift_length=1)
    with pytest.raises(co.InvalidOptionError):
        co.spc.xmr([1.0, 2.0], two_in_three="2019")
    with pytest.raises(co.InvalidOptionError):
        co.spc.xmr([1.0, 2.0], preset="excel")
    with pytest.raises(co.InvalidOptionError):
        co.spc.xmr([1.0, 2.0, 3.0], rebase_at=[5])
    with pytest.raises(co.LengthMismatchError):
        co.spc.xmr([1.0, 2.0]).svg(labels=["a"])
    with pytest.raises(co.InvalidOptionError):
        co.spc.xmr([1.0, 2.0]).svg(width=5)
    with pytest.raises(co.NumeratorExceedsDenominatorError):
        co.funnel([3], [2])
    with pytest.raises(co.InvalidOptionError):
        co.funnel([1], [2], overdispersion="maybe")
    with pytest.raises(co.InvalidOptionError):
        co.charts.spine_chart([{"label": "x"}])
    with pytest.raises(co.EmptyInputError):
        co.charts.trend_chart([])


def test_module_docstrings() -> None:
    for module in (co.spc, co.charts, co.funnels):
        assert doctest.testmod(module).failed == 0
