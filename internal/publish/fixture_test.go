package publish_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"press/internal/doc"
	"press/internal/publish"
)

// The fixture book (testdata/markdown-book) uses every construct of
// Markdown as people write it: front matter in YAML and TOML, heading
// levels that skip, raw HTML (kept, dropped, commented), code blocks and
// inline code, web addresses, lists of every kind, task boxes, notes and
// links across chapter files.
const fixtureDir = "../../testdata/markdown-book"

func buildFixture(t *testing.T) (*publish.Project, string, *publish.Result) {
	t.Helper()
	out := t.TempDir()
	o := publish.Options{BookDir: fixtureDir, LayoutsDir: "../../layouts", OutDir: out, Formats: []string{"epub", "pdf"}}
	res, err := publish.Build(o)
	if err != nil {
		t.Fatal(err)
	}
	p, err := publish.Load(o)
	if err != nil {
		t.Fatal(err)
	}
	return p, out, res
}

// golden compares got with the file at path (UPDATE_GOLDEN=1 rewrites it).
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from what the build gives (UPDATE_GOLDEN=1 rewrites it after you read the diff)", path)
	}
}

// TestFixtureGolden: the model dump with the build's warnings, and every
// XHTML document of the e-book, against golden files.
func TestFixtureGolden(t *testing.T) {
	p, out, res := buildFixture(t)
	var dump strings.Builder
	dump.WriteString(doc.Dump(p.Book))
	for _, w := range res.Warnings {
		dump.WriteString("warning: " + filepath.ToSlash(w.Error()) + "\n")
	}
	goldDir := filepath.Join(fixtureDir, "golden")
	golden(t, filepath.Join(goldDir, "model.dump"), []byte(dump.String()))

	zr, err := zip.OpenReader(filepath.Join(out, "markdown-as-people-write-it.epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	n := 0
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if len(data) > 300_000 {
			t.Errorf("%s is %d bytes, over 300 KB", f.Name, len(data))
		}
		golden(t, filepath.Join(goldDir, filepath.FromSlash(f.Name)), data)
		n++
	}
	if n < 5 {
		t.Errorf("only %d XHTML documents", n)
	}
}

// fixturePDFText is the fixture's PDF as pdftotext -layout reads it.
func fixturePDFText(t *testing.T, out string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (make deps installs it)")
	}
	text, err := exec.Command("pdftotext", "-layout", filepath.Join(out, "markdown-as-people-write-it.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

// TestFixtureCodeLines: every line of every code block comes back from
// the PDF with its indentation (relative to the block's least indented
// line) and its characters, a wrapped line joined again at its
// continuation mark. Text extraction gives runs of spaces inside a line
// back as one space, so those are compared collapsed.
func TestFixtureCodeLines(t *testing.T) {
	p, out, _ := buildFixture(t)
	lines := strings.Split(fixturePDFText(t, out), "\n")
	var blocks []*doc.CodeBlock
	for _, s := range p.Book.Sections {
		doc.WalkBlocks(s.Blocks, func(bl doc.Block) {
			if cb, ok := bl.(*doc.CodeBlock); ok {
				blocks = append(blocks, cb)
			}
		})
	}
	if len(blocks) < 2 {
		t.Fatalf("%d code blocks in the fixture", len(blocks))
	}
	inner := regexp.MustCompile(`(\S) {2,}`)
	norm := func(s string) string { return inner.ReplaceAllString(strings.TrimRight(s, " "), "$1 ") }
	at := 0
	for _, cb := range blocks {
		want := strings.Split(strings.TrimRight(strings.ReplaceAll(cb.Text, "\t", "    "), "\n"), "\n")
		// Find the block's first line in the PDF text, then read on.
		first := strings.TrimSpace(want[0])
		start := -1
		for i := at; i < len(lines); i++ {
			if strings.TrimSpace(lines[i]) == first || strings.HasPrefix(strings.TrimSpace(lines[i]), first) {
				start = i
				break
			}
		}
		if start < 0 {
			t.Errorf("code line %q not found in the PDF", first)
			continue
		}
		margin := len(lines[start]) - len(strings.TrimLeft(lines[start], " ")) - indentOf(want[0])
		var got []string
		for i := start; i < len(lines); i++ {
			l := lines[i]
			if c := strings.TrimSpace(l); strings.HasPrefix(c, "↪ ") && len(got) > 0 {
				// A wrapped row: extraction keeps no space at a line's
				// end, so the row joins with or without one, as the
				// source line has it.
				rest, prev := strings.TrimPrefix(c, "↪ "), got[len(got)-1]
				w := want[len(got)-1]
				if strings.HasPrefix(strings.TrimLeft(w, " "), strings.TrimLeft(prev+" "+rest, " ")) || norm(prev+" "+rest) == norm(w) {
					got[len(got)-1] = prev + " " + rest
				} else {
					got[len(got)-1] = prev + rest
				}
				continue
			}
			if len(got) == len(want) {
				break
			}
			if strings.TrimSpace(l) == "" {
				if want[len(got)] == "" {
					got = append(got, "")
				}
				continue
			}
			if len(l) < margin || strings.TrimSpace(l[:margin]) != "" {
				continue // a running head or folio between pages
			}
			got = append(got, l[margin:])
		}
		at = start + 1
		for i, w := range want {
			if i >= len(got) {
				t.Errorf("code line %q missing", w)
				continue
			}
			if indentOf(got[i]) != indentOf(w) || norm(got[i]) != norm(w) {
				t.Errorf("code line %d:\n got  %q\n want %q", i+1, got[i], w)
			}
		}
	}
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// TestFixtureURLs: every web address of the manuscript, in its text or
// behind a link, is in the PDF's text whole once lines are joined at their
// ends, without a hyphen added.
func TestFixtureURLs(t *testing.T) {
	p, out, _ := buildFixture(t)
	text := fixturePDFText(t, out)
	var joined strings.Builder
	for _, l := range strings.Split(text, "\n") {
		joined.WriteString(strings.TrimSpace(l))
	}
	all := joined.String()
	urls := map[string]bool{}
	find := regexp.MustCompile(`https?://[^\s<>")\]]+[^\s<>".,;:!?)\]]`)
	visit := func(blocks []doc.Block) {
		doc.WalkBlocks(blocks, func(bl doc.Block) {
			doc.WalkInlines(doc.Inlines(bl), func(in doc.Inline) {
				switch x := in.(type) {
				case *doc.Text:
					for _, u := range find.FindAllString(x.Text, -1) {
						urls[u] = true
					}
				case *doc.Link:
					// Print shows a web link's address after its text.
					if strings.HasPrefix(x.URL, "http") {
						urls[x.URL] = true
					}
				}
			})
		})
	}
	for _, s := range p.Book.Sections {
		visit(s.Blocks)
	}
	for _, n := range p.Book.Notes {
		visit(n.Blocks)
	}
	if len(urls) < 3 {
		t.Fatalf("only %d web addresses in the fixture's text", len(urls))
	}
	var list []string
	for u := range urls {
		list = append(list, u)
	}
	sort.Strings(list)
	for _, u := range list {
		if !strings.Contains(all, u) {
			t.Errorf("web address %s is not whole in the PDF text", u)
		}
	}
}
