#!/usr/bin/env bash
# Python face: builds the abi3 wheel, runs pytest (vectors, errors, inputs) and mypy.stubtest.
set -euo pipefail
cd "$(dirname "$0")/.."
export VENV=${VENV:-$PWD/.venv}
echo "== python: bindings-python/test.sh"
bash bindings-python/test.sh
