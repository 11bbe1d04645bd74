"""Survey measures from respondent-level data (ASCS and SACE).

Every rule lives in the Rust core: validation (never a guessed code), per-person scores (1A, the
ASCOT index, 1J / refreshed 1B, carer QoL), the proportion measures and their exclusions, stratum
weighting, sub-groups, region / England aggregation, margins of error with the finite-population
correction, and the publication rules. This module converts tables to records and back.

A table is a pandas or polars DataFrame, a pyarrow Table (or anything with
``__arrow_c_stream__``) or a sequence of mappings; a function that returns a table returns the
kind it was given (a list of dicts for a sequence).

>>> import care_outcomes as co
>>> rows = [dict.fromkeys(["q3a", "q4a", "q5a", "q6a", "q7a", "q8a", "q9a", "q11"], 1)]
>>> co.survey.score(rows)[0]["scrqol"]
24
"""

from __future__ import annotations

import json
import math
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, TypeVar, overload

from . import _care_outcomes as _ext

__all__ = ["carer_measures", "defaults", "measures", "score", "score_carers", "weights"]

T = TypeVar("T")


def defaults() -> Dict[str, Any]:
    """The defaults of the survey options, read from the core."""
    d: Dict[str, Any] = json.loads(_ext.survey_defaults())
    return d


_DEFAULTS = defaults()


def weights() -> Dict[str, Any]:
    """The built-in ASCOT preference weights and 1J adjustment, with id, version and provenance."""
    w: Dict[str, Any] = json.loads(_ext.survey_weights())
    return w


def _plain(v: Any) -> Any:
    """One cell as a JSON value: NaN / None / pd.NA / NaT become null, numpy scalars Python ones."""
    if v is None or type(v).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, float) and math.isinf(v):
        # Not JSON: sent as text, which the core rejects as a non-number with its row.
        return str(v)
    return v


def _records(table: Any, name: str) -> Tuple[List[Dict[str, Any]], str]:
    """A table as a list of records, and its kind."""
    module = type(table).__module__.split(".")[0]
    rows: Any
    if module == "pandas" and hasattr(table, "to_dict"):
        rows, kind = table.to_dict(orient="records"), "pandas"
    elif module == "polars" and hasattr(table, "to_dicts"):
        rows, kind = table.to_dicts(), "polars"
    elif module == "pyarrow" and hasattr(table, "to_pylist"):
        rows, kind = table.to_pylist(), "pyarrow"
    elif hasattr(table, "__arrow_c_stream__"):
        import pyarrow

        rows, kind = pyarrow.table(table).to_pylist(), "pyarrow"
    elif isinstance(table, Sequence) and not isinstance(table, (str, bytes)):
        rows, kind = list(table), "records"
    else:
        raise TypeError(f"{name}: expected a table or a sequence of records, got {type(table).__name__}")
    out = []
    for r in rows:
        if not isinstance(r, Mapping):
            raise TypeError(f"{name}: expected records (mappings), got {type(r).__name__}")
        out.append({str(k): _plain(v) for k, v in r.items()})
    return out, kind


def _table(rows: List[Dict[str, Any]], kind: str) -> Any:
    """Records back to the given kind of table."""
    if kind == "pandas":
        import pandas

        return pandas.DataFrame(rows)
    if kind == "polars":
        import polars

        return polars.DataFrame(rows, infer_schema_length=None)
    if kind == "pyarrow":
        import pyarrow

        return pyarrow.Table.from_pylist(rows)
    return rows


def _json(rows: List[Dict[str, Any]]) -> str:
    return json.dumps(rows, allow_nan=False)


def _opt(value: Optional[Any], key: str) -> Any:
    return _DEFAULTS[key] if value is None else value


def _names(value: Optional[Sequence[str]]) -> List[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in _opt(value, "subgroups")]


def score(
    responses: T,
    *,
    on_invalid: Optional[str] = None,
    on_missing: Optional[str] = None,
    assistance_code_4: Optional[str] = None,
) -> T:
    """Validates and scores ASCS respondents, one output row per input row.

    Columns read: ``q1``, ``q3a`` … ``q11``, ``q12``, ``q13``, ``q15a``–``q15d``, ``q16a``–``q16c``,
    ``q17``, ``q18`` (codes, 1 = first option), ``age_band`` (``"18-64"`` / ``"65+"``),
    ``can_answer_q2c`` (bool); others are ignored.

    Returns the same kind of table with ``row``, ``status`` (used / excluded / rejected),
    ``scrqol`` (1A, 0–24), ``ascot_index``, ``adjusted_scrqol`` (1J), the proportion measures'
    qualifying answers (``control``, ``social_contact``, ``overall_satisfaction``,
    ``information_ease``, ``feel_safe``, ``services_safe``: True / False / None) and
    ``reasons`` (exclusions or the rejection).

    ``on_invalid``: ``"error"`` (default) raises :class:`InvalidResponseError` for a code out of
    range; ``"reject"`` rejects the row. ``on_missing``: ``"exclude"`` (default) leaves the person
    out of measures that need a missing item; ``"error"`` raises. ``assistance_code_4``:
    ``"reject"`` (default) or ``"pass_through"`` (NHS parity for q15/q16 code 4).
    """
    rows, kind = _records(responses, "responses")
    out, _ = _ext.survey_score(
        _json(rows),
        _opt(on_invalid, "on_invalid"),
        _opt(on_missing, "on_missing"),
        _opt(assistance_code_4, "assistance_code_4"),
    )
    result: T = _table(json.loads(out), kind)
    return result


