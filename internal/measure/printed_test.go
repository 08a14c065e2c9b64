package measure

import (
	"fmt"
	"strings"
	"testing"
)

// bbox writes pdftotext -bbox-layout output for pages of lines; a line
// is its words as text, x0, x1 (pt) with a word height h.
type word struct {
	t      string
	x0, x1 float64
}

func bbox(h float64, pages ...[][]word) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">
<head><title>t &amp; u</title></head><body><doc>`)
	for _, p := range pages {
		b.WriteString(`<page width="400" height="600"><flow><block>`)
		for i, l := range p {
			b.WriteString("<line>")
			y := 100 + 20*float64(i)
			for _, w := range l {
				fmt.Fprintf(&b, `<word xMin="%f" yMin="%f" xMax="%f" yMax="%f">%s</word>`, w.x0, y, w.x1, y+h, w.t)
			}
			b.WriteString("</line>")
		}
		b.WriteString(`</block></flow></page>`)
	}
	b.WriteString("</doc></body></html>")
	return []byte(b.String())
}

// TestReadPrinted: with word boxes 14 pt high and a ratio of 1.4, an em
// is 10 pt. Lines ending at the page's right edge (300 pt) are
// justified; a gap after a full stop does not count; a line with a
// 40 pt gap is a leader line, not justified.
func TestReadPrinted(t *testing.T) {
	page1 := [][]word{
		{{"aa", 100, 140}, {"bb", 142, 180}, {"cc", 183, 300}},    // gaps 0.2, 0.3
		{{"dd.", 100, 150}, {"ee", 156, 200}, {"ff-", 205, 300}},  // 0.6 after a stop (left out), 0.5; ends in a hyphen
		{{"gg", 100, 150}, {"hh", 154, 200}, {"ii-", 206, 299.9}}, // 0.4, 0.6: loose; a hyphen again
		{{"jj", 100, 120}, {"kk", 122, 150}},                      // a paragraph's end: natural 0.2
		{{"Contents", 100, 150}, {"7", 290, 300}},                 // a 14 em gap: not justified
	}
	page2 := [][]word{
		{{"ll", 100, 150}, {"mm", 153, 200}, {"nn", 202.5, 300}}, // 0.3, 0.25
	}
	r, err := ReadPrinted(bbox(14, page1, page2), 1.4)
	if err != nil {
		t.Fatal(err)
	}
	if r.Lines != 6 || r.Justified != 4 || r.Gaps != 7 {
		t.Fatalf("lines %d justified %d gaps %d, want 6 4 7", r.Lines, r.Justified, r.Gaps)
	}
	// Gaps sorted: 0.2 0.25 0.3 0.3 0.4 0.5 0.6.
	if !near(r.GapP50, 0.3) || !near(r.GapMax, 0.6) || !near(r.GapP95, 0.57) {
		t.Errorf("median %v p95 %v max %v, want 0.3 0.57 0.6", r.GapP50, r.GapP95, r.GapMax)
	}
	if r.Loose != 1 || r.HyphenEnds != 2 || r.HyphenPairs != 1 || r.Ladder != 2 {
		t.Errorf("loose %d hyphens %d pairs %d ladder %d, want 1 2 1 2", r.Loose, r.HyphenEnds, r.HyphenPairs, r.Ladder)
	}
	// The lines not justified have gaps of 0.2 (jj kk) and 14 (the
	// leader): median 7.1.
	if !near(r.Natural, 7.1) {
		t.Errorf("natural %v, want 7.1", r.Natural)
	}
	if _, err := ReadPrinted([]byte("<html><body><doc><page>"), 1.4); err == nil {
		t.Error("truncated word boxes read without an error")
	}
}

// TestFontRatio reads font descriptors as poppler does: the regular
// text face's (Ascent − Descent)/1000, bold and italic faces left out,
// a missing Descent taken as −0.35 em.
func TestFontRatio(t *testing.T) {
	js := `{"version":2,"qpdf":[{"jsonversion":2},{
	"obj:1 0 R":{"value":{"/Type":"/FontDescriptor","/FontName":"/ABCDEF+Vollkorn-Regular","/Ascent":952,"/Descent":-441}},
	"obj:2 0 R":{"value":{"/Type":"/FontDescriptor","/FontName":"/GHIJKL+Vollkorn-Italic","/Ascent":900,"/Descent":-300}},
	"obj:3 0 R":{"value":{"/Type":"/FontDescriptor","/FontName":"/MNOPQR+Serif","/Ascent":800}},
	"obj:4 0 R":{"value":{"/Type":"/Page"}},
	"trailer":{"value":{"/Size":5}}}]}`
	r, err := FontRatio([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	// Median of 1.393 and 0.8 + 0.35.
	if !near(r, (1.393+1.15)/2) {
		t.Errorf("ratio %v, want %v", r, (1.393+1.15)/2)
	}
	if _, err := FontRatio([]byte(`{"qpdf":[{},{}]}`)); err == nil {
		t.Error("no font descriptor: no error")
	}
}
