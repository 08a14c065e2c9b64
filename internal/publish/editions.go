package publish

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"press/internal/config"
	"press/internal/diag"
	"press/internal/doc"
	"press/internal/epub"
	"press/internal/hyphen"
	"press/internal/impose"
	"press/internal/layout"
	"press/internal/pdf"
	"press/internal/subset"
	"press/internal/webfont"
)

// usesBold reports whether any text is marked strong.
func usesBold(b *doc.Book) bool {
	found := false
	visit := func(blocks []doc.Block) {
		doc.WalkBlocks(blocks, func(bl doc.Block) {
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
	if face, ok := p.Fonts.Faces[key].(interface{ CFF() bool }); !ok || !face.CFF() {
		// webfont cuts TrueType outlines only; a CFF face goes whole.
		kern := p.Fonts.Faces[key].Kern
		if pk, ok := p.Fonts.Faces[key].(interface{ PairKern(a, b rune) int }); ok {
			kern = pk.PairKern
		}
		f.Subset = func(text string) ([]byte, error) { return webfont.Subset(data, text, kern) }
	}
	return f
}

// WriteEPUB writes the e-book edition.
func (p *Project) WriteEPUB(w io.Writer) error {
	o, err := p.screenOptions()
	if err != nil {
		return err
	}
	return epub.Write(w, p.Book, o)
}

// WriteHTML writes the HTML edition: the e-book as one self-contained page.
func (p *Project) WriteHTML(w io.Writer) error {
	o, err := p.screenOptions()
	if err != nil {
		return err
	}
	return epub.WriteHTML(w, p.Book, o)
}

// screenOptions are what the EPUB and the HTML edition share: the fonts cut
// down to the text, the print page numbers and the cover.
func (p *Project) screenOptions() (epub.Options, error) {
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
	for _, f := range fonts {
		if f.Data == nil {
			return epub.Options{}, fmt.Errorf("%s: face %s of a font collection cannot be read", p.Layout.File, f.Path)
		}
	}
	// Print page numbers: the pages of the book's default layout.
	print, err := p.paginate(p.PrintLayout)
	if err != nil {
		return epub.Options{}, err
	}
	var breaks []epub.PageBreak
	for _, s := range print.PageStarts {
		breaks = append(breaks, epub.PageBreak{Label: s.Label, Block: s.Block, Offset: wordStart(s.Block, s.Offset), Front: s.Front})
	}
	source := fmt.Sprintf("%s, print edition (%s layout, %d pages), set with press", p.Book.Meta.Title, p.PrintLayout.Name, len(print.Doc.Pages))
	cover, err := p.epubCover(print)
	if err != nil {
		return epub.Options{}, err
	}
	return epub.Options{CSS: p.CSS, Fonts: fonts, Modified: p.Book.Meta.Modified, Backlink: p.Layout.EPUB.Backlink, NumberFigures: p.Layout.Figures.Numbered, NumberTables: p.Layout.Tables.Numbered,
		PageBreaks: breaks, PageSource: source, Cover: cover}, nil
}

// Paginate typesets the print edition into pages in the build's layout.
func (p *Project) Paginate() (*layout.Result, error) { return p.paginate(p.Layout) }

// paginate runs a layout once per project, however many editions ask.
func (p *Project) paginate(l *config.Layout) (*layout.Result, error) {
	p.mu.Lock()
	if p.layout == nil {
		p.layout = map[string]*pagination{}
	}
	pg := p.layout[l.File]
	if pg == nil {
		pg = &pagination{}
		p.layout[l.File] = pg
	}
	p.mu.Unlock()
	pg.once.Do(func() {
		fonts := p.Fonts
		if l != p.Layout {
			fonts, pg.err = loadFonts(l)
			if pg.err != nil {
				return
			}
		}
		h := hyphen.Default() // a fresh value: exceptions stay with this layout
		h.AddExceptions(l.Hyphenation.Exceptions...)
		pg.res, pg.err = layout.Paginate(p.Book, layout.Options{Layout: l, Fonts: fonts, Hyphenator: h, Creator: "press " + p.Version, CoverImage: p.CoverImage, CoverFile: p.CoverFile})
		if pg.err == nil {
			pg.err = faultyFont(l, fonts)
		}
		if pg.err == nil {
			pg.fonts = fonts
		}
	})
	return pg.res, pg.err
}

// WritePDF typesets and writes the print edition; it returns the page count.
func (p *Project) WritePDF(w io.Writer) (int, []*diag.Warning, error) {
	res, err := p.Paginate()
	if err != nil {
		return 0, nil, err
	}
	if err := pdf.Write(w, res.Doc); err != nil {
		return 0, nil, err
	}
	return len(res.Doc.Pages), res.Warnings, nil
}

// WriteBooklet typesets the print edition and imposes it two pages to a
// sheet side in saddle-stitch order; it returns the number of sheet sides.
func (p *Project) WriteBooklet(w io.Writer, o impose.Options) (int, []*diag.Warning, error) {
	res, err := p.Paginate()
	if err != nil {
		return 0, nil, err
	}
	b, err := impose.Booklet(res.Doc, o)
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
