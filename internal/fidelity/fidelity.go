// Package fidelity checks that cleaning a raw text into a Markdown manuscript
// lost no words and invented none.
//
// Cleaning removes extraction debris (hard line breaks, page-break blank
// lines, stray spaces, words split across lines); it must not edit. The check
// therefore compares the words of the raw text with the words of the cleaned
// text, ignoring everything that is not a word:
//
//	raw := fidelity.RawWords(rawText, fidelity.HardHyphens("pro-Soviet"))
//	body, notes := fidelity.MarkdownText(manuscript)
//	rep := fidelity.Compare(raw, fidelity.Words(body))
//
// # What a word is
//
// Words splits text into maximal runs of letters and digits. A run continues
// across an apostrophe (’ or ') between two such characters, and across a
// period or comma between two digits, so "1950’s", "people's",
// "859,300,000" and "3.5" are single words. Runs of single letters each
// followed by a period ("U.S.", "e.g.") are one word, periods included.
// Apostrophes are normalised to ' so typographic and straight forms compare
// equal; letter case is kept and compared exactly.
//
// Hyphens and dashes always separate words, on both sides of the comparison:
// "pro-Soviet" is the two words "pro" and "Soviet". A compound written as a
// compound in the raw text and in the manuscript therefore agrees, and a
// compound wrongly closed up ("proSoviet") shows as two lost words and one
// invented word.
//
// # Words split across lines
//
// A hyphen at the end of a raw line is ambiguous: it is either a break inside
// one word ("exam-/ple", to be closed up) or the hyphen of a real compound
// ("pro-/Soviet", to be kept). The raw text alone cannot tell, and letting
// the manuscript decide would let a wrong join pass unnoticed. So the decision
// is made explicitly and separately: [LineEndHyphens] lists every such split,
// [Dehyphenate] closes each one up unless a keep function (usually
// [HardHyphens], a reviewed list of compounds) says the hyphen is real, and
// [RawWords] extracts the words of the result. A wrong join in the
// manuscript then shows as lost and invented words like any other change.
package fidelity

import (
	"fmt"
	"math/bits"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// isWordRune reports whether r can be part of a word: a letter, a digit or a
// combining mark.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isApostrophe reports whether r is an apostrophe: straight, typographic
// (right single quotation mark) or the modifier letter apostrophe.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02BC'
}

// softHyphen is an invisible break opportunity; inside a word it is ignored.
const softHyphen = '\u00AD'

// Words splits text into words as described in the package documentation.
// Everything between words (spaces, punctuation, dashes, quotation marks,
// Markdown syntax characters) is discarded.
func Words(text string) []string {
	rs := []rune(text)
	var out []string
	var b strings.Builder
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		if j := abbreviationEnd(rs, i); j > i {
			out = append(out, string(rs[i:j]))
			i = j
			continue
		}
		b.Reset()
		j := i
		for j < len(rs) {
			r := rs[j]
			if isWordRune(r) {
				b.WriteRune(r)
				j++
				continue
			}
			if j+1 < len(rs) {
				prev, next := rs[j-1], rs[j+1]
				switch {
				case r == softHyphen && isWordRune(prev) && isWordRune(next):
					j++
					continue
				case isApostrophe(r) && isWordRune(prev) && isWordRune(next):
					b.WriteByte('\'')
					j++
					continue
				case (r == '.' || r == ',') && unicode.IsDigit(prev) && unicode.IsDigit(next):
					b.WriteRune(r)
					j++
					continue
				}
			}
			break
		}
		out = append(out, b.String())
		i = j
	}
	return out
}

// abbreviationEnd returns the end of an abbreviation made of at least two
// single letters each followed by a period ("U.S.") starting at i, or i if
// there is none.
func abbreviationEnd(rs []rune, i int) int {
	n, j := 0, i
	for j+1 < len(rs) && unicode.IsLetter(rs[j]) && rs[j+1] == '.' {
		n++
		j += 2
	}
	if n < 2 || (j < len(rs) && isWordRune(rs[j])) {
		return i
	}
	return j
}

// Split is one word split across lines by a hyphen at the end of a raw line.
type Split struct {
	Left  string // the run of word characters before the hyphen
	Right string // the run of word characters that starts the next non-blank line
	Line  int    // 1-based line of the hyphen
}

// String returns the split as the hyphenated compound, e.g. "pro-Soviet".
func (s Split) String() string { return s.Left + "-" + s.Right }

