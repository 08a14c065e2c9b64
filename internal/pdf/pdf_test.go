package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"press/internal/page"
)

func fonts(t *testing.T) []page.Font {
	t.Helper()
	var out []page.Font
	for _, f := range []struct{ name, file string }{{"regular", "Vollkorn-Regular.ttf"}, {"italic", "Vollkorn-Italic.ttf"}} {
		data, err := os.ReadFile("../../fonts/" + f.file)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Font{Name: f.name, FullName: "Vollkorn " + strings.TrimSuffix(strings.TrimPrefix(f.file, "Vollkorn-"), ".ttf"), Data: data})
	}
	return out
}

func pngData(t *testing.T) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	img.Set(0, 0, color.NRGBA{10, 20, 30, 128})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func sample(t *testing.T) *page.Doc {
	pt := page.PT
	d := &page.Doc{Width: 420 * pt, Height: 595 * pt, Fonts: fonts(t),
		Meta: page.Meta{Title: "Tëst & <book>", Author: "A. Writer", Language: "en", Creator: "press test",
			Date: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}}
	d.Pages = []*page.Page{
		{Number: 1, Role: "title", Texts: []page.Text{{X: 50 * pt, Y: 100 * pt, Font: "regular", Size: 24 * pt, S: "Office hours"}},
			Images: []page.Image{{X: 10 * pt, Y: 10 * pt, W: 40 * pt, H: 30 * pt, Data: pngData(t), Type: "png"}}},
		{Number: 2, Role: "contents", Folio: "ii",
			Texts: []page.Text{{X: 50 * pt, Y: 100 * pt, Font: "italic", Size: 11 * pt, S: "Chapter one"}},
			Links: []page.Link{{X: 50 * pt, Y: 90 * pt, W: 100 * pt, H: 12 * pt, Dest: "ch1"}, {X: 50 * pt, Y: 120 * pt, W: 100 * pt, H: 12 * pt, URL: "https://example.org/a(b)"}},
			Dots:  []page.Dot{{X: 200 * pt, Y: 100 * pt, R: pt}}},
		{Number: 3, Role: "body", Folio: "1", Anchors: []page.Anchor{{Name: "ch1", Y: 80 * pt}, {Name: "s1", Y: 200 * pt}},
			Texts: []page.Text{{X: 50 * pt, Y: 100 * pt, Font: "regular", Size: 11 * pt, S: "Wide text", Expand: 20, Track: pt / 50}},
			Rules: []page.Rule{{X: 50 * pt, Y: 150 * pt, W: 100 * pt, H: pt / 2}}},
		{Number: 4, Role: "body", Folio: "2", Texts: []page.Text{{X: 50 * pt, Y: 100 * pt, Font: "regular", Size: 11 * pt, S: "The end."}}},
	}
	d.Outline = []page.Outline{{Title: "Chapter one", Level: 0, Dest: "ch1"}, {Title: "Section", Level: 1, Dest: "s1"}, {Title: "Again", Level: 0, Dest: "ch1"}}
	return d
}

func write(t *testing.T, d *page.Doc) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReproducible(t *testing.T) {
	a, b := write(t, sample(t)), write(t, sample(t))
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of one document differ")
	}
}

// TestCrossReference reads the file as a reader does: every object the
// xref table lists starts where it says.
func TestCrossReference(t *testing.T) {
	out := write(t, sample(t))
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(out)
	if m == nil {
		t.Fatal("no startxref at the end")
	}
	at, _ := strconv.Atoi(string(m[1]))
	rest := string(out[at:])
	if !strings.HasPrefix(rest, "xref\n0 ") {
		t.Fatalf("startxref %d does not point at the xref table", at)
	}
	lines := strings.Split(rest, "\n")
	n, _ := strconv.Atoi(strings.Fields(lines[1])[1])
	for i := 1; i < n; i++ {
		e := lines[2+i]
		off, _ := strconv.Atoi(e[:10])
		want := strconv.Itoa(i) + " 0 obj\n"
		if !bytes.HasPrefix(out[off:], []byte(want)) {
			t.Errorf("object %d: xref offset %d holds %q", i, off, out[off:min(off+12, len(out))])
		}
	}
	if !strings.Contains(rest, "/Size "+strconv.Itoa(n)) {
		t.Errorf("trailer /Size is not %d", n)
	}
}

