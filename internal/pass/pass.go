// Package pass turns the blocks read from the manuscript into a finished
// doc.Book: sections split at level-1 headings, unique ids, numbered notes
// and the contents tree. Each pass is a pure function of the model, so both
// editions see the same numbers and the same contents.
package pass

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"press/internal/diag"
	"press/internal/doc"
)

// Options are the book-wide choices the passes take from book.toml.
type Options struct {
	// SectionLevel is the heading level that starts a section (an EPUB
	// document, a running head, a top entry of the contents); 0 chooses
	// it from the manuscript (see SectionLevel).
	SectionLevel int
}

// Build runs every pass in order on the blocks of the manuscript files,
// with levels chosen from the manuscript.
func Build(meta doc.Meta, blocks []doc.Block) (*doc.Book, error) {
	b, _, err := BuildWith(meta, blocks, Options{})
	return b, err
}

// BuildWith runs every pass and returns the warnings they raise (skipped
// heading levels) beside the book.
func BuildWith(meta doc.Meta, blocks []doc.Block, o Options) (*doc.Book, []*diag.Warning, error) {
	b := &doc.Book{Meta: meta}
	level := o.SectionLevel
	if level == 0 {
		level = SectionLevel(blocks)
	}
	warns := NormalizeHeadings(blocks, level)
	b.Sections = Sections(blocks)
	if len(b.Sections) == 0 {
		return nil, warns, diag.Errorf("manuscript", 0, "write some text in the Markdown files", "the manuscript is empty")
	}
	if err := IDs(b); err != nil {
		return nil, warns, err
	}
	Notes(b)
	Figures(b)
	warns = append(warns, Links(b)...)
	b.TOC = TOC(b)
	return b, warns, nil
}

// SectionLevel chooses the heading level that starts a section, as a
// reader of the manuscript would: the smallest level the book uses (a book
// written with "##" chapters has its sections at "##"), except that a
// single heading of that level at the very start, above headings of a
// deeper level used more than once, is the book's title and not its only
// chapter (a novel with "# War and Peace" then "## Chapter 1", "## Chapter
// 2"…). Pandoc's and mdBook's readers make the same choice.
func SectionLevel(blocks []doc.Block) int {
	var count [7]int
	first := 0
	for _, bl := range blocks {
		if h, ok := bl.(*doc.Heading); ok {
			l := min(max(h.Level, 1), 6)
			count[l]++
			if first == 0 {
				first = l
			}
		}
	}
	top := 0
	for l := 1; l <= 6; l++ {
		if count[l] > 0 {
			top = l
			break
		}
	}
	if top == 0 {
		return 1
	}
	if count[top] == 1 && first == top {
		for l := top + 1; l <= 6; l++ {
			if count[l] > 0 {
				if count[l] > 1 {
					return l
				}
				break
			}
		}
	}
	return top
}

// NormalizeHeadings rewrites heading levels as the book's structure: a
// heading at the section level or above becomes level 1 (it starts a
// section), and a deeper heading takes one level more than the nearest
// heading above it of a smaller level, so a skipped level ("#" then "###")
// nests under the nearest higher heading. Each skip is a warning: the
// manuscript may not mean what it says.
//
// A heading inside a block quotation or a list (mdBook books title their
// note boxes "> #### Keywords") starts nothing: it takes one level more
// than the heading it is under, or its own nesting when that is less,
// and never leaves a level out, which readers of the e-book's outline
// would stumble on; it is the box's own title, so no warning.
func NormalizeHeadings(blocks []doc.Block, sectionLevel int) []*diag.Warning {
	var warns []*diag.Warning
	open := []int{sectionLevel} // source levels of the open headings
	for _, bl := range blocks {
		h, ok := bl.(*doc.Heading)
		if !ok {
			doc.WalkBlocks([]doc.Block{bl}, func(in doc.Block) {
				if h, ok := in.(*doc.Heading); ok {
					k := len(open)
					for k > 1 && open[k-1] >= h.Level {
						k--
					}
					h.Level = min(k+1, 6)
				}
			})
			continue
		}
		if h.Level <= sectionLevel {
			open = open[:1]
			open[0] = h.Level
			h.Level = 1
			continue
		}
		for len(open) > 1 && open[len(open)-1] >= h.Level {
			open = open[:len(open)-1]
		}
		if parent := open[len(open)-1]; h.Level > parent+1 {
			title := doc.PlainText(h.Content)
			if r := []rune(title); len(r) > 60 {
				title = strings.TrimSpace(string(r[:60])) + "…"
			}
			warns = append(warns, diag.Errorf(h.Pos.File, h.Pos.Line,
				fmt.Sprintf("it is set as a level-%d heading under the one above; write it with %s to say so", len(open)+1, strings.Repeat("#", parent+1)),
				"heading %q is level %d but follows level %d (a level is skipped)", title, h.Level, parent))
		}
		open = append(open, h.Level)
		h.Level = len(open)
	}
	return warns
}

