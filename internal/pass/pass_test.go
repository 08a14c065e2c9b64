package pass

import (
	"strings"
	"testing"

	"press/internal/doc"
)

func h(level int, text string, line int) *doc.Heading {
	return &doc.Heading{Level: level, Content: []doc.Inline{&doc.Text{Text: text}}, Pos: doc.Pos{File: "b.md", Line: line}}
}

func p(text string, notes ...*doc.Note) *doc.Para {
	c := []doc.Inline{&doc.Text{Text: text}}
	for _, n := range notes {
		c = append(c, &doc.NoteRef{Note: n})
	}
	return &doc.Para{Content: c}
}

func TestHeadingLevelsMustNotSkip(t *testing.T) {
	_, err := Build(doc.Meta{Title: "T"}, []doc.Block{h(1, "One", 1), p("x"), h(3, "Three", 5)})
	if err == nil || !strings.Contains(err.Error(), "b.md:5: heading \"Three\" is level 3 but follows level 1") {
		t.Fatalf("got %v", err)
	}
	_, err = Build(doc.Meta{Title: "T"}, []doc.Block{h(2, "Two", 2)})
	if err == nil || !strings.Contains(err.Error(), "b.md:2: heading \"Two\" is level 2, but the first heading must be level 1") {
		t.Fatalf("got %v", err)
	}
}

func TestEmptyManuscript(t *testing.T) {
	if _, err := Build(doc.Meta{Title: "T"}, nil); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("got %v", err)
	}
}

func TestIDsUniqueAndSafe(t *testing.T) {
	b, err := Build(doc.Meta{Title: "T"}, []doc.Block{
		p("opening"), h(1, "Notes", 1), h(1, "Café Ünïcode", 2), h(1, "Café Ünïcode", 3), h(2, "2024", 4), h(1, "“!”", 5),
	})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range b.Sections {
		ids = append(ids, s.ID)
	}
	want := "opening notes-2 cafe-unicode cafe-unicode-2 section"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("ids %q, want %q", got, want)
	}
	if sub := b.Sections[3].Blocks[0].(*doc.Heading); sub.ID != "s-2024" {
		t.Errorf("numeric heading id %q", sub.ID)
	}
	seen := map[string]bool{}
	for _, s := range b.Sections {
		if seen[s.ID] {
			t.Errorf("duplicate id %s", s.ID)
		}
		seen[s.ID] = true
	}
}

func TestNotesNumberedInReadingOrder(t *testing.T) {
	a, c := &doc.Note{Label: "a"}, &doc.Note{Label: "c"}
	q := &doc.Quote{Blocks: []doc.Block{p("quoted", c)}}
	b, err := Build(doc.Meta{Title: "T"}, []doc.Block{p("first", a), h(1, "S", 3), q})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Notes) != 2 || b.Notes[0] != a || b.Notes[1] != c {
		t.Fatalf("notes %v", b.Notes)
	}
	if c.Number != 2 || c.ID != "note-2" || c.RefID != "noteref-2" || c.SectionID != "s" {
		t.Errorf("note c: %+v", c)
	}
	if len(b.TOC) != 2 || b.TOC[0].Title != "T" || b.TOC[1].Anchor != "s" {
		t.Errorf("toc %+v", b.TOC)
	}
}
