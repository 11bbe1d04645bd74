#!/usr/bin/env bash
# Every test, from a bare machine: set-up, lints, Rust, the Rust service example, Python (and its
# walkthrough), WASM, the dashboard in Chromium, and the cross-face check.
# This is the README's test command (`make test` runs it too).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash .ci/setup.sh
bash .ci/lint.sh
bash .ci/test-rust.sh
bash .ci/test-service.sh
bash .ci/test-python.sh
bash .ci/test-notebook.sh
bash .ci/test-wasm.sh
bash .ci/test-dashboard.sh
bash .ci/compare-faces.sh
echo "== all tests passed in $(( $(date +%s) - start )) s"
