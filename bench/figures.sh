#!/usr/bin/env bash
# Prints the time and memory figures add to a build: 1,000 pages, then the same pages each
# placing three charts drawn from 400 figure files (200 CSV, 200 YAML), each with its own page
# and open data. Usage: bash bench/figures.sh [PAGES] [FIGURES]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pages=${1:-1000}
figures=${2:-200}
measure() {
  target/release/signpost build --root "$1" >/dev/null
  /usr/bin/time -v target/release/signpost build --root "$1" >/dev/null 2>"$work/time"
  awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); w = t[1] * 60 + t[2]} /Maximum resident set size/ {m = $2 / 1024} END {printf "%.2f %.0f", w, m}' "$work/time"
}
python3 bench/gen_site.py "$work/plain" "$pages"
cp -r "$work/plain" "$work/with-figures"
python3 bench/gen_figures.py "$work/with-figures" "$figures"
read -r plain_s plain_mb <<<"$(measure "$work/plain")"
read -r fig_s fig_mb <<<"$(measure "$work/with-figures")"
charts=$(grep -o '<svg class="chart' -r "$work/with-figures/public" | wc -l)
printf 'site                                   wall_s  peak_rss_mb\n'
printf '%-38s %-7s %s\n' "$pages pages" "$plain_s" "$plain_mb"
printf '%-38s %-7s %s\n' "$pages pages, $((figures * 2)) figures, $charts charts" "$fig_s" "$fig_mb"
awk -v a="$plain_s" -v b="$fig_s" -v c="$plain_mb" -v d="$fig_mb" 'BEGIN {printf "figures add                            %.2f s  %.0f MB\n", b - a, d - c}'
