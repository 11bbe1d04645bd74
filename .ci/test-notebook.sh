#!/usr/bin/env bash
# Python walkthrough (examples/python): the notebook must be the one generated from the script
# and run as a notebook (test_walkthrough.py), the code type-checks, then the script runs against
# the installed wheel and asserts its outputs (exit 1 on a failed check).
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
echo "== notebook: mypy --strict examples/python"
"$PY" -m mypy --strict --ignore-missing-imports examples/python

echo "== notebook: walkthrough.py against the installed wheel (outputs in $OUT)"
rm -rf "$OUT"
# Run from outside the source tree so that the installed wheel is imported.
(cd "$(mktemp -d)" && "$PY" -I "$OLDPWD/examples/python/walkthrough.py" --out "$OUT")
