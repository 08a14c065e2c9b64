#!/usr/bin/env bash
# Validates built editions with the external checkers: EPUBCheck 4.2.6
# (--failonwarnings), epubcheck-ts (EPUBCheck 5 rules), DAISY Ace, qpdf and
# pdffonts. Exits non-zero on the first edition that is not clean.
# usage: scripts/validate.sh FILE.epub|FILE.pdf ...
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
fail=0
for f in "$@"; do
  case "$f" in
  *.epub)
    echo "== EPUBCheck 4.2.6: $f"
    java -jar /usr/share/java/epubcheck.jar --failonwarnings "$f" 2>&1 | grep -E "Messages:|ERROR|WARNING|FATAL" || true
    java -jar /usr/share/java/epubcheck.jar --failonwarnings "$f" >/dev/null 2>&1 || { echo "FAIL: EPUBCheck"; fail=1; }
    echo "== epubcheck-ts: $f"
    out=$("$here/tools/node_modules/.bin/epubcheck-ts" "$f" --fail-on-warnings 2>&1); rc=$?
    echo "$out" | grep -E "Errors:|Warnings:|ERROR|WARN" | sed 's/\x1b\[[0-9;]*m//g'
    [ $rc -eq 0 ] || { echo "$out"; echo "FAIL: epubcheck-ts"; fail=1; }
    echo "== Ace: $f"
    ace_out=$(mktemp -d)
    PUPPETEER_EXECUTABLE_PATH="${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}" \
      "$here/tools/node_modules/.bin/ace-cli" -s -f -E -o "$ace_out" "$f" >"$ace_out/log" 2>&1; rc=$?
    if [ $rc -ne 0 ]; then
      cat "$ace_out/log"
      python3 - "$ace_out/report.json" <<'PY' || true
import json, sys
d = json.load(open(sys.argv[1]))
for a in d.get("assertions", []):
    for x in a.get("assertions", []):
        print(" ", a["earl:testSubject"]["url"], x["earl:test"]["dct:title"], x["earl:test"]["earl:impact"],
              x["earl:result"].get("dct:description", "")[:160].replace("\n", " "))
PY
      echo "FAIL: Ace (exit $rc)"; fail=1
    else
      echo "Ace: no violations"
    fi
    rm -rf "$ace_out"
    ;;
  *.pdf)
    echo "== qpdf --check: $f"
    qpdf --check "$f" >/tmp/qpdf.$$ 2>&1 || { cat /tmp/qpdf.$$; echo "FAIL: qpdf"; fail=1; }
    tail -1 /tmp/qpdf.$$; rm -f /tmp/qpdf.$$
    echo "== pdffonts: $f"
    pdffonts "$f"
    if pdffonts "$f" | awk 'NR>2 && $(NF-4) != "yes" {bad=1} END {exit !bad}'; then
      echo "FAIL: a font is not embedded"; fail=1
    fi
    ;;
  *) echo "validate: unknown file type $f"; fail=1 ;;
  esac
done
exit $fail
