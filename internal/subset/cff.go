package subset

import (
	"encoding/binary"
	"fmt"
)

// OpenTypeCFF returns a font holding only the glyphs in keep (and .notdef)
// from the CFF-outline face at offset off of data: an OpenType file with
// the CFF table and the metrics tables a PDF reader may consult. Glyph ids
// do not change; the charstrings of the glyphs not kept become a bare
// endchar. Subroutines are kept whole (a glyph kept may call any of them).
// Name-keyed CFF only; CID-keyed fonts (FDArray) are refused.
func OpenTypeCFF(data []byte, off int, keep []uint16) ([]byte, error) {
	ts, err := Tables(data, off)
	if err != nil {
		return nil, err
	}
	cff, ok := ts["CFF "]
	if !ok {
		return nil, fmt.Errorf("subset: no CFF table")
	}
	sub, err := CFF(cff, keep)
	if err != nil {
		return nil, err
	}
	out := []Table{{"CFF ", sub}, {"cmap", emptyCmap}}
	for _, tag := range []string{"head", "hhea", "hmtx", "maxp"} {
		if b, ok := ts[tag]; ok {
			out = append(out, Table{tag, b})
		}
	}
	return WriteSFNT(0x4F54544F, out), nil // 'OTTO'
}

// CFF subsets a bare CFF font program (see OpenTypeCFF).
func CFF(b []byte, keep []uint16) ([]byte, error) {
	f, err := parseCFF(b)
	if err != nil {
		return nil, err
	}
	n := len(f.chars)
	kept := make([]bool, n)
	if n > 0 {
		kept[0] = true
	}
	for _, g := range keep {
		if int(g) < n {
			kept[g] = true
		}
	}
	newChars := make([][]byte, n)
	for i, c := range f.chars {
		if kept[i] {
			newChars[i] = c
		} else {
			newChars[i] = []byte{14} // endchar
		}
	}
	return f.write(f.strs, f.charset, newChars, f.gsubrs, f.lsubrs, nil)
}

// cffFont is a name-keyed CFF font program, read.
type cffFont struct {
	names, strs, gsubrs, chars, lsubrs [][]byte
	top, privDict                      dict
	charset                            []byte // nil for a predefined charset
	csetOff                            int
}

func parseCFF(b []byte) (*cffFont, error) {
	if len(b) < 4 {
		return nil, fmt.Errorf("subset: CFF too short")
	}
	if b[0] != 1 {
		return nil, fmt.Errorf("subset: CFF version %d, only version 1 is supported", b[0])
	}
	f := &cffFont{}
	p := int(b[2])
	var err error
	f.names, p, err = readIndex(b, p)
	if err != nil {
		return nil, fmt.Errorf("subset: CFF name index: %w", err)
	}
	tops, p, err := readIndex(b, p)
	if err != nil || len(tops) != 1 {
		return nil, fmt.Errorf("subset: CFF top dict index: %v", err)
	}
	f.strs, p, err = readIndex(b, p)
	if err != nil {
		return nil, fmt.Errorf("subset: CFF string index: %w", err)
	}
	f.gsubrs, _, err = readIndex(b, p)
	if err != nil {
		return nil, fmt.Errorf("subset: CFF global subrs: %w", err)
	}
	f.top, err = readDict(tops[0])
	if err != nil {
		return nil, fmt.Errorf("subset: CFF top dict: %w", err)
	}
	if f.top.has(1230) || f.top.has(1236) {
		return nil, fmt.Errorf("subset: CID-keyed CFF fonts are not supported (%w)", ErrCFFUnsupported)
	}
	csOff, ok := f.top.int(17)
	if !ok {
		return nil, fmt.Errorf("subset: CFF has no CharStrings")
	}
	f.chars, _, err = readIndex(b, csOff)
	if err != nil {
		return nil, fmt.Errorf("subset: CFF charstrings: %w", err)
	}
	n := len(f.chars)

	// charset: copied as it is, unless predefined (offsets 0–2).
	csetOff, hasCharset := f.top.int(15)
	if hasCharset && csetOff > 2 {
		l, err := charsetLen(b, csetOff, n)
		if err != nil {
			return nil, err
		}
		f.charset = b[csetOff : csetOff+l]
	}
	f.csetOff = csetOff
	// Private DICT and its local subroutines.
	if ops, ok := f.top.ops(18); ok && len(ops) == 2 {
		size, poff := int(ops[0]), int(ops[1])
		if poff < 0 || size < 0 || poff+size > len(b) {
			return nil, fmt.Errorf("subset: CFF private dict out of bounds")
		}
		priv := b[poff : poff+size]
		if f.privDict, err = readDict(priv); err != nil {
			return nil, fmt.Errorf("subset: CFF private dict: %w", err)
		}
		if so, ok := f.privDict.int(19); ok {
			if f.lsubrs, _, err = readIndex(b, poff+so); err != nil {
				return nil, fmt.Errorf("subset: CFF local subrs: %w", err)
			}
		}
	}
	return f, nil
}

