"""Economic evaluation with care-outcomes: Green Book discounting, cost-benefit models with outputs
named apart (``benefit_cost_ratio``, ``net_roi``, ``net_present_value``, ``financial_roi``,
``public_value_roi``, ``net_present_budget_impact``, ``payback``), SROI, GMCA-style cohort chains,
a reablement savings calculator, unit costs and deflators as data, and sensitivity analysis
(one-way / tornado, break-even, seeded Monte Carlo).

This module is a thin conversion layer over the Rust core (``spec-economics-spc.md`` is the
normative description). Models are the core's JSON documents, written here as dicts with
snake_case keys; an argument left as ``None`` is not sent, so the core's default applies (the
Green Book 2022 standard schedule, year 0 undiscounted, ...). Every rule, default and error code
comes from the core; the same inputs give bit-for-bit the same numbers as the Rust crate and the
npm package.

>>> import care_outcomes as co
>>> r = co.economics.cost_benefit(
...     costs=[{"name": "service", "by_year": [150_000]}],
...     benefits=[{"name": "avoided care", "by_year": [1_167_000]}],
...     schedule="undiscounted")
>>> round(r.benefit_cost_ratio, 2), round(r.net_roi, 2)
(7.78, 6.78)

Results are :class:`Result` objects: attribute access to every output (nested results too),
``to_dict()``, and ``rows(name)`` / ``to_pandas(name)`` for the tabular parts (tornado bars,
percentiles). Non-finite numbers cannot be written as JSON and raise ``InvalidDefinitionError``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, Optional, Sequence, Union

from . import _care_outcomes as _ext

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "FUNCTIONS",
    "Result",
    "adjust_benefit",
    "adjust_cost",
    "annuity_factor",
    "break_even",
    "cohort",
    "cost_benefit",
    "deflator",
    "discount_factors",
    "drop_off_profile",
    "equivalent_annual_cost",
    "evaluate",
    "inflate",
    "monte_carlo",
    "nominal_rate",
    "one_way",
    "optimism_bias_grade",
    "payback",
    "present_value",
    "reablement",
    "rebase",
    "schedule",
    "sroi",
    "unit_costs",
    "uprate",
]

#: The function names of the core's economics interchange.
FUNCTIONS: tuple[str, ...] = tuple(f.strip() for f in _ext.economics_functions().split(","))

Schedule = Union[str, Mapping[str, Any], None]
Model = Mapping[str, Any]


class Result:
    """A result of the core: attribute access to its fields (nested dicts become results)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data: Dict[str, Any] = dict(data)

    def __getattr__(self, name: str) -> Any:
        try:
            return _wrap(self._data[name])
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return _wrap(self._data[name])

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Result) and other._data == self._data

    def __hash__(self) -> int:
        return hash(json.dumps(self._data, sort_keys=True))

    def __dir__(self) -> List[str]:
        return sorted(set(self._data) | set(super().__dir__()))

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{k}={v!r}" for k, v in self._data.items() if not isinstance(v, (dict, list))
        )
        return f"Result({fields})"

    def to_dict(self) -> Dict[str, Any]:
        """The result as plain dicts and lists (a deep copy)."""
        loaded: Dict[str, Any] = json.loads(json.dumps(self._data))
        return loaded

    def rows(self, name: str) -> List[Dict[str, Any]]:
        """A tabular field (a list of records, e.g. ``bars`` or ``percentiles``) as rows."""
        value = self._data[name]
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            raise TypeError(f"{name} is not a table")
        return [dict(r) for r in value]

    def to_pandas(self, name: str) -> "pandas.DataFrame":
        """A tabular field as a pandas DataFrame (pandas is imported on first use)."""
        import pandas

        return pandas.DataFrame(self.rows(name))


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        return Result(value)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [Result(v) for v in value]
    return value


def _plain(value: Any) -> Any:
    """numpy arrays and scalars as JSON-ready Python values."""
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    item = getattr(value, "item", None)
    if callable(item):
        return item()
    raise TypeError(f"cannot send {type(value).__name__} to care-outcomes")


def _args(**kwargs: Any) -> Dict[str, Any]:
    return {k: v for k, v in kwargs.items() if v is not None}


def _call(function: str, **kwargs: Any) -> Any:
    text = json.dumps(_args(**kwargs), default=_plain)
    return json.loads(_ext.economics_call(function, text))


def _result(function: str, **kwargs: Any) -> Result:
    out = _call(function, **kwargs)
    if not isinstance(out, dict):  # pragma: no cover - the core returns objects here
        raise TypeError(f"{function} returned {type(out).__name__}")
    return Result(out)


def _model(model: Union[Model, Result]) -> Dict[str, Any]:
    if isinstance(model, Result):
        return model.to_dict()
    return dict(model)


# ---- models ----------------------------------------------------------------------------------


