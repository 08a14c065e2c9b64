package layout_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"press/internal/publish"
)

// writeBook writes a one-chapter book with the given Markdown into a
// fresh folder and returns it.
func writeBook(t *testing.T, md string) string {
	t.Helper()
	dir := t.TempDir()
	toml := `title = "Talk"
authors = ["A. Writer"]
language = "en"
identifier = "urn:uuid:7d1c58a8-0a41-4d2e-8f35-55a1b2c3d4e5"
date = "2026-01-01"
`
	if err := os.WriteFile(filepath.Join(dir, "book.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "talk.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestDialoguePages: a chapter of short paragraphs, as a novel's dialogue
// (one to three lines each, none of which may be broken inside with the
// widow and club penalties at 10000), breaks between paragraphs: no page
// is cut where it overflowed, and every page but the chapter's last is
// short by less than the longest paragraph (which may not fit whole).
func TestDialoguePages(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Talk\n\n")
	lines := []string{
		"\"Yes,\" she said.",
		"\"Then we go tomorrow, before the boats are out and the quay is empty of everyone but the gulls,\" he answered.",
		"She looked at the water for a long while and said nothing, and he did not ask her again, because he knew that when she was silent like that the answer was already given and only waited for its words.",
	}
	for i := range 400 {
		fmt.Fprintf(&b, "%s\n\n", lines[i%len(lines)])
	}
	p, err := publish.Load(publish.Options{BookDir: writeBook(t, b.String()), LayoutsDir: "../../layouts"})
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
	full, longest := 0, 0
	var body []int
	for _, pg := range res.Doc.Pages {
		if pg.Role == "body" {
			body = append(body, len(pg.Lines))
			full = max(full, len(pg.Lines))
			for _, l := range pg.Lines {
				longest = max(longest, l.Index+1)
			}
		}
	}
	if longest > 4 {
		t.Fatalf("the longest paragraph has %d lines; the test wants short ones", longest)
	}
	if len(body) < 10 {
		t.Fatalf("only %d body pages", len(body))
	}
	// The first page holds the heading; the last is what is left.
	for i, n := range body[1 : len(body)-1] {
		if n <= full-longest {
			t.Errorf("body page %d has %d lines, want more than %d", i+2, n, full-longest)
		}
	}
}
