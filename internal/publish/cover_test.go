package publish_test

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"press/internal/publish"
)

func epubFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

// TestGeneratedCover: the printed cover is page 1 of the PDF and, drawn as
// a PNG, the EPUB's cover image with a description.
func TestGeneratedCover(t *testing.T) {
	dir := t.TempDir()
	if _, err := publish.Build(publish.Options{BookDir: bookDir, LayoutsDir: "../../layouts", OutDir: dir}); err != nil {
		t.Fatal(err)
	}
	files := epubFiles(t, filepath.Join(dir, slug+".epub"))
	opf := string(files["EPUB/package.opf"])
	if !strings.Contains(opf, `properties="cover-image"`) || !strings.Contains(opf, `<itemref idref="cover"/>`) {
		t.Errorf("package document lacks the cover image or the cover in the spine")
	}
	img, err := png.Decode(bytes.NewReader(files["EPUB/images/cover.png"]))
	if err != nil {
		t.Fatalf("cover image: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 1000 || b.Dy() <= b.Dx() {
		t.Errorf("cover image %v: want a portrait picture at least 1000 px wide", b)
	}
	if !strings.Contains(string(files["EPUB/cover.xhtml"]), `alt="Cover of The Great Leap Forward, by S. Mazur, published by press."`) {
		t.Errorf("cover document lacks its description:\n%s", files["EPUB/cover.xhtml"])
	}
	needPdftotext(t)
	if got := pdfText(t, filepath.Join(dir, slug+".pdf"), 1); got != "The Great Leap Forward S. Mazur press" {
		t.Errorf("PDF page 1 reads %q, want the cover", got)
	}
}

// TestOwnCover: a cover.png in the book folder replaces the design in both
// editions.
func TestOwnCover(t *testing.T) {
	book := t.TempDir()
	for _, f := range []string{"book.toml", slug + ".md"} {
		data, err := os.ReadFile(filepath.Join(bookDir, f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(book, f), data, 0o644)
	}
	pic := image.NewRGBA(image.Rect(0, 0, 60, 90))
	for i := range pic.Pix {
		pic.Pix[i] = 0x80
	}
	pic.Set(1, 1, color.RGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	png.Encode(&buf, pic)
	os.WriteFile(filepath.Join(book, "cover.png"), buf.Bytes(), 0o644)
	out := t.TempDir()
	if _, err := publish.Build(publish.Options{BookDir: book, LayoutsDir: "../../layouts", OutDir: out}); err != nil {
		t.Fatal(err)
	}
	files := epubFiles(t, filepath.Join(out, slug+".epub"))
	if !bytes.Equal(files["EPUB/images/cover.png"], buf.Bytes()) {
		t.Errorf("the EPUB does not carry the book's own cover")
	}
	needPdftotext(t)
	if got := pdfText(t, filepath.Join(out, slug+".pdf"), 1); got != "" {
		t.Errorf("PDF page 1 has text %q; want the picture alone", got)
	}
	os.WriteFile(filepath.Join(book, "cover.png"), []byte("not a picture"), 0o644)
	_, err := publish.Build(publish.Options{BookDir: book, LayoutsDir: "../../layouts", OutDir: out})
	if err == nil || !strings.Contains(err.Error(), "cover.png: the cover is not a PNG or JPEG image") {
		t.Errorf("bad cover: %v", err)
	}
}
