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
// TestCompiledMatchesSource keeps the two in step). The trie is read in
// place from the compiled bytes (see table): reading the default patterns
// costs no copy of them, where parsing the 4,447 patterns takes some ten
// milliseconds, which a pamphlet's build notices, and even decoding a
// compact form into the heap cost half a megabyte of fresh memory.

// compiledMagic starts the compiled form; the digit is its version.
const compiledMagic = "press-hyphen-2\n"

// marshal writes t in the compiled form, little-endian: the width, the
// ASCII symbols, the other symbols (rune, symbol), then the nodes (base,
// vals), the size of a row entry and the rows in full, and the pairs, each array after its length, so
// that table can read the three in place; last the exceptions (word,
// points).
func (t *trie) marshal() []byte {
	// The rows are the bulk of the table: their entries take two bytes
	// each when every node number fits.
	if len(t.nodes) > 1<<16 {
		return t.marshalRows(4)
	}
	return t.marshalRows(2)
}

// marshalRows is marshal with row entries of size bytes, 2 or 4.
func (t *trie) marshalRows(size int) []byte {
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
	u32(uint32(size))
	u32(uint32(len(t.rows)))
	for _, c := range t.rows {
		if size == 2 {
			b = binary.LittleEndian.AppendUint16(b, uint16(c))
		} else {
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

// unmarshal reads the compiled form marshal writes. The trie's arrays are
// not copied: the table reads them in b, which must not change. Only the
// layout is checked here (every array whole, every symbol within the
// alphabet); match checks each step it takes.
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
	// array reads a length and returns the array of that many items of
	// size bytes that follows it, bounded by what is left to read, so a
	// corrupt length cannot allocate or reach past the end.
	array := func(size int) []byte {
		n := int(u32())
		if n < 0 || n > len(b)/size {
			bad = true
			return nil
		}
		a := b[: n*size : n*size]
		b = b[n*size:]
		return a
	}
	t := &table{width: int(u32())}
	if t.width <= 0 || t.width >= 1<<15 || len(b) < 2*utf8.RuneSelf {
		return nil, errCompiled
	}
	for i := range t.ascii {
		t.ascii[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	b = b[2*utf8.RuneSelf:]
	if others := array(8); len(others) > 0 {
		t.other = make(map[rune]int16, len(others)/8)
		for i := 0; i < len(others); i += 8 {
			t.other[rune(binary.LittleEndian.Uint32(others[i:]))] = int16(binary.LittleEndian.Uint32(others[i+4:]))
		}
	}
	t.nodes = array(8)
	if t.rowSize = int(u32()); t.rowSize != 2 && t.rowSize != 4 {
		return nil, errCompiled
	}
	t.rows, t.pairs = array(t.rowSize), array(2)
	words := int(u32())
	if words < 0 || words > len(b)/8 { // a word takes 8 bytes at least
		return nil, errCompiled
	}
	t.exceptions = make(map[string][]int, words)
	for range words {
		w := array(1)
		var pts []int // nil for a word that never breaks, as parse leaves it
		if a := array(4); len(a) > 0 {
			pts = make([]int, len(a)/4)
			for k := range pts {
				pts[k] = int(binary.LittleEndian.Uint32(a[4*k:]))
			}
		}
		t.exceptions[string(w)] = pts
	}
	if bad || len(b) != 0 || len(t.nodes) == 0 {
		return nil, errCompiled
	}
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
	return t, nil
}
