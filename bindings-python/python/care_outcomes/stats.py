"""Estimators and intervals of care-outcomes: proportions (Wilson), crude rates (exact Poisson /
Byar), means (Student t), directly and indirectly standardised rates and ratios, funnel plot limits,
deprivation quantiles, life expectancy, aggregation of counts and comparison with a benchmark.

This module is a thin conversion layer over the Rust core (``spec-statistics.md`` is the normative
description). It holds no formula, no default and no rounding rule: the defaults in the signatures
below are read from the core at import time (:data:`DEFAULTS`), method names are parsed by the core,
and every error is raised by the core as a :class:`care_outcomes.CareOutcomesError` subclass.

Inputs
    Every numeric argument accepts a Python scalar, a sequence, a numpy array, or an
    Arrow-compatible column (pyarrow ``Array``/``ChunkedArray``, pandas ``Series``, polars
    ``Series``). ``None``, ``NaN`` and ``pd.NA`` mean *missing*.

Outputs
    A call on scalars returns an :class:`Estimate` (``.value``, ``.lower``, ``.upper``,
    ``.confidence`` label such as ``"95%"``, ``.method`` label such as ``"Wilson"``, ``.reason``
    code or ``None``). A call on columns returns :class:`Estimates`: numpy columns (NaN where
    null), ``.reason`` and ``.method`` object arrays, ``to_pandas()``, ``to_arrow()`` and the Arrow
    PyCapsule stream (``__arrow_c_stream__``). ``confidence=None`` gives values without limits.

Impossible input (a negative count, a numerator above its denominator, ±inf, an unknown band)
raises; well-formed input for which a statistic is undefined (a zero denominator) gives a null
value with a reason code such as ``"zero_denominator"``.
"""

from __future__ import annotations

import math
import numbers
from types import MappingProxyType
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
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

import numpy as np

from . import _care_outcomes as _ext

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

__all__ = [
    "DEFAULTS",
    "REASON_CODES",
    "STANDARDS",
    "AggregatedCounts",
    "Estimate",
    "Estimates",
    "Funnel",
    "FunnelLimits",
    "Quantiles",
    "RatioFunnelLimits",
    "aggregate_counts",
    "compare",
    "compare_interval",
    "dsr",
    "dsr_non_independent",
    "funnel_proportions",
    "funnel_rates",
    "funnel_ratios",
    "isratio",
    "israte",
    "life_expectancy",
    "mean",
    "proportion",
    "proportion_funnel_limits",
    "quantiles",
    "rate",
    "ratio_funnel_limits",
    "ratio_significance",
]

#: The core's defaults (read-only): confidence, multipliers, standard, method names, ...
DEFAULTS: Mapping[str, Any] = MappingProxyType(dict(_ext.defaults()))
#: Every null-reason code the core can give.
REASON_CODES: Tuple[str, ...] = tuple(_ext.reason_codes())
#: Names of the built-in standard populations (for :func:`dsr`).
STANDARDS: Tuple[str, ...] = tuple(_ext.standards())

_D = DEFAULTS

#: A number or a missing value.
Scalar = Union[float, int, None]
#: A column: a sequence, numpy array, or pyarrow / pandas / polars column.
Column = Union[Sequence[Any], "np.ndarray[Any, Any]", Any]

# ---------------------------------------------------------------------------------------------
# Input conversion
# ---------------------------------------------------------------------------------------------


def _is_na(v: object) -> bool:
    return v is None or type(v).__name__ in ("NAType", "NaTType")


def _is_scalar(x: object) -> bool:
    if _is_na(x) or isinstance(x, numbers.Number):
        return True
    return isinstance(x, np.ndarray) and x.ndim == 0


def _float(v: object, name: str) -> float:
    """One scalar as a float; None / pd.NA / NaN become NaN (missing)."""
    if _is_na(v):
        return math.nan
    if isinstance(v, (str, bytes)):
        raise TypeError(f"{name}: expected a number, got {type(v).__name__}")
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected a number, got {type(v).__name__}") from None


def _column(x: Any, name: str) -> "np.ndarray[Any, np.dtype[np.float64]]":
    """A column as a C-contiguous 1-D float64 array (no copy when it already is one).

    Missing values (None, pd.NA, Arrow nulls) become NaN.
    """
    if isinstance(x, (str, bytes)) or isinstance(x, Mapping):
        raise TypeError(f"{name}: expected a number or a column, got {type(x).__name__}")
    module = type(x).__module__.split(".")[0]
    arr: Any
    if isinstance(x, np.ma.MaskedArray):
        arr = np.ma.asarray(x, dtype=np.float64).filled(np.nan)
    elif isinstance(x, np.ndarray):
        arr = x
    elif module == "pandas":
        arr = x.to_numpy(dtype=np.float64, na_value=np.nan)
    elif module == "polars":
        arr = x.to_numpy()
    elif module == "pyarrow":
        try:
            arr = x.to_numpy(zero_copy_only=False)
        except TypeError:
            arr = x.to_numpy()
    elif hasattr(x, "__arrow_c_stream__") or hasattr(x, "__arrow_c_array__"):
        pa = _import("pyarrow", "reading an Arrow PyCapsule column")
        if hasattr(x, "__arrow_c_stream__"):
            arr = pa.chunked_array(x).to_numpy()
        else:
            arr = pa.array(x).to_numpy(zero_copy_only=False)
    else:
        try:
            items = list(x)
        except TypeError:
            raise TypeError(
                f"{name}: expected a number or a column, got {type(x).__name__}"
            ) from None
        arr = np.array([_float(v, name) for v in items], dtype=np.float64)
    if getattr(arr, "dtype", None) == object:
        arr = np.array([_float(v, name) for v in arr.ravel()], dtype=np.float64).reshape(
            arr.shape
        )
    try:
        out = np.ascontiguousarray(arr, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected numbers, got {arr.dtype} values") from None
    if out.ndim != 1:
        raise TypeError(f"{name}: expected a 1-D column, got {out.ndim} dimensions")
    return out


def _columns(**named: Any) -> List["np.ndarray[Any, np.dtype[np.float64]]"]:
    """Several inputs as columns; scalars among columns are repeated to the first column's length
    (one row when all are scalars). Columns of different lengths go to the core as they are,
    which reports the mismatch."""
    cols = {k: (None if _is_scalar(v) else _column(v, k)) for k, v in named.items()}
    n = next((len(c) for c in cols.values() if c is not None), 1)
    return [
        c if c is not None else np.full(n, _float(named[k], k), dtype=np.float64)
        for k, c in cols.items()
    ]


def _keys(x: Any, n: int, name: str) -> List[Any]:
    """A key column (groups, band labels) as a Python list; a scalar key is repeated n times."""
    if isinstance(x, (str, bytes)) or _is_scalar(x):
        return [x] * n
    module = type(x).__module__.split(".")[0]
    if module == "pyarrow":
        return list(x.to_pylist())
    if module == "polars":
        return list(x.to_list())
    if hasattr(x, "tolist"):
        return list(x.tolist())
    return list(x)


def _factorize(groups: Any, n: int) -> Tuple[List[int], List[Any], List[str]]:
    """Group ids in order of first appearance, the distinct keys and their labels."""
    index: Dict[Any, int] = {}
    ids = [index.setdefault(k, len(index)) for k in _keys(groups, n, "groups")]
    uniques = list(index)
    return ids, uniques, [str(u) for u in uniques]


def _bands(bands: Any, n: int) -> List[str]:
    return [str(b) for b in _keys(bands, n, "bands")]


def _import(module: str, why: str) -> Any:
    try:
        return __import__(module)
    except ImportError as e:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            f"{why} needs {module}: pip install {module} (or care-outcomes[{module}])"
        ) from e


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


