package publish

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"press"
	"press/internal/config"
	"press/internal/diag"
	"press/internal/doc"
	"press/internal/font"
	"press/internal/hyphen"
	"press/internal/layout"
	"press/internal/mdread"
	"press/internal/page"
	"press/internal/pass"
)

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
	Notes       []string // see Result.Notes
	LayoutName  string   // the name the build's layout was asked for by
	shelf       config.Shelf
	Version     string
	// CoverImage is the book's own cover (cover.png or cover.jpg in the
	// book folder), nil when press designs one.
	CoverImage *page.Image
	CoverFile  string // its path
	// fallback holds the characters each fallback face draws for the
	// book (by face key): the e-book embeds those.
	fallback map[string][]rune

	// coverDrawn, when set, draws the e-book's cover from the print
	// layout's cover page while the layout runs (see Write).
	coverDrawn *coverSink

	mu     sync.Mutex
	layout map[string]*pagination // by layout file
	faces  map[string]*font.Face  // by file, face index and features: see loadFonts
}

// pagination is a layout run once and shared by the editions that need it.
type pagination struct {
	once    sync.Once
	sinks   []layout.Sink // editions that take the pages, fed before the run
	started bool          // the run has begun: too late to feed
	res     *layout.Result
	fonts   layout.Fonts
	err     error
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
	shelf := config.Shelf{BookDir: cfg.Dir, Dir: o.LayoutsDir, Builtin: press.Builtin}
	lay, err := config.LoadLayout(shelf, name)
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
	p := &Project{Config: cfg, Layout: lay, PrintLayout: lay, Version: o.Version, LayoutName: name, shelf: shelf}
	// The hyphenation patterns and the faces every layout sets text in are
	// parsed on the other processor while this one reads the manuscript.
	fonts, fontErr := p.loadFonts(lay)
	go hyphen.Default()
	for _, key := range []string{layout.Regular, layout.Italic} {
		if f, ok := fonts.Faces[key].(interface{ Prepare() }); ok {
			go f.Prepare()
		}
	}
	if len(cfg.Skipped) > 0 {
		var used []string
		for _, s := range sources {
			used = append(used, filepath.Base(s))
		}
		p.Notes = append(p.Notes, fmt.Sprintf("%s: chapters, in name order: %s; not chapters: %s (README.md and files starting with _ or . are left out; list them in contents to include them)",
			cfg.Dir, strings.Join(used, ", "), strings.Join(cfg.Skipped, ", ")))
	}
	if name != cfg.Layout {
		if p.PrintLayout, err = config.LoadLayout(shelf, cfg.Layout); err != nil {
			return nil, err
		}
	}
	// Every manuscript error is collected, from every file and every
	// check, so one build reports them all.
	var errs diag.List
	collect := func(err error) error {
		var list diag.List
		var one *diag.Error
		switch {
		case errors.As(err, &list):
			errs = append(errs, list...)
		case errors.As(err, &one):
			errs = append(errs, one)
		case err != nil:
			return err
		}
		return nil
	}
	var files [][]doc.Block
	texts := map[string][]byte{}
	for _, src := range sources {
		data, err := os.ReadFile(src)
		if err != nil {
			return nil, diag.Errorf(src, 0, "", "cannot read: %v", err)
		}
		texts[src] = data
		res, err := mdread.ReadWith(mdread.Options{Root: cfg.Dir, IncludeRoot: cfg.IncludeDir}, src, data)
		if err := collect(err); err != nil {
			return nil, err
		}
		if res != nil {
			files = append(files, res.Blocks)
			p.Warns = append(p.Warns, res.Warnings...)
		}
	}
	files, running := pass.RunningTitles(files)
	if len(running) > 0 {
		p.Notes = append(p.Notes, fmt.Sprintf("%s:%d: heading %q opens %d files, each right above the file's own heading: a running title, left out of the book",
			running[0].Pos.File, running[0].Pos.Line, doc.PlainText(running[0].Content), len(running)))
	}
	var blocks []doc.Block
	for _, f := range files {
		blocks = append(blocks, f...)
	}
	if len(blocks) == 0 && len(errs) > 0 {
		return nil, errs.Err()
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
		ISBN: doc.ISBNs{EPUB: cfg.ISBN.EPUB, Print: cfg.ISBN.Print}, Series: cfg.Series, SeriesIndex: cfg.SeriesIndex,
	}
	for _, c := range cfg.Contributors {
		meta.Contributors = append(meta.Contributors, doc.Contributor{Name: c.Name, Role: config.Roles[c.Role]})
	}
	book, warns, err := pass.BuildWith(meta, blocks, pass.Options{SectionLevel: cfg.SectionLevel})
	// A tag used on every page is one warning with its count, not hundreds.
	p.Warns = diag.Grouped(append(p.Warns, warns...))
	if book == nil {
		if err := collect(err); err != nil {
			return nil, err
		}
		return nil, errs.Err()
	}
	if err := collect(err); err != nil {
		return nil, err
	}
	p.Book = book
	if p.CoverImage, p.CoverFile, err = findCover(cfg.Dir); err != nil {
		return nil, err
	}
	if fontErr != nil {
		return nil, fontErr
	}
	p.Fonts = fonts
	fallback, warns := checkGlyphs(book, p.Fonts, lay, texts)
	p.Warns = append(p.Warns, warns...)
	p.fallback = fallback
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var cssPath string
	if p.CSS, cssPath, err = lay.ReadFile(lay.EPUB.CSS); err != nil {
		return nil, diag.Errorf(lay.File, 0, "set [epub] css to a stylesheet next to the layout or in the book's layouts/ folder", "cannot read the EPUB stylesheet %s: %v", cssPath, err)
	}
	p.CSS = append(p.CSS, codeCSS(lay.Code)...)
	return p, nil
}

