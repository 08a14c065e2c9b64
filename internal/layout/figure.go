package layout

import (
	"fmt"
	"math"
	"strings"

	"press/internal/diag"
	"press/internal/doc"
	"press/internal/page"
	"press/internal/svg"
	"press/internal/typeset"
)

// region is an unbreakable block of the vertical list: a figure with its
// caption, or a row of a table. It is height tall and drawn by draw with
// its top at y. Its advance in the vertical list is its height, so a
// block a whole number of lines tall keeps the text after it on the
// baseline grid.
type region struct {
	height page.SP
	draw   func(p *page.Page, left, top page.SP, atTop bool)
	// float lets the block move to the top of the next page when it does
	// not fit in the space left, the text after it filling the gap.
	float bool
	// repeat is drawn above the block when the block opens a page: a
	// table's head over a row that continues the table.
	repeat *region
	// foot is drawn under the block when it ends a page but not its
	// table (top is the block's top).
	foot func(p *page.Page, left, top page.SP)
	// offset is where the e-book marks a page this block opens, in its
	// block's terms: a table's row number (0: before the table).
	offset int
}

// regionItem wraps a region as a vertical list item whose virtual
// baseline is its bottom less the body's descent (leading − size), so the
// line after it sits one leading below.
func (lo *layouter) regionItem(r *region, block doc.Block, anchors []string) vitem {
	d := lo.st.leading - lo.st.size
	return vitem{kind: vBox, region: r, advance: r.height, topskip: r.height - d, size: lo.st.size, block: block, anchors: anchors}
}

// figure sets a figure: the picture scaled to fit the measure and the
// layout's share of the type area's height, aspect ratio kept, centred,
// with its caption under it; the whole a float a whole number of lines
// tall.
func (lo *layouter) figure(list []vitem, f *doc.Figure, inset page.SP, anchors []string) []vitem {
	st := lo.st
	fl := lo.l.Figures
	width := lo.g.measure - 2*inset
	capSize, capLeading := page.FromPT(fl.CaptionSize), page.FromPT(fl.CaptionLeading)

	// The caption, set to the measure: centred when it takes one line.
	label := ""
	if lo.l.Figures.Numbered && !f.Decorative {
		label = fmt.Sprintf("Figure %d.", f.Number)
	}
	capLines := lo.caption(label, f.Caption, width)
	capHeight := page.SP(0)
	gap := st.leading / 2
	if len(capLines) > 0 {
		capHeight = gap + page.SP(len(capLines)-1)*capLeading + capSize
	}

	// The picture: as large as the measure and the height share allow.
	im := f.Image
	maxH := page.SP(fl.MaxHeight * float64(lo.g.textHeight))
	if room := lo.g.textHeight - capHeight - st.leading; maxH > room {
		maxH = room
	}
	w, h := fitBox(im.Width, im.Height, width, maxH)
	pic, ok := lo.picture(im, f.Pos, "figure", w, h)
	if !ok {
		return list
	}

	// A whole number of lines, with at least half a line above and below.
	content := h + capHeight
	n := int((content + st.leading + st.leading - 1) / st.leading)
	total := page.SP(n) * st.leading
	r := &region{height: total, float: true}
	r.draw = func(p *page.Page, left, top page.SP, atTop bool) {
		y := top + (total-content)/2
		if atTop {
			y = top // a float at the head of the page starts at the type area's top
		}
		img := pic
		img.X, img.Y = left+inset+(width-w)/2, y
		p.Images = append(p.Images, img)
		base := y + h + gap + capSize
		for i := range capLines {
			lo.drawRuns(p, vitem{line: &capLines[i], size: capSize, x: inset}, left, base)
			base += capLeading
		}
	}
	if !keptWithPrevious(list) {
		list = append(list, vitem{kind: vPenalty, penalty: 0})
	}
	list = append(list, lo.regionItem(r, f, append(anchors, f.ID)))
	return append(list, vitem{kind: vPenalty, penalty: 0})
}

// picture is what the PDF draws for the picture im placed w×h: JPEG as
// it is, PNG, SVG as vectors. A raster printed below the
// layout's min_ppi is a warning naming the picture as what (a figure, an
// inline image). ok is false when it cannot be drawn (a warning says why).
func (lo *layouter) picture(im *doc.Image, pos doc.Pos, what string, w, h page.SP) (page.Image, bool) {
	fl := lo.l.Figures
	pic := page.Image{W: w, H: h, Data: im.Data, Type: im.Format}
	switch im.Format {
	case "jpeg":
		pic.Type = "jpg"
	case "svg":
		data, typ, texts, ok := lo.svgPicture(im, pos, what)
		if !ok {
			return pic, false
		}
		pic.Data, pic.Type, pic.Texts = data, typ, texts
	}
	if im.Format != "svg" && fl.MinPPI > 0 {
		if ppi := im.Width / (page.ToPT(w) / 72); ppi < fl.MinPPI-0.5 {
			lo.warns = append(lo.warns, diag.Errorf(pos.File, pos.Line,
				fmt.Sprintf("use a picture of at least %.0f pixels across for this size", math.Ceil(fl.MinPPI*page.ToPT(w)/72)),
				"%s %q prints at %.0f ppi (%.0fx%.0f px over %.1fx%.1f mm), below %.0f ppi", what, im.Src, ppi, im.Width, im.Height, page.ToPT(w)/72*25.4, page.ToPT(h)/72*25.4, fl.MinPPI))
		}
	}
	return pic, true
}