def _none_if_nan(v: Any) -> Optional[float]:
    if v is None:
        return None
    f = float(v)
    return None if math.isnan(f) else f


class Estimate:
    """One estimate: value, interval, level, method and, when null, the reason.

    Values and limits are already multiplied by the multiplier (``per``); nothing is rounded.

    Attributes:
        value: the point estimate × multiplier, or ``None``.
        lower, upper: the interval limits × multiplier, or ``None`` (no interval asked for, or
            undefined).
        confidence: the level's label (``"95%"``), or ``None`` without an interval.
        level: the level as a fraction (``0.95``), or ``None``.
        method: the method label (``"Wilson"``, ``"Byars"``, ``"Exact"``, ``"Dobson"``, ...),
            ``None`` where the value is null.
        reason: why the value or limits are null (``"zero_denominator"``, ...), or ``None``.
        extras: method-specific fields (``total_count`` of a DSR, ``expected`` of an ISR, ...).
    """

    __slots__ = ("confidence", "extras", "level", "lower", "method", "reason", "upper", "value")

    value: Optional[float]
    lower: Optional[float]
    upper: Optional[float]
    confidence: Optional[str]
    level: Optional[float]
    method: Optional[str]
    reason: Optional[str]
    extras: Dict[str, Any]

    def __init__(
        self,
        value: Optional[float],
        lower: Optional[float],
        upper: Optional[float],
        confidence: Optional[str] = None,
        method: Optional[str] = None,
        reason: Optional[str] = None,
        level: Optional[float] = None,
        extras: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.value = value
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.method = method
        self.reason = reason
        self.level = level
        self.extras = dict(extras) if extras else {}

    @classmethod
    def _from_dict(cls, d: Mapping[str, Any]) -> "Estimate":
        return cls(
            d["value"],
            d["lower"],
            d["upper"],
            d["confidence"],
            d["method"],
            d["reason"],
            d["level"],
            d.get("extras"),
        )

    def to_dict(self) -> Dict[str, Any]:
        """The fields as a dict (extras included at the top level)."""
        out: Dict[str, Any] = {
            "value": self.value,
            "lower": self.lower,
            "upper": self.upper,
            "confidence": self.confidence,
            "method": self.method,
            "reason": self.reason,
        }
        out.update(self.extras)
        return out

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Estimate):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        parts = [
            f"value={self.value!r}",
            f"lower={self.lower!r}",
            f"upper={self.upper!r}",
            f"confidence={self.confidence!r}",
            f"method={self.method!r}",
        ]
        if self.reason is not None:
            parts.append(f"reason={self.reason!r}")
        parts.extend(f"{k}={v!r}" for k, v in self.extras.items())
        return f"Estimate({', '.join(parts)})"


