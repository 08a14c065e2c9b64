#!/usr/bin/env bash
# realbooks.sh: build real Markdown books written by others with press, and
# print for each its pages, errors, warnings (by kind) and largest XHTML file.
#
# Books obtainable from the registries this project uses are fetched at pinned
# versions and checked against pinned SHA-256 sums:
#   goldmark  the README of github.com/yuin/goldmark v1.8.7 (MIT), from the Go
#             module cache (go mod download; the go command checks the module's
#             hash against go.sum's checksum database)
#   bookdown  Yihui Xie's "bookdown: Authoring Books and Technical Documents
#             with R Markdown", the examples/ folder of Debian's r-cran-bookdown
#             0.32+dfsg-1 (GPL-3): eleven chapter files in pandoc's Markdown
# Books that no such registry carries (Project Gutenberg's War and Peace and
# Moby-Dick, the Rust book's mdBook sources) are built when REALBOOKS names a
# folder holding them as press book folders (wp/, moby/, rustbook/src/), each
# with its own book.toml; the Rust book's src/book.toml sets include_root =
# ".." so that its {{#include}} directives read rustbook/listings/.
#
# Usage: scripts/realbooks.sh [WORKDIR]   (default: a fresh temporary folder)
# Nothing is written inside the repository; the books are never committed.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
press="$work/press"
(cd "$here" && go build -o "$press" ./cmd/press)

check() { # file sha256
	echo "$2  $1" | sha256sum -c --quiet - || { echo "realbooks: $1 does not match its pinned checksum" >&2; exit 1; }
}

# goldmark's README, from the module the project already depends on.
fetch_goldmark() {
	local dir
	dir=$(cd "$here" && go mod download -json github.com/yuin/goldmark@v1.8.7 | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
	mkdir -p "$work/goldmark"
	cp "$dir/README.md" "$work/goldmark/goldmark.md"
	chmod u+w "$work/goldmark/goldmark.md"
	check "$work/goldmark/goldmark.md" f64f1fc5902b4037eab76fb1ce3184d2cf6ac6881c1ce7d0427d7ca5b347a422
	cat > "$work/goldmark/book.toml" <<'TOML'
title = "goldmark"
authors = ["Yusuke Inuzuka"]
language = "en"
identifier = "urn:uuid:2f6b1c1e-6a1d-4b7e-9a8e-000000000abc"
date = "2026-12-01"
rights = "MIT License, Copyright (c) 2019 Yusuke Inuzuka"
contents = ["goldmark.md"]
TOML
}

# The bookdown book, from Debian's r-cran-bookdown.
fetch_bookdown() {
	local deb=r-cran-bookdown_0.32+dfsg-1_all.deb ex=usr/lib/R/site-library/bookdown/examples
	mkdir -p "$work/deb" "$work/bookdown"
	(cd "$work/deb" && { [ -f "$deb" ] || apt-get download r-cran-bookdown=0.32+dfsg-1 >/dev/null 2>&1; })
	check "$work/deb/$deb" 5cdb0c1d469dd4ecf9bcec1683d561c736a9d54c0d12b6397ec66a7aadd9a1c4
	dpkg-deb -x "$work/deb/$deb" "$work/deb/x"
	for f in "$work/deb/x/$ex"/[0-9]*.Rmd; do
		b=$(basename "$f" .Rmd)
		cp "$f" "$work/bookdown/$b.md"
	done
	cp -r "$work/deb/x/$ex/images" "$work/bookdown/"
	cat > "$work/bookdown/book.toml" <<'TOML'
title = "bookdown: Authoring Books and Technical Documents with R Markdown"
authors = ["Yihui Xie"]
language = "en"
identifier = "urn:uuid:9c1d7e2a-3b4f-4a5e-8d6c-7b8a9c0d1e2f"
date = "2026-12-01"
rights = "GPL-3; from the examples/ folder of Debian's r-cran-bookdown 0.32+dfsg-1"
TOML
}

# build NAME DIR: build one book and report.
build() {
	local name=$1 dir=$2 out="$work/out-$1" log="$work/$1.log"
	local status=0
	"$press" build -o "$out" "$dir" >"$log" 2>&1 || status=$?
	local pages errors warnings largest
	pages=$(sed -n 's/.*\.pdf .* \([0-9]*\) pages$/\1/p' "$log" | head -1)
	errors=$(grep -c '^error: ' "$log" || true)
	warnings=$(grep -c '^warning: ' "$log" || true)
	largest=$(unzip -l "$out"/*.epub 2>/dev/null | awk '/\.xhtml$/ {if ($1 > m) {m = $1; f = $4}} END {print m " " f}')
	printf '%-10s exit %d, %s pages, %s errors, %s warnings, largest XHTML %s bytes\n' "$name" "$status" "${pages:-?}" "$errors" "$warnings" "$largest"
	# Warnings by kind: the message with file, line and quoted parts removed.
	grep '^warning: ' "$log" | sed -E 's/^warning: [^ ]*:[0-9]*: //; s/^warning: [^:]*: //; s/"[^"]*"/"…"/g; s/\[[^]]*\]/[…]/g; s/\([^)]*\)/(…)/g; s/[0-9]+(\.[0-9]+)?/N/g; s/;.*//' | sort | uniq -c | sort -rn | sed 's/^/    /' || true
}

fetch_goldmark
build goldmark "$work/goldmark"
fetch_bookdown
build bookdown "$work/bookdown"
if [ -n "${REALBOOKS:-}" ]; then
	for b in wp moby rustbook/src; do
		[ -f "$REALBOOKS/$b/book.toml" ] || continue
		rm -rf "$work/copy-${b%%/*}" && cp -r "$REALBOOKS/${b%%/*}" "$work/copy-${b%%/*}"
		build "${b%%/*}" "$work/copy-${b%%/*}${b#"${b%%/*}"}"
	done
fi
echo "logs and editions in $work"
