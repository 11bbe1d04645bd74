"""Client Level Data (CLD): derive ASCOF, reablement and Better Conversations measures from
event records, with a ledger for every row.

A thin conversion layer over ``care_outcomes::records`` in the Rust core (spec-ascof.md §3.2,
§5, §8, §9.2 and ``docs/records.md``): every rule, default and code comes from the core.

>>> import care_outcomes as co
>>> text = co.records.synthetic(events=2_000, seed=7)
>>> d = co.records.derive(text, period="2024-25")
>>> d.ledger["read"] == d.ledger["used"] + sum(d.ledger["excluded"].values()) + len(d.ledger["rejected"])
True
>>> sorted({m["code"] for m in d.measures})[:4]
['2A', '2B', '2C', '2E']
"""

from __future__ import annotations

import json
import os
from types import MappingProxyType
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    List,
    Mapping,
    Optional,
    Sequence,
    TypedDict,
    Union,
)

from . import _care_outcomes as _ext

if TYPE_CHECKING:  # pragma: no cover
    import datetime

    import pandas

__all__ = [
    "DEFAULTS",
    "Derivation",
    "HospitalSpells",
    "MonthCoverage",
    "SubmissionCoverage",
    "ReportingPeriod",
    "Ledger",
    "MeasureCount",
    "Rejection",
    "coverage",
    "derive",
    "hospital_spells",
    "synthetic",
    "synthetic_hospital",
]

#: Defaults of this module, read from the core at import time.
DEFAULTS: Mapping[str, Any] = MappingProxyType(dict(_ext.records_defaults()))


class Rejection(TypedDict):
    """A rejected input row: one-based data row number (header = 0) and reason code."""

    row: int
    reason: str


class Ledger(TypedDict):
    """What happened to every input row: ``read = used + sum(excluded) + len(rejected)``."""

    read: int
    used: int
    excluded: Dict[str, int]
    rejected: List[Rejection]


class MeasureCount(TypedDict):
    """One derived measure for one area, period and breakdown (integers; feed to evaluate)."""

    measure: str
    framework: str
    code: str
    method: str
    area: str
    period: str
    breakdown: Dict[str, str]
    numerator: int
    denominator: Optional[int]
    per: int
    exclusions: Dict[str, int]
    provisional: bool


class ReportingPeriod(TypedDict):
    """Inclusive ISO dates."""

    start: str
    end: str


class MonthCoverage(TypedDict):
    """The events of one submission ending in one calendar month (see :func:`coverage`)."""

    month: str
    events: int
    event_types: int
    dropped: Optional[str]


class SubmissionCoverage(TypedDict):
    """One submission (an authority's rows sharing a stated reporting period end) and the
    reporting period derived from its data (see :func:`coverage`)."""

    la: str
    stated_end: Optional[str]
    events: int
    counted: int
    event_types: int
    types_needed: int
    months: List[MonthCoverage]
    basis: str
    period: Optional[ReportingPeriod]
    selected: bool


