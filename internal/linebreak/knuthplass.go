package linebreak

import (
	"math"
	"slices"
	"sync"
)

// pass is one run of the algorithm over the whole paragraph.
type pass struct {
	number    int
	threshold int // largest badness of a feasible line
	// discretionary: whether Discretionary penalties are breakpoints.
	discretionary bool
	// emergency is extra stretch given to every line when judging it.
	emergency int64
	// final: when every active node would be deactivated without a
	// feasible break, keep the best one anyway (artificial demerits),
	// so that the pass cannot fail.
	final bool
}

// node is a breakpoint reached by some breaking of the paragraph so far:
// an entry of the active list while lines from it may still be formed,
// and afterwards part of the chain that Break follows back to read off
// the lines (TeX's passive list). Nodes live in breaker.nodes and are
// referred to by index, which is also their order of creation. Indices
// are int32 to keep nodes small: the active list is scanned at every
// breakpoint, and a paragraph has far fewer than 2³¹ items.
type node struct {
	pos   int32 // index of the break item; -1 for the start of the paragraph
	start int32 // first item of the line after this break, discardables skipped
	// line is the number of the line after this break, except that all
	// numbers from breaker.easy on are folded into easy: such lines all
	// have the same width, so nodes differing only there are equivalent.
	line int32
	prev int32 // node of the previous break, -1 for the start node
	// post indexes breaker.posts: the material the line after this break
	// has beyond its items (a penalty's Post fields); 0 for none.
	post       int32
	total      int64 // total demerits of the best breaking up to here
	fit        fitness
	flagged    bool // the break is at a flagged penalty (a hyphen)
	artificial bool // kept by the final fallback, not by feasibility
	// run is how many lines in a row, up to and including the one ending
	// here, end at flagged breaks: 0 after an unflagged break, and always
	// 0 without a hyphen limit (breaker.maxRun == 0), so that nodes are
	// told apart by it only when it matters. Like the fitness class it is
	// part of the node's state: two nodes at one position that differ in
	// run allow different continuations.
	run int32
}

// candidate is the best feasible way found, at the current breakpoint, to
// end a line in one fitness class (and run length, with a hyphen limit):
// TeX's minimal_demerits[fit_class].
type candidate struct {
	ok    bool
	total int64
	from  int32 // node the line starts from
}

// group holds the candidates for one line class at the current breakpoint:
// breaker.cands[off:off+4*breaker.runs], four fitness classes for each run
// length the breakpoint can end (see tryBreak).
type group struct {
	line int32
	off  int32
}

// totals are the width, stretch and shrink of boxes and glue before an
// item: the material of items[i:j] measures sums[j] minus sums[i].
// Penalties add nothing: their width counts only on the line they end.
type totals struct{ w, y, z int64 }

// breakpoint is a legal breakpoint and where the line after it starts:
// at the first box after it, the glue and penalties in between being
// discarded (TeX §837); post indexes breaker.posts, as in node.
type breakpoint struct{ pos, start, post int32 }

// breaker holds what all passes share: the items as prefix sums, the legal
// breakpoints and the line widths, plus scratch space reused by each pass.
type breaker struct {
	items      []Item
	n          int // len(items)
	ext        int // n, plus 3 if Break appends the paragraph's end
	terminated bool
	p          Params

	sums   []totals     // len ext+1
	breaks []breakpoint // in order; those of every pass
	// posts are the penalties' post-break materials, from index 1 on:
	// few penalties have one, so nodes and breakpoints refer to them by
	// index rather than carry three widths each.
	posts []totals
	// widths[i] is the width of line i, for every line that can exist.
	widths []int64
	// easy is the first line number from which all widths are equal, or
	// len(breaks) when line numbers must all be told apart.
	easy int32
	// looseness is Params.Looseness, unless given up (see solve).
	looseness int
	// maxRun is Params.MaxHyphenRun when it can matter, else 0: no
	// limit. A run never exceeds the number of lines, which is at most
	// len(breaks), so a larger limit is no limit at all.
	maxRun int32

	nodes  []node
	active []int32 // indices into nodes, in order of creation
	groups []group
	// cands holds the groups' candidates; runs is how many run lengths
	// each group distinguishes at the current breakpoint.
	cands []candidate
	runs  int
}