// write lays a CFF font program out with the given strings, charset,
// charstrings and subroutines; sid, when set, renumbers the string ids
// the top dict names.
func (f *cffFont) write(strs [][]byte, charset []byte, chars, gsubrs, lsubrs [][]byte, sid func(int) int) ([]byte, error) {
	// Lay out: header, name, top dict, strings, global subrs, charset,
	// charstrings, private dict, local subrs. Offsets in the dicts are
	// written as 5-byte integers so the sizes do not depend on them.
	topDict := func(charsetAt, charsAt, privSize, privAt int) []byte {
		var d []byte
		for _, e := range f.top {
			switch e.op {
			case 15:
				if charset == nil {
					d = e.appendTo(d)
					continue
				}
				d = appendInt5(d, charsetAt)
			case 16:
				continue // encoding: the standard one (a PDF addresses glyphs by id)
			case 17:
				d = appendInt5(d, charsAt)
			case 18:
				d = appendInt5(appendInt5(d, privSize), privAt)
			case 0, 1, 2, 3, 4, 1200, 1221, 1222: // string ids
				if sid == nil || len(e.nums) != 1 {
					d = e.appendTo(d)
					continue
				}
				d = appendInt5(d, sid(int(e.nums[0])))
			default:
				d = e.appendTo(d)
				continue
			}
			d = appendOp(d, e.op)
		}
		return d
	}
	var privOut []byte
	for _, e := range f.privDict {
		if e.op != 19 {
			privOut = e.appendTo(privOut)
		}
	}
	if lsubrs != nil {
		// The Subrs offset is relative to the private dict: right after
		// it, past this 6-byte entry itself.
		privOut = appendOp(appendInt5(privOut, len(privOut)+6), 19)
	}

	head := []byte{1, 0, 4, 4}
	nameIdx := writeIndex(f.names)
	strIdx := writeIndex(strs)
	gsubIdx := writeIndex(gsubrs)
	charsIdx := writeIndex(chars)
	topLen := len(writeIndex([][]byte{topDict(0, 0, 0, 0)}))
	at := len(head) + len(nameIdx) + topLen + len(strIdx) + len(gsubIdx)
	charsetAt := at
	at += len(charset)
	charsAt := at
	at += len(charsIdx)
	privAt := at
	topIdx := writeIndex([][]byte{topDict(charsetAt, charsAt, len(privOut), privAt)})
	if len(topIdx) != topLen {
		return nil, fmt.Errorf("subset: CFF top dict changed size")
	}
	out := append(head, nameIdx...)
	out = append(out, topIdx...)
	out = append(out, strIdx...)
	out = append(out, gsubIdx...)
	out = append(out, charset...)
	out = append(out, charsIdx...)
	out = append(out, privOut...)
	if lsubrs != nil {
		out = append(out, writeIndex(lsubrs)...)
	}
	return out, nil
}

// readIndex reads a CFF INDEX at p and returns its items and the offset
// after it.
func readIndex(b []byte, p int) ([][]byte, int, error) {
	if p < 0 || p+2 > len(b) {
		return nil, 0, fmt.Errorf("index at %d out of bounds", p)
	}
	count := int(binary.BigEndian.Uint16(b[p:]))
	if count == 0 {
		return nil, p + 2, nil
	}
	if p+3 > len(b) {
		return nil, 0, fmt.Errorf("index truncated")
	}
	osz := int(b[p+2])
	if osz < 1 || osz > 4 || p+3+(count+1)*osz > len(b) {
		return nil, 0, fmt.Errorf("index offsets truncated")
	}
	off := func(i int) int {
		v := 0
		for k := range osz {
			v = v<<8 | int(b[p+3+i*osz+k])
		}
		return v
	}
	base := p + 3 + (count+1)*osz - 1
	items := make([][]byte, count)
	for i := range count {
		a, e := off(i), off(i+1)
		if a < 1 || e < a || base+e > len(b) {
			return nil, 0, fmt.Errorf("index item %d out of bounds", i)
		}
		items[i] = b[base+a : base+e]
	}
	return items, base + off(count), nil
}

