package importer

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// BlockKind is what a block of the draft is.
type BlockKind uint8

const (
	Para BlockKind = iota
	Heading
	Quote
	Bullet  // an item of a bullet list
	Ordered // an item of a numbered list
	Byline
)

var kindNames = [...]string{"paragraph", "heading", "block quotation", "bullet item", "numbered item", "byline"}

func (k BlockKind) String() string { return kindNames[k] }

// Block is one block of the draft.
type Block struct {
	Kind          BlockKind
	Line, EndLine int    // first and last input lines
	Text          string // unescaped; note references are mark+label+mark
	Number        int    // the item number of an Ordered block
	Notes         []*Note
	Why           string // the evidence for a heading, quotation, list or byline
}

// shortPct: a line whose edge is under this share of the measure is short.
const shortPct = 85

// nearFullPct: a line under this share of the measure that ends a sentence
// before a capital ends its paragraph.
const nearFullPct = 95

type segmenter struct {
	r     *Result
	lines []line
	cites map[int][]cite
	body  []int    // indices of body lines, in order
	text  []string // per body position: the line's text, hyphen and notes done
	glue  []bool   // per body position: the next line goes on without a space
	brk   []bool   // per body position: a block ends after this line
	quote []bool   // per body position: an indented quotation line
	base  int      // the usual indent
	mark  string   // sentinel around note labels inside Block.Text
	v     *vocab
	memo  map[[2]string]int
}

func newSegmenter(r *Result, lines []line, cites map[int][]cite) *segmenter {
	s := &segmenter{r: r, lines: lines, cites: cites, memo: map[[2]string]int{}}
	for i, l := range lines {
		if !l.blank && l.kind == body {
			s.body = append(s.body, i)
		}
	}
	s.mark = pickMark(r.Text)
	return s
}

// pickMark returns a private-use character absent from text.
func pickMark(text string) string {
	seen := map[rune]bool{}
	for _, r := range text {
		if r >= 0xE000 && r <= 0xF8FF {
			seen[r] = true
		}
	}
	for r := rune(0xE000); r <= 0xF8FF; r++ {
		if !seen[r] {
			return string(r)
		}
	}
	return "\uFFFF"
}

// split is one line-end hyphen split between two lines.
type split struct {
	a, b        int // line indices
	left, right string
}

// findSplits lists the splits between consecutive lines of seq (line
// indices), exactly as fidelity.LineEndHyphens would find them in the text
// of those lines: a letter or digit and a hyphen end a line, and the next
// line starts with a letter or digit. A line that is nothing but the rest
// of the previous split and a hyphen does not split again (the regular
// expression has already consumed its word).
func (s *segmenter) findSplits(seq []int) []split {
	var out []split
	prevRight := ""
	for k := 0; k+1 < len(seq); k++ {
		a, b := s.lines[seq[k]], s.lines[seq[k+1]]
		ends, left := endsInSplit(a.text)
		right := firstRun(b.text)
		for _, c := range s.cites[seq[k+1]] {
			if c.off < len(right) {
				right = right[:c.off] // a note marker ("op1") is not part of the word
			}
		}
		if prevRight != "" && a.text == prevRight+"-" {
			ends = false
		}
		prevRight = ""
		if ends && right != "" {
			out = append(out, split{seq[k], seq[k+1], left, right})
			prevRight = right
		}
	}
	return out
}

