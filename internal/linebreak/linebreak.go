// Package linebreak chooses where to break a paragraph into lines with the
// total-fit algorithm of Knuth and Plass ("Breaking Paragraphs into Lines",
// 1981), the one TeX uses (The TeX Program §813–§890).
//
// A paragraph is a sequence of items: boxes (material of fixed width),
// glue (space that can stretch and shrink) and penalties (places where a
// break is more or less desirable). Instead of filling lines greedily, the
// algorithm looks at every feasible breakpoint and keeps, for each one, the
// cheapest way of reaching it measured in demerits; the paragraph's breaks
// are the cheapest path to its end. Keeping only "active nodes" (breakpoints
// from which a line could still reach the current position) makes the work
// proportional to the number of items times the number of active nodes.
//
// All widths are integers in a unit chosen by the caller (for example
// 1/1000 pt or TeX's scaled points) so that results do not depend on
// floating-point rounding of accumulated widths; only the adjustment ratio
// and badness are computed in floating point, from exact integer totals.
package linebreak

import "math"

// Kind says what an Item is.
type Kind uint8

// The three kinds of item of the Knuth–Plass model. Box is the zero value so
// that a zero Item is an empty box, which can never be a breakpoint. Kind
// values other than Glue and Penalty are treated as Box.
const (
	// Box is material of fixed width: a word, a syllable, a kern.
	Box Kind = iota
	// Glue is a space of natural Width that may stretch by up to Stretch per
	// unit of adjustment ratio and shrink by up to Shrink. A glue item is a
	// legal breakpoint only when the item just before it is a box, so that
	// breaking never happens inside a run of spaces or after a penalty.
	Glue
	// Penalty marks a possible breakpoint with a cost. Its Width is added to
	// the line only if the line breaks there (a hyphen, for instance).
	Penalty
)

// Infinity is the penalty that forbids a break (Penalty >= Infinity); its
// negation forces one (Penalty <= -Infinity). It is TeX's 10000, which is
// also the badness of an infinitely bad line (inf_bad).
const Infinity = 10000

// FilStretch is the stretchability to give the glue that ends a paragraph
// (TeX's \parfillskip, "0pt plus 1fil"), so that the last line may be as
// short as it likes at no cost.
//
// It is a large finite number rather than a separate order of infinity: a
// line that contains it has a tiny adjustment ratio, hence badness 0 and
// the decent fitness class, exactly as TeX treats a fil-stretchable line
// (this holds while the line falls short by less than FilStretch/6, some
// 2,700 pt even in scaled points),
// and Line.Ratio can still be applied uniformly to every glue item of the
// line (the FilStretch glue then takes almost all the slack, ordinary glue
// moves by a negligible fraction of a unit). It is small enough that even
// thousands of such glues cannot overflow the int64 totals used inside.
const FilStretch = 1 << 30

// Item is one element of a paragraph: a box, a glue or a penalty.
type Item struct {
	Kind Kind
	// Width is the natural width, in the caller's integer unit. For a
	// penalty it is the width added to the line when it breaks there
	// (typically the width of a hyphen) and is ignored otherwise.
	Width int
	// Stretch is how much a glue item can stretch (per unit of ratio);
	// FilStretch makes it practically infinite. A box may stretch too:
	// its glyphs widened by font expansion (pdfTeX's \pdfadjustspacing),
	// which the line's adjustment ratio then spreads over glyphs and
	// spaces alike. Ignored for penalties.
	Stretch int
	// Shrink is how much a glue item, or a box's glyphs, can shrink at
	// most. Ignored for penalties. Keeping Shrink <= Width is what real
	// fonts do and is what makes the search provably optimal (see Break).
	Shrink int
	// Penalty is the aesthetic cost of breaking at a penalty item.
	// Penalty >= Infinity forbids a break, Penalty <= -Infinity forces one.
	Penalty int
	// Flagged marks a penalty whose break leaves a hyphen at the end of
	// the line (explicit or discretionary), so that consecutive hyphenated
	// lines and a hyphenated penultimate line can be charged extra.
	Flagged bool
	// Discretionary marks a penalty inserted by a hyphenator rather than
	// written by the author. The first pass ignores such breaks (unless
	// forced), as TeX's first pass runs before hyphenating: most
	// paragraphs break well without hyphens, which are then avoided.
	Discretionary bool
	// PostWidth, PostStretch and PostShrink are, for a penalty, what the
	// line after a break there has beyond the items that follow (TeX's
	// post-break material of a discretionary, §840): the second half of
	// a word shaped on its own, less what its boxes count within the
	// word shaped whole (a ligature or a kerning pair across the break
	// is in the whole, not in the half). They may be negative, and count
	// only when the break is taken.
	PostWidth, PostStretch, PostShrink int
}

