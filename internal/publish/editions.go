package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"

	"press/internal/config"
	"press/internal/diag"
	"press/internal/doc"
	"press/internal/epub"
	"press/internal/hyphen"
	"press/internal/impose"
	"press/internal/layout"
	"press/internal/page"
	"press/internal/pdf"
	"press/internal/subset"
	"press/internal/webfont"
)

// usesBold reports whether any text is marked strong, or is the term of
// a definition list (which the stylesheet sets in bold).
func usesBold(b *doc.Book) bool {
	found := false
	visit := func(blocks []doc.Block) {
		doc.WalkBlocks(blocks, func(bl doc.Block) {
			if _, ok := bl.(*doc.DefTerm); ok {
				found = true
			}
			doc.WalkInlines(doc.Inlines(bl), func(in doc.Inline) {
				if _, ok := in.(*doc.Strong); ok {
					found = true
				}
			})
		})
	}
	for _, s := range b.Sections {
		visit(s.Blocks)
	}
	for _, n := range b.Notes {
		visit(n.Blocks)
	}
	return found
}

// usesMono reports whether any text is set in the monospaced face: code,
// keys and task boxes.
func usesMono(b *doc.Book) bool {
	found := false
	visit := func(blocks []doc.Block) {
		doc.WalkBlocks(blocks, func(bl doc.Block) {
			if _, ok := bl.(*doc.CodeBlock); ok {
				found = true
			}
			doc.WalkInlines(doc.Inlines(bl), func(in doc.Inline) {
				switch n := in.(type) {
				case *doc.Code, *doc.TaskBox:
					found = true
				case *doc.Styled:
					found = found || n.Kind == doc.Kbd
				}
			})
		})
	}
	for _, s := range b.Sections {
		visit(s.Blocks)
	}
	for _, n := range b.Notes {
		visit(n.Blocks)
	}
	return found
}

// never split.
func wordStart(b doc.Block, offset int) int {
	if _, table := b.(*doc.Table); b == nil || table {
		return offset // a table's offset is a row number, not a place in running text
	}
	text := []rune(doc.PlainText(doc.Inlines(b)))
	for offset > 0 && offset <= len(text) && offset < len(text) && !unicode.IsSpace(text[offset-1]) && !unicode.IsSpace(text[offset]) {
		offset--
	}
	return offset
}

// epubFont is the e-book's copy of a layout font, cut down to the
// characters the e-book shows: a tenth of the whole font or less, and the
// bulk of the e-book's size otherwise. A face of a collection
// ("Noto.ttc#1") becomes a font file of its own ("Noto-1.ttf"), since an
// e-book cannot embed a collection.
func (p *Project) epubFont(path, key string, weight int, italic bool) epub.Font {
	file, index, _ := config.FontPath(path)
	name, data := filepath.Base(file), p.Fonts.Data[key]
	if ext := filepath.Ext(name); strings.EqualFold(ext, ".ttc") {
		face, _ := subset.Extract(data, index) // nil on error, reported below
		kind := ".ttf"
		if len(face) >= 4 && string(face[:4]) == "OTTO" {
			kind = ".otf"
		}
		name, data = strings.TrimSuffix(name, ext)+"-"+strconv.Itoa(index)+kind, face
	}
	f := epub.Font{Path: "fonts/" + name, Family: p.Layout.Fonts.Family, Weight: weight, Italic: italic, Data: data}
	var kern webfont.Kerning
	if k, ok := p.Fonts.Faces[key].(interface {
		KernPairs(gs []uint16, pair func(first, second, kern int))
	}); ok {
		kern = k.KernPairs
	}
	features := p.epubFeatures()
	f.Subset = func(text string) ([]byte, error) { return webfont.Subset(data, text, kern, features...) }
	return f
}

// epubFeatures are the OpenType features the e-book's fonts keep beyond
// the defaults: those the stylesheet asks for, and those the layout turns
// on (for which the e-book gets rules of its own, see styleFeatures).
func (p *Project) epubFeatures() []string {
	out := webfont.CSSFeatures(p.CSS)
	for _, f := range p.Layout.Fonts.Features {
		if f = strings.TrimPrefix(f, "+"); !strings.HasPrefix(f, "-") {
			out = append(out, f)
		}
	}
	return append(out, webfont.CSSFeatures([]byte(epub.FeatureRules(p.styleFeatures())))...)
}

