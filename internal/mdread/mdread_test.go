package mdread

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"press/internal/doc"
	"press/internal/pass"
)

// TestGolden reads each testdata/*.md, runs the passes and compares the
// document model dump with testdata/*.dump (UPDATE_GOLDEN=1 rewrites them).
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	files = append(files, "../../book/the-great-leap-forward.md")
	if len(files) < 2 {
		t.Fatal("no golden cases")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Read(filepath.Base(f), src)
			if err != nil {
				t.Fatal(err)
			}
			b, err := pass.Build(doc.Meta{Title: "Golden", Language: "en", Identifier: "urn:uuid:00000000-0000-0000-0000-000000000000"}, res.Blocks)
			if err != nil {
				t.Fatal(err)
			}
			got := doc.Dump(b)
			for _, w := range res.Warnings {
				got += "warning: " + w.Error() + "\n"
			}
			golden := filepath.Join("testdata", name+".dump")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
			}
			if got != string(want) {
				t.Errorf("document model differs from %s:\n%s", golden, diffLines(string(want), got))
			}
		})
	}
}

func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("- " + a + "\n+ " + c + "\n")
		}
	}
	return b.String()
}

// TestErrors: each bad manuscript gives an error naming the line.
func TestErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"undefined note", "Text[^x] here.\n", "x.md:1: note [^x] is cited but not defined"},
		{"duplicate note", "A[^a].\n\n[^a]: one\n[^a]: two\n", "x.md:4: note [^a] is defined twice (first at line 3)"},
		{"cited twice", "A[^a] and B[^a].\n\n[^a]: one\n", "x.md:3: note [^a] is cited 2 times"},
		{"invalid utf8", "fine\nbad \xff here\n", "x.md:2: the file is not valid UTF-8"},
		{"image", "Text\n\n![alt](pic.png)\n", `x.md:3: image "pic.png"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read("x.md", []byte(c.src))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

// TestStrikeAndDefinitions: strikethrough and definition lists become the
// model's own nodes, with no warning: terms and definitions in order, a
// term written above another sharing its definitions, a note in a
// definition kept.
func TestStrikeAndDefinitions(t *testing.T) {
	src := "Keep ~~gone~~ this.\n\nApple\n: A fruit.\n: A company.\n\nPear\nQuince\n:   Two fruits[^n].\n\n    A second paragraph.\n\n[^n]: A note.\n"
	res, err := Read("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	var d strings.Builder
	for _, b := range res.Blocks {
		d.WriteString(dumpBlock(b))
	}
	want := []string{
		`p "Keep " del("gone") " this."`,
		`deflist`, `term "Apple"`, `p "A fruit."`, `p "A company."`,
		`term "Pear"`, `term "Quince"`, `p "Two fruits" noteref(0 n)`, `p "A second paragraph."`,
	}
	got := d.String()
	at := 0
	for _, w := range want {
		i := strings.Index(got[at:], w)
		if i < 0 {
			t.Fatalf("model lacks %q in order:\n%s", w, got)
		}
		at += i + len(w)
	}
	dl := res.Blocks[1].(*doc.DefList)
	if len(dl.Items) != 3 || len(dl.Items[0].Defs) != 2 || len(dl.Items[1].Defs) != 0 || len(dl.Items[2].Defs) != 1 || len(dl.Items[2].Defs[0]) != 2 {
		t.Errorf("items: %d", len(dl.Items))
	}
	if dl.Items[2].Term.Pos.Line != 8 || dl.Pos.Line != 3 {
		t.Errorf("positions: term %v, list %v", dl.Items[2].Term.Pos, dl.Pos)
	}
}

// dumpBlock is the model dump of one block.
func dumpBlock(b doc.Block) string {
	return doc.Dump(&doc.Book{Sections: []*doc.Section{{ID: "s", Blocks: []doc.Block{b}}}})
}

func TestWarnings(t *testing.T) {
	res, err := Read("x.md", []byte("Text <blink>bold</blink>.\n\n[^u]: unused\n"))
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, w := range res.Warnings {
		all = append(all, w.Error())
	}
	got := strings.Join(all, "\n")
	for _, want := range []string{"x.md:3: note [^u] is defined but never cited", `x.md:1: HTML element <blink> is not supported`} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings %q lack %q", got, want)
		}
	}
}

// TestNoEntities: smart punctuation yields characters, never entities.
func TestNoEntities(t *testing.T) {
	res, err := Read("x.md", []byte("\"Quoted\" -- and --- and... it's\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := doc.PlainText(res.Blocks[0].(*doc.Para).Content)
	if want := "“Quoted” – and — and… it’s"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func FuzzRead(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.md")
	seeds = append(seeds, "../../book/the-great-leap-forward.md")
	for _, s := range seeds {
		b, _ := os.ReadFile(s)
		f.Add(b)
	}
	f.Add([]byte("# a\n\n> q[^1]\n\n[^1]: n\n{.x}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := Read("f.md", src)
		if err != nil {
			return
		}
		b, err := pass.Build(doc.Meta{Title: "F", Language: "en"}, res.Blocks)
		if err != nil {
			return
		}
		for i, n := range b.Notes {
			if n.Number != i+1 {
				t.Fatalf("note %d numbered %d", i, n.Number)
			}
		}
	})
}

// writePictures puts a small PNG and an SVG in a temporary book folder.
func writePictures(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 64, 32)))
	os.WriteFile(filepath.Join(dir, "map.png"), buf.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "rose.svg"), []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="4in" viewBox="0 0 200 100"/>`), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("plain text"), 0o644)
	return dir
}

