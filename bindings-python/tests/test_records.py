"""Every case of vectors/records-cases.json (hand-worked CLD fixtures, also run by
core/tests/records.rs and bindings-wasm/tests/records.test.mjs) through co.records.derive: as CSV
text, a CSV file, row mappings and (when installed) pandas / polars / pyarrow tables; plus the
ledger identity, progress reporting and the errors of the records API."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, List, Optional

import pytest

import care_outcomes as co

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES: List[Dict[str, Any]] = json.loads(
    (ROOT / "vectors" / "records-cases.json").read_text(encoding="utf-8")
)["cases"]


def _csv(case: Dict[str, Any]) -> str:
    return "\n".join(case["rows"]) + "\n"


def _rows(case: Dict[str, Any]) -> List[Dict[str, Optional[str]]]:
    header, *lines = case["rows"]
    names = header.split(",")
    return [
        {n: (v if v != "" else None) for n, v in zip(names, line.split(","))} for line in lines
    ]


def _check(case: Dict[str, Any], d: co.records.Derivation) -> None:
    name = case["name"]
    for want in case["expected"]:
        got = [
            m
            for m in d.measures
            if m["measure"] == want["measure"]
            and m["breakdown"] == want["breakdown"]
            and m["area"] == "X"
        ]
        assert len(got) == 1, f"{name}: {want['measure']} {want['breakdown']}"
        m = got[0]
        assert m["numerator"] == want["numerator"], name
        assert m["denominator"] == want["denominator"], name
        assert m["exclusions"] == want["exclusions"], name
        for k in ("framework", "code", "per"):
            if k in want:
                assert m[k] == want[k], (name, k)
    _check_ledger(d.ledger, case["ledger"])
    if "hospital_ledger" in case:
        assert d.hospital_ledger is not None, name
        _check_ledger(d.hospital_ledger, case["hospital_ledger"])
    else:
        assert d.hospital_ledger is None, name


def _check_ledger(ledger: co.records.Ledger, want: Dict[str, Any]) -> None:
    assert ledger["read"] == want["read"]
    assert ledger["used"] == want["used"]
    assert ledger["excluded"] == want["excluded"]
    assert ledger["rejected"] == want["rejected"]
    excluded = sum(ledger["excluded"].values())
    assert ledger["read"] == ledger["used"] + excluded + len(ledger["rejected"])


def _options(case: Dict[str, Any]) -> Dict[str, Any]:
    out = {"period": case["period"], "method": case["method"], "populations": case["populations"]}
    if "hospital_rows" in case:
        out["hospital"] = "\n".join(case["hospital_rows"]) + "\n"
    return out


HOSPITAL_CASE = next(c for c in CASES if "hospital_rows" in c)


def test_hospital_spells_as_rows_file_and_object(tmp_path: pathlib.Path) -> None:
    """The hand-worked 2D case with its spells as row mappings, a file and a read object."""
    opts = _options(HOSPITAL_CASE)
    text = opts.pop("hospital")
    header, *lines = HOSPITAL_CASE["hospital_rows"]
    names = header.split(",")
    rows = [{n: (v or None) for n, v in zip(names, line.split(","))} for line in lines]
    path = tmp_path / "sus.csv"
    path.write_text(text, encoding="utf-8")
    spells = co.records.hospital_spells(path)
    assert spells.ledger["read"] == 14 and spells.ledger["used"] == 12
    for hospital in (rows, path, str(path), spells):
        _check(HOSPITAL_CASE, co.records.derive(_csv(HOSPITAL_CASE), hospital=hospital, **opts))
    d = co.records.derive(_csv(HOSPITAL_CASE), hospital=spells, **opts)
    assert d.to_dict()["hospital_ledger"]["rejected"][0] == {"row": 13, "reason": "missing:nhs_number"}


def test_hospital_spells_errors() -> None:
    with pytest.raises(co.MissingInputError, match="discharge_date"):
        co.records.hospital_spells("nhs_number,admission_date\n1,2024-01-01\n")
    h = co.records.hospital_spells(
        "nhs_number,admission_date,discharge_date\n1,2024-13-01,2024-06-09\n2,2024-06-01,\n"
    )
    assert h.ledger["rejected"] == [{"row": 1, "reason": "invalid_date:admission_date"}]
    assert h.ledger["used"] == 1


def test_synthetic_hospital_spells_link_to_synthetic_events() -> None:
    events = co.records.synthetic(events=20_000, seed=3)
    spells = co.records.synthetic_hospital(events, seed=3)
    assert spells == co.records.synthetic_hospital(events, seed=3)
    d = co.records.derive(events, period="2024-25", hospital=spells)
    d1 = [m for m in d.measures if m["code"] == "2D1" and m["area"] == "LA001"][0]
    d2 = [m for m in d.measures if m["code"] == "2D2" and m["area"] == "LA001"][0]
    assert 0 < d1["numerator"] < (d1["denominator"] or 0)
    assert d1["denominator"] == d2["numerator"]
    assert d.hospital_ledger is not None and d.hospital_ledger["read"] > 0


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vectors_csv_text(case: Dict[str, Any]) -> None:
    _check(case, co.records.derive(_csv(case), **_options(case)))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vectors_csv_file(case: Dict[str, Any], tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cld.csv"
    path.write_text(_csv(case), encoding="utf-8")
    _check(case, co.records.derive(path, **_options(case)))
    _check(case, co.records.derive(str(path), **_options(case)))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vectors_row_mappings(case: Dict[str, Any]) -> None:
    _check(case, co.records.derive(_rows(case), **_options(case)))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vectors_tables(case: Dict[str, Any]) -> None:
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    rows = _rows(case)
    frame = pd.DataFrame(rows)
    _check(case, co.records.derive(frame, **_options(case)))
    _check(case, co.records.derive(pa.Table.from_pylist(rows), **_options(case)))
    _check(case, co.records.derive(pl.DataFrame(rows), **_options(case)))
    # Dates as real date columns (Arrow date32) read the same.
    typed = frame.copy()
    for col in typed.columns:
        if col.endswith("date") or col.startswith("date_of"):
            typed[col] = pd.to_datetime(typed[col], errors="coerce").dt.date
    if case["name"] != "ledger_duplicates_and_rejections":  # its invalid date cannot be typed
        _check(case, co.records.derive(typed, **_options(case)))


def test_synthetic_is_deterministic_and_balances(tmp_path: pathlib.Path) -> None:
    a = co.records.synthetic(events=3_000, seed=3)
    assert a == co.records.synthetic(events=3_000, seed=3)
    assert a != co.records.synthetic(events=3_000, seed=4)
    path = co.records.synthetic(events=3_000, seed=3, path=tmp_path / "s.csv")
    assert pathlib.Path(path).read_text(encoding="utf-8") == a
    d = co.records.derive(a, period="2024-25")
    ledger = d.ledger
    assert ledger["read"] >= 3_000
    assert ledger["read"] == ledger["used"] + sum(ledger["excluded"].values()) + len(
        ledger["rejected"]
    )
    assert d.method == co.records.DEFAULTS["method"] == "2024-25"
    frame = d.to_pandas() if _has("pandas") else None
    if frame is not None:
        assert len(frame) == len(d.measures)


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def test_progress_reaches_the_total_and_drives_a_tqdm_like_bar() -> None:
    text = co.records.synthetic(events=2_000, seed=1)
    calls: List[tuple[int, int]] = []
    co.records.derive(text, period="2024-25", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1] > 0

    class Bar:
        def __init__(self) -> None:
            self.total: Optional[int] = None
            self.n = 0

        def update(self, k: int) -> None:
            self.n += k

    bar = Bar()
    co.records.derive(text, period="2024-25", progress=bar)
    assert bar.total is not None and bar.n == bar.total


def test_errors_are_coded() -> None:
    csv = "nhs_number,event_type,event_start_date\n1,Request,2024-05-01\n"
    with pytest.raises(co.InvalidOptionError):
        co.records.derive(csv, period="2024")
    with pytest.raises(co.InvalidOptionError):
        co.records.derive(csv, period="2024-25", method="2022-23")
    with pytest.raises(co.MissingInputError):
        co.records.derive("event_type\nRequest\n", period="2024-25")
    with pytest.raises(co.InvalidDefinitionError):
        co.records.derive("/nonexistent/cld.csv", period="2024-25")
    with pytest.raises(co.InvalidOptionError):
        co.records.synthetic(areas=0)
    with pytest.raises(TypeError):
        co.records.derive([1, 2], period="2024-25")
    with pytest.raises(TypeError):
        co.records.derive(csv, period="2024-25", progress=42)


def test_derived_counts_feed_evaluate_through_the_core_link() -> None:
    text = co.records.synthetic(events=20_000)
    assert isinstance(text, str)
    d = co.records.derive(text, period="2024-25")
    rows = d.input_rows()
    assert len(rows) == len(d.measures)
    linked = [(m, r) for m, r in zip(d.measures, rows) if r is not None]
    ids = {r["indicator"] for _, r in linked}
    assert {"ascof-2024-25/2A", "ascof-2024-25/2E1", "ascof-2024-25/2E2", "better-lives/BC4"} <= ids
    assert any(r.get("breakdown") == "65OV" for _, r in linked)
    for m, r in linked:
        assert (r["area"], r["numerator"], r.get("denominator")) == (m["area"], m["numerator"], m["denominator"])
    out = co.evaluate(d.input_table(), benchmark=None)
    assert isinstance(out, dict)
    assert out["numerator"] == [r["numerator"] for _, r in linked]
