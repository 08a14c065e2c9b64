package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// goodTOML is a complete book.toml; the bad books change it or the
// manuscript.
const goodTOML = `title = "T"
authors = ["A"]
language = "en"
identifier = "urn:uuid:b0f509c4-6be2-5d9f-8ba8-fc41e34fd2bb"
date = "2024-05-01"
`

// badBook is one case of TestBadBooks: a book that differs from a good one
// by its book.toml, its Markdown files or a setup step.
type badBook struct {
	name  string
	toml  string            // book.toml; goodTOML when empty
	files map[string]string // the Markdown files (and others) of the book; a.md "Fine text." when nil
	setup func(t *testing.T, book, outside string)
	args  []string // extra build flags
	code  int      // expected exit status: 1, or 0 for a warning
	want  []string // text the messages must contain, each in one line
	// epubHas is markup the new EPUB's text documents must contain.
	epubHas []string
	// within bounds the time of the build, when set.
	within time.Duration
}

var badBooks = []badBook{
	{name: "invalid UTF-8 in the manuscript", files: map[string]string{"a.md": "Fine text.\n\nA bad \xff byte.\n"}, code: 1,
		want: []string{"a.md:3: the file is not valid UTF-8; save the file as UTF-8"}},
	{name: "invalid UTF-8 in book.toml", toml: strings.Replace(goodTOML, `"T"`, "\"T\xfe\"", 1), code: 1,
		want: []string{"book.toml:1: the file is not valid UTF-8; save the file as UTF-8"}},
	{name: "empty manuscript", files: map[string]string{"a.md": ""}, code: 1,
		want: []string{"a.md:1: the manuscript has no text; write the book's text in it in Markdown"}},
	{name: "blank manuscript", files: map[string]string{"a.md": "\n   \n\t\n"}, code: 1,
		want: []string{"a.md:1: the manuscript has no text"}},
	{name: "no manuscript file", files: map[string]string{}, code: 1,
		want: []string{": the book has no manuscript; add a Markdown file (*.md) to the book folder"}},
	{name: "missing key", toml: strings.Replace(goodTOML, "date = \"2024-05-01\"\n", "", 1), code: 1,
		want: []string{`book.toml: date is missing or empty; add date = "YYYY-MM-DD"`}},
	{name: "missing authors", toml: strings.Replace(goodTOML, "authors = [\"A\"]\n", "", 1), code: 1,
		want: []string{`book.toml: authors is missing or empty; add authors = ["Name"]`}},
	{name: "unknown key", toml: strings.Replace(goodTOML, "authors", "autor = \"A\"\nauthors", 1), code: 1,
		want: []string{`book.toml:2: unknown key "autor"; remove it or check its spelling against the README`}},
	{name: "unknown table", toml: goodTOML + "[extra]\nx = 1\n", code: 1,
		want: []string{`book.toml:6: unknown key "extra"; remove it`}},
	{name: "wrong type: text for a list", toml: strings.Replace(goodTOML, `["A"]`, `"A"`, 1), code: 1,
		want: []string{`book.toml:2: authors has the wrong type: it is text, but must be a list; write it as authors = ["…", "…"]`}},
	{name: "wrong type: number for text", toml: strings.Replace(goodTOML, `"T"`, `5`, 1), code: 1,
		want: []string{`book.toml:1: title has the wrong type: it is a whole number, but must be text; write it as title = "…"`}},
	{name: "wrong type: bare date", toml: strings.Replace(goodTOML, `"2024-05-01"`, `2024-05-01`, 1), code: 1,
		want: []string{`book.toml:5: date has the wrong type: it is a date without quotes, but must be text; write it as date = "…"`}},
	{name: "bad value: identifier", toml: strings.Replace(goodTOML, "urn:uuid:b0f509c4", "isbn:b0f509c4", 1), code: 1,
		want: []string{`book.toml:4: identifier "isbn:b0f509c4-6be2-5d9f-8ba8-fc41e34fd2bb" is not a urn:uuid; write it as "urn:uuid:"`}},
	{name: "TOML syntax", toml: strings.Replace(goodTOML, `"T"`, `"T`, 1), code: 1,
		want: []string{`book.toml:1: `, `check the TOML syntax`}},
	{name: "note cited but not defined", files: map[string]string{"a.md": "Fine text.\n\nA ref[^zz].\n"}, code: 1,
		want: []string{`a.md:3: note [^zz] is cited but not defined; add a definition line "[^zz]: …" or remove the reference`}},
	{name: "every error at once, at the offending character's line", files: map[string]string{
		"a.md": "# A\n\nA paragraph\nwith a ref[^zz] on line 4\nand another[^yy] on 5.\n",
		"b.md": "# B\n\nText on line 3\nand 中 on line 4.\n\nDup[^d].\n\n[^d]: One.\n[^d]: Two.\n"}, code: 1,
		want: []string{"a.md:4: note [^zz] is cited but not defined", "a.md:5: note [^yy] is cited but not defined",
			"b.md:9: note [^d] is defined twice"}},
	{name: "note defined twice", files: map[string]string{"a.md": "A ref[^a].\n\n[^a]: One.\n[^a]: Two.\n"}, code: 1,
		want: []string{`a.md:4: note [^a] is defined twice (first at line 3); give each note its own label`}},
	{name: "note cited twice", files: map[string]string{"a.md": "A ref[^a] and[^a].\n\n[^a]: One.\n"}, code: 1,
		want: []string{`a.md:3: note [^a] is cited 2 times; an endnote can be cited once`}},
	{name: "note with no text (fuzz finding)", files: map[string]string{"a.md": "A ref[^1].\n\n[^1]:\n"}, code: 1,
		want: []string{`a.md:3: note [^1] is empty; write the note's text after "[^1]:"`}},
	{name: "note never cited (warning)", files: map[string]string{"a.md": "Fine text.\n\n[^x]: A lonely note.\n"}, code: 0,
		want: []string{`warning: `, `a.md:3: note [^x] is defined but never cited; cite it with [^x] or delete it`}},
	{name: "heading levels skip (warning)", files: map[string]string{"a.md": "# One\n\nText.\n\n### Three\n\nText.\n"}, code: 0,
		want: []string{`warning: `, `a.md:5: heading "Three" is level 3 but follows level 1 (a level is skipped); it is set as a level-2 heading under the one above; write it with ## to say so`}},
	{name: "first heading level 2 is the book's top level", files: map[string]string{"a.md": "## Two\n\nText.\n"}, code: 0},
	{name: "front matter that is not YAML", files: map[string]string{"a.md": "---\ntitle: [a\n---\n\nText.\n"}, code: 1,
		want: []string{`a.md:1: front matter cannot be read: `, `fix the block between the --- (YAML) or +++ (TOML) lines at the top of the file`}},
	{name: "front matter key unknown (warning)", files: map[string]string{"a.md": "---\ntitle: Preface\nweight: 3\n---\n\nText.\n"}, code: 0,
		want: []string{`warning: `, `a.md:3: front matter key "weight" is not used; press reads only title from front matter`}},
	{name: "image that does not exist", files: map[string]string{"a.md": "Text.\n\n![A picture](pic.png)\n"}, code: 1,
		want: []string{`a.md:3: image "pic.png" does not exist (looked for `, `; check the file name`}},
	{name: "image that is no picture", files: map[string]string{"a.md": "Text.\n\n![A picture](pic.png)\n", "pic.png": "\x89PNG"}, code: 1,
		want: []string{`a.md:3: image "pic.png" is not a PNG, JPEG or SVG picture; save the picture as PNG, JPEG or SVG`}},
	{name: "image path ../", files: map[string]string{"a.md": "Text.\n\n![A picture](../secret.png)\n"}, code: 1,
		want: []string{`a.md:3: image "../secret.png" leaves the book folder: refused`}},
	{name: "image absolute path", files: map[string]string{"a.md": "Text\nand more\n![A picture](/etc/passwd)\n"}, code: 1,
		want: []string{`a.md:3: image "/etc/passwd" is an absolute path, outside the book folder: refused`}},
	// A picture on the web is a warning (see "picture on the web"); one
	// written into the text as a data address is refused.
	{name: "image data address", files: map[string]string{"a.md": "Text.\n\n![A picture](data:image/png;base64,AAAA)\n"}, code: 1,
		want: []string{`a.md:3: image "data:image/png;base64,AAAA" is not a file in the book folder; press never fetches files`}},
	{name: "image symlink out of the book", files: map[string]string{"a.md": "Text.\n\n![A picture](pic.png)\n"}, code: 1,
		setup: func(t *testing.T, book, outside string) {
			symlink(t, filepath.Join(outside, "secret.png"), filepath.Join(book, "pic.png"))
		},
		want: []string{`a.md:3: image "pic.png" is a link to `, `secret.png, outside the book folder: refused`}},
	{name: "slug that leaves the output folder", toml: goodTOML + "slug = \"../../evil\"\n", code: 1,
		want: []string{`book.toml:6: slug "../../evil" is not a plain file name; use lowercase letters, digits and hyphens`}},
	{name: "contents path ../", toml: goodTOML + "contents = [\"../outside.md\"]\n", code: 1,
		want: []string{`book.toml:6: contents entry "../outside.md" leaves the book folder; list files inside the book folder with relative paths`}},
	{name: "contents absolute path", toml: goodTOML + "contents = [\"/etc/passwd\"]\n", code: 1,
		want: []string{`book.toml:6: contents entry "/etc/passwd" leaves the book folder`}},
	{name: "contents file missing", toml: goodTOML + "contents = [\"a.md\", \"b.md\"]\n", code: 1,
		want: []string{`book.toml:6: manuscript file `, `b.md does not exist; check the contents list`}},
	{name: "manuscript symlink out of the book", files: map[string]string{},
		setup: func(t *testing.T, book, outside string) {
			symlink(t, filepath.Join(outside, "outside.md"), filepath.Join(book, "a.md"))
		},
		code: 1, want: []string{`a.md points outside the book folder (to `, `outside.md): refused; keep manuscript files inside the book folder`}},
	{name: "cover symlink out of the book", code: 1,
		setup: func(t *testing.T, book, outside string) {
			symlink(t, filepath.Join(outside, "secret.png"), filepath.Join(book, "cover.png"))
		},
		want: []string{`cover.png: the cover is a link to a file outside the book folder (`, `secret.png): refused; copy the picture into the book folder instead of linking to it`}},
	{name: "cover that is not a picture", files: map[string]string{"a.md": "Fine text.\n", "cover.jpg": "not a picture"}, code: 1,
		want: []string{`cover.jpg: the cover is not a PNG or JPEG image; save the cover as a PNG or JPEG picture`}},
	{name: "raw HTML: a safe subset kept, the rest dropped with warnings", files: map[string]string{"a.md": "<!-- a comment -->\nText <b>bold</b> <script>alert(1)</script> & <br><span id=\"here\"></span> <small>small</small>.\n\n<div>\n<p>unclosed <i>x\n\nSee [here](#here).\n"}, code: 0,
		want: []string{`a.md:2: HTML element <script> is dropped with its content; remove it: a book runs no scripts and takes its style from the layout`,
			`a.md:4: HTML block <div> is not supported; dropped; write the passage in Markdown; block HTML is dropped`},
		epubHas: []string{`Text <strong>bold</strong>  &amp; <br/><span id="here"></span> <small>small</small>.`, `<a href="#here">here</a>`}},
	// A character no font has is kept (print shows the missing-glyph
	// box, the e-book the reader's fonts), with a warning at its line.
	{name: "character missing from every font (warning, kept)", files: map[string]string{"a.md": "Fine text.\n\nIn Chinese, 中 means middle.\n\n你好 means hello.\n"}, code: 0,
		want: []string{`warning: `, `a.md:3: no font has a glyph for "中" (U+4E2D): not Vollkorn Regular, DejaVu Sans; print shows the font's missing-glyph box in their place; add a font that has them to [fonts] fallback in the layout, or replace them`,
			`a.md:5: no font has glyphs for "你好" (U+4F60 U+597D): not Vollkorn Regular, DejaVu Sans`},
		epubHas: []string{"In Chinese, 中 means middle.", "你好 means hello."}},
	{name: "mdBook listing: a listed code block in both editions (no message)", files: map[string]string{"a.md": "# A\n\n<Listing number=\"3-2\" file-name=\"src/lib.rs\" caption=\"A `Stack<T>`\">\n\n```rust\nfn push() {}\n```\n\n</Listing>\n"}, code: 0,
		epubHas: []string{`<figure class="listing"><div class="listing-file">Filename: <code>src/lib.rs</code></div><pre><code>fn push() {}</code></pre>`,
			`<figcaption><span class="label">Listing 3-2.</span> A <code>Stack&lt;T&gt;</code></figcaption></figure>`}},
	{name: "picture on the web: a warning, its alt text in its place", files: map[string]string{"a.md": "# A\n\n[![build status](https://example.org/b.svg)](https://example.org/ci)\n"}, code: 0,
		want:    []string{`warning: `, `a.md:3: image "https://example.org/b.svg" is on the web and press never fetches files: its alt text "build status" stands in its place; download the picture into the book folder and name it by a relative path to show it`},
		epubHas: []string{`<a href="https://example.org/ci">build status</a>`}},
	// Letters the body face lacks come from the fallback face, quietly.
	{name: "Hebrew word from the fallback face (no message)", files: map[string]string{"a.md": "Fine text.\n\nThe word שָׁלוֹם, peace, and `→ ←` in code.\n"}, code: 0,
		epubHas: []string{"The word שָׁלוֹם, peace"}},
	{name: "word longer than the measure (warning)", files: map[string]string{"a.md": "A word " + strings.Repeat("0123456789", 40) + " too long.\n"}, code: 0,
		want: []string{`a.md:1: 1 line(s) stick out of the measure (a word longer than the line?); allow hyphenation, shorten the word or widen the measure`}},
	{name: "layout margins leave no room", args: []string{"--layout", "tight"}, code: 1,
		want: []string{`tight.toml:3: the margins leave a text area of 8x168 mm, too small to set text (at least 20x30 mm); make the margins smaller or the page larger`}},
	{name: "layout wrong type", args: []string{"--layout", "wrongtype"}, code: 1,
		want: []string{`wrongtype.toml:2: text.size has the wrong type: it is text, but must be a number; write it as size = 10.5`}},
	{name: "unknown layout", toml: goodTOML + "layout = \"nope\"\n", code: 1,
		want: []string{`nope.toml: no layout named "nope"; choose one of: a4, a5, `}},
	{name: "link to nowhere (warning, text kept)", files: map[string]string{"a.md": "# A\n\nSee [there](#nowhere) and [here](other.md).\n"}, code: 0,
		want: []string{`warning: `, `a.md:3: link "#nowhere" leads nowhere in the book; link to a heading's id (#id), an anchor, another chapter file (file.md#id) or a full web address; the text is kept without the link`,
			`a.md:3: link "other.md" leads nowhere in the book`},
		epubHas: []string{"See there and here."}},
	{name: "mdBook links: chapter pages as .html, GitHub heading ids, reference definitions", files: map[string]string{
		"a.md": "# A\n\nSee [the long part][long] and <code>x &lt; y</code>.\n\n[long]: b.html#a-part-whose-title-is-longer-than-forty-letters-cut\n",
		"b.md": "# B\n\nText.\n\n## A part whose title is longer than forty letters, cut!\n\nText.\n"}, code: 0,
		epubHas: []string{`<a href="b.xhtml#a-part-whose-title-is-longer-than-forty">the long part</a>`, `<code>x &lt; y</code>`}},
	{name: "links across chapter files", files: map[string]string{"a.md": "# A\n\nSee [B](b.md), [its part](b.md#part-two) and [a mark](b.md#mark).\n",
		"b.md": "# B\n\nText.\n\n## Part two\n\nA <span id=\"mark\"></span>mark.\n"}, code: 0,
		epubHas: []string{`<a href="b.xhtml#b">B</a>`, `<a href="b.xhtml#part-two">its part</a>`, `<a href="b.xhtml#mark">a mark</a>`}},
	// Regression: the running head of a heading a paragraph long was cut
	// a letter at a time on every page (cubic: 3,000 words took 10 s).
	{name: "heading a paragraph long (regression)", files: map[string]string{"a.md": "Text.\n\n" + strings.Repeat("word ", 3000) + "\n===\n\nText.\n"}, code: 0, within: 5 * time.Second,
		want: []string{"warning: ", "a.md:3: page 7: no good page break was possible; a block was cut where it overflowed; let it break"}},
	{name: "paragraph made a heading by a line of --- (warning)", files: map[string]string{"a.md": "Text.\n\n" + strings.Repeat("word ", 300) + "\n---\n\nText.\n"}, code: 0,
		want: []string{`warning: `, `a.md:3: heading "word word word word word word word word word word word word…" is 1499 characters long: a line of --- or === under a paragraph makes it a heading; if the line under the paragraph is meant as a break, put a blank line before it`}},
	// Regression: headings whose ids collide with the notes' ids or with a
	// numbered duplicate used to stop the build with an internal error.
	{name: "headings named like notes (regression)", files: map[string]string{"a.md": "# Note 1\n\nText[^a].\n\n## Noteref 1\n\n# A\n\n# A\n\n# A 2\n\n[^a]: A note.\n"}, code: 0},
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("symlinks: %v", err)
	}
}

