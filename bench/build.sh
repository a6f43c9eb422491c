#!/usr/bin/env bash
# Prints build wall time and peak memory for synthetic sites of 1,000 and 10,000 pages
# (targets at 10,000 pages on 2 cores: under 4 s wall, under 300 MB peak RSS).
# Usage: bash bench/build.sh [PAGES...]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-8s %-10s %-10s %-12s %s\n' pages words wall_s peak_rss_mb output_files
for pages in "${@:-1000 10000}"; do
  for n in $pages; do
    site="$work/site-$n"
    python3 bench/gen_site.py "$site" "$n"
    words=$(cat "$site"/content/*/*.md | wc -w)
    # A first build warms the file cache; the second is measured (it also replaces an output).
    target/release/signpost build --root "$site" >/dev/null
    /usr/bin/time -v target/release/signpost build --root "$site" >/dev/null 2>"$work/time-$n"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print t[1] * 60 + t[2]}' "$work/time-$n")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time-$n")
    files=$(find "$site/public" -type f | wc -l)
    printf '%-8s %-10s %-10s %-12s %s\n' "$n" "$words" "$wall" "$rss" "$files"
  done
done
