"""Builds vectors/survey-cases.json: the national test vectors of spec-ascof.md §2.2 and
spec-economics-spc.md §6.3 (typed in from the spec, not computed here), bad-input cases, and the
stratified respondent fixture of core/tests/survey_fixture.rs whose expected estimates are worked
here with exact fractions, independently of the library (the same working is written out by hand
in the comments of survey_fixture.rs).

Run: python3 vectors/build_survey_cases.py > vectors/survey-cases.json
"""

from __future__ import annotations

import json
import math
from fractions import Fraction as F

SCRQOL = ["q3a", "q4a", "q5a", "q6a", "q7a", "q8a", "q9a", "q11"]
ADJ = ["q13", "q15a", "q15b", "q15c", "q15d", "q16a", "q16b", "q16c", "q17", "q18"]


def uniform(code: int, **extra: object) -> dict:
    r: dict = {q: code for q in SCRQOL}
    r.update(extra)
    return r


def all_items(code: int, age: str) -> dict:
    r = {q: code for q in SCRQOL + ADJ}
    r.update({"age_band": age, "can_answer_q2c": True})
    return r


# ---- national vectors (spec-ascof.md §2.2 table; spec-economics-spc.md §6.3 check values) ----
score_cases = [
    {"name": "1J/1A all items 1, 18-64", "respondent": all_items(1, "18-64"),
     "options": {}, "expected": {"scrqol": 24, "adjusted_scrqol": 0.418845, "ascot_index": 0.998645}},
    {"name": "1J/1A all items 2, 18-64", "respondent": all_items(2, "18-64"),
     "options": {}, "expected": {"scrqol": 16, "adjusted_scrqol": 0.410181, "ascot_index": 0.757481}},
    {"name": "1J/1A all items 3, 65+", "respondent": all_items(3, "65+"),
     "options": {}, "expected": {"scrqol": 8, "adjusted_scrqol": 0.075093, "ascot_index": 0.169593}},
    {"name": "1J/1A all items 4, 65+ (NHS parity: q15/q16 code 4 passes through)",
     "respondent": all_items(4, "65+"), "options": {"assistance_code_4": "pass_through"},
     "expected": {"scrqol": 0, "adjusted_scrqol": 0.111865, "ascot_index": -0.170635}},
    {"name": "spec example (1,2,1,1,3,2,3,2): 1A 17, index 0.707543",
     "respondent": dict(zip(SCRQOL, [1, 2, 1, 1, 3, 2, 3, 2])), "options": {},
     "expected": {"scrqol": 17, "adjusted_scrqol": None, "ascot_index": 0.707543}},
    {"name": "1A null when an item is missing (NHS unit test)",
     "respondent": {**all_items(1, "18-64"), "q5a": None}, "options": {},
     "expected": {"scrqol": None, "adjusted_scrqol": None, "ascot_index": None}},
    {"name": "1J null when the person could not answer q2c",
     "respondent": {**all_items(1, "18-64"), "can_answer_q2c": False}, "options": {},
     "expected": {"scrqol": 24, "adjusted_scrqol": None, "ascot_index": 0.998645}},
    {"name": "codes given as floats (pandas columns with gaps)",
     "respondent": {q: 2.0 for q in SCRQOL}, "options": {},
     "expected": {"scrqol": 16, "adjusted_scrqol": None, "ascot_index": 0.757481}},
]

error_cases = [
    {"name": "q3a code 5", "respondents": [uniform(1), uniform(1, q3a=5)], "options": {},
     "code": "invalid_response", "row": 1},
    {"name": "q4a code 0", "respondents": [uniform(1, q4a=0)], "options": {},
     "code": "invalid_response", "row": 0},
    {"name": "non-integer code", "respondents": [uniform(1, q7a=1.5)], "options": {},
     "code": "invalid_response", "row": 0},
    {"name": "q15a code 4 without NHS parity", "respondents": [all_items(4, "65+")],
     "options": {}, "code": "invalid_response", "row": 0},
    {"name": "q12 code 6", "respondents": [uniform(1, q12=6)], "options": {},
     "code": "invalid_response", "row": 0},
    {"name": "stratum 5", "respondents": [uniform(1, stratum=5)], "options": {},
     "code": "invalid_response", "row": 0},
    {"name": "unknown age band", "respondents": [uniform(1, age_band="65-74")], "options": {},
     "code": "invalid_response", "row": 0},
    {"name": "missing item under on_missing=error", "respondents": [uniform(1)],
     "options": {"on_missing": "error"}, "code": "missing_input", "row": 0},
    {"name": "unknown option value", "respondents": [uniform(1)],
     "options": {"on_invalid": "ignore"}, "code": "invalid_option", "row": None},
]


