// Package webfont cuts a TrueType or OpenType-CFF font down to the characters a book
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
// GPOS, GDEF) are indexed by glyph: GSUB and GDEF are rewritten for the
// new glyph ids (gsub.go), keeping the features reading systems apply by
// default and those the book's stylesheet asks for, so the e-book has the
// print edition's ligatures and figures; GPOS is dropped and the pair
// kerning between the kept characters is carried over as a legacy kern
// table, which reading systems and browsers apply when a font has no GPOS,
// so the text keeps its spacing. CFF (PostScript) outlines are cut too
// (subset.CFFGlyphs), in an OpenType wrapper.
package webfont

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"unicode"

	"press/internal/font"
	"press/internal/subset"
)

// Kerning calls pair for every two of glyphs (font ids) that kern, with
// their kerning in font units, as the font's GPOS table has it (press's
// font package reads it: font.Face.KernPairs): glyphs[first] followed by
// glyphs[second], in order of first glyph then second.
type Kerning func(glyphs []uint16, pair func(first, second, kern int))

// Subset returns the font data cut down to the characters of text (and the
// other case of each letter, for synthesised small capitals), with the
// glyphs the substitutions of DefaultFeatures and of features make from
// them. Characters the font lacks are left out. The same input gives the
// same bytes.
//
// A CFF font whose charstrings this package cannot follow is returned
// whole (see subset.ErrCFFUnsupported); a GSUB table go-text cannot read
// is left out, as a kern table is kept: the text still shows, without the
// substitutions.
func Subset(data []byte, text string, kern Kerning, features ...string) ([]byte, error) {
	ts, err := tables(data)
	if err != nil {
		return nil, err
	}
	glyphOf, err := font.CharMap(ts["cmap"], ts["OS/2"])
	if err != nil {
		return nil, fmt.Errorf("webfont: %w", err)
	}
	head, hhea, maxp, hmtx, loca, glyf, cff := ts["head"], ts["hhea"], ts["maxp"], ts["hmtx"], ts["loca"], ts["glyf"], ts["CFF "]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || hmtx == nil || (loca == nil || glyf == nil) && cff == nil {
		return nil, errors.New("webfont: not a TrueType or OpenType font (head, hhea, maxp, hmtx, and glyf and loca or CFF, are needed)")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if numHMetrics < 1 || numHMetrics > numGlyphs || len(hmtx) < 4*numHMetrics+2*(numGlyphs-numHMetrics) {
		return nil, errors.New("webfont: hmtx table truncated")
	}
	var glyph func(g int) []byte
	if cff == nil {
		offsets, err := glyphOffsets(head, loca, glyf, numGlyphs)
		if err != nil {
			return nil, err
		}
		glyph = func(g int) []byte { return glyf[offsets[g]:offsets[g+1]] }
	}

	// The characters to keep and their glyphs in the font.
	chars := map[rune]int{}
	add := func(r rune) {
		if _, ok := chars[r]; ok {
			return
		}
		if g := glyphOf(r); g != 0 && g < numGlyphs {
			chars[r] = g
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

	// The glyphs: .notdef, those of the characters, those the
	// substitutions make from them, and the parts of composite glyphs,
	// renumbered in their old order.
	keep := make(glyphSet, numGlyphs)
	keep[0] = true
	for _, g := range chars {
		keep[g] = true
	}
	var sub *gsub
	wanted := tagSet(append(append([]string(nil), DefaultFeatures...), features...))
	var active []bool
	if b, ok := ts["GSUB"]; ok {
		if sub, err = parseGSUB(b); err == nil {
			active = sub.close(wanted, keep)
		}
	}
	if glyph != nil {
		var stack []int
		for g, k := range keep {
			if k {
				stack = append(stack, g)
			}
		}
		for len(stack) > 0 {
			g := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			parts, err := subset.Components(glyph(g))
			if err != nil {
				return nil, fmt.Errorf("webfont: glyph %d: %w", g, err)
			}
			for _, c := range parts {
				if c.ID >= numGlyphs {
					return nil, fmt.Errorf("webfont: glyph %d has a part %d beyond the font", g, c.ID)
				}
				if !keep[c.ID] {
					keep[c.ID] = true
					stack = append(stack, c.ID)
				}
			}
		}
	}
	var old []int
	newID := make(renumber, numGlyphs)
	for g, k := range keep {
		newID[g] = -1
		if k {
			newID[g] = int32(len(old))
			old = append(old, g)
		}
	}

	// Outlines: glyf and loca (long offsets), or CFF.
	var out []subset.Table
	version := uint32(0x00010000)
	if glyph != nil {
		// The glyphs are written straight into a glyf of the size they
		// have at most (cutting the instructions only shortens them).
		size := 0
		for _, g := range old {
			size += (len(glyph(g)) + 3) &^ 3
		}
		newGlyf := make([]byte, 0, size)
		newLoca := make([]byte, 4*(len(old)+1))
		for i, g := range old {
			binary.BigEndian.PutUint32(newLoca[4*i:], uint32(len(newGlyf)))
			start := len(newGlyf)
			newGlyf = appendUnhinted(newGlyf, glyph(g))
			b := newGlyf[start:]
			parts, _ := subset.Components(b)
			for _, c := range parts {
				binary.BigEndian.PutUint16(b[c.At:], uint16(newID[c.ID]))
			}
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
		binary.BigEndian.PutUint32(newLoca[4*len(old):], uint32(len(newGlyf)))
		out = append(out, subset.Table{Tag: "loca", Data: newLoca}, subset.Table{Tag: "glyf", Data: newGlyf})
	} else {
		c, err := subset.CFFGlyphs(cff, old)
		if errors.Is(err, subset.ErrCFFUnsupported) {
			return data, nil
		}
		if err != nil {
			return nil, fmt.Errorf("webfont: %w", err)
		}
		out = append(out, subset.Table{Tag: "CFF ", Data: c})
		version = 0x4F54544F // 'OTTO'
	}

	// hmtx with a full metric per glyph.
	newHmtx := make([]byte, 4*len(old))
	for i, g := range old {
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

	newHead := slices.Clone(head)
	binary.BigEndian.PutUint16(newHead[50:], 1) // long loca offsets
	newHhea := slices.Clone(hhea)
	binary.BigEndian.PutUint16(newHhea[34:], uint16(len(old)))
	newMaxp := slices.Clone(maxp)
	binary.BigEndian.PutUint16(newMaxp[4:], uint16(len(old)))

	byChar := make(map[rune]int, len(chars))
	for r, g := range chars {
		byChar[r] = int(newID[g])
	}
	out = append(out,
		subset.Table{Tag: "head", Data: newHead}, subset.Table{Tag: "hhea", Data: newHhea}, subset.Table{Tag: "maxp", Data: newMaxp},
		subset.Table{Tag: "hmtx", Data: newHmtx}, subset.Table{Tag: "cmap", Data: cmap(byChar)})
	if post := ts["post"]; len(post) >= 32 {
		p := slices.Clone(post[:32])
		binary.BigEndian.PutUint32(p, 0x00030000) // version 3: no glyph names
		out = append(out, subset.Table{Tag: "post", Data: p})
	}
	if k := kernTable(old, kern); k != nil {
		out = append(out, subset.Table{Tag: "kern", Data: k})
	}
	if sub != nil {
		b, err := sub.write(wanted, active, newID)
		if err != nil {
			return nil, err
		}
		if b != nil {
			out = append(out, subset.Table{Tag: "GSUB", Data: b})
			if g, ok := ts["GDEF"]; ok {
				if b, err := writeGDEF(g, newID); err == nil {
					out = append(out, subset.Table{Tag: "GDEF", Data: b})
				}
			}
		}
	}
	// Tables that do not depend on glyph ids: names and licence, OS/2
	// metrics and embedding rights (not the hinting programs: see
	// unhinted).
	for _, tag := range []string{"name", "OS/2"} {
		if b, ok := ts[tag]; ok {
			out = append(out, subset.Table{Tag: tag, Data: b})
		}
	}
	return subset.WriteSFNT(version, out), nil
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

// appendUnhinted appends a TrueType glyph without its instructions (the
// hinting programs that fit outlines to a coarse pixel grid) to dst. A cut
// font leaves them out, with the font's own programs (fpgm, prep, cvt):
// e-reader, tablet and phone screens render outlines unhinted, as web font
// services serve them there, and the instructions are a third of the font.
// A glyph it cannot read is appended as it is. The result is never longer
// than the glyph.
func appendUnhinted(dst, b []byte) []byte {
	if len(b) < 10 {
		return append(dst, b...)
	}
	n := int(int16(binary.BigEndian.Uint16(b)))
	if n >= 0 { // simple glyph: end points, instruction length, instructions, the rest
		at := 10 + 2*n
		if at+2 > len(b) {
			return append(dst, b...)
		}
		l := int(binary.BigEndian.Uint16(b[at:]))
		if at+2+l > len(b) {
			return append(dst, b...)
		}
		rest := b[at+2+l:]
		if n > 0 {
			rest = rest[:outlineEnd(rest, int(binary.BigEndian.Uint16(b[at-2:]))+1)]
		}
		dst = append(dst, b[:at]...)
		dst = append(dst, 0, 0)
		return append(dst, rest...)
	}
	// Composite: the instructions follow the last component.
	const haveInstr = 0x0100
	parts, err := subset.Components(b)
	if err != nil || len(parts) == 0 {
		return append(dst, b...)
	}
	last := parts[len(parts)-1]
	flagsAt := last.At - 2
	flags := binary.BigEndian.Uint16(b[flagsAt:])
	if flags&haveInstr == 0 || last.End > len(b) {
		return append(dst, b...)
	}
	start := len(dst)
	dst = append(dst, b[:last.End]...)
	binary.BigEndian.PutUint16(dst[start+flagsAt:], flags&^haveInstr)
	return dst
}

// outlineEnd is the length of a simple glyph's flags and coordinates, the
// start of rest, for a glyph of the given number of points: what follows
// is padding the glyph may end with. It is len(rest) when rest is too
// short to read.
func outlineEnd(rest []byte, points int) int {
	// After the flags come the x and y coordinates, one or two bytes
	// each, or none.
	p, xs, ys := 0, 0, 0
	for k := 0; k < points; {
		if p >= len(rest) {
			return len(rest)
		}
		f := rest[p]
		p++
		rep := 1
		if f&0x08 != 0 {
			if p >= len(rest) {
				return len(rest)
			}
			rep += int(rest[p])
			p++
		}
		for ; rep > 0 && k < points; rep-- {
			switch {
			case f&0x02 != 0:
				xs++
			case f&0x10 == 0:
				xs += 2
			}
			switch {
			case f&0x04 != 0:
				ys++
			case f&0x20 == 0:
				ys += 2
			}
			k++
		}
	}
	if end := p + xs + ys; end <= len(rest) {
		return end
	}
	return len(rest)
}
