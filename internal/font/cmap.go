package font

import (
	"fmt"

	gtfont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// A character map maps a character to a glyph id.
type charMap interface {
	Lookup(r rune) (gtfont.GID, bool)
}

// openCharMap returns the face's character map. The subtable is the one
// go-text (and HarfBuzz) choose; when it is a format 4 or 12 subtable,
// which is every font press ships and almost every Unicode font, it is
// read in place by binary search: parsing the whole table up front was
// most of the cost of opening a face, and a layout opens five or six faces
// of which a book may use two. Any other choice (symbol and Macintosh
// encodings, the rare formats) goes through go-text's parser, as before.
func openCharMap(raw []byte, fontPage func() tables.FontPage) (charMap, error) {
	if cm, ok := rawCharMap(tbl(raw)); ok {
		return cm, nil
	}
	ct, _, err := tables.ParseCmap(raw)
	if err != nil {
		return nil, err
	}
	cm, _, err := gtfont.ProcessCmap(ct, fontPage())
	return cm, err
}

// cmapPreference is HarfBuzz's order of subtables after the symbol
// encoding (3, 0), which rawCharMap leaves to go-text: 32-bit Unicode,
// then 16-bit Unicode.
var cmapPreference = [...][2]int{{3, 10}, {0, 6}, {0, 4}, {3, 1}, {0, 3}, {0, 2}, {0, 1}, {0, 0}}

// rawCharMap finds the subtable go-text would choose and, when it is of
// format 4 or 12 and well formed, returns a reader of it in place.
func rawCharMap(t tbl) (charMap, bool) {
	if len(t) < 4 || t.u16(0) != 0 {
		return nil, false
	}
	n := t.u16(2)
	if len(t) < 4+8*n {
		return nil, false
	}
	// first returns the offset of the first record of that platform and
	// encoding whose subtable go-text takes as a candidate, or -1.
	first := func(platform, encoding int) int {
		for i := 0; i < n; i++ {
			rec := 4 + 8*i
			if t.u16(rec) != platform || t.u16(rec+2) != encoding {
				continue
			}
			off := t.u32(rec + 4)
			switch t.u16(off) {
			case 0, 4, 6, 10, 12, 13:
				return off
			}
		}
		return -1
	}
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		switch format := t.u16(t.u32(rec + 4)); {
		case t.u16(rec) == 3 && t.u16(rec+2) == 0:
			return nil, false // symbol fonts are remapped: go-text's work
		case format == 14 && !(t.u16(rec) == 0 && t.u16(rec+2) == 5):
			return nil, false // go-text refuses it: let it say why
		}
	}
	for _, id := range cmapPreference {
		off := first(id[0], id[1])
		if off < 0 {
			continue
		}
		switch t.u16(off) {
		case 4:
			return newCmap4(t, off)
		case 12:
			return newCmap12(t, off)
		}
		return nil, false
	}
	return nil, false
}

// cmap4 is a format 4 subtable: segments of 16-bit characters.
type cmap4 struct {
	t                                      tbl
	segs                                   int
	ends, starts, deltas, ranges, glyphEnd int
}

func newCmap4(t tbl, off int) (charMap, bool) {
	length := t.u16(off + 2)
	segs := t.u16(off+6) / 2
	if segs == 0 || off+length > len(t) || 16+8*segs > length {
		return nil, false
	}
	c := cmap4{t: t, segs: segs, ends: off + 14}
	c.starts = c.ends + 2*segs + 2
	c.deltas = c.starts + 2*segs
	c.ranges = c.deltas + 2*segs
	c.glyphEnd = off + length
	// go-text refuses a table whose segments point past the glyph array:
	// leave such a table to it, so it can say so.
	for i := 0; i < segs; i++ {
		start, end := t.u16(c.starts+2*i), t.u16(c.ends+2*i)
		at := c.ranges + 2*i
		if rangeOff := t.u16(at); rangeOff != 0 && start != 0xFFFF && (end < start || at+rangeOff+2*(end-start)+2 > c.glyphEnd) {
			return nil, false
		}
	}
	return c, true
}

func (c cmap4) Lookup(r rune) (gtfont.GID, bool) {
	if r < 0 || r > 0xFFFF {
		return 0, false
	}
	ch := int(r)
	lo, hi := 0, c.segs
	for lo < hi { // the segment holding ch
		mid := lo + (hi-lo)/2
		if ch < c.t.u16(c.starts+2*mid) {
			hi = mid
		} else if c.t.u16(c.ends+2*mid) < ch {
			lo = mid + 1
		} else {
			return c.glyph(mid, ch)
		}
	}
	return 0, false
}

func (c cmap4) glyph(lo, ch int) (gtfont.GID, bool) {
	start := c.t.u16(c.starts + 2*lo)
	delta := c.t.u16(c.deltas + 2*lo)
	at := c.ranges + 2*lo
	rangeOff := c.t.u16(at)
	if rangeOff == 0 || start == 0xFFFF { // some fonts end on 0xFFFF with an offset
		return gtfont.GID((ch + delta) & 0xFFFF), true
	}
	addr := at + rangeOff + 2*(ch-start)
	if addr+2 > c.glyphEnd {
		return 0, false
	}
	g := c.t.u16(addr)
	if g == 0 {
		return 0, false
	}
	return gtfont.GID((g + delta) & 0xFFFF), true
}

// cmap12 is a format 12 subtable: groups of consecutive characters mapped
// to consecutive glyphs.
type cmap12 struct {
	t      tbl
	groups int
	first  int
}

func newCmap12(t tbl, off int) (charMap, bool) {
	if off+16 > len(t) {
		return nil, false
	}
	n := t.u32(off + 12)
	if n < 0 || n > (len(t)-off-16)/12 {
		return nil, false
	}
	return cmap12{t: t, groups: n, first: off + 16}, true
}

func (c cmap12) Lookup(r rune) (gtfont.GID, bool) {
	ch := int(uint32(r))
	lo, hi := 0, c.groups
	for lo < hi { // the group holding ch
		mid := lo + (hi-lo)/2
		g := c.first + 12*mid
		if start := c.t.u32(g); ch < start {
			hi = mid
		} else if c.t.u32(g+4) < ch {
			lo = mid + 1
		} else {
			return gtfont.GID(uint32(c.t.u32(g+8) + ch - start)), true
		}
	}
	return 0, false
}

// CharMap returns the glyph of each character by the font's cmap table
// (the subtable Open chooses) and its OS/2 table (nil if none), for code
// that reads a font file without opening a Face: the e-book's font cutter
// looks up the book's characters this way, without parsing the rest of
// the font. The glyph is 0 for a character the font lacks.
func CharMap(cmap, os2 []byte) (func(r rune) int, error) {
	cm, err := openCharMap(cmap, func() tables.FontPage {
		t, _, _ := tables.ParseOs2(os2)
		return t.FontPage()
	})
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	return func(r rune) int {
		g, ok := cm.Lookup(r)
		if !ok {
			return 0
		}
		return int(g)
	}, nil
}
