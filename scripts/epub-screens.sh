#!/usr/bin/env bash
# Screenshots of an EPUB as a real reading system shows it: foliate-js (the
# renderer of the Foliate reader) in headless Chromium, at a phone-like and a
# tablet-like size. For looking at the typography, not for tests.
#
# usage: scripts/epub-screens.sh EPUB OUTDIR
#
# Writes OUTDIR/*.png:
#   {phone,tablet}-01-titlepage     the first spine item
#   {phone,tablet}-02-text-start    where Foliate opens the book (landmark
#                                   "bodymatter")
#   {phone,tablet}-03-heading       the first chapter heading
#   {phone,tablet}-04-blockquote    the first block quotation
#   {phone,tablet}-05-noteref       the first note reference
#   {phone,tablet}-06-byline        the byline (p.byline)
#   {phone,tablet}-07-endnotes      the notes
#   {phone,tablet}-08-toc           the table of contents in Foliate's side bar
#   phone-09-text-publisher-only    the text start with the publisher's CSS
#                                   alone (no reading-system overrides)
#   zoom-*                          close-ups at 3 device pixels a CSS pixel:
#                                   title, title page colophon, a chapter
#                                   heading, the note reference in its line,
#                                   the block quotation, the byline, the notes
# and OUTDIR/fonts.txt (the fonts Chromium really used, element by element)
# and OUTDIR/diag.json (computed styles and loaded fonts of every spine item).
#
# Environment: SIZES (default "phone=600x900 tablet=1280x800"), ZOOM_SIZE
# (window of the close-ups, default 600x900), SHOTS (a file of shots to take
# instead of these, in the format of scripts/epub-screens/shoot.mjs), PORT
# (default: a free one), CHROMIUM (default /usr/bin/chromium), SHOT_TIMEOUT
# (seconds for one place to render, default 30). The browser part of the
# run is bounded to 10 minutes.
#
# Caveat: Debian's Chromium has no hyphenation dictionaries (Chrome fetches
# them as a component, which is turned off here), so `hyphens: auto` breaks
# no word in these pictures; only soft hyphens (U+00AD) in the text do.
#
# Needs node/npm, python3 and Debian's chromium. foliate-js is installed into
# tools/foliate/node_modules (npm ci) when it is missing.
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 EPUB OUTDIR" >&2
	exit 2
fi
repo="$(cd "$(dirname "$0")/.." && pwd)"
epub="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[ -f "$epub" ] || { echo "epub-screens: no such file: $1" >&2; exit 2; }
mkdir -p "$2"
out="$(cd "$2" && pwd)"
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
command -v node >/dev/null || { echo "epub-screens: node is required" >&2; exit 1; }
command -v python3 >/dev/null || { echo "epub-screens: python3 is required" >&2; exit 1; }
[ -x "$chromium_bin" ] || { echo "epub-screens: no Chromium at $chromium_bin (apt-get install chromium)" >&2; exit 1; }

if [ ! -f "$repo/tools/foliate/node_modules/foliate-js/view.js" ]; then
	echo "epub-screens: installing foliate-js into tools/foliate"
	(cd "$repo/tools/foliate" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The server's root: the reader page, foliate-js and the book, by links.
root="$(mktemp -d)"
log="$(mktemp)"
server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	rm -rf "$root" "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ln -s "$repo/tools/foliate/node_modules" "$root/node_modules"
ln -s "$repo/scripts/epub-screens" "$root/reader"
ln -s "$epub" "$root/book.epub"

port="${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$root" >"$log" 2>&1 &
server_pid=$!
up=0
for _ in $(seq 50); do
	if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/reader/reader.html', timeout=1)" 2>/dev/null; then
		up=1
		break
	fi
	sleep 0.1
done
if [ $up = 0 ]; then
	echo "epub-screens: the local server did not start on 127.0.0.1:$port" >&2
	cat "$log" >&2
	exit 1
fi

shots="$root/shots.txt"
{
	first=1
	for size in ${SIZES:-phone=600x900 tablet=1280x800}; do
		n="${size%%=*}"
		wh="${size#*=}"
		echo "$n-00-cover $wh &go=0"
		echo "$n-01-titlepage $wh &go=sel:section.titlepage>h1"
		echo "$n-02-text-start $wh &go=start"
		echo "$n-03-heading $wh &go=sel:section[role=doc-chapter]>h1"
		echo "$n-04-blockquote $wh &go=sel:blockquote"
		echo "$n-05-noteref $wh &go=sel:a.noteref"
		echo "$n-06-byline $wh &go=sel:p.byline"
		echo "$n-07-endnotes $wh &go=sel:section.endnotes"
		echo "$n-08-toc $wh &go=start&toc=1"
		if [ $first = 1 ]; then
			echo "$n-09-text-publisher-only $wh &go=start&styles=none"
			echo "diag $wh &diag=1"
			first=0
		fi
	done
	z="${ZOOM_SIZE:-600x900}@3"
	echo "zoom-title $z &go=sel:section.titlepage>h1 target:16"
	echo "zoom-colophon $z &go=sel:section.titlepage>p.colophon target:16"
	echo "zoom-heading $z &go=sel:section[role=doc-chapter]>h1 target:16"
	echo "zoom-noteref $z &go=sel:a.noteref target:260,40"
	echo "zoom-blockquote $z &go=sel:blockquote target:40,30"
	echo "zoom-byline $z &go=sel:p.byline target:16,50"
	echo "zoom-endnotes $z &go=sel:section.endnotes>ol target:16"
} >"$shots"
[ -z "${SHOTS:-}" ] || cp "$SHOTS" "$shots"

rm -f "$out"/*.png "$out/fonts.txt" "$out/diag.json"
rc=0
timeout 600 node "$repo/scripts/epub-screens/shoot.mjs" \
	"http://127.0.0.1:$port/reader/reader.html?book=../book.epub" "$out" "$shots" || rc=$?
echo "epub-screens: $(ls "$out"/*.png 2>/dev/null | wc -l) screenshots in $out"
exit $rc
