// Package deflate compresses the editions' files with DEFLATE (RFC 1951),
// bare for the EPUB's zip container and in zlib's wrapper (RFC 1950) for
// PDF streams, through compressors kept for reuse by both writers.
//
// The compressors are klauspost/compress's flate writers, not the
// standard library's: the same stream format (compress/flate reads it
// back, which the tests check), in a third less time for files a few
// percent larger. Go's compress/flate at levels 2 to 9 holds some 0.7 MB
// of hash tables, cleared on every Reset (once per PDF page); klauspost's
// encoder at Level holds 256 KB, and its Reset only moves the position
// table entries are measured from, so old entries fall out of reach.
// Memory is still the larger cost of a new compressor for a pamphlet (on
// the development machine, a virtual machine, some 10 µs a fresh 4 KB
// page), so the PDF and the EPUB writer take their compressors from one
// pool, at one level, and put them back after each file or stream.
package deflate

import (
	"hash/adler32"
	"sync"

	"github.com/klauspost/compress/flate"
)

// Level is the compression level of every file and stream: klauspost's
// level 4. In CPU profiles of whole builds of the article, compression
// took 36% less time than with compress/flate's level 4; klauspost's
// levels 5 and 6 took 20% less, level 1 half (compressing the same
// streams one after another outside a build, 5 and 6 cost little more
// than 4). Files are 2-7% larger (the article's PDF 3.7%, its e-book 2%),
// except fonts with CFF outlines, 8-19% larger, which level 6 keeps as
// small as before; level 1 makes text and pages 10-15% larger. See
// README.md, "Performance".
const Level = 4

// zlibHeader is CMF (deflate with a 32 KB window) and FLG (the class of
// Level, and check bits that make the pair a multiple of 31).
var zlibHeader = func() [2]byte {
	var class byte
	switch {
	case Level <= 1:
		class = 0
	case Level <= 5:
		class = 1
	case Level == 6:
		class = 2
	default:
		class = 3
	}
	h := [2]byte{0x78, class << 6}
	h[1] += byte(31 - (uint16(h[0])<<8+uint16(h[1]))%31)
	return h
}()

// compressor is a pooled flate.Writer with the buffer it writes to.
type compressor struct {
	fw  *flate.Writer
	out appender
}

// appender is an io.Writer that appends to a byte slice.
type appender struct{ b []byte }

func (a *appender) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}

// idle holds the compressors not in use. Not a sync.Pool: a compressor
// put back on one processor sits in that processor's private slot, out of
// reach of a goroutine on the other, which then made a new one. The list
// keeps at most as many compressors as ever worked at once, for the life
// of the process.
//
// A caller that finds none idle makes one rather than wait. Until December
// a second compressor waited for the first megabyte to be compressed, to
// spare a pamphlet the first touch of another compressor's memory (some
// 70 page faults); with the heap in huge pages (internal/hugeheap) that
// cost went, and the article's PDF page and font streams and e-book files,
// compressed side by side, took 0.95 of the wall time (median of 100
// paired runs).
var idle struct {
	sync.Mutex
	list []*compressor
}

// get takes an idle compressor, or makes one. A new one is made outside
// the lock, so that a caller finding an idle compressor does not wait while
// another caller allocates and clears a new one's tables.
func get() *compressor {
	idle.Lock()
	if n := len(idle.list); n > 0 {
		c := idle.list[n-1]
		idle.list = idle.list[:n-1]
		idle.Unlock()
		return c
	}
	idle.Unlock()
	c := &compressor{}
	c.fw, _ = flate.NewWriter(&c.out, Level) // errors only for a bad level
	return c
}

// put makes c idle again.
func put(c *compressor) {
	c.out.b = nil
	idle.Lock()
	idle.list = append(idle.list, c)
	idle.Unlock()
}

// Append appends data compressed with DEFLATE to dst and returns the
// extended slice. The same data always gives the same bytes.
func Append(dst, data []byte) []byte {
	c := get()
	c.out.b = dst
	c.fw.Reset(&c.out)
	// Writing to an appender cannot fail, so neither can the compressor.
	c.fw.Write(data)
	c.fw.Close()
	dst = c.out.b
	put(c)
	return dst
}

// AppendZlib appends data compressed in the zlib format to dst: a
// two-byte header, the DEFLATE data and the Adler-32 checksum of data,
// byte for byte what compress/zlib writes at Level.
func AppendZlib(dst, data []byte) []byte {
	dst = append(dst, zlibHeader[0], zlibHeader[1])
	dst = Append(dst, data)
	sum := adler32.Checksum(data)
	return append(dst, byte(sum>>24), byte(sum>>16), byte(sum>>8), byte(sum))
}
