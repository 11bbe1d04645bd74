#!/usr/bin/env bash
# The WASM face's tests: builds pkg/ (build.sh installs what it needs), then runs node:test over
# tests/: every stats vector (and target/vectors/js.jsonl for the cross-face check), one test per
# reachable error code, packaging (ESM, CJS, web build, .d.ts) and, when Chromium is installed,
# the browser.
set -euo pipefail
cd "$(dirname "$0")"
bash build.sh
echo "== wasm: node --test tests/"
node --test tests/
