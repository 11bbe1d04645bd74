"""The indicator catalogue and frameworks of care-outcomes: every built-in definition (ASCOF legacy,
2023-24 and 2024-25, Leeds "Better Lives", the reablement rates), local frameworks loaded from
JSON or TOML, and the evaluation of a table of counts into published values with intervals,
flags and comparisons.

The functions are exported at the top level (``co.catalogue()``, ``co.indicator()``,
``co.framework()``, ``co.load_framework()``, ``co.evaluate()``, ``co.aggregate()``). This module
is a thin conversion layer over the Rust core (``core/src/catalogue``, ``core/src/framework``):
definitions, resolution, evaluation, rounding, the reading of counts and every default come from
the core; errors are :class:`care_outcomes.CareOutcomesError` subclasses (``unknown_indicator``,
``invalid_framework``, ``duplicate_id``, ...).

Tables
    :func:`evaluate` and :func:`aggregate` take a pandas, polars or pyarrow table (or a mapping
    of column name to sequence) and return the same kind: pandas in, pandas out; polars in,
    polars out; a pyarrow ``Table`` or ``RecordBatch`` in, the same out; a mapping in, a ``dict``
    of lists out. Any other object exporting ``__arrow_c_stream__`` is read through pyarrow and
    gives a pyarrow ``Table``.

    Input columns: ``area``, ``period``, ``indicator`` (a definition id such as
    ``"ascof-legacy/2B1"``), ``numerator`` and, as the definition needs, ``denominator``,
    ``population`` (rates per 100,000 use it in place of the denominator) and ``breakdown``
    (a disaggregation suffix such as ``"85OV"``). Other columns are ignored. Counts are whole
    numbers; a float column holding whole numbers (as pandas makes of an integer column with
    missing values) is read by the core's rule, and a fraction is an ``invalid_option`` error.

:func:`catalogue` returns a :class:`DefinitionTable`, a sequence of :class:`Definition` objects
that converts to a table like :class:`care_outcomes.Estimates` does (``to_pandas()``,
``to_arrow()``, ``to_polars()``, ``__arrow_c_stream__``), so that pandas is not needed to list
the catalogue.

>>> import care_outcomes as co
>>> co.indicator("ascof-legacy/2B1").code
'2B(1)'
>>> out = co.evaluate({"area": ["England", "Leeds"], "period": ["2020-21"] * 2,
...                    "indicator": ["ascof-legacy/2B1"] * 2,
...                    "numerator": [34152, 105], "denominator": [43193, 129]})
>>> out["published"], out["benchmark_comparison"]
(['79.1', '81.4'], [None, 'similar'])
"""

from __future__ import annotations

import json
import os
import pathlib
from types import MappingProxyType
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Sequence,
    Tuple,
    Union,
    overload,
)

from . import _care_outcomes as _ext

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import polars
    import pyarrow

__all__ = [
    "EVALUATE_DEFAULTS",
    "FRAMEWORKS",
    "RESULT_COLUMNS",
    "Definition",
    "DefinitionTable",
    "Domain",
    "Framework",
    "aggregate",
    "catalogue",
    "evaluate",
    "framework",
    "indicator",
    "load_framework",
    "resolve_open_data_code",
]

#: The core's defaults of :func:`evaluate` (read-only): confidence, benchmark, comparators,
#: peers, aggregates.
EVALUATE_DEFAULTS: Mapping[str, Any] = MappingProxyType(dict(_ext.evaluate_defaults()))
#: The keys (``"framework/version"``) of the built-in frameworks, in load order.
FRAMEWORKS: Tuple[str, ...] = tuple(_ext.framework_keys())
#: The columns of :func:`evaluate`'s result, in order.
RESULT_COLUMNS: Tuple[str, ...] = tuple(_ext.result_columns())

_E = EVALUATE_DEFAULTS

# ---------------------------------------------------------------------------------------------
# Definitions
# ---------------------------------------------------------------------------------------------


