#!/usr/bin/env bash
# Synthetic records from N HTCDS-shaped case records over 8 attributes, reporting length 3, in one run:
# Palermo's k-synthesis (k = 10) and its differentially private variant (ε = 4), against pac-synth 0.0.8 (the
# Rust core of Microsoft's synthetic-data-showcase; the package ships only its DP synthesizer, run with the
# same length and ε). Wall time and peak memory of each, the mean error of 1-, 2- and 3-attribute counts by one
# yardstick (bench/combination_error.py), and the ratios. Then secondary suppression of a 3-way table of
# 100,000 inner cells. Release build; --no-audit times the methods alone, as pac-synth does no risk audit.
#   bench/publish.sh [records]      (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
BIN=${PALERMO_BIN:-}
if [ -z "$BIN" ]; then
  swift build -c release --product palermo --scratch-path .build-release > /dev/null
  BIN=.build-release/release/palermo
fi
python3 -c "import pacsynth" 2> /dev/null || python3 -m pip install -q pac-synth==0.0.8
WORK=$(mktemp -d /tmp/palermo-publish.XXXXXX)
python3 bench/make_microdata.py "$N" "$WORK/records.csv"

measure() { # name, command...: wall seconds and peak MB into $WORK/name.time
  local name=$1; shift
  /usr/bin/time -v "$@" > "$WORK/$name.out" 2> "$WORK/$name.time"
}
seconds() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$WORK/$1.time"; }
peak() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$WORK/$1.time"; }

measure ksynth "$BIN" publish --input "$WORK/records.csv" --method synthetic --k 10 --length 3 --no-audit \
  --out "$WORK/ksynth"
measure dp "$BIN" publish --input "$WORK/records.csv" --method synthetic-dp --k 10 --length 3 --epsilon 4 \
  --no-audit --out "$WORK/dp"
measure pac python3 bench/pac_synth.py "$WORK/records.csv" "$WORK/pac.csv" 3 4

echo "$N records, 8 attributes, reporting length 3, $(nproc) cores; palermo $(git rev-parse --short HEAD 2> /dev/null)"
printf "%-34s %9s %9s   %s\n" "synthesis" "seconds" "peak MB" "mean error of 1-, 2-, 3-attribute counts"
for run in ksynth:"palermo synthetic (k = 10)":ksynth/records.csv dp:"palermo synthetic-dp (ε = 4)":dp/records.csv \
  pac:"pac-synth DP (ε = 4)":pac.csv; do
  IFS=: read -r name label file <<< "$run"
  printf "%-34s %9s %9s   %s\n" "$label" "$(seconds "$name")" "$(peak "$name")" \
    "$(python3 bench/combination_error.py "$WORK/records.csv" "$WORK/$file")"
done
awk -v a="$(seconds ksynth)" -v b="$(seconds dp)" -v p="$(seconds pac)" -v ma="$(peak ksynth)" -v mb="$(peak dp)" \
  -v mp="$(peak pac)" 'BEGIN {
    printf "time, pac-synth / palermo: %.2f (k-synthesis), %.2f (DP)\n", p / a, p / b
    printf "peak memory, pac-synth / palermo: %.2f (k-synthesis), %.2f (DP)\n", mp / ma, mp / mb }'

# Secondary suppression: 100 × 50 × 20 categories, counts skewed so that many cells are small.
python3 - "$WORK/cells.csv" << 'PY'
import csv, random, sys
rng = random.Random(7)
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["a", "b", "c"])
    for a in range(100):
        for b in range(50):
            for c in range(20):
                for _ in range(int(rng.expovariate(1 / (6 if (a + b + c) % 3 else 30)))):
                    w.writerow([f"a{a}", f"b{b}", f"c{c}"])
PY
measure table "$BIN" publish --input "$WORK/cells.csv" --method table --threshold 5 --out "$WORK/table"
echo "secondary suppression, 3-way table of 100,000 inner cells ($(($(wc -l < "$WORK/cells.csv") - 1)) records):" \
  "$(seconds table) s, peak $(peak table) MB, including reading the records and the audit"
grep -E "^Table|took" "$WORK/table.out" || true
