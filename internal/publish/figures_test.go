package publish_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"press/internal/doc"
	"press/internal/page"
	"press/internal/publish"
)

// fixture is the illustrated fixture book: figures of every kind and
// pipe tables.
const (
	harbourDir  = "../../testdata/harbour"
	harbourSlug = "the-harbour-ledger"
)

func loadFixture(t *testing.T) (*publish.Project, *page.Doc, []string) {
	t.Helper()
	p, res := paginate(t, harbourDir)
	var warns []string
	for _, w := range append(append([]error{}, asErrors(p.Warns)...), asErrors(res.Warnings)...) {
		warns = append(warns, w.Error())
	}
	return p, res.Doc, warns
}

func asErrors[T error](ws []T) []error {
	out := make([]error, len(ws))
	for i, w := range ws {
		out[i] = w
	}
	return out
}

// TestFixturePages compares the fixture's pages with a golden dump
// (UPDATE_GOLDEN=1 rewrites it): where every figure, caption and line
// lands, the floats and the tables' rules included.
func TestFixturePages(t *testing.T) {
	_, d, _ := loadFixture(t)
	got := page.Dump(d)
	golden := filepath.Join("testdata", "harbour.pages")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if got != string(want) {
		g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("page dump differs from %s at line %d:\nwant %s\ngot  %s", golden, i+1, w[i], g[i])
			}
		}
		t.Fatalf("page dump differs from %s in length (%d and %d lines)", golden, len(w), len(g))
	}
}

// figures returns the book's figures in reading order.
func figures(b *doc.Book) []*doc.Figure {
	var out []*doc.Figure
	for _, s := range b.Sections {
		doc.WalkBlocks(s.Blocks, func(bl doc.Block) {
			if f, ok := bl.(*doc.Figure); ok {
				out = append(out, f)
			}
		})
	}
	return out
}

// TestFigureAspect: every picture is placed with its own proportions (to
// a thousandth), inside the measure and the type area, and figures keep
// their reading order.
func TestFigureAspect(t *testing.T) {
	p, d, _ := loadFixture(t)
	figs := figures(p.Book)
	if len(figs) < 6 {
		t.Fatalf("the fixture has %d figures, want at least 6", len(figs))
	}
	var placed []page.Image
	for _, pg := range d.Pages {
		if pg.Role != "body" {
			continue
		}
		for _, im := range pg.Images {
			// Inline pictures, no taller than the text's capitals, are
			// TestInlineImageOnLine's.
			if im.H > page.FromPT(p.Layout.Text.Size) {
				placed = append(placed, im)
			}
		}
	}
	if len(placed) != len(figs) {
		t.Fatalf("%d pictures placed for %d figures", len(placed), len(figs))
	}
	measure := d.Width - page.FromMM(p.Layout.Page.Inner) - page.FromMM(p.Layout.Page.Outer)
	for i, f := range figs {
		im := placed[i]
		want := f.Image.Width / f.Image.Height
		got := float64(im.W) / float64(im.H)
		if math.Abs(got/want-1) > 0.001 {
			t.Errorf("figure %d (%s): placed %.4f wide to high, the picture is %.4f", f.Number, f.Image.Path, got, want)
		}
		if im.W > measure+1 {
			t.Errorf("figure %d is %.1f pt wide, wider than the measure %.1f pt", f.Number, page.ToPT(im.W), page.ToPT(measure))
		}
		if maxH := page.SP(p.Layout.Figures.MaxHeight * float64(d.Height-page.FromMM(p.Layout.Page.Top)-page.FromMM(p.Layout.Page.Bottom))); im.H > maxH+1 {
			t.Errorf("figure %d is %.1f pt high, more than max_height allows (%.1f pt)", f.Number, page.ToPT(im.H), page.ToPT(maxH))
		}
		if f.Image.Format == "jpeg" && !bytes.Equal(im.Data, f.Image.Data) {
			t.Errorf("figure %d: the JPEG is not passed through untouched", f.Number)
		}
	}
}

