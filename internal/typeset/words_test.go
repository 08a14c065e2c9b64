package typeset

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// vollkornSetter is monoSetter with the article's face as "v", font
// expansion on.
func vollkornSetter(t *testing.T) *Setter {
	t.Helper()
	s := monoSetter()
	s.Faces = map[string]Metrics{"v": parseFont(t, "../../fonts/Vollkorn-Regular.ttf"), "m": mono{}}
	s.MaxExpand = 20
	return s
}

// wordCacheText has what a word's items depend on: words that hyphenate
// (some with ligatures across a break point: "office", "affluent"),
// compounds, a long number, capitalised words, repeats, and a word
// with a soft hyphen.
const wordCacheText = "The office of affluent officials, the office-holders of 1,234,567 " +
	"communes, reported the harvest; Forward and forward went the harvest-reporting " +
	"officials, effectively and efficiently: office, office, affluent. Difficult\u00adly."

// TestWordCacheSetsAsNew holds a word set from the cache to the same
// items and pieces as the word set anew: a Setter that has set the text
// builds it again with every word remembered, and must build what a
// fresh Setter builds, in every combination the items depend on.
func TestWordCacheSetsAsNew(t *testing.T) {
	warm := vollkornSetter(t)
	for _, align := range []Align{Justify, Left} {
		for _, hyph := range []bool{true, false} {
			for _, caps := range []bool{false, true} {
				p := Paragraph{Spans: []Span{
					{Text: wordCacheText, Style: Style{Font: "v", Size: size}, Anchor: "a1"},
					{Text: "camelCaseName/path_to.file", Style: Style{Font: "m", Size: size}, Breaks: BreakCode},
					{Text: " see https://example.org/a/long/address?x=1 and", Style: Style{Font: "v", Size: size * 8 / 10}},
					{Text: " office affluent", Style: Style{Font: "v", Size: size}, NoBreak: true},
				}, Width: 30 * size, Align: align, Hyphenate: hyph}
				p.Spans[2].Breaks = BreakURL
				fresh := vollkornSetter(t)
				want := fresh.build(p, caps)
				warm.build(p, caps).release() // remembers every word
				got := warm.build(p, caps)
				for _, w := range []string{"office", "affluent", "office-holders", "1,234,567", "camelCaseName/path_to.file", "https://example.org/a/long/address?x=1"} {
					found := false
					for k := range warm.words.cur.m {
						found = found || k.word == w
					}
					if !found {
						t.Fatalf("%s not remembered", w)
					}
				}
				if !reflect.DeepEqual(got.items, want.items) {
					t.Errorf("align %d, hyphenate %v, caps %v: items differ from a fresh setter's", align, hyph, caps)
				}
				if !reflect.DeepEqual(got.pieces, want.pieces) {
					t.Errorf("align %d, hyphenate %v, caps %v: pieces differ from a fresh setter's", align, hyph, caps)
				}
				if g, w := warm.Set(p), fresh.Set(p); !reflect.DeepEqual(g, w) {
					t.Errorf("align %d, hyphenate %v, caps %v: lines differ from a fresh setter's", align, hyph, caps)
				}
				got.release()
				want.release()
			}
		}
	}
}

// TestWordCacheBounded sets more different words than the cache holds:
// it keeps at most two generations, and what it still sets is what a
// fresh Setter sets.
func TestWordCacheBounded(t *testing.T) {
	s := vollkornSetter(t)
	var words []string
	for i := range 3*wordCacheSize + 17 {
		words = append(words, "office"+strconv.Itoa(i)+"affluent")
	}
	text := strings.Join(words, " ")
	s.Set(Paragraph{Spans: []Span{{Text: text, Style: Style{Font: "v", Size: size}}}, Width: 30 * size, Hyphenate: true})
	c := &s.words
	if n := len(c.cur.m); n == 0 || n > wordCacheSize {
		t.Errorf("current generation holds %d words, want 1 to %d", n, wordCacheSize)
	}
	if n := len(c.old.m); n != wordCacheSize {
		t.Errorf("old generation holds %d words, want %d", n, wordCacheSize)
	}
	items := 0
	for _, g := range []generation{c.cur, c.old} {
		items += len(g.chunks) * wordChunk
	}
	if limit := 2 * (wordCacheSize*8 + wordChunk); items > limit {
		t.Errorf("%d items held, more than %d", items, limit)
	}
	// The oldest words were dropped, the newest kept: both set as anew.
	p := Paragraph{Spans: []Span{{Text: words[0] + " " + words[len(words)-1] + " office", Style: Style{Font: "v", Size: size}}}, Width: 10 * size, Hyphenate: true}
	if g, w := s.Set(p), vollkornSetter(t).Set(p); !reflect.DeepEqual(g, w) {
		t.Errorf("after eviction: lines differ from a fresh setter's")
	}
}
