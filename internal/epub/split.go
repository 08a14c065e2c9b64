package epub

import (
	"path"
	"strings"

	"press/internal/doc"
)

// maxDocText is the most markup, estimated, that one body document holds.
// Reading systems slow down or fail on XHTML files over a few hundred
// kilobytes, so a long section is cut into several documents of at most
// about 250 KB; the estimate leaves room for page-break markers and
// indentation.
const maxDocText = 200_000

// part is one XHTML document of a section. A short section is one part; a
// long one is cut at its subheadings, or between blocks as a last resort.
type part struct {
	sec    *doc.Section
	path   string
	first  bool // the part that holds the section heading
	blocks []doc.Block
}

// itemID is the part's manifest id.
func (pt part) itemID() string {
	return "text-" + strings.TrimSuffix(path.Base(pt.path), ".xhtml")
}

// splitSection cuts blocks into runs whose estimated markup stays under
// limit. It prefers to cut before a heading once a run is half full, so
// parts begin where the author's subdivisions do; otherwise it cuts
// before the block that would overflow. A single block larger than the
// limit stays whole.
func splitSection(blocks []doc.Block, limit int) [][]doc.Block {
	sizes := make([]int, len(blocks))
	total := 0
	for i, bl := range blocks {
		sizes[i] = estimate(bl)
		total += sizes[i]
	}
	if total <= limit {
		return [][]doc.Block{blocks}
	}
	var out [][]doc.Block
	start, cur := 0, 0
	for i, bl := range blocks {
		_, heading := bl.(*doc.Heading)
		if i > start && (cur+sizes[i] > limit || (heading && cur > limit/2)) {
			out = append(out, blocks[start:i])
			start, cur = i, 0
		}
		cur += sizes[i]
	}
	return append(out, blocks[start:])
}

// estimate is a block's size as markup, roughly: its characters, a few
// more for escapes, and the tags around blocks, inlines and notes.
func estimate(bl doc.Block) int {
	n := 0
	doc.WalkBlocks([]doc.Block{bl}, func(b doc.Block) {
		n += 40
		if cb, ok := b.(*doc.CodeBlock); ok {
			n += len(cb.Text) * 11 / 10
		}
		doc.WalkInlines(doc.Inlines(b), func(in doc.Inline) {
			switch x := in.(type) {
			case *doc.Text:
				n += len(x.Text) + 4*strings.Count(x.Text, "&") + 3*strings.Count(x.Text, "<")
			case *doc.Code:
				n += len(x.Text) + 20
			case *doc.Link:
				n += 2*len(x.URL) + 30
			case *doc.NoteRef:
				n += 140
			default:
				n += 20
			}
		})
	})
	return n
}