// layoutsWithExtras copies the shipped layouts into dir/layouts and adds
// two bad ones; the fonts are reached through dir/fonts, a link.
func layoutsWithExtras(t *testing.T, dir string) string {
	t.Helper()
	lay := filepath.Join(dir, "layouts")
	if err := os.MkdirAll(lay, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../layouts/*")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(lay, filepath.Base(f)), data, 0o644)
	}
	fonts, _ := filepath.Abs("../../fonts")
	symlink(t, fonts, filepath.Join(dir, "fonts"))
	os.WriteFile(filepath.Join(lay, "tight.toml"), []byte("# margins that leave no room\n[page]\ninner = 70\nouter = 70\n"), 0o644)
	os.WriteFile(filepath.Join(lay, "wrongtype.toml"), []byte("[text]\nsize = \"11\"\n"), 0o644)
	return lay
}

// snapshotNames lists a folder's entries.
func snapshotNames(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

// snapshot reads every file of the output folder.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = data
	}
	return out
}

// TestBadBooks builds a good book, then a bad variant of it into the same
// output folder through the real command: exit 1 with a message naming the
// file and line and saying what to do, and the previous editions byte for
// byte as they were; or, for the warning cases, exit 0 with the warning and
// complete, well-formed editions.
func TestBadBooks(t *testing.T) {
	for _, c := range badBooks {
		t.Run(c.name, func(t *testing.T) {
			tmp := t.TempDir()
			book, out, outside := filepath.Join(tmp, "book"), filepath.Join(tmp, "dist"), filepath.Join(tmp, "outside")
			for _, d := range []string{book, outside} {
				os.MkdirAll(d, 0o755)
			}
			os.WriteFile(filepath.Join(outside, "outside.md"), []byte("Secret words from outside the book.\n"), 0o644)
			os.WriteFile(filepath.Join(outside, "secret.png"), []byte("\x89PNG secret"), 0o644)
			layouts := layoutsWithExtras(t, tmp)
			os.WriteFile(filepath.Join(book, "book.toml"), []byte(goodTOML), 0o644)
			os.WriteFile(filepath.Join(book, "a.md"), []byte("Fine text.\n"), 0o644)
			base := []string{"build", "--layouts", layouts, "-o", out}
			if code, _, errs := runArgs(append(base, book)...); code != 0 {
				t.Fatalf("good book: exit %d: %s", code, errs)
			}
			before := snapshot(t, out)
			if len(before) != 2 {
				t.Fatalf("good build wrote %d files", len(before))
			}

			// Turn the book bad.
			toml := c.toml
			if toml == "" {
				toml = goodTOML
			}
			os.WriteFile(filepath.Join(book, "book.toml"), []byte(toml), 0o644)
			if c.files != nil {
				os.Remove(filepath.Join(book, "a.md"))
				for name, text := range c.files {
					os.WriteFile(filepath.Join(book, name), []byte(text), 0o644)
				}
			}
			if c.setup != nil {
				c.setup(t, book, outside)
			}
			start := time.Now()
			code, stdout, errs := runArgs(append(append(base, c.args...), book)...)
			t.Logf("exit %d in %s\n%s%s", code, time.Since(start).Round(time.Millisecond), errs, stdout)
			if code != c.code {
				t.Errorf("exit %d, want %d", code, c.code)
			}
			if took := time.Since(start); c.within > 0 && took > c.within {
				// A hang guard with a wide margin (the case takes ~0.1 s):
				// it catches a quadratic regression, not a slow machine.
				t.Errorf("the build took %s, want under %s", took.Round(time.Millisecond), c.within)
			}
			for _, w := range c.want {
				if !strings.Contains(errs, w) {
					t.Errorf("messages lack %q", w)
				}
			}
			for _, line := range strings.Split(strings.TrimSpace(errs), "\n") {
				if strings.HasPrefix(line, "error: ") && !strings.Contains(line, "; ") {
					t.Errorf("message without a hint: %q", line)
				}
			}
			// Nothing was written outside the output folder.
			if top := snapshotNames(t, tmp); top != "book dist fonts layouts outside" {
				t.Errorf("the build's parent folder holds %s", top)
			}
			if o := snapshotNames(t, outside); o != "outside.md secret.png" {
				t.Errorf("the folder outside the book holds %s", o)
			}
			after := snapshot(t, out)
			for name := range after {
				if strings.Contains(name, ".tmp") {
					t.Errorf("temporary file left in the output folder: %s", name)
				}
			}
			if c.code != 0 {
				if !strings.Contains(errs, "nothing was written") {
					t.Errorf("no word that nothing was written")
				}
				if len(after) != len(before) {
					t.Errorf("output folder had %d files, now %d", len(before), len(after))
				}
				for name, data := range before {
					if !bytes.Equal(after[name], data) {
						t.Errorf("%s changed although the build failed", name)
					}
				}
				return
			}
			if len(c.want) == 0 && errs != "" {
				t.Errorf("unexpected messages: %s", errs)
			}
			text := checkEditions(t, after)
			for _, w := range c.epubHas {
				if !strings.Contains(text, w) {
					t.Errorf("the EPUB lacks %q", w)
				}
			}
		})
	}
}

// checkEditions: the EPUB is a zip whose markup files are all well-formed
// XML; the PDF is complete. It returns the EPUB's XHTML documents.
func checkEditions(t *testing.T, files map[string][]byte) string {
	t.Helper()
	var text strings.Builder
	for name, data := range files {
		switch filepath.Ext(name) {
		case ".pdf":
			if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[max(0, len(data)-64):], []byte("%%EOF")) {
				t.Errorf("%s is not a complete PDF", name)
			}
		case ".epub":
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			for _, f := range zr.File {
				if ext := filepath.Ext(f.Name); ext != ".xhtml" && ext != ".opf" && ext != ".ncx" && ext != ".xml" {
					continue
				}
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(rc)
				rc.Close()
				text.Write(body)
				d := xml.NewDecoder(bytes.NewReader(body))
				d.Strict = true
				for {
					_, err := d.Token()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Errorf("%s: %s: %v", name, f.Name, err)
						break
					}
				}
				if bytes.Contains(body, []byte("<script")) || bytes.Contains(body, []byte("<div>")) {
					t.Errorf("%s: %s: raw HTML passed through", name, f.Name)
				}
			}
		}
	}
	return text.String()
}
