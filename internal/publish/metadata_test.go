package publish_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"press/internal/publish"
)

// TestShopMetadata: ISBNs, series and contributors reach the EPUB package
// (the uuid stays the unique identifier) and both colophons.
func TestShopMetadata(t *testing.T) {
	book := t.TempDir()
	toml, err := os.ReadFile(filepath.Join(bookDir, "book.toml"))
	if err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(bookDir, slug+".md"))
	if err != nil {
		t.Fatal(err)
	}
	toml = append(toml, `series = "Pamphlets"
series_index = 3

[isbn]
epub = "978-3-16-148410-0"
print = "978-0-306-40615-7"

[[contributors]]
name = "T. Ranslator"
role = "translator"
`...)
	os.WriteFile(filepath.Join(book, "book.toml"), toml, 0o644)
	os.WriteFile(filepath.Join(book, slug+".md"), md, 0o644)
	out := t.TempDir()
	if _, err := publish.Build(publish.Options{BookDir: book, OutDir: out}); err != nil {
		t.Fatal(err)
	}
	files := epubFiles(t, filepath.Join(out, slug+".epub"))
	opf := string(files["EPUB/package.opf"])
	for _, want := range []string{
		`unique-identifier="uid"`,
		`<dc:identifier id="uid">urn:uuid:`,
		`<dc:identifier id="isbn">urn:isbn:9783161484100</dc:identifier>`,
		`<meta refines="#isbn" property="identifier-type" scheme="onix:codelist5">15</meta>`,
		`<meta property="belongs-to-collection" id="series">Pamphlets</meta>`,
		`<meta refines="#series" property="group-position">3</meta>`,
		`<dc:contributor id="contributor-1">T. Ranslator</dc:contributor>`,
		`<meta refines="#contributor-1" property="role" scheme="marc:relators">trl</meta>`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("package document lacks %s", want)
		}
	}
	if strings.Contains(opf, "9780306406157") {
		t.Error("the print ISBN is in the e-book's package")
	}
	title := string(files["EPUB/titlepage.xhtml"])
	for _, want := range []string{"ISBN 978-3-16-148410-0 (e-book)", "ISBN 978-0-306-40615-7 (print)", "Translated by T. Ranslator.", "Series: Pamphlets, 3."} {
		if !strings.Contains(title, want) {
			t.Errorf("e-book colophon lacks %q", want)
		}
	}
	needPdftotext(t)
	text := strings.Join(strings.Fields(pdfText(t, filepath.Join(out, slug+".pdf"), 4)), " ")
	for _, want := range []string{"ISBN 978-0-306-40615-7 (print)", "Translated by T. Ranslator."} {
		if !strings.Contains(text, want) {
			t.Errorf("print colophon (page 4) lacks %q: %q", want, text)
		}
	}
}