class Definition:
    """An indicator definition (read-only), as the core holds it.

    Attributes follow the framework file schema (``docs/frameworks.md``): ``id``, ``framework``,
    ``version``, ``code``, ``revision``, ``title``, ``numerator`` and ``denominator`` (in words),
    ``unit`` (``"percent"``, ``"per100000"``, ``"score0_to24"``, ...), ``multiplier`` (100 for a
    percentage, 100,000 for a rate per 100,000), ``polarity``, ``method`` (the interval method),
    ``rounding`` (``{"rule": ..., "dp": ...}``), ``disclosure``, ``source`` (``{"data": [...],
    "publication": ...}``), ``confidence_tag`` (``"H"``, ``"M"``, ``"L"``), ``provisional``,
    ``calculation`` (``"ratio"``, ``"count"``, ``"relative_difference"``), ``stable_id``,
    ``open_data_code``, ``domain``, ``population_base``, ``breakdowns``, ``replaces`` and
    ``notes``. Every field is present (``None`` or empty when the core leaves it out).
    """

    id: str
    framework: str
    version: str
    code: str
    revision: int
    title: str
    numerator: str
    denominator: str
    unit: str
    multiplier: int
    polarity: str
    method: str
    rounding: Dict[str, Any]
    disclosure: Optional[Dict[str, Any]]
    source: Dict[str, Any]
    confidence_tag: Optional[str]
    provisional: bool
    calculation: str
    stable_id: Optional[str]
    open_data_code: Optional[str]
    domain: Optional[str]
    population_base: Optional[str]
    breakdowns: List[Dict[str, str]]
    replaces: List[str]
    notes: Optional[str]

    def __init__(self, full_json: str, core_json: str) -> None:
        """Built by the library from the core's JSON (use :func:`indicator` or
        :func:`catalogue`)."""
        self._dict: Dict[str, Any] = json.loads(full_json)
        self._json = core_json
        for k, v in self._dict.items():
            object.__setattr__(self, k, v)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("_dict", "_json"):
            object.__setattr__(self, name, value)
            return
        raise AttributeError("Definition is read-only")

    def to_dict(self) -> Dict[str, Any]:
        """Every field as a dict (a deep copy)."""
        out: Dict[str, Any] = json.loads(json.dumps(self._dict))
        return out

    def to_json(self) -> str:
        """The core's JSON text of the definition (the form a framework file holds)."""
        return self._json

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Definition):
            return NotImplemented
        return self._dict == other._dict

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Definition(id={self.id!r}, code={self.code!r}, title={self.title!r})"


def _definition(texts: Tuple[str, str]) -> Definition:
    return Definition(texts[0], texts[1])


#: The columns of :meth:`DefinitionTable.to_dict`, each a field (or a part of one).
_CATALOGUE_COLUMNS: Tuple[str, ...] = (
    "id", "framework", "version", "code", "revision", "title", "unit", "multiplier", "polarity",
    "method", "calculation", "rounding", "dp", "suppress_below", "numerator", "denominator",
    "population_base", "data", "publication", "confidence_tag", "provisional", "domain",
    "open_data_code", "stable_id", "breakdowns", "replaces", "notes",
)  # fmt: skip
_CATALOGUE_INTS = ("revision", "multiplier", "dp", "suppress_below")
_CATALOGUE_LISTS = ("data", "breakdowns", "replaces")


def _catalogue_row(d: Definition) -> Dict[str, Any]:
    disclosure = d.disclosure or {}
    return {
        **{k: getattr(d, k) for k in _CATALOGUE_COLUMNS if k in d._dict and k != "rounding"},
        "rounding": d.rounding.get("rule"),
        "dp": d.rounding.get("dp"),
        "suppress_below": disclosure.get("suppress_below"),
        "data": list(d.source.get("data", [])),
        "publication": d.source.get("publication"),
        "breakdowns": [b["suffix"] for b in d.breakdowns],
    }


