#!/usr/bin/env bash
# The case list as a caseworker reads it: the page with names and ages (25 rows, each opened from its sealed
# fields, one audit entry per page), and the same list from the API, at 50 connections on SQLite with wrk.
# Builds palermo in release mode; prints pages per second and p99 latency.
#   bench/caselist.sh [seconds]      (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
command -v wrk > /dev/null || { echo "install wrk: apt-get install wrk" >&2; exit 1; }
BIN=${PALERMO_BIN:-}
if [ -z "$BIN" ]; then
  swift build -c release --product palermo --scratch-path .build-release > /dev/null
  BIN=.build-release/release/palermo
fi
WORK=$(mktemp -d /tmp/palermo-caselist.XXXXXX)
PORT=8183
"$BIN" serve --database "$WORK/bench.sqlite" --key-file "$WORK/keys.json" --port $PORT --log-level warning > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2> /dev/null' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.5; done
BASE="http://127.0.0.1:$PORT"

# Sign in through the form as amina, as a browser would: the login page's token, then the session cookie.
JAR="$WORK/cookies.txt"
TOKEN=$(curl -sf -c "$JAR" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1 | sed 's/&#43;/+/g')
curl -sf -b "$JAR" -c "$JAR" -o /dev/null "$BASE/login" --data-urlencode "_csrf=$TOKEN" \
  --data-urlencode "username=amina" --data-urlencode "password=palermo-demo"
SESSION=$(awk '$6 == "palermo-session" {print $7}' "$JAR")
API_TOKEN=$(curl -sf "$BASE/api/v1/auth/token" -H 'content-type: application/json' \
  -d '{"username":"amina","password":"palermo-demo","name":"bench"}' | python3 -c 'import sys, json; print(json.load(sys.stdin)["token"])')
ROWS=$(curl -sf -b "palermo-session=$SESSION" "$BASE/cases?perPage=25" | grep -o '<tr>' | wc -l)
echo "palermo $(git rev-parse --short HEAD 2> /dev/null), $(nproc) cores, wrk -t2 -c50 -d${DURATION}s; the page shows $((ROWS - 1)) rows"
measure() {
  local name=$1; shift
  wrk -t2 -c50 -d${DURATION}s --timeout 5s --latency "$@" > "$WORK/$name.txt"
  printf '%-22s %10s pages/s   p99 %8s   %s\n' "$name" "$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")" \
    "$(awk '$1 == "99%" {print $2}' "$WORK/$name.txt")" "$(awk '/Non-2xx|Socket errors/' "$WORK/$name.txt" | tr '\n' ' ')"
}
measure "list page (HTML)" -H "Cookie: palermo-session=$SESSION" "$BASE/cases?perPage=25"
measure "list (API)" -H "Authorization: Bearer $API_TOKEN" "$BASE/api/v1/cases?perPage=25"
echo "raw wrk output: $WORK"
