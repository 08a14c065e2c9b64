package font

import (
	"encoding/binary"
	"io"

	ot "github.com/go-text/typesetting/font/opentype"

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
// directory starts at off (0 for a plain font file), that shows go-text only the tables shaping needs.
// It returns nil, and the full loader is used, when the shaper may need
// outlines: a font without GPOS positions marks from glyph extents, and a
// variable font's advances may come from gvar's phantom points.
func shapingLoader(data []byte, index, off int) *ot.Loader {
	if off < 0 || len(data) < off+12 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(data[off+4:]))
	end := off + 12 + 16*n
	if len(data) < end {
		return nil
	}
	dir := append([]byte(nil), data[off:end]...)
	hasGPOS := false
	for i := range n {
		tag := dir[12+16*i : 12+16*i+4]
		switch string(tag) {
		case "GPOS":
			hasGPOS = true
		case "fvar", "gvar":
			return nil
		case "OS/2":
			// Before version 2 the cap and x-heights are not in OS/2 but
			// measured from outlines; glyfHeights does that for TrueType.
			o := int(binary.BigEndian.Uint32(dir[12+16*i+8:]))
			if o+2 > len(data) || binary.BigEndian.Uint16(data[o:]) < 2 && !hasTable(dir, n, "glyf") {
				return nil
			}
		}
		for _, h := range hiddenTables {
			if string(tag) == h {
				tag[0] = '~' // no OpenType tag starts with '~'
			}
		}
	}
	if !hasGPOS {
		return nil
	}
	r := &patchedFile{data: data, patch: dir, at: int64(off)}
	lds, err := ot.NewLoaders(r)
	if err != nil || index >= len(lds) {
		return nil
	}
	return lds[index]
}

// patchedFile reads as data with patch laid over it at offset at, without
// copying data.
type patchedFile struct {
	data  []byte
	patch []byte
	at    int64
	pos   int64
}

func (p *patchedFile) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 {
		return 0, io.EOF
	}
	if off >= int64(len(p.data)) {
		return 0, io.EOF
	}
	n := copy(b, p.data[off:])
	// Lay the patch over the part of b it covers.
	lo, hi := max(off, p.at), min(off+int64(n), p.at+int64(len(p.patch)))
	if lo < hi {
		copy(b[lo-off:hi-off], p.patch[lo-p.at:hi-p.at])
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
		off += int64(len(p.data))
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
