package layout

import (
	"slices"

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
	region  *region     // a box that is no line of text: a figure, a table row
	code    *codeBox    // a line of a code block that has a tint or a rule
}

// isFloat reports whether item i may move to the next page's top.
func (it vitem) isFloat() bool { return it.kind == vBox && it.region != nil && it.region.float }

// Penalties as in TeX.
const (
	infPenalty   = 10000
	ejectPenalty = -10000
)

// legalBreak reports whether the page may break at item i: a penalty below
// infinity, or glue that follows a box (TeX's rule).
func legalBreak(v *vlist, i int) bool {
	switch v.at(i).kind {
	case vPenalty:
		return v.at(i).penalty < infPenalty
	case vGlue:
		return i > v.base && v.at(i-1).kind == vBox
	}
	return false
}

// pageSpan is the items [from, to) that make one page, after the floats
// placed at its top. Items of the span that are floats deferred to a later
// page are skipped when the page is drawn.
type pageSpan struct {
	from, to int
	floats   []int // floats at the head of the page, in source order
	forced   bool  // no legal break fitted: the page was cut where it overflowed
}

// vlist is the part of a vertical list still needed: items are numbered
// from the list's start, and those before base, on pages already drawn,
// are gone. The list grows at its end as the book is set, so memory holds
// a few pages of lines, not the book.
type vlist struct {
	items []vitem
	base  int
}

// at is item i.
func (v *vlist) at(i int) *vitem { return &v.items[i-v.base] }

// len is the number of items made so far, dropped ones included.
func (v *vlist) len() int { return v.base + len(v.items) }

// drop forgets the items before i.
func (v *vlist) drop(i int) {
	if i <= v.base {
		return
	}
	n := copy(v.items, v.items[i-v.base:])
	clear(v.items[n:])
	v.items = v.items[:n]
	v.base = i
}

// pageBuilder splits a vertical list into pages of at most height. Like
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
//
// A float (a figure) that does not fit in the space left on a page moves
// to the top of the next page, and the text after it fills the gap, as
// TeX places its floats; nothing else changes order. moved holds the
// floats so moved: a page skips them where they stood.
//
// A page's end depends only on the items from its start to the first that
// does not fit, so the builder works on a list that is still growing: it
// makes a page once the items that decide it are there, and waits
// otherwise.
type pageBuilder struct {
	height, fill page.SP
	broken       func(k int) int
	made         int          // pages made so far
	start        int          // where the next page starts (glue there is discarded)
	moved        map[int]bool // floats moved to a later page
	pending      []int        // floats waiting for the next page's top
	done         bool         // the list is finished and every page made
}

func newPageBuilder(height, fill page.SP, broken func(k int) int) *pageBuilder {
	return &pageBuilder{height: height, fill: fill, broken: broken, moved: map[int]bool{}}
}

