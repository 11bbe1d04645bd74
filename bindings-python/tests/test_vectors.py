"""Every case of vectors/stats-cases.json through the public Python API.

Mirrors core/tests/vectors.rs case by case (same API calls), checks the conformance rule of
spec-statistics.md §5.3 and writes target/vectors/python.jsonl for the cross-face bit comparison.
"""

from __future__ import annotations

import json
import math
import pathlib
from typing import Any, Dict, Optional

import care_outcomes as co

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "vectors" / "stats-cases.json"
OUT = ROOT / "target" / "vectors" / "python.jsonl"


def _f(v: Any) -> float:
    return math.nan if v is None else float(v)


def _from(e: co.Estimate) -> Dict[str, Any]:
    return {"value": e.value, "lower": e.lower, "upper": e.upper, "reason": e.reason, "label": None}


def run(case: Dict[str, Any]) -> Dict[str, Any]:
    kind = case["kind"]
    conf = case["confidence"]
    inp = case["input"]
    s = co.stats
    if kind == "proportion_wilson":
        return _from(
            s.proportion(
                _f(inp["numerator"]), _f(inp["denominator"]),
                confidence=conf, multiplier=_f(inp["multiplier"]),
            )
        )  # fmt: skip
    if kind in ("rate_exact", "rate_byars", "count_exact_poisson", "count_byars_raw"):
        return _from(
            s.rate(
                _f(inp["count"]), _f(inp["population"]),
                per=_f(inp["multiplier"]), confidence=conf, method=inp["method"],
            )
        )  # fmt: skip
    if kind == "dsr_dobson_esp2013":
        e = s.dsr(
            inp["counts"], inp["populations"], bands=inp["bands"],
            standard=inp["standard"], per=_f(inp["multiplier"]), confidence=conf,
        )  # fmt: skip
        assert isinstance(e, co.Estimate)
        if case["extras"].get("total_count") is not None:
            assert e.extras["total_count"] == case["extras"]["total_count"], case["id"]
        return _from(e)
    if kind == "dsr_dobson_nonindependent":
        out = s.dsr_non_independent(
            inp["frequencies"], inp["persons"], inp["populations"],
            bands=inp["bands"], groups=["area"] * len(inp["bands"]),
            standard=inp["standard"], per=_f(inp["multiplier"]), confidence=conf,
        )  # fmt: skip
        assert isinstance(out, co.Estimates)
        return _from(out[0])
    if kind in ("isratio", "israte"):
        fn = s.isratio if kind == "isratio" else s.israte
        out = fn(
            inp["counts"], inp["populations"], bands=inp["bands"],
            ref_counts=inp["ref_counts"], ref_populations=inp["ref_populations"],
            groups=["area"] * len(inp["bands"]), confidence=conf,
        )  # fmt: skip
        assert isinstance(out, co.Estimates)
        e = out[0]
        want = case["extras"]["expected_events"]
        assert abs(e.extras["expected"] - want) <= 1e-12 * want, (case["id"], e.extras)
        return _from(e)
    if kind == "mean_t":
        return _from(s.mean(inp["values"], confidence=conf))
    if kind == "funnel_proportion_limit":
        lo, hi = s.proportion_funnel_limits(
            _f(inp["average"]), _f(inp["population"]),
            confidence=conf, multiplier=_f(inp["multiplier"]), clamp=False,
        )  # fmt: skip
        value = _f(inp["average"]) * _f(inp["multiplier"])
        return {"value": value, "lower": lo, "upper": hi, "reason": None, "label": None}
    if kind == "funnel_ratio_limit":
        p = s.ratio_funnel_limits(_f(inp["observed"]), confidence=conf)
        return {"value": 1.0, "lower": p.lower, "upper": p.upper, "reason": None, "label": None}
    if kind == "funnel_ratio_significance_ci":
        obs, expd = _f(inp["observed"]), _f(inp["expected"])
        result = _from(s.rate(obs, expd, per=1.0, confidence=conf))
        result["label"] = s.ratio_significance(obs, expd)
        return result
    if kind == "life_expectancy_chiang_silcocks":
        rows = s.life_expectancy(
            inp["start_ages"], inp["populations"], inp["deaths"], confidence=conf
        )
        age = _f(inp["age"])
        row = next(r for r in rows if r.extras["start_age"] == age)
        return _from(row)
    raise AssertionError(f"unknown kind {kind}")


def matches(got: Optional[float], want: Optional[float], tol: float) -> bool:
    if got is None or want is None:
        return got is None and want is None
    if want == 0.0:
        return got == 0.0
    return abs(got - want) <= tol * abs(want)


def _json_number(v: Any) -> Any:
    if v is None:
        return None
    f = float(v)
    return None if math.isnan(f) else f


def test_every_stats_vector_matches() -> None:
    doc = json.loads(CASES.read_text())
    tol = doc["tolerance"]
    cases = doc["cases"]
    assert len(cases) == 136, "spec-statistics.md §5 has 136 rows"
    failures = []
    lines = []
    for case in cases:
        out = run(case)
        exp = case["expected"]
        for name in ("value", "lower", "upper"):
            got = out[name]
            if got is not None and math.isnan(got):
                got = None
            if not matches(got, exp[name], tol):
                failures.append(f"{case['id']} {name}: got {got!r}, want {exp[name]!r}")
        if out["reason"] != case["reason"]:
            failures.append(f"{case['id']} reason: got {out['reason']!r}, want {case['reason']!r}")
        label = case["extras"].get("label")
        if isinstance(label, str) and out["label"] != label:
            failures.append(f"{case['id']} label: got {out['label']!r}, want {label!r}")
        lines.append(
            json.dumps(
                {
                    "id": case["id"],
                    "value": _json_number(out["value"]),
                    "lower": _json_number(out["lower"]),
                    "upper": _json_number(out["upper"]),
                    "reason": out["reason"],
                    "label": out["label"],
                }
            )
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(line + "\n" for line in lines))
    assert not failures, f"{len(failures)} mismatches:\n" + "\n".join(failures)
