// Package build runs the stages: read book.toml and the layout, read the
// manuscript, run the passes, then write each edition into the output
// folder atomically (a temporary file renamed into place).
package build

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // decode the user's cover
	_ "image/png"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"

	"press/internal/config"
	"press/internal/diag"
	"press/internal/doc"
	"press/internal/epub"
	"press/internal/font"
	"press/internal/hyphen"
	"press/internal/impose"
	"press/internal/layout"
	"press/internal/mdread"
	"press/internal/page"
	"press/internal/pass"
	"press/internal/pdf"
	"press/internal/raster"
)

// Formats press can write. "booklet" is the PDF imposed for saddle
// stitching, written as <slug>-booklet.pdf.
var Formats = []string{"epub", "pdf", "booklet"}

// DefaultFormats are built when none are asked for.
var DefaultFormats = []string{"epub", "pdf"}

// Options say what to build and where.
type Options struct {
	BookDir    string   // folder with book.toml; "book" by default
	LayoutsDir string   // folder of layouts/*.toml; "layouts" by default
	OutDir     string   // "dist" by default
	Formats    []string // subset of Formats; all when empty
	Layout     string   // overrides book.toml's layout when set
	// SourceDateEpoch, when set, replaces the book date as the editions'
	// modification time (reproducible-builds.org convention).
	SourceDateEpoch string
	Version         string // press version, written as the PDF creator
	Booklet         impose.Options
}

// Output is one file written.
type Output struct {
	Format string
	Path   string
	Size   int64
	Pages  int // PDF only
}

// Result is what a build produced and what it warns about.
type Result struct {
	Outputs  []Output
	Warnings []*diag.Warning
}

// Project is a book read and checked, ready for the edition writers.
type Project struct {
	Config *config.Book
	Layout *config.Layout // the layout of this build's PDF
	// PrintLayout is the book's default layout, which defines the print
	// pages the e-book's page numbers refer to.
	PrintLayout *config.Layout
	Book        *doc.Book
	Fonts       layout.Fonts
	CSS         []byte
	Warns       []*diag.Warning
	Version     string
	// CoverImage is the book's own cover (cover.png or cover.jpg in the
	// book folder), nil when press designs one.
	CoverImage *page.Image

	mu     sync.Mutex
	layout map[string]*pagination // by layout file
}

// pagination is a layout run once and shared by the editions that need it.
type pagination struct {
	once  sync.Once
	res   *layout.Result
	fonts layout.Fonts
	err   error
}

// Load reads and checks everything the editions need, without writing.
func Load(o Options) (*Project, error) {
	o = defaults(o)
	cfg, err := config.LoadBook(o.BookDir)
	if err != nil {
		return nil, err
	}
	name := cfg.Layout
	if o.Layout != "" {
		name = o.Layout
	}
	lay, err := config.LoadLayout(o.LayoutsDir, name)
	if err != nil {
		return nil, err
	}
	modified, err := modTime(cfg, o.SourceDateEpoch)
	if err != nil {
		return nil, err
	}
	sources, err := cfg.Sources()
	if err != nil {
		return nil, err
	}
	p := &Project{Config: cfg, Layout: lay, PrintLayout: lay, Version: o.Version}
	if name != cfg.Layout {
		if p.PrintLayout, err = config.LoadLayout(o.LayoutsDir, cfg.Layout); err != nil {
			return nil, err
		}
	}
	var blocks []doc.Block
	for _, src := range sources {
		data, err := os.ReadFile(src)
		if err != nil {
			return nil, diag.Errorf(src, 0, "", "cannot read: %v", err)
		}
		res, err := mdread.ReadIn(cfg.Dir, src, data)
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, res.Blocks...)
		p.Warns = append(p.Warns, res.Warnings...)
	}
	if len(blocks) == 0 {
		var errs diag.List
		for _, src := range sources {
			errs = append(errs, diag.Errorf(src, 1, "write the book's text in it in Markdown", "the manuscript has no text"))
		}
		return nil, errs.Err()
	}
	meta := doc.Meta{
		Title: cfg.Title, Subtitle: cfg.Subtitle, Authors: cfg.Authors, Language: cfg.Language,
		Identifier: cfg.Identifier, Date: cfg.Published, Modified: modified, Publisher: cfg.Publisher,
		Rights: cfg.Rights, Description: cfg.Description, Subjects: cfg.Subjects, Slug: cfg.Slug,
	}
	book, err := pass.Build(meta, blocks)
	if err != nil {
		return nil, err
	}
	p.Book = book
	if p.CoverImage, err = findCover(cfg.Dir); err != nil {
		return nil, err
	}
	if p.Fonts, err = loadFonts(lay); err != nil {
		return nil, err
	}
	if err := checkGlyphs(book, p.Fonts, lay); err != nil {
		return nil, err
	}
	cssPath := lay.Path(lay.EPUB.CSS)
	if p.CSS, err = os.ReadFile(cssPath); err != nil {
		return nil, diag.Errorf(lay.File, 0, "set [epub] css to a stylesheet next to the layout", "cannot read the EPUB stylesheet %s: %v", cssPath, err)
	}
	return p, nil
}

