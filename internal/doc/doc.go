// Package doc is press's format-neutral document model: the one structure
// that the Markdown reader produces and every edition writer consumes.
//
// It imports only the standard library, so a reader or a writer can be
// swapped without touching the others. Notes stay inline (a NoteRef holds
// its note's blocks) until the numbering pass collects them into Book.Notes.
package doc

import (
	"strconv"
	"time"
)

// Pos is a place in a source file, for error messages.
type Pos struct {
	File string // path as the user gave it, e.g. "book/text.md"
	Line int    // 1-based; 0 when unknown
}

// Book is a whole publication: metadata, body sections and collected notes.
type Book struct {
	Meta     Meta
	Sections []*Section
	// Notes holds every note in reading order once pass.Notes has run;
	// Notes[i].Number == i+1.
	Notes []*Note
	// TOC is the contents tree built by pass.TOC.
	TOC []*TOCEntry
}

// Meta is the bibliographic description of the book.
type Meta struct {
	Title       string
	Subtitle    string
	Authors     []string
	Language    string // BCP 47, e.g. "en"
	Identifier  string // "urn:uuid:…"
	Date        time.Time
	Modified    time.Time // last-modified stamp for the editions (reproducible)
	Publisher   string
	Rights      string
	Description string
	Subjects    []string
	Slug        string // file name stem for the editions
	// ISBNs of the editions, as written (hyphens kept), "" when none. The
	// identifier above stays the book's unique identifier.
	ISBN         ISBNs
	Series       string // the series the book belongs to, "" when none
	SeriesIndex  int    // its number in the series, 0 when none
	Contributors []Contributor
}

// ISBNs are the book's ISBN-13s, one per edition: shops and libraries
// need a different number for the e-book and the printed book.
type ISBNs struct {
	EPUB  string
	Print string
}

// Contributor is a person who worked on the book other than its authors.
// Role is a MARC relator code: "trl" translator, "edt" editor, "ill"
// illustrator, "pht" photographer, "cov" cover designer.
type Contributor struct {
	Name string
	Role string
}

// roleCredits says a contribution in a credit line.
var roleCredits = map[string]string{
	"trl": "Translated by ", "edt": "Edited by ", "ill": "Illustrated by ",
	"pht": "Photographs by ", "cov": "Cover by ",
}

// Credits are the colophon lines both editions print after the rights:
// contributors, the series, and the ISBNs of the editions.
func (m Meta) Credits() []string {
	var out []string
	for _, c := range m.Contributors {
		out = append(out, roleCredits[c.Role]+c.Name+".")
	}
	if m.Series != "" {
		s := "Series: " + m.Series
		if m.SeriesIndex > 0 {
			s += ", " + strconv.Itoa(m.SeriesIndex)
		}
		out = append(out, s+".")
	}
	if m.ISBN.Print != "" {
		out = append(out, "ISBN "+m.ISBN.Print+" (print)")
	}
	if m.ISBN.EPUB != "" {
		out = append(out, "ISBN "+m.ISBN.EPUB+" (e-book)")
	}
	return out
}

// Section is a unit of the body: the text from one level-1 heading up to the
// next (or the untitled opening before the first heading). The EPUB writes
// one XHTML document per section; the PDF starts each on a new page.
type Section struct {
	ID      string   // unique, XML-name safe; also the EPUB file stem
	Heading *Heading // nil for an untitled opening section
	Blocks  []Block  // body, without the heading
}

// Title returns the plain text of the section heading, or "" when untitled.
func (s *Section) Title() string {
	if s.Heading == nil {
		return ""
	}
	return PlainText(s.Heading.Content)
}

// Block is a block-level element. The concrete types are the structs below.
type Block interface{ isBlock() }

// Heading is a heading of level 1–6.
type Heading struct {
	Level   int
	ID      string // unique anchor, set by pass.IDs
	Content []Inline
	Pos     Pos
}

// Para is a paragraph. Class names a style role ("byline") or is empty.
type Para struct {
	Content []Inline
	Class   string
	Pos     Pos
}

// Quote is a block quotation.
type Quote struct {
	Blocks []Block
	Pos    Pos
}

// List is an ordered or bullet list.
type List struct {
	Ordered bool
	// Tight is a list written without blank lines between its items: set
	// close, where a loose list has space between items.
	Tight bool
	Start int
	Items [][]Block
	Pos   Pos
}

// CodeBlock is preformatted text.
type CodeBlock struct {
	Text string
	Pos  Pos
	// Listing, when set, makes the block a listed code block (mdBook's
	// <Listing>): numbered, with the name of its file and a caption.
	Listing *Listing
}

// Listing is what a listed code block says about itself; each part may
// be empty.
type Listing struct {
	Number  string // "1-1"
	File    string // "src/main.rs"
	Caption []Inline
}

// Break is a thematic break (a scene or section divider).
type Break struct{ Pos Pos }

// Figure is a picture standing alone in its paragraph, with an optional
// caption: the image title, or a paragraph marked {.caption} after it.
type Figure struct {
	Image   *Image
	Caption []Inline
	// Decorative marks a picture that says nothing the text does not
	// (alt text left empty on purpose, class "decorative"): readers skip it.
	Decorative bool
	Number     int    // 1-based in reading order, set by pass.Figures
	ID         string // anchor, e.g. "figure-3", set by pass.Figures
	Pos        Pos
}

