#!/usr/bin/env bash
# The Rust service example (examples/service: its own crate and Cargo.lock, outside the
# workspace): formatting, clippy -D warnings, rustdoc, and its tests (the service started on a
# loopback port and called over HTTP).
set -euo pipefail
cd "$(dirname "$0")/.."
# Share the workspace's target directory: the core's dependencies built by test-rust.sh are reused.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
manifest=examples/service/Cargo.toml
echo "== service: cargo fmt --check"
cargo fmt --manifest-path "$manifest" -- --check
echo "== service: clippy -D warnings"
cargo clippy --manifest-path "$manifest" --all-targets --locked -- -D warnings
echo "== service: rustdoc -D warnings"
RUSTDOCFLAGS="-D warnings" cargo doc --manifest-path "$manifest" --no-deps --locked
echo "== service: cargo test"
cargo test --manifest-path "$manifest" --locked
