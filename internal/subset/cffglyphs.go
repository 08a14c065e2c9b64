package subset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// ErrCFFUnsupported says a CFF font uses a construct this package cannot
// follow (a CID-keyed font, a predefined expert charset, charstring
// arithmetic, an accented glyph made with the seac form of endchar): cut
// it another way, or keep it whole (the e-book keeps such a face whole).
var ErrCFFUnsupported = errors.New("subset: CFF construct not supported for renumbering")

// CFFGlyphs returns a CFF font program holding only the glyphs old names,
// renumbered: glyph i of the result draws glyph old[i] of b (old[0] should
// be 0, .notdef). It is what a font cut for the screen needs, where glyph
// ids may change and every byte counts: the charset and the strings keep
// only the kept glyphs' names, and the subroutines no kept glyph calls are
// emptied (not removed, so the calls of the kept ones stay valid).
func CFFGlyphs(b []byte, old []int) ([]byte, error) {
	f, err := parseCFF(b)
	if err != nil {
		return nil, err
	}
	n := len(f.chars)
	for _, g := range old {
		if g < 0 || g >= n {
			return nil, fmt.Errorf("subset: CFF has no glyph %d", g)
		}
	}
	sids, err := f.sids(b)
	if err != nil {
		return nil, err
	}

	// Strings: those of the kept glyphs' names and of the top dict.
	used := map[int]bool{}
	for _, g := range old[1:] {
		used[sids[g]] = true
	}
	for _, e := range f.top {
		switch e.op {
		case 0, 1, 2, 3, 4, 1200, 1221, 1222:
			if len(e.nums) == 1 {
				used[int(e.nums[0])] = true
			}
		}
	}
	var custom []int
	for s := range used {
		if s >= stdStrings {
			custom = append(custom, s)
		}
	}
	sort.Ints(custom)
	newSID := map[int]int{}
	var strs [][]byte
	for i, s := range custom {
		if s-stdStrings >= len(f.strs) {
			return nil, fmt.Errorf("subset: CFF string %d out of range", s)
		}
		newSID[s] = stdStrings + i
		strs = append(strs, f.strs[s-stdStrings])
	}
	sid := func(s int) int {
		if s < stdStrings {
			return s
		}
		return newSID[s]
	}
	charset := []byte{0}
	chars := make([][]byte, len(old))
	for i, g := range old {
		chars[i] = f.chars[g]
		if i > 0 {
			charset = binary.BigEndian.AppendUint16(charset, uint16(sid(sids[g])))
		}
	}

	gsubrs, lsubrs, err := f.usedSubrs(old)
	if err != nil {
		return nil, err
	}
	return f.write(strs, charset, chars, gsubrs, lsubrs, sid)
}

// stdStrings is the number of CFF standard strings: string ids below it
// are predefined, those from it index the font's String INDEX.
const stdStrings = 391

// sids reads the charset: the string id of each glyph's name.
func (f *cffFont) sids(b []byte) ([]int, error) {
	n := len(f.chars)
	out := make([]int, n)
	switch {
	case f.charset == nil && f.csetOff == 0: // ISOAdobe: glyph i is string i
		if n > 229 {
			return nil, ErrCFFUnsupported
		}
		for i := range out {
			out[i] = i
		}
		return out, nil
	case f.charset == nil:
		return nil, ErrCFFUnsupported
	}
	cs := f.charset
	switch cs[0] {
	case 0:
		for i := 1; i < n; i++ {
			out[i] = int(binary.BigEndian.Uint16(cs[1+2*(i-1):]))
		}
	case 1, 2:
		wide := cs[0] == 2
		p, g := 1, 1
		for g < n {
			first := int(binary.BigEndian.Uint16(cs[p:]))
			left := int(cs[p+2])
			p += 3
			if wide {
				left = int(binary.BigEndian.Uint16(cs[p-1:]))
				p++
			}
			for k := 0; k <= left && g < n; k++ {
				out[g] = first + k
				g++
			}
		}
	}
	return out, nil
}

