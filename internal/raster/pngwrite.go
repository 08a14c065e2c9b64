package raster

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image/color"
)

// pngWriter writes an 8-bit paletted PNG whose rows arrive a band at a
// time: signature, IHDR, PLTE, one IDAT holding the zlib stream, IEND.
// image/png wants the whole picture; this writer holds one row of it.
//
// Each row is filtered with Up (the difference from the row above): a
// cover is mostly rows equal to the one above, which become zeros, and
// such a row goes into the checksum and the compressor as a count of
// zeros, never scanned. (Unfiltered, the test cover is 30 KB where it is
// 23.5 KB filtered: BenchmarkCompress.)
type pngWriter struct {
	out   []byte
	idat  int // offset of the IDAT chunk's length field in out
	width int
	prev  []byte // the last row written, unfiltered
	next  []byte // the band's last row while it is filtered
	same  []bool // which rows of the band equal the row above
	first bool
	sum   adler
	z     *runDeflater
}

func newPNGWriter(width, height int, pal []color.RGBA) *pngWriter {
	e := &pngWriter{width: width, prev: make([]byte, width), next: make([]byte, width), same: make([]bool, bandRows), first: true, sum: newAdler()}
	// A cover comes to some 20 KB; starting there spares the copies of a
	// slice grown by doubling.
	e.out = make([]byte, 0, 32<<10)
	e.out = append(e.out, "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8] = 8 // bits per index
	ihdr[9] = 3 // paletted; compression, filter, interlace methods 0
	e.chunk("IHDR", ihdr[:])
	plte := make([]byte, 0, 3*len(pal))
	for _, c := range pal {
		plte = append(plte, c.R, c.G, c.B)
	}
	e.chunk("PLTE", plte)
	e.idat = len(e.out)
	e.out = append(e.out, 0, 0, 0, 0, 'I', 'D', 'A', 'T')
	e.out = append(e.out, 0x78, 0x01) // zlib: deflate, 32 KB window, no dictionary
	e.z = newRunDeflater(e.out)
	return e
}

// chunk appends a whole chunk: length, type, data, CRC of type and data.
func (e *pngWriter) chunk(typ string, data []byte) {
	start := len(e.out)
	e.out = binary.BigEndian.AppendUint32(e.out, uint32(len(data)))
	e.out = append(e.out, typ...)
	e.out = append(e.out, data...)
	e.out = binary.BigEndian.AppendUint32(e.out, crc32.ChecksumIEEE(e.out[start+4:]))
}

// rows filters and compresses a band: whole rows of 1+width bytes, the
// first byte of each free for the filter type. The band is overwritten.
func (e *pngWriter) rows(band []byte) {
	stride := e.width + 1
	n := len(band) / stride
	if n == 0 {
		return
	}
	// The band's last row, unfiltered, is the next band's row above.
	copy(e.next, band[(n-1)*stride+1:n*stride])
	// Filter from the bottom up, so each row is taken from the row above
	// while that row is still unfiltered. The checksum runs top down
	// after, over a row equal to the one above as over a run of zeros.
	same := e.same[:n]
	for i := n - 1; i >= 0; i-- {
		row := band[i*stride+1 : (i+1)*stride]
		var above []byte
		switch {
		case i > 0:
			above = band[(i-1)*stride+1 : i*stride]
		case !e.first:
			above = e.prev
		default:
			band[i*stride] = 0 // None: the first row has nothing above it
			same[i] = false
			continue
		}
		band[i*stride] = 2 // Up
		if same[i] = bytes.Equal(row, above); same[i] {
			continue // all zeros: counted below, never written
		}
		for x, a := range above[:len(row)] {
			row[x] -= a
		}
	}
	for i, z := range same {
		if z {
			e.sum.write(band[i*stride : i*stride+1])
			e.sum.zeros(e.width)
			e.z.write(band[i*stride : i*stride+1])
			e.z.zeros(e.width)
		} else {
			e.sum.write(band[i*stride : (i+1)*stride])
			e.z.write(band[i*stride : (i+1)*stride])
		}
	}
	e.prev, e.next = e.next, e.prev
	e.first = false
}

// finish closes the zlib stream and the picture and returns its bytes.
func (e *pngWriter) finish() []byte {
	e.out = e.z.finish()
	e.out = binary.BigEndian.AppendUint32(e.out, e.sum.sum())
	binary.BigEndian.PutUint32(e.out[e.idat:], uint32(len(e.out)-e.idat-8))
	e.out = binary.BigEndian.AppendUint32(e.out, crc32.ChecksumIEEE(e.out[e.idat+4:]))
	e.chunk("IEND", nil)
	return e.out
}
