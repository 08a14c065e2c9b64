// Package layout turns a doc.Book into a paginated page.Doc: title page,
// colophon, contents with real page numbers, the body with running heads
// and folios, and the endnotes linked both ways. It decides where things go;
// the typeset package sets the lines and the pdf package draws the result.
package layout

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"press/internal/config"
	"press/internal/diag"
	"press/internal/doc"
	"press/internal/font"
	"press/internal/hyphen"
	"press/internal/linebreak"
	"press/internal/page"
	"press/internal/typeset"
)

// Face keys used in page.Text.Font and typeset.Style.Font.
const (
	Regular    = "regular"
	Italic     = "italic"
	Bold       = "bold"
	BoldItalic = "bolditalic"
	Mono       = "mono" // code
)

// Face is what layout needs of a font: typesetting metrics, whole-string
// widths (folios, leaders), glyph coverage and a name for the PDF. The
// TrueType faces of internal/font satisfy it; tests use fixed-width fakes.
type Face interface {
	typeset.Metrics
	Kern(a, b rune) int // for the e-book's font subsets, which kern by pairs
	HasGlyph(r rune) bool
	Name() string
}

// Fonts are the parsed faces and their file bytes, by face key.
type Fonts struct {
	Faces map[string]Face
	Data  map[string][]byte
	Index map[string]int // face in a collection; 0 for a single-face file
	// Features are the OpenType features the faces shape with; the PDF
	// writer shapes with the same.
	Features []string
}

// Options configures Paginate.
type Options struct {
	// CoverImage, when set, is the book's own cover picture (PNG or JPEG),
	// printed on the whole cover page instead of the generated design.
	CoverImage *page.Image
	CoverFile  string // its path, for messages
	Layout     *config.Layout
	Fonts      Fonts
	Hyphenator *hyphen.Hyphenator
	Creator    string // written into the PDF information
}

// Result is the paginated book and what the user should hear about.
type Result struct {
	Doc      *page.Doc
	Warnings []*diag.Warning
	// Cover is the printed cover page (nil when the layout has none), for
	// drawing the e-book's cover image from the same design.
	Cover *page.Page
	// Headings maps each heading anchor to the physical page it is printed on.
	Headings map[string]int
	// PageStarts says where each page of the body and notes begins in the
	// document, in page order: the e-book marks the same places.
	PageStarts []PageStart
}

// PageStart is where a printed page begins: in Block, at Offset runes into
// its running text (doc.PlainText of its inlines). Page 1 (the title page)
// and 2 (the colophon) are reported with a nil Block and Front set.
type PageStart struct {
	Page   int
	Label  string // the printed folio, or the page number when none is printed
	Block  doc.Block
	Offset int
	Front  string // "title", "colophon" or "notes": a start that is no block of the book
}

// geometry is the page and type area in scaled points.
type geometry struct {
	width, height          page.SP
	inner, outer, top, bot page.SP
	measure, textHeight    page.SP
}

func (g geometry) left(physical int) page.SP {
	if physical%2 == 1 { // recto: the spine is on the left
		return g.inner
	}
	return g.outer
}

// styles are the sizes in use, in scaled points.
type styles struct {
	size, leading, indent            page.SP
	quoteSize, quoteLeading, quoteIn page.SP
	noteSize, noteLeading            page.SP
	headSize, headingSize, titleSize page.SP
}

type layouter struct {
	o      Options
	l      *config.Layout
	g      geometry
	st     styles
	setter *typeset.Setter
	book   *doc.Book
	warns  []*diag.Warning
	para   int // paragraph serial for LineInfo
	info   map[*page.Page]pageInfo
	starts []PageStart
	// sources are the justified paragraphs by serial, to set again when
	// one would end a page in a hyphen.
	sources map[int]*paraSource
	// rasterWidths are the pixel widths of the pictures placed so far.
	rasterWidths map[int]bool
	rasters      map[string][]byte   // SVG pictures drawn, by path and size
	svgs         map[string]svgCheck // SVG pictures read, by path
}

