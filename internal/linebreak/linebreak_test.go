package linebreak

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// ---------------------------------------------------------------------
// The oracle: an exhaustive search over every sequence of breakpoints,
// written from the rules rather than from the implementation. It shares
// only badness() with the code under test.

// rules are what distinguishes one pass from another.
type rules struct {
	threshold int
	disc      bool  // discretionary breaks allowed
	emergency int64 // extra stretch per line when judging it
}

func oracleBox(k Kind) bool { return k != Glue && k != Penalty }

func oracleLegal(items []Item, i int, r rules) bool {
	it := items[i]
	if oracleForced(it) {
		return true
	}
	switch {
	case it.Kind == Glue && (i == 0 || !oracleBox(items[i-1].Kind)):
		return false
	case it.Kind == Penalty && (it.Penalty >= Infinity || it.Discretionary && !r.disc):
		return false
	case it.Kind != Glue && it.Kind != Penalty:
		return false
	}
	// Not when the line after it would be empty: a box must come before
	// the next forced break (or the end of an unterminated paragraph).
	for _, next := range items[i+1:] {
		if oracleBox(next.Kind) {
			return true
		}
		if oracleForced(next) {
			return false
		}
	}
	return false
}

func oracleForced(it Item) bool { return it.Kind == Penalty && it.Penalty <= -Infinity }

// oracleLine judges the line that follows a break at prev (-1: the start
// of the paragraph) and ends with a break at q.
func oracleLine(items []Item, prev, q int, width int, r rules) (feasible bool, bad, fit int) {
	s := 0
	if prev >= 0 {
		// Glue and penalties after a break vanish, up to the next box.
		s = prev + 1
		for s < q && !oracleBox(items[s].Kind) {
			s++
		}
	}
	var l, st, sh int64
	if prev >= 0 && s < q && items[prev].Kind == Penalty {
		// The break's post-break material opens the line.
		l, st, sh = int64(items[prev].PostWidth), int64(items[prev].PostStretch), int64(items[prev].PostShrink)
	}
	for i := s; i < q; i++ {
		// Boxes stretch and shrink like glue (font expansion).
		if it := items[i]; it.Kind != Penalty {
			l += int64(it.Width)
			st += int64(it.Stretch)
			sh += int64(it.Shrink)
		}
	}
	if items[q].Kind == Penalty {
		l += int64(items[q].Width)
	}
	short := int64(width) - l
	var ratio float64
	switch {
	case short < 0:
		if -short > sh {
			return false, 0, 0
		}
		ratio = float64(short) / float64(sh)
		bad = badness(-short, sh)
	case short > 0:
		total := st + r.emergency
		if total <= 0 {
			ratio, bad = math.Inf(1), 10000
		} else {
			ratio, bad = float64(short)/float64(total), badness(short, total)
		}
	}
	switch {
	case ratio > 1:
		fit = 0
	case ratio > 0.5:
		fit = 1
	case ratio >= -0.5:
		fit = 2
	default:
		fit = 3
	}
	return bad <= r.threshold, bad, fit
}

// oracleCost judges the line from prev to q under r: whether it is
// feasible, its badness and fitness class for the demerits, and demerits
// beyond those oracleDemerits counts. In the emergency pass the
// emergency stretch only makes lines feasible: badness and fitness are
// the line's real ones, and a line whose real badness is infinite
// (10000) carries (line penalty + its emergency badness)², capped at
// 10^8, on top.
func oracleCost(items []Item, prev, q int, width int, r rules, p Params) (feasible bool, bad, fit int, extra int64) {
	feasible, bad, fit = oracleLine(items, prev, q, width, r)
	if !feasible || r.emergency == 0 {
		return feasible, bad, fit, 0
	}
	eb := bad
	_, bad, fit = oracleLine(items, prev, q, width, rules{threshold: r.threshold, disc: r.disc})
	if bad >= 10000 {
		if x := p.LinePenalty + eb; x >= 10000 || x <= -10000 {
			extra = 100000000
		} else {
			extra = int64(x) * int64(x)
		}
	}
	return true, bad, fit, extra
}

func oracleDemerits(p Params, bad int, it Item, prevFlagged, last bool, fit, prevFit int) int64 {
	var d int64
	if x := p.LinePenalty + bad; x >= 10000 || x <= -10000 {
		d = 100000000
	} else {
		d = int64(x) * int64(x)
	}
	if it.Kind == Penalty {
		pen := int64(it.Penalty)
		if pen > 0 {
			d += pen * pen
		} else if pen < 0 && pen > -Infinity {
			d -= pen * pen
		}
	}
	flagged := it.Kind == Penalty && it.Flagged
	if prevFlagged && last {
		d += int64(p.FinalHyphenDemerits)
	} else if prevFlagged && flagged {
		d += int64(p.DoubleHyphenDemerits)
	}
	if fit-prevFit > 1 || prevFit-fit > 1 {
		d += int64(p.AdjDemerits)
	}
	return d
}

type oracleSolution struct {
	total int64
	lines int
}

// oracleRun is the number of hyphenated lines in a row ending at a break
// at q, given run of them before it; ok is false when it passes the
// limit p.MaxHyphenRun or line (0-based) is one of p.Unhyphenated.
func oracleRun(items []Item, q, run, line int, p Params) (next int, ok bool) {
	if items[q].Kind != Penalty || !items[q].Flagged {
		return 0, true
	}
	return run + 1, (p.MaxHyphenRun <= 0 || run+1 <= p.MaxHyphenRun) && !slices.Contains(p.Unhyphenated, line)
}

// oracleSolve lists every breaking whose lines are all feasible and keep
// within the hyphen limit.
func oracleSolve(items []Item, lw func(int) int, p Params, r rules) []oracleSolution {
	var sols []oracleSolution
	last := len(items) - 1
	var legal []int
	for q := range items {
		if oracleLegal(items, q, r) {
			legal = append(legal, q)
		}
	}
	var rec func(prev, line, prevFit int, prevFlagged bool, run int, total int64)
	rec = func(prev, line, prevFit int, prevFlagged bool, run int, total int64) {
		for _, q := range legal {
			if q <= prev {
				continue
			}
			ok, bad, fit, extra := oracleCost(items, prev, q, lw(line), r, p)
			nextRun, within := oracleRun(items, q, run, line, p)
			if ok && within {
				d := total + oracleDemerits(p, bad, items[q], prevFlagged, q == last, fit, prevFit) + extra
				if q == last {
					sols = append(sols, oracleSolution{d, line + 1})
				} else {
					rec(q, line+1, fit, items[q].Kind == Penalty && items[q].Flagged, nextRun, d)
				}
			}
			if oracleForced(items[q]) {
				return // no line may cross a forced break
			}
		}
	}
	rec(-1, 0, 2, false, 0, 0)
	return sols
}

// oracleScore totals the demerits of a given breaking under rules r.
func oracleScore(items []Item, lw func(int) int, p Params, r rules, lines []Line) (int64, error) {
	prev, prevFit, prevFlagged, run := -1, 2, false, 0
	var total int64
	for i, ln := range lines {
		q := ln.Break
		if !oracleLegal(items, q, r) {
			return 0, fmt.Errorf("line %d ends at %d, not a breakpoint of this pass", i, q)
		}
		ok, bad, fit, extra := oracleCost(items, prev, q, lw(i), r, p)
		if !ok {
			return 0, fmt.Errorf("line %d (%d..%d) is not feasible", i, prev, q)
		}
		var within bool
		if run, within = oracleRun(items, q, run, i, p); !within {
			return 0, fmt.Errorf("line %d ends a run of %d hyphenated lines, limit %d, or must not be hyphenated (%v)", i, run, p.MaxHyphenRun, p.Unhyphenated)
		}
		total += oracleDemerits(p, bad, items[q], prevFlagged, q == len(items)-1, fit, prevFit) + extra
		prev, prevFit, prevFlagged = q, fit, items[q].Kind == Penalty && items[q].Flagged
	}
	return total, nil
}

