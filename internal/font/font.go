// Package font provides TrueType font metrics for typesetting: glyph
// coverage, advance widths, pair kerning and vertical metrics, all in
// integer font units (divide by UnitsPerEm and multiply by the font size to
// get lengths).
//
// A *Face is safe for concurrent use. Lookups are cached: after warm-up,
// Advance, Kern and Width are a few atomic loads and slice indexings per rune,
// with no locks and no allocation.
package font

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

const (
	maxRune  = 0x10FFFF
	pageBits = 8
	pageSize = 1 << pageBits
	numPages = (maxRune + 1) >> pageBits
)

// cmapPage caches rune → glyph index for 256 consecutive runes.
// An entry is 0 while unknown, otherwise glyph index + 1.
type cmapPage [pageSize]atomic.Int32

// kernRow caches the kerning of one first glyph against every second glyph.
// An entry is 0 while unknown, otherwise kern<<1 | 1.
type kernRow struct{ v []atomic.Int32 }

// Face holds the metrics of one parsed font. It is safe for concurrent use.
type Face struct {
	sf        *sfnt.Font
	upem      int
	name      string
	numGlyphs int

	ascent, descent, capHeight, xHeight, lineGap int

	adv  []int32   // advance width by glyph index
	bufs sync.Pool // of *sfnt.Buffer, for cmap and legacy-kern lookups

	cmap [numPages]atomic.Pointer[cmapPage]

	gpos      *gposKern                 // nil: fall back to sfnt.Font.Kern (legacy 'kern' table)
	kernFirst []uint64                  // bitset of glyphs that can start a kerning pair; nil means all
	rows      []atomic.Pointer[kernRow] // kerning cache by first glyph
}

// Parse parses a TrueType (or OpenType) font file. The data is copied, so the
// caller may reuse it. Font collections (.ttc) are not supported.
func Parse(data []byte) (f *Face, err error) {
	defer func() {
		// Belt and braces: malformed input must give an error, never a panic.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("font: malformed font: %v", r)
		}
	}()
	data = append([]byte(nil), data...)
	sf, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	f = &Face{sf: sf, upem: int(sf.UnitsPerEm()), numGlyphs: sf.NumGlyphs()}
	if f.upem <= 0 {
		return nil, errors.New("font: invalid unitsPerEm")
	}
	if f.numGlyphs <= 0 {
		return nil, errors.New("font: no glyphs")
	}
	f.bufs.New = func() any { return new(sfnt.Buffer) }
	b := new(sfnt.Buffer)

	// With ppem = upem/64 pixels (the raw fixed.Int26_6 value upem), sfnt's
	// scaling x*ppem/upem is the identity, so results are exact font units.
	// (fixed.I(upem) would give units*64, and can overflow int32 for large
	// advances in fonts with a big unitsPerEm.)
	ppem := fixed.Int26_6(f.upem)

	m, err := sf.Metrics(b, ppem, 0 /* font.HintingNone */)
	if err != nil {
		return nil, fmt.Errorf("font: metrics: %w", err)
	}
	f.ascent = int(m.Ascent)
	f.descent = -int(m.Descent) // sfnt reports descent as a positive distance
	f.capHeight = int(m.CapHeight)
	f.xHeight = int(m.XHeight)
	f.lineGap = int(m.Height - m.Ascent - m.Descent)

	f.adv = make([]int32, f.numGlyphs)
	for i := range f.adv {
		a, err := sf.GlyphAdvance(b, sfnt.GlyphIndex(i), ppem, 0)
		if err != nil {
			return nil, fmt.Errorf("font: advance of glyph %d: %w", i, err)
		}
		f.adv[i] = int32(a)
	}

	for _, id := range []sfnt.NameID{sfnt.NameIDFull, sfnt.NameIDFamily, sfnt.NameIDPostScript} {
		if s, err := sf.Name(b, id); err == nil && s != "" {
			f.name = s
			break
		}
	}

	f.gpos = parseGPOSKern(data, f.numGlyphs)
	if f.gpos != nil {
		f.kernFirst = f.gpos.firstGlyphs(f.numGlyphs)
	}
	f.rows = make([]atomic.Pointer[kernRow], f.numGlyphs)
	return f, nil
}

// UnitsPerEm returns the number of font units per em.
func (f *Face) UnitsPerEm() int { return f.upem }

// Name returns the full font name from the name table ("Vollkorn Regular"),
// falling back to the family or PostScript name, or "" if there is none.
func (f *Face) Name() string { return f.name }

// Ascent returns the ascender (hhea), positive, in font units.
func (f *Face) Ascent() int { return f.ascent }

// Descent returns the descender (hhea), negative, in font units.
func (f *Face) Descent() int { return f.descent }

// CapHeight returns the height of capital letters in font units (OS/2, or
// measured from 'H' for old fonts).
func (f *Face) CapHeight() int { return f.capHeight }

// XHeight returns the height of lower-case letters in font units (OS/2, or
// measured from 'x' for old fonts).
func (f *Face) XHeight() int { return f.xHeight }

