package mdread

import (
	"strings"
	"testing"

	"press/internal/doc"
)

// TestInlineNotes: pandoc's inline notes become notes, with their
// formatting and nested brackets; a "^[" in a code span or without its
// closing bracket stays text; "[^_]" in code is no note reference.
func TestInlineNotes(t *testing.T) {
	src := "A claim.^[See *the* [first] source.] More `x^[y]` and `[^_]`.^[Two.] Open ^[ends not.\n"
	res, err := Read("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	para := res.Blocks[0].(*doc.Para)
	var got strings.Builder
	var notes []string
	for _, in := range para.Content {
		switch n := in.(type) {
		case *doc.NoteRef:
			got.WriteString("[N]")
			notes = append(notes, doc.PlainText(doc.Inlines(n.Note.Blocks[0])))
		case *doc.Code:
			got.WriteString("`" + n.Text + "`")
		default:
			got.WriteString(doc.PlainText([]doc.Inline{in}))
		}
	}
	if want := "A claim.[N] More `x^[y]` and `[^_]`.[N] Open ^[ends not."; got.String() != want {
		t.Errorf("text %q, want %q", got.String(), want)
	}
	if strings.Join(notes, "|") != "See the [first] source.|Two." {
		t.Errorf("notes %q", notes)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %v", res.Warnings)
	}
}

// TestHeadingAttributes: pandoc's "{#id}" after a heading gives its id and
// is not printed.
func TestHeadingAttributes(t *testing.T) {
	res, err := Read("x.md", []byte("# Usage {#usage-id}\n\nText.\n\n## Plain\n"))
	if err != nil {
		t.Fatal(err)
	}
	h := res.Blocks[0].(*doc.Heading)
	if h.ID != "usage-id" || doc.PlainText(h.Content) != "Usage" {
		t.Errorf("heading %q id %q", doc.PlainText(h.Content), h.ID)
	}
	if h2 := res.Blocks[2].(*doc.Heading); h2.ID != "" {
		t.Errorf("a heading without attributes got id %q before the pass", h2.ID)
	}
}

// TestDirectives: other tools' preprocessor directives, which press does
// not run, are one warning per kind and file, at the first, with the
// count: mdBook's directives other than its file includes (include.go
// follows those) and bookdown's \@ref.
func TestDirectives(t *testing.T) {
	src := "See Section \\@ref(intro) and \\@ref(more).\n\n```rust\n{{#title Hello}}\n```\n\n```rust\n{{#title Again}}\n```\n\n```rust\n{{#template header.md}}\n```\n\n{{#include part.md}}\n"
	res, err := Read("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		"x.md:1: bookdown's cross-reference @ref(…) is printed as written, 2 times (first here)",
		"x.md:4: mdBook {{#title…}} is printed as written, 2 times (first here)",
		"x.md:12: mdBook {{#template…}} is printed as written, once",
		"x.md:15: mdBook {{#include…}} outside a code block is printed as written, once",
	}
	if len(got) != len(want) {
		t.Fatalf("warnings %q", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %q, want %q", got[i], want[i])
		}
	}
}
