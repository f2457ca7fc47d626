#!/usr/bin/env bash
# The figures of "Like with like" in BENCHMARKS.md, measured side by side in one run:
#
#   1. `ties compare --format csv --table items` on 140 establishments x 10 years, beside Python merely parsing
#      the files that compare reads in full (the 2024 and 2025 files and the register: compare
#      shows 2025 and the year before), and, as the earlier figures did, all ten years;
#   2. the same estate written as workbooks: `ties compare` on it beside the YAML estate, and
#      openpyxl merely reading the cells of the workbooks compare reads in full;
#   3. the floor under compare: reading the same files' bytes, and parsing them alone
#      (`ties check` is not the floor: it checks every file of every year);
#   4. one establishment's HTML report, whole process;
#   5. peak memory of `ties compare` in each format (the CSV: its largest table, items).
#
# CPU time (user + system) is the figure to read on a machine shared with other work; the
# commands of each section take turns (benches/cpu.py), and ratios are of medians.
#
# Usage: benches/speed.sh                       (from anywhere in the project)
#        RUNS=10 WORK=/tmp/somewhere benches/speed.sh
#        BEFORE=/path/to/older/ties benches/speed.sh   (also checks that both give the same bytes)
#
# Needs python3 with PyYAML built against libyaml and openpyxl (installed with pip when
# missing), and GNU time (/usr/bin/time). Estates are generated under $WORK (default
# /tmp/ties-bench), never in the project; results go to $WORK/results.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${WORK:-/tmp/ties-bench}
RUNS=${RUNS:-10}
TARGET=${CARGO_TARGET_DIR:-target}
TIES="$TARGET/release/ties"
GENERATE="$TARGET/release/examples/estate"
RESULTS="$WORK/results"

