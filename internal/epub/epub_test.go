package epub

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"press/internal/doc"
)

func txt(s string) *doc.Text { return &doc.Text{Text: s} }

func para(ins ...doc.Inline) *doc.Para { return &doc.Para{Content: ins} }

// fixture builds a small book the way pass leaves it: an untitled opening,
// a chapter with a level-2 heading, a quotation with a byline, a list,
// two notes and characters that need escaping.
func fixture() *doc.Book {
	n1 := &doc.Note{Label: "a", Number: 1, ID: "note-1", RefID: "noteref-1", SectionID: "opening",
		Blocks: []doc.Block{para(txt("A note with "), &doc.Emph{Content: []doc.Inline{txt("emphasis")}}, txt(" & an <angle>."))}}
	n2 := &doc.Note{Label: "b", Number: 2, ID: "note-2", RefID: "noteref-2", SectionID: "chapter-one",
		Blocks: []doc.Block{
			para(txt("First paragraph of the second note.")),
			&doc.Quote{Blocks: []doc.Block{para(txt("A quotation ending the note."))}},
		}}
	opening := &doc.Section{ID: "opening", Blocks: []doc.Block{
		para(txt("Fish & chips < tea > coffee, “quoted” and ‘single’ — it’s fine."), &doc.NoteRef{Note: n1}),
		para(txt("A second paragraph with "), &doc.Strong{Content: []doc.Inline{txt("strong")}}, txt(" text, "),
			&doc.Code{Text: "a < b && c"}, txt(" and a "),
			&doc.Link{URL: "https://example.org/?a=1&b=2", Content: []doc.Inline{txt("link")}}, txt(".")),
	}}
	chapter := &doc.Section{ID: "chapter-one",
		Heading: &doc.Heading{Level: 1, ID: "chapter-one", Content: []doc.Inline{txt("Chapter One: "), &doc.Emph{Content: []doc.Inline{txt("Salt & Pepper")}}}},
		Blocks: []doc.Block{
			para(txt("It began."), &doc.LineBreak{}, txt("Then it went on."), &doc.NoteRef{Note: n2}),
			&doc.Quote{Blocks: []doc.Block{para(txt("Quoted words, \"straight\" and 'single'."))}},
			&doc.Para{Class: "byline", Content: []doc.Inline{txt("— Someone")}},
			para(txt("After the quote; see "), &doc.Link{URL: "#the-list", Content: []doc.Inline{txt("the list")}}, txt(".")),
			&doc.Heading{Level: 2, ID: "the-list", Content: []doc.Inline{txt("The List")}},
			&doc.List{Items: [][]doc.Block{
				{para(txt("one"))},
				{para(txt("two")), para(txt("two, continued"))},
			}},
			&doc.List{Ordered: true, Start: 3, Items: [][]doc.Block{{para(txt("three"))}, {para(txt("four"))}}},
			&doc.Break{},
			para(txt("Code follows.")),
			&doc.CodeBlock{Text: "if a < b {\n\treturn \"&\"\n}\n"},
			para(txt("Back to the "), &doc.Link{URL: "#opening", Content: []doc.Inline{txt("opening")}}, txt(".")),
		}}
	return &doc.Book{
		Meta: doc.Meta{
			Title:       "The Test & Trial",
			Subtitle:    "A “Fixture”",
			Authors:     []string{"Ada Example", "Bo Sample"},
			Language:    "en",
			Identifier:  "urn:uuid:12345678-1234-4abc-8def-123456789abc",
			Date:        time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
			Publisher:   "Press Test Books",
			Rights:      "© 2024 Ada Example. CC BY 4.0.",
			Description: "A small book for <tests>.",
			Subjects:    []string{"Fiction", "Testing"},
			Slug:        "test",
		},
		Sections: []*doc.Section{opening, chapter},
		Notes:    []*doc.Note{n1, n2},
		TOC: []*doc.TOCEntry{
			{Title: "The Test & Trial", SectionID: "opening", Level: 1},
			{Title: "Chapter One: Salt & Pepper", SectionID: "chapter-one", Anchor: "chapter-one", Level: 1,
				Children: []*doc.TOCEntry{{Title: "The List", SectionID: "chapter-one", Anchor: "the-list", Level: 2}}},
		},
	}
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// options for the golden tests: the real stylesheet and a stand-in font
// (its bytes do not matter to the generated markup).
func goldenOptions(t *testing.T) Options {
	return Options{
		CSS:      readFile(t, "../../layouts/epub.css"),
		Fonts:    []Font{{Path: "fonts/Vollkorn-Regular.ttf", Family: "Vollkorn", Weight: 400, Data: []byte("not a font")}},
		Modified: time.Date(2024, 5, 2, 10, 11, 12, 0, time.UTC),
	}
}

// realFonts loads the Vollkorn family from the project's fonts folder, or
// returns nil when it is not there.
func realFonts(t *testing.T) []Font {
	specs := []struct {
		file   string
		weight int
		italic bool
	}{
		{"Vollkorn-Regular.ttf", 400, false},
		{"Vollkorn-Italic.ttf", 400, true},
		{"Vollkorn-Bold.ttf", 700, false},
		{"Vollkorn-BoldItalic.ttf", 700, true},
	}
	var fonts []Font
	for _, s := range specs {
		data, err := os.ReadFile(filepath.Join("..", "..", "fonts", s.file))
		if err != nil {
			t.Fatalf("the shipped font is part of the repository: %v", err)
		}
		fonts = append(fonts, Font{Path: "fonts/" + s.file, Family: "Vollkorn", Weight: s.weight, Italic: s.italic, Data: data})
	}
	return fonts
}

func build(t *testing.T, b *doc.Book, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, b, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func unzip(t *testing.T, data []byte) (names []string, files map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files = map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		names = append(names, f.Name)
		files[f.Name] = b
	}
	return names, files
}

func isMarkup(name string) bool {
	switch path.Ext(name) {
	case ".xhtml", ".opf", ".ncx", ".xml":
		return true
	}
	return false
}

func TestGolden(t *testing.T) {
	_, files := unzip(t, build(t, fixture(), goldenOptions(t)))
	update := os.Getenv("UPDATE_GOLDEN") != ""
	dir := filepath.Join("testdata", "golden")
	var want []string
	for name, data := range files {
		if !isMarkup(name) {
			continue
		}
		want = append(want, name)
		gp := filepath.Join(dir, filepath.FromSlash(name))
		if update {
			if err := os.MkdirAll(filepath.Dir(gp), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(gp, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		g, err := os.ReadFile(gp)
		if err != nil {
			t.Errorf("%s: %v (run with UPDATE_GOLDEN=1)", name, err)
			continue
		}
		if !bytes.Equal(g, data) {
			t.Errorf("%s differs from %s:\n%s", name, gp, firstDiff(string(g), string(data)))
		}
	}
	// No stale golden files.
	sort.Strings(want)
	var have []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			r, _ := filepath.Rel(dir, p)
			have = append(have, filepath.ToSlash(r))
		}
		return nil
	})
	sort.Strings(have)
	if !update && strings.Join(have, "\n") != strings.Join(want, "\n") {
		t.Errorf("golden files:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(no line differs)"
}

func TestDeterministic(t *testing.T) {
	o := goldenOptions(t)
	o.Fonts = append(o.Fonts, Font{Path: "fonts/b.ttf", Family: "B", Data: []byte("b")}, Font{Path: "fonts/a.otf", Family: "A", Data: []byte("a")})
	o.Fonts = append(o.Fonts[1:], realFonts(t)...)
	a := build(t, fixture(), o)
	for range 3 {
		if b := build(t, fixture(), o); !bytes.Equal(a, b) {
			t.Fatal("two writes of the same book differ")
		}
	}
	o2 := o
	o2.Fonts = append([]Font{o.Fonts[len(o.Fonts)-1]}, o.Fonts[:len(o.Fonts)-1]...)
	if b := build(t, fixture(), o2); !bytes.Equal(a, b) {
		t.Fatal("font order changes the output")
	}
}

// TestContainer checks the OCF rules for the zip itself.
func TestContainer(t *testing.T) {
	data := build(t, fixture(), goldenOptions(t))
	// The first local header: "mimetype", stored, no extra field, content
	// at byte 38.
	if string(data[30:38]) != "mimetype" || string(data[38:58]) != "application/epub+zip" {
		t.Fatalf("mimetype is not first: %q", data[:64])
	}
	if m := binary.LittleEndian.Uint16(data[8:]); m != 0 {
		t.Errorf("mimetype compression method %d, want 0 (stored)", m)
	}
	if n := binary.LittleEndian.Uint16(data[28:]); n != 0 {
		t.Errorf("mimetype extra field length %d, want 0", n)
	}
	if f := binary.LittleEndian.Uint16(data[6:]); f&8 != 0 {
		t.Errorf("mimetype has a data descriptor (flags %#x)", f)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for i, f := range zr.File {
		names = append(names, f.Name)
		if i > 0 && f.Method != zip.Deflate {
			t.Errorf("%s: method %d, want deflate", f.Name, f.Method)
		}
		if len(f.Extra) != 0 {
			t.Errorf("%s: extra field %x", f.Name, f.Extra)
		}
		if f.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v", f.Name, f.Mode())
		}
		if got := f.Modified.Format(time.DateTime); got != "2024-05-02 10:11:12" {
			t.Errorf("%s: time %s", f.Name, got)
		}
	}
	rest := names[1:]
	if !sort.StringsAreSorted(rest) {
		t.Errorf("entries after mimetype are not sorted: %v", rest)
	}
	want := []string{
		"mimetype",
		"EPUB/css/book.css",
		"EPUB/endnotes.xhtml",
		"EPUB/fonts/Vollkorn-Regular.ttf",
		"EPUB/nav.xhtml",
		"EPUB/package.opf",
		"EPUB/text/chapter-one.xhtml",
		"EPUB/text/opening.xhtml",
		"EPUB/titlepage.xhtml",
		"EPUB/toc.ncx",
		"META-INF/container.xml",
	}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
}

// TestWellFormed parses every markup file with encoding/xml.
func TestWellFormed(t *testing.T) {
	b := fixture()
	// Control characters and other non-XML characters must not leak out.
	b.Meta.Description += " bell\a nul\x00 bad\xff ffff\uFFFF"
	b.Sections[0].Blocks = append(b.Sections[0].Blocks,
		para(txt("vertical\vtab, escape\x1b, c1\u0085, cr\r\nlf, nonchar\uFDD0, ok\t.")),
		&doc.CodeBlock{Text: "]]> <![CDATA[ x ]]> <!-- -->"})
	_, files := unzip(t, build(t, b, goldenOptions(t)))
	n := 0
	for name, data := range files {
		if !isMarkup(name) {
			continue
		}
		n++
		if err := wellFormed(data); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if bytes.Contains(data, []byte("&nbsp;")) || bytes.Contains(data, []byte("&ldquo;")) {
			t.Errorf("%s: HTML named entity", name)
		}
	}
	if n != 8 {
		t.Errorf("checked %d markup files, want 8", n)
	}
	if !bytes.Contains(files["EPUB/text/opening.xhtml"], []byte("Fish &amp; chips &lt; tea &gt; coffee, “quoted” and ‘single’")) {
		t.Error("opening: text not escaped as expected")
	}
}

func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// ids returns the id attributes of an XML document.
func ids(t *testing.T, name string, data []byte) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if a.Name.Local == "id" && (a.Name.Space == "" || a.Name.Space == "xml") {
					if out[a.Value] {
						t.Errorf("%s: duplicate id %q", name, a.Value)
					}
					out[a.Value] = true
				}
			}
		}
	}
}

