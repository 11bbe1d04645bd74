"""Charts as SVG text, drawn by the Rust core (the same pictures as the JS face): the SPC chart
with the Making Data Count icons, the funnel plot, the spine (benchmark) chart and the trend
line with intervals. Each is accessible: a ``<title>``, a ``<desc>`` summarising the chart, a
text alternative on every mark and a colour-blind-safe palette with shapes.

>>> import care_outcomes as co
>>> svg = co.charts.spc_chart(co.spc.xmr([3, 4, 3, 5, 4, 3, 4]), title="Falls")
>>> svg.startswith("<svg")
True
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from . import _care_outcomes as _ext
from . import _json
from .funnels import FunnelPlot
from .spc import Xmr

__all__ = ["funnel_chart", "spc_chart", "spine_chart", "trend_chart"]


def _chart(**given: Any) -> str:
    if given.get("labels") is not None:
        given["labels"] = list(given["labels"])
    return _json.options(given)


def spc_chart(
    chart: Xmr,
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
    """The SVG of an XmR chart (see :meth:`care_outcomes.spc.Xmr.svg`)."""
    return chart.svg(
        title=title, description=description, x_label=x_label, y_label=y_label, labels=labels,
        decimals=decimals, width=width, height=height,
    )  # fmt: skip


def funnel_chart(
    funnel: FunnelPlot,
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
    """The SVG of a funnel plot (see :meth:`care_outcomes.funnels.FunnelPlot.svg`)."""
    return funnel.svg(
        percent=percent, title=title, description=description, x_label=x_label,
        y_label=y_label, labels=labels, decimals=decimals, width=width, height=height,
    )  # fmt: skip


def spine_chart(
    rows: Sequence[Mapping[str, Any]],
    *,
    title: Optional[str] = None,
    description: Optional[str] = None,
    decimals: Optional[int] = None,
    width: Optional[float] = None,
) -> str:
    """The SVG of a spine chart. Each row is a mapping with ``label``, ``value`` (or None),
    ``england``, ``comparator_min``, ``comparator_max``, ``comparator_q1`` and
    ``comparator_q3`` (or None), ``comparison`` (``"better"``, ``"similar"``, ``"worse"``,
    ``"higher"``, ``"lower"``, ``"not_compared"``) and ``polarity`` (``"higher_is_better"``,
    ``"lower_is_better"``, ``"no_judgement"``)."""
    return _ext.spine_chart_svg(
        _json.dumps([dict(r) for r in rows]),
        _chart(title=title, description=description, decimals=decimals, width=width),
    )


def trend_chart(
    points: Sequence[Mapping[str, Any]],
    *,
    comparator_name: Optional[str] = None,
    title: Optional[str] = None,
    description: Optional[str] = None,
    y_label: Optional[str] = None,
    x_label: Optional[str] = None,
    decimals: Optional[int] = None,
    width: Optional[float] = None,
    height: Optional[float] = None,
) -> str:
    """The SVG of a trend line with intervals. Each point is a mapping with ``label`` and
    ``value``, ``lower``, ``upper``, ``comparator`` (each a number or None);
    ``comparator_name`` names the comparator line (the core's default: England)."""
    return _ext.trend_chart_svg(
        _json.dumps([dict(p) for p in points]),
        _chart(title=title, description=description, x_label=x_label, y_label=y_label,
               decimals=decimals, width=width, height=height, comparator_name=comparator_name),
    )  # fmt: skip