class Estimates:
    """A batch of estimates in columns (one row per input row, or per group).

    Attributes:
        value, lower, upper: float64 numpy arrays, NaN where null (× multiplier).
        method: object array of method labels (``None`` where null).
        reason: object array of reason codes (``None`` where the row has a value and limits).
        confidence: the level's label (``"95%"``) or ``None``; level: the fraction or ``None``.
        groups: the group keys, in order of first appearance, for grouped calls (else ``None``).
        extras: method-specific columns (``total_count``, ``expected``, ``statistic``, ...).

    ``to_pandas()`` and ``to_arrow()`` name the limit columns after the level as the core does
    (``lower_95``, ``upper_99_8``); ``__arrow_c_stream__`` exports the same table to any Arrow
    consumer (``polars.DataFrame(est)``, ``pyarrow.table(est)``).
    """

    value: "np.ndarray[Any, np.dtype[np.float64]]"
    lower: "np.ndarray[Any, np.dtype[np.float64]]"
    upper: "np.ndarray[Any, np.dtype[np.float64]]"
    confidence: Optional[str]
    level: Optional[float]
    groups: Optional[List[Any]]
    extras: Dict[str, "np.ndarray[Any, Any]"]

    def __init__(self, payload: Mapping[str, Any], groups: Optional[List[Any]] = None) -> None:
        self.value = payload["value"]
        self.lower = payload["lower"]
        self.upper = payload["upper"]
        self._coded: Dict[str, Tuple[Any, List[str]]] = {
            "method": (np.asarray(payload["method_codes"]), list(payload["method_labels"])),
            "reason": (np.asarray(payload["reason_codes"]), list(payload["reason_labels"])),
        }
        self._decoded: Dict[str, "np.ndarray[Any, np.dtype[np.object_]]"] = {}
        self.confidence = payload["confidence"]
        self.level = payload["level"]
        self._suffix: Optional[str] = payload["column_suffix"]
        self.groups = groups
        self.extras = {
            k: (v if isinstance(v, np.ndarray) else np.array(list(v), dtype=object))
            for k, v in dict(payload.get("extras") or {}).items()
        }

    @property
    def method(self) -> "np.ndarray[Any, np.dtype[np.object_]]":
        """Object array of method labels (``None`` where null), built on first access."""
        return self._labels("method")

    @property
    def reason(self) -> "np.ndarray[Any, np.dtype[np.object_]]":
        """Object array of reason codes (``None`` where present), built on first access."""
        return self._labels("reason")

    def _labels(self, name: str) -> "np.ndarray[Any, np.dtype[np.object_]]":
        # The core hands over small integer codes; the object column (one Python reference a
        # row) is built only when asked for, then kept.
        if name not in self._decoded:
            self._decoded[name] = _decode(*self._coded[name])
        return self._decoded[name]

    def _label(self, name: str, i: int) -> Optional[str]:
        if name in self._decoded:
            label: Optional[str] = self._decoded[name][i]
            return label
        codes, labels = self._coded[name]
        code = int(codes[i])
        return None if code == 0 else labels[code - 1]

    def __len__(self) -> int:
        return len(self.value)

    def __getitem__(self, i: int) -> Estimate:
        """Row ``i`` as an :class:`Estimate` (NaN becomes ``None``)."""
        extras: Dict[str, Any] = {}
        if self.groups is not None:
            extras["group"] = self.groups[i]
        for k, col in self.extras.items():
            v = col[i]
            extras[k] = _none_if_nan(v) if isinstance(v, (float, np.floating)) else v
        return Estimate(
            _none_if_nan(self.value[i]),
            _none_if_nan(self.lower[i]),
            _none_if_nan(self.upper[i]),
            self.confidence,
            self._label("method", i),
            self._label("reason", i),
            self.level,
            extras,
        )

    def __iter__(self) -> Iterator[Estimate]:
        return (self[i] for i in range(len(self)))

    def to_dict(self) -> Dict[str, Any]:
        """The output columns by name: [group], value, lower_<level>, upper_<level>, confidence,
        method, reason, then the extras. Limit columns are left out when no level was asked for."""
        n = len(self)
        out: Dict[str, Any] = {}
        if self.groups is not None:
            out["group"] = list(self.groups)
        out["value"] = self.value
        if self._suffix is not None:
            out[f"lower_{self._suffix}"] = self.lower
            out[f"upper_{self._suffix}"] = self.upper
        out["confidence"] = np.full(n, self.confidence, dtype=object)
        out["method"] = self.method
        out["reason"] = self.reason
        for k, v in self.extras.items():
            out.setdefault(k, v)
        return out

    def to_pandas(self) -> "pandas.DataFrame":
        """The columns of :meth:`to_dict` as a pandas DataFrame (NaN / None where null)."""
        pd = _import("pandas", "Estimates.to_pandas()")
        return pd.DataFrame(self.to_dict())

    def to_arrow(self) -> "pyarrow.Table":
        """The columns of :meth:`to_dict` as a pyarrow Table (nulls where null)."""
        pa = _import("pyarrow", "Estimates.to_arrow()")
        arrays = {}
        n = len(self)
        for k, v in self.to_dict().items():
            if k in self._coded:
                codes, labels = self._coded[k]
                indices = pa.array(codes.astype(np.int32) - 1, mask=codes == 0)
                dictionary = pa.array(labels, type=pa.string())
                arrays[k] = pa.DictionaryArray.from_arrays(indices, dictionary).cast(pa.string())
            elif k == "confidence":
                arrays[k] = (
                    pa.nulls(n, pa.string())
                    if self.confidence is None
                    else pa.repeat(pa.scalar(self.confidence, pa.string()), n)
                )
            elif isinstance(v, np.ndarray) and v.dtype.kind == "f":
                arrays[k] = pa.array(v, type=pa.float64(), from_pandas=True)
            elif isinstance(v, np.ndarray) and v.dtype.kind in "iu":
                arrays[k] = pa.array(v)
            elif k == "group":
                try:
                    arrays[k] = pa.array(list(v))
                except (pa.ArrowInvalid, pa.ArrowTypeError):
                    arrays[k] = pa.array([str(g) for g in v], type=pa.string())
            else:
                arrays[k] = pa.array(list(v), type=pa.string())
        return pa.table(arrays)

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """Arrow PyCapsule stream of :meth:`to_arrow` (needs pyarrow)."""
        return self.to_arrow().__arrow_c_stream__(requested_schema)

    def __repr__(self) -> str:
        head = f"Estimates({len(self)} rows, confidence={self.confidence!r})"
        rows = [
            f"  {i}: value={float(self.value[i])!r} lower={float(self.lower[i])!r} "
            f"upper={float(self.upper[i])!r} method={self._label('method', i)!r} reason={self._label('reason', i)!r}"
            for i in range(min(len(self), 5))
        ]
        more = ["  ..."] if len(self) > 5 else []
        return "\n".join([head, *rows, *more])


def _decode(codes: Any, labels: Sequence[str]) -> "np.ndarray[Any, np.dtype[np.object_]]":
    """Per-row labels from the core's small integer codes (0 is None), without a Python loop."""
    categories = np.empty(len(labels) + 1, dtype=object)
    categories[0] = None
    categories[1:] = list(labels)
    return categories[np.asarray(codes, dtype=np.intp)]


def _grouped(payload: Mapping[str, Any], uniques: Optional[List[Any]]) -> Estimates:
    groups = None
    if uniques is not None:
        groups = [uniques[int(i)] for i in payload["groups"]]
    return Estimates(payload, groups)


# ---------------------------------------------------------------------------------------------
# Proportions and rates
# ---------------------------------------------------------------------------------------------


@overload
def proportion(
    numerator: Scalar,
    denominator: Scalar,
    *,
    confidence: Optional[float] = ...,
    multiplier: float = ...,
    method: str = ...,
    groups: None = ...,
    skip_missing: bool = ...,
    on_undefined: str = ...,
) -> Estimate: ...
@overload
def proportion(
    numerator: Column,
    denominator: Column,
    *,
    confidence: Optional[float] = ...,
    multiplier: float = ...,
    method: str = ...,
    groups: Optional[Column] = ...,
    skip_missing: bool = ...,
    on_undefined: str = ...,
) -> Estimates: ...
def proportion(
    numerator: Any,
    denominator: Any,
    *,
    confidence: Optional[float] = _D["confidence"],
    multiplier: float = _D["proportion_multiplier"],
    method: str = _D["proportion_method"],
    groups: Optional[Column] = None,
    skip_missing: bool = _D["skip_missing"],
    on_undefined: str = _D["on_undefined"],
) -> Union[Estimate, Estimates]:
    """The proportion numerator/denominator × ``multiplier``, with its interval.

    Args:
        numerator: events x (≥ 0, not necessarily integers), a scalar or a column.
        denominator: people n (≥ x), a scalar or a column.
        confidence: level as a fraction (0.95); ``None`` for the value only.
        multiplier: scale of the result: 1 gives a fraction, 100 a percentage.
        method: ``"wilson"`` (default) or ``"clopper_pearson"`` / ``"exact"``.
        groups: optional group keys; x and n are then summed per group before computing.
        skip_missing: with ``groups``, drop rows with a missing x or n instead of nulling the group.
        on_undefined: ``"null"`` (null value with a reason) or ``"error"`` (raise
            ``UndefinedStatisticError``).

    Returns:
        An :class:`Estimate` for scalars; :class:`Estimates` for columns (one row per input row,
        or per group). n = 0 gives null with reason ``"zero_denominator"``; a missing input gives
        ``"missing_input"``.

    Raises:
        NegativeValueError, NumeratorExceedsDenominatorError, NonFiniteError,
        InvalidConfidenceError, InvalidMultiplierError, InvalidOptionError, LengthMismatchError.
    """
    if groups is not None:
        x, n = _columns(numerator=numerator, denominator=denominator)
        ids, uniques, labels = _factorize(groups, len(x))
        payload = _ext.proportion_grouped(
            np.asarray(ids, dtype=np.int64), labels, x, n, skip_missing,
            confidence, multiplier, method, on_undefined,
        )  # fmt: skip
        return _grouped(payload, uniques)
    if _is_scalar(numerator) and _is_scalar(denominator):
        d = _ext.proportion(
            _float(numerator, "numerator"), _float(denominator, "denominator"),
            confidence, multiplier, method, on_undefined,
        )  # fmt: skip
        return Estimate._from_dict(d)
    x, n = _columns(numerator=numerator, denominator=denominator)
    return Estimates(_ext.proportion_batch(x, n, confidence, multiplier, method, on_undefined))


