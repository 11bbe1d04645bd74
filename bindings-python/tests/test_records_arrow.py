"""Arrow tables into co.records.derive (imported through the Arrow PyCapsule interface, read in
place by the core, as core/tests/records_arrow.rs does in Rust): the same synthetic extract as CSV
text, a pyarrow Table / RecordBatchReader / RecordBatch, a polars DataFrame and a pandas
DataFrame — with string, typed date, timestamp, integer and dictionary columns — gives the
identical Derivation (measures and ledger); a float column of a CLD field is a coded error."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, Dict, Iterator

import pytest

import care_outcomes as co

pa = pytest.importorskip("pyarrow")
pacsv = pytest.importorskip("pyarrow.csv")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

DATES = [
    "date_of_birth",
    "date_of_death",
    "event_start_date",
    "event_end_date",
    "reporting_period_end_date",
]
TEXT = co.records.synthetic(events=20_000, seed=5)
#: The extract without its impossible dates (2024-02-30), which a typed date column cannot hold.
VALID = "".join(line for line in TEXT.splitlines(keepends=True) if "2024-02-30" not in line)


def _derive(events: Any, method: str = "2024-25") -> Dict[str, Any]:
    return co.records.derive(events, period="2024-25", method=method).to_dict()


@pytest.fixture(scope="module")
def expected() -> Dict[str, Dict[str, Any]]:
    return {
        "all": _derive(TEXT),
        "valid": _derive(VALID),
        "all-2023-24": _derive(TEXT, "2023-24"),
    }


def test_the_extract_exercises_rejections_and_exclusions(
    expected: Dict[str, Dict[str, Any]],
) -> None:
    ledger = expected["all"]["ledger"]
    assert ledger["rejected"] and len(ledger["excluded"]) >= 3
    assert len(expected["all"]["measures"]) > 30
    assert expected["valid"]["ledger"]["read"] < ledger["read"]


def test_pyarrow_tables_readers_and_batches(expected: Dict[str, Dict[str, Any]]) -> None:
    # pyarrow's CSV reader types the columns: int64 NHS numbers, date32 dates (the start date
    # column stays a string: it holds 2024-02-30).
    table = pacsv.read_csv(io.BytesIO(TEXT.encode()))
    assert table.schema.field("nhs_number").type == pa.int64()
    assert table.schema.field("date_of_birth").type == pa.date32()
    assert table.schema.field("event_start_date").type == pa.string()
    assert _derive(table) == expected["all"]
    assert _derive(table, "2023-24") == expected["all-2023-24"]
    # Many batches, in a stream; dictionary-encoded codes; large and view strings.
    coded = table.set_column(
        0, "la_code", table.column("la_code").dictionary_encode()
    ).set_column(
        5, "client_type", table.column("client_type").cast(pa.large_string())
    ).set_column(
        8, "event_type", table.column("event_type").cast(pa.string_view())
    )
    batches = coded.to_batches(max_chunksize=3_001)
    assert len(batches) > 5
    reader = pa.RecordBatchReader.from_batches(coded.schema, batches)
    assert _derive(reader) == expected["all"]
    # A single RecordBatch (__arrow_c_array__).
    assert _derive(coded.combine_chunks().to_batches()[0]) == expected["all"]


def test_a_stream_fed_by_python_is_read_with_the_gil_released(
    expected: Dict[str, Dict[str, Any]],
) -> None:
    table = pacsv.read_csv(io.BytesIO(TEXT.encode()))

    def batches() -> Iterator[Any]:
        yield from table.to_batches(max_chunksize=2_500)

    reader = pa.RecordBatchReader.from_batches(table.schema, batches())
    assert _derive(reader) == expected["all"]

    def failing() -> Iterator[Any]:
        yield table.to_batches()[0]
        raise RuntimeError("the source broke")

    with pytest.raises(co.InvalidDefinitionError, match="the source broke"):
        _derive(pa.RecordBatchReader.from_batches(table.schema, failing()))


def test_typed_dates_and_timestamps(expected: Dict[str, Dict[str, Any]]) -> None:
    table = pacsv.read_csv(io.BytesIO(VALID.encode()))
    assert table.schema.field("event_start_date").type == pa.date32()
    assert _derive(table) == expected["valid"]
    for i, name in enumerate(table.column_names):
        if name in ("event_end_date", "date_of_death"):
            table = table.set_column(i, name, table.column(name).cast(pa.timestamp("us")))
        elif name == "reporting_period_end_date":
            ts = table.column(name).cast(pa.timestamp("s")).cast(pa.timestamp("s", tz="UTC"))
            table = table.set_column(i, name, ts)
        elif name == "date_of_birth":
            table = table.set_column(i, name, table.column(name).cast(pa.date64()))
    assert _derive(table) == expected["valid"]


def test_zoned_timestamps_give_the_local_date() -> None:
    # 2024-05-01 00:30 in London (BST) is 2024-04-30 23:30 UTC: the event starts on 1 May.
    utc = pa.array([dt.datetime(2024, 4, 30, 23, 30)], pa.timestamp("s"))
    for zone in ("Europe/London", "+01:00"):
        start = utc.cast(pa.timestamp("s", tz="UTC")).cast(pa.timestamp("s", tz=zone))
        table = pa.table(
            {
                "nhs_number": ["1"],
                "event_type": ["Request"],
                "client_type": ["Service User"],
                "event_start_date": start,
                "event_end_date": ["2024-04-30"],
            }
        )
        assert _derive(table)["ledger"]["rejected"] == [{"row": 1, "reason": "end_before_start"}]
        table = table.set_column(4, "event_end_date", pa.array(["2024-05-01"]))
        assert _derive(table)["ledger"]["used"] == 1


def test_polars_frames(expected: Dict[str, Dict[str, Any]]) -> None:
    # The start date column holds 2024-02-30: polars reads it as strings, the rest typed.
    frame = pl.read_csv(
        io.BytesIO(TEXT.encode()),
        try_parse_dates=True,
        schema_overrides={"event_start_date": pl.String},
    )
    assert frame.schema["nhs_number"] == pl.Int64
    assert frame.schema["date_of_birth"] == pl.Date
    assert _derive(frame) == expected["all"]
    categorical = frame.with_columns(
        pl.col("la_code", "client_type", "service_type").cast(pl.Categorical)
    )
    assert _derive(categorical) == expected["all"]
    valid = pl.read_csv(io.BytesIO(VALID.encode()), try_parse_dates=True).with_columns(
        pl.col("event_end_date").cast(pl.Datetime("ms"))
    )
    assert valid.schema["event_start_date"] == pl.Date
    assert _derive(valid) == expected["valid"]


def test_pandas_frames(expected: Dict[str, Dict[str, Any]]) -> None:
    text_dates = [d for d in DATES if d != "event_start_date"]
    frame = pd.read_csv(
        io.StringIO(TEXT),
        dtype={"nhs_number": "Int64", "la_code": "category", "event_type": "category"},
        parse_dates=text_dates,
    )
    assert str(frame["date_of_birth"].dtype).startswith("datetime64")
    assert _derive(frame) == expected["all"]
    valid = pd.read_csv(io.StringIO(VALID), dtype={"nhs_number": "Int64"})
    for d in DATES:
        valid[d] = pd.to_datetime(valid[d]).dt.date
    assert _derive(valid) == expected["valid"]
    # pandas' default: NHS numbers with gaps become float64, which cannot stand for identifiers.
    lossy = pd.read_csv(io.StringIO(TEXT))
    assert str(lossy["nhs_number"].dtype) == "float64"
    with pytest.raises(co.InvalidColumnTypeError, match="nhs_number"):
        _derive(lossy)


def test_string_columns_and_row_mappings_still_work(expected: Dict[str, Dict[str, Any]]) -> None:
    table = pacsv.read_csv(
        io.BytesIO(TEXT.encode()),
        convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in DATES}),
    )
    columns = {n: table.column(n).to_pylist() for n in table.column_names}
    assert _derive(columns) == expected["all"]
    rows = table.slice(0, 2_000).to_pylist()
    assert _derive(rows) == _derive(pa.Table.from_pylist(rows))


def test_bad_column_types_are_coded_errors() -> None:
    base = {
        "nhs_number": ["1", "2"],
        "event_type": ["Request", "Request"],
        "client_type": ["Service User", "Service User"],
        "event_start_date": pa.array([dt.date(2024, 5, 1)] * 2),
    }
    for name, values in [
        ("event_start_date", pa.array([19844.0, 19845.0])),  # float dates
        ("nhs_number", pa.array([1.0, 2.0])),
        ("der_birth_year", pa.array([1950.5, 1951.0])),
        ("event_end_date", pa.array([True, False])),
        ("la_code", pa.array([dt.date(2024, 5, 1)] * 2)),
    ]:
        table = pa.table({**base, name: values})
        with pytest.raises(co.InvalidColumnTypeError) as err:
            _derive(table)
        assert err.value.code == "invalid_column_type"
        assert name in str(err.value)
    with pytest.raises(co.MissingInputError):
        _derive(pa.table({"nhs_number": ["1"], "event_type": ["Request"]}))
    with pytest.raises(TypeError):
        _derive(42)
