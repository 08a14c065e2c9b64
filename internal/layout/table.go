package layout

import (
	"fmt"
	"strings"

	"press/internal/diag"
	"press/internal/doc"
	"press/internal/page"
	"press/internal/typeset"
)

// Booktabs rules: thick at the top and bottom, thin below the head, no
// vertical rules. Rows take whole lines of the body's leading, so a
// table's text stands on the page's baseline grid (a single-line row is
// one line of the text beside it) and the text after it stays there; a
// rule sits ruleDrop below the line that ends above it, in the room the
// leading leaves between a descender and the next line's capitals, as
// booktabs spaces its rules.
const (
	heavyRule = page.PT * 8 / 10
	lightRule = page.PT / 2
	ruleSep   = page.PT * 3
	ruleDrop  = page.PT
)

// tableSpec is a table measured and fitted to the measure.
type tableSpec struct {
	t          *doc.Table
	size       page.SP
	leading    page.SP
	gap        page.SP // between columns
	widths     []page.SP
	align      []typeset.Align
	numeric    []bool
	width      page.SP // of the whole table
	x          page.SP // left of the table inside the text block
	headHeight page.SP
}

// cellSpans are a cell's spans in the table's style: the head in italic.
func (lo *layouter) cellSpans(cell []doc.Inline, head bool, size page.SP) []typeset.Span {
	face := Regular
	if head {
		face = Italic
	}
	return lo.restyle(lo.inlineSpans(cell, face, size), StyleTables)
}

// widthsOf measures a cell: its widest unbreakable word and its whole
// width on one line, at size.
func (lo *layouter) widthsOf(spans []typeset.Span) (minW, maxW page.SP) {
	var word page.SP
	for _, sp := range spans {
		f := lo.o.Fonts.Faces[sp.Style.Font]
		if f == nil {
			f = lo.o.Fonts.Faces[Regular]
		}
		upem := page.SP(f.UnitsPerEm())
		for _, w := range strings.SplitAfter(sp.Text, " ") {
			trimmed := strings.TrimRight(w, " ")
			wd := page.SP(f.Width(trimmed)) * sp.Style.Size / upem
			word += wd
			maxW += page.SP(f.Width(w)) * sp.Style.Size / upem
			if len(trimmed) < len(w) { // the word ends here
				minW = max(minW, word)
				word = 0
			}
		}
	}
	return max(minW, word), maxW
}

// fitTable chooses the table's size and column widths the way browsers'
// automatic table layout does: every column at least its widest word,
// at most its natural width, the room between shared in proportion to
// what each column lacks. A table too wide at its widest words is set
// smaller, down to the layout's min_size, and then is a warning.
func (lo *layouter) fitTable(t *doc.Table, avail page.SP) *tableSpec {
	tl := lo.l.Tables
	size, leading := page.FromPT(tl.Size), page.FromPT(tl.Leading)
	cols := len(t.Align)
	ts := &tableSpec{t: t, align: make([]typeset.Align, cols), numeric: make([]bool, cols)}
	for c := range cols {
		ts.numeric[c] = t.Numeric(c)
		switch t.Align[c] {
		case doc.AlignRight:
			ts.align[c] = typeset.Right
		case doc.AlignCenter:
			ts.align[c] = typeset.Center
		case doc.AlignLeft:
			ts.align[c] = typeset.Left
		default:
			ts.align[c] = typeset.Left
			if ts.numeric[c] {
				ts.align[c] = typeset.Right
			}
		}
	}
	measure := func(size page.SP) (mins, maxs []page.SP) {
		mins, maxs = make([]page.SP, cols), make([]page.SP, cols)
		for r := -1; r < len(t.Rows); r++ {
			row := t.Head
			if r >= 0 {
				row = t.Rows[r]
			}
			for c := 0; c < cols && c < len(row); c++ {
				mn, mx := lo.widthsOf(lo.cellSpans(row[c], r < 0, size))
				mins[c], maxs[c] = max(mins[c], mn), max(maxs[c], mx)
			}
		}
		return mins, maxs
	}
	sum := func(v []page.SP) page.SP {
		s := page.SP(0)
		for _, x := range v {
			s += x
		}
		return s
	}
	gapOf := func(size page.SP) page.SP { return size } // one em between columns
	mins, maxs := measure(size)
	need := sum(mins) + page.SP(cols-1)*gapOf(size)
	if need > avail {
		// Widths scale with the size: the largest size whose widest words
		// fit, in half points, not below min_size.
		minSize := page.FromPT(tl.MinSize)
		s := page.SP(float64(size) * float64(avail) / float64(need))
		s -= s % (page.PT / 2)
		s = max(s, minSize)
		leading = leading * s / size
		size = s
		mins, maxs = measure(size)
		need = sum(mins) + page.SP(cols-1)*gapOf(size)
		if need > avail {
			lo.warns = append(lo.warns, diag.Errorf(t.Pos.File, t.Pos.Line, "shorten the longest words, cut a column, or use a wider layout",
				"table is too wide for the measure even at %.1f pt (its widest words need %.0f mm, the measure is %.0f mm): words are broken in its cells", page.ToPT(size), page.ToPT(need)/72*25.4, page.ToPT(avail)/72*25.4))
		} else if size < page.FromPT(tl.Size) {
			lo.warns = append(lo.warns, diag.Errorf(t.Pos.File, t.Pos.Line, "", "table set at %.1f pt instead of %.1f pt to fit the measure", page.ToPT(size), tl.Size))
		}
	}
	ts.size, ts.leading, ts.gap = size, leading, gapOf(size)
	room := avail - page.SP(cols-1)*ts.gap
	ts.widths = make([]page.SP, cols)
	switch sMin, sMax := sum(mins), sum(maxs); {
	case sMax <= room:
		copy(ts.widths, maxs)
	case sMin >= room:
		// Even the widest words do not fit: share the room in proportion.
		for c := range cols {
			ts.widths[c] = page.SP(float64(room) * float64(mins[c]) / float64(max(sMin, 1)))
		}
	default:
		extra := float64(room - sMin)
		for c := range cols {
			ts.widths[c] = mins[c] + page.SP(extra*float64(maxs[c]-mins[c])/float64(sMax-sMin))
		}
	}
	ts.width = sum(ts.widths) + page.SP(cols-1)*ts.gap
	ts.x = (avail - ts.width) / 2
	return ts
}

