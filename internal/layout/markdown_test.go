package layout_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"press/internal/config"
	"press/internal/layout"
	"press/internal/page"
	"press/internal/publish"
)

// paginateFixture lays out the Markdown fixture book (testdata/markdown-book)
// in its a5 layout, changed by edit first when it is not nil.
func paginateFixture(t *testing.T, edit func(l *config.Layout)) *layout.Result {
	t.Helper()
	return paginateBook(t, "../../testdata/markdown-book", edit)
}

// paginateBook lays out the book in dir in its a5 layout, changed by edit
// first when it is not nil.
func paginateBook(t *testing.T, dir string, edit func(l *config.Layout)) *layout.Result {
	t.Helper()
	p, err := publish.Load(publish.Options{BookDir: dir, LayoutsDir: "../../layouts", Layout: "a5"})
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		l := *p.Layout
		edit(&l)
		p.Layout = &l
	}
	res, err := p.Paginate()
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// textAt finds the first text run that is s or starts with it (spaces
// around it aside), with its page.
func textAt(d *page.Doc, s string) (*page.Page, *page.Text) {
	for _, p := range d.Pages {
		for i := range p.Texts {
			if strings.HasPrefix(strings.TrimSpace(p.Texts[i].S), s) {
				return p, &p.Texts[i]
			}
		}
	}
	return nil, nil
}

// TestStrikethroughRule: struck-through words carry a rule through them,
// above the baseline and below the x-height, as wide as the words; the
// words around them have none.
func TestStrikethroughRule(t *testing.T) {
	d := paginateFixture(t, nil).Doc
	p, struck := textAt(d, "higher")
	if p == nil {
		t.Fatal("no struck word in the fixture's PDF")
	}
	if strings.Contains(struck.S, "lower") {
		t.Fatalf("the struck word shares a run with the words after it: %q", struck.S)
	}
	size := page.ToPT(struck.Size)
	found := 0
	for _, r := range p.Rules {
		if r.Y > struck.Y || r.Y < struck.Y-struck.Size/2 {
			continue // not on this line's x-height band
		}
		if r.X > struck.X+struck.Size/10 || r.X < struck.X-struck.Size/10 {
			continue
		}
		found++
		mid := page.ToPT(struck.Y - r.Y - r.H/2)
		if mid < 0.15*size || mid > 0.4*size {
			t.Errorf("strike rule %.2f pt above the baseline at %.1f pt type", mid, size)
		}
		if h := page.ToPT(r.H); h < 0.25 || h > 0.1*size {
			t.Errorf("strike rule %.2f pt thick", h)
		}
		if r.W < struck.Size || r.W > 4*struck.Size {
			t.Errorf("strike rule %.2f pt wide over %q", page.ToPT(r.W), struck.S)
		}
	}
	if found != 1 {
		t.Errorf("%d strike rules over %q, want 1", found, struck.S)
	}
	// The long struck phrase runs over a line end: one rule on each of
	// its two lines, however the spaces between its words were stretched
	// (the first line also has the rule through "higher").
	for w, want := range map[string]int{"struck": 2, "phrase": 1} {
		p, tx := textAt(d, w)
		if p == nil {
			t.Fatalf("%q is not in the PDF", w)
		}
		n := 0
		for _, r := range p.Rules {
			if r.Y < tx.Y && r.Y > tx.Y-tx.Size/2 {
				n++
			}
		}
		if n != want {
			t.Errorf("%d strike rules on the line of %q, want %d", n, w, want)
		}
	}
}

