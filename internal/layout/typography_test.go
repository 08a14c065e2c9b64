package layout_test

import (
	"testing"

	"press/internal/measure"
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
			check("gap p95, em", r.GapP95, 0.42)
			check("gap max, em", r.GapMax, 0.55)
			check("lines with a space over 0.5 em", float64(r.Above(0.5)), 0)
			check("longest run of hyphens", float64(r.Ladder), 2)
			check("capitalised words broken", float64(r.CapitalBroken), 0)
			if r.FootHyphens > 0 {
				t.Errorf("pages %v end in a hyphen", r.FootPages)
			}
		})
	}
}
