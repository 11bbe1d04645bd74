"""Disclosure control of published tables, on by default.

:func:`publish` takes a table of counts — a list of dicts, a pandas or polars DataFrame or a
pyarrow Table — with the way its cells add up (margins over dimension columns, hierarchies,
explicit sums) and returns the same kind of table with the published columns added:

``published_numerator``, ``published_denominator``, ``published_base`` (for the count columns the
table has), ``published_value``, ``value_text``, ``symbol`` (``[c]``, ``[x]``, ``[z]`` or None)
and ``reason`` (``primary``, ``secondary``, ``zero_denominator``, ``not_applicable``,
``disclosure_off`` or None).

The published counts are whole numbers with a null where a cell is withheld, whatever the table:
``int``/None in a list of dicts, a nullable ``Int64`` column (``pd.NA``) in pandas, ``Int64`` in
polars and ``int64`` in pyarrow. ``published_value`` is a float64 (NaN in pandas, null in polars
and pyarrow, None in a list of dicts).

Every rule — primary suppression by the source's rule, secondary suppression so that no withheld
cell can be worked out from the others, rounding of counts, the symbols — is the Rust core's
(``care_outcomes::publish::disclosure``); this module only moves columns in and out.

>>> import care_outcomes as co
>>> rows = [
...     {"sex": "Total", "numerator": 20, "denominator": 40},
...     {"sex": "Male", "numerator": 1, "denominator": 3},
...     {"sex": "Female", "numerator": 19, "denominator": 37},
... ]
>>> out = co.publish(rows, dimensions=["sex"], suppress_below=5)
>>> [(r["sex"], r["value_text"], r["reason"]) for r in out]
[('Total', '50.0', None), ('Male', '[c]', 'primary'), ('Female', '[c]', 'secondary')]
"""

from __future__ import annotations

import json
import logging
import math
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, TypeVar

from . import _care_outcomes as _ext
from .stats import _float, _is_na

__all__ = ["publish", "OUTPUT_COLUMNS", "COUNT_COLUMNS"]

log = logging.getLogger("care_outcomes.publish")

#: The columns :func:`publish` adds (``published_base`` only when the table has a base column).
OUTPUT_COLUMNS: Tuple[str, ...] = (
    "published_numerator",
    "published_denominator",
    "published_base",
    "published_value",
    "value_text",
    "symbol",
    "reason",
)

#: The published count columns: whole numbers with a null where a cell is withheld — pandas
#: ``Int64`` (``pd.NA``), polars ``Int64`` and pyarrow ``int64`` (null), Python ``int``/None.
COUNT_COLUMNS: Tuple[str, ...] = ("published_numerator", "published_denominator", "published_base")

T = TypeVar("T")


def _rows(table: Any) -> Tuple[str, List[Mapping[str, Any]]]:
    """The kind of the table and its rows as mappings."""
    module = type(table).__module__.split(".")[0]
    if module == "pandas" and hasattr(table, "to_dict"):
        return "pandas", list(table.to_dict("records"))
    if module == "polars" and hasattr(table, "to_dicts"):
        return "polars", list(table.to_dicts())
    if module == "pyarrow" and hasattr(table, "to_pylist"):
        return "pyarrow", list(table.to_pylist())
    if isinstance(table, Mapping) or isinstance(table, (str, bytes)):
        raise TypeError(
            "table: expected a list of dicts, a pandas/polars DataFrame or a pyarrow Table, "
            f"got {type(table).__name__}"
        )
    rows = list(table)
    for r in rows:
        if not isinstance(r, Mapping):
            raise TypeError(f"table: every row must be a mapping, got {type(r).__name__}")
    return "rows", rows


def _numbers(rows: Sequence[Mapping[str, Any]], column: str) -> List[float]:
    return [_float(r.get(column), column) for r in rows]


def _text(v: Any) -> str:
    return "" if _is_na(v) or (isinstance(v, float) and math.isnan(v)) else str(v)


def _quantity(
    rows: Sequence[Mapping[str, Any]], option: str, given: Optional[str]
) -> Tuple[Optional[str], Optional[List[float]]]:
    """The column for a quantity: the one named, else the default name when the table has it."""
    if given is not None:
        if rows and given not in rows[0]:
            raise _ext.InvalidOptionError(f"{option}={given!r}: the table has no such column")
        return given, _numbers(rows, given)
    if rows and option in rows[0]:
        return option, _numbers(rows, option)
    return None, None