func (s *segmenter) run() {
	r := s.r
	splits := s.findSplits(s.body)
	for _, n := range r.Notes {
		splits = append(splits, s.findSplits(n.lines)...)
	}
	continued := map[int]bool{}
	for _, sp := range splits {
		continued[sp.b] = true
	}
	s.v = buildVocab(s.lines, continued)
	keep := map[int]bool{} // line index of the hyphen → keep
	joined := map[int]bool{}
	for _, sp := range splits {
		h := s.decide(sp)
		keep[sp.a] = h.Keep
		joined[sp.a] = true
		r.Hyphens = append(r.Hyphens, h)
	}
	sort.SliceStable(r.Hyphens, func(i, j int) bool { return r.Hyphens[i].Line < r.Hyphens[j].Line })

	// Line texts with hyphens resolved and note markers replaced.
	lineText := func(i int) string {
		t := s.lines[i].text
		if joined[i] && !keep[i] {
			t = t[:len(t)-1]
		}
		cs := s.cites[i]
		sort.Slice(cs, func(a, b int) bool { return cs[a].off > cs[b].off })
		for _, c := range cs {
			if c.off+c.n <= len(t) {
				t = t[:c.off] + s.mark + c.label + s.mark + t[c.off+c.n:]
			}
		}
		return t
	}
	n := len(s.body)
	s.text = make([]string, n)
	s.glue = make([]bool, n)
	for k, i := range s.body {
		s.text[k] = lineText(i)
		s.glue[k] = joined[i]
	}
	for _, note := range r.Notes {
		var b strings.Builder
		for k, i := range note.lines {
			t := lineText(i)
			if k == 0 {
				t = strings.TrimSpace(strings.TrimPrefix(t, note.Marker))
			}
			b.WriteString(t)
			if !joined[i] && k+1 < len(note.lines) {
				b.WriteByte(' ')
			}
		}
		note.Text = b.String()
	}
	s.base = s.baseIndent()
	s.findQuoteRuns()
	s.breaks()
	s.blocks()
}

// decide returns the decision on one split, the same for every split of
// the same two halves.
func (s *segmenter) decide(sp split) Hyphen {
	h := Hyphen{Line: s.lines[sp.a].no, NextLine: s.lines[sp.b].no, Left: sp.left, Right: sp.right}
	h.Keep, h.Reason, h.Uncertain = s.v.decide(sp.left, sp.right)
	return h
}

// baseIndent is the most common indent of body lines.
func (s *segmenter) baseIndent() int {
	count := map[int]int{}
	for _, i := range s.body {
		count[s.lines[i].indent]++
	}
	best, bestN := 0, -1
	for ind, c := range count {
		if c > bestN || (c == bestN && ind < best) {
			best, bestN = ind, c
		}
	}
	return best
}

var (
	bulletRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[•◦▪‣●■□➢►] ?`) })
	// No leading zero: the draft writes the number back as Markdown reads
	// it, and "00." or "07." would come back as "0." and "7.".
	orderedRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\(?(0|[1-9]\d?)[.)] \S`) })
)

// findQuoteRuns marks runs of two or more consecutive lines indented alike
// and deeper than the text: block quotations in -layout output. Runs that
// continue a list item (its lines hang under the item's text) are not
// quotations.
func (s *segmenter) findQuoteRuns() {
	n := len(s.body)
	s.quote = make([]bool, n)
	for k := 0; k < n; {
		l := s.lines[s.body[k]]
		if l.indent <= s.base {
			k++
			continue
		}
		m := k + 1
		for m < n && s.lines[s.body[m]].indent == l.indent && s.lines[s.body[m]].page == l.page {
			m++
		}
		if m-k >= 2 && !s.hangsUnderItem(k) {
			for j := k; j < m; j++ {
				s.quote[j] = true
			}
		}
		k = m
	}
}

// hangsUnderItem reports whether body line k is indented under the text of
// a list item begun on an earlier line.
func (s *segmenter) hangsUnderItem(k int) bool {
	ind := s.lines[s.body[k]].indent
	for j := k - 1; j >= 0 && j >= k-30; j-- {
		l := s.lines[s.body[j]]
		if l.indent < ind {
			return bulletRe().MatchString(l.text) || orderedRe().MatchString(l.text)
		}
	}
	return false
}

func (s *segmenter) short(k int) bool {
	return s.lines[s.body[k]].edge*100 < s.r.Measure*shortPct
}

// nearFull reports whether body line k stops clearly short of the measure,
// though not short: with a sentence ending there and a capital next, that
// is how a paragraph that nearly fills its last line ends.
func (s *segmenter) nearFull(k int) bool {
	return s.lines[s.body[k]].edge*100 < s.r.Measure*nearFullPct
}

