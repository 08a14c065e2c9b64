package mdread

import (
	"strings"
	"testing"

	"press/internal/doc"
)

// TestListing: an mdBook <Listing> around a code block makes it a listed
// code block with its number, file name and caption (Markdown inside, and
// a ">" inside a quoted attribute); the tags leave no warning. A listing
// with no code block is a warning at its opening tag.
func TestListing(t *testing.T) {
	src := "Text.\n\n" +
		"<Listing number=\"3-2\" file-name=\"src/lib.rs\" caption=\"A `Stack<T>` that *grows*\">\n\n" +
		"```rust\nfn push() {}\n```\n\n</Listing>\n\n" +
		"<Listing number=\"3-3\">\n\nJust words.\n\n</Listing>\n\n" +
		"```\nplain\n```\n"
	res, err := Read("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var codes []*doc.CodeBlock
	doc.WalkBlocks(res.Blocks, func(b doc.Block) {
		if c, ok := b.(*doc.CodeBlock); ok {
			codes = append(codes, c)
		}
	})
	if len(codes) != 2 {
		t.Fatalf("%d code blocks, want 2", len(codes))
	}
	l := codes[0].Listing
	if l == nil || l.Number != "3-2" || l.File != "src/lib.rs" || codes[0].Text != "fn push() {}\n" {
		t.Fatalf("first code block: %+v listing %+v", codes[0], l)
	}
	var dump strings.Builder
	for _, in := range l.Caption {
		switch n := in.(type) {
		case *doc.Text:
			dump.WriteString(n.Text)
		case *doc.Code:
			dump.WriteString("<code>" + n.Text + "</code>")
		case *doc.Emph:
			dump.WriteString("<em>" + doc.PlainText(n.Content) + "</em>")
		}
	}
	if got := dump.String(); got != "A <code>Stack<T></code> that <em>grows</em>" {
		t.Errorf("caption %q", got)
	}
	if codes[1].Listing != nil {
		t.Errorf("a listing without a code block was given to the next one")
	}
	var warns []string
	for _, w := range res.Warnings {
		warns = append(warns, w.Error())
	}
	if len(warns) != 1 || !strings.HasPrefix(warns[0], `x.md:11: listing "3-3" has no code block; its caption is dropped`) {
		t.Errorf("warnings %q", warns)
	}
}

// TestWebImage: a picture on the web is a warning, and its alt text
// stands in its place, in a line and alone in a paragraph (inside a link,
// as a README's badges are, the link keeps it as its text).
func TestWebImage(t *testing.T) {
	src := "See [![build status](https://example.org/badge.svg)](https://example.org/ci) here.\n\n![a map of the bay](https://example.org/map.png)\n"
	res, err := Read("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, b := range res.Blocks {
		text = append(text, doc.PlainText(doc.Inlines(b)))
	}
	if strings.Join(text, "|") != "See build status here.|a map of the bay" {
		t.Errorf("text %q", text)
	}
	if len(res.Warnings) != 2 || !strings.Contains(res.Warnings[0].Error(), `x.md:1: image "https://example.org/badge.svg" is on the web and press never fetches files: its alt text "build status" stands in its place`) ||
		!strings.HasPrefix(res.Warnings[1].Error(), "x.md:3: ") {
		t.Errorf("warnings %v", res.Warnings)
	}
}

// TestHTMLPictures: mdBook's pictures in HTML, an <img> alone (a figure),
// <figure> with <img> and <figcaption> (a figure with its caption, in
// Markdown), and an <img> in a line (an inline image), leave no warning.
func TestHTMLPictures(t *testing.T) {
	dir := writePictures(t)
	src := "<img src=\"map.png\" alt=\"A map\" class=\"center\" />\n\n" +
		"<figure>\n\n<img src=\"rose.svg\" alt=\"A rose\" />\n\n<figcaption>Figure 2: The `rose`</figcaption>\n\n</figure>\n\n" +
		"| Icon | Meaning |\n|---|---|\n| <img src=\"map.png\" alt=\"map icon\"/> | A map. |\n"
	res, err := ReadIn(dir, dir+"/x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %v", res.Warnings)
	}
	var figs []*doc.Figure
	var inline []*doc.Image
	doc.WalkBlocks(res.Blocks, func(b doc.Block) {
		if f, ok := b.(*doc.Figure); ok {
			figs = append(figs, f)
		}
		if tb, ok := b.(*doc.Table); ok {
			for _, row := range tb.Rows {
				for _, cell := range row {
					for _, in := range cell {
						if im, ok := in.(*doc.Image); ok {
							inline = append(inline, im)
						}
					}
				}
			}
		}
	})
	if len(figs) != 2 || figs[0].Image.Alt != "A map" || figs[1].Image.Format != "svg" || len(figs[0].Caption) != 0 {
		t.Fatalf("figures %+v", figs)
	}
	if c := figs[1].Caption; len(c) != 2 || doc.PlainText(c) != "Figure 2: The rose" {
		t.Errorf("caption %q", doc.PlainText(c))
	}
	if len(inline) != 1 || inline[0].Alt != "map icon" {
		t.Errorf("inline images %+v", inline)
	}
}

