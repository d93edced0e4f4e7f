#!/usr/bin/env bash
# The patterns-and-flows report, Palermo against an equivalent pandas script (bench/report_pandas.py), on the
# same input in the same run, release build, best of 3 wall-clock times each:
#   1. UNODC's GLOTIP XLSX (46,556 rows): from the file (palermo import glotip + report, against pandas
#      reading the XLSX), and from the stored cells (palermo report, against pandas reading the same table
#      from the same SQLite file);
#   2. N synthetic case records (default one million; `palermo demo --cases N`, made once and kept in
#      bench/.data): palermo report --source cases, against pandas reading the same SQLite file.
# Usage: bench/report.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-1000000}
GLOTIP=../shared/data/glotip/data_glotip.xlsx
python3 -c 'import pandas, openpyxl' 2> /dev/null || pip install -q pandas openpyxl
swift build -c release --product palermo --scratch-path .build-release > /dev/null
BIN=$PWD/.build-release/release/palermo
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export PALERMO_GLOTIP_FILE=""

best() {  # best of 3 wall-clock seconds of a command
  local best=999999
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s.%N)
    best=$(python3 -c "print(min($best, $end - $start))")
  done
  echo "$best"
}

report() {  # report() NAME PALERMO_SECONDS PANDAS_SECONDS
  python3 -c "print(f'{\"$1\":58s} palermo {$2:7.2f} s   pandas {$3:7.2f} s   pandas/palermo {$3 / $2:5.1f}x')"
}

echo "machine: $(nproc) cores; pandas $(python3 -c 'import pandas; print(pandas.__version__)'); $(git rev-parse --short HEAD)"

db="$WORK/glotip.sqlite"
import_and_report() {
  rm -f "$db" "$db-wal" "$db-shm"
  "$BIN" import glotip "$GLOTIP" --database "$db" --key-file "$WORK/keys.json" &&
  "$BIN" report patterns-and-flows --from 2003 --to 2021 --out "$WORK/p1" --database "$db" --key-file "$WORK/keys.json"
}
p=$(best import_and_report)
q=$(best python3 bench/report_pandas.py xlsx "$GLOTIP" 2003 2021 "$WORK/q1")
report "GLOTIP, from the XLSX (import + report)" "$p" "$q"
p=$(best "$BIN" report patterns-and-flows --from 2003 --to 2021 --out "$WORK/p2" --database "$db" --key-file "$WORK/keys.json")
q=$(best python3 bench/report_pandas.py store "$db" 2003 2021 "$WORK/q2")
report "GLOTIP, from the stored cells (report only)" "$p" "$q"
cmp -s <(cut -d, -f1-10 "$WORK/p2/trend.csv") <(cut -d, -f1-10 "$WORK/q2/trend.csv") && echo "  trend tables agree" || echo "  TREND TABLES DIFFER"

mkdir -p bench/.data
cases_db="bench/.data/cases-$CASES.sqlite"
if [ ! -f "$cases_db" ]; then
  echo "making $CASES synthetic case records (once; kept in $cases_db)…"
  start=$(date +%s)
  "$BIN" demo --cases "$CASES" --database "$cases_db" --key-file "bench/.data/keys.json" > /dev/null
  echo "  took $(( $(date +%s) - start )) s"
fi
"$BIN" migrate --database "$cases_db" --key-file bench/.data/keys.json > /dev/null 2>&1  # schema of this build, outside the timing
p=$(best "$BIN" report patterns-and-flows --source cases --from 2016 --to 2026 --out "$WORK/p3" --database "$cases_db" --key-file bench/.data/keys.json)
q=$(best python3 bench/report_pandas.py cases "$cases_db" 2016 2026 "$WORK/q3")
report "$CASES case records (report only)" "$p" "$q"
cmp -s <(cut -d, -f1-4 "$WORK/p3/trend.csv") <(cut -d, -f1-4 "$WORK/q3/trend.csv") && echo "  trend tables agree" || echo "  TREND TABLES DIFFER"