// oracleExpect returns the pass Break should report and, unless it is 4,
// the demerits and line count it should reach. ambiguous is set when
// Looseness makes the answer depend on how ties are broken.
func oracleExpect(items []Item, lw func(int) int, p Params) (pass int, r rules, demerits int64, lines int, ambiguous bool) {
	type step struct {
		pass int
		r    rules
	}
	var steps []step
	if p.Pretolerance >= 0 {
		steps = append(steps, step{1, rules{threshold: p.Pretolerance}})
	}
	steps = append(steps, step{2, rules{threshold: p.Tolerance, disc: true}})
	if p.EmergencyStretch > 0 {
		steps = append(steps, step{3, rules{threshold: p.Tolerance, disc: true, emergency: int64(p.EmergencyStretch)}})
	}
	for i, s := range steps {
		final := i == len(steps)-1
		sols := oracleSolve(items, lw, p, s.r)
		if len(sols) == 0 {
			continue
		}
		best := sols[0]
		for _, so := range sols {
			if so.total < best.total {
				best = so
			}
		}
		if p.Looseness == 0 {
			return s.pass, s.r, best.total, best.lines, false
		}
		for _, so := range sols {
			if so.total == best.total && so.lines != best.lines {
				ambiguous = true
			}
		}
		// The line count nearest optimum+Looseness without passing it.
		got := 0
		for _, so := range sols {
			diff := so.lines - best.lines
			if (p.Looseness > 0 && diff <= p.Looseness && diff > got) ||
				(p.Looseness < 0 && diff >= p.Looseness && diff < got) {
				got = diff
			}
		}
		if got != p.Looseness && !final {
			continue
		}
		min := int64(math.MaxInt64)
		for _, so := range sols {
			if so.lines-best.lines == got && so.total < min {
				min = so.total
			}
		}
		return s.pass, s.r, min, best.lines + got, ambiguous
	}
	return 4, rules{}, 0, 0, ambiguous
}

// ---------------------------------------------------------------------
// Invariants every result must satisfy.

func checkResult(items []Item, res Result) error {
	n := len(items)
	if n == 0 {
		if len(res.Lines) != 0 || res.Pass != 0 {
			return fmt.Errorf("empty paragraph: got %d lines, pass %d", len(res.Lines), res.Pass)
		}
		return nil
	}
	if len(res.Lines) == 0 {
		return fmt.Errorf("no lines")
	}
	if res.Pass < 1 || res.Pass > 4 {
		return fmt.Errorf("pass %d", res.Pass)
	}
	terminated := oracleForced(items[n-1])
	wantLast := n - 1
	if !terminated {
		wantLast = n
	}
	if res.Lines[0].Start != 0 {
		return fmt.Errorf("first line starts at %d", res.Lines[0].Start)
	}
	breaks := map[int]bool{}
	for i, ln := range res.Lines {
		if ln.End != ln.Break || ln.Start < 0 || ln.Start > ln.End || ln.End > n {
			return fmt.Errorf("line %d: bad range %+v", i, ln)
		}
		if math.IsNaN(ln.Ratio) || math.IsInf(ln.Ratio, 0) {
			return fmt.Errorf("line %d: ratio %v", i, ln.Ratio)
		}
		if ln.Overfull && res.Pass != 4 {
			return fmt.Errorf("line %d overfull in pass %d", i, res.Pass)
		}
		if i > 0 {
			prev := res.Lines[i-1]
			if ln.Start <= prev.Break {
				return fmt.Errorf("line %d starts at %d, not after break %d", i, ln.Start, prev.Break)
			}
			for j := prev.Break + 1; j < ln.Start; j++ {
				if oracleBox(items[j].Kind) {
					return fmt.Errorf("line %d: box %d dropped between lines", i, j)
				}
			}
			if ln.Start < ln.End && ln.Start < n && !oracleBox(items[ln.Start].Kind) {
				return fmt.Errorf("line %d starts with discardable item %d", i, ln.Start)
			}
		}
		if i == len(res.Lines)-1 {
			if ln.Break != wantLast {
				return fmt.Errorf("last line breaks at %d, want %d", ln.Break, wantLast)
			}
		} else {
			if ln.Break >= n || !oracleLegal(items, ln.Break, rules{disc: true}) {
				return fmt.Errorf("line %d breaks at %d, not a legal breakpoint", i, ln.Break)
			}
		}
		if ln.Break < n {
			it := items[ln.Break]
			if ln.Hyphenated != (it.Kind == Penalty && it.Flagged) {
				return fmt.Errorf("line %d: Hyphenated=%v at item %+v", i, ln.Hyphenated, it)
			}
			if res.Pass == 1 && it.Kind == Penalty && it.Discretionary && it.Penalty > -Infinity {
				return fmt.Errorf("line %d breaks at discretionary %d in pass 1", i, ln.Break)
			}
		}
		breaks[ln.Break] = true
	}
	for j, it := range items {
		if oracleForced(it) && !breaks[j] {
			return fmt.Errorf("forced break %d not taken", j)
		}
	}
	return nil
}

// hyphenRun is the longest run of consecutive hyphenated lines.
func hyphenRun(lines []Line) int {
	longest, run := 0, 0
	for _, ln := range lines {
		run++
		if !ln.Hyphenated {
			run = 0
		}
		longest = max(longest, run)
	}
	return longest
}

// checkHyphenRun checks a result against the hyphen limit: no line may
// end a run of more than limit hyphenated lines, except in the final
// fallback (Pass 4) at a flagged forced break.
func checkHyphenRun(items []Item, res Result, limit int) error {
	if limit <= 0 {
		return nil
	}
	run := 0
	for i, ln := range res.Lines {
		run++
		if !ln.Hyphenated {
			run = 0
		}
		if run <= limit {
			continue
		}
		if res.Pass < 4 {
			return fmt.Errorf("line %d ends a run of %d hyphenated lines, limit %d, in pass %d", i, run, limit, res.Pass)
		}
		if ln.Break >= len(items) || !oracleForced(items[ln.Break]) {
			return fmt.Errorf("line %d ends a run of %d hyphenated lines, limit %d, at unforced break %d", i, run, limit, ln.Break)
		}
	}
	return nil
}

// ---------------------------------------------------------------------
// Random small paragraphs for the oracle.

func randomParagraph(rng *rand.Rand) []Item {
	var items []Item
	words := 2 + rng.IntN(7)
	for w := 0; w < words; w++ {
		if w > 0 {
			gw := 1 + rng.IntN(6)
			items = append(items, Item{Kind: Glue, Width: gw, Stretch: rng.IntN(6), Shrink: rng.IntN(gw + 1)})
			switch rng.IntN(14) {
			case 0:
				items = append(items, Item{Kind: Penalty, Penalty: rng.IntN(500) - 200})
			case 1:
				items = append(items, Item{Kind: Glue, Stretch: FilStretch}, Item{Kind: Penalty, Penalty: -Infinity})
			case 2:
				items = append(items, Item{Kind: Penalty, Penalty: Infinity})
			}
		}
		syllables := 1 + rng.IntN(3)
		for s := 0; s < syllables; s++ {
			if s > 0 {
				pen := 50
				if rng.IntN(3) == 0 {
					pen = rng.IntN(300) - 50
				}
				hy := Item{Kind: Penalty, Width: rng.IntN(3), Penalty: pen, Flagged: true, Discretionary: rng.IntN(3) > 0}
				if rng.IntN(3) == 0 {
					// A second half that shaped alone differs from its
					// part of the whole word.
					hy.PostWidth, hy.PostStretch, hy.PostShrink = rng.IntN(5)-2, rng.IntN(3)-1, rng.IntN(2)
				}
				items = append(items, hy)
			}
			bw := 1 + rng.IntN(9)
			box := Item{Kind: Box, Width: bw}
			if rng.IntN(4) == 0 {
				// Glyphs that font expansion may widen or narrow.
				box.Stretch, box.Shrink = rng.IntN(3), rng.IntN(min(bw, 3)+1)
			}
			items = append(items, box)
		}
	}
	if rng.IntN(10) > 0 {
		items = append(items, Item{Kind: Glue, Stretch: FilStretch})
	}
	return append(items, Item{Kind: Penalty, Penalty: -Infinity})
}

