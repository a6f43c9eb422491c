#!/usr/bin/env bash
# Prints the weight of every page type of the example site against the 40 KB budget.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/signpost build --output "$work/site" >/dev/null
node bench/page-budget.mjs "$work/site"
