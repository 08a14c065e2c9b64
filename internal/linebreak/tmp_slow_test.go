package linebreak

import (
	"testing"
	"time"
)

func TestTmpSlow(t *testing.T) {
	// Many boxes, few breakpoints: the oracle's old worst case.
	data := []byte{0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 200}
	for i := 0; i < 480; i++ {
		if i%40 == 39 {
			data = append(data, 4, 3, 1, 5)
		} else {
			data = append(data, 0, 0)
		}
	}
	items, widths, p := decodeFuzz(data)
	lw := func(i int) int { return widths[min(i, len(widths)-1)] }
	t0 := time.Now()
	oracleExpect(items, lw, p)
	t.Log(len(items), legalCount(items), time.Since(t0))
	// Zero-width material with looseness: nothing is ever deactivated.
	for _, n := range []int{500, 2000} {
		var its []Item
		for i := 0; i < n; i++ {
			its = append(its, Item{Kind: Box}, Item{Kind: Glue})
		}
		its = append(its, Item{Kind: Glue, Stretch: FilStretch}, Item{Kind: Penalty, Penalty: -Infinity})
		for _, l := range []int{0, 1} {
			p := DefaultParams()
			p.Tolerance = 10000
			p.Looseness = l
			t0 = time.Now()
			res := Break(its, width(10), p)
			t.Log(n, l, time.Since(t0), res.Pass, len(res.Lines))
		}
	}
}