// styleFeatures are the layout's OpenType features by kind of text, for
// the e-book's font-feature-settings: [fonts] features with each kind's
// own, for the kinds that have some (the body for [fonts] features
// alone, which the other kinds inherit).
func (p *Project) styleFeatures() map[string][]string {
	out := map[string][]string{}
	for _, sf := range p.Layout.Features.ByStyle() {
		if len(sf.Features) > 0 || sf.Style == "body" && len(p.Layout.Fonts.Features) > 0 {
			out[sf.Style] = p.Layout.StyleFeatures(sf.Features)
		}
	}
	return out
}

// epubFallbacks are the layout's fallback faces the book needs, each cut
// down to the characters it draws for the book and declared, with
// unicode-range, under the body family's name in its four styles (and
// the code family's, when the book has code): a reading system then takes
// those characters from it and all others from the book's own faces, as
// print does.
func (p *Project) epubFallbacks(mono bool) []epub.Font {
	var out []epub.Font
	for i, key := range p.Fonts.Fallbacks {
		chars := p.fallback[key]
		if len(chars) == 0 || i >= len(p.Layout.Fonts.Fallback) {
			continue
		}
		f := p.epubFont(p.Layout.Fonts.Fallback[i], key, 400, false)
		if cut := f.Subset; cut != nil {
			f.Subset = func(string) ([]byte, error) { return cut(string(chars)) }
		}
		f.Chars = chars
		fam := p.Layout.Fonts.Family
		f.Also = []epub.FontStyle{{Family: fam, Weight: 400, Italic: true}, {Family: fam, Weight: 700}, {Family: fam, Weight: 700, Italic: true}}
		if mono {
			f.Also = append(f.Also, epub.FontStyle{Family: p.Layout.Fonts.MonoFamily, Weight: 400})
		}
		out = append(out, f)
	}
	return out
}

// WriteEPUB writes the e-book edition. Its fonts are cut while the print
// layout, whose page numbers the e-book needs, is still running.
func (p *Project) WriteEPUB(w io.Writer) error {
	fonts, err := p.screenFonts()
	if err != nil {
		return err
	}
	ahead := p.cutAhead(fonts)
	o, err := p.screenOptions(fonts)
	if err != nil {
		return err
	}
	ahead.use(o.Fonts)
	return epub.Write(w, p.Book, o)
}

// WriteHTML writes the HTML edition: the e-book as one self-contained page.
func (p *Project) WriteHTML(w io.Writer) error {
	fonts, err := p.screenFonts()
	if err != nil {
		return err
	}
	o, err := p.screenOptions(fonts)
	if err != nil {
		return err
	}
	return epub.WriteHTML(w, p.Book, o)
}

// screenFonts are the fonts the EPUB and the HTML edition embed, each to
// be cut down to the text.
func (p *Project) screenFonts() ([]epub.Font, error) {
	fonts := []epub.Font{
		p.epubFont(p.Layout.Fonts.Regular, layout.Regular, 400, false),
		p.epubFont(p.Layout.Fonts.Italic, layout.Italic, 400, true),
	}
	// The bold faces only when the text or the stylesheet asks for bold.
	if usesBold(p.Book) || bytes.Contains(p.CSS, []byte("bold")) {
		fonts = append(fonts,
			p.epubFont(p.Layout.Fonts.Bold, layout.Bold, 700, false),
			p.epubFont(p.Layout.Fonts.BoldItalic, layout.BoldItalic, 700, true))
	}
	if usesMono(p.Book) {
		m := p.epubFont(p.Layout.Fonts.Mono, layout.Mono, 400, false)
		m.Family = p.Layout.Fonts.MonoFamily
		fonts = append(fonts, m)
	}
	fonts = append(fonts, p.epubFallbacks(usesMono(p.Book))...)
	for _, f := range fonts {
		if f.Data == nil {
			return nil, fmt.Errorf("%s: face %s of a font collection cannot be read", p.Layout.File, f.Path)
		}
	}
	return fonts, nil
}

