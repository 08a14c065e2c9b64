package raster

import "sort"

// runDeflater compresses a stream with deflate (RFC 1951) finding one
// kind of repeat only: a run of the byte before, a match at distance one.
// A cover filtered with Up is runs of zeros (rows equal to the one above)
// and the bytes where ink begins or ends, so this finds nearly what a full
// compressor finds: the article's cover is 21.8 KB, where compress/flate
// gives 24.1 KB at its fastest level and image/png 21.3 KB at the default
// level (BenchmarkCompress weighs them on a test cover). It has no hash
// tables (compress/flate allocates a megabyte, touched at random) and no
// search, and a run of zeros the caller already knows of is counted, not
// scanned (zeros).
//
// Tokens are kept until there are maxTokens of them, then written as a
// block with its own Huffman codes, built from their counts.
type runDeflater struct {
	out   []byte
	toks  []uint16 // a literal byte, or 256+length of a run (259–514)
	last  int      // the stream's last byte, or -1 before the first
	run   int      // how many more of last are pending
	bits  uint64   // output bits not yet whole bytes, lowest first
	nbits uint
}

const (
	maxTokens = 1 << 14
	minRun    = 3
	maxRun    = 258
	tokenRun  = 256
)

func newRunDeflater(out []byte) *runDeflater {
	return &runDeflater{out: out, toks: make([]uint16, 0, maxTokens), last: -1}
}

// write adds p to the stream.
func (d *runDeflater) write(p []byte) {
	last, run := d.last, d.run
	for i := 0; i < len(p); {
		b := int(p[i])
		if b == last {
			j := i + 1
			for j < len(p) && int(p[j]) == b {
				j++
			}
			run += j - i
			i = j
			continue
		}
		if run > 0 {
			d.last = last
			d.flushRun(run)
			run = 0
		}
		d.token(uint16(b))
		last = b
		i++
	}
	d.last, d.run = last, run
}

// zeros adds n zero bytes to the stream, as write would.
func (d *runDeflater) zeros(n int) {
	if n <= 0 {
		return
	}
	if d.last != 0 {
		if d.run > 0 {
			d.flushRun(d.run)
			d.run = 0
		}
		d.token(0)
		d.last = 0
		n--
	}
	d.run += n
}

// flushRun emits a run of n repeats of the last byte: matches of at
// most maxRun, and the one or two bytes too few for a match as literals.
func (d *runDeflater) flushRun(n int) {
	for n >= minRun {
		m := min(n, maxRun)
		if r := n - m; r > 0 && r < minRun && m-(minRun-r) >= minRun {
			m -= minRun - r // leave a whole match rather than literals
		}
		d.token(uint16(tokenRun + m))
		n -= m
	}
	for ; n > 0; n-- {
		d.token(uint16(d.last))
	}
}

func (d *runDeflater) token(t uint16) {
	d.toks = append(d.toks, t)
	if len(d.toks) == maxTokens {
		d.block(false)
	}
}

// finish ends the stream and returns the output, whole bytes.
func (d *runDeflater) finish() []byte {
	if d.run > 0 {
		d.flushRun(d.run)
		d.run = 0
	}
	d.block(true)
	if r := d.nbits % 8; r > 0 {
		d.writeBits(0, 8-r) // to a whole byte
	}
	d.flushBits()
	return d.out
}

// The length codes 257–285: the first length of each, and its extra bits.
var lengthBase, lengthExtra = func() (base, extra [29]uint16) {
	b := uint16(3)
	for i := range 28 {
		e := uint16(0)
		if i >= 8 {
			e = uint16(i-4) / 4
		}
		base[i], extra[i] = b, e
		b += 1 << e
	}
	base[28] = 258
	return
}()

// lengthCode is the code (0–28, for symbols 257–285) of a match length.
var lengthCode = func() (c [maxRun + 1]uint8) {
	for i := range 29 {
		for l := int(lengthBase[i]); l <= maxRun && (i == 28 || l < int(lengthBase[i+1])); l++ {
			c[l] = uint8(i)
		}
	}
	return
}()

