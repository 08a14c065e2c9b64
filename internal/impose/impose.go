// Package impose arranges the pages of a paginated book two to a sheet
// side in saddle-stitch order, for printing a booklet on an office printer:
// print double-sided (flip on the short edge), fold the stack, staple on
// the fold. It works on the page model, so the pdf package draws a
// booklet like any other document.
package impose

import (
	"fmt"

	"press/internal/page"
)

// Options control the imposition.
type Options struct {
	// Signature is the number of sheets folded together; 0 puts every
	// sheet in one signature. Long pamphlets are easier to fold and trim
	// in signatures of a few sheets, gathered after folding.
	Signature int
	// Marks draws fold marks on the spine line and crop marks at the
	// corners of each page.
	Marks bool
}

// Paper is a named sheet size, landscape.
type Paper struct {
	Name          string
	Width, Height page.SP
}

// Sheets are the office papers a booklet may be printed on, landscape.
var Sheets = []Paper{
	{"A4", page.FromMM(297), page.FromMM(210)},
	{"Letter", page.FromPT(792), page.FromPT(612)},
	{"A3", page.FromMM(420), page.FromMM(297)},
	{"Tabloid", page.FromPT(1224), page.FromPT(792)},
}

// SheetFor picks the smallest office paper that holds two pages side by
// side (A5 → A4, 5.5 × 8.5 in → Letter); a page too big for any gets a
// sheet of exactly two pages.
func SheetFor(w, h page.SP) Paper {
	const slack = page.PT // rounding in millimetre sizes
	for _, p := range Sheets {
		if 2*w <= p.Width+slack && h <= p.Height+slack {
			return p
		}
	}
	return Paper{Name: "custom", Width: 2 * w, Height: h}
}

// Order returns, for a book of n pages, the page numbers (1-based; 0 for a
// blank) on each sheet side as [left, right] pairs: front of sheet 1, back
// of sheet 1, front of sheet 2, and so on. The count is padded with blanks
// at the end to a multiple of four.
func Order(n, signature int) [][2]int {
	total := (n + 3) / 4 * 4
	pageAt := func(i int) int { // 1-based, 0 = blank
		if i > n {
			return 0
		}
		return i
	}
	per := total
	if signature > 0 && 4*signature < total {
		per = 4 * signature
	}
	var sides [][2]int
	for first := 1; first <= total; first += per {
		count := per
		if first+count-1 > total {
			count = total - first + 1
		}
		last := first + count - 1
		for k := 0; k < count/4; k++ {
			// Outside of the sheet: the last and the first page of the
			// signature; inside: the second and the second-to-last.
			sides = append(sides,
				[2]int{pageAt(last - 2*k), pageAt(first + 2*k)},
				[2]int{pageAt(first + 2*k + 1), pageAt(last - 2*k - 1)})
		}
	}
	return sides
}

// Booklet imposes d on sheets. Anchors and links move with their pages,
// so the outline still works; metadata and fonts are kept.
func Booklet(d *page.Doc, o Options) (*page.Doc, error) {
	if o.Signature < 0 {
		return nil, fmt.Errorf("signature must be 0 or more sheets, not %d", o.Signature)
	}
	sheet := SheetFor(d.Width, d.Height)
	out := &page.Doc{Width: sheet.Width, Height: sheet.Height, Fonts: d.Fonts, Meta: d.Meta, Outline: d.Outline}
	// The pair is centred on the sheet; the spine is the sheet's centre.
	x0 := (sheet.Width - 2*d.Width) / 2
	y0 := (sheet.Height - d.Height) / 2
	for i, side := range Order(len(d.Pages), o.Signature) {
		s := &page.Page{Number: i + 1, Role: "sheet"}
		for half, n := range side {
			dx := x0 + page.SP(half)*d.Width
			if n > 0 {
				place(s, d.Pages[n-1], dx, y0, d.Width, d.Height)
			}
		}
		if o.Marks {
			marks(s, d.Width, d.Height, x0, y0)
		}
		out.Pages = append(out.Pages, s)
	}
	return out, nil
}

// place copies a page's content (p0W×p0H) onto the sheet at offset
// (dx, dy).
func place(s *page.Page, p *page.Page, dx, dy, p0W, p0H page.SP) {
	for _, t := range p.Texts {
		t.X += dx
		t.Y += dy
		s.Texts = append(s.Texts, t)
	}
	for _, r := range p.Rules {
		r.X += dx
		r.Y += dy
		s.Rules = append(s.Rules, r)
	}
	for _, im := range p.Images {
		im.X += dx
		im.Y += dy
		// Clip to the page, so nothing spills onto its neighbour.
		c := page.Rule{X: dx, Y: dy, W: p0W, H: p0H}
		if im.Clip != nil {
			c = *im.Clip
			c.X += dx
			c.Y += dy
		}
		im.Clip = &c
		s.Images = append(s.Images, im)
	}
	for _, d := range p.Dots {
		d.X += dx
		d.Y += dy
		s.Dots = append(s.Dots, d)
	}
	for _, l := range p.Links {
		l.X += dx
		l.Y += dy
		s.Links = append(s.Links, l)
	}
	for _, a := range p.Anchors {
		a.Y += dy
		s.Anchors = append(s.Anchors, a)
	}
}

// marks draws a fold mark at the head and foot of the spine and crop marks
// at the outer corners, outside the pages when the sheet leaves room.
func marks(s *page.Page, w, h, x0, y0 page.SP) {
	const length = 12 * page.PT
	thin := page.PT / 4
	spine := x0 + w
	// Fold marks: short dashes on the spine line beyond the page edges,
	// or just inside them when the pages fill the sheet.
	top, bottom := y0-length-2*page.PT, y0+h+2*page.PT
	if y0 < length+2*page.PT {
		top, bottom = y0, y0+h-length
	}
	s.Rules = append(s.Rules, page.Rule{X: spine - thin/2, Y: top, W: thin, H: length}, page.Rule{X: spine - thin/2, Y: bottom, W: thin, H: length})
	if x0 < length || y0 < length {
		return // no room outside the pages for crop marks
	}
	for _, x := range []page.SP{x0, x0 + 2*w} {
		for _, y := range []page.SP{y0, y0 + h} {
			s.Rules = append(s.Rules,
				page.Rule{X: pick(x == x0, x-length-2*page.PT, x+2*page.PT), Y: y - thin/2, W: length, H: thin},
				page.Rule{X: x - thin/2, Y: pick(y == y0, y-length-2*page.PT, y+2*page.PT), W: thin, H: length})
		}
	}
}

func pick(c bool, a, b page.SP) page.SP {
	if c {
		return a
	}
	return b
}
