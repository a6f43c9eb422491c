#!/usr/bin/env bash
# Fuzzes the parsers that read what comms staff and feeds write, each for a fixed time, and
# prints how many inputs each tried and whether any crashed. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); on a stable toolchain RUSTC_BOOTSTRAP lets it use the
# sanitizer flags. Usage: bash bench/fuzz.sh [SECONDS_PER_TARGET]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
export RUSTC_BOOTSTRAP=1
targets=(front_matter service_yaml oruk_import markdown)
cargo fuzz build -O >/dev/null 2>&1
printf '%-14s %10s %8s %s\n' target seconds runs result
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  log=$(mktemp)
  if cargo fuzz run -O "$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 >"$log" 2>&1; then
    result="no crash"
  else
    result="CRASH: see fuzz/artifacts/$target/"
  fi
  runs=$(grep -oE '#[0-9]+' "$log" | tail -1 | tr -d '#')
  printf '%-14s %10s %8s %s\n' "$target" "$seconds" "${runs:-?}" "$result"
  rm -f "$log"
done
