"""care_outcomes.economics: every case of vectors/roi-cases.json (from roi-vectors.csv) to 1e-9
relative through the public Python API, the outputs written to target/vectors/economics-python.jsonl
for the cross-face bit comparison (vectors/compare_economics.py), conventions, and one test per
economics error code."""

from __future__ import annotations

import json
import math
import pathlib
from typing import Any, Callable, Dict, List

import pytest

import care_outcomes as co
from care_outcomes import economics as ec

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "vectors" / "roi-cases.json").read_text())
OUT = ROOT / "target" / "vectors" / "economics-python.jsonl"

#: A fixed Monte Carlo run, identical in the Rust, Python and JS suites.
MC_MODEL: Dict[str, Any] = {
    "kind": "reablement", "people": 400, "share_independent": 0.3, "deadweight": 0.35,
    "weekly_package_cost": 250, "weeks": 52, "service_cost": 900000, "schedule": "undiscounted",
}
MC_UNCERTAIN: List[Dict[str, Any]] = [
    {"parameter": "deadweight",
     "distribution": {"type": "pert", "low": 0.2, "mode": 0.35, "high": 0.6}},
    {"parameter": "weekly_package_cost",
     "distribution": {"type": "normal", "mean": 250, "sd": 25}},
    {"parameter": "weeks", "distribution": {"type": "triangular", "low": 40, "mode": 52, "high": 52}},
]


def run(case: Dict[str, Any]) -> Dict[str, Any]:
    kind, inp = case["kind"], case["input"]
    out: Dict[str, Any] = {}
    if kind == "discount_factors":
        for t, d in zip(inp["years"], ec.discount_factors(inp["years"], schedule=inp["schedule"])):
            out[f"D{t}"] = d
    elif kind == "present_value":
        out["pv"] = ec.present_value(inp["flows"], schedule=inp["schedule"], timing=inp["timing"])
    elif kind == "cost_benefit":
        out.update(ec.evaluate({"kind": "cost_benefit", **inp}).to_dict())
    elif kind == "reablement":
        out.update(ec.reablement(**inp).cost_benefit.to_dict())
    elif kind == "sroi":
        out.update(ec.evaluate({"kind": "sroi", **inp}).to_dict())
    elif kind == "sroi_sensitivity":
        model = {"kind": "sroi", **inp["model"]}
        b = ec.break_even(model, inp["parameter"], metric="sroi_ratio", target=1.0,
                          low=inp["low"], high=inp["high"])
        out["d_star"] = b.value
        for at in inp["at"]:
            t = ec.one_way(model, "sroi_ratio",
                           [{"parameter": inp["parameter"], "low": at, "high": at}])
            out[f"SROI(d={at})"] = t.bars[0].output_low
    elif kind == "cohort":
        r = ec.cohort(**inp)
        out["outcomes"] = r.outcomes
        out.update(r.cost_benefit.to_dict())
    elif kind == "payback":
        p = ec.payback(inp["costs"], inp["benefits"], schedule=inp["schedule"],
                       timing=inp["timing"])
        out["simple_years"] = p.simple.years
        out["discounted_years"] = p.discounted.years
        out["simple_whole_years"] = float(p.simple.whole_years)
    elif kind == "optimism_bias":
        for m in inp["mitigations"]:
            out[f"adjusted_{m:g}"] = ec.adjust_cost(inp["base"], inp["rate"], mitigation=m)
    elif kind == "deflator":
        for to in inp["to_years"]:
            out[str(to)] = ec.rebase(inp["value"], inp["from_year"], to).value
    elif kind == "real_vs_nominal":
        s, t, pi = inp["schedule"], inp["timing"], inp["inflation"]
        nominal = ec.inflate(inp["flows"], pi, timing=t)
        sched = ec.schedule(s).to_dict()
        nominal_sched = dict(sched, bands=[
            dict(b, rate=ec.nominal_rate(b["rate"], pi)) for b in sched["bands"]])
        out["pv_real"] = ec.present_value(inp["flows"], schedule=s, timing=t)
        out["pv_nominal"] = ec.present_value(nominal, schedule=nominal_sched, timing=t)
        out["pv_nominal_at_real_rate"] = ec.present_value(nominal, schedule=s, timing=t)
    elif kind == "annuity":
        for name in ("year_one", "year_zero"):
            out[name] = inp["amount"] * ec.annuity_factor(inp["years"], schedule=inp["schedule"],
                                                          timing=name)
    elif kind == "drop_off":
        profile = ec.drop_off_profile(inp["first_year"], inp["drop_off"], inp["years"])
        out["pv"] = ec.present_value(profile, schedule=inp["schedule"], timing=inp["timing"])
        out["undiscounted"] = sum_in_order(profile)
        out["profile"] = profile
    elif kind == "eanc":
        pv = ec.present_value(inp["costs"], schedule=inp["schedule"], timing=inp["timing"])
        out["pv_costs"] = pv
        out["eanc"] = ec.equivalent_annual_cost(pv, len(inp["costs"]) - 1,
                                                schedule=inp["schedule"])
    else:  # pragma: no cover
        raise AssertionError(f"unknown case kind {kind}")
    return out


def sum_in_order(values: List[float]) -> float:
    """Left-to-right sum, as Rust's Iterator::sum and JS's reduce (the check, not a rule)."""
    total = 0.0
    for v in values:
        total += v
    return total


def close(got: float, want: float, tol: float) -> bool:
    return got == 0.0 if want == 0.0 else abs(got - want) <= tol * abs(want)


