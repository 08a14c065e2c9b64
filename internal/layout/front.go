package layout

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // cover picture sizes
	_ "image/png"
	"math"
	"strings"

	"press/internal/diag"
	"press/internal/doc"
	"press/internal/page"
	"press/internal/typeset"
)

// centred sets one short paragraph centred on the measure of its page,
// from baseline y; it returns the baseline after the last line.
func (lo *layouter) centred(p *page.Page, text, face string, size, leading, y page.SP) page.SP {
	return lo.centredOn(p, text, face, size, leading, y, lo.g.left(p.Number)+lo.g.measure/2)
}

// titlePage: title, subtitle and authors in the upper third, the
// publisher at the foot.
func (lo *layouter) titlePage(number int) *page.Page {
	p := &page.Page{Number: number, Role: "title", Anchors: []page.Anchor{{Name: "titlepage", Y: 0}}}
	m := lo.book.Meta
	st := lo.st
	y := lo.g.top + lo.g.textHeight/4
	y = lo.centred(p, m.Title, lo.styled(Regular, StyleTitle), st.titleSize, st.titleSize*12/10, y)
	if m.Subtitle != "" {
		y = lo.centred(p, m.Subtitle, lo.styled(Italic, StyleTitle), st.headingSize, st.headingSize*13/10, y+st.leading/2)
	}
	y += 2 * st.leading
	lo.centred(p, strings.Join(m.Authors, ", "), lo.styled(Regular, StyleTitle), st.headingSize, st.headingSize*13/10, y)
	if m.Publisher != "" {
		lo.centred(p, m.Publisher, lo.styled(Regular, StyleTitle), st.size, st.leading, lo.g.top+lo.g.textHeight)
	}
	p.Lines = nil
	return p
}

// colophonPage: rights, edition date, identifier, and how it was made, set
// small at the foot of the verso.
func (lo *layouter) colophonPage(number int) *page.Page {
	p := &page.Page{Number: number, Role: "colophon"}
	m := lo.book.Meta
	var lines []string
	if m.Rights != "" {
		lines = append(lines, m.Rights)
	}
	lines = append(lines, m.Credits()...)
	if !m.Date.IsZero() {
		lines = append(lines, "Published "+m.Date.Format("2 January 2006")+".")
	}
	if m.Publisher != "" {
		lines = append(lines, m.Publisher)
	}
	lines = append(lines, "Set in "+lo.l.Fonts.Family+" with press.")
	st := lo.st
	y := lo.g.top + lo.g.textHeight - page.SP(len(lines)-1)*st.noteLeading
	left := lo.g.left(p.Number)
	for _, t := range lines {
		res := lo.setter.Set(typeset.Paragraph{
			Spans: []typeset.Span{{Text: t, Style: typeset.Style{Font: Regular, Size: st.noteSize}}},
			Width: lo.g.measure, Align: typeset.Left,
		})
		for i := range res.Lines {
			lo.drawLine(p, vitem{line: &res.Lines[i], size: st.noteSize}, left, y)
			y += st.noteLeading
		}
	}
	// Long rights statements push the block up: move it so it ends at the foot.
	p.Lines = nil
	return p
}

// tocEntries flattens the contents tree to (entry, depth) in reading order,
// with the notes last.
func (lo *layouter) tocEntries() []tocLine {
	var out []tocLine
	var walk func(es []*doc.TOCEntry, depth int)
	walk = func(es []*doc.TOCEntry, depth int) {
		for _, e := range es {
			out = append(out, tocLine{title: e.Title, dest: entryDest(e), depth: depth})
			walk(e.Children, depth+1)
		}
	}
	walk(lo.book.TOC, 0)
	if len(lo.book.Notes) > 0 {
		out = append(out, tocLine{title: "Notes", dest: "notes"})
	}
	if lo.wantsAddressList() {
		out = append(out, tocLine{title: "Web addresses", dest: addrListID})
	}
	return out
}

type tocLine struct {
	title string
	dest  string
	depth int
}

// tocWidths: the title column leaves room for leaders and a page number.
func (lo *layouter) tocTitleWidth(depth int) page.SP {
	return lo.g.measure - 3*lo.st.size - page.SP(depth)*lo.st.indent
}

