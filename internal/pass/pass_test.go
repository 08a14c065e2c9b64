package pass

import (
	"fmt"
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

func levels(b *doc.Book) string {
	var out []string
	for _, s := range b.Sections {
		if s.Heading != nil {
			out = append(out, fmt.Sprintf("%d:%s", s.Heading.Level, s.Title()))
		} else {
			out = append(out, "opening")
		}
		doc.WalkBlocks(s.Blocks, func(bl doc.Block) {
			if h, ok := bl.(*doc.Heading); ok {
				out = append(out, fmt.Sprintf("%d:%s", h.Level, doc.PlainText(h.Content)))
			}
		})
		out = append(out, "|")
	}
	return strings.Join(out, " ")
}

func TestHeadingLevelsAsMeant(t *testing.T) {
	for _, c := range []struct {
		name   string
		blocks []doc.Block
		level  int
		want   string
		warns  []string
	}{
		{name: "skipped level nests under the nearest higher heading",
			blocks: []doc.Block{h(1, "One", 1), p("x"), h(3, "Three", 5), h(2, "Two", 7), h(4, "Four", 9)},
			want:   "1:One 2:Three 2:Two 3:Four |",
			warns: []string{`b.md:5: heading "Three" is level 3 but follows level 1 (a level is skipped); it is set as a level-2 heading under the one above; write it with ## to say so`,
				`b.md:9: heading "Four" is level 4 but follows level 2 (a level is skipped); it is set as a level-3 heading under the one above; write it with ### to say so`}},
		{name: "a book written from ## has its sections at ##",
			blocks: []doc.Block{p("opening"), h(2, "Two", 2), p("x"), h(3, "Sub", 4), h(2, "Again", 6)},
			want:   "opening | 1:Two 2:Sub | 1:Again |"},
		{name: "the title heading above chapters is not the only section",
			blocks: []doc.Block{h(1, "War and Peace", 1), p("by"), h(2, "Chapter 1", 3), p("x"), h(3, "Part", 5), h(2, "Chapter 2", 7)},
			want:   "1:War and Peace | 1:Chapter 1 2:Part | 1:Chapter 2 |"},
		{name: "one # above a single ## stays one section",
			blocks: []doc.Block{h(1, "Essay", 1), p("x"), h(2, "Only part", 3)},
			want:   "1:Essay 2:Only part |"},
		{name: "a heading in a quotation or a list takes the next level, with no warning",
			blocks: []doc.Block{h(1, "One", 1), &doc.Quote{Blocks: []doc.Block{h(4, "Keywords", 3), p("x")}}, h(2, "Two", 5),
				&doc.List{Items: [][]doc.Block{{h(2, "Item", 7)}}}, &doc.Quote{Blocks: []doc.Block{h(5, "Note", 9)}}, h(1, "Next", 11),
				&doc.Quote{Blocks: []doc.Block{h(1, "Quoted title", 13)}}},
			want: "1:One 2:Keywords 2:Two 2:Item 3:Note | 1:Next 2:Quoted title |"},
		{name: "book.toml chooses the level",
			blocks: []doc.Block{h(1, "Part I", 1), h(2, "Ch 1", 2), h(2, "Ch 2", 3), h(1, "Part II", 4), h(2, "Ch 3", 5)},
			level:  2,
			want:   "1:Part I | 1:Ch 1 | 1:Ch 2 | 1:Part II | 1:Ch 3 |"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, warns, err := BuildWith(doc.Meta{Title: "T"}, c.blocks, Options{SectionLevel: c.level})
			if err != nil {
				t.Fatal(err)
			}
			if got := levels(b); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			var got []string
			for _, w := range warns {
				got = append(got, w.Error())
			}
			if strings.Join(got, "\n") != strings.Join(c.warns, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.warns, "\n"))
			}
		})
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

// TestRunningTitles: the book's title opening every file right above the
// file's own heading (You Don't Know JS) is left out; a heading opening
// one file only, one above deeper headings or text, and a title repeated
// in only one file that way, stay.
func TestRunningTitles(t *testing.T) {
	at := func(file string, hd *doc.Heading) *doc.Heading { hd.Pos.File = file; return hd }
	files := [][]doc.Block{
		{at("a.md", h(1, "Book: Part  One", 1)), at("a.md", h(1, "Foreword", 2)), p("Text.")},
		{at("b.md", h(1, "Book: Part One", 1)), at("b.md", h(1, "Chapter 1", 2)), p("Text."), h(2, "Inside", 5)},
		{at("c.md", h(1, "Book: Part One", 1)), p("Text."), h(1, "Chapter 2", 4)},
		{at("d.md", h(1, "Appendix", 1)), at("d.md", h(2, "A.1", 2)), p("Text.")},
		{at("e.md", h(1, "Other", 1)), at("e.md", h(1, "Chapter 3", 2))},
	}
	out, dropped := RunningTitles(files)
	if len(dropped) != 2 || dropped[0].Pos.File != "a.md" || dropped[1].Pos.File != "b.md" {
		t.Fatalf("dropped %v", dropped)
	}
	var all []doc.Block
	for _, f := range out {
		all = append(all, f...)
	}
	b, err := Build(doc.Meta{Title: "T"}, all)
	if err != nil {
		t.Fatal(err)
	}
	want := "1:Foreword | 1:Chapter 1 2:Inside | 1:Book: Part One | 1:Chapter 2 | 1:Appendix 2:A.1 | 1:Other | 1:Chapter 3 |"
	if got := levels(b); got != want {
		t.Errorf("sections\n got %s\nwant %s", got, want)
	}
}
