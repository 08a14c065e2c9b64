package pdf

import (
	"fmt"
	"math"
	"strconv"

	"press/internal/page"
	"press/internal/svg"
)

// svgObject draws an SVG picture as a Form XObject of the unit square
// (like an image, the page scales it to its box): every shape a path with
// its transform, fills and strokes in DeviceRGB, gradients as shading
// patterns (axial and radial, stitched functions for many stops), opacity
// through ExtGState, gradient stop opacity through a luminosity soft mask,
// and group opacity as a transparency group; its text as text in the
// book's fonts, as layout set it (tx). What svg.Parse lists as
// unsupported is left out (layout warns of it).
func svgObject(o *objWriter, data []byte, tx *svgText) (int, error) {
	d, err := svg.Parse(data)
	if err != nil {
		return 0, err
	}
	// SVG's viewport, y downwards, onto the unit square, y upwards.
	norm := svg.Matrix{1 / d.Width, 0, 0, -1 / d.Height, 0, 1}
	f := &form{o: o, tx: tx}
	for _, s := range d.Shapes {
		f.shape(s, norm)
	}
	if f.err != nil {
		return 0, f.err
	}
	return f.write(""), nil
}

// svgText is what a form needs to draw a picture's text: the runs layout
// set, and the document's fonts.
type svgText struct {
	runs  []page.ImageText
	font  func(name string) (*fontRes, error)
	fonts int // the document's font dictionary
}

// form collects one Form XObject's content and resources.
type form struct {
	o        *objWriter
	tx       *svgText // nil when the picture has no text
	usesText bool     // the content draws text: it needs the fonts
	err      error
	c        []byte
	gstates  []string // ExtGState dictionaries, named G0, G1, …
	patterns []string // pattern dictionaries, P0, P1, …
	xobjects []int    // nested forms, X0, X1, …
}

// write writes the form, with extra dictionary entries (a transparency
// group), and returns its object number.
func (f *form) write(extra string) int {
	res := ""
	list := func(key, prefix string, items []string) {
		if len(items) == 0 {
			return
		}
		res += "/" + key + "<<"
		for i, it := range items {
			res += "/" + prefix + strconv.Itoa(i) + " " + it
		}
		res += ">>"
	}
	list("ExtGState", "G", f.gstates)
	list("Pattern", "P", f.patterns)
	var xs []string
	for _, x := range f.xobjects {
		xs = append(xs, ref(x))
	}
	list("XObject", "X", xs)
	if f.usesText {
		res += "/Font " + ref(f.tx.fonts)
	}
	obj := f.o.alloc()
	f.o.stream(obj, "/Type/XObject/Subtype/Form/BBox[0 0 1 1]"+extra+"/Resources<<"+res+">>", f.c, true)
	return obj
}

func (f *form) gstate(dict string) string {
	for i, g := range f.gstates {
		if g == dict {
			return "/G" + strconv.Itoa(i)
		}
	}
	f.gstates = append(f.gstates, dict)
	return "/G" + strconv.Itoa(len(f.gstates)-1)
}

func (f *form) pattern(dict string) string {
	f.patterns = append(f.patterns, dict)
	return "/P" + strconv.Itoa(len(f.patterns)-1)
}

