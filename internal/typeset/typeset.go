// Package typeset sets one paragraph: it turns styled runs of text into
// Knuth–Plass boxes, glue and penalties (with Liang hyphenation and the
// font's pair kerning folded into the widths), breaks them into lines as a
// whole, and returns each line as positioned runs ready for a page.
// It knows fonts and lengths, not the document structure or the PDF.
package typeset

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"press/internal/hyphen"
	"press/internal/linebreak"
	"press/internal/page"
)

// Style is the face and size of a run. Raise lifts the baseline (note
// numbers); Font names a face in Setter.Faces.
type Style struct {
	Font  string
	Size  page.SP
	Raise page.SP
	// Expand is horizontal glyph scaling in thousandths (20 = 2% wider),
	// set per line by the setter, as pdfTeX's font expansion.
	Expand int
	// Track is extra space after every glyph (letter spacing), set per
	// line by the setter for the rare line nothing else can fill.
	Track page.SP
	// Strike draws a rule through the text (struck-through words): the
	// page draws it over the run, spaces between struck words included.
	Strike bool
}

// Span is a run of text in one style. Link makes the run clickable (an
// anchor name, or a URL when External); Anchor names the place where the
// span starts, so other pages can link to it.
type Span struct {
	Text     string
	Style    Style
	Link     string
	External bool
	Anchor   string
	// NoBreak keeps the span glued to the text before it (a note number
	// after a word) and forbids hyphenation inside it.
	NoBreak bool
	// Source is the rune offset of the span's text in the paragraph's
	// running text, or -1 for text that is not part of it (a note mark, a
	// list bullet). Lines report where they start in these terms, so the
	// e-book can mark where each printed page begins.
	Source int
	// Breaks, when not BreakWords, replaces hyphenation in the span's words
	// with the break points of code or of a web address: never a hyphen
	// added, so what the reader types is what was written.
	Breaks BreakRule
	// Before is fixed, unbreakable space ahead of the span: the hair space
	// that keeps a note number from touching (and, in extracted text,
	// merging with) the word it follows.
	Before page.SP
	// Image, when set, makes the span an inline picture instead of text:
	// one unbreakable box Image.W wide, standing on the baseline; the
	// line reports where it lands (Line.Images).
	Image *page.Image
}

// BreakRule says where a line may end inside a word of a span.
type BreakRule uint8

const (
	// BreakWords: after explicit hyphens and dashes, and at hyphenation
	// points (with a hyphen added).
	BreakWords BreakRule = iota
	// BreakCode: inline code, after / . _ - : and between the parts of a
	// camelCase name.
	BreakCode
	// BreakURL: a web address, after / . ? & = - and before # and _ (a
	// Wikipedia title is one long run of words joined by underscores).
	BreakURL
)

// ruleBreaks returns the rune indexes before which a word may break under
// rule r (never at its ends).
func ruleBreaks(r BreakRule, runes []rune) []int {
	var at []int
	for i := 1; i < len(runes); i++ {
		prev, cur := runes[i-1], runes[i]
		ok := false
		switch r {
		case BreakCode:
			ok = strings.ContainsRune("/._-:", prev) && !strings.ContainsRune("/._-:", cur) ||
				unicode.IsLower(prev) && unicode.IsUpper(cur)
		case BreakURL:
			ok = strings.ContainsRune("/.?&=-", prev) && !strings.ContainsRune("/.?&=-", cur) || cur == '#' ||
				cur == '_' && prev != '_' && prev != '/'
		}
		if ok && i < len(runes)-1 {
			at = append(at, i)
		}
	}
	return at
}

// Align is how the lines of a paragraph sit in the measure.
type Align uint8

const (
	Justify Align = iota
	Left
	Right
	Center
)

// Paragraph is the input to Set.
type Paragraph struct {
	Spans  []Span
	Width  page.SP // the measure
	Indent page.SP // first-line indent
	Align  Align
	// Hyphenate allows discretionary breaks from the hyphenation patterns.
	Hyphenate bool
	// Unhyphenated lists lines (0-based) that must not end in a hyphen:
	// those the page builder put at a page foot.
	Unhyphenated []int
	// Looseness asks for that many more lines (fewer if negative) than
	// the best breaking has, when it can be done (TeX's \looseness).
	Looseness int
}

// Run is a piece of text placed on a line; X is from the line's left
// edge, W its width as set.
type Run struct {
	X, W  page.SP
	Style Style
	Text  string
}

// LinkBox is a clickable stretch of a line.
type LinkBox struct {
	X, W     page.SP
	Style    Style
	Target   string
	External bool
}

// PlacedImage is an inline picture on a line, its left edge at X.
type PlacedImage struct {
	X     page.SP
	Image *page.Image
}

// Mark is an anchor placed on a line at X.
type Mark struct {
	X    page.SP
	Name string
}

// Line is one finished line.
type Line struct {
	Runs       []Run
	Links      []LinkBox
	Marks      []Mark
	Images     []PlacedImage
	Width      page.SP // the measure it was set to
	Natural    page.SP // the width of its content as set
	Ratio      float64 // adjustment ratio used
	Hyphenated bool
	Overfull   bool
	MaxSize    page.SP // largest type size on the line
	Expand     int     // glyph expansion used, thousandths
	// Source is the offset in the paragraph's running text (Span.Source
	// terms) of the line's first character, or -1 when it starts with
	// text from outside it.
	Source int
	// Justified reports that the line was stretched or shrunk to the
	// measure; Space is then its widest interword space as set and Spaces
	// how many interword spaces it has. They are what a reader sees of a
	// line's evenness, and what the typographic measurements read.
	Justified bool
	Space     page.SP
	Spaces    int
	// HyphenEnd reports that the line ends in a hyphen after a letter,
	// whether the breaker added it or the word has its own.
	HyphenEnd bool
	// CapitalBroken reports that the line ends inside a capitalised word
	// broken by the hyphenation patterns ("For-ward" of "Forward").
	CapitalBroken bool
}