// lineEndHyphen matches a word, a hyphen ending its line (trailing spaces
// allowed), any number of blank or space-only lines, optional indentation and
// the word that continues it. \p{Zs} covers the no-break space left by page
// breaks.
var lineEndHyphen = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`([\p{L}\p{N}]+)-[ \t\p{Zs}]*\r?\n(?:[ \t\p{Zs}]*\r?\n)*[ \t\p{Zs}]*([\p{L}\p{N}]+)`)
})

// LineEndHyphens lists, in order, every place in raw where a line ends in a
// hyphen directly after a word character and the next non-blank line starts
// with a word character. A hyphen after a space ("a -" ) is a dash, not a
// split, and is not listed.
func LineEndHyphens(raw string) []Split {
	var out []Split
	for _, m := range lineEndHyphen().FindAllStringSubmatchIndex(raw, -1) {
		out = append(out, Split{
			Left:  raw[m[2]:m[3]],
			Right: raw[m[4]:m[5]],
			Line:  1 + strings.Count(raw[:m[3]], "\n"),
		})
	}
	return out
}

// Dehyphenate rejoins the words that raw splits across lines with a hyphen
// (see [LineEndHyphens]). Each split is closed up ("exam-/ple" → "example")
// unless keep(left, right) reports that the hyphen belongs to a real
// compound, in which case the line break is removed and the hyphen kept
// ("pro-/Soviet" → "pro-Soviet"). A nil keep closes up every split. Nothing
// else in raw is changed.
func Dehyphenate(raw string, keep func(left, right string) bool) string {
	return lineEndHyphen().ReplaceAllStringFunc(raw, func(m string) string {
		sm := lineEndHyphen().FindStringSubmatch(m)
		left, right := sm[1], sm[2]
		if keep != nil && keep(left, right) {
			return left + "-" + right
		}
		return left + right
	})
}

// HardHyphens returns a keep function for [Dehyphenate] that keeps the
// hyphen exactly for the given compounds, written with their hyphen
// ("pro-Soviet", "re-route"). The match is on the word parts adjacent to the
// line break, so "pro-Soviet" also matches the split "pro-/Soviet" inside a
// longer compound.
func HardHyphens(compounds ...string) func(left, right string) bool {
	set := make(map[string]bool, len(compounds))
	for _, c := range compounds {
		set[c] = true
	}
	return func(left, right string) bool { return set[left+"-"+right] }
}

// RawWords returns the words of a raw extracted text after its line-end
// hyphen splits have been resolved with keep: Words(Dehyphenate(raw, keep)).
func RawWords(raw string, keep func(left, right string) bool) []string {
	return Words(Dehyphenate(raw, keep))
}

// Report is the result of comparing the words of a raw text with the words of
// its cleaned form.
type Report struct {
	Raw, Got int      // number of words on each side
	Lost     []string // raw words missing from got, counted as a multiset, in raw order
	Invented []string // got words not in raw, counted as a multiset, in got order
	Common   int      // length of the longest common subsequence of raw and got
	// InOrder is Common / Raw: the share of raw words that appear in got in
	// the same order (1 for two empty texts).
	InOrder float64
}

// OK reports whether nothing was lost, nothing invented and the order kept.
func (r Report) OK() bool {
	return len(r.Lost) == 0 && len(r.Invented) == 0 && r.Common == r.Raw && r.Raw == r.Got
}

// String summarises the report on one line, listing up to ten lost and ten
// invented words.
func (r Report) String() string {
	return fmt.Sprintf("raw %d words, got %d words; lost %d%s; invented %d%s; in order %.2f%% (%d common)",
		r.Raw, r.Got, len(r.Lost), sample(r.Lost), len(r.Invented), sample(r.Invented), 100*r.InOrder, r.Common)
}

// sample formats up to ten words for Report.String.
func sample(ws []string) string {
	if len(ws) == 0 {
		return ""
	}
	const max = 10
	more := ""
	if len(ws) > max {
		more = fmt.Sprintf(" …+%d", len(ws)-max)
		ws = ws[:max]
	}
	return " " + fmt.Sprintf("%q", ws) + more
}

// Compare compares the words of a raw text with the words of its cleaned
// form. Lost and Invented are multiset differences, so a word that occurs
// three times in raw and twice in got is lost once. InOrder measures order:
// swapping two words loses and invents nothing but lowers InOrder.
func Compare(raw, got []string) Report {
	r := Report{Raw: len(raw), Got: len(got)}
	count := make(map[string]int)
	for _, w := range got {
		count[w]++
	}
	for _, w := range raw {
		if count[w] > 0 {
			count[w]--
		} else {
			r.Lost = append(r.Lost, w)
		}
	}
	count = make(map[string]int)
	for _, w := range raw {
		count[w]++
	}
	for _, w := range got {
		if count[w] > 0 {
			count[w]--
		} else {
			r.Invented = append(r.Invented, w)
		}
	}
	r.Common = LCS(raw, got)
	if len(raw) == 0 {
		r.InOrder = 1
	} else {
		r.InOrder = float64(r.Common) / float64(len(raw))
	}
	return r
}