class DefinitionTable(Sequence[Definition]):
    """Definitions in catalogue order: a sequence of :class:`Definition` that converts to a table.

    Columns of :meth:`to_dict` (one row per definition): ``id``, ``framework``, ``version``,
    ``code``, ``revision``, ``title``, ``unit``, ``multiplier``, ``polarity``, ``method``,
    ``calculation``, ``rounding`` (the rule's name), ``dp`` (its decimal places),
    ``suppress_below`` (the disclosure threshold, a count), ``numerator``, ``denominator``,
    ``population_base``, ``data`` (the sources, a list), ``publication``, ``confidence_tag``,
    ``provisional``, ``domain``, ``open_data_code``, ``stable_id``, ``breakdowns`` (their
    suffixes, a list), ``replaces`` (ids, a list) and ``notes``.
    """

    def __init__(self, definitions: Iterable[Definition]) -> None:
        self._items: List[Definition] = list(definitions)

    @overload
    def __getitem__(self, i: int) -> Definition: ...
    @overload
    def __getitem__(self, i: slice) -> "DefinitionTable": ...
    def __getitem__(self, i: Union[int, slice]) -> Union[Definition, "DefinitionTable"]:
        if isinstance(i, slice):
            return DefinitionTable(self._items[i])
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Definition]:
        return iter(self._items)

    @property
    def ids(self) -> List[str]:
        """The definition ids, in order."""
        return [d.id for d in self._items]

    def get(self, id: str) -> Definition:
        """The definition with this id.

        Raises:
            KeyError: the table holds no such id.
        """
        for d in self._items:
            if d.id == id:
                return d
        raise KeyError(id)

    def to_dict(self) -> Dict[str, List[Any]]:
        """The table as columns (lists), in the order listed in the class docstring."""
        rows = [_catalogue_row(d) for d in self._items]
        return {k: [r.get(k) for r in rows] for k in _CATALOGUE_COLUMNS}

    def to_pandas(self) -> "pandas.DataFrame":
        """The table as a pandas DataFrame (``None`` where a field is absent)."""
        pd = _import("pandas", "DefinitionTable.to_pandas()")
        cols = self.to_dict()
        return pd.DataFrame(
            {
                k: (pd.array(v, dtype="Int64") if k in _CATALOGUE_INTS else v)
                for k, v in cols.items()
            }
        )

    def to_arrow(self) -> "pyarrow.Table":
        """The table as a pyarrow Table."""
        pa = _import("pyarrow", "DefinitionTable.to_arrow()")
        cols = self.to_dict()
        types = {k: pa.int64() for k in _CATALOGUE_INTS}
        types.update({k: pa.list_(pa.string()) for k in _CATALOGUE_LISTS})
        types["provisional"] = pa.bool_()
        return pa.table({k: pa.array(v, type=types.get(k, pa.string())) for k, v in cols.items()})

    def to_polars(self) -> "polars.DataFrame":
        """The table as a polars DataFrame."""
        pl = _import("polars", "DefinitionTable.to_polars()")
        df: "polars.DataFrame" = pl.from_arrow(self.to_arrow())
        return df

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """Arrow PyCapsule stream of :meth:`to_arrow` (needs pyarrow)."""
        return self.to_arrow().__arrow_c_stream__(requested_schema)

    def __repr__(self) -> str:
        head = [f"DefinitionTable({len(self)} definitions)"]
        head += [f"  {d.id}: {d.title}" for d in self._items[:5]]
        return "\n".join(head + (["  ..."] if len(self) > 5 else []))


def catalogue(framework: Optional[str] = None, version: Optional[str] = None) -> DefinitionTable:
    """The built-in definitions as a :class:`DefinitionTable`.

    Args:
        framework: a framework name (``"ascof"``, ``"better-lives"``, ``"reablement"``) to list
            only the definitions its versions use (their own and those they reference).
        version: a framework version (``"legacy"``, ``"2023-24"``, ``"2024-25"``), alone or with
            ``framework``.

    Raises:
        UnknownIndicatorError: no built-in framework has this name / version.

    >>> import care_outcomes as co
    >>> len(co.catalogue(framework="ascof", version="2024-25")) > 0
    True
    """
    return DefinitionTable(_definition(t) for t in _ext.catalogue_definitions(framework, version))