// TestDefinitionList: a term is set in bold at the text's left edge, its
// definition indented under it on the next line; two terms above one
// definition stand on lines of their own.
func TestDefinitionList(t *testing.T) {
	d := paginateFixture(t, nil).Doc
	pt, term := textAt(d, "Ledger")
	pd, def := textAt(d, "The book of")
	pp, para := textAt(d, "prices")
	if pp != nil {
		for i := range pp.Texts { // the first word of its line
			if tx := &pp.Texts[i]; tx.Y == para.Y && tx.X < para.X {
				para = tx
			}
		}
	}
	if term == nil || def == nil || para == nil {
		t.Fatal("the definition list is not in the PDF")
	}
	if term.Font != layout.Bold {
		t.Errorf("term set in %s, want bold", term.Font)
	}
	if def.Font != layout.Regular {
		t.Errorf("definition set in %s", def.Font)
	}
	if pt != pd || def.Y <= term.Y {
		t.Errorf("the definition is not under its term (pages %d, %d)", pt.Number, pd.Number)
	}
	if indent := def.X - term.X; indent < term.Size || indent > 2*term.Size {
		t.Errorf("definition indented %.2f pt from its term", page.ToPT(indent))
	}
	if para.X != term.X {
		t.Errorf("the paragraph after the list starts at %.2f pt, the term at %.2f", page.ToPT(para.X), page.ToPT(term.X))
	}
	_, t1 := textAt(d, "Reconciliation")
	_, t2 := textAt(d, "Balancing")
	if t1 == nil || t2 == nil || t1.Y >= t2.Y || t1.X != t2.X || t2.Font != layout.Bold {
		t.Error("two terms of one definition are not on lines of their own, in bold")
	}
}

// TestCodeBackground: with [code] background and rule, a code block of
// sixty lines that runs over three pages has on each page one tint and
// one rule, each reaching from above the first of its lines printed there
// to below the last, inside the type area; the text after the block is
// not under the tint. Without the keys there is neither.
func TestCodeBackground(t *testing.T) {
	dir := t.TempDir()
	toml, err := os.ReadFile("../../testdata/markdown-book/book.toml")
	if err != nil {
		t.Fatal(err)
	}
	var code strings.Builder
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&code, "line_%02d = compute(%d)\n", i, i)
	}
	md := "# Code\n\nA paragraph before the code.\n\n```\n" + code.String() + "```\n\nThe paragraph after the code.\n"
	for name, text := range map[string]string{"book.toml": string(toml), "a.md": md} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := paginateBook(t, dir, func(l *config.Layout) { l.Code.Background, l.Code.Rule = "#f3f1ec", 0.5 })
	pages := 0
	for _, p := range res.Doc.Pages {
		var lines []page.Text
		for _, tx := range p.Texts {
			if strings.HasPrefix(tx.S, "line_") {
				lines = append(lines, tx)
			}
		}
		if len(lines) == 0 {
			if len(p.Fills) > 0 {
				t.Errorf("page %d has a tint and no code", p.Number)
			}
			continue
		}
		pages++
		if len(p.Fills) != 1 {
			t.Fatalf("page %d: %d tints for its %d code lines", p.Number, len(p.Fills), len(lines))
		}
		f := p.Fills[0]
		if f.R != 0xf3 || f.G != 0xf1 || f.B != 0xec {
			t.Errorf("tint #%02x%02x%02x", f.R, f.G, f.B)
		}
		first, last := lines[0], lines[len(lines)-1]
		if f.Y > first.Y-first.Size*3/4 || f.Y+f.H < last.Y+last.Size/4 {
			t.Errorf("page %d: the tint %.1f–%.1f pt does not cover its lines %.1f–%.1f", p.Number, page.ToPT(f.Y), page.ToPT(f.Y+f.H), page.ToPT(first.Y), page.ToPT(last.Y))
		}
		for _, tx := range p.Texts {
			// No other text (the paragraphs around, the running head,
			// the folio) reaches into the tint.
			if !strings.HasPrefix(tx.S, "line_") && tx.Y+tx.Size/4 > f.Y && tx.Y-tx.Size*3/4 < f.Y+f.H {
				t.Errorf("page %d: %q at %.1f pt is under the tint %.1f–%.1f", p.Number, tx.S, page.ToPT(tx.Y), page.ToPT(f.Y), page.ToPT(f.Y+f.H))
			}
		}
		if f.X >= first.X || f.X+f.W < first.X+first.Size*10 {
			t.Errorf("page %d: the tint's sides %.1f–%.1f pt do not hold the code at %.1f", p.Number, page.ToPT(f.X), page.ToPT(f.X+f.W), page.ToPT(first.X))
		}
		rules := 0
		for _, r := range p.Rules {
			if r.X == f.X && r.Y == f.Y && r.H == f.H && r.W == page.FromPT(0.5) {
				rules++
			}
		}
		if rules != 1 {
			t.Errorf("page %d: %d rules beside the code", p.Number, rules)
		}
	}
	if pages < 2 {
		t.Errorf("the code block is on %d page(s); the test needs it split", pages)
	}
	for _, p := range paginateBook(t, dir, nil).Doc.Pages {
		if len(p.Fills) > 0 {
			t.Errorf("page %d has a tint the layout does not ask for", p.Number)
		}
	}
}

