package layout_test

import (
	"os"
	"testing"

	"press/internal/config"
	"press/internal/doc"
	"press/internal/fakefont"
	"press/internal/hyphen"
	"press/internal/layout"
	"press/internal/mdread"
	"press/internal/page"
	"press/internal/pass"
)

const fixture = `Opening text of the fixture book, long enough to wrap over several lines of a small page, with a note.[^a]

# A Section

First paragraph after the heading; it is not indented. AVAV kerned.

A second paragraph, indented, which goes on for a while so that the page fills and the break between pages has to respect widows and orphans: one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.

> A quotation set smaller and indented on both sides.[^b]

Article by Nobody
{.byline}

[^a]: The first note.
[^b]: The second note.
`

func fixtureDoc(t *testing.T) *page.Doc {
	t.Helper()
	res, err := mdread.Read("fixture.md", []byte(fixture))
	if err != nil {
		t.Fatal(err)
	}
	b, err := pass.Build(doc.Meta{Title: "Fixture", Authors: []string{"A. Writer"}, Language: "en", Publisher: "press tests"}, res.Blocks)
	if err != nil {
		t.Fatal(err)
	}
	l := config.DefaultLayout()
	l.Page = config.Page{Width: 100, Height: 120, Inner: 12, Outer: 10, Top: 14, Bottom: 16}
	l.Text.Size, l.Text.Leading = 10, 12
	faces := map[string]layout.Face{}
	for _, k := range []string{layout.Regular, layout.Italic, layout.Bold, layout.BoldItalic} {
		faces[k] = fakefont.Mono{}
	}
	out, err := layout.Paginate(b, layout.Options{Layout: &l, Fonts: layout.Fonts{Faces: faces, Data: map[string][]byte{layout.Regular: nil}}, Hyphenator: hyphen.Default()})
	if err != nil {
		t.Fatal(err)
	}
	return out.Doc
}

// TestGoldenPages compares the page model of a small fixture book, set in a
// fake fixed-width font, with testdata/fixture.pages (UPDATE_GOLDEN=1
// rewrites it).
func TestGoldenPages(t *testing.T) {
	got := page.Dump(fixtureDoc(t))
	golden := "testdata/fixture.pages"
	if os.Getenv("UPDATE_GOLDEN") != "" {
		os.WriteFile(golden, []byte(got), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (UPDATE_GOLDEN=1 creates it)", err)
	}
	if got != string(want) {
		t.Errorf("page model differs from %s; run with UPDATE_GOLDEN=1 and review the diff", golden)
	}
}