def indicator(id: str) -> Definition:
    """The built-in definition with this id (``"ascof-legacy/2B1"``, ``"better-lives/BV3"``).

    Raises:
        UnknownIndicatorError: no such id (the message suggests ids sharing its code).

    >>> import care_outcomes as co
    >>> co.indicator("ascof-legacy/2A2").multiplier  # a rate per 100,000
    100000
    """
    return _definition(_ext.indicator(id))


def resolve_open_data_code(version: str, code: str) -> Optional[Tuple[str, Optional[str]]]:
    """The definition id and breakdown suffix of a measure code of the NHS open-data files
    (group code + disaggregation suffix, spec-ascof.md §2.5) within a framework version, or
    ``None`` when no definition (or more than one) matches.

    >>> import care_outcomes as co
    >>> co.resolve_open_data_code("legacy", "2B185OV")
    ('ascof-legacy/2B1', '85OV')
    >>> co.resolve_open_data_code("legacy", "2D")
    ('ascof-legacy/2D', None)
    """
    return _ext.resolve_open_data_code(version, code)


# ---------------------------------------------------------------------------------------------
# Frameworks
# ---------------------------------------------------------------------------------------------


class Domain(NamedTuple):
    """A domain of a framework: its id, title and the ids of its indicators in order."""

    id: str
    title: str
    indicators: Tuple[str, ...]


class Framework:
    """A resolved framework: domains of indicators and every definition they use.

    Attributes:
        framework, version, title: the framework's name, version and title; ``key`` is
            ``"framework/version"``.
        years: ``{"from": ..., "to": ...}`` or ``None``; about: description or ``None``.
        provisional: True when the framework as a whole is provisional.
        domains: the :class:`Domain` objects, in display order.
        definitions: the :class:`Definition` objects (its own, then referenced ones).

    Pass it to :func:`evaluate` (``framework=fw``) or call :meth:`evaluate`.
    """

    framework: str
    version: str
    title: str
    years: Optional[Dict[str, Any]]
    about: Optional[str]
    provisional: bool
    domains: Tuple[Domain, ...]
    definitions: Tuple[Definition, ...]

    def __init__(self, handle: _ext.FrameworkHandle) -> None:
        """Built by :func:`load_framework` and :func:`framework`."""
        self._handle = handle
        d = json.loads(handle.to_json())
        self.framework = d["framework"]
        self.version = d["version"]
        self.title = d["title"]
        self.years = d.get("years")
        self.about = d.get("about")
        self.provisional = bool(d.get("provisional"))
        self.domains = tuple(
            Domain(x["id"], x["title"], tuple(x["indicators"])) for x in d["domains"]
        )
        self.definitions = tuple(_definition(t) for t in handle.definitions())

    @property
    def key(self) -> str:
        """``"framework/version"``."""
        return self._handle.key()

    def definition(self, id: str) -> Definition:
        """The definition with this id among the framework's.

        Raises:
            KeyError: the framework does not use this id.
        """
        for d in self.definitions:
            if d.id == id:
                return d
        raise KeyError(id)

    def to_dict(self) -> Dict[str, Any]:
        """The resolved framework as the core serialises it."""
        out: Dict[str, Any] = json.loads(self._handle.to_json())
        return out

    def to_json(self) -> str:
        """The core's JSON of the resolved framework (for display; files are documents, see
        ``docs/frameworks.md``)."""
        return self._handle.to_json()

    def evaluate(self, table: Any, **options: Any) -> Any:
        """:func:`evaluate` against this framework."""
        return evaluate(table, self, **options)

    def __repr__(self) -> str:
        return (
            f"Framework({self.key!r}, {len(self.domains)} domains, "
            f"{len(self.definitions)} definitions)"
        )


def framework(name: str, version: str) -> Framework:
    """A built-in framework (``framework("ascof", "2023-24")``); keys in :data:`FRAMEWORKS`.

    Raises:
        UnknownIndicatorError: no built-in framework has this name and version.
    """
    return Framework(_ext.builtin_framework(name, version))


_Source = Union[str, "os.PathLike[str]", Mapping[str, Any], Framework]