// appended are the items Break adds to a paragraph that does not end with
// a forced break: a forbidding penalty (so that the fil glue is never a
// breakpoint, TeX §816), the fil glue and the forced break.
var appended = [3]Item{
	{Kind: Penalty, Penalty: Infinity},
	{Kind: Glue, Stretch: FilStretch},
	{Kind: Penalty, Penalty: -Infinity},
}

func (b *breaker) item(i int) Item {
	if i < b.n {
		return b.items[i]
	}
	return appended[i-b.n]
}

func isBox(k Kind) bool { return k != Glue && k != Penalty }

// breakers keeps breakers between paragraphs: their slices, grown to a
// paragraph's size, are most of what breaking one allocates.
var breakers = sync.Pool{New: func() any { return new(breaker) }}

// grow returns s with length n, its contents undefined, reusing its
// array when large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// release returns b to the pool; nothing may use it afterwards.
func (b *breaker) release() {
	b.items = nil // the caller's
	breakers.Put(b)
}

// newBreaker readies a breaker, from the pool, for items; release it
// when done.
func newBreaker(items []Item, lineWidth func(int) int, p Params) *breaker {
	b := breakers.Get().(*breaker)
	*b = breaker{items: items, n: len(items), p: p,
		sums: b.sums, breaks: b.breaks[:0], posts: b.posts[:0], widths: b.widths,
		nodes: b.nodes[:0], active: b.active[:0], groups: b.groups[:0], cands: b.cands[:0]}
	last := items[len(items)-1]
	b.terminated = last.Kind == Penalty && last.Penalty <= -Infinity
	b.ext = b.n
	if !b.terminated {
		b.ext += len(appended)
	}
	if b.ext >= math.MaxInt32 {
		panic("linebreak: paragraph of 2³¹ items or more")
	}
	b.sums = grow(b.sums, b.ext+1)
	b.sums[0] = totals{}
	for i := 0; i < b.ext; i++ {
		it := b.item(i)
		t := b.sums[i]
		if it.Kind != Penalty {
			t.w += int64(it.Width)
			t.y += int64(it.Stretch)
			t.z += int64(it.Shrink)
		}
		b.sums[i+1] = t
	}

	// Scanning backwards finds, for each item, the next box and the next
	// forced break, which decide both where the line after a break starts
	// and whether a break is legal.
	b.breaks = slices.Grow(b.breaks, b.ext/2+1)
	nextBox := b.ext    // first box after i
	nextForced := b.ext // first forced break after i
	for i := b.ext - 1; i >= 0; i-- {
		it := b.item(i)
		forced := it.Kind == Penalty && it.Penalty <= -Infinity
		switch {
		case isBox(it.Kind):
		case forced:
			b.breaks = append(b.breaks, breakpoint{pos: int32(i), start: int32(nextBox)})
		case it.Kind == Penalty && it.Penalty >= Infinity:
		case it.Kind == Glue && (i == 0 || !isBox(b.item(i-1).Kind)):
		case nextBox < nextForced:
			// A penalty, or a glue that follows a box: legal, unless no
			// box comes between it and the next forced break, so that
			// the line after it would be empty. TeX avoids those breaks
			// by putting \penalty10000 before \parfillskip, and LaTeX's
			// \\ a \nobreak before its \hfil.
			b.breaks = append(b.breaks, breakpoint{pos: int32(i), start: int32(nextBox)})
		}
		if isBox(it.Kind) {
			nextBox = i
		}
		if forced {
			nextForced = i
		}
	}
	slices.Reverse(b.breaks)
	for i, bp := range b.breaks {
		if it := b.item(int(bp.pos)); it.Kind == Penalty && (it.PostWidth != 0 || it.PostStretch != 0 || it.PostShrink != 0) {
			if len(b.posts) == 0 {
				b.posts = append(b.posts, totals{}) // index 0: none
			}
			b.posts = append(b.posts, totals{int64(it.PostWidth), int64(it.PostStretch), int64(it.PostShrink)})
			b.breaks[i].post = int32(len(b.posts) - 1)
		}
	}

	// Every line ends at a distinct legal breakpoint, so line numbers stay
	// below len(b.breaks). Knowing all the widths that can matter tells
	// exactly from which line on they are constant: nodes beyond that
	// point need not be told apart by line number (TeX's easy_line), which
	// keeps the active list short.
	m := len(b.breaks)
	b.widths = grow(b.widths, m+1)
	for i := range b.widths {
		b.widths[i] = int64(lineWidth(i))
	}
	b.setLooseness(p.Looseness)
	if p.MaxHyphenRun > 0 && p.MaxHyphenRun < m {
		b.maxRun = int32(p.MaxHyphenRun)
	}
	b.nodes = slices.Grow(b.nodes, m+1)
	return b
}