// abbrevs end with a full stop that rarely ends a sentence.
var abbrevs = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "no": true, "vol": true,
	"p": true, "pp": true, "cf": true, "fig": true, "ch": true, "ed": true, "eds": true, "e.g": true, "i.e": true, "vs": true, "viz": true}

// endsAbbrev reports whether t ends with an initial ("A.") or a common
// abbreviation ("Dr.", "p.").
func endsAbbrev(t string) bool {
	if !strings.HasSuffix(t, ".") {
		return false
	}
	i := strings.LastIndexAny(t, " (“\"")
	w := strings.TrimSuffix(t[i+1:], ".")
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper(firstLetter(w)) {
		return true
	}
	return abbrevs[strings.ToLower(w)]
}

// endsOpen reports whether a line ends in a mark that a paragraph does not
// end with: a comma, semicolon, hyphen or dash.
func endsOpen(t string) bool {
	switch endMark(t) {
	case ',', ';', '-', '–', '—':
		return true
	}
	return false
}

// breaks decides, between every two body lines, whether a block ends.
func (s *segmenter) breaks() {
	n := len(s.body)
	s.brk = make([]bool, n)
	if n > 0 {
		s.brk[n-1] = true
	}
	lastItem := 0 // number of the open numbered item, 0 if none
	for k := 0; k+1 < n; k++ {
		a, b := s.lines[s.body[k]], s.lines[s.body[k+1]]
		at, bt := s.text[k], s.text[k+1]
		if s.glue[k] {
			continue
		}
		brk := false
		switch {
		case s.quote[k] != s.quote[k+1]:
			brk = true
		case bulletRe().MatchString(bt) && (s.short(k) || s.startOfItem(k) || endsSentence(at) || a.indent != b.indent || lastItem < 0):
			brk = true
		case s.orderedNext(k, lastItem):
			brk = true
		case b.indent > s.base && a.indent <= s.base && !s.quote[k+1] && !s.hangsUnderItem(k+1) && canStart(bt):
			brk = true
		case s.short(k) && !endsOpen(at) && (endsSentence(at) || startsCap(bt) || bulletRe().MatchString(bt)):
			brk = true
		case s.nearFull(k) && endsSentence(at) && !endsAbbrev(at) && canStart(bt):
			brk = true
		case (k == 0 || s.brk[k-1]) && headingLike(at, s.mark) && startsCap(bt):
			brk = true
		case k+2 < n && endsSentence(at) && s.short(k+1) && headingLike(bt, s.mark) && startsCap(s.text[k+2]) && !s.glue[k+1]:
			brk = true // a heading standing between two paragraphs
		case k+2 == n && (byline().MatchString(bt) || nameLike(bt)) && (endsSentence(at) || s.short(k)):
			brk = true // a closing credit line
		}
		s.brk[k] = brk
		if brk {
			if m := orderedRe().FindStringSubmatch(bt); m != nil && s.orderedNext(k, lastItem) {
				lastItem, _ = strconv.Atoi(m[1])
			} else if bulletRe().MatchString(bt) {
				lastItem = -1
			} else {
				lastItem = 0
			}
		}
	}
}

// startOfItem reports whether body line k begins a bullet item.
func (s *segmenter) startOfItem(k int) bool { return bulletRe().MatchString(s.text[k]) }

// orderedNext reports whether body line k+1 starts a numbered item: "n. "
// or "n) " where n follows the open item's number, or, with no list open,
// n is 1 (or any small number) after a line that ends a sentence or is short.
func (s *segmenter) orderedNext(k, lastItem int) bool {
	m := orderedRe().FindStringSubmatch(s.text[k+1])
	if m == nil {
		return false
	}
	num, _ := strconv.Atoi(m[1])
	if lastItem > 0 {
		return num == lastItem+1
	}
	return num <= 20 && (endsSentence(s.text[k]) || (s.short(k) && !endsOpen(s.text[k])))
}

// canStart reports whether t can begin a paragraph: a capital, a digit or
// an opening mark first.
func canStart(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return startsCap(t) || unicode.IsDigit(r) || strings.ContainsRune(openers, r)
}

