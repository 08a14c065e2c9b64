package layout_test

import (
	"testing"

	"press/internal/hyphen"
	"press/internal/layout"
	"press/internal/page"
	"press/internal/publish"
)

// nothing is a Sink that keeps no page.
type nothing struct{}

func (nothing) Begin(*page.Doc) error { return nil }
func (nothing) Page(*page.Page) error { return nil }

// BenchmarkArticleLayout sets the article's print edition in each of
// three layouts, pages discarded: the layout's share of a build. The book
// and its fonts are loaded afresh for every run, outside the timing, so
// that what the faces remember of shaped text does not carry over (a
// build shapes with new faces).
func BenchmarkArticleLayout(b *testing.B) {
	for _, name := range []string{"a5", "a4", "garamond"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				p, err := publish.Load(publish.Options{BookDir: "../../book", LayoutsDir: "../../layouts", Layout: name})
				if err != nil {
					b.Fatal(err)
				}
				h := hyphen.Default()
				h.AddExceptions(p.Layout.Hyphenation.Exceptions...)
				o := layout.Options{Layout: p.Layout, Fonts: p.Fonts, Hyphenator: h}
				b.StartTimer()
				if _, err := layout.Stream(p.Book, o, nothing{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
