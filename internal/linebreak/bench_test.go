package linebreak

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchLineWidth is a 345 pt measure in 1/1000 pt, about 65 characters.
const benchLineWidth = 345000

// benchParagraph makes a paragraph of the given number of words in units
// of 1/1000 pt, as a 10 pt roman would give: letters 3.5 to 6.5 pt wide,
// interword glue 3.33 pt plus 1.67 minus 1.11, and discretionary hyphens
// (penalty 50, a 3.33 pt hyphen) every two or three letters inside words
// of six letters or more, leaving two at each end. The seed makes it
// reproducible.
func benchParagraph(words int, seed uint64) []Item {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	items := make([]Item, 0, words*3)
	for w := 0; w < words; w++ {
		if w > 0 {
			items = append(items, Item{Kind: Glue, Width: 3333, Stretch: 1667, Shrink: 1111})
		}
		// Word lengths roughly as in English prose: mostly 2 to 8 letters.
		n := 1 + rng.IntN(4) + rng.IntN(4) + rng.IntN(3)
		letters := make([]int, n)
		for i := range letters {
			letters[i] = 3500 + rng.IntN(3000)
		}
		syllable := 0
		for i := range letters {
			if n >= 6 && i >= 2 && n-i >= 2 && i-syllable >= 2 && rng.IntN(2) == 0 {
				items = append(items, Item{Kind: Box, Width: sum(letters[syllable:i])},
					Item{Kind: Penalty, Width: 3333, Penalty: 50, Flagged: true, Discretionary: true})
				syllable = i
			}
		}
		items = append(items, Item{Kind: Box, Width: sum(letters[syllable:])})
		if rng.IntN(12) == 0 { // a punctuation mark
			items[len(items)-1].Width += 2778
		}
	}
	return append(items, Item{Kind: Penalty, Penalty: Infinity}, Item{Kind: Glue, Stretch: FilStretch},
		Item{Kind: Penalty, Penalty: -Infinity})
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func BenchmarkBreak(b *testing.B) {
	// Each case also with a hyphen limit of 2 (suffix maxhyphenrun=2),
	// which multiplies the nodes at hyphens by up to two.
	for _, limit := range []int{0, 2} {
		suffix := ""
		if limit > 0 {
			suffix = fmt.Sprintf("/maxhyphenrun=%d", limit)
		}
		for _, words := range []int{300, 2000, 10000} {
			items := benchParagraph(words, 1)
			lw := func(int) int { return benchLineWidth }
			p := DefaultParams()
			p.MaxHyphenRun = limit
			res := Break(items, lw, p)
			b.Run(fmt.Sprintf("words=%d/items=%d/pass=%d%s", words, len(items), res.Pass, suffix), func(b *testing.B) {
				for b.Loop() {
					Break(items, lw, p)
				}
			})
		}
		// The same paragraphs when the first pass is skipped, so that
		// every discretionary hyphen is a breakpoint.
		for _, words := range []int{300, 10000} {
			items := benchParagraph(words, 1)
			lw := func(int) int { return benchLineWidth }
			p := DefaultParams()
			p.Pretolerance = -1
			p.MaxHyphenRun = limit
			b.Run(fmt.Sprintf("words=%d/items=%d/second-pass-only%s", words, len(items), suffix), func(b *testing.B) {
				for b.Loop() {
					Break(items, lw, p)
				}
			})
		}
	}
}