// Metrics is what setting needs to know of a face, in font units. The
// shaped faces of internal/font satisfy it; tests use fixed-width fakes.
// Width is the shaped width of a text (kerning and ligatures included):
// the PDF draws each run of text shaped the same way.
type Metrics interface {
	UnitsPerEm() int
	Advance(r rune) int
	Width(s string) int
}

// Setter holds what setting needs: faces, hyphenation and the breaking
// parameters. A Setter is safe for concurrent use once built.
type Setter struct {
	Faces       map[string]Metrics
	Hyphenator  *hyphen.Hyphenator
	HyphenMin   hyphen.Options
	MinWord     int  // shortest word to hyphenate, in letters
	Capitalized bool // hyphenate capitalised words
	LastWord    bool // hyphenate the last word of a paragraph
	Params      linebreak.Params
	// EmergencyStretchEm is the third pass's extra stretch in ems of the
	// paragraph's first style.
	EmergencyStretchEm float64
	HyphenPenalty      int
	ExHyphenPenalty    int
	// SpaceStretch and SpaceShrink are the interword glue's stretch and
	// shrink as fractions of the font's space (TeX's fonts: 1/2 and 1/3).
	// Zero means those defaults.
	SpaceStretch, SpaceShrink float64
	// MaxExpand is the most glyphs may be widened or narrowed, in
	// thousandths of their width (pdfTeX's font expansion; 0 = none).
	// The line breaker sees it as stretch and shrink of the words, so a
	// line's slack is shared by glyphs and spaces in proportion.
	MaxExpand int
	// MaxTrack is the most letter spacing, in thousandths of an em, that
	// a line may get when, even expanded, its spaces would be wider than
	// MaxSpace times their natural width (0 = never): the letters then
	// take the rest, as a compositor's maximum word spacing hands a
	// line's slack to the letter spacing (InDesign's justification).
	MaxTrack int
	MaxSpace float64
	// Fallbacks are keys of Faces that draw the characters a span's face
	// lacks, first found wins (see withFallbacks).
	Fallbacks []string

	words wordCache // the items of words set before (words.go)
}

// Result is a set paragraph.
type Result struct {
	Lines []Line
	Pass  int
	// Overfull counts lines that stick out of the measure (a word longer
	// than the line); the caller reports them.
	Overfull int
}

// piece is what an item draws: the text of a box, the hyphen of a
// discretionary, the style of a glue.
type piece struct {
	text   string
	style  Style
	span   int // index into Paragraph.Spans
	hyphen string
	// capital: a discretionary break inside a word part that starts with
	// a capital.
	capital bool
	fil     bool // the paragraph-ending glue
	anchor  string
	runes   int // for a box: rune offset of its text within the span
	image   *page.Image
	link    int // for an inline picture: its span (a link when the picture is in one)
}

// builder accumulates items and their pieces in step.
type builder struct {
	s         *Setter
	items     []linebreak.Item
	pieces    []piece
	adv, kern []int32 // a word's plain metrics (wordWidths), reused
	runs      []Run   // the runs of the lines set so far (Set, line)
	text      []byte  // the text of a run being written (runWriter)
	// Scratch space of newWord, reused from word to word.
	runes  []rune
	boff   []int
	breaks []brk
	points []int
	ww     wordWidths
	ragged bool
	caps   bool // hyphenate capitalised words
	em     page.SP
}

// builders keeps builders between paragraphs: their item and piece
// slices, grown once to a paragraph's size, are most of what setting a
// paragraph allocates.
var builders = sync.Pool{New: func() any { return new(builder) }}

// release returns b to the pool; nothing may use it afterwards.
func (b *builder) release() {
	clear(b.pieces) // let the pieces' strings and pictures go
	clear(b.runs)
	b.items, b.pieces, b.runs = b.items[:0], b.pieces[:0], b.runs[:0]
	builders.Put(b)
}

func (b *builder) add(it linebreak.Item, p piece) {
	b.items = append(b.items, it)
	b.pieces = append(b.pieces, p)
}

// scale converts font units at size to scaled points.
func scale(units int, f Metrics, size page.SP) page.SP {
	return page.SP(int64(units) * int64(size) / int64(f.UnitsPerEm()))
}

// Set breaks p into lines.
func (s *Setter) Set(p Paragraph) Result {
	p.Spans = s.withFallbacks(p.Spans)
	b := s.build(p, s.Capitalized)
	params := s.Params
	params.EmergencyStretch = int(float64(b.em) * s.EmergencyStretchEm)
	params.Unhyphenated, params.Looseness = p.Unhyphenated, p.Looseness
	if b.ragged {
		// Ragged lines are breakable anywhere a space allows; no emergency
		// pass is needed and hyphenation is rarely wanted.
		params.Pretolerance = -1
		params.Tolerance = 10000
	}
	width := int(p.Width)
	lineWidth := func(int) int { return width }
	res := s.breakLines(b, lineWidth, params)
	if (res.Pass == 4 || res.Pass == 3 && maxRatio(res) > 2) && !b.ragged && !s.Capitalized && p.Hyphenate {
		// The paragraph cannot be set without an overfull line, or needs
		// the emergency pass and has a loose line (its spaces stretched
		// more than twice their stretchability). A
		// hyphenated capitalised word is the lesser evil: try TeX's
		// \uchyph=1, and keep it if the loosest line is tighter.
		if b2 := s.build(p, true); len(b2.items) != len(b.items) {
			if r := s.breakLines(b2, lineWidth, params); r.Pass < res.Pass || r.Pass < 4 && maxRatio(r) < maxRatio(res) {
				b.release()
				b, res = b2, r
			} else {
				b2.release()
			}
		} else {
			b2.release()
		}
	}
	if res.Pass == 4 && !b.ragged {
		// TeX would now set an overfull line; a very loose line is the
		// lesser evil in print. Last resorts: twice the emergency stretch,
		// then any badness (LaTeX's \sloppy). Only a word wider than the
		// measure still sticks out.
		{
			params.EmergencyStretch *= 2
			if r := linebreak.Break(b.items, lineWidth, params); r.Pass < 4 {
				res = r
			} else {
				params.Tolerance = 10000
				if r := linebreak.Break(b.items, lineWidth, params); r.Pass < 4 {
					res = r
				}
			}
		}
	}
	out := Result{Pass: res.Pass}
	if len(res.Lines) > 0 {
		out.Lines = make([]Line, len(res.Lines))
	}
	// The lines' runs are gathered in b.runs, then handed out of one
	// slice the paragraph's size: a line's own slice, grown a run at a
	// time, would allocate several times over.
	b.runs = b.runs[:0]
	ends := make([]int, len(res.Lines))
	prev := -1
	for i, ln := range res.Lines {
		out.Lines[i] = b.line(ln, p, prev)
		ends[i] = len(b.runs)
		prev = ln.Break
		if out.Lines[i].Overfull {
			out.Overfull++
		}
	}
	runs := slices.Clone(b.runs)
	start := 0
	for i, end := range ends {
		if end > start {
			out.Lines[i].Runs = runs[start:end:end]
		}
		start = end
	}
	b.release()
	return out
}