// screenOptions are what the EPUB and the HTML edition share: the fonts,
// the print page numbers and the cover. It waits for the print layout.
func (p *Project) screenOptions(fonts []epub.Font) (epub.Options, error) {
	o := p.screenBase(fonts)
	// Print page numbers: the pages of the book's default layout.
	print, err := p.paginate(p.PrintLayout)
	if err != nil {
		return epub.Options{}, err
	}
	for _, s := range print.PageStarts {
		o.PageBreaks = append(o.PageBreaks, epub.PageBreak{Label: s.Label, Block: s.Block, Offset: wordStart(s.Block, s.Offset), Front: s.Front})
	}
	o.PageSource = fmt.Sprintf("%s, print edition (%s layout, %d pages), set with press", p.Book.Meta.Title, p.PrintLayout.Name, print.Pages)
	if o.Cover, err = p.epubCover(print); err != nil {
		return epub.Options{}, err
	}
	return o, nil
}

// screenBase is screenOptions without what the print layout decides.
func (p *Project) screenBase(fonts []epub.Font) epub.Options {
	return epub.Options{CSS: p.CSS, Features: p.styleFeatures(), Fonts: fonts, Modified: p.Book.Meta.Modified, Backlink: p.Layout.EPUB.Backlink,
		NumberFigures: p.Layout.Figures.Numbered, NumberTables: p.Layout.Tables.Numbered}
}

// Paginate typesets the print edition into pages in the build's layout
// and returns them all as one page model.
func (p *Project) Paginate() (*layout.Result, error) {
	var c layout.Collector
	res, _, err := p.stream(p.Layout, &c)
	if err != nil {
		return nil, err
	}
	res.Doc = c.Doc()
	return res, nil
}

// entry is the shared run of layout l; p.mu must be held.
func (p *Project) entry(l *config.Layout) *pagination {
	if p.layout == nil {
		p.layout = map[string]*pagination{}
	}
	pg := p.layout[l.File]
	if pg == nil {
		pg = &pagination{}
		p.layout[l.File] = pg
	}
	return pg
}

// feed asks for the pages of layout l's shared run to go to sink as they
// are set. It reports false when the run has begun: then sink must run
// the layout again for itself.
func (p *Project) feed(l *config.Layout, sink layout.Sink) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	pg := p.entry(l)
	if pg.started {
		return false
	}
	pg.sinks = append(pg.sinks, sink)
	return true
}

// paginate runs a layout once per project, however many editions ask,
// handing its pages to the sinks fed before it began and keeping none.
func (p *Project) paginate(l *config.Layout) (*layout.Result, error) {
	p.mu.Lock()
	pg := p.entry(l)
	p.mu.Unlock()
	pg.once.Do(func() {
		p.mu.Lock()
		pg.started = true
		sinks := pg.sinks
		p.mu.Unlock()
		pg.res, pg.fonts, pg.err = p.stream(l, sinks...)
	})
	return pg.res, pg.err
}

// stream runs layout l, handing each page to every sink.
func (p *Project) stream(l *config.Layout, sinks ...layout.Sink) (*layout.Result, layout.Fonts, error) {
	fonts := p.Fonts
	if l != p.Layout {
		var err error
		if fonts, err = p.loadFonts(l); err != nil {
			return nil, fonts, err
		}
	}
	h := hyphen.Default() // a fresh value: exceptions stay with this layout
	h.AddExceptions(l.Hyphenation.Exceptions...)
	res, err := layout.Stream(p.Book, layout.Options{Layout: l, Fonts: fonts, Hyphenator: h, Creator: "press " + p.Version, CoverImage: p.CoverImage, CoverFile: p.CoverFile}, tee(sinks))
	if err == nil {
		err = faultyFont(l, fonts)
	}
	return res, fonts, err
}

// tee hands every page to each of its sinks.
type tee []layout.Sink

