"""care_outcomes.survey: the shared survey vectors (vectors/survey-cases.json, also run by
core/tests/survey_vectors.rs and bindings-wasm/tests/survey.test.mjs), every table kind in and
out, the ledger, carers and bad inputs. Writes target/vectors/survey-python.jsonl and, when the
Rust suite has written survey-rust.jsonl, checks the numbers are bit-identical."""

from __future__ import annotations

import json
import math
import pathlib
import subprocess
import sys
from typing import Any, Dict, List

import pytest

import care_outcomes as co

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "vectors" / "survey-cases.json").read_text())
OUT = ROOT / "target" / "vectors" / "survey-python.jsonl"
SCRQOL = ["q3a", "q4a", "q5a", "q6a", "q7a", "q8a", "q9a", "q11"]


def close(got: Any, want: Any, tol: float, what: str) -> None:
    if want is None:
        assert got is None or (isinstance(got, float) and math.isnan(got)), f"{what}: {got}"
    else:
        assert got is not None and abs(got - want) <= tol, f"{what}: got {got}, expected {want}"


def _lines() -> List[Dict[str, Any]]:
    lines: List[Dict[str, Any]] = []
    for case in CASES["score"]:
        row = co.survey.score([case["respondent"]], **case["options"])[0]
        lines.append({"id": case["name"], "scrqol": row["scrqol"], "ascot_index": row["ascot_index"],
                      "adjusted_scrqol": row["adjusted_scrqol"]})  # fmt: skip
    for case in CASES["measures"]:
        out = co.survey.measures(case["respondents"], strata=case["strata"], **case["options"])
        for e in out:
            level = e["level"].capitalize()
            sub = "None" if e["subgroup_value"] is None else f'Some("{e["subgroup_value"]}")'
            lines.append({
                "id": f'{case["name"]}|{level}|{e["area"]}|{sub}|{e["measure"]}',
                "value": e["value"], "margin_of_error": e["margin_of_error"],
                "numerator": e["numerator"], "denominator": e["denominator"],
            })  # fmt: skip
    return lines


def test_national_vectors() -> None:
    tol = CASES["tolerance"]["score"]
    for case in CASES["score"]:
        row = co.survey.score([case["respondent"]], **case["options"])[0]
        want = case["expected"]
        assert row["scrqol"] == want["scrqol"], case["name"]
        close(row["adjusted_scrqol"], want["adjusted_scrqol"], tol, case["name"])
        close(row["ascot_index"], want["ascot_index"], tol, case["name"])


def test_fixture_measures() -> None:
    tol = CASES["tolerance"]["measures"]
    for case in CASES["measures"]:
        out = co.survey.measures(case["respondents"], strata=case["strata"], **case["options"])
        for want in case["expected"]:
            [e] = [e for e in out if e["level"] == want["level"] and e["area"] == want["area"]
                   and e["measure"] == want["measure"]
                   and e["subgroup_value"] == want["subgroup_value"]]  # fmt: skip
            for k in ["value", "margin_of_error", "numerator", "denominator"]:
                close(e[k], want[k], tol, f"{want} {k}")
            assert e["base"] == want["base"]


def test_outputs_written_and_bit_identical_to_rust() -> None:
    lines = _lines()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(json.dumps(line) + "\n" for line in lines))
    rust = ROOT / "target" / "vectors" / "survey-rust.jsonl"
    if not rust.exists():
        pytest.skip("run cargo test --test survey_vectors first for the bit comparison")
    theirs = {d["id"]: d for d in map(json.loads, rust.read_text().splitlines())}
    assert len(theirs) == len(lines)
    for line in lines:
        other = theirs[line["id"]]
        for k, v in line.items():
            assert other[k] == v, f'{line["id"]} {k}: python {v!r}, rust {other[k]!r}'


@pytest.mark.parametrize("case", CASES["errors"], ids=lambda c: c["name"])
def test_bad_inputs(case: Dict[str, Any]) -> None:
    with pytest.raises(co.CareOutcomesError) as info:
        co.survey.score(case["respondents"], **case["options"])
    assert info.value.code == case["code"]
    assert type(info.value) is co.exception_for(case["code"])
    assert info.value.row == case["row"]


def test_vectors_file_is_the_builders_output() -> None:
    built = subprocess.run([sys.executable, str(ROOT / "vectors" / "build_survey_cases.py")],
                           check=True, capture_output=True, text=True).stdout  # fmt: skip
    assert json.loads(built) == CASES


def _fixture() -> Dict[str, Any]:
    case: Dict[str, Any] = CASES["measures"][0]
    return case