func legalCount(items []Item) int {
	c := 0
	for i := range items {
		if oracleLegal(items, i, rules{disc: true}) {
			c++
		}
	}
	return c
}

// randomHyphenParagraph is like randomParagraph with many more flagged
// penalties, cheap or even rewarded ones among them, discretionary and
// explicit alike, so that ladders of hyphens are often the optimum.
func randomHyphenParagraph(rng *rand.Rand) []Item {
	var items []Item
	hyphen := func() Item {
		pen := []int{50, 50, 0, -50, rng.IntN(400) - 150}[rng.IntN(5)]
		return Item{Kind: Penalty, Width: rng.IntN(3), Penalty: pen, Flagged: true, Discretionary: rng.IntN(2) == 0}
	}
	words := 2 + rng.IntN(6)
	for w := 0; w < words; w++ {
		if w > 0 {
			if rng.IntN(6) == 0 {
				// A break after an explicit dash, glued to the next word.
				items = append(items, Item{Kind: Box, Width: 1 + rng.IntN(2)}, hyphen())
			} else {
				gw := 1 + rng.IntN(6)
				items = append(items, Item{Kind: Glue, Width: gw, Stretch: 2 + rng.IntN(6), Shrink: rng.IntN(gw + 1)})
			}
			if rng.IntN(20) == 0 {
				items = append(items, Item{Kind: Glue, Stretch: FilStretch}, Item{Kind: Penalty, Penalty: -Infinity})
			}
		}
		syllables := 1 + rng.IntN(4)
		for s := 0; s < syllables; s++ {
			if s > 0 {
				items = append(items, hyphen())
			}
			items = append(items, Item{Kind: Box, Width: 1 + rng.IntN(5)})
		}
	}
	if rng.IntN(10) > 0 {
		items = append(items, Item{Kind: Glue, Stretch: FilStretch})
	}
	return append(items, Item{Kind: Penalty, Penalty: -Infinity})
}

// randomCase draws a paragraph with at most maxBreaks breakpoints, line
// widths that differ for the first lines, and parameters.
func randomCase(rng *rand.Rand, maxBreaks int) ([]Item, func(int) int, Params) {
	return randomCaseOf(rng, maxBreaks, randomParagraph)
}

// randomCaseOf is randomCase with paragraphs drawn by gen.
func randomCaseOf(rng *rand.Rand, maxBreaks int, gen func(*rand.Rand) []Item) ([]Item, func(int) int, Params) {
	var items []Item
	for {
		items = gen(rng)
		if legalCount(items) <= maxBreaks {
			break
		}
	}
	base := 10 + rng.IntN(30)
	table := []int{base - rng.IntN(8), base + rng.IntN(5) - 2, base}
	if rng.IntN(3) == 0 {
		table = []int{base, base, base}
	}
	lw := func(i int) int { return table[min(i, len(table)-1)] }
	p := DefaultParams()
	p.Tolerance = []int{50, 100, 200, 500, 1000, 10000}[rng.IntN(6)]
	p.Pretolerance = -1
	p.LinePenalty = rng.IntN(30)
	p.AdjDemerits = []int{0, 500, 10000}[rng.IntN(3)]
	p.DoubleHyphenDemerits = []int{0, 3000, 10000}[rng.IntN(3)]
	p.FinalHyphenDemerits = []int{0, 5000}[rng.IntN(2)]
	return items, lw, p
}

func checkAgainstOracle(t *testing.T, name string, items []Item, lw func(int) int, p Params) (pass int) {
	t.Helper()
	res := Break(items, lw, p)
	if err := checkResult(items, res); err != nil {
		t.Fatalf("%s: %v\nitems %+v\nresult %+v", name, err, items, res)
	}
	if err := checkHyphenRun(items, res, p.MaxHyphenRun); err != nil {
		t.Fatalf("%s: %v\nparams %+v\nitems %+v\nresult %+v", name, err, p, items, res)
	}
	want, r, dem, lines, ambiguous := oracleExpect(items, lw, p)
	if ambiguous {
		return -1
	}
	if res.Pass != want {
		t.Fatalf("%s: pass %d, oracle says %d\nparams %+v\nitems %+v\nresult %+v", name, res.Pass, want, p, items, res)
	}
	if want == 4 {
		return want
	}
	if res.Demerits != dem {
		t.Fatalf("%s: demerits %d, oracle minimum %d\nparams %+v\nitems %+v\nresult %+v", name, res.Demerits, dem, p, items, res)
	}
	if p.Looseness != 0 && len(res.Lines) != lines {
		t.Fatalf("%s: %d lines, oracle %d", name, len(res.Lines), lines)
	}
	score, err := oracleScore(items, lw, p, r, res.Lines)
	if err != nil {
		t.Fatalf("%s: %v\nitems %+v\nresult %+v", name, err, items, res)
	}
	if score != res.Demerits {
		t.Fatalf("%s: lines score %d, Result.Demerits %d", name, score, res.Demerits)
	}
	return want
}

func TestOracleSecondPass(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	count := map[int]int{}
	for i := range 20000 {
		items, lw, p := randomCase(rng, 14)
		count[checkAgainstOracle(t, fmt.Sprintf("case %d", i), items, lw, p)]++
	}
	t.Logf("passes: %v", count)
	if count[2] < 5000 || count[4] < 500 {
		t.Errorf("too few interesting cases: %v", count)
	}
}

func TestOracleFirstPass(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	count := map[int]int{}
	for i := range 20000 {
		items, lw, p := randomCase(rng, 14)
		p.Pretolerance = []int{0, 50, 100, 200, 1000}[rng.IntN(5)]
		p.Tolerance = max(p.Tolerance, p.Pretolerance)
		count[checkAgainstOracle(t, fmt.Sprintf("case %d", i), items, lw, p)]++
	}
	t.Logf("passes: %v", count)
	if count[1] < 2500 || count[2] < 1000 {
		t.Errorf("too few interesting cases: %v", count)
	}
}

func TestOracleEmergencyPass(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	count := map[int]int{}
	for i := range 20000 {
		items, lw, p := randomCase(rng, 14)
		p.Pretolerance = []int{-1, 100}[rng.IntN(2)]
		p.Tolerance = []int{50, 100, 200}[rng.IntN(3)]
		p.EmergencyStretch = 1 + rng.IntN(20)
		count[checkAgainstOracle(t, fmt.Sprintf("case %d", i), items, lw, p)]++
	}
	t.Logf("passes: %v", count)
	if count[3] < 1000 {
		t.Errorf("too few emergency cases: %v", count)
	}
}

