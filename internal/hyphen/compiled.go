package hyphen

import (
	"encoding/binary"
	"errors"
	"maps"
	"slices"
	"unicode/utf8"
)

// The default patterns are also shipped compiled (plaintex.bin, written
// from hyphen.tex by "UPDATE_GOLDEN=1 go test ./internal/hyphen";
// TestCompiledMatchesSource keeps the two in step): reading the compiled
// trie takes a fraction of a millisecond, parsing the 4,447 patterns some
// ten, which a pamphlet's build notices.

// compiledMagic starts the compiled form; the digit is its version.
const compiledMagic = "press-hyphen-1\n"

// marshal writes t in the compiled form: little-endian, the trie's rows
// as their nonzero entries only (nine in ten are empty).
func (t *table) marshal() []byte {
	b := []byte(compiledMagic)
	u32 := func(v uint32) { b = binary.LittleEndian.AppendUint32(b, v) }
	u32(uint32(t.width))
	for _, s := range t.ascii {
		b = binary.LittleEndian.AppendUint16(b, uint16(s))
	}
	others := slices.Sorted(maps.Keys(t.other))
	u32(uint32(len(others)))
	for _, r := range others {
		u32(uint32(r))
		u32(uint32(t.other[r]))
	}
	u32(uint32(len(t.nodes)))
	for _, n := range t.nodes {
		u32(uint32(n.base))
		u32(n.vals)
	}
	u32(uint32(len(t.rows)))
	var filled int
	for _, c := range t.rows {
		if c != 0 {
			filled++
		}
	}
	u32(uint32(filled))
	for i, c := range t.rows {
		if c != 0 {
			u32(uint32(i))
			u32(uint32(c))
		}
	}
	u32(uint32(len(t.pairs)))
	for _, p := range t.pairs {
		b = append(b, p.gap, p.val)
	}
	words := slices.Sorted(maps.Keys(t.exceptions))
	u32(uint32(len(words)))
	for _, w := range words {
		u32(uint32(len(w)))
		b = append(b, w...)
		pts := t.exceptions[w]
		u32(uint32(len(pts)))
		for _, p := range pts {
			u32(uint32(p))
		}
	}
	return b
}

var errCompiled = errors.New("hyphen: malformed compiled patterns")

// unmarshal reads the compiled form marshal writes.
func unmarshal(b []byte) (*table, error) {
	if len(b) < len(compiledMagic) || string(b[:len(compiledMagic)]) != compiledMagic {
		return nil, errCompiled
	}
	b = b[len(compiledMagic):]
	bad := false
	u32 := func() uint32 {
		if len(b) < 4 {
			bad = true
			return 0
		}
		v := binary.LittleEndian.Uint32(b)
		b = b[4:]
		return v
	}
	// count reads a length, bounded by what is left to read (each item
	// takes at least size bytes), so a corrupt length cannot allocate.
	count := func(size int) int {
		n := int(u32())
		if n < 0 || n*size > len(b) {
			bad = true
			return 0
		}
		return n
	}
	t := &table{width: int(u32())}
	if len(b) < 2*utf8.RuneSelf {
		return nil, errCompiled
	}
	for i := range t.ascii {
		t.ascii[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	b = b[2*utf8.RuneSelf:]
	if n := count(8); n > 0 {
		t.other = make(map[rune]int16, n)
		for range n {
			r := rune(u32())
			t.other[r] = int16(u32())
		}
	}
	t.nodes = make([]node, count(8))
	for i := range t.nodes {
		t.nodes[i] = node{base: int32(u32()), vals: u32()}
	}
	rows := int(u32())
	if t.width <= 0 || t.width >= 1<<15 || rows < 0 || rows > len(t.nodes)*t.width {
		return nil, errCompiled
	}
	t.rows = make([]int32, rows)
	for range count(8) {
		i, c := int(u32()), int32(u32())
		if i < 0 || i >= rows || c <= 0 || int(c) >= len(t.nodes) {
			return nil, errCompiled
		}
		t.rows[i] = c
	}
	t.pairs = make([]pair, count(2))
	for i := range t.pairs {
		t.pairs[i] = pair{gap: b[0], val: b[1]}
		b = b[2:]
	}
	t.exceptions = map[string][]int{}
	for range count(8) {
		n := count(1)
		w := string(b[:n])
		b = b[n:]
		var pts []int // nil for a word that never breaks, as parse leaves it
		if n := count(4); n > 0 {
			pts = make([]int, n)
			for k := range pts {
				pts[k] = int(u32())
			}
		}
		t.exceptions[w] = pts
	}
	if bad || len(b) != 0 || len(t.nodes) == 0 {
		return nil, errCompiled
	}
	// The trie must be one that match can walk safely: symbols within the
	// alphabet, rows within the table, every child numbered after its
	// parent (as build numbers them), and no value for a gap beyond the
	// end of the pattern that ends at its node.
	for _, s := range t.ascii {
		if s < noSym || int(s) >= t.width {
			return nil, errCompiled
		}
	}
	for _, s := range t.other {
		if s < noSym || int(s) >= t.width {
			return nil, errCompiled
		}
	}
	depth := make([]int, len(t.nodes))
	for i, n := range t.nodes {
		if n.base >= 0 {
			if int(n.base)+t.width > rows {
				return nil, errCompiled
			}
			for _, c := range t.rows[n.base : int(n.base)+t.width] {
				if c != 0 && int(c) <= i {
					return nil, errCompiled
				}
				if c != 0 {
					depth[c] = depth[i] + 1
				}
			}
		}
		if n.vals != 0 {
			start, end := int(n.vals>>8), int(n.vals>>8)+int(n.vals&0xff)
			if end > len(t.pairs) {
				return nil, errCompiled
			}
			for _, p := range t.pairs[start:end] {
				if int(p.gap) > depth[i] {
					return nil, errCompiled
				}
			}
		}
	}
	return t, nil
}
