package publish_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"press/internal/publish"
	"press/internal/testbook"
)

func load(b *testing.B, dir string) *publish.Project {
	p, err := publish.Load(publish.Options{BookDir: dir, LayoutsDir: "../../layouts"})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkArticle: both editions of the article, from reading the book to
// the finished bytes (without writing files).
func BenchmarkArticle(b *testing.B) {
	for i := 0; i < b.N; i++ {
		p := load(b, bookDir)
		// The PDF first: its layout run, streamed to the writer, also
		// gives the e-book its page numbers.
		if _, _, err := p.WritePDF(io.Discard); err != nil {
			b.Fatal(err)
		}
		if err := p.WriteEPUB(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLongBook: a generated book of 100,000 words with a note every
// 300 words (make bench times the 500,000-word book end to end).
func BenchmarkLongBook(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "long")
	md, err := os.ReadFile(filepath.Join(bookDir, slug+".md"))
	if err != nil {
		b.Fatal(err)
	}
	if err := testbook.Write(dir, testbook.Options{Words: 100000, NoteEvery: 300, Seed: 1, Vocabulary: testbook.SampleTokens(string(md))}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := load(b, dir)
		// The PDF first: its layout run, streamed to the writer, also
		// gives the e-book its page numbers.
		if _, _, err := p.WritePDF(io.Discard); err != nil {
			b.Fatal(err)
		}
		if err := p.WriteEPUB(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
