package layout_test

import (
	"strings"
	"testing"

	"press/internal/publish"
)

// TestListedCode: a listed code block (mdBook's <Listing>) is printed
// with "Filename: …" above its code and "Listing N." with its caption
// under it, all three on one page, in that order.
func TestListedCode(t *testing.T) {
	md := "# Stacks\n\n" + strings.Repeat("A paragraph of words to fill the page before the listing comes. ", 60) + "\n\n" +
		"<Listing number=\"3-2\" file-name=\"src/lib.rs\" caption=\"A stack that grows\">\n\n" +
		"```rust\nfn push() {}\nfn pop() {}\nfn peek() {}\n```\n\n</Listing>\n\nAfter.\n"
	p, err := publish.Load(publish.Options{BookDir: writeBook(t, md), LayoutsDir: "../../layouts"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Paginate()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		t.Errorf("warning: %v", w)
	}
	found := false
	for _, pg := range res.Doc.Pages {
		var all strings.Builder
		for _, tx := range pg.Texts {
			all.WriteString(tx.S + "|")
		}
		s := all.String()
		if !strings.Contains(s, "fn push() {}") && !strings.Contains(s, "Listing") && !strings.Contains(s, "Filename") {
			continue
		}
		found = true
		file, code, last, label := strings.Index(s, "Filename: |src/lib.rs|"), strings.Index(s, "fn push() {}|"), strings.Index(s, "fn peek() {}|"), strings.Index(s, "Listing 3-2.")
		if file < 0 || code < 0 || last < 0 || label < 0 || !(file < code && last < label) {
			t.Errorf("page %d: want the file name, the code and the caption in order on one page: %q", pg.Number, s)
		}
		break
	}
	if !found {
		t.Fatal("the listing is not printed")
	}
}
