#!/usr/bin/env bash
# Imports N synthetic HTCDS cases from one CSV (validated, sealed, audited, one transaction) into a fresh
# SQLite database with the release build, and prints the wall time, cases per second and peak memory.
#   bench/import.sh [cases]      (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
BIN=${PALERMO_BIN:-}
if [ -z "$BIN" ]; then
  swift build -c release --product palermo --scratch-path .build-release > /dev/null
  BIN=.build-release/release/palermo
fi
WORK=$(mktemp -d /tmp/palermo-import.XXXXXX)
python3 bench/make_cases.py "$N" "$WORK/cases.csv"
ARGS=(--database "$WORK/bench.sqlite" --key-file "$WORK/keys.json" --log-level warning)
"$BIN" demo --cases 0 "${ARGS[@]}" > /dev/null
/usr/bin/time -v "$BIN" import htcds "$WORK/cases.csv" --user brian "${ARGS[@]}" > "$WORK/import.txt" 2> "$WORK/time.txt"
SECONDS_TAKEN=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (i = 1; i <= length(t); i++) s = s * 60 + t[i]; print s}' "$WORK/time.txt")
PEAK_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
echo "palermo $(git rev-parse --short HEAD 2> /dev/null), $(nproc) cores: $(tail -1 "$WORK/import.txt")"
awk -v n="$N" -v s="$SECONDS_TAKEN" -v kb="$PEAK_KB" \
  'BEGIN {printf "%d cases in %.1f s: %.0f cases/s, peak memory %.0f MB\n", n, s, n / s, kb / 1024}'
