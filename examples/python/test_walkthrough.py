"""The notebook is generated from the script and cannot drift from it; notebook and script run
and can fail. Run by .ci/test-notebook.sh once the wheel is installed."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import tempfile

import pytest

import make_notebook as mk

HERE = pathlib.Path(__file__).resolve().parent


def test_committed_notebook_is_generated_from_the_script() -> None:
    script = (HERE / "walkthrough.py").read_text(encoding="utf-8")
    assert (HERE / "walkthrough.ipynb").read_text(encoding="utf-8") == mk.notebook(script)


def test_the_notebook_reads_back_as_the_script() -> None:
    script = (HERE / "walkthrough.py").read_text(encoding="utf-8")
    nb = json.loads((HERE / "walkthrough.ipynb").read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4 and nb["metadata"]["kernelspec"]["name"] == "python3"
    back: list[str] = []
    for cell in nb["cells"]:
        lines = "".join(cell["source"]).splitlines()
        if cell["cell_type"] == "markdown":
            back += ["# %% [markdown]"] + [f"# {l}" if l else "#" for l in lines]
        else:
            assert cell["outputs"] == [] and cell["execution_count"] is None
            back += ["# %%"] + lines
    # Line for line the script, but for the blank lines that end a cell.
    assert [l for l in back if l.strip()] == [l for l in script.splitlines() if l.strip()]
    kinds = [c["cell_type"] for c in nb["cells"]]
    assert kinds.count("markdown") >= 6 and kinds.count("code") >= 10


def test_cells_of_a_small_script() -> None:
    cells = mk.cells("# %% [markdown]\n# # Title\n#\n# text\n\n# %%\nx = 1\n\ny = 2\n\n# %%\nx\n")
    assert [c["cell_type"] for c in cells] == ["markdown", "code", "code"]
    assert cells[0]["source"] == ["# Title\n", "\n", "text"]
    assert cells[1]["source"] == ["x = 1\n", "\n", "y = 2"]
    assert cells[2]["source"] == ["x"]


@pytest.mark.parametrize(
    "text",
    ["x = 1\n# %%\ny = 2\n", "# %% [raw]\nx\n", "# %% [markdown]\nnot a comment\n"],
)
def test_malformed_scripts_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        mk.cells(text)


def test_check_fails_on_a_stale_notebook(tmp_path: pathlib.Path) -> None:
    copy = tmp_path / "make_notebook.py"
    copy.write_text((HERE / "make_notebook.py").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "walkthrough.py").write_text("# %%\nprint(1)\n", encoding="utf-8")
    run = [sys.executable, str(copy), "--check"]
    assert subprocess.run(run, capture_output=True).returncode == 1  # no notebook yet
    assert subprocess.run([sys.executable, str(copy)], capture_output=True).returncode == 0
    assert subprocess.run(run, capture_output=True).returncode == 0
    (tmp_path / "walkthrough.py").write_text("# %%\nprint(2)\n", encoding="utf-8")
    stale = subprocess.run(run, capture_output=True, text=True)
    assert stale.returncode == 1 and "out of date" in stale.stderr


def test_the_notebook_runs_as_a_notebook(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The code cells, run in order in one namespace as a kernel runs them (no ``__file__``, the
    kernel's own arguments in ``sys.argv``, this directory as the working directory)."""
    pytest.importorskip("care_outcomes")
    nb = json.loads((HERE / "walkthrough.ipynb").read_text(encoding="utf-8"))
    monkeypatch.chdir(HERE)
    monkeypatch.setattr(sys, "argv", ["ipykernel_launcher", "-f", str(tmp_path / "kernel.json")])
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    namespace: dict[str, object] = {"__name__": "__main__"}
    for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        exec(compile("".join(cell["source"]), f"<cell {i}>", "exec"), namespace)
    out = namespace["OUT"]
    assert isinstance(out, pathlib.Path) and out.parent == tmp_path
    assert sorted(p.name for p in out.iterdir()) == [
        "cld-synthetic.csv", "funnel-2a.svg", "published-2a-by-age-2025-03.csv",
        "spc-bc4-la001.svg",
    ]


def test_the_script_fails_on_a_wrong_output(tmp_path: pathlib.Path) -> None:
    """The script's checks can fail: with Leeds' 2B(1) numerator changed in a copy of the data,
    it stops with status 1 at the published-value check."""
    pytest.importorskip("care_outcomes")
    data = tmp_path / "examples" / "data"
    data.mkdir(parents=True)
    for name in ("ascof-2020-21-sample.csv", "better-lives-sample.csv"):
        text = (HERE.parent / "data" / name).read_text(encoding="utf-8")
        if name.startswith("ascof"):
            row = "2B1,2020-21,Leeds (CASSR 212; E08000035),105,129,81.4,"
            assert row in text
            text = text.replace(row, row.replace(",105,", ",104,"))
        (data / name).write_text(text, encoding="utf-8")
    script = tmp_path / "examples" / "python" / "walkthrough.py"
    script.parent.mkdir()
    script.write_text((HERE / "walkthrough.py").read_text(encoding="utf-8"), encoding="utf-8")
    run = subprocess.run([sys.executable, str(script), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "walkthrough check failed: Leeds 2B(1) 2020-21 publishes 81.4" in run.stderr
