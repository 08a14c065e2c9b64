// Package epub writes a doc.Book as an EPUB 3.3 publication (with an NCX
// for older reading systems) using only the standard library.
//
// The output is a pure function of the book and the options: the zip
// entries are written in a fixed order with fixed timestamps and
// permissions, so identical input gives byte-identical files.
//
// Layout inside the container:
//
//	mimetype                      stored, first, no extra field
//	META-INF/container.xml
//	EPUB/package.opf              package document
//	EPUB/nav.xhtml                navigation document (toc, landmarks); not in the spine
//	EPUB/toc.ncx                  NCX for EPUB 2 reading systems
//	EPUB/titlepage.xhtml          first in the spine
//	EPUB/text/<Section.ID>.xhtml  one document per section, in order
//	EPUB/endnotes.xhtml           last in the spine, only when the book has notes
//	EPUB/css/book.css             Options.CSS with generated @font-face rules
//	                              (only when there is CSS or a font)
//	EPUB/<Font.Path>              embedded fonts, e.g. EPUB/fonts/Vollkorn-Regular.ttf
//
// Sections live in their own folder so that no section id can collide with
// the fixed documents.
package epub

import (
	"archive/zip"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"press/internal/deflate"
	"press/internal/doc"
	"press/internal/svg"
)

// Font is a font file to embed. Path is its place inside the package
// folder (for example "fonts/Vollkorn-Regular.ttf"); the @font-face rule
// generated for it uses Family, Weight (0 means 400) and Italic.
type Font struct {
	Path   string
	Family string
	Weight int
	Italic bool
	Data   []byte
	// Subset, when set, returns the font cut down to the characters of
	// text, which is every character the e-book's documents show; the
	// result is stored instead of Data.
	Subset func(text string) ([]byte, error)
	// Chars, when set, are the only characters the face is for: its
	// @font-face rules say so with unicode-range, so a reading system
	// takes those from it and everything else from the family's other
	// faces. A fallback face is declared this way under the body's family
	// name, for each style the text uses (Also).
	Chars []rune
	// Also are more family, weight and style combinations the same file
	// is declared for.
	Also []FontStyle
}

// FontStyle is a family, weight and style a font file is declared for.
type FontStyle struct {
	Family string
	Weight int
	Italic bool
}

// Options are the edition settings that are not part of the book.
type Options struct {
	// CSS is the layout's stylesheet, stored as css/book.css.
	CSS []byte
	// Fonts are embedded and declared with generated @font-face rules,
	// which are put at the top of css/book.css (after any @charset,
	// @import and @namespace rules, which must come first).
	Fonts []Font
	// Modified is the dcterms:modified stamp and the time of every zip
	// entry. When zero, Meta.Modified and then Meta.Date are used; Write
	// fails if all three are zero (it never reads the clock).
	Modified time.Time
	// Backlink is the text of the link from a note back to its reference;
	// DefaultBacklink when empty. The body font should have its glyphs.
	Backlink string
	// PageBreaks mark where each page of the print edition begins, so a
	// page number means the same passage in both editions. Each becomes a
	// pagebreak marker and an entry of the page-list navigation.
	PageBreaks []PageBreak
	// PageSource names the print edition the page numbers come from
	// (dc:source, refined as the source of the pagination).
	PageSource string
	// Cover is the cover picture, shown by reading systems in the library
	// and as the first page; nil for none.
	Cover *Cover
	// NumberFigures prefixes each figure's caption with its number
	// ("Figure 3."), as the print layout asks; NumberTables each table's
	// ("Table 2.").
	NumberFigures, NumberTables bool
	// Features are OpenType features by kind of text, as the print
	// layout sets them ([fonts] features and [features]): "body",
	// "quotes", "headings", "notes", "tables", "captions", "code",
	// "title", "contents". Each kind gets a font-feature-settings rule
	// for its elements after the stylesheet (see FeatureRules).
	Features map[string][]string
}

// Cover is the cover image and its description for people who cannot see
// it.
type Cover struct {
	Data      []byte
	MediaType string // "image/png" or "image/jpeg"
	Alt       string
}