// setLooseness sets the looseness the passes aim at, and with it from
// which line number on nodes are told apart no more.
func (b *breaker) setLooseness(looseness int) {
	b.looseness = looseness
	m := len(b.widths) - 1
	easy := m
	if looseness == 0 {
		for easy > 0 && b.widths[easy-1] == b.widths[m] {
			easy--
		}
	}
	// With Looseness != 0 every line count must stay distinguishable, so
	// nothing is folded (easy == m exceeds every reachable line number).
	// Lines that must not end in a hyphen are told apart by number too.
	for _, l := range b.p.Unhyphenated {
		if l >= easy && l < m {
			easy = l + 1
		}
	}
	b.easy = int32(easy)
}

// unhyphenated reports whether line (0-based, exact below b.easy) must
// not end at a flagged break.
func (b *breaker) unhyphenated(line int32) bool {
	if line >= b.easy {
		return false
	}
	for _, l := range b.p.Unhyphenated {
		if int32(l) == line {
			return true
		}
	}
	return false
}

// maxLooseActive bounds the active list when Looseness keeps every line
// count apart. Real text stays far below it (a 10,000-word paragraph
// needs about 1,400 nodes); material that never fills a line would
// otherwise keep a node for every position and line count, and take time
// cubic in its length.
const maxLooseActive = 4096

// solve runs the passes in turn until one finds a breaking.
func (b *breaker) solve(passes []pass) Result {
	for {
		restart := false
		for _, ps := range passes {
			res, st := b.run(ps)
			if st == found {
				return res
			}
			if st == tooManyLineCounts {
				// Give up Looseness rather than hang.
				b.setLooseness(0)
				restart = true
				break
			}
		}
		if !restart {
			// The final pass keeps an artificially demerited node
			// whenever the active list would otherwise empty, so it
			// cannot fail.
			panic("linebreak: final pass found no breaking")
		}
	}
}

type status int

const (
	failed status = iota
	found
	tooManyLineCounts
)

// judge returns the badness and fitness class of a line that is shortfall
// narrower than its measure (negative: wider), with stretch y and shrink z;
// overfull means it cannot be shrunk enough (r < -1). The adjustment ratio
// is computed once, and not at all for a line so loose (r > 5) that its
// badness is capped anyway: near the current position most active nodes
// start such lines.
func judge(shortfall, y, z, emergency int64) (bad int, fit fitness, overfull bool) {
	switch {
	case shortfall > 0:
		s := y + emergency
		if s <= 0 || (s <= math.MaxInt64/5 && shortfall > 5*s) {
			return infBad, veryLoose, false
		}
		r := float64(shortfall) / float64(s)
		return ratioBadness(r), fitnessOf(r), false
	case shortfall < 0:
		if -shortfall > z {
			return infBad + 1, tight, true
		}
		r := float64(shortfall) / float64(z)
		return ratioBadness(-r), fitnessOf(r), false
	}
	return 0, decent, false
}