// glyphChecker is what a face needs for fallbacks: whether it draws r.
type glyphChecker interface{ HasGlyph(r rune) bool }

// withFallbacks cuts each span where its face lacks a character that a
// fallback face has: that stretch is set in the first fallback face that
// has all of it, a character at a time, so a Hebrew word in an English
// novel is drawn whole in one face. Spaces, controls and invisible
// format characters go with the text around them. A character no face
// has stays in the span's own face (its missing-glyph box; the caller
// reports it). Spans that need nothing are returned as they are.
func (s *Setter) withFallbacks(spans []Span) []Span {
	if len(s.Fallbacks) == 0 {
		return spans
	}
	faceOf := func(key string, r rune) string {
		if neutral(r) {
			return ""
		}
		if f, ok := s.Faces[key].(glyphChecker); !ok || f.HasGlyph(r) {
			return key
		}
		for _, fb := range s.Fallbacks {
			if f, ok := s.Faces[fb].(glyphChecker); ok && f.HasGlyph(r) {
				return fb
			}
		}
		return key
	}
	var out []Span
	for i, sp := range spans {
		needs := false
		for _, r := range sp.Text {
			if k := faceOf(sp.Style.Font, r); k != "" && k != sp.Style.Font {
				needs = true
				break
			}
		}
		if !needs {
			if out != nil {
				out = append(out, sp)
			}
			continue
		}
		if out == nil {
			out = append(make([]Span, 0, len(spans)+2), spans[:i]...)
		}
		cur, start, runes, startRunes := "", 0, 0, 0
		emit := func(end int) {
			if end == start {
				return
			}
			part := sp
			part.Text = sp.Text[start:end]
			if cur != "" {
				part.Style.Font = cur
			}
			if start > 0 {
				part.Anchor, part.Before = "", 0
				if sp.Source >= 0 {
					part.Source = sp.Source + startRunes
				}
			}
			out = append(out, part)
		}
		for at, r := range sp.Text {
			k := faceOf(sp.Style.Font, r)
			if k != "" && k != cur {
				if cur != "" {
					emit(at)
					start, startRunes = at, runes
				}
				cur = k
			}
			runes++
		}
		emit(len(sp.Text))
	}
	if out == nil {
		return spans
	}
	return out
}

// neutral reports whether r draws nothing of its own and so goes with the
// text around it: spaces, controls, the soft hyphen, joiners and
// variation selectors.
func neutral(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u00ad' || r >= '\u200b' && r <= '\u200f' || r >= '\ufe00' && r <= '\ufe0f'
}

// maxRatio is the adjustment ratio of the loosest line but the last.
func maxRatio(r linebreak.Result) float64 {
	m := 0.0
	for _, l := range r.Lines[:max(len(r.Lines)-1, 0)] {
		m = max(m, l.Ratio)
	}
	return m
}

// breakLines runs the line breaker. When the paragraph needs the emergency
// pass, the emergency stretch is offered in steps (a third, two thirds,
// all of it): the least that works keeps the loosest line tight, where
// the full amount at once lets TeX's third pass spread needless looseness.
func (s *Setter) breakLines(b *builder, lineWidth func(int) int, params linebreak.Params) linebreak.Result {
	full := params.EmergencyStretch
	if full <= 0 || b.ragged {
		return linebreak.Break(b.items, lineWidth, params)
	}
	var res linebreak.Result
	for step := 1; step <= 3; step++ {
		params.EmergencyStretch = full * step / 3
		res = linebreak.Break(b.items, lineWidth, params)
		if res.Pass < 3 || res.Pass == 3 {
			return res
		}
	}
	return res
}

// build turns the paragraph into items; caps allows hyphenating words
// that start with a capital.
func (s *Setter) build(p Paragraph, caps bool) *builder {
	b := builders.Get().(*builder)
	*b = builder{s: s, ragged: p.Align != Justify, caps: caps, items: b.items, pieces: b.pieces, adv: b.adv, kern: b.kern, runs: b.runs, text: b.text,
		runes: b.runes, boff: b.boff, breaks: b.breaks, points: b.points, ww: wordWidths{adv: b.ww.adv, kern: b.ww.kern}}
	if len(p.Spans) > 0 {
		b.em = p.Spans[0].Style.Size
	}
	if p.Indent > 0 {
		b.add(linebreak.Item{Kind: linebreak.Box, Width: int(p.Indent)}, piece{span: -1})
	}
	lastWord := lastWordSpan(p.Spans)
	for i, sp := range p.Spans {
		at := -1
		if !s.LastWord {
			at = lastWord.offset(i)
		}
		b.span(i, sp, p.Hyphenate, at)
	}
	// Paragraph end: \parfillskip and a forced break.
	b.add(linebreak.Item{Kind: linebreak.Penalty, Penalty: linebreak.Infinity}, piece{span: -1})
	b.add(linebreak.Item{Kind: linebreak.Glue, Stretch: linebreak.FilStretch}, piece{span: -1, fil: true})
	b.add(linebreak.Item{Kind: linebreak.Penalty, Penalty: -linebreak.Infinity}, piece{span: -1})
	return b
}

