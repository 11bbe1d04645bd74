"""Every case of vectors/evaluate-cases.json (written by core/tests/evaluate_vectors.rs) through
co.evaluate: the same result rows as the core, floats bit for bit, from a mapping of columns and
from a pyarrow table. The rows computed are written to target/vectors/evaluate-python.jsonl for the
cross-face comparison (vectors/compare_faces.py)."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, List

import pyarrow as pa
import pytest

import care_outcomes as co

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOC = json.loads((ROOT / "vectors" / "evaluate-cases.json").read_text(encoding="utf-8"))
CASES: List[Dict[str, Any]] = DOC["cases"]
OUT = ROOT / "target" / "vectors" / "evaluate-python.jsonl"
INPUT = ("area", "period", "indicator", "breakdown", "numerator", "denominator", "population")


def columns(rows: List[Dict[str, Any]]) -> Dict[str, List[Any]]:
    return {k: [r.get(k) for r in rows] for k in INPUT}


def records(cols: Dict[str, List[Any]]) -> List[Dict[str, Any]]:
    n = len(cols["area"])
    return [{k: v[i] for k, v in cols.items()} for i in range(n)]


def test_the_file_has_its_cases() -> None:
    assert [c["id"] for c in CASES] == [
        "benchmark-england-2B1", "comparators-quartiles-mad-2D", "rates-population-2A2-99.8",
        "breakdowns-suppression-zero-aggregates", "local-framework-direction",
    ]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: Dict[str, Any]) -> None:
    cols = columns(case["rows"])
    out = co.evaluate(cols, case["framework"], **case["options"])
    got = records(out)
    assert got == case["expected"]
    # Bit for bit (== on floats is exact; repr shows any difference in the last digit).
    for g, e in zip(got, case["expected"]):
        for k in ("value", "lower", "upper", "benchmark_value", "comparator_value"):
            assert repr(g[k]) == repr(e[k]), (case["id"], k)
    table = co.evaluate(pa.table(cols), case["framework"], **case["options"])
    assert records(table.to_pydict()) == case["expected"]


def test_the_rows_are_written_for_the_cross_face_comparison() -> None:
    lines: List[str] = []
    for case in CASES:
        got = records(co.evaluate(columns(case["rows"]), case["framework"], **case["options"]))
        assert got == case["expected"], case["id"]
        lines += [json.dumps({"case": case["id"], "row": i, "result": r}) for i, r in enumerate(got)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # A count measure has no denominator: null, not 0 (the local framework's extra-care units).
    local = next(c for c in CASES if c["id"] == "local-framework-direction")
    count = records(co.evaluate(columns(local["rows"]), local["framework"], **local["options"]))[3]
    assert (count["indicator"], count["denominator"]) == ("council-local/extra-care-units", None)
