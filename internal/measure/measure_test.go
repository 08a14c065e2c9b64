package measure

import (
	"math"
	"strings"
	"testing"

	"press/internal/page"
)

// line is a justified line of n spaces, each em wide at 10 pt, at baseline y pt.
func line(em float64, n int, y page.SP) page.LineInfo {
	size := 10 * page.PT
	return page.LineInfo{Justified: true, Size: size, Space: page.SP(em * float64(size)), Spaces: n, Y: y * page.PT}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-4 }

func TestBook(t *testing.T) {
	hy := func(l page.LineInfo) page.LineInfo { l.HyphenEnd = true; return l }
	caps := func(l page.LineInfo) page.LineInfo { l.HyphenEnd, l.CapitalBroken = true, true; return l }
	last := page.LineInfo{Size: 10 * page.PT, Spaces: 3, Space: 2 * page.PT, Y: 400 * page.PT} // a paragraph's last line: not justified
	d := &page.Doc{Pages: []*page.Page{
		{Number: 1, Role: "title", Lines: []page.LineInfo{hy(line(0.9, 5, 100))}}, // not text: ignored
		{Number: 5, Role: "body", Lines: []page.LineInfo{line(0.25, 4, 100), hy(line(0.15, 2, 200)), hy(line(0.3, 2, 300)), last, hy(line(0.2, 1, 500))}},
		{Number: 6, Role: "body", Lines: []page.LineInfo{caps(line(0.55, 1, 100)), line(0.13, 2, 200), line(0.2, 2, 300)}},
		{Number: 7, Role: "body", Lines: []page.LineInfo{line(0.2, 2, 100), line(0.2, 2, 500)}},
		{Number: 8, Role: "notes", Lines: []page.LineInfo{hy(line(0.2, 3, 90))}},
	}}
	r := Book(d)
	if r.Pages != 4 || r.Lines != 11 || r.Justified != 10 || r.Gaps != 21 {
		t.Fatalf("pages %d lines %d justified %d gaps %d, want 4 11 10 21", r.Pages, r.Lines, r.Justified, r.Gaps)
	}
	// Gaps sorted: 0.13×2, 0.15×2, 0.2×(1+2+2+2+3), 0.25×4, 0.3×2, 0.55×1.
	if !near(r.GapP50, 0.2) || !near(r.GapMax, 0.55) {
		t.Errorf("median %v max %v, want 0.2 0.55", r.GapP50, r.GapMax)
	}
	// p95: position 19 of 0..20, between the two 0.3 gaps.
	if !near(r.GapP95, 0.3) {
		t.Errorf("p95 %v, want 0.3", r.GapP95)
	}
	if r.HyphenEnds != 5 || r.Ladder != 2 || r.CapitalBroken != 1 {
		t.Errorf("hyphens %d ladder %d capitals %d, want 5 2 1", r.HyphenEnds, r.Ladder, r.CapitalBroken)
	}
	if got := r.Below(0.16); got != 2 {
		t.Errorf("below 0.16: %d, want 2", got)
	}
	if got := r.Below(0.14); got != 1 {
		t.Errorf("below 0.14: %d, want 1", got)
	}
	if got := r.Above(0.5); got != 1 {
		t.Errorf("above 0.5: %d, want 1", got)
	}
	// Page 5 (recto) ends in a hyphen; page 8 does too but it is a verso.
	if r.FootHyphens != 2 || r.RectoFootHyphens != 1 || len(r.FootPages) != 2 || r.FootPages[0] != 5 || r.FootPages[1] != 8 {
		t.Errorf("feet %d recto %d pages %v, want 2 1 [5 8]", r.FootHyphens, r.RectoFootHyphens, r.FootPages)
	}
	// Body pages end at 500 except page 6 (300), which is not the last.
	if r.ShortPages != 1 {
		t.Errorf("short pages %d, want 1", r.ShortPages)
	}
	if !near(r.Share(r.HyphenEnds), 50) {
		t.Errorf("share %v, want 50", r.Share(r.HyphenEnds))
	}
	if s := r.String(); !strings.Contains(s, "hyphen-ended lines 5 (50.0%)") || !strings.Contains(s, "right-hand pages 1") {
		t.Errorf("report:\n%s", s)
	}
}

func TestEmpty(t *testing.T) {
	r := Book(&page.Doc{})
	if r.Justified != 0 || r.GapP95 != 0 || r.Share(3) != 0 || r.Below(1) != 0 {
		t.Errorf("empty book: %+v", r)
	}
}
