package linebreak

import "testing"

func TestTmpActive(t *testing.T) {
	for _, words := range []int{300, 2000, 10000} {
		items := benchParagraph(words, 1)
		p := DefaultParams()
		b := newBreaker(items, func(int) int { return benchLineWidth }, p)
		for _, ps := range []pass{{number: 1, threshold: 100}, {number: 2, threshold: 200, discretionary: true, final: true}} {
			b.nodes = append(b.nodes[:0], node{pos: -1, prev: -1, fit: decent})
			b.active = append(b.active[:0], 0)
			sum, maxA, steps := 0, 0, 0
			failedAt := -1
			for _, pos := range b.breaks {
				it := b.item(pos)
				if it.Kind == Penalty && it.Discretionary && !ps.discretionary && it.Penalty > -Infinity {
					continue
				}
				sum += len(b.active)
				maxA = max(maxA, len(b.active))
				steps++
				b.tryBreak(pos, it, ps)
				if len(b.active) == 0 {
					failedAt = pos
					break
				}
			}
			t.Logf("words %d pass %d: steps %d avg active %.1f max %d nodes %d failedAt %d/%d", words, ps.number, steps, float64(sum)/float64(steps), maxA, len(b.nodes), failedAt, len(items))
		}
	}
}