func TestOracleLooseness(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	count := map[int]int{}
	for i := range 10000 {
		items, lw, p := randomCase(rng, 14)
		p.Looseness = []int{-2, -1, 1, 2}[rng.IntN(4)]
		p.Pretolerance = []int{-1, 100}[rng.IntN(2)]
		count[checkAgainstOracle(t, fmt.Sprintf("case %d", i), items, lw, p)]++
	}
	t.Logf("passes: %v", count)
}

func TestOracleHyphenRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	count := map[int]int{}
	// binding counts, per limit, the cases where the unconstrained
	// optimum breaks the limit, so that the limit changes the answer.
	binding := map[int]int{}
	for i := range 30000 {
		items, lw, p := randomCaseOf(rng, 14, randomHyphenParagraph)
		if rng.IntN(3) > 0 {
			// Narrower lines: more of them, more ladders.
			base := 10 + rng.IntN(10)
			table := []int{base - rng.IntN(4), base + rng.IntN(5) - 2, base}
			lw = func(i int) int { return table[min(i, len(table)-1)] }
		}
		p.MaxHyphenRun = 1 + rng.IntN(2)
		p.Tolerance = []int{100, 200, 500, 1000, 10000}[rng.IntN(5)]
		p.DoubleHyphenDemerits = []int{0, 0, 3000, 10000}[rng.IntN(4)]
		p.Pretolerance = []int{-1, -1, 100}[rng.IntN(3)]
		if rng.IntN(4) == 0 {
			p.EmergencyStretch = 1 + rng.IntN(20)
		}
		if rng.IntN(10) == 0 {
			p.Looseness = []int{-1, 1}[rng.IntN(2)]
		}
		pass := checkAgainstOracle(t, fmt.Sprintf("case %d", i), items, lw, p)
		count[pass]++
		free := p
		free.MaxHyphenRun = 0
		if u := Break(items, lw, free); u.Pass < 4 && hyphenRun(u.Lines) > p.MaxHyphenRun {
			binding[p.MaxHyphenRun]++
		}
	}
	t.Logf("passes: %v; limit binding in %v cases", count, binding)
	if count[2] < 8000 || count[4] < 1000 || binding[1] < 1000 || binding[2] < 400 {
		t.Errorf("too few interesting cases: %v, binding %v", count, binding)
	}
}

func TestOracleUnhyphenated(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	count := map[int]int{}
	binding := 0 // cases where the constraint changes the optimum
	for i := range 20000 {
		items, lw, p := randomCaseOf(rng, 14, randomHyphenParagraph)
		if rng.IntN(3) > 0 {
			base := 10 + rng.IntN(10)
			lw = func(int) int { return base }
		}
		p.Tolerance = []int{100, 200, 500, 1000, 10000}[rng.IntN(5)]
		p.Pretolerance = []int{-1, -1, 100}[rng.IntN(3)]
		if rng.IntN(2) == 0 {
			p.MaxHyphenRun = 1 + rng.IntN(2)
		}
		if rng.IntN(4) == 0 {
			p.EmergencyStretch = 1 + rng.IntN(20)
		}
		free := Break(items, lw, p)
		p.Unhyphenated = []int{rng.IntN(4)}
		if rng.IntN(3) == 0 {
			p.Unhyphenated = append(p.Unhyphenated, rng.IntN(6))
		}
		pass := checkAgainstOracle(t, fmt.Sprintf("case %d", i), items, lw, p)
		count[pass]++
		res := Break(items, lw, p)
		if pass < 4 {
			for _, l := range p.Unhyphenated {
				if l < len(res.Lines) && res.Lines[l].Hyphenated {
					t.Fatalf("case %d: line %d hyphenated, constraint %v", i, l, p.Unhyphenated)
				}
			}
		}
		for _, l := range p.Unhyphenated {
			if free.Pass < 4 && l < len(free.Lines) && free.Lines[l].Hyphenated {
				binding++
				break
			}
		}
	}
	t.Logf("passes: %v; constraint binding in %d cases", count, binding)
	if count[2] < 5000 || binding < 1000 {
		t.Errorf("too few interesting cases: %v, binding %d", count, binding)
	}
}

// ---------------------------------------------------------------------
// Known cases.

// para builds items from text: words are boxes of 10 units a letter,
// spaces are glue, '-' inside a word is a discretionary hyphen and '='
// an explicit one (both of width 10 when taken).
type para struct {
	items []Item
	space Item
}

func newPara(space Item) *para { return &para{space: space} }

func (pp *para) text(s string) *para {
	for i, w := range strings.Fields(s) {
		if i > 0 || len(pp.items) > 0 {
			pp.items = append(pp.items, pp.space)
		}
		for j, syl := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '=' }) {
			if j > 0 {
				pp.items = append(pp.items, Item{Kind: Penalty, Width: 10, Penalty: 50, Flagged: true,
					Discretionary: !strings.Contains(w, "=")})
			}
			pp.items = append(pp.items, Item{Kind: Box, Width: 10 * len(syl)})
		}
	}
	return pp
}

func (pp *para) box(w int) *para {
	pp.items = append(pp.items, Item{Kind: Box, Width: w})
	return pp
}

func (pp *para) glue(w, st, sh int) *para {
	pp.items = append(pp.items, Item{Kind: Glue, Width: w, Stretch: st, Shrink: sh})
	return pp
}

// hyphen adds an explicit (non-discretionary) hyphen break, 5 wide.
func (pp *para) hyphen() *para {
	pp.items = append(pp.items, Item{Kind: Penalty, Width: 5, Penalty: 50, Flagged: true})
	return pp
}

// forced ends the current line: fil glue and a forced break, as TeX's \\.
func (pp *para) forced() *para {
	pp.items = append(pp.items, Item{Kind: Glue, Stretch: FilStretch}, Item{Kind: Penalty, Penalty: -Infinity})
	return pp
}

func (pp *para) finish() []Item { return pp.forced().items }

func width(w int) func(int) int { return func(int) int { return w } }

var space = Item{Kind: Glue, Width: 10, Stretch: 5, Shrink: 3}

func mustBreak(t *testing.T, items []Item, lw func(int) int, p Params) Result {
	t.Helper()
	res := Break(items, lw, p)
	if err := checkResult(items, res); err != nil {
		t.Fatalf("%v\nresult %+v", err, res)
	}
	return res
}

func TestFitsOnOneLine(t *testing.T) {
	items := newPara(space).text("the quick brown fox").finish()
	res := mustBreak(t, items, width(1000), DefaultParams())
	if len(res.Lines) != 1 || res.Pass != 1 {
		t.Fatalf("got %+v", res)
	}
	ln := res.Lines[0]
	if ln.Start != 0 || ln.Break != len(items)-1 || ln.Overfull || ln.Hyphenated || ln.Ratio < 0 || ln.Ratio > 1e-3 {
		t.Fatalf("line %+v", ln)
	}
	if res.Demerits != 100 { // (line penalty 10 + badness 0)²
		t.Fatalf("demerits %d", res.Demerits)
	}
}

func TestForcedBreakMidParagraph(t *testing.T) {
	pp := newPara(space).text("aaa bbb").forced()
	forcedAt := len(pp.items) - 1
	items := pp.text("ccc ddd").finish()
	res := mustBreak(t, items, width(1000), DefaultParams())
	if len(res.Lines) != 2 || res.Lines[0].Break != forcedAt || res.Pass != 1 {
		t.Fatalf("got %+v, forced break at %d", res, forcedAt)
	}
	// The space after the forced break is discarded.
	if res.Lines[1].Start != forcedAt+2 || items[res.Lines[1].Start].Kind != Box {
		t.Fatalf("second line %+v", res.Lines[1])
	}
}

