"""Runs walkthrough.ipynb in a real Jupyter kernel (nbclient + ipykernel) and checks what a person
would see: every cell ran without an error, the two charts were shown inline as SVG, tables as
HTML, and every check printed ``ok:``. Writes the executed notebook next to the other outputs.

    python run_notebook.py OUT_DIR
"""

from __future__ import annotations

import json
import pathlib
import sys
from typing import Any, Dict, List

HERE = pathlib.Path(__file__).resolve().parent


def outputs(nb: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Every output of every code cell."""
    return [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]


def main() -> int:
    import nbclient
    import nbformat

    out = pathlib.Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(HERE / "walkthrough.ipynb", as_version=4)
    # The kernel starts in this directory: the walkthrough finds examples/data from there. Its
    # outputs go to a temporary directory (the default); the executed notebook to OUT_DIR.
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(HERE)}}).execute()
    executed = out / "walkthrough.executed.ipynb"
    nbformat.write(nb, executed)
    shown = outputs(json.loads(executed.read_text(encoding="utf-8")))
    errors = [o for o in shown if o["output_type"] == "error"]
    svgs = [o for o in shown if "image/svg+xml" in o.get("data", {})]
    html = [o for o in shown if "text/html" in o.get("data", {})]
    text = "".join("".join(o.get("text", "")) for o in shown if o["output_type"] == "stream")
    oks = [line for line in text.splitlines() if line.startswith("ok: ")]
    failed = [line for line in text.splitlines() if "walkthrough check failed" in line]
    print(f"{executed.name}: {len(shown)} outputs, {len(svgs)} inline SVG charts, "
          f"{len(html)} HTML tables, {len(oks)} checks ok, {len(errors)} errors")
    problems = []
    if errors:
        problems.append(f"errors: {[e['ename'] + ': ' + e['evalue'] for e in errors]}")
    if failed:
        problems.append(f"failed checks: {failed}")
    if len(svgs) != 2 or not all("".join(o["data"]["image/svg+xml"]).lstrip().startswith("<svg")
                                 for o in svgs):
        problems.append(f"expected the SPC chart and the funnel plot inline as SVG, got {len(svgs)}")
    if len(html) < 8:
        problems.append(f"expected the tables as HTML, got {len(html)}")
    expected = (HERE / "walkthrough.py").read_text(encoding="utf-8").count("\ncheck(")
    if len(oks) < expected:
        problems.append(f"{len(oks)} checks printed ok, the script has {expected} check calls")
    for p in problems:
        print(f"run_notebook: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
