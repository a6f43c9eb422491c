#!/usr/bin/env bash
# Prints the time and memory a directory of 5,000 services adds to a build (target: under 2 s).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() {
  target/release/signpost build --root "$1" >/dev/null
  /usr/bin/time -v target/release/signpost build --root "$1" >/dev/null 2>"$work/time"
  awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); w = t[1] * 60 + t[2]} /Maximum resident set size/ {m = $2 / 1024} END {printf "%.2f %.0f", w, m}' "$work/time"
}
python3 bench/gen_site.py "$work/plain" 100
cp -r "$work/plain" "$work/with-directory"
python3 bench/gen_directory.py "$work/with-directory" "${1:-5000}"
read -r plain_s plain_mb <<<"$(measure "$work/plain")"
read -r dir_s dir_mb <<<"$(measure "$work/with-directory")"
printf 'site                      wall_s  peak_rss_mb\n'
printf '100 pages                 %-7s %s\n' "$plain_s" "$plain_mb"
printf '100 pages + %s services %-7s %s\n' "${1:-5000}" "$dir_s" "$dir_mb"
awk -v a="$plain_s" -v b="$dir_s" -v c="$plain_mb" -v d="$dir_mb" 'BEGIN {printf "the directory adds          %.2f s  %.0f MB\n", b - a, d - c}'