func TestWordWiderThanLine(t *testing.T) {
	// A lone word.
	items := newPara(space).box(500).finish()
	res := mustBreak(t, items, width(100), DefaultParams())
	if len(res.Lines) != 1 || !res.Lines[0].Overfull || res.Pass != 4 {
		t.Fatalf("got %+v", res)
	}
	// A long word inside text: only its line is overfull.
	pp := newPara(space).text("aa bb cc dd ee ff gg")
	long := len(pp.items) + 1
	items = pp.glue(10, 5, 3).box(500).text("hh ii jj kk ll mm nn oo").finish()
	res = mustBreak(t, items, width(110), DefaultParams()) // four words a line
	overfull := 0
	for _, ln := range res.Lines {
		if ln.Overfull {
			overfull++
			if ln.Start > long || ln.End <= long {
				t.Errorf("overfull line %+v does not hold the long word", ln)
			}
		}
	}
	if overfull != 1 || res.Pass != 4 {
		t.Fatalf("got %+v", res)
	}
	// Every word too wide, lines of zero or negative width.
	for _, w := range []int{50, 0, -10} {
		items = newPara(space).text("aaaaaaaa bbbbbbbbb cccccccccc dd-dd-dd-dd-dd-dd").finish()
		res = mustBreak(t, items, width(w), DefaultParams())
		if res.Pass != 4 {
			t.Fatalf("width %d: got %+v", w, res)
		}
	}
}

func TestEmptyParagraph(t *testing.T) {
	for _, items := range [][]Item{nil, {}} {
		res := mustBreak(t, items, width(100), DefaultParams())
		if len(res.Lines) != 0 || res.Pass != 0 || res.Demerits != 0 {
			t.Fatalf("got %+v", res)
		}
	}
	// Only the paragraph's end: one empty line.
	items := newPara(space).finish()
	res := mustBreak(t, items, width(100), DefaultParams())
	if len(res.Lines) != 1 || res.Lines[0] != (Line{Start: 0, End: 1, Break: 1, Ratio: res.Lines[0].Ratio}) {
		t.Fatalf("got %+v", res)
	}
}

func TestDoubleHyphenAvoided(t *testing.T) {
	// Line width 100, glue 10 plus 20 minus 5, hyphens 5 wide.
	//   A: X g Y1-  | Y2 g Q g P1- | P2 g R      two hyphenated lines, all perfect
	//   B: X g Y1-  | Y2 g Q g P1P2 | R          second line shrunk (r = -0.9)
	// Without DoubleHyphenDemerits A is cheaper; with them B is.
	sp := Item{Kind: Glue, Width: 10, Stretch: 20, Shrink: 5}
	pp := newPara(sp).box(45).glue(10, 20, 5).box(40).hyphen().box(30).glue(10, 20, 5).box(20).glue(10, 20, 5).
		box(25).hyphen().box(14).glue(10, 20, 5).box(20)
	items := pp.finish()
	p := DefaultParams()
	p.Pretolerance = -1
	p.FinalHyphenDemerits = 0

	p.DoubleHyphenDemerits = 0
	res := mustBreak(t, items, width(100), p)
	if len(res.Lines) != 3 || !res.Lines[0].Hyphenated || !res.Lines[1].Hyphenated {
		t.Fatalf("without double-hyphen demerits: %+v", res)
	}
	if res.Demerits != 2600+2600+100 {
		t.Fatalf("demerits %d", res.Demerits)
	}

	p.DoubleHyphenDemerits = 10000
	res = mustBreak(t, items, width(100), p)
	for i := 1; i < len(res.Lines); i++ {
		if res.Lines[i-1].Hyphenated && res.Lines[i].Hyphenated {
			t.Fatalf("two hyphenated lines in a row: %+v", res)
		}
	}
	if len(res.Lines) != 3 || !res.Lines[0].Hyphenated || res.Lines[1].Ratio > -0.89 || res.Lines[1].Ratio < -0.91 {
		t.Fatalf("with double-hyphen demerits: %+v", res)
	}
	if res.Demerits != 2600+(10+73)*(10+73)+100 {
		t.Fatalf("demerits %d", res.Demerits)
	}
}

func TestHyphenRunLimit(t *testing.T) {
	// With plain TeX's values, DoubleHyphenDemerits (10,000 a pair) does
	// not stop the first three of these four lines all ending in hyphens.
	items := newPara(space).text("ty-pog-ra-phers dis-like lad-ders of hy-phens be-cause the eye " +
		"stum-bles on ev-ery bro-ken word at the end of suc-ces-sive lines").finish()
	lw := width(360)
	p := DefaultParams()
	free := mustBreak(t, items, lw, p)
	if free.Pass != 2 || hyphenRun(free.Lines) != 3 {
		t.Fatalf("expected a ladder of three in pass 2: %+v", free)
	}
	checkAgainstOracle(t, "unlimited", items, lw, p)

	for _, limit := range []int{2, 1} {
		p.MaxHyphenRun = limit
		name := fmt.Sprintf("MaxHyphenRun %d", limit)
		if pass := checkAgainstOracle(t, name, items, lw, p); pass != 2 {
			t.Fatalf("%s: pass %d", name, pass)
		}
		res := mustBreak(t, items, lw, p)
		if hyphenRun(res.Lines) > limit || res.Demerits <= free.Demerits {
			t.Fatalf("%s: %+v", name, res)
		}
		t.Logf("%s: %d lines, demerits %d (unlimited: %d)", name, len(res.Lines), res.Demerits, free.Demerits)
	}
	// A limit the optimum keeps to changes nothing.
	for _, limit := range []int{3, 4, math.MaxInt} {
		p.MaxHyphenRun = limit
		if res := mustBreak(t, items, lw, p); !reflect.DeepEqual(res, free) {
			t.Fatalf("MaxHyphenRun %d: %+v, unlimited %+v", limit, res, free)
		}
	}
}

func TestHyphenRunFallback(t *testing.T) {
	// Syllables far wider than the line: no feasible line at all, and
	// the fallback breaks wherever it can, at every hyphen.
	sp := Item{Kind: Glue, Width: 10, Stretch: 5, Shrink: 3}
	pp := newPara(sp)
	for w := range 3 {
		if w > 0 {
			pp.glue(10, 5, 3)
		}
		pp.box(150).hyphen().box(150).hyphen().box(150)
	}
	items := pp.finish()
	p := DefaultParams()
	res := mustBreak(t, items, width(100), p)
	if res.Pass != 4 || len(res.Lines) != 9 || hyphenRun(res.Lines) != 2 {
		t.Fatalf("unlimited: %+v", res)
	}
	// With a limit of one, the fallback lets the line after a hyphen run
	// on to the next space rather than break at the next hyphen.
	p.MaxHyphenRun = 1
	res = mustBreak(t, items, width(100), p)
	if err := checkHyphenRun(items, res, p.MaxHyphenRun); err != nil || len(res.Lines) != 6 || hyphenRun(res.Lines) != 1 {
		t.Fatalf("limit 1: %v %+v", err, res)
	}
	for i, ln := range res.Lines {
		if ln.Hyphenated != (i%2 == 0) || !ln.Overfull {
			t.Fatalf("limit 1: line %d %+v", i, ln)
		}
	}

	// Flagged forced breaks leave no choice: lines of 55 on a measure of
	// 56, three in a row ending at a forced hyphen, pass a limit of two;
	// Break still returns them, from the final fallback.
	forcedHyphen := Item{Kind: Penalty, Penalty: -Infinity, Width: 5, Flagged: true}
	build := func(segments ...string) []Item {
		pp := newPara(space)
		for i, seg := range segments {
			if i > 0 {
				pp.items = append(pp.items, forcedHyphen)
			}
			pp.text(seg)
		}
		return pp.finish()
	}
	p.MaxHyphenRun = 2
	items = build("aa bb", "cc dd", "ee ff", "gg hh")
	res = mustBreak(t, items, width(56), p)
	if err := checkHyphenRun(items, res, p.MaxHyphenRun); err != nil || res.Pass != 4 || len(res.Lines) != 4 || hyphenRun(res.Lines) != 3 {
		t.Fatalf("forced: %v %+v", err, res)
	}
	p.MaxHyphenRun = 0
	if res = mustBreak(t, items, width(56), p); res.Pass != 1 || len(res.Lines) != 4 {
		t.Fatalf("forced, unlimited: %+v", res)
	}
	// With an unflagged break between two of them, a feasible breaking
	// keeps to the limit.
	p.MaxHyphenRun = 2
	items = build("aa bb", "cc dd ii jj", "ee ff", "gg hh")
	res = mustBreak(t, items, width(56), p)
	if err := checkHyphenRun(items, res, p.MaxHyphenRun); err != nil || res.Pass != 2 || len(res.Lines) != 5 || hyphenRun(res.Lines) != 2 {
		t.Fatalf("forced, with a way out: %v %+v", err, res)
	}
	checkAgainstOracle(t, "forced, with a way out", items, width(56), p)
}