func defaults(o Options) Options {
	if o.BookDir == "" {
		o.BookDir = "book"
	}
	if o.LayoutsDir == "" {
		o.LayoutsDir = "layouts"
	}
	if o.OutDir == "" {
		o.OutDir = "dist"
	}
	if len(o.Formats) == 0 {
		o.Formats = DefaultFormats
	}
	return o
}

// modTime is the editions' timestamp: SOURCE_DATE_EPOCH when given, else
// the book's publication date, never the clock.
func modTime(cfg *config.Book, epoch string) (time.Time, error) {
	if epoch == "" {
		return cfg.Published.UTC(), nil
	}
	secs, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil || secs < 0 {
		return time.Time{}, diag.Errorf("SOURCE_DATE_EPOCH", 0, "set it to whole seconds since 1970 or unset it", "value %q is not a Unix time", epoch)
	}
	return time.Unix(secs, 0).UTC(), nil
}

// loadFonts parses the layout's four faces.
func loadFonts(l *config.Layout) (layout.Fonts, error) {
	f := layout.Fonts{Faces: map[string]layout.Face{}, Data: map[string][]byte{}}
	for key, path := range map[string]string{
		layout.Regular: l.Fonts.Regular, layout.Italic: l.Fonts.Italic,
		layout.Bold: l.Fonts.Bold, layout.BoldItalic: l.Fonts.BoldItalic,
	} {
		p := l.Path(path)
		data, err := os.ReadFile(p)
		if err != nil {
			return f, diag.Errorf(l.File, 0, "check the [fonts] paths", "cannot read font %s: %v", p, err)
		}
		face, err := font.Parse(data)
		if err != nil {
			return f, diag.Errorf(p, 0, "use a TrueType (.ttf) font", "not a usable TrueType font: %v", err)
		}
		f.Faces[key], f.Data[key] = face, data
	}
	return f, nil
}

// checkGlyphs makes sure every character of the book exists in the body
// face, naming the character and the first place it occurs.
func checkGlyphs(b *doc.Book, f layout.Fonts, lay *config.Layout) error {
	face := f.Faces[layout.Regular]
	type place struct {
		r   rune
		pos doc.Pos
	}
	seen := map[rune]bool{}
	var missing []place
	check := func(s string, pos doc.Pos) {
		for _, r := range s {
			if seen[r] || unicode.IsControl(r) || r == '\u00ad' || r == '\ufe0e' {
				continue
			}
			seen[r] = true
			if !face.HasGlyph(r) {
				missing = append(missing, place{r, pos})
			}
		}
	}
	check(b.Meta.Title+b.Meta.Subtitle+strings.Join(b.Meta.Authors, "")+b.Meta.Publisher+b.Meta.Rights, doc.Pos{File: "book.toml"})
	if len(b.Notes) > 0 {
		// The EPUB's note backlink is drawn in the body font too.
		check(lay.EPUB.Backlink, doc.Pos{File: lay.File})
	}
	blocks := func(bs []doc.Block) {
		doc.WalkBlocks(bs, func(bl doc.Block) {
			pos := blockPos(bl)
			if cb, ok := bl.(*doc.CodeBlock); ok {
				check(cb.Text, pos)
			}
			check(doc.PlainText(doc.Inlines(bl)), pos)
		})
	}
	for _, s := range b.Sections {
		if s.Heading != nil {
			blocks([]doc.Block{s.Heading})
		}
		blocks(s.Blocks)
	}
	for _, n := range b.Notes {
		blocks(n.Blocks)
	}
	if len(missing) == 0 {
		return nil
	}
	sort.SliceStable(missing, func(i, j int) bool { return missing[i].pos.Line < missing[j].pos.Line })
	var errs diag.List
	for _, m := range missing {
		errs = append(errs, diag.Errorf(m.pos.File, m.pos.Line, "replace the character or choose a layout whose fonts have it",
			"the font %s has no glyph for %q (U+%04X)", face.Name(), string(m.r), m.r))
	}
	return errs.Err()
}