func (*Heading) isBlock()   {}
func (*Para) isBlock()      {}
func (*Quote) isBlock()     {}
func (*List) isBlock()      {}
func (*CodeBlock) isBlock() {}
func (*Break) isBlock()     {}
func (*Figure) isBlock()    {}
func (*Table) isBlock()     {}
func (*DefList) isBlock()   {}
func (*DefTerm) isBlock()   {}

// DefList is a definition list: terms, each with its definitions (the
// goldmark extension's "Term" line followed by ": definition" lines).
type DefList struct {
	Items []*DefItem
	Pos   Pos
}

// DefItem is one term and the definitions that follow it. A term written
// right above another has no definitions of its own: both share the
// second's (HTML's <dt><dt><dd>).
type DefItem struct {
	Term *DefTerm
	Defs [][]Block
}

// DefTerm is the term of a definition list: a block of its own, so walks
// over the text meet terms and definitions in reading order.
type DefTerm struct {
	Content []Inline
	Pos     Pos
}

// Table is a pipe table: a head row, body rows and an optional caption
// (a paragraph marked {.caption} right before or after it).
type Table struct {
	Align   []Align      // one per column
	Head    [][]Inline   // the head row's cells
	Rows    [][][]Inline // body rows of cells; a short row has fewer cells
	Caption []Inline
	Number  int    // 1-based in reading order, set by pass.Figures
	ID      string // anchor, e.g. "table-2", set by pass.Figures
	Pos     Pos
}

// Align is a table column's alignment as the source's delimiter row says.
type Align uint8

const (
	AlignNone Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Inline is a span-level element.
type Inline interface{ isInline() }

// Text is a run of characters, already unescaped (UTF-8, never entities).
type Text struct{ Text string }

// Emph is emphasis (italic).
type Emph struct{ Content []Inline }

// Strong is strong importance (bold).
type Strong struct{ Content []Inline }

// Code is inline code.
type Code struct{ Text string }

// Link is a hyperlink. Pos is the line its text starts on, for messages
// about the link itself (zero when unknown: use its block's).
type Link struct {
	URL     string
	Content []Inline
	Pos     Pos
}

// LineBreak is a hard line break.
type LineBreak struct{}

// NoteRef is a note reference holding its note.
type NoteRef struct{ Note *Note }

// Anchor is a named place in the text that links can point at (from an
// inline <span id> or <a id> in the manuscript). It holds no text.
type Anchor struct {
	ID  string
	Pos Pos
}

// Styled is a phrase with a meaning of its own that the editions show in
// their own way: <small>, <sup>, <sub>, <abbr title>, <kbd>, <cite>, <q>,
// and Markdown's strikethrough, <del>.
type Styled struct {
	Kind    StyleKind
	Title   string // the expansion of an abbreviation
	Content []Inline
}

// StyleKind names a Styled phrase; the values are the HTML element names.
type StyleKind string

// The phrases a manuscript may mark with inline HTML.
const (
	Small StyleKind = "small"
	Sup   StyleKind = "sup"
	Sub   StyleKind = "sub"
	Abbr  StyleKind = "abbr"
	Kbd   StyleKind = "kbd"
	Cite  StyleKind = "cite"
	Q     StyleKind = "q"
	// Del is struck-through text (~~…~~): words the author shows as
	// withdrawn, kept legible.
	Del StyleKind = "del"
)

// TaskBox is the check box that starts an item of a task list.
type TaskBox struct{ Checked bool }

func (*TaskBox) isInline() {}

func (*Anchor) isInline() {}
func (*Styled) isInline() {}

// Image is a picture from the book folder: inline in a line of text, or
// the picture of a Figure.
type Image struct {
	Src    string // as written in the manuscript
	Path   string // slash-separated path inside the book folder, e.g. "img/map.png"
	Alt    string
	Title  string
	Format string // "png", "jpeg" or "svg"
	Data   []byte
	// Width and Height are the picture's size in pixels (SVG: in CSS px,
	// from its width and height or its viewBox).
	Width, Height float64
	Pos           Pos
}

func (*Text) isInline()      {}
func (*Emph) isInline()      {}
func (*Strong) isInline()    {}
func (*Code) isInline()      {}
func (*Link) isInline()      {}
func (*LineBreak) isInline() {}
func (*NoteRef) isInline()   {}
func (*Image) isInline()     {}

// Note is an endnote. Number is 0 until pass.Notes numbers it.
type Note struct {
	Label     string // the label used in the source, e.g. "klocho"
	Number    int
	Blocks    []Block
	Pos       Pos    // where the note is defined
	RefPos    Pos    // where it is referenced
	RefID     string // anchor id of the reference, e.g. "noteref-1"
	ID        string // anchor id of the note, e.g. "note-1"
	SectionID string // the section that holds the reference
}

// TOCEntry is one line of the contents: a heading and its sub-entries.
type TOCEntry struct {
	Title     string
	SectionID string // the section holding the heading
	Anchor    string // the heading id ("" when the entry is a whole untitled section)
	Level     int
	Children  []*TOCEntry
}

// TaskBoxOf returns the check box that starts a list item (GitHub's
// "- [ ] task"), or nil.
func TaskBoxOf(item []Block) *TaskBox {
	if len(item) == 0 {
		return nil
	}
	if p, ok := item[0].(*Para); ok && len(p.Content) > 0 {
		box, _ := p.Content[0].(*TaskBox)
		return box
	}
	return nil
}
