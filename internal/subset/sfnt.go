// Package subset cuts a font down to the glyphs a document draws, for
// embedding in a PDF. Glyph ids are kept as they are (unused glyphs become
// empty), so a PDF can use glyph ids as character ids with an identity
// map, and the shaper's glyph ids stay valid in the subset.
package subset

import (
	"encoding/binary"
	"fmt"
	"sort"
)

// table is one sfnt table.
type table struct {
	tag  string
	data []byte
}

// Tables reads the table directory of the sfnt font starting at off in data
// (off is nonzero for a face inside a collection).
func Tables(data []byte, off int) (map[string][]byte, error) {
	if off < 0 || len(data) < off+12 {
		return nil, fmt.Errorf("subset: font too short")
	}
	n := int(binary.BigEndian.Uint16(data[off+4:]))
	if len(data) < off+12+16*n {
		return nil, fmt.Errorf("subset: table directory truncated")
	}
	out := make(map[string][]byte, n)
	for i := range n {
		e := data[off+12+16*i:]
		tag := string(e[:4])
		o, l := int(binary.BigEndian.Uint32(e[8:])), int(binary.BigEndian.Uint32(e[12:]))
		if o < 0 || l < 0 || o+l > len(data) || o+l < o {
			return nil, fmt.Errorf("subset: table %q out of bounds", tag)
		}
		out[tag] = data[o : o+l]
	}
	return out, nil
}

// FaceOffset returns where face index of a font file starts: 0 for a plain
// .ttf/.otf (index must be 0), the offset from the header of a .ttc.
func FaceOffset(data []byte, index int) (int, error) {
	if len(data) < 12 {
		return 0, fmt.Errorf("subset: font too short")
	}
	if string(data[:4]) != "ttcf" {
		if index != 0 {
			return 0, fmt.Errorf("subset: face %d asked of a font that is not a collection", index)
		}
		return 0, nil
	}
	n := int(binary.BigEndian.Uint32(data[8:]))
	if index < 0 || index >= n || len(data) < 12+4*n {
		return 0, fmt.Errorf("subset: collection has %d faces, no face %d", n, index)
	}
	return int(binary.BigEndian.Uint32(data[12+4*index:])), nil
}

// writeSFNT assembles tables into a font file, tables sorted by tag and
// 4-byte aligned, with table checksums and the head checksum adjustment.
func writeSFNT(version uint32, ts []table) []byte {
	sort.Slice(ts, func(i, j int) bool { return ts[i].tag < ts[j].tag })
	n := len(ts)
	es, sel := 1, 0
	for es*2 <= n {
		es *= 2
		sel++
	}
	size := 12 + 16*n
	for _, t := range ts {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, version)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(es*16))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-es*16))
	headAt := -1
	for i, t := range ts {
		data := t.data
		if t.tag == "head" && len(data) >= 12 {
			data = append([]byte(nil), data...)
			binary.BigEndian.PutUint32(data[8:], 0) // checkSumAdjustment, set below
			headAt = len(out)
		}
		e := out[12+16*i:]
		copy(e, t.tag)
		binary.BigEndian.PutUint32(e[4:], checksum(data))
		binary.BigEndian.PutUint32(e[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(e[12:], uint32(len(data)))
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