type wordPos struct {
	span  int
	start int // byte offset of the last word in that span
}

func (w wordPos) offset(span int) int {
	if span == w.span {
		return w.start
	}
	return -1
}

// lastWordSpan finds the span and byte offset where the paragraph's last
// word starts, to keep it whole (TeX's \finalhyphendemerits taken further).
func lastWordSpan(spans []Span) wordPos {
	for i := len(spans) - 1; i >= 0; i-- {
		t := strings.TrimRightFunc(spans[i].Text, unicode.IsSpace)
		if t == "" || spans[i].NoBreak {
			continue
		}
		return wordPos{span: i, start: strings.LastIndexFunc(t, unicode.IsSpace) + 1}
	}
	return wordPos{span: -1}
}

// span adds the items of one span: words as boxes (split at hyphenation
// points into discretionary breaks), spaces as glue.
func (b *builder) span(idx int, sp Span, hyphenate bool, lastWordAt int) {
	face := b.s.Faces[sp.Style.Font]
	anchor := sp.Anchor
	if sp.Before > 0 {
		b.add(linebreak.Item{Kind: linebreak.Box, Width: int(sp.Before)}, piece{span: -1})
	}
	if sp.Image != nil {
		// Not text (span −1): neither expanded nor letter-spaced.
		b.add(linebreak.Item{Kind: linebreak.Box, Width: int(sp.Image.W)}, piece{span: -1, image: sp.Image, anchor: anchor, link: idx})
		return
	}
	text := sp.Text
	style := b.s.words.style(wordStyle{font: sp.Style.Font, size: sp.Style.Size, caps: b.caps, ragged: b.ragged, rule: sp.Breaks})
	pos, runes := 0, 0 // byte and rune offset in text
	for pos < len(text) {
		r, size := utf8.DecodeRuneInString(text[pos:])
		if unicode.IsSpace(r) && r != '\u00a0' {
			end := pos + size
			runes++
			for end < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[end:])
				if !unicode.IsSpace(r2) || r2 == '\u00a0' {
					break
				}
				end += s2
				runes++
			}
			b.space(idx, sp.Style, face)
			pos = end
			continue
		}
		end, n := pos, 0
		for end < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[end:])
			if unicode.IsSpace(r2) && r2 != '\u00a0' {
				break
			}
			end += s2
			n++
		}
		word := text[pos:end]
		h := hyphenate && !sp.NoBreak && sp.Breaks == BreakWords && (lastWordAt < 0 || pos < lastWordAt)
		b.word(idx, sp.Style, style, face, word, h, anchor, runes, sp.Breaks)
		anchor = ""
		pos, runes = end, runes+n
	}
	if anchor != "" {
		// An anchor on an empty span still needs a place.
		b.add(linebreak.Item{Kind: linebreak.Box}, piece{span: idx, style: sp.Style, anchor: anchor})
	}
}

// space adds interword glue: the font's space with the layout's stretch
// and shrink (by default 1/2 and 1/3, as TeX's fonts), or the ragged-right
// construction of Knuth and Plass.
func (b *builder) space(idx int, st Style, face Metrics) {
	w := int(scale(face.Advance(' '), face, st.Size))
	if b.ragged {
		rag := int(3 * st.Size)
		b.add(linebreak.Item{Kind: linebreak.Glue, Stretch: rag}, piece{span: idx, style: st})
		b.add(linebreak.Item{Kind: linebreak.Penalty}, piece{span: idx, style: st})
		b.add(linebreak.Item{Kind: linebreak.Glue, Width: w, Stretch: -rag}, piece{span: idx, style: st})
		return
	}
	y, z := b.s.SpaceStretch, b.s.SpaceShrink
	if y == 0 && z == 0 {
		y, z = 0.5, 1.0/3
	}
	if n := len(b.pieces); n > 0 && b.items[n-1].Kind == linebreak.Box && strings.HasSuffix(b.pieces[n-1].text, "-") {
		// A word that ends in a hyphen ("necessary- a way") ends its line
		// looking hyphenated: break at a flagged penalty rather than at the
		// glue, so the limits on hyphenated lines count it.
		b.add(linebreak.Item{Kind: linebreak.Penalty, Penalty: b.s.ExHyphenPenalty, Flagged: true}, piece{span: idx, style: st})
	}
	b.add(linebreak.Item{Kind: linebreak.Glue, Width: w, Stretch: int(float64(w) * y), Shrink: int(float64(w) * z)}, piece{span: idx, style: st})
}

// breakAfterDash reports whether a line may end after r inside a word.
func breakAfterDash(r rune) bool {
	return r == '-' || r == '\u2010' || r == '–' || r == '—' || r == '/'
}

// word adds one word: boxes between its break points, with discretionary
// hyphens from the patterns and explicit breaks after hyphens and dashes.
func (b *builder) word(idx int, st Style, style uint32, face Metrics, word string, hyphenate bool, anchor string, offset int, rule BreakRule) {
	k := wordKey{word: word, style: style, hyphenate: hyphenate}
	if b.s.words.get(b, k, idx, st, anchor, offset) {
		return
	}
	first := len(b.items)
	b.newWord(idx, st, face, word, hyphenate, anchor, offset, rule)
	if utf8.ValidString(word) { // else the boxes' texts are not word's bytes
		b.s.words.put(k, b.items[first:], b.pieces[first:], offset)
	}
}