// shape draws one shape; norm maps the viewport to the form's space.
func (f *form) shape(s svg.Shape, norm svg.Matrix) {
	if s.Clip != nil {
		// The clipping path, in the form's space, holds for the group.
		c := append(f.c, "q "...)
		cm := s.Clip.CTM.Then(norm)
		for _, seg := range s.Clip.Path {
			n := map[svg.Op]int{svg.MoveTo: 1, svg.LineTo: 1, svg.CubicTo: 3}[seg.Op]
			for _, pt := range seg.P[:n] {
				x, y := cm.Apply(pt.X, pt.Y)
				c = appendSig(c, x)
				c = append(c, ' ')
				c = appendSig(c, y)
				c = append(c, ' ')
			}
			c = append(c, map[svg.Op]string{svg.MoveTo: "m\n", svg.LineTo: "l\n", svg.CubicTo: "c\n", svg.Close: "h\n"}[seg.Op]...)
		}
		if s.Clip.EvenOdd {
			c = append(c, "W* n\n"...)
		} else {
			c = append(c, "W n\n"...)
		}
		f.c = c
		inner := s
		inner.Clip = nil
		if inner.Opacity >= 1 {
			for _, k := range inner.Group {
				f.shape(k, norm)
			}
		} else {
			f.shape(inner, norm)
		}
		f.c = append(f.c, "Q\n"...)
		return
	}
	if s.Group != nil {
		sub := &form{o: f.o, tx: f.tx}
		for _, k := range s.Group {
			sub.shape(k, norm)
		}
		if sub.err != nil && f.err == nil {
			f.err = sub.err
		}
		obj := sub.write("/Group<</S/Transparency/CS/DeviceRGB>>")
		f.xobjects = append(f.xobjects, obj)
		g := f.gstate("<</ca " + sig(s.Opacity) + "/CA " + sig(s.Opacity) + ">>")
		f.c = append(f.c, "q "+g+" gs /X"+strconv.Itoa(len(f.xobjects)-1)+" Do Q\n"...)
		return
	}
	m := s.CTM.Then(norm)
	if m[0]*m[3]-m[1]*m[2] == 0 {
		return // flattened to nothing
	}
	if s.Text != nil {
		f.text(s, m)
		return
	}
	fill, stroke := !s.Fill.None, !s.Stroke.None
	if fill && stroke && !masked(s.Fill) && !masked(s.Stroke) {
		f.pass(s, m, true, true)
		return
	}
	if fill {
		f.pass(s, m, true, false)
	}
	if stroke {
		f.pass(s, m, false, true)
	}
}

// text draws the runs layout set for a <text> element, in its user
// space (m maps it to the form's). The text matrix turns the glyphs
// upright again in SVG's downward y.
func (f *form) text(s svg.Shape, m svg.Matrix) {
	if f.tx == nil {
		return
	}
	var c []byte
	var cur *fontRes
	opacity := 1.0
	for _, r := range f.tx.runs {
		if r.Seq != s.Text.Seq || r.S == "" || r.Size <= 0 {
			continue
		}
		fr, err := f.tx.font(r.Font)
		if err == nil && fr == nil {
			err = fmt.Errorf("pdf: SVG text in unknown font %q", r.Font)
		}
		if err != nil {
			if f.err == nil {
				f.err = err
			}
			return
		}
		if c == nil {
			c = append(f.c, "q "...)
			c = appendMatrix(c, m)
			c = append(c, " cm\nBT\n"...)
		}
		if r.Opacity != opacity {
			o := sig(math.Min(r.Opacity, 1))
			c = append(c, f.gstate("<</ca "+o+"/CA "+o+">>")+" gs "...)
			opacity = r.Opacity
		}
		rgb := []float64{r.R, r.G, r.B}
		c = appendList(c, rgb)
		c = append(c, " rg "...)
		if r.Embolden {
			// A stroke of a thirtieth of the size round every glyph: the
			// weight a bold face adds.
			c = appendList(c, rgb)
			c = append(c, " RG "...)
			c = appendSig(c, r.Size/30)
			c = append(c, " w 2 Tr "...)
		} else {
			c = append(c, "0 Tr "...)
		}
		if fr != cur {
			c = append(c, "/"+fr.key+" 1 Tf "...)
			cur = fr
		}
		slant := 0.0
		if r.Slant {
			slant = 0.2 * r.Size // about 11°, an oblique's usual slope
		}
		c = appendMatrix(c, svg.Matrix{r.Size, 0, slant, -r.Size, r.X, r.Y})
		c = append(c, " Tm "...)
		c = fr.appendRun(c, page.Text{S: r.S, Size: page.PT})
	}
	if c == nil {
		return
	}
	f.usesText = true
	f.c = append(c, "ET Q\n"...)
}

// masked reports whether a paint needs a soft mask: a gradient with a
// stop that is not opaque.
func masked(p svg.Paint) bool {
	if p.Gradient == nil {
		return false
	}
	for _, s := range p.Gradient.Stops {
		if s.Opacity < 1 {
			return true
		}
	}
	return false
}

