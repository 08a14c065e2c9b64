package pass

import (
	"testing"

	"press/internal/doc"
)

// TestIDsNeverCollide: headings named like the notes' ids ("Note 1",
// "Noteref 1") and numbered duplicates ("A", "A", "A 2") get ids of their
// own. Both used to give an id twice, which the EPUB writer refused.
func TestIDsNeverCollide(t *testing.T) {
	h := func(level int, text string) *doc.Heading {
		return &doc.Heading{Level: level, Content: []doc.Inline{&doc.Text{Text: text}}}
	}
	note := &doc.Note{Label: "a", Blocks: []doc.Block{&doc.Para{Content: []doc.Inline{&doc.Text{Text: "n"}}}}}
	blocks := []doc.Block{
		h(1, "Note 1"),
		&doc.Para{Content: []doc.Inline{&doc.Text{Text: "x"}, &doc.NoteRef{Note: note}}},
		h(2, "Noteref 1"), h(1, "A"), h(1, "A"), h(1, "A 2"), h(1, "A"),
	}
	b, err := Build(doc.Meta{Title: "T", Language: "en"}, blocks)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	add := func(id, what string) {
		if prev, ok := seen[id]; ok {
			t.Errorf("id %q given to %s and %s", id, prev, what)
		}
		seen[id] = what
	}
	for _, n := range b.Notes {
		add(n.ID, "a note")
		add(n.RefID, "a note reference")
	}
	for _, s := range b.Sections {
		add(s.ID, "section "+s.Title())
		doc.WalkBlocks(s.Blocks, func(bl doc.Block) {
			if hd, ok := bl.(*doc.Heading); ok {
				add(hd.ID, "heading "+doc.PlainText(hd.Content))
			}
		})
	}
	if len(seen) < 2*len(b.Notes)+len(b.Sections) {
		t.Errorf("only %d ids seen for %d notes and %d sections", len(seen), len(b.Notes), len(b.Sections))
	}
}
