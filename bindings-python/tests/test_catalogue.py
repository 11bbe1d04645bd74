"""The catalogue and frameworks through the Python face: the official ASCOF 2020-21 figures
reproduced exactly (mirrors core/tests/official_ascof.rs), the local framework example of
docs/frameworks.md (mirrors core/tests/frameworks.rs), each malformed-framework case with its
coded exception, and pandas / polars / pyarrow / mapping round trips."""

from __future__ import annotations

import copy
import csv
import json
import math
import pathlib
from typing import Any, Callable, Dict, List, Optional, Tuple, Type

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import care_outcomes as co

ROOT = pathlib.Path(__file__).resolve().parents[2]
OFFICIAL = ROOT.parent / "shared" / "reference" / "ascof-2020-21-official.csv"
EXAMPLE_JSON = ROOT / "examples" / "frameworks" / "council-local.json"
EXAMPLE_TOML = ROOT / "examples" / "frameworks" / "council-local.toml"


def example() -> Dict[str, Any]:
    doc: Dict[str, Any] = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    return doc


def raises(cls: Type[co.CareOutcomesError], fn: Callable[[], Any]) -> co.CareOutcomesError:
    with pytest.raises(cls) as info:
        fn()
    e = info.value
    assert type(e) is cls
    assert e.code == cls.code
    assert str(e)
    return e


# ---------------------------------------------------------------------------------------------
# The official 2020-21 figures
# ---------------------------------------------------------------------------------------------


def official_rows() -> List[Dict[str, str]]:
    assert OFFICIAL.is_file(), f"{OFFICIAL} is needed by this test"
    with OFFICIAL.open(newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["year"] == "2020-21"]


def official_input() -> Tuple[List[Dict[str, str]], Dict[str, List[Any]]]:
    rows = official_rows()
    cols: Dict[str, List[Any]] = {k: [] for k in ("area", "period", "indicator", "breakdown",
                                                   "numerator", "denominator")}  # fmt: skip
    for r in rows:
        resolved = co.resolve_open_data_code("legacy", r["measure"])
        assert resolved is not None, f"open-data code {r['measure']} is not in the catalogue"
        cols["area"].append(r["area"])
        cols["period"].append("2020-21")
        cols["indicator"].append(resolved[0])
        cols["breakdown"].append(resolved[1])
        cols["numerator"].append(int(r["numerator"]))
        cols["denominator"].append(int(r["denominator"]))
    return rows, cols


def test_official_2020_21_values_reproduce_exactly() -> None:
    rows, cols = official_input()
    out = co.evaluate(pd.DataFrame(cols))
    assert isinstance(out, pd.DataFrame)
    assert len(out) == len(rows)
    methods = {i: co.indicator(i).method for i in set(cols["indicator"])}
    checked = zero_den = survey = 0
    mismatches = []
    for r, res in zip(rows, out.itertuples(index=False)):
        if methods[res.indicator] == "survey":
            assert "weighted_survey_counts" in res.flags
            assert math.isnan(res.lower), "no margin of error from counts"
            survey += 1
            continue
        if r["denominator"] == "0":
            assert r["value"] == "[x]"
            assert res.symbol == "[x]"
            assert res.published is None
            assert math.isnan(res.value)
            assert res.reason == "zero_denominator"
            zero_den += 1
            continue
        if res.published != r["value"]:
            mismatches.append(f"{r['measure']} {r['area']}: {res.published} vs {r['value']}")
        assert res.lower <= res.value <= res.upper, (r["measure"], r["area"])
        checked += 1
    assert mismatches == []
    assert checked == 6029, "spec-ascof.md §7.1: 6,029 rows with denominator > 0"
    assert zero_den == 65, "spec-ascof.md §6: 65 rows with denominator 0"
    assert survey == 630


