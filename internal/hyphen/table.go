package hyphen

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

const (
	// dotSym is the symbol of ".", the word boundary, in every table.
	dotSym int16 = 0
	// noSym stands for a letter that no pattern mentions; matching stops
	// there, as no pattern can run across it.
	noSym int16 = -1
	// maxPattern is TeX's own limit on a pattern's length, dots included.
	// It also keeps every gap index within a uint8.
	maxPattern = 63
)

// table is a pattern file ready to match with: a trie of the patterns
// plus the file's exception list. It is read-only, so any number of
// Hyphenators and goroutines may share one.
//
// The trie is read in place from its compiled form (compiled.go): the
// embedded plain TeX patterns are not decoded into the heap at start-up,
// only the pages of the trie a book's words walk through are read. Every
// read is bounds-checked, so a damaged table gives wrong points, never a
// panic (FuzzUnmarshal).
//
// The trie is stored densely: every node with children owns a row of
// width entries, one per alphabet symbol, so a step costs one index
// computation instead of a search. Leaves, the bulk of the nodes, own no
// row.
type table struct {
	ascii [utf8.RuneSelf]int16 // symbol of each ASCII rune, or noSym
	other map[rune]int16       // symbols of non-ASCII pattern letters
	width int                  // alphabet size, dot included

	// nodes holds 8 bytes per node, nodes[0] the root: the node's base
	// and vals (see node), little-endian.
	nodes []byte
	// rows holds the children, little-endian, rowSize bytes each (2 when
	// the node numbers fit, as plain TeX's do, else 4): entry
	// row*width+sym is a child node, 0 for none.
	rows    []byte
	rowSize int
	// pairs holds the inter-letter values of all patterns, per node, two
	// bytes each (see pair).
	pairs []byte

	// exceptions maps a lowercased word to its allowed points (rune
	// offsets, ascending, strictly inside the word).
	exceptions map[string][]int
}

type node struct {
	// base is where this node's row starts in the rows (row number
	// times width, so a step needs no multiplication), or -1 for a leaf.
	base int32
	// vals locates the values of the pattern ending here, if any:
	// pairs[vals>>8:][:vals&0xff]. Zero means no values.
	vals uint32
}

// pair is one nonzero value of a pattern: the gap before its gap-th
// character gets at least val. Zero values are dropped at build time as
// they can never raise a level.
type pair struct{ gap, val uint8 }

// numNodes returns the number of nodes of the trie.
func (t *table) numNodes() int { return len(t.nodes) / 8 }

// node returns node i, which must be below numNodes.
func (t *table) node(i int) node {
	b := t.nodes[8*i : 8*i+8]
	return node{base: int32(binary.LittleEndian.Uint32(b)), vals: binary.LittleEndian.Uint32(b[4:])}
}

// child returns row entry i: a node, 0 for none, and -1 beyond the rows.
func (t *table) child(i int) int {
	if t.rowSize == 2 {
		if 2*i+2 > len(t.rows) {
			return -1
		}
		return int(binary.LittleEndian.Uint16(t.rows[2*i:]))
	}
	if 4*i+4 > len(t.rows) {
		return -1
	}
	return int(int32(binary.LittleEndian.Uint32(t.rows[4*i:])))
}

// sym returns the alphabet symbol of the lowercased letter r.
func (t *table) sym(r rune) int16 {
	if r < utf8.RuneSelf {
		return t.ascii[r]
	}
	if s, ok := t.other[r]; ok {
		return s
	}
	return noSym
}

// match runs Liang's algorithm: every pattern that occurs in syms (a word
// between boundary dots) raises the levels of the gaps it covers to its own
// values. levels[g] is the gap before syms[g] and must start zeroed, with
// len(syms)+1 entries.
//
// This is the hot loop of the package: one trie walk per starting
// position, each step a single table lookup. A step that would leave the
// tables (only a damaged compiled table has one) ends the walk.
func (t *table) match(syms []int16, levels []uint8) {
	nodes, pairs := t.nodes, t.pairs
	if len(nodes) < 8 {
		return
	}
	rootBase := int32(binary.LittleEndian.Uint32(nodes))
	// No pattern can start at the closing dot, as it is the last symbol
	// and a lone "." is not a pattern.
	for i := range len(syms) - 1 {
		base := rootBase
		for _, s := range syms[i:] {
			if s < 0 || base < 0 {
				break
			}
			c := t.child(int(base) + int(s))
			if c <= 0 || 8*c+8 > len(nodes) {
				break
			}
			nd := nodes[8*c : 8*c+8]
			if vals := binary.LittleEndian.Uint32(nd[4:]); vals != 0 {
				start, end := 2*int(vals>>8), 2*int(vals>>8+vals&0xff)
				for k := start; k+1 < end && k+1 < len(pairs); k += 2 {
					if g := i + int(pairs[k]); g < len(levels) && pairs[k+1] > levels[g] {
						levels[g] = pairs[k+1]
					}
				}
			}
			base = int32(binary.LittleEndian.Uint32(nd))
		}
	}
}