// LCS returns the length of the longest common subsequence of a and b.
//
// It uses the bit-parallel algorithm of Allison and Dix (1986) in Hyyrö's
// formulation: one bit per word of a, updated a machine word at a time for
// each word of b, so it takes O(len(a)·len(b)/64) time and O(distinct·len(a)/64)
// memory whatever the inputs (5,000 × 5,000 words is about 400,000 word
// operations).
func LCS(a, b []string) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := (len(a) + 63) / 64
	// match[w] has bit i set where a[i] == w.
	match := make(map[string][]uint64)
	for i, w := range a {
		m := match[w]
		if m == nil {
			m = make([]uint64, n)
			match[w] = m
		}
		m[i/64] |= 1 << (uint(i) % 64)
	}
	v := make([]uint64, n)
	for i := range v {
		v[i] = ^uint64(0)
	}
	for _, w := range b {
		m := match[w]
		if m == nil {
			continue // U = 0, so V is unchanged
		}
		// V' = (V + U) | (V - U) with U = V & M; since U ⊆ V, V - U = V &^ U.
		var carry uint64
		for i := range v {
			u := v[i] & m[i]
			sum, c := bits.Add64(v[i], u, carry)
			carry = c
			v[i] = sum | (v[i] &^ u)
		}
	}
	zeros := 0
	for i, x := range v {
		if i == n-1 && len(a)%64 != 0 {
			x |= ^uint64(0) << (uint(len(a)) % 64) // ignore bits past len(a)
		}
		zeros += bits.OnesCount64(^x)
	}
	return zeros
}