// pageOf returns the number of the page whose text contains s, 0 if none.
func pageOf(d *page.Doc, s string) int {
	for _, p := range d.Pages {
		var b strings.Builder
		y := page.SP(-1)
		for _, t := range p.Texts {
			if t.Y != y {
				b.WriteByte(' ') // a new line
				y = t.Y
			}
			b.WriteString(t.S) // runs are cut at kerned pairs: no space between
		}
		if strings.Contains(strings.Join(strings.Fields(b.String()), " "), s) {
			return p.Number
		}
	}
	return 0
}

// anchorPage returns the page holding anchor name.
func anchorPage(d *page.Doc, name string) int {
	for _, p := range d.Pages {
		for _, a := range p.Anchors {
			if a.Name == name {
				return p.Number
			}
		}
	}
	return 0
}

// TestFigureFloats: a figure that does not fit in the space left goes to
// the top of the next page, and the text after it fills the gap.
func TestFigureFloats(t *testing.T) {
	p, d, _ := loadFixture(t)
	var compass *doc.Figure
	for _, f := range figures(p.Book) {
		if f.Image.Path == "images/compass.svg" {
			compass = f
		}
	}
	if compass == nil {
		t.Fatal("no compass figure")
	}
	fp, tp := anchorPage(d, compass.ID), pageOf(d, "Wind decides everything.")
	if fp == 0 || tp == 0 || fp <= tp {
		t.Fatalf("the compass figure is on page %d and the text after it starts on page %d; want the figure floated past it", fp, tp)
	}
	pg := d.Pages[fp-1]
	top := page.FromMM(p.Layout.Page.Top)
	if len(pg.Images) == 0 || pg.Images[0].Y != top {
		t.Errorf("the floated figure is not at the top of page %d", fp)
	}
}

// TestFigureWarnings: a picture printed below min_ppi is a warning naming
// its file, line and resolution; a decorative picture without alt text is
// not.
func TestFigureWarnings(t *testing.T) {
	_, _, warns := loadFixture(t)
	all := strings.Join(warns, "\n")
	if !strings.Contains(all, `02-weather.md:57: figure "images/sketch.png" prints at 36 ppi`) {
		t.Errorf("no resolution warning for the sketch:\n%s", all)
	}
	if strings.Contains(all, "alt text") {
		t.Errorf("a warning about alt text in a book where every picture has one or is decorative:\n%s", all)
	}
}

// TestFixtureEditions: the fixture's editions carry the pictures as they
// are (media types, alt text, captions) and two builds are byte-identical.
func TestFixtureEditions(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, err := publish.Build(publish.Options{BookDir: harbourDir, LayoutsDir: "../../layouts", OutDir: dir, Formats: []string{"epub", "pdf", "html"}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, ext := range []string{".epub", ".pdf", ".html"} {
		x, _ := os.ReadFile(filepath.Join(a, harbourSlug+ext))
		y, _ := os.ReadFile(filepath.Join(b, harbourSlug+ext))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: two builds differ", ext)
		}
	}
	files := epubFiles(t, filepath.Join(a, harbourSlug+".epub"))
	opf := string(files["EPUB/package.opf"])
	for _, want := range []string{
		`href="media/images/harbour.jpg" media-type="image/jpeg"`,
		`href="media/images/chart.png" media-type="image/png"`,
		`href="media/images/compass.svg" media-type="image/svg+xml"`,
		`<meta property="schema:accessibilityFeature">alternativeText</meta>`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("package document lacks %s", want)
		}
	}
	for _, name := range []string{"harbour.jpg", "compass.svg", "chart.png"} {
		src, _ := os.ReadFile(filepath.Join(harbourDir, "images", name))
		if !bytes.Equal(files["EPUB/media/images/"+name], src) {
			t.Errorf("%s is not stored untouched", name)
		}
	}
	var text strings.Builder
	for name, data := range files {
		if strings.HasPrefix(name, "EPUB/text/") {
			text.Write(data)
		}
	}
	for _, want := range []string{
		`<figure id="figure-1"><img src="../media/images/chart.png" alt="Bar chart of the catch landed each month`,
		`<figcaption>The catch landed each month, in tonnes, as the ledger records it.</figcaption></figure>`,
		`<figure class="decorative" id="figure-7"><img src="../media/images/chart.png" alt=""`,
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the e-book lacks %s", want)
		}
	}
	html, _ := os.ReadFile(filepath.Join(a, harbourSlug+".html"))
	for _, want := range []string{`<img src="data:image/jpeg;base64,`, `<img src="data:image/svg+xml;base64,`, `<figcaption>The two currents off the point, as the skippers draw them.</figcaption>`} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("the HTML edition lacks %s", want)
		}
	}
	pdf, _ := os.ReadFile(filepath.Join(a, harbourSlug+".pdf"))
	jpg, _ := os.ReadFile(filepath.Join(harbourDir, "images", "harbour.jpg"))
	if !bytes.Contains(pdf, jpg) {
		t.Errorf("the PDF does not carry the JPEG untouched")
	}
}

