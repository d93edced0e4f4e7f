#!/usr/bin/env bash
# Load test of the case API with wrk (Debian's package), on loopback only and bounded in time:
# case list, case read and case create at 50 concurrent connections, against SQLite and PostgreSQL.
# Builds palermo in release mode. Prints requests per second and p99 latency for each.
#   bench/load.sh [seconds-per-run]      (default 15)
#   PALERMO_BIN=/path/to/palermo bench/load.sh 10     (measure that build instead)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONNECTIONS=50
THREADS=2
command -v wrk > /dev/null || { echo "install wrk: apt-get install wrk" >&2; exit 1; }

# PALERMO_BIN runs another build instead, for instance an earlier commit's, to calibrate a slower machine.
BIN=${PALERMO_BIN:-}
if [ -z "$BIN" ]; then
  swift build -c release --product palermo --scratch-path .build-release > /dev/null
  BIN=.build-release/release/palermo
fi
WORK=$(mktemp -d /tmp/palermo-bench.XXXXXX)
. scripts/postgres.sh
start_postgres 54331 palermo_bench
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2> /dev/null; stop_postgres; }
trap cleanup EXIT

json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }
# CPU time taken by other guests of a virtual machine ("steal"), in hundredths of a second since boot,
# and in all: a run during which the host lends the cores elsewhere is slower for no fault of the code.
cpu_ticks() { awk '/^cpu / {print $9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }

run_backend() {
  local name=$1 database=$2 port=$3
  "$BIN" serve --database "$database" --key-file "$WORK/keys-$name.json" --port "$port" --log-level warning > "$WORK/serve-$name.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.5; done
  local base="http://127.0.0.1:$port/api/v1"
  export PALERMO_TOKEN=$(curl -sf "$base/auth/token" -H 'content-type: application/json' \
      -d '{"username":"amina","password":"palermo-demo","name":"bench"}' | json '["token"]')
  local id=$(curl -sf "$base/cases?perPage=1" -H "authorization: Bearer $PALERMO_TOKEN" | json '["items"][0]["id"]')
  for test in list read create; do
    case $test in
      list) args=(-H "Authorization: Bearer $PALERMO_TOKEN" "$base/cases?perPage=25") ;;
      read) args=(-H "Authorization: Bearer $PALERMO_TOKEN" "$base/cases/$id") ;;
      create) args=(-s bench/create.lua "$base/cases") ;;
    esac
    read -r steal0 total0 < <(cpu_ticks)
    wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout 5s --latency "${args[@]}" > "$WORK/$name-$test.txt"
    read -r steal1 total1 < <(cpu_ticks)
    local steal=$(awk -v s=$((steal1 - steal0)) -v t=$((total1 - total0)) 'BEGIN {printf "%.1f", (t > 0 ? 100 * s / t : 0)}')
    local rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name-$test.txt")
    local p99=$(awk '$1 == "99%" {print $2}' "$WORK/$name-$test.txt")
    local errors=$(awk '/Non-2xx|Socket errors/ {print}' "$WORK/$name-$test.txt" | tr '\n' ' ')
    printf '%-10s %-7s %10s req/s   p99 %8s   steal %4s %%   %s\n' "$name" "$test" "$rps" "$p99" "$steal" "$errors"
  done
  kill "$SERVER"; wait "$SERVER" 2> /dev/null || true; SERVER=""
}

echo "palermo ${PALERMO_BIN:-$(git rev-parse --short HEAD 2> /dev/null)}, $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
run_backend sqlite "$WORK/bench.sqlite" 8181
run_backend postgres "$PALERMO_PG_URL" 8182
echo "raw wrk output: $WORK"
