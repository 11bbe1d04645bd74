#!/usr/bin/env bash
# Rust unit, property, vector and doc tests, and the main job on the bundled sample data.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== rust: cargo test --workspace"
cargo test --workspace --locked
echo "== rust: main job (ascof_report) on the bundled sample"
cargo run --release --locked -p care-outcomes --example ascof_report