// Paginate lays out the whole book.
func Paginate(b *doc.Book, o Options) (*Result, error) {
	l := o.Layout
	lo := &layouter{o: o, l: l, book: b, info: map[*page.Page]pageInfo{}}
	lo.g = geometry{
		width: page.FromMM(l.Page.Width), height: page.FromMM(l.Page.Height),
		inner: page.FromMM(l.Page.Inner), outer: page.FromMM(l.Page.Outer),
		top: page.FromMM(l.Page.Top), bot: page.FromMM(l.Page.Bottom),
	}
	lo.g.measure = lo.g.width - lo.g.inner - lo.g.outer
	lo.g.textHeight = lo.g.height - lo.g.top - lo.g.bot
	t := l.Text
	size := page.FromPT(t.Size)
	lo.st = styles{
		size: size, leading: page.FromPT(t.Leading), indent: page.SP(t.Indent * float64(size)),
		quoteSize: page.FromPT(t.QuoteSize), quoteLeading: page.FromPT(t.QuoteLeading), quoteIn: page.SP(t.QuoteIndent * float64(size)),
		noteSize: page.FromPT(t.NoteSize), noteLeading: page.FromPT(t.NoteLeading),
		headSize: page.FromPT(t.HeadSize), headingSize: page.FromPT(t.HeadingSize), titleSize: page.FromPT(t.TitleSize),
	}
	br := l.Breaking
	params := linebreak.DefaultParams()
	params.Pretolerance = br.Pretolerance
	params.Tolerance = br.Tolerance
	params.LinePenalty = br.LinePenalty
	params.HyphenPenalty = br.HyphenPenalty
	params.ExHyphenPenalty = br.ExHyphenPenalty
	params.DoubleHyphenDemerits = br.DoubleHyphenDemerits
	params.FinalHyphenDemerits = br.FinalHyphenDemerits
	params.AdjDemerits = br.AdjDemerits
	params.MaxHyphenRun = br.MaxHyphenRun
	faces := map[string]typeset.Metrics{}
	for k, f := range o.Fonts.Faces {
		faces[k] = f
	}
	lo.setter = &typeset.Setter{
		Faces:              faces,
		Hyphenator:         o.Hyphenator,
		HyphenMin:          hyphen.Options{LeftMin: l.Hyphenation.LeftMin, RightMin: l.Hyphenation.RightMin},
		MinWord:            l.Hyphenation.MinWord,
		Capitalized:        l.Hyphenation.Capitalized,
		LastWord:           l.Hyphenation.LastWord,
		Params:             params,
		EmergencyStretchEm: br.EmergencyStretch,
		HyphenPenalty:      br.HyphenPenalty,
		ExHyphenPenalty:    br.ExHyphenPenalty,
		SpaceStretch:       br.SpaceStretch,
		SpaceShrink:        br.SpaceShrink,
		MaxExpand:          int(br.FontExpansion * 1000),
		MaxTrack:           int(br.LetterSpacing * 1000),
		TrackAbove:         2,
	}
	if !l.Hyphenation.Enabled {
		lo.setter.Hyphenator = nil
	}
	return lo.run()
}

