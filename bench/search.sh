#!/usr/bin/env bash
# Search benchmark: index size, what a first query fetches and how fast queries answer, for the
# example site and synthetic sites of 1,000 and 10,000 pages; and what indexing adds to a build.
# Targets at 10,000 pages: a first one-word query in at most 4 requests and 60 KB gzipped,
# under 10 ms per query once loaded, indexing under 3 s and 200 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {
  local name=$1 root=$2; shift 2
  echo "== $name"
  target/release/signpost build --root "$root" --output "$work/out-$name" --timings | grep -E "search index|Built|peak"
  node bench/search.mjs "$work/out-$name" "$@"
}
run example . neglect hungry school childline "home alone" "my mate never has lunch"
for pages in 1000 10000; do
  python3 bench/gen_site.py "$work/site-$pages" "$pages"
  run "$pages-pages" "$work/site-$pages" child hungry supervision nurse "parent school" "care needs again"
done
