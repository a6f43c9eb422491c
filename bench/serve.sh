#!/usr/bin/env bash
# Prints save-to-reload times of `signpost serve` for the example site and a synthetic site of
# 10,000 pages in one section and 2,000 services (targets: under 200 ms, and a median under
# 250 ms at 10,000 pages, issue 16).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The example site is every source folder at the top of the repository.
mkdir -p "$work/example"
for source in site.yaml content data directory_data strings static templates cms; do
  if [ -e "$source" ]; then cp -r "$source" "$work/example/"; fi
done
printf 'example site (%s pages):    ' "$(find "$work/example/content" -name '*.md' | wc -l)"
node bench/serve.mjs target/release/signpost "$work/example" content/worried/what-to-do.md /worried/what-to-do/
python3 bench/gen_site.py "$work/site-10000" 10000 10000
python3 bench/gen_directory.py "$work/site-10000" 2000
printf 'synthetic site (10,000 pages, 2,000 services): '
node bench/serve.mjs target/release/signpost "$work/site-10000" content/section-000/page-05000.md /section-000/page-05000/ 11
