#!/usr/bin/env bash
# Runs each fuzz target for FUZZTIME (default 30s), one after another, and
# prints the number of inputs each one ran. A failing input is written to the
# package's testdata/fuzz/<Target>/ by go test: keep it there, it becomes a
# regression case that every `go test` runs.
#
#   scripts/fuzz.sh                    30 s each
#   FUZZTIME=10m scripts/fuzz.sh       10 minutes each
#   FUZZTIME=10s scripts/fuzz.sh       the short pass CI runs
#
# FUZZPARALLEL (default 1) is the number of fuzzing workers per target;
# FUZZTIMEOUT (default 2h) stops a target whose input hangs.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
FUZZTIME=${FUZZTIME:-30s}
FUZZPARALLEL=${FUZZPARALLEL:-1}
FUZZTIMEOUT=${FUZZTIMEOUT:-2h}

# package and target; a target whose test file is missing is skipped.
targets=(
  "./internal/mdread FuzzReadEPUB"   # Markdown reader -> passes -> EPUB writer: well-formed XHTML
  "./internal/hyphen FuzzPoints"     # hyphenator against an oracle
  "./internal/hyphen FuzzUnmarshal"  # compiled patterns: rejected or safe to match with
  "./internal/linebreak FuzzBreak"   # line breaker: terminates, covers every item in order
  "./internal/importer FuzzImport"   # press import
  "./internal/svg FuzzParse"         # SVG reader: fails cleanly or gives finite shapes
  "./internal/deflate FuzzAppend"    # compressor: reads back through compress/flate, same bytes whatever came before
)

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
status=0
summary=()
for t in "${targets[@]}"; do
  read -r pkg name _ <<<"$t"
  if ! grep -qs "^func $name(" "$pkg"/*_test.go; then
    echo "fuzz: $pkg $name: not found, skipped"
    summary+=("$(printf '%-20s %-14s %s' "$pkg" "$name" "skipped (no such target)")")
    continue
  fi
  echo "fuzz: $pkg $name for $FUZZTIME"
  log="$logs/$name.log"
  start=$(date +%s)
  if "$GO" test -run '^$' -fuzz "^$name\$" -fuzztime "$FUZZTIME" -fuzzminimizetime 10s -timeout "$FUZZTIMEOUT" \
      -parallel "$FUZZPARALLEL" "$pkg" >"$log" 2>&1; then
    result=ok
  else
    result=FAIL
    status=1
    cat "$log"
  fi
  secs=$(( $(date +%s) - start ))
  execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | cut -d' ' -f2 || true)
  summary+=("$(printf '%-20s %-14s %-4s %12s execs in %ss' "$pkg" "$name" "$result" "${execs:-?}" "$secs")")
done
echo
printf '%s\n' "${summary[@]}"
exit $status