// Sections splits the blocks at level-1 headings. Text before the first
// heading becomes an untitled opening section.
func Sections(blocks []doc.Block) []*doc.Section {
	var out []*doc.Section
	var cur *doc.Section
	for _, bl := range blocks {
		if h, ok := bl.(*doc.Heading); ok && h.Level == 1 {
			cur = &doc.Section{Heading: h}
			out = append(out, cur)
			continue
		}
		if cur == nil {
			cur = &doc.Section{}
			out = append(out, cur)
		}
		cur.Blocks = append(cur.Blocks, bl)
	}
	return out
}

// IDs gives every section and heading a unique id that is a valid XML name
// and a safe file stem: ASCII letters, digits and hyphens, starting with a
// letter, derived from the heading text.
//
// The manuscript's own anchors (<span id="…">) keep their ids, and the
// generated ids go around them; an anchor id used twice, or one that the
// editions use themselves, is an error.
func IDs(b *doc.Book) error {
	used := map[string]int{}
	var errs diag.List
	for _, a := range Anchors(b) {
		switch {
		case used[a.ID] > 0:
			errs = append(errs, diag.Errorf(a.Pos.File, a.Pos.Line, "give each anchor its own id", "anchor id %q is used twice", a.ID))
		case isNoteID(a.ID) || slices.Contains(reservedIDs, a.ID):
			errs = append(errs, diag.Errorf(a.Pos.File, a.Pos.Line, "choose another id", "anchor id %q is one press gives its own notes, pages or documents", a.ID))
		}
		used[a.ID] = 1
	}
	unique := func(base string) string {
		if isNoteID(base) && used[base] == 0 {
			used[base] = 1 // the notes' own ids
		}
		if used[base] == 0 {
			used[base] = 1
			return base
		}
		// Count on until the suffixed name is free too: "a", "a", "a 2"
		// must not give "a-2" twice.
		for {
			used[base]++
			if id := fmt.Sprintf("%s-%d", base, used[base]); used[id] == 0 {
				used[id] = 1
				return id
			}
		}
	}
	for _, name := range reservedIDs {
		used[name] = 1
	}
	for _, s := range b.Sections {
		if s.Heading == nil {
			s.ID = unique("opening")
		} else {
			s.ID = unique(headingID(s.Heading))
			s.Heading.ID = s.ID
		}
		doc.WalkBlocks(s.Blocks, func(bl doc.Block) {
			if h, ok := bl.(*doc.Heading); ok {
				h.ID = unique(headingID(h))
			}
		})
	}
	return errs.Err()
}

// Anchors returns the manuscript's own anchors in reading order: those of
// the body, then those of the notes.
func Anchors(b *doc.Book) []*doc.Anchor {
	var out []*doc.Anchor
	visit := func(blocks []doc.Block) {
		doc.WalkBlocks(blocks, func(bl doc.Block) {
			doc.WalkInlines(doc.Inlines(bl), func(in doc.Inline) {
				switch n := in.(type) {
				case *doc.Anchor:
					out = append(out, n)
				case *doc.NoteRef:
					if n.Note != nil {
						doc.WalkBlocks(n.Note.Blocks, func(nb doc.Block) {
							doc.WalkInlines(doc.Inlines(nb), func(x doc.Inline) {
								if a, ok := x.(*doc.Anchor); ok {
									out = append(out, a)
								}
							})
						})
					}
				}
			})
		})
	}
	for _, s := range b.Sections {
		if s.Heading != nil {
			visit([]doc.Block{s.Heading})
		}
		visit(s.Blocks)
	}
	return out
}