func blockPos(bl doc.Block) doc.Pos {
	switch n := bl.(type) {
	case *doc.Heading:
		return n.Pos
	case *doc.Para:
		return n.Pos
	case *doc.Quote:
		return n.Pos
	case *doc.List:
		return n.Pos
	case *doc.CodeBlock:
		return n.Pos
	case *doc.Break:
		return n.Pos
	}
	return doc.Pos{}
}

// Build loads the book and writes the chosen editions.
func Build(o Options) (*Result, error) {
	o = defaults(o)
	for _, f := range o.Formats {
		if !contains(Formats, f) {
			return nil, fmt.Errorf("unknown format %q (choose from %s)", f, strings.Join(Formats, ", "))
		}
	}
	p, err := Load(o)
	if err != nil {
		return nil, err
	}
	res := &Result{Warnings: p.Warns}
	if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the output folder: %w", err)
	}
	// Render every edition before writing any, so an error leaves dist/
	// exactly as it was. The editions are independent: render them side by
	// side.
	bufs := make([]bytes.Buffer, len(o.Formats))
	outs := make([]Output, len(o.Formats))
	warns := make([][]*diag.Warning, len(o.Formats))
	errs := make([]error, len(o.Formats))
	var wg sync.WaitGroup
	for i, f := range o.Formats {
		outs[i] = Output{Format: f, Path: filepath.Join(o.OutDir, p.Book.Meta.Slug+"."+f)}
		if f == "booklet" {
			outs[i].Path = filepath.Join(o.OutDir, p.Book.Meta.Slug+"-booklet.pdf")
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch f {
			case "epub":
				errs[i] = p.WriteEPUB(&bufs[i])
			case "pdf":
				outs[i].Pages, warns[i], errs[i] = p.WritePDF(&bufs[i])
			case "booklet":
				outs[i].Pages, warns[i], errs[i] = p.WriteBooklet(&bufs[i], o.Booklet)
			}
			outs[i].Size = int64(bufs[i].Len())
		}()
	}
	wg.Wait()
	for i := range o.Formats {
		if errs[i] != nil {
			return nil, errs[i]
		}
		res.Warnings = append(res.Warnings, warns[i]...)
		res.Outputs = append(res.Outputs, outs[i])
	}
	for i, out := range res.Outputs {
		RemoveStale(out.Path)
		if err := WriteAtomic(out.Path, bufs[i].Bytes()); err != nil {
			return nil, err
		}
	}
	return res, nil
}

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

// epubCover is the e-book's cover image: the book's own picture, or the
// printed cover page drawn as a PNG, so both editions wear the same cover.
func (p *Project) epubCover(print *layout.Result) (*epub.Cover, error) {
	m := p.Book.Meta
	alt := fmt.Sprintf("Cover of %s", m.Title)
	if m.Subtitle != "" {
		alt += ": " + m.Subtitle
	}
	if len(m.Authors) > 0 {
		alt += ", by " + strings.Join(m.Authors, " and ")
	}
	if m.Publisher != "" {
		alt += ", published by " + m.Publisher
	}
	alt += "."
	if img := p.CoverImage; img != nil {
		mt := "image/png"
		if img.Type == "jpg" {
			mt = "image/jpeg"
		}
		return &epub.Cover{Data: img.Data, MediaType: mt, Alt: alt}, nil
	}
	if print.Cover == nil {
		return nil, nil // the layout has no cover
	}
	pg := p.layout[p.PrintLayout.File]
	data, err := raster.PNG(print.Cover, print.Doc.Width, print.Doc.Height, pg.fonts.Data,
		raster.Options{Width: 1200, Background: color.RGBA{0xfb, 0xf8, 0xf1, 0xff}, Ink: color.RGBA{0x1a, 0x1a, 0x1a, 0xff}})
	if err != nil {
		return nil, err
	}
	return &epub.Cover{Data: data, MediaType: "image/png", Alt: alt}, nil
}