// usedSubrs returns the subroutines with those no glyph of old calls
// replaced by a bare return.
func (f *cffFont) usedSubrs(old []int) (gsubrs, lsubrs [][]byte, err error) {
	s := &csScan{gsubrs: f.gsubrs, lsubrs: f.lsubrs, gUsed: make([]bool, len(f.gsubrs)), lUsed: make([]bool, len(f.lsubrs))}
	for _, g := range old {
		s.stack, s.stems = s.stack[:0], 0
		if _, err := s.run(f.chars[g], 0); err != nil {
			return nil, nil, err
		}
	}
	empty := func(subrs [][]byte, used []bool) [][]byte {
		if subrs == nil {
			return nil
		}
		out := make([][]byte, len(subrs))
		for i, b := range subrs {
			out[i] = b
			if !used[i] {
				out[i] = []byte{11} // return
			}
		}
		return out
	}
	return empty(f.gsubrs, s.gUsed), empty(f.lsubrs, s.lUsed), nil
}

// csScan walks Type 2 charstrings far enough to see which subroutines
// they call: it tracks the operand stack (for the subroutine numbers) and
// the stem hints (for the length of hintmask operands).
type csScan struct {
	gsubrs, lsubrs [][]byte
	gUsed, lUsed   []bool
	stack          []int
	stems          int
}

func bias(n int) int {
	switch {
	case n < 1240:
		return 107
	case n < 33900:
		return 1131
	}
	return 32768
}

// run scans one charstring or subroutine; end reports an endchar.
func (s *csScan) run(cs []byte, depth int) (end bool, err error) {
	if depth > 10 {
		return false, fmt.Errorf("subset: CFF subroutines nested too deep")
	}
	short := func() (bool, error) { return false, fmt.Errorf("subset: CFF charstring truncated") }
	for p := 0; p < len(cs); {
		c := cs[p]
		switch {
		case c == 28:
			if p+3 > len(cs) {
				return short()
			}
			s.stack = append(s.stack, int(int16(binary.BigEndian.Uint16(cs[p+1:]))))
			p += 3
		case c >= 32 && c <= 246:
			s.stack = append(s.stack, int(c)-139)
			p++
		case c >= 247 && c <= 250:
			if p+2 > len(cs) {
				return short()
			}
			s.stack = append(s.stack, (int(c)-247)*256+int(cs[p+1])+108)
			p += 2
		case c >= 251 && c <= 254:
			if p+2 > len(cs) {
				return short()
			}
			s.stack = append(s.stack, -(int(c)-251)*256-int(cs[p+1])-108)
			p += 2
		case c == 255:
			if p+5 > len(cs) {
				return short()
			}
			s.stack = append(s.stack, int(int32(binary.BigEndian.Uint32(cs[p+1:])))>>16)
			p += 5
		default:
			op := int(c)
			p++
			if c == 12 {
				if p >= len(cs) {
					return short()
				}
				op = 1200 + int(cs[p])
				p++
				if op < 1234 || op > 1237 { // only the flex operators
					return false, ErrCFFUnsupported
				}
			}
			switch op {
			case 1, 3, 18, 23: // hstem, vstem, hstemhm, vstemhm
				s.stems += len(s.stack) / 2
				s.stack = s.stack[:0]
			case 19, 20: // hintmask, cntrmask: an implied vstem first
				s.stems += len(s.stack) / 2
				s.stack = s.stack[:0]
				p += (s.stems + 7) / 8
			case 10, 29: // callsubr, callgsubr
				subrs, used := s.lsubrs, s.lUsed
				if op == 29 {
					subrs, used = s.gsubrs, s.gUsed
				}
				if len(s.stack) == 0 {
					return false, fmt.Errorf("subset: CFF subroutine call without a number")
				}
				i := s.stack[len(s.stack)-1] + bias(len(subrs))
				s.stack = s.stack[:len(s.stack)-1]
				if i < 0 || i >= len(subrs) {
					return false, fmt.Errorf("subset: CFF calls subroutine %d of %d", i, len(subrs))
				}
				used[i] = true
				if end, err := s.run(subrs[i], depth+1); end || err != nil {
					return end, err
				}
			case 11: // return
				return false, nil
			case 14: // endchar; with four operands more, seac
				if len(s.stack) >= 4 {
					return false, ErrCFFUnsupported
				}
				return true, nil
			default:
				s.stack = s.stack[:0]
			}
		}
	}
	return false, nil
}
