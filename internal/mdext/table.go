package mdext

import (
	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// GFM's pipe tables:
//
//	| Name | Size |
//	|:-----|-----:|
//	| a    |    1 |
//
// A table is found in a finished paragraph: a line of dashes, colons and
// pipes under a row with as many cells turns that row, the delimiter row
// and every later line of the paragraph into a table; lines above it stay
// a paragraph. "\|" is a pipe inside a cell, even inside a code span,
// where codePipeTransformer removes the backslash after inline parsing.

// tableTransformer is the ParagraphTransformer that finds tables.
type tableTransformer struct{}

func (tableTransformer) Transform(para *gast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := para.Lines()
	if lines.Len() < 2 {
		return
	}
	src := reader.Source()
	for i := 1; i < lines.Len(); i++ {
		delim := lines.At(i)
		aligns := delimiterRow(delim.Value(src))
		if aligns == nil {
			continue
		}
		head := tableRow(lines.At(i-1), aligns, true, src, pc)
		if head.ChildCount() != len(aligns) {
			return
		}
		t := east.NewTable()
		t.Alignments = aligns
		t.SetPos(para.Pos())
		t.AppendChild(t, east.NewTableHeader(head))
		for j := i + 1; j < lines.Len(); j++ {
			t.AppendChild(t, tableRow(lines.At(j), aligns, false, src, pc))
		}
		parent := para.Parent()
		parent.InsertAfter(parent, para, t)
		// The lines above the header stay a paragraph, without the
		// newline that ended its last line.
		lines.SetSliced(0, i-1)
		if lines.Len() == 0 {
			parent.RemoveChild(parent, para)
		} else {
			last := lines.At(i - 2)
			last.Stop--
			lines.Set(i-2, last)
		}
		return
	}
}

// delimiterRow reads a table's delimiter row ("|:--|--:|") into one
// alignment a column, or nil if line is no delimiter row.
func delimiterRow(line []byte) []east.Alignment {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return nil
	}
	dashesOnly := true
	for _, c := range line {
		if c != '-' {
			dashesOnly = false
		}
		if !util.IsSpace(c) && c != '-' && c != '|' && c != ':' {
			return nil
		}
	}
	if dashesOnly {
		return nil
	}
	// The columns are what lies between pipes, less blank columns
	// before a leading and after a trailing pipe.
	var cols [][]byte
	for start := 0; ; {
		end := start
		for end < len(line) && line[end] != '|' {
			end++
		}
		cols = append(cols, line[start:end])
		if end == len(line) {
			break
		}
		start = end + 1
	}
	if util.IsBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && util.IsBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	var aligns []east.Alignment
	for _, col := range cols {
		a, ok := columnAlignment(col)
		if !ok {
			return nil
		}
		aligns = append(aligns, a)
	}
	return aligns
}

// columnAlignment reads one column of a delimiter row: dashes, with a
// colon on the side (or sides) the column's text is aligned to.
func columnAlignment(col []byte) (east.Alignment, bool) {
	s, e := 0, len(col)
	for s < e && util.IsSpace(col[s]) {
		s++
	}
	for e > s && util.IsSpace(col[e-1]) {
		e--
	}
	col = col[s:e]
	left := len(col) > 0 && col[0] == ':'
	if left {
		col = col[1:]
	}
	right := len(col) > 0 && col[len(col)-1] == ':'
	if right {
		col = col[:len(col)-1]
	}
	if len(col) == 0 {
		return 0, false
	}
	for _, c := range col {
		if c != '-' {
			return 0, false
		}
	}
	switch {
	case left && right:
		return east.AlignCenter, true
	case left:
		return east.AlignLeft, true
	case right:
		return east.AlignRight, true
	}
	return east.AlignNone, true
}

// tableRow splits one line into cells. A body row is cut or padded to the
// table's columns; a header row keeps its extra cells, so the caller can
// see it does not match the delimiter row.
func tableRow(seg text.Segment, aligns []east.Alignment, header bool, src []byte, pc parser.Context) *east.TableRow {
	row := east.NewTableRow(aligns)
	row.SetPos(seg.Start)
	lineStart, padding := seg.Start, seg.Padding
	seg = seg.TrimLeftSpace(src)
	seg = seg.TrimRightSpace(src)
	line := seg.Value(src)
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	col := 0
	for ; pos < limit; col++ {
		align := east.AlignNone
		if col < len(aligns) {
			align = aligns[col]
		} else if !header {
			return row
		}
		cell := east.NewTableCell()
		cell.SetPos(lineStart + pos - padding)
		cell.Alignment = align
		// The cell ends at the first pipe not escaped. Escaped pipes
		// after a backtick may be in a code span, whose text keeps its
		// backslashes: remember where they are.
		var escapes []int
		backtick := false
		end := pos
		for ; end < limit; end++ {
			switch line[end] {
			case '`':
				backtick = true
				continue
			case '|':
			default:
				continue
			}
			if end == 0 || line[end-1] != '\\' {
				break
			}
			if backtick {
				escapes = append(escapes, seg.Start+end-1)
			}
		}
		if escapes != nil {
			list, _ := pc.Get(pipeEscapesKey).([]pipeEscapes)
			pc.Set(pipeEscapesKey, append(list, pipeEscapes{cell, escapes}))
		}
		text := text.NewSegment(seg.Start+pos, seg.Start+end)
		text = text.TrimLeftSpace(src)
		cell.Lines().Append(text.TrimRightSpace(src))
		row.AppendChild(row, cell)
		pos = end + 1
	}
	for ; col < len(aligns); col++ {
		row.AppendChild(row, east.NewTableCell())
	}
	return row
}

// pipeEscapesKey holds a parse's []pipeEscapes.
var pipeEscapesKey = parser.NewContextKey()

// pipeEscapes are the source offsets of the backslashes of "\|" in one
// table cell that may lie inside code spans.
type pipeEscapes struct {
	cell *east.TableCell
	at   []int
}

// codePipeTransformer removes the backslash of "\|" inside a table cell's
// code spans, which GFM reads as a plain pipe there too.
type codePipeTransformer struct{}

func (codePipeTransformer) Transform(doc *gast.Document, reader text.Reader, pc parser.Context) {
	list, _ := pc.Get(pipeEscapesKey).([]pipeEscapes)
	if list == nil {
		return
	}
	pc.Set(pipeEscapesKey, nil)
	for _, e := range list {
		_ = gast.Walk(e.cell, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
			if entering && n.Kind() == gast.KindCodeSpan {
				for c := n.FirstChild(); c != nil; {
					next := c.NextSibling()
					if t, ok := c.(*gast.Text); ok {
						dropBackslashes(n, t, e.at)
					}
					c = next
				}
			}
			return gast.WalkContinue, nil
		})
	}
}

// dropBackslashes splits t, a text of code span span, around each of the
// backslashes at (ascending source offsets) that it holds.
func dropBackslashes(span gast.Node, t *gast.Text, at []int) {
	whole := t.Segment
	var piece gast.Node = t
	for _, b := range at {
		if b < whole.Start || b >= whole.Stop {
			continue
		}
		s := piece.(*gast.Text).Segment
		before := gast.NewRawTextSegment(s.WithStop(b))
		after := gast.NewRawTextSegment(s.WithStart(b + 1))
		span.InsertAfter(span, piece, before)
		span.InsertAfter(span, before, after)
		span.RemoveChild(span, piece)
		piece = after
	}
}
