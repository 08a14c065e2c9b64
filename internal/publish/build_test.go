package publish_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"press/internal/fidelity"
	"press/internal/publish"
)

const (
	bookDir = "../../book"
	seed    = "../../book/source/000_829f7faa8a5be047.txt"
	slug    = "the-great-leap-forward"
)

func buildTo(t *testing.T, out string, epoch string) *publish.Result {
	t.Helper()
	res, err := publish.Build(publish.Options{BookDir: bookDir, LayoutsDir: "../../layouts", OutDir: out, SourceDateEpoch: epoch, Formats: publish.Formats})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestReproducible: identical input gives byte-identical editions, and
// SOURCE_DATE_EPOCH changes the stamp (so it really is honoured).
func TestReproducible(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	buildTo(t, a, "")
	buildTo(t, b, "")
	buildTo(t, c, "1700000000")
	for _, ext := range []string{".epub", ".pdf", "-booklet.pdf"} {
		x, _ := os.ReadFile(filepath.Join(a, slug+ext))
		y, _ := os.ReadFile(filepath.Join(b, slug+ext))
		z, _ := os.ReadFile(filepath.Join(c, slug+ext))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: two builds differ (%d and %d bytes)", ext, len(x), len(y))
		}
		if bytes.Equal(x, z) {
			t.Errorf("%s: SOURCE_DATE_EPOCH did not change the edition", ext)
		}
	}
}

// rawWords is the seed's words with its two real compounds kept whole.
func rawWords(t *testing.T) []string {
	raw, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	return fidelity.RawWords(string(raw), fidelity.HardHyphens("pro-Soviet", "re-route"))
}

// checkFidelity: nothing lost but the "note:" label, nothing invented
// beyond the allowed furniture, 99% in order.
func checkFidelity(t *testing.T, what string, got []string, allowed ...string) {
	t.Helper()
	rep := fidelity.Compare(rawWords(t), got)
	t.Logf("%s: %s", what, rep)
	if len(rep.Lost) != 1 || rep.Lost[0] != "note" {
		t.Errorf("%s: lost %v, want only the label \"note\"", what, rep.Lost)
	}
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	for _, w := range rep.Invented {
		if !ok[w] {
			t.Errorf("%s: invented word %q", what, w)
		}
	}
	if rep.InOrder < 0.99 {
		t.Errorf("%s: %.2f%% of the words in order, want 99%%", what, 100*rep.InOrder)
	}
}

// TestEPUBText reads the EPUB's body documents and endnotes as text.
func TestEPUBText(t *testing.T) {
	dir := t.TempDir()
	buildTo(t, dir, "")
	zr, err := zip.OpenReader(filepath.Join(dir, slug+".epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]*zip.File{}
	var opf string
	for _, f := range zr.File {
		files[f.Name] = f
		if strings.HasSuffix(f.Name, ".opf") {
			opf = f.Name
		}
	}
	read := func(name string) []byte {
		f := files[name]
		if f == nil {
			t.Fatalf("no %s in the EPUB", name)
		}
		rc, _ := f.Open()
		defer rc.Close()
		b, _ := io.ReadAll(rc)
		return b
	}
	// Spine order from the package document.
	var pkg struct {
		Manifest []struct {
			ID   string `xml:"id,attr"`
			Href string `xml:"href,attr"`
		} `xml:"manifest>item"`
		Spine []struct {
			IDRef string `xml:"idref,attr"`
		} `xml:"spine>itemref"`
	}
	if err := xml.Unmarshal(read(opf), &pkg); err != nil {
		t.Fatal(err)
	}
	href := map[string]string{}
	for _, it := range pkg.Manifest {
		href[it.ID] = filepath.ToSlash(filepath.Join(filepath.Dir(opf), it.Href))
	}
	var words []string
	for _, ref := range pkg.Spine {
		name := href[ref.IDRef]
		if strings.Contains(name, "title") || strings.Contains(name, "nav") {
			continue
		}
		words = append(words, fidelity.Words(bodyText(t, read(name)))...)
	}
	checkFidelity(t, "EPUB", words, "Notes")
}

// bodyText returns the character data of an XHTML body, leaving out note
// reference numbers, backlinks and headings of the notes section.
func bodyText(t *testing.T, doc []byte) string { return textAfter(t, doc, "") }

// textAfter returns the character data of an XHTML document from the start
// of the element with the given id (or of <body>, for ""), leaving out note
// reference numbers and backlinks; element boundaries count as spaces.
func textAfter(t *testing.T, doc []byte, id string) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	var b strings.Builder
	skip := 0
	found := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			kind := ""
			for _, a := range e.Attr {
				switch {
				case a.Name.Local == "type":
					kind = a.Value
				case a.Name.Local == "id" && id != "" && a.Value == id:
					found = true
				}
			}
			if id == "" && e.Name.Local == "body" {
				found = true
			}
			if skip > 0 || kind == "noteref" || kind == "backlink" {
				skip++
			}
			b.WriteByte(' ')
		case xml.EndElement:
			if skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		case xml.CharData:
			if found && skip == 0 {
				b.Write(e)
			}
		}
	}
	if !found {
		t.Fatalf("no element with id %q", id)
	}
	return b.String()
}