// demerits of a line with badness bad ending at a break of penalty pi,
// after the break of node a. final says this is the paragraph's last
// break, which TeX treats as hyphenated so that a hyphen on the
// penultimate line is charged FinalHyphenDemerits.
func (b *breaker) demerits(bad, pi int, flagged, final bool, fit fitness, a *node) int64 {
	d := b.lineDemerits(bad)
	// A forced break adds nothing: every breaking pays for it alike.
	if pi > 0 {
		d += int64(pi) * int64(pi)
	} else if pi < 0 && pi > -Infinity {
		d -= int64(pi) * int64(pi)
	}
	if a.flagged {
		if final {
			d = satAdd(d, int64(b.p.FinalHyphenDemerits))
		} else if flagged {
			d = satAdd(d, int64(b.p.DoubleHyphenDemerits))
		}
	}
	if diff := fit - a.fit; diff > 1 || diff < -1 {
		d = satAdd(d, int64(b.p.AdjDemerits))
	}
	return d
}

// lineDemerits is the part of a line's demerits that its badness makes:
// (line penalty + badness)². TeX caps the sum at 10000 before squaring,
// so that an infinitely bad line costs 10^8 and sums stay far from
// overflow.
func (b *breaker) lineDemerits(bad int) int64 {
	lp := int64(b.p.LinePenalty)
	lp = max(min(lp, 2*infBad), -2*infBad)
	l := lp + int64(bad)
	if l >= infBad || l <= -infBad {
		return infBad * infBad
	}
	return l * l
}

// run performs one pass and reports whether it found a breaking.
func (b *breaker) run(ps pass) (Result, status) {
	b.nodes = append(b.nodes[:0], node{pos: -1, start: 0, line: 0, prev: -1, fit: decent})
	b.active = append(b.active[:0], 0)
	for _, bp := range b.breaks {
		it := b.item(int(bp.pos))
		if it.Kind == Penalty && it.Discretionary && !ps.discretionary && it.Penalty > -Infinity {
			continue
		}
		b.tryBreak(bp, it, ps)
		if len(b.active) == 0 {
			return Result{}, failed
		}
		if b.looseness != 0 && len(b.active) > maxLooseActive {
			return Result{}, tooManyLineCounts
		}
	}
	// The last item is a forced break, which deactivated every older
	// node: the active list holds the ways of ending the paragraph.
	best := b.active[0]
	for _, a := range b.active[1:] {
		if b.nodes[a].total < b.nodes[best].total {
			best = a
		}
	}
	if b.looseness != 0 {
		// TeX §875: among the line counts between the optimum's and the
		// optimum's plus Looseness, take the one nearest the latter, and
		// the fewest demerits for that count.
		bestLine := int(b.nodes[best].line)
		got := 0
		for _, a := range b.active {
			nd := &b.nodes[a]
			diff := int(nd.line) - bestLine
			switch {
			case (diff < got && b.looseness <= diff) || (diff > got && b.looseness >= diff):
				best, got = a, diff
			case diff == got && nd.total < b.nodes[best].total:
				best = a
			}
		}
		if got != b.looseness && !ps.final {
			return Result{}, failed
		}
	}
	return b.lines(best, ps), found
}

