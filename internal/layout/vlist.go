package layout

import (
	"press/internal/doc"
	"press/internal/page"
	"press/internal/typeset"
)

// vkind is the kind of an item of the vertical list.
type vkind uint8

const (
	vBox     vkind = iota // a line of text
	vGlue                 // vertical space, discarded at a page break
	vPenalty              // a possible page break and its cost
	vMark                 // a zero-size marker: section start, for running heads
)

// vitem is one item of the vertical list that the page builder breaks.
type vitem struct {
	kind    vkind
	line    *typeset.Line
	x       page.SP // left offset of the line inside the text block
	advance page.SP // baseline distance from the previous line
	topskip page.SP // baseline distance from the top of the text block when first on a page
	size    page.SP // type size, for anchors
	info    page.LineInfo
	glue    page.SP
	penalty int
	section int // vMark: index of the section that starts here; -1 for none
	anchors []string
	hang    *hangNumber // a note number to draw in the margin
	block   doc.Block   // the block this line belongs to, if any
}

// Penalties as in TeX.
const (
	infPenalty   = 10000
	ejectPenalty = -10000
)

// legalBreak reports whether the page may break at item i: a penalty below
// infinity, or glue that follows a box (TeX's rule).
func legalBreak(list []vitem, i int) bool {
	switch list[i].kind {
	case vPenalty:
		return list[i].penalty < infPenalty
	case vGlue:
		return i > 0 && list[i-1].kind == vBox
	}
	return false
}

// pageSpan is the items [from, to) that make one page.
type pageSpan struct {
	from, to int
	forced   bool // no legal break fitted: the page was cut where it overflowed
}

// breakPages splits the vertical list into pages of at most height. Like
// TeX's page builder it remembers the least-cost legal break while filling
// the page and takes it once the page is full; a later break of equal cost
// wins. The cost of a break is its penalty plus the badness of the page
// it ends, TeX's 100·r³ where r is the unfilled height over fill (one line
// of body text): a page a line short costs 100, as much as \brokenpenalty,
// two lines short 800, so pages are filled as far as widows, orphans and
// headings allow. broken(k) is the cost of a break after a line ending in
// a hyphen on the k-th page (0-based): TeX's \brokenpenalty, more on a
// right-hand page, where the word would be finished only after the leaf
// is turned.
func breakPages(list []vitem, height, fill page.SP, broken func(k int) int) []pageSpan {
	var pages []pageSpan
	start := 0
	for {
		// Discard glue and penalties at the top of a page.
		for start < len(list) && (list[start].kind == vGlue || list[start].kind == vPenalty) {
			start++
		}
		if start >= len(list) {
			return pages
		}
		best, bestCost := -1, 1<<30
		lastFit := -1
		h, first := page.SP(0), true
		overflow, eject := false, false
		for i := start; i < len(list) && !overflow && !eject; i++ {
			it := list[i]
			if i > start && legalBreak(list, i) {
				cost := pageBadness(height-h, fill)
				if it.kind == vPenalty {
					cost += it.penalty
					if list[i-1].kind == vBox && list[i-1].line.HyphenEnd {
						cost += broken(len(pages))
					}
				}
				forced := it.kind == vPenalty && it.penalty <= ejectPenalty
				if cost <= bestCost || forced {
					best, bestCost = i, cost
				}
				if forced {
					eject = true
					continue
				}
			}
			switch it.kind {
			case vBox:
				if first {
					h += it.topskip
					first = false
				} else {
					h += it.advance
				}
				if h > height && lastFit >= 0 {
					overflow = true
				} else {
					lastFit = i
				}
			case vGlue:
				if !first {
					h += it.glue
				}
			}
		}
		switch {
		case !overflow && !eject:
			return append(pages, pageSpan{from: start, to: len(list)})
		case best >= 0:
			pages = append(pages, pageSpan{from: start, to: best})
			start = best
		default:
			// No legal break fits: cut after the last line that fits.
			pages = append(pages, pageSpan{from: start, to: lastFit + 1, forced: true})
			start = lastFit + 1
		}
	}
}

// pageBadness is TeX's badness of a page with slack unfilled height.
func pageBadness(slack, fill page.SP) int {
	if slack <= 0 || fill <= 0 {
		return 0
	}
	r := float64(slack) / float64(fill)
	if r > 4.6 { // 100·r³ > 10000
		return 10000
	}
	return int(100 * r * r * r)
}