// TestFigures: a picture alone in its paragraph is a figure, captioned by
// its title or by a {.caption} paragraph after it; sizes come from the
// file; a missing description is a warning naming the line.
func TestFigures(t *testing.T) {
	dir := writePictures(t)
	src := "![A map](map.png \"The map.\")\n\n![](rose.svg)\n\nThe rose, *drawn*.\n{.caption}\n\n![](map.png)\n{.decorative}\n\nText ![icon](map.png) inline.\n"
	res, err := ReadIn(dir, filepath.Join(dir, "x.md"), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Blocks) != 4 {
		t.Fatalf("%d blocks, want 3 figures and a paragraph", len(res.Blocks))
	}
	f1, f2, f3 := res.Blocks[0].(*doc.Figure), res.Blocks[1].(*doc.Figure), res.Blocks[2].(*doc.Figure)
	if f1.Image.Format != "png" || f1.Image.Width != 64 || f1.Image.Height != 32 || f1.Image.Alt != "A map" || doc.PlainText(f1.Caption) != "The map." {
		t.Errorf("figure 1: %+v caption %q", f1.Image, doc.PlainText(f1.Caption))
	}
	if f2.Image.Format != "svg" || f2.Image.Width != 384 || f2.Image.Height != 192 || doc.PlainText(f2.Caption) != "The rose, drawn." {
		t.Errorf("figure 2: %s %gx%g caption %q", f2.Image.Format, f2.Image.Width, f2.Image.Height, doc.PlainText(f2.Caption))
	}
	if !f3.Decorative || f3.Pos.Line != 8 {
		t.Errorf("figure 3: decorative %v at line %d", f3.Decorative, f3.Pos.Line)
	}
	var inline *doc.Image
	doc.WalkInlines(doc.Inlines(res.Blocks[3]), func(in doc.Inline) {
		if im, ok := in.(*doc.Image); ok {
			inline = im
		}
	})
	if inline == nil || inline.Alt != "icon" {
		t.Errorf("inline image lost: %v", inline)
	}
	var warns []string
	for _, w := range res.Warnings {
		warns = append(warns, w.Error())
	}
	if got := strings.Join(warns, "\n"); !strings.Contains(got, `x.md:3: figure "rose.svg" has no alt text`) || strings.Count(got, "alt text") != 1 {
		t.Errorf("warnings: want one for the figure at line 3 without alt text:\n%s", got)
	}
}