var (
	atxHeading    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]+|$)`) })
	atxClosing    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[ \t]+#+[ \t]*$`) })
	attrTrailer   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[ \t]*\{[^{}]*\}[ \t]*$`) })
	attrLine      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^ {0,3}\{[^{}]*\}[ \t]*$`) })
	thematicBreak = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	})
	setextLine  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^ {0,3}=+[ \t]*$`) })
	quoteMarker = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^ {0,3}>[ ]?`) })
	footnoteDef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^ {0,3}\[\^([^\]\s]+)\]:[ \t]*`) })
	footnoteRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[\^[^\]\s]+\]`) })
	indented    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?: {4}|\t)`) })
)

// noteDef is one footnote definition: its label and its lines, with the
// "[^label]:" marker and continuation indentation removed.
type noteDef struct {
	id    string
	lines []string
}

// splitNotes separates footnote definitions from the other lines of md. A
// definition continues over indented lines (possibly after blank lines) and
// over lazy continuation lines directly after one of its non-blank lines.
func splitNotes(md string) (body []string, defs []noteDef) {
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		m := footnoteDef().FindStringSubmatchIndex(lines[i])
		if m == nil {
			body = append(body, lines[i])
			continue
		}
		d := noteDef{id: lines[i][m[2]:m[3]], lines: []string{lines[i][m[1]:]}}
		for i+1 < len(lines) {
			next := lines[i+1]
			if strings.TrimSpace(next) == "" {
				k := i + 1
				for k < len(lines) && strings.TrimSpace(lines[k]) == "" {
					k++
				}
				if k == len(lines) || !indented().MatchString(lines[k]) {
					break
				}
				d.lines = append(d.lines, "")
				i = k - 1
				continue
			}
			if indented().MatchString(next) || (strings.TrimSpace(lines[i]) != "" && !startsBlock(next)) {
				d.lines = append(d.lines, strings.TrimSpace(next))
				i++
				continue
			}
			break
		}
		defs = append(defs, d)
	}
	return body, defs
}

// MarkdownText strips the Markdown used by press manuscripts and returns the
// plain text of the body and, separately and in order of definition, the
// plain text of each footnote definition.
//
// Handled: ATX headings ("# …", attribute trailers "{#id .class}" included),
// setext underlines, block quotes ("> "), thematic breaks, attribute lines
// ("{.byline}"), footnote references ("[^x]", removed), footnote definitions
// ("[^x]: …" with indented or lazy continuation lines), emphasis markers
// ("*", and "_" outside words), code-span backticks, inline links and images
// (their text is kept, the destination dropped) and backslash escapes. Body
// paragraphs are returned one per line, separated by blank lines; so are the
// paragraphs inside a note.
func MarkdownText(md string) (body string, notes []string) {
	lines, defs := splitNotes(md)
	for _, d := range defs {
		notes = append(notes, blockText(d.lines))
	}
	return blockText(lines), notes
}

// blockText turns block-level Markdown lines (no footnote definitions) into
// plain paragraphs.
func blockText(lines []string) string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, line := range lines {
		for {
			loc := quoteMarker().FindStringIndex(line)
			if loc == nil {
				break
			}
			line = line[loc[1]:]
		}
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case thematicBreak().MatchString(line), setextLine().MatchString(line):
			flush() // a "---" under a paragraph is a setext underline: the text stays
		case attrLine().MatchString(line):
			// a paragraph or block attribute such as {.byline}
		case atxHeading().MatchString(line):
			flush()
			h := atxHeading().ReplaceAllString(line, "")
			h = attrTrailer().ReplaceAllString(h, "")
			h = atxClosing().ReplaceAllString(h, "")
			if t := inlineText(strings.TrimSpace(h)); t != "" {
				paras = append(paras, t)
			}
		default:
			cur = append(cur, inlineText(strings.TrimSpace(line)))
		}
	}
	flush()
	return strings.Join(paras, "\n\n")
}

// startsBlock reports whether line opens a new block that ends a lazy
// continuation of a footnote definition.
func startsBlock(line string) bool {
	return footnoteDef().MatchString(line) || atxHeading().MatchString(line) ||
		quoteMarker().MatchString(line) || thematicBreak().MatchString(line) ||
		attrLine().MatchString(line)
}

// InlineNotes returns md with every footnote reference replaced by the plain
// text of its definition (set off by spaces) and the definitions removed, so
// that each note's words stand where the reference is, which is where a raw
// text usually had them. References without a definition are left alone. The
// result is still Markdown: pass it to [MarkdownText].
func InlineNotes(md string) string {
	lines, defs := splitNotes(md)
	text := map[string]string{}
	for _, d := range defs {
		text[d.id] = strings.ReplaceAll(blockText(d.lines), "\n\n", " ")
	}
	return footnoteRef().ReplaceAllStringFunc(strings.Join(lines, "\n"), func(ref string) string {
		if t, ok := text[ref[2:len(ref)-1]]; ok {
			return " " + t + " "
		}
		return ref
	})
}

// FootnoteIDs returns the labels of the footnote definitions in md, in order,
// and how many times each label is referenced (in the body or in notes).
func FootnoteIDs(md string) (defs []string, refs map[string]int) {
	refs = map[string]int{}
	body, nd := splitNotes(md)
	count := func(lines []string) {
		for _, r := range footnoteRef().FindAllString(strings.Join(lines, "\n"), -1) {
			refs[r[2:len(r)-1]]++
		}
	}
	count(body)
	for _, d := range nd {
		defs = append(defs, d.id)
		count(d.lines)
	}
	return defs, refs
}

// inlineText strips inline Markdown from one line of text.
func inlineText(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\' && i+1 < len(rs) && isASCIIPunct(rs[i+1]):
			b.WriteRune(rs[i+1])
			i++
		case r == '[' && i+1 < len(rs) && rs[i+1] == '^':
			if j := closing(rs, i+2, ']'); j > 0 && !strings.ContainsFunc(string(rs[i+2:j]), unicode.IsSpace) {
				i = j // footnote reference: drop
			} else {
				b.WriteRune(r)
			}
		case r == '[' || (r == '!' && i+1 < len(rs) && rs[i+1] == '['):
			start := i + 1
			if r == '!' {
				start = i + 2
			}
			j := closing(rs, start, ']')
			if j > 0 && j+1 < len(rs) && rs[j+1] == '(' {
				if k := closing(rs, j+2, ')'); k > 0 {
					b.WriteString(inlineText(string(rs[start:j])))
					i = k
					continue
				}
			}
			b.WriteRune(r)
		case r == '*' || r == '`':
			// emphasis or code-span marker
		case r == '_':
			if i > 0 && i+1 < len(rs) && isWordRune(rs[i-1]) && isWordRune(rs[i+1]) {
				b.WriteRune(r) // intraword underscore is literal in CommonMark
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isASCIIPunct reports whether r is ASCII punctuation, which a backslash
// escapes in CommonMark.
func isASCIIPunct(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsPunct(r) || unicode.IsSymbol(r))
}

// closing returns the index of the first unescaped c at or after from, or -1.
func closing(rs []rune, from int, c rune) int {
	for i := from; i < len(rs); i++ {
		switch rs[i] {
		case '\\':
			i++
		case c:
			return i
		}
	}
	return -1
}

// Multiset returns the words of ws sorted, for comparing word multisets.
func Multiset(ws []string) []string {
	out := append([]string(nil), ws...)
	sort.Strings(out)
	return out
}
