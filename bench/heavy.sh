#!/usr/bin/env bash
# Does heavy work leave the event loops free? Measures /health latency (wrk, one connection, on loopback)
# idle, while 8 patterns-and-flows reports run at once (repeatedly, for the whole run), and during a burst of
# 50 concurrent sign-ins. Bounded in time; loopback only. Target: /health p99 under 100 ms in each.
#   bench/heavy.sh [seconds]                     (default 10)
#   PALERMO_BIN=/path/to/palermo bench/heavy.sh  (measure another build, e.g. an earlier commit's)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
command -v wrk > /dev/null || { echo "install wrk: apt-get install wrk" >&2; exit 1; }
BIN=${PALERMO_BIN:-}
if [ -z "$BIN" ]; then
  swift build -c release --product palermo --scratch-path .build-release > /dev/null
  BIN=.build-release/release/palermo
fi
WORK=$(mktemp -d /tmp/palermo-heavy.XXXXXX)
PORT=${PALERMO_BENCH_PORT:-8097}
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2> /dev/null; jobs -p | xargs -r kill 2> /dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
DB="$WORK/bench.sqlite" KEYS="$WORK/keys.json"

"$BIN" demo --database "$DB" --key-file "$KEYS" > /dev/null
"$BIN" import glotip ../shared/data/glotip/data_glotip.xlsx --database "$DB" --key-file "$KEYS" > /dev/null
"$BIN" serve --database "$DB" --key-file "$KEYS" --port "$PORT" --no-demo --log-level warning > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.5; done
base="http://127.0.0.1:$PORT"
token=$(curl -sf "$base/api/v1/auth/token" -H 'content-type: application/json' \
  -d '{"username":"george","password":"palermo-demo"}' | python3 -c 'import sys, json; print(json.load(sys.stdin)["token"])')

health() { # label
  wrk -t1 -c1 -d"${DURATION}s" --latency "$base/health" > "$WORK/health.txt"
  local p99=$(awk '/^ +99%/ {print $2}' "$WORK/health.txt") rate=$(awk '/Requests\/sec/ {print $2}' "$WORK/health.txt")
  printf '%-34s /health p99 %-9s (%s req/s)\n' "$1" "$p99" "$rate"
}

health "idle"

# `clients` clients, each asking again as soon as it has its answer, until the measurement ends; the status
# codes they get go to `file`.
load() { # clients file curl-arguments...
  local clients=$1 file=$2; shift 2
  local stop=$((SECONDS + DURATION + 2))
  for _ in $(seq 1 "$clients"); do
    ( while [ $SECONDS -lt $stop ]; do nice -n 10 curl -s -o /dev/null -w '%{http_code}\n' "$@" >> "$file"; done ) &
  done
}
finish() { wait $(jobs -p | grep -v "^$SERVER$") 2> /dev/null || true; }

load 8 "$WORK/reports.txt" -H "Authorization: Bearer $token" "$base/api/v1/statistics/patterns-and-flows?from=2003&to=2022"
sleep 1
health "8 concurrent reports"
finish
echo "  report answers: $(sort "$WORK/reports.txt" | uniq -c | tr '\n' ' ')"

# Sign-ins of a user that does not exist: each costs a bcrypt, as a real one does.
load 50 "$WORK/logins.txt" "$base/api/v1/auth/token" -H 'content-type: application/json' \
  -d '{"username":"nobody-here","password":"wrong password"}'
sleep 1
health "50 concurrent sign-ins"
finish
echo "  sign-in answers: $(sort "$WORK/logins.txt" | uniq -c | tr '\n' ' ')"
