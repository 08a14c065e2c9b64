// Package hyphen finds the places where a word may be broken across lines,
// using Frank Liang's algorithm over TeX hyphenation patterns.
//
// The patterns are Knuth's plain TeX set (hyphen.tex, embedded unchanged
// because its licence forbids modification, and compiled into plaintex.bin
// for a fast start), so a word breaks exactly where plain TeX would break
// it. A pattern such as "1tion" or "hy3ph" gives an
// inter-letter value; for every gap in a word the largest value of all
// matching patterns wins and odd values allow a hyphen. A short exception
// list, in the file and added by a layout, overrides the patterns for whole
// words.
//
// The package only answers "where may this word break"; choosing a break,
// drawing the hyphen and handling explicit hyphens belong to the typesetter.
package hyphen

import (
	_ "embed"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// plainTeX is Knuth's hyphen.tex, byte for byte as distributed.
//
//go:embed hyphen.tex
var plainTeX []byte

// plainTeXCompiled is plainTeX's table in compiled form (compiled.go).
//
//go:embed plaintex.bin
var plainTeXCompiled []byte

// defaultTable reads the compiled plain TeX patterns on first use only:
// most programs that import the package for one command never hyphenate,
// and the read must be safe when several goroutines ask for the default
// set at once.
var defaultTable = sync.OnceValue(func() *table {
	t, err := unmarshal(plainTeXCompiled)
	if err != nil {
		// The file is embedded and covered by the tests, so this is a
		// build defect, not a runtime condition a caller could handle.
		panic("hyphen: embedded plaintex.bin: " + err.Error())
	}
	return t
})

// Hyphenator finds hyphenation points with one set of patterns and
// exceptions.
//
// Points and Hyphenate may be called from many goroutines at once.
// AddExceptions changes the Hyphenator, so call it while setting up (for
// example when loading a layout), before the Hyphenator is shared.
//
// The zero value is ready to use and behaves like Default().
type Hyphenator struct {
	// t holds the patterns and the pattern file's own exceptions. It is
	// never modified after parsing, which lets every Default() share one.
	t *table
	// extra holds words added by AddExceptions, keyed by the lowercased
	// letters. It is consulted before t's exceptions so a layout can
	// override the file. Keeping it apart from t keeps t shareable.
	extra map[string][]int
}

// New parses a TeX hyphenation file: every \patterns{…} block and every
// \hyphenation{…} block in it, with % comments. Text outside those blocks
// (such as \message or \lefthyphenmin settings) is ignored.
//
// Errors describe the first malformed pattern or exception, as INITEX
// would reject it, and a file without any \patterns block.
func New(patterns io.Reader) (*Hyphenator, error) {
	src, err := io.ReadAll(patterns)
	if err != nil {
		return nil, err
	}
	t, err := parse(src)
	if err != nil {
		return nil, err
	}
	return &Hyphenator{t: t}, nil
}

// Default returns a Hyphenator for plain TeX's English patterns and
// exceptions (the embedded hyphen.tex).
//
// The patterns are parsed once per process and shared, so Default is cheap;
// each call returns a new Hyphenator so that exceptions added to one (say,
// by one layout) never leak into another.
func Default() *Hyphenator {
	return &Hyphenator{t: defaultTable()}
}

func (h *Hyphenator) table() *table {
	if h.t == nil {
		return defaultTable()
	}
	return h.t
}

// AddExceptions records words whose hyphenation points are given explicitly,
// written TeX-style with "-" at each allowed break: "ta-ble", or "present"
// for a word that must never break. They override both the patterns and the
// pattern file's exceptions, and match regardless of case. A later entry
// for the same word replaces an earlier one.
//
// Points hyphenates only runs of letters, so an entry holding anything else
// besides "-" (a digit, an apostrophe, a space) could never match; such
// entries are skipped.
func (h *Hyphenator) AddExceptions(words ...string) {
	for _, w := range words {
		key, pts, ok := parseException(w)
		if !ok {
			continue
		}
		if h.extra == nil {
			h.extra = make(map[string][]int)
		}
		h.extra[key] = pts
	}
}

// Options are the minimum word fragments hyphenation may leave, counted in
// letters.
type Options struct {
	// LeftMin is the fewest letters that may stay before a hyphen (TeX's
	// \lefthyphenmin). Values below 1 count as 1.
	LeftMin int
	// RightMin is the fewest letters that may move to the next line (TeX's
	// \righthyphenmin). Values below 1 count as 1.
	RightMin int
}

// DefaultOptions returns plain TeX's English settings: at least two letters
// before and three after a break. The patterns were tuned for these, and
// readers stumble over shorter fragments such as "ta-ble" → "tab-le".
func DefaultOptions() Options {
	return Options{LeftMin: 2, RightMin: 3}
}

// Points returns the rune offsets in word where a hyphen may be inserted,
// in ascending order; offset k means between rune k-1 and rune k. It
// returns nil when word may not be broken.
//
// word should be a single word. Letters are matched without regard to case;
// letters the patterns do not cover (é, ß) are kept and counted but match no
// pattern. A word containing a digit is never hyphenated. Any other
// non-letter (apostrophe, hyphen, slash) splits the word into letter runs
// that are hyphenated separately, each obeying o on its own: breaking at an
// explicit hyphen is the typesetter's business. No point is placed before a
// combining mark, so an accent is never parted from its letter.
func (h *Hyphenator) Points(word string, o Options) []int {
	// Collect on the stack and copy once, so a word costs one allocation
	// of the right size rather than a series of growing appends.
	var buf [32]int
	pts := h.AppendPoints(buf[:0], word, o)
	if len(pts) == 0 {
		return nil
	}
	return slices.Clone(pts)
}

// AppendPoints is Points appending to dst, for callers that hyphenate many
// words and want to reuse one slice instead of allocating per word.
func (h *Hyphenator) AppendPoints(dst []int, word string, o Options) []int {
	t := h.table()
	lmin, rmin := max(o.LeftMin, 1), max(o.RightMin, 1)
	orig := len(dst)
	start := -1 // byte offset where the current letter run began, or -1
	startRune := 0
	n := 0 // runes seen so far
	for i, r := range word {
		switch {
		case isLetter(r):
			if start < 0 {
				start, startRune = i, n
			}
		case unicode.IsNumber(r):
			// "B52s", "1990s": hyphenating codes and numbers misleads.
			return dst[:orig]
		default:
			if start >= 0 {
				dst = h.appendRun(t, dst, word[start:i], startRune, lmin, rmin)
				start = -1
			}
		}
		n++
	}
	if start >= 0 {
		dst = h.appendRun(t, dst, word[start:], startRune, lmin, rmin)
	}
	return dst
}

// Hyphenate returns word with "-" inserted at each of its Points. It is
// meant for tests, reports and debugging, where "hy-phen-ation" reads
// better than [2 6].
func (h *Hyphenator) Hyphenate(word string, o Options) string {
	var buf [16]int
	pts := h.AppendPoints(buf[:0], word, o)
	if len(pts) == 0 {
		return word
	}
	var b strings.Builder
	b.Grow(len(word) + len(pts))
	last, k, n := 0, 0, 0
	for i := range word {
		if k < len(pts) && pts[k] == n {
			b.WriteString(word[last:i])
			b.WriteByte('-')
			last = i
			k++
		}
		n++
	}
	b.WriteString(word[last:])
	return b.String()
}

// isLetter reports whether r belongs inside a hyphenatable run. Combining
// marks count, so that "e\u0301" stays one letter run rather than splitting
// the word.
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

// lower folds r the way the patterns are written. ASCII is handled inline
// because it is nearly every letter of an English book.
func lower(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// Sizes of the stack buffers in appendRun; longer runs fall back to the
// heap. Almost every real word fits.
const (
	runBuf = 64
	keyBuf = 128
)

// appendRun appends to dst the points of one run of letters that starts at
// rune offset base of the caller's word.
func (h *Hyphenator) appendRun(t *table, dst []int, run string, base, lmin, rmin int) []int {
	n := utf8.RuneCountInString(run)
	if n < lmin+rmin {
		return dst
	}

	// syms is the run between word-boundary dots, as symbols of the
	// pattern alphabet (noSym where no pattern can match); key is the
	// lowercased run for the exception lookup.
	var symArr [runBuf]int16
	var keyArr [keyBuf]byte
	syms := symArr[:0]
	if n+2 > len(symArr) {
		syms = make([]int16, 0, n+2)
	}
	key := keyArr[:0]
	hasMark := false
	syms = append(syms, dotSym)
	for _, r := range run {
		if r >= utf8.RuneSelf && unicode.IsMark(r) {
			hasMark = true
		}
		lr := lower(r)
		syms = append(syms, t.sym(lr))
		key = utf8.AppendRune(key, lr)
	}
	syms = append(syms, dotSym)

	// isMark is only needed, and only built, for the rare run with
	// combining marks.
	var isMark []bool
	if hasMark {
		isMark = make([]bool, n)
		k := 0
		for _, r := range run {
			isMark[k] = r >= utf8.RuneSelf && unicode.IsMark(r)
			k++
		}
	}
	ok := func(p int) bool {
		return p >= lmin && p <= n-rmin && (isMark == nil || !isMark[p])
	}

	if pts, found := h.exception(t, key); found {
		for _, p := range pts {
			if ok(p) {
				dst = append(dst, base+p)
			}
		}
		return dst
	}

	// levels[g] is the value of the gap before syms[g], so the gap before
	// rune k of the run is levels[k+1].
	var levArr [runBuf + 1]uint8
	var levels []uint8
	if n+3 <= len(levArr) {
		levels = levArr[:n+3]
	} else {
		levels = make([]uint8, n+3)
	}
	t.match(syms, levels)

	for k := lmin; k <= n-rmin; k++ {
		if levels[k+1]&1 == 1 && ok(k) {
			dst = append(dst, base+k)
		}
	}
	return dst
}

// exception looks the lowercased run up among the added and the file's
// exceptions, added ones first.
func (h *Hyphenator) exception(t *table, key []byte) ([]int, bool) {
	// string(key) in a map index does not allocate.
	if pts, ok := h.extra[string(key)]; ok {
		return pts, true
	}
	pts, ok := t.exceptions[string(key)]
	return pts, ok
}
