"""JSON text for the options and records the core parses (a private helper)."""

from __future__ import annotations

import json
from typing import Any, Mapping


def _plain(o: Any) -> Any:
    """numpy scalars and arrays as Python numbers and lists."""
    if hasattr(o, "tolist"):
        return o.tolist()
    if hasattr(o, "item"):
        return o.item()
    raise TypeError(f"cannot pass {type(o).__name__} to the core")


def options(given: Mapping[str, Any]) -> str:
    """The options that were given (not None) as a JSON object; the core fills the rest."""
    return json.dumps({k: v for k, v in given.items() if v is not None}, default=_plain)


def dumps(value: Any) -> str:
    """Any JSON-able value (records) as JSON text."""
    return json.dumps(value, default=_plain)
