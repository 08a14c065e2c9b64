package publish_test

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"press/internal/impose"
	"press/internal/layout"
	"press/internal/publish"
	"press/internal/testbook"
)

// pdfText extracts the text of one page, optionally cropped to a box in
// points.
func pdfText(t *testing.T, file string, pageNo int, crop ...int) string {
	t.Helper()
	n := strconv.Itoa(pageNo)
	args := []string{"-f", n, "-l", n}
	if len(crop) == 4 {
		args = append(args, "-x", strconv.Itoa(crop[0]), "-y", strconv.Itoa(crop[1]), "-W", strconv.Itoa(crop[2]), "-H", strconv.Itoa(crop[3]))
	}
	out, err := exec.Command("pdftotext", append(args, file, "-")...).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func needPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (make deps installs it)")
	}
}

// checkBooklet reads every sheet side back and checks that its left and
// right halves hold the pages that saddle-stitch order puts there.
func checkBooklet(t *testing.T, dir, bookDir, layoutName string, sig int) {
	t.Helper()
	res, err := publish.Build(publish.Options{BookDir: bookDir, LayoutsDir: "../../layouts", OutDir: dir, Layout: layoutName, Formats: []string{"pdf", "booklet"}, Booklet: impose.Options{Signature: sig}})
	if err != nil {
		t.Fatal(err)
	}
	var pdfFile, bookletFile string
	pages := 0
	for _, o := range res.Outputs {
		if o.Format == "pdf" {
			pdfFile, pages = o.Path, o.Pages
		} else {
			bookletFile = o.Path
		}
	}
	// A layout other than the book's own is in the file name, so it never
	// overwrites the book's edition.
	nonDefault := layoutName != "" && layoutName != "a5"
	if strings.HasSuffix(pdfFile, "-"+layoutName+".pdf") != nonDefault || bookletFile != strings.TrimSuffix(pdfFile, ".pdf")+"-booklet.pdf" {
		t.Errorf("layout %q wrote %s and %s: the layout belongs in the name only when it is not the book's", layoutName, pdfFile, bookletFile)
	}
	out, _ := exec.Command("pdfinfo", bookletFile).Output()
	paper, sheetW, sheetH := "(A4)", 842, 595
	if layoutName == "half-letter" {
		paper, sheetW, sheetH = "(letter)", 792, 612
	}
	if !strings.Contains(string(out), paper) {
		t.Errorf("booklet sheets are not %s:\n%s", paper, out)
	}
	sides := impose.Order(pages, sig)
	if want := (pages + 3) / 4 * 2; len(sides) != want {
		t.Fatalf("%d sheet sides for %d pages, want %d", len(sides), pages, want)
	}
	for i, side := range sides {
		for half, p := range side {
			got := pdfText(t, bookletFile, i+1, half*sheetW/2, 0, sheetW/2, sheetH)
			want := ""
			if p > 0 {
				want = pdfText(t, pdfFile, p)
			}
			if got != want {
				t.Fatalf("sheet side %d, %s half: got page text %.60q…, want page %d %.60q…", i+1, []string{"left", "right"}[half], got, p, want)
			}
		}
	}
	t.Logf("%d pages on %d sheet sides, signature %d: every half matches", pages, len(sides), sig)
}

func TestBookletArticle(t *testing.T) {
	needPdftotext(t)
	checkBooklet(t, t.TempDir(), bookDir, "", 0)
}

// TestBookletHalfLetter: 5.5 × 8.5 in pages go two to a Letter sheet.
func TestBookletHalfLetter(t *testing.T) {
	needPdftotext(t)
	checkBooklet(t, t.TempDir(), bookDir, "half-letter", 0)
}

// TestBookletSignatures: a generated book in three signatures.
func TestBookletSignatures(t *testing.T) {
	needPdftotext(t)
	dir := filepath.Join(t.TempDir(), "gen")
	if err := testbook.Write(dir, testbook.Options{Words: 6000, NoteEvery: 500, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	p := load2(t, dir)
	res, err := p.Paginate()
	if err != nil {
		t.Fatal(err)
	}
	n := len(res.Doc.Pages)
	sig := ((n+3)/4 + 2) / 3 // sheets per signature for three signatures
	if got := len(impose.Order(n, sig)) / 2; (got+sig-1)/sig != 3 {
		t.Fatalf("%d pages, signature %d: not three signatures", n, sig)
	}
	checkBooklet(t, t.TempDir(), dir, "", sig)
}

func load2(t *testing.T, dir string) *publish.Project {
	p, err := publish.Load(publish.Options{BookDir: dir, LayoutsDir: "../../layouts"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// paginate loads the book in dir with the shipped layouts and lays it out.
func paginate(t *testing.T, dir string) (*publish.Project, *layout.Result) {
	t.Helper()
	p := load2(t, dir)
	res, err := p.Paginate()
	if err != nil {
		t.Fatal(err)
	}
	return p, res
}