// tryBreak considers ending a line at the legal breakpoint bp from every
// active node (TeX's try_break): it records the best feasible breaks per
// line class, fitness class and run length as new active nodes, and
// deactivates the nodes from which no later line can be feasible.
func (b *breaker) tryBreak(bp breakpoint, it Item, ps pass) {
	var pw int64
	var pi int
	flagged, forced := false, false
	if it.Kind == Penalty {
		pw, pi, flagged = int64(it.Width), it.Penalty, it.Flagged
		forced = pi <= -Infinity
	}
	pos := bp.pos
	final := int(pos) == b.ext-1
	end := b.sums[pos]
	// With a hyphen limit, a line that ends at a flagged break lengthens
	// its start node's run by one, to 1..maxRun, and cannot start from a
	// node whose run is maxRun already; a line that ends anywhere else
	// ends every run. So the new nodes here have run 0 only, or runs
	// 1..maxRun: candidate index r stands for run r+1 when counting.
	counting := flagged && b.maxRun > 0
	b.runs = 1
	if counting {
		b.runs = int(b.maxRun)
	}
	b.groups = b.groups[:0]
	b.cands = b.cands[:0]
	// The best deactivated node, for the final fallback; blocked: the
	// hyphen limit forbids a line from it to here.
	dropped, droppedFit, droppedBlocked := int32(-1), decent, false

	kept := b.active[:0] // compacting in place: writes trail the reads
	for _, ai := range b.active {
		a := &b.nodes[ai]
		var l, y, z int64
		if pos > a.start {
			s := &b.sums[a.start]
			l, y, z = end.w-s.w, end.y-s.y, end.z-s.z
			if a.post != 0 {
				p := &b.posts[a.post]
				l, y, z = l+p.w, y+p.y, z+p.z
			}
		}
		target := b.widths[a.line]
		bad, fit, overfull := judge(target-l-pw, y, z, ps.emergency)
		// The node is useless from now on if its material alone (without
		// this break's width) is already too wide: later lines from it
		// only add material. A forced break ends every line.
		deactivate := forced || target-l < -z
		blocked := counting && a.run >= b.maxRun || flagged && b.unhyphenated(a.line)
		if !overfull && bad <= ps.threshold && !blocked {
			var d int64
			if ps.emergency > 0 {
				// The emergency stretch decides which lines are allowed,
				// not what they cost: a line costs its real badness, so
				// that the pass admits the loose lines a paragraph cannot
				// do without but does not spread looseness over lines
				// that could be set well (TeX, which charges the
				// emergency badness, lets the paragraph's other lines go
				// as loose to save a hyphen). Lines too loose for their
				// real badness to rank them (capped at infBad) are ranked
				// among themselves by the emergency one.
				eb := bad
				bad, fit, _ = judge(target-l-pw, y, z, 0)
				d = b.demerits(bad, pi, flagged, final, fit, a)
				if bad >= infBad {
					d = satAdd(d, b.lineDemerits(eb))
				}
			} else {
				d = b.demerits(bad, pi, flagged, final, fit, a)
			}
			total := satAdd(a.total, d)
			k := b.group(min(a.line+1, b.easy)) + int(fit)
			if counting {
				k += 4 * int(a.run)
			}
			c := &b.cands[k]
			// Strict comparison: among equals the earlier node wins,
			// since the active list is in order of creation.
			if !c.ok || total < c.total {
				*c = candidate{ok: true, total: total, from: ai}
			}
		}
		if deactivate {
			// The fallback honours the hyphen limit if any node lets it.
			if dropped < 0 || (droppedBlocked && !blocked) ||
				(droppedBlocked == blocked && a.total < b.nodes[dropped].total) {
				dropped, droppedFit, droppedBlocked = ai, fit, blocked
			}
			continue
		}
		kept = append(kept, ai)
	}
	b.active = kept

	if len(b.groups) > 0 {
		adj := int64(b.p.AdjDemerits)
		if adj < 0 {
			adj = -adj
			if adj < 0 {
				adj = math.MaxInt64
			}
		}
		for _, g := range b.groups {
			// Nodes at one position and line class differ only by
			// fitness and run. Fitness can change a continuation's cost
			// by at most AdjDemerits; a node that much worse than the
			// best can never win, so it is not created (TeX §836). A
			// shorter run allows every continuation a longer one does,
			// at the same cost; so the comparison extends to the nodes
			// of shorter runs, and a node is not created either when one
			// of the same fitness and a shorter run costs no more.
			// Without a hyphen limit there is one run and this is TeX's
			// rule alone.
			cs := b.cands[g.off : int(g.off)+4*b.runs]
			minTotal := int64(math.MaxInt64)
			var shorter [4]candidate // best of each fitness at shorter runs
			for r := 0; r < b.runs; r++ {
				rc := cs[4*r : 4*r+4]
				for _, c := range rc {
					if c.ok && c.total < minTotal {
						minTotal = c.total
					}
				}
				limit := satAdd(minTotal, adj)
				run := int32(0)
				if counting {
					run = int32(r) + 1
				}
				for f, c := range rc {
					if c.ok && c.total <= limit && (!shorter[f].ok || c.total < shorter[f].total) {
						b.nodes = append(b.nodes, node{pos: pos, start: bp.start, line: g.line, prev: c.from, post: bp.post,
							total: c.total, fit: fitness(f), flagged: flagged, run: run})
						b.active = append(b.active, int32(len(b.nodes)-1))
					}
				}
				for f, c := range rc {
					if c.ok && (!shorter[f].ok || c.total < shorter[f].total) {
						shorter[f] = c
					}
				}
			}
		}
		return
	}
	if ps.final && len(b.active) == 0 && dropped >= 0 {
		// TeX §854: rather than fail, break here anyway from the best of
		// the nodes just deactivated, at no charge; the line will be
		// overfull or too loose, and the paragraph goes on. A node the
		// hyphen limit allows to break here is preferred.
		if droppedBlocked && !forced {
			// None is allowed: keep the best active, so that its line
			// runs on to a later break, one the limit allows or else a
			// forced one (the paragraph's end at the latest).
			b.active = append(b.active, dropped)
			return
		}
		// A forced break cannot be passed: if the limit forbids it, the
		// run goes past the limit here and then counts as maxRun, so
		// that only another forced break can lengthen it.
		a := &b.nodes[dropped]
		run := int32(0)
		if counting {
			run = min(a.run+1, b.maxRun)
		}
		b.nodes = append(b.nodes, node{pos: pos, start: bp.start, line: min(a.line+1, b.easy),
			prev: dropped, post: bp.post, total: a.total, fit: droppedFit, flagged: flagged, artificial: true, run: run})
		b.active = append(b.active, int32(len(b.nodes)-1))
	}
}