// findCover looks for the book's own cover picture in its folder.
func findCover(dir string) (*page.Image, error) {
	for _, c := range []struct{ name, typ string }{{"cover.png", "png"}, {"cover.jpg", "jpg"}, {"cover.jpeg", "jpg"}} {
		path := filepath.Join(dir, c.name)
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			continue
		}
		// Never pack a file from outside the book: the cover may be a link.
		root, err1 := filepath.EvalSymlinks(dir)
		real, err2 := filepath.EvalSymlinks(path)
		if err2 != nil {
			real = "a file that does not exist"
		}
		if rel, err := filepath.Rel(root, real); err1 != nil || err2 != nil || err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, diag.Errorf(path, 0, "copy the picture into the book folder instead of linking to it", "the cover is a link to a file outside the book folder (%s): refused", real)
		}
		data, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, diag.Errorf(path, 0, "", "cannot read the cover: %v", err)
		}
		if _, format, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || (format != "png" && format != "jpeg") {
			return nil, diag.Errorf(path, 0, "save the cover as a PNG or JPEG picture", "the cover is not a PNG or JPEG image")
		}
		return &page.Image{Data: data, Type: c.typ}, nil
	}
	return nil, nil
}

// wordStart moves an offset into a block's running text back to the start
// of its word: a page that begins with the second half of a hyphenated
// word is marked before the whole word in the e-book, where words are
// never split.
func wordStart(b doc.Block, offset int) int {
	if b == nil {
		return offset
	}
	text := []rune(doc.PlainText(doc.Inlines(b)))
	for offset > 0 && offset <= len(text) && offset < len(text) && !unicode.IsSpace(text[offset-1]) && !unicode.IsSpace(text[offset]) {
		offset--
	}
	return offset
}

// WriteEPUB writes the e-book edition.
func (p *Project) WriteEPUB(w io.Writer) error {
	fonts := []epub.Font{
		{Path: "fonts/" + filepath.Base(p.Layout.Fonts.Regular), Family: p.Layout.Fonts.Family, Weight: 400, Data: p.Fonts.Data[layout.Regular]},
		{Path: "fonts/" + filepath.Base(p.Layout.Fonts.Italic), Family: p.Layout.Fonts.Family, Weight: 400, Italic: true, Data: p.Fonts.Data[layout.Italic]},
	}
	// The bold faces are half the size of the e-book; embed them only when
	// the text or the stylesheet asks for bold.
	if usesBold(p.Book) || bytes.Contains(p.CSS, []byte("bold")) {
		fonts = append(fonts,
			epub.Font{Path: "fonts/" + filepath.Base(p.Layout.Fonts.Bold), Family: p.Layout.Fonts.Family, Weight: 700, Data: p.Fonts.Data[layout.Bold]},
			epub.Font{Path: "fonts/" + filepath.Base(p.Layout.Fonts.BoldItalic), Family: p.Layout.Fonts.Family, Weight: 700, Italic: true, Data: p.Fonts.Data[layout.BoldItalic]})
	}
	// Print page numbers: the pages of the book's default layout.
	print, err := p.paginate(p.PrintLayout)
	if err != nil {
		return err
	}
	var breaks []epub.PageBreak
	for _, s := range print.PageStarts {
		breaks = append(breaks, epub.PageBreak{Label: s.Label, Block: s.Block, Offset: wordStart(s.Block, s.Offset), Front: s.Front})
	}
	source := fmt.Sprintf("%s, print edition (%s layout, %d pages), set with press", p.Book.Meta.Title, p.PrintLayout.Name, len(print.Doc.Pages))
	cover, err := p.epubCover(print)
	if err != nil {
		return err
	}
	return epub.Write(w, p.Book, epub.Options{CSS: p.CSS, Fonts: fonts, Modified: p.Book.Meta.Modified, Backlink: p.Layout.EPUB.Backlink,
		PageBreaks: breaks, PageSource: source, Cover: cover})
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
		pg.res, pg.err = layout.Paginate(p.Book, layout.Options{Layout: l, Fonts: fonts, Hyphenator: h, Creator: "press " + p.Version, CoverImage: p.CoverImage})
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
// writer is gone) from one being written.
func tempPrefix(path string) string {
	return "." + filepath.Base(path) + ".tmp-"
}

// RemoveStale deletes the temporary files a killed build left beside path:
// those of its naming pattern whose process no longer runs.
func RemoveStale(path string) {
	dir, prefix := filepath.Dir(path), tempPrefix(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || pid == os.Getpid() || processRuns(pid) {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}

// processRuns reports whether process pid may still run: only a process
// known to be gone counts as stopped.
func processRuns(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || !errors.Is(err, os.ErrProcessDone)
}

// WriteAtomic writes data to a temporary file beside path and renames it
// into place, so a crash never leaves a half-written edition.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPrefix(path)+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	name := tmp.Name()
	defer os.Remove(name) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return err
	}
	return os.Rename(name, path)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
