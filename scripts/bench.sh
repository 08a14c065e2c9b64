#!/usr/bin/env bash
# Whole-build timings from a built binary: the article (both editions) and a
# generated 500,000-word book with a note every 300 words. Prints wall time
# and peak memory (GNU time) for each; run by `make bench`. BIG=1 adds the
# 50 MB manuscript (minutes, several GB).
set -euo pipefail
cd "$(dirname "$0")/.."
go build -trimpath -o bin/press ./cmd/press
go build -trimpath -o bin/genbook ./cmd/genbook
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
timeit() { # label, command...
  local label=$1; shift
  local best=""
  for i in 1 2 3 4 5; do
    local start end ms
    # bash's own clock: $(date) would add two process starts to each run.
    start=${EPOCHREALTIME/[.,]/}
    "$@" >/dev/null 2>&1
    end=${EPOCHREALTIME/[.,]/}
    ms=$(( (end - start) / 1000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  local rss
  /usr/bin/time -o "$tmp/time" -f "%M" "$@" >/dev/null 2>&1
  rss=$(tail -1 "$tmp/time")
  printf "%-44s best of 5: %6d ms   peak RSS: %6.0f MiB\n" "$label" "$best" "$(echo "$rss/1024" | bc -l)"
}
timeit "article, EPUB + PDF (a5)" bin/press build -o "$tmp/a" book
bin/genbook -words 500000 -note-every 300 "$tmp/long" >/dev/null
timeit "500,000 words, note every 300, EPUB + PDF" bin/press build -o "$tmp/l" "$tmp/long"
bin/press build -o "$tmp/l" "$tmp/long" 2>/dev/null | sed 's/^/  /'
bin/genbook -words 500000 -note-every 300 -figure-every 5000 -table-every 10000 "$tmp/illustrated" >/dev/null
timeit "500,000 words, figure every 5,000, table every 10,000" bin/press build -o "$tmp/i" "$tmp/illustrated"
bin/press build -o "$tmp/i" "$tmp/illustrated" 2>/dev/null | sed 's/^/  /'
# BIG=1: the 50 MB manuscript (8,000,000 words, a note every 300), timed once.
if [ -n "${BIG:-}" ]; then
  bin/genbook -words 8000000 -note-every 300 -seed 3 "$tmp/big" >/dev/null
  /usr/bin/time -o "$tmp/time" -f "%e %M" bin/press build -o "$tmp/b" "$tmp/big" >/dev/null 2>&1
  read -r secs rss < "$tmp/time"
  printf "%-44s once:      %6.1f s    peak RSS: %6.0f MiB\n" "50 MB manuscript (8M words), EPUB + PDF" "$secs" "$(echo "$rss/1024" | bc -l)"
fi
