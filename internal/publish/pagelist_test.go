package publish_test

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"press/internal/fidelity"
	"press/internal/publish"
)

// wordsAfter returns the first n words of an XHTML document's text after
// the element with the given id, leaving out note reference numbers and
// backlinks.
func wordsAfter(t *testing.T, xhtml []byte, id string, n int) []string {
	w := fidelity.Words(textAfter(t, xhtml, id))
	return w[:min(n, len(w))]
}

// TestPageListMatchesPrint: for every page-list entry of the EPUB, the
// first words after its marker are the first words of that page of the
// PDF, read back with pdftotext from the type area.
func TestPageListMatchesPrint(t *testing.T) {
	needPdftotext(t)
	dir := t.TempDir()
	res, err := publish.Build(publish.Options{BookDir: bookDir, LayoutsDir: "../../layouts", OutDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var epubFile, pdfFile string
	pages := 0
	for _, o := range res.Outputs {
		if o.Format == "epub" {
			epubFile = o.Path
		} else {
			pdfFile, pages = o.Path, o.Pages
		}
	}
	zr, err := zip.OpenReader(epubFile)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	nav := files["EPUB/nav.xhtml"]
	var list struct {
		Navs []struct {
			Type  string `xml:"http://www.idpf.org/2007/ops type,attr"`
			Links []struct {
				Href  string `xml:"href,attr"`
				Label string `xml:",chardata"`
			} `xml:"ol>li>a"`
		} `xml:"body>nav"`
	}
	if err := xml.Unmarshal(nav, &list); err != nil {
		t.Fatal(err)
	}
	p, err := publish.Load(publish.Options{BookDir: bookDir, LayoutsDir: "../../layouts"})
	if err != nil {
		t.Fatal(err)
	}
	top := int(p.Layout.Page.Top/25.4*72) - 4
	h := int((p.Layout.Page.Height-p.Layout.Page.Top-p.Layout.Page.Bottom)/25.4*72) + 8
	w := int(p.Layout.Page.Width / 25.4 * 72)
	checked := 0
	for _, n := range list.Navs {
		if n.Type != "page-list" {
			continue
		}
		for _, l := range n.Links {
			file, id, _ := strings.Cut(l.Href, "#")
			page, err := strconv.Atoi(l.Label)
			if err != nil || page < 1 || page > pages {
				t.Fatalf("page-list entry %q is not a page of the %d-page PDF", l.Label, pages)
			}
			got := wordsAfter(t, files[filepath.ToSlash(filepath.Join("EPUB", file))], id, 6)
			want := fidelity.Words(pdfText(t, pdfFile, page, 0, top, w, h))
			if file == "endnotes.xhtml" {
				// Print sets the note numbers as text; the e-book's list
				// numbers them itself.
				want = withoutNumbers(want)
			}
			if len(want) > 6 {
				want = want[:6]
			}
			// A page that starts inside a hyphenated word is marked before
			// the whole word in the e-book: "tionary" begins the page,
			// "revolutionary" follows the marker.
			// (A compound, "pre-revolutionary", counts as two words.)
			for i := 0; i < 2 && i < len(got) && len(want) > 0 && got[0] != want[0]; i++ {
				if strings.HasSuffix(got[i], want[0]) {
					got = append([]string{want[0]}, got[i+1:]...)
				}
			}
			k := min(len(got), len(want))
			if k < 3 || strings.Join(got[:k], " ") != strings.Join(want[:k], " ") {
				t.Errorf("page %s: EPUB marker is followed by %q, the PDF page starts %q", l.Label, got, want)
			}
			checked++
		}
	}
	// Every page with text that the e-book's reading order also has is in
	// the list: all but the cover, its blank inside and the contents.
	print, err := p.Paginate()
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, pg := range print.Doc.Pages {
		switch pg.Role {
		case "title", "colophon", "body", "notes":
			want++
		}
	}
	if checked != want {
		t.Errorf("page-list has %d entries; the %d-page PDF has %d pages with a counterpart", checked, pages, want)
	}
	t.Logf("%d page-list entries checked against the %d-page PDF", checked, pages)
}

// withoutNumbers drops the printed note numbers: the first "1", then "2"…
func withoutNumbers(ws []string) []string {
	var out []string
	next := 1
	for _, w := range ws {
		if w == strconv.Itoa(next) {
			next++
			continue
		}
		out = append(out, w)
	}
	return out
}
