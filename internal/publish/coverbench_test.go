package publish

import "testing"

// BenchmarkCoverPicture times drawing the article's cover as the e-book's
// cover picture. Its bytes allocated count too: in a build each fresh
// page of memory is a page fault (raster draws in bands for that reason).
func BenchmarkCoverPicture(b *testing.B) {
	p, err := Load(Options{BookDir: "../../book"})
	if err != nil {
		b.Fatal(err)
	}
	print, err := p.paginate(p.PrintLayout)
	if err != nil {
		b.Fatal(err)
	}
	fonts := p.layout[p.PrintLayout.File].fonts.Data
	b.ReportAllocs()
	for b.Loop() {
		if _, err := drawCover(print.Cover, print.Doc.Width, print.Doc.Height, fonts); err != nil {
			b.Fatal(err)
		}
	}
}