// anchorsOf maps every anchor of the document to its page.
func anchorsOf(d *page.Doc) map[string]*page.Page {
	m := map[string]*page.Page{}
	for _, p := range d.Pages {
		for _, a := range p.Anchors {
			m[a.Name] = p
		}
	}
	return m
}

// TestAddressEndnotes: by default a web link whose text is not its
// address gets a lettered mark after its text, linked to its address in
// a list "Web addresses" after the notes, which links back to the mark
// and out to the web; the address is not in the line. A link whose text
// is the address gets no mark; the book's notes keep their numbers.
func TestAddressEndnotes(t *testing.T) {
	res := paginateFixture(t, nil)
	d := res.Doc
	at := anchorsOf(d)
	ref, entry := at["webaddrref-1"], at["webaddr-1"]
	if ref == nil || entry == nil {
		t.Fatal("no web address mark or entry")
	}
	if at["webaddr-2"] != nil {
		t.Error("a second web address: links whose text is their address must get none")
	}
	if ref.Role != "body" || entry.Role != "notes" || at["web-addresses"] != entry || at["notes"] == nil || at["notes"].Number > entry.Number {
		t.Errorf("mark on a %s page, entry on a %s page (page %d, notes from %d)", ref.Role, entry.Role, entry.Number, at["notes"].Number)
	}
	// The mark: the letter right after the link's text, linked to the entry.
	var mark *page.Text
	for _, l := range ref.Links {
		if l.Dest != "webaddr-1" {
			continue
		}
		for i := range ref.Texts {
			tx := &ref.Texts[i]
			if tx.S == "a" && tx.X >= l.X-page.PT && tx.X < l.X+l.W && tx.Y > l.Y && tx.Y < l.Y+2*l.H {
				mark = tx
			}
		}
	}
	if mark == nil {
		t.Fatal("the mark \"a\" is not a link to its address")
	}
	var manual *page.Text
	for i := range ref.Texts {
		if tx := &ref.Texts[i]; strings.HasSuffix(strings.TrimSpace(tx.S), "manual") {
			manual = tx
		}
	}
	if manual == nil || mark.Y >= manual.Y || mark.X <= manual.X || mark.Size >= manual.Size {
		t.Errorf("the mark is not small and raised after \"manual\"")
	}
	for _, p := range d.Pages {
		for _, tx := range p.Texts {
			if p.Role == "body" && strings.Contains(tx.S, "example.org/press/manual") {
				t.Errorf("page %d prints the address in the line: %q", p.Number, tx.S)
			}
		}
	}
	// The entry: "a." linked back to the mark, the address linked out.
	back, out := false, false
	for _, l := range entry.Links {
		back = back || l.Dest == "webaddrref-1"
		out = out || l.URL == "https://example.org/press/manual"
	}
	if !back || !out {
		t.Errorf("the entry links back %v, out %v", back, out)
	}
	if _, e := textAt(d, "https://example.org/press/manual"); e == nil {
		t.Error("the address is not printed in the list")
	}
	numbers := map[string]bool{}
	for _, tx := range at["notes"].Texts {
		numbers[tx.S] = true
	}
	if !numbers["1."] || !numbers["2."] || !numbers["a."] {
		t.Errorf("the notes are not numbered 1., 2. and the address lettered a.: %v", numbers)
	}
	// Inline, the old way: the address in brackets after the text, no list.
	d = paginateFixture(t, func(l *config.Layout) { l.Pages.LinkAddresses = "inline" }).Doc
	if anchorsOf(d)["web-addresses"] != nil {
		t.Error("inline addresses still make a list")
	}
	if p, _ := textAt(d, "(https://example.org/press/manual)"); p == nil {
		if p, _ := textAt(d, "https://example.org/press/manual"); p == nil || p.Role != "body" {
			t.Error("inline: the address is not in the line")
		}
	}
}