def test_official_rows_give_the_same_results_in_every_table_kind() -> None:
    _, cols = official_input()
    as_pandas = co.evaluate(pd.DataFrame(cols))
    as_dict = co.evaluate(cols)
    as_polars = co.evaluate(pl.DataFrame(cols))
    as_arrow = co.evaluate(pa.table(cols))
    assert isinstance(as_dict, dict)
    assert isinstance(as_polars, pl.DataFrame)
    assert isinstance(as_arrow, pa.Table)
    assert list(as_dict) == list(co.frameworks.RESULT_COLUMNS)
    assert list(as_pandas.columns) == list(as_polars.columns) == as_arrow.column_names
    for name in ("published", "symbol", "benchmark_comparison", "quartile", "mad_band"):
        assert as_polars[name].to_list() == as_dict[name], name
        assert as_arrow.column(name).to_pylist() == as_dict[name], name
    for name in ("value", "lower", "upper", "benchmark_value"):
        # Bit-identical floats, nulls where the core has None.
        assert as_polars[name].to_list() == as_dict[name], name
        assert as_arrow.column(name).to_pylist() == as_dict[name], name
        from_pandas = [None if math.isnan(v) else v for v in as_pandas[name].tolist()]
        assert from_pandas == as_dict[name], name
    # Every non-England council is benchmarked against England (with a comparison code).
    assert {c for c, b in zip(as_dict["benchmark_comparison"], as_dict["benchmark"]) if b} <= {
        "better", "similar", "worse", "higher", "lower", "not_compared"
    }  # fmt: skip


def test_key_rows_compare_with_england() -> None:
    out = co.evaluate(
        {
            "area": ["England", "Coventry", "Birmingham"],
            "period": ["2020-21"] * 3,
            "indicator": ["ascof-legacy/2A2"] * 3,
            "numerator": [52_133, 320, 597],
            "population": [10_464_019, 50_463, 149_412],
        }
    )
    assert out["published"] == ["498.2", "634.1", "399.6"]
    # 2A(2) is lower-is-better: Coventry's 634.1 is significantly worse, Birmingham's better.
    assert out["benchmark_comparison"] == [None, "worse", "better"]
    assert out["method"] == ["Byars"] * 3
    assert out["confidence"] == ["95%"] * 3


# ---------------------------------------------------------------------------------------------
# The catalogue
# ---------------------------------------------------------------------------------------------


def test_catalogue_lists_every_definition_with_its_provenance() -> None:
    table = co.catalogue()
    assert len(table) == len(set(table.ids)) > 80
    assert all(d.source["publication"] for d in table)
    assert set(co.frameworks.FRAMEWORKS) == {
        "ascof/legacy", "ascof/2023-24", "ascof/2024-25", "better-lives/2022-27",
        "reablement/2024-25",
    }  # fmt: skip
    d = table.get("ascof-legacy/2B1")
    assert (d.code, d.unit, d.multiplier, d.polarity, d.method) == (
        "2B(1)", "percent", 100, "higher_is_better", "wilson"
    )  # fmt: skip
    assert d.rounding == {"rule": "half_away_from_zero", "dp": 1}
    assert "85OV" in [b["suffix"] for b in d.breakdowns]
    with pytest.raises(KeyError):
        table.get("ascof-legacy/9Z")
    df = table.to_pandas()
    assert list(df.columns) == list(table.to_dict())
    assert len(df) == len(table)
    assert df.loc[df["id"] == "ascof-legacy/2A2", "multiplier"].item() == 100_000
    arrow = table.to_arrow()
    assert arrow.num_rows == len(table)
    assert arrow.schema.field("data").type == pa.list_(pa.string())
    assert pa.table(table).shape == table.to_polars().shape == (len(table), len(df.columns))
    assert isinstance(table[0], co.Definition)
    assert isinstance(table[:3], co.DefinitionTable) and len(table[:3]) == 3


def test_catalogue_by_framework_and_version() -> None:
    reablement = co.catalogue(framework="reablement")
    assert reablement.ids == [d.id for d in co.framework("reablement", "2024-25").definitions]
    # The 2024-25 framework references definitions of earlier versions.
    ascof_2024 = co.catalogue(framework="ascof", version="2024-25")
    assert {d.version for d in ascof_2024} >= {"2024-25"}
    ascof = co.catalogue(framework="ascof")
    assert set(ascof_2024.ids) <= set(ascof.ids)
    assert len(ascof.ids) == len(set(ascof.ids))
    e = raises(co.UnknownIndicatorError, lambda: co.catalogue(framework="ascof", version="1999"))
    assert "ascof/legacy" in str(e)


