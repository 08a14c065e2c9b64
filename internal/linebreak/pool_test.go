package linebreak

import (
	"reflect"
	"testing"
)

// TestReusedBreakerForgets breaks paragraphs of different sizes in turn,
// some with post-break material, so that each reuses a breaker left by
// a larger or smaller one: every result must be what the paragraph gives
// the first time, on a breaker of its own.
func TestReusedBreakerForgets(t *testing.T) {
	p := DefaultParams()
	p.EmergencyStretch = 20000
	width := func(int) int { return benchLineWidth }
	paras := [][]Item{benchParagraph(40, 1), benchParagraph(400, 2), benchParagraph(7, 3), benchParagraph(120, 4)}
	// Post-break material on some discretionaries of the last one.
	for i, it := range paras[3] {
		if it.Kind == Penalty && it.Discretionary && i%3 == 0 {
			paras[3][i].PostWidth, paras[3][i].PostStretch = -700, 30
		}
	}
	first := make([]Result, len(paras))
	for i, items := range paras {
		first[i] = Break(items, width, p)
	}
	for round := range 3 {
		for i := range paras {
			k := (i*7 + round) % len(paras)
			if got := Break(paras[k], width, p); !reflect.DeepEqual(got, first[k]) {
				t.Fatalf("round %d: paragraph %d broke otherwise after others", round, k)
			}
		}
	}
}
