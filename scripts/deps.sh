#!/usr/bin/env bash
# Installs what `make test` needs when it is missing: Debian packages for the
# validators and PDF tools, and the npm validators into tools/node_modules.
# Safe to run again: it installs only what is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
[ -f /usr/share/java/epubcheck.jar ] || need+=(epubcheck)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# HarfBuzz's hb-shape and fontTools check the e-book's cut fonts (internal/webfont).
command -v hb-shape >/dev/null 2>&1 || need+=(libharfbuzz-bin)
[ -d /usr/lib/python3/dist-packages/fontTools ] || need+=(python3-fonttools)
if [ ${#need[@]} -gt 0 ]; then
  echo "deps: installing Debian packages: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -x tools/node_modules/.bin/ace-cli ] || [ ! -x tools/node_modules/.bin/epubcheck-ts ] ||
  [ ! -f tools/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f tools/node_modules/axe-core/axe.min.js ] ||
  [ ! -d tools/node_modules/puppeteer-core ]; then
  command -v npm >/dev/null 2>&1 || { echo "deps: npm is required (install Node.js)"; exit 1; }
  echo "deps: installing the npm validators into tools/"
  # Ace drives the system Chromium; puppeteer must not download a browser.
  (cd tools && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
