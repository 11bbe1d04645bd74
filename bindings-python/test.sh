#!/usr/bin/env bash
# Python face: builds the abi3 wheel with maturin, installs it into $VENV, then runs pytest
# (vectors, errors, inputs), mypy.stubtest on the installed package and mypy --strict.
#
# Needs an existing venv (default: <repo>/.venv) made with
#   python3 -m venv .venv && .venv/bin/pip install 'maturin>=1.9.4,<2' pytest numpy pandas polars pyarrow mypy
# Installs no system packages and downloads nothing.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
VENV=${VENV:-$ROOT/.venv}
PY="$VENV/bin/python"
WHEELS="$ROOT/target/wheels-python"

if [ ! -x "$PY" ]; then
  echo "test.sh: no Python venv at $VENV (set VENV=...)" >&2
  exit 1
fi

echo "== python: maturin build --release (abi3 wheel)"
rm -rf "$WHEELS"
"$PY" -m maturin build --release --manifest-path "$HERE/Cargo.toml" \
  --interpreter "$PY" --out "$WHEELS"
WHEEL=$(ls "$WHEELS"/care_outcomes-*-abi3-*.whl)
echo "== python: install $(basename "$WHEEL")"
"$PY" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall "$WHEEL"

cd "$HERE"
# The tests must import the installed wheel, never the source tree.
"$PY" - <<'PY'
import pathlib, care_outcomes, care_outcomes._care_outcomes as ext
where = pathlib.Path(care_outcomes.__file__).resolve()
assert "site-packages" in where.parts, f"imported {where}, not the installed wheel"
print(f"care_outcomes {care_outcomes.__version__} from {where.parent} ({pathlib.Path(ext.__file__).name})")
PY

echo "== python: pytest"
"$PY" -m pytest -q

echo "== python: mypy.stubtest"
"$PY" -m mypy.stubtest care_outcomes \
  --mypy-config-file "$HERE/pyproject.toml" --allowlist "$HERE/stubtest-allowlist.txt"

echo "== python: mypy --strict (package and tests)"
"$PY" -m mypy --config-file "$HERE/pyproject.toml"
