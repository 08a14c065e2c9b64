// Package pdf writes a finished page.Doc as a PDF of its own making: no
// layout decision is made here, every glyph run, rule, picture, link and
// anchor arrives positioned. Text is drawn by glyph id through Type0 fonts
// (Identity-H) whose ToUnicode maps give the text back, fonts are embedded
// as subsets, and pages are written out as they are drawn: memory holds
// one page and the font subsets, never the whole file.
package pdf

import (
	"fmt"
	"io"
	"sort"
	"strconv"

	"press/internal/page"
)

// Producer is written into the PDF's document information.
const Producer = "press"

// Write draws d as a PDF to w. Output is byte-identical for identical input:
// dates come from d.Meta.Date, objects are numbered in drawing order and
// every map is written sorted.
func Write(w io.Writer, d *page.Doc) error {
	pw, err := NewWriter(w, d.Width, d.Height, d.Fonts)
	if err != nil {
		return err
	}
	for _, p := range d.Pages {
		if err := pw.Page(p); err != nil {
			return err
		}
	}
	return pw.Close(d.Meta, d.Outline)
}

// Writer writes one PDF page by page. Pages may come in any order (a
// book's contents are finished after its body): each goes to its place
// in the page tree by its number.
type Writer struct {
	o        *objWriter
	w, h     page.SP
	faces    []page.Font
	fonts    []*fontRes // the faces drawn with so far, in order of first use
	byName   map[string]*fontRes
	pagesObj int
	fontsObj int
	kids     []int // page objects by page number - 1; 0 while not yet written
	dests    map[string]dest
	links    []pendingLink // links to check against the anchors at the end
	folios   []string
	content  []byte
	imgs     imageCache
}

type dest struct {
	page int // page object
	num  int // page number: the first page an anchor is on wins
	y    float64
}

type pendingLink struct {
	page int // 1-based
	dest string
}

// NewWriter starts a PDF of pages w × h that may draw with fonts. A face
// is embedded only when a page draws with it.
func NewWriter(out io.Writer, w, h page.SP, fonts []page.Font) (*Writer, error) {
	if len(fonts) == 0 {
		return nil, fmt.Errorf("pdf: no fonts")
	}
	o := newObjWriter(out)
	pw := &Writer{o: o, w: w, h: h, faces: fonts, byName: map[string]*fontRes{}, dests: map[string]dest{}}
	pw.pagesObj, pw.fontsObj = o.alloc(), o.alloc()
	return pw, nil
}

// font is the face named name, made a PDF font on its first use.
func (pw *Writer) font(name string) (*fontRes, error) {
	if f := pw.byName[name]; f != nil {
		return f, nil
	}
	for i, f := range pw.faces {
		if f.Name == name {
			r, err := newFontRes(i, f, pw.o.alloc())
			if err != nil {
				return nil, err
			}
			pw.fonts = append(pw.fonts, r)
			pw.byName[name] = r
			return r, nil
		}
	}
	return nil, nil
}

// y turns a distance from the top edge into PDF's upward coordinate.
func (pw *Writer) y(v page.SP) float64 { return page.ToPT(pw.h - v) }