// newWord is word for a word not set before.
func (b *builder) newWord(idx int, st Style, face Metrics, word string, hyphenate bool, anchor string, offset int, rule BreakRule) {
	// The word's runes, and where each starts in word (valid UTF-8: a
	// part of the word is then a slice of it, not a copy).
	valid := utf8.ValidString(word)
	runes, boff := b.runes[:0], b.boff[:0]
	for i, r := range word {
		runes, boff = append(runes, r), append(boff, i)
	}
	boff = append(boff, len(word))
	b.runes, b.boff = runes, boff
	// Break opportunities: after explicit dashes (not at the word's ends),
	// and Liang points in the letter core of plain words; or the rule's.
	breaks := b.breaks[:0]
	if rule != BreakWords {
		for _, at := range ruleBreaks(rule, runes) {
			breaks = append(breaks, brk{at: at, plain: true})
		}
	}
	for i := 1; i < len(runes)-1 && rule == BreakWords; i++ {
		if breakAfterDash(runes[i]) && unicode.IsLetter(runes[i+1]) {
			breaks = append(breaks, brk{at: i + 1, explicit: true})
		}
	}
	if hyphenate && rule == BreakWords && groupedNumber(runes) {
		// A long number may be broken after a comma, never with a hyphen
		// (as the Chicago Manual of Style allows), at a cost only a
		// paragraph with no better way pays: the line before it would
		// otherwise gape.
		for i := 1; i < len(runes)-1; i++ {
			if runes[i] == ',' && unicode.IsDigit(runes[i-1]) && unicode.IsDigit(runes[i+1]) {
				breaks = append(breaks, brk{at: i + 1, number: true})
			}
		}
	}
	if hyphenate && b.s.Hyphenator != nil {
		// Liang points in each run of letters: a plain word, or each part
		// of a compound ("phony-com-mu-nists"), every part held to the
		// minimum length and the capitals rule on its own.
		lo, hi := letterCore(runes)
		for i := lo; i < hi; {
			j := i
			for j < hi && unicode.IsLetter(runes[j]) {
				j++
			}
			part := runes[i:j]
			bounded := (i == lo || breakAfterDash(runes[i-1])) && (j == hi || breakAfterDash(runes[j]))
			if bounded && len(part) >= b.s.MinWord && (b.caps || !unicode.IsUpper(part[0])) {
				text := word[boff[i]:boff[j]]
				if !valid {
					text = string(part)
				}
				b.points = b.s.Hyphenator.AppendPoints(b.points[:0], text, b.s.HyphenMin)
				for _, pt := range b.points {
					breaks = append(breaks, brk{at: i + pt})
				}
			}
			if j == i {
				j++
			}
			i = j
		}
	}
	// No two breaks are at one place: the order is the same whatever the
	// sort.
	slices.SortFunc(breaks, func(x, y brk) int { return x.at - y.at })
	// Box widths are differences of shaped prefixes, so the boxes of an
	// unbroken word add up to the word as shaped whole (a ligature across
	// a break point included), and a discretionary's width is what its
	// hyphen adds to the shaped first half ("of" + "-"). The second half
	// is shaped on its own too: what it differs by from its boxes is the
	// break's post-break material (below). So, as TeX's discretionaries
	// do, a broken word is measured as drawn: "office" whole with its ﬃ,
	// "of-" and "fice" (with its ﬁ) when broken.
	start, prevW := 0, 0
	first := len(b.items) // the word's first box
	ww := b.measure(face, runes, word, valid, len(breaks) > 0)
	for bi := 0; bi <= len(breaks); bi++ {
		end := len(runes)
		if bi < len(breaks) {
			end = breaks[bi].at
		}
		pw := ww.prefix(end)
		w := scale(pw-prevW, face, st.Size)
		ex := 0
		if !b.ragged {
			ex = int(w) * b.s.MaxExpand / 1000
		}
		text := word[boff[start]:boff[end]] // no copy
		if !valid {
			text = string(runes[start:end])
		}
		b.add(linebreak.Item{Kind: linebreak.Box, Width: int(w), Stretch: ex, Shrink: ex}, piece{text: text, style: st, span: idx, anchor: anchor, runes: offset + start})
		anchor = ""
		if bi < len(breaks) {
			br := breaks[bi]
			if br.plain {
				b.add(linebreak.Item{Kind: linebreak.Penalty, Penalty: b.s.HyphenPenalty},
					piece{span: idx, style: st})
			} else if br.number {
				b.add(linebreak.Item{Kind: linebreak.Penalty, Penalty: numberBreakPenalty, Discretionary: true},
					piece{span: idx, style: st})
			} else if br.explicit {
				b.add(linebreak.Item{Kind: linebreak.Penalty, Penalty: b.s.ExHyphenPenalty, Flagged: true},
					piece{span: idx, style: st})
			} else {
				hw := ww.hyphenated(end) - pw
				b.add(linebreak.Item{Kind: linebreak.Penalty, Width: int(scale(hw, face, st.Size)), Penalty: b.s.HyphenPenalty, Flagged: true, Discretionary: true},
					piece{span: idx, style: st, hyphen: "-", capital: capitalPart(runes, end)})
			}
		}
		start, prevW = end, pw
	}
	if len(breaks) > 0 {
		b.postBreak(ww, face, st, runes, first)
	}
	b.breaks = breaks
}

// plainMeasurer is a face that can tell a word the shaper leaves as it is
// (font.Face.PlainMetrics).
type plainMeasurer interface {
	PlainMetrics(s string, adv, kern []int32) ([]int32, []int32, bool)
}

// grow returns s with length n, reusing its array when large enough;
// its contents are undefined.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// brk is a break opportunity inside a word.
type brk struct {
	at       int // rune index: break before runes[at]
	explicit bool
	plain    bool // no hyphen, not flagged: code and web addresses
	number   bool // after a comma of a long number
}

// wordWidths measures the parts of one word as each is shaped alone: a
// prefix (the line before a break), a prefix with a hyphen, a suffix (the
// line after it). For a plain word the widths are sums of the advances
// and kerning pairs of one pass over the word; otherwise each part is
// shaped.
type wordWidths struct {
	face  Metrics
	runes []rune
	plain bool
	// For a plain word: adv[i] is the advance of runes[:i] without
	// kerning, kern[i] the kerning between runes[:i]'s pairs.
	adv, kern []int
	hyphen    string // "-" in the face's measure, see hyphenated
}