@overload
def rate(
    count: Scalar,
    population: Scalar,
    *,
    per: float = ...,
    confidence: Optional[float] = ...,
    method: str = ...,
    groups: None = ...,
    skip_missing: bool = ...,
    on_undefined: str = ...,
) -> Estimate: ...
@overload
def rate(
    count: Column,
    population: Column,
    *,
    per: float = ...,
    confidence: Optional[float] = ...,
    method: str = ...,
    groups: Optional[Column] = ...,
    skip_missing: bool = ...,
    on_undefined: str = ...,
) -> Estimates: ...
def rate(
    count: Any,
    population: Any,
    *,
    per: float = _D["rate_multiplier"],
    confidence: Optional[float] = _D["confidence"],
    method: str = _D["rate_method"],
    groups: Optional[Column] = None,
    skip_missing: bool = _D["skip_missing"],
    on_undefined: str = _D["on_undefined"],
) -> Union[Estimate, Estimates]:
    """The crude rate count/population × ``per`` (a rate per ``per`` people), with a Poisson
    interval on the count.

    Args:
        count: events x (≥ 0; may exceed the population), a scalar or a column.
        population: people n (≥ 0), a scalar or a column.
        per: the rate is per this many people (100,000 by default).
        confidence: level as a fraction; ``None`` for the value only.
        method: ``"byar"`` (exact below 10 events, Byar from 10; labelled per row ``"Exact"`` or
            ``"Byars"``), ``"exact"``, or ``"byar_unswitched"``.
        groups: optional group keys; counts and populations are summed per group first (the
            exact/Byar switch then applies to the sums).
        skip_missing: with ``groups``, drop rows with a missing count or population.
        on_undefined: ``"null"`` or ``"error"``.

    Returns:
        :class:`Estimate` or :class:`Estimates` (per row or per group), rates per ``per`` people.
        n = 0 gives null with ``"zero_denominator"``.

    ``rate(O, 1, per=1)`` is the interval on a count alone; ``rate(O, E, per=1)`` is the interval
    of an observed/expected ratio.
    """
    if groups is not None:
        x, n = _columns(count=count, population=population)
        ids, uniques, labels = _factorize(groups, len(x))
        payload = _ext.rate_grouped(
            np.asarray(ids, dtype=np.int64), labels, x, n, skip_missing,
            confidence, per, method, on_undefined,
        )  # fmt: skip
        return _grouped(payload, uniques)
    if _is_scalar(count) and _is_scalar(population):
        d = _ext.rate(
            _float(count, "count"), _float(population, "population"),
            confidence, per, method, on_undefined,
        )  # fmt: skip
        return Estimate._from_dict(d)
    x, n = _columns(count=count, population=population)
    return Estimates(_ext.rate_batch(x, n, confidence, per, method, on_undefined))


def mean(
    values: Column,
    *,
    confidence: Optional[float] = _D["confidence"],
    skip_missing: bool = _D["skip_missing"],
    on_undefined: str = _D["on_undefined"],
) -> Estimate:
    """The mean of ``values`` (in the values' own unit) with a Student t interval.

    Negative values are allowed. One value keeps the value and nulls the limits
    (``"insufficient_values"``); no value nulls everything. A missing value nulls the result
    (``"missing_input"``) unless ``skip_missing``.

    Returns:
        An :class:`Estimate` with extras ``value_sum``, ``value_count`` (values used) and
        ``stdev`` (sample standard deviation, or ``None`` with fewer than 2 values).
    """
    (v,) = _columns(values=values)
    return Estimate._from_dict(_ext.mean(v, confidence, skip_missing, on_undefined))


def aggregate_counts(
    groups: Column,
    numerators: Column,
    denominators: Column,
    *,
    skip_missing: bool = _D["skip_missing"],
) -> "AggregatedCounts":
    """Sums numerators and denominators (counts, people) per group, groups in order of first
    appearance. Integer counts sum exactly; a group with a missing value has NaN sums unless
    ``skip_missing``.
    """
    x, n = _columns(numerators=numerators, denominators=denominators)
    ids, uniques, _ = _factorize(groups, len(x))
    d = _ext.aggregate_counts(np.asarray(ids, dtype=np.int64), x, n, skip_missing)
    return AggregatedCounts(
        [uniques[int(i)] for i in d["groups"]],
        d["numerator"],
        d["denominator"],
        d["rows"],
        d["missing_rows"],
    )


class AggregatedCounts(NamedTuple):
    """Counts summed per group (see :func:`aggregate_counts`)."""

    groups: List[Any]
    numerator: "np.ndarray[Any, np.dtype[np.float64]]"
    denominator: "np.ndarray[Any, np.dtype[np.float64]]"
    rows: "np.ndarray[Any, np.dtype[np.uint64]]"
    missing_rows: "np.ndarray[Any, np.dtype[np.uint64]]"


# ---------------------------------------------------------------------------------------------
# Standardised rates and ratios
# ---------------------------------------------------------------------------------------------


def _band_rows(
    first: Any, second: Any, bands: Optional[Column], what: str
) -> Tuple[List[str], Any, Any]:
    """Band labels and two columns, from two dicts keyed by band or from columns + bands=.

    With dicts, the bands are the union of both key sets; a band absent from one dict is a
    missing value there (the core decides what missing means)."""
    if isinstance(first, Mapping) or isinstance(second, Mapping):
        if not (isinstance(first, Mapping) or first is None) or not isinstance(second, Mapping):
            raise TypeError(f"{what}: give both as mappings keyed by band, or both as columns")
        if bands is not None:
            raise TypeError(f"{what}: bands= goes with columns, not with mappings keyed by band")
        keys = list(dict.fromkeys([*(first or {}), *second]))
        a = None if first is None else [first.get(k) for k in keys]
        return [str(k) for k in keys], a, [second.get(k) for k in keys]
    if bands is None:
        raise TypeError(f"{what}: bands= is required with columns (or pass mappings keyed by band)")
    return _bands(bands, 1), first, second


