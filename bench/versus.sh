#!/usr/bin/env bash
# Two builds of signpost on the same generated site, interleaved so both meet the same load:
# the commit given (default main) and the work tree. Prints each clean build's wall time and
# peak memory, the medians, and the work tree's time as a share of the other's. Issue 15 asks
# that a site in one language builds no more than 5% slower than before languages existed.
# Usage: bash bench/versus.sh [REF] [PAGES] [RUNS]; SITE=DIR reuses a site bench/gen_site.py made.
set -euo pipefail
cd "$(dirname "$0")/.."
ref="${1:-main}"; pages="${2:-10000}"; runs="${3:-5}"
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --quiet --detach "$work/base" "$ref"
cargo build --release --quiet
CARGO_TARGET_DIR="$PWD/target/versus" cargo build --release --quiet --manifest-path "$work/base/Cargo.toml"
base="$PWD/target/versus/release/signpost"
this="$PWD/target/release/signpost"
site="${SITE:-$work/site}"
[ -n "${SITE:-}" ] || python3 bench/gen_site.py "$site" "$pages" >/dev/null

# Prints "wall_s peak_mb" for one clean build.
measure() {
  rm -rf "$site/public"
  sync # the last build's writes are on disk, so they do not slow this one
  /usr/bin/time -f '%e %M' -o "$work/time" "$1" build --root "$site" --today 2026-12-01 >/dev/null
  awk '{printf "%.2f %.0f\n", $1, $2 / 1024}' "$work/time"
}
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

measure "$base" >/dev/null # warms the file cache
printf '%-4s %-20s %-20s\n' run "$ref s/MB" 'work tree s/MB'
: > "$work/rows"
for run in $(seq "$runs"); do
  # Alternating which goes first, so neither always meets the other's leftovers.
  if (( run % 2 )); then
    read -r bw bm < <(measure "$base"); read -r tw tm < <(measure "$this")
  else
    read -r tw tm < <(measure "$this"); read -r bw bm < <(measure "$base")
  fi
  printf '%-4s %-20s %-20s\n' "$run" "$bw / $bm" "$tw / $tm"
  echo "$bw $bm $tw $tm" >> "$work/rows"
done
bw=$(cut -d' ' -f1 "$work/rows" | median); tw=$(cut -d' ' -f3 "$work/rows" | median)
bm=$(cut -d' ' -f2 "$work/rows" | median); tm=$(cut -d' ' -f4 "$work/rows" | median)
awk -v bw="$bw" -v tw="$tw" -v bm="$bm" -v tm="$tm" -v ref="$ref" -v pages="$pages" 'BEGIN {
  printf "medians at %d pages: %s %.2f s, %d MB; work tree %.2f s, %d MB; time %+.1f%%, memory %+.1f%%\n",
    pages, ref, bw, bm, tw, tm, (tw / bw - 1) * 100, (tm / bm - 1) * 100
}'