// TestCoverAspect: a cover picture of another shape than the page fills
// it with its proportions kept, cropped to the page, with warnings for the
// crop and the resolution.
func TestCoverAspect(t *testing.T) {
	book := t.TempDir()
	for _, f := range []string{"book.toml", slug + ".md"} {
		data, err := os.ReadFile(filepath.Join(bookDir, f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(book, f), data, 0o644)
	}
	pic := image.NewRGBA(image.Rect(0, 0, 600, 600)) // square, on an A5 page
	for i := range pic.Pix {
		pic.Pix[i] = 0x90
	}
	pic.Set(0, 0, color.RGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	png.Encode(&buf, pic)
	os.WriteFile(filepath.Join(book, "cover.png"), buf.Bytes(), 0o644)
	_, res := paginate(t, book)
	cover := res.Doc.Pages[0]
	if len(cover.Images) != 1 {
		t.Fatalf("cover page has %d pictures", len(cover.Images))
	}
	im := cover.Images[0]
	if im.W != im.H {
		t.Errorf("square cover placed %.2fx%.2f pt: stretched", page.ToPT(im.W), page.ToPT(im.H))
	}
	if im.H != res.Doc.Height || im.W < res.Doc.Width || im.X > 0 {
		t.Errorf("cover %.2fx%.2f at x=%.2f does not fill the %.2fx%.2f page", page.ToPT(im.W), page.ToPT(im.H), page.ToPT(im.X), page.ToPT(res.Doc.Width), page.ToPT(res.Doc.Height))
	}
	if c := im.Clip; c == nil || c.W != res.Doc.Width || c.H != res.Doc.Height {
		t.Errorf("cover not cropped to the page: clip %v", im.Clip)
	}
	var all []string
	for _, w := range res.Warnings {
		all = append(all, w.Error())
	}
	got := strings.Join(all, "\n")
	for _, want := range []string{"cover.png: the cover picture (600x600 px) is not the page's shape: 30% of it is cropped at the left and right", "cover.png: the cover prints at 73 ppi"} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
}

// TestSummaryCountsFigures checks what press check reports for the fixture:
// its seven figures and three tables.
func TestSummaryCountsFigures(t *testing.T) {
	p, err := publish.Load(publish.Options{BookDir: harbourDir, LayoutsDir: "../../layouts"})
	if err != nil {
		t.Fatal(err)
	}
	s := p.Summarise()
	if s.Figures != 7 || s.Tables != 3 {
		t.Errorf("summary counts %d figures and %d tables, want 7 and 3", s.Figures, s.Tables)
	}
}