// TestPDFText extracts the PDF's body and notes pages with pdftotext, in
// every shipped layout, drops the running heads and folios, and compares
// the words with the seed.
func TestPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is required (poppler-utils); run make deps")
		}
		t.Skip("pdftotext not installed (make deps installs it)")
	}
	md, _ := os.ReadFile(filepath.Join(bookDir, slug+".md"))
	keep := func(l, r string) bool { return bytes.Contains(md, []byte(l+"-"+r)) }
	for _, name := range shippedLayouts(t) {
		t.Run(name, func(t *testing.T) {
			p, file := articlePDF(t, name)
			res, err := p.Paginate()
			if err != nil {
				t.Fatal(err)
			}
			first, last := 0, 0
			for _, pg := range res.Doc.Pages {
				if pg.Role == "body" || pg.Role == "notes" {
					if first == 0 {
						first = pg.Number
					}
					last = pg.Number
				} else if first > 0 && len(pg.Texts) > 0 && pg.Role != "blank" {
					t.Fatalf("page %d (%s) among the body and notes pages", pg.Number, pg.Role)
				}
			}
			// Read only the type area, between the running head and the
			// folio (poppler would join a hyphen at the foot with the
			// folio), of every body and notes page in one run.
			top := int(p.Layout.Page.Top/25.4*72) - 4
			h := int((p.Layout.Page.Height-p.Layout.Page.Top-p.Layout.Page.Bottom)/25.4*72) + 8
			w := int(p.Layout.Page.Width / 25.4 * 72)
			out, err := exec.Command("pdftotext", "-f", strconv.Itoa(first), "-l", strconv.Itoa(last),
				"-x", "0", "-y", strconv.Itoa(top), "-W", strconv.Itoa(w), "-H", strconv.Itoa(h), file, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			var pages []string
			for _, pg := range strings.Split(string(out), "\f") {
				if pg = strings.TrimRight(pg, "\n "); pg != "" {
					pages = append(pages, pg)
				}
			}
			// Join the pages first: a word may be hyphenated across a page
			// break.
			words := fidelity.Words(fidelity.Dehyphenate(strings.Join(pages, "\n"), keep))
			words = splitCompounds(words, rawWords(t), md)
			words = splitNoteNumbers(words, rawWords(t), len(p.Book.Notes))
			// Superior note numbers and the notes' own numbers and heading
			// appear in print.
			checkFidelity(t, "PDF "+name, words, "Notes", "1", "2")
		})
	}
}

// splitNoteNumbers undoes how text extraction reads a superior note number
// set against its word, as print sets it ("1962¹" is extracted as
// "19621"): a word not in the raw text that ends in the next note number,
// and is a raw word without it, is split in two.
func splitNoteNumbers(words, raw []string, notes int) []string {
	vocab := map[string]bool{}
	for _, w := range raw {
		vocab[w] = true
	}
	next := 1
	var out []string
	for _, w := range words {
		num := strconv.Itoa(next)
		if next <= notes && !vocab[w] && strings.HasSuffix(w, num) && vocab[strings.TrimSuffix(w, num)] {
			out = append(out, strings.TrimSuffix(w, num), num)
			next++
			continue
		}
		out = append(out, w)
	}
	return out
}

// splitCompounds undoes poppler's own dehyphenation: pdftotext joins a word
// that ends a line in "-" with the next line's word and drops the hyphen,
// even for a compound such as "pre-revolutionary" broken at its hyphen. A
// joined word that is not in the raw text but splits into two raw words
// that the manuscript writes with a hyphen is split back.
func splitCompounds(words, raw []string, md []byte) []string {
	vocab := map[string]bool{}
	for _, w := range raw {
		vocab[w] = true
	}
	var out []string
	for _, w := range words {
		if !vocab[w] {
			if a, b, ok := compoundSplit(w, vocab, md); ok {
				out = append(out, a, b)
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

func compoundSplit(w string, vocab map[string]bool, md []byte) (string, string, bool) {
	for i := 1; i < len(w); i++ {
		a, b := w[:i], w[i:]
		if vocab[a] && vocab[b] && bytes.Contains(md, []byte(a+"-"+b)) {
			return a, b, true
		}
	}
	return "", "", false
}
