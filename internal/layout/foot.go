package layout

import "press/internal/typeset"

// A word hyphenated at the foot of a page is finished overleaf, or, on a
// right-hand page, only after the reader turns the leaf. TeX discourages
// it from the page's side with \brokenpenalty, which can only move the
// page break and leave a page a line short. press first asks the
// paragraph instead: it breaks the pages as if hyphens did not matter,
// then sets each paragraph that ends a page in a hyphen again with that
// line forbidden to end in one. When the paragraph keeps its number of
// lines, the pages stay as they were, full, and only the breaks inside
// the paragraph move. Only what that cannot mend is left to the page
// builder, with the layout's broken_penalty and turn_penalty.

// footRounds bounds how often pages are broken again after paragraphs
// were reset. A reset keeps the line count, so pages move only in the
// last round, when hyphens start to cost.
const footRounds = 3

// paraSource is what setting a justified paragraph again needs: its input
// and where its lines are in the vertical list (the first at first, each
// next one two items on, after the penalty before it).
type paraSource struct {
	spans        []typeset.Span
	ps           paraSpec
	first, lines int
	unhyphenated []int
}

// remember records the paragraph just set (serial lo.para) whose first
// line goes to list index first.
func (lo *layouter) remember(spans []typeset.Span, ps paraSpec, first, lines int) {
	if lo.sources == nil {
		lo.sources = map[int]*paraSource{}
	}
	lo.sources[lo.para] = &paraSource{spans: spans, ps: ps, first: first, lines: lines}
}

// breakPagesClean breaks list, whose first page is physical page first,
// into pages with as few page feet ending in a hyphen as it can.
func (lo *layouter) breakPagesClean(list []vitem, first int) ([]pageSpan, map[int]bool) {
	free := func(int) int { return 0 }
	broken := func(k int) int {
		if (first+k)%2 == 1 {
			return lo.l.Pages.BrokenPenalty + lo.l.Pages.TurnPenalty
		}
		return lo.l.Pages.BrokenPenalty
	}
	spans, moved := breakPages(list, lo.g.textHeight, lo.st.leading, free)
	for range footRounds {
		if !lo.resetFeet(list, spans) {
			break
		}
		spans, moved = breakPages(list, lo.g.textHeight, lo.st.leading, free)
	}
	// What resetting could not mend, the page builder may: it moves a line
	// over when that costs less than the hyphen. A moved line moves the
	// pages after it, so their feet are checked once more.
	spans, moved = breakPages(list, lo.g.textHeight, lo.st.leading, broken)
	if lo.resetFeet(list, spans) {
		spans, moved = breakPages(list, lo.g.textHeight, lo.st.leading, broken)
	}
	return spans, moved
}

// resetFeet resets the paragraphs whose line at a page foot ends in a
// hyphen, and reports whether any changed.
func (lo *layouter) resetFeet(list []vitem, spans []pageSpan) bool {
	changed := false
	for _, sp := range spans {
		for k := sp.to - 1; k >= sp.from; k-- {
			if list[k].kind != vBox {
				continue
			}
			if r := list[k].region; r != nil {
				if r.float {
					continue // a figure: it may have moved to a later page
				}
				break // a table row ends the page: no hyphen
			}
			if list[k].line.HyphenEnd && lo.reset(list, list[k].info.Para, list[k].info.Index) {
				changed = true
			}
			break
		}
	}
	return changed
}

// reset sets paragraph para again with its line index kept free of a
// hyphen, and puts the new lines in the list, if the paragraph keeps its
// number of lines and gains no overfull one.
func (lo *layouter) reset(list []vitem, para, index int) bool {
	src := lo.sources[para]
	if src == nil {
		return false
	}
	unh := append(append([]int(nil), src.unhyphenated...), index)
	ps := src.ps
	tp := typeset.Paragraph{Spans: src.spans, Width: ps.width, Indent: ps.indent, Align: ps.align, Hyphenate: ps.hyphenate, Unhyphenated: unh}
	res := lo.setter.Set(tp)
	if len(res.Lines) != src.lines {
		// The best breaking without that hyphen has a line more or less;
		// ask for the old count, which \looseness gives when it can.
		tp.Looseness = src.lines - len(res.Lines)
		res = lo.setter.Set(tp)
	}
	if len(res.Lines) != src.lines || res.Overfull > 0 || res.Lines[index].HyphenEnd {
		return false
	}
	src.unhyphenated = unh
	for i := range res.Lines {
		k := src.first + 2*i
		list[k].line = &res.Lines[i]
		if i > 0 {
			list[k-1].penalty = lo.linePenalty(res.Lines, i, ps.heading)
		}
	}
	return true
}
