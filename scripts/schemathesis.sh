#!/usr/bin/env bash
# Property-based tests of the HTTP API with schemathesis (PyPI) against /openapi.yaml: a fresh demo server on
# loopback, then one bounded run per role (caseworker, supervisor, analyst, national coordinator, system admin).
# Fails on any 5xx and on any status the document does not describe. Bounded by SCHEMATHESIS_EXAMPLES per
# operation (default 20) and SCHEMATHESIS_SECONDS per role (default 120).
#   scripts/schemathesis.sh [path/to/palermo]     (default: the debug build, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/palermo}
[ -x "$BIN" ] || swift build --product palermo > /dev/null
command -v schemathesis > /dev/null || python3 -m pip install -q schemathesis
EXAMPLES=${SCHEMATHESIS_EXAMPLES:-20}
SECONDS_PER_ROLE=${SCHEMATHESIS_SECONDS:-120}
PORT=${PALERMO_SCHEMATHESIS_PORT:-8098}
WORK=$(mktemp -d /tmp/palermo-schemathesis.XXXXXX)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2> /dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

"$BIN" serve --database "$WORK/api.sqlite" --key-file "$WORK/keys.json" --port "$PORT" --log-level warning \
  > "$WORK/serve.log" 2>&1 &
SERVER=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 240); do curl -sf "$base/health" > /dev/null && break; sleep 0.5; done
curl -sf "$base/health" > /dev/null || { echo "schemathesis: the server did not start"; cat "$WORK/serve.log"; exit 1; }

token() {
  curl -sf "$base/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"palermo-demo\",\"name\":\"schemathesis\"}" \
    | python3 -c 'import sys, json; print(json.load(sys.stdin)["token"])'
}

status=0
for user in amina brian george faith admin; do
  echo "schemathesis: as $user"
  # DELETE /auth/token would revoke the token the run is using.
  # One token per role, kept for a second run: by then the sign-in throttle has seen schemathesis's many
  # wrong passwords from this address and refuses a new sign-in for a while.
  bearer=$(token "$user")
  run_as() {
    schemathesis --no-color run "$base/openapi.yaml" --url "$base" -H "Authorization: Bearer $bearer" \
      --checks not_a_server_error,status_code_conformance --exclude-method DELETE \
      --max-examples "$EXAMPLES" --max-time "$SECONDS_PER_ROLE" --workers "${1:-2}" \
      --suppress-health-check all --seed 2010 > "$WORK/$user.txt" 2>&1
  }
  if ! run_as; then
    # schemathesis 4 sometimes errs inside itself (a KeyError while walking a schema's constraints, with two
    # workers) without any check failing. Such a run says nothing about the API: it is run once more, on one
    # worker. A run in which a check failed is never repeated.
    if ! grep -q "❌\|unique failure" "$WORK/$user.txt" && grep -q "KeyError" "$WORK/$user.txt"; then
      echo "schemathesis: an internal error of schemathesis as $user; running once more"
      grep -m 1 "KeyError" "$WORK/$user.txt" | cut -c1-160
      run_as 1 || { status=1; echo "schemathesis: FAILED as $user"; }
    else
      status=1
      echo "schemathesis: FAILED as $user"
    fi
  fi
  grep -E "passed|failed|Failures|^[_ ]*[0-9]+ (passed|failed)|5[0-9][0-9]|Undocumented|Server error|^ *\[[0-9]{3}\]|Received" \
    "$WORK/$user.txt" | tail -n 30
done
if grep -q "Fatal\|fatal error" "$WORK/serve.log"; then echo "schemathesis: the server crashed"; tail -n 20 "$WORK/serve.log"; status=1; fi
kill -0 "$SERVER" 2> /dev/null || { echo "schemathesis: the server is down"; status=1; }
exit $status
