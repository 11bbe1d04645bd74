#!/usr/bin/env bash
# Every stats vector and every evaluate result row (vectors/evaluate-cases.json) must give
# bit-identical outputs in Rust, Python and JS (a count's denominator: null in each).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== faces: bit-identical outputs"
python3 vectors/compare_faces.py rust python js
python3 vectors/compare_economics.py rust python js