// writeIndex writes items as a CFF INDEX with 4-byte offsets.
func writeIndex(items [][]byte) []byte {
	if len(items) == 0 {
		return []byte{0, 0}
	}
	out := []byte{byte(len(items) >> 8), byte(len(items)), 4}
	o := 1
	out = binary.BigEndian.AppendUint32(out, uint32(o))
	for _, it := range items {
		o += len(it)
		out = binary.BigEndian.AppendUint32(out, uint32(o))
	}
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

// entry is one DICT operator with its operands as written.
type entry struct {
	op   int // 0–21, or 1200+n for the escaped operator 12 n
	raw  []byte
	nums []float64
}

func (e entry) appendTo(d []byte) []byte { return appendOp(append(d, e.raw...), e.op) }

type dict []entry

func (d dict) has(op int) bool { _, ok := d.ops(op); return ok }

func (d dict) ops(op int) ([]float64, bool) {
	for _, e := range d {
		if e.op == op {
			return e.nums, true
		}
	}
	return nil, false
}

func (d dict) int(op int) (int, bool) {
	v, ok := d.ops(op)
	if !ok || len(v) == 0 {
		return 0, false
	}
	return int(v[len(v)-1]), true
}

func appendOp(d []byte, op int) []byte {
	if op >= 1200 {
		return append(d, 12, byte(op-1200))
	}
	return append(d, byte(op))
}

func appendInt5(d []byte, v int) []byte {
	return append(d, 29, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

// readDict parses a CFF DICT. Real operands are kept as written (their
// value is not needed), recorded as 0.
func readDict(b []byte) (dict, error) {
	var d dict
	start := 0
	var nums []float64
	for p := 0; p < len(b); {
		c := b[p]
		switch {
		case c <= 21:
			op := int(c)
			q := p + 1
			if c == 12 {
				if p+1 >= len(b) {
					return nil, fmt.Errorf("escaped operator truncated")
				}
				op = 1200 + int(b[p+1])
				q++
			}
			d = append(d, entry{op: op, raw: b[start:p], nums: nums})
			nums = nil
			p = q
			start = p
		case c == 28:
			if p+3 > len(b) {
				return nil, fmt.Errorf("operand truncated")
			}
			nums = append(nums, float64(int16(binary.BigEndian.Uint16(b[p+1:]))))
			p += 3
		case c == 29:
			if p+5 > len(b) {
				return nil, fmt.Errorf("operand truncated")
			}
			nums = append(nums, float64(int32(binary.BigEndian.Uint32(b[p+1:]))))
			p += 5
		case c == 30:
			p++
			for p < len(b) && b[p]&0x0f != 0x0f && b[p]>>4 != 0x0f {
				p++
			}
			p++
			nums = append(nums, 0)
		case c >= 32 && c <= 246:
			nums = append(nums, float64(int(c)-139))
			p++
		case c >= 247 && c <= 250:
			if p+2 > len(b) {
				return nil, fmt.Errorf("operand truncated")
			}
			nums = append(nums, float64((int(c)-247)*256+int(b[p+1])+108))
			p += 2
		case c >= 251 && c <= 254:
			if p+2 > len(b) {
				return nil, fmt.Errorf("operand truncated")
			}
			nums = append(nums, float64(-(int(c)-251)*256-int(b[p+1])-108))
			p += 2
		default:
			return nil, fmt.Errorf("reserved byte %d in dict", c)
		}
	}
	return d, nil
}

// charsetLen is the byte length of the charset at off for n glyphs.
func charsetLen(b []byte, off, n int) (int, error) {
	if off >= len(b) {
		return 0, fmt.Errorf("subset: CFF charset out of bounds")
	}
	switch b[off] {
	case 0:
		l := 1 + 2*(n-1)
		if off+l > len(b) {
			return 0, fmt.Errorf("subset: CFF charset truncated")
		}
		return l, nil
	case 1, 2:
		wide := b[off] == 2
		p, covered := off+1, 0
		for covered < n-1 {
			step := 3
			if wide {
				step = 4
			}
			if p+step > len(b) {
				return 0, fmt.Errorf("subset: CFF charset truncated")
			}
			left := int(b[p+2])
			if wide {
				left = int(binary.BigEndian.Uint16(b[p+2:]))
			}
			covered += left + 1
			p += step
		}
		return p - off, nil
	}
	return 0, fmt.Errorf("subset: CFF charset format %d unknown", b[off])
}