def evaluate(model: Union[Model, Result]) -> Result:
    """Evaluates a model document (a dict with ``kind``: ``cost_benefit``, ``sroi``, ``cohort``
    or ``reablement``, and that model's fields).

    >>> r = evaluate({"kind": "reablement", "people": 400, "share_independent": 0.3,
    ...               "deadweight": 0.35, "weekly_package_cost": 250, "weeks": 52,
    ...               "service_cost": 900_000, "schedule": "undiscounted"})
    >>> r.avoided_by_year, round(r.cost_benefit.benefit_cost_ratio, 9)
    ([1014000.0], 1.126666667)
    """
    return _result("evaluate", model=_model(model))


def cost_benefit(
    costs: Sequence[Mapping[str, Any]],
    benefits: Sequence[Mapping[str, Any]],
    *,
    schedule: Schedule = None,
    timing: Optional[str] = None,
    optimism_bias: Optional[Mapping[str, float]] = None,
    price_base_year: Optional[int] = None,
    deflator_vintage: Optional[str] = None,
) -> Result:
    """A cost-benefit model: cost lines ``{"name", "by_year", "agency"?, "optimism_bias"?}`` and
    benefit lines (also ``"value_type"``: ``fiscal_cashable`` (default), ``fiscal_non_cashable``,
    ``economic``, ``social``), discounted by ``schedule`` (a built-in name such as
    ``"gb2022_standard"``, ``"gb2022_health"``, ``"undiscounted"``, ``"flat_0.035"``, or a schedule
    dict) with ``timing`` ``"year_zero"`` (Green Book) or ``"year_one"`` (Excel ``NPV()``)."""
    return evaluate(
        _args(
            kind="cost_benefit",
            costs=list(costs),
            benefits=list(benefits),
            schedule=schedule,
            timing=timing,
            optimism_bias=optimism_bias,
            price_base_year=price_base_year,
            deflator_vintage=deflator_vintage,
        )
    )


def sroi(
    outcomes: Sequence[Mapping[str, Any]],
    inputs: float,
    *,
    schedule: Schedule = None,
    timing: Optional[str] = None,
    drop_off_start: Optional[str] = None,
) -> Result:
    """An SROI model: outcomes ``{"name", "quantity", "financial_proxy", "deadweight",
    "displacement", "attribution", "drop_off", "duration_years"}`` and the value of inputs.
    ``timing`` ``"year_one"`` (the guide, the core's default) or ``"year_zero"``;
    ``drop_off_start`` ``"year2"`` (the guide) or ``"year1"``."""
    return evaluate(
        _args(
            kind="sroi",
            outcomes=list(outcomes),
            inputs=inputs,
            schedule=schedule,
            timing=timing,
            drop_off_start=drop_off_start,
        )
    )


def cohort(**fields: Any) -> Result:
    """A GMCA-style cohort model: ``cohort``, ``engagement``, ``success``, ``deadweight``,
    ``unit_values``, ``persistence``, ``costs``, ``optimism_bias``, ``schedule``, ``timing``."""
    return evaluate({"kind": "cohort", **_args(**fields)})


def reablement(**fields: Any) -> Result:
    """The reablement savings calculator: ``people``, ``share_independent``, ``share_reduced``,
    ``hours_reduced_per_week`` (or outcome counts ``people_independent`` and
    ``weekly_hours_avoided``), ``weekly_package_cost``, ``hourly_cost``, ``deadweight``,
    ``weeks``, ``years``, ``drop_off``, ``service_cost``, ``value_type``, ``agency``,
    ``schedule``, ``timing``."""
    return evaluate({"kind": "reablement", **_args(**fields)})


# ---- discounting ------------------------------------------------------------------------------


def schedule(name: Schedule = None) -> Result:
    """A discount schedule with its bands, edition, source and confidence (default: the core's)."""
    return _result("schedule", schedule=name)


def discount_factors(years: Sequence[int], *, schedule: Schedule = None) -> List[float]:
    """Discount factors ``D_t`` (D_0 = 1, compounded step by step across the kinks).

    >>> [round(d, 10) for d in discount_factors([1, 31])]
    [0.9661835749, 0.3459013695]
    """
    out: List[float] = _call("discount_factors", years=list(years), schedule=schedule)
    return out


def present_value(
    flows: Sequence[float], *, schedule: Schedule = None, timing: Optional[str] = None
) -> float:
    """Present value of flows listed by year."""
    return float(_call("present_value", flows=list(flows), schedule=schedule, timing=timing))


def payback(
    costs: Sequence[float],
    benefits: Sequence[float],
    *,
    schedule: Schedule = None,
    timing: Optional[str] = None,
) -> Result:
    """Simple and discounted payback (``.simple.years``, ``.simple.whole_years``, ...); a period
    never reached is ``None`` with reason ``"not_paid_back"``."""
    return _result(
        "payback", costs=list(costs), benefits=list(benefits), schedule=schedule, timing=timing
    )


def adjust_cost(base: float, rate: float, *, mitigation: Optional[float] = None) -> float:
    """A cost uplifted for optimism bias: ``base × (1 + rate × (1 − mitigation))``."""
    return float(_call("adjust_cost", base=base, optimism_bias=_args(rate=rate, mitigation=mitigation)))