def test_indicator() -> None:
    d = co.indicator("ascof-legacy/2A2")
    assert d.population_base
    assert d.calculation == "ratio"
    assert json.loads(d.to_json())["id"] == "ascof-legacy/2A2"
    assert d == co.indicator("ascof-legacy/2A2")
    assert d.to_dict()["unit"] == "per100000"
    with pytest.raises(AttributeError):
        d.code = "X"
    e = raises(co.UnknownIndicatorError, lambda: co.indicator("ascof-legacy/2B9"))
    assert e.row is None
    assert "ascof-legacy/2B9" in str(e)


def test_resolve_open_data_code() -> None:
    assert co.resolve_open_data_code("legacy", "2B185OV") == ("ascof-legacy/2B1", "85OV")
    assert co.resolve_open_data_code("legacy", "2B199") is None


# ---------------------------------------------------------------------------------------------
# Local frameworks
# ---------------------------------------------------------------------------------------------


def example_rows() -> Dict[str, List[Any]]:
    fd1 = "council-local/contacts-to-assessment"
    return {
        "area": ["Leeds", "Leeds", "Leeds", "England", "Leeds", "Leeds"],
        "period": ["2022-23", "2023-24", "2023-24", "2020-21", "2020-21", "2020-21"],
        "indicator": [fd1, fd1, "council-local/extra-care-units", "ascof-legacy/2B1",
                      "ascof-legacy/2B1", "ascof-legacy/2A2"],  # fmt: skip
        "numerator": [270, 180, 64, 34_152, 105, 567],
        "denominator": [1000, 1000, None, 43_193, 129, None],
        "population": [None, None, None, None, None, 123_784],
    }


def test_the_example_loads_in_every_form() -> None:
    fw = co.load_framework(EXAMPLE_JSON)
    assert fw.key == "council-local/2025-26"
    assert fw.domains[0] == co.Domain(
        "independence", "Living independently",
        ("council-local/extra-care-units", "ascof-legacy/2B1", "ascof-legacy/2A2"),
    )  # fmt: skip
    assert fw.domains[1].indicators == ("council-local/contacts-to-assessment",)
    assert fw.provisional is True
    assert len(fw.definitions) == 4
    assert fw.definition("ascof-legacy/2B1") == co.indicator("ascof-legacy/2B1")
    with pytest.raises(KeyError):
        fw.definition("ascof-legacy/2D")
    same = [
        co.load_framework(str(EXAMPLE_JSON)),
        co.load_framework(EXAMPLE_TOML),
        co.load_framework(example()),
        co.load_framework(EXAMPLE_JSON.read_text(encoding="utf-8")),
        co.load_framework(EXAMPLE_TOML.read_text(encoding="utf-8"), format="toml"),
    ]
    for other in same:
        assert other.to_dict() == fw.to_dict()
    assert co.load_framework(fw) is fw
    with pytest.raises(FileNotFoundError):
        co.load_framework("no/such/framework.json")
    with pytest.raises(ValueError):
        co.load_framework(EXAMPLE_JSON, format="yaml")


