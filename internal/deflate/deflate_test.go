package deflate

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"io"
	"math/rand/v2"
	"sync"
	"testing"
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

// TestAppendIsFlate holds Append to compress/flate's own output at Level,
// so the pooled, reset compressors change no byte of an edition.
func TestAppendIsFlate(t *testing.T) {
	for i, data := range samples() {
		var want bytes.Buffer
		fw, err := flate.NewWriter(&want, Level)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
		fw.Close()
		for round := range 2 { // the second time from a reused compressor
			got := Append([]byte("prefix"), data)
			if !bytes.Equal(got[:6], []byte("prefix")) || !bytes.Equal(got[6:], want.Bytes()) {
				t.Errorf("sample %d, round %d: Append differs from compress/flate at level %d", i, round, Level)
			}
		}
	}
}

// TestAppendZlibIsZlib holds AppendZlib to compress/zlib's output at
// Level and checks it reads back.
func TestAppendZlibIsZlib(t *testing.T) {
	for i, data := range samples() {
		var want bytes.Buffer
		zw, err := zlib.NewWriterLevel(&want, Level)
		if err != nil {
			t.Fatal(err)
		}
		zw.Write(data)
		zw.Close()
		got := AppendZlib(nil, data)
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("sample %d: AppendZlib differs from compress/zlib at level %d", i, Level)
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