def adjust_benefit(base: float, rate: float, *, mitigation: Optional[float] = None) -> float:
    """A benefit reduced for optimism bias: ``base × (1 − rate × (1 − mitigation))``."""
    return float(
        _call("adjust_benefit", base=base, optimism_bias=_args(rate=rate, mitigation=mitigation))
    )


def optimism_bias_grade(grade: int) -> Result:
    """The GMCA-style optimism-bias correction for a data-confidence grade 1–6 (UNVERIFIED)."""
    return _result("optimism_bias_grade", grade=grade)


def nominal_rate(real: float, inflation: float) -> float:
    """``(1 + real)(1 + inflation) − 1``."""
    return float(_call("nominal_rate", real=real, inflation=inflation))


def inflate(flows: Sequence[float], inflation: float, *, timing: Optional[str] = None) -> List[float]:
    """Real flows made nominal: ``V_t (1 + inflation)^t``."""
    out: List[float] = _call("inflate", flows=list(flows), inflation=inflation, timing=timing)
    return out


def annuity_factor(years: int, *, schedule: Schedule = None, timing: Optional[str] = None) -> float:
    """``Σ D_t`` over ``years`` years from the timing's first year."""
    return float(_call("annuity_factor", years=years, schedule=schedule, timing=timing))


def equivalent_annual_cost(pv_cost: float, years: int, *, schedule: Schedule = None) -> float:
    """``PV(cost) / Σ_{t=1..years} D_t``."""
    return float(
        _call("equivalent_annual_cost", pv_cost=pv_cost, years=years, schedule=schedule)
    )


def drop_off_profile(first_year: float, drop_off: float, years: int) -> List[float]:
    """``V_t = V_1 (1 − drop_off)^(t−1)`` for t = 1..years."""
    out: List[float] = _call(
        "drop_off_profile", first_year=first_year, drop_off=drop_off, years=years
    )
    return out


# ---- prices and unit costs --------------------------------------------------------------------


def rebase(
    value: float, from_year: int, to_year: int, *, series: Optional[Mapping[str, Any]] = None
) -> Result:
    """A value moved between price years with a GDP deflator series (default: the built-in HMT
    December 2025 series), recording the vintage.

    >>> r = rebase(1000, 2019, 2024)
    >>> round(r.value, 6), r.vintage
    (1232.916402, 'December 2025 (Quarterly National Accounts)')
    """
    return _result("rebase", value=value, from_year=from_year, to_year=to_year, series=series)


def deflator() -> Result:
    """The built-in GDP deflator series."""
    return _result("deflator")


def unit_costs(table: Optional[str] = None) -> Result:
    """A unit-cost table from JSON text, or the built-in sample (``None``)."""
    return _result("unit_costs", table=table)


def uprate(
    cost: Union[Mapping[str, Any], Result],
    to_year: int,
    *,
    series: Optional[Mapping[str, Any]] = None,
) -> Result:
    """A unit cost moved to ``to_year`` prices, recording the series used."""
    return _result("uprate", cost=_model(cost), to_year=to_year, series=series)


# ---- sensitivity ------------------------------------------------------------------------------


def one_way(
    model: Union[Model, Result], metric: str, ranges: Sequence[Mapping[str, Any]]
) -> Result:
    """One-way sensitivity (tornado data): ranges ``{"parameter", "low", "high"}``; bars by
    decreasing swing (``.bars``, ``rows("bars")``, ``to_pandas("bars")``)."""
    return _result("one_way", model=_model(model), metric=metric, ranges=[dict(r) for r in ranges])


def break_even(
    model: Union[Model, Result],
    parameter: str,
    *,
    metric: str,
    target: float,
    low: float,
    high: float,
) -> Result:
    """The value of ``parameter`` in ``[low, high]`` at which ``metric`` equals ``target``
    (``.value``; ``None`` with reason ``"no_break_even"`` if the range holds none)."""
    return _result(
        "break_even",
        model=_model(model),
        parameter=parameter,
        metric=metric,
        target=target,
        low=low,
        high=high,
    )


def monte_carlo(
    model: Union[Model, Result],
    metric: str,
    uncertain: Sequence[Mapping[str, Any]],
    *,
    draws: Optional[int] = None,
    seed: Optional[int] = None,
    probabilities: Optional[Sequence[float]] = None,
    threshold: Optional[float] = None,
) -> Result:
    """Seeded Monte Carlo: uncertain parameters ``{"parameter", "distribution": {"type":
    "triangular", "low", "mode", "high"}}`` (also ``fixed``, ``uniform``, ``pert``, ``normal``,
    ``beta``); percentiles, mean and the share at or above the threshold."""
    options = _args(
        draws=draws,
        seed=seed,
        probabilities=None if probabilities is None else list(probabilities),
        threshold=threshold,
    )
    return _result(
        "monte_carlo",
        model=_model(model),
        metric=metric,
        uncertain=[dict(u) for u in uncertain],
        options=options,
    )