def mc_output() -> Dict[str, Any]:
    r = ec.monte_carlo(MC_MODEL, "benefit_cost_ratio", MC_UNCERTAIN, draws=1000, seed=42,
                       probabilities=[0.05, 0.5, 0.95])
    return {"mean": r.mean, "min": r.min, "max": r.max,
            "percentiles": [p.value for p in r.percentiles],
            "share": r.share_at_or_above_threshold}


def test_every_roi_vector_to_1e9_and_outputs_written() -> None:
    tol = CASES["tolerance"]
    failures: List[str] = []
    lines: List[str] = []
    checked = 0
    for case in CASES["cases"]:
        out = run(case)
        written: Dict[str, Any] = {}
        for name, exp in sorted(case["expected"].items()):
            got = out[name]
            written[name] = got
            want = exp["value"]
            pairs = list(zip(got, want)) if isinstance(want, list) else [(got, want)]
            if isinstance(want, list):
                assert len(got) == len(want), case["id"]
            for g, w in pairs:
                checked += 1
                if not close(g, w, tol):
                    failures.append(f"{case['id']} {name}: got {g!r}, expected {w!r}")
        lines.append(json.dumps({"id": case["id"], "outputs": written}))
    lines.append(json.dumps({"id": "MC-ROI03", "outputs": mc_output()}))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n")
    assert not failures, "\n".join(failures)
    assert checked >= 80
    assert {c["row"] for c in CASES["cases"]} >= {"GB01", "SROI04", "EANC01"}


def test_bcr_and_net_roi_are_named_apart() -> None:
    r = ec.cost_benefit(costs=[{"name": "c", "by_year": [450_000]}],
                        benefits=[{"name": "b", "by_year": [3_501_000]}], schedule="undiscounted")
    assert r.benefit_cost_ratio == pytest.approx(7.78, rel=1e-12)
    assert r.net_roi == pytest.approx(6.78, rel=1e-12)
    assert r.conventions.schedule == "undiscounted"
    assert r.payback.simple.years == 0.0


def test_timing_convention_changes_npv_not_bcr() -> None:
    args: Dict[str, Any] = dict(costs=[{"name": "c", "by_year": [100_000, 0, 0, 0]}],
                                benefits=[{"name": "b", "by_year": [0, 40_000, 40_000, 40_000]}],
                                schedule="flat_0.035")
    zero = ec.cost_benefit(**args, timing="year_zero")
    one = ec.cost_benefit(**args, timing="year_one")
    assert one.net_present_value == pytest.approx(zero.net_present_value / 1.035, rel=1e-12)
    assert one.benefit_cost_ratio == pytest.approx(zero.benefit_cost_ratio, rel=1e-12)


def test_tornado_is_a_table() -> None:
    t = ec.one_way(MC_MODEL, "net_present_value", [
        {"parameter": "deadweight", "low": 0.2, "high": 0.5},
        {"parameter": "weeks", "low": 50, "high": 52}])
    rows = t.rows("bars")
    assert [r["parameter"] for r in rows] == ["deadweight", "weeks"]
    assert t.bars[0].swing > t.bars[1].swing
    df = t.to_pandas("bars")
    assert list(df["parameter"]) == ["deadweight", "weeks"]


def test_monte_carlo_is_reproducible() -> None:
    assert mc_output() == mc_output()
    p = mc_output()["percentiles"]
    assert p[0] < p[1] < p[2]


def test_payback_never_reached_is_null_with_reason() -> None:
    p = ec.payback([100, 0], [0, 10])
    assert p.simple.years is None and p.simple.reason == "not_paid_back"


def test_unit_costs_are_data() -> None:
    t = ec.unit_costs()
    codes = [c.code for c in t.costs]
    assert "reablement_contact_hour" in codes
    cost = dict(t.costs[codes.index("illustrative_weekly_package")].to_dict(), price_year=2019,
                value=1000.0)
    up = ec.uprate(cost, 2024)
    assert up.value == pytest.approx(1232.916402, rel=1e-9)
    assert "December 2025" in up.uprated_with


def test_function_list_matches_the_core() -> None:
    assert "monte_carlo" in ec.FUNCTIONS and "evaluate" in ec.FUNCTIONS


ERRORS: Dict[str, Callable[[], Any]] = {
    "invalid_rate": lambda: ec.present_value([1, 2], schedule="flat_-1"),
    "invalid_adjustment": lambda: ec.reablement(people=10, service_cost=1, deadweight=1.5),
    "zero_cost": lambda: ec.sroi([{"name": "o", "quantity": 1, "financial_proxy": 1,
                                   "duration_years": 1}], 0),
    "unknown_price_year": lambda: ec.rebase(1, 2019, 2031),
    "invalid_distribution": lambda: ec.monte_carlo(MC_MODEL, "net_roi", [
        {"parameter": "deadweight", "distribution": {"type": "uniform", "low": 1, "high": 0}}]),
    "negative_value": lambda: ec.cost_benefit([{"name": "c", "by_year": [-1]}], []),
    "empty_input": lambda: ec.cost_benefit([{"name": "c", "by_year": []}], []),
    "invalid_option": lambda: ec.break_even(MC_MODEL, "colour", metric="net_roi", target=0,
                                            low=0, high=1),
    "invalid_definition": lambda: ec.evaluate({"kind": "budget"}),
}


@pytest.mark.parametrize("code", sorted(ERRORS))
def test_economics_errors_are_coded(code: str) -> None:
    with pytest.raises(co.CareOutcomesError) as info:
        ERRORS[code]()
    assert info.value.code == code
    assert type(info.value) is co.exception_for(code)


def test_non_finite_numbers_cannot_cross() -> None:
    with pytest.raises(co.InvalidDefinitionError):
        ec.present_value([1.0, math.inf])