func (t tee) Begin(d *page.Doc) error {
	for _, s := range t {
		if err := s.Begin(d); err != nil {
			return err
		}
	}
	return nil
}

func (t tee) Page(pg *page.Page) error {
	for _, s := range t {
		if err := s.Page(pg); err != nil {
			return err
		}
	}
	return nil
}

// pdfSink writes the print edition a page at a time, as the layout sets
// them. The drawing and compressing happen on a goroutine of their own, a
// few pages behind the layout, so the two share the processors; pages
// are written in the order given, so the bytes do not depend on timing.
type pdfSink struct {
	w     io.Writer
	pw    *pdf.Writer
	pages chan *page.Page
	done  chan struct{}
	err   error // the writer's first error, read after done
	stop  atomic.Bool
}

// pdfAhead is how many pages the layout may run ahead of the writer.
const pdfAhead = 16

func (s *pdfSink) Begin(d *page.Doc) (err error) {
	if s.pw, err = pdf.NewWriter(s.w, d.Width, d.Height, d.Fonts); err != nil {
		return err
	}
	s.pages, s.done = make(chan *page.Page, pdfAhead), make(chan struct{})
	go func() {
		defer close(s.done)
		for pg := range s.pages {
			if s.err == nil {
				if s.err = s.pw.Page(pg); s.err != nil {
					s.stop.Store(true)
				}
			}
		}
	}()
	return nil
}

func (s *pdfSink) Page(pg *page.Page) error {
	if s.stop.Load() {
		return errors.New("pdf: writing stopped") // the cause comes from close
	}
	s.pages <- pg
	return nil
}

// close waits for the pages given to be written and ends the file, when
// the layout finished (res is not nil).
func (s *pdfSink) close(res *layout.Result) error {
	if s.pages == nil {
		return nil // the layout failed before the first page
	}
	close(s.pages)
	<-s.done
	if s.err != nil || res == nil {
		return s.err
	}
	return s.pw.Close(res.Doc.Meta, res.Doc.Outline)
}

// WritePDF typesets and writes the print edition; it returns the page count.
func (p *Project) WritePDF(w io.Writer) (int, []*diag.Warning, error) {
	s := &pdfSink{w: w}
	return p.writePDF(s, p.feed(p.Layout, s))
}

// writePDF finishes the print edition whose sink was fed to the shared
// run (fed) or must run the layout itself.
func (p *Project) writePDF(s *pdfSink, fed bool) (int, []*diag.Warning, error) {
	var res *layout.Result
	var err error
	if fed {
		res, err = p.paginate(p.Layout)
	} else {
		res, _, err = p.stream(p.Layout, s)
	}
	if cerr := s.close(res); cerr != nil {
		err = cerr // the writer's fault stopped the layout
	}
	if err != nil {
		return 0, nil, err
	}
	return res.Pages, res.Warnings, nil
}

// WriteBooklet typesets the print edition and imposes it two pages to a
// sheet side in saddle-stitch order; it returns the number of sheet sides.
// Imposition pairs the last page with the first, so the booklet keeps the
// whole page model: booklets are for pamphlets.
func (p *Project) WriteBooklet(w io.Writer, o impose.Options) (int, []*diag.Warning, error) {
	c := &layout.Collector{}
	return p.writeBooklet(w, o, c, p.feed(p.Layout, c))
}

func (p *Project) writeBooklet(w io.Writer, o impose.Options, c *layout.Collector, fed bool) (int, []*diag.Warning, error) {
	var res *layout.Result
	var err error
	if fed {
		res, err = p.paginate(p.Layout)
	} else {
		res, _, err = p.stream(p.Layout, c)
	}
	if err != nil {
		return 0, nil, err
	}
	b, err := impose.Booklet(c.Doc(), o)
	if err != nil {
		return 0, nil, err
	}
	if err := pdf.Write(w, b); err != nil {
		return 0, nil, err
	}
	return len(b.Pages), res.Warnings, nil
}

// tempPrefix is the start of the name of path's temporary files: the
// writer's process id follows, so a later build can tell a stale file (its