// links returns every href (XHTML, OPF) and src (NCX) of a document with
// the element name.
func links(t *testing.T, name string, data []byte) [][2]string {
	t.Helper()
	var out [][2]string
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if a.Name.Local == "href" || (a.Name.Local == "src" && se.Name.Local == "content") || a.Name.Local == "full-path" {
					out = append(out, [2]string{se.Name.Local, a.Value})
				}
			}
		}
	}
}

// TestLinksResolve checks that every internal href#fragment in the
// package points at an existing file and id.
func TestLinksResolve(t *testing.T) {
	_, files := unzip(t, build(t, fixture(), goldenOptions(t)))
	kinds := checkLinks(t, files)
	// Every kind of link was seen: nav, NCX, noterefs, backlinks.
	for _, f := range []string{"nav.xhtml", "toc.ncx", "opening.xhtml", "chapter-one.xhtml", "endnotes.xhtml", "package.opf", "container.xml"} {
		if kinds[f] == 0 {
			t.Errorf("no internal links checked in %s", f)
		}
	}
}

// checkLinks fails for every internal link of the package that names a
// missing file or id, and counts the links checked by document.
func checkLinks(t *testing.T, files map[string][]byte) map[string]int {
	t.Helper()
	idsOf := map[string]map[string]bool{}
	for name, data := range files {
		if isMarkup(name) {
			idsOf[name] = ids(t, name, data)
		}
	}
	kinds := map[string]int{}
	for name, data := range files {
		if !isMarkup(name) {
			continue
		}
		for _, l := range links(t, name, data) {
			u, err := url.Parse(l[1])
			if err != nil {
				t.Errorf("%s: bad URL %q: %v", name, l[1], err)
				continue
			}
			if u.Scheme != "" {
				continue
			}
			target := name
			if u.Path != "" {
				if name == "META-INF/container.xml" {
					target = u.Path
				} else {
					target = path.Join(path.Dir(name), u.Path)
				}
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: %q: no file %s", name, l[1], target)
				continue
			}
			kinds[path.Base(name)]++
			if u.Fragment != "" && !idsOf[target][u.Fragment] {
				t.Errorf("%s: %q: no id %q in %s", name, l[1], u.Fragment, target)
			}
		}
	}
	return kinds
}

