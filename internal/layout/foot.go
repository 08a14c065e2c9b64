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
// next one two items on, after the penalty before it), and the lines of it
// that ended a page in each round of page breaking.
type paraSource struct {
	para         int // serial
	spans        []typeset.Span
	ps           paraSpec
	first, lines int
	unhyphenated []int
	feet         [2][]int // list items that ended a page: free breaking, then costed
}

// last is the list index of the paragraph's last line.
func (s *paraSource) last() int { return s.first + 2*(s.lines-1) }

// remember records the paragraph just set (serial lo.para) whose first
// line goes to list index first.
func (lo *layouter) remember(spans []typeset.Span, ps paraSpec, first, lines int) {
	if lo.sources == nil {
		lo.sources = map[int]*paraSource{}
	}
	s := &paraSource{para: lo.para, spans: spans, ps: ps, first: first, lines: lines}
	lo.sources[lo.para] = s
	lo.open = append(lo.open, s)
}

// The pages are broken three times over the growing list, each round a
// page builder that follows the one before:
//
//  0. as if hyphens did not matter; each paragraph whose line ends a page
//     in a hyphen is set again without it there (up to footRounds times,
//     as a reset can move a hyphen to another page foot of the
//     paragraph);
//  1. with hyphens at page feet costing broken_penalty (and turn_penalty
//     on right-hand pages), which may move a line over; the paragraphs
//     that still end a page in a hyphen are set again once more;
//  2. the same, over the final lines: these are the pages drawn.
//
// A paragraph is set again once its round has broken every page it is
// on, and a round reads no line whose paragraph the round before may
// still change, so the pages are those of breaking the whole list at once.

// foot is the list item whose line ends page span sp, or -1 when the page
// ends in a table row or has no line.
func foot(v *vlist, sp pageSpan) int {
	for k := sp.to - 1; k >= sp.from; k-- {
		it := v.at(k)
		if it.kind != vBox {
			continue
		}
		if r := it.region; r != nil {
			if r.float {
				continue // a figure: it may have moved to a later page
			}
			return -1 // a table row ends the page: no hyphen
		}
		return k
	}
	return -1
}

// noteFeet records, for the paragraphs ending the pages of round r, which
// of their lines ended a page.
func (lo *layouter) noteFeet(v *vlist, spans []pageSpan, r int) {
	for _, sp := range spans {
		if k := foot(v, sp); k >= 0 {
			if s := lo.sources[v.at(k).info.Para]; s != nil {
				s.feet[r] = append(s.feet[r], k)
			}
		}
	}
}

// mendFeet sets paragraph s again where a line of it ends a page of
// round r in a hyphen: footRounds times after round 0, once after round 1.
func (lo *layouter) mendFeet(v *vlist, s *paraSource, r int) {
	rounds := 1
	if r == 0 {
		rounds = footRounds
	}
	for range rounds {
		for _, k := range s.feet[r] {
			if v.at(k).line.HyphenEnd {
				lo.reset(v, s, v.at(k).info.Index)
			}
		}
	}
}

// reset sets paragraph s again with its line index kept free of a
// hyphen, and puts the new lines in the list, if the paragraph keeps its
// number of lines and gains no overfull one.
func (lo *layouter) reset(v *vlist, src *paraSource, index int) bool {
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
		v.at(k).line = &res.Lines[i]
		if i > 0 {
			v.at(k - 1).penalty = lo.linePenalty(res.Lines, i, ps.heading)
		}
	}
	return true
}
