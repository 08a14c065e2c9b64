package raster

import (
	"bytes"
	"compress/flate"
	"fmt"
	"image"
	"testing"
)

// BenchmarkPNG times drawing and writing the test cover at the e-book's
// 1200 pixels.
func BenchmarkPNG(b *testing.B) {
	fonts := testFonts(b)
	p, w, h := testCover()
	o := Options{Width: 1200, Background: paper, Ink: ink}
	b.ReportAllocs()
	var n int
	for b.Loop() {
		data, err := PNG(p, w, h, fonts, o)
		if err != nil {
			b.Fatal(err)
		}
		n = len(data)
	}
	b.ReportMetric(float64(n), "PNG-bytes")
}

// BenchmarkCompress weighs the ways to compress a cover's rows: the
// run-length deflater against compress/flate's fastest, default and
// Huffman-only levels, each over the rows unfiltered (None) and as
// differences from the row above (Up). It reports the compressed size
// beside the time: the choice is time against bytes.
func BenchmarkCompress(b *testing.B) {
	fonts := testFonts(b)
	p, w, h := testCover()
	const width = 1200
	scale := float64(width) / (float64(w) / 65536)
	height := int(float64(h)/65536*scale + 0.5)
	sc, err := newScene(p, scale, image.Rect(0, 0, width, height), fonts)
	if err != nil {
		b.Fatal(err)
	}
	stride := width + 1
	none := make([]byte, height*stride)
	for y0 := 0; y0 < height; y0 += bandRows {
		y1 := min(y0+bandRows, height)
		sc.draw(none[y0*stride:y1*stride], y0, y1)
	}
	up := bytes.Clone(none)
	same := make([]bool, height) // rows equal to the one above
	for y := height - 1; y > 0; y-- {
		up[y*stride] = 2
		same[y] = bytes.Equal(none[y*stride+1:(y+1)*stride], none[(y-1)*stride+1:y*stride])
		for x := 1; x < stride; x++ {
			up[y*stride+x] -= none[(y-1)*stride+x]
		}
	}
	for _, f := range []struct {
		name string
		rows []byte
	}{{"None", none}, {"Up", up}} {
		for _, l := range []struct {
			name  string
			level int
		}{{"fastest", flate.BestSpeed}, {"default", flate.DefaultCompression}, {"huffman", flate.HuffmanOnly}} {
			level := l.level
			b.Run(fmt.Sprintf("flate-%s/%s", l.name, f.name), func(b *testing.B) {
				var buf bytes.Buffer
				for b.Loop() {
					buf.Reset()
					zw, _ := flate.NewWriter(&buf, level)
					zw.Write(f.rows)
					zw.Close()
				}
				b.ReportMetric(float64(buf.Len()), "bytes")
			})
		}
		// As the PNG writer does, a row equal to the one above is
		// counted as zeros, not scanned.
		b.Run("runs/"+f.name, func(b *testing.B) {
			var out []byte
			for b.Loop() {
				d := newRunDeflater(make([]byte, 0, 32<<10))
				for y := range height {
					row := f.rows[y*stride : (y+1)*stride]
					if f.name == "Up" && same[y] {
						d.write(row[:1])
						d.zeros(width)
						continue
					}
					d.write(row)
				}
				out = d.finish()
			}
			b.ReportMetric(float64(len(out)), "bytes")
		})
	}
}