// measure readies a word's measurer; parts says whether parts of it will
// be measured (it has break points), else the word is measured whole.
func (b *builder) measure(face Metrics, runes []rune, word string, valid, parts bool) *wordWidths {
	w := &b.ww
	*w = wordWidths{face: face, runes: runes, adv: w.adv, kern: w.kern}
	pm, ok := face.(plainMeasurer)
	if !ok || !parts {
		return w
	}
	if !valid {
		word = string(runes)
	}
	b.adv, b.kern, ok = pm.PlainMetrics(word, b.adv[:0], b.kern[:0])
	if !ok {
		return w
	}
	w.plain = true
	w.adv, w.kern = grow(w.adv, len(runes)+1), grow(w.kern, len(runes)+1)
	w.adv[0], w.kern[0] = 0, 0
	for i := range runes {
		w.adv[i+1] = w.adv[i] + int(b.adv[i])
		if i > 0 {
			w.kern[i+1] = w.kern[i] + int(b.kern[i-1])
		} else {
			w.kern[1] = 0
		}
	}
	return w
}

// prefix is the width of runes[:end] shaped alone.
func (w *wordWidths) prefix(end int) int {
	if !w.plain {
		return w.face.Width(string(w.runes[:end]))
	}
	return w.adv[end] + w.kern[end]
}

// suffix is the width of runes[start:] shaped alone.
func (w *wordWidths) suffix(start int) int {
	n := len(w.runes)
	if !w.plain || start >= n {
		return w.face.Width(string(w.runes[start:]))
	}
	return w.adv[n] - w.adv[start] + w.kern[n] - w.kern[start+1]
}

// hyphenated is the width of runes[:end] and a hyphen, shaped alone.
func (w *wordWidths) hyphenated(end int) int {
	if w.plain && end > 0 {
		if pm, ok := w.face.(plainMeasurer); ok {
			if adv, kern, ok := pm.PlainMetrics(string(w.runes[end-1])+"-", nil, nil); ok {
				return w.prefix(end) + int(adv[1]) + int(kern[0])
			}
		}
	}
	return w.face.Width(string(w.runes[:end]) + "-")
}

// postBreak gives each break inside the word whose boxes start at
// b.items[first] its post-break material: what the rest of the word,
// shaped on its own as the next line draws it, differs by from the
// word's boxes after the break (a ligature or kerning pair across the
// break belongs to the whole word only). Its stretch and shrink are the
// font expansion's of that difference.
func (b *builder) postBreak(ww *wordWidths, face Metrics, st Style, runes []rune, first int) {
	rest, restEx := 0, 0 // the boxes after the current break
	at := len(runes)     // rune index where they start
	for i := len(b.items) - 1; i >= first; i-- {
		it := &b.items[i]
		if it.Kind == linebreak.Box {
			rest += it.Width
			restEx += it.Stretch
			at -= utf8.RuneCountInString(b.pieces[i].text)
			continue
		}
		alone := int(scale(ww.suffix(at), face, st.Size))
		ex := 0
		if !b.ragged {
			ex = alone * b.s.MaxExpand / 1000
		}
		it.PostWidth, it.PostStretch, it.PostShrink = alone-rest, ex-restEx, ex-restEx
	}
}

// numberBreakPenalty is the cost of breaking a long number after a comma:
// more than any line within tolerance, so it is taken only to avoid a
// line far too loose.
const numberBreakPenalty = 1000

// groupedNumber reports whether word is a number of seven digits or more
// written with thousands separators ("859,300,000"), perhaps with
// punctuation around it.
func groupedNumber(word []rune) bool {
	digits, commas := 0, 0
	lo, hi := 0, len(word)
	for lo < hi && !unicode.IsDigit(word[lo]) {
		lo++
	}
	for hi > lo && !unicode.IsDigit(word[hi-1]) {
		hi--
	}
	for _, r := range word[lo:hi] {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == ',':
			commas++
		default:
			return false
		}
	}
	return commas >= 2 && digits >= 7
}

// capitalPart reports whether the word part that runes[at] is in (the
// letters between dashes) starts with a capital.
func capitalPart(runes []rune, at int) bool {
	i := at
	for i > 0 && !breakAfterDash(runes[i-1]) {
		i--
	}
	for i < at && !unicode.IsLetter(runes[i]) {
		i++
	}
	return i < at && unicode.IsUpper(runes[i])
}

// letterCore returns the bounds of the word without leading and trailing
// punctuation (quotes, brackets, commas).
func letterCore(r []rune) (int, int) {
	lo, hi := 0, len(r)
	for lo < hi && !unicode.IsLetter(r[lo]) {
		lo++
	}
	for hi > lo && !unicode.IsLetter(r[hi-1]) {
		hi--
	}
	return lo, hi
}

func allLetters(r []rune) bool {
	for _, c := range r {
		if !unicode.IsLetter(c) {
			return false
		}
	}
	return true
}

