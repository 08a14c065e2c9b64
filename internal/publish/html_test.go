package publish_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"press/internal/publish"
	"press/internal/testbook"
)

// everything is a small book with one of each construct the manuscript can
// hold, for the HTML edition's checks.
const everything = `# First chapter

Plain text with *emphasis*, **strong**, ` + "`code`" + `, a [link](https://example.org/) and a
note.[^a] A line  
break. See [the second chapter](#second-chapter).

## A subsection

> A quotation[^b] over
> two lines.

- one
- two with **bold**

A README's contents, a column of links:

- [First chapter](#first-chapter)
- [A subsection](#a-subsection)
- [Second chapter](#second-chapter)

1. first
2. second

    indented code block

---

# Second chapter

Text of the second chapter.

[^a]: The first note, with *emphasis*.
[^b]: The second note.

    With a second paragraph.
`

// TestHTMLEdition: the HTML edition of the article, of a generated book and
// of a book with every construct is valid (the W3C Nu checker), accessible
// (axe-core, 0 violations) and its contents links, note references and
// links back all land on their targets in headless Chromium.
func TestHTMLEdition(t *testing.T) {
	tmp := t.TempDir()
	books := map[string]string{"article": bookDir, "markdown-book": "../../testdata/markdown-book"}
	gen := filepath.Join(tmp, "generated")
	if err := testbook.Write(gen, testbook.Options{Words: 3000, NoteEvery: 400, Chapters: 3}); err != nil {
		t.Fatal(err)
	}
	books["generated"] = gen
	books["everything"] = smallBook(t, filepath.Join(tmp, "everything"), "Everything", map[string]string{"text.md": everything})
	// Two chapters of one title (the Rustonomicon's "Layout" of Vec and of
	// Arc): two chapter landmarks on one page that axe must tell apart.
	books["twins"] = smallBook(t, filepath.Join(tmp, "twins"), "Twins", map[string]string{
		"1-vec.md": "# Vec\n\nA vector.\n\n# Layout\n\nThe vector's layout.\n",
		"2-arc.md": "# Arc\n\nA shared pointer.\n\n# Layout\n\nThe pointer's layout.\n",
	})

	var files []string
	for name, dir := range books {
		out := filepath.Join(tmp, "out-"+name)
		res, err := publish.Build(publish.Options{BookDir: dir, OutDir: out, Formats: []string{"html"}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f := res.Outputs[0].Path
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		html := string(data)
		for _, want := range []string{`<html lang="`, `<nav id="toc" role="doc-toc"`, "@font-face", "data:font/ttf;base64,", "@media print", `<main>`} {
			if !strings.Contains(html, want) {
				t.Errorf("%s: the page lacks %s", name, want)
			}
		}
		for _, bad := range []string{"epub:type", ".xhtml", "<?xml", `src="images/`} {
			if strings.Contains(html, bad) {
				t.Errorf("%s: the page still has the e-book's %s", name, bad)
			}
		}
		files = append(files, f)
	}

	root, _ := filepath.Abs("../..")
	vnu := filepath.Join(root, "tools/node_modules/vnu-jar/build/dist/vnu.jar")
	check := filepath.Join(root, "scripts/html-check.mjs")
	var missing []string
	for _, tool := range []string{"java", "node", "chromium"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	for _, f := range []string{vnu, filepath.Join(root, "tools/node_modules/axe-core/axe.min.js"), filepath.Join(root, "tools/node_modules/puppeteer-core")} {
		if _, err := os.Stat(f); err != nil {
			missing = append(missing, filepath.Base(f))
		}
	}
	if len(missing) > 0 {
		t.Skipf("HTML checkers missing (%s): run scripts/deps.sh (make test does)", strings.Join(missing, ", "))
	}
	out, err := exec.Command("java", append([]string{"-jar", vnu, "--Werror"}, files...)...).CombinedOutput()
	if err != nil {
		t.Errorf("W3C Nu checker: %v\n%s", err, out)
	}
	out, err = exec.Command("node", append([]string{check}, files...)...).CombinedOutput()
	if err != nil {
		t.Errorf("html-check: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

// smallBook writes a book folder at dir: a book.toml with title and the
// chapter files, and returns dir.
func smallBook(t *testing.T, dir, title string, files map[string]string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files["book.toml"] = `title = "` + title + `"
authors = ["A. Writer"]
language = "en"
identifier = "urn:uuid:0b2e1f0e-2f5c-4f7e-9a59-3c1d2a4b5c6d"
date = "2026-01-02"
`
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