// PageBreak is where a printed page begins: Offset runes into the running
// text (doc.PlainText) of Block, which must be a Heading or Para of the
// book (or a CodeBlock: its breaks are marked where it begins); or, with Front "title", "colophon" or "notes", the start of the
// title page, of its colophon, or of the endnotes.
type PageBreak struct {
	Label  string
	Block  doc.Block
	Offset int
	Front  string
}

// DefaultBacklink is the return arrow with the text-presentation selector.
const DefaultBacklink = "\u21A9\uFE0E"

const (
	pkgDir        = "EPUB/"
	opfPath       = "package.opf"
	navPath       = "nav.xhtml"
	ncxPath       = "toc.ncx"
	titlePath     = "titlepage.xhtml"
	coverPath     = "cover.xhtml"
	notesPath     = "endnotes.xhtml"
	bookCSSPath   = "css/book.css"
	sectionDir    = "text/"
	mediaDir      = "media/"
	notesTitle    = "Notes"
	contentsTitle = "Contents"
)

// book holds everything derived from the input that the writers share.
type book struct {
	b        *doc.Book
	lang     string
	modified time.Time
	files    map[string]string // section id -> path of its first document
	parts    []part            // the body documents in reading order
	docOf    map[string]string // anchor id -> document path
	refDoc   map[string]string // noteref id -> document that holds the reference
	fonts    []Font            // sorted by path
	css      []byte            // css/book.css, nil when there is none
	backlink string
	breaks   map[doc.Block][]PageBreak // by block, in offset order
	front    map[string]string         // "title"/"colophon" → page label
	source   string
	pageList []pageRef // markers written, in reading order
	cover    *Cover
	images   map[string]*picture // by doc.Image.Path
	numbered bool                // figures carry their numbers
	// numberTables: tables carry their numbers
	numberTables bool
	// altMissing is set when a picture that is not decorative has no
	// description.
	altMissing bool
}

// picture is an image file of the book stored in the package.
type picture struct {
	path      string // package-relative, under mediaDir
	mediaType string
	data      []byte
}

// mediaTypes are the core media types of the pictures press accepts.
var mediaTypes = map[string]string{"png": "image/png", "jpeg": "image/jpeg", "svg": "image/svg+xml"}

// coverImagePath is where the cover picture is stored.
func (bk *book) coverImagePath() string {
	if bk.cover.MediaType == "image/jpeg" {
		return "images/cover.jpg"
	}
	return "images/cover.png"
}

// pageRef is a written pagebreak marker, for the page-list.
type pageRef struct{ label, path, id string }

// Write writes b as an EPUB to w.
func Write(w io.Writer, b *doc.Book, o Options) error {
	bk, err := prepare(b, o)
	if err != nil {
		return err
	}
	z := newZipper()
	if err := bk.render(z.put); err != nil {
		z.wait()
		return err
	}
	return z.write(w, bk.modified)
}

var safeStem = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`) })
var safePath = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$`)
})

var fontTypes = map[string]string{
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	".woff":  "font/woff",
	".woff2": "font/woff2",
}

