#!/usr/bin/env bash
# Time stays roughly in proportion to the input near the limits ties keeps: each kind of input at
# two sizes, four times apart, timed with hyperfine. A run that grew with the square of its input
# would take about sixteen times as long on the larger; in proportion, about four times.
#   benches/limits.sh                  # results in /tmp/ties-limits/results.md
# Needs python3 and hyperfine. WORK=/other/folder moves the files; RUNS=N sets the runs (5).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-/tmp/ties-limits}
runs=${RUNS:-5}
small=2
large=8
rm -rf "$work"
mkdir -p "$work"
cargo build --release --bin ties -q
ties=$PWD/target/release/ties
python3 benches/limits.py "$work" "$small" "$large"
cd "$work"
s_items=$((small * 250))
l_items=$((large * 250))
# ties check exits 1 on the problems these files are made of; only the time matters here.
hyperfine --runs "$runs" --warmup 1 -i --export-markdown results-narrative.md \
  -n "personal data in a ${small} MB narrative" "$ties check narrative-$small.yaml" \
  -n "personal data in a ${large} MB narrative" "$ties check narrative-$large.yaml"
hyperfine --runs "$runs" --warmup 1 -i --export-markdown results-misspelt.md \
  -n "did you mean: ${s_items} misspelt ids" \
  "$ties check --frameworks big-$s_items/frameworks big-$s_items/misspelt.yaml" \
  -n "did you mean: ${l_items} misspelt ids" \
  "$ties check --frameworks big-$l_items/frameworks big-$l_items/misspelt.yaml"
hyperfine --runs "$runs" --warmup 1 --export-markdown results-compare.md \
  -n "compare: 140 establishments x ${s_items} items" \
  "$ties compare big-$s_items/estate --frameworks big-$s_items/frameworks --format csv -o out-s.csv" \
  -n "compare: 140 establishments x ${l_items} items" \
  "$ties compare big-$l_items/estate --frameworks big-$l_items/frameworks --format csv -o out-l.csv"
cat results-narrative.md results-misspelt.md results-compare.md >results.md
cat results.md
