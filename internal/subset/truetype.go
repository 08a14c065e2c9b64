package subset

import (
	"encoding/binary"
	"fmt"
)

// TrueType returns a font holding only the glyphs in keep (glyph 0,
// .notdef, is always kept) and the components of composite glyphs among
// them, from the TrueType-outline face at offset off of data (see
// FaceOffset). Glyph ids do not change: the glyphs not kept are empty. Only
// the tables a PDF reader needs for drawing are written (no cmap: a PDF
// addresses glyphs by id).
func TrueType(data []byte, off int, keep []uint16) ([]byte, error) {
	ts, err := Tables(data, off)
	if err != nil {
		return nil, err
	}
	head, maxp, loca, glyf := ts["head"], ts["maxp"], ts["loca"], ts["glyf"]
	if len(head) < 54 || len(maxp) < 6 || loca == nil || glyf == nil {
		return nil, fmt.Errorf("subset: not a TrueType-outline font (head, maxp, loca or glyf missing)")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	long := binary.BigEndian.Uint16(head[50:]) != 0
	if long && len(loca) < 4*(numGlyphs+1) || !long && len(loca) < 2*(numGlyphs+1) {
		return nil, fmt.Errorf("subset: loca table truncated")
	}
	// Glyphs are found through loca as they are needed, not through a
	// table of every glyph's offsets (a kept glyph is a tenth of them).
	offset := func(g int) int {
		if long {
			return int(binary.BigEndian.Uint32(loca[4*g:]))
		}
		return 2 * int(binary.BigEndian.Uint16(loca[2*g:]))
	}
	glyph := func(g int) ([]byte, error) {
		a, b := offset(g), offset(g+1)
		if a > b || b > len(glyf) {
			return nil, fmt.Errorf("subset: glyph %d out of bounds", g)
		}
		return glyf[a:b], nil
	}

	kept := make([]bool, numGlyphs)
	stack := []int{0}
	for _, g := range keep {
		if int(g) < numGlyphs {
			stack = append(stack, int(g))
		}
	}
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if kept[g] {
			continue
		}
		kept[g] = true
		b, err := glyph(g)
		if err != nil {
			return nil, err
		}
		comps, err := Components(b)
		if err != nil {
			return nil, fmt.Errorf("subset: glyph %d: %w", g, err)
		}
		for _, c := range comps {
			if c.ID < numGlyphs && !kept[c.ID] {
				stack = append(stack, c.ID)
			}
		}
	}

	// The new glyf at its final size, so it is not grown by doubling.
	size := 0
	for g, k := range kept {
		if k {
			b, _ := glyph(g)
			size += (len(b) + 3) &^ 3
		}
	}
	newGlyf := make([]byte, 0, size)
	newLoca := make([]byte, 4*(numGlyphs+1))
	for g := range numGlyphs {
		binary.BigEndian.PutUint32(newLoca[4*g:], uint32(len(newGlyf)))
		if kept[g] {
			b, _ := glyph(g)
			newGlyf = append(newGlyf, b...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*numGlyphs:], uint32(len(newGlyf)))
	newHead := append([]byte(nil), head...)
	binary.BigEndian.PutUint16(newHead[50:], 1) // long loca offsets

	out := []Table{{"head", newHead}, {"loca", newLoca}, {"glyf", newGlyf}, {"cmap", emptyCmap}}
	for _, tag := range []string{"hhea", "hmtx", "maxp", "cvt ", "fpgm", "prep"} {
		if b, ok := ts[tag]; ok {
			out = append(out, Table{tag, b})
		}
	}
	return WriteSFNT(0x00010000, out), nil
}

// emptyCmap maps no character: a PDF addresses glyphs by id, but font
// parsers (and some PDF readers) insist on the table being there. It has
// one Windows Unicode subtable of format 4 with only the final segment.
var emptyCmap = []byte{
	0, 0, 0, 1, // version, one subtable
	0, 3, 0, 1, 0, 0, 0, 12, // Windows, Unicode BMP, at offset 12
	0, 4, 0, 24, 0, 0, // format 4, length, language
	0, 2, 0, 2, 0, 0, 0, 0, // segCountX2, searchRange, entrySelector, rangeShift
	0xFF, 0xFF, 0, 0, // endCode, reservedPad
	0xFF, 0xFF, // startCode
	0, 1, // idDelta
	0, 0, // idRangeOffset
}

// Part is a component of a composite glyph: its glyph id, where in the
// glyph's data the id is written (for a subsetter that renumbers glyphs;
// the component's flags are the two bytes before it), and where its
// record ends (after the last one come the glyph's instructions, if any).
type Part struct{ ID, At, End int }

// Components lists the parts of a composite glyph (none for a simple or
// empty glyph).
func Components(b []byte) ([]Part, error) {
	if len(b) < 10 || int16(binary.BigEndian.Uint16(b)) >= 0 {
		return nil, nil
	}
	const (
		argsAreWords = 0x0001
		haveScale    = 0x0008
		more         = 0x0020
		haveXYScale  = 0x0040
		have2x2      = 0x0080
	)
	var out []Part
	p := 10
	for {
		if p+4 > len(b) {
			return nil, fmt.Errorf("composite glyph truncated")
		}
		flags := binary.BigEndian.Uint16(b[p:])
		part := Part{ID: int(binary.BigEndian.Uint16(b[p+2:])), At: p + 2}
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&have2x2 != 0:
			p += 8
		}
		part.End = p
		out = append(out, part)
		if flags&more == 0 {
			return out, nil
		}
	}
}
