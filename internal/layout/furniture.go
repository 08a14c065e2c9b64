package layout

import (
	"slices"
	"sort"

	"press/internal/page"
	"press/internal/typeset"
)

// furnish adds the running head and folio to a finished page, as TeX's
// output routine does: book title on versos, section title on rectos, no
// head on opening pages, and no folio on the title, colophon or blank
// pages. info is set for pages of the body and notes (flowed is true).
func (lo *layouter) furnish(p *page.Page, info pageInfo, flowed bool) {
	st := lo.st
	switch p.Role {
	case "cover", "title", "colophon", "blank":
		return
	}
	p.Folio = folio(p.Number)
	if lo.l.Pages.RunningHeads && flowed && !info.opening {
		head := lo.book.Meta.Title
		if p.Number%2 == 1 {
			head = lo.sectionTitle(p, info)
		}
		p.Head = lo.headLine(p, head, Italic, lo.g.top-st.leading*3/2)
	}
	y := lo.g.top + lo.g.textHeight + st.leading*3/2
	if lo.l.Pages.Folio == "top" && !(flowed && info.opening) {
		y = lo.g.top - st.leading*3/2
	}
	lo.folioLine(p, y)
}

func (lo *layouter) sectionTitle(p *page.Page, info pageInfo) string {
	if p.Role == "notes" {
		if info.section == addrMark || len(lo.book.Notes) == 0 {
			return "Web addresses"
		}
		return "Notes"
	}
	s := info.section
	if s < 0 {
		s = info.endSection
	}
	if s < 0 || s >= len(lo.book.Sections) {
		return lo.book.Meta.Title
	}
	if t := lo.book.Sections[s].Title(); t != "" {
		return t
	}
	return lo.book.Meta.Title
}

// headLine sets a running head centred at baseline y; a head too long for
// the measure is cut with an ellipsis.
func (lo *layouter) headLine(p *page.Page, text, face string, y page.SP) string {
	size := lo.st.headSize
	face = lo.styled(face, StyleHeads)
	f := lo.o.Fonts.Faces[face]
	max := lo.g.measure * 9 / 10
	runes := []rune(text)
	if len(runes) > 1 && scale(f.Width(text), f.UnitsPerEm(), size) > max {
		// The longest prefix that fits (at least one letter), found by
		// halving: cutting a letter at a time is quadratic, and a heading
		// can be a whole paragraph long.
		keep := sort.Search(len(runes), func(n int) bool {
			return n > 0 && scale(f.Width(string(runes[:n+1])), f.UnitsPerEm(), size) > max
		})
		text = string(runes[:keep]) + "…"
	}
	res := lo.setter.Set(typeset.Paragraph{
		Spans: []typeset.Span{{Text: text, Style: typeset.Style{Font: face, Size: size}}},
		Width: lo.g.measure, Align: typeset.Center,
	})
	if len(res.Lines) > 0 {
		// Drawn into a scratch page and put first, so the content stream
		// (and text extraction) reads head, body, folio in that order.
		head := &page.Page{Number: p.Number}
		lo.drawLine(head, vitem{line: &res.Lines[0], size: size}, lo.g.left(p.Number), y)
		p.Texts = slices.Insert(p.Texts, 0, head.Texts...) // in the room draw left

	}
	return text
}

// folioLine sets the page number: centred at the foot, or at the outer
// corner of the head.
func (lo *layouter) folioLine(p *page.Page, y page.SP) {
	size := lo.st.headSize
	key := lo.styled(Regular, StyleHeads)
	f := lo.o.Fonts.Faces[key]
	w := scale(f.Width(p.Folio), f.UnitsPerEm(), size)
	left := lo.g.left(p.Number)
	x := left + (lo.g.measure-w)/2
	if lo.l.Pages.Folio == "top" {
		if p.Number%2 == 1 {
			x = left + lo.g.measure - w
		} else {
			x = left
		}
	}
	p.Texts = append(p.Texts, page.Text{X: x, Y: y, Font: key, Size: size, S: p.Folio})
}
