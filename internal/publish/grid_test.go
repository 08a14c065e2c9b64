package publish_test

import (
	"testing"

	"press/internal/page"
)

// TestBaselineGrid: every line of body text in the fixture stands on the
// page's baseline grid (the type area's top plus the body size, then
// every leading), on pages that open with a chapter heading as on the
// others, so facing pages line up.
func TestBaselineGrid(t *testing.T) {
	p, d, _ := loadFixture(t)
	l := p.Layout
	size, leading := page.FromPT(l.Text.Size), page.FromPT(l.Text.Leading)
	origin := page.FromMM(l.Page.Top) + size
	openings := 0
	for _, pg := range d.Pages {
		if pg.Role != "body" {
			continue
		}
		headingFirst := len(pg.Lines) > 0 && pg.Lines[0].Heading
		if headingFirst && pg.Lines[0].Size > size {
			openings++
		}
		for _, ln := range pg.Lines {
			if ln.Heading || ln.Size != size {
				continue
			}
			// Within a hundredth of a point: positions are rounded to
			// scaled points along the way.
			off := (ln.Y - origin) % leading
			if off > leading/2 {
				off -= leading
			}
			if off < -leading/2 {
				off += leading
			}
			if off > page.PT/100 || off < -page.PT/100 {
				t.Errorf("page %d (heading first: %v): line at %.2f pt is %.2f pt off the grid", pg.Number, headingFirst, page.ToPT(ln.Y), page.ToPT(off))
				break
			}
		}
	}
	if openings == 0 {
		t.Error("no page opens with a chapter heading: the test checks nothing it was written for")
	}
}
