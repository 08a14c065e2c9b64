package publish

import (
	"strings"

	"press/internal/config"
	"press/internal/diag"
	"press/internal/doc"
)

// Summary is the count press check reports: what the book holds.
type Summary struct {
	Sections int // body sections (one per level-1 heading, plus an untitled opening)
	Words    int // words of running text, headings and notes
	Notes    int
	Figures  int
	Tables   int
}

// WordsPerMinute is the silent reading speed of adult readers of English
// non-fiction (Brysbaert 2019, "How many words do we read per minute?").
const WordsPerMinute = 238

// Summarise counts the book's parts.
func (p *Project) Summarise() Summary {
	s := Summary{Sections: len(p.Book.Sections), Notes: len(p.Book.Notes)}
	count := func(blocks []doc.Block) {
		doc.WalkBlocks(blocks, func(bl doc.Block) {
			switch b := bl.(type) {
			case *doc.CodeBlock:
				s.Words += len(strings.Fields(b.Text))
			case *doc.Figure:
				s.Figures++
			case *doc.Table:
				s.Tables++
			}
			s.Words += len(strings.Fields(doc.PlainText(doc.Inlines(bl))))
		})
	}
	for _, sec := range p.Book.Sections {
		if sec.Heading != nil {
			count([]doc.Block{sec.Heading})
		}
		count(sec.Blocks)
	}
	for _, n := range p.Book.Notes {
		count(n.Blocks)
	}
	return s
}

// Layouts lists the layouts the book can be set in: its own, the --layouts
// folder's and the built-in ones.
func (p *Project) Layouts() []string { return p.shelf.Names() }

// PagesIn typesets the book in the named layout and returns its page count
// and the typesetting warnings.
func (p *Project) PagesIn(name string) (int, []*diag.Warning, error) {
	l := p.Layout
	switch name {
	case p.LayoutName:
	case p.Config.Layout:
		l = p.PrintLayout
	default:
		var err error
		if l, err = config.LoadLayout(p.shelf, name); err != nil {
			return 0, nil, err
		}
	}
	res, err := p.paginate(l)
	if err != nil {
		return 0, nil, err
	}
	return res.Pages, res.Warnings, nil
}
