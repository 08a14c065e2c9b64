// Package layout turns a doc.Book into a paginated page.Doc: title page,
// colophon, contents with real page numbers, the body with running heads
// and folios, and the endnotes linked both ways. It decides where things go;
// the typeset package sets the lines and the pdf package draws the result.
package layout

import (
	"fmt"
	"slices"
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

// The kinds of text a layout may give OpenType features of their own
// ([features] in a layout file).
const (
	StyleBody     = "body"
	StyleQuotes   = "quotes"
	StyleHeadings = "headings"
	StyleNotes    = "notes"
	StyleTables   = "tables"
	StyleCaptions = "captions"
	StyleCode     = "code"
	StyleTitle    = "title"
	StyleContents = "contents"
	StyleHeads    = "heads"
)

// Superior is the key of the regular face shaped with the OpenType
// feature "sups": the marks of web addresses take its superior letters
// when it has them (Fonts may leave it out).
var Superior = StyledKey(Regular, "sups")

// StyledKey is the key of face key shaped for a kind of text.
func StyledKey(key, style string) string { return key + "@" + style }

// styled is the face to set text of a kind in, key being the face it
// would have otherwise: the kind's own when the layout gives it features,
// else key. Code is always set in the code faces.
func (lo *layouter) styled(key, style string) string {
	if key == Mono {
		style = StyleCode
	}
	if k := StyledKey(key, style); lo.o.Fonts.Faces[k] != nil {
		return k
	}
	return key
}

// restyle moves spans to the faces of a kind of text.
func (lo *layouter) restyle(spans []typeset.Span, style string) []typeset.Span {
	if len(lo.o.Fonts.Styled) == 0 {
		return spans
	}
	for i := range spans {
		spans[i].Style.Font = lo.styled(spans[i].Style.Font, style)
	}
	return spans
}

// FallbackKey is the face key of the layout's i-th fallback face: the
// faces that draw what the body and code faces lack.
func FallbackKey(i int) string { return "fallback" + strconv.Itoa(i+1) }

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
	// Styled are the features of the faces a kind of text has of its own
	// (a layout's [features]), by face key: StyledKey(Regular, "tables")
	// is the regular face shaped with the tables' features.
	Styled map[string][]string
	// Fallbacks are the keys of the fallback faces in Faces, in the
	// layout's order: a character its face lacks is drawn from the first
	// of them that has it.
	Fallbacks []string
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
	// whole makes each vertical list whole before its pages are broken,
	// as press did before it streamed: tests compare the two.
	whole bool
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
	// Pages is the number of pages.
	Pages int
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
	starts []PageStart
	// sources are the justified paragraphs by serial, to set again when
	// one would end a page in a hyphen; open are those the first round of
	// page breaking has not passed yet, in list order.
	sources map[int]*paraSource
	open    []*paraSource
	base    int // list index of the first item of the list being built
	// hungBoxes are the task boxes drawn as their item's mark, in the
	// margin where a bullet would be, and so left out of the text.
	hungBoxes map[*doc.TaskBox]bool
	svgs      map[string]svgCheck // SVG pictures read, by path
	// section is the section being set (-1 in the notes); inNotes is set
	// while the notes are, whose links show their addresses inline.
	section int
	inNotes bool
	// addrs are the web addresses listed at the back, in order; addrOf
	// finds a link's, addrKey a section's address, addrCount counts each
	// section's.
	addrs     []*addrNote
	addrOf    map[*doc.Link]*addrNote
	addrKey   map[string]*addrNote
	addrCount map[int]int
	// refPages are the pages the previous pass put each anchor on (nil
	// in the first), for page references, the anchors of the
	// references themselves included; refsPrinted is what this pass
	// printed for each reference, by its anchor; xrefs names each
	// reference's anchor, the same in every pass.
	// sups is 1 when the marks of web addresses take the font's
	// superior letters, -1 when not, 0 before the first mark.
	sups        int
	refPages    map[string]int
	refsPrinted map[string]printedRef
	xrefs       map[*doc.Link]string
}

// printedRef is what a pass printed after a cross-reference: the page of
// its target, or nothing because it is on the reference's own page.
type printedRef struct {
	target string
	page   int
	here   bool
}

// xrefPrefix starts the names of the anchors that mark where each
// cross-reference is: they find its page, and never reach the PDF (a
// manuscript's ids cannot hold a NUL).
const xrefPrefix = "\x00xref-"

