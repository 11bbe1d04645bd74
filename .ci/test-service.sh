#!/usr/bin/env bash
# The Rust service example (examples/service: its own crate and Cargo.lock, outside the
# workspace): formatting, clippy -D warnings, rustdoc, and its tests (the service started on a
# loopback port and called over HTTP).
set -euo pipefail
cd "$(dirname "$0")/.."
# Share the workspace's target directory: the core's dependencies built by test-rust.sh are reused.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
manifest=examples/service/Cargo.toml
# The service has its own Cargo.lock: a new dependency of the core must be added to it too.
if ! err=$(cargo metadata --manifest-path "$manifest" --locked --format-version 1 2>&1 >/dev/null); then
    echo "$err" >&2
    echo "examples/service/Cargo.lock is out of date (did the core's dependencies change?): run" >&2
    echo "  cargo update --manifest-path $manifest --workspace && git add examples/service/Cargo.lock" >&2
    exit 1
fi
echo "== service: cargo fmt --check"
cargo fmt --manifest-path "$manifest" -- --check
echo "== service: clippy -D warnings"
cargo clippy --manifest-path "$manifest" --all-targets --locked -- -D warnings
echo "== service: rustdoc -D warnings"
RUSTDOCFLAGS="-D warnings" cargo doc --manifest-path "$manifest" --no-deps --locked
echo "== service: cargo test"
cargo test --manifest-path "$manifest" --locked