# ---- the stratified fixture ----
def fixture() -> tuple[list[dict], list[dict]]:
    rows: list[dict] = []

    def add(council: str, stratum: int, codes: list[int], q12: list[object] | None = None,
            sex: list[object] | None = None) -> None:
        for i, c in enumerate(codes):
            r = uniform(c, council=council, stratum=stratum)
            if q12 is not None:
                r["q12"] = q12[i]
            if sex is not None:
                r["sex"] = sex[i]
            rows.append(r)

    # Council X. Uniform codes: code 1 → 1A 24, 2 → 16, 3 → 8.
    add("X", 1, [1, 1, 2, 2, 3], q12=[2, 3, 4, 1, 5])
    add("X", 2, [1, 1, 2, 2, 2, 2, 2, 2, 3, 3], q12=[2] * 5 + [4] * 5)
    add("X", 3, [2, 2, 2, 3, 3, 3])
    add("X", 4, [1] * 6 + [2] * 6, q12=[1] * 4 + [2] * 4 + [4] * 4,
        sex=["F", "M"] * 6)
    # Council Y: one stratum, everyone at code 1.
    add("Y", 4, [1, 1, 1, 1])
    pops = [
        {"council": "X", "stratum": 1, "population": 50},
        {"council": "X", "stratum": 2, "population": 200},
        {"council": "X", "stratum": 3, "population": 150},
        {"council": "X", "stratum": 4, "population": 600},
        {"council": "Y", "stratum": 4, "population": 400},
    ]
    return rows, pops


def cells_of(rows: list[dict], pops: list[dict], councils: set[str], measure, sex=None):
    """(N, values) per council x stratum (x sex) cell, values by the measure's rule."""
    out = []
    for p in pops:
        if p["council"] not in councils:
            continue
        members = [r for r in rows if r["council"] == p["council"] and r["stratum"] == p["stratum"]]
        m_h = len(members)
        n_pop = F(p["population"])
        if sex is not None:
            sub = [r for r in members if r.get("sex") == sex]
            if not sub:
                continue
            n_pop = n_pop * len(sub) / m_h
            members = sub
        vals = [v for v in (measure(r) for r in members) if v is not None]
        if vals:
            out.append((n_pop, [F(v) for v in vals]))
    return out


def estimate(cells, proportion: bool):
    scale = 100 if proportion else 1
    if not cells:
        return {"value": None, "numerator": 0.0, "denominator": 0.0, "base": 0,
                "margin_of_error": None}
    num = sum(n * sum(v) / len(v) for n, v in cells)
    den = sum(n for n, _ in cells)
    var = F(0)
    for n_pop, v in cells:
        n = len(v)
        mean = sum(v) / n
        if n_pop == n:
            continue
        s2 = sum((x - mean) ** 2 for x in v) / (n - 1)
        var += n_pop**2 * (1 - F(n) / n_pop) * s2 / n
    moe = 1.96 * math.sqrt(var * scale * scale / den**2)
    return {"value": float(scale * num / den), "numerator": float(num), "denominator": float(den),
            "base": sum(len(v) for _, v in cells), "margin_of_error": moe}


MEASURES = {
    "scrqol": (lambda r: 32 - sum(r[q] for q in SCRQOL), False),
    "feel_safe": (lambda r: 1 if r["q7a"] == 1 else 0, True),
    "control": (lambda r: 1 if r["q3a"] <= 2 else 0, True),
    "information_ease": (lambda r: None if r.get("q12") in (None, 1) else (1 if r["q12"] <= 3 else 0), True),
}


def fixture_case() -> dict:
    rows, pops = fixture()
    expected = []
    for level, area, councils in [("council", "X", {"X"}), ("council", "Y", {"Y"}),
                                  ("england", "England", {"X", "Y"})]:
        for code, (f, prop) in MEASURES.items():
            e = estimate(cells_of(rows, pops, councils, f), prop)
            expected.append({"level": level, "area": area, "subgroup_value": None, "measure": code, **e})
    for sex in ["F", "M"]:
        e = estimate(cells_of(rows, pops, {"X"}, MEASURES["scrqol"][0], sex=sex), False)
        expected.append({"level": "council", "area": "X", "subgroup_value": sex, "measure": "scrqol", **e})
    return {"name": "stratified fixture (core/tests/survey_fixture.rs)", "respondents": rows,
            "strata": pops, "options": {"england": True, "subgroups": ["sex"]},
            "expected": expected}


doc = {
    "about": "Survey test vectors shared by the Rust, Python and JS suites. score: per-person 1A, "
             "ASCOT index and 1J from spec-ascof.md §2.2 (NHS ASC-User-Survey unit tests) and "
             "spec-economics-spc.md §6.3 check values, to 6 dp; errors: bad inputs and their codes; "
             "measures: the stratified fixture, expected values worked with exact fractions by "
             "vectors/build_survey_cases.py independently of the library.",
    "tolerance": {"score": 5e-7, "measures": 1e-9},
    "score": score_cases,
    "errors": error_cases,
    "measures": [fixture_case()],
}
print(json.dumps(doc, indent=1))