// Params are the knobs of the algorithm, named after TeX's parameters.
type Params struct {
	// Tolerance is the largest badness a line may have in the second and
	// emergency passes (TeX's \tolerance).
	Tolerance int
	// Pretolerance is the largest badness in the first pass, which tries
	// the paragraph without discretionary breaks (TeX's \pretolerance).
	// A negative value skips the first pass.
	Pretolerance int
	// LinePenalty is added to every line's badness before squaring, so
	// that, other things equal, fewer lines are preferred (\linepenalty).
	LinePenalty int
	// HyphenPenalty and ExHyphenPenalty are the penalties TeX puts on
	// discretionary and explicit hyphens. Break does not read them: the
	// caller puts penalties on its items. They are here so that the
	// caller's item builder and Break share one set of defaults.
	HyphenPenalty, ExHyphenPenalty int
	// DoubleHyphenDemerits is charged when two consecutive lines end
	// with flagged breaks (\doublehyphendemerits): ladders of hyphens are
	// ugly.
	DoubleHyphenDemerits int
	// FinalHyphenDemerits is charged when the penultimate line ends with
	// a flagged break (\finalhyphendemerits): a hyphen across the last
	// break is especially noticeable.
	FinalHyphenDemerits int
	// MaxHyphenRun, when positive, is the most consecutive lines that may
	// end at a flagged penalty (InDesign's "hyphen limit", ConTeXt's
	// hyphenation ladder limit): a ladder of hyphens is then impossible
	// rather than merely expensive, as DoubleHyphenDemerits makes it. It
	// is a hard constraint of every pass: a line that would lengthen a
	// run to MaxHyphenRun+1 is not feasible, and the result is the
	// breaking with the fewest demerits among those that satisfy both the
	// pass's threshold and the limit (a pass with none gives way to the
	// next). The last line counts too if its break is flagged. Zero (the
	// default) or a negative value means no limit, as in TeX.
	//
	// Only the fallback of the final pass (Result.Pass == 4) may exceed
	// the limit, and only at a forced break. When no feasible line can be
	// formed and the fallback breaks anyway, it starts that line from a
	// node whose run allows the break whenever there is one. If there is
	// none and the break is not forced, it does not break there at all:
	// the line runs on, even more overfull, to the next break the limit
	// allows. At a flagged forced break there is no such escape, and
	// the run goes one line past the limit; the following lines are then
	// counted as if the run were exactly MaxHyphenRun long, so that only
	// another flagged forced break can lengthen it. Hence every line of
	// a result that ends a run longer than MaxHyphenRun ends at a forced
	// flagged penalty, and a result with Pass < 4 never has one.
	MaxHyphenRun int
	// AdjDemerits is charged when the fitness classes of adjacent lines
	// differ by more than one (\adjdemerits): a very loose line next to a
	// tight one looks worse than two middling ones.
	AdjDemerits int
	// EmergencyStretch, when positive, enables a third pass in which each
	// line is judged as if it had this much extra stretchability (TeX's
	// \emergencystretch, added to the background stretch), in item units.
	// Unlike TeX, only feasibility sees it: a line is allowed when its
	// badness with the extra stretch is within Tolerance, but it costs
	// the demerits of its real badness and fitness class, so the pass
	// admits the loose lines a paragraph cannot do without and does not
	// make other lines loose to save a hyphen (TeX, charging the
	// emergency badness, spreads the looseness). Lines whose real
	// badness is infinite are ranked among themselves by the emergency
	// one. Line.Ratio is computed from the real glue, since that is what
	// the caller has to set.
	EmergencyStretch int
	// Looseness asks for a paragraph that many lines longer (positive) or
	// shorter (negative) than the optimum, if feasible (\looseness): among
	// the feasible line counts between the optimum's and the optimum's
	// plus Looseness, the nearest to the latter, and for it the fewest
	// demerits. A pass that cannot reach it exactly gives way to the next
	// one. Every line count is then tracked apart, which multiplies the
	// active list by the spread of possible line counts; should that
	// exceed a few thousand nodes (never with real text), Break ignores
	// Looseness rather than take time cubic in the paragraph's length.
	Looseness int
	// Unhyphenated lists lines (0-based) that must not end at a flagged
	// break: a line that will stand at the foot of a page, where a
	// hyphenated word would straddle the page turn (what TeX's
	// \brokenpenalty only discourages, from the page's side). Like the
	// hyphen limit it is a constraint of every pass, and only the final
	// fallback may break it, at a forced flagged break. Lines up to the
	// last one listed are told apart by number, so a long list costs time.
	Unhyphenated []int
}

