package layout

import (
	"fmt"

	"press/internal/page"
)

// flow sets the vertical list that produce makes, a piece at a time, into
// pages numbered from first, and hands each page to out as soon as it is
// drawn. Lines are dropped once every round of page breaking has passed
// them, so memory holds a few pages of the list, not the book.
func (lo *layouter) flow(produce func([]vitem) ([]vitem, bool), first int, role string, out func(*page.Page, pageInfo) error) error {
	free := func(int) int { return 0 }
	broken := func(k int) int {
		if (first+k)%2 == 1 {
			return lo.l.Pages.BrokenPenalty + lo.l.Pages.TurnPenalty
		}
		return lo.l.Pages.BrokenPenalty
	}
	height, fill := lo.g.textHeight, lo.st.leading
	b0 := newPageBuilder(height, fill, free)
	b1 := newPageBuilder(height, fill, broken)
	b2 := newPageBuilder(height, fill, broken)
	m := &pageMaker{first: first, role: role, section: -1}
	v := &vlist{}
	lo.open, lo.sources = nil, nil
	var mended []*paraSource // set again after round 0, waiting for round 1
	more := true
	for lo.o.whole && more {
		v.items, more = produce(v.items)
	}
	for {
		n := v.len()
		for spans := b0.next(v, n, !more); spans != nil; spans = b0.next(v, n, !more) {
			lo.noteFeet(v, spans, 0)
		}
		for len(lo.open) > 0 && (b0.done || b0.start > lo.open[0].last()) {
			s := lo.open[0]
			lo.open = lo.open[1:]
			lo.mendFeet(v, s, 0)
			mended = append(mended, s)
		}
		// Round 1 reads only lines that round 0 will not set again.
		lim1 := n
		if len(lo.open) > 0 {
			lim1 = lo.open[0].first
		}
		for spans := b1.next(v, lim1, !more && lim1 == n); spans != nil; spans = b1.next(v, lim1, !more && lim1 == n) {
			lo.noteFeet(v, spans, 1)
		}
		for len(mended) > 0 && (b1.done || b1.start > mended[0].last()) {
			s := mended[0]
			mended = mended[1:]
			lo.mendFeet(v, s, 1)
			delete(lo.sources, s.para)
		}
		lim2 := lim1
		if len(mended) > 0 {
			lim2 = mended[0].first
		}
		final := !more && lim2 == n
		for spans := b2.next(v, lim2, final); spans != nil; spans = b2.next(v, lim2, final) {
			for _, sp := range spans {
				p, info := lo.draw(m, v, sp, b2.moved, final && sp.to == n)
				if err := out(p, info); err != nil {
					return err
				}
			}
		}
		if b2.done {
			return nil
		}
		if !more {
			return fmt.Errorf("layout: page breaking of the %s stopped at item %d of %d", role, b2.start, n)
		}
		// Forget what no round reads again. The list's last box stays: a
		// figure after a heading looks back at it.
		keep := min(b0.keep(), b1.keep(), b2.keep())
		if len(lo.open) > 0 {
			keep = min(keep, lo.open[0].first)
		}
		if len(mended) > 0 {
			keep = min(keep, mended[0].first)
		}
		tail := n - 1
		for tail > v.base && v.at(tail).kind == vGlue {
			tail--
		}
		v.drop(min(keep, max(tail, 0)))
		for _, b := range []*pageBuilder{b0, b1, b2} {
			for k := range b.moved {
				if k < v.base {
					delete(b.moved, k)
				}
			}
		}
		lo.base = v.base
		v.items, more = produce(v.items)
	}
}