def test_the_example_evaluates() -> None:
    fw = co.load_framework(EXAMPLE_JSON)
    out = fw.evaluate(pd.DataFrame(example_rows()))
    r = out.to_dict("records")
    assert [x["published"] for x in r] == ["27.0", "18.0", "64", "79.1", "81.4", "458.1"]
    # Lower is better: a fall from 27.0% to 18.0% is an improvement.
    assert (r[1]["direction"], r[1]["previous_period"]) == ("improved", "2022-23")
    assert r[2]["value"] == 64.0
    # A count measure has no denominator: null (pd.NA in the nullable Int64 column), not 0.
    assert str(out["denominator"].dtype) == "Int64"
    assert out["denominator"].isna().tolist() == [False, False, True, False, False, False]
    assert r[2]["denominator"] is None
    assert r[1]["denominator"] == 1000
    assert "provisional_definition" in r[2]["flags"]
    assert r[1]["domain"] == "front-door"
    # Leeds 2B(1) 2020-21: 81.4%, its 95% interval contains England's 79.1%.
    assert (r[4]["benchmark"], r[4]["benchmark_comparison"]) == ("England", "similar")
    assert abs(r[4]["benchmark_value"] - 100 * 34_152 / 43_193) < 1e-12
    # 2A(2) uses the population: 567 / 123,784 × 100,000 = 458.1.
    assert r[5]["denominator"] == 123_784
    # The same through a framework dict and the whole catalogue (for the built-in rows).
    as_dict = co.evaluate(example_rows(), example())
    assert as_dict["published"] == [x["published"] for x in r]
    assert as_dict["denominator"] == [1000, 1000, None, 43_193, 129, 123_784]
    as_polars = co.evaluate(pl.DataFrame(example_rows()), example())
    assert as_polars.schema["denominator"] == pl.Int64
    assert as_polars["denominator"].to_list() == as_dict["denominator"]
    as_arrow = co.evaluate(pa.table(example_rows()), example())
    assert as_arrow.schema.field("denominator").type == pa.int64()
    assert as_arrow.column("denominator").to_pylist() == as_dict["denominator"]
    built_in = {k: v[3:] for k, v in example_rows().items()}
    assert co.evaluate(built_in, "ascof/legacy")["published"] == ["79.1", "81.4", "458.1"]
    raises(co.UnknownIndicatorError, lambda: co.evaluate(built_in, "ascof/1999"))
    raises(co.UnknownIndicatorError, lambda: co.evaluate(example_rows()))


def mutated(change: Callable[[Dict[str, Any]], None]) -> Dict[str, Any]:
    doc = copy.deepcopy(example())
    change(doc)
    return doc


def _set(path: List[Any], value: Any) -> Callable[[Dict[str, Any]], None]:
    def change(doc: Dict[str, Any]) -> None:
        target: Any = doc
        for p in path[:-1]:
            target = target[p]
        target[path[-1]] = value

    return change


MALFORMED: List[Tuple[str, Type[co.CareOutcomesError], Callable[[Dict[str, Any]], None]]] = [
    ("unknown method", co.UnknownMethodError, _set(["definitions", 0, "method"], "bootstrap")),
    ("unknown polarity", co.UnknownPolarityError, _set(["definitions", 0, "polarity"], "up")),
    ("duplicate definition", co.DuplicateIdError,
     lambda d: d["definitions"].append(copy.deepcopy(d["definitions"][0]))),
    ("duplicate reference", co.DuplicateIdError,
     _set(["indicators", 1, "ref"], "ascof-legacy/2B1")),
    ("duplicate domain", co.DuplicateIdError, _set(["domains", 1, "id"], "independence")),
    ("missing built-in", co.UnknownIndicatorError,
     _set(["indicators", 0, "ref"], "ascof-legacy/2B9")),
    ("pinned version", co.VersionMismatchError, _set(["indicators", 0, "version"], "2023-24")),
    ("definition version", co.VersionMismatchError,
     _set(["definitions", 0, "version"], "2024-25")),
    ("undeclared domain", co.InvalidFrameworkError, _set(["definitions", 0, "domain"], "nowhere")),
    ("reference domain", co.InvalidFrameworkError, _set(["indicators", 0, "domain"], "nowhere")),
    ("other framework", co.InvalidFrameworkError, _set(["definitions", 0, "framework"], "ascof")),
    ("no domains", co.InvalidFrameworkError, _set(["domains"], [])),
    ("unknown field", co.InvalidFrameworkError, _set(["colour"], "blue")),
    ("multiplier", co.InvalidDefinitionError, _set(["definitions", 0, "multiplier"], 7)),
]  # fmt: skip