// DefaultParams returns plain TeX's values, which are good for justified
// text of ordinary measure. TeX has no hard limit on hyphenated lines in a
// row, so MaxHyphenRun is left at 0 (none): callers that want one (2 or 3
// is usual) set it.
func DefaultParams() Params {
	return Params{
		Tolerance:            200,
		Pretolerance:         100,
		LinePenalty:          10,
		HyphenPenalty:        50,
		ExHyphenPenalty:      50,
		DoubleHyphenDemerits: 10000,
		FinalHyphenDemerits:  5000,
		AdjDemerits:          10000,
	}
}

// Line is one line of the chosen breaking.
type Line struct {
	// Start and End delimit the line's material: items[Start:End]. Glue
	// and penalties that follow a break up to the next box are discarded
	// (as in TeX) and belong to no line, so Start may be greater than the
	// previous line's Break+1. The first line starts at 0, without
	// discarding. End is the index of the break item, which itself is not
	// part of the line (a penalty break contributes its Width, e.g. a
	// hyphen). A line can be empty (Start == End).
	Start, End int
	// Ratio is the adjustment ratio r: each glue item of the line is set
	// to Width + r*Stretch when r >= 0 and Width + r*Shrink when r < 0.
	// It is 0 when the line needs stretching but has no stretch, and -1
	// (all available shrink used) when the line is Overfull.
	Ratio float64
	// Break is the index of the break item: len(items)-1 for the final
	// forced penalty. End == Break always; both are kept so that code
	// slicing material and code looking at the break item each read
	// naturally.
	Break int
	// Hyphenated reports that the line ends at a flagged penalty, so the
	// caller must typeset the penalty's material (the hyphen).
	Hyphenated bool
	// Overfull reports that the line is too wide even at maximum shrink.
	// It can only happen in the final fallback (Result.Pass == 4).
	Overfull bool
}

// Result is the chosen breaking of a paragraph.
type Result struct {
	// Lines in order; they cover the paragraph's items in order.
	Lines []Line
	// Pass is the pass that produced the lines: 1 (first pass, with
	// Pretolerance and without discretionary breaks), 2 (second pass, with
	// Tolerance), 3 (emergency pass, with EmergencyStretch) or 4 (the
	// final pass had to accept lines that no threshold allows, usually
	// overfull ones). It is 0 for an empty paragraph.
	Pass int
	// Demerits is the total of the chosen lines' demerits. Lines accepted
	// by the fallback contribute 0, as in TeX.
	Demerits int64
}