// TestImageErrors: pictures outside the book folder, missing, or of an
// unsupported kind are errors at their line (a picture on the web is a
// warning: TestWebImage).
func TestImageErrors(t *testing.T) {
	dir := writePictures(t)
	cases := []struct{ src, want string }{
		{"![a](../up.png)\n", `x.md:1: image "../up.png" leaves the book folder`},
		{"![a](/etc/x.png)\n", `x.md:1: image "/etc/x.png" is an absolute path`},
		{"![a](data:image/png;base64,AAAA)\n", "press never fetches files"},
		{"text\n\n![a](gone.png)\n", `x.md:3: image "gone.png" does not exist`},
		{"![a](notes.txt)\n", `x.md:1: image "notes.txt" is not a PNG, JPEG or SVG picture`},
	}
	for _, c := range cases {
		_, err := ReadIn(dir, filepath.Join(dir, "x.md"), []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.src, err, c.want)
		}
	}
}

// TestTables: a pipe table keeps its alignments, head, rows and inline
// formatting; a {.caption} paragraph before or after it is its caption.
func TestTables(t *testing.T) {
	src := "Landings by month.\n{.caption}\n\n| Month | Catch (t) | Note |\n|:--|--:|:-:|\n| May | 12.5 | *calm* |\n| June | 1,204 |\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nSecond table.\n{.caption}\n"
	res, err := Read("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Blocks) != 2 {
		t.Fatalf("%d blocks, want two tables", len(res.Blocks))
	}
	t1, t2 := res.Blocks[0].(*doc.Table), res.Blocks[1].(*doc.Table)
	if doc.PlainText(t1.Caption) != "Landings by month." || doc.PlainText(t2.Caption) != "Second table." {
		t.Errorf("captions %q and %q", doc.PlainText(t1.Caption), doc.PlainText(t2.Caption))
	}
	if want := []doc.Align{doc.AlignLeft, doc.AlignRight, doc.AlignCenter}; len(t1.Align) != 3 || t1.Align[0] != want[0] || t1.Align[1] != want[1] || t1.Align[2] != want[2] {
		t.Errorf("alignments %v, want %v", t1.Align, want)
	}
	if len(t1.Head) != 3 || doc.PlainText(t1.Head[1]) != "Catch (t)" || len(t1.Rows) != 2 {
		t.Fatalf("head %d cells, %d rows", len(t1.Head), len(t1.Rows))
	}
	if _, ok := t1.Rows[0][2][0].(*doc.Emph); !ok {
		t.Errorf("the cell's emphasis is lost: %#v", t1.Rows[0][2])
	}
	if !t1.Numeric(1) || t1.Numeric(0) || !t2.Numeric(0) {
		t.Errorf("numeric columns: %v %v %v", t1.Numeric(1), t1.Numeric(0), t2.Numeric(0))
	}
	if t1.Pos.Line != 4 {
		t.Errorf("table at line %d, want 4", t1.Pos.Line)
	}
}

// TestLoneBlockTags: a block tag alone on its line around Markdown
// (mdBook's <div class="warning">) loses only the tags: the passage inside
// is kept, the warning says so, and the closing tag is no second warning;
// a closing tag that ends a dropped HTML block is silent too, while a
// closing tag nothing opened and a void element keep their warnings.
func TestLoneBlockTags(t *testing.T) {
	src := "<div class=\"warning\">\n\nWarning: *incomplete*.\n\n</div>\n\n<details><summary>Why</summary>\n\nBecause.\n\n</details>\n\n</section>\n\n<hr>\n"
	res, err := Read("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, b := range res.Blocks {
		if p, ok := b.(*doc.Para); ok {
			texts = append(texts, doc.PlainText(p.Content))
		}
	}
	if got := strings.Join(texts, "|"); got != "Warning: incomplete.|Because." {
		t.Errorf("paragraphs %q", got)
	}
	var all []string
	for _, w := range res.Warnings {
		all = append(all, w.Error())
	}
	want := []string{
		"x.md:1: HTML tag <div> on a line of its own is dropped; the Markdown inside it, up to </div>, is kept; to keep what the tag meant, write it in Markdown",
		"x.md:7: HTML block <details> is not supported; dropped; write the passage in Markdown; block HTML is dropped",
		"x.md:13: HTML block </section> is not supported; dropped; write the passage in Markdown; block HTML is dropped",
		"x.md:15: HTML block <hr> is not supported; dropped; write the passage in Markdown; block HTML is dropped",
	}
	if got := strings.Join(all, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
