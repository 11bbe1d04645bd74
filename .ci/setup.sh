#!/usr/bin/env bash
# Installs everything the tests need on a bare machine of this kind (Debian 12, Rust by rustup,
# CPython 3.11, Node 20). Idempotent: each step is skipped when already done.
# Verified commands and traps: ../shared/design/toolchain.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${VENV:-$ROOT/.venv}
WASM_BINDGEN_VERSION=$(grep -A1 'name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p' | head -1)

step() { printf '\n== setup: %s\n' "$*"; }

step "rust components"
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown

step "python venv at $VENV"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
  'maturin>=1.9.4,<2' pytest numpy pandas polars pyarrow mypy \
  nbclient ipykernel  # the Python walkthrough runs in a real Jupyter kernel (.ci/test-notebook.sh)

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
if ! command -v wasm-bindgen >/dev/null 2>&1 || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  # Without --locked: its lockfile pins a crate version the registry here lacks (toolchain.md).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

step "chromium (headless browser tests of the wasm face)"
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  # Debian's Chromium, never a browser a tool downloads itself (toolchain.md).
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
chromium --version

step "node packages of the wasm face"
if [ -f bindings-wasm/package-lock.json ]; then
  (cd bindings-wasm && npm ci --no-audit --no-fund --loglevel=error)
elif [ -f bindings-wasm/package.json ]; then
  (cd bindings-wasm && npm install --no-audit --no-fund --loglevel=error)
fi
echo "setup done"