// isNoteID reports whether id has the shape of the ids the notes and their
// references take (Notes), the figures' (Figures), the e-book's print
// page-break markers ("page-7") and the print edition's web address notes
// and their marks: a kind, a hyphen, digits.
func isNoteID(id string) bool {
	kind, n, ok := strings.Cut(id, "-")
	if !ok || n == "" {
		return false
	}
	for _, c := range []byte(n) {
		if c < '0' || c > '9' {
			return false
		}
	}
	switch kind {
	case "note", "noteref", "page", "figure", "table", "webaddr", "webaddrref":
		return true
	}
	return false
}

// reservedIDs are names the edition writers use for their own documents
// and parts ("web-addresses": the print edition's list of them).
var reservedIDs = []string{"titlepage", "nav", "toc", "endnotes", "notes", "cover", "colophon", "web-addresses"}

// slug makes an id from text: "“In Agriculture, Learn from Dazhai”" →
// "in-agriculture-learn-from-dazhai". Accents are folded to ASCII; long
// titles are cut at a word boundary so file names stay short.
// headingID is the id the manuscript gives a heading ("{#usage}"), or
// one made from its words.
func headingID(h *doc.Heading) string {
	if h.ID != "" {
		return h.ID
	}
	return slug(doc.PlainText(h.Content))
}

func slug(s string) string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range norm.NFD.String(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			cur.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r):
			// combining mark left by NFD: drop it
		default:
			flush()
		}
	}
	flush()
	out := ""
	for _, w := range words {
		if out != "" && len(out)+1+len(w) > 40 {
			break
		}
		if out != "" {
			out += "-"
		}
		out += w
	}
	if len(out) > 40 {
		out = out[:40]
	}
	out = strings.TrimRight(out, "-")
	switch {
	case out == "":
		return "section"
	case !unicode.IsLetter(rune(out[0])):
		return "s-" + out
	}
	return out
}

// Notes numbers the notes in reading order and collects them into b.Notes.
func Notes(b *doc.Book) {
	b.Notes = nil
	for _, s := range b.Sections {
		blocks := s.Blocks
		if s.Heading != nil {
			blocks = append([]doc.Block{s.Heading}, blocks...)
		}
		for _, ref := range doc.NoteRefs(blocks) {
			n := ref.Note
			n.Number = len(b.Notes) + 1
			n.ID = fmt.Sprintf("note-%d", n.Number)
			n.RefID = fmt.Sprintf("noteref-%d", n.Number)
			n.SectionID = s.ID
			b.Notes = append(b.Notes, n)
		}
	}
}

// Figures numbers the figures and the tables in reading order and gives
// each its anchor.
func Figures(b *doc.Book) {
	n, t := 0, 0
	for _, s := range b.Sections {
		doc.WalkBlocks(s.Blocks, func(bl doc.Block) {
			switch x := bl.(type) {
			case *doc.Figure:
				n++
				x.Number, x.ID = n, fmt.Sprintf("figure-%d", n)
			case *doc.Table:
				t++
				x.Number, x.ID = t, fmt.Sprintf("table-%d", t)
			}
		})
	}
}

// TOC builds the contents: one entry per section (the untitled opening
// takes the book title), with level-2 and level-3 headings nested.
func TOC(b *doc.Book) []*doc.TOCEntry {
	var out []*doc.TOCEntry
	for _, s := range b.Sections {
		e := &doc.TOCEntry{Title: s.Title(), SectionID: s.ID, Level: 1}
		if s.Heading == nil {
			e.Title = b.Meta.Title
		} else {
			e.Anchor = s.Heading.ID
		}
		out = append(out, e)
		var parents = []*doc.TOCEntry{e}
		doc.WalkBlocks(s.Blocks, func(bl doc.Block) {
			h, ok := bl.(*doc.Heading)
			if !ok || h.Level > 3 {
				return
			}
			child := &doc.TOCEntry{Title: doc.PlainText(h.Content), SectionID: s.ID, Anchor: h.ID, Level: h.Level}
			for len(parents) > 1 && parents[len(parents)-1].Level >= h.Level {
				parents = parents[:len(parents)-1]
			}
			p := parents[len(parents)-1]
			p.Children = append(p.Children, child)
			parents = append(parents, child)
		})
	}
	return out
}
