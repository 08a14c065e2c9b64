package raster

import (
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"testing"
)

// inflate decompresses data, which must end where the deflate stream
// ends: in a zlib stream the checksum follows.
func inflate(t testing.TB, data []byte) []byte {
	t.Helper()
	br := bytes.NewReader(data) // a ByteReader: flate reads no further than it needs
	got, err := io.ReadAll(flate.NewReader(br))
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	if br.Len() > 0 {
		t.Errorf("%d bytes after the end of the stream", br.Len())
	}
	return got
}

// deflateRuns compresses p in pieces, runs of zeros counted with zeros.
func deflateRuns(p []byte) []byte {
	d := newRunDeflater(nil)
	for len(p) > 0 {
		n := 0
		for n < len(p) && p[n] == 0 {
			n++
		}
		if n > 0 {
			d.zeros(n)
			p = p[n:]
			continue
		}
		for n < len(p) && p[n] != 0 && n < 7 {
			n++
		}
		d.write(p[:n])
		p = p[n:]
	}
	return d.finish()
}

func TestRunDeflaterRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 100000)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	runs := make([]byte, 0, 300000)
	for len(runs) < 290000 {
		b := byte(rng.IntN(4))
		n := rng.IntN(600)
		for range n {
			runs = append(runs, b)
		}
	}
	// Counts 1, 1, 2, 3, 5, 8, ...: an optimal code 30 bits deep, which
	// deflate's 15-bit limit must cut.
	var fib []byte
	a, b := 1, 1
	for s := 0; s < 25; s++ {
		for range a {
			fib = append(fib, byte(s*9))
			fib = append(fib, byte(s*9+1)) // no run: every byte a literal
		}
		a, b = b, a+b
	}
	for name, p := range map[string][]byte{
		"empty": nil, "one byte": {7}, "two": {0, 0}, "zeros": make([]byte, 70000),
		"random": random, "runs": runs, "deep code": fib,
		"run of 259": append([]byte{5}, bytes.Repeat([]byte{9}, 260)...),
		"run of 260": append([]byte{5}, bytes.Repeat([]byte{9}, 261)...),
	} {
		for _, z := range []bool{false, true} {
			var data []byte
			if z {
				data = deflateRuns(p)
			} else {
				d := newRunDeflater(nil)
				d.write(p)
				data = d.finish()
			}
			if got := inflate(t, data); !bytes.Equal(got, p) {
				t.Errorf("%s (zeros counted: %v): %d bytes come back as %d, different", name, z, len(p), len(got))
			}
		}
	}
}

func FuzzRunDeflater(f *testing.F) {
	f.Add([]byte("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaabcbcbcbccccccccc\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, p []byte) {
		if got := inflate(t, deflateRuns(p)); !bytes.Equal(got, p) {
			t.Errorf("%q comes back as %q", p, got)
		}
	})
}

// TestHuffmanLengthLimit: counts that would make codes 30 bits deep get
// codes of at most 15 bits that still fill the code space exactly.
func TestHuffmanLengthLimit(t *testing.T) {
	freq := make([]int, 286)
	a, b := 1, 1
	for s := range 31 {
		freq[s*9] = a
		a, b = b, a+b
	}
	lens := make([]uint8, len(freq))
	if huffmanTree(freq, lens, 15) {
		t.Fatal("the counts do not need the limit: the test tests nothing")
	}
	huffmanLengths(freq, lens, 15)
	kraft := 0.0
	for s, l := range lens {
		if (l == 0) != (freq[s] == 0) || l > 15 {
			t.Fatalf("symbol %d (count %d) has a code of %d bits", s, freq[s], l)
		}
		if l > 0 {
			kraft += 1 / float64(uint(1)<<l)
		}
	}
	if kraft != 1 {
		t.Errorf("the code lengths fill %v of the code space, want 1", kraft)
	}
}
