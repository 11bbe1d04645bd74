"""Statistical process control under NHS England's Making Data Count rules (XmR charts).

:func:`xmr` returns an :class:`Xmr`: each phase's mean and limits, every rule that fired on every
point, each point's type, and the variation and assurance icons. In Jupyter it shows itself as an
SVG chart (``_repr_svg_``); :meth:`Xmr.svg` returns the SVG text.

Every option defaults to Making Data Count (MDC Excel) parity, decided by the Rust core: an
option left as ``None`` takes the core's default (or the preset's). ``preset="nhsrplotthedots"``
and ``preset="abspc"`` reproduce those tools.

>>> import care_outcomes as co
>>> c = co.spc.xmr([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1], improvement_direction="increase")
>>> c.flagged("outside_limits"), c.points[4]["point_type"]
([4], 'special_cause_improvement')
"""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from . import _care_outcomes as _ext
from . import _json
from .stats import Column, _column

__all__ = ["PRESETS", "RunChart", "Xmr", "run_chart", "xmr"]

#: The names of the option presets.
PRESETS: Tuple[str, ...] = tuple(_ext.spc_presets())


class Xmr:
    """An XmR chart computed by the core.

    Attributes:
        values: the values (float64 array).
        options: every option as used (dict).
        phases: one dict per phase: ``start``, ``end``, ``baseline_points``, ``limits`` (dict with
            ``mean``, ``mr_bar``, ``upl``, ``lpl``, ``near_upper``, ``near_lower``,
            ``zero_variation``; or None), ``reason``, ``trial_limits``, ``excluded_moving_ranges``.
        points: one dict per point: ``value``, ``phase``, ``moving_range``, ``hits`` (every
            ``{"rule", "side"}`` that fired), ``point_type``, ``rule``, ``side``, ``label``
            (``"Above UCL"``, ``"7 Points Above CL"``, ...).
        variation_icon: ``"common_cause"``, ``"improvement_high"``, ... or None (withheld).
        assurance_icon: ``"consistently_pass"``, ``"hit_and_miss"``, ``"consistently_fail"`` or
            None.
        icon_reason, assurance_reason: why an icon is withheld (a reason code) or None.
    """

    __slots__ = (
        "_data",
        "_options_json",
        "_preset",
        "assurance_icon",
        "assurance_reason",
        "icon_reason",
        "options",
        "phases",
        "points",
        "values",
        "variation_icon",
    )

    def __init__(
        self, values: "np.ndarray[Any, np.dtype[np.float64]]", preset: Optional[str], options_json: str
    ) -> None:
        self.values = values
        self._preset = preset
        self._options_json = options_json
        self._data: Dict[str, Any] = json.loads(_ext.spc_xmr(values, preset, options_json))
        d = self._data
        self.options: Dict[str, Any] = d["options"]
        self.phases: List[Dict[str, Any]] = d["phases"]
        self.points: List[Dict[str, Any]] = d["points"]
        self.variation_icon: Optional[str] = d["variation_icon"]
        self.assurance_icon: Optional[str] = d["assurance_icon"]
        self.icon_reason: Optional[str] = d["icon_reason"]
        self.assurance_reason: Optional[str] = d["assurance_reason"]

    def flagged(self, rule: str) -> List[int]:
        """The indices of the points at which ``rule`` fired (``"outside_limits"``, ``"trend"``,
        ``"two_in_three"``, ``"shift"``)."""
        return [i for i, p in enumerate(self.points) if any(h["rule"] == rule for h in p["hits"])]

    @property
    def point_types(self) -> List[str]:
        """Each point's type code."""
        return [p["point_type"] for p in self.points]

    @property
    def limits(self) -> Optional[Dict[str, Any]]:
        """The latest phase's limits (None when it has too few points)."""
        last: Optional[Dict[str, Any]] = self.phases[-1]["limits"]
        return last

    def to_dict(self) -> Dict[str, Any]:
        """The whole result as the core's JSON object (a copy)."""
        return copy.deepcopy(self._data)

    def to_json(self) -> str:
        """The whole result as JSON text."""
        return json.dumps(self._data)

    def svg(
        self,
        *,
        title: Optional[str] = None,
        description: Optional[str] = None,
        x_label: Optional[str] = None,
        y_label: Optional[str] = None,
        labels: Optional[Sequence[str]] = None,
        decimals: Optional[int] = None,
        width: Optional[float] = None,
        height: Optional[float] = None,
    ) -> str:
        """The chart as SVG text (drawn by the core): points typed by colour and shape, each
        phase's mean and limits, the target and the icons, with a text description."""
        chart = _json.options(
            dict(title=title, description=description, x_label=x_label, y_label=y_label,
                 labels=None if labels is None else list(labels), decimals=decimals,
                 width=width, height=height)
        )  # fmt: skip
        return _ext.spc_chart_svg(self.values, self._preset, self._options_json, chart)

    def _repr_svg_(self) -> str:
        return self.svg()

    def __repr__(self) -> str:
        lim = self.limits
        where = (
            f"mean={lim['mean']!r}, lpl={lim['lpl']!r}, upl={lim['upl']!r}" if lim else "no limits"
        )
        return (
            f"Xmr({len(self.points)} points, {len(self.phases)} phase(s), {where}, "
            f"variation_icon={self.variation_icon!r}, assurance_icon={self.assurance_icon!r})"
        )