def load_framework(source: _Source, *, format: Optional[str] = None) -> Framework:
    """Loads and checks a framework document (``docs/frameworks.md``) against the built-ins.

    Args:
        source: a path to a ``.json`` or ``.toml`` file (``str`` or ``os.PathLike``), a dict of
            the document, or JSON text (a ``str`` starting with ``{``). A :class:`Framework` is
            returned as it is.
        format: ``"json"`` or ``"toml"`` to say how to read the file or text; by default a
            ``.toml`` file is TOML and anything else JSON. With ``format`` given, a ``str`` that
            names no file is read as the document's text.

    Raises:
        InvalidFrameworkError: not a document of the schema (bad JSON / TOML, an unknown field,
            no domains, an undeclared domain).
        UnknownMethodError, UnknownPolarityError, MissingPopulationError, DuplicateIdError,
        VersionMismatchError, UnknownIndicatorError, InvalidDefinitionError: as the core
            checks the document (see the error table of ``docs/frameworks.md``).
        FileNotFoundError: a path that does not exist.
        ValueError: ``format`` is neither ``"json"`` nor ``"toml"``.
    """
    if format not in (None, "json", "toml"):
        raise ValueError(f"format: expected 'json' or 'toml', got {format!r}")
    if isinstance(source, Framework):
        return source
    if isinstance(source, Mapping):
        return Framework(_ext.load_framework(json.dumps(dict(source)), False))
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return Framework(_ext.load_framework(source, format == "toml"))
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(
            f"source: expected a path, a dict or JSON text, got {type(source).__name__}"
        )
    path = pathlib.Path(source)
    if isinstance(source, str) and format is not None and not path.is_file():
        return Framework(_ext.load_framework(source, format == "toml"))
    text = path.read_text(encoding="utf-8")
    toml = format == "toml" if format is not None else path.suffix.lower() == ".toml"
    return Framework(_ext.load_framework(text, toml))


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------

_INPUT_COLUMNS = ("area", "period", "indicator", "breakdown", "numerator", "denominator",
                  "population")  # fmt: skip

#: The type of each result column: str, int, float, list (of str); a "?" allows nulls.
_RESULT_TYPES: Dict[str, str] = {
    "area": "str", "period": "str", "indicator": "str", "code": "str", "breakdown": "str?",
    "breakdown_label": "str?", "domain": "str?", "version": "str", "revision": "int",
    "numerator": "int", "denominator": "int?", "value": "float?", "lower": "float?",
    "upper": "float?", "confidence": "str?", "method": "str?", "reason": "str?",
    "published": "str?", "symbol": "str?", "flags": "list", "benchmark": "str?",
    "benchmark_value": "float?", "benchmark_comparison": "str?", "comparator_value": "float?",
    "comparator_comparison": "str?", "quartile": "int?", "mad_band": "str?",
    "direction": "str?", "previous_period": "str?",
}  # fmt: skip
_AGGREGATE_TYPES: Dict[str, str] = {
    "area": "str", "period": "str", "indicator": "str", "breakdown": "str?",
    "numerator": "int", "denominator": "int?", "population": "int?",
}  # fmt: skip


def _import(module: str, why: str) -> Any:
    try:
        return __import__(module)
    except ImportError as e:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            f"{why} needs {module}: pip install {module} (or care-outcomes[{module}])"
        ) from e


def _kind(table: Any) -> str:
    """What kind of table this is: pandas, polars, arrow_table, arrow_batch or mapping."""
    module = type(table).__module__.split(".")[0]
    name = type(table).__name__
    if module == "pandas" and name == "DataFrame":
        return "pandas"
    if module == "polars" and name == "DataFrame":
        return "polars"
    if module == "pyarrow" and name == "Table":
        return "arrow_table"
    if module == "pyarrow" and name == "RecordBatch":
        return "arrow_batch"
    if isinstance(table, Mapping):
        return "mapping"
    if hasattr(table, "__arrow_c_stream__"):
        return "arrow_stream"
    raise TypeError(
        "table: expected a pandas, polars or pyarrow table, or a mapping of columns, "
        f"got {type(table).__name__}"
    )