// contentsPages sets the contents: titles ragged right, dotted leaders,
// page numbers flush right, each line a link to its heading.
func (lo *layouter) contentsPages(first int, pageOf map[string]int) []*page.Page {
	st := lo.st
	var pages []*page.Page
	p := &page.Page{Number: first, Role: "contents", Anchors: []page.Anchor{{Name: "contents", Y: lo.g.top - st.size}}}
	pages = append(pages, p)
	y := lo.g.top + st.headingSize
	y = lo.centred(p, "Contents", lo.styled(Italic, StyleHeadings), st.headingSize, st.headingSize*13/10, y)
	y += st.leading
	key := lo.styled(Regular, StyleContents)
	face := lo.o.Fonts.Faces[key]
	dotUnits := face.Advance('.')
	gap := st.size / 2
	bottom := lo.g.top + lo.g.textHeight
	for _, e := range lo.tocEntries() {
		res := lo.setter.Set(typeset.Paragraph{
			Spans: []typeset.Span{{Text: e.title, Style: typeset.Style{Font: key, Size: st.size}}},
			Width: lo.tocTitleWidth(e.depth), Align: typeset.Left,
		})
		if y+page.SP(len(res.Lines)-1)*st.leading > bottom {
			p = &page.Page{Number: p.Number + 1, Role: "contents"}
			pages = append(pages, p)
			y = lo.g.top + st.size
		}
		left := lo.g.left(p.Number) + page.SP(e.depth)*st.indent
		top := y - st.size
		for i := range res.Lines {
			lo.drawLine(p, vitem{line: &res.Lines[i], size: st.size}, left, y)
			if i < len(res.Lines)-1 {
				y += st.leading
			}
		}
		// Page number flush right, leaders between.
		num := folio(pageOf[e.dest])
		numW := scale(face.Width(num), face.UnitsPerEm(), st.size)
		right := lo.g.left(p.Number) + lo.g.measure
		p.Texts = append(p.Texts, page.Text{X: right - numW, Y: y, Font: key, Size: st.size, S: num})
		last := res.Lines[len(res.Lines)-1]
		from := left + last.Natural + gap
		to := right - numW - gap
		pitch := st.size / 2
		dotW := scale(dotUnits, face.UnitsPerEm(), st.size)
		// Leaders aligned on a common grid so dots line up between entries.
		origin := lo.g.left(p.Number)
		k := (from - origin + pitch - 1) / pitch
		startX := origin + k*pitch
		r := st.size / 18
		for x := startX; x+dotW <= to; x += pitch {
			p.Dots = append(p.Dots, page.Dot{X: x + dotW/2, Y: y - r, R: r})
		}
		p.Links = append(p.Links, page.Link{X: left, Y: top, W: right - left, H: y - top + st.size/3, Dest: e.dest})
		y += st.leading * 3 / 2
	}
	for _, p := range pages {
		p.Lines = nil
	}
	return pages
}

func scale(units, upem int, size page.SP) page.SP {
	return page.SP(int64(units) * int64(size) / int64(upem))
}

