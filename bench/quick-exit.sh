#!/usr/bin/env bash
# Prints how long the quick exit takes from input to a blank page (see bench/quick-exit.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
node bench/quick-exit.mjs "${1:-15}"