func TestNoteMarkup(t *testing.T) {
	_, files := unzip(t, build(t, fixture(), goldenOptions(t)))
	for _, want := range []struct{ file, s string }{
		{"EPUB/text/opening.xhtml", `<a href="../endnotes.xhtml#note-1" id="noteref-1" class="noteref" epub:type="noteref" role="doc-noteref">1</a>`},
		{"EPUB/endnotes.xhtml", `<li id="note-1" epub:type="endnote">`},
		{"EPUB/endnotes.xhtml", `<a href="text/opening.xhtml#noteref-1" class="backlink" epub:type="backlink" role="doc-backlink" aria-label="Back to note 1 reference">↩︎</a></p>`},
		// The second note ends in a quotation: the backlink gets its own paragraph.
		{"EPUB/endnotes.xhtml", `<p class="backlink"><a href="text/chapter-one.xhtml#noteref-2"`},
		{"EPUB/text/chapter-one.xhtml", `<a href="#the-list">the list</a>`},
		{"EPUB/text/chapter-one.xhtml", `<a href="opening.xhtml">opening</a>`},
		{"EPUB/text/chapter-one.xhtml", `<p class="byline">— Someone</p>`},
	} {
		if !strings.Contains(string(files[want.file]), want.s) {
			t.Errorf("%s lacks %s", want.file, want.s)
		}
	}
}

func TestContractErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*doc.Book, *Options)
		want string
	}{
		{"no title", func(b *doc.Book, o *Options) { b.Meta.Title = " " }, "no title"},
		{"no identifier", func(b *doc.Book, o *Options) { b.Meta.Identifier = "" }, "no identifier"},
		{"no language", func(b *doc.Book, o *Options) { b.Meta.Language = "" }, "no language"},
		{"no date", func(b *doc.Book, o *Options) { o.Modified = time.Time{}; b.Meta.Date = time.Time{} }, "no modification date"},
		{"bad section id", func(b *doc.Book, o *Options) { b.Sections[0].ID = "1st" }, "not a safe file name"},
		{"case collision", func(b *doc.Book, o *Options) { b.Sections[1].ID = "Opening" }, "collides"},
		{"duplicate heading", func(b *doc.Book, o *Options) {
			b.Sections[1].Blocks = append(b.Sections[1].Blocks, &doc.Heading{Level: 2, ID: "the-list"})
		}, "used in both"},
		{"heading equals noteref", func(b *doc.Book, o *Options) {
			b.Sections[0].Blocks = append(b.Sections[0].Blocks, &doc.Heading{Level: 2, ID: "noteref-1"})
		}, "used in both"},
		{"unknown anchor", func(b *doc.Book, o *Options) {
			b.Sections[0].Blocks = append(b.Sections[0].Blocks, &doc.Para{Pos: doc.Pos{File: "x.md", Line: 7},
				Content: []doc.Inline{&doc.Link{URL: "#nowhere", Content: []doc.Inline{txt("x")}}}})
		}, "x.md:7: link to unknown anchor"},
		{"relative link", func(b *doc.Book, o *Options) {
			b.Sections[0].Blocks = append(b.Sections[0].Blocks, para(&doc.Link{URL: "other.md", Content: []doc.Inline{txt("x")}}))
		}, "neither an anchor"},
		{"toc section", func(b *doc.Book, o *Options) { b.TOC[0].SectionID = "missing" }, "unknown section"},
		{"toc anchor", func(b *doc.Book, o *Options) { b.TOC[1].Children[0].Anchor = "missing" }, "no anchor"},
		{"note numbering", func(b *doc.Book, o *Options) { b.Notes[1].Number = 5 }, "numbered"},
		{"font path", func(b *doc.Book, o *Options) { o.Fonts[0].Path = "../x.ttf" }, "safe relative path"},
		{"font type", func(b *doc.Book, o *Options) { o.Fonts[0].Path = "fonts/x.pfb" }, "unknown font type"},
		{"font collides", func(b *doc.Book, o *Options) { o.Fonts = append(o.Fonts, o.Fonts[0]) }, "collides"},
		{"font in text", func(b *doc.Book, o *Options) { o.Fonts[0].Path = "text/a.ttf" }, "section folder"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, o := fixture(), goldenOptions(t)
			c.edit(b, &o)
			err := Write(io.Discard, b, o)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
}

// TestNoNotesNoTOC: a book without notes has no endnotes document, and a
// missing contents tree is synthesised from the sections.
func TestNoNotesNoTOC(t *testing.T) {
	b := fixture()
	b.Notes = nil
	b.TOC = nil
	for _, s := range b.Sections {
		var keep []doc.Block
		for _, bl := range s.Blocks {
			if p, ok := bl.(*doc.Para); ok {
				var ins []doc.Inline
				for _, in := range p.Content {
					if _, ok := in.(*doc.NoteRef); !ok {
						ins = append(ins, in)
					}
				}
				p = &doc.Para{Content: ins, Class: p.Class}
				bl = p
			}
			keep = append(keep, bl)
		}
		s.Blocks = keep
	}
	_, files := unzip(t, build(t, b, Options{Modified: time.Unix(0, 0)}))
	if _, ok := files["EPUB/endnotes.xhtml"]; ok {
		t.Error("endnotes.xhtml written for a book without notes")
	}
	nav := string(files["EPUB/nav.xhtml"])
	for _, s := range []string{`<li><a href="text/opening.xhtml">The Test &amp; Trial</a></li>`, `<li><a href="text/chapter-one.xhtml#chapter-one">Chapter One: Salt &amp; Pepper</a></li>`} {
		if !strings.Contains(nav, s) {
			t.Errorf("nav lacks %s", s)
		}
	}
	if strings.Contains(nav, "endnotes") || strings.Contains(string(files["EPUB/package.opf"]), "endnotes") {
		t.Error("endnotes referenced")
	}
	if strings.Contains(nav, "stylesheet") {
		t.Error("stylesheet linked without CSS")
	}
}

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, text, attr string }{
		{"a & b < c > d", "a &amp; b &lt; c &gt; d", "a &amp; b &lt; c &gt; d"},
		{`say "hi"`, `say "hi"`, `say &quot;hi&quot;`},
		{"x\x00y\x01z\x7f\u0080\uFFFE\U0001FFFF", "xyz", "xyz"},
		{"bad\xffutf8", "bad\uFFFDutf8", "bad\uFFFDutf8"},
		{"a\r\nb\rc", "a\nb\nc", "a&#10;b&#10;c"},
		{"“curly” ‘quotes’ — ↩︎ 𝄞", "“curly” ‘quotes’ — ↩︎ 𝄞", "“curly” ‘quotes’ — ↩︎ 𝄞"},
	} {
		if got := escText(c.in); got != c.text {
			t.Errorf("escText(%q) = %q, want %q", c.in, got, c.text)
		}
		if got := escAttr(c.in); got != c.attr {
			t.Errorf("escAttr(%q) = %q, want %q", c.in, got, c.attr)
		}
	}
	if got := escFragment("über-1:a b#%"); got != "über-1:a%20b%23%25" {
		t.Errorf("escFragment = %q", got)
	}
	for _, c := range []struct{ from, to, want string }{
		{"nav.xhtml", "text/a.xhtml#x", "text/a.xhtml#x"},
		{"text/a.xhtml", "text/b.xhtml", "b.xhtml"},
		{"text/a.xhtml", "endnotes.xhtml#n", "../endnotes.xhtml#n"},
		{"css/fonts.css", "fonts/V.ttf", "../fonts/V.ttf"},
	} {
		if got := rel(c.from, c.to); got != c.want {
			t.Errorf("rel(%q, %q) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

// TestEPUBCheck validates the fixture with EPUBCheck when it is installed
// (make test installs it), with the real fonts when they are present.
func TestEPUBCheck(t *testing.T) {
	const jar = "/usr/share/java/epubcheck.jar"
	java, err := exec.LookPath("java")
	if err != nil {
		t.Skip("java not found: install a JRE and epubcheck (make test does) to run EPUBCheck")
	}
	if _, err := os.Stat(jar); err != nil {
		t.Skip(jar + " not found: install epubcheck (make test does) to run EPUBCheck")
	}
	o := goldenOptions(t)
	o.Fonts = realFonts(t)
	for _, c := range []struct {
		name string
		book *doc.Book
	}{{"fixture", fixture()}, {"minimal", minimal()}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			file := filepath.Join(t.TempDir(), c.name+".epub")
			if err := os.WriteFile(file, build(t, c.book, o), 0o644); err != nil {
				t.Fatal(err)
			}
			// EPUB_KEEP=DIR keeps a copy, e.g. for Ace or epubcheck-ts by hand.
			if dir := os.Getenv("EPUB_KEEP"); dir != "" {
				os.WriteFile(filepath.Join(dir, c.name+".epub"), readFile(t, file), 0o644)
			}
			out, err := exec.Command(java, "-jar", jar, "--failonwarnings", file).CombinedOutput()
			if err != nil {
				t.Fatalf("epubcheck: %v\n%s", err, out)
			}
		})
	}
}

// minimal is a book with only the required metadata, no notes and no
// contents tree (it is synthesised), an untitled opening, and a heading
// id with non-ASCII characters that a link points to.
func minimal() *doc.Book {
	return &doc.Book{
		Meta: doc.Meta{
			Title:      "Kurz",
			Language:   "de",
			Identifier: "urn:uuid:00000000-0000-4000-8000-000000000000",
			Modified:   time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		},
		Sections: []*doc.Section{
			{ID: "text", Blocks: []doc.Block{para(txt("Ein Absatz, siehe "),
				&doc.Link{URL: "#größe", Content: []doc.Inline{txt("Größe")}}, txt("."))}},
			{ID: "zwei", Heading: &doc.Heading{Level: 1, ID: "größe", Content: []doc.Inline{txt("Größe")}},
				Blocks: []doc.Block{para(txt("Noch ein Absatz."))}},
		},
	}
}

func TestFontFaces(t *testing.T) {
	faces := "@font-face {}\n"
	for _, c := range []struct{ css, want string }{
		{"", "@font-face {}\n"},
		{"body { x: y }\n", "@font-face {}\n\nbody { x: y }\n"},
		{`@charset "utf-8";` + "\nbody {}", `@charset "utf-8";` + "\n\n@font-face {}\n\n\nbody {}"},
		{"/* c; */ @import url(\"a;b.css\") screen;\n@namespace epub \"http://www.idpf.org/2007/ops\";\np {}",
			"/* c; */ @import url(\"a;b.css\") screen;\n@namespace epub \"http://www.idpf.org/2007/ops\";\n\n@font-face {}\n\n\np {}"},
		{"@import 'unterminated", "@font-face {}\n\n@import 'unterminated"},
	} {
		if got := string(withFontFaces([]byte(c.css), faces)); got != c.want {
			t.Errorf("withFontFaces(%q) = %q, want %q", c.css, got, c.want)
		}
	}

	// The rules come first in book.css, sorted by font path, with URLs
	// relative to css/ and the family quoted as a CSS string.
	o := goldenOptions(t)
	o.Fonts = append(o.Fonts, Font{Path: "fonts/Vollkorn-BoldItalic.ttf", Family: `Voll"korn`, Weight: 700, Italic: true, Data: []byte("x")})
	_, files := unzip(t, build(t, fixture(), o))
	want := `/* Embedded fonts (generated by press). */

@font-face {
	font-family: "Voll\"korn";
	font-style: italic;
	font-weight: 700;
	src: url("../fonts/Vollkorn-BoldItalic.ttf") format("truetype");
}

@font-face {
	font-family: "Vollkorn";
	font-style: normal;
	font-weight: 400;
	src: url("../fonts/Vollkorn-Regular.ttf") format("truetype");
}

` + string(o.CSS)
	if css := string(files["EPUB/css/book.css"]); css != want {
		t.Errorf("book.css:\n%s", firstDiff(want, css))
	}
}

// TestTaskItems: an item of a bulleted list that starts with a task box is
// an <li class="task"> (the stylesheet draws no bullet for it: the box is
// its mark); a numbered item with a box keeps its number and plain <li>.
func TestTaskItems(t *testing.T) {
	b := minimal()
	task := func(checked bool, s string) []doc.Block {
		return []doc.Block{para(&doc.TaskBox{Checked: checked}, txt(s))}
	}
	b.Sections[0].Blocks = append(b.Sections[0].Blocks,
		&doc.List{Tight: true, Items: [][]doc.Block{task(true, "erledigt"), task(false, "offen"), {para(txt("Punkt"))}}},
		&doc.List{Ordered: true, Start: 1, Tight: true, Items: [][]doc.Block{task(false, "nummeriert")}})
	_, files := unzip(t, build(t, b, Options{Modified: time.Unix(0, 0)}))
	x := string(files["EPUB/text/text.xhtml"])
	for _, want := range []string{
		`<li class="task-item"><span class="task" role="img" aria-label="done">☑</span> erledigt</li>`,
		`<li class="task-item"><span class="task" role="img" aria-label="to do">☐</span> offen</li>`,
		`<li>Punkt</li>`,
		`<li><span class="task" role="img" aria-label="to do">☐</span> nummeriert</li>`,
	} {
		if !strings.Contains(x, want) {
			t.Errorf("text.xhtml lacks %s", want)
		}
	}
}

// TestEmptyHeadCell: an empty cell in a table's head row (the corner above
// a column of row labels) is a <td>, not an empty <th> (which Ace and
// axe-core report as a header without text); the other head cells stay
// column headers.
func TestEmptyHeadCell(t *testing.T) {
	b := minimal()
	b.Sections[0].Blocks = append(b.Sections[0].Blocks, &doc.Table{
		ID:    "table-1",
		Align: []doc.Align{doc.AlignNone, doc.AlignCenter},
		Head:  [][]doc.Inline{nil, {txt("T")}},
		Rows:  [][][]doc.Inline{{{txt("Box")}, {txt("covariant")}}},
	})
	_, files := unzip(t, build(t, b, Options{Modified: time.Unix(0, 0)}))
	x := string(files["EPUB/text/text.xhtml"])
	want := `<thead><tr><td></td><th scope="col" class="center">T</th></tr></thead>`
	if !strings.Contains(x, want) {
		t.Errorf("text.xhtml lacks %s", want)
	}
}

// TestLooseLists: a loose list is written with class "loose" and a tight
// one without, and the stylesheet spaces a loose list's items and indents
// an item's later paragraphs, as print sets them (the e-book showed a
// loose list of several-paragraph items as one run of lines).
func TestLooseLists(t *testing.T) {
	b := minimal()
	b.Sections[0].Blocks = append(b.Sections[0].Blocks,
		&doc.List{Items: [][]doc.Block{{para(txt("lose")), para(txt("more"))}, {para(txt("other"))}}},
		&doc.List{Ordered: true, Start: 2, Items: [][]doc.Block{{para(txt("zwei"))}}},
		&doc.List{Tight: true, Items: [][]doc.Block{{para(txt("eng"))}}})
	_, files := unzip(t, build(t, b, Options{Modified: time.Unix(0, 0), CSS: readFile(t, "../../layouts/epub.css")}))
	x := string(files["EPUB/text/text.xhtml"])
	for _, want := range []string{"<ul class=\"loose\">\n", "<ol class=\"loose\" start=\"2\">\n", "<ul>\n\t\t\t<li>eng</li>"} {
		if !strings.Contains(x, want) {
			t.Errorf("text.xhtml lacks %q", want)
		}
	}
	css := string(files["EPUB/css/book.css"])
	for _, want := range []string{"\n\nli p + p {\n\ttext-indent: 1em;", "ul.loose > li + li,\nol.loose > li + li {\n\tmargin-top: 0.7em;"} {
		if !strings.Contains(css, want) {
			t.Errorf("book.css lacks %q", want)
		}
	}
}