// line turns one broken line of items into positioned runs. Glue is set
// from the line's natural width so that a justified line ends exactly at
// the measure (rounding goes into the last space).
func (b *builder) line(ln linebreak.Line, p Paragraph, prev int) Line {
	items, pieces := b.items, b.pieces
	start := ln.Start
	// Discardable items at the start of a line (after a break) vanish.
	for start < ln.Break && items[start].Kind != linebreak.Box {
		start++
	}
	if prev >= 0 && start < ln.Break {
		// The second half of a word broken at the line before is set as
		// shaped on its own: its first box takes the break's post-break
		// material, for this line only.
		if pi := items[prev]; pi.Kind == linebreak.Penalty && items[start].Kind == linebreak.Box &&
			(pi.PostWidth != 0 || pi.PostStretch != 0 || pi.PostShrink != 0) {
			saved := items[start]
			items[start].Width += pi.PostWidth
			items[start].Stretch += pi.PostStretch
			items[start].Shrink += pi.PostShrink
			defer func() { items[start] = saved }()
		}
	}
	end := ln.Break // exclusive: the break item itself is not drawn, but a discretionary adds its hyphen
	breakItem := items[ln.Break]
	// Natural width and total stretch/shrink of the line's content.
	var natural, stretch, shrink int
	lastGlue := -1
	for i := start; i < end; i++ {
		it := items[i]
		switch it.Kind {
		case linebreak.Box:
			natural += it.Width
		case linebreak.Glue:
			if pieces[i].fil {
				continue
			}
			natural += it.Width
			if !b.ragged {
				stretch += it.Stretch
				shrink += it.Shrink
			}
			lastGlue = i
		}
	}
	// Trailing glue before the break is not part of the line (TeX drops it).
	for e := end - 1; e > start && items[e].Kind == linebreak.Glue; e-- {
		natural -= items[e].Width
		if !b.ragged && !pieces[e].fil {
			stretch -= items[e].Stretch
			shrink -= items[e].Shrink
		}
		end = e
	}
	if breakItem.Kind == linebreak.Penalty {
		natural += breakItem.Width
	}
	lastLine := ln.Break == len(items)-1
	measure := int(p.Width)
	extra := measure - natural
	justify := p.Align == Justify && (!lastLine || extra < 0)
	if lastLine && extra > 0 {
		justify = false
	}
	// Font expansion, as pdfTeX's: the breaker counted the glyphs'
	// stretch and shrink (MaxExpand of their width) with the spaces', so
	// the line's adjustment ratio r is spread over both. The glyphs
	// change by r·MaxExpand, never more than MaxExpand either way, and
	// the spaces take the rest; an overfull line is narrowed fully.
	expand := 0
	if justify && b.s.MaxExpand > 0 {
		glyphs, gy, gz := 0, 0, 0
		for i := start; i < end; i++ {
			if items[i].Kind == linebreak.Box && pieces[i].span >= 0 {
				glyphs += items[i].Width
				gy += items[i].Stretch
				gz += items[i].Shrink
			}
		}
		switch {
		case extra > 0 && gy > 0:
			r := float64(extra) / float64(stretch+gy)
			expand = min(b.s.MaxExpand, int(r*float64(b.s.MaxExpand)+0.5))
		case extra < 0 && gz > 0:
			// Rounded up: the spaces may have no shrink to spare.
			r := float64(-extra) / float64(shrink+gz)
			expand = -min(b.s.MaxExpand, int(math.Ceil(r*float64(b.s.MaxExpand))))
		}
		// What the glyphs gain or lose, exactly as they are drawn: each
		// box by itself, and the hyphen of a broken word with them.
		for i := start; i < end; i++ {
			if items[i].Kind == linebreak.Box && pieces[i].span >= 0 {
				extra -= items[i].Width * expand / 1000
			}
		}
		if breakItem.Kind == linebreak.Penalty {
			extra -= breakItem.Width * expand / 1000
		}
	}
	// Letter spacing, last: only a line still too loose gets it, so
	// that its spaces are at most MaxSpace times their natural width.
	// Each letter's spacing follows it, so the letter before a space
	// widens that space as much as the letters narrow it: the spacing
	// is shared among the letters that do not end a word.
	track := 0
	if justify && b.s.MaxTrack > 0 && b.s.MaxSpace > 0 && stretch > 0 {
		spaces, glue := 0, 0
		for i := start; i < end; i++ {
			if it := items[i]; it.Kind == linebreak.Glue && it.Width > 0 && pieces[i].span >= 0 && !pieces[i].fil && i > start {
				spaces++
				glue += it.Width
			}
		}
		if limit := int((b.s.MaxSpace - 1) * float64(glue)); extra > limit {
			letters := 0
			for i := start; i < end; i++ {
				if items[i].Kind == linebreak.Box && pieces[i].span >= 0 {
					letters += utf8.RuneCountInString(pieces[i].text)
				}
			}
			if letters > spaces {
				// Rounded up, so that the spaces stay within the limit.
				n := letters - spaces
				track = min(int(int64(b.s.MaxTrack)*int64(b.em)/1000), (extra-limit+n-1)/n)
				extra -= track * letters
			}
		}
	}
	boxWidth := func(w int, isText bool) int {
		if !isText || expand == 0 {
			return w
		}
		return w + w*expand/1000
	}
	textWidth := func(it linebreak.Item, pc piece) int {
		w := boxWidth(it.Width, pc.span >= 0)
		if track != 0 && pc.span >= 0 {
			w += track * utf8.RuneCountInString(pc.text)
		}
		return w
	}
	out := Line{Source: -1, Width: p.Width, Hyphenated: ln.Hyphenated, Overfull: extra < -shrink && justify || ln.Overfull && expand == 0, Ratio: ln.Ratio, Expand: expand}
	// Distribute the adjustment over the glue in proportion to each glue's
	// stretch (or shrink); integer arithmetic, remainder on the last glue.
	distribute := func(i int) int {
		if !justify || extra == 0 {
			return 0
		}
		it := items[i]
		if extra > 0 {
			if stretch == 0 {
				return 0
			}
			return int(int64(extra) * int64(it.Stretch) / int64(stretch))
		}
		if shrink == 0 {
			return 0
		}
		d := int(int64(extra) * int64(it.Shrink) / int64(shrink))
		if extra < -shrink {
			d = -it.Shrink // overfull: shrink fully, stick out
		}
		return d
	}
	adjustments := 0
	x := 0
	switch p.Align {
	case Right:
		x = extra
	case Center:
		x = extra / 2
	}
	w := runWriter{b: b, first: len(b.runs)}
	// Each thing drawn on the line is put at its x: drawn at once, or, on
	// a line with right-to-left letters, once the line is set, in the
	// order it is seen (bidi.go). What is put is data, not a closure, so
	// a line without such letters allocates nothing for it.
	var visual []placed
	reorder := false
	wrote := false // text or a space put on the line
	for i := start; i < end; i++ {
		if items[i].Kind == linebreak.Box && hasRTL(pieces[i].text) {
			reorder = true
			break
		}
	}
	draw := func(pl placed, x int) {
		pc := pieces[pl.i]
		switch pl.kind {
		case putMark:
			out.Marks = append(out.Marks, Mark{X: page.SP(x), Name: pc.anchor})
		case putImage:
			out.Images = append(out.Images, PlacedImage{X: page.SP(x), Image: pc.image})
			if sp := p.Spans[pc.link]; sp.Link != "" {
				out.addLink(page.SP(x), pc.image.W, sp.Style, sp.Link, sp.External)
			}
		case putText:
			w.emit(pl.st, pc.text, x, x+pl.size)
			if sp := p.Spans[pc.span]; sp.Link != "" {
				out.addLink(page.SP(x), page.SP(pl.size), pc.style, sp.Link, sp.External)
			}
		case putSpace:
			w.space(pl.st, x, pl.size)
		case putHyphen:
			w.emit(pl.st, pc.hyphen, x, x+pl.size)
		}
	}
	put := func(pl placed) {
		if !reorder {
			draw(pl, pl.x)
			return
		}
		visual = append(visual, pl)
	}
	for i := start; i < end; i++ {
		it, pc := items[i], pieces[i]
		switch it.Kind {
		case linebreak.Box:
			st := pc.style
			st.Expand, st.Track = expand, page.SP(track)
			bw := textWidth(it, pc)
			if pc.anchor != "" {
				put(placed{x: x, kind: putMark, i: i})
			}
			if pc.image != nil {
				put(placed{x: x, w: int(pc.image.W), kind: putImage, i: i})
			}
			if pc.span >= 0 && pc.text != "" {
				if !wrote {
					if src := p.Spans[pc.span].Source; src >= 0 {
						out.Source = src + pc.runes
					}
				}
				wrote = true
				pl := placed{x: x, w: bw, size: bw, kind: putText, i: i, st: st}
				if reorder {
					pl.dir = pieceDir(pc.text)
				}
				put(pl)
				if pc.style.Size > out.MaxSize {
					out.MaxSize = pc.style.Size
				}
			}
			x += bw
		case linebreak.Glue:
			if pc.fil || it.Width == 0 && it.Stretch >= 0 && distribute(i) == 0 {
				continue // nothing to move: keep the run going
			}
			d := 0
			if i == lastGlue && justify && (extra > 0 && stretch > 0 || extra < 0 && -extra <= shrink) {
				d = extra - adjustments // the remainder of rounding lands here
			} else {
				d = distribute(i)
			}
			adjustments += d
			if it.Width > 0 && pc.span >= 0 && i > start {
				// A real space character ends the word, so text extraction
				// and search see word boundaries even in tight lines; the
				// next word is placed at its own x regardless.
				st := pc.style
				st.Expand, st.Track = expand, page.SP(track)
				wrote = true
				put(placed{x: x, w: it.Width + d, size: it.Width, kind: putSpace, i: i, st: st})
				// The space a reader sees runs from the last letter
				// before it, whose letter spacing it includes.
				out.Spaces++
				out.Space = max(out.Space, page.SP(it.Width+d+track))
			}
			x += it.Width + d
		}
	}
	if breakItem.Kind == linebreak.Penalty && breakItem.Width != 0 {
		pc := pieces[ln.Break]
		st := pc.style
		st.Expand, st.Track = expand, page.SP(track)
		if pc.hyphen != "" {
			hw := textWidth(breakItem, piece{text: pc.hyphen, span: 0})
			put(placed{x: x, w: hw, size: hw, kind: putHyphen, i: ln.Break, st: st})
		}
		x += boxWidth(breakItem.Width, true)
	}
	if reorder {
		drawVisual(visual, draw)
	}
	w.flush()
	out.Natural = page.SP(x)
	out.Justified = justify
	out.HyphenEnd = endsInHyphen(b.runs[w.first:])
	out.CapitalBroken = breakItem.Kind == linebreak.Penalty && pieces[ln.Break].capital && ln.Hyphenated
	return out
}

