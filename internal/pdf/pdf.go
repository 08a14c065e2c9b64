// Package pdf draws a finished page.Doc with fpdf. It makes no layout
// decision: every glyph run, link and anchor arrives positioned. It is the
// only package that imports fpdf.
package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

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
	keys := map[string]string{} // page font name → fpdf family key
	var renames []subsetName
	for i, ft := range d.Fonts {
		sn := newSubsetName(i, ft)
		keys[ft.Name] = sn.key
		renames = append(renames, sn)
		f.AddUTF8FontFromBytes(sn.key, "", ft.Data)
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

	registered := map[string]bool{}
	curFont, curSize := "", page.SP(0)
	setFont := func(name string, size page.SP) {
		if name != curFont || size != curSize {
			f.SetFont(keys[name], "", page.ToPT(size))
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
		expand, track := 0, page.SP(0)
		for _, t := range p.Texts {
			setFont(t.Font, t.Size)
			// Horizontal scaling and character spacing are text state:
			// they hold until changed.
			if t.Expand != expand {
				f.RawWriteStr(fmt.Sprintf("%.1f Tz", 100+float64(t.Expand)/10))
				expand = t.Expand
			}
			if t.Track != track {
				// Tc is in unscaled text space units; Tz scales it too.
				f.RawWriteStr(fmt.Sprintf("%.3f Tc", page.ToPT(t.Track)/(1+float64(t.Expand)/1000)))
				track = t.Track
			}
			f.Text(page.ToPT(t.X), page.ToPT(t.Y), t.S)
		}
		if expand != 0 {
			f.RawWriteStr("100 Tz")
		}
		if track != 0 {
			f.RawWriteStr("0 Tc")
		}
		for _, r := range p.Rules {
			f.Rect(page.ToPT(r.X), page.ToPT(r.Y), page.ToPT(r.W), page.ToPT(r.H), "F")
		}
		for _, im := range p.Images {
			// One image object per distinct picture, however often it
			// is placed.
			name := fmt.Sprintf("im%x", sha256.Sum256(im.Data))
			opt := fpdf.ImageOptions{ImageType: im.Type}
			if !registered[name] {
				f.RegisterImageOptionsReader(name, opt, bytes.NewReader(im.Data))
				registered[name] = true
			}
			if c := im.Clip; c != nil {
				f.ClipRect(page.ToPT(c.X), page.ToPT(c.Y), page.ToPT(c.W), page.ToPT(c.H), false)
			}
			f.ImageOptions(name, page.ToPT(im.X), page.ToPT(im.Y), page.ToPT(im.W), page.ToPT(im.H), false, opt, 0, "")
			if im.Clip != nil {
				f.ClipEnd()
			}
		}
		for _, d := range p.Dots {
			f.Circle(page.ToPT(d.X), page.ToPT(d.Y), page.ToPT(d.R), "F")
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
	for _, o := range d.Outline {
		if _, left := outlineAt[o.Dest]; left {
			return fmt.Errorf("pdf: outline entry %q points at missing anchor %q", o.Title, o.Dest)
		}
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return err
	}
	out := buf.Bytes()
	for _, sn := range renames {
		out = sn.apply(out)
	}
	_, err := w.Write(out)
	return err
}

// subsetName gives an embedded subset the name PDF readers expect: a
// six-letter tag, "+", and the font's PostScript name ("ABCDEF+Vollkorn-
// Regular"), where fpdf writes "utf8<family>". fpdf offers no way to set it,
// so the family key is chosen with exactly the length of the wanted name
// and the bytes are swapped after writing: offsets in the cross-reference
// table stay valid.
type subsetName struct {
	key  string // fpdf family key, lowercase, len(want)-4 bytes
	want string
}

func newSubsetName(i int, ft page.Font) subsetName {
	ps := postScriptName(ft.FullName)
	if ps == "" {
		ps = "Font" + strconv.Itoa(i)
	}
	sum := sha256.Sum256(append([]byte(ft.Name+ps), ft.Data...))
	tag := make([]byte, 6)
	for k := range tag {
		tag[k] = 'A' + sum[k]%26
	}
	want := string(tag) + "+" + ps
	key := "f" + strconv.Itoa(i)
	for len(key) < len(want)-4 {
		key += "x"
	}
	return subsetName{key: key, want: want}
}

// postScriptName keeps the characters a PDF name may hold without escapes
// and joins words with hyphens after the family: "Vollkorn Bold Italic" →
// "Vollkorn-BoldItalic".
func postScriptName(full string) string {
	words := strings.Fields(full)
	var b strings.Builder
	for i, w := range words {
		if i == 1 {
			b.WriteByte('-')
		}
		for _, r := range w {
			if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

func (sn subsetName) apply(pdf []byte) []byte {
	old := []byte("/utf8" + sn.key)
	if len(old) != len(sn.want)+1 {
		return pdf // cannot happen: the key was sized to fit
	}
	return bytes.ReplaceAll(pdf, old, []byte("/"+sn.want))
}
