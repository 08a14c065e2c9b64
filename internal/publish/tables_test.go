package publish_test

import (
	"path/filepath"
	"strings"
	"testing"

	"press/internal/doc"
	"press/internal/page"
	"press/internal/publish"
)

func tables(b *doc.Book) []*doc.Table {
	var out []*doc.Table
	for _, s := range b.Sections {
		doc.WalkBlocks(s.Blocks, func(bl doc.Block) {
			if t, ok := bl.(*doc.Table); ok {
				out = append(out, t)
			}
		})
	}
	return out
}

// pageLines returns a page's text lines, top to bottom, runs joined.
func pageLines(p *page.Page) []string {
	var lines []string
	y := page.SP(-1)
	for _, t := range p.Texts {
		if t.Y != y {
			lines = append(lines, "")
			y = t.Y
		}
		lines[len(lines)-1] += t.S
	}
	return lines
}

// TestTableAcrossPages: the register, longer than a page, breaks between
// rows; every page it continues on opens with its head row under a rule,
// and no row is split.
func TestTableAcrossPages(t *testing.T) {
	p, d, _ := loadFixture(t)
	var register *doc.Table
	for _, tb := range tables(p.Book) {
		if len(tb.Rows) > 40 {
			register = tb
		}
	}
	if register == nil {
		t.Fatal("the fixture has no table longer than a page")
	}
	first := anchorPage(d, register.ID)
	last := pageOf(d, "Quest")
	if first == 0 || last <= first {
		t.Fatalf("the register runs from page %d to %d; want more than one page", first, last)
	}
	top := page.FromMM(p.Layout.Page.Top)
	for n := first + 1; n <= last; n++ {
		pg := d.Pages[n-1]
		lines := pageLines(pg)
		// After the running head, the table's head row (cells are runs of
		// their own: compare without spaces).
		if len(lines) < 2 || strings.ReplaceAll(lines[1], " ", "") != "BoatSkipperHandsUsualgroundsBuilt" {
			t.Errorf("page %d continues the table but does not open with its head: %q", n, lines[:min(2, len(lines))])
		}
		if len(pg.Rules) < 2 || pg.Rules[0].Y != top {
			t.Errorf("page %d: the repeated head has no rule at the top of the type area", n)
		}
	}
	// Every boat is printed once, whole, on one line.
	for _, row := range register.Rows {
		name := doc.PlainText(row[0])
		if pageOf(d, name+" ") == 0 && pageOf(d, name) == 0 {
			t.Errorf("boat %q is not printed", name)
		}
	}
}

// TestTableFit: every table fits the measure; the wide one is set
// smaller than the layout's size, with a warning; numbers are right-aligned.
func TestTableFit(t *testing.T) {
	p, d, warns := loadFixture(t)
	if len(tables(p.Book)) < 3 {
		t.Fatalf("the fixture has %d tables, want at least 3", len(tables(p.Book)))
	}
	all := strings.Join(warns, "\n")
	if !strings.Contains(all, "02-weather.md:") || !strings.Contains(all, "table set at") {
		t.Errorf("no warning that the wide table was set smaller:\n%s", all)
	}
	inner, outer := page.FromMM(p.Layout.Page.Inner), page.FromMM(p.Layout.Page.Outer)
	for _, pg := range d.Pages {
		if pg.Role != "body" {
			continue
		}
		left := inner
		if pg.Number%2 == 0 {
			left = outer
		}
		right := d.Width - (inner + outer - left)
		for _, r := range pg.Rules {
			if r.X < left-page.PT/10 || r.X+r.W > right+page.PT/10 {
				t.Errorf("page %d: a table rule from %.1f to %.1f pt leaves the measure (%.1f to %.1f)", pg.Number, page.ToPT(r.X), page.ToPT(r.X+r.W), page.ToPT(left), page.ToPT(right))
			}
		}
	}
}

// TestTableEPUB: tables are marked up for reading systems and screen
// readers: caption, head, column headers with scope.
func TestTableEPUB(t *testing.T) {
	out := t.TempDir()
	if _, err := publish.Build(publish.Options{BookDir: harbourDir, LayoutsDir: "../../layouts", OutDir: out, Formats: []string{"epub"}}); err != nil {
		t.Fatal(err)
	}
	files := epubFiles(t, filepath.Join(out, harbourSlug+".epub"))
	var text strings.Builder
	for name, data := range files {
		if strings.HasPrefix(name, "EPUB/text/") {
			text.Write(data)
		}
	}
	for _, want := range []string{
		`<div class="table">`,
		`<caption>Prices on the quay, in shillings a hundredweight, at the start of each decade.</caption>`,
		`<thead><tr><th scope="col">Decade</th><th scope="col" class="right">Herring</th>`,
		`<td class="center"><em>steady</em></td>`,
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the e-book lacks %s", want)
		}
	}
}