def score_carers(
    carers: T, *, on_invalid: Optional[str] = None, on_missing: Optional[str] = None
) -> T:
    """Validates and scores SACE respondents: ``carer_qol`` (1D, 0–12, complete cases).

    Columns read: ``occupation``, ``control``, ``self_care``, ``safety``,
    ``social_participation``, ``support`` (codes 1–3).
    """
    rows, kind = _records(carers, "carers")
    out = _ext.survey_score_carers(
        _json(rows), _opt(on_invalid, "on_invalid"), _opt(on_missing, "on_missing")
    )
    result: T = _table(json.loads(out), kind)
    return result


@overload
def measures(
    responses: T,
    *,
    strata: Any,
    subgroups: Optional[Sequence[str]] = ...,
    regions: Optional[Mapping[str, str]] = ...,
    england: Optional[bool] = ...,
    on_invalid: Optional[str] = ...,
    on_missing: Optional[str] = ...,
    assistance_code_4: Optional[str] = ...,
    ledger: Literal[False] = ...,
) -> T: ...
@overload
def measures(
    responses: T,
    *,
    strata: Any,
    subgroups: Optional[Sequence[str]] = ...,
    regions: Optional[Mapping[str, str]] = ...,
    england: Optional[bool] = ...,
    on_invalid: Optional[str] = ...,
    on_missing: Optional[str] = ...,
    assistance_code_4: Optional[str] = ...,
    ledger: Literal[True],
) -> Tuple[T, T]: ...
def measures(
    responses: T,
    *,
    strata: Any,
    subgroups: Optional[Sequence[str]] = None,
    regions: Optional[Mapping[str, str]] = None,
    england: Optional[bool] = None,
    on_invalid: Optional[str] = None,
    on_missing: Optional[str] = None,
    assistance_code_4: Optional[str] = None,
    ledger: bool = False,
) -> Any:
    """ASCS council measures (1A, 1J, 1B, 1I(1), 3A, 3D(1), 4A, 4B), stratum-weighted.

    ``responses`` as for :func:`score`, plus ``council`` and ``stratum`` (1–4) per respondent, and
    ``sex`` / ``age_band`` for sub-groups. ``strata``: a table (any kind) of ``council``,
    ``stratum``, ``population`` (the four stratum populations of each council).

    ``subgroups``: any of ``"sex"``, ``"age_band"``. ``regions``: council → region, for regional
    estimates. ``england``: add an estimate over every council given.

    Returns the same kind of table as ``responses``: one row per area × sub-group × measure with
    ``value`` (% or score), ``margin_of_error`` (95%, with the finite-population correction),
    weighted ``numerator`` / ``denominator``, ``base`` (respondents), null ``reason`` codes and
    the published figures (``published_value`` as text, 1 dp or 3 dp; numerator, denominator and
    base to the nearest 5; ``symbol`` ``[c]`` below a base of 3). With ``ledger=True``, also the
    per-row ledger (row, status, used_in, reasons, rejection_code) as a second table.
    """
    rows, kind = _records(responses, "responses")
    pops, _ = _records(strata, "strata")
    est, led, _ = _ext.survey_measures(
        _json(rows),
        _json(pops),
        _opt(on_invalid, "on_invalid"),
        _opt(on_missing, "on_missing"),
        _opt(assistance_code_4, "assistance_code_4"),
        _names(subgroups),
        dict(_opt(regions, "regions")),
        bool(_opt(england, "england")),
    )
    estimates = _table(json.loads(est), kind)
    if ledger:
        return estimates, _table(json.loads(led), kind)
    return estimates


@overload
def carer_measures(
    carers: T,
    *,
    populations: Any,
    subgroups: Optional[Sequence[str]] = ...,
    regions: Optional[Mapping[str, str]] = ...,
    england: Optional[bool] = ...,
    on_invalid: Optional[str] = ...,
    on_missing: Optional[str] = ...,
    ledger: Literal[False] = ...,
) -> T: ...
@overload
def carer_measures(
    carers: T,
    *,
    populations: Any,
    subgroups: Optional[Sequence[str]] = ...,
    regions: Optional[Mapping[str, str]] = ...,
    england: Optional[bool] = ...,
    on_invalid: Optional[str] = ...,
    on_missing: Optional[str] = ...,
    ledger: Literal[True],
) -> Tuple[T, T]: ...
def carer_measures(
    carers: T,
    *,
    populations: Any,
    subgroups: Optional[Sequence[str]] = None,
    regions: Optional[Mapping[str, str]] = None,
    england: Optional[bool] = None,
    on_invalid: Optional[str] = None,
    on_missing: Optional[str] = None,
    ledger: bool = False,
) -> Any:
    """SACE carer QoL (1D) by council (unweighted mean) with aggregates weighted by eligible
    population ÷ usable responses. ``populations``: a table of ``council``, ``population``.
    Output as :func:`measures`."""
    rows, kind = _records(carers, "carers")
    pops, _ = _records(populations, "populations")
    est, led, _ = _ext.survey_carer_measures(
        _json(rows),
        _json(pops),
        _opt(on_invalid, "on_invalid"),
        _opt(on_missing, "on_missing"),
        _names(subgroups),
        dict(_opt(regions, "regions")),
        bool(_opt(england, "england")),
    )
    estimates = _table(json.loads(est), kind)
    if ledger:
        return estimates, _table(json.loads(led), kind)
    return estimates
