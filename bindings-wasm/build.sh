#!/usr/bin/env bash
# Builds the npm package `care-outcomes` into bindings-wasm/pkg/:
#   pkg/web/   wasm-bindgen --target web (ES module; index.js initialises itself with top-level await)
#   pkg/node/  wasm-bindgen --target nodejs (CommonJS; index.mjs is its ES-module entry)
#   pkg/parts/<part>/  the same crate built with one cargo feature (main, stats, records, economics,
#              survey, publish, toml), each its own web module (entry `care-outcomes/<part>`), so a
#              page loads the main module first and the others when it needs them (README.md)
#   pkg/package.json with `exports` conditions: node (import/require) → node, browser/default → web.
# Installs what it needs when missing (wasm32 target, wasm-bindgen-cli at the version in
# Cargo.lock, node packages incl. binaryen's wasm-opt), so a bare machine works. No wasm-pack.
# See ../../shared/design/toolchain.md for the traps (Debian's binaryen is never used).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
cd "$HERE"

step() { printf '== wasm build: %s\n' "$*"; }

# --- tools -----------------------------------------------------------------------------------
if command -v rustup >/dev/null 2>&1 && ! grep -qx wasm32-unknown-unknown <<<"$(rustup target list --installed)"; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must equal the wasm-bindgen crate version (pinned with `=` in the root Cargo.toml).
WBG_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p' | head -1)
if [ -z "$WBG_VERSION" ]; then
  echo "cannot read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if ! command -v wasm-bindgen >/dev/null 2>&1 || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WBG_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $WBG_VERSION"
  # Without --locked: its lockfile pins a crate version the registry here lacks.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/tsc ]; then
  step "npm ci (binaryen, typescript)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- compile ---------------------------------------------------------------------------------
# The `wasm-release` profile (root Cargo.toml): one codegen unit and fat LTO (smaller and faster
# wasm), the dependencies off the hot paths (microlp, toml, chrono, csv, ...) at opt-level "z", the
# workspace's crates, serde_json and libm at 3 ("s" for everything is ~1.6x slower on batches).
# The workspace's release profile (native, Python) stays as it is. Sizes: docs/benchmarks.md.
# The full module (every feature), then each part alone; the core is compiled once for all.
PARTS=(main stats records economics survey publish toml)
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
ARTEFACT="$TARGET_DIR/wasm32-unknown-unknown/wasm-release/care_outcomes_wasm.wasm"
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
compile() { # compile NAME [cargo feature flags...]
  local name=$1
  shift
  step "cargo build $name (wasm32-unknown-unknown, profile wasm-release${*:+, $*})"
  cargo build --manifest-path "$ROOT/Cargo.toml" -p care-outcomes-wasm --profile wasm-release \
    --target wasm32-unknown-unknown "$@"
  cp "$ARTEFACT" "$SCRATCH/$name.wasm"
}
compile full
for part in "${PARTS[@]}"; do
  compile "$part" --no-default-features --features "$part"
done

# --- bind ------------------------------------------------------------------------------------
step "wasm-bindgen $WBG_VERSION (web, nodejs, parts)"
rm -rf pkg
wasm-bindgen --target web --out-dir pkg/web --out-name care_outcomes "$SCRATCH/full.wasm"
wasm-bindgen --target nodejs --out-dir pkg/node --out-name care_outcomes "$SCRATCH/full.wasm"
for part in "${PARTS[@]}"; do
  # No .d.ts: a part's entry (scripts/package.mjs) is typed by the full module's declarations.
  wasm-bindgen --target web --no-typescript --out-dir "pkg/parts/$part" --out-name care_outcomes \
    "$SCRATCH/$part.wasm"
done

# --- optimise --------------------------------------------------------------------------------
# --converge repeats -Oz while it still shrinks the module; the name, debug and producers
# sections are of no use to the package.
step "wasm-opt -Oz --converge (binaryen $(node_modules/.bin/wasm-opt --version | awk '{print $3}'))"
declare -A RAW
for dir in web "${PARTS[@]/#/parts/}"; do
  RAW[$dir]=$(stat -c %s "pkg/$dir/care_outcomes_bg.wasm")
  node_modules/.bin/wasm-opt -Oz --converge --strip-debug --strip-producers \
    "pkg/$dir/care_outcomes_bg.wasm" -o "pkg/$dir/care_outcomes_bg.wasm"
done
cp pkg/web/care_outcomes_bg.wasm pkg/node/care_outcomes_bg.wasm

# --- package ---------------------------------------------------------------------------------
step "entry points and package.json"
node scripts/package.mjs

# --- sizes -----------------------------------------------------------------------------------
# gzip -9 -n: the figure the budget (issue 8, ≤ 300 KB for the module a page loads first) uses.
for dir in web "${PARTS[@]/#/parts/}"; do
  wasm="pkg/$dir/care_outcomes_bg.wasm"
  printf '== wasm build: %-42s %8s bytes raw (%8s before wasm-opt), %7s bytes gzipped\n' \
    "$wasm" "$(stat -c %s "$wasm")" "${RAW[$dir]}" "$(gzip -9 -n -c "$wasm" | wc -c)"
done
