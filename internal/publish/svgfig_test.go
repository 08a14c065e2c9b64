package publish_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"press/internal/page"
)

// TestSVGVectors: the fixture's SVG figures reach the PDF as vectors; a
// picture with a construct press cannot draw is a warning naming the
// figure's file and line and the construct with its line in the SVG, and
// the rest of it is drawn as vectors, its other text as text.
func TestSVGVectors(t *testing.T) {
	_, d, _ := loadFixture(t)
	vectors := 0
	for _, p := range d.Pages {
		for _, im := range p.Images {
			if im.Type == "svg" {
				vectors++
			}
		}
	}
	if vectors != 3 {
		t.Errorf("%d SVG pictures drawn as vectors in the fixture, want 3 (two figures, one inline)", vectors)
	}

	book := t.TempDir()
	toml, err := os.ReadFile(filepath.Join(harbourDir, "book.toml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(book, "book.toml"), toml, 0o644)
	os.WriteFile(filepath.Join(book, "label.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">
<rect width="200" height="100" fill="#ddd"/>
<text x="10" y="50"><textPath href="#p">Harbour</textPath></text>
<text x="10" y="90">Ledger</text>
</svg>`), 0o644)
	os.WriteFile(filepath.Join(book, "one.md"), []byte("# One\n\nSome text.\n\n![A grey label](label.svg \"A label.\")\n\nMore text.\n"), 0o644)
	_, res := paginate(t, book)
	var all []string
	for _, w := range res.Warnings {
		all = append(all, w.Error())
	}
	got := strings.Join(all, "\n")
	want := `one.md:5: figure "label.svg": press cannot draw <textPath> in <text> (line 3), and prints the picture without it; redraw the picture without it, or have the drawing program turn it into plain paths`
	if !strings.Contains(got, want) {
		t.Errorf("warnings lack %q:\n%s", want, got)
	}
	types, text := "", ""
	for _, pg := range res.Doc.Pages {
		for _, im := range pg.Images {
			types += im.Type
			for _, tx := range im.Texts {
				text += tx.S
			}
		}
	}
	if types != "svg" || text != "Ledger" {
		t.Errorf("the picture with a text path is drawn as %q with the text %q, want svg with the text Ledger", types, text)
	}
}

// TestInlineImageOnLine: the fixture's inline picture stands on the
// baseline of its line, as tall as the capitals of the text, its
// proportions kept, between the words around it.
func TestInlineImageOnLine(t *testing.T) {
	p, d, _ := loadFixture(t)
	size := p.Layout.Text.Size
	var found bool
	for _, pg := range d.Pages {
		for _, im := range pg.Images {
			if im.H > page.FromPT(size) {
				continue
			}
			found = true
			if im.Type != "svg" {
				t.Errorf("the inline anchor is drawn as %s, want svg", im.Type)
			}
			// Vollkorn's capitals are 0.65 to 0.7 em tall.
			if h := page.ToPT(im.H) / size; h < 0.6 || h > 0.72 {
				t.Errorf("inline picture %.2f em tall, want the cap height", h)
			}
			if r := float64(im.W) / float64(im.H); math.Abs(r/(24.0/28)-1) > 0.001 {
				t.Errorf("inline picture %.4f wide to high, the picture is %.4f", r, 24.0/28)
			}
			var before, after string
			for _, tx := range pg.Texts {
				if tx.Y != im.Y+im.H {
					continue
				}
				if tx.X < im.X {
					before = tx.S
				} else {
					after += tx.S
				}
			}
			if !strings.HasSuffix(before, "anchor, ") && !strings.HasSuffix(before, "anchor,") || !strings.HasPrefix(after, ", drawn") {
				t.Errorf("inline picture on page %d not between \"anchor,\" and \", drawn\" on its baseline: %q | %q", pg.Number, before, after)
			}
		}
	}
	if !found {
		t.Fatal("no inline picture in the fixture")
	}
}

// TestNoFloatOnlyPages: the fixture's floats (a tall tower, a chart, a
// sketch and a table within a few paragraphs) join the text on its pages
// rather than leave a page of pictures alone at the chapter's end.
func TestNoFloatOnlyPages(t *testing.T) {
	_, d, _ := loadFixture(t)
	for _, pg := range d.Pages {
		if pg.Role == "body" && len(pg.Images) > 0 && len(pg.Lines) == 0 {
			t.Errorf("page %d holds pictures and no text", pg.Number)
		}
	}
}
