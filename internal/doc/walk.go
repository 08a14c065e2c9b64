package doc

import "strings"

// PlainText returns the characters of inlines without markup. Note
// references contribute nothing: they are not part of the running text.
func PlainText(ins []Inline) string {
	var b strings.Builder
	writePlain(&b, ins)
	return b.String()
}

func writePlain(b *strings.Builder, ins []Inline) {
	for _, in := range ins {
		switch n := in.(type) {
		case *Text:
			b.WriteString(n.Text)
		case *Code:
			b.WriteString(n.Text)
		case *Emph:
			writePlain(b, n.Content)
		case *Strong:
			writePlain(b, n.Content)
		case *Link:
			writePlain(b, n.Content)
		case *Styled:
			writePlain(b, n.Content)
		case *LineBreak:
			b.WriteString("\n")
		}
	}
}

// WalkBlocks calls fn for every block in blocks, depth first, in reading
// order, descending into quotes, list items and definition lists (terms
// and definitions; but not into notes).
func WalkBlocks(blocks []Block, fn func(Block)) {
	for _, bl := range blocks {
		fn(bl)
		switch n := bl.(type) {
		case *Quote:
			WalkBlocks(n.Blocks, fn)
		case *List:
			for _, it := range n.Items {
				WalkBlocks(it, fn)
			}
		case *DefList:
			for _, it := range n.Items {
				WalkBlocks([]Block{it.Term}, fn)
				for _, d := range it.Defs {
					WalkBlocks(d, fn)
				}
			}
		}
	}
}

// Inlines returns the inline content of a block that has any (a figure's
// caption).
func Inlines(bl Block) []Inline {
	switch n := bl.(type) {
	case *Heading:
		return n.Content
	case *Para:
		return n.Content
	case *DefTerm:
		return n.Content
	case *Figure:
		return n.Caption
	case *Table:
		return TableInlines(n)
	}
	return nil
}

// WalkInlines calls fn for every inline, depth first, in reading order
// (not descending into note bodies).
func WalkInlines(ins []Inline, fn func(Inline)) {
	for _, in := range ins {
		fn(in)
		switch n := in.(type) {
		case *Emph:
			WalkInlines(n.Content, fn)
		case *Strong:
			WalkInlines(n.Content, fn)
		case *Link:
			WalkInlines(n.Content, fn)
		case *Styled:
			WalkInlines(n.Content, fn)
		}
	}
}

// NoteRefs returns the note references of blocks in reading order.
func NoteRefs(blocks []Block) []*NoteRef {
	var refs []*NoteRef
	WalkBlocks(blocks, func(bl Block) {
		WalkInlines(Inlines(bl), func(in Inline) {
			if r, ok := in.(*NoteRef); ok {
				refs = append(refs, r)
			}
		})
	})
	return refs
}

// TableInlines returns a table's caption and cells in reading order, with
// a space between cells, so walks over the text (notes, glyph checks) see
// everything a table shows.
func TableInlines(t *Table) []Inline {
	out := append([]Inline{}, t.Caption...)
	add := func(cells [][]Inline) {
		for _, c := range cells {
			if len(out) > 0 {
				out = append(out, &Text{Text: " "})
			}
			out = append(out, c...)
		}
	}
	add(t.Head)
	for _, r := range t.Rows {
		add(r)
	}
	return out
}

// Numeric reports whether every body cell of column col is a number
// (digits with separators, a sign, a currency or a percent sign, or
// empty): such a column is right-aligned unless the source aligns it.
func (t *Table) Numeric(col int) bool {
	any := false
	for _, r := range t.Rows {
		if col >= len(r) {
			continue
		}
		s := strings.TrimSpace(PlainText(r[col]))
		if s == "" {
			continue
		}
		digits := 0
		for _, c := range s {
			switch {
			case c >= '0' && c <= '9':
				digits++
			case strings.ContainsRune(".,+-−–%$€£¥ \u00a0\u2009\u202f'’()×~≈<>", c):
			default:
				return false
			}
		}
		if digits == 0 {
			return false
		}
		any = true
	}
	return any
}

// PosOf is where a block begins in its source file (the zero Pos for a
// block that has none).
func PosOf(bl Block) Pos {
	switch n := bl.(type) {
	case *Heading:
		return n.Pos
	case *Para:
		return n.Pos
	case *Quote:
		return n.Pos
	case *List:
		return n.Pos
	case *CodeBlock:
		return n.Pos
	case *Break:
		return n.Pos
	case *Figure:
		return n.Pos
	case *Table:
		return n.Pos
	case *DefList:
		return n.Pos
	case *DefTerm:
		return n.Pos
	}
	return Pos{}
}