command -v python3 >/dev/null || { echo "error: python3 is needed (apt-get install python3)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "error: GNU time is needed at /usr/bin/time (apt-get install time)" >&2; exit 1; }
pip_install() {
  python3 -m pip install --quiet "$@" || python3 -m pip install --quiet --break-system-packages "$@"
}
if ! python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
  echo "== installing PyYAML (with libyaml)"; pip_install pyyaml
  python3 -c 'import yaml; yaml.CSafeLoader' || { echo "error: PyYAML has no libyaml (CSafeLoader)" >&2; exit 1; }
fi
python3 -c 'import openpyxl' 2>/dev/null || { echo "== installing openpyxl"; pip_install openpyxl; }

echo "== building (release)"
cargo build --release --quiet --bin ties --example estate
mkdir -p "$RESULTS"

YAML="$WORK/estate-140x10"
XLSX="$WORK/workbooks-140x10"
# An estate is made again whenever the generator's build differs from the one that made it: an
# estate kept from an older build can differ in size, and so in the figures.
made_by=$(sha256sum "$GENERATE" | cut -c1-16)
for dir in "$YAML" "$XLSX"; do
  format=yaml; [ "$dir" = "$XLSX" ] && format=xlsx
  if [ ! -f "$dir/register.yaml" ] || [ "$(cat "$dir.made-by" 2>/dev/null)" != "$made_by" ]; then
    rm -rf "$dir"
    "$GENERATE" --establishments 140 --years 10 --format "$format" --out "$dir" >&2
    echo "$made_by" > "$dir.made-by"
  fi
done

{
  echo "cores: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "ties: $("$TIES" --version)"
  echo "python: $(python3 --version 2>&1), PyYAML $(python3 -c 'import yaml; print(yaml.__version__)'), openpyxl $(python3 -c 'import openpyxl; print(openpyxl.__version__)')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$RESULTS/machine.txt"
echo "YAML estate: $(find "$YAML" -name '*.yaml' | wc -l) files, $(du -sh "$YAML" | cut -f1); read in full by compare: $(ls "$YAML"/*/2024.yaml "$YAML"/*/2025.yaml "$YAML"/register.yaml | wc -l) files, $(cat "$YAML"/*/2024.yaml "$YAML"/*/2025.yaml "$YAML"/register.yaml | wc -c) bytes"
echo "workbook estate: $(find "$XLSX" -name '*.xlsx' | wc -l) workbooks, $(du -sh "$XLSX" | cut -f1)"

cpu() { python3 benches/cpu.py --runs "$RUNS" --warmup 1 "$@"; }

echo
echo "== 1. ties compare beside Python parsing the files compare reads (and all ten years)"
cpu --json "$RESULTS/compare-vs-python.json" \
  --name "ties compare --format csv" "$TIES compare $YAML --format csv --table items" \
  --name "python libyaml, the files compare reads" "python3 benches/parse_yaml.py $YAML --years 2024 2025" \
  --name "python libyaml, all ten years" "python3 benches/parse_yaml.py $YAML"

echo
echo "== 2. the estate as workbooks, beside the same estate as YAML, and openpyxl"
cpu --json "$RESULTS/workbooks.json" \
  --name "ties compare, workbooks" "$TIES compare $XLSX --format csv --table items" \
  --name "ties compare, YAML" "$TIES compare $YAML --format csv --table items" \
  --name "openpyxl, the workbooks compare reads" "python3 benches/parse_xlsx.py $XLSX --years 2024 2025" \
  --name "python libyaml, the files compare reads" "python3 benches/parse_yaml.py $YAML --years 2024 2025"
if [ -n "${BEFORE:-}" ]; then
  cpu --runs 3 --name "ties compare, workbooks" "$TIES compare $XLSX --format csv --table items" \
    --name "before: ties compare, workbooks" "$BEFORE compare $XLSX --format csv --table items" \
    --name "before: ties compare, YAML" "$BEFORE compare $YAML --format csv --table items"
fi

echo
echo "== 3. the floor: the same files' bytes read, and parsed alone"
# `cat` reads the bytes of every file compare looks at (it reads the first lines of the other
# years' files, so all of them); `ties check` on only the files compare reads in full reads,
# parses and checks them, on one thread, with no estate to build or write.
FLOOR="$WORK/floor"
rm -rf "$FLOOR"; mkdir -p "$FLOOR"
for f in "$YAML"/*/2024.yaml "$YAML"/*/2025.yaml; do
  d="$FLOOR/$(basename "$(dirname "$f")")"; mkdir -p "$d"; cp "$f" "$d/"
done
cpu --json "$RESULTS/floor.json" \
  --name "ties compare --format csv" "$TIES compare $YAML --format csv --table items" \
  --name "cat, every file compare looks at" "sh -c 'cat $YAML/*/*.yaml > /dev/null'" \
  --name "ties check, the files compare reads" "$TIES check $FLOOR" \
  --name "python libyaml, the files compare reads" "python3 benches/parse_yaml.py $YAML --years 2024 2025"

echo
echo "== 4. one establishment's HTML report, whole process"
EXAMPLE=assessments/hmp-harrowfield/2025.yaml
GENERATED="$YAML/hmp-ashbank/2025.yaml"
REPORTS=(--name "report, bundled example (hmp-harrowfield 2025)" "$TIES report $EXAMPLE --format html"
  --name "report, generated (hmp-ashbank 2025)" "$TIES report $GENERATED --format html"
  --name "ties --version (starting the program)" "$TIES --version")
if [ -n "${BEFORE:-}" ]; then
  REPORTS+=(--name "before: report, bundled example" "$BEFORE report $EXAMPLE --format html"
    --name "before: report, generated" "$BEFORE report $GENERATED --format html")
fi
RUNS=$((RUNS * 5)) cpu --json "$RESULTS/report.json" "${REPORTS[@]}"

echo
echo "== 5. peak memory of ties compare on 140 x 10 (kB, 3 runs each)"
for t in "$TIES" ${BEFORE:+"$BEFORE"}; do
  for format in xlsx csv json html; do
    # A CSV file holds one table: the largest, items.
    table=(); [ "$format" = csv ] && table=(--table items)
    for _ in 1 2 3; do
      rm -f "$WORK/estate.$format"
      /usr/bin/time -f "%M" -o "$RESULTS/rss.txt" "$t" compare "$YAML" --format "$format" "${table[@]}" -o "$WORK/estate.$format"
      printf '%s %s %s kB\n' "$t" "$format" "$(cat "$RESULTS/rss.txt")"
    done
  done
done | tee "$RESULTS/memory.txt"

if [ -n "${BEFORE:-}" ]; then
  echo
  echo "== outputs of $TIES and $BEFORE, compared (sha256)"
  for which in this before; do
    t=$TIES; [ "$which" = before ] && t=$BEFORE
    out="$WORK/outputs-$which"
    rm -rf "$out"; mkdir -p "$out"
    for f in md html json; do "$t" compare "$YAML" --format "$f" > "$out/compare.$f" 2>/dev/null; done
    rm -rf "$out/tables"; "$t" compare "$YAML" --format csv -o "$out/tables" 2>/dev/null
    (cd "$out/tables" && cat -- *.csv) > "$out/compare-tables.csv"; rm -rf "$out/tables"
    "$t" compare "$YAML" --format xlsx -o "$out/compare.xlsx" --force 2>/dev/null
    "$t" compare "$XLSX" --format csv --table items > "$out/compare-workbooks.csv" 2>/dev/null
    for a in assessments/*/20*.yaml; do
      "$t" report "$a" --format html > "$out/report-$(echo "$a" | tr / _).html" 2>&1 || true
    done
    "$t" report "$GENERATED" --format html > "$out/report-generated.html" 2>&1
    # The workbook is compared by its cells below: a long table's texts are written in its
    # cells, not in a shared table, since the estate's workbook is written in bounded memory.
    (cd "$out" && sha256sum -- $(ls | grep -v '\.xlsx$') > "$RESULTS/outputs-$which.sha256")
  done
  python3 benches/same_cells.py "$WORK/outputs-before/compare.xlsx" "$WORK/outputs-this/compare.xlsx" \
    || echo "THE WORKBOOKS' CELLS DIFFER"
  if cmp -s "$RESULTS/outputs-this.sha256" "$RESULTS/outputs-before.sha256"; then
    echo "the same bytes: $(sha256sum < "$RESULTS/outputs-this.sha256" | cut -c1-16)"
  else
    echo "OUTPUTS DIFFER:"; diff "$RESULTS/outputs-before.sha256" "$RESULTS/outputs-this.sha256" || true
  fi
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/machine.txt"
echo "Results are in $RESULTS."