def publish(
    table: T,
    *,
    key: Optional[str] = None,
    numerator: Optional[str] = None,
    denominator: Optional[str] = None,
    base: Optional[str] = None,
    dimensions: Sequence[str] = (),
    total: Optional[str] = None,
    hierarchies: Optional[Mapping[str, Mapping[str, Sequence[str]]]] = None,
    sums: Optional[Sequence[Mapping[str, Any]]] = None,
    not_applicable: Optional[str] = None,
    suppress_below: Optional[int] = None,
    round_counts_to: Optional[int] = None,
    multiplier: Optional[int] = None,
    rounding: Optional[Mapping[str, Any]] = None,
    opt_out: Optional[str] = None,
) -> T:
    """Publishes a table under disclosure control and returns the same kind of table.

    Args:
        table: rows of counts — a list of dicts, a pandas or polars DataFrame, a pyarrow Table.
        key: the column of row keys (needed by ``sums``); default: the row position as text.
        numerator, denominator, base: the count columns; default: the columns named
            ``numerator``, ``denominator`` and ``base`` when the table has them. The rule's
            threshold applies to the base, else the denominator, else the numerator.
        dimensions: columns whose value ``total`` (default ``"Total"``) marks a margin: that row
            is the sum of the rows that agree on the other dimensions.
        total: the margin label.
        hierarchies: per dimension, ``{parent: [children]}`` (England → regions → councils).
        sums: more constraints, ``[{"total": key, "parts": [keys]}]``.
        not_applicable: a column of booleans marking structurally empty cells (``[z]``).
        suppress_below, round_counts_to: the source's disclosure rule (withhold a base or
            denominator of 1 to ``suppress_below − 1``; round published counts to the nearest
            ``round_counts_to``). Without either, the core's default rule applies.
        multiplier: the value is numerator × multiplier ÷ denominator (core default 100).
        rounding: the value's rounding, e.g. ``{"rule": "half_away_from_zero", "dp": 1}``.
        opt_out: switch disclosure control off, for internal use only, giving the reason. The
            reason is logged (logger ``care_outcomes.publish``, level WARNING) and every cell's
            ``reason`` becomes ``disclosure_off``.

    Returns:
        The table with the published columns added (see the module docs); the published counts
        are nullable 64-bit integer columns (:data:`COUNT_COLUMNS`). A pandas result also carries the core's record in ``df.attrs["care_outcomes.publish"]``.

    Raises:
        CareOutcomesError: ``invalid_table``, ``inconsistent_total``, ``non_integer_count``,
            ``negative_value``, ``non_finite``, ``missing_input``, ``empty_input``,
            ``invalid_option``, ``invalid_multiplier``, ``invalid_rounding``,
            ``invalid_definition``.
    """
    kind, rows = _rows(table)
    keys = [_text(r.get(key)) for r in rows] if key is not None else None
    num_col, num = _quantity(rows, "numerator", numerator)
    den_col, den = _quantity(rows, "denominator", denominator)
    base_col, bases = _quantity(rows, "base", base)
    coordinates = [[_text(r.get(d)) for r in rows] for d in dimensions]
    na = [bool(r.get(not_applicable)) for r in rows] if not_applicable is not None else None
    layout: Dict[str, Any] = {"dimensions": list(dimensions)}
    if total is not None:
        layout["total_label"] = total
    if hierarchies is not None:
        layout["hierarchies"] = {d: {p: list(c) for p, c in h.items()} for d, h in hierarchies.items()}
    if sums is not None:
        layout["sums"] = [{"total": s["total"], "parts": list(s["parts"])} for s in sums]
    options: Dict[str, Any] = {}
    if suppress_below is not None or round_counts_to is not None:
        options["rule"] = {"suppress_below": suppress_below, "round_counts_to": round_counts_to}
    if multiplier is not None:
        options["multiplier"] = multiplier
    if rounding is not None:
        options["rounding"] = dict(rounding)
    if opt_out is not None:
        options["disclosure"] = {"mode": "off", "reason": opt_out}
    result: Dict[str, Any] = json.loads(
        _ext.publish_table(
            keys, num, den, bases, coordinates, na, json.dumps(layout), json.dumps(options)
        )
    )
    for line in result["log"]:
        log.log(logging.WARNING if opt_out is not None else logging.INFO, line)
    added: Dict[str, List[Any]] = {}
    cells = result["cells"]
    for q, col in (("numerator", num_col), ("denominator", den_col), ("base", base_col)):
        if col is not None:
            added[f"published_{q}"] = [c[q] for c in cells]
    added["published_value"] = [float(c["value_text"]) if c["value"] is not None else None for c in cells]
    added["value_text"] = [c["value_text"] for c in cells]
    added["symbol"] = [c["symbol"] for c in cells]
    added["reason"] = [c["reason"] for c in cells]
    record = {k: result[k] for k in ("rule", "disclosure", "method", "unprotected", "log")}
    return _assemble(kind, table, rows, added, record)  # type: ignore[no-any-return]


def _assemble(
    kind: str, table: Any, rows: List[Mapping[str, Any]], added: Dict[str, List[Any]], record: Dict[str, Any]
) -> Any:
    # Each added column gets its type explicitly, so that it does not depend on which cells are
    # withheld (an all-null column would otherwise be typed object/null): counts are 64-bit
    # integers with nulls (pandas "Int64", polars Int64, pyarrow int64), the value a float64
    # (NaN in pandas, null in polars and pyarrow), the rest strings.
    if kind == "pandas":
        pd = __import__("pandas")
        out = table.copy()
        for name, values in added.items():
            if name in COUNT_COLUMNS:
                out[name] = pd.array(values, dtype="Int64")
            elif name == "published_value":
                out[name] = pd.array([math.nan if v is None else v for v in values], dtype="float64")
            else:
                out[name] = values
        out.attrs["care_outcomes.publish"] = record
        return out
    if kind == "polars":
        pl = __import__("polars")

        def polars_type(name: str) -> Any:
            if name in COUNT_COLUMNS:
                return pl.Int64
            return pl.Float64 if name == "published_value" else pl.String

        return table.with_columns([pl.Series(name, values, dtype=polars_type(name)) for name, values in added.items()])
    if kind == "pyarrow":
        pa = __import__("pyarrow")

        def arrow_type(name: str) -> Any:
            if name in COUNT_COLUMNS:
                return pa.int64()
            return pa.float64() if name == "published_value" else pa.string()

        out = table
        for name, values in added.items():
            out = out.append_column(name, pa.array(values, type=arrow_type(name)))
        return out
    return [dict(r, **{name: values[i] for name, values in added.items()}) for i, r in enumerate(rows)]
