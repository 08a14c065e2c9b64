package font

import (
	"encoding/binary"
	"io"
	"slices"

	gtfont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"

	"press/internal/subset"
)

// hiddenTables are the tables go-text would parse in full on load but the
// shaper does not read: glyph outlines (TrueType and CFF), bitmaps, SVG
// glyphs and glyph names. Parsing every outline of a face is most of the
// cost of loading it (Vollkorn: 2,600 glyphs, about 3 ms each face);
// outlines are cut for the editions by internal/subset and
// internal/webfont, which read the file themselves.
var hiddenTables = [...]string{"glyf", "loca", "CFF ", "CFF2", "post", "SVG ", "sbix", "CBDT", "CBLC", "EBDT", "EBLC"}

// shapingLoader returns a loader for face index of data, whose table
// directory starts at off (0 for a plain font file), that shows go-text
// only the tables shaping needs. It returns nil, and the full loader is
// used, when the shaper may need outlines: a font without GPOS positions
// marks from glyph extents, and a variable font's advances may come from
// gvar's phantom points.
//
// The character map, when press reads it in place (cm, from the cmap
// table raw) and it has no variation sequences, is shown to go-text as an
// empty table, and cmap is returned for the font's Cmap: go-text would
// parse the whole table (a format 12 subtable into a slice of every
// group) for lookups press's own reader does. The name table is hidden
// too when the face's name is known (named): the shaper never reads it.
// The GPOS lookups only the 'kern' feature uses are shown without their
// subtables (kernOnlyLookups): the shaper runs with kern off, as this
// package applies the kerning itself from the table in place.
func shapingLoader(data []byte, index, off int, cm charMap, raw []byte, named bool) (ld *ot.Loader, cmap gtfont.Cmap) {
	if off < 0 || len(data) < off+12 {
		return nil, nil
	}
	n := int(binary.BigEndian.Uint16(data[off+4:]))
	end := off + 12 + 16*n
	if len(data) < end {
		return nil, nil
	}
	dir := append([]byte(nil), data[off:end]...)
	patches := []patch{{at: int64(off), b: dir}}
	hasGPOS := false
	var tail []byte // tables that are not in data, read after its end
	for i := range n {
		rec := dir[12+16*i : 12+16*i+16]
		tag := rec[:4]
		switch string(tag) {
		case "GPOS":
			hasGPOS = true
			o, l := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
			if o+l > uint64(len(data)) || overlaps(dir, n, i) {
				break
			}
			for _, at := range kernOnlyLookups(tbl(data[o : o+l])) {
				// The lookup's subtable count, in the file.
				patches = append(patches, patch{at: int64(o) + int64(at), b: []byte{0, 0}})
			}
		case "fvar", "gvar":
			return nil, nil
		case "OS/2":
			// Before version 2 the cap and x-heights are not in OS/2 but
			// measured from outlines; glyfHeights does that for TrueType.
			o := int(binary.BigEndian.Uint32(rec[8:]))
			if o+2 > len(data) || binary.BigEndian.Uint16(data[o:]) < 2 && !hasTable(dir, n, "glyf") {
				return nil, nil
			}
		case "cmap":
			if c, ok := cm.(inPlaceCmap); ok && !hasVariations(tbl(raw)) {
				binary.BigEndian.PutUint32(rec[8:], uint32(len(data)+len(tail)))
				binary.BigEndian.PutUint32(rec[12:], uint32(len(emptyCmap)))
				tail = append(tail, emptyCmap...)
				cmap = goTextCmap{c, raw}
			}
		case "name":
			if named {
				tag[0] = '~'
			}
		}
		for _, h := range hiddenTables {
			if string(tag) == h {
				tag[0] = '~' // no OpenType tag starts with '~'
			}
		}
	}
	if !hasGPOS {
		return nil, nil
	}
	r := &patchedFile{data: data, patches: patches, tail: tail}
	lds, err := ot.NewLoaders(r)
	if err != nil || index >= len(lds) {
		return nil, nil
	}
	return lds[index], cmap
}

// overlaps reports whether table i of the directory dir of n tables
// shares bytes with another table: a patch inside it would change that
// one too.
func overlaps(dir []byte, n, i int) bool {
	span := func(k int) (uint64, uint64) {
		o := uint64(binary.BigEndian.Uint32(dir[12+16*k+8:]))
		return o, o + uint64(binary.BigEndian.Uint32(dir[12+16*k+12:]))
	}
	lo, hi := span(i)
	for k := range n {
		if a, b := span(k); k != i && a < hi && lo < b {
			return true
		}
	}
	return false
}