// small words may stay lower case in a title-case heading.
var small = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "nor": true, "but": true,
	"of": true, "in": true, "on": true, "at": true, "to": true, "for": true, "by": true, "from": true, "with": true,
	"as": true, "into": true, "onto": true, "upon": true, "per": true, "via": true, "vs": true, "than": true, "over": true}

// headingLike reports whether t could be a heading: at most 15 words and 100
// characters, letters in it, no closing punctuation, no brackets or braces,
// mostly words rather than numbers, and title case (every word but the
// small ones capitalised) or all capitals. A quoted line is judged inside
// its quotation marks.
func headingLike(t, mark string) bool {
	if utf8.RuneCountInString(t) > 100 || strings.ContainsAny(t, "[]{}<>") || strings.Contains(t, mark) || !hasLetter(t) {
		return false
	}
	if bulletRe().MatchString(t) || orderedRe().MatchString(t) {
		return false
	}
	switch endMark(t) {
	case '.', ',', ';', ':', '!', '?', '-', '–', '—', '…':
		return false
	}
	words := strings.Fields(strings.Trim(t, openers+closers))
	if len(words) == 0 || len(words) > 15 {
		return false
	}
	upperOnly, caps, lower, digits := true, 0, 0, 0
	for i, w := range words {
		w = strings.Trim(w, openers+closers+",.;:!?")
		r := firstLetter(w)
		switch {
		case w == "":
		case unicode.IsDigit(r):
			digits++
		case strings.ContainsFunc(w, unicode.IsLower):
			upperOnly = false
			if unicode.IsUpper(r) {
				caps++
			} else if i == 0 || !small[strings.ToLower(w)] {
				lower++
			}
		case unicode.IsUpper(r):
			caps++
		default:
			lower++
		}
	}
	if digits*3 > len(words) || caps == 0 {
		return false
	}
	return lower == 0 || upperOnly
}