// streams returns the decompressed content of every Flate stream.
func streams(t *testing.T, out []byte) []string {
	var s []string
	re := regexp.MustCompile(`(?s)/Filter/FlateDecode/Length (\d+)>>\nstream\n`)
	for _, m := range re.FindAllSubmatchIndex(out, -1) {
		n, _ := strconv.Atoi(string(out[m[2]:m[3]]))
		z, err := zlib.NewReader(bytes.NewReader(out[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(z)
		if err != nil {
			t.Fatal(err)
		}
		s = append(s, string(b))
	}
	return s
}

func TestToUnicodeMapsEveryGlyphDrawn(t *testing.T) {
	out := write(t, sample(t))
	var cmaps []string
	for _, s := range streams(t, out) {
		if strings.Contains(s, "begincmap") {
			cmaps = append(cmaps, s)
		}
	}
	if len(cmaps) != 2 {
		t.Fatalf("%d ToUnicode maps, want one per font used (2)", len(cmaps))
	}
	all := strings.Join(cmaps, "")
	for _, r := range "OcehoursWdtTn.Cpr" {
		if !strings.Contains(all, "><"+strings.ToUpper(strconv.FormatInt(int64(r)|0x10000, 16)[1:])+">") {
			t.Errorf("no glyph maps to %q", r)
		}
	}
	// "Office" is drawn with the ffi ligature, which reads back as letters.
	if !strings.Contains(all, "><006600660069>") {
		t.Error("no glyph maps to \"ffi\"")
	}
}

func TestStructure(t *testing.T) {
	out := string(write(t, sample(t)))
	for _, want := range []string{
		"/Type/Pages/Count 4",
		"/BaseFont/", "+Vollkorn-Regular", "+Vollkorn-Italic", "/Encoding/Identity-H", "/CIDToGIDMap/Identity",
		"/Dest(ch1)", "/URI(https://example.org/a\\(b\\))",
		"/Names[(ch1) [", "(s1) [",
		"/PageLabels<</Nums[0<</S/r>> 2<</S/D>>]>>",
		"/Title<FEFF0054", "/Lang(en)", "/CreationDate(D:20260102030405Z)",
		"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Tëst &amp; &lt;book&gt;</rdf:li>",
		"/Type/Outlines", "/Count 3",
		"/SMask ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	tag := regexp.MustCompile(`/BaseFont/([A-Z]{6})\+Vollkorn-Regular`).FindStringSubmatch(out)
	if tag == nil {
		t.Error("the regular font has no six-letter subset tag")
	}
}

func TestBrokenReferencesAreErrors(t *testing.T) {
	d := sample(t)
	d.Pages[1].Links[0].Dest = "nowhere"
	if err := Write(io.Discard, d); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("link to a missing anchor: %v", err)
	}
	d = sample(t)
	d.Outline[1].Dest = "gone"
	if err := Write(io.Discard, d); err == nil || !strings.Contains(err.Error(), "gone") {
		t.Errorf("outline entry to a missing anchor: %v", err)
	}
	d = sample(t)
	d.Pages[0].Texts[0].Font = "bold"
	if err := Write(io.Discard, d); err == nil {
		t.Error("text in an unknown font accepted")
	}
}

func TestPageLabels(t *testing.T) {
	for _, c := range []struct {
		folios []string
		want   string
	}{
		{[]string{"", "", ""}, ""},
		{[]string{"", "", "3", "", "5"}, "<</Nums[0<</S/D>>]>>"},
		{[]string{"", "", "iii", "iv", "1", "2"}, "<</Nums[0<</S/r>> 4<</S/D>>]>>"},
		{[]string{"7"}, "<</Nums[0<</S/D/St 7>>]>>"},
	} {
		if got := pageLabels(c.folios); got != c.want {
			t.Errorf("pageLabels(%q) = %s, want %s", c.folios, got, c.want)
		}
	}
}

// TestValidators runs qpdf --check and pdftotext on the output when they
// are installed (scripts/deps.sh installs both).
func TestValidators(t *testing.T) {
	for _, tool := range []string{"qpdf", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (scripts/deps.sh installs it)", tool)
		}
	}
	file := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(file, write(t, sample(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(string(out)), " ")
	if want := "Office hours Chapter one Wide text The end."; got != want {
		t.Errorf("pdftotext: %q, want %q", got, want)
	}
}

func TestSubsetTag(t *testing.T) {
	a := subsetTag("Vollkorn Regular", []byte("subset one"))
	if !regexp.MustCompile(`^[A-Z]{6}$`).MatchString(a) {
		t.Fatalf("tag %q is not six capital letters", a)
	}
	if b := subsetTag("Vollkorn Regular", []byte("subset one")); b != a {
		t.Errorf("same subset, tags %q and %q", a, b)
	}
	if b := subsetTag("Vollkorn Regular", []byte("subset two")); b == a {
		t.Errorf("different subsets of one font share the tag %q", a)
	}
	if b := subsetTag("Vollkorn Italic", []byte("subset one")); b == a {
		t.Errorf("same bytes under two font names share the tag %q", a)
	}
}

// TestMissingGlyphsReadBack: characters the face lacks are all drawn as
// its one missing-glyph box (glyph 0), which ToUnicode cannot map to each
// of them; each box is drawn in a span whose ActualText is its own
// character, so copying "日本語 한국어" gives those words back, not the
// first character the box stood for repeated.
func TestMissingGlyphsReadBack(t *testing.T) {
	pt := page.PT
	d := sample(t)
	d.Pages[3].Texts = []page.Text{{X: 50 * pt, Y: 100 * pt, Font: "regular", Size: 11 * pt, S: "Read 日本語 and 한국어 here."}}
	out := write(t, d)
	var content, cmaps string
	for _, s := range streams(t, out) {
		if _, maps, ok := strings.Cut(s, "endcodespacerange"); ok {
			cmaps += maps
		} else if strings.Contains(s, "TJ") {
			content += s
		}
	}
	if strings.Contains(cmaps, "<0000><") {
		t.Error("ToUnicode maps the missing-glyph box to a character")
	}
	for _, r := range "日本語한국어" {
		if want := fmt.Sprintf("/ActualText<FEFF%04X>>>BDC [<0000>]TJ EMC", r); !strings.Contains(content, want) {
			t.Errorf("no span %q in the content", want)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (scripts/deps.sh installs it)")
	}
	file := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := exec.Command("pdftotext", "-f", "4", "-l", "4", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(strings.Fields(string(got)), " "); s != "Read 日本語 and 한국어 here." {
		t.Errorf("pdftotext: %q", s)
	}
}
