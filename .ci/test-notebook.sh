#!/usr/bin/env bash
# Python walkthrough (examples/python): the notebook must be the one generated from the script
# (test_walkthrough.py also runs its cells as a kernel would), the code type-checks, the script
# runs against the installed wheel and asserts its outputs (exit 1 on a failed check), and the
# notebook runs in a real Jupyter kernel (nbclient + ipykernel, installed by .ci/setup.sh) with
# its charts shown inline as SVG; the executed notebook is kept in $OUT as an artefact.
# Run after .ci/test-python.sh, which installs the wheel into $VENV.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-$PWD/.venv}
PY="$VENV/bin/python"
OUT=${WALKTHROUGH_OUT:-$PWD/target/walkthrough}

if [ ! -x "$PY" ]; then
  echo "test-notebook.sh: no Python venv at $VENV (run .ci/setup.sh and .ci/test-python.sh)" >&2
  exit 1
fi

echo "== notebook: walkthrough.ipynb generated from walkthrough.py"
"$PY" examples/python/make_notebook.py --check
"$PY" -m pytest -q examples/python/test_walkthrough.py
echo "== notebook: mypy --strict examples/python (untyped calls into IPython and nbformat allowed)"
"$PY" -m mypy --strict --ignore-missing-imports --allow-untyped-calls examples/python

echo "== notebook: walkthrough.py against the installed wheel (outputs in $OUT)"
rm -rf "$OUT"
# Run from outside the source tree so that the installed wheel is imported.
(cd "$(mktemp -d)" && "$PY" -I "$OLDPWD/examples/python/walkthrough.py" --out "$OUT")

echo "== notebook: walkthrough.ipynb in a Jupyter kernel (executed notebook in $OUT)"
"$PY" examples/python/run_notebook.py "$OUT"