class RunChart:
    """A run chart computed by the core: the median, each point's ``side`` and ``hits``
    (``shift``, ``trend``), the useful observations and the number of runs."""

    __slots__ = ("_data", "median", "options", "points", "runs", "useful_observations")

    def __init__(self, data: Dict[str, Any]) -> None:
        self._data = data
        self.median: float = data["median"]
        self.options: Dict[str, Any] = data["options"]
        self.points: List[Dict[str, Any]] = data["points"]
        self.runs: int = data["runs"]
        self.useful_observations: int = data["useful_observations"]

    def flagged(self, rule: str) -> List[int]:
        """The indices of the points at which ``rule`` (``"shift"`` or ``"trend"``) fired."""
        return [i for i, p in enumerate(self.points) if any(h["rule"] == rule for h in p["hits"])]

    def to_dict(self) -> Dict[str, Any]:
        """The whole result as the core's JSON object (a copy)."""
        return copy.deepcopy(self._data)

    def __repr__(self) -> str:
        return f"RunChart({len(self.points)} points, median={self.median!r}, runs={self.runs!r})"


def run_chart(
    values: Column,
    *,
    shift_length: Optional[int] = None,
    trend_length: Optional[int] = None,
    on_median: Optional[str] = None,
    trend_ties: Optional[str] = None,
    baseline: Optional[int] = None,
) -> RunChart:
    """A run chart of ``values``: shifts about the median and trends, with the run chart rule
    set (separate from the XmR rules). ``None`` takes the core's defaults: shift 6, trend 5,
    ``on_median="skip"``, ``trend_ties="skip"``, the median of all points (``baseline``: the
    first n)."""
    x = _column(values, "values")
    opts = _json.options(
        dict(shift_length=shift_length, trend_length=trend_length, on_median=on_median,
             trend_ties=trend_ties, baseline=baseline)
    )  # fmt: skip
    return RunChart(json.loads(_ext.spc_run_chart(x, opts)))


def xmr(
    values: Column,
    *,
    preset: Optional[str] = None,
    improvement_direction: Optional[str] = None,
    target: Optional[float] = None,
    limit_constant: Optional[str] = None,
    screen_moving_ranges: Optional[bool] = None,
    fix_after: Optional[int] = None,
    rebase_at: Optional[Sequence[int]] = None,
    auto_rebase: Optional[Mapping[str, Any]] = None,
    min_points_for_limits: Optional[int] = None,
    trial_limits_below: Optional[int] = None,
    min_points_for_icons: Optional[int] = None,
    shift_length: Optional[int] = None,
    trend_length: Optional[int] = None,
    trend_ties: Optional[str] = None,
    two_in_three: Optional[str] = None,
    rule_priority: Optional[Sequence[str]] = None,
    conflict: Optional[str] = None,
    variation_icon_from: Optional[str] = None,
    assurance_bounds: Optional[str] = None,
    zero_variation: Optional[str] = None,
) -> Xmr:
    """An XmR chart of ``values`` (in time order) under Making Data Count rules.

    ``None`` leaves an option at the core's default (or the preset's):

    * ``preset``: ``"mdc"`` (default), ``"nhsrplotthedots"``, ``"abspc"``.
    * ``improvement_direction``: ``"increase"``, ``"decrease"``, ``"neutral"`` (default).
    * ``target``: for the assurance icon.
    * ``limit_constant``: ``"2.66"`` (default) or ``"3/1.128"``.
    * ``screen_moving_ranges``: drop moving ranges ≥ 3.267·MR̄ and recompute MR̄ once (off).
    * ``fix_after``: limits from each phase's first n points (n ≥ 12); ``rebase_at``: indices
      starting new phases; ``auto_rebase``: a mapping with ``baseline`` (15),
      ``min_phase_length`` (8), ``improvement_only`` (False) — abspc's automatic rebasing
      (``{}`` for its defaults).
    * ``min_points_for_limits`` (2), ``trial_limits_below`` (12), ``min_points_for_icons`` (13).
    * ``shift_length`` (7), ``trend_length`` (7), ``trend_ties`` (``"break"``/``"skip"``),
      ``two_in_three`` (``"post_2023"``/``"pre_2023"``), ``rule_priority`` (four rule codes),
      ``conflict`` (``"improvement_wins"``/``"priority"``), ``variation_icon_from``
      (``"last_point"``/``"last_signal"``), ``assurance_bounds`` (``"exclusive"``/``"inclusive"``),
      ``zero_variation`` (``"no_assurance"``/``"compare"``).

    Raises :class:`care_outcomes.CareOutcomesError` subclasses for impossible input (no values,
    a missing or infinite value, an option out of range).
    """
    x = _column(values, "values")
    opts = _json.options(
        dict(
            improvement_direction=improvement_direction, target=target,
            limit_constant=limit_constant, screen_moving_ranges=screen_moving_ranges,
            fix_after=fix_after, rebase_at=None if rebase_at is None else list(rebase_at),
            auto_rebase=None if auto_rebase is None else dict(auto_rebase),
            min_points_for_limits=min_points_for_limits, trial_limits_below=trial_limits_below,
            min_points_for_icons=min_points_for_icons, shift_length=shift_length,
            trend_length=trend_length, trend_ties=trend_ties, two_in_three=two_in_three,
            rule_priority=None if rule_priority is None else list(rule_priority),
            conflict=conflict, variation_icon_from=variation_icon_from,
            assurance_bounds=assurance_bounds, zero_variation=zero_variation,
        )
    )  # fmt: skip
    return Xmr(x, preset, opts)
