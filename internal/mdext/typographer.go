package mdext

import (
	"unicode"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Punct names a typographic substitution of the typographer.
type Punct int

// The substitutions: quotes curled by which side of a word they stand on,
// "--" and "---" for dashes, "..." for an ellipsis, "<<" and ">>" for
// angle quotes, and apostrophes ("don't", "'90s", "'em").
const (
	LeftSingleQuote Punct = iota + 1
	RightSingleQuote
	LeftDoubleQuote
	RightDoubleQuote
	EnDash
	EmDash
	Ellipsis
	LeftAngleQuote
	RightAngleQuote
	Apostrophe

	numPunct
)

// Typographer is smart punctuation: each substitution in subs replaces
// its ASCII spelling with the given text; one left out is not made.
func Typographer(subs map[Punct]string) goldmark.Extender {
	t := &typographer{}
	for k, v := range subs {
		if k > 0 && k < numPunct {
			t.subs[k] = []byte(v)
		}
	}
	return extender(func(m goldmark.Markdown) {
		m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(t, typographerPriority)))
	})
}

// typographer is the InlineParser of the substitutions. It runs after
// every other inline parser, so code spans, links and raw HTML are read
// before it could change them.
type typographer struct {
	subs [numPunct][]byte
}

// openQuotesKey holds a block's *openQuotes.
var openQuotesKey = parser.NewContextKey()

// openQuotes counts the quotes opened and not yet closed in the block
// being parsed: a quote that could open or close closes only if one is
// open.
type openQuotes struct{ single, double int }

func (t *typographer) Trigger() []byte {
	return []byte{'\'', '"', '-', '.', ',', '<', '>', '*', '['}
}

// sub makes the String node of substitution p for the next n bytes, or
// returns nil if p is not made.
func (t *typographer) sub(block text.Reader, p Punct, n int) gast.Node {
	if t.subs[p] == nil {
		return nil
	}
	s := gast.NewString(t.subs[p])
	s.SetCode(true) // the text is final: nothing to escape
	block.Advance(n)
	return s
}

func (t *typographer) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, _ := block.PeekLine()
	switch c := line[0]; {
	case c == '-' && len(line) > 2 && line[1] == '-' && line[2] == '-' && t.subs[EmDash] != nil:
		return t.sub(block, EmDash, 3)
	case c == '.':
		if len(line) > 2 && line[1] == '.' && line[2] == '.' {
			return t.sub(block, Ellipsis, 3)
		}
		return nil
	case c == '<':
		if len(line) > 1 && line[1] == '<' {
			return t.sub(block, LeftAngleQuote, 2)
		}
		return nil
	case c == '>':
		if len(line) > 1 && line[1] == '>' {
			return t.sub(block, RightAngleQuote, 2)
		}
		return nil
	case c == '-' && len(line) > 1 && line[1] == '-':
		return t.sub(block, EnDash, 2)
	case c == '\'':
		return t.singleQuote(block, line, pc)
	case c == '"':
		return t.doubleQuote(block, line, pc)
	}
	return nil
}

// quotes is the DelimiterProcessor used only to ask goldmark whether a
// quote can open or close, by the rules of emphasis delimiters.
type quotes struct{}

func (quotes) IsDelimiter(b byte) bool                             { return b == '\'' || b == '"' }
func (quotes) CanOpenCloser(opener, closer *parser.Delimiter) bool { return opener.Char == closer.Char }
func (quotes) OnMatch(int) gast.Node                               { return nil }

func counter(pc parser.Context) *openQuotes {
	q, _ := pc.Get(openQuotesKey).(*openQuotes)
	if q == nil {
		q = &openQuotes{}
		pc.Set(openQuotesKey, q)
	}
	return q
}

// endsWord says whether b, the byte after a contraction's letters, ends
// the word.
func endsWord(b []byte, i int) bool {
	return i >= len(b) || util.IsPunct(b[i]) || util.IsSpace(b[i])
}

