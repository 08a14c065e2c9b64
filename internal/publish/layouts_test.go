package publish_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"press/internal/publish"
)

// TestEveryLayoutPDFValid writes the article's PDF in every shipped
// layout and checks it as make validate checks the default one: qpdf
// --check finds no error, and pdffonts lists only fonts that are
// embedded, cut down to a subset (the six-letter tag) and mapped back to
// text (ToUnicode).
func TestEveryLayoutPDFValid(t *testing.T) {
	for _, tool := range []string{"qpdf", "pdffonts"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required (qpdf, poppler-utils); run make deps", tool)
			}
			t.Skipf("%s not installed (make deps installs it)", tool)
		}
	}
	// name, type ("CID TrueType", "CID Type 0C (OT)"), encoding, emb,
	// sub, uni, object number, generation
	font := regexp.MustCompile(`^[A-Z]{6}\+\S+ +CID .+ +Identity-H +yes +yes +yes +\d+ +0$`)
	for _, name := range shippedLayouts(t) {
		t.Run(name, func(t *testing.T) {
			_, file := articlePDF(t, name)
			if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
				t.Errorf("qpdf --check: %v\n%s", err, out)
			}
			out, err := exec.Command("pdffonts", file).Output()
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) < 4 {
				t.Fatalf("pdffonts lists fewer than two fonts:\n%s", out)
			}
			for _, l := range lines[2:] {
				if !font.MatchString(strings.TrimSpace(l)) {
					t.Errorf("pdffonts: not an embedded subset font with ToUnicode: %q", l)
				}
			}
		})
	}
}

// shippedLayouts names the layouts in the repository's layouts/ folder.
func shippedLayouts(t *testing.T) []string {
	t.Helper()
	tomls, _ := filepath.Glob("../../layouts/*.toml")
	if len(tomls) < 4 {
		t.Fatalf("layouts: %v", tomls)
	}
	var names []string
	for _, toml := range tomls {
		names = append(names, strings.TrimSuffix(filepath.Base(toml), ".toml"))
	}
	return names
}

// articlePDF writes the article's PDF in layout name into a temporary
// folder and returns the project and the file.
func articlePDF(t *testing.T, name string) (*publish.Project, string) {
	t.Helper()
	p, err := publish.Load(publish.Options{BookDir: bookDir, LayoutsDir: "../../layouts", Layout: name})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), slug+".pdf")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := p.WritePDF(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p, file
}