// Page draws p and writes it out.
func (pw *Writer) Page(p *page.Page) error {
	if p.Number < 1 {
		return fmt.Errorf("pdf: page numbered %d", p.Number)
	}
	for len(pw.kids) < p.Number {
		pw.kids = append(pw.kids, 0)
		pw.folios = append(pw.folios, "")
	}
	if pw.kids[p.Number-1] != 0 {
		return fmt.Errorf("pdf: page %d given twice", p.Number)
	}
	pageObj, contentObj := pw.o.alloc(), pw.o.alloc()
	pw.kids[p.Number-1] = pageObj
	pw.folios[p.Number-1] = p.Folio
	c := pw.content[:0]

	for _, f := range p.Fills {
		// Under the text: a tint first, in its own graphics state.
		c = append(c, "q "...)
		for _, v := range []uint8{f.R, f.G, f.B} {
			c = appendNum(c, float64(v)/255)
			c = append(c, ' ')
		}
		c = append(c, "rg "...)
		c = append(pw.appendRect(c, page.Rule{X: f.X, Y: f.Y, W: f.W, H: f.H}), " f Q\n"...)
	}
	if len(p.Texts) > 0 {
		c = append(c, "BT\n"...)
		var cur *fontRes
		var curSize page.SP
		expand, track := 0, page.SP(0)
		for _, t := range p.Texts {
			f, err := pw.font(t.Font)
			if err != nil {
				return err
			}
			if f == nil {
				return fmt.Errorf("pdf: page %d draws text in unknown font %q", p.Number, t.Font)
			}
			if f != cur || t.Size != curSize {
				c = append(c, '/')
				c = append(c, f.key...)
				c = append(c, ' ')
				c = appendNum(c, page.ToPT(t.Size))
				c = append(c, " Tf\n"...)
				cur, curSize = f, t.Size
			}
			// Horizontal scaling and character spacing are text state:
			// they hold until changed.
			if t.Expand != expand {
				c = appendNum(c, 100+float64(t.Expand)/10)
				c = append(c, " Tz\n"...)
				expand = t.Expand
			}
			if t.Track != track {
				// Tc is in unscaled text space units; Tz scales it too.
				c = appendNum(c, page.ToPT(t.Track)/(1+float64(t.Expand)/1000))
				c = append(c, " Tc\n"...)
				track = t.Track
			}
			c = append(c, "1 0 0 1 "...)
			c = appendNum(c, page.ToPT(t.X))
			c = append(c, ' ')
			c = appendNum(c, pw.y(t.Y))
			c = append(c, " Tm "...)
			c = f.appendRun(c, t)
		}
		c = append(c, "ET\n"...)
	}
	for _, r := range p.Rules {
		c = append(pw.appendRect(c, r), " f\n"...)
	}
	for _, d := range p.Dots {
		c = appendCircle(c, page.ToPT(d.X), pw.y(d.Y), page.ToPT(d.R))
	}
	var xobjs []string
	for i, im := range p.Images {
		obj, err := pw.imgs.object(pw, im)
		if err != nil {
			return fmt.Errorf("pdf: page %d: %w", p.Number, err)
		}
		key := "Im" + strconv.Itoa(i)
		xobjs = append(xobjs, "/"+key+" "+ref(obj))
		if im.Alt != "" {
			// The picture reads as its alternative text: a span whose
			// ActualText stands for what is drawn in it, an invisible
			// space as wide as the picture (text extraction replaces
			// glyphs, and finds none in a picture alone).
			c = append(c, "/Span<</ActualText"+text(im.Alt)+">>BDC "...)
			if f, err := pw.font(pw.faces[0].Name); err == nil && f != nil {
				g := f.face.Glyph(' ')
				f.use(g, " ")
				size := page.ToPT(im.H)
				c = append(c, "q BT 3 Tr /"+f.key+" "...)
				c = appendNum(c, size)
				c = append(c, " Tf "...)
				if adv := f.advance(g) * size / 1000; adv > 0 {
					c = appendNum(c, 100*page.ToPT(im.W)/adv)
					c = append(c, " Tz "...)
				}
				c = appendNum(c, page.ToPT(im.X))
				c = append(c, ' ')
				c = appendNum(c, pw.y(im.Y+im.H))
				c = append(c, " Td <"...)
				c = appendHex4(c, g)
				c = append(c, ">Tj ET Q "...)
			}
		}
		c = append(c, "q "...)
		if r := im.Clip; r != nil {
			// Only the part inside the clip shows (a cover cropped to the
			// page, a booklet page kept off its neighbour).
			c = append(pw.appendRect(c, *r), " W n "...)
		}
		c = appendNum(c, page.ToPT(im.W))
		c = append(c, " 0 0 "...)
		c = appendNum(c, page.ToPT(im.H))
		c = append(c, ' ')
		c = appendNum(c, page.ToPT(im.X))
		c = append(c, ' ')
		c = appendNum(c, pw.y(im.Y+im.H))
		c = append(c, " cm /"...)
		c = append(c, key...)
		c = append(c, " Do Q\n"...)
		if im.Alt != "" {
			c = append(c, "EMC\n"...)
		}
	}
	pw.content = c
	pw.o.stream(contentObj, "", c, true)

	var annots []string
	for _, l := range p.Links {
		rect := "[" + num(page.ToPT(l.X)) + " " + num(pw.y(l.Y+l.H)) + " " + num(page.ToPT(l.X+l.W)) + " " + num(pw.y(l.Y)) + "]"
		var action string
		switch {
		case l.Dest != "":
			action = "/Dest" + text(l.Dest)
			pw.links = append(pw.links, pendingLink{page: p.Number, dest: l.Dest})
		case l.URL != "":
			action = "/A<</S/URI/URI" + literal(l.URL) + ">>"
		default:
			continue
		}
		a := pw.o.alloc()
		pw.o.obj(a, "<</Type/Annot/Subtype/Link/Rect"+rect+"/Border[0 0 0]"+action+">>")
		annots = append(annots, ref(a))
	}
	for _, a := range p.Anchors {
		if old, dup := pw.dests[a.Name]; !dup || p.Number < old.num {
			pw.dests[a.Name] = dest{page: pageObj, num: p.Number, y: pw.y(a.Y)}
		}
	}

	res := "<</Font " + ref(pw.fontsObj)
	if len(xobjs) > 0 {
		res += "/XObject<<" + join(xobjs) + ">>"
	}
	res += ">>"
	body := "<</Type/Page/Parent " + ref(pw.pagesObj) + "/Resources" + res + "/Contents " + ref(contentObj)
	if len(annots) > 0 {
		body += "/Annots[" + join(annots) + "]"
	}
	pw.o.obj(pageObj, body+">>")
	return pw.o.err
}