// pass paints the shape's path once: filled, stroked, or both (B).
func (f *form) pass(s svg.Shape, m svg.Matrix, fill, stroke bool) {
	c := append(f.c, "q "...)
	gs := ""
	if fill && s.Fill.Opacity < 1 {
		gs += "/ca " + sig(s.Fill.Opacity)
	}
	if stroke && s.Stroke.Opacity < 1 {
		gs += "/CA " + sig(s.Stroke.Opacity)
	}
	if fill && masked(s.Fill) {
		gs += "/SMask " + f.softMask(s, m, s.Fill, false)
	}
	if stroke && masked(s.Stroke) {
		gs += "/SMask " + f.softMask(s, m, s.Stroke, true)
	}
	if gs != "" {
		c = append(c, f.gstate("<<"+gs+">>")+" gs "...)
	}
	c = appendMatrix(c, m)
	c = append(c, " cm\n"...)
	if fill {
		c = f.color(c, s.Fill, m, false, false)
	}
	if stroke {
		c = f.color(c, s.Stroke, m, true, false)
		c = appendStrokeStyle(c, s)
	}
	c = appendPath(c, s.Path)
	switch {
	case fill && stroke && s.EvenOdd:
		c = append(c, "B*"...)
	case fill && stroke:
		c = append(c, 'B')
	case fill && s.EvenOdd:
		c = append(c, "f*"...)
	case fill:
		c = append(c, 'f')
	default:
		c = append(c, 'S')
	}
	f.c = append(c, " Q\n"...)
}

// color sets the fill (or stroke) colour: an RGB colour, or a shading
// pattern whose matrix takes the gradient's space to the form's. alpha
// paints the gradient's stop opacities in gray instead (for a soft mask).
func (f *form) color(c []byte, p svg.Paint, m svg.Matrix, stroke, alpha bool) []byte {
	if p.Gradient == nil {
		for _, v := range [3]float64{p.Color.R, p.Color.G, p.Color.B} {
			c = appendSig(c, v)
			c = append(c, ' ')
		}
		if stroke {
			return append(c, "RG\n"...)
		}
		return append(c, "rg\n"...)
	}
	key := f.pattern(pattern(p.Gradient, p.GradientMatrix.Then(m), alpha))
	if stroke {
		return append(c, "/Pattern CS "+key+" SCN\n"...)
	}
	return append(c, "/Pattern cs "+key+" scn\n"...)
}

// softMask writes a luminosity soft mask that paints the shape again with
// the gradient's stop opacities as gray levels, and returns its
// dictionary.
func (f *form) softMask(s svg.Shape, m svg.Matrix, p svg.Paint, stroke bool) string {
	mf := &form{o: f.o}
	c := append(mf.c, "q "...)
	c = appendMatrix(c, m)
	c = append(c, " cm\n"...)
	c = mf.color(c, p, m, stroke, true)
	if stroke {
		c = appendStrokeStyle(c, s)
	}
	c = appendPath(c, s.Path)
	switch {
	case stroke:
		c = append(c, 'S')
	case s.EvenOdd:
		c = append(c, "f*"...)
	default:
		c = append(c, 'f')
	}
	mf.c = append(c, " Q\n"...)
	obj := mf.write("/Group<</S/Transparency/CS/DeviceGray>>")
	return "<</Type/Mask/S/Luminosity/G " + ref(obj) + ">>"
}

// pattern is a shading pattern dictionary for gradient g, with the
// pattern matrix pm. Beyond its ends the gradient pads (Extend).
func pattern(g *svg.Gradient, pm svg.Matrix, alpha bool) string {
	cs := "/DeviceRGB"
	if alpha {
		cs = "/DeviceGray"
	}
	var b []byte
	b = append(b, "<</PatternType 2/Matrix["...)
	b = appendMatrix(b, pm)
	b = append(b, "]/Shading<<"...)
	if g.Radial {
		b = append(b, "/ShadingType 3/Coords["...)
		for i, v := range [6]float64{g.FX, g.FY, g.FR, g.CX, g.CY, g.R} {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendSig(b, v)
		}
	} else {
		b = append(b, "/ShadingType 2/Coords["...)
		for i, v := range [4]float64{g.X1, g.Y1, g.X2, g.Y2} {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendSig(b, v)
		}
	}
	b = append(b, "]/ColorSpace"+cs+"/Extend[true true]/Function"...)
	b = appendFunction(b, g.Stops, alpha)
	return string(append(b, ">>>>"...))
}

