package publish_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"press/internal/font"
	"press/internal/layout"
	"press/internal/publish"
)

// fallbackBook is a short book whose text has a Hebrew word, which
// Vollkorn lacks and the fallback face (DejaVu Sans) has.
const fallbackBook = "# Words\n\nHe wrote the word שלום, which means peace, on the wall.\n"

// TestFallbackFace: the Hebrew word is set in the fallback face in print,
// right to left inside the English line (pdftotext, which reads glyphs in
// the order they are drawn and applies the bidirectional algorithm, gives
// it back in reading order), and the e-book embeds the fallback face cut
// down to the four letters, declared for exactly those characters under
// the body family.
func TestFallbackFace(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	os.MkdirAll(book, 0o755)
	os.WriteFile(filepath.Join(book, "book.toml"), []byte(`title = "Words"
authors = ["A. Writer"]
language = "en"
identifier = "urn:uuid:5b0c7a3e-1f2d-4c5b-9e8f-0a1b2c3d4e5f"
date = "2026-01-01"
`), 0o644)
	os.WriteFile(filepath.Join(book, "words.md"), []byte(fallbackBook), 0o644)
	p, err := publish.Load(publish.Options{BookDir: book, LayoutsDir: "../../layouts"})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range p.Warns {
		t.Errorf("warning: %v", w)
	}
	res, err := p.Paginate()
	if err != nil {
		t.Fatal(err)
	}
	var hebrew, comma bool
	for _, pg := range res.Doc.Pages {
		for _, tx := range pg.Texts {
			if strings.Contains(tx.S, "שלום") {
				hebrew = tx.Font == layout.FallbackKey(0) && strings.TrimSpace(tx.S) == "שלום"
			}
			if strings.HasPrefix(tx.S, ",") {
				comma = tx.Font == layout.Regular
			}
		}
	}
	if !hebrew || !comma {
		t.Errorf("want the Hebrew word alone in the fallback face (%v) and the comma after it in the body face (%v)", hebrew, comma)
	}

	out := filepath.Join(dir, "dist")
	if _, err := publish.Build(publish.Options{BookDir: book, LayoutsDir: "../../layouts", OutDir: out, Formats: []string{"epub", "pdf"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command("pdftotext", filepath.Join(out, "words.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(txt), "שלום") {
			t.Errorf("pdftotext does not give the word back in reading order:\n%s", txt)
		}
	}
	zr, err := zip.OpenReader(filepath.Join(out, "words.epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	css := string(files["EPUB/css/book.css"])
	if !strings.Contains(css, "font-family: \"Vollkorn\";\n\tfont-style: normal;\n\tfont-weight: 400;\n\tsrc: url(\"../fonts/DejaVuSans.ttf\") format(\"truetype\");\n\tunicode-range: U+05D5, U+05DC, U+05DD, U+05E9;") {
		t.Errorf("book.css does not declare the fallback face for the Hebrew letters:\n%s", css)
	}
	sub := files["EPUB/fonts/DejaVuSans.ttf"]
	f, err := font.Parse(sub)
	if err != nil {
		t.Fatalf("the e-book's fallback face: %v", err)
	}
	for _, r := range "שלום" {
		if !f.HasGlyph(r) {
			t.Errorf("the e-book's fallback face has no %q", r)
		}
	}
	if f.HasGlyph('e') || len(sub) > 40000 {
		t.Errorf("the e-book's fallback face is not cut down to the Hebrew letters (%d bytes)", len(sub))
	}
	if !bytes.Contains(files["EPUB/package.opf"], []byte(`href="fonts/DejaVuSans.ttf"`)) {
		t.Errorf("the package does not list the fallback face")
	}
}

// TestRightToLeftPhrase: a phrase of several Hebrew words (and a number
// among them) inside an English line is drawn with its first word at
// the right (the bidirectional algorithm's reordering of a line), each
// word's letters right to left, the number's digits left to right; the
// English words around it stay in place; pdftotext, which applies the
// algorithm to what it reads, gives a phrase of words back in reading
// order (a number inside one splits it there: poppler's reading, not the
// page's).
func TestRightToLeftPhrase(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	os.MkdirAll(book, 0o755)
	os.WriteFile(filepath.Join(book, "book.toml"), []byte(`title = "Motto"
authors = ["A. Writer"]
language = "en"
identifier = "urn:uuid:5b0c7a3e-1f2d-4c5b-9e8f-0a1b2c3d4e60"
date = "2026-01-01"
`), 0o644)
	os.WriteFile(filepath.Join(book, "motto.md"), []byte("# Motto\n\nThe motto חסד ואמת 18 שלום was painted over the door.\n\nHe said חסד ואמת שלום to them.\n"), 0o644)
	_, res := paginate(t, book)
	x := map[string]float64{}
	for _, pg := range res.Doc.Pages {
		for _, tx := range pg.Texts {
			for _, w := range []string{"motto", "חסד", "ואמת", "18", "שלום", "was"} {
				if strings.Contains(tx.S, w) {
					if _, seen := x[w]; seen {
						continue // the second paragraph
					}
					// Where the word starts: the run's x plus a share
					// of its width by characters is enough to order
					// words that are apart.
					i := strings.Index(tx.S, w)
					x[w] = float64(tx.X) + float64(len([]rune(tx.S[:i])))*float64(tx.Size)/4
				}
			}
		}
	}
	if len(x) != 6 {
		t.Fatalf("words found at %v", x)
	}
	order := []string{"motto", "שלום", "18", "ואמת", "חסד", "was"}
	for i := 1; i < len(order); i++ {
		if x[order[i-1]] >= x[order[i]] {
			t.Errorf("%q (x %.0f) is not left of %q (x %.0f); want, left to right, %q", order[i-1], x[order[i-1]], order[i], x[order[i]], order)
		}
	}
	out := filepath.Join(dir, "dist")
	if _, err := publish.Build(publish.Options{BookDir: book, LayoutsDir: "../../layouts", OutDir: out, Formats: []string{"pdf"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command("pdftotext", filepath.Join(out, "motto.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		// poppler marks the stretches it reversed with embedding
		// controls (U+202A–U+202E) and moves the spaces at their ends:
		// the words' order is what is compared.
		plain := strings.Map(func(r rune) rune {
			if r >= 0x202a && r <= 0x202e || r == ' ' {
				return -1
			}
			return r
		}, string(txt))
		if !strings.Contains(plain, "Hesaidחסדואמתשלוםtothem") {
			t.Errorf("pdftotext does not give the phrase back in reading order:\n%s", txt)
		}
	}
}
