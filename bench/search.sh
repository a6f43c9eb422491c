#!/usr/bin/env bash
# Search benchmark. For the example site and a synthetic site of 10,000 pages and 2,000
# services, it prints what indexing adds to the build, then for 30 fixed queries typed letter by
# letter in the header box: the requests and bytes fetched, the longest chain of round trips,
# and how fast the finished query answers once loaded. Targets at 10,000 pages + 2,000 services:
# every one-word query at most 30 KB gzipped and 3 round trips, every query of up to 6 words at
# most 60 KB, every query under 10 ms once loaded.
# Usage: bash bench/search.sh [PAGES SERVICES]   (default 10000 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
services=${2:-2000}
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {
  local name=$1 root=$2
  echo "== $name"
  target/release/signpost build --root "$root" --output "$work/out-$name" --timings | grep -E "search index|Built|peak"
  node bench/search.mjs "$work/out-$name"
}
run example .
python3 bench/gen_site.py "$work/site" "$pages"
python3 bench/gen_directory.py "$work/site" "$services"
run "$pages-pages-$services-services" "$work/site"
