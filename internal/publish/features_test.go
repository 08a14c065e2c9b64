package publish_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"press/internal/font"
	"press/internal/layout"
	"press/internal/publish"
)

// featuresBook writes a book whose layout gives body text old-style
// figures and tables lining ones.
func featuresBook(t *testing.T, features string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"book.toml": `title = "Figures"
authors = ["A. Writer"]
language = "en"
identifier = "urn:uuid:0b6f3c1e-2d4a-4f5b-8c7d-9e0f1a2b3c4d"
date = "2026-01-01"
layout = "figures"
`,
		"01.md":                "# Counting\n\nThe year 1234 was long.\n\n| Year | Count |\n|---|---|\n| 1234 | 5678 |\n",
		"layouts/figures.toml": "[fonts]\nregular = \"Vollkorn-Regular.ttf\"\nitalic = \"Vollkorn-Italic.ttf\"\nbold = \"Vollkorn-Bold.ttf\"\nbold_italic = \"Vollkorn-BoldItalic.ttf\"\n\n" + features,
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFeaturesPerStyle: "onum" for the body and "lnum" for tables draw
// "1234" with different glyphs in the page model, each as its face's
// shaper gives them; the e-book sets the same features on its elements.
func TestFeaturesPerStyle(t *testing.T) {
	dir := featuresBook(t, "[features]\nbody = [\"onum\"]\ntables = [\"lnum\"]\n")
	p, err := publish.Load(publish.Options{BookDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Paginate()
	if err != nil {
		t.Fatal(err)
	}
	glyphs := map[string]string{} // face key → glyphs of "1234"
	for _, pg := range res.Doc.Pages {
		for _, tx := range pg.Texts {
			if strings.Contains(tx.S, "1234") && pg.Role == "body" {
				face, ok := p.Fonts.Faces[tx.Font].(*font.Face)
				if !ok {
					t.Fatalf("text %q in face %q, not a font", tx.S, tx.Font)
				}
				glyphs[tx.Font] = fmt.Sprint(face.Shape("1234"))
			}
		}
	}
	body, table := glyphs[layout.StyledKey(layout.Regular, layout.StyleBody)], glyphs[layout.StyledKey(layout.Regular, layout.StyleTables)]
	if body == "" || table == "" {
		t.Fatalf("1234 not drawn in both the body's and the tables' faces: %v", glyphs)
	}
	if body == table {
		t.Errorf("onum in the body and lnum in tables draw 1234 alike: %s", body)
	}
	plain, err := font.Open(p.Fonts.Data[layout.Regular], 0, []string{"onum"})
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprint(plain.Shape("1234")); body != want {
		t.Errorf("body 1234 is %s, want Vollkorn's old-style figures %s", body, want)
	}
	lining, _ := font.Open(p.Fonts.Data[layout.Regular], 0, []string{"lnum"})
	if want := fmt.Sprint(lining.Shape("1234")); table != want {
		t.Errorf("table 1234 is %s, want Vollkorn's lining figures %s", table, want)
	}

	// The e-book: font-feature-settings for the body and the tables, and
	// fonts that keep both sets of figures.
	out := t.TempDir()
	if _, err := publish.Build(publish.Options{BookDir: dir, OutDir: out, Formats: []string{"epub"}}); err != nil {
		t.Fatal(err)
	}
	files := epubFiles(t, filepath.Join(out, "figures.epub"))
	css := string(files["EPUB/css/book.css"])
	for _, rule := range []string{"body {\n\tfont-feature-settings: \"onum\" 1;\n}", "table {\n\tfont-feature-settings: \"lnum\" 1;\n}"} {
		if !strings.Contains(css, rule) {
			t.Errorf("the e-book's stylesheet lacks\n%s", rule)
		}
	}
	for name, data := range files {
		if !strings.HasSuffix(name, "Regular.ttf") {
			continue
		}
		cut, err := font.Open(data, 0, []string{"onum"})
		if err != nil {
			t.Fatal(err)
		}
		lin, _ := font.Open(data, 0, []string{"lnum"})
		if fmt.Sprint(cut.Shape("1234")) == fmt.Sprint(lin.Shape("1234")) {
			t.Errorf("%s draws 1234 alike with onum and lnum: a set of figures is missing", name)
		}
	}
}

// TestFeaturesUnknownTag: a tag that is no OpenType feature is an error
// naming the layout file and line.
func TestFeaturesUnknownTag(t *testing.T) {
	dir := featuresBook(t, "[features]\nbody = [\"onum\"]\ntables = [\"lnmu\"]\n")
	_, err := publish.Load(publish.Options{BookDir: dir})
	if err == nil {
		t.Fatal("an unknown feature tag was accepted")
	}
	if msg := err.Error(); !strings.Contains(msg, "figures.toml:9") || !strings.Contains(msg, `"lnmu"`) {
		t.Errorf("error %q does not name figures.toml:9 and the tag", msg)
	}
}
