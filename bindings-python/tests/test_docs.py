"""The README's example and the package docstring examples run as written."""

from __future__ import annotations

import contextlib
import doctest
import io
import pathlib
import re

import care_outcomes as co

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    assert blocks, "README.md has no python example"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], str(README), "exec"), {})  # noqa: S102 - our own README
    lines = out.getvalue().splitlines()
    assert lines[0].endswith("95% Wilson")
    assert lines[1] == "[None 'zero_denominator']"
    assert lines[2].startswith("['value', 'lower_95', 'upper_95'")
    assert lines[-1] == "numerator_exceeds_denominator"


def test_docstring_examples() -> None:
    for module in (co, co.stats, co.economics, co.survey, co.disclosure, co.records, co.frameworks):
        result = doctest.testmod(module)
        assert result.failed == 0
    assert doctest.testmod(co.disclosure).attempted > 0