// TestLetterMarks: a … z, then two letters.
func TestLetterMarks(t *testing.T) {
	for n, want := range map[int]string{0: "a", 25: "z", 26: "aa", 27: "ab", 51: "az", 52: "ba", 701: "zz", 702: "aaa"} {
		if got := layout.LetterMark(n); got != want {
			t.Errorf("mark %d = %q, want %q", n, got, want)
		}
	}
}

// TestPageRefs: with [pages] page_refs, every cross-reference is followed
// by "(p. N)", N the page its target is printed on in the final page
// model, and the reference is part of the link; without it there is none.
func TestPageRefs(t *testing.T) {
	d := paginateFixture(t, func(l *config.Layout) { l.Pages.PageRefs = true }).Doc
	at := anchorPages(d)
	ref := regexp.MustCompile(`\(p\.\x{a0}(\d+)\)`)
	checked := 0
	for _, p := range d.Pages {
		for _, tx := range p.Texts {
			for _, m := range ref.FindAllStringSubmatch(tx.S, -1) {
				n, _ := strconv.Atoi(m[1])
				var dest string
				for _, l := range p.Links {
					if l.Dest != "" && tx.X >= l.X-page.PT && tx.X < l.X+l.W && tx.Y > l.Y && tx.Y < l.Y+2*l.H {
						dest = l.Dest
					}
				}
				if dest == "" {
					t.Errorf("page %d: %q is in no cross-reference link", p.Number, tx.S)
					continue
				}
				if at[dest] != n || d.Pages[n-1].Folio != m[1] {
					t.Errorf("page %d: %q refers to %s, which is on page %d", p.Number, tx.S, dest, at[dest])
				}
				checked++
			}
		}
	}
	if checked != 3 {
		t.Errorf("%d page references checked, want the fixture's 3", checked)
	}
	for _, p := range paginateFixture(t, nil).Doc.Pages {
		for _, tx := range p.Texts {
			if strings.Contains(tx.S, "(p.") {
				t.Errorf("page %d: %q without page_refs", p.Number, tx.S)
			}
		}
	}
}

// TestPageRefsSamePage: a cross-reference on the page of its target gets
// no "(p. N)" (the reader sees the target), one to another page does,
// and the anchors that find each reference's page never reach the page
// model.
func TestPageRefsSamePage(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "book.toml"), []byte(`title = "Refs"
authors = ["A. Writer"]
language = "en"
identifier = "urn:uuid:5b0c7a3e-1f2d-4c5b-9e8f-0a1b2c3d4e61"
date = "2026-01-01"
`), 0o644)
	filler := strings.Repeat("A line of filler text that takes up room on the page and then some more. ", 40)
	os.WriteFile(filepath.Join(dir, "refs.md"), []byte("# One\n\n## Near {#near}\n\nThe heading just above, [the near one](#near), is on this page.\n\n"+
		filler+"\n\n"+filler+"\n\n## Far {#far}\n\nBack to [the first heading](#near), pages before.\n"), 0o644)
	d := paginateBook(t, dir, func(l *config.Layout) { l.Pages.PageRefs = true }).Doc
	at := anchorPages(d)
	if at["near"] == at["far"] {
		t.Fatalf("the fixture's two headings are on one page, %d", at["near"])
	}
	var near, far string
	for _, p := range d.Pages {
		for _, a := range p.Anchors {
			if strings.HasPrefix(a.Name, "\x00") {
				t.Errorf("page %d: the reference anchor %q reached the page model", p.Number, a.Name)
			}
		}
		for i, tx := range p.Texts {
			rest := ""
			for _, u := range p.Texts[i:min(i+4, len(p.Texts))] {
				rest += u.S
			}
			if strings.Contains(tx.S, "near one") {
				near = rest
			}
			if strings.Contains(tx.S, "first heading") {
				far = rest
			}
		}
	}
	if !strings.Contains(near, "near one, is") || strings.Contains(near, "(p.") {
		t.Errorf("the reference on its target's page reads %q, want no page number", near)
	}
	if want := "(p.\u00a0" + d.Pages[at["near"]-1].Folio + ")"; !strings.Contains(far, want) {
		t.Errorf("the reference pages later reads %q, want %q", far, want)
	}
}