def _as_list(col: Any) -> List[Any]:
    """A column as a Python list with None for missing values (NaN floats are kept: the core
    reads them as missing counts)."""
    module = type(col).__module__.split(".")[0]
    if module == "pandas":
        return list(col.astype(object).where(col.notna(), None).tolist())
    if module == "polars":
        return list(col.to_list())
    if module == "pyarrow":
        return list(col.to_pylist())
    if module == "numpy":
        return list(col.tolist())
    if isinstance(col, (str, bytes)):
        raise TypeError("a column must be a sequence, not a string")
    return [None if type(v).__name__ == "NAType" else v for v in col]


def _read(table: Any) -> Tuple[str, Dict[str, Optional[List[Any]]]]:
    kind = _kind(table)
    if kind == "arrow_stream":
        pa = _import("pyarrow", "reading an Arrow PyCapsule table")
        table = pa.table(table)
    if kind in ("pandas", "mapping"):
        names = set(table.keys())
    elif kind == "polars":
        names = set(table.columns)
    else:
        names = set(table.column_names)
    cols: Dict[str, Optional[List[Any]]] = {}
    for name in _INPUT_COLUMNS:
        if name not in names:
            cols[name] = None
        elif kind == "polars":
            cols[name] = _as_list(table.get_column(name))
        elif kind in ("arrow_table", "arrow_batch", "arrow_stream"):
            cols[name] = _as_list(table.column(name))
        else:
            cols[name] = _as_list(table[name])
    return kind, cols


def _write(kind: str, cols: Mapping[str, List[Any]], types: Mapping[str, str]) -> Any:
    """Result columns as a table of the input's kind."""
    if kind == "mapping":
        return {k: list(v) for k, v in cols.items()}
    if kind == "pandas":
        pd = _import("pandas", "a pandas result")
        pandas_types = {"int": "int64", "int?": "Int64", "float": "float64", "float?": "float64"}
        return pd.DataFrame(
            {k: pd.Series(v, dtype=pandas_types.get(types[k], object)) for k, v in cols.items()}
        )
    if kind == "polars":
        pl = _import("polars", "a polars result")
        polars_types = {"str": pl.Utf8, "int": pl.Int64, "float": pl.Float64,
                        "list": pl.List(pl.Utf8)}  # fmt: skip
        return pl.DataFrame(
            [pl.Series(k, v, dtype=polars_types[types[k].rstrip("?")]) for k, v in cols.items()]
        )
    pa = _import("pyarrow", "a pyarrow result")
    arrow_types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(),
                   "list": pa.list_(pa.string())}  # fmt: skip
    arrays = {k: pa.array(v, type=arrow_types[types[k].rstrip("?")]) for k, v in cols.items()}
    if kind == "arrow_batch":
        return pa.RecordBatch.from_pydict(arrays)
    return pa.table(arrays)