func TestFirstPassWithoutDiscretionaries(t *testing.T) {
	// Fits well without hyphenating: the first pass wins and no line is
	// hyphenated although discretionaries were offered everywhere.
	items := newPara(space).text("lo-rem ip-sum do-lor sit am-et con-sec-te-tur ad-i-pis-cing el-it sed do ei-us-mod tem-por in-ci-di-dunt ut la-bo-re").finish()
	p := DefaultParams()
	var res Result
	firstPass := 0
	for w := 300; w <= 700; w += 10 {
		res = mustBreak(t, items, width(w), p)
		if res.Pass != 1 {
			continue
		}
		firstPass++
		for _, ln := range res.Lines {
			if ln.Hyphenated {
				t.Fatalf("first pass hyphenated: %+v", res)
			}
		}
	}
	if firstPass < 5 {
		t.Fatalf("the first pass succeeded for only %d widths", firstPass)
	}

	// Here a line can only be formed by hyphenating: pass 2.
	//   X(45) g W2a(40) -(15) | W2b(55) g W3(45) | W4(45) on lines of 110
	pp := newPara(space).box(45).glue(10, 5, 3).box(40)
	pp.items = append(pp.items, Item{Kind: Penalty, Width: 15, Penalty: 50, Flagged: true, Discretionary: true})
	items = pp.box(55).glue(10, 5, 3).box(45).glue(10, 5, 3).box(45).finish()
	res = mustBreak(t, items, width(110), p)
	if res.Pass != 2 || !res.Lines[0].Hyphenated || res.Lines[0].Break != 3 {
		t.Fatalf("expected a hyphenated first line in pass 2: %+v", res)
	}
	// Marked explicit instead, the same break is allowed in the first pass.
	items[3].Discretionary = false
	res = mustBreak(t, items, width(110), p)
	if res.Pass != 1 || !res.Lines[0].Hyphenated {
		t.Fatalf("explicit hyphen: %+v", res)
	}
}

func TestEmergencyStretch(t *testing.T) {
	// Words of 60 on lines of 100: one word a line, and a line of one
	// word has no glue at all, so only the emergency stretch helps.
	items := newPara(space).box(60).glue(10, 5, 2).box(60).glue(10, 5, 2).box(60).glue(10, 5, 2).box(60).finish()
	p := DefaultParams()
	// Without it, as in TeX, the fallback breaks where every node is
	// overfull, giving overfull lines of two words.
	res := mustBreak(t, items, width(100), p)
	if res.Pass != 4 || len(res.Lines) != 2 || !res.Lines[0].Overfull {
		t.Fatalf("without emergency stretch: %+v", res)
	}
	p.EmergencyStretch = 100
	res = mustBreak(t, items, width(100), p)
	if res.Pass != 3 || len(res.Lines) != 4 {
		t.Fatalf("with emergency stretch: %+v", res)
	}
	// A line without glue has infinite real badness: 10^8 each, plus
	// (10 + its emergency badness, of 40/100)² to rank such lines among
	// themselves, the fitness jumps from decent to very loose and back
	// (2 × 10000), and the last line's (10 + 0)².
	if want := int64(3*(100000000+(10+6)*(10+6)) + 20000 + 100); res.Demerits != want {
		t.Fatalf("demerits %d, want %d", res.Demerits, want)
	}
	// The ratio is still the real one, for setting the glue.
	if res.Lines[0].Ratio != 0 {
		t.Fatalf("ratio %v for a line without glue", res.Lines[0].Ratio)
	}
}

// TestEmergencyStretchAdmitsOnly: the first line cannot be set well
// (the next word does not fit), so only the emergency pass sets the
// paragraph. That must not make a second loose line cheap: the breaker
// takes the hyphen that sets the second line exactly to the measure,
// where TeX, charging the emergency badness, keeps "bbbbbbbbb ccccc"
// spaced ten times its stretch to save the hyphen's penalty.
func TestEmergencyStretchAdmitsOnly(t *testing.T) {
	items := newPara(space).text("aaaa aaaa aaaa bbbbbbbbb ccccc ddd-eeee ffff").finish()
	for i := range items {
		if items[i].Discretionary {
			items[i].Penalty = 200
		}
	}
	p := DefaultParams()
	p.EmergencyStretch = 50
	res := mustBreak(t, items, width(200), p)
	if res.Pass != 3 || len(res.Lines) != 3 || !res.Lines[1].Hyphenated || res.Lines[1].Ratio != 0 {
		t.Fatalf("got %+v", res)
	}
	// Line 1: 60 short with 10 of stretch, real badness infinite: 10^8,
	// plus (10 + badness(60/60))²; line 2 exact, (10 + 0)² + 200², the
	// fitness jumps (decent start to very loose, very loose to decent)
	// 2 × 10000, the hyphen on the penultimate line 5000; the last line
	// (10 + 0)².
	if want := int64(100000000+110*110) + 100 + 40000 + 20000 + 5000 + 100; res.Demerits != want {
		t.Fatalf("demerits %d, want %d", res.Demerits, want)
	}
}

// TestPostBreakMaterial: a discretionary whose second half, set alone,
// is wider than its part of the whole word (a ligature across the break
// undone) makes the line after the break that much wider, and only when
// the break is taken.
func TestPostBreakMaterial(t *testing.T) {
	// "aaa bbbb-" fills a line of 90 exactly, and "cccc dd" is the only
	// second line (a line of "cccc" alone has no glue to stretch).
	items := newPara(space).text("aaa bbbb-cccc dd eeeeeeeee").finish()
	var disc int
	for i, it := range items {
		if it.Discretionary {
			disc = i
		}
	}
	p := DefaultParams()
	p.Tolerance = 10000
	res := mustBreak(t, items, width(90), p)
	if len(res.Lines) != 3 || res.Lines[0].Break != disc {
		t.Fatalf("got %+v", res)
	}
	// Second line: cccc (40) + space (10) + dd (20) = 70 in 90: ratio 20/5.
	if r := res.Lines[1].Ratio; r != 4 {
		t.Fatalf("second line ratio %v, want 4", r)
	}
	items[disc].PostWidth, items[disc].PostStretch = 10, 5
	res = mustBreak(t, items, width(90), p)
	if len(res.Lines) != 3 || res.Lines[0].Break != disc {
		t.Fatalf("with post-break material: %+v", res)
	}
	// 80 in 90 with 10 of stretch: ratio 1.
	if r := res.Lines[1].Ratio; r != 1 {
		t.Errorf("with post-break material, second line ratio %v, want 1", r)
	}
	// Unbroken, the word is as it was: "aaa bbbbcccc dd" is 150 wide
	// whatever the post-break material.
	res = mustBreak(t, items, width(150), p)
	if len(res.Lines) != 2 || res.Lines[0].Ratio != 0 || res.Lines[0].Hyphenated {
		t.Errorf("the word unbroken on a line of its natural width: %+v", res)
	}
}