def test_every_table_kind_round_trips() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    case = _fixture()
    rows = [{**r, "sex": r.get("sex")} for r in case["respondents"]]
    want = co.survey.measures(rows, strata=case["strata"], england=True)
    df = pd.DataFrame(rows)  # q12 has gaps: a float column with NaN
    got = co.survey.measures(df, strata=pd.DataFrame(case["strata"]), england=True)
    assert isinstance(got, pd.DataFrame)
    # Nulls (1J here, and measures nobody answered) are NaN in pandas and None in records.
    values = [None if math.isnan(v) else v for v in got["value"].tolist()]
    assert values == [e["value"] for e in want]
    assert got["published_value"].tolist()[0] == "17.9"
    got_pl = co.survey.measures(pl.DataFrame(rows), strata=case["strata"], england=True)
    assert isinstance(got_pl, pl.DataFrame)
    assert got_pl["margin_of_error"].to_list()[0] == want[0]["margin_of_error"]
    got_pa = co.survey.measures(pa.Table.from_pylist(rows), strata=pa.Table.from_pylist(case["strata"]),
                                england=True)  # fmt: skip
    assert isinstance(got_pa, pa.Table)
    assert got_pa.column("numerator").to_pylist() == [e["numerator"] for e in want]
    scored = co.survey.score(df)
    assert isinstance(scored, pd.DataFrame)
    assert scored["scrqol"].tolist()[:5] == [24, 24, 16, 16, 8]


def test_ledger() -> None:
    case = _fixture()
    rows = [dict(r) for r in case["respondents"]]
    rows[0]["q3a"] = 9
    est, ledger = co.survey.measures(rows, strata=case["strata"], on_invalid="reject", ledger=True)
    assert ledger[0]["status"] == "rejected"
    assert ledger[0]["rejection_code"] == "invalid_response"
    assert ledger[3]["status"] == "used"
    assert "information_ease: never_tried (q12)" in ledger[3]["reasons"]
    [x] = [e for e in est if e["area"] == "X" and e["measure"] == "scrqol"]
    assert x["base"] == 32


def test_score_columns_and_exclusions() -> None:
    row: Dict[str, Any] = {**dict.fromkeys(SCRQOL, 1), "q12": 1, "q1": 2, "q7b": 1}
    [s] = co.survey.score([row])
    assert s["status"] == "used"
    assert s["information_ease"] is None  # never tried: excluded
    assert s["overall_satisfaction"] is True and s["services_safe"] is True
    assert "information_ease: never_tried" in s["reasons"]
    bad: List[Dict[str, Any]] = [{"q3a": 5}]
    [r] = co.survey.score(bad, on_invalid="reject")
    assert r["status"] == "rejected" and r["scrqol"] is None


def test_carers() -> None:
    items = ["occupation", "control", "self_care", "safety", "social_participation", "support"]
    cs: List[Dict[str, Any]] = [{**dict(zip(items, [1, 2, 2, 1, 3, 2])), "council": "A"},
          {**dict.fromkeys(items, 1), "council": "A"},
          {**dict.fromkeys(items, 3), "council": "B", "support": None}]  # fmt: skip
    scored = co.survey.score_carers(cs)
    assert [s["carer_qol"] for s in scored] == [7, 12, None]
    est = co.survey.carer_measures(cs, populations=[{"council": "A", "population": 500},
                                                    {"council": "B", "population": 90}])  # fmt: skip
    assert est[0]["value"] == 9.5 and est[0]["code"] == "1D"
    assert est[1]["value"] is None and est[1]["symbol"] == "[x]"
    with pytest.raises(co.InvalidResponseError):
        co.survey.score_carers([{"occupation": 4}])


def test_other_errors() -> None:
    case = _fixture()
    with pytest.raises(co.SampleExceedsPopulationError) as info:
        co.survey.measures(case["respondents"], strata=[{**p, "population": 1} for p in case["strata"]])
    assert info.value.group == "X stratum 1"
    with pytest.raises(co.DuplicateStratumError):
        co.survey.measures(case["respondents"], strata=case["strata"] + case["strata"][:1])
    with pytest.raises(co.MissingInputError):
        co.survey.measures(case["respondents"], strata=case["strata"][1:])
    with pytest.raises(co.InvalidOptionError):
        co.survey.measures(case["respondents"], strata=case["strata"], subgroups=["ethnicity"])
    with pytest.raises(co.InvalidResponseError) as info2:
        co.survey.score([{"q3a": 1}, {"q3a": "one"}])
    assert info2.value.row == 1
    with pytest.raises(co.InvalidResponseError):
        co.survey.score([{"q3a": math.inf}])
    with pytest.raises(co.EmptyInputError):
        co.survey.measures([], strata=case["strata"])
    with pytest.raises(TypeError):
        co.survey.score(42)


def test_weights_carry_provenance() -> None:
    w = co.survey.weights()
    assert w["version"] == "2012.1"
    assert "Netten" in w["provenance"]["weights"]
    assert w["items"][0]["weights"] == [1.0, 0.919, 0.541, 0.0]
    assert co.survey.defaults()["on_invalid"] == "error"


def test_guide_example_runs() -> None:
    import contextlib
    import io
    import re

    guide = (ROOT / "docs" / "survey.md").read_text()
    [block] = re.findall(r"```python\n(.*?)```", guide, flags=re.S)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "docs/survey.md", "exec"), {})  # noqa: S102 - our own guide
    assert out.getvalue().strip() == "['20.0']"
