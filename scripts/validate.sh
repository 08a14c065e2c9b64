#!/usr/bin/env bash
# Validates built editions with the external checkers: EPUBCheck 4.2.6
# (--failonwarnings), epubcheck-ts (EPUBCheck 5 rules), DAISY Ace, qpdf and
# pdffonts; for HTML editions the W3C Nu checker, axe-core and a link check
# in headless Chromium. Exits non-zero on the first edition that is not clean.
# usage: scripts/validate.sh FILE.epub|FILE.pdf|FILE.html ...
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
fail=0
for f in "$@"; do
  case "$f" in
  *.epub)
    out=$(java -jar /usr/share/java/epubcheck.jar --failonwarnings "$f" 2>&1); rc=$?
    if [ $rc -eq 0 ]; then
      echo "EPUBCheck 4.2.6: $f: ok ($(echo "$out" | grep -m1 'Messages:' | sed 's/^Messages: //'))"
    else
      echo "$out" | grep -E "Messages:|ERROR|WARNING|FATAL"; echo "FAIL: EPUBCheck 4.2.6: $f"; fail=1
    fi
    out=$("$here/tools/node_modules/.bin/epubcheck-ts" "$f" --fail-on-warnings 2>&1); rc=$?
    if [ $rc -eq 0 ]; then
      echo "epubcheck-ts: $f: ok ($(echo "$out" | sed 's/\x1b\[[0-9;]*m//g' | grep -E "Errors:|Warnings:" | tr -s ' \n' ' ' | sed 's/^ //;s/ $//'))"
    else
      echo "$out"; echo "FAIL: epubcheck-ts: $f"; fail=1
    fi
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
      echo "FAIL: Ace: $f (exit $rc)"; fail=1
    else
      echo "Ace: $f: ok (no violations)"
    fi
    rm -rf "$ace_out"
    ;;
  *.pdf)
    # qpdf always ends with a caveat about "errors that qpdf cannot detect",
    # which reads like a failure on its own: print a verdict instead and the
    # full output only when qpdf reports a problem.
    qpdf_log=$(mktemp)
    if qpdf --check "$f" >"$qpdf_log" 2>&1 && ! grep -qiE "^WARNING|error:" "$qpdf_log"; then
      echo "qpdf --check: $f: ok (no syntax or stream errors)"
    else
      cat "$qpdf_log"; echo "FAIL: qpdf --check: $f"; fail=1
    fi
    rm -f "$qpdf_log"
    if ! fonts=$(pdffonts "$f" 2>&1); then
      echo "$fonts"; echo "FAIL: pdffonts: $f"; fail=1
    elif echo "$fonts" | awk 'NR>2 && $(NF-4) != "yes" {bad=1} END {exit !bad}'; then
      echo "$fonts"; echo "FAIL: pdffonts: $f: a font is not embedded"; fail=1
    else
      echo "pdffonts: $f: ok ($(echo "$fonts" | awk 'NR>2' | wc -l) fonts, all embedded)"
    fi
    ;;
  *.html)
    # The W3C Nu HTML checker (vnu-jar from npm, run on the JRE), warnings
    # counted as errors; then axe-core and a click on every contents and
    # note link in headless Chromium (scripts/html-check.mjs).
    if out=$(java -jar "$here/tools/node_modules/vnu-jar/build/dist/vnu.jar" --Werror "$f" 2>&1); then
      echo "Nu HTML checker: $f: ok (0 errors, 0 warnings)"
    else
      echo "$out"; echo "FAIL: Nu HTML checker: $f"; fail=1
    fi
    if ! node "$here/scripts/html-check.mjs" "$f"; then
      echo "FAIL: html-check (axe-core, links): $f"; fail=1
    fi
    ;;
  *) echo "validate: unknown file type $f"; fail=1 ;;
  esac
done
exit $fail