// The order code length code lengths are written in (RFC 1951 3.2.7).
var clOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// block writes the pending tokens as a block with dynamic Huffman codes.
func (d *runDeflater) block(final bool) {
	var freq [286]int
	for _, t := range d.toks {
		if t < tokenRun {
			freq[t]++
		} else {
			freq[257+int(lengthCode[t-tokenRun])]++
		}
	}
	freq[256]++ // end of block
	var litLen [286]uint8
	huffmanLengths(freq[:], litLen[:], 15)
	litCode := canonical(litLen[:])
	nlit := 286
	for nlit > 257 && litLen[nlit-1] == 0 {
		nlit--
	}
	// Every match is at distance one: distance code 0. Codes 0 and 1 get
	// one bit each, a complete code that every decoder takes.
	const ndist = 2
	lens := make([]uint8, 0, nlit+ndist)
	lens = append(lens, litLen[:nlit]...)
	lens = append(lens, 1, 1)

	// The code lengths, themselves run-length coded (3.2.7): 16 repeats
	// the previous length 3–6 times, 17 and 18 give 3–10 and 11–138 zeros.
	type clSym struct{ sym, extra uint8 }
	cls := make([]clSym, 0, len(lens))
	for i := 0; i < len(lens); {
		l := lens[i]
		n := 1
		for i+n < len(lens) && lens[i+n] == l {
			n++
		}
		i += n
		if l == 0 {
			for n >= 11 {
				m := min(n, 138)
				cls = append(cls, clSym{18, uint8(m - 11)})
				n -= m
			}
			if n >= 3 {
				cls = append(cls, clSym{17, uint8(n - 3)})
				n = 0
			}
		} else {
			cls = append(cls, clSym{l, 0})
			n--
			for n >= 3 {
				m := min(n, 6)
				cls = append(cls, clSym{16, uint8(m - 3)})
				n -= m
			}
		}
		for ; n > 0; n-- {
			cls = append(cls, clSym{l, 0})
		}
	}
	var clFreq [19]int
	for _, c := range cls {
		clFreq[c.sym]++
	}
	var clLen [19]uint8
	huffmanLengths(clFreq[:], clLen[:], 7)
	clCode := canonical(clLen[:])
	nclen := 19
	for nclen > 4 && clLen[clOrder[nclen-1]] == 0 {
		nclen--
	}

	if final {
		d.writeBits(1, 1)
	} else {
		d.writeBits(0, 1)
	}
	d.writeBits(2, 2) // dynamic Huffman codes
	d.writeBits(uint64(nlit-257), 5)
	d.writeBits(ndist-1, 5)
	d.writeBits(uint64(nclen-4), 4)
	for _, s := range clOrder[:nclen] {
		d.writeBits(uint64(clLen[s]), 3)
	}
	for _, c := range cls {
		d.writeBits(uint64(clCode[c.sym]), uint(clLen[c.sym]))
		switch c.sym {
		case 16:
			d.writeBits(uint64(c.extra), 2)
		case 17:
			d.writeBits(uint64(c.extra), 3)
		case 18:
			d.writeBits(uint64(c.extra), 7)
		}
	}
	dist := uint64(0) // code 0 of two one-bit codes: a 0 bit
	for _, t := range d.toks {
		if t < tokenRun {
			d.writeBits(uint64(litCode[t]), uint(litLen[t]))
			continue
		}
		l := t - tokenRun
		c := lengthCode[l]
		s := 257 + int(c)
		d.writeBits(uint64(litCode[s]), uint(litLen[s]))
		if e := lengthExtra[c]; e > 0 {
			d.writeBits(uint64(l-lengthBase[c]), uint(e))
		}
		d.writeBits(dist, 1)
	}
	d.writeBits(uint64(litCode[256]), uint(litLen[256]))
	d.toks = d.toks[:0]
}

func (d *runDeflater) writeBits(v uint64, n uint) {
	d.bits |= v << d.nbits
	d.nbits += n
	if d.nbits >= 48 {
		d.flushBits()
	}
}

// flushBits moves the whole bytes of the bit buffer to the output.
func (d *runDeflater) flushBits() {
	for d.nbits >= 8 {
		d.out = append(d.out, byte(d.bits))
		d.bits >>= 8
		d.nbits -= 8
	}
}

// huffmanLengths sets the code length of each symbol from its count (0:
// unused), none longer than limit. At least two symbols get a code, so
// that the code is complete. When the optimal code is too deep, the
// counts are halved (keeping every used symbol) until it is not.
func huffmanLengths(freq []int, lens []uint8, limit int) {
	f := make([]int, len(freq))
	copy(f, freq)
	used := 0
	for _, c := range f {
		if c > 0 {
			used++
		}
	}
	for s := 0; used < 2; s++ {
		if f[s] == 0 {
			f[s] = 1
			used++
		}
	}
	for !huffmanTree(f, lens, limit) {
		for i, c := range f {
			if c > 0 {
				f[i] = (c + 1) / 2
			}
		}
	}
}

// huffmanTree computes optimal code lengths for counts f; it reports
// false, lens undefined, when a code would be longer than limit.
func huffmanTree(f []int, lens []uint8, limit int) bool {
	// Leaves sorted by count (then symbol, for the same result every
	// time), merged with the internal nodes, which come out in order of
	// count: the two-queue construction.
	syms := make([]int, 0, len(f))
	for s, c := range f {
		if c > 0 {
			syms = append(syms, s)
		}
	}
	sort.Slice(syms, func(i, j int) bool {
		a, b := syms[i], syms[j]
		return f[a] < f[b] || f[a] == f[b] && a < b
	})
	n := len(syms)
	count := make([]int, 2*n-1)
	parent := make([]int, 2*n-1)
	for i, s := range syms {
		count[i] = f[s]
	}
	leaf, node, next := 0, n, n
	pick := func() int {
		if leaf < n && (node >= next || count[leaf] <= count[node]) {
			leaf++
			return leaf - 1
		}
		node++
		return node - 1
	}
	for ; next < 2*n-1; next++ {
		a, b := pick(), pick()
		count[next] = count[a] + count[b]
		parent[a], parent[b] = next, next
	}
	// Depths from the root (the last node) down.
	depth := count // reused: counts are no longer needed
	depth[2*n-2] = 0
	for i := 2*n - 3; i >= 0; i-- {
		depth[i] = depth[parent[i]] + 1
	}
	clear(lens)
	for i, s := range syms {
		if depth[i] > limit {
			return false
		}
		lens[s] = uint8(depth[i])
	}
	return true
}

// canonical gives each symbol its code (RFC 1951 3.2.2), bit-reversed,
// as deflate writes codes from their first bit.
func canonical(lens []uint8) []uint16 {
	var blCount [16]uint16
	for _, l := range lens {
		blCount[l]++
	}
	blCount[0] = 0
	var next [16]uint16
	code := uint16(0)
	for b := 1; b < 16; b++ {
		code = (code + blCount[b-1]) << 1
		next[b] = code
	}
	codes := make([]uint16, len(lens))
	for s, l := range lens {
		if l == 0 {
			continue
		}
		c := next[l]
		next[l]++
		r := uint16(0)
		for range l {
			r = r<<1 | c&1
			c >>= 1
		}
		codes[s] = r
	}
	return codes
}