def evaluate(
    table: Any,
    framework: Union[None, str, Framework, Mapping[str, Any]] = None,
    *,
    benchmark: Optional[str] = _E["benchmark"],
    comparators: Sequence[str] = tuple(_E["comparators"]),
    peers: Optional[Sequence[str]] = _E["peers"],
    aggregates: Sequence[str] = tuple(_E["aggregates"]),
    confidence: float = _E["confidence"],
) -> Any:
    """Evaluates a table of counts: one result row per input row, in input order.

    Each row's value and interval come from its definition's method, its published value from
    the definition's rounding rule (on the exact ratio), its flags and symbol from its disclosure
    rule; rows of the same period, indicator and breakdown are then compared with the benchmark
    area, the comparator group's aggregate, one another (quartile, MAD band) and each area's
    previous period, all through the definition's polarity.

    Args:
        table: pandas / polars / pyarrow table or mapping of columns (see the module docstring);
            the result is of the same kind.
        framework: where the indicator ids are looked up: ``None`` for every built-in definition,
            a built-in framework key (``"ascof/legacy"``, see :data:`FRAMEWORKS`), a
            :class:`Framework`, or a framework document (dict) to load.
        benchmark: the area compared with (default ``"England"``); ``None`` for no benchmark.
        comparators: a comparator group (areas): its summed counts give the comparison value,
            and MAD bands are taken against it.
        peers: the areas ranked into quartiles (default: every area but the benchmark and the
            ``aggregates``).
        aggregates: areas that are aggregates (regions), left out of the default peers.
        confidence: the level of the intervals, a fraction (default 0.95).

    Returns:
        The columns of :data:`RESULT_COLUMNS`: the row's keys (``area``, ``period``,
        ``indicator``, ``code``, ``breakdown``, ``breakdown_label``, ``domain``), the definition's
        ``version`` and ``revision``, the counts used (``numerator``, ``denominator``: the
        population for rates, null for a count measure, which has none), ``value``, ``lower`` and ``upper`` (× the multiplier, e.g. percent
        or per 100,000, unrounded; null where undefined), ``confidence`` (``"95%"``), ``method``
        (``"Wilson"``, ``"Byars"``, ...), ``reason`` (why the value is null), ``published`` (the
        published value as text, ``"81.4"``, exactly as rounded by the core), ``symbol``
        (``"[c]"`` suppressed, ``"[x]"`` not available), ``flags`` (a list of codes such as
        ``"suppressed"``, ``"provisional_definition"``), ``benchmark`` (the area compared with),
        ``benchmark_value``, ``benchmark_comparison`` (``"better"``, ``"similar"``,
        ``"worse"``, ...), ``comparator_value``, ``comparator_comparison``, ``quartile`` (1 is
        best), ``mad_band`` (``"much_better"`` ... ``"much_worse"``, ``"review"``),
        ``direction`` (``"improved"``, ``"worsened"``, ``"no_change"``, ...) and
        ``previous_period``.

    Raises:
        UnknownIndicatorError: an indicator id or breakdown the source does not hold.
        MissingDenominatorError: no denominator or population where the definition needs one.
        DuplicateIdError: the same area, period, indicator and breakdown twice.
        NumeratorExceedsDenominatorError, NegativeValueError, NonFiniteError,
        InvalidOptionError (a fraction for a count), MissingInputError (a required column or
        value is missing), LengthMismatchError, InvalidConfidenceError: with ``.row`` where
            the error belongs to one row.
    """
    kind, cols = _read(table)
    handle: Optional[_ext.FrameworkHandle] = None
    key: Optional[str] = None
    if isinstance(framework, Framework):
        handle = framework._handle
    elif isinstance(framework, str):
        key = framework
    elif isinstance(framework, Mapping):
        handle = load_framework(framework)._handle
    elif framework is not None:
        raise TypeError(
            "framework: expected None, a framework key, a Framework or a dict, "
            f"got {type(framework).__name__}"
        )
    out = _ext.evaluate(
        cols,
        handle,
        key,
        float(confidence),
        benchmark,
        list(comparators),
        None if peers is None else list(peers),
        list(aggregates),
    )
    return _write(kind, out, _RESULT_TYPES)


def aggregate(table: Any, parent_of: Mapping[str, str]) -> Any:
    """Sums input rows into aggregate areas (regions, England): numerators, denominators and
    populations are added per (parent, period, indicator, breakdown) — never values averaged.

    Args:
        table: input rows as for :func:`evaluate` (pandas / polars / pyarrow / mapping).
        parent_of: the parent area of each area (``{"Leeds": "Yorkshire and The Humber"}``);
            areas without a parent are left out.

    Returns:
        Input rows of the parent areas (``area``, ``period``, ``indicator``, ``breakdown``,
        ``numerator``, ``denominator``, ``population``), sorted by area, period, indicator and
        breakdown, as a table of the input's kind: ready for :func:`evaluate`.

    Raises:
        NonFiniteError: a sum beyond 2^64 - 1; the input errors of :func:`evaluate`.
    """
    kind, cols = _read(table)
    parents = {str(k): str(v) for k, v in dict(parent_of).items()}
    return _write(kind, _ext.aggregate(cols, parents), _AGGREGATE_TYPES)
