"""Funnel plots of proportions, ratios and rates with the overdispersion adjustment
(Spiegelhalter 2005) off, on or automatic: each unit's z-score, adjusted z-score, limits and
position, φ and τ².

>>> import care_outcomes as co
>>> f = co.funnel([164, 207, 475], [200, 300, 560])
>>> f.adjusted, f.units[1]["significance"]
(False, 'low001')
>>> co.funnel([164, 207, 475], [200, 300, 560], overdispersion="on").units[1]["significance"]
'not_significant'
"""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from . import _care_outcomes as _ext
from . import _json
from .stats import Column, _columns

__all__ = ["FunnelPlot", "funnel"]

_F64 = "np.ndarray[Any, np.dtype[np.float64]]"


class FunnelPlot:
    """An overdispersed funnel computed by the core.

    Attributes:
        kind: ``"proportion"``, ``"ratio"`` or ``"rate"``.
        target: the centre line (pooled proportion; 1 for ratios; pooled rate × multiplier).
        adjusted: whether the limits are widened for overdispersion.
        phi, tau2: the dispersion estimate and the between-unit variance (on the chosen scale).
        units: one dict per unit: ``value``, ``denominator``, ``z``, ``z_adjusted``,
            ``limits_95``, ``limits_998`` (pairs) and ``significance`` (``"high001"``,
            ``"high025"``, ``"low001"``, ``"low025"``, ``"not_significant"``).
        options: the options as used.
    """

    __slots__ = (
        "_data", "_kind", "_m", "_n", "_opts", "_r",
        "adjusted", "kind", "options", "phi", "target", "tau2", "units",
    )  # fmt: skip

    def __init__(
        self, r: Any, n: Any, kind: Optional[str], multiplier: Optional[float], options_json: str
    ) -> None:
        self._r = r
        self._n = n
        self._kind = kind
        self._m = multiplier
        self._opts = options_json
        self._data: Dict[str, Any] = json.loads(
            _ext.funnel_overdispersed(r, n, kind, multiplier, options_json)
        )
        d = self._data
        self.kind: str = d["kind"]
        self.target: float = d["target"]
        self.adjusted: bool = d["adjusted"]
        self.phi: float = d["estimate"]["phi"]
        self.tau2: float = d["estimate"]["tau2"]
        self.units: List[Dict[str, Any]] = d["units"]
        self.options: Dict[str, Any] = d["options"]

    @property
    def estimate(self) -> Dict[str, Any]:
        """z, winsorised z, the winsorising bounds, φ and τ²."""
        est: Dict[str, Any] = copy.deepcopy(self._data["estimate"])
        return est

    def limits_at(self, denominators: Column, confidence: float) -> Tuple[List[float], List[float]]:
        """(lower, upper) limits at each denominator, at level ``confidence`` (0.95 or 0.998
        for the drawn funnel; any level is accepted)."""
        (at,) = _columns(denominators=denominators)
        return _ext.funnel_limits_at(
            self._r, self._n, self._kind, self._m, self._opts, at, confidence
        )

    def to_dict(self) -> Dict[str, Any]:
        """The whole result as the core's JSON object (a copy)."""
        return copy.deepcopy(self._data)

    def svg(
        self,
        *,
        percent: Optional[bool] = None,
        title: Optional[str] = None,
        description: Optional[str] = None,
        x_label: Optional[str] = None,
        y_label: Optional[str] = None,
        labels: Optional[Sequence[str]] = None,
        decimals: Optional[int] = None,
        width: Optional[float] = None,
        height: Optional[float] = None,
    ) -> str:
        """The funnel plot as SVG text (drawn by the core); ``percent`` shows values × 100
        (the core's default)."""
        chart = _json.options(
            dict(title=title, description=description, x_label=x_label, y_label=y_label,
                 labels=None if labels is None else list(labels), decimals=decimals,
                 width=width, height=height, percent=percent)
        )  # fmt: skip
        return _ext.funnel_chart_svg(self._r, self._n, self._kind, self._m, self._opts, chart)

    def _repr_svg_(self) -> str:
        return self.svg()

    def __repr__(self) -> str:
        return (
            f"FunnelPlot({self.kind}, {len(self.units)} units, target={self.target!r}, phi={self.phi!r}, "
            f"tau2={self.tau2!r}, adjusted={self.adjusted!r})"
        )


def funnel(
    numerators: Column,
    denominators: Column,
    *,
    kind: Optional[str] = None,
    multiplier: Optional[float] = None,
    overdispersion: Optional[str] = None,
    scale: Optional[str] = None,
    winsor_fraction: Optional[float] = None,
) -> FunnelPlot:
    """A funnel of units with limits at 95% and 99.8%.

    ``kind``: ``"proportion"`` (the core's default; numerators r of denominators n, against the pooled proportion),
    ``"ratio"`` (observed O and expected E counts, O/E against 1) or ``"rate"`` (events and
    populations against the pooled rate; ``multiplier`` per, default the core's 100,000).
    ``None`` leaves an option at the core's default: ``overdispersion`` ``"off"`` (default),
    ``"on"`` or ``"auto"`` (adjusted when φ > 1); ``scale`` ``"normal"`` (default),
    ``"arcsine"`` (proportions) or ``"sqrt"`` (ratios and rates); ``winsor_fraction`` 0.1 (each
    tail, R quantile type 7).
    """
    r, n = _columns(numerators=numerators, denominators=denominators)
    opts = _json.options(
        dict(overdispersion=overdispersion, scale=scale, winsor_fraction=winsor_fraction)
    )
    return FunnelPlot(r, n, kind, multiplier, opts)
