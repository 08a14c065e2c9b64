package publish_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"press/internal/layout"
	"press/internal/page"
	"press/internal/publish"
)

// svgInEPUB checks that the e-book keeps the diagram as SVG, with its
// text, but without the external DTD EPUB 3 forbids, and that EPUBCheck
// (when installed: make test installs it) passes the book.
func svgInEPUB(t *testing.T, file string) {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	found := false
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".svg") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		found = true
		if bytes.Contains(data, []byte("<!DOCTYPE")) || !bytes.Contains(data, []byte(`<text text-anchor="middle"`)) {
			t.Errorf("%s: want the drawing with its text and without its doctype:\n%.300s", f.Name, data)
		}
	}
	if !found {
		t.Fatal("no SVG in the e-book")
	}
	const jar = "/usr/share/java/epubcheck.jar"
	java, err := exec.LookPath("java")
	if _, serr := os.Stat(jar); err != nil || serr != nil {
		t.Log("EPUBCheck not installed (make test installs it): not run")
		return
	}
	if out, err := exec.Command(java, "-jar", jar, "--failonwarnings", file).CombinedOutput(); err != nil {
		t.Errorf("epubcheck: %v\n%s", err, out)
	}
}

// TestSVGText: a diagram as Graphviz writes it, labels in <text>, is
// drawn as vectors with its labels as text in the book's faces: Times in
// the body faces (italic in the italic face), a bold Courier label in
// the code face made bold, Helvetica in the sans-serif fallback face;
// each label placed by its anchor (a middle-anchored label centred on
// its point, an end-anchored one ending there); and pdftotext finds the
// words in the PDF.
func TestSVGText(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	os.MkdirAll(book, 0o755)
	toml, err := os.ReadFile(filepath.Join(harbourDir, "book.toml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(book, "book.toml"), toml, 0o644)
	gv, err := os.ReadFile("../svg/testdata/graphviz.svg")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(book, "graph.svg"), gv, 0o644)
	os.WriteFile(filepath.Join(book, "one.md"), []byte("# One\n\nSome text.\n\n![The ledger and the tide](graph.svg \"Ledger and tide.\")\n\nMore text.\n"), 0o644)
	_, res := paginate(t, book)
	for _, w := range res.Warnings {
		t.Errorf("warning: %v", w)
	}
	var pic *page.Image
	for _, pg := range res.Doc.Pages {
		for i := range pg.Images {
			if pg.Images[i].Type == "svg" {
				pic = &pg.Images[i]
			}
		}
	}
	if pic == nil {
		t.Fatal("the diagram is not drawn as vectors")
	}
	faces := map[string]page.Font{}
	for _, f := range res.Doc.Fonts {
		faces[f.Name] = f
	}
	width := func(r page.ImageText) float64 {
		f := faces[r.Font].Face
		if f == nil {
			t.Fatalf("no face %q", r.Font)
		}
		return float64(f.Width(r.S)) / float64(f.UnitsPerEm()) * r.Size
	}
	runs := map[string]page.ImageText{}
	for _, r := range pic.Texts {
		runs[r.S] = r
	}
	for _, c := range []struct {
		s, font       string
		embolden      bool
		anchor, at, y float64 // anchor 0: start, 0.5: middle, 1: end
	}{
		{"ledger", layout.Regular, false, 0, 30.7, -88.8},
		{"entries", layout.Regular, false, 0.5, 52, -69.8},
		{"tide", layout.Italic, false, 0.5, 180, -79.8},
		{"3", layout.Mono, true, 0.5, 120, -90.8},
		{"crew", layout.FallbackKey(0), false, 1, 214, -21.8},
	} {
		r, ok := runs[c.s]
		if !ok {
			t.Errorf("no run %q in %+v", c.s, pic.Texts)
			continue
		}
		if r.Font != c.font || r.Embolden != c.embolden || r.Y != c.y {
			t.Errorf("%q: font %q embolden %v y %v, want %q %v %v", c.s, r.Font, r.Embolden, r.Y, c.font, c.embolden, c.y)
		}
		w := width(r)
		switch {
		case c.anchor > 0:
			if got := r.X + c.anchor*w; got < c.at-1e-6 || got > c.at+1e-6 {
				t.Errorf("%q: anchor point at %.6f, want %.6f", c.s, got, c.at)
			}
		case r.X > c.at:
			t.Errorf("%q: starts at %.4f, after its start %.4f", c.s, r.X, c.at)
		}
		// "ledger" in Times at 14, the room Graphviz made for it, is
		// 34.986 wide: wider, it keeps the centre of that room.
		if c.s == "ledger" {
			const room = 2.499 * 14
			if w > room {
				if got := r.X + w/2; got < c.at+room/2-1e-6 || got > c.at+room/2+1e-6 {
					t.Errorf("%q (%.3f wide) centred at %.6f, want %.6f", c.s, w, got, c.at+room/2)
				}
			} else if r.X != c.at {
				t.Errorf("%q starts at %.6f, want %.6f", c.s, r.X, c.at)
			}
			if w > room*1.05 {
				t.Errorf("%q is %.2f wide: the drawing's text is not scaled to its room (%.2f)", c.s, w, room)
			}
		}
	}

	out := filepath.Join(dir, "dist")
	if _, err := publish.Build(publish.Options{BookDir: book, LayoutsDir: "../../layouts", OutDir: out, Formats: []string{"epub", "pdf"}}); err != nil {
		t.Fatal(err)
	}
	svgInEPUB(t, filepath.Join(out, "the-harbour-ledger.epub"))
	pdf, err := os.ReadFile(filepath.Join(out, "the-harbour-ledger.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`/Subtype/Image`).Match(pdf) {
		t.Error("the PDF holds an image: the diagram was rasterised")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (make deps installs it)")
	}
	txt, err := exec.Command("pdftotext", filepath.Join(out, "the-harbour-ledger.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"ledger", "entries", "tide", "crew"} {
		if !regexp.MustCompile(`\b` + w + `\b`).Match(txt) {
			t.Errorf("pdftotext does not find %q:\n%s", w, txt)
		}
	}
	if strings.Count(string(txt), "Ledger and tide.") != 1 {
		t.Errorf("caption not found once:\n%s", txt)
	}
}

// TestInlineImageAltText: an inline picture reads as its alternative
// text in the PDF's text (ActualText over an invisible space as wide as
// the picture), so a search or a screen reader finds the sentence
// whole.
func TestInlineImageAltText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (make deps installs it)")
	}
	out := t.TempDir()
	if _, err := publish.Build(publish.Options{BookDir: harbourDir, LayoutsDir: "../../layouts", OutDir: out, Formats: []string{"pdf"}}); err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command("pdftotext", filepath.Join(out, "the-harbour-ledger.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`a\s+small\s+anchor,\s+an\s+anchor,\s+drawn`).Match(txt) {
		t.Errorf("pdftotext does not read the inline picture as its alt text:\n%s", txt)
	}
}
