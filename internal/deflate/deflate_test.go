package deflate

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"io"
	"math/rand/v2"
	"sync"
	"testing"

	kflate "github.com/klauspost/compress/flate"
)

// samples are inputs of the kinds the writers compress: empty, tiny,
// text-like, repetitive, random, and longer than a DEFLATE block.
func samples() [][]byte {
	r := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 100<<10)
	for i := range random {
		random[i] = byte(r.UintN(256))
	}
	text := bytes.Repeat([]byte("1 0 0 1 72.5 640.2 Tm [<0041><0042>-12<0043>]TJ\n"), 4000)
	return [][]byte{nil, []byte("a"), []byte("<p>Hello, world.</p>"), text, bytes.Repeat([]byte{0}, 70000), random}
}

// inflate reads DEFLATE data back with the standard library's reader,
// which is held to RFC 1951 and knows nothing of the compressor.
func inflate(t testing.TB, z []byte) []byte {
	t.Helper()
	back, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		t.Fatalf("compress/flate cannot read the stream back: %v", err)
	}
	return back
}

// fresh compresses data with a new compressor at Level: what Append must
// give whatever its pooled compressor compressed before.
func fresh(data []byte) []byte {
	var buf bytes.Buffer
	fw, _ := kflate.NewWriter(&buf, Level)
	fw.Write(data)
	fw.Close()
	return buf.Bytes()
}

// TestAppendReadsBack holds Append to RFC 1951: compress/flate's reader
// gives the data back, after the bytes already in dst.
func TestAppendReadsBack(t *testing.T) {
	for i, data := range samples() {
		got := Append([]byte("prefix"), data)
		if !bytes.Equal(got[:6], []byte("prefix")) {
			t.Fatalf("sample %d: Append changed the bytes before it", i)
		}
		if back := inflate(t, got[6:]); !bytes.Equal(back, data) {
			t.Errorf("sample %d: reads back as %d bytes that differ from the %d compressed", i, len(back), len(data))
		}
	}
}

// TestReuseChangesNothing holds Append, whose compressors are reset and
// reused, to a new compressor's output: a stream's bytes must not depend
// on what its compressor compressed before (editions are byte-identical
// from build to build, whichever compressor each file happens to get).
func TestReuseChangesNothing(t *testing.T) {
	data := samples()
	for round := range 3 {
		for i := range data {
			// Each sample after every other one in turn, so each follows
			// short, long, repetitive and random data.
			k := (i + round) % len(data)
			if got, want := Append(nil, data[k]), fresh(data[k]); !bytes.Equal(got, want) {
				t.Errorf("round %d, sample %d: a reused compressor gives %d bytes, a new one %d", round, k, len(got), len(want))
			}
		}
	}
}

// TestAppendZlibIsZlib holds AppendZlib to RFC 1950: compress/zlib's
// header at Level, Append's DEFLATE data, and the checksum compress/zlib
// checks when it reads the stream back.
func TestAppendZlibIsZlib(t *testing.T) {
	var header bytes.Buffer
	zw, err := zlib.NewWriterLevel(&header, Level)
	if err != nil {
		t.Fatal(err)
	}
	zw.Flush()
	for i, data := range samples() {
		got := AppendZlib(nil, data)
		if !bytes.Equal(got[:2], header.Bytes()[:2]) {
			t.Errorf("sample %d: header % x, compress/zlib writes % x at level %d", i, got[:2], header.Bytes()[:2], Level)
		}
		if body := got[2 : len(got)-4]; !bytes.Equal(body, Append(nil, data)) {
			t.Errorf("sample %d: the DEFLATE data differs from Append's", i)
		}
		zr, err := zlib.NewReader(bytes.NewReader(got))
		if err != nil {
			t.Fatalf("sample %d: %v", i, err)
		}
		back, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(back, data) {
			t.Errorf("sample %d: does not read back (%v)", i, err)
		}
	}
}

// FuzzAppend compresses two inputs one after the other with the pooled
// compressor: each must read back through compress/flate, and the second
// must be what another compressor, last used on the previous case's
// second input, makes of it (a new one per case would cost a megabyte
// each; TestReuseChangesNothing compares with new ones).
func FuzzAppend(f *testing.F) {
	data := samples()
	for i := range data {
		a, b := data[i], data[(i+1)%len(data)]
		f.Add(a[:min(len(a), 2048)], b[:min(len(b), 2048)])
	}
	f.Add([]byte("abcabcabcabc"), []byte("abcabcabcabcabc"))
	var other bytes.Buffer
	ow, _ := kflate.NewWriter(&other, Level)
	f.Fuzz(func(t *testing.T, a, b []byte) {
		za := Append(nil, a)
		zb := Append(nil, b)
		if back := inflate(t, za); !bytes.Equal(back, a) {
			t.Fatalf("the first input (%d bytes) reads back as %d bytes that differ", len(a), len(back))
		}
		if back := inflate(t, zb); !bytes.Equal(back, b) {
			t.Fatalf("the second input (%d bytes) reads back as %d bytes that differ", len(b), len(back))
		}
		other.Reset()
		ow.Reset(&other)
		ow.Write(b)
		ow.Close()
		if !bytes.Equal(zb, other.Bytes()) {
			t.Fatalf("after %d bytes, the second input gives %d bytes, %d from another compressor", len(a), len(zb), other.Len())
		}
	})
}

// TestConcurrent compresses from several goroutines at once (the PDF and
// the EPUB writer share the pool) and checks every result.
func TestConcurrent(t *testing.T) {
	data := samples()
	want := make([][]byte, len(data))
	for i, d := range data {
		want[i] = Append(nil, d)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 20 {
				i := (g + k) % len(data)
				if got := Append(nil, data[i]); !bytes.Equal(got, want[i]) {
					t.Errorf("goroutine %d: sample %d differs", g, i)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkAppendZlibText(b *testing.B) {
	data := samples()[3]
	var dst []byte
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		dst = AppendZlib(dst[:0], data)
	}
}