// prepare checks the input contract and computes file names and anchors.
func prepare(b *doc.Book, o Options) (*book, error) {
	if b == nil {
		return nil, fmt.Errorf("epub: nil book")
	}
	m := b.Meta
	switch {
	case oneLine(m.Title) == "":
		return nil, fmt.Errorf("epub: book has no title")
	case oneLine(m.Identifier) == "":
		return nil, fmt.Errorf("epub: book has no identifier")
	case oneLine(m.Language) == "":
		return nil, fmt.Errorf("epub: book has no language")
	}
	if len(b.Sections) == 0 {
		return nil, fmt.Errorf("epub: book has no sections")
	}
	bk := &book{
		backlink: o.Backlink,
		breaks:   map[doc.Block][]PageBreak{},
		front:    map[string]string{},
		source:   o.PageSource,
		cover:    o.Cover,
		b:        b,
		lang:     oneLine(m.Language),
		files:    map[string]string{},
		docOf:    map[string]string{},
		refDoc:   map[string]string{},
	}
	for _, t := range []time.Time{o.Modified, m.Modified, m.Date} {
		if !t.IsZero() {
			bk.modified = t.UTC().Truncate(time.Second)
			break
		}
	}
	if bk.modified.IsZero() {
		return nil, fmt.Errorf("epub: no modification date (Options.Modified, Meta.Modified and Meta.Date are all zero)")
	}

	// Every name in the package, folded to lower case: OCF forbids names
	// that differ only in case.
	taken := map[string]string{}
	claim := func(p, what string) error {
		k := strings.ToLower(p)
		if prev, ok := taken[k]; ok {
			return fmt.Errorf("epub: %s %q collides with %s", what, p, prev)
		}
		taken[k] = what + " " + p
		return nil
	}
	for _, p := range []string{opfPath, navPath, ncxPath, titlePath, notesPath, bookCSSPath} {
		claim(p, "file")
	}

	for i, s := range b.Sections {
		if s == nil {
			return nil, fmt.Errorf("epub: section %d is nil", i+1)
		}
		if !safeStem().MatchString(s.ID) {
			return nil, fmt.Errorf("epub: section %d: id %q is not a safe file name (want [A-Za-z][A-Za-z0-9_.-]*)", i+1, s.ID)
		}
		for k, blocks := range splitSection(s.Blocks, maxDocText) {
			p := sectionDir + s.ID + ".xhtml"
			if k > 0 {
				p = fmt.Sprintf("%s%s_%d.xhtml", sectionDir, s.ID, k+1)
			}
			if err := claim(p, "section"); err != nil {
				return nil, err
			}
			if k == 0 {
				bk.files[s.ID] = p
			}
			bk.parts = append(bk.parts, part{sec: s, path: p, first: k == 0, blocks: blocks})
		}
	}

	// Anchors: headings and note references in sections, notes in the
	// endnotes. Duplicates within one document are caught while rendering.
	addAnchor := func(id, p, what string) error {
		if id == "" {
			return nil
		}
		if strings.ContainsAny(id, " \t\n\r\f") {
			return fmt.Errorf("epub: %s id %q contains white space", what, id)
		}
		if prev, ok := bk.docOf[id]; ok {
			return fmt.Errorf("epub: %s id %q is used in both %s and %s", what, id, prev, p)
		}
		bk.docOf[id] = p
		return nil
	}
	for _, pt := range bk.parts {
		s, p := pt.sec, pt.path
		var err error
		headings := func(bl doc.Block) {
			if h, ok := bl.(*doc.Heading); ok && err == nil {
				err = addAnchor(h.ID, p, "heading")
			}
		}
		body := pt.blocks
		if pt.first && s.Heading != nil {
			body = append([]doc.Block{s.Heading}, pt.blocks...)
		}
		doc.WalkBlocks(body, headings)
		if err != nil {
			return nil, err
		}
		for _, a := range anchors(body) {
			if err := addAnchor(a.ID, p, "anchor"); err != nil {
				return nil, err
			}
		}
		for _, r := range doc.NoteRefs(body) {
			if r.Note == nil {
				return nil, fmt.Errorf("epub: section %s: note reference without a note", s.ID)
			}
			if err := addAnchor(r.Note.RefID, p, "note reference"); err != nil {
				return nil, err
			}
			bk.refDoc[r.Note.RefID] = p
		}
	}
	for i, n := range b.Notes {
		if n == nil || n.Number != i+1 {
			return nil, fmt.Errorf("epub: notes are not numbered 1..%d in order", len(b.Notes))
		}
	}
	for _, n := range b.Notes {
		var err error
		doc.WalkBlocks(n.Blocks, func(bl doc.Block) {
			if h, ok := bl.(*doc.Heading); ok && err == nil {
				err = addAnchor(h.ID, notesPath, "heading")
			}
		})
		if err != nil {
			return nil, err
		}
		for _, a := range anchors(n.Blocks) {
			if err := addAnchor(a.ID, notesPath, "anchor"); err != nil {
				return nil, err
			}
		}
		for _, r := range doc.NoteRefs(n.Blocks) {
			if r.Note == nil {
				return nil, fmt.Errorf("epub: note %d: note reference without a note", n.Number)
			}
			if err := addAnchor(r.Note.RefID, notesPath, "note reference"); err != nil {
				return nil, err
			}
			bk.refDoc[r.Note.RefID] = notesPath
		}
	}
	for _, n := range b.Notes {
		if n.ID == "" || n.RefID == "" {
			return nil, fmt.Errorf("epub: note %d has no id or reference id", n.Number)
		}
		if err := addAnchor(n.ID, notesPath, "note"); err != nil {
			return nil, err
		}
		if _, ok := bk.refDoc[n.RefID]; !ok {
			// The reference is not in a section body (a note inside a
			// heading or another note); trust SectionID.
			p, ok := bk.files[n.SectionID]
			if !ok {
				return nil, fmt.Errorf("epub: note %d: reference %q not found in any section", n.Number, n.RefID)
			}
			bk.refDoc[n.RefID] = p
		}
	}
	if err := checkTOC(bk, b.TOC); err != nil {
		return nil, err
	}

	// Fonts.
	bk.fonts = append([]Font(nil), o.Fonts...)
	sort.SliceStable(bk.fonts, func(i, j int) bool { return bk.fonts[i].Path < bk.fonts[j].Path })
	for _, f := range bk.fonts {
		if !safePath().MatchString(f.Path) || strings.Contains(f.Path, "..") {
			return nil, fmt.Errorf("epub: font path %q is not a safe relative path", f.Path)
		}
		if fontTypes[strings.ToLower(path.Ext(f.Path))] == "" {
			return nil, fmt.Errorf("epub: font %q: unknown font type (want .ttf, .otf, .woff or .woff2)", f.Path)
		}
		if oneLine(f.Family) == "" {
			return nil, fmt.Errorf("epub: font %q has no family name", f.Path)
		}
		if len(f.Data) == 0 {
			return nil, fmt.Errorf("epub: font %q has no data", f.Path)
		}
		if err := claim(f.Path, "font"); err != nil {
			return nil, err
		}
		if strings.HasPrefix(strings.ToLower(f.Path), sectionDir) {
			return nil, fmt.Errorf("epub: font %q is inside the section folder %s", f.Path, sectionDir)
		}
	}
	if len(bk.fonts) > 0 || len(o.CSS) > 0 || len(o.Features) > 0 {
		bk.css = withFontFaces(append(append([]byte(nil), o.CSS...), generatedRules(o)...), bk.fontFaces())
	}
	if c := o.Cover; c != nil {
		if c.MediaType != "image/png" && c.MediaType != "image/jpeg" {
			return nil, fmt.Errorf("epub: cover must be PNG or JPEG, not %q", c.MediaType)
		}
		if oneLine(c.Alt) == "" {
			return nil, fmt.Errorf("epub: the cover needs a description (alt text)")
		}
	}
	if err := bk.collectImages(claim); err != nil {
		return nil, err
	}
	bk.numbered, bk.numberTables = o.NumberFigures, o.NumberTables
	for _, pb := range o.PageBreaks {
		switch {
		case pb.Front != "":
			bk.front[pb.Front] = pb.Label
		case pb.Block != nil:
			bk.breaks[pb.Block] = append(bk.breaks[pb.Block], pb)
		}
	}
	for _, list := range bk.breaks {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Offset < list[j].Offset })
	}
	return bk, nil
}