func TestVariableLineWidths(t *testing.T) {
	text := strings.Repeat("ab cde fg hijk lm nop qr stu vw xyz ", 6)
	items := newPara(space).text(text).finish()
	// A drop cap: the first three lines are 100 narrower.
	lw := func(i int) int {
		if i < 3 {
			return 200
		}
		return 300
	}
	res := mustBreak(t, items, lw, DefaultParams())
	for i, ln := range res.Lines[:len(res.Lines)-1] {
		var l int
		for _, it := range items[ln.Start:ln.End] {
			if it.Kind != Penalty {
				l += it.Width
			}
		}
		if it := items[ln.Break]; it.Kind == Penalty {
			l += it.Width
		}
		if l > lw(i)+30 || l < lw(i)-80 {
			t.Errorf("line %d: natural width %d on a line of %d", i, l, lw(i))
		}
	}
	if res.Pass > 2 {
		t.Fatalf("pass %d", res.Pass)
	}
	uniform := mustBreak(t, items, width(300), DefaultParams())
	if uniform.Lines[0].End <= res.Lines[0].End {
		t.Fatalf("first line not shorter with the drop cap: %d vs %d", res.Lines[0].End, uniform.Lines[0].End)
	}
}

func TestUnterminatedParagraph(t *testing.T) {
	pp := newPara(space).text(strings.Repeat("lorem ipsum dolor sit amet ", 8))
	open := append([]Item(nil), pp.items...)
	closed := append(append([]Item(nil), pp.items...), Item{Kind: Penalty, Penalty: Infinity},
		Item{Kind: Glue, Stretch: FilStretch}, Item{Kind: Penalty, Penalty: -Infinity})
	a := mustBreak(t, open, width(250), DefaultParams())
	b := mustBreak(t, closed, width(250), DefaultParams())
	last := a.Lines[len(a.Lines)-1]
	if last.End != len(open) || last.Break != len(open) {
		t.Fatalf("last line %+v", last)
	}
	if a.Demerits != b.Demerits || a.Pass != b.Pass || len(a.Lines) != len(b.Lines) {
		t.Fatalf("open %+v\nclosed %+v", a, b)
	}
	if !reflect.DeepEqual(a.Lines[:len(a.Lines)-1], b.Lines[:len(b.Lines)-1]) {
		t.Fatalf("open %+v\nclosed %+v", a, b)
	}
	// A single box, unterminated.
	res := mustBreak(t, []Item{{Kind: Box, Width: 30}}, width(100), DefaultParams())
	if len(res.Lines) != 1 || res.Lines[0] != (Line{Start: 0, End: 1, Break: 1, Ratio: res.Lines[0].Ratio}) {
		t.Fatalf("got %+v", res)
	}
}

func TestDeterministic(t *testing.T) {
	items := benchParagraph(2000, 42)
	p := DefaultParams()
	a := Break(items, width(benchLineWidth), p)
	if err := checkResult(items, a); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if b := Break(items, width(benchLineWidth), p); !reflect.DeepEqual(a, b) {
			t.Fatal("results differ between runs")
		}
	}
	// Identical words: many ties.
	items = newPara(space).text(strings.Repeat("abc ", 200)).finish()
	a = Break(items, width(205), p)
	if b := Break(items, width(205), p); !reflect.DeepEqual(a, b) {
		t.Fatal("results differ between runs")
	}
}

func TestLargeParagraphs(t *testing.T) {
	for _, words := range []int{300, 10000} {
		items := benchParagraph(words, 1)
		res := Break(items, width(benchLineWidth), DefaultParams())
		if err := checkResult(items, res); err != nil {
			t.Fatal(err)
		}
		if res.Pass > 2 {
			t.Errorf("%d words: pass %d", words, res.Pass)
		}
		t.Logf("%d words, %d items: %d lines, pass %d, demerits %d", words, len(items), len(res.Lines), res.Pass, res.Demerits)
	}
}

func TestHugeParameters(t *testing.T) {
	items := newPara(space).text(strings.Repeat("aa-aa bbb c= dddd ", 20)).finish()
	for _, v := range []int{math.MaxInt, math.MinInt, -1} {
		p := Params{Tolerance: v, Pretolerance: v, LinePenalty: v, DoubleHyphenDemerits: v,
			FinalHyphenDemerits: v, AdjDemerits: v, EmergencyStretch: v, Looseness: v, MaxHyphenRun: v}
		mustBreak(t, items, width(120), p)
	}
}

func TestLooseness(t *testing.T) {
	items := benchParagraph(300, 3)
	p := DefaultParams()
	base := mustBreak(t, items, width(benchLineWidth), p)
	p.Looseness = 1
	res := mustBreak(t, items, width(benchLineWidth), p)
	if len(res.Lines) != len(base.Lines)+1 || res.Demerits < base.Demerits {
		t.Errorf("looseness 1: %d lines, optimum has %d", len(res.Lines), len(base.Lines))
	}
	// Two more lines are out of reach: the nearest count towards it.
	p.Looseness = 2
	if res2 := mustBreak(t, items, width(benchLineWidth), p); !reflect.DeepEqual(res2, res) {
		t.Errorf("looseness 2: %d lines, optimum has %d", len(res2.Lines), len(base.Lines))
	}
	// Shrinking by a whole line is out of reach here: the nearest count
	// towards it is the optimum's own.
	p.Looseness = -1
	res = mustBreak(t, items, width(benchLineWidth), p)
	if len(res.Lines) != len(base.Lines) || res.Demerits != base.Demerits {
		t.Errorf("looseness -1: %+v, optimum %+v", res, base)
	}
}

func TestLoosenessOnMaterialThatNeverFills(t *testing.T) {
	// Zero-width material: nothing is ever deactivated, and with every
	// line count kept apart the active list would grow with the square of
	// the length. Break must give up Looseness and finish promptly.
	var items []Item
	for range 2000 {
		items = append(items, Item{Kind: Box}, Item{Kind: Glue})
	}
	items = append(items, Item{Kind: Glue, Stretch: FilStretch}, Item{Kind: Penalty, Penalty: -Infinity})
	p := DefaultParams()
	p.Tolerance = 10000
	p.Looseness = 1
	done := make(chan Result)
	go func() { done <- Break(items, width(10), p) }()
	select {
	case res := <-done:
		if err := checkResult(items, res); err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Break did not finish")
	}
}

// ---------------------------------------------------------------------
// Fuzzing.

type byteReader struct{ data []byte }

func (r *byteReader) u8() byte {
	if len(r.data) == 0 {
		return 0
	}
	b := r.data[0]
	r.data = r.data[1:]
	return b
}

var fuzzPenalties = []int{-20000, -10000, -9999, -500, -1, 0, 1, 50, 100, 9999, 10000, 20000}

// fuzzHyphenRuns are the values of MaxHyphenRun, chosen by bits 2-4 of
// the first byte (so that inputs from before it existed keep their
// meaning, with no limit).
var fuzzHyphenRuns = []int{0, 1, 2, 3, 1, 2, -1, math.MaxInt}