// pattern is one parsed entry of a \patterns block.
type pattern struct {
	letters []rune  // lowercased; '.' only first or last
	values  []uint8 // len(letters)+1; values[k] is the gap before letters[k]
	off     int     // byte offset in the file, for messages
}

// parse reads a TeX hyphenation file into a table.
func parse(src []byte) (*table, error) {
	b, err := compile(src)
	if err != nil {
		return nil, err
	}
	return unmarshal(b)
}

// compile reads a TeX hyphenation file and returns its table in the
// compiled form.
func compile(src []byte) ([]byte, error) {
	t, err := parseTrie(src)
	if err != nil {
		return nil, err
	}
	return t.marshal(), nil
}

// parseTrie reads a TeX hyphenation file into a trie.
func parseTrie(src []byte) (*trie, error) {
	text := stripComments(src)
	var pats []pattern
	exc := make(map[string][]int)
	sawPatterns := false

	for i := 0; i < len(text); i++ {
		if text[i] != '\\' {
			continue
		}
		j := i + 1
		for j < len(text) && ('a' <= text[j] && text[j] <= 'z' || 'A' <= text[j] && text[j] <= 'Z') {
			j++
		}
		name := string(text[i+1 : j])
		if name != "patterns" && name != "hyphenation" {
			i = j - 1
			continue
		}
		for j < len(text) && isSpace(text[j]) {
			j++
		}
		if j == len(text) || text[j] != '{' {
			return nil, fmt.Errorf("hyphen: line %d: \\%s must be followed by {", lineAt(text, i), name)
		}
		end := bytes.IndexByte(text[j:], '}')
		if end < 0 {
			return nil, fmt.Errorf("hyphen: line %d: \\%s{ is never closed", lineAt(text, i), name)
		}
		end += j
		var err error
		eachToken(text, j+1, end, func(tok string, off int) bool {
			if name == "patterns" {
				var p pattern
				p, err = parsePattern(tok)
				if err != nil {
					err = fmt.Errorf("hyphen: line %d: bad pattern %q: %w", lineAt(text, off), tok, err)
					return false
				}
				p.off = off
				pats = append(pats, p)
				return true
			}
			key, pts, ok := parseException(tok)
			if !ok {
				err = fmt.Errorf("hyphen: line %d: bad \\hyphenation word %q: only letters and - are allowed", lineAt(text, off), tok)
				return false
			}
			exc[key] = pts
			return true
		})
		if err != nil {
			return nil, err
		}
		sawPatterns = sawPatterns || name == "patterns"
		i = end
	}
	if !sawPatterns {
		return nil, errors.New("hyphen: no \\patterns{...} block found")
	}
	t, err := build(text, pats)
	if err != nil {
		return nil, err
	}
	t.exceptions = exc
	return t, nil
}