// setRow sets a row's cells and returns their lines and the row height.
func (lo *layouter) setRow(ts *tableSpec, row [][]doc.Inline, head bool) ([][]typeset.Line, page.SP) {
	lines := make([][]typeset.Line, len(ts.widths))
	n := 1
	for c := range ts.widths {
		if c >= len(row) || len(row[c]) == 0 {
			continue
		}
		res := lo.setter.Set(typeset.Paragraph{Spans: lo.cellSpans(row[c], head, ts.size), Width: ts.widths[c], Align: ts.align[c],
			Hyphenate: !ts.numeric[c]})
		lines[c] = res.Lines
		n = max(n, len(res.Lines))
	}
	return lines, lo.rowHeight(ts, n)
}

// rowHeight is the height of a row of n lines: whole lines of the body's
// leading, its first baseline where the body's would be, its other lines
// at the table's leading.
func (lo *layouter) rowHeight(ts *tableSpec, n int) page.SP {
	l := lo.st.leading
	need := page.SP(n-1)*ts.leading + l
	return (need + l - 1) / l * l
}

// drawRow draws a row's cells with the top of the row at top. Body cells
// hang from the top of the row; head cells stand on its foot, so the head
// reads along the rule under it.
func (lo *layouter) drawRow(p *page.Page, ts *tableSpec, lines [][]typeset.Line, x, top page.SP, head bool) {
	n := 1
	for _, ls := range lines {
		n = max(n, len(ls))
	}
	h := lo.rowHeight(ts, n)
	for c, ls := range lines {
		cx := x
		for k := range c {
			cx += ts.widths[k] + ts.gap
		}
		// On the grid: a body cell's first line where the body's first
		// line in that place would stand, a head cell's last line on the
		// row's last grid line.
		base := top + lo.st.size
		if head {
			base = top + h - (lo.st.leading - lo.st.size) - page.SP(len(ls)-1)*ts.leading
		}
		for i := range ls {
			lo.drawRuns(p, vitem{line: &ls[i], size: ts.size}, cx, base)
			base += ts.leading
		}
	}
}