class Derivation:
    """The result of :func:`derive`: ``measures`` (one :class:`MeasureCount` per measure, area
    and breakdown), ``ledger`` and, when hospital spells were given, ``hospital_ledger``."""

    __slots__ = ("hospital_ledger", "ledger", "measures", "method", "period")

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.method: str = data["method"]
        self.period: str = data["period"]
        self.measures: List[MeasureCount] = list(data["measures"])
        self.ledger: Ledger = data["ledger"]
        self.hospital_ledger: Optional[Ledger] = data.get("hospital_ledger")

    def __repr__(self) -> str:
        return (
            f"Derivation(method={self.method!r}, period={self.period!r}, "
            f"measures={len(self.measures)}, read={self.ledger['read']})"
        )

    def to_dict(self) -> Dict[str, Any]:
        """The result as plain data (the core's JSON form)."""
        out: Dict[str, Any] = {
            "method": self.method,
            "period": self.period,
            "measures": [dict(m) for m in self.measures],
            "ledger": dict(self.ledger),
        }
        if self.hospital_ledger is not None:
            out["hospital_ledger"] = dict(self.hospital_ledger)
        return out

    def input_rows(self) -> List[Optional[Dict[str, Any]]]:
        """The :func:`care_outcomes.evaluate` input row of each measure (``None`` where the
        catalogue holds no definition for it, or a rate's population was not supplied), by the
        core's link from derived counts to catalogue ids and breakdown suffixes."""
        text = _ext.records_input_rows(json.dumps([dict(m) for m in self.measures]))
        rows: List[Optional[Dict[str, Any]]] = json.loads(text)
        return rows

    def input_table(self) -> Dict[str, List[Any]]:
        """The linked measures as a mapping of columns that :func:`care_outcomes.evaluate` takes
        (``area``, ``period``, ``indicator``, ``breakdown``, ``numerator``, ``denominator``,
        ``population``)."""
        rows = [r for r in self.input_rows() if r is not None]
        names = ("area", "period", "indicator", "breakdown", "numerator", "denominator", "population")
        return {n: [r.get(n) for r in rows] for n in names}

    def to_pandas(self) -> "pandas.DataFrame":
        """The measures as a pandas DataFrame, one row per measure, area and breakdown."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover
            raise ImportError("Derivation.to_pandas() needs pandas") from e
        return pd.DataFrame([dict(m) for m in self.measures])


ProgressLike = Union[Callable[[int, int], Any], Any]


def _progress(progress: Optional[ProgressLike]) -> Optional[Callable[[int, int], None]]:
    """A plain ``f(done, total)`` for a callable or a tqdm-like bar (``update``, ``total``)."""
    if progress is None:
        return None
    if hasattr(progress, "update"):
        bar: Any = progress
        seen = [0]

        def report(done: int, total: int) -> None:
            if getattr(bar, "total", None) != total:
                bar.total = total
            bar.update(done - seen[0])
            seen[0] = done

        return report
    if callable(progress):
        fn: Callable[[int, int], Any] = progress

        def call(done: int, total: int) -> None:
            fn(done, total)

        return call
    raise TypeError("progress: expected a callable f(done, total) or a tqdm-like bar")


def _arrow_of(events: Any) -> Optional[Any]:
    """An object the extension imports through the Arrow PyCapsule interface (zero-copy), or
    None when ``events`` is not a table. Tables of libraries too old to export the interface are
    converted by pyarrow (pandas < 2.2, polars < 1.0)."""
    if hasattr(events, "__arrow_c_stream__") or hasattr(events, "__arrow_c_array__"):
        return events
    module = type(events).__module__.split(".")[0]
    if module not in ("pandas", "polars"):
        return None
    if module == "polars" and hasattr(events, "to_arrow"):
        return events.to_arrow()
    try:
        import pyarrow as pa
    except ImportError as e:  # pragma: no cover
        raise ImportError("reading a pandas DataFrame of events needs pyarrow") from e
    return pa.Table.from_pandas(events, preserve_index=False)


def _iso(day: Union[str, "datetime.date", None]) -> Optional[str]:
    """A date option as text for the core to parse (``datetime.date`` in ISO form)."""
    return day if day is None or isinstance(day, str) else day.isoformat()


def _text(value: Any) -> Optional[str]:
    return None if value is None else str(value)


def _columns_of(events: Any) -> "tuple[List[str], List[List[Optional[str]]]]":
    """Named string columns from a mapping of columns or a sequence of row mappings. Values
    become strings (``str``: dates in ISO form); None stays empty."""
    if isinstance(events, Mapping):
        names = [str(k) for k in events]
        return names, [[_text(v) for v in events[k]] for k in events]
    if isinstance(events, Sequence) and not isinstance(events, (str, bytes)):
        names = []
        for row in events:
            if not isinstance(row, Mapping):
                raise TypeError("events: expected a sequence of row mappings")
            for k in row:
                if k not in names:
                    names.append(str(k))
        cols: List[List[Optional[str]]] = [[_text(r.get(n)) for r in events] for n in names]
        return names, cols
    raise TypeError(
        "events: expected CSV text, a path, an Arrow-compatible table (pyarrow, polars, pandas, "
        "any object with __arrow_c_stream__), a mapping of columns or a sequence of row mappings"
    )


class HospitalSpells:
    """Hospital inpatient spells (SUS) read by the core, for the 2024-25 ASCOF 2D measures
    (see :func:`hospital_spells`); ``ledger`` says what happened to every spell row."""

    __slots__ = ("_inner", "ledger")

    def __init__(self, inner: "_ext.HospitalSpells") -> None:
        self._inner = inner
        self.ledger: Ledger = json.loads(inner.ledger_json())

    def __repr__(self) -> str:
        return f"HospitalSpells(read={self.ledger['read']}, used={self.ledger['used']})"


def _is_path(source: Any) -> bool:
    return isinstance(source, os.PathLike) or (isinstance(source, str) and "\n" not in source)


def hospital_spells(source: Any) -> HospitalSpells:
    """Read hospital inpatient spells (SUS) for the 2024-25 2D measures.

    ``source`` is CSV text, a path, a table (pandas / polars / pyarrow) or a sequence of row
    mappings with the columns ``la_code``, ``nhs_number``, ``admission_date``,
    ``discharge_date`` and optionally ``date_of_birth`` and ``discharge_method`` (aliases in
    docs/records.md). Rows that cannot be used are counted in ``ledger["rejected"]``.

    >>> import care_outcomes as co
    >>> h = co.records.hospital_spells("nhs_number,admission_date,discharge_date\\n1,2024-06-01,2024-06-09\\n")
    >>> h.ledger["used"]
    1
    """
    if isinstance(source, HospitalSpells):
        return source
    if _is_path(source):
        return HospitalSpells(_ext.records_hospital_csv(os.fspath(source), True))
    if isinstance(source, str):
        return HospitalSpells(_ext.records_hospital_csv(source, False))
    table = _arrow_of(source)
    if table is not None:
        # Spells are few next to events: their columns cross as text (dates in ISO form).
        import pyarrow as pa

        t = pa.table(table)
        cols = [c.cast(pa.string()).to_pylist() for c in t.columns]
        return HospitalSpells(_ext.records_hospital_columns([str(n) for n in t.column_names], cols))
    names, cols = _columns_of(source)
    return HospitalSpells(_ext.records_hospital_columns(names, cols))


def derive(
    events: Any,
    *,
    period: str,
    method: str = DEFAULTS["method"],
    populations: Optional[Mapping[str, Mapping[str, int]]] = None,
    progress: Optional[ProgressLike] = None,
    hospital: Any = None,
    submissions: str = DEFAULTS["submissions"],
    import_date: Union[str, "datetime.date", None] = None,
) -> Derivation:
    """Derive every measure from CLD event records.

    Parameters
    ----------
    events
        CSV text (a ``str`` containing a newline), a path to a CSV file (``str`` or
        ``os.PathLike``), an Arrow-compatible table, a mapping of columns or a sequence of row
        mappings. Column names follow the CLD specification (``Event Start Date``,
        ``event_start_date``, ...; see docs/records.md). A table is any object with
        ``__arrow_c_stream__`` (pyarrow Table or RecordBatchReader, polars DataFrame, pandas
        DataFrame) or ``__arrow_c_array__`` (pyarrow RecordBatch): its buffers are read in place,
        batch by batch, with the GIL released. Its date columns may be strings, dates or
        timestamps and its code and identifier columns strings (plain or categorical) or
        integers; a float column of a CLD field raises ``InvalidColumnTypeError``.
    period
        ``"2024-25"`` (a financial year) or ``"YYYY-MM-DD..YYYY-MM-DD"``.
    method
        ``"2024-25"`` (DHSC method) or ``"2023-24"`` (transformation principles).
    populations
        ``{area: {"18-64": int, "65+": int}}`` for the admissions rates (2B/2C); without one
        their denominator is ``None``.
    progress
        ``f(done, total)`` called as people are processed, or a tqdm-like bar.
    hospital
        Hospital inpatient spells (SUS) for the 2024-25 2D measures: a :class:`HospitalSpells`
        or anything :func:`hospital_spells` reads. Without them no 2D rows are derived.
    submissions
        ``"all"`` (every row; the default) or ``"latest"``: per authority only its latest
        submission whose reporting period, derived from the data (see :func:`coverage`), covers
        ``period``; the other rows are excluded in the ledger as ``superseded_submission`` or
        ``no_covering_submission``.
    import_date
        For ``submissions="latest"``: the import date (ISO text or ``datetime.date``); events
        ending in or after its month do not count towards a submission's months.

    Returns
    -------
    Derivation
        ``.measures`` (list of :class:`MeasureCount`), ``.ledger`` and ``.hospital_ledger``.
    """
    pops = json.dumps(dict((k, dict(v)) for k, v in (populations or {}).items()))
    cb = _progress(progress)
    spells = None if hospital is None else hospital_spells(hospital)._inner
    day = _iso(import_date)
    if _is_path(events):
        raw = _ext.records_derive_csv(
            os.fspath(events), True, method, period, pops, cb, spells, submissions, day
        )
    elif isinstance(events, str):
        raw = _ext.records_derive_csv(
            events, False, method, period, pops, cb, spells, submissions, day
        )
    else:
        table = _arrow_of(events)
        if table is not None:
            raw = _ext.records_derive_arrow(
                table, method, period, pops, cb, spells, submissions, day
            )
        else:
            names, cols = _columns_of(events)
            raw = _ext.records_derive_columns(
                names, cols, method, period, pops, cb, spells, submissions, day
            )
    return Derivation(json.loads(raw))


def coverage(
    events: Any,
    *,
    import_date: Union[str, "datetime.date", None] = None,
    period: Optional[str] = None,
) -> List[SubmissionCoverage]:
    """Which months each submission in an extract covers, with the reporting period DHSC
    derives from the data (spec-ascof.md section 5.4, "Latest submission").

    A submission is an authority's rows sharing one ``reporting_period_end_date``. The events
    ending in each month are counted; a month is kept when it holds at least 2% of the
    submission's counted events and at least one event type fewer than the submission holds
    (3 of 4). The derived period runs from the first kept month to the end of the last; a
    submission with fewer than 100 events keeps its stated period (``basis == "stated"``,
    ``period`` None). The interpretations the core makes where DHSC's text is silent are listed
    in docs/records.md.

    Parameters
    ----------
    events
        As for :func:`derive`: CSV text, a path, an Arrow-compatible table, a mapping of columns
        or a sequence of row mappings.
    import_date
        The import date (ISO text or ``datetime.date``): events ending in or after its month are
        not counted.
    period
        The reporting period being measured (as for :func:`derive`): each submission's
        ``selected`` then says whether it is its authority's latest submission covering it.

    Returns
    -------
    list of SubmissionCoverage
        Ordered by authority, then stated period end; ``months`` lists every month from the
        first to the last with a counted event, each with ``dropped`` (``"few_events"``,
        ``"few_event_types"`` or None).
    """
    day = _iso(import_date)
    if _is_path(events):
        raw = _ext.records_coverage(os.fspath(events), True, None, None, None, day, period)
    elif isinstance(events, str):
        raw = _ext.records_coverage(events, False, None, None, None, day, period)
    else:
        table = _arrow_of(events)
        if table is not None:
            raw = _ext.records_coverage(None, False, None, None, table, day, period)
        else:
            names, cols = _columns_of(events)
            raw = _ext.records_coverage(None, False, names, cols, None, day, period)
    result: List[SubmissionCoverage] = json.loads(raw)
    return result


def synthetic(
    *,
    events: int = DEFAULTS["synthetic_events"],
    seed: int = DEFAULTS["synthetic_seed"],
    areas: int = DEFAULTS["synthetic_areas"],
    start: str = DEFAULTS["synthetic_start"],
    end: str = DEFAULTS["synthetic_end"],
    path: Union[None, str, "os.PathLike[str]"] = None,
) -> str:
    """Deterministic synthetic CLD rows (seeded): CSV text, or the path written when ``path``
    is given (streamed; scales to tens of millions of events)."""
    target = None if path is None else os.fspath(path)
    _, text = _ext.records_synthetic(seed, events, areas, start, end, target)
    return text if text is not None else str(target)


def synthetic_hospital(events_csv: str, *, seed: int = DEFAULTS["synthetic_seed"]) -> str:
    """Deterministic synthetic hospital spells (CSV text) for a synthetic CLD extract given as
    CSV text (from :func:`synthetic`): some discharges link to its reablement, some do not."""
    return _ext.records_synthetic_hospital(events_csv, seed)
