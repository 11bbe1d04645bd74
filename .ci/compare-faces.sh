#!/usr/bin/env bash
# Every stats vector must give bit-identical outputs in Rust, Python and JS.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== faces: bit-identical outputs"
python3 vectors/compare_faces.py rust python js
python3 vectors/compare_economics.py rust python js
