package font

import (
	"math/bits"
	"slices"
)

// This file reads pair kerning from the GPOS table.
//
// sfnt.Font.Kern also reads GPOS, but it stops at the first lookup that covers
// the first glyph instead of applying every lookup of the 'kern' feature in
// turn and adding up the results, as shapers (HarfBuzz) do. Vollkorn's 'kern'
// feature has two lookups, and with sfnt about 10,000 pairs of the Regular
// face lose their kerning, among them space+T/V/W/Y (−30). sfnt also ignores
// subtables whose value formats are anything but "XAdvance of the first
// glyph only". So GPOS is read here; sfnt.Font.Kern remains the fallback for
// fonts without GPOS kerning (it reads the legacy 'kern' table).
//
// Semantics, for a pair of glyphs (a, b): for each lookup of the 'kern'
// feature of script 'latn' (else 'DFLT'), default language system, in
// LookupList order, the first subtable that applies decides that lookup's
// contribution: a format 1 subtable applies when a is covered and the pair
// is listed, a format 2 subtable when a is covered and both classes are in
// range. The contribution is the XAdvance of the first value record plus
// the XAdvance of the second (which widens the second glyph, the same for
// the total width). Lookup flags (ignore marks etc.) and device tables are
// not applied: this measures adjacent pairs of base glyphs.
//
// Every read is bounds-checked (reads outside the table yield 0), so a
// malformed table produces wrong values, never a panic.

// tbl is a big-endian byte table with safe reads.
type tbl []byte

func (t tbl) u16(off int) int {
	if off < 0 || off+2 > len(t) {
		return 0
	}
	return int(t[off])<<8 | int(t[off+1])
}

func (t tbl) i16(off int) int { return int(int16(uint16(t.u16(off)))) }

func (t tbl) u32(off int) int {
	return t.u16(off)<<16 | t.u16(off+2)
}

func (t tbl) tag(off int) string {
	if off < 0 || off+4 > len(t) {
		return ""
	}
	return string(t[off : off+4])
}

type pairSub struct {
	format int
	off    int // subtable offset in the GPOS table
	cov    int // coverage table offset
	rec    int // bytes of value1 + value2
	x1, x2 int // offset of XAdvance inside value1 / value2, -1 if absent
	size1  int // bytes of value1

	// format 1
	pairSets int
	// format 2
	cd1, cd2 int
	n1, n2   int
}

// maxPairSubtables bounds the work per pair for malformed fonts.
const maxPairSubtables = 4096

type gposKern struct {
	t       tbl
	lookups [][]pairSub
}

// parseGPOSKern returns the pair kerning of the font's GPOS 'kern' feature,
// or nil if there is none.
func parseGPOSKern(gpos []byte, numGlyphs int) *gposKern {
	if len(gpos) < 10 {
		return nil
	}
	t := tbl(gpos)
	if t == nil || t.u16(0) != 1 {
		return nil
	}
	scriptList, featureList, lookupList := t.u16(4), t.u16(6), t.u16(8)

	// Feature indices of the default language system of 'latn', else 'DFLT'.
	var features []int
	for _, script := range []string{"latn", "DFLT"} {
		for i := range t.u16(scriptList) {
			rec := scriptList + 2 + 6*i
			if t.tag(rec) != script {
				continue
			}
			s := scriptList + t.u16(rec+4)
			if dl := t.u16(s); dl != 0 {
				ls := s + dl
				for j := range t.u16(ls + 4) {
					features = append(features, t.u16(ls+6+2*j))
				}
			}
			break
		}
		if len(features) > 0 {
			break
		}
	}

	// Lookup indices of the 'kern' features, applied in LookupList order.
	var lookupIdx []int
	nFeatures := t.u16(featureList)
	for _, fi := range features {
		if fi >= nFeatures {
			continue
		}
		rec := featureList + 2 + 6*fi
		if t.tag(rec) != "kern" {
			continue
		}
		ft := featureList + t.u16(rec+4)
		for j := range t.u16(ft + 2) {
			lookupIdx = append(lookupIdx, t.u16(ft+4+2*j))
		}
	}
	slices.Sort(lookupIdx)
	lookupIdx = slices.Compact(lookupIdx)

	g := &gposKern{t: t}
	nLookups := t.u16(lookupList)
	total := 0
	for _, li := range lookupIdx {
		if li >= nLookups {
			continue
		}
		lk := lookupList + t.u16(lookupList+2+2*li)
		typ := t.u16(lk)
		var subs []pairSub
		for j := range t.u16(lk + 4) {
			st := lk + t.u16(lk+6+2*j)
			if typ == 9 { // extension: format, extensionLookupType, offset32
				if t.u16(st) != 1 || t.u16(st+2) != 2 {
					continue
				}
				st += t.u32(st + 4)
			} else if typ != 2 {
				continue
			}
			if s, ok := parsePairSub(t, st); ok {
				subs = append(subs, s)
				// Real fonts have a few dozen subtables; a hostile one
				// could repeat offsets to make millions.
				if total++; total > maxPairSubtables {
					return nil
				}
			}
		}
		if len(subs) > 0 {
			g.lookups = append(g.lookups, subs)
		}
	}
	if len(g.lookups) == 0 {
		return nil
	}
	return g
}

