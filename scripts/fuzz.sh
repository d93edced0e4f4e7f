#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader of outside files with libFuzzer (it ships with the Swift toolchain
# on Linux) and AddressSanitizer. Builds the harness once in .build-fuzz, then fuzzes each target for
# FUZZ_SECONDS (default 60), seeded from ../shared/data and from Tests/Fuzz/regressions. A crash fails the run
# and leaves the input in .build-fuzz/findings/TARGET; copy it into Tests/Fuzz/regressions/TARGET and add a test.
#   scripts/fuzz.sh                 # all targets
#   scripts/fuzz.sh xlsx overlap    # some
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
# Targets whose findings are reported without failing the run, for an open finding being worked on
# (FUZZ_REPORT_ONLY="xlsx htcds"); none at present.
report_only=" ${FUZZ_REPORT_ONLY:-} "
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(csv xlsx htcds glotip overlap microdata)
shared=../shared/data

PALERMO_FUZZ=1 swift build --scratch-path .build-fuzz --product palermo-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -E "error|warning: unre|Compiling palermo|Build" || true
binary=$(PALERMO_FUZZ=1 swift build --scratch-path .build-fuzz --product palermo-fuzz --show-bin-path \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)/palermo-fuzz
[ -x "$binary" ] || { echo "fuzz: the harness did not build"; exit 1; }

seed() { # target -> seed files
  case $1 in
    csv) ls "$shared"/mse/*.csv ;;
    xlsx) ls "$shared"/htcds/*.xlsx ;;
    htcds) echo "$shared/htcds/HTCDS Excel Spreadsheet v2.0.xlsx"; ls Tests/Fuzz/seeds/htcds/* 2>/dev/null || true ;;
    glotip) ls Tests/Fuzz/seeds/glotip/* 2>/dev/null || true ;;
    overlap) ls "$shared"/mse/*.csv ;;
    microdata) ls Tests/Fuzz/seeds/microdata/* 2>/dev/null || true ;;
  esac
}

status=0
for target in "${targets[@]}"; do
  corpus=.build-fuzz/corpus/$target findings=.build-fuzz/findings/$target
  mkdir -p "$corpus" "$findings"
  while IFS= read -r file; do [ -f "$file" ] && cp "$file" "$corpus/" ; done < <(seed "$target")
  if [ -d "Tests/Fuzz/regressions/$target" ]; then cp Tests/Fuzz/regressions/"$target"/* "$corpus/" 2>/dev/null || true; fi
  echo "fuzz: $target for ${seconds}s"
  # rss_limit: a reader must not need more than 2 GB for any input; max_len: inputs up to 1 MB.
  if ! SWIFT_BACKTRACE=enable=no PALERMO_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 "$binary" "$corpus" \
      -max_total_time="$seconds" -max_len=1048576 -rss_limit_mb=2048 -timeout=20 \
      -artifact_prefix="$findings/" -print_final_stats=1 > "$findings/log.txt" 2>&1; then
    echo "fuzz: $target FOUND A CRASH:"; grep -E "Fatal error|SUMMARY|ERROR:|^ +#[0-9] " "$findings/log.txt" | head -n 30
    if [[ "$report_only" == *" $target "* ]]; then echo "fuzz: $target is report-only (known open finding)"; else status=1; fi
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$findings/log.txt" | sed "s/^/fuzz: $target /"
  fi
done
exit $status