@pytest.mark.parametrize("case", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_each_malformed_framework_has_its_coded_error(
    case: Tuple[str, Type[co.CareOutcomesError], Callable[[Dict[str, Any]], None]],
) -> None:
    _, cls, change = case
    raises(cls, lambda: co.load_framework(mutated(change)))


def test_rate_without_population() -> None:
    def rate(d: Dict[str, Any]) -> None:
        d["definitions"][0].update(unit="per100000", multiplier=100_000, method="byar")

    raises(co.MissingPopulationError, lambda: co.load_framework(mutated(rate)))
    doc = mutated(rate)
    doc["definitions"][0]["population_base"] = "ONS mid-year population 18+"
    assert co.load_framework(doc).key == "council-local/2025-26"


def test_missing_builtin_names_the_reference() -> None:
    e = raises(co.UnknownIndicatorError,
               lambda: co.load_framework(mutated(_set(["indicators", 0, "ref"], "ascof-legacy/2B9"))))  # fmt: skip
    assert e.group == "indicators[0]"


def test_bad_text() -> None:
    raises(co.InvalidFrameworkError, lambda: co.load_framework("{not json"))
    raises(co.InvalidFrameworkError, lambda: co.load_framework("framework = ", format="toml"))


# ---------------------------------------------------------------------------------------------
# Evaluation errors, comparisons, aggregation
# ---------------------------------------------------------------------------------------------


def rows(
    *items: Tuple[str, Any, Any], indicator: str = "ascof-legacy/2B1"
) -> Dict[str, List[Any]]:
    """Input columns of (area, numerator, denominator) rows of one indicator in 2020-21."""
    return {
        "area": [a for a, _, _ in items],
        "period": ["2020-21"] * len(items),
        "indicator": [indicator] * len(items),
        "numerator": [n for _, n, _ in items],
        "denominator": [d for _, _, d in items],
    }


def test_evaluate_reports_bad_rows_with_their_index() -> None:
    fw = co.load_framework(EXAMPLE_JSON)
    e = raises(co.UnknownIndicatorError,
               lambda: co.evaluate(rows(("Leeds", 1, 2), indicator="ascof-legacy/2X"), fw))  # fmt: skip
    assert e.row == 0
    e = raises(co.NumeratorExceedsDenominatorError,
               lambda: co.evaluate(rows(("Leeds", 1, 2), ("Bradford", 200, 100)), fw))  # fmt: skip
    assert e.row == 1
    e = raises(co.MissingDenominatorError, lambda: co.evaluate(rows(("Leeds", 1, None)), fw))
    assert e.row == 0
    raises(co.DuplicateIdError,
           lambda: co.evaluate(rows(("Leeds", 1, 2), ("Leeds", 1, 2)), fw))  # fmt: skip
    bad_breakdown = {**rows(("Leeds", 1, 2)), "breakdown": ["90OV"]}
    assert raises(co.UnknownIndicatorError, lambda: co.evaluate(bad_breakdown, fw)).row == 0
    raises(co.InvalidConfidenceError,
           lambda: co.evaluate(rows(("Leeds", 1, 2)), fw, confidence=95))  # fmt: skip


def test_counts_are_read_by_the_core_rule() -> None:
    # A float column of whole numbers (pandas' integer column with a missing value) is fine.
    df = pd.DataFrame(rows(("Leeds", 105, 129), ("York", 10, None)))
    df = df.iloc[:1]
    assert df["denominator"].dtype == "float64"
    assert co.evaluate(df)["published"].tolist() == ["81.4"]
    e = raises(co.InvalidOptionError, lambda: co.evaluate(rows(("Leeds", 1, 2.5))))
    assert "2.5" in str(e)
    e = raises(co.NegativeValueError, lambda: co.evaluate(rows(("A", 1, 2), ("B", -1, 2))))
    assert e.row == 1
    raises(co.NonFiniteError, lambda: co.evaluate(rows(("Leeds", 1, math.inf))))
    e = raises(co.MissingInputError, lambda: co.evaluate(rows(("Leeds", None, 2))))
    assert e.row == 0
    no_area = rows(("Leeds", 1, 2))
    del no_area["area"]
    assert "area" in str(raises(co.MissingInputError, lambda: co.evaluate(no_area)))
    short = {**rows(("Leeds", 1, 2)), "period": []}
    raises(co.LengthMismatchError, lambda: co.evaluate(short))
    with pytest.raises(TypeError):
        co.evaluate(rows(("Leeds", "many", 2)))
    with pytest.raises(TypeError):
        co.evaluate([("Leeds", 1, 2)])
    with pytest.raises(TypeError):
        co.evaluate(rows(("Leeds", 1, 2)), framework=3)  # type: ignore[arg-type]


def test_comparators_quartiles_and_mad_bands() -> None:
    data = rows(
        ("England", 116_113, 155_018), ("Leeds", 1_060, 1_475),
        ("Coventry", 1_159, 1_920), ("Birmingham", 990, 2_023),
        ("Sutton", 459, 816), indicator="ascof-legacy/2D",
    )  # fmt: skip
    out = co.evaluate(pl.DataFrame(data), comparators=["Coventry", "Birmingham"])
    by = {r["area"]: r for r in out.to_dicts()}
    # Comparator aggregate = (1,159 + 990) / (1,920 + 2,023) = 2,149 / 3,943 = 54.50...%.
    assert abs(by["Leeds"]["comparator_value"] - 100 * 2149 / 3943) < 1e-12
    assert by["Leeds"]["comparator_comparison"] == "better"
    assert by["Leeds"]["benchmark_comparison"] == "worse"
    assert [by[a]["quartile"] for a in ("Leeds", "Coventry", "Sutton", "Birmingham")] == [1, 2,
                                                                                          3, 4]  # fmt: skip
    assert by["England"]["quartile"] is None
    # MAD bands against the two comparators (60.4, 48.9): median 54.65, MAD 5.75.
    assert by["Leeds"]["mad_band"] == "much_better"
    assert by["Sutton"]["mad_band"] == "broadly_similar"
    # No benchmark; peers chosen.
    out = co.evaluate(data, benchmark=None, peers=["Leeds", "Sutton"])
    assert out["benchmark"] == [None] * 5
    assert out["quartile"] == [None, 1, None, None, 3]


def test_aggregation_sums_counts_never_averages_values() -> None:
    data = rows(("Leeds", 105, 129), ("Birmingham", 291, 596), ("Sutton", 1, 2))
    parents = {"Leeds": "Both", "Birmingham": "Both"}
    for kind in (dict, pd.DataFrame, pl.DataFrame, pa.table):
        agg = co.aggregate(kind(data), parents)
        assert type(agg) is type(kind(data))
        out = co.evaluate(agg)
        published = out["published"]
        as_list = published if isinstance(published, list) else list(
            published.to_pylist() if isinstance(out, pa.Table) else published.to_list()
        )  # fmt: skip
        # 396 / 725 = 54.6%, not the mean of 81.4 and 48.8 (65.1).
        assert as_list == ["54.6"]
    agg = co.aggregate(data, parents)
    assert agg == {"area": ["Both"], "period": ["2020-21"], "indicator": ["ascof-legacy/2B1"],
                   "breakdown": [None], "numerator": [396], "denominator": [725],
                   "population": [None]}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Table kinds
# ---------------------------------------------------------------------------------------------


def test_table_kinds_round_trip_with_their_types() -> None:
    data = {**rows(("England", 34_152, 43_193), ("Leeds", 105, 129), ("Nowhere", 0, 0)),
            "breakdown": [None, None, None]}  # fmt: skip
    out_pd = co.evaluate(pd.DataFrame(data))
    assert out_pd["value"].dtype == "float64"
    assert out_pd["numerator"].dtype == "int64"
    assert str(out_pd["quartile"].dtype) == "Int64"
    assert out_pd["published"].tolist() == ["79.1", "81.4", None]
    assert out_pd["symbol"].tolist() == [None, None, "[x]"]
    out_pl = co.evaluate(pl.DataFrame(data))
    assert out_pl.schema["value"] == pl.Float64
    assert out_pl.schema["flags"] == pl.List(pl.Utf8)
    assert out_pl["value"].to_list()[2] is None
    out_pa = co.evaluate(pa.table(data))
    assert out_pa.schema.field("quartile").type == pa.int64()
    assert out_pa.column("value").null_count == 1
    batch = co.evaluate(pa.RecordBatch.from_pydict(data))
    assert isinstance(batch, pa.RecordBatch)
    assert batch.to_pydict() == out_pa.to_pydict()

    class Stream:
        def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
            return pa.table(data).__arrow_c_stream__(requested_schema)

    assert co.evaluate(Stream()).to_pydict() == out_pa.to_pydict()
    # pandas nullable dtypes and categoricals are read as their values.
    df = pd.DataFrame(data).astype({"numerator": "Int64", "area": "category"})
    assert co.evaluate(df)["published"].tolist() == ["79.1", "81.4", None]
