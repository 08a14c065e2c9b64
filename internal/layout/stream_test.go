package layout_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"press/internal/hyphen"
	"press/internal/layout"
	"press/internal/page"
	"press/internal/publish"
	"press/internal/testbook"
)

// TestStreamedPagesAsWhole: the pages broken while the vertical list is
// still being set, a block at a time, are those of breaking the whole list
// at once, in a layout that runs sections on and in one that starts each
// on a new right-hand page, with notes, figures and tables (floats and
// repeated table heads) and paragraphs set again to keep hyphens off page
// feet.
func TestStreamedPagesAsWhole(t *testing.T) {
	md, err := os.ReadFile("../../book/the-great-leap-forward.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "book")
	o := testbook.Options{Words: 30000, NoteEvery: 300, FigureEvery: 2500, TableEvery: 4000, Chapters: 6, Seed: 5, Vocabulary: testbook.SampleTokens(string(md))}
	if err := testbook.Write(dir, o); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a5", "trade-6x9"} {
		t.Run(name, func(t *testing.T) {
			p, err := publish.Load(publish.Options{BookDir: dir, LayoutsDir: "../../layouts", Layout: name})
			if err != nil {
				t.Fatal(err)
			}
			opts := layout.Options{Layout: p.Layout, Fonts: p.Fonts, Hyphenator: hyphen.Default()}
			streamed, err := layout.Paginate(p.Book, opts)
			if err != nil {
				t.Fatal(err)
			}
			whole, err := layout.PaginateWhole(p.Book, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(whole.Doc.Pages) < 60 {
				t.Fatalf("only %d pages: too few to test", len(whole.Doc.Pages))
			}
			if got, want := page.Dump(streamed.Doc), page.Dump(whole.Doc); got != want {
				t.Errorf("streamed pages differ from the whole list's:\n%s", firstDiff(got, want))
			}
			if got, want := fmt.Sprint(streamed.PageStarts), fmt.Sprint(whole.PageStarts); got != want {
				t.Errorf("page starts differ")
			}
			if streamed.Pages != len(whole.Doc.Pages) {
				t.Errorf("Pages = %d, want %d", streamed.Pages, len(whole.Doc.Pages))
			}
		})
	}
}

// firstDiff shows the first line where two dumps part.
func firstDiff(a, b string) string {
	la, lb := splitLines(a), splitLines(b)
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}

func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		out = append(out, s[:i])
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}