// kernOnlyLookups returns where, in the GPOS table t, the subtable counts
// of the lookups that only the 'kern' feature uses are: pair adjustment
// lookups that no other feature, and no required feature of a language
// system, lists. None when the table has contextual lookups (which may
// call any lookup) or feature variations (which may swap in any
// feature), or is not one this reads.
func kernOnlyLookups(t tbl) []int {
	if len(t) < 10 || t.u16(0) != 1 || t.u16(2) != 0 {
		return nil
	}
	scripts, features, lookups := t.u16(4), t.u16(6), t.u16(8)
	nf, nl := t.u16(features), t.u16(lookups)
	if features == 0 || lookups == 0 || nl == 0 {
		return nil
	}
	const kern, other = 1, 2
	use := make([]uint8, nl) // kern and other, by lookup
	mark := func(fi int, how uint8) {
		if fi >= nf {
			return
		}
		ft := features + t.u16(features+6+6*fi)
		for j := range t.u16(ft + 2) {
			if li := t.u16(ft + 4 + 2*j); li < nl {
				use[li] |= how
			}
		}
	}
	for fi := range nf {
		how := uint8(other)
		if t.tag(features+2+6*fi) == "kern" {
			how = kern
		}
		mark(fi, how)
	}
	required := func(ls int) {
		if fi := t.u16(ls + 2); fi != 0xFFFF {
			mark(fi, other)
		}
	}
	for i := range t.u16(scripts) {
		sc := scripts + t.u16(scripts+2+6*i+4)
		if dl := t.u16(sc); dl != 0 {
			required(sc + dl)
		}
		for j := range t.u16(sc + 2) {
			required(sc + t.u16(sc+4+6*j+4))
		}
	}
	var out []int
	kept := map[int]bool{} // lookup tables some other lookup index shows
	for li := range nl {
		lk := lookups + t.u16(lookups+2+2*li)
		typ := t.u16(lk)
		if typ == 9 && t.u16(lk+4) > 0 { // extension: the type of what it wraps
			typ = t.u16(lk + t.u16(lk+6) + 2)
		}
		switch {
		case typ == 7 || typ == 8:
			return nil
		case typ == 2 && use[li] == kern && lk+6 <= len(t):
			out = append(out, lk+4)
		default:
			kept[lk+4] = true
		}
	}
	return slices.DeleteFunc(out, func(at int) bool { return kept[at] })
}

// emptyCmap is a character map of one format 4 subtable that maps no
// character: version 0, one encoding record (Windows Unicode BMP) at 12,
// a subtable of 24 bytes with one segment, 0xFFFF to 0xFFFF, the end
// segment every format 4 subtable has.
var emptyCmap = []byte{
	0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12,
	0, 4, 0, 24, 0, 0, 0, 2, 0, 2, 0, 0, 0, 0,
	0xFF, 0xFF, 0, 0, 0xFF, 0xFF, 0, 1, 0, 0,
}

// hasVariations reports whether a cmap table has a format 14 subtable
// (Unicode variation sequences), which go-text reads beside the map
// itself.
func hasVariations(t tbl) bool {
	for i := range t.u16(2) {
		if t.u16(t.u32(4+8*i+4)) == 14 {
			return true
		}
	}
	return false
}

// inPlaceCmap is a character map read in place (cmap4, cmap12).
type inPlaceCmap interface {
	charMap
	inPlace()
}

func (cmap4) inPlace()  {}
func (cmap12) inPlace() {}

// goTextCmap is a character map read in place, as go-text's font takes
// it: lookups are press's; the iterator over every character, which
// shaping never asks for, parses the table with go-text.
type goTextCmap struct {
	charMap
	raw []byte
}

func (c goTextCmap) Iter() gtfont.CmapIter {
	if ct, _, err := tables.ParseCmap(c.raw); err == nil {
		if cm, _, err := gtfont.ProcessCmap(ct, 0); err == nil {
			return cm.Iter()
		}
	}
	return emptyIter{}
}

// emptyIter iterates over nothing.
type emptyIter struct{}

func (emptyIter) Next() bool               { return false }
func (emptyIter) Char() (rune, gtfont.GID) { return 0, 0 }

// patchedFile reads as data with the patches laid over it, and tail after
// its end, without copying data.
type patchedFile struct {
	data    []byte
	patches []patch
	tail    []byte
	pos     int64
}