// endsInHyphen reports whether the text of runs ends in a hyphen that
// follows a letter (a word broken at a hyphen, not a dash or a lone "-").
func endsInHyphen(runs []Run) bool {
	var last [2]rune
	n := 0
	for i := len(runs) - 1; i >= 0 && n < 2; i-- {
		t := runs[i].Text
		for len(t) > 0 && n < 2 {
			r, size := utf8.DecodeLastRuneInString(t)
			last[n] = r
			n++
			t = t[:len(t)-size]
		}
	}
	return n == 2 && (last[0] == '-' || last[0] == '\u2010') && unicode.IsLetter(last[1])
}

// runWriter collects a line's text into runs, appended to b.runs: text
// continues the current run while style and position agree, so words
// stay whole in the PDF.
type runWriter struct {
	b     *builder
	first int // the line's first run in b.runs
	cur   Run
	open  bool // cur is being written
	// cur.Text is the run's text while it is one piece; once more is
	// added, the text is gathered in b.text.
	joined bool
	end    int // where the current run's text ends, in sp
}

func (w *runWriter) flush() {
	if w.joined {
		w.cur.Text = string(w.b.text)
	}
	if w.open && w.cur.Text != "" {
		w.cur.W = page.SP(w.end) - w.cur.X
		w.b.runs = append(w.b.runs, w.cur)
	}
	w.open, w.joined = false, false
}

// space appends an interword space to the current run when it continues
// at x, or as a run of its own.
func (w *runWriter) space(st Style, x, width int) {
	w.emit(st, " ", x, x+width)
}

// emit adds text in style st starting at x and ending at end.
func (w *runWriter) emit(st Style, text string, x, end int) {
	if !w.open || w.cur.Style != st || abs(w.end-x) > 1 {
		w.flush()
		w.cur, w.open = Run{X: page.SP(x), Style: st}, true
	}
	switch {
	case w.joined:
		w.b.text = append(w.b.text, text...)
	case w.cur.Text == "":
		w.cur.Text = text
	case text != "":
		w.b.text = append(append(w.b.text[:0], w.cur.Text...), text...)
		w.joined = true
	}
	w.end = end
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func (l *Line) addLink(x, w page.SP, st Style, target string, external bool) {
	if n := len(l.Links); n > 0 {
		last := &l.Links[n-1]
		if last.Target == target && last.X+last.W >= x-st.Size {
			last.W = x + w - last.X
			return
		}
	}
	l.Links = append(l.Links, LinkBox{X: x, W: w, Style: st, Target: target, External: external})
}
