package pdf

import (
	"strings"
	"testing"

	"press/internal/page"
)

// TestFillUnderText: a tint is painted in its colour, in a graphics state
// of its own (the text after it stays black), before the page's text, so
// it lies under the letters.
func TestFillUnderText(t *testing.T) {
	d := sample(t)
	pt := page.PT
	d.Pages[2].Fills = []page.Fill{{X: 40 * pt, Y: 80 * pt, W: 200 * pt, H: 30 * pt, R: 0xf3, G: 0xf1, B: 0xec}}
	found := false
	for _, s := range streams(t, write(t, d)) {
		i := strings.Index(s, "q 0.953 0.945 0.925 rg 40 485 200 30 re f Q\n")
		if i < 0 {
			continue
		}
		found = true
		if bt := strings.Index(s, "BT\n"); bt < i {
			t.Errorf("the tint is painted after the text:\n%s", s)
		}
	}
	if !found {
		t.Error("no tint in any content stream")
	}
}
