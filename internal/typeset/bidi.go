package typeset

import (
	"sort"

	"golang.org/x/text/unicode/bidi"
)

// Right-to-left phrases in a left-to-right line.
//
// The font shapes each stretch of right-to-left letters right to left, so
// a Hebrew or Arabic word shows its letters in the order they are seen.
// A phrase of several such words must also show its words from right to
// left: the Unicode bidirectional algorithm (UAX #9) does that per line,
// after the line is broken (rule L2). press sets paragraphs left to right
// (its books are in languages written so), and resolves what a line of
// such a paragraph holds at the level of its words, which is what rules
// W1–W7, N1–N2 and I1–I2 decide for whole words:
//
//   - a word with a right-to-left letter first among its strong letters is
//     right to left (R), one with a left-to-right letter (L);
//   - a number (European or Arabic digits) after a right-to-left word,
//     with nothing left to right between, goes with it (W7 keeps it a
//     number, I1 raises it above the phrase, so it keeps its own digit
//     order but takes its place in the phrase);
//   - spaces, punctuation and pictures between two right-to-left words
//     (or numbers that go with them) go with them too (N1); any other is
//     left to right, the paragraph's direction (N2).
//
// Each maximal stretch of right-to-left items of the line is then drawn
// mirrored within the room it takes: the first word of the phrase at its
// right end. A line without right-to-left letters is left as it is.

// dirClass is a line item's direction for reordering.
type dirClass uint8

const (
	dirNeutral dirClass = iota
	dirLTR
	dirRTL
	dirNumber
)

// pieceDir is the direction of a piece of text: that of its first strong
// character, a number when it has digits and no strong character, and
// neutral otherwise.
func pieceDir(text string) dirClass {
	d := dirNeutral
	for _, r := range text {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return dirLTR
		case bidi.R, bidi.AL:
			return dirRTL
		case bidi.EN, bidi.AN:
			d = dirNumber
		}
	}
	return d
}

// hasRTL reports whether a text holds a right-to-left letter.
func hasRTL(text string) bool {
	for _, r := range text {
		if r < 0x0590 {
			continue
		}
		p, _ := bidi.LookupRune(r)
		if c := p.Class(); c == bidi.R || c == bidi.AL {
			return true
		}
	}
	return false
}

// placed is something drawn on a line, in reading order: at x, taking w
// of the line, of direction dir; kind says what (the piece i of the
// line's paragraph, in style st, size wide as drawn).
type placed struct {
	x, w, size int
	dir        dirClass
	kind       uint8
	i          int
	st         Style
}

// What a placed item is.
const (
	putMark = iota
	putImage
	putText
	putSpace
	putHyphen
)

// drawVisual draws a line's items in the order they are seen: each
// maximal stretch of items resolved right to left mirrored within its
// room (see the package's notes above), everything else where it was set.
func drawVisual(items []placed, draw func(placed, int)) {
	rtl := resolveRTL(items)
	type at struct {
		x int
		i int
	}
	order := make([]at, len(items))
	for i := 0; i < len(items); {
		if !rtl[i] {
			order[i] = at{items[i].x, i}
			i++
			continue
		}
		j := i
		for j < len(items) && rtl[j] {
			j++
		}
		left, right := items[i].x, items[j-1].x+items[j-1].w
		for k := i; k < j; k++ {
			order[k] = at{left + right - items[k].x - items[k].w, k}
		}
		i = j
	}
	// Drawn from left to right, so the runs of text join as they are seen.
	sort.SliceStable(order, func(a, b int) bool { return order[a].x < order[b].x })
	for _, o := range order {
		draw(items[o.i], o.x)
	}
}

// resolveRTL reports, for each item, whether it is part of a stretch
// drawn right to left.
func resolveRTL(items []placed) []bool {
	out := make([]bool, len(items))
	// Numbers take the direction of the last strong item before them.
	dirs := make([]dirClass, len(items))
	last := dirLTR
	for i, it := range items {
		d := it.dir
		switch d {
		case dirLTR, dirRTL:
			last = d
		case dirNumber:
			d = last
		}
		dirs[i] = d
	}
	// Neutrals between two right-to-left items go with them.
	for i := 0; i < len(items); {
		if dirs[i] != dirNeutral {
			out[i] = dirs[i] == dirRTL
			i++
			continue
		}
		j := i
		for j < len(items) && dirs[j] == dirNeutral {
			j++
		}
		before, after := dirLTR, dirLTR
		if i > 0 {
			before = dirs[i-1]
		}
		if j < len(items) {
			after = dirs[j]
		}
		for k := i; k < j; k++ {
			out[k] = before == dirRTL && after == dirRTL
		}
		i = j
	}
	return out
}
