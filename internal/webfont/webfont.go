// Package webfont cuts a TrueType font down to the characters a book
// shows, for embedding in an e-book or a web page, where every byte is
// downloaded by every reader. An e-book of a few thousand words uses a
// hundred of a font's two thousand glyphs: the cut font is a twentieth of
// the size.
//
// The result is a complete, standalone font: the kept glyphs renumbered
// from 1 (0 stays .notdef) with their metrics and hinting, a cmap for the
// kept characters, the name table unchanged (the family name and the
// licence travel with the font, as the SIL Open Font License asks), OS/2
// and a glyph-name-free post table. The OpenType layout tables (GSUB,
// GPOS, GDEF) are indexed by glyph and are dropped; the pair kerning
// between the kept characters is carried over as a legacy kern table,
// which reading systems and browsers apply, so the text keeps its spacing.
// Ligatures and alternate figures, which need GSUB, are lost.
package webfont

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"press/internal/subset"
)

// Kerning gives the kerning between two characters in font units, as the
// font's GPOS table has it (press's font package reads it); nil for none.
type Kerning func(left, right rune) int

// Subset returns the font data cut down to the characters of text (and the
// other case of each letter, for synthesised small capitals). Characters
// the font lacks are left out. The same input gives the same bytes.
func Subset(data []byte, text string, kern Kerning) ([]byte, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("webfont: %w", err)
	}
	ts, err := tables(data)
	if err != nil {
		return nil, err
	}
	head, hhea, maxp, hmtx, loca, glyf := ts["head"], ts["hhea"], ts["maxp"], ts["hmtx"], ts["loca"], ts["glyf"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || hmtx == nil || loca == nil || glyf == nil {
		return nil, errors.New("webfont: not a TrueType-outline font (head, hhea, maxp, hmtx, loca or glyf missing)")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if numHMetrics < 1 || numHMetrics > numGlyphs || len(hmtx) < 4*numHMetrics+2*(numGlyphs-numHMetrics) {
		return nil, errors.New("webfont: hmtx table truncated")
	}
	offsets, err := glyphOffsets(head, loca, glyf, numGlyphs)
	if err != nil {
		return nil, err
	}
	glyph := func(g int) []byte { return glyf[offsets[g]:offsets[g+1]] }

	// The characters to keep and their glyphs in the font.
	chars := map[rune]int{}
	var buf sfnt.Buffer
	add := func(r rune) {
		if _, ok := chars[r]; ok {
			return
		}
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 && int(g) < numGlyphs {
			chars[r] = int(g)
		}
	}
	for _, r := range text {
		add(r)
		if unicode.IsLetter(r) {
			add(unicode.ToUpper(r))
			add(unicode.ToLower(r))
		}
	}
	add(' ')
	add('\u00a0')

	// The glyphs: .notdef, those of the characters, and the parts of
	// composite glyphs, renumbered in their old order.
	kept := map[int]bool{0: true}
	var stack []int
	for _, g := range chars {
		stack = append(stack, g)
	}
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if kept[g] {
			continue
		}
		kept[g] = true
		parts, err := subset.Components(glyph(g))
		if err != nil {
			return nil, fmt.Errorf("webfont: glyph %d: %w", g, err)
		}
		for _, c := range parts {
			if c.ID >= numGlyphs {
				return nil, fmt.Errorf("webfont: glyph %d has a part %d beyond the font", g, c.ID)
			}
			stack = append(stack, c.ID)
		}
	}
	old := make([]int, 0, len(kept))
	for g := range kept {
		old = append(old, g)
	}
	sort.Ints(old)
	newID := make(map[int]int, len(old))
	for i, g := range old {
		newID[g] = i
	}

	// glyf and loca (long offsets), hmtx with a full metric per glyph.
	var newGlyf []byte
	newLoca := make([]byte, 4*(len(old)+1))
	newHmtx := make([]byte, 4*len(old))
	for i, g := range old {
		binary.BigEndian.PutUint32(newLoca[4*i:], uint32(len(newGlyf)))
		b := slices.Clone(glyph(g))
		parts, _ := subset.Components(b)
		for _, c := range parts {
			binary.BigEndian.PutUint16(b[c.At:], uint16(newID[c.ID]))
		}
		newGlyf = append(newGlyf, b...)
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
		adv := hmtx[4*min(g, numHMetrics-1):]
		var lsb []byte
		if g < numHMetrics {
			lsb = hmtx[4*g+2:]
		} else {
			lsb = hmtx[4*numHMetrics+2*(g-numHMetrics):]
		}
		copy(newHmtx[4*i:], adv[:2])
		copy(newHmtx[4*i+2:], lsb[:2])
	}
	binary.BigEndian.PutUint32(newLoca[4*len(old):], uint32(len(newGlyf)))

	newHead := slices.Clone(head)
	binary.BigEndian.PutUint16(newHead[50:], 1) // long loca offsets
	newHhea := slices.Clone(hhea)
	binary.BigEndian.PutUint16(newHhea[34:], uint16(len(old)))
	newMaxp := slices.Clone(maxp)
	binary.BigEndian.PutUint16(newMaxp[4:], uint16(len(old)))

	byChar := make(map[rune]int, len(chars))
	for r, g := range chars {
		byChar[r] = newID[g]
	}
	out := []subset.Table{
		{Tag: "head", Data: newHead}, {Tag: "hhea", Data: newHhea}, {Tag: "maxp", Data: newMaxp}, {Tag: "hmtx", Data: newHmtx},
		{Tag: "loca", Data: newLoca}, {Tag: "glyf", Data: newGlyf}, {Tag: "cmap", Data: cmap(byChar)},
	}
	if post := ts["post"]; len(post) >= 32 {
		p := slices.Clone(post[:32])
		binary.BigEndian.PutUint32(p, 0x00030000) // version 3: no glyph names
		out = append(out, subset.Table{Tag: "post", Data: p})
	}
	if k := kernTable(byChar, kern); k != nil {
		out = append(out, subset.Table{Tag: "kern", Data: k})
	}
	// Tables that do not depend on glyph ids: names and licence, OS/2
	// metrics and embedding rights, hinting programs.
	for _, tag := range []string{"name", "OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if b, ok := ts[tag]; ok {
			out = append(out, subset.Table{Tag: tag, Data: b})
		}
	}
	return subset.WriteSFNT(0x00010000, out), nil
}

// glyphOffsets reads loca into the start of each glyph in glyf.
func glyphOffsets(head, loca, glyf []byte, numGlyphs int) ([]int, error) {
	long := binary.BigEndian.Uint16(head[50:]) != 0
	offsets := make([]int, numGlyphs+1)
	for i := range offsets {
		switch {
		case long && len(loca) >= 4*(i+1):
			offsets[i] = int(binary.BigEndian.Uint32(loca[4*i:]))
		case !long && len(loca) >= 2*(i+1):
			offsets[i] = 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
		default:
			return nil, errors.New("webfont: loca table truncated")
		}
		if offsets[i] > len(glyf) || i > 0 && offsets[i] < offsets[i-1] {
			return nil, fmt.Errorf("webfont: glyph %d out of bounds", i)
		}
	}
	return offsets, nil
}
