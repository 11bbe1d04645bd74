"""co.records.coverage: the hand-worked cases of vectors/records-coverage.json (also run by
core/tests/records_coverage.rs and bindings-wasm/tests/records-coverage.test.mjs) through every
input kind, and the errors of its options."""

from __future__ import annotations

import datetime
import json
import pathlib
from typing import Any, Dict, List, Optional

import pytest

import care_outcomes as co

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOC: Dict[str, Any] = json.loads(
    (ROOT / "vectors" / "records-coverage.json").read_text(encoding="utf-8")
)
CSV = "\n".join(DOC["rows"]) + "\n"


def _rows() -> List[Dict[str, Optional[str]]]:
    header, *lines = DOC["rows"]
    names = header.split(",")
    return [{n: (v or None) for n, v in zip(names, line.split(","))} for line in lines]


@pytest.mark.parametrize("case", DOC["cases"], ids=[c["name"] for c in DOC["cases"]])
def test_shared_cases_from_csv_text_file_and_rows(case: Dict[str, Any], tmp_path: pathlib.Path) -> None:
    path = tmp_path / "extract.csv"
    path.write_text(CSV, encoding="utf-8")
    for events in (CSV, path, str(path), _rows()):
        got = co.records.coverage(events, import_date=case["import_date"], period=case["period"])
        assert got == case["expected"], (case["name"], type(events))


@pytest.mark.parametrize("case", DOC["cases"], ids=[c["name"] for c in DOC["cases"]])
def test_shared_cases_from_arrow_tables(case: Dict[str, Any]) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.csv as pacsv

    table = pacsv.read_csv(pa.BufferReader(CSV.encode()))
    tables: List[Any] = [table]
    pl = pytest.importorskip("polars")
    tables.append(pl.from_arrow(table))
    for t in tables:
        got = co.records.coverage(t, import_date=case["import_date"], period=case["period"])
        assert got == case["expected"], (case["name"], type(t))


def test_import_date_as_a_date_and_no_period() -> None:
    got = co.records.coverage(CSV, import_date=datetime.date(2024, 8, 20))
    assert [s["counted"] for s in got] == [96, 0]
    assert [s["selected"] for s in got] == [False, False]
    assert got[0]["period"] == {"start": "2024-05-01", "end": "2024-05-31"}


def test_bad_options_raise_coded_errors() -> None:
    with pytest.raises(co.InvalidOptionError) as e:
        co.records.coverage(CSV, import_date="20 August 2024")
    assert e.value.code == "invalid_option"
    with pytest.raises(co.InvalidOptionError):
        co.records.coverage(CSV, period="sometime")
    with pytest.raises(co.MissingInputError):
        co.records.coverage("la_code,nhs_number\nX,1\n")
    with pytest.raises(TypeError):
        co.records.coverage(42)


@pytest.mark.parametrize("run", DOC["derive"], ids=[r["name"] for r in DOC["derive"]])
def test_derive_with_the_submissions_option(run: Dict[str, Any]) -> None:
    for events in (CSV, _rows()):
        d = co.records.derive(
            events,
            period=run["period"],
            submissions=run["submissions"],
            import_date=run["import_date"],
        )
        led = d.ledger
        assert led["read"] == run["read"]
        assert led["read"] == led["used"] + sum(led["excluded"].values()) + len(led["rejected"])
        for rule, n in run["excluded"].items():
            assert led["excluded"].get(rule, 0) == n, (run["name"], rule)


def test_derive_submissions_default_and_errors() -> None:
    assert co.records.DEFAULTS["submissions"] == "all"
    with pytest.raises(co.InvalidOptionError):
        co.records.derive(CSV, period="2024-25", submissions="newest")
    with pytest.raises(co.InvalidOptionError):
        co.records.derive(CSV, period="2024-25", submissions="latest", import_date="someday")
