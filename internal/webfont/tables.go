package webfont

import (
	"encoding/binary"
	"errors"
	"sort"

	"press/internal/subset"
)

// tables reads the table directory of a TrueType font.
func tables(data []byte) (map[string][]byte, error) {
	if len(data) >= 4 && string(data[:4]) == "ttcf" {
		return nil, errors.New("webfont: a font collection (.ttc); use a single .ttf")
	}
	return subset.Tables(data, 0)
}

// cmap writes a character map of format 4 (Windows, Unicode BMP), and of
// format 12 as well when a character lies beyond the BMP.
func cmap(byChar map[rune]int) []byte {
	runes := make([]rune, 0, len(byChar))
	for r := range byChar {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })

	// Format 4: one segment per run of consecutive characters whose glyph
	// ids are consecutive too (so one idDelta serves), then the end mark.
	type seg struct{ start, end, delta int }
	var segs []seg
	wide := false
	for _, r := range runes {
		if r > 0xFFFF {
			wide = true
			continue
		}
		g := byChar[r]
		if n := len(segs); n > 0 && segs[n-1].end == int(r)-1 && segs[n-1].start+segs[n-1].delta+(int(r)-segs[n-1].start) == g {
			segs[n-1].end = int(r)
			continue
		}
		segs = append(segs, seg{int(r), int(r), g - int(r)})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	es, sel := 1, 0
	for es*2 <= n {
		es *= 2
		sel++
	}
	f4 := make([]byte, 16+8*n)
	binary.BigEndian.PutUint16(f4[0:], 4)
	binary.BigEndian.PutUint16(f4[2:], uint16(len(f4)))
	binary.BigEndian.PutUint16(f4[6:], uint16(2*n))
	binary.BigEndian.PutUint16(f4[8:], uint16(2*es))
	binary.BigEndian.PutUint16(f4[10:], uint16(sel))
	binary.BigEndian.PutUint16(f4[12:], uint16(2*n-2*es))
	for i, s := range segs {
		binary.BigEndian.PutUint16(f4[14+2*i:], uint16(s.end))
		binary.BigEndian.PutUint16(f4[16+2*n+2*i:], uint16(s.start))
		binary.BigEndian.PutUint16(f4[16+4*n+2*i:], uint16(int16(s.delta)))
		// idRangeOffset stays 0.
	}

	subtables := [][]byte{f4}
	ids := [][2]uint16{{3, 1}}
	if wide {
		var groups [][3]uint32
		for _, r := range runes {
			g := uint32(byChar[r])
			if n := len(groups); n > 0 && groups[n-1][1] == uint32(r)-1 && groups[n-1][2]+uint32(r)-groups[n-1][0] == g {
				groups[n-1][1] = uint32(r)
				continue
			}
			groups = append(groups, [3]uint32{uint32(r), uint32(r), g})
		}
		f12 := make([]byte, 16+12*len(groups))
		binary.BigEndian.PutUint16(f12[0:], 12)
		binary.BigEndian.PutUint32(f12[4:], uint32(len(f12)))
		binary.BigEndian.PutUint32(f12[12:], uint32(len(groups)))
		for i, gr := range groups {
			binary.BigEndian.PutUint32(f12[16+12*i:], gr[0])
			binary.BigEndian.PutUint32(f12[20+12*i:], gr[1])
			binary.BigEndian.PutUint32(f12[24+12*i:], gr[2])
		}
		subtables = append(subtables, f12)
		ids = append(ids, [2]uint16{3, 10})
	}
	out := make([]byte, 4+8*len(subtables))
	binary.BigEndian.PutUint16(out[2:], uint16(len(subtables)))
	for i, st := range subtables {
		binary.BigEndian.PutUint16(out[4+8*i:], ids[i][0])
		binary.BigEndian.PutUint16(out[6+8*i:], ids[i][1])
		binary.BigEndian.PutUint32(out[8+8*i:], uint32(len(out)))
		out = append(out, st...)
	}
	return out
}

// kernTable writes the pair kerning between the kept glyphs (old holds
// their ids in the font, in the cut font's order) as a kern table, version
// 0, one horizontal subtable of format 0; nil when there is none. A format
// 0 subtable holds at most 10,920 pairs (its length is 16 bits); pairs
// beyond that, the smallest adjustments, are left out.
func kernTable(old []int, kern Kerning) []byte {
	if kern == nil {
		return nil
	}
	ids := make([]uint16, len(old))
	for i, g := range old {
		ids[i] = uint16(g)
	}
	// The pairs come in the table's order, left glyph then right, and are
	// written as they come after room for the header; only when there
	// are too many are the largest kept and sorted again.
	const header = 4 + 14
	// Room for some fifteen pairs a glyph, what Vollkorn has for the
	// glyphs of a book, so the table is seldom moved as it grows.
	out := make([]byte, header, header+6*16*len(old))
	kern(ids, func(first, second, v int) {
		if v != 0 && v >= -32768 && v <= 32767 && first < len(old) && second < len(old) {
			out = binary.BigEndian.AppendUint16(out, uint16(first))
			out = binary.BigEndian.AppendUint16(out, uint16(second))
			out = binary.BigEndian.AppendUint16(out, uint16(int16(v)))
		}
	})
	n := (len(out) - header) / 6
	if n == 0 {
		return nil
	}
	const maxPairs = (0xFFFF - 14) / 6
	if n > maxPairs {
		type pair struct {
			l, r uint16
			v    int16
		}
		pairs := make([]pair, n)
		for i := range pairs {
			b := out[header+6*i:]
			pairs[i] = pair{binary.BigEndian.Uint16(b), binary.BigEndian.Uint16(b[2:]), int16(binary.BigEndian.Uint16(b[4:]))}
		}
		sort.SliceStable(pairs, func(i, j int) bool { return abs(pairs[i].v) > abs(pairs[j].v) })
		pairs = pairs[:maxPairs]
		sort.Slice(pairs, func(i, j int) bool {
			return pairs[i].l < pairs[j].l || pairs[i].l == pairs[j].l && pairs[i].r < pairs[j].r
		})
		n = maxPairs
		out = out[:header+6*n]
		for i, p := range pairs {
			b := out[header+6*i:]
			binary.BigEndian.PutUint16(b, p.l)
			binary.BigEndian.PutUint16(b[2:], p.r)
			binary.BigEndian.PutUint16(b[4:], uint16(p.v))
		}
	}
	es, sel := 1, 0
	for es*2 <= n {
		es *= 2
		sel++
	}
	binary.BigEndian.PutUint16(out[2:], 1) // version 0, one subtable
	st := out[4:]
	binary.BigEndian.PutUint16(st[2:], uint16(14+6*n))
	binary.BigEndian.PutUint16(st[4:], 0x0001) // format 0, horizontal
	binary.BigEndian.PutUint16(st[6:], uint16(n))
	binary.BigEndian.PutUint16(st[8:], uint16(6*es))
	binary.BigEndian.PutUint16(st[10:], uint16(sel))
	binary.BigEndian.PutUint16(st[12:], uint16(6*n-6*es))
	return out
}

func abs(v int16) int {
	if v < 0 {
		return -int(v)
	}
	return int(v)
}
