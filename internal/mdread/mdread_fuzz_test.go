package mdread

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"press/internal/diag"
	"press/internal/doc"
	"press/internal/epub"
	"press/internal/pass"
)

// commonMarkExamples returns the Markdown of the CommonMark spec examples
// that goldmark ships with its sources (in the module cache), or nil.
func commonMarkExamples(tb testing.TB) []string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil {
		tb.Logf("no CommonMark examples: go list: %v", err)
		return nil
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "_test", "spec.json"))
	if err != nil {
		tb.Logf("no CommonMark examples: %v", err)
		return nil
	}
	var examples []struct {
		Markdown string `json:"markdown"`
	}
	if err := json.Unmarshal(data, &examples); err != nil {
		tb.Logf("no CommonMark examples: %v", err)
		return nil
	}
	md := make([]string, len(examples))
	for i, e := range examples {
		md[i] = e.Markdown
	}
	return md
}

// fuzzSeeds are hand-written inputs for the corners press adds to
// CommonMark: notes, classes, raw HTML, images and ids.
var fuzzSeeds = []string{
	"# a\n\n> q[^1]\n\n[^1]: n\n{.x}\n",
	"# Note 1\n\nText[^a].\n\n## Noteref 1\n\n# A\n\n# A\n\n# A 2\n\n[^a]: A note.\n",
	"Text <b>bold</b> <script>x</script> & <br>.\n\n<div>\n<p>unclosed\n\n<!-- c -->\n\n<![CDATA[ ]]> <?pi ?>\n",
	"![alt](pic.png) ![](../x.png) ![](/etc/passwd) ![](https://e.org/a.png)\n",
	"A[^a] and[^a].\n\n[^a]: one\n[^a]: two\n\n[^b]: unused\n",
	"ctl \x01\x0b\x1b\x7f \u0085 \ufffe \uffff \ufdd0 \u2028 \r\n\r\nend\n",
	"[link](#nowhere) [x](other.md) <https://e.org/?a=1&b=2> [y](javascript:alert(1))\n",
	"# ]]>\n\n`a < b`\n\n```\n]]> <!--\n```\n",
	"- a[^n]\n  - b\n\n1. c\n\n---\n\n[^n]: *x* **y** `z`\n",
}

// metaFuzz is a complete book description for the fuzzed manuscripts.
var metaFuzz = doc.Meta{
	Title: "F", Authors: []string{"A"}, Language: "en", Slug: "f",
	Identifier: "urn:uuid:00000000-0000-4000-8000-000000000000",
	Date:       time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
}

// FuzzReadEPUB runs a manuscript through the reader, the passes and the
// EPUB writer. A book error must be a positioned message; anything read
// must become an EPUB whose every markup file is well-formed XML.
func FuzzReadEPUB(f *testing.F) {
	// The book and the golden manuscripts, cut at paragraphs into pieces
	// of about 2 KB: whole, they make every mutation slow to run and to
	// minimise (the golden tests read them whole).
	seeds, _ := filepath.Glob("testdata/*.md")
	seeds = append(seeds, "../../book/the-great-leap-forward.md")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		var piece []byte
		for _, para := range bytes.SplitAfter(b, []byte("\n\n")) {
			piece = append(piece, para...)
			if len(piece) > 2048 {
				f.Add(piece)
				piece = nil
			}
		}
		if len(piece) > 0 {
			f.Add(piece)
		}
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, s := range commonMarkExamples(f) {
		f.Add([]byte(s))
	}
	css, err := os.ReadFile("../../layouts/epub.css")
	if err != nil {
		f.Fatal(err)
	}
	opts := epub.Options{
		CSS:      css,
		Fonts:    []epub.Font{{Path: "fonts/Vollkorn-Regular.ttf", Family: "Vollkorn", Weight: 400, Data: []byte("stand-in")}},
		Modified: metaFuzz.Date,
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := Read("f.md", src)
		if err != nil {
			checkBookError(t, err, true)
			return
		}
		for _, w := range res.Warnings {
			if w.File != "f.md" || w.Line < 1 {
				t.Errorf("warning without a place: %q", w)
			}
		}
		b, err := pass.Build(metaFuzz, res.Blocks)
		if err != nil {
			checkBookError(t, err, false)
			return
		}
		var buf bytes.Buffer
		if err := epub.Write(&buf, b, opts); err != nil {
			var de *diag.Error
			if errors.As(err, &de) && de.File == "f.md" && de.Line > 0 && strings.Contains(de.Msg, "link") {
				return // a link to nowhere: the author's mistake, reported with its place
			}
			t.Fatalf("the EPUB writer refused what the reader and passes accepted: %v", err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatalf("not a zip: %v", err)
		}
		for _, zf := range zr.File {
			switch path.Ext(zf.Name) {
			case ".xhtml", ".opf", ".ncx", ".xml":
			default:
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			if err := wellFormed(data); err != nil {
				t.Fatalf("%s is not well-formed: %v\n%s", zf.Name, err, data)
			}
		}
	})
}

// checkBookError: an error about the manuscript is a diag error (or a list
// of them) naming the file, and the line when lined is set.
func checkBookError(t *testing.T, err error, lined bool) {
	t.Helper()
	var list diag.List
	var one *diag.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = diag.List{one}
	default:
		t.Fatalf("not a book error: %v", err)
	}
	for _, e := range list {
		if e.File == "" || lined && (e.File != "f.md" || e.Line < 1) || e.Hint == "" {
			t.Errorf("error without a place or a hint: %q", e)
		}
	}
}

func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// noteDefinitionPattern is the rule noteDefinition implements by hand.
var noteDefinitionPattern = regexp.MustCompile(`^ {0,3}\[\^([^\]\s]+)\]:`)

func TestNoteDefinitionMatchesPattern(t *testing.T) {
	for _, line := range []string{
		"[^1]: note", "   [^a-b]: x", "    [^a]: indented code", "[^]: empty", "[^a b]: space",
		"[^a]", "[^a]x:", "[^a\t]: tab", "[^é]: accent", "text [^a]: not at start", "[^a]:", "",
		" [^x]]: two brackets", "[^\v]: vertical tab",
	} {
		checkNoteDefinition(t, []byte(line))
	}
}

func FuzzNoteDefinition(f *testing.F) {
	f.Add([]byte("[^1]: note"))
	f.Add([]byte("   [^a]:"))
	f.Fuzz(func(t *testing.T, line []byte) { checkNoteDefinition(t, line) })
}

func checkNoteDefinition(t *testing.T, line []byte) {
	t.Helper()
	got, ok := noteDefinition(line)
	m := noteDefinitionPattern.FindSubmatch(line)
	if ok != (m != nil) || (ok && !bytes.Equal(got, m[1])) {
		t.Errorf("noteDefinition(%q) = %q, %v; the pattern gives %q", line, got, ok, m)
	}
}
