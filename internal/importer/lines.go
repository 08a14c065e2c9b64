package importer

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// line is one line of the input between line feeds and form feeds. A raw
// line holding a form feed gives two lines with the same number, one on each
// page.
type line struct {
	no         int    // 1-based line number in the input
	start, end int    // byte span in the normalised text, without the line feed
	text       string // the words and punctuation, blanks collapsed to one space
	indent     int    // leading blanks, in runes
	edge       int    // indent plus the length of the rest, in runes: where the line stops
	page       int    // 0-based page
	blank      bool
	kind       lineKind
}

type lineKind uint8

const (
	body lineKind = iota
	debris
	noteText
)

// splitLines cuts text into lines and pages. Form feeds separate pages;
// without any, a run of three or more blank lines does (that is how page
// breaks come out of extractors that drop the form feed).
func splitLines(text string) (lines []line, pages int, fed bool) {
	fed = strings.IndexByte(text, '\f') >= 0
	page, no, start := 0, 1, 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && text[i] != '\n' && text[i] != '\f' {
			continue
		}
		lines = append(lines, makeLine(text, start, i, no, page))
		if i < len(text) {
			if text[i] == '\f' {
				page++
			} else {
				no++
			}
		}
		start = i + 1
	}
	if !fed {
		run := 0
		page = 0
		for i := range lines {
			if lines[i].blank {
				run++
				continue
			}
			if run >= 3 && i > run {
				page++
			}
			run = 0
			lines[i].page = page
		}
		// blank lines take the page of the next non-blank line
		for i := len(lines) - 1; i >= 0; i-- {
			if lines[i].blank {
				if i+1 < len(lines) {
					lines[i].page = lines[i+1].page
				} else {
					lines[i].page = page
				}
			}
		}
	}
	pages = 1
	for _, l := range lines {
		pages = max(pages, l.page+1)
	}
	return lines, pages, fed
}

func makeLine(text string, start, end, no, page int) line {
	s := text[start:end]
	l := line{no: no, start: start, end: end, page: page}
	trimmed := strings.TrimLeftFunc(s, isBlankRune)
	l.indent = utf8.RuneCountInString(s) - utf8.RuneCountInString(trimmed)
	trimmed = strings.TrimRightFunc(trimmed, isBlankRune)
	l.edge = l.indent + utf8.RuneCountInString(trimmed)
	l.blank = trimmed == ""
	l.text = collapse(trimmed)
	return l
}

// collapse turns every run of blanks into one space.
func collapse(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && isBlankRune(r) }) && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isBlankRune(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// folio matches a page number standing alone, with the usual decorations:
// "7", "- 7 -", "— 7 —", "[7]", "(7)", "Page 7", "7 of 12".
var folio = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?i:page\s+)?[-–—\[(]?\s*\d{1,5}\s*[-–—\])]?(?:\s+(?i:of)\s+\d{1,5})?$`)
})

// headKey is the form of a line compared across pages to find running heads:
// lower case, digits replaced by "#", so "History of Printing 2" and
// "History of Printing 3" are the same head.
func headKey(s string) string {
	var b strings.Builder
	digit := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsDigit(r) {
			if !digit {
				b.WriteByte('#')
			}
			digit = true
			continue
		}
		digit = false
		b.WriteRune(r)
	}
	return b.String()
}

// Dropped is a line removed as page furniture.
type Dropped struct {
	Line       int    // 1-based input line
	Start, End int    // byte span in Result.Text
	Text       string // the line, blanks collapsed
	Why        string // "page number" or "running head"
	Check      bool   // weak evidence: a person should look
}

// findDebris marks running heads and page numbers as debris. A running head
// is a line among the first or last two of a page whose headKey recurs on at
// least two pages and a quarter of them; a page number is a line that is a
// bare number (see folio). The very first line of the text is kept even when
// it matches a running head: it is the title the head repeats.
func findDebris(lines []line, pages int) []Dropped {
	type zone struct{ first, last []int }
	zones := make([]zone, pages)
	for i, l := range lines {
		if l.blank {
			continue
		}
		z := &zones[l.page]
		if len(z.first) < 2 {
			z.first = append(z.first, i)
		}
		z.last = append(z.last, i)
		if len(z.last) > 2 {
			z.last = z.last[1:]
		}
	}
	inZone := map[int]bool{}
	keyPages := map[string]map[int]bool{}
	for p, z := range zones {
		for _, i := range append(append([]int(nil), z.first...), z.last...) {
			inZone[i] = true
			if utf8.RuneCountInString(lines[i].text) > 80 {
				continue
			}
			k := headKey(lines[i].text)
			if keyPages[k] == nil {
				keyPages[k] = map[int]bool{}
			}
			keyPages[k][p] = true
		}
	}
	firstText := -1
	for i, l := range lines {
		if !l.blank {
			firstText = i
			break
		}
	}
	var out []Dropped
	for i := range lines {
		l := &lines[i]
		if l.blank {
			continue
		}
		why, check := "", false
		switch {
		case folio().MatchString(l.text):
			why, check = "page number", !inZone[i]
		case inZone[i] && i != firstText:
			n := len(keyPages[headKey(l.text)])
			if n >= 2 && n*4 >= pages && hasLetter(l.text) {
				why = "running head"
			}
		}
		if why == "" {
			continue
		}
		l.kind = debris
		out = append(out, Dropped{Line: l.no, Start: l.start, End: l.end, Text: l.text, Why: why, Check: check})
	}
	return out
}

func hasLetter(s string) bool { return strings.ContainsFunc(s, unicode.IsLetter) }

// measure estimates the typeset measure: the line length (edge, in runes)
// that full lines cluster around, found as the peak of the smoothed
// histogram of edges (lines under an eighth of the longest aside).
func measure(lines []line) int {
	var edges []int
	for _, l := range lines {
		if l.kind == body && !l.blank {
			edges = append(edges, l.edge)
		}
	}
	if len(edges) == 0 {
		return 1
	}
	sort.Ints(edges)
	// Ignore the longest 2% (lines the extractor joined) when scaling.
	top := edges[len(edges)-1-len(edges)/50]
	if top < 8 {
		return max(top, 1)
	}
	hist := make([]int, top+8)
	for _, e := range edges {
		if e < len(hist) {
			hist[e]++
		}
	}
	best, bestN := top, -1
	for c := max(8, top/8); c <= top; c++ {
		n := 0
		for d := -3; d <= 3; d++ {
			if c+d >= 0 && c+d < len(hist) {
				n += hist[c+d]
			}
		}
		if n > bestN || (n == bestN && c > best) {
			best, bestN = c, n
		}
	}
	return best
}

// rebase makes indents relative to the usual left edge of the body lines of
// their own page: pdftotext -layout measures each page from its leftmost
// character, so the same text margin can come out at different indents.
func rebase(lines []line, pages int) {
	counts := make([]map[int]int, pages)
	for _, l := range lines {
		if l.blank || l.kind != body {
			continue
		}
		if counts[l.page] == nil {
			counts[l.page] = map[int]int{}
		}
		counts[l.page][l.indent]++
	}
	base := make([]int, pages)
	for p, c := range counts {
		best, bestN := 0, -1
		for ind, n := range c {
			if n > bestN || (n == bestN && ind < best) {
				best, bestN = ind, n
			}
		}
		base[p] = best
	}
	for i := range lines {
		b := min(base[lines[i].page], lines[i].indent)
		lines[i].indent -= b
		lines[i].edge -= b
	}
}
