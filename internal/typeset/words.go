package typeset

import (
	"math"
	"strings"
	"sync"

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

// wordItem is one item of a word, small: what the builder's item and
// piece hold, the text as bytes of the word.
type wordItem struct {
	width, stretch, shrink, penalty int32
	postWidth, postStretch          int32
	postShrink                      int32
	from, to                        int32 // a box's text: word[from:to]
	runes                           int32 // its rune offset in the word
	kind                            linebreak.Kind
	flagged, discretionary          bool
	hyphen, capital                 bool
}

// wordEntry is where a word's items are in its generation's chunks.
type wordEntry struct{ at, n int32 }

// wordChunk is how many items a chunk of the cache holds.
const wordChunk = 512

// wordCacheSize bounds each generation of the cache (see wordCache): an
// item takes 48 bytes, an entry 32 and most words are one item or a few,
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
	for _, w := range its {
		it := linebreak.Item{Kind: w.kind, Width: int(w.width), Stretch: int(w.stretch), Shrink: int(w.shrink),
			Penalty: int(w.penalty), Flagged: w.flagged, Discretionary: w.discretionary,
			PostWidth: int(w.postWidth), PostStretch: int(w.postStretch), PostShrink: int(w.postShrink)}
		pc := piece{style: st, span: idx}
		if w.kind == linebreak.Box {
			pc.text, pc.anchor, pc.runes = k.word[w.from:w.to], anchor, offset+int(w.runes)
			anchor = ""
		} else {
			pc.capital = w.capital
			if w.hyphen {
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
// the pieces count from. A word whose numbers do not fit the cache's is
// not remembered.
func (c *wordCache) put(k wordKey, items []linebreak.Item, ps []piece, runes int) {
	if len(items) > wordChunk {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.cur.m[k]; ok {
		return
	}
	its := c.scratch[:0]
	at := 0
	for i, it := range items {
		pc := ps[i]
		w := wordItem{kind: it.Kind, flagged: it.Flagged, discretionary: it.Discretionary, hyphen: pc.hyphen != "", capital: pc.capital}
		if it.Kind == linebreak.Box {
			w.from, w.to, w.runes = int32(at), int32(at+len(pc.text)), int32(pc.runes-runes)
			at += len(pc.text)
		}
		if !fits(it.Width, it.Stretch, it.Shrink, it.Penalty, it.PostWidth, it.PostStretch, it.PostShrink) {
			return
		}
		w.width, w.stretch, w.shrink, w.penalty = int32(it.Width), int32(it.Stretch), int32(it.Shrink), int32(it.Penalty)
		w.postWidth, w.postStretch, w.postShrink = int32(it.PostWidth), int32(it.PostStretch), int32(it.PostShrink)
		its = append(its, w)
	}
	c.scratch = its
	k.word = strings.Clone(k.word) // not the paragraph's text
	c.insert(k, its)
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
