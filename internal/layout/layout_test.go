package layout_test

import (
	"strconv"
	"testing"

	"press/internal/config"
	"press/internal/layout"
	"press/internal/page"
	"press/internal/publish"
)

// paginate builds the real book in the given layout.
func paginate(t *testing.T, layoutName string) *layout.Result {
	t.Helper()
	p, err := publish.Load(publish.Options{BookDir: "../../book", LayoutsDir: "../../layouts", Layout: layoutName})
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Paginate()
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// layouts are the shipped layouts; every test runs on each.
func layouts(t *testing.T) []string {
	names := config.LayoutNames("../../layouts")
	if len(names) < 4 {
		t.Fatalf("layouts: %v", names)
	}
	return names
}

// anchorPages maps every anchor to its page number.
func anchorPages(d *page.Doc) map[string]int {
	m := map[string]int{}
	for _, p := range d.Pages {
		for _, a := range p.Anchors {
			m[a.Name] = p.Number
		}
	}
	return m
}

// TestContentsNumbers reads the contents pages as a reader would: each link
// line carries a number at its right; that number must be the page on which
// the linked heading is printed.
func TestContentsNumbers(t *testing.T) {
	for _, name := range layouts(t) {
		t.Run(name, func(t *testing.T) {
			d := paginate(t, name).Doc
			at := anchorPages(d)
			checked := 0
			for _, p := range d.Pages {
				if p.Role != "contents" {
					continue
				}
				for _, l := range p.Links {
					// The page number is the rightmost text inside the link box.
					var num *page.Text
					for i := range p.Texts {
						tx := &p.Texts[i]
						if tx.Y >= l.Y && tx.Y <= l.Y+l.H && (num == nil || tx.X > num.X) {
							num = tx
						}
					}
					if num == nil {
						t.Fatalf("contents entry for %s has no page number", l.Dest)
					}
					n, err := strconv.Atoi(num.S)
					if err != nil {
						t.Fatalf("contents entry for %s ends in %q, not a number", l.Dest, num.S)
					}
					if want := at[l.Dest]; n != want {
						t.Errorf("contents says %s is on page %d; it is printed on page %d", l.Dest, n, want)
					}
					if d.Pages[n-1].Folio != num.S {
						t.Errorf("page %d carries folio %q", n, d.Pages[n-1].Folio)
					}
					checked++
				}
			}
			if checked < 5 {
				t.Fatalf("checked %d contents entries, want at least 5 (opening, 3 sections, notes)", checked)
			}
		})
	}
}

// TestLinksResolve: every internal link lands on an anchor, noterefs and
// notes point at each other, and every outline entry has its anchor.
func TestLinksResolve(t *testing.T) {
	for _, name := range layouts(t) {
		t.Run(name, func(t *testing.T) {
			d := paginate(t, name).Doc
			at := anchorPages(d)
			refs, backs := 0, 0
			for _, p := range d.Pages {
				for _, l := range p.Links {
					if l.Dest == "" {
						continue
					}
					if _, ok := at[l.Dest]; !ok {
						t.Errorf("page %d links to missing anchor %q", p.Number, l.Dest)
					}
					if len(l.Dest) > 5 && l.Dest[:5] == "note-" {
						refs++
					}
					if len(l.Dest) > 8 && l.Dest[:8] == "noteref-" {
						backs++
						if p.Role != "notes" {
							t.Errorf("backlink to %s on a %s page", l.Dest, p.Role)
						}
					}
				}
			}
			if refs != 2 || backs != 2 {
				t.Errorf("note links: %d references and %d backlinks, want 2 and 2", refs, backs)
			}
			for _, o := range d.Outline {
				if _, ok := at[o.Dest]; !ok {
					t.Errorf("outline %q points at missing anchor %q", o.Title, o.Dest)
				}
			}
		})
	}
}

// TestNoWidowsOrOrphans checks the page model: no paragraph leaves its last
// line alone at the top of a page (widow) or its first line alone at the
// bottom (orphan), and a heading is followed on its page by two lines.
func TestNoWidowsOrOrphans(t *testing.T) {
	for _, name := range layouts(t) {
		t.Run(name, func(t *testing.T) {
			d := paginate(t, name).Doc
			lines := 0
			for _, p := range d.Pages {
				if p.Role != "body" && p.Role != "notes" || len(p.Lines) == 0 {
					continue
				}
				lines += len(p.Lines)
				first, last := p.Lines[0], p.Lines[len(p.Lines)-1]
				if first.Last && first.Index > 0 {
					t.Errorf("page %d: widow (last line of paragraph %d at the top)", p.Number, first.Para)
				}
				if last.Index == 0 && !last.Last {
					t.Errorf("page %d: orphan (first line of paragraph %d at the foot)", p.Number, last.Para)
				}
				for i, ln := range p.Lines {
					if !ln.Heading || !ln.Last {
						continue
					}
					after := 0
					for _, next := range p.Lines[i+1:] {
						if !next.Heading {
							after++
						}
					}
					if after < 2 {
						t.Errorf("page %d: heading followed by %d lines on its page", p.Number, after)
					}
				}
			}
			if lines < 200 {
				t.Fatalf("only %d body lines found", lines)
			}
		})
	}
}
