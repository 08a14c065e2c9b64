package layout_test

import (
	"os"
	"path/filepath"
	"testing"

	"press/internal/hyphen"
	"press/internal/layout"
	"press/internal/measure"
	"press/internal/publish"
	"press/internal/testbook"
)

// TestArticleTypography holds the article, in every shipped layout, to
// the typographic bounds of a good book face: few hyphens, no squeezed or
// very loose lines, even spacing, no capitalised word broken and no page
// foot ending in a hyphen. The figures are read from the page model
// (internal/measure), as a reader of the printed page would count them.
func TestArticleTypography(t *testing.T) {
	for _, name := range layouts(t) {
		t.Run(name, func(t *testing.T) {
			r := measure.Book(paginate(t, name).Doc)
			t.Logf("%s\n%s", name, r)
			if r.Justified < 150 {
				t.Fatalf("only %d justified lines measured", r.Justified)
			}
			check := func(what string, got, limit float64) {
				t.Helper()
				if got > limit {
					t.Errorf("%s: %.3f, limit %.3f", what, got, limit)
				}
			}
			check("hyphen-ended lines, % of justified", r.Share(r.HyphenEnds), 12)
			check("lines with spaces below 0.16 em, %", r.Share(r.Below(0.16)), 2)
			check("gap p95, em", r.GapP95, 0.38)
			// The widest space of a good book face is 0.45 em.
			check("gap max, em", r.GapMax, 0.45)
			check("lines with a space over 0.5 em", float64(r.Above(0.5)), 0)
			check("longest run of hyphens", float64(r.Ladder), 2)
			check("capitalised words broken", float64(r.CapitalBroken), 0)
			if r.FootHyphens > 0 {
				t.Errorf("pages %v end in a hyphen", r.FootPages)
			}
		})
	}
}

// TestNoHyphenAtPageFoot sets the article on pages of many heights, so
// that the page breaks fall on every kind of line: no right-hand page may
// end in a hyphen (the word would be finished only after the leaf is
// turned), and a left-hand one only where neither setting the paragraph
// again nor moving a line over can help.
func TestNoHyphenAtPageFoot(t *testing.T) {
	p, err := publish.Load(publish.Options{BookDir: "../../book", LayoutsDir: "../../layouts"})
	if err != nil {
		t.Fatal(err)
	}
	pages, hyphens, versos := 0, 0, 0
	for h := 150.0; h <= 260; h += 5 {
		l := *p.Layout
		l.Page.Height = h
		res, err := layout.Paginate(p.Book, layout.Options{Layout: &l, Fonts: p.Fonts, Hyphenator: hyphen.Default()})
		if err != nil {
			t.Fatal(err)
		}
		r := measure.Book(res.Doc)
		if r.RectoFootHyphens > 0 {
			t.Errorf("page height %g mm: pages %v end in a hyphen", h, r.FootPages)
		}
		pages += r.Pages
		hyphens += r.HyphenEnds
		versos += r.FootHyphens - r.RectoFootHyphens
	}
	// With some 9% of lines hyphenated, chance alone would end a tenth of
	// these pages in a hyphen.
	if pages < 200 || hyphens < 400 {
		t.Errorf("only %d pages and %d hyphenated lines set", pages, hyphens)
	}
	if versos > pages/100 {
		t.Errorf("%d of %d pages end in a hyphen", versos, pages)
	}
	t.Logf("%d pages, %d hyphenated lines, %d left-hand pages ending in a hyphen", pages, hyphens, versos)
}

// BenchmarkLongBookTypography sets cmd/genbook's 500,000-word book (a note
// every 300 words) in the default layout and reports its typography
// (make bench prints the figures), failing when a bound of a good book
// face is broken: hyphen-ended lines at most 10%, spaces below 0.14 em on
// at most 0.5% of the lines, over 0.5 em on at most 0.3%, gap p95 0.38 em
// and max 0.62 em, capitalised words broken on at most 0.1% of the lines,
// no ladder longer than 2 and no right-hand page ending in a hyphen.
func BenchmarkLongBookTypography(b *testing.B) {
	md, err := os.ReadFile("../../book/the-great-leap-forward.md")
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "long")
	if err := testbook.Write(dir, testbook.Options{Words: 500000, NoteEvery: 300, Seed: 1, Vocabulary: testbook.SampleTokens(string(md))}); err != nil {
		b.Fatal(err)
	}
	p, err := publish.Load(publish.Options{BookDir: dir, LayoutsDir: "../../layouts"})
	if err != nil {
		b.Fatal(err)
	}
	h := hyphen.Default()
	h.AddExceptions(p.Layout.Hyphenation.Exceptions...)
	o := layout.Options{Layout: p.Layout, Fonts: p.Fonts, Hyphenator: h}
	b.ResetTimer()
	var r *measure.Report
	for i := 0; i < b.N; i++ {
		res, err := layout.Paginate(p.Book, o)
		if err != nil {
			b.Fatal(err)
		}
		r = measure.Book(res.Doc)
	}
	b.StopTimer()
	b.Logf("500,000 words, %s:\n%s", p.Layout.Name, r)
	report := func(v float64, unit string, limit float64) {
		b.ReportMetric(v, unit)
		if v > limit {
			b.Errorf("%s: %.3f, limit %.3f", unit, v, limit)
		}
	}
	report(r.Share(r.HyphenEnds), "hyphen-%", 10)
	report(r.Share(r.Below(0.14)), "below0.14em-%", 0.5)
	report(r.Share(r.Above(0.5)), "over0.5em-%", 0.3)
	report(r.GapP95, "gap-p95-em", 0.38)
	report(r.GapMax, "gap-max-em", 0.62)
	report(r.Share(r.CapitalBroken), "caps-broken-%", 0.1)
	report(float64(r.Ladder), "ladder", 2)
	report(float64(r.RectoFootHyphens), "recto-foot-hyphens", 0)
}