// appendFunction writes the colour function of a gradient over [0 1]:
// one exponential (type 2) function between two stops, or a stitching
// (type 3) function of one per interval. Stops at the same offset make a
// hard edge: the empty interval between them is left out.
func appendFunction(b []byte, stops []svg.Stop, alpha bool) []byte {
	value := func(s svg.Stop) []float64 {
		if alpha {
			return []float64{s.Opacity}
		}
		return []float64{s.Color.R, s.Color.G, s.Color.B}
	}
	// Pad to the ends of the domain with the first and last colours.
	st := stops
	if st[0].Offset > 0 {
		st = append([]svg.Stop{{Offset: 0, Color: st[0].Color, Opacity: st[0].Opacity}}, st...)
	}
	if last := st[len(st)-1]; last.Offset < 1 {
		st = append(append([]svg.Stop(nil), st...), svg.Stop{Offset: 1, Color: last.Color, Opacity: last.Opacity})
	}
	type interval struct {
		from, to svg.Stop
	}
	var iv []interval
	for i := 1; i < len(st); i++ {
		if st[i].Offset > st[i-1].Offset {
			iv = append(iv, interval{st[i-1], st[i]})
		}
	}
	exp := func(b []byte, a, z svg.Stop) []byte {
		b = append(b, "<</FunctionType 2/Domain[0 1]/C0["...)
		b = appendList(b, value(a))
		b = append(b, "]/C1["...)
		b = appendList(b, value(z))
		return append(b, "]/N 1>>"...)
	}
	if len(iv) == 0 {
		// Every stop at one offset: the last colour everywhere.
		l := st[len(st)-1]
		return exp(b, l, l)
	}
	if len(iv) == 1 {
		return exp(b, iv[0].from, iv[0].to)
	}
	b = append(b, "<</FunctionType 3/Domain[0 1]/Functions["...)
	for _, v := range iv {
		b = exp(b, v.from, v.to)
	}
	b = append(b, "]/Bounds["...)
	for i, v := range iv[1:] {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendSig(b, v.from.Offset)
	}
	b = append(b, "]/Encode["...)
	for i := range iv {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, "0 1"...)
	}
	return append(b, "]>>"...)
}

func appendList(b []byte, vs []float64) []byte {
	for i, v := range vs {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendSig(b, v)
	}
	return b
}

// appendStrokeStyle sets the line width, cap, join, miter limit and dash.
func appendStrokeStyle(c []byte, s svg.Shape) []byte {
	c = appendSig(c, s.StrokeWidth)
	c = append(c, " w "...)
	c = strconv.AppendInt(c, int64(s.Cap), 10)
	c = append(c, " J "...)
	c = strconv.AppendInt(c, int64(s.Join), 10)
	c = append(c, " j "...)
	if s.Join == 0 && s.MiterLimit != 10 {
		c = appendSig(c, s.MiterLimit)
		c = append(c, " M "...)
	}
	if len(s.Dash) > 0 {
		c = append(c, '[')
		c = appendList(c, s.Dash)
		c = append(c, "] "...)
		c = appendSig(c, s.DashOffset)
		c = append(c, " d"...)
	}
	return append(c, '\n')
}

// appendPath writes the path in its user space.
func appendPath(c []byte, p svg.Path) []byte {
	for _, s := range p {
		switch s.Op {
		case svg.MoveTo:
			c = appendPoints(c, s.P[:1])
			c = append(c, "m\n"...)
		case svg.LineTo:
			c = appendPoints(c, s.P[:1])
			c = append(c, "l\n"...)
		case svg.CubicTo:
			c = appendPoints(c, s.P[:])
			c = append(c, "c\n"...)
		case svg.Close:
			c = append(c, "h\n"...)
		}
	}
	return c
}

func appendPoints(c []byte, pts []svg.Point) []byte {
	for _, p := range pts {
		c = appendSig(c, p.X)
		c = append(c, ' ')
		c = appendSig(c, p.Y)
		c = append(c, ' ')
	}
	return c
}

func appendMatrix(c []byte, m svg.Matrix) []byte {
	for i, v := range m {
		if i > 0 {
			c = append(c, ' ')
		}
		c = appendSig(c, v)
	}
	return c
}

func sig(v float64) string { return string(appendSig(nil, v)) }

// appendSig writes v with six significant digits in PDF's plain decimal
// notation (no exponent): drawings come in every scale, from viewBoxes of
// one unit to ones of a million, and the unit square holds them all.
func appendSig(b []byte, v float64) []byte {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) < 1e-12 {
		return append(b, '0')
	}
	dec := 5 - int(math.Floor(math.Log10(math.Abs(v))))
	if dec < 0 {
		dec = 0
	}
	if dec > 12 {
		dec = 12
	}
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', dec, 64)
	if dec > 0 {
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
	}
	if s := string(b[start:]); s == "-0" {
		b = append(b[:start], '0')
	}
	return b
}