// A Sink takes the pages of a book as they are finished.
type Sink interface {
	// Begin is called once, before any page, with the document without
	// its pages: size, fonts, metadata and outline.
	Begin(d *page.Doc) error
	// Page takes a finished page. Pages come in physical order, except
	// the contents, which come last: their page numbers are known only
	// when the body and notes are set. A page is not used again by the
	// layout once handed over.
	Page(p *page.Page) error
}

// Paginate lays out the whole book and returns it as one page model, for
// what needs every page at once (the booklet, tests). A long book is
// better streamed.
func Paginate(b *doc.Book, o Options) (*Result, error) {
	var c Collector
	res, err := Stream(b, o, &c)
	if err != nil {
		return nil, err
	}
	res.Doc = c.Doc()
	return res, nil
}

// Collector is a Sink that keeps every page: the whole book as one page
// model.
type Collector struct{ d *page.Doc }

// Begin implements Sink.
func (c *Collector) Begin(d *page.Doc) error {
	cp := *d
	c.d = &cp
	return nil
}

// Page implements Sink.
func (c *Collector) Page(p *page.Page) error {
	c.d.Pages = append(c.d.Pages, p)
	return nil
}

// Doc is the book collected, its pages in order.
func (c *Collector) Doc() *page.Doc {
	sort.Slice(c.d.Pages, func(i, j int) bool { return c.d.Pages[i].Number < c.d.Pages[j].Number })
	return c.d
}

// Stream lays out the whole book and hands each page to sink as soon as
// its content and folio are final, keeping none: memory holds a few pages
// of lines, whatever the length of the book. The result's Doc has no
// pages.
//
// With page references on ([pages] page_refs), the book is first laid out
// without a sink, again with the page numbers each pass found, until every
// number printed is the page its target landed on (adding "(p. 12)" to a
// line can move text to another page, and so a target), as LaTeX is run
// until its labels settle; then once more into the sink with those
// numbers, which gives the same pages. Two trial passes as a rule, at most
// maxRefPasses-1.
func Stream(b *doc.Book, o Options, sink Sink) (*Result, error) {
	if !o.Layout.Pages.PageRefs {
		return newLayouter(b, o).run(sink)
	}
	var refs map[string]int
	var prev *layouter
	xrefs := map[*doc.Link]string{}
	for pass := 1; pass < maxRefPasses; pass++ {
		lo := newLayouter(b, o)
		lo.refPages, lo.xrefs = refs, xrefs
		if prev != nil {
			lo.svgs = prev.svgs // pictures read once
		}
		res, err := lo.run(discard{})
		if err != nil {
			return nil, err
		}
		if refs != nil && settled(lo.refsPrinted, res.Headings) || len(lo.refsPrinted) == 0 {
			break
		}
		refs, prev = res.Headings, lo
	}
	lo := newLayouter(b, o)
	lo.refPages, lo.xrefs = refs, xrefs
	if prev != nil {
		lo.svgs = prev.svgs
	}
	res, err := lo.run(sink)
	if err == nil && !settled(lo.refsPrinted, res.Headings) {
		res.Warnings = append(res.Warnings, diag.Errorf(o.Layout.File, 0, "set page_refs = false, or reword the passage around the reference",
			"page references did not settle after %d passes: a reference's page number moves its target", maxRefPasses))
	}
	return res, err
}

// maxRefPasses is the most layout passes page references may take.
const maxRefPasses = 4

// settled reports whether every page number printed is its target's
// page, and every reference printed without one is on its target's page.
func settled(printed map[string]printedRef, found map[string]int) bool {
	for key, r := range printed {
		if found[r.target] != r.page || r.here != (r.page != 0 && found[key] == r.page) {
			return false
		}
	}
	return true
}

// discard is a Sink that keeps nothing: the trial passes of page
// references.
type discard struct{}

func (discard) Begin(*page.Doc) error { return nil }
func (discard) Page(*page.Page) error { return nil }

// newLayouter prepares a layout pass over b.
func newLayouter(b *doc.Book, o Options) *layouter {
	l := o.Layout
	lo := &layouter{o: o, l: l, book: b, addrCount: map[int]int{}}
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
		MaxSpace:           br.MaxWordSpace,
		Fallbacks:          o.Fonts.Fallbacks,
	}
	if !l.Hyphenation.Enabled {
		lo.setter.Hyphenator = nil
	}
	return lo
}

