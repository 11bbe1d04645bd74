#!/usr/bin/env bash
# Formatting and lints: cargo fmt --check, clippy -D warnings on the host and the wasm target.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== lint: cargo fmt --check"
cargo fmt --all -- --check
echo "== lint: clippy (host, all targets)"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== lint: clippy (wasm32)"
cargo clippy -p care-outcomes -p care-outcomes-wasm --target wasm32-unknown-unknown --locked -- -D warnings
# Each part of the package alone (bindings-wasm/build.sh builds them with one cargo feature each).
for part in main stats records economics survey publish toml; do
  echo "== lint: clippy (wasm32, part $part)"
  cargo clippy -p care-outcomes-wasm --target wasm32-unknown-unknown --locked --no-default-features \
    --features "$part" -- -D warnings
done
echo "== lint: rustdoc -D warnings (broken intra-doc links, stray HTML in docs)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features --locked
echo "== lint: fuzz targets compile against the core (and fuzz/Cargo.lock is current)"
cargo check --manifest-path fuzz/Cargo.toml --locked
