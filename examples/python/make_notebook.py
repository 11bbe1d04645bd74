"""Generates walkthrough.ipynb from walkthrough.py (standard library only).

The script is the source: its cells are marked ``# %%`` (code) and ``# %% [markdown]`` (text
written as ``# `` comments), the "percent" format that Jupytext, VS Code and Spyder also read.
The notebook is written without outputs, so it is a pure function of the script.

    python make_notebook.py          # (re)writes walkthrough.ipynb
    python make_notebook.py --check  # exit status 1 if walkthrough.ipynb is not up to date
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from typing import Any, Dict, List, Optional

HERE = pathlib.Path(__file__).resolve().parent
SCRIPT = HERE / "walkthrough.py"
NOTEBOOK = HERE / "walkthrough.ipynb"
MARKER = "# %%"


def cells(text: str) -> List[Dict[str, Any]]:
    """The notebook cells of a percent-format script."""
    out: List[Dict[str, Any]] = []
    kind: Optional[str] = None
    lines: List[str] = []

    def flush() -> None:
        while lines and not lines[-1].strip():
            lines.pop()
        if kind is None:
            if any(line.strip() for line in lines):
                raise ValueError(f"{SCRIPT.name}: text before the first '{MARKER}' cell marker")
            return
        if kind == "markdown":
            body = []
            for line in lines:
                if line.strip() == "#":
                    body.append("")
                elif line.startswith("# "):
                    body.append(line[2:])
                else:
                    raise ValueError(f"{SCRIPT.name}: markdown cell line not a '# ' comment: {line!r}")
            out.append({"cell_type": "markdown", "id": f"cell-{len(out):02d}", "metadata": {},
                        "source": _source(body)})
        else:
            out.append({"cell_type": "code", "execution_count": None, "id": f"cell-{len(out):02d}",
                        "metadata": {}, "outputs": [], "source": _source(lines)})

    for line in text.splitlines():
        if line.startswith(MARKER):
            rest = line[len(MARKER):].strip()
            if rest not in ("", "[markdown]"):
                raise ValueError(f"{SCRIPT.name}: unknown cell marker {line!r}")
            flush()
            kind, lines = ("markdown" if rest else "code"), []
        else:
            lines.append(line)
    flush()
    return out


def _source(lines: List[str]) -> List[str]:
    """Jupyter's form of a cell's text: a list of lines, each but the last ending in a newline."""
    return [line + "\n" for line in lines[:-1]] + lines[-1:]


def notebook(text: str) -> str:
    """The notebook (nbformat 4.5) of the script, as JSON text."""
    doc = {
        "cells": cells(text),
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="fail if the notebook differs from the one generated from the script")
    args = parser.parse_args()
    expected = notebook(SCRIPT.read_text(encoding="utf-8"))
    if args.check:
        actual = NOTEBOOK.read_text(encoding="utf-8") if NOTEBOOK.exists() else ""
        if actual != expected:
            print(f"{NOTEBOOK.name} is out of date with {SCRIPT.name}: "
                  f"run python {pathlib.Path(__file__).name}", file=sys.stderr)
            return 1
        print(f"{NOTEBOOK.name} matches {SCRIPT.name} ({len(json.loads(expected)['cells'])} cells)")
        return 0
    NOTEBOOK.write_text(expected, encoding="utf-8")
    print(f"wrote {NOTEBOOK}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
