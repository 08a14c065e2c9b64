package typeset

import (
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"press/internal/linebreak"
	"press/internal/page"
)

// A book repeats its words: the article's 3,300 are 1,300 different ones,
// a novel's hundreds of thousands a few tens of thousands. What a word
// becomes (its boxes between break points, their widths as shaped, its
// discretionary hyphens and their post-break material) depends only on
// the word, its face and size and how it may break, so a Setter keeps
// each word's items and sets a word it has seen by copying them: no
// shaping, no hyphenation patterns, no rune conversion.

// wordStyle is what a span's words' items depend on besides the words:
// the Setter's own parameters (hyphenation, expansion, penalties) are
// fixed once it is built.
type wordStyle struct {
	font   string
	size   page.SP
	caps   bool // capitalised words hyphenated
	ragged bool
	rule   BreakRule
}

// wordKey names a word set in a style (an index of wordCache.styles),
// with hyphenation allowed or not.
type wordKey struct {
	word      string
	style     uint32
	hyphenate bool
}

// wordItem is one item of a word as the cache keeps it, in 20 bytes
// rather than the 224 of an item and its piece. A box is its width, its
// stretch and shrink (equal: the font expansion's) and the bytes and
// runes of its text, which follows the text of the boxes before it; a
// penalty is its width, its penalty and its post-break width and stretch
// (the shrink is the stretch). put keeps only words whose items are so.
type wordItem struct {
	width int32
	// a box: stretch, bytes, runes; a penalty: penalty, post-break width
	// and stretch.
	a, b, c int32
	kind    linebreak.Kind
	flags   uint8 // itemFlagged, itemDiscretionary, itemHyphen, itemCapital
}

const (
	itemFlagged = 1 << iota
	itemDiscretionary
	itemHyphen
	itemCapital
)

// wordEntry is where a word's items are in its generation's chunks.
type wordEntry struct{ at, n int32 }

// wordChunk is how many items a chunk of the cache holds.
const wordChunk = 512

// wordCacheSize bounds each generation of the cache (see wordCache): an
// item takes 20 bytes, an entry 32 and most words are one item or a few,
// so a generation stays under half a megabyte whatever the book.
const wordCacheSize = 4096

// generation is one generation of the cache: its entries and the chunks
// of items they point into (entry.at/wordChunk, entry.at%wordChunk; an
// entry never straddles two chunks).
type generation struct {
	m      map[wordKey]wordEntry
	chunks [][]wordItem
	next   int32 // where the next entry goes
}

func (g *generation) items(e wordEntry) []wordItem {
	c := g.chunks[e.at/wordChunk]
	o := e.at % wordChunk
	return c[o : o+e.n]
}

// add stores a word's items, which must be at most wordChunk.
func (g *generation) add(k wordKey, its []wordItem) {
	n := int32(len(its))
	if g.next%wordChunk+n > wordChunk {
		g.next += wordChunk - g.next%wordChunk // the rest of the chunk stays unused
	}
	if int(g.next/wordChunk) == len(g.chunks) {
		g.chunks = append(g.chunks, make([]wordItem, wordChunk))
	}
	e := wordEntry{at: g.next, n: n}
	copy(g.items(e), its)
	g.next += n
	if g.m == nil {
		g.m = make(map[wordKey]wordEntry, 256)
	}
	g.m[k] = e
}

// wordCache holds the words set lately, in two generations: when the
// current one is full it becomes the old one, and the old one is
// dropped; a word found in the old generation moves to the current one.
// So the words a book keeps using stay, memory stays bounded, and a long
// book's changing vocabulary (a chapter's names) comes and goes.
type wordCache struct {
	mu       sync.Mutex
	styles   []wordStyle
	cur, old generation
	scratch  []wordItem
}

// style returns the index of st in c.styles, added if new.
func (c *wordCache) style(st wordStyle) uint32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, s := range c.styles {
		if s == st {
			return uint32(i)
		}
	}
	c.styles = append(c.styles, st)
	return uint32(len(c.styles) - 1)
}