// byline matches a credit line: "by Name", "Article by Name".
var byline = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:\p{L}+ ){0,2}[Bb]y \p{Lu}`) })

// nameLike reports whether t reads like a name: two to four capitalised
// words or initials, nothing else.
func nameLike(t string) bool {
	words := strings.Fields(t)
	if len(words) < 2 || len(words) > 4 || utf8.RuneCountInString(t) > 40 {
		return false
	}
	for _, w := range words {
		if !unicode.IsUpper(firstLetter(w)) || strings.ContainsFunc(w, unicode.IsDigit) {
			return false
		}
		if strings.ContainsAny(strings.TrimSuffix(w, "."), ".,;:!?") {
			return false
		}
	}
	return true
}

// blocks groups the lines into blocks and says what each is.
func (s *segmenter) blocks() {
	r := s.r
	var out []Block
	blockOf := make([]int, len(s.body))
	for k := 0; k < len(s.body); {
		m := k
		for m < len(s.body) && !s.brk[m] {
			m++
		}
		if m == len(s.body) {
			m--
		}
		var b strings.Builder
		for j := k; j <= m; j++ {
			b.WriteString(s.text[j])
			if j < m && !s.glue[j] {
				b.WriteByte(' ')
			}
			blockOf[j] = len(out)
		}
		blk := Block{Kind: Para, Line: s.lines[s.body[k]].no, EndLine: s.lines[s.body[m]].no, Text: b.String()}
		switch {
		case s.quote[k]:
			blk.Kind, blk.Why = Quote, "indented like a quotation"
		case bulletRe().MatchString(blk.Text):
			blk.Kind, blk.Why = Bullet, "starts with a bullet"
			blk.Text = strings.TrimSpace(bulletRe().ReplaceAllString(blk.Text, ""))
		case k > 0 && orderedRe().MatchString(blk.Text) && s.orderedNext(k-1, lastNumber(out)):
			blk.Kind, blk.Why = Ordered, "a numbered item"
		case k == 0 && orderedRe().MatchString(blk.Text):
			blk.Kind, blk.Why = Ordered, "a numbered item"
		case k == m && headingLike(blk.Text, s.mark):
			blk.Kind, blk.Why = Heading, "a line standing alone, in title case, without closing punctuation"
		}
		if blk.Kind == Ordered {
			mm := orderedRe().FindStringSubmatch(blk.Text)
			blk.Number, _ = strconv.Atoi(mm[1])
		}
		out = append(out, blk)
		k = m + 1
	}
	// A quoted paragraph introduced by a colon is a block quotation.
	for i := 1; i < len(out); i++ {
		b := &out[i]
		if b.Kind != Para || out[i-1].Kind == Heading || endMark(out[i-1].Text) != ':' {
			continue
		}
		t := strings.TrimRight(b.Text, s.mark+"0123456789-")
		if strings.HasPrefix(b.Text, "“") && strings.HasSuffix(t, "”") || strings.HasPrefix(b.Text, "\"") && strings.HasSuffix(t, "\"") {
			b.Kind, b.Why = Quote, "a quotation introduced by a colon"
		}
	}
	// A closing credit line is a byline, and so is an opening "By …".
	if n := len(out); n > 0 {
		last := &out[n-1]
		if (last.Kind == Para || last.Kind == Heading) && last.Line == last.EndLine && !strings.Contains(last.Text, s.mark) &&
			(byline().MatchString(last.Text) || nameLike(last.Text)) && n > 1 {
			last.Kind, last.Why = Byline, "a credit line closing the text"
		}
		first := &out[0]
		if n > 1 && (first.Kind == Para || first.Kind == Heading) && first.Line == first.EndLine && strings.HasPrefix(first.Text, "By ") && nameLike(strings.TrimPrefix(first.Text, "By ")+" X") {
			first.Kind, first.Why = Byline, "a credit line opening the text"
		}
	}
	// Each note goes after the block that holds the last line of its page.
	lastOfPage := make([]int, r.Pages) // block holding the last body line of each page
	for k, i := range s.body {
		lastOfPage[s.lines[i].page] = blockOf[k]
	}
	for p := 1; p < len(lastOfPage); p++ {
		lastOfPage[p] = max(lastOfPage[p], lastOfPage[p-1])
	}
	for _, note := range r.Notes {
		at := lastOfPage[note.page]
		if len(out) == 0 {
			out = append(out, Block{Kind: Para})
		}
		// not inside a list or a run of quotations
		for at+1 < len(out) && out[at+1].Kind == out[at].Kind && (out[at].Kind == Bullet || out[at].Kind == Ordered || out[at].Kind == Quote) {
			at++
		}
		out[at].Notes = append(out[at].Notes, note)
	}
	r.Blocks = out
	for _, b := range out {
		if b.Kind != Para {
			r.Review = append(r.Review, Item{b.Line, fmt.Sprintf("%s: %q (%s)", b.Kind, clip(s.plain(b.Text), 70), b.Why)})
		}
	}
}

// lastNumber is the number of the last block if it is a numbered item.
func lastNumber(bs []Block) int {
	if len(bs) > 0 && bs[len(bs)-1].Kind == Ordered {
		return bs[len(bs)-1].Number
	}
	return 0
}

// plain returns block text with note references written [^label].
func (s *segmenter) plain(t string) string {
	return replaceMarks(t, s.mark, func(label string) string { return "[^" + label + "]" })
}

// replaceMarks replaces every mark+label+mark in t with f(label).
func replaceMarks(t, mark string, f func(string) string) string {
	if !strings.Contains(t, mark) {
		return t
	}
	var b strings.Builder
	for {
		i := strings.Index(t, mark)
		if i < 0 {
			break
		}
		j := strings.Index(t[i+len(mark):], mark)
		if j < 0 {
			break
		}
		b.WriteString(t[:i])
		b.WriteString(f(t[i+len(mark) : i+len(mark)+j]))
		t = t[i+len(mark)+j+len(mark):]
	}
	b.WriteString(t)
	return b.String()
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return string(rs[:n]) + "…"
}
