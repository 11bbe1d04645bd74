#!/usr/bin/env bash
# Renders the chart snapshots (core/tests/snapshots/*.svg, written by the core's own chart code
# and checked by `cargo test -p care-outcomes --test charts`) to the PNGs of the user guide.
# A documentation step, not part of CI. Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/../.."
for svg in core/tests/snapshots/*.svg; do
  name=$(basename "$svg" .svg)
  rsvg-convert --zoom 1.5 --background-color white -o "docs/img/chart-$name.png" "$svg"
  echo "docs/img/chart-$name.png"
done
