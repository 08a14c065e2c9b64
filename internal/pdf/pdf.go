// Package pdf draws a finished page.Doc with fpdf. It makes no layout
// decision: every glyph run, link and anchor arrives positioned. It is the
// only package that imports fpdf.
package pdf

import (
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"

	"press/internal/page"
)

// Producer is written into the PDF's document information.
const Producer = "press"

// Write draws d as a PDF to w. Output is byte-identical for identical input:
// dates come from d.Meta.Date and the catalog is written in sorted order.
func Write(w io.Writer, d *page.Doc) error {
	f := fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "pt",
		Size:    fpdf.SizeType{Wd: page.ToPT(d.Width), Ht: page.ToPT(d.Height)},
	})
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCellMargin(0)
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetCreationDate(d.Meta.Date)
	f.SetModificationDate(d.Meta.Date)
	f.SetProducer(Producer, true)
	f.SetCreator(d.Meta.Creator, true)
	f.SetTitle(d.Meta.Title, true)
	f.SetAuthor(d.Meta.Author, true)
	f.SetSubject(d.Meta.Subject, true)
	f.SetKeywords(d.Meta.Keywords, true)
	if d.Meta.Language != "" {
		f.SetLang(d.Meta.Language)
	}
	f.SetDisplayMode("fullpage", "TwoPageRight")
	if len(d.Fonts) == 0 {
		return fmt.Errorf("pdf: no fonts")
	}
	for _, ft := range d.Fonts {
		f.AddUTF8FontFromBytes(ft.Name, "", ft.Data)
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: loading fonts: %w", err)
	}

	// Every anchor becomes an fpdf link target; links may point forwards.
	targets := map[string]int{}
	for _, p := range d.Pages {
		for _, a := range p.Anchors {
			if _, dup := targets[a.Name]; !dup {
				targets[a.Name] = f.AddLink()
			}
		}
	}
	outlineAt := map[string][]page.Outline{}
	for _, o := range d.Outline {
		outlineAt[o.Dest] = append(outlineAt[o.Dest], o)
	}

	curFont, curSize := "", page.SP(0)
	setFont := func(name string, size page.SP) {
		if name != curFont || size != curSize {
			f.SetFont(name, "", page.ToPT(size))
			curFont, curSize = name, size
		}
	}
	f.SetTextColor(0, 0, 0)
	f.SetFillColor(0, 0, 0)
	for _, p := range d.Pages {
		f.AddPage()
		curFont, curSize = "", 0
		// Bookmarks need a UTF-8 font current to encode titles.
		setFont(d.Fonts[0].Name, 10*page.PT)
		for _, a := range p.Anchors {
			y := page.ToPT(a.Y)
			f.SetLink(targets[a.Name], y, f.PageNo())
			for _, o := range outlineAt[a.Name] {
				f.Bookmark(o.Title, o.Level, y)
			}
			delete(outlineAt, a.Name)
		}
		for _, t := range p.Texts {
			setFont(t.Font, t.Size)
			f.Text(page.ToPT(t.X), page.ToPT(t.Y), t.S)
		}
		for _, r := range p.Rules {
			f.Rect(page.ToPT(r.X), page.ToPT(r.Y), page.ToPT(r.W), page.ToPT(r.H), "F")
		}
		for _, l := range p.Links {
			x, y, w, h := page.ToPT(l.X), page.ToPT(l.Y), page.ToPT(l.W), page.ToPT(l.H)
			switch {
			case l.Dest != "":
				id, ok := targets[l.Dest]
				if !ok {
					return fmt.Errorf("pdf: page %d links to unknown anchor %q", p.Number, l.Dest)
				}
				f.Link(x, y, w, h, id)
			case l.URL != "":
				f.LinkString(x, y, w, h, l.URL)
			}
		}
	}
	if len(outlineAt) > 0 {
		for dest := range outlineAt {
			return fmt.Errorf("pdf: outline entry points at missing anchor %q", dest)
		}
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return f.Output(w)
}