def _standard(standard: Union[str, Mapping[str, float]]) -> Any:
    if isinstance(standard, str):
        return standard
    if isinstance(standard, Mapping):
        return ([str(k) for k in standard], [_float(v, "standard") for v in standard.values()])
    raise TypeError("standard: expected a name (e.g. 'esp2013') or a mapping band -> weight")


def _age_range(age_range: Optional[Tuple[int, Optional[int]]]) -> Any:
    if age_range is None:
        return None
    start, end = age_range
    return (int(start), None if end is None else int(end))


@overload
def dsr(
    counts: Union[Column, Mapping[str, Scalar]],
    populations: Union[Column, Mapping[str, Scalar]],
    *,
    bands: Optional[Column] = ...,
    groups: None = ...,
    standard: Union[str, Mapping[str, float]] = ...,
    per: float = ...,
    confidence: Optional[float] = ...,
    age_range: Optional[Tuple[int, Optional[int]]] = ...,
    weights: Optional[Column] = ...,
    on_undefined: str = ...,
) -> Estimate: ...
@overload
def dsr(
    counts: Union[Column, Mapping[str, Scalar]],
    populations: Union[Column, Mapping[str, Scalar]],
    *,
    bands: Optional[Column] = ...,
    groups: Column,
    standard: Union[str, Mapping[str, float]] = ...,
    per: float = ...,
    confidence: Optional[float] = ...,
    age_range: Optional[Tuple[int, Optional[int]]] = ...,
    weights: Optional[Column] = ...,
    on_undefined: str = ...,
) -> Estimates: ...
def dsr(
    counts: Union[Column, Mapping[str, Scalar]],
    populations: Union[Column, Mapping[str, Scalar]],
    *,
    bands: Optional[Column] = None,
    groups: Optional[Column] = None,
    standard: Union[str, Mapping[str, float]] = _D["standard"],
    per: float = _D["rate_multiplier"],
    confidence: Optional[float] = _D["confidence"],
    age_range: Optional[Tuple[int, Optional[int]]] = None,
    weights: Optional[Column] = None,
    on_undefined: str = _D["on_undefined"],
) -> Union[Estimate, Estimates]:
    """Directly standardised rate per ``per`` people (Dobson interval), by band.

    Args:
        counts: events per band (missing counts as 0): a column with ``bands=``, or a mapping
            band label -> count.
        populations: people per band: a column, or a mapping band label -> population.
        bands: band labels ("0-4", "05-09", "90+" or a lower bound "5"), joined to the standard
            by label (never by position).
        groups: optional group keys: one DSR per group (an :class:`Estimates`).
        standard: a built-in standard population name (``"esp2013"``) or a mapping band label ->
            weight (people in the standard population).
        per: the rate is per this many people.
        confidence: level as a fraction; ``None`` for the value only.
        age_range: ``(from, to)`` in years (``to=None`` for no upper limit): the standard bands
            that must each appear once per group; default all ages.
        weights: per-row standard weights instead of a standard joined by band (then ``bands``
            and ``standard`` are not used).
        on_undefined: ``"null"`` or ``"error"``.

    Returns:
        An :class:`Estimate` (one group) or :class:`Estimates` (per group) with extras
        ``total_count`` (events), ``total_pop`` (people) and ``statistic``. A total below 10
        events is null with ``"small_count"``; a band population of 0 with ``"zero_population"``.
    """
    if weights is not None:
        if bands is not None:
            raise TypeError("dsr: bands= and weights= are alternatives")
        x, n, w = _columns(counts=counts, populations=populations, weights=weights)
        ids, uniques, labels = _ids_or_single(groups, len(x))
        payload = _ext.dsr_weighted(ids, labels, x, n, w, per, confidence, on_undefined)
        return _single_or_grouped(payload, uniques, groups)
    labels_b, c, p = _band_rows(counts, populations, bands, "dsr")
    x, n = _columns(counts=c, populations=p)
    std = _standard(standard)
    if groups is None:
        payload = _ext.dsr(
            None, [], labels_b, x, n, std, per, confidence, _age_range(age_range), on_undefined
        )
        return Estimates(payload)[0]
    ids, uniques, labels = _factorize(groups, len(x))
    payload = _ext.dsr(
        ids, labels, labels_b, x, n, std, per, confidence, _age_range(age_range), on_undefined
    )
    return _grouped(payload, uniques)


def _ids_or_single(groups: Optional[Column], n: int) -> Tuple[Optional[List[int]], List[Any], List[str]]:
    if groups is None:
        return None, [], []
    return _factorize(groups, n)


def _single_or_grouped(
    payload: Mapping[str, Any], uniques: List[Any], groups: Optional[Column]
) -> Union[Estimate, Estimates]:
    if groups is None:
        est = Estimates(payload)
        return est[0]
    return _grouped(payload, uniques)


@overload
def dsr_non_independent(
    event_frequencies: Column,
    persons: Column,
    populations: Column,
    *,
    bands: Column,
    groups: None = ...,
    standard: Union[str, Mapping[str, float]] = ...,
    per: float = ...,
    confidence: Optional[float] = ...,
    age_range: Optional[Tuple[int, Optional[int]]] = ...,
    on_undefined: str = ...,
) -> Estimate: ...
@overload
def dsr_non_independent(
    event_frequencies: Column,
    persons: Column,
    populations: Column,
    *,
    bands: Column,
    groups: Column,
    standard: Union[str, Mapping[str, float]] = ...,
    per: float = ...,
    confidence: Optional[float] = ...,
    age_range: Optional[Tuple[int, Optional[int]]] = ...,
    on_undefined: str = ...,
) -> Estimates: ...
def dsr_non_independent(
    event_frequencies: Column,
    persons: Column,
    populations: Column,
    *,
    bands: Column,
    groups: Optional[Column] = None,
    standard: Union[str, Mapping[str, float]] = _D["standard"],
    per: float = _D["rate_multiplier"],
    confidence: Optional[float] = _D["confidence"],
    age_range: Optional[Tuple[int, Optional[int]]] = None,
    on_undefined: str = _D["on_undefined"],
) -> Union[Estimate, Estimates]:
    """Directly standardised rate per ``per`` people with the interval adjusted for
    non-independent events (one person can have several events).

    Each row is (group, band, band population, event frequency f, persons with exactly f events):
    a band's events are Σ f·persons. Putting everyone at f = 1 gives :func:`dsr` exactly.

    Args:
        event_frequencies: f, a positive integer per row.
        persons: number of people with exactly f events (missing counts as 0).
        populations: the band's population (people), the same on every row of a band.
        bands, groups, standard, per, confidence, age_range, on_undefined: as :func:`dsr`.

    Returns:
        :class:`Estimate` (one group) or :class:`Estimates` (per group), method
        "Dobson, with confidence adjusted for non-independent events".
    """
    f, y, n = _columns(event_frequencies=event_frequencies, persons=persons, populations=populations)
    ids, uniques, labels = _ids_or_single(groups, len(f))
    payload = _ext.dsr_non_independent(
        ids, labels, _bands(bands, len(f)), n, f, y, _standard(standard),
        per, confidence, _age_range(age_range), on_undefined,
    )  # fmt: skip
    return _single_or_grouped(payload, uniques, groups)