// TestSuperiorMarks: in a layout whose font has superior letters (EB
// Garamond's "sups"), the mark of a web address is that glyph at the
// text's size on the baseline; with Vollkorn, which has superior figures
// but no superior letters, it is a small regular letter raised.
func TestSuperiorMarks(t *testing.T) {
	for _, c := range []struct {
		layout string
		sups   bool
	}{{"garamond", true}, {"a5", false}} {
		p, err := publish.Load(publish.Options{BookDir: "../../testdata/markdown-book", LayoutsDir: "../../layouts", Layout: c.layout})
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Paginate()
		if err != nil {
			t.Fatal(err)
		}
		var mark, manual *page.Text
		for _, pg := range res.Doc.Pages {
			for i := range pg.Texts {
				tx := &pg.Texts[i]
				if tx.S == "a" && mark == nil && manual != nil && pg.Role == "body" {
					mark = tx
				}
				if strings.HasSuffix(strings.TrimSpace(tx.S), "manual") && pg.Role == "body" {
					manual = tx
				}
			}
		}
		if mark == nil || manual == nil {
			t.Fatalf("%s: no mark after \"manual\"", c.layout)
		}
		if c.sups {
			if mark.Font != layout.Superior || mark.Size != manual.Size || mark.Y != manual.Y {
				t.Errorf("%s: mark in %s at %v pt, y %v; want the superior face at the text's %v pt on its baseline %v", c.layout, mark.Font, mark.Size, mark.Y, manual.Size, manual.Y)
			}
		} else if mark.Font != layout.Regular || mark.Size >= manual.Size || mark.Y >= manual.Y {
			t.Errorf("%s: mark in %s at %v, y %v; want a smaller regular letter raised above %v", c.layout, mark.Font, mark.Size, mark.Y, manual.Y)
		}
	}
}

// TestTaskBoxIsTheMark: a task of a bulleted list ("- [x] …") has its box
// where the bullet of another item hangs, on its first line, ahead of the
// text and in the monospaced face, and no bullet is drawn beside it.
func TestTaskBoxIsTheMark(t *testing.T) {
	d := paginateFixture(t, nil).Doc
	for _, c := range []struct{ box, text string }{{"☑", "write the fixture"}, {"☐", "read every page"}} {
		p, text := textAt(d, c.text)
		if text == nil {
			t.Fatalf("%q is not in the PDF", c.text)
		}
		var box *page.Text
		for i := range p.Texts {
			tx := &p.Texts[i]
			if tx.Y != text.Y {
				continue
			}
			switch strings.TrimSpace(tx.S) {
			case c.box:
				box = tx
			case "•":
				t.Errorf("%q has a bullet as well as its box", c.text)
			}
			if strings.Contains(tx.S, c.box) && tx != box {
				t.Errorf("the box of %q is in its text: %q", c.text, tx.S)
			}
		}
		if box == nil {
			t.Fatalf("no box %s on the line of %q", c.box, c.text)
		}
		if box.X >= text.X || text.X-box.X > 2*text.Size || box.Font != layout.Mono {
			t.Errorf("box of %q at %.2f pt in %s, its text at %.2f pt", c.text, page.ToPT(box.X), box.Font, page.ToPT(text.X))
		}
	}
}
