package doc

import (
	"fmt"
	"strings"
)

// Dump renders the book as indented text for golden tests: one node a line,
// stable and readable in a diff.
func Dump(b *Book) string {
	var d dumper
	d.line(0, "book %q lang=%s id=%s", b.Meta.Title, b.Meta.Language, b.Meta.Identifier)
	for _, s := range b.Sections {
		d.line(1, "section %s %q", s.ID, s.Title())
		if s.Heading != nil {
			d.block(2, s.Heading)
		}
		for _, bl := range s.Blocks {
			d.block(2, bl)
		}
	}
	for _, n := range b.Notes {
		d.line(1, "note %d %s ref=%s in=%s", n.Number, n.ID, n.RefID, n.SectionID)
		for _, bl := range n.Blocks {
			d.block(2, bl)
		}
	}
	d.toc(1, b.TOC)
	return d.String()
}

type dumper struct{ strings.Builder }

func (d *dumper) line(depth int, format string, args ...any) {
	d.WriteString(strings.Repeat("  ", depth))
	fmt.Fprintf(d, format, args...)
	d.WriteByte('\n')
}

func (d *dumper) toc(depth int, es []*TOCEntry) {
	for _, e := range es {
		d.line(depth, "toc %d %q -> %s#%s", e.Level, e.Title, e.SectionID, e.Anchor)
		d.toc(depth+1, e.Children)
	}
}

func (d *dumper) block(depth int, bl Block) {
	switch n := bl.(type) {
	case *Heading:
		d.line(depth, "h%d #%s %s", n.Level, n.ID, inlines(n.Content))
	case *Para:
		cls := ""
		if n.Class != "" {
			cls = "." + n.Class + " "
		}
		d.line(depth, "p %s%s", cls, inlines(n.Content))
	case *Quote:
		d.line(depth, "quote")
		for _, c := range n.Blocks {
			d.block(depth+1, c)
		}
	case *List:
		d.line(depth, "list ordered=%v start=%d tight=%v", n.Ordered, n.Start, n.Tight)
		for _, it := range n.Items {
			d.line(depth+1, "item")
			for _, c := range it {
				d.block(depth+2, c)
			}
		}
	case *DefList:
		d.line(depth, "deflist")
		for _, it := range n.Items {
			d.block(depth+1, it.Term)
			for _, def := range it.Defs {
				d.line(depth+2, "def")
				for _, c := range def {
					d.block(depth+3, c)
				}
			}
		}
	case *DefTerm:
		d.line(depth, "term %s", inlines(n.Content))
	case *CodeBlock:
		d.line(depth, "code %q", n.Text)
		if l := n.Listing; l != nil {
			d.line(depth+1, "listing %q file=%q caption=[%s]", l.Number, l.File, inlines(l.Caption))
		}
	case *Break:
		d.line(depth, "break")
	case *Table:
		d.line(depth, "table %d #%s align=%v caption=[%s]", n.Number, n.ID, n.Align, inlines(n.Caption))
		row := func(kind string, cells [][]Inline) {
			parts := make([]string, len(cells))
			for i, c := range cells {
				parts[i] = "[" + inlines(c) + "]"
			}
			d.line(depth+1, "%s %s", kind, strings.Join(parts, " "))
		}
		row("head", n.Head)
		for _, r := range n.Rows {
			row("row", r)
		}
	case *Figure:
		extra := ""
		if n.Decorative {
			extra = " decorative"
		}
		d.line(depth, "figure %d #%s %s%s caption=[%s]", n.Number, n.ID, image(n.Image), extra, inlines(n.Caption))
	}
}

func inlines(ins []Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch n := in.(type) {
		case *Text:
			fmt.Fprintf(&b, "%q", n.Text)
		case *Emph:
			fmt.Fprintf(&b, "emph(%s)", inlines(n.Content))
		case *Strong:
			fmt.Fprintf(&b, "strong(%s)", inlines(n.Content))
		case *Code:
			fmt.Fprintf(&b, "code(%q)", n.Text)
		case *Link:
			fmt.Fprintf(&b, "link(%q %s)", n.URL, inlines(n.Content))
		case *LineBreak:
			b.WriteString("br")
		case *TaskBox:
			fmt.Fprintf(&b, "task(%v)", n.Checked)
		case *Anchor:
			fmt.Fprintf(&b, "anchor(%s)", n.ID)
		case *Styled:
			if n.Title != "" {
				fmt.Fprintf(&b, "%s[%q](%s)", n.Kind, n.Title, inlines(n.Content))
			} else {
				fmt.Fprintf(&b, "%s(%s)", n.Kind, inlines(n.Content))
			}
		case *NoteRef:
			fmt.Fprintf(&b, "noteref(%d %s)", n.Note.Number, n.Note.Label)
		case *Image:
			b.WriteString(image(n))
		}
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

func image(im *Image) string {
	return fmt.Sprintf("image(%s %s %gx%g alt=%q title=%q)", im.Path, im.Format, im.Width, im.Height, im.Alt, im.Title)
}