// coverPage is the front cover: the book's own picture when it has one,
// else a typographic design in the layout's type: a frame, the title large
// in the upper third, a short rule, the authors, and the publisher at the
// foot.
func (lo *layouter) coverPage() *page.Page {
	p := &page.Page{Number: 1, Role: "cover", Anchors: []page.Anchor{{Name: "cover", Y: 0}}}
	if img := lo.o.CoverImage; img != nil {
		p.Images = append(p.Images, lo.coverImage(img))
		return p
	}
	m := lo.book.Meta
	st := lo.st
	// The frame sits inside the printable area of office printers.
	inset := page.FromMM(min(12, lo.l.Page.Inner*0.6))
	thick, thin := page.PT*3/2, page.PT/2
	w, h := lo.g.width-2*inset, lo.g.height-2*inset
	frame := func(d, t page.SP) {
		x, y, fw, fh := inset+d, inset+d, w-2*d, h-2*d
		p.Rules = append(p.Rules,
			page.Rule{X: x, Y: y, W: fw, H: t}, page.Rule{X: x, Y: y + fh - t, W: fw, H: t},
			page.Rule{X: x, Y: y, W: t, H: fh}, page.Rule{X: x + fw - t, Y: y, W: t, H: fh})
	}
	frame(0, thick)
	frame(4*page.PT, thin)
	size := st.titleSize * 13 / 10
	y := lo.g.top + lo.g.textHeight/4
	y = lo.centredOn(p, m.Title, lo.styled(Regular, StyleTitle), size, size*115/100, y, lo.g.width/2)
	if m.Subtitle != "" {
		y = lo.centredOn(p, m.Subtitle, lo.styled(Italic, StyleTitle), st.headingSize*12/10, st.headingSize*16/10, y+st.leading/2, lo.g.width/2)
	}
	rule := 3 * st.size
	p.Rules = append(p.Rules, page.Rule{X: lo.g.width/2 - rule/2, Y: y, W: rule, H: thin})
	y += 2*st.leading + st.headingSize
	lo.centredOn(p, strings.Join(m.Authors, ", "), lo.styled(Italic, StyleTitle), st.headingSize*12/10, st.headingSize*16/10, y, lo.g.width/2)
	if m.Publisher != "" {
		lo.centredOn(p, m.Publisher, lo.styled(Regular, StyleTitle), st.size, st.leading, lo.g.height-inset-4*page.PT-2*st.leading, lo.g.width/2)
	}
	p.Lines = nil
	return p
}

// centredOn sets text centred on the vertical line at cx, wrapped to the
// measure, from baseline y; it returns the baseline after the last line.
func (lo *layouter) centredOn(p *page.Page, text, face string, size, leading, y, cx page.SP) page.SP {
	res := lo.setter.Set(typeset.Paragraph{
		Spans: []typeset.Span{{Text: text, Style: typeset.Style{Font: face, Size: size}}},
		Width: lo.g.measure, Align: typeset.Center,
	})
	for i := range res.Lines {
		lo.drawLine(p, vitem{line: &res.Lines[i], size: size}, cx-lo.g.measure/2, y)
		y += leading
	}
	return y
}

// coverImage places the book's own cover picture: scaled to fill the page
// with its aspect ratio kept, centred, and cropped to the page (a picture
// of another shape loses a band at two edges, never its proportions). A
// picture that prints below the layout's min_ppi is a warning.
func (lo *layouter) coverImage(img *page.Image) page.Image {
	pw, ph := lo.g.width, lo.g.height
	out := page.Image{X: 0, Y: 0, W: pw, H: ph, Data: img.Data, Type: img.Type, Clip: &page.Rule{W: pw, H: ph}}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(img.Data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return out
	}
	iw, ih := float64(cfg.Width), float64(cfg.Height)
	s := math.Max(float64(pw)/iw, float64(ph)/ih)
	out.W, out.H = page.SP(math.Round(iw*s)), page.SP(math.Round(ih*s))
	out.X, out.Y = (pw-out.W)/2, (ph-out.H)/2
	if lost := 1 - float64(pw)*float64(ph)/(float64(out.W)*float64(out.H)); lost > 0.02 {
		edges := "top and bottom"
		if out.W > pw {
			edges = "left and right"
		}
		lo.warns = append(lo.warns, diag.Errorf(lo.o.CoverFile, 0, fmt.Sprintf("crop the picture to the page's proportions (%.0f:%.0f) to choose what is lost", page.ToPT(pw), page.ToPT(ph)),
			"the cover picture (%dx%d px) is not the page's shape: %.0f%% of it is cropped at the %s", cfg.Width, cfg.Height, 100*lost, edges))
	}
	if min := lo.l.Figures.MinPPI; min > 0 {
		if ppi := iw / (page.ToPT(out.W) / 72); ppi < min-0.5 {
			lo.warns = append(lo.warns, diag.Errorf(lo.o.CoverFile, 0, fmt.Sprintf("use a picture of at least %.0fx%.0f pixels", math.Ceil(min*page.ToPT(pw)/72), math.Ceil(min*page.ToPT(ph)/72)),
				"the cover prints at %.0f ppi (%dx%d px over the %.0fx%.0f mm page), below %.0f ppi", ppi, cfg.Width, cfg.Height, page.ToPT(pw)/72*25.4, page.ToPT(ph)/72*25.4, min))
		}
	}
	return out
}