// next makes the next page (or pages, when floats take pages of their
// own) from the items before limit. final says the list ends at limit;
// otherwise a page whose end is not decided before limit waits, and next
// returns nil. It returns nil when the list is done, too.
func (b *pageBuilder) next(v *vlist, limit int, final bool) []pageSpan {
	if b.done {
		return nil
	}
	var pages []pageSpan
	// Discard glue and penalties at the top of a page.
	start := b.start
	for start < limit && (v.at(start).kind == vGlue || v.at(start).kind == vPenalty || b.moved[start]) {
		start++
	}
	if start >= limit {
		if !final {
			return nil
		}
		b.start = start
		for len(b.pending) > 0 {
			// Floats left at the end: pages of their own.
			sp := pageSpan{from: limit, to: limit}
			sp.floats, b.pending = takeFloats(v, b.pending, b.height, 1)
			pages = append(pages, sp)
		}
		b.done = true
		b.made += len(pages)
		return pages
	}
	best, bestCost := -1, 1<<30
	lastFit := -1
	h, first := page.SP(0), true
	// Before a new section, every waiting float is placed (on pages
	// of its own if need be); elsewhere floats fill at most
	// topFraction of a page.
	sectionNext := v.at(start).kind == vMark
	frac := topFraction
	if sectionNext {
		frac = 1
	}
	floats, pending := takeFloats(v, b.pending, b.height, frac)
	pending = slices.Clip(pending)
	if sectionNext && len(pending) > 0 {
		b.start, b.pending = start, pending
		b.made++
		return []pageSpan{{from: start, to: start, floats: floats}}
	}
	for _, f := range floats {
		if first {
			h += v.at(f).topskip
			first = false
		} else {
			h += v.at(f).advance
		}
	}
	var movedNow []int // floats this page moved on, undone if it must wait
	overflow, eject, flush := false, false, false
	flowStarted := false // the page's first box after its floats is still to come
	i := start
	for ; i < limit && !overflow && !eject && !flush; i++ {
		it := v.at(i)
		if b.moved[i] {
			continue
		}
		if it.kind == vMark && len(pending) > 0 && i > start {
			// Floats never cross into the next section: the page
			// ends here and they head the next one.
			best, flush = i, true
			continue
		}
		if i > start && legalBreak(v, i) {
			cost := pageBadness(b.height-h, b.fill)
			if it.kind == vPenalty {
				cost += it.penalty
				if prev := v.at(i - 1); prev.kind == vBox && prev.line != nil && prev.line.HyphenEnd {
					cost += b.broken(b.made)
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
			adv := it.advance
			if first {
				adv = it.topskip
			}
			if !flowStarted && it.region != nil && it.region.repeat != nil {
				adv += it.region.repeat.height // the table's head, repeated
			}
			if it.isFloat() && !first && (h+adv > b.height || len(pending) > 0) {
				// No room left (or an earlier float still waits):
				// move it to the next page's top.
				b.moved[i] = true
				movedNow = append(movedNow, i)
				pending = append(pending, i)
				continue
			}
			h += adv
			first, flowStarted = false, true
			if h > b.height && lastFit >= 0 {
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
	if !overflow && !eject && !flush && !final {
		// The page may go on past limit: wait for more of the list.
		for _, k := range movedNow {
			delete(b.moved, k)
		}
		return nil
	}
	switch {
	case flush:
		pages = append(pages, pageSpan{from: start, to: best, floats: floats})
		start = best
	case !overflow && !eject:
		pages = append(pages, pageSpan{from: start, to: limit, floats: floats})
		start = limit
	case best >= 0:
		pages = append(pages, pageSpan{from: start, to: best, floats: floats})
		start = best
		// Floats that stood beyond the break need not move: they
		// come back into the flow on the next page.
		for k := len(pending) - 1; k >= 0; k-- {
			if pending[k] >= best {
				delete(b.moved, pending[k])
				pending = pending[:k]
			}
		}
	case len(floats) > 0:
		// Nothing fits beside the floats: they make a page of their
		// own, and the text starts afresh on the next.
		pages = append(pages, pageSpan{from: start, to: start, floats: floats})
		for k := len(pending) - 1; k >= 0; k-- {
			if pending[k] >= start {
				delete(b.moved, pending[k])
				pending = pending[:k]
			}
		}
	default:
		// No legal break fits: cut after the last line that fits.
		pages = append(pages, pageSpan{from: start, to: lastFit + 1, floats: floats, forced: true})
		start = lastFit + 1
	}
	if eject && len(pending) > 0 {
		// A new section begins: the floats still waiting get pages
		// of their own before it, and stay in their section.
		for len(pending) > 0 {
			sp := pageSpan{from: start, to: start}
			sp.floats, pending = takeFloats(v, pending, b.height, 1)
			pages = append(pages, sp)
		}
	}
	b.start, b.pending = start, pending
	b.made += len(pages)
	return pages
}

// keep is the first item the builder may still read: its next page's
// start, or a float waiting for a page.
func (b *pageBuilder) keep() int {
	k := b.start
	for _, f := range b.pending {
		k = min(k, f)
	}
	return k
}

// topFraction is the most of a page that floats at its head may fill
// together, as LaTeX's \topfraction: the rest is left for text. A single
// float may take more. LaTeX's default 0.7 let a tall figure keep every
// float after it waiting a page each (a book with pictures every few
// paragraphs ended its chapters with a train of pictures, one a page, and
// a page of one picture alone); 0.85, with text on the rest, is the
// setting the LaTeX literature recommends for illustrated books.
const topFraction = 0.85

// takeFloats returns the waiting floats that fit together at the head of
// a page within frac of its height (always at least one) and those that
// must wait longer.
func takeFloats(v *vlist, pending []int, height page.SP, frac float64) (take, rest []int) {
	h := page.SP(0)
	for k, f := range pending {
		adv := v.at(f).advance
		if k == 0 {
			adv = v.at(f).topskip
		}
		if k > 0 && float64(h+adv) > frac*float64(height) {
			return pending[:k:k], pending[k:]
		}
		h += adv
	}
	return pending, nil
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