func (t *typographer) singleQuote(block text.Reader, line []byte, pc parser.Context) gast.Node {
	before := block.PrecendingCharacter()
	d := parser.ScanDelimiter(line, before, 1, quotes{})
	if d == nil {
		return nil
	}
	opens, closes := d.CanOpen && !d.CanClose, d.CanClose && !d.CanOpen
	if t.subs[Apostrophe] != nil {
		// A decade: '90s.
		if opens && len(line) > 3 && util.IsNumeric(line[1]) && util.IsNumeric(line[2]) && line[3] == 's' {
			after := ' '
			if len(line) > 4 {
				after = util.ToRune(line, 4)
			}
			if util.IsSpaceRune(after) || util.IsPunctRune(after) {
				return t.sub(block, Apostrophe, 1)
			}
		}
		// An elision at a word's start: 'tis, 'em, 'n', 'll.
		if len(line) > 1 && (unicode.IsPunct(before) || unicode.IsSpace(before)) &&
			(line[1] == 't' || line[1] == 'e' || line[1] == 'n' || line[1] == 'l') {
			return t.sub(block, Apostrophe, 1)
		}
		// Inside a word: don't, O'Brien.
		if len(line) > 1 && (unicode.IsDigit(before) || unicode.IsLetter(before)) && unicode.IsLetter(util.ToRune(line, 1)) {
			return t.sub(block, Apostrophe, 1)
		}
	}
	if opens && t.subs[LeftSingleQuote] != nil {
		p := LeftSingleQuote
		// A contraction after a space: 's 'm 't 'd 've 'll 're.
		if len(line) > 1 && (line[1] == 's' || line[1] == 'm' || line[1] == 't' || line[1] == 'd') && endsWord(line, 2) {
			p = RightSingleQuote
		}
		if len(line) > 2 && (line[1] == 'v' && line[2] == 'e' || line[1] == 'l' && line[2] == 'l' || line[1] == 'r' && line[2] == 'e') && endsWord(line, 3) {
			p = RightSingleQuote
		}
		if p == LeftSingleQuote {
			counter(pc).single++
		}
		return t.sub(block, p, 1)
	}
	if t.subs[RightSingleQuote] == nil {
		return nil
	}
	// A quote that does not open is a closing one if a character other
	// than a digit and at least one more follow it.
	if len(line) > 2 && !unicode.IsDigit(util.ToRune(line, 1)) {
		return t.sub(block, RightSingleQuote, 1)
	}
	q := counter(pc)
	if q.single > 0 && (closes || maybeCloses(d, line)) {
		q.single--
		return t.sub(block, RightSingleQuote, 1)
	}
	return nil
}

// maybeCloses says whether a quote that could open or close is followed by
// punctuation and then the end, punctuation or a space, as in "'word'."
func maybeCloses(d *parser.Delimiter, line []byte) bool {
	return d.CanClose && d.CanOpen && len(line) > 1 && unicode.IsPunct(util.ToRune(line, 1)) &&
		(len(line) == 2 || len(line) > 2 && util.IsPunct(line[2]) || util.IsSpace(line[2]))
}

func (t *typographer) doubleQuote(block text.Reader, line []byte, pc parser.Context) gast.Node {
	before := block.PrecendingCharacter()
	d := parser.ScanDelimiter(line, before, 1, quotes{})
	if d == nil {
		return nil
	}
	q := counter(pc)
	if d.CanOpen && !d.CanClose && t.subs[LeftDoubleQuote] != nil {
		q.double++
		return t.sub(block, LeftDoubleQuote, 1)
	}
	if t.subs[RightDoubleQuote] == nil || q.double == 0 {
		return nil
	}
	if d.CanClose && !d.CanOpen || maybeCloses(d, line) {
		// Inches after a number ("12""), not a closing quote.
		if len(line) > 1 && line[1] == '"' && unicode.IsDigit(before) {
			return nil
		}
		q.double--
		return t.sub(block, RightDoubleQuote, 1)
	}
	return nil
}

// CloseBlock forgets the quotes left open: quotes do not pair across
// blocks.
func (t *typographer) CloseBlock(parent gast.Node, pc parser.Context) {
	if q, _ := pc.Get(openQuotesKey).(*openQuotes); q != nil {
		*q = openQuotes{}
	}
}