func parsePairSub(t tbl, st int) (pairSub, bool) {
	if st < 0 || st+10 > len(t) {
		return pairSub{}, false
	}
	s := pairSub{format: t.u16(st), off: st, cov: st + t.u16(st+2)}
	vf1, vf2 := t.u16(st+4), t.u16(st+6)
	s.size1 = 2 * bits.OnesCount(uint(vf1&0xFF))
	s.rec = s.size1 + 2*bits.OnesCount(uint(vf2&0xFF))
	s.x1, s.x2 = -1, -1
	if vf1&4 != 0 {
		s.x1 = 2 * bits.OnesCount(uint(vf1&3))
	}
	if vf2&4 != 0 {
		s.x2 = 2 * bits.OnesCount(uint(vf2&3))
	}
	switch s.format {
	case 1:
		s.pairSets = t.u16(st + 8)
	case 2:
		s.cd1, s.cd2 = st+t.u16(st+8), st+t.u16(st+10)
		s.n1, s.n2 = t.u16(st+12), t.u16(st+14)
	default:
		return pairSub{}, false
	}
	return s, true
}

// rangeRecord finds, in the sorted {start, end, value} records of a
// format-2 coverage or class table at off, the record whose range holds
// glyph g, and returns its offset.
func (t tbl) rangeRecord(off, g int) (int, bool) {
	lo, hi := 0, t.u16(off+2)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		r := off + 4 + 6*m
		switch {
		case t.u16(r+2) < g:
			lo = m + 1
		case t.u16(r) > g:
			hi = m
		default:
			return r, true
		}
	}
	return 0, false
}

// coverage returns the coverage index of glyph g in the coverage table at off.
func (t tbl) coverage(off, g int) (int, bool) {
	switch t.u16(off) {
	case 1: // glyphCount, glyphArray (sorted)
		lo, hi := 0, t.u16(off+2)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			switch v := t.u16(off + 4 + 2*m); {
			case v < g:
				lo = m + 1
			case v > g:
				hi = m
			default:
				return m, true
			}
		}
	case 2: // rangeCount, {start, end, startCoverageIndex} (sorted)
		if r, ok := t.rangeRecord(off, g); ok {
			return t.u16(r+4) + g - t.u16(r), true
		}
	}
	return 0, false
}

// class returns the class of glyph g in the class definition table at off.
func (t tbl) class(off, g int) int {
	switch t.u16(off) {
	case 1: // startGlyph, glyphCount, classValues
		if start := t.u16(off + 2); g >= start && g-start < t.u16(off+4) {
			return t.u16(off + 6 + 2*(g-start))
		}
	case 2: // classRangeCount, {start, end, class} (sorted)
		if r, ok := t.rangeRecord(off, g); ok {
			return t.u16(r + 4)
		}
	}
	return 0
}

// apply returns the adjustment of subtable s for the pair (a, b) and whether
// the subtable applies to it.
func (s *pairSub) apply(t tbl, a, b int) (int, bool) {
	ci, ok := t.coverage(s.cov, a)
	if !ok {
		return 0, false
	}
	var rec int // offset of the value records
	switch s.format {
	case 1:
		r, ok := s.pairRecord(t, ci, b)
		if !ok {
			return 0, false
		}
		rec = r
	case 2:
		c1, c2 := t.class(s.cd1, a), t.class(s.cd2, b)
		if c1 >= s.n1 || c2 >= s.n2 {
			return 0, false
		}
		rec = s.off + 16 + (c1*s.n2+c2)*s.rec
	}
	k := 0
	if s.x1 >= 0 {
		k += t.i16(rec + s.x1)
	}
	if s.x2 >= 0 {
		k += t.i16(rec + s.size1 + s.x2)
	}
	return k, true
}