// TestHTMLFigureBlock: a whole <figure> in one HTML block, as GitHub
// READMEs and You Don't Know JS write it (indented <img> with attributes
// press does not use, a <figcaption> with markup, <br> tags, no blank
// lines), is a figure with its caption and no warning; so is one with the
// caption first.
func TestHTMLFigureBlock(t *testing.T) {
	dir := writePictures(t)
	src := "Text.\n\n<figure>\n    <img src=\"map.png\" width=\"650\" alt=\"Scope &quot;Building&quot;\" align=\"center\">\n" +
		"    <figcaption><em>Fig. 1: The bay</em></figcaption>\n    <br><br>\n</figure>\n\nMore.\n\n" +
		"<figure><figcaption>Above</figcaption><img src=\"rose.svg\" alt=\"A rose\"/></figure>\n"
	res, err := ReadIn(dir, dir+"/x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %v", res.Warnings)
	}
	var figs []*doc.Figure
	doc.WalkBlocks(res.Blocks, func(b doc.Block) {
		if f, ok := b.(*doc.Figure); ok {
			figs = append(figs, f)
		}
	})
	if len(figs) != 2 {
		t.Fatalf("%d figures, want 2: %#v", len(figs), res.Blocks)
	}
	if figs[0].Image.Alt != `Scope "Building"` || figs[0].Pos.Line != 3 {
		t.Errorf("first figure %+v at %v", figs[0].Image, figs[0].Pos)
	}
	if c := figs[0].Caption; len(c) != 1 || doc.PlainText(c) != "Fig. 1: The bay" {
		t.Errorf("first caption %q (%d inlines)", doc.PlainText(c), len(c))
	} else if _, ok := c[0].(*doc.Emph); !ok {
		t.Errorf("first caption %#v, want emphasis", c[0])
	}
	if doc.PlainText(figs[1].Caption) != "Above" || figs[1].Image.Alt != "A rose" {
		t.Errorf("second figure %+v caption %q", figs[1].Image, doc.PlainText(figs[1].Caption))
	}
}

// TestHTMLPreAndImgParagraph: an HTML <pre><code> block is a code block
// (its markup left out, with a warning), and an <img> written over several
// lines, alone in its paragraph, is a figure.
func TestHTMLPreAndImgParagraph(t *testing.T) {
	dir := writePictures(t)
	src := "<pre><code>match <em>VALUE</em> {\n    x =&gt; y,\n}</code></pre>\n\n<img alt=\"A map\nover two lines\" src=\"map.png\"\nclass=\"center\" />\n"
	res, err := ReadIn(dir, dir+"/x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Blocks) != 2 {
		t.Fatalf("%d blocks: %#v %v", len(res.Blocks), res.Blocks, res.Warnings)
	}
	if c, ok := res.Blocks[0].(*doc.CodeBlock); !ok || c.Text != "match VALUE {\n    x => y,\n}\n" {
		t.Errorf("code block %#v", res.Blocks[0])
	}
	if f, ok := res.Blocks[1].(*doc.Figure); !ok || f.Image.Alt != "A map\nover two lines" && f.Image.Alt != "A map over two lines" {
		t.Errorf("figure %#v", res.Blocks[1])
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Error(), "x.md:1: HTML <pre> block: printed as a code block without its markup") {
		t.Errorf("warnings %v", res.Warnings)
	}
}