// decodeFuzz turns bytes into parameters, line widths and items. The
// first byte chooses between tame paragraphs (non-negative widths, shrink
// within width, terminated), on which the oracle applies when they are
// small, and anything goes, and sets the hyphen limit.
func decodeFuzz(data []byte) ([]Item, []int, Params) {
	r := &byteReader{data}
	mode := r.u8()
	wild, open := mode&1 != 0, mode&2 != 0
	p := Params{
		Tolerance:            int(r.u8()) * 50,
		Pretolerance:         int(int8(r.u8())) * 4,
		LinePenalty:          int(r.u8() % 64),
		DoubleHyphenDemerits: int(r.u8()%4) * 4000,
		FinalHyphenDemerits:  int(r.u8()%4) * 2500,
		AdjDemerits:          int(r.u8()%4) * 5000,
		EmergencyStretch:     int(r.u8()%4) * 15,
		Looseness:            int(int8(r.u8())) % 3,
		MaxHyphenRun:         fuzzHyphenRuns[mode>>2&7],
	}
	if l := int(mode >> 5); l > 0 {
		p.Unhyphenated = []int{l - 1}
	}
	widths := make([]int, 1+int(r.u8()%4))
	for i := range widths {
		if wild {
			widths[i] = int(r.u8()) - 16
		} else {
			widths[i] = 10 + int(r.u8()%128)
		}
	}
	var items []Item
	for len(r.data) > 0 && len(items) < 96 {
		op := r.u8()
		switch op % 8 {
		case 0, 1, 2:
			w := int(r.u8())
			if wild {
				w -= 8
			} else {
				w %= 48
			}
			box := Item{Kind: Box, Width: w}
			if op&8 != 0 {
				// Expandable glyphs.
				box.Stretch, box.Shrink = int(op>>4), max(w, 0)/8
			}
			items = append(items, box)
		case 3:
			k := Kind(3 + op>>5)
			if !wild {
				k = Box
			}
			items = append(items, Item{Kind: k, Width: int(r.u8() % 64)})
		case 4, 5:
			g := Item{Kind: Glue, Width: int(r.u8() % 16), Shrink: int(r.u8() % 40)}
			if !wild {
				g.Shrink %= g.Width + 1
			}
			if s := r.u8(); s == 255 {
				g.Stretch = FilStretch
			} else {
				g.Stretch = int(s % 16)
			}
			items = append(items, g)
		case 6, 7:
			pen := Item{Kind: Penalty, Penalty: fuzzPenalties[int(r.u8())%len(fuzzPenalties)],
				Width: int(r.u8() % 8), Flagged: op&16 != 0, Discretionary: op&32 != 0}
			if op&64 != 0 {
				// Post-break material, -4..3 wide, its stretch and shrink
				// -1..1.
				b := r.u8()
				pen.PostWidth, pen.PostStretch, pen.PostShrink = int(b%8)-4, int(b>>3%3)-1, int(b>>5%3)-1
			}
			items = append(items, pen)
		}
	}
	if !open && len(items) > 0 {
		items = append(items, Item{Kind: Glue, Stretch: FilStretch}, Item{Kind: Penalty, Penalty: -Infinity})
	}
	return items, widths, p
}

// monotone reports whether the items meet the conditions under which
// Break is exactly optimal, so that the oracle applies.
func monotone(items []Item) bool {
	for _, it := range items {
		switch it.Kind {
		case Box, Glue:
			if it.Width < 0 || it.Stretch < 0 || it.Shrink < 0 || it.Shrink > it.Width {
				return false
			}
		case Penalty:
		default:
			return false
		}
	}
	return true
}

func FuzzBreak(f *testing.F) {
	f.Add([]byte{4, 25, 10, 1, 1, 1, 0, 0, 0, 60, 0, 20, 4, 10, 3, 5, 0, 30, 6, 7, 2, 0, 25, 5, 0, 0, 255, 6, 1, 0})
	f.Add([]byte{0, 255, 0, 0, 0, 0, 3, 1, 1, 40, 50, 0, 200, 4, 3, 1, 2, 0, 9, 6, 5})
	f.Add([]byte("the quick brown fox jumps over the lazy dog, again and again"))
	rng := rand.New(rand.NewPCG(9, 9))
	for range 8 {
		seed := make([]byte, 40+rng.IntN(80))
		for i := range seed {
			seed[i] = byte(rng.UintN(256))
		}
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		items, widths, p := decodeFuzz(data)
		lw := func(i int) int { return widths[min(i, len(widths)-1)] }
		res := Break(items, lw, p)
		if err := checkResult(items, res); err != nil {
			t.Fatalf("%v\nparams %+v widths %v\nitems %+v\nresult %+v", err, p, widths, items, res)
		}
		if res.Pass == 1 && p.Pretolerance < 0 || res.Pass == 3 && p.EmergencyStretch <= 0 {
			t.Fatalf("pass %d with params %+v", res.Pass, p)
		}
		if err := checkHyphenRun(items, res, p.MaxHyphenRun); err != nil {
			t.Fatalf("%v\nparams %+v widths %v\nitems %+v\nresult %+v", err, p, widths, items, res)
		}
		if p.MaxHyphenRun != 0 {
			// Compare with no limit, which only adds breakings. That
			// settles pass and demerits when deactivation is exact
			// (monotone items); on other items, a node that the final
			// pass keeps alive for the limit's sake instead of breaking
			// from it may form a feasible line after all, where without
			// the limit the fallback broke from it at once.
			free := p
			free.MaxHyphenRun = 0
			u := Break(items, lw, free)
			switch {
			case p.MaxHyphenRun < 0 || p.MaxHyphenRun == math.MaxInt:
				if !reflect.DeepEqual(res, u) {
					t.Fatalf("no effective limit, yet\n%+v\nunlimited %+v", res, u)
				}
			case p.Looseness != 0 || !monotone(items):
			case res.Pass < 4 && (u.Pass > res.Pass || u.Pass == res.Pass && u.Demerits > res.Demerits):
				t.Fatalf("limited: pass %d demerits %d; unlimited: pass %d demerits %d\nparams %+v widths %v\nitems %+v",
					res.Pass, res.Demerits, u.Pass, u.Demerits, p, widths, items)
			case u.Pass < 4 && hyphenRun(u.Lines) <= p.MaxHyphenRun && (u.Pass != res.Pass || u.Demerits != res.Demerits):
				t.Fatalf("the unlimited optimum keeps to the limit, yet: pass %d demerits %d; unlimited: pass %d demerits %d\nparams %+v widths %v\nitems %+v",
					res.Pass, res.Demerits, u.Pass, u.Demerits, p, widths, items)
			}
		}
		if len(items) == 0 || !oracleForced(items[len(items)-1]) || !monotone(items) || legalCount(items) > 12 {
			return
		}
		want, r, dem, lines, ambiguous := oracleExpect(items, lw, p)
		if ambiguous {
			return
		}
		if res.Pass != want || (want < 4 && res.Demerits != dem) || (want < 4 && p.Looseness != 0 && len(res.Lines) != lines) {
			t.Fatalf("got pass %d demerits %d lines %d; oracle pass %d demerits %d lines %d\nparams %+v widths %v\nitems %+v\nresult %+v",
				res.Pass, res.Demerits, len(res.Lines), want, dem, lines, p, widths, items, res)
		}
		if want < 4 {
			if score, err := oracleScore(items, lw, p, r, res.Lines); err != nil || score != res.Demerits {
				t.Fatalf("score %d (%v), demerits %d\nitems %+v\nresult %+v", score, err, res.Demerits, items, res)
			}
		}
	})
}
