#!/usr/bin/env bash
# Prints the weight of every page type of the example site against the 40 KB budget, then of
# every page of a generated site of 10,000 guidance pages in one section and 2,000 services
# (the heaviest of each kind). Usage: bash bench/page-budget.sh [PAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
pages="${1:-10000}"
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/signpost build --output "$work/site" --today 2026-12-01 >/dev/null
echo "The example site:"
# Some of its page types are over (README says which and why): the generated site is weighed
# all the same, and its result is the script's.
node bench/page-budget.mjs "$work/site" || true
echo
echo "A generated site of $pages guidance pages in one section and 2,000 services, every page:"
python3 bench/gen_site.py "$work/big" "$pages" "$pages"
python3 bench/gen_directory.py "$work/big" 2000
target/release/signpost build --root "$work/big" --today 2026-12-01 >/dev/null 2>&1
node bench/page-budget.mjs "$work/big/public" --every
