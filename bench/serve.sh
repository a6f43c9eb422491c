#!/usr/bin/env bash
# Prints save-to-reload times of `signpost serve` for the example site and a synthetic
# 10,000-page site (targets: under 200 ms and under 1 s).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r content site.yaml "$work/" && mkdir -p "$work/example" && mv "$work/content" "$work/site.yaml" "$work/example/"
printf 'example site (%s pages):    ' "$(find "$work/example/content" -name '*.md' | wc -l)"
node bench/serve.mjs target/release/signpost "$work/example" content/worried/what-to-do.md /worried/what-to-do/
python3 bench/gen_site.py "$work/site-10000" 10000
printf 'synthetic site (10,000 pages): '
node bench/serve.mjs target/release/signpost "$work/site-10000" content/section-050/page-05000.md /section-050/page-05000/
