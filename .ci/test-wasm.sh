#!/usr/bin/env bash
# WASM face: builds the package for web and node, runs node:test (vectors, errors, packaging).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== wasm: bindings-wasm/test.sh"
bash bindings-wasm/test.sh