// svgPicture returns what the PDF draws for an SVG picture placed w×h:
// the file itself, drawn as vectors, with the characters of its text set
// in the book's faces. What in it press cannot draw is left out, and a
// warning names each such construct with its line in the file (a picture
// drawn at 300 dpi by another renderer instead lost its text and more,
// and scaled its strokes wrongly). ok is false when the picture cannot
// be drawn at all (a warning says why).
func (lo *layouter) svgPicture(im *doc.Image, pos doc.Pos, what string) (data []byte, typ string, texts []page.ImageText, ok bool) {
	v, seen := lo.svgs[im.Path]
	if !seen {
		d, err := svg.Parse(im.Data)
		v = svgCheck{err: err}
		if err == nil {
			v.unsupported = d.Unsupported
			var missing []rune
			v.texts, missing = lo.svgTexts(d)
			if len(missing) > 0 {
				lo.warns = append(lo.warns, missingWarning(pos, what, im.Src, missing))
			}
		}
		if lo.svgs == nil {
			lo.svgs = map[string]svgCheck{}
		}
		lo.svgs[im.Path] = v
	}
	if v.err != nil {
		lo.warns = append(lo.warns, diag.Errorf(pos.File, pos.Line, "check the SVG file", "%s %q cannot be drawn: %v", what, im.Src, v.err))
		return nil, "", nil, false
	}
	if len(v.unsupported) > 0 {
		var feats []string
		for _, u := range v.unsupported {
			feats = append(feats, u.String())
		}
		it := "it"
		if len(feats) > 1 {
			it = "them"
		}
		lo.warns = append(lo.warns, diag.Errorf(pos.File, pos.Line,
			"redraw the picture without "+it+", or have the drawing program turn "+it+" into plain paths",
			"%s %q: press cannot draw %s, and prints the picture without %s", what, im.Src, strings.Join(feats, ", "), it))
	}
	return im.Data, "svg", v.texts, true
}

// svgCheck is what svg.Parse found in a picture: whether it is readable,
// what in it press cannot draw as vectors, and its text set in the
// book's faces.
type svgCheck struct {
	err         error
	unsupported []svg.Feature
	texts       []page.ImageText
}

// fitBox scales a w×h picture to the largest size inside maxW×maxH,
// keeping its aspect ratio.
func fitBox(w, h float64, maxW, maxH page.SP) (page.SP, page.SP) {
	s := math.Min(float64(maxW)/w, float64(maxH)/h)
	fw, fh := page.SP(w*s), page.SP(h*s)
	// Round the other side from the one that limits, so the ratio holds
	// to within one scaled point.
	if float64(maxW)/w <= float64(maxH)/h {
		fw = maxW
		fh = page.SP(math.Round(float64(maxW) * h / w))
	} else {
		fh = maxH
		fw = page.SP(math.Round(float64(maxH) * w / h))
	}
	return fw, fh
}

// keptWithPrevious reports whether the list ends in a heading's
// no-break: what comes next stays on its page.
func keptWithPrevious(list []vitem) bool {
	for k := len(list) - 1; k >= 0; k-- {
		switch list[k].kind {
		case vGlue:
			continue
		case vPenalty:
			return list[k].penalty >= infPenalty
		}
		return false
	}
	return true
}

// caption sets a figure's or table's caption to width in the layout's
// caption size: the label ("Figure 3.", empty when unnumbered) in italic,
// then the caption's text; justified, or centred when it takes one line.
func (lo *layouter) caption(label string, text []doc.Inline, width page.SP) []typeset.Line {
	size := page.FromPT(lo.l.Figures.CaptionSize)
	var spans []typeset.Span
	if label != "" {
		if len(text) > 0 {
			label += "\u00a0"
		}
		spans = append(spans, typeset.Span{Text: label, Style: typeset.Style{Font: Italic, Size: size}, Source: -1})
	}
	spans = lo.restyle(append(spans, lo.inlineSpans(text, Regular, size)...), StyleCaptions)
	if len(spans) == 0 {
		return nil
	}
	res := lo.setter.Set(typeset.Paragraph{Spans: spans, Width: width, Align: typeset.Justify, Hyphenate: true})
	if len(res.Lines) == 1 {
		res = lo.setter.Set(typeset.Paragraph{Spans: spans, Width: width, Align: typeset.Center})
	}
	return res.Lines
}
