package webfont

import (
	"encoding/binary"
	"errors"
)

// otab is an OpenType table under construction: its own bytes and the
// subtables its offsets point to. Offsets in OpenType layout tables count
// from the start of the table that holds them; bytes lays each subtable
// out after its parent, depth first, and fills the offsets in.
type otab struct {
	b    []byte
	refs []oref
}

type oref struct {
	at   int
	wide bool // a 32-bit offset
	t    *otab
}

func (t *otab) u16(v int) *otab {
	t.b = binary.BigEndian.AppendUint16(t.b, uint16(v))
	return t
}

func (t *otab) u32(v uint32) *otab {
	t.b = binary.BigEndian.AppendUint32(t.b, v)
	return t
}

// off appends a 16-bit offset to c; nil writes a null offset.
func (t *otab) off(c *otab) *otab {
	if c != nil {
		t.refs = append(t.refs, oref{at: len(t.b), t: c})
	}
	return t.u16(0)
}

// off32 appends a 32-bit offset to c.
func (t *otab) off32(c *otab) *otab {
	if c != nil {
		t.refs = append(t.refs, oref{at: len(t.b), wide: true, t: c})
	}
	return t.u32(0)
}

var errOverflow = errors.New("webfont: a layout subtable is beyond the reach of a 16-bit offset")

// bytes lays the table and its subtables out.
func (t *otab) bytes() ([]byte, error) {
	out := append([]byte(nil), t.b...)
	for _, r := range t.refs {
		o := len(out)
		if r.wide {
			binary.BigEndian.PutUint32(out[r.at:], uint32(o))
		} else {
			if o > 0xFFFF {
				return nil, errOverflow
			}
			binary.BigEndian.PutUint16(out[r.at:], uint16(o))
		}
		c, err := r.t.bytes()
		if err != nil {
			return nil, err
		}
		out = append(out, c...)
	}
	return out, nil
}

// coverage writes a Coverage table of sorted glyph ids, in format 1 (a
// list) or 2 (ranges), whichever is smaller.
func coverage(glyphs []uint16) *otab {
	type rng struct{ start, end uint16 }
	var rs []rng
	for _, g := range glyphs {
		if n := len(rs); n > 0 && rs[n-1].end+1 == g {
			rs[n-1].end = g
			continue
		}
		rs = append(rs, rng{g, g})
	}
	t := &otab{}
	if 6*len(rs) < 2*len(glyphs) {
		t.u16(2).u16(len(rs))
		i := 0
		for _, r := range rs {
			t.u16(int(r.start)).u16(int(r.end)).u16(i)
			i += int(r.end-r.start) + 1
		}
		return t
	}
	t.u16(1).u16(len(glyphs))
	for _, g := range glyphs {
		t.u16(int(g))
	}
	return t
}

// classDef writes a ClassDef table for glyphs (sorted) and their classes
// (0, the default class, is left out).
func classDef(glyphs []uint16, class []uint16) *otab {
	type rng struct{ start, end, class uint16 }
	var rs []rng
	for i, g := range glyphs {
		c := class[i]
		if c == 0 {
			continue
		}
		if n := len(rs); n > 0 && rs[n-1].end+1 == g && rs[n-1].class == c {
			rs[n-1].end = g
			continue
		}
		rs = append(rs, rng{g, g, c})
	}
	t := &otab{}
	if len(rs) == 0 {
		return t.u16(2).u16(0)
	}
	// Format 1 covers first..last with a class per glyph.
	first, last := rs[0].start, rs[len(rs)-1].end
	if span := int(last-first) + 1; 2*span < 6*len(rs) {
		t.u16(1).u16(int(first)).u16(span)
		vals := make([]uint16, span)
		for _, r := range rs {
			for g := r.start; ; g++ {
				vals[g-first] = r.class
				if g == r.end {
					break
				}
			}
		}
		for _, v := range vals {
			t.u16(int(v))
		}
		return t
	}
	t.u16(2).u16(len(rs))
	for _, r := range rs {
		t.u16(int(r.start)).u16(int(r.end)).u16(int(r.class))
	}
	return t
}
