#!/usr/bin/env bash
# The whole-estate figures in BENCHMARKS.md, measured on the real binary:
#
#   1. `ties compare DIR --format csv --table items` beside Python merely parsing, with libyaml
#      (benches/parse_yaml.py), the files compare reads in full: the 2024 and 2025 files and the
#      register (compare shows 2025 and the year before), in one hyperfine run, on 140
#      establishments x 10 years (benches/speed.sh measures these side by side in CPU time, with
#      the workbook estate and the report);
#   2. peak resident memory of that `ties compare` with 10, 20 and 40 years for each of the 140
#      establishments (it keeps only the years it shows, so the figure should not grow), and
#      with 1x, 2x and 4x the establishments;
#   3. one establishment's HTML report, whole process, to a file and to stdout, for the bundled
#      example and a generated establishment.
#
# Usage: benches/compare-with-python.sh            (from anywhere in the project)
#        RUNS=10 WORK=/tmp/somewhere benches/compare-with-python.sh
#
# Needs hyperfine, GNU time (/usr/bin/time) and python3 with PyYAML built against libyaml (the
# script installs PyYAML with pip if it is missing). Estates are generated under $WORK (default
# /tmp/ties-bench), never in the project; results are written to $WORK/results.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${WORK:-/tmp/ties-bench}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
TARGET=${CARGO_TARGET_DIR:-target}
TIES="$TARGET/release/ties"
GENERATE="$TARGET/release/examples/estate"

need() { command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is needed: $2" >&2; exit 1; }; }
need hyperfine "https://github.com/sharkdp/hyperfine (apt-get install hyperfine)"
need python3 "apt-get install python3"
[ -x /usr/bin/time ] || { echo "error: GNU time is needed at /usr/bin/time (apt-get install time)" >&2; exit 1; }
if ! python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
  echo "== installing PyYAML (with libyaml)"
  python3 -m pip install --quiet pyyaml || python3 -m pip install --quiet --break-system-packages pyyaml
  python3 -c 'import yaml; yaml.CSafeLoader' || { echo "error: PyYAML has no libyaml (CSafeLoader)" >&2; exit 1; }
fi

echo "== building (release)"
cargo build --release --quiet --bin ties --example estate

mkdir -p "$WORK/results"
RESULTS="$WORK/results"

estate() { # estate N [YEARS]: the folder of a freshly generated N x YEARS estate (10 by default)
  local years=${2:-10} dir="$WORK/estate-$1x${2:-10}"
  # Reporting years start in 2000: a long history ends later than 2025.
  local last=$((years > 26 ? 1999 + years : 2025))
  rm -rf "$dir"
  "$GENERATE" --establishments "$1" --years "$years" --last-year "$last" --seed "$SEED" --out "$dir" >&2
  echo "$dir"
}

echo
echo "== machine"
{
  echo "cores: $(nproc)"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "ties: $("$TIES" --version)"
  echo "python: $(python3 --version 2>&1), PyYAML $(python3 -c 'import yaml; print(yaml.__version__)')"
  echo "hyperfine: $(hyperfine --version)"
} | tee "$RESULTS/machine.txt"

echo
echo "== 1. ties compare vs Python parsing the same files (140 x 10)"
DIR=$(estate 140)
echo "$(find "$DIR" -name '*.yaml' | wc -l) files, $(du -sh "$DIR" | cut -f1)"
hyperfine -N --warmup 1 --runs "$RUNS" \
  --export-markdown "$RESULTS/compare-vs-python.md" \
  --export-json "$RESULTS/compare-vs-python.json" \
  -n "ties compare --format csv --table items" "$TIES compare $DIR --format csv --table items" \
  -n "python libyaml parse, the files compare reads" "python3 benches/parse_yaml.py $DIR --years 2024 2025"

echo
echo "== 2. peak resident memory of ties compare --format csv --table items"
printf '%-10s %8s %10s %12s\n' estate files "MB (YAML)" "peak RSS kB" | tee "$RESULTS/memory.txt"
ESTATE_140x10=$DIR
for shape in 140x10 140x20 140x40 280x10 560x10; do
  n=${shape%x*} years=${shape#*x}
  [ "$shape" = 140x10 ] && DIR=$ESTATE_140x10 || DIR=$(estate "$n" "$years")
  files=$(find "$DIR" -name '*.yaml' | wc -l)
  size=$(du -sm "$DIR" | cut -f1)
  /usr/bin/time -v "$TIES" compare "$DIR" --format csv --table items 2>"$RESULTS/time-$shape.txt" >/dev/null
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$RESULTS/time-$shape.txt")
  printf '%-10s %8s %10s %12d\n' "$shape" "$files" "$size" "$rss" | tee -a "$RESULTS/memory.txt"
  [ "$shape" = 140x10 ] || rm -rf "$DIR"
done

echo
echo "== 3. one establishment's HTML report, whole process"
# To a file with -o, as the README shows (the file is written to disk with fsync before it
# replaces the old one), and to the screen (hyperfine discards the output).
OUT="$WORK/report.html"
GENERATED=$(find "$WORK/estate-140x10" -name 2025.yaml | sort | sed -n 1p)
EXAMPLE=assessments/hmp-harrowfield/2025.yaml
hyperfine -N --warmup 10 --runs 100 \
  --export-markdown "$RESULTS/report-html.md" \
  --export-json "$RESULTS/report-html.json" \
  -n "example (hmp-harrowfield 2025) -o file" "$TIES report $EXAMPLE --format html -o $OUT --force" \
  -n "example (hmp-harrowfield 2025) to stdout" "$TIES report $EXAMPLE --format html" \
  -n "generated ($(basename "$(dirname "$GENERATED")") 2025) -o file" "$TIES report $GENERATED --format html -o $OUT --force" \
  -n "generated ($(basename "$(dirname "$GENERATED")") 2025) to stdout" "$TIES report $GENERATED --format html"

echo
echo "== summary (medians: other programs running on the machine inflate the means)"
python3 - "$RESULTS" <<'PY' | tee "$RESULTS/summary.txt"
import json, sys
d = sys.argv[1]
def show(name):
    for r in json.load(open(f"{d}/{name}.json"))["results"]:
        cpu = r["user"] + r["system"]  # hyperfine gives the mean CPU time of the runs
        unit, k = ("ms", 1000) if r["median"] < 1 else ("s", 1)
        print(f"  {r['command']}: median {r['median'] * k:.{1 if k == 1000 else 2}f} {unit}, "
              f"min {r['min'] * k:.{1 if k == 1000 else 2}f} {unit}, mean CPU (user+sys) {cpu * k:.{1 if k == 1000 else 2}f} {unit}")
    return json.load(open(f"{d}/{name}.json"))["results"]
r = show("compare-vs-python")
print(f"  ties compare takes {r[0]['median'] / r[1]['median']:.3f} of the time Python takes to parse the files it reads")
show("report-html")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/machine.txt"
echo "Results are in $RESULTS."