def _isr(
    ratio: bool,
    scale: float,
    counts: Any,
    populations: Any,
    bands: Optional[Column],
    ref_counts: Any,
    ref_populations: Any,
    ref_bands: Optional[Column],
    groups: Optional[Column],
    observed_totals: Any,
    confidence: Optional[float],
    method: str,
    on_undefined: str,
) -> Union[Estimate, Estimates]:
    if counts is not None and observed_totals is not None:
        raise TypeError("give band counts or observed_totals=, not both")
    if counts is None and observed_totals is None:
        raise TypeError("band counts or observed_totals= are needed")
    band_labels, c, p = _band_rows(counts, populations, bands, "isr")
    if c is None:
        (n,) = _columns(populations=p)
        x = None
    else:
        x, n = _columns(counts=c, populations=p)
    if isinstance(ref_counts, Mapping) or isinstance(ref_populations, Mapping):
        ref_labels, rc, rp = _band_rows(ref_counts, ref_populations, ref_bands, "isr reference")
    else:
        ref_labels = band_labels if ref_bands is None else _bands(ref_bands, 1)
        rc, rp = ref_counts, ref_populations
    rx, rn = _columns(ref_counts=rc, ref_populations=rp)
    ids, uniques, labels = _ids_or_single(groups, len(n))
    totals = None
    if observed_totals is not None:
        if groups is None:
            totals = [_float(observed_totals, "observed_totals")]
        elif isinstance(observed_totals, Mapping):
            totals = [_float(observed_totals.get(g), "observed_totals") for g in uniques]
        else:
            raise TypeError("observed_totals: with groups=, a mapping group -> observed events")
    payload = _ext.isr(
        ratio, scale, ids, labels, band_labels, n, x, totals, ref_labels, rx, rn,
        confidence, method, on_undefined,
    )  # fmt: skip
    return _single_or_grouped(payload, uniques, groups)


@overload
def isratio(
    counts: Union[Column, Mapping[str, Scalar], None],
    populations: Union[Column, Mapping[str, Scalar]],
    *,
    ref_counts: Union[Column, Mapping[str, Scalar]],
    ref_populations: Union[Column, Mapping[str, Scalar]],
    bands: Optional[Column] = ...,
    ref_bands: Optional[Column] = ...,
    groups: None = ...,
    observed_totals: Union[Scalar, Mapping[Any, Scalar], None] = ...,
    refvalue: float = ...,
    confidence: Optional[float] = ...,
    method: str = ...,
    on_undefined: str = ...,
) -> Estimate: ...
@overload
def isratio(
    counts: Union[Column, Mapping[str, Scalar], None],
    populations: Union[Column, Mapping[str, Scalar]],
    *,
    ref_counts: Union[Column, Mapping[str, Scalar]],
    ref_populations: Union[Column, Mapping[str, Scalar]],
    bands: Optional[Column] = ...,
    ref_bands: Optional[Column] = ...,
    groups: Column,
    observed_totals: Union[Scalar, Mapping[Any, Scalar], None] = ...,
    refvalue: float = ...,
    confidence: Optional[float] = ...,
    method: str = ...,
    on_undefined: str = ...,
) -> Estimates: ...
def isratio(
    counts: Union[Column, Mapping[str, Scalar], None],
    populations: Union[Column, Mapping[str, Scalar]],
    *,
    ref_counts: Union[Column, Mapping[str, Scalar]],
    ref_populations: Union[Column, Mapping[str, Scalar]],
    bands: Optional[Column] = None,
    ref_bands: Optional[Column] = None,
    groups: Optional[Column] = None,
    observed_totals: Union[Scalar, Mapping[Any, Scalar], None] = None,
    refvalue: float = _D["isr_refvalue"],
    confidence: Optional[float] = _D["confidence"],
    method: str = _D["rate_method"],
    on_undefined: str = _D["on_undefined"],
) -> Union[Estimate, Estimates]:
    """Indirectly standardised ratio O/E × ``refvalue`` (observed ÷ expected events; 1 = as
    expected, or 100 on the SMR scale with ``refvalue=100``), with a Poisson interval on O.

    Args:
        counts: local events per band (missing counts as 0), or ``None`` with
            ``observed_totals``; a column with ``bands=`` or a mapping band -> count.
        populations: local people per band (a column or a mapping band -> people).
        ref_counts, ref_populations: reference (e.g. England) events and people per band: mappings
            band -> value, or columns labelled by ``ref_bands`` (default: ``bands``).
        groups: optional group keys: one ratio per group.
        observed_totals: O per group instead of band counts (a number without ``groups``, else a
            mapping group -> O).
        refvalue: the ratio's scale r.
        confidence, method, on_undefined: as :func:`rate`.

    Returns:
        :class:`Estimate` or :class:`Estimates` with extras ``observed`` and ``expected``
        (events) and ``statistic``. E = 0 gives null with ``"zero_expected"``.
    """
    return _isr(
        True, refvalue, counts, populations, bands, ref_counts, ref_populations, ref_bands,
        groups, observed_totals, confidence, method, on_undefined,
    )  # fmt: skip