// get appends the items and pieces of the word k to b, as word would
// make them: in style st of span idx, anchor on its first box, its runes
// counted from offset. It reports false, adding nothing, for a word not
// remembered.
func (c *wordCache) get(b *builder, k wordKey, idx int, st Style, anchor string, offset int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.cur.m[k]
	g := &c.cur
	if !ok {
		if e, ok = c.old.m[k]; !ok {
			return false
		}
		g = &c.old
	}
	its := g.items(e)
	from, runes := int32(0), int32(0) // where the next box's text starts
	for _, w := range its {
		it := linebreak.Item{Kind: w.kind, Width: int(w.width)}
		pc := piece{style: st, span: idx}
		if w.kind == linebreak.Box {
			it.Stretch, it.Shrink = int(w.a), int(w.a)
			pc.text, pc.anchor, pc.runes = k.word[from:from+w.b], anchor, offset+int(runes)
			from, runes, anchor = from+w.b, runes+w.c, ""
		} else {
			it.Penalty, it.PostWidth, it.PostStretch, it.PostShrink = int(w.a), int(w.b), int(w.c), int(w.c)
			it.Flagged, it.Discretionary = w.flags&itemFlagged != 0, w.flags&itemDiscretionary != 0
			pc.capital = w.flags&itemCapital != 0
			if w.flags&itemHyphen != 0 {
				pc.hyphen = "-"
			}
		}
		b.add(it, pc)
	}
	if g == &c.old {
		c.insert(k, its)
	}
	return true
}

// put remembers the items and pieces that set the word k: the boxes'
// texts are consecutive parts of k.word, and runes is the rune offset
// the pieces count from. A word whose items wordItem cannot hold is not
// remembered.
func (c *wordCache) put(k wordKey, items []linebreak.Item, ps []piece, runes int) {
	if len(items) > wordChunk || len(k.word) > math.MaxInt32 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.cur.m[k]; ok {
		return
	}
	its := c.scratch[:0]
	at, runeAt := 0, 0 // where the next box's text must start
	for i, it := range items {
		pc := ps[i]
		w := wordItem{kind: it.Kind, width: int32(it.Width)}
		switch it.Kind {
		case linebreak.Box:
			if it.Stretch != it.Shrink || it.Penalty != 0 || it.Flagged || it.Discretionary ||
				it.PostWidth != 0 || it.PostStretch != 0 || it.PostShrink != 0 || pc.hyphen != "" || pc.capital ||
				pc.runes-runes != runeAt || !strings.HasPrefix(k.word[at:], pc.text) {
				return
			}
			n := utf8.RuneCountInString(pc.text)
			w.a, w.b, w.c = int32(it.Stretch), int32(len(pc.text)), int32(n)
			at, runeAt = at+len(pc.text), runeAt+n
		case linebreak.Penalty:
			if it.Stretch != 0 || it.Shrink != 0 || it.PostStretch != it.PostShrink || (pc.hyphen != "" && pc.hyphen != "-") {
				return
			}
			w.a, w.b, w.c = int32(it.Penalty), int32(it.PostWidth), int32(it.PostStretch)
			w.flags = flag(it.Flagged, itemFlagged) | flag(it.Discretionary, itemDiscretionary) |
				flag(pc.hyphen != "", itemHyphen) | flag(pc.capital, itemCapital)
		default:
			return
		}
		if !fits(it.Width, it.Stretch, it.Penalty, it.PostWidth, it.PostStretch) {
			return
		}
		its = append(its, w)
	}
	c.scratch = its
	k.word = strings.Clone(k.word) // not the paragraph's text
	c.insert(k, its)
}

func flag(on bool, f uint8) uint8 {
	if on {
		return f
	}
	return 0
}

// fits reports whether every v fits a wordItem's int32.
func fits(vs ...int) bool {
	for _, v := range vs {
		if v < math.MinInt32 || v > math.MaxInt32 {
			return false
		}
	}
	return true
}

// insert adds an entry to the current generation, starting a new one
// when it is full.
func (c *wordCache) insert(k wordKey, its []wordItem) {
	if len(c.cur.m) >= wordCacheSize {
		c.old, c.cur = c.cur, generation{}
	}
	c.cur.add(k, its)
}