// codeCSS is the layout's [code] tint and rule for the e-book's code
// blocks, after the stylesheet so that it wins; "" when the layout sets
// neither.
func codeCSS(c config.Code) string {
	_, _, _, tint := c.RGB()
	if !tint && c.Rule == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n/* Code blocks, from the layout's [code] (added by press). */\n\npre {\n\tpadding: 0.4em 0.6em;\n")
	if tint {
		fmt.Fprintf(&b, "\tbackground-color: %s;\n", strings.ToLower(c.Background))
	}
	if c.Rule > 0 {
		fmt.Fprintf(&b, "\tborder-left: %gpt solid;\n", c.Rule)
	}
	b.WriteString("}\n")
	return b.String()
}

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

// loadFonts reads the layout's faces: the body family, code and the
// fallbacks. font.Open parses only what it
// must to check a face; a face is parsed in full when first used, and
// faultyFont reports what that parse found. Layouts that name the same
// font file with the same features share one face, and so its measured
// words: press check sets the book in every layout, and the built-in ones
// all use Vollkorn.
func (p *Project) loadFonts(l *config.Layout) (layout.Fonts, error) {
	f := layout.Fonts{Faces: map[string]layout.Face{}, Data: map[string][]byte{}, Index: map[string]int{}, Features: l.Fonts.Features}
	names := map[string]string{
		layout.Regular: l.Fonts.Regular, layout.Italic: l.Fonts.Italic,
		layout.Bold: l.Fonts.Bold, layout.BoldItalic: l.Fonts.BoldItalic,
		layout.Mono: l.Fonts.Mono,
	}
	for i, name := range l.Fonts.Fallback {
		key := layout.FallbackKey(i)
		names[key] = name
		f.Fallbacks = append(f.Fallbacks, key)
	}
	var regularPath string
	for key, name := range names {
		file, index, _ := config.FontPath(name) // checked when the layout was read
		data, path, err := l.ReadFile(file)
		if err != nil {
			return f, diag.Errorf(l.File, 0, "check the [fonts] paths", "cannot read font %s: %v", path, err)
		}
		face, err := p.openFace(path, data, index, l.Fonts.Features)
		if err != nil {
			return f, diag.Errorf(path, 0, "use a TrueType (.ttf) or OpenType (.otf, .ttc) font and OpenType feature tags in [fonts] features", "not a usable font: %v", err)
		}
		f.Faces[key], f.Data[key], f.Index[key] = face, data, index
		if key == layout.Regular {
			regularPath = path
		}
	}
	// The regular face with its superior letters, for the marks of web
	// addresses in print; the layout uses it only when the font has
	// them, and it is parsed only then.
	index := f.Index[layout.Regular]
	if face, err := p.openFace(regularPath, f.Data[layout.Regular], index, l.StyleFeatures([]string{"sups"})); err == nil {
		f.Faces[layout.Superior], f.Data[layout.Superior], f.Index[layout.Superior] = face, f.Data[layout.Regular], index
	}
	// The faces of the kinds of text with features of their own: the
	// same files, shaped with [fonts] features and the kind's.
	for _, sf := range l.Features.ByStyle() {
		if len(sf.Features) == 0 {
			continue
		}
		if f.Styled == nil {
			f.Styled = map[string][]string{}
		}
		keys := []string{layout.Regular, layout.Italic, layout.Bold, layout.BoldItalic}
		if sf.Style == layout.StyleCode {
			keys = []string{layout.Mono}
		}
		features := l.StyleFeatures(sf.Features)
		for _, key := range keys {
			face, err := font.Open(f.Data[key], f.Index[key], features)
			if err != nil {
				return f, diag.Errorf(l.File, 0, "use OpenType feature tags in [features] "+sf.Style, "the %s font with the %s features is not usable: %v", key, sf.Style, err)
			}
			k := layout.StyledKey(key, sf.Style)
			f.Faces[k], f.Data[k], f.Index[k], f.Styled[k] = face, f.Data[key], f.Index[key], features
		}
	}
	return f, nil
}

// openFace opens face index of the font file at path, or returns the face
// already opened from it with the same features.
func (p *Project) openFace(path string, data []byte, index int, features []string) (*font.Face, error) {
	key := path + "#" + strconv.Itoa(index) + " " + strings.Join(features, ",")
	p.mu.Lock()
	defer p.mu.Unlock()
	if f := p.faces[key]; f != nil {
		return f, nil
	}
	f, err := font.Open(data, index, features)
	if err != nil {
		return nil, err
	}
	if p.faces == nil {
		p.faces = map[string]*font.Face{}
	}
	p.faces[key] = f
	return f, nil
}

// faultyFont reports a face of f whose parse, on first use, found a fault
// that font.Open could not see.
func faultyFont(l *config.Layout, f layout.Fonts) error {
	keys := slices.Sorted(maps.Keys(f.Faces)) // the five faces and those of kinds of text with features
	for _, key := range keys {
		if face, ok := f.Faces[key].(interface{ Err() error }); ok && face.Err() != nil {
			return diag.Errorf(l.File, 0, "use a TrueType (.ttf) or OpenType (.otf, .ttc) font", "the %s font is not usable: %v", key, face.Err())
		}
	}
	return nil
}

// checkGlyphs makes sure every character of the book exists in the body