// kern returns the summed kerning of all lookups for glyphs a, b.
func (g *gposKern) kern(a, b int) int {
	sum := 0
	for _, subs := range g.lookups {
		for i := range subs {
			if k, ok := subs[i].apply(g.t, a, b); ok {
				sum += k
				break
			}
		}
	}
	return sum
}

// firstGlyphs returns a bitset of the glyphs covered by any subtable: only
// these can start a kerned pair.
func (g *gposKern) firstGlyphs(numGlyphs int) []uint64 {
	set := make([]uint64, (numGlyphs+63)/64)
	budget := 1 << 22 // glyph marks; beyond, give up and allow every glyph
	mark := func(lo, hi int) {
		for x := lo; x <= hi && x < numGlyphs && budget >= 0; x++ {
			set[x>>6] |= 1 << (x & 63)
			budget--
		}
	}
	t := g.t
	for _, subs := range g.lookups {
		for _, s := range subs {
			if budget < 0 {
				return nil
			}
			switch t.u16(s.cov) {
			case 1:
				for i := range t.u16(s.cov + 2) {
					x := t.u16(s.cov + 4 + 2*i)
					mark(x, x)
				}
			case 2:
				for i := range t.u16(s.cov + 2) {
					r := s.cov + 4 + 6*i
					mark(t.u16(r), t.u16(r+2))
				}
			}
		}
	}
	return set
}

// rows calls row for each glyph of gs with the summed kerning of all
// lookups between it and every glyph of gs: r[k] for gs[i] followed by
// gs[k]. It gives what kern gives pair by pair, with the look-ups that
// depend on one glyph only (its coverage index, its classes) done once
// per glyph rather than once per pair. r is reused from row to row.
func (g *gposKern) rows(gs []int, row func(i int, r []int32)) {
	n := len(gs)
	t := g.t
	var subs []*pairSub
	for _, lk := range g.lookups {
		for i := range lk {
			subs = append(subs, &lk[i])
		}
	}
	// The second class of every glyph, for each class-based subtable
	// (classes are 16-bit in the table); the first glyph's coverage
	// index and class are looked up once per row.
	second := make([]uint16, 0, n*len(subs))
	c2 := make([][]uint16, len(subs))
	for j, s := range subs {
		if s.format == 2 {
			for _, b := range gs {
				second = append(second, uint16(t.class(s.cd2, b)))
			}
			c2[j] = second[len(second)-n:]
		}
	}
	cov := make([]int, len(subs))
	c1 := make([]int, len(subs))
	r := make([]int32, n)
	value := func(s *pairSub, rec int) int32 {
		k := 0
		if s.x1 >= 0 {
			k += t.i16(rec + s.x1)
		}
		if s.x2 >= 0 {
			k += t.i16(rec + s.size1 + s.x2)
		}
		return int32(k)
	}
	for i, a := range gs {
		clear(r)
		for j, s := range subs {
			cov[j] = -1
			if ci, ok := t.coverage(s.cov, a); ok {
				cov[j] = ci
				if s.format == 2 {
					c1[j] = t.class(s.cd1, a)
				}
			}
		}
		j := 0
		for _, lk := range g.lookups {
			first, end := j, j+len(lk)
			j = end
			for k, b := range gs {
				for s := first; s < end; s++ {
					ci := cov[s]
					if ci < 0 {
						continue
					}
					sub := subs[s]
					if sub.format == 2 {
						a1, b2 := c1[s], int(c2[s][k])
						if a1 >= sub.n1 || b2 >= sub.n2 {
							continue // a class beyond the matrix: the next subtable
						}
						r[k] += value(sub, sub.off+16+(a1*sub.n2+b2)*sub.rec)
						break
					}
					if rec, ok := sub.pairRecord(t, ci, b); ok {
						r[k] += value(sub, rec)
						break
					}
				}
			}
		}
		row(i, r)
	}
}

// pairRecord finds, in the pair set ci of format-1 subtable s, the value
// records of the pair whose second glyph is b.
func (s *pairSub) pairRecord(t tbl, ci, b int) (int, bool) {
	if ci >= s.pairSets {
		return 0, false
	}
	ps := s.off + t.u16(s.off+10+2*ci) // pairValueCount, {secondGlyph, value1, value2} (sorted)
	size := 2 + s.rec
	lo, hi := 0, t.u16(ps)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		r := ps + 2 + size*m
		if v := t.u16(r); v < b {
			lo = m + 1
		} else if v > b {
			hi = m
		} else {
			return r + 2, true
		}
	}
	return 0, false
}
