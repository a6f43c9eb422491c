#!/usr/bin/env bash
# Two builds of signpost on the same generated site, interleaved so both meet the same load:
# the commit given (default main) and the work tree. Prints each clean build's wall time and
# peak memory, the medians, and the work tree's time as a share of the other's. Issue 15 asks
# that a site in one language builds no more than 5% slower than before languages existed.
# Usage: bash bench/versus.sh [REF] [PAGES] [RUNS]; SITE=DIR reuses a site bench/gen_site.py made;
# COMMAND=check times `signpost check` instead: every stage of a build but writing the files,
# which on this machine's disk is where most of the variation comes from.
set -euo pipefail
cd "$(dirname "$0")/.."
ref="${1:-main}"; pages="${2:-10000}"; runs="${3:-5}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The other commit is checked out under target/ and kept, so a second run need not rebuild it.
tree="$PWD/target/versus/tree-$(git rev-parse --short "$ref")"
[ -d "$tree" ] || git worktree add --quiet --detach "$tree" "$ref"
cargo build --release --quiet
CARGO_TARGET_DIR="$PWD/target/versus" cargo build --release --quiet --manifest-path "$tree/Cargo.toml"
base="$PWD/target/versus/release/signpost"
this="$PWD/target/release/signpost"
site="${SITE:-$work/site}"
[ -n "${SITE:-}" ] || python3 bench/gen_site.py "$site" "$pages" >/dev/null

# Prints "wall_s peak_mb cpu_s" for one clean build. The processor time (user + system) is the
# steadier figure: this machine's disk makes wall times of the same build vary by half.
measure() {
  rm -rf "$site/public"
  sync # the last build's writes are on disk, so they do not slow this one
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$1" "${COMMAND:-build}" --root "$site" --today 2026-12-01 >/dev/null
  awk '{printf "%.2f %.0f %.2f\n", $1, $2 / 1024, $3 + $4}' "$work/time"
}
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

measure "$base" >/dev/null # warms the file cache
printf '%-4s %-26s %-26s\n' run "$ref s/MB/cpu s" 'work tree s/MB/cpu s'
: > "$work/rows"
for run in $(seq "$runs"); do
  # Alternating which goes first, so neither always meets the other's leftovers.
  if (( run % 2 )); then
    read -r bw bm bc < <(measure "$base"); read -r tw tm tc < <(measure "$this")
  else
    read -r tw tm tc < <(measure "$this"); read -r bw bm bc < <(measure "$base")
  fi
  printf '%-4s %-26s %-26s\n' "$run" "$bw / $bm / $bc" "$tw / $tm / $tc"
  echo "$bw $bm $tw $tm $bc $tc" >> "$work/rows"
done
bw=$(cut -d' ' -f1 "$work/rows" | median); tw=$(cut -d' ' -f3 "$work/rows" | median)
bm=$(cut -d' ' -f2 "$work/rows" | median); tm=$(cut -d' ' -f4 "$work/rows" | median)
bc=$(cut -d' ' -f5 "$work/rows" | median); tc=$(cut -d' ' -f6 "$work/rows" | median)
awk -v bw="$bw" -v tw="$tw" -v bm="$bm" -v tm="$tm" -v bc="$bc" -v tc="$tc" -v ref="$ref" -v pages="$pages" 'BEGIN {
  printf "medians at %d pages: %s %.2f s, %d MB, %.2f cpu s; work tree %.2f s, %d MB, %.2f cpu s\n", pages, ref, bw, bm, bc, tw, tm, tc
  printf "work tree against %s: wall time %+.1f%%, processor time %+.1f%%, memory %+.1f%%\n", ref, (tw / bw - 1) * 100, (tc / bc - 1) * 100, (tm / bm - 1) * 100
}'