// group returns the offset in b.cands of the candidates for line class
// line, adding them if new. A breakpoint rarely sees more than a few line
// classes, so a linear search beats a map.
func (b *breaker) group(line int32) int {
	for _, g := range b.groups {
		if g.line == line {
			return int(g.off)
		}
	}
	off := len(b.cands)
	b.cands = append(b.cands, make([]candidate, 4*b.runs)...)
	b.groups = append(b.groups, group{line: line, off: int32(off)})
	return off
}

// lines follows the chain of breaks back from node last and measures the
// lines between them.
func (b *breaker) lines(last int32, ps pass) Result {
	count := 0
	artificial := false
	for k := last; b.nodes[k].prev >= 0; k = b.nodes[k].prev {
		count++
		artificial = artificial || b.nodes[k].artificial
	}
	res := Result{Lines: make([]Line, count), Pass: ps.number, Demerits: b.nodes[last].total}
	if artificial {
		res.Pass = 4
	}
	i := count - 1
	for k := last; b.nodes[k].prev >= 0; k = b.nodes[k].prev {
		nd := &b.nodes[k]
		a := &b.nodes[nd.prev]
		pos, start := int(nd.pos), int(min(a.start, nd.pos))
		it := b.item(pos)
		s, e := b.sums[start], b.sums[pos]
		l, y, z := e.w-s.w, e.y-s.y, e.z-s.z
		if a.post != 0 && pos > int(a.start) {
			p := &b.posts[a.post]
			l, y, z = l+p.w, y+p.y, z+p.z
		}
		if it.Kind == Penalty {
			l += int64(it.Width)
		}
		ln := Line{Start: start, End: pos, Break: pos, Hyphenated: it.Kind == Penalty && it.Flagged}
		shortfall := b.widths[i] - l
		switch {
		case shortfall > 0 && y > 0:
			ln.Ratio = float64(shortfall) / float64(y)
		case shortfall < 0 && -shortfall > z:
			ln.Ratio, ln.Overfull = -1, true
		case shortfall < 0:
			ln.Ratio = float64(shortfall) / float64(z)
		}
		if !b.terminated {
			// Only the last line can reach the appended items.
			ln.Start, ln.End, ln.Break = min(ln.Start, b.n), min(ln.End, b.n), min(ln.Break, b.n)
		}
		res.Lines[i] = ln
		i--
	}
	return res
}