// anchors returns the manuscript's own anchors in blocks (not in notes).
func anchors(blocks []doc.Block) []*doc.Anchor {
	var out []*doc.Anchor
	doc.WalkBlocks(blocks, func(bl doc.Block) {
		doc.WalkInlines(doc.Inlines(bl), func(in doc.Inline) {
			if a, ok := in.(*doc.Anchor); ok {
				out = append(out, a)
			}
		})
	})
	return out
}

// inSection reports whether the document at p is one of section id's.
func (bk *book) inSection(p, id string) bool {
	for _, pt := range bk.parts {
		if pt.path == p && pt.sec.ID == id {
			return true
		}
	}
	return false
}

// collectImages gives every picture of the book one file in the package,
// named after its path in the book folder.
func (bk *book) collectImages(claim func(p, what string) error) error {
	bk.images = map[string]*picture{}
	var err error
	visit := func(blocks []doc.Block) {
		doc.WalkBlocks(blocks, func(bl doc.Block) {
			var ims []*doc.Image
			if f, ok := bl.(*doc.Figure); ok {
				ims = append(ims, f.Image)
				if f.Image != nil && f.Image.Alt == "" && !f.Decorative {
					bk.altMissing = true
				}
			}
			doc.WalkInlines(doc.Inlines(bl), func(in doc.Inline) {
				if im, ok := in.(*doc.Image); ok {
					ims = append(ims, im)
					if im.Alt == "" {
						bk.altMissing = true
					}
				}
			})
			for _, im := range ims {
				if err != nil || im == nil || bk.images[im.Path] != nil {
					continue
				}
				mt := mediaTypes[im.Format]
				if mt == "" || len(im.Data) == 0 {
					err = fmt.Errorf("epub: image %q: no data or unknown format %q", im.Path, im.Format)
					return
				}
				name := mediaDir + safeName(im.Path)
				for i := 2; taken(bk.images, name); i++ {
					ext := path.Ext(im.Path)
					name = mediaDir + strings.TrimSuffix(safeName(im.Path), ext) + "-" + strconv.Itoa(i) + ext
				}
				if err = claim(name, "image"); err != nil {
					return
				}
				data := im.Data
				if im.Format == "svg" {
					// EPUB 3 allows no external DTD: the SVG 1.1 doctype
					// Graphviz writes goes, the drawing stays as it is.
					data = svg.WithoutExternalDTD(data)
				}
				bk.images[im.Path] = &picture{path: name, mediaType: mt, data: data}
			}
		})
	}
	for _, s := range bk.b.Sections {
		visit(s.Blocks)
	}
	for _, n := range bk.b.Notes {
		visit(n.Blocks)
	}
	return err
}