// LineGap returns the recommended extra leading (hhea) in font units.
func (f *Face) LineGap() int { return f.lineGap }

// isControl reports whether r is an ASCII control character (U+0000–U+001F,
// U+007F). These are never drawn: they have zero advance, take no part in
// kerning, and are ignored by Missing.
func isControl(r rune) bool { return r < 0x20 && r >= 0 || r == 0x7F }

// HasGlyph reports whether the font's cmap maps r to a real glyph, i.e. not
// to glyph 0 (.notdef).
func (f *Face) HasGlyph(r rune) bool { return f.glyph(r) != 0 }

// Advance returns the advance width of r in font units. A rune without a
// glyph gets the advance of .notdef (what a PDF viewer would draw); ASCII
// control characters get 0.
func (f *Face) Advance(r rune) int {
	if isControl(r) {
		return 0
	}
	return int(f.adv[f.glyph(r)])
}

// Kern returns the kerning adjustment between a and b in font units, to be
// added to the advance of a when b follows it; usually negative, 0 when the
// pair is not kerned. It applies the GPOS 'kern' feature (pair adjustment,
// summed over all its lookups as a shaper would) or, without GPOS, the
// legacy 'kern' table.
func (f *Face) Kern(a, b rune) int {
	if isControl(a) || isControl(b) {
		return 0
	}
	return f.kernGlyphs(f.glyph(a), f.glyph(b))
}

// Width returns the width of s in font units: the sum of the advances plus
// the kerning between consecutive runes. ASCII control characters count as
// zero width and break kerning. Invalid UTF-8 counts as U+FFFD.
func (f *Face) Width(s string) int {
	w, prev := 0, -1
	for _, r := range s {
		if isControl(r) {
			prev = -1
			continue
		}
		g := f.glyph(r)
		w += int(f.adv[g])
		if prev >= 0 {
			w += f.kernGlyphs(prev, g)
		}
		prev = g
	}
	return w
}

// Missing returns the distinct runes of s that have no glyph, in order of
// first appearance, or nil if every rune has one. ASCII control characters
// are ignored.
func (f *Face) Missing(s string) []rune {
	var out []rune
next:
	for _, r := range s {
		if isControl(r) || f.glyph(r) != 0 {
			continue
		}
		for _, m := range out {
			if m == r {
				continue next
			}
		}
		out = append(out, r)
	}
	return out
}

// glyph returns the glyph index of r, 0 if unmapped. It is always a valid
// index into f.adv.
func (f *Face) glyph(r rune) int {
	if uint32(r) > maxRune {
		return 0
	}
	if p := f.cmap[r>>pageBits].Load(); p != nil {
		if v := p[r&(pageSize-1)].Load(); v != 0 {
			return int(v - 1)
		}
	}
	return f.glyphSlow(r)
}

func (f *Face) glyphSlow(r rune) int {
	slot := &f.cmap[r>>pageBits]
	p := slot.Load()
	if p == nil {
		p = new(cmapPage)
		if !slot.CompareAndSwap(nil, p) {
			p = slot.Load()
		}
	}
	b := f.bufs.Get().(*sfnt.Buffer)
	x, err := f.sf.GlyphIndex(b, r)
	f.bufs.Put(b)
	g := int(x)
	if err != nil || g >= f.numGlyphs {
		g = 0
	}
	p[r&(pageSize-1)].Store(int32(g + 1))
	return g
}

// kernGlyphs returns the cached kerning between glyphs a and b.
func (f *Face) kernGlyphs(a, b int) int {
	if f.kernFirst != nil && f.kernFirst[a>>6]&(1<<(a&63)) == 0 {
		return 0
	}
	row := f.rows[a].Load()
	if row == nil {
		row = f.newRow(a)
	}
	if v := row.v[b].Load(); v != 0 {
		return int(v >> 1)
	}
	k := f.computeKern(a, b)
	row.v[b].Store(int32(k)<<1 | 1)
	return k
}

func (f *Face) newRow(a int) *kernRow {
	r := &kernRow{v: make([]atomic.Int32, f.numGlyphs)}
	if f.rows[a].CompareAndSwap(nil, r) {
		return r
	}
	return f.rows[a].Load()
}

// computeKern evaluates the kerning of glyphs a, b without the cache.
func (f *Face) computeKern(a, b int) int {
	var k int
	if f.gpos != nil {
		k = f.gpos.kern(a, b)
	} else {
		buf := f.bufs.Get().(*sfnt.Buffer)
		// See Parse: ppem = upem as a raw 26.6 value gives font units.
		v, err := f.sf.Kern(buf, sfnt.GlyphIndex(a), sfnt.GlyphIndex(b), fixed.Int26_6(f.upem), 0)
		f.bufs.Put(buf)
		if err == nil {
			k = int(v)
		}
	}
	const lim = 1 << 28 // keep k<<1|1 within int32 for absurd fonts
	return min(max(k, -lim), lim)
}
