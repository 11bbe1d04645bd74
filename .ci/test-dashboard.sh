#!/usr/bin/env bash
# The dashboard (examples/dashboard/): npm ci (playwright-core only; it never downloads a browser),
# then node:test drives Debian's Chromium (/usr/bin/chromium, installed by setup.sh) against the
# page served on 127.0.0.1. Needs bindings-wasm/pkg/ (built by test-wasm.sh). Screenshots, the
# downloaded CSV and the measurements (evaluation time, wasm size) go to target/dashboard-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f bindings-wasm/pkg/web/index.js ] || [ ! -f bindings-wasm/pkg/parts/main/index.js ]; then
  echo "== dashboard: bindings-wasm/pkg/ missing, building it"
  bash bindings-wasm/build.sh
fi
echo "== dashboard: npm ci"
(cd examples/dashboard && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
echo "== dashboard: node --test (Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'))"
(cd examples/dashboard && node --test tests/)
echo "== dashboard: artefacts in target/dashboard-artifacts/"
