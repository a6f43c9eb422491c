#!/usr/bin/env bash
# Prints the time and peak memory of `signpost import oruk` bringing in 2,000 services (or
# $1) from a paged feed served on 127.0.0.1: 50 to a page, each service's details fetched
# from /services/{id}, as the UK profile's list gives only one-to-one fields. Then the same
# import again (every service unchanged), and a dry run.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-2000}"
cargo build --release --quiet
work=$(mktemp -d)
python3 bench/feed_server.py "$count" 50 >"$work/port" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$work/port")/services"
target/release/signpost init "$work/site" >/dev/null
mkdir -p "$work/site/content/directory"
printf -- '---\ntitle: Find local support\n---\n' >"$work/site/content/directory/_index.md"
measure() {
  /usr/bin/time -v target/release/signpost import oruk "$url" --root "$work/site" "$@" >"$work/out" 2>"$work/err"
  tail -1 "$work/out" >"$work/summary"
  awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); w = t[1] * 60 + t[2]} /Maximum resident set size/ {m = $2 / 1024} END {printf "%.2f %.0f", w, m}' "$work/err"
}
printf 'import of %s services              wall_s  peak_rss_mb\n' "$count"
read -r s mb <<<"$(measure)"; printf 'first import (all added)            %-7s %s\n' "$s" "$mb"
grep -q "Added $count," "$work/out" || { echo "expected $count added:"; cat "$work/out" | tail -3; exit 1; }
read -r s mb <<<"$(measure)"; printf 'again (all unchanged)               %-7s %s\n' "$s" "$mb"
read -r s mb <<<"$(measure --dry-run)"; printf 'dry run                             %-7s %s\n' "$s" "$mb"
target/release/signpost build --root "$work/site" --output "$work/public" >/dev/null
echo "the imported site builds: $(ls "$work/site/directory_data/services" | wc -l) service files"