// patch is bytes b laid over a file at offset at.
type patch struct {
	at int64
	b  []byte
}

func (p *patchedFile) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 {
		return 0, io.EOF
	}
	if off >= int64(len(p.data)) {
		if off-int64(len(p.data)) >= int64(len(p.tail)) {
			return 0, io.EOF
		}
		n := copy(b, p.tail[off-int64(len(p.data)):])
		if n < len(b) {
			return n, io.EOF
		}
		return n, nil
	}
	n := copy(b, p.data[off:])
	// Lay each patch over the part of b it covers.
	for _, pt := range p.patches {
		lo, hi := max(off, pt.at), min(off+int64(n), pt.at+int64(len(pt.b)))
		if lo < hi {
			copy(b[lo-off:hi-off], pt.b[lo-pt.at:hi-pt.at])
		}
	}
	if n < len(b) && len(p.tail) > 0 {
		m, err := p.ReadAt(b[n:], off+int64(n))
		return n + m, err
	}
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

func (p *patchedFile) Read(b []byte) (int, error) {
	n, err := p.ReadAt(b, p.pos)
	p.pos += int64(n)
	return n, err
}

func (p *patchedFile) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		off += p.pos
	case io.SeekEnd:
		off += int64(len(p.data) + len(p.tail))
	}
	if off < 0 {
		return 0, io.EOF
	}
	p.pos = off
	return off, nil
}

func hasTable(dir []byte, n int, tag string) bool {
	for i := range n {
		if string(dir[12+16*i:12+16*i+4]) == tag || string(dir[12+16*i+1:12+16*i+4]) == tag[1:] && dir[12+16*i] == '~' {
			return true
		}
	}
	return false
}

// sfntAt reports whether an OpenType (TrueType or CFF) table directory
// starts at off in data, whose tables can then be read in place.
func sfntAt(data []byte, off int) bool {
	if off < 0 || len(data) < off+4 {
		return false
	}
	switch string(data[off : off+4]) {
	case "\x00\x01\x00\x00", "OTTO", "true":
		return true
	}
	return false
}

// table returns the table of the face with that tag: in place in the font
// file when its directory can be read there, else as go-text reads it.
func (f *Face) table(tag string) ([]byte, error) {
	if f.data != nil {
		if t, ok := tableAt(f.data, f.off, tag); ok {
			return t, nil
		}
	}
	return f.ld.RawTable(ot.MustNewTag(tag))
}

// tableAt finds the table with that tag in the directory at off of data
// and returns it in place; false when there is none or it lies outside
// data.
func tableAt(data []byte, off int, tag string) ([]byte, bool) {
	if off < 0 || len(data) < off+12 {
		return nil, false
	}
	n := int(binary.BigEndian.Uint16(data[off+4:]))
	if len(data) < off+12+16*n {
		return nil, false
	}
	for i := range n {
		e := data[off+12+16*i:]
		if string(e[:4]) != tag {
			continue
		}
		o, l := uint64(binary.BigEndian.Uint32(e[8:])), uint64(binary.BigEndian.Uint32(e[12:]))
		if o+l > uint64(len(data)) {
			return nil, false
		}
		return data[o : o+l : o+l], true
	}
	return nil, false
}

// glyfTop returns the top of glyph gid's bounding box as its glyf record
// gives it, for fonts whose OS/2 table is too old to hold the cap and
// x-heights (DejaVu's): go-text measures them from the glyphs 'H' and 'x'.
func glyfTop(data []byte, off, gid int) (int, bool) {
	t, err := subset.Tables(data, off)
	if err != nil {
		return 0, false
	}
	head, loca, glyf := t["head"], t["loca"], t["glyf"]
	if len(head) < 54 {
		return 0, false
	}
	var start, end int
	if binary.BigEndian.Uint16(head[50:]) == 0 {
		if 2*gid+4 > len(loca) {
			return 0, false
		}
		start, end = 2*int(binary.BigEndian.Uint16(loca[2*gid:])), 2*int(binary.BigEndian.Uint16(loca[2*gid+2:]))
	} else {
		if 4*gid+8 > len(loca) {
			return 0, false
		}
		start, end = int(binary.BigEndian.Uint32(loca[4*gid:])), int(binary.BigEndian.Uint32(loca[4*gid+4:]))
	}
	if end-start < 10 || end > len(glyf) {
		return 0, false
	}
	return int(int16(binary.BigEndian.Uint16(glyf[start+8:]))), true
}