// Break breaks items into lines of the widths given by lineWidth and
// returns the breaking with the fewest total demerits.
//
// The legal breakpoints are the penalties below Infinity and the glues
// that immediately follow a box, except that a break is never made where
// no box would follow it before the next forced break: the next line would
// be empty (this is why TeX puts \penalty10000 before \parfillskip, and it
// spares the caller from doing so, or from trimming a trailing space).
// Forced breaks are always taken.
//
// The paragraph should end as TeX ends one: a glue of zero width and
// FilStretch stretch, then a penalty of -Infinity. If the last item is not
// a forced break, Break acts as if the caller had appended a penalty of
// Infinity (so the added glue is no breakpoint), that glue and that forced
// penalty; the last line then has End == Break == len(items), a break just
// after the last item. An empty paragraph yields no lines.
//
// lineWidth(i) is the width of line i (0-based); lines may differ, for
// indentation, drop caps or shaped paragraphs. It must be a pure
// function: Break calls it once for each line number from 0 up to the
// number of legal breakpoints (an upper bound on the number of lines) and
// uses the constant tail of that sequence to merge equivalent nodes.
//
// Break always returns lines for a non-empty paragraph, never fails and
// never panics on strange input: a word wider than its line gives an
// Overfull line. The breaking is exactly optimal (fewest demerits among
// all breakings whose lines all satisfy the pass's threshold and, if set,
// Params.MaxHyphenRun) provided every box width is non-negative and every
// box and glue has 0 <= Shrink <= Width and Stretch >= 0; these make a line that
// is once too wide stay too wide, which is what lets an active node be
// dropped. Ties are broken in favour of the node created first, so the
// result is deterministic.
//
// Time is proportional to the number of breakpoints times the number of
// active nodes, a few dozen for text (a 2,000-word paragraph takes about a
// millisecond). Material that never fills a line, such as long runs of
// zero-width boxes, keeps every node active and makes it quadratic. A
// hyphen limit multiplies the nodes made at a flagged break by at most
// MaxHyphenRun, and costs text a few per cent.
func Break(items []Item, lineWidth func(line int) int, p Params) Result {
	if len(items) == 0 {
		return Result{}
	}
	b := newBreaker(items, lineWidth, p)
	defer b.release()
	var passes []pass
	if p.Pretolerance >= 0 {
		passes = append(passes, pass{number: 1, threshold: p.Pretolerance})
	}
	passes = append(passes, pass{number: 2, threshold: p.Tolerance, discretionary: true, final: p.EmergencyStretch <= 0})
	if p.EmergencyStretch > 0 {
		passes = append(passes, pass{number: 3, threshold: p.Tolerance, discretionary: true,
			emergency: int64(p.EmergencyStretch), final: true})
	}
	return b.solve(passes)
}

// fitness is the fitness class of a line, from its adjustment ratio r. The
// numbering makes "differ by more than one" a plain integer comparison.
type fitness int8

const (
	veryLoose fitness = iota // r > 1
	loose                    // 0.5 < r <= 1
	decent                   // -0.5 <= r <= 0.5
	tight                    // r < -0.5
)

func fitnessOf(r float64) fitness {
	switch {
	case r > 1:
		return veryLoose
	case r > 0.5:
		return loose
	case r >= -0.5:
		return decent
	default:
		return tight
	}
}

// infBad is TeX's inf_bad: the badness of a line that is infinitely bad
// but still not overfull (badness is capped there).
const infBad = 10000

// badness is TeX's measure of how far glue of total stretchability (or
// shrinkability) s is from its natural size when adjusted by t >= 0:
// about 100·(t/s)³, capped at infBad, and infBad when there is nothing to
// adjust with. Cubing makes small adjustments nearly free and large ones
// prohibitive.
func badness(t, s int64) int {
	if t <= 0 {
		return 0
	}
	if s <= 0 {
		return infBad
	}
	return ratioBadness(float64(t) / float64(s))
}

// ratioBadness is badness as a function of |r| = t/s.
func ratioBadness(r float64) int {
	x := 100 * r * r * r
	if x >= infBad {
		return infBad
	}
	return int(x + 0.5)
}

// satAdd adds without wrapping around: totals of demerits are compared,
// and a caller's huge parameter must not turn the worst into the best.
func satAdd(a, b int64) int64 {
	s := a + b
	if (s > a) == (b > 0) {
		return s
	}
	if b > 0 {
		return math.MaxInt64
	}
	return math.MinInt64
}