func (lo *layouter) run() (*Result, error) {
	b := lo.book
	// Body first, so the contents can show real page numbers. Front matter
	// is a fixed number of pages (title, colophon, contents) known before
	// the body is numbered; the contents length is measured up front.
	// Page numbers do not change how the contents break, so a dry run with
	// no numbers gives its length.
	// A cover takes the first leaf: the cover and its blank inside.
	cover := 0
	if lo.l.Pages.Cover {
		cover = 2
	}
	contentsPages := len(lo.contentsPages(cover+3, map[string]int{}))
	front := cover + 2 + contentsPages
	bodyStart := front + 1
	if lo.l.Pages.BodyRecto && bodyStart%2 == 0 {
		bodyStart++
	}
	body, err := lo.bodyPages(bodyStart)
	if err != nil {
		return nil, err
	}
	notesStart := bodyStart + len(body)
	if lo.l.Pages.NewPageForSections && lo.l.Pages.BodyRecto && notesStart%2 == 0 {
		notesStart++
	}
	notes := lo.notesPages(notesStart)

	headingPage := map[string]int{}
	for _, p := range append(append([]*page.Page{}, body...), notes...) {
		for _, a := range p.Anchors {
			if _, ok := headingPage[a.Name]; !ok {
				headingPage[a.Name] = p.Number
			}
		}
	}
	var pages []*page.Page
	if cover > 0 {
		pages = append(pages, lo.coverPage(), &page.Page{Number: 2, Role: "blank"})
	}
	pages = append(pages, lo.titlePage(cover+1), lo.colophonPage(cover+2))
	pages = append(pages, lo.contentsPages(front+1-contentsPages, headingPage)...)
	for len(pages) < bodyStart-1 {
		pages = append(pages, &page.Page{Number: len(pages) + 1, Role: "blank"})
	}
	pages = append(pages, body...)
	for len(pages) < notesStart-1 {
		pages = append(pages, &page.Page{Number: len(pages) + 1, Role: "blank"})
	}
	pages = append(pages, notes...)
	for i, p := range pages {
		if p.Number != i+1 {
			return nil, fmt.Errorf("layout: page %d numbered %d (contents estimate wrong)", i+1, p.Number)
		}
	}
	lo.furniture(pages)

	d := &page.Doc{
		Width: lo.g.width, Height: lo.g.height, Pages: pages,
		Meta: page.Meta{
			Title: b.Meta.Title, Author: strings.Join(b.Meta.Authors, ", "), Subject: b.Meta.Description,
			Keywords: strings.Join(b.Meta.Subjects, ", "), Language: b.Meta.Language, Creator: lo.o.Creator,
			Date: b.Meta.Modified,
		},
		Outline: lo.outline(),
	}
	for _, key := range []string{Regular, Italic, Bold, BoldItalic, Mono} {
		if data, ok := lo.o.Fonts.Data[key]; ok && lo.usesFont(pages, key) {
			face, _ := lo.o.Fonts.Faces[key].(*font.Face) // tests may measure with other faces
			d.Fonts = append(d.Fonts, page.Font{Name: key, FullName: lo.o.Fonts.Faces[key].Name(), Data: data,
				Index: lo.o.Fonts.Index[key], Features: lo.o.Fonts.Features, Face: face})
		}
	}
	starts := []PageStart{{Page: cover + 1, Front: "title"}, {Page: cover + 2, Front: "colophon"}}
	starts = append(starts, lo.starts...)
	sort.SliceStable(starts, func(i, j int) bool { return starts[i].Page < starts[j].Page })
	for i := range starts {
		starts[i].Label = strconv.Itoa(starts[i].Page)
	}
	res := &Result{Doc: d, Warnings: lo.warns, Headings: headingPage, PageStarts: starts}
	if cover > 0 {
		res.Cover = pages[0]
	}
	return res, nil
}

func (lo *layouter) usesFont(pages []*page.Page, key string) bool {
	if key == Regular {
		return true // bookmarks need one UTF-8 face
	}
	for _, p := range pages {
		for _, t := range p.Texts {
			if t.Font == key {
				return true
			}
		}
	}
	return false
}

// linesPerPage is how many lines of the given leading fit the type area.
func (lo *layouter) linesPerPage(leading page.SP) int {
	return 1 + int((lo.g.textHeight-lo.st.size)/leading)
}

// outline is the PDF bookmark tree: contents, sections (with their
// subheadings) and notes, in reading order.
func (lo *layouter) outline() []page.Outline {
	out := []page.Outline{{Title: "Contents", Dest: "contents"}}
	var walk func(es []*doc.TOCEntry, level int)
	walk = func(es []*doc.TOCEntry, level int) {
		for _, e := range es {
			out = append(out, page.Outline{Title: e.Title, Level: level, Dest: entryDest(e)})
			walk(e.Children, level+1)
		}
	}
	walk(lo.book.TOC, 0)
	if len(lo.book.Notes) > 0 {
		out = append(out, page.Outline{Title: "Notes", Dest: "notes"})
	}
	return out
}

// entryDest is the anchor a contents entry points at.
func entryDest(e *doc.TOCEntry) string {
	if e.Anchor != "" {
		return e.Anchor
	}
	return e.SectionID
}

// folio formats a page number.
func folio(n int) string { return strconv.Itoa(n) }