func taken(m map[string]*picture, name string) bool {
	for _, p := range m {
		if strings.EqualFold(p.path, name) {
			return true
		}
	}
	return false
}

// entryHref is the address of a contents entry from document from: the
// document that holds its heading, which in a long section that was cut
// in several need not be the first.
func (bk *book) entryHref(from string, e *doc.TOCEntry) string {
	if p, ok := bk.docOf[e.Anchor]; ok && e.Anchor != "" {
		return href(from, p, e.Anchor)
	}
	return href(from, bk.files[e.SectionID], e.Anchor)
}

// safeName keeps a book path's letters, digits, dots, hyphens and slashes,
// so it is a valid and portable name inside the container.
func safeName(p string) string {
	var b strings.Builder
	for i, seg := range strings.Split(p, "/") {
		if i > 0 {
			b.WriteByte('/')
		}
		for j, r := range seg {
			switch {
			case r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || (j > 0 && (r == '.' || r == '-'))):
				b.WriteRune(r)
			default:
				b.WriteByte('_')
			}
		}
	}
	return b.String()
}

// sortedImages returns the pictures in path order, for a stable manifest.
func (bk *book) sortedImages() []*picture {
	out := make([]*picture, 0, len(bk.images))
	for _, p := range bk.images {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

func checkTOC(bk *book, es []*doc.TOCEntry) error {
	for _, e := range es {
		if e == nil {
			return fmt.Errorf("epub: nil contents entry")
		}
		if _, ok := bk.files[e.SectionID]; !ok {
			return fmt.Errorf("epub: contents entry %q: unknown section %q", e.Title, e.SectionID)
		}
		if e.Anchor != "" && !bk.inSection(bk.docOf[e.Anchor], e.SectionID) {
			return fmt.Errorf("epub: contents entry %q: no anchor %q in section %s", e.Title, e.Anchor, e.SectionID)
		}
		if err := checkTOC(bk, e.Children); err != nil {
			return err
		}
	}
	return nil
}

// rel returns the URL of target (a package-relative path, optionally with
// a fragment already encoded) as seen from the document at from.
func rel(from, target string) string {
	dir := path.Dir(from)
	if dir == "." {
		return target
	}
	if strings.HasPrefix(target, dir+"/") {
		return target[len(dir)+1:]
	}
	return strings.Repeat("../", strings.Count(dir, "/")+1) + target
}

// href returns the URL of anchor id (in document p) from document from.
func href(from, p, id string) string {
	frag := ""
	if id != "" {
		frag = "#" + escFragment(id)
	}
	if p == from && frag != "" {
		return frag
	}
	return rel(from, p) + frag
}

// zfile is one file of the container, compressed.
type zfile struct {
	name  string
	body  []byte // deflated, or as is when stored
	crc   uint32
	size  int // uncompressed
	store bool
}

// stored reports whether a file goes into the container as it is:
// pictures, whose formats are compressed already (deflating a PNG or a
// JPEG again saves little and costs most of an e-book's build time).
func stored(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg":
		return true
	}
	return false
}

// zipper compresses the files of the container as they are made and keeps
// only the compressed bytes; the bytes do not depend on the order of work,
// only on the data. One worker compresses; more start, up to one a
// processor, while more than spareBytes wait: a pamphlet's e-book is done
// by one (each worker at work holds a compressor of package deflate, most
// of a megabyte), a long book's by all.
type zipper struct {
	jobs    chan zfile
	wg      sync.WaitGroup
	mu      sync.Mutex
	files   []zfile
	workers int
	waiting atomic.Int64 // bytes handed over and not yet compressed
}

// spareBytes is how much may wait for one worker before another starts.
const spareBytes = 512 << 10

func newZipper() *zipper {
	z := &zipper{jobs: make(chan zfile, 64)}
	z.start()
	return z
}

// start starts one more worker.
func (z *zipper) start() {
	z.workers++
	z.wg.Add(1)
	go func() {
		defer z.wg.Done()
		var scratch []byte
		for f := range z.jobs {
			n := len(f.body)
			if !f.store {
				// Compressed into a buffer the worker reuses, then kept
				// in a slice of its exact size: a buffer grown by
				// doubling for each file would touch twice the memory.
				scratch = deflate.Append(scratch[:0], f.body)
				f.body = append([]byte(nil), scratch...)
			}
			z.waiting.Add(-int64(n))
			z.mu.Lock()
			z.files = append(z.files, f)
			z.mu.Unlock()
		}
	}()
}

// put hands a file to the compressors.
func (z *zipper) put(name string, data []byte) {
	if z.waiting.Add(int64(len(data))) > spareBytes && z.workers < runtime.GOMAXPROCS(0) {
		z.start()
	}
	z.jobs <- zfile{name: name, body: data, crc: crc32.ChecksumIEEE(data), size: len(data), store: stored(name)}
}

// wait lets the compressors finish.
func (z *zipper) wait() {
	close(z.jobs)
	z.wg.Wait()
}

// write writes the container: mimetype first and stored, then every file
// in sorted order with fixed times.
func (z *zipper) write(w io.Writer, mod time.Time) error {
	z.wait()
	sort.Slice(z.files, func(i, j int) bool { return z.files[i].name < z.files[j].name })
	mimetype := []byte("application/epub+zip")
	list := append([]zfile{{name: "mimetype", body: mimetype, crc: crc32.ChecksumIEEE(mimetype), size: len(mimetype), store: true}}, z.files...)
	date, tim := msDosTime(mod)
	zw := zip.NewWriter(w)
	for _, f := range list {
		fh := &zip.FileHeader{
			Name:               f.name,
			Method:             zip.Deflate,
			CRC32:              f.crc,
			UncompressedSize64: uint64(f.size),
		}
		// Set the MS-DOS fields directly: a non-zero Modified would add an
		// extended-timestamp extra field, which mimetype must not have.
		fh.ModifiedDate, fh.ModifiedTime = date, tim
		fh.SetMode(0o644)
		fh.CreatorVersion |= 20
		fh.ReaderVersion = 20
		if f.store {
			fh.Method = zip.Store
		}
		fh.CompressedSize64 = uint64(len(f.body))
		zw2, err := zw.CreateRaw(fh)
		if err != nil {
			return err
		}
		if _, err := zw2.Write(f.body); err != nil {
			return err
		}
	}
	return zw.Close()
}

// msDosTime converts t (UTC) to the MS-DOS date and time of a zip header,
// clamped to the representable years 1980–2107.
func msDosTime(t time.Time) (date, tim uint16) {
	t = t.UTC()
	switch {
	case t.Year() < 1980:
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	case t.Year() > 2107:
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16((t.Year()-1980)<<9 | int(t.Month())<<5 | t.Day())
	tim = uint16(t.Hour()<<11 | t.Minute()<<5 | t.Second()/2)
	return date, tim
}
