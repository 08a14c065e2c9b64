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

// Table is one sfnt table.
type Table struct {
	Tag  string
	Data []byte
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

// WriteSFNT assembles tables into a font file, tables sorted by tag and
// 4-byte aligned, with table checksums and the head checksum adjustment.
func WriteSFNT(version uint32, ts []Table) []byte {
	sort.Slice(ts, func(i, j int) bool { return ts[i].Tag < ts[j].Tag })
	n := len(ts)
	es, sel := 1, 0
	for es*2 <= n {
		es *= 2
		sel++
	}
	size := 12 + 16*n
	for _, t := range ts {
		size += (len(t.Data) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, version)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(es*16))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-es*16))
	headAt := -1
	for i, t := range ts {
		data := t.Data
		if t.Tag == "head" && len(data) >= 12 {
			data = append([]byte(nil), data...)
			binary.BigEndian.PutUint32(data[8:], 0) // checkSumAdjustment, set below
			headAt = len(out)
		}
		e := out[12+16*i:]
		copy(e, t.Tag)
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

// Extract returns face index of a font file as a font file of its own:
// the file itself when it is not a collection, else the face's tables
// written out as a standalone .ttf or .otf (an e-book cannot embed a
// collection).
func Extract(data []byte, index int) ([]byte, error) {
	off, err := FaceOffset(data, index)
	if err != nil {
		return nil, err
	}
	if string(data[:4]) != "ttcf" {
		return data, nil
	}
	ts, err := Tables(data, off)
	if err != nil {
		return nil, err
	}
	var out []Table
	for tag, b := range ts {
		out = append(out, Table{tag, b})
	}
	return WriteSFNT(binary.BigEndian.Uint32(data[off:]), out), nil
}

// Collection joins single-face font files into one collection (.ttc), the
// faces in the order given. Tests use it to make collections from the
// shipped fonts.
func Collection(fonts ...[]byte) ([]byte, error) {
	type face struct {
		version uint32
		ts      []Table
	}
	var faces []face
	for _, f := range fonts {
		m, err := Tables(f, 0)
		if err != nil {
			return nil, err
		}
		fc := face{version: binary.BigEndian.Uint32(f)}
		for tag, b := range m {
			fc.ts = append(fc.ts, Table{tag, b})
		}
		sort.Slice(fc.ts, func(i, j int) bool { return fc.ts[i].Tag < fc.ts[j].Tag })
		faces = append(faces, fc)
	}
	hdr := 12 + 4*len(faces)
	at := hdr
	dirAt := make([]int, len(faces))
	for i, f := range faces {
		dirAt[i] = at
		at += 12 + 16*len(f.ts)
	}
	out := make([]byte, at)
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], uint32(len(faces)))
	for i, f := range faces {
		binary.BigEndian.PutUint32(out[12+4*i:], uint32(dirAt[i]))
		d := out[dirAt[i]:]
		binary.BigEndian.PutUint32(d, f.version)
		binary.BigEndian.PutUint16(d[4:], uint16(len(f.ts)))
		for k, t := range f.ts {
			for len(out)%4 != 0 {
				out = append(out, 0)
			}
			e := out[dirAt[i]+12+16*k:]
			copy(e, t.Tag)
			binary.BigEndian.PutUint32(e[4:], checksum(t.Data))
			binary.BigEndian.PutUint32(e[8:], uint32(len(out)))
			binary.BigEndian.PutUint32(e[12:], uint32(len(t.Data)))
			out = append(out, t.Data...)
		}
	}
	return out, nil
}
