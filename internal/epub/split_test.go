package epub

import (
	"fmt"
	"strings"
	"testing"

	"press/internal/doc"
)

// longSection is one section of about 1.2 MB of text: subheadings every
// 60 paragraphs, a note every 50, a link from the start to the last
// subheading and page breaks throughout.
func longSection() (*doc.Book, []PageBreak) {
	words := strings.Repeat("lorem ipsum dolor sit amet & co ", 40) // ~1.3 KB
	var blocks []doc.Block
	var notes []*doc.Note
	var breaks []PageBreak
	blocks = append(blocks, para(txt("See "), &doc.Link{URL: "#part-14", Content: []doc.Inline{txt("the last part")}}, txt(".")))
	for i := 1; i <= 900; i++ {
		if i%60 == 0 {
			id := fmt.Sprintf("part-%d", i/60)
			blocks = append(blocks, &doc.Heading{Level: 2, ID: id, Content: []doc.Inline{txt("Part " + id)}})
		}
		p := para(txt(words))
		if i%50 == 0 {
			n := &doc.Note{Label: fmt.Sprint(i), Number: len(notes) + 1, SectionID: "war"}
			n.ID, n.RefID = fmt.Sprintf("note-%d", n.Number), fmt.Sprintf("noteref-%d", n.Number)
			n.Blocks = []doc.Block{para(txt("A note."))}
			notes = append(notes, n)
			p.Content = append(p.Content, &doc.NoteRef{Note: n})
		}
		if i%3 == 0 {
			breaks = append(breaks, PageBreak{Label: fmt.Sprint(i / 3), Block: p, Offset: 10})
		}
		blocks = append(blocks, p)
	}
	s := &doc.Section{ID: "war", Heading: &doc.Heading{Level: 1, ID: "war", Content: []doc.Inline{txt("War")}}, Blocks: blocks}
	b := minimal()
	b.Sections = []*doc.Section{s}
	b.Notes = notes
	b.TOC = []*doc.TOCEntry{{Title: "War", SectionID: "war", Anchor: "war", Level: 1}}
	for i := 1; i <= 15; i++ {
		id := fmt.Sprintf("part-%d", i)
		b.TOC[0].Children = append(b.TOC[0].Children, &doc.TOCEntry{Title: id, SectionID: "war", Anchor: id, Level: 2})
	}
	return b, breaks
}

func TestLongSectionSplit(t *testing.T) {
	b, breaks := longSection()
	o := goldenOptions(t)
	o.PageBreaks = breaks
	_, files := unzip(t, build(t, b, o))
	var docs []string
	for name, data := range files {
		if strings.HasPrefix(name, "EPUB/text/") {
			docs = append(docs, name)
			if len(data) > 250_000 {
				t.Errorf("%s is %d bytes, more than 250 KB", name, len(data))
			}
		}
	}
	if len(docs) < 5 {
		t.Fatalf("a 1.2 MB section became %d documents: %v", len(docs), docs)
	}
	// Cut at subheadings: every part after the first starts with one.
	for name, data := range files {
		if strings.HasPrefix(name, "EPUB/text/war_") {
			body := string(data)
			body = body[strings.Index(body, "<section"):]
			body = body[strings.Index(body, "\n")+1:]
			if !strings.HasPrefix(strings.TrimSpace(body), "<h2") {
				t.Errorf("%s does not start at a subheading: %.80s", name, strings.TrimSpace(body))
			}
		}
	}
	checkLinks(t, files)
	// The spine lists every part; the page-list has every break.
	opf := string(files["EPUB/package.opf"])
	for _, d := range docs {
		if !strings.Contains(opf, `href="`+strings.TrimPrefix(d, "EPUB/")+`"`) {
			t.Errorf("package lacks %s", d)
		}
	}
	if got := strings.Count(string(files["EPUB/nav.xhtml"]), "#page-"); got != len(breaks) {
		t.Errorf("page-list has %d entries, want %d", got, len(breaks))
	}
}

func TestSplitSectionFallsBackToParagraphs(t *testing.T) {
	var blocks []doc.Block
	for range 100 {
		blocks = append(blocks, para(txt(strings.Repeat("x", 1000))))
	}
	parts := splitSection(blocks, 10_000)
	n := 0
	for _, p := range parts {
		size := 0
		for _, bl := range p {
			size += estimate(bl)
		}
		if size > 10_000 {
			t.Errorf("part of %d estimated bytes", size)
		}
		n += len(p)
	}
	if n != 100 || len(parts) < 10 {
		t.Errorf("%d blocks in %d parts", n, len(parts))
	}
}