// table sets a pipe table: its caption above, a heavy rule, the head, a
// light rule, the rows, a heavy rule. The page may break between rows;
// the head (with its rules) is repeated at the top of each page the table
// continues on, and a part that continues ends with a light rule.
func (lo *layouter) table(list []vitem, t *doc.Table, inset page.SP, anchors []string) []vitem {
	st := lo.st
	avail := lo.g.measure - 2*inset
	ts := lo.fitTable(t, avail)
	x := inset + ts.x

	// The caption, kept with the head.
	capSize, capLeading := page.FromPT(lo.l.Figures.CaptionSize), page.FromPT(lo.l.Figures.CaptionLeading)
	label := ""
	if lo.l.Tables.Numbered {
		label = fmt.Sprintf("Table %d.", t.Number)
	}
	capLines := lo.caption(label, t.Caption, avail)
	headLines, headRow := lo.setRow(ts, t.Head, true)
	l := st.leading
	// The head: the heavy rule on its top edge (the type area's top, on a
	// page the table continues on), the light rule ruleDrop under its
	// last line (in the first row's room above its capitals).
	head := &region{height: headRow}
	head.draw = func(p *page.Page, left, top page.SP, _ bool) {
		p.Rules = append(p.Rules, page.Rule{X: left + x, Y: top, W: ts.width, H: heavyRule})
		lo.drawRow(p, ts, headLines, left+x, top, true)
		p.Rules = append(p.Rules, page.Rule{X: left + x, Y: top + headRow + ruleDrop, W: ts.width, H: lightRule})
	}
	// The caption above, its last line ruleSep over the heavy rule; the
	// block takes whole lines, the room left above the caption.
	capHeight := page.SP(0)
	if len(capLines) > 0 {
		capHeight = (page.SP(len(capLines)-1)*capLeading + capSize + capSize/4 + ruleSep + l - 1) / l * l
	}
	first := &region{height: capHeight + head.height}
	first.draw = func(p *page.Page, left, top page.SP, atTop bool) {
		// capSize/4: room for the caption's descenders above the gap.
		base := top + capHeight - ruleSep - capSize/4 - page.SP(len(capLines)-1)*capLeading
		for i := range capLines {
			lo.drawRuns(p, vitem{line: &capLines[i], size: capSize, x: inset}, left, base)
			base += capLeading
		}
		head.draw(p, left, top+capHeight, atTop)
	}
	if len(t.Rows) <= 5 {
		// A short table never breaks: one block, which floats like a
		// figure to the next page's top when it does not fit.
		rows := make([][][]typeset.Line, len(t.Rows))
		heights := make([]page.SP, len(t.Rows))
		content := first.height
		for r, row := range t.Rows {
			rows[r], heights[r] = lo.setRow(ts, row, false)
			content += heights[r]
		}
		// A line of space above and below, as a figure: whole lines, so
		// the rows and the text around keep the baseline grid. At the
		// head of a page the line above goes below.
		whole := &region{height: content + 2*l, float: true}
		whole.draw = func(p *page.Page, left, top page.SP, atTop bool) {
			if !atTop {
				top += l
			}
			first.draw(p, left, top, atTop)
			y := top + first.height
			for r := range rows {
				lo.drawRow(p, ts, rows[r], left+x, y, false)
				y += heights[r]
			}
			p.Rules = append(p.Rules, page.Rule{X: left + x, Y: y + ruleDrop, W: ts.width, H: heavyRule})
		}
		if !keptWithPrevious(list) {
			list = append(list, vitem{kind: vPenalty, penalty: 0})
		}
		list = append(list, lo.regionItem(whole, t, append(anchors, t.ID)))
		return append(list, vitem{kind: vPenalty, penalty: 0})
	}
	// A line of space above (gone at the head of a page) and one below
	// (in the last row), so the table keeps the grid.
	list = append(list, vitem{kind: vGlue, glue: l})
	list = append(list, lo.regionItem(first, t, append(anchors, t.ID)))
	for r, row := range t.Rows {
		lines, h := lo.setRow(ts, row, false)
		last := r == len(t.Rows)-1
		rowH := h
		if last {
			h += l
		}
		rg := &region{height: h, repeat: head, offset: r + 1}
		rg.draw = func(p *page.Page, left, top page.SP, _ bool) {
			lo.drawRow(p, ts, lines, left+x, top, false)
			if last {
				p.Rules = append(p.Rules, page.Rule{X: left + x, Y: top + rowH + ruleDrop, W: ts.width, H: heavyRule})
			}
		}
		if !last {
			rg.foot = func(p *page.Page, left, top page.SP) {
				p.Rules = append(p.Rules, page.Rule{X: left + x, Y: top + h + ruleDrop, W: ts.width, H: lightRule})
			}
		}
		if r > 0 {
			// A break between rows, but never one that leaves fewer than
			// two rows of the table on a page, above or below it; a
			// table of five rows or fewer does not break at all.
			pen := 0
			if r < 2 || r > len(t.Rows)-2 || len(t.Rows) <= 5 {
				pen = infPenalty
			}
			list = append(list, vitem{kind: vPenalty, penalty: pen})
		}
		list = append(list, lo.regionItem(rg, t, nil))
	}
	list = append(list, vitem{kind: vPenalty, penalty: 0})
	return list
}
