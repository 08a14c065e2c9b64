// Package measure reads the typographic quality of a paginated book from
// its page model: how even the justified lines are, how many end in a
// hyphen, how many are squeezed, whether a broken word straddles a page
// foot. These are the figures a typographer counts on the printed page
// (and that tools reading the PDF, such as poppler's word boxes, report);
// reading them from the page model makes them exact and fast enough to
// assert in tests on every layout and on a long book.
package measure

import (
	"fmt"
	"slices"
	"strings"

	"press/internal/page"
)

// Report is the typography of a paginated book. Spacing is in ems of each
// line's type size.
type Report struct {
	Pages int
	// Lines counts every text line of the body and the notes; Justified
	// those set to the full measure with at least one interword space.
	Lines, Justified int
	// Gaps is the number of interword spaces on justified lines; GapP50,
	// GapP95 and GapMax are their median, 95th percentile and largest
	// width.
	Gaps                   int
	GapP50, GapP95, GapMax float64
	// HyphenEnds counts lines ending in a hyphen after a letter (the
	// breaker's or the word's own); Ladder is the longest run of such
	// lines in a row on a page.
	HyphenEnds, Ladder int
	// CapitalBroken counts lines that end inside a capitalised word broken
	// by the hyphenation patterns.
	CapitalBroken int
	// FootHyphens counts pages whose last line ends in a hyphen;
	// RectoFootHyphens those among them that are right-hand pages, where
	// the word is split across a leaf turn. FootPages names them all.
	FootHyphens, RectoFootHyphens int
	FootPages                     []int
	// ShortPages counts pages, other than the last of the body or the
	// notes, whose last line stands higher than where most pages of their
	// kind end: pages the page builder left short (a heading, a widow or
	// a hyphen moved over).
	ShortPages int

	spaces []space // per justified line, sorted by width
}

// space is the widest interword space of a justified line and how many
// spaces that line has.
type space struct {
	em float64
	n  int
}

// Book measures the body and notes pages of d.
func Book(d *page.Doc) *Report {
	r := &Report{}
	feet := map[string][]page.SP{} // baseline of each page's last line, by role
	for _, p := range d.Pages {
		if p.Role != "body" && p.Role != "notes" || len(p.Lines) == 0 {
			continue
		}
		r.Pages++
		run := 0
		for _, l := range p.Lines {
			r.Lines++
			if l.HyphenEnd {
				r.HyphenEnds++
				run++
				r.Ladder = max(r.Ladder, run)
			} else {
				run = 0
			}
			if l.CapitalBroken {
				r.CapitalBroken++
			}
			if l.Justified && l.Spaces > 0 && l.Size > 0 {
				r.Justified++
				r.Gaps += l.Spaces
				r.spaces = append(r.spaces, space{em: float64(l.Space) / float64(l.Size), n: l.Spaces})
			}
		}
		// The foot is the line set lowest on the page.
		foot := p.Lines[0]
		for _, l := range p.Lines[1:] {
			if l.Y >= foot.Y {
				foot = l
			}
		}
		feet[p.Role] = append(feet[p.Role], foot.Y)
		if foot.HyphenEnd {
			r.FootHyphens++
			r.FootPages = append(r.FootPages, p.Number)
			if p.Number%2 == 1 {
				r.RectoFootHyphens++
			}
		}
	}
	for _, ys := range feet {
		// A full page ends where most pages end.
		count := map[page.SP]int{}
		full := ys[0]
		for _, y := range ys {
			count[y]++
			if count[y] > count[full] || count[y] == count[full] && y > full {
				full = y
			}
		}
		for _, y := range ys[:len(ys)-1] {
			if y < full-page.PT {
				r.ShortPages++
			}
		}
	}
	slices.SortFunc(r.spaces, func(a, b space) int {
		switch {
		case a.em < b.em:
			return -1
		case a.em > b.em:
			return 1
		}
		return 0
	})
	if len(r.spaces) > 0 {
		r.GapP50 = r.percentile(50)
		r.GapP95 = r.percentile(95)
		r.GapMax = r.spaces[len(r.spaces)-1].em
	}
	return r
}

// percentile of all gaps (each line's spaces counted as its widest one),
// interpolated between neighbours as numpy and poppler-based tools do.
func (r *Report) percentile(p float64) float64 {
	k := float64(r.Gaps-1) * p / 100
	lo := int(k)
	a, b := r.gap(lo), r.gap(min(lo+1, r.Gaps-1))
	return a + (b-a)*(k-float64(lo))
}

// gap returns the i-th smallest gap.
func (r *Report) gap(i int) float64 {
	for _, s := range r.spaces {
		if i < s.n {
			return s.em
		}
		i -= s.n
	}
	return r.spaces[len(r.spaces)-1].em
}

// Below counts justified lines whose widest space is narrower than em:
// squeezed lines.
func (r *Report) Below(em float64) int {
	n := 0
	for _, s := range r.spaces {
		if s.em >= em {
			break
		}
		n++
	}
	return n
}

// Above counts justified lines with a space wider than em: loose lines.
func (r *Report) Above(em float64) int {
	n := 0
	for i := len(r.spaces) - 1; i >= 0 && r.spaces[i].em > em; i-- {
		n++
	}
	return n
}

// Share is n as a percentage of the justified lines.
func (r *Report) Share(n int) float64 {
	if r.Justified == 0 {
		return 0
	}
	return 100 * float64(n) / float64(r.Justified)
}

// String is the report in a few lines, for benchmarks and notes.
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "pages %d, lines %d, justified %d\n", r.Pages, r.Lines, r.Justified)
	fmt.Fprintf(&b, "gap median / p95 / max (em) %.3f / %.3f / %.3f\n", r.GapP50, r.GapP95, r.GapMax)
	fmt.Fprintf(&b, "hyphen-ended lines %d (%.1f%%), longest run %d, capitalised words broken %d (%.2f%%)\n",
		r.HyphenEnds, r.Share(r.HyphenEnds), r.Ladder, r.CapitalBroken, r.Share(r.CapitalBroken))
	fmt.Fprintf(&b, "lines below 0.16 em %d (%.2f%%), below 0.14 em %d (%.2f%%), over 0.5 em %d (%.2f%%)\n",
		r.Below(0.16), r.Share(r.Below(0.16)), r.Below(0.14), r.Share(r.Below(0.14)), r.Above(0.5), r.Share(r.Above(0.5)))
	fmt.Fprintf(&b, "hyphen at a page foot %d (right-hand pages %d), short pages %d", r.FootHyphens, r.RectoFootHyphens, r.ShortPages)
	return b.String()
}