func (lo *layouter) run(sink Sink) (*Result, error) {
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

	d := &page.Doc{
		Width: lo.g.width, Height: lo.g.height,
		Meta: page.Meta{
			Title: b.Meta.Title, Author: strings.Join(b.Meta.Authors, ", "), Subject: b.Meta.Description,
			Keywords: strings.Join(b.Meta.Subjects, ", "), Language: b.Meta.Language, Creator: lo.o.Creator,
			Date: b.Meta.Modified,
		},
		Outline: lo.outline(),
	}
	// Every face the layout has (the fallbacks too); the PDF embeds
	// those drawn with.
	keys := append([]string{Regular, Italic, Bold, BoldItalic, Mono}, lo.o.Fonts.Fallbacks...)
	var styled []string
	for key := range lo.o.Fonts.Styled {
		styled = append(styled, key)
	}
	sort.Strings(styled)
	for _, key := range append(append(keys, styled...), Superior) {
		if data, ok := lo.o.Fonts.Data[key]; ok {
			face, _ := lo.o.Fonts.Faces[key].(*font.Face) // tests may measure with other faces
			features, ok := lo.o.Fonts.Styled[key]
			if !ok {
				features = lo.o.Fonts.Features
			}
			name := key
			if key == Superior {
				// The regular font's file, its name asked of the face
				// already parsed: this one is parsed only when drawn.
				features, name = lo.l.StyleFeatures([]string{"sups"}), Regular
			}
			d.Fonts = append(d.Fonts, page.Font{Name: key, FullName: lo.o.Fonts.Faces[name].Name(), Data: data,
				Index: lo.o.Fonts.Index[key], Features: features, Face: face})
		}
	}
	if err := sink.Begin(d); err != nil {
		return nil, err
	}
	res := &Result{Doc: d, Headings: map[string]int{}}
	next := 1 // the page expected next, contents aside
	put := func(p *page.Page, info pageInfo, flowed bool) error {
		if p.Number != next {
			return fmt.Errorf("layout: page %d numbered %d (contents estimate wrong)", next, p.Number)
		}
		next++
		lo.furnish(p, info, flowed)
		if flowed {
			for _, a := range p.Anchors {
				if _, ok := res.Headings[a.Name]; !ok {
					res.Headings[a.Name] = p.Number
				}
			}
		}
		if lo.xrefs != nil {
			p.Anchors = slices.DeleteFunc(p.Anchors, func(a page.Anchor) bool { return strings.HasPrefix(a.Name, xrefPrefix) })
		}
		return sink.Page(p)
	}
	blanksTo := func(n int) error {
		for next < n {
			if err := put(&page.Page{Number: next, Role: "blank"}, pageInfo{}, false); err != nil {
				return err
			}
		}
		return nil
	}
	flowed := func(p *page.Page, info pageInfo) error { return put(p, info, true) }
	if cover > 0 {
		res.Cover = lo.coverPage()
		if err := put(res.Cover, pageInfo{}, false); err != nil {
			return nil, err
		}
		if err := put(&page.Page{Number: 2, Role: "blank"}, pageInfo{}, false); err != nil {
			return nil, err
		}
	}
	if err := put(lo.titlePage(cover+1), pageInfo{}, false); err != nil {
		return nil, err
	}
	if err := put(lo.colophonPage(cover+2), pageInfo{}, false); err != nil {
		return nil, err
	}
	next = front + 1 // the contents come last
	if err := blanksTo(bodyStart); err != nil {
		return nil, err
	}
	if err := lo.flow(lo.bodyList(), bodyStart, "body", flowed); err != nil {
		return nil, err
	}
	notesStart := next
	if lo.l.Pages.NewPageForSections && lo.l.Pages.BodyRecto && notesStart%2 == 0 {
		notesStart++
	}
	if err := blanksTo(notesStart); err != nil {
		return nil, err
	}
	if err := lo.notesPages(notesStart, flowed); err != nil {
		return nil, err
	}
	res.Pages = next - 1
	contents := lo.contentsPages(front+1-contentsPages, res.Headings)
	if len(contents) != contentsPages {
		return nil, fmt.Errorf("layout: the contents take %d pages, not the %d measured", len(contents), contentsPages)
	}
	next = contents[0].Number
	for _, p := range contents {
		if err := put(p, pageInfo{}, false); err != nil {
			return nil, err
		}
	}
	starts := []PageStart{{Page: cover + 1, Front: "title"}, {Page: cover + 2, Front: "colophon"}}
	starts = append(starts, lo.starts...)
	sort.SliceStable(starts, func(i, j int) bool { return starts[i].Page < starts[j].Page })
	for i := range starts {
		starts[i].Label = strconv.Itoa(starts[i].Page)
	}
	res.Warnings, res.PageStarts = lo.warns, starts
	return res, nil
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
	if lo.wantsAddressList() {
		out = append(out, page.Outline{Title: "Web addresses", Dest: addrListID})
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