// Close writes the fonts, the page tree, destinations, outline and
// metadata, and the cross-reference table.
func (pw *Writer) Close(m page.Meta, outline []page.Outline) error {
	for _, l := range pw.links {
		if _, ok := pw.dests[l.dest]; !ok {
			return fmt.Errorf("pdf: page %d links to unknown anchor %q", l.page, l.dest)
		}
	}
	for _, e := range outline {
		if _, ok := pw.dests[e.Dest]; !ok {
			return fmt.Errorf("pdf: outline entry %q points at missing anchor %q", e.Title, e.Dest)
		}
	}
	for i, k := range pw.kids {
		if k == 0 {
			return fmt.Errorf("pdf: page %d of %d never given", i+1, len(pw.kids))
		}
	}
	o := pw.o
	var fonts []string
	for _, f := range pw.fonts {
		if err := f.write(o); err != nil {
			return err
		}
		fonts = append(fonts, "/"+f.key+" "+ref(f.obj))
	}
	o.obj(pw.fontsObj, "<<"+join(fonts)+">>")
	kids := make([]string, len(pw.kids))
	for i, k := range pw.kids {
		kids[i] = ref(k)
	}
	o.obj(pw.pagesObj, "<</Type/Pages/Count "+strconv.Itoa(len(pw.kids))+"/MediaBox[0 0 "+num(page.ToPT(pw.w))+" "+num(page.ToPT(pw.h))+"]/Kids["+join(kids)+"]>>")

	catalog := "<</Type/Catalog/Pages " + ref(pw.pagesObj) + "/PageLayout/TwoPageRight"
	if len(pw.kids) > 0 {
		catalog += "/OpenAction[" + ref(pw.kids[0]) + "/Fit]"
	}
	if len(pw.dests) > 0 {
		names := make([]string, 0, len(pw.dests))
		for n := range pw.dests {
			names = append(names, n)
		}
		sort.Strings(names)
		arr := make([]string, 0, 2*len(names))
		for _, n := range names {
			d := pw.dests[n]
			arr = append(arr, text(n), "["+ref(d.page)+"/XYZ 0 "+num(d.y)+" null]")
		}
		dests := o.alloc()
		o.obj(dests, "<</Names["+join(arr)+"]>>")
		catalog += "/Names<</Dests " + ref(dests) + ">>"
	}
	if obj := pw.writeOutline(outline); obj > 0 {
		catalog += "/Outlines " + ref(obj) + "/PageMode/UseOutlines"
	}
	if labels := pageLabels(pw.folios); labels != "" {
		catalog += "/PageLabels" + labels
	}
	if m.Language != "" {
		catalog += "/Lang" + text(m.Language)
	}
	meta := o.alloc()
	o.stream(meta, "/Type/Metadata/Subtype/XML", xmp(m), false)
	catalog += "/Metadata " + ref(meta) + ">>"
	root, info := o.alloc(), o.alloc()
	o.obj(root, catalog)
	o.obj(info, infoDict(m))
	return o.finish(root, info)
}

func join(s []string) string {
	n := 0
	for _, x := range s {
		n += len(x) + 1
	}
	b := make([]byte, 0, n)
	for i, x := range s {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, x...)
	}
	return string(b)
}

const hexDigits = "0123456789ABCDEF"

func appendHex4(b []byte, g uint16) []byte {
	return append(b, hexDigits[g>>12], hexDigits[g>>8&15], hexDigits[g>>4&15], hexDigits[g&15])
}

// appendCircle fills a circle drawn as four Bézier quarters.
// appendRect appends the path operator for r, "x y w h re", in PDF
// coordinates (origin at the foot of the page).
func (pw *Writer) appendRect(c []byte, r page.Rule) []byte {
	c = appendNum(c, page.ToPT(r.X))
	c = append(c, ' ')
	c = appendNum(c, pw.y(r.Y+r.H))
	c = append(c, ' ')
	c = appendNum(c, page.ToPT(r.W))
	c = append(c, ' ')
	c = appendNum(c, page.ToPT(r.H))
	return append(c, " re"...)
}

func appendCircle(c []byte, x, y, r float64) []byte {
	const k = 0.5523 // control distance of a quarter circle, in radii
	pt := func(px, py float64) {
		c = appendNum(c, px)
		c = append(c, ' ')
		c = appendNum(c, py)
		c = append(c, ' ')
	}
	pt(x+r, y)
	c = append(c, "m\n"...)
	quarters := [4][6]float64{
		{x + r, y + k*r, x + k*r, y + r, x, y + r},
		{x - k*r, y + r, x - r, y + k*r, x - r, y},
		{x - r, y - k*r, x - k*r, y - r, x, y - r},
		{x + k*r, y - r, x + r, y - k*r, x + r, y},
	}
	for _, q := range quarters {
		pt(q[0], q[1])
		pt(q[2], q[3])
		pt(q[4], q[5])
		c = append(c, "c\n"...)
	}
	return append(c, "f\n"...)
}