@overload
def israte(
    counts: Union[Column, Mapping[str, Scalar], None],
    populations: Union[Column, Mapping[str, Scalar]],
    *,
    ref_counts: Union[Column, Mapping[str, Scalar]],
    ref_populations: Union[Column, Mapping[str, Scalar]],
    bands: Optional[Column] = ...,
    ref_bands: Optional[Column] = ...,
    groups: None = ...,
    observed_totals: Union[Scalar, Mapping[Any, Scalar], None] = ...,
    per: float = ...,
    confidence: Optional[float] = ...,
    method: str = ...,
    on_undefined: str = ...,
) -> Estimate: ...
@overload
def israte(
    counts: Union[Column, Mapping[str, Scalar], None],
    populations: Union[Column, Mapping[str, Scalar]],
    *,
    ref_counts: Union[Column, Mapping[str, Scalar]],
    ref_populations: Union[Column, Mapping[str, Scalar]],
    bands: Optional[Column] = ...,
    ref_bands: Optional[Column] = ...,
    groups: Column,
    observed_totals: Union[Scalar, Mapping[Any, Scalar], None] = ...,
    per: float = ...,
    confidence: Optional[float] = ...,
    method: str = ...,
    on_undefined: str = ...,
) -> Estimates: ...
def israte(
    counts: Union[Column, Mapping[str, Scalar], None],
    populations: Union[Column, Mapping[str, Scalar]],
    *,
    ref_counts: Union[Column, Mapping[str, Scalar]],
    ref_populations: Union[Column, Mapping[str, Scalar]],
    bands: Optional[Column] = None,
    ref_bands: Optional[Column] = None,
    groups: Optional[Column] = None,
    observed_totals: Union[Scalar, Mapping[Any, Scalar], None] = None,
    per: float = _D["rate_multiplier"],
    confidence: Optional[float] = _D["confidence"],
    method: str = _D["rate_method"],
    on_undefined: str = _D["on_undefined"],
) -> Union[Estimate, Estimates]:
    """Indirectly standardised rate per ``per`` people: O/E × the reference rate
    (per × Σ reference events / Σ reference people).

    Arguments as :func:`isratio`, with ``per`` (the rate is per this many people) instead of
    ``refvalue``. Extras: ``observed``, ``expected`` (events), ``ref_rate`` (per ``per`` people)
    and ``statistic``.
    """
    return _isr(
        False, per, counts, populations, bands, ref_counts, ref_populations, ref_bands,
        groups, observed_totals, confidence, method, on_undefined,
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Funnels
# ---------------------------------------------------------------------------------------------


class Funnel:
    """A funnel plot: baseline, 100 rows of limits, and each record's significance.

    Attributes:
        baseline: the average (× multiplier for proportions and rates; 1, 0 or 100 for ratios).
        limits: the limit lines as numpy columns named as in the spec (``population`` /
            ``observed_events`` / ``events``, ``lower_2s_limit``, ``upper_3s_limit``, ...);
            2s is the 95% level and 3s the 99.8% level.
        significance: object array, one label per record (``"High (0.001)"``, ...).
        points: rate funnels only: ``rate_chart`` and ``denominator_derived`` per record.
    """

    __slots__ = ("baseline", "limits", "points", "significance")

    def __init__(self, payload: Mapping[str, Any]) -> None:
        self.baseline: float = payload["baseline"]
        self.limits: Dict[str, "np.ndarray[Any, np.dtype[np.float64]]"] = dict(payload["limits"])
        self.significance: "np.ndarray[Any, np.dtype[np.object_]]" = _decode(
            payload["significance_codes"], payload["significance_labels"]
        )
        self.points: Optional[Dict[str, "np.ndarray[Any, np.dtype[np.float64]]"]] = (
            dict(payload["points"]) if "points" in payload else None
        )

    def to_pandas(self) -> "pandas.DataFrame":
        """The limits table as a pandas DataFrame."""
        pd = _import("pandas", "Funnel.to_pandas()")
        return pd.DataFrame(self.limits)

    def to_arrow(self) -> "pyarrow.Table":
        """The limits table as a pyarrow Table."""
        pa = _import("pyarrow", "Funnel.to_arrow()")
        return pa.table(self.limits)

    def __repr__(self) -> str:
        return (
            f"Funnel(baseline={self.baseline!r}, {len(next(iter(self.limits.values())))} limit "
            f"rows, significance={list(self.significance)!r})"
        )


def funnel_proportions(
    numerators: Column,
    denominators: Column,
    *,
    multiplier: float = _D["proportion_multiplier"],
) -> Funnel:
    """A proportion funnel from records (x of n): limits × ``multiplier`` (100 for percentages)
    at 95% and 99.8%, clamped to [0, multiplier], and each record's significance."""
    x, n = _columns(numerators=numerators, denominators=denominators)
    return Funnel(_ext.funnel_proportions(x, n, multiplier))


def funnel_ratios(
    observed: Column,
    expected: Column,
    *,
    ratio_type: str = _D["ratio_type"],
) -> Funnel:
    """A ratio funnel from records (observed O, expected E events). ``ratio_type``: ``"ratio"``
    (O/E), ``"count"`` (O/E − 1) or ``"isr"`` (O/E × 100)."""
    o, e = _columns(observed=observed, expected=expected)
    return Funnel(_ext.funnel_ratios(o, e, ratio_type))


def funnel_rates(
    events: Column,
    rates: Column,
    *,
    rate_type: str,
    years_of_data: float,
    populations: Optional[Column] = None,
    per: float = _D["rate_multiplier"],
) -> Funnel:
    """A rate funnel from records (events, rate per ``per`` people per year): limits per ``per``
    people, with the population axis per year of data.

    ``rate_type`` is ``"dsr"`` or ``"crude"``; crude records with 0 events need ``populations``
    (people). Extra attribute ``points``: ``rate_chart`` and ``denominator_derived`` per record.
    """
    if populations is None:
        a, r = _columns(events=events, rates=rates)
        p = None
    else:
        a, r, p = _columns(events=events, rates=rates, populations=populations)
    return Funnel(_ext.funnel_rates(a, r, p, rate_type, float(years_of_data), per))


class FunnelLimits(NamedTuple):
    """Lower and upper funnel limits (floats, or numpy arrays for a column of populations)."""

    lower: Any
    upper: Any


class RatioFunnelLimits(NamedTuple):
    """Ratio funnel limits O/E_hi and O/E_lo at an observed count, and the expected counts
    E_hi, E_lo at which they are plotted."""

    lower: Any
    upper: Any
    expected_high: Any
    expected_low: Any


def _unwrap(scalar: bool, v: "np.ndarray[Any, Any]") -> Any:
    return float(v[0]) if scalar else v


def proportion_funnel_limits(
    average: float,
    population: Union[Scalar, Column],
    *,
    confidence: float,
    multiplier: float = _D["proportion_multiplier"],
    clamp: bool = _D["funnel_clamp"],
) -> FunnelLimits:
    """Proportion funnel limits × ``multiplier`` at ``population`` people for an average
    proportion ``average`` (a fraction in [0, 1]): av ∓ z·√(av(1−av)/N), clamped to
    [0, multiplier] as plotted unless ``clamp=False`` (the spec's vectors are unclamped)."""
    scalar = _is_scalar(population)
    (pops,) = _columns(population=[population] if scalar else population)
    d = _ext.proportion_funnel_limits(
        _float(average, "average"), pops, confidence, multiplier, clamp
    )
    return FunnelLimits(_unwrap(scalar, d["lower"]), _unwrap(scalar, d["upper"]))


def ratio_funnel_limits(
    observed: Union[Scalar, Column],
    *,
    confidence: float,
) -> RatioFunnelLimits:
    """Ratio funnel limits (observed ÷ expected, unitless) at an observed count of events."""
    scalar = _is_scalar(observed)
    (o,) = _columns(observed=[observed] if scalar else observed)
    d = _ext.ratio_funnel_limits(o, confidence)
    return RatioFunnelLimits(
        *(_unwrap(scalar, d[k]) for k in ("lower", "upper", "expected_high", "expected_low"))
    )


def ratio_significance(
    observed: Union[Scalar, Column], expected: Union[Scalar, Column]
) -> Any:
    """The funnel significance label of observed vs expected events ("High (0.001)",
    "Low (0.025)", "Not significant", ...): a str for scalars, an object array for columns."""
    scalar = _is_scalar(observed) and _is_scalar(expected)
    o, e = _columns(observed=observed, expected=expected)
    d = _ext.ratio_significance(o, e)
    labels = _decode(d["significance_codes"], d["significance_labels"])
    return labels[0] if scalar else labels


# ---------------------------------------------------------------------------------------------
# Quantiles, life expectancy, comparison
# ---------------------------------------------------------------------------------------------


class Quantiles(NamedTuple):
    """Deprivation quantiles: ``quantile`` per value (1..nquantiles as floats, NaN where null),
    ``reason`` per value (the reason its group's quantiles are null, e.g. ``"too_few_areas"``),
    and ``groups`` (distinct group keys, or ``None``)."""

    quantile: "np.ndarray[Any, np.dtype[np.float64]]"
    reason: "np.ndarray[Any, np.dtype[np.object_]]"
    groups: Optional[List[Any]]


def quantiles(
    values: Column,
    *,
    invert: Union[bool, Column] = _D["quantile_invert"],
    nquantiles: int = _D["quantiles"],
    groups: Optional[Column] = None,
) -> Quantiles:
    """Assigns each value (e.g. a deprivation score) a quantile 1..``nquantiles``.

    ``invert=True`` (the Fingertips convention) gives the highest value quantile 1. With
    ``groups``, quantiles are assigned within each group and ``invert`` may be given per row
    (constant within a group). Missing values get no quantile.
    """
    v = _column(values, "values")
    if isinstance(nquantiles, bool) or not isinstance(nquantiles, numbers.Real):
        raise TypeError("nquantiles: expected a number")
    if groups is None:
        if not isinstance(invert, (bool, np.bool_)):
            raise TypeError("invert: expected a bool (per-row flags need groups=)")
        d = _ext.quantiles(v, float(nquantiles), bool(invert))
        reason = np.empty(len(v), dtype=object)
        reason[:] = d["reason"]
        return Quantiles(d["quantile"], reason, None)
    ids, uniques, labels = _factorize(groups, len(v))
    flags = (
        [bool(invert)] * len(v)
        if isinstance(invert, (bool, np.bool_))
        else [bool(f) for f in _keys(invert, len(v), "invert")]
    )
    d = _ext.quantiles_grouped(ids, labels, v, float(nquantiles), flags)
    by_group = dict(zip(d["groups"], d["reasons"]))
    reason = np.empty(len(v), dtype=object)
    reason[:] = [by_group.get(i) for i in ids]
    return Quantiles(d["quantile"], reason, [uniques[int(i)] for i in d["groups"]])


def life_expectancy(
    start_ages: Column,
    populations: Column,
    deaths: Column,
    *,
    confidence: Optional[float] = _D["confidence"],
    on_undefined: str = _D["on_undefined"],
) -> Estimates:
    """Life expectancy in years at the start age of every band (Chiang II abridged life table,
    Silcocks' variance for the last, open band).

    Args:
        start_ages: band start ages in years, from 0, increasing; the last band is open.
        populations: people per band; deaths: deaths per band.

    Returns:
        :class:`Estimates`, one row per band (years), with extras ``start_age``, ``pops_used`` and
        ``dths_used`` (people and deaths from that age upward).
    """
    a, p, d = _columns(start_ages=start_ages, populations=populations, deaths=deaths)
    return Estimates(_ext.life_expectancy(a, p, d, confidence, on_undefined))


def compare(
    estimate: Union[Estimate, Estimates],
    benchmark: Union[Scalar, Column],
    *,
    polarity: str = _D["polarity"],
) -> Any:
    """Compares an estimate's interval with a benchmark value (in the estimate's unit).

    ``polarity``: ``"higher_is_better"``, ``"lower_is_better"`` or ``"no_judgement"``. Returns
    ``"better"``, ``"similar"``, ``"worse"`` (``"higher"``/``"lower"`` without judgement) or
    ``"not_compared"``: a str for an :class:`Estimate`, an object array for :class:`Estimates`.
    """
    if isinstance(estimate, Estimate):
        cols = [
            np.array([math.nan if v is None else v], dtype=np.float64)
            for v in (estimate.value, estimate.lower, estimate.upper)
        ]
        (b,) = _columns(benchmark=[benchmark])
        d = _ext.compare(cols[0], cols[1], cols[2], b, polarity)
        return _decode(d["comparison_codes"], d["comparison_labels"])[0]
    if not isinstance(estimate, Estimates):
        raise TypeError("compare: expected an Estimate or Estimates")
    (b,) = (
        [np.full(len(estimate), _float(benchmark, "benchmark"), dtype=np.float64)]
        if _is_scalar(benchmark)
        else [_column(benchmark, "benchmark")]
    )
    v, lo, up = (np.ascontiguousarray(c, dtype=np.float64) for c in (estimate.value, estimate.lower, estimate.upper))
    d = _ext.compare(v, lo, up, b, polarity)
    return _decode(d["comparison_codes"], d["comparison_labels"])


def compare_interval(
    lower: Union[Scalar, Column],
    upper: Union[Scalar, Column],
    benchmark: Union[Scalar, Column],
    *,
    polarity: str = _D["polarity"],
) -> Any:
    """Compares intervals [lower, upper] with benchmark values (same unit): ``"better"``,
    ``"similar"``, ``"worse"``, ``"higher"``, ``"lower"`` or ``"not_compared"`` (a str for
    scalars, an object array for columns)."""
    scalar = _is_scalar(lower) and _is_scalar(upper) and _is_scalar(benchmark)
    lo, up, b = _columns(lower=lower, upper=upper, benchmark=benchmark)
    d = _ext.compare_interval(lo, up, b, polarity)
    labels = _decode(d["comparison_codes"], d["comparison_labels"])
    return labels[0] if scalar else labels