// stripComments blanks out every % comment, keeping newlines so that
// error messages can still cite line numbers.
func stripComments(src []byte) []byte {
	text := bytes.Clone(src)
	in := false
	for i, c := range text {
		switch {
		case c == '\n':
			in = false
		case c == '%' && (i == 0 || text[i-1] != '\\'):
			in = true
		}
		if in {
			text[i] = ' '
		}
	}
	return text
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// lineAt is the line number of byte off. It counts from the start of the
// file, so it is for messages only: a line per pattern would make the parse
// quadratic (it was 80% of the time to read hyphen.tex).
func lineAt(text []byte, off int) int {
	return 1 + bytes.Count(text[:off], []byte{'\n'})
}

// eachToken calls f for every whitespace-separated token of text[from:to]
// with its offset, until f returns false.
func eachToken(text []byte, from, to int, f func(tok string, off int) bool) {
	i := from
	for i < to {
		for i < to && isSpace(text[i]) {
			i++
		}
		j := i
		for j < to && !isSpace(text[j]) {
			j++
		}
		if j > i && !f(string(text[i:j]), i) {
			return
		}
		i = j
	}
}

// parsePattern reads one pattern such as ".hy3ph" or "4tion." with TeX's
// rules: a digit sets the value of the gap before the next letter, missing
// digits mean 0, and digits beyond a boundary dot are ignored.
func parsePattern(tok string) (pattern, error) {
	p := pattern{values: []uint8{0}}
	digit := false // a digit was just read
	for _, r := range tok {
		switch {
		case '0' <= r && r <= '9':
			if digit {
				return p, errors.New("two digits in a row")
			}
			p.values[len(p.values)-1] = uint8(r - '0')
			digit = true
			continue
		case r == '.':
		case unicode.IsLetter(r) || unicode.IsMark(r):
			r = lower(r)
		default:
			return p, fmt.Errorf("%q is not a letter", r)
		}
		p.letters = append(p.letters, r)
		p.values = append(p.values, 0)
		digit = false
	}
	n := len(p.letters)
	switch {
	case n > maxPattern:
		return p, fmt.Errorf("longer than %d characters", maxPattern)
	case n == 0 || n == 1 && p.letters[0] == '.' || n == 2 && p.letters[0] == '.' && p.letters[1] == '.':
		return p, errors.New("no letters")
	}
	for k, r := range p.letters {
		if r == '.' && k != 0 && k != n-1 {
			return p, errors.New("'.' may only begin or end a pattern")
		}
	}
	if p.letters[0] == '.' {
		p.values[0] = 0
	}
	if p.letters[n-1] == '.' {
		p.values[n] = 0
	}
	return p, nil
}

// parseException reads a word in \hyphenation form ("as-so-ciate") into
// its lowercased letters and the rune offsets of its hyphens. Hyphens at
// either end or doubled carry no information and are dropped. ok is false
// if the word holds anything but letters and hyphens, or no letters.
func parseException(w string) (key string, pts []int, ok bool) {
	var b []byte
	n := 0
	for _, r := range w {
		switch {
		case r == '-':
			if n > 0 && (len(pts) == 0 || pts[len(pts)-1] != n) {
				pts = append(pts, n)
			}
		case isLetter(r):
			b = utf8.AppendRune(b, lower(r))
			n++
		default:
			return "", nil, false
		}
	}
	if n == 0 {
		return "", nil, false
	}
	if len(pts) > 0 && pts[len(pts)-1] == n {
		pts = pts[:len(pts)-1]
	}
	return string(b), pts, true
}

// trie is a pattern file as build assembles it, before it is written in
// the compiled form that table reads (compiled.go).
type trie struct {
	ascii [utf8.RuneSelf]int16
	other map[rune]int16
	width int

	nodes []node  // nodes[0] is the root
	rows  []int32 // rows[row*width+sym] is a child node, 0 for none
	pairs []pair  // inter-letter values of all patterns, per node

	exceptions map[string][]int
}

// build assembles the trie from the patterns read from text.
func build(text []byte, pats []pattern) (*trie, error) {
	t := &trie{}
	for i := range t.ascii {
		t.ascii[i] = noSym
	}

	// The alphabet is every letter that occurs in a pattern, numbered
	// from 1 in rune order so the layout does not depend on file order.
	var alphabet []rune
	seen := make(map[rune]bool)
	for _, p := range pats {
		for _, r := range p.letters {
			if r != '.' && !seen[r] {
				seen[r] = true
				alphabet = append(alphabet, r)
			}
		}
	}
	slices.Sort(alphabet)
	if len(alphabet) >= 1<<15-1 {
		return nil, errors.New("hyphen: too many distinct letters in patterns")
	}
	t.width = len(alphabet) + 1
	symOf := func(r rune) int16 {
		if r == '.' {
			return dotSym
		}
		if r < utf8.RuneSelf {
			return t.ascii[r]
		}
		return t.other[r]
	}
	for k, r := range alphabet {
		s := int16(k + 1)
		if r < utf8.RuneSelf {
			t.ascii[r] = s
		} else {
			if t.other == nil {
				t.other = make(map[rune]int16)
			}
			t.other[r] = s
		}
	}

	// Insert with a map of edges first, since the rows can only be laid
	// out once it is known which nodes have children.
	type edge struct {
		from int32
		sym  int16
	}
	edges := make(map[edge]int32)
	hasKids := []bool{false}
	terminal := []bool{false}
	t.nodes = []node{{}}
	for _, p := range pats {
		cur := int32(0)
		for _, r := range p.letters {
			e := edge{cur, symOf(r)}
			next, ok := edges[e]
			if !ok {
				next = int32(len(t.nodes))
				t.nodes = append(t.nodes, node{})
				hasKids = append(hasKids, false)
				terminal = append(terminal, false)
				edges[e] = next
				hasKids[cur] = true
			}
			cur = next
		}
		if terminal[cur] {
			return nil, fmt.Errorf("hyphen: line %d: duplicate pattern %q", lineAt(text, p.off), string(p.letters))
		}
		terminal[cur] = true
		start := len(t.pairs)
		for g, v := range p.values {
			if v > 0 {
				t.pairs = append(t.pairs, pair{gap: uint8(g), val: v})
			}
		}
		if count := len(t.pairs) - start; count > 0 {
			if start >= 1<<24 {
				return nil, errors.New("hyphen: too many patterns")
			}
			t.nodes[cur].vals = uint32(start)<<8 | uint32(count)
		}
	}

	size := 0
	for i := range t.nodes {
		t.nodes[i].base = -1
		if hasKids[i] {
			if size > math.MaxInt32-t.width {
				return nil, errors.New("hyphen: too many patterns")
			}
			t.nodes[i].base = int32(size)
			size += t.width
		}
	}
	t.rows = make([]int32, size)
	for e, child := range edges {
		t.rows[int(t.nodes[e.from].base)+int(e.sym)] = child
	}
	return t, nil
}
