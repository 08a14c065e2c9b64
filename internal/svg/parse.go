package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Drawing is an SVG picture reduced to what a PDF draws: filled and
// stroked paths in the picture's viewport (CSS px, y downwards), in
// painting order.
type Drawing struct {
	Width, Height float64 // the viewport, CSS px
	Shapes        []Shape
	// Unsupported lists what the picture uses that press cannot draw
	// faithfully as vectors, first occurrence of each, in source order.
	// A drawing with any is to be rasterised instead.
	Unsupported []Feature
}

// Feature is a construct of the SVG file, with the line it is on.
type Feature struct {
	What string // e.g. "<text> element", "filter property"
	Line int
}

func (f Feature) String() string { return fmt.Sprintf("%s (line %d)", f.What, f.Line) }

// Shape is one painted path, or a group painted as a whole with an
// opacity (Group set, the other painting fields unused).
type Shape struct {
	Path Path
	// CTM maps the path's user space to the viewport.
	CTM          Matrix
	Fill, Stroke Paint
	EvenOdd      bool
	StrokeWidth  float64
	Cap, Join    int // PDF's line cap and join codes
	MiterLimit   float64
	Dash         []float64
	DashOffset   float64
	Line         int // in the SVG file

	Group   []Shape
	Opacity float64 // the group's, when Group is set

	// Clip, when set on a group, is the clipping path its shapes are
	// drawn through (clip-path).
	Clip *Clip

	// Text, when set, makes the shape a <text> element (the painting
	// fields unused: each span carries its own colour).
	Text *Text
}

// Clip is a clipping path: the inside of Path (by the nonzero rule, or
// even-odd), CTM mapping it to the viewport.
type Clip struct {
	Path    Path
	CTM     Matrix
	EvenOdd bool
}

// Paint is a fill or stroke: nothing, a colour or a gradient, with its
// opacity (fill-opacity or stroke-opacity, times the colour's alpha).
type Paint struct {
	None     bool
	Color    RGB
	Opacity  float64
	Gradient *Gradient
	// GradientMatrix maps the gradient's own space (its coordinates and
	// gradientTransform, the bounding box for objectBoundingBox units)
	// to the shape's user space.
	GradientMatrix Matrix
}

// Gradient is a linear or radial gradient, its geometry in its own space.
type Gradient struct {
	Radial         bool
	X1, Y1, X2, Y2 float64 // linear: the gradient vector
	CX, CY, R      float64 // radial: the end circle
	FX, FY, FR     float64 // radial: the focal circle
	Stops          []Stop
}

// Stop is a gradient stop; offsets ascend from 0 to 1.
type Stop struct {
	Offset  float64
	Color   RGB
	Opacity float64
}

const svgNS = "http://www.w3.org/2000/svg"

// node is an element of the SVG document, kept whole so references
// (gradients defined after their use, href chains) resolve.
type node struct {
	name  string // local name; "" for elements of other namespaces
	attrs map[string]string
	kids  []*node
	line  int
	text  bool // holds text other than white space (a <style> sheet)
	// data is the characters of a "#text" node: character data inside
	// a text content element, kept in order among its elements; and the
	// text of a <style> sheet.
	data string
	// sheet is what the document's <style> sheets declare for the
	// element (nil when nothing).
	sheet *sheetDecls
}

// textContent are the elements whose character data is drawn.
var textContent = map[string]bool{"text": true, "tspan": true, "a": true, "textPath": true}

// maxNodes bounds the elements read, so a hostile file cannot make a
// drawing of unbounded size.
const maxNodes = 200000

func readTree(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var stack []*node
	var root *node
	line, lineOff := 1, 0
	count := 0
	for {
		off := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if root != nil && len(stack) == 0 {
				break // trailing rubbish after the document
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if off > lineOff && off <= len(data) {
				line += bytes.Count(data[lineOff:off], []byte{'\n'})
				lineOff = off
			}
			count++
			if count > maxNodes {
				return nil, fmt.Errorf("more than %d elements", maxNodes)
			}
			n := &node{line: line, attrs: map[string]string{}}
			if t.Name.Space == svgNS || t.Name.Space == "" {
				n.name = t.Name.Local
			}
			for _, a := range t.Attr {
				if a.Name.Local == "space" && (a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace") {
					n.attrs["xml:space"] = a.Value
					continue
				}
				switch a.Name.Space {
				case "", svgNS:
					n.attrs[a.Name.Local] = a.Value
				case "http://www.w3.org/1999/xlink":
					if a.Name.Local == "href" {
						if _, has := n.attrs["href"]; !has {
							n.attrs["href"] = a.Value
						}
					}
				}
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("more than one root element")
				}
				if n.name != "svg" {
					return nil, fmt.Errorf("the first element is <%s>, not <svg>", t.Name.Local)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.CharData:
			if len(stack) == 0 {
				break
			}
			top := stack[len(stack)-1]
			if len(bytes.TrimSpace(t)) > 0 {
				top.text = true
			}
			if top.name == "style" {
				top.data += string(t)
			}
			if textContent[top.name] {
				count++
				if count > maxNodes {
					return nil, fmt.Errorf("more than %d elements", maxNodes)
				}
				top.kids = append(top.kids, &node{name: "#text", data: string(t), line: line})
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if root == nil {
		return nil, errors.New("no <svg> element")
	}
	return root, nil
}

type parser struct {
	ids         map[string]*node
	unsupported map[string]int // feature → first line
	vw, vh      float64        // the root viewBox's size, for percentages
	depth       int            // nesting of <use>
	shapes      int
	visits      int // elements walked, <use> copies included
	texts       int // <text> elements drawn, numbering them
}

// maxShapes bounds the painted shapes, and maxVisits the elements
// walked: a <use> of a group of <use>s of … multiplies them.
const (
	maxShapes = 100000
	maxVisits = 200000
)

func (p *parser) unsupportedAt(what string, line int) {
	if l, ok := p.unsupported[what]; !ok || line < l {
		p.unsupported[what] = line
	}
}

// Parse reads an SVG document into a Drawing. An error means the file is
// not an SVG picture at all; constructs press cannot draw are listed in
// Drawing.Unsupported instead.
func Parse(data []byte) (*Drawing, error) {
	root, err := readTree(data)
	if err != nil {
		return nil, fmt.Errorf("svg: %w", err)
	}
	w, h, err := Size(data)
	if err != nil {
		return nil, fmt.Errorf("svg: %w", err)
	}
	p := &parser{ids: map[string]*node{}, unsupported: map[string]int{}}
	var index func(n *node)
	index = func(n *node) {
		if id := n.attrs["id"]; id != "" {
			if _, dup := p.ids[id]; !dup {
				p.ids[id] = n
			}
		}
		for _, k := range n.kids {
			index(k)
		}
	}
	index(root)
	p.applySheets(root)

	// The viewBox fitted into the viewport by preserveAspectRatio.
	ctm := Identity
	p.vw, p.vh = w, h
	if vb := numbers(root.attrs["viewBox"]); len(vb) == 4 && vb[2] > 0 && vb[3] > 0 {
		p.vw, p.vh = vb[2], vb[3]
		ctm = viewBoxMatrix(vb, w, h, root.attrs["preserveAspectRatio"])
	}
	dr := &Drawing{Width: w, Height: h}
	dr.Shapes = p.children(root, initialProps(), ctm, nil)
	for what, line := range p.unsupported {
		dr.Unsupported = append(dr.Unsupported, Feature{What: what, Line: line})
	}
	sort.Slice(dr.Unsupported, func(i, j int) bool {
		a, b := dr.Unsupported[i], dr.Unsupported[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.What < b.What
	})
	return dr, nil
}

// viewBoxMatrix maps the viewBox vb onto a w×h viewport as
// preserveAspectRatio par says (default xMidYMid meet).
func viewBoxMatrix(vb []float64, w, h float64, par string) Matrix {
	sx, sy := w/vb[2], h/vb[3]
	f := strings.Fields(par)
	if len(f) > 0 && f[0] == "defer" {
		f = f[1:]
	}
	align, slice := "xMidYMid", false
	if len(f) > 0 {
		align = f[0]
	}
	if len(f) > 1 && f[1] == "slice" {
		slice = true
	}
	if align == "none" {
		return Matrix{sx, 0, 0, sy, -vb[0] * sx, -vb[1] * sy}
	}
	s := math.Min(sx, sy)
	if slice {
		s = math.Max(sx, sy)
	}
	tx, ty := -vb[0]*s, -vb[1]*s
	switch {
	case strings.Contains(align, "xMid"):
		tx += (w - vb[2]*s) / 2
	case strings.Contains(align, "xMax"):
		tx += w - vb[2]*s
	}
	switch {
	case strings.Contains(align, "YMid"):
		ty += (h - vb[3]*s) / 2
	case strings.Contains(align, "YMax"):
		ty += h - vb[3]*s
	}
	return Matrix{s, 0, 0, s, tx, ty}
}

// children draws the child elements of n.
func (p *parser) children(n *node, pr props, ctm Matrix, out []Shape) []Shape {
	for _, k := range n.kids {
		out = p.element(k, pr, ctm, out)
	}
	return out
}

// element draws n and what it contains, appending to out.
func (p *parser) element(n *node, parent props, ctm Matrix, out []Shape) []Shape {
	p.visits++
	if p.visits > maxVisits {
		p.unsupportedAt(fmt.Sprintf("more than %d elements drawn", maxVisits), n.line)
		return out
	}
	switch n.name {
	case "", "#text", "title", "desc", "metadata", "defs", "linearGradient", "radialGradient", "stop",
		"symbol", "clipPath", "mask", "pattern", "marker", "filter",
		"animate", "animateMotion", "animateTransform", "set", "mpath", "script":
		// Not rendered where they stand (or meaningful on paper only as
		// their first frame, which is what is drawn).
		return out
	case "style":
		return out // applied to the elements it names (applySheets)
	case "g", "a", "svg", "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text":
	default:
		p.unsupportedAt("<"+n.name+"> element", n.line)
		return out
	}
	decl := declarations(n)
	if decl["display"] == "none" {
		return out
	}
	pr := parent
	p.apply(&pr, decl, n.line)
	ctm, ok := within(n, ctm)
	if !ok {
		p.unsupportedAt("transform that cannot be read", n.line)
		return out
	}
	for _, prop := range [...]string{"filter", "mask"} {
		if v, ok := decl[prop]; ok && v != "none" && v != "" {
			p.unsupportedAt(prop+" property", n.line)
		}
	}
	var clip *Clip
	if v, ok := decl["clip-path"]; ok && v != "none" && v != "" {
		if clip, ok = p.clip(v, pr, ctm, n.line); !ok {
			p.unsupportedAt("clip-path property", n.line)
			return out
		}
	}
	if v := decl["mix-blend-mode"]; v != "" && v != "normal" {
		p.unsupportedAt("mix-blend-mode property", n.line)
	}
	opacity := 1.0
	if v, ok := decl["opacity"]; ok {
		opacity, _ = opacityValue(v)
	}

	var shapes []Shape
	switch n.name {
	case "svg":
		p.unsupportedAt("nested <svg> element", n.line)
		return out
	case "g", "a":
		shapes = p.children(n, pr, ctm, nil)
	case "use":
		shapes = p.use(n, pr, ctm)
	case "text":
		s, ok := p.text(n, pr, ctm)
		if !ok {
			return out
		}
		if opacity < 1 {
			// Text has one paint, its fill: the element's opacity is
			// the spans'.
			for i := range s.Text.Chunks {
				for j := range s.Text.Chunks[i].Spans {
					s.Text.Chunks[i].Spans[j].Opacity *= opacity
				}
			}
			opacity = 1
		}
		shapes = []Shape{s}
	default:
		s, ok := p.shape(n, pr, ctm)
		if !ok {
			return out
		}
		if opacity < 1 && (s.Fill.None || s.Stroke.None) {
			// One paint: its opacity carries the element's.
			s.Fill.Opacity *= opacity
			s.Stroke.Opacity *= opacity
			opacity = 1
		}
		shapes = []Shape{s}
	}
	if clip != nil && len(shapes) > 0 {
		shapes = []Shape{{Group: shapes, Opacity: 1, Clip: clip, Line: n.line}}
	}
	if opacity >= 1 || len(shapes) == 0 {
		return append(out, shapes...)
	}
	if opacity <= 0 {
		return out
	}
	return append(out, Shape{Group: shapes, Opacity: opacity, Line: n.line})
}

// clip resolves a clip-path value for an element whose transform is
// ctm: a <clipPath> in user space units holding one shape (or a <use>
// of one), which is all press draws exactly as a PDF clipping path.
func (p *parser) clip(v string, pr props, ctm Matrix, line int) (*Clip, bool) {
	ps, ok := parsePaint(v)
	if !ok || ps.kind != paintURL || ps.fallback != nil {
		return nil, false
	}
	target := p.ids[ps.url]
	if target == nil || target.name != "clipPath" || target.attrs["clipPathUnits"] == "objectBoundingBox" {
		return nil, false
	}
	if ctm, ok = within(target, ctm); !ok {
		return nil, false
	}
	var kids []*node
	for _, k := range target.kids {
		switch k.name {
		case "", "#text", "title", "desc", "metadata":
		default:
			kids = append(kids, k)
		}
	}
	if len(kids) != 1 {
		return nil, false
	}
	k := kids[0]
	decl := declarations(k)
	for _, prop := range [...]string{"clip-path", "filter", "mask"} {
		if v, ok := decl[prop]; ok && v != "none" && v != "" {
			return nil, false
		}
	}
	if k.name == "use" {
		ref := strings.TrimSpace(k.attrs["href"])
		t := p.ids[strings.TrimPrefix(ref, "#")]
		if !strings.HasPrefix(ref, "#") || t == nil {
			return nil, false
		}
		if ctm, ok = within(k, ctm); !ok {
			return nil, false
		}
		x, _ := unit(k.attrs["x"], p.vw)
		y, _ := unit(k.attrs["y"], p.vh)
		ctm = Matrix{1, 0, 0, 1, x, y}.Then(ctm)
		k = t
		decl = declarations(k)
	}
	switch k.name {
	case "path", "rect", "circle", "ellipse", "polygon", "polyline":
	default:
		return nil, false
	}
	if ctm, ok = within(k, ctm); !ok {
		return nil, false
	}
	kp := initialProps()
	kp.fill = paintSpec{kind: paintColor, alpha: 1}
	kp.stroke = paintSpec{kind: paintNone}
	s, ok := p.shape(k, kp, ctm)
	if !ok {
		return nil, false
	}
	rule := declarations(target)["clip-rule"]
	if v, ok := decl["clip-rule"]; ok {
		rule = v
	}
	evenOdd := rule == "evenodd"
	return &Clip{Path: s.Path, CTM: ctm, EvenOdd: evenOdd}, true
}

// use draws the element a <use> refers to, moved by its x and y.
func (p *parser) use(n *node, pr props, ctm Matrix) []Shape {
	ref := strings.TrimSpace(n.attrs["href"])
	target := p.ids[strings.TrimPrefix(ref, "#")]
	if !strings.HasPrefix(ref, "#") || target == nil {
		return nil // a reference to nothing draws nothing
	}
	if p.depth > 16 {
		p.unsupportedAt("<use> nested too deep or circular", n.line)
		return nil
	}
	x, _ := unit(n.attrs["x"], p.vw)
	y, _ := unit(n.attrs["y"], p.vh)
	ctm = Matrix{1, 0, 0, 1, x, y}.Then(ctm)
	p.depth++
	defer func() { p.depth-- }()
	if target.name == "symbol" {
		if _, has := target.attrs["viewBox"]; has {
			p.unsupportedAt("<symbol> with a viewBox", target.line)
			return nil
		}
		decl := declarations(target)
		if decl["display"] == "none" {
			return nil
		}
		p.apply(&pr, decl, target.line)
		return p.children(target, pr, ctm, nil)
	}
	return p.element(target, pr, ctm, nil)
}

// apply computes an element's properties from its declarations.
func (p *parser) apply(pr *props, decl map[string]string, line int) {
	if v, ok := decl["font"]; ok && v != "inherit" {
		p.fontShorthand(pr, v, line)
	}
	if v, ok := decl["font-size"]; ok && v != "inherit" {
		if s, ok := fontSize(v, pr.fontSize); ok {
			pr.fontSize = s
		}
	}
	for name, v := range decl {
		if v == "inherit" || v == "" {
			continue
		}
		switch name {
		case "fill", "stroke":
			ps, ok := parsePaint(v)
			if !ok {
				continue // an invalid value is ignored, as in CSS
			}
			if name == "fill" {
				pr.fill = ps
			} else {
				pr.stroke = ps
			}
		case "color":
			if c, _, ok := parseColor(v); ok {
				pr.color = c
			}
		case "fill-opacity":
			if o, ok := opacityValue(v); ok {
				pr.fillOpacity = o
			}
		case "stroke-opacity":
			if o, ok := opacityValue(v); ok {
				pr.strokeOpacity = o
			}
		case "fill-rule":
			pr.evenOdd = v == "evenodd"
		case "stroke-width":
			if w, ok := unit(v, math.Hypot(p.vw, p.vh)/math.Sqrt2); ok && w >= 0 {
				pr.strokeWidth = w
			}
		case "stroke-linecap":
			switch v {
			case "butt":
				pr.cap = 0
			case "round":
				pr.cap = 1
			case "square":
				pr.cap = 2
			}
		case "stroke-linejoin":
			switch v {
			case "miter", "miter-clip":
				pr.join = 0
			case "round":
				pr.join = 1
			case "bevel":
				pr.join = 2
			case "arcs":
				p.unsupportedAt("stroke-linejoin arcs", line)
			}
		case "stroke-miterlimit":
			if m, err := parseFloat(v); err == nil && m >= 1 {
				pr.miterLimit = m
			}
		case "stroke-dasharray":
			pr.dash = nil
			if v == "none" {
				continue
			}
			var dash []float64
			sum := 0.0
			ok := true
			for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
				d, good := unit(f, math.Hypot(p.vw, p.vh)/math.Sqrt2)
				if !good || d < 0 {
					ok = false
					break
				}
				dash = append(dash, d)
				sum += d
			}
			if ok && sum > 0 {
				if len(dash)%2 == 1 {
					dash = append(dash, dash...)
				}
				pr.dash = dash
			}
		case "stroke-dashoffset":
			if o, ok := unit(v, math.Hypot(p.vw, p.vh)/math.Sqrt2); ok {
				pr.dashOffset = o
			}
		case "visibility":
			pr.hidden = v == "hidden" || v == "collapse"
		case "marker", "marker-start", "marker-mid", "marker-end":
			if v != "none" {
				p.unsupportedAt("markers ("+name+")", line)
			}
		case "paint-order":
			if v != "normal" && !strings.HasPrefix(v, "fill") {
				p.unsupportedAt("paint-order property", line)
			}
		case "vector-effect":
			if v != "none" {
				p.unsupportedAt("vector-effect property", line)
			}
		default:
			p.applyText(pr, name, v, line)
		}
	}
}

// shape builds the path of a basic shape or <path> and its paints.
func (p *parser) shape(n *node, pr props, ctm Matrix) (Shape, bool) {
	if pr.hidden {
		return Shape{}, false
	}
	p.shapes++
	if p.shapes > maxShapes {
		p.unsupportedAt(fmt.Sprintf("more than %d shapes", maxShapes), n.line)
		return Shape{}, false
	}
	var b pathBuilder
	num := func(attr string, pct float64) float64 {
		v, _ := unit(n.attrs[attr], pct)
		return v
	}
	diag := math.Hypot(p.vw, p.vh) / math.Sqrt2
	switch n.name {
	case "path":
		path, err := parsePath(n.attrs["d"])
		if err != nil && len(path) == 0 {
			return Shape{}, false
		}
		// A path with an error is drawn up to the error, as browsers do.
		b.p = path
	case "rect":
		x, y := num("x", p.vw), num("y", p.vh)
		w, h := num("width", p.vw), num("height", p.vh)
		if w <= 0 || h <= 0 {
			return Shape{}, false
		}
		rx, rxok := unit(n.attrs["rx"], p.vw)
		ry, ryok := unit(n.attrs["ry"], p.vh)
		if n.attrs["rx"] == "" || n.attrs["rx"] == "auto" {
			rxok = false
		}
		if n.attrs["ry"] == "" || n.attrs["ry"] == "auto" {
			ryok = false
		}
		switch {
		case rxok && !ryok:
			ry = rx
		case ryok && !rxok:
			rx = ry
		case !rxok && !ryok:
			rx, ry = 0, 0
		}
		rx = math.Max(0, math.Min(rx, w/2))
		ry = math.Max(0, math.Min(ry, h/2))
		if rx == 0 || ry == 0 {
			b.moveTo(x, y)
			b.lineTo(x+w, y)
			b.lineTo(x+w, y+h)
			b.lineTo(x, y+h)
			b.close()
			break
		}
		const k = 0.5522847498307936
		b.moveTo(x+rx, y)
		b.lineTo(x+w-rx, y)
		b.cubicTo(x+w-rx+k*rx, y, x+w, y+ry-k*ry, x+w, y+ry)
		b.lineTo(x+w, y+h-ry)
		b.cubicTo(x+w, y+h-ry+k*ry, x+w-rx+k*rx, y+h, x+w-rx, y+h)
		b.lineTo(x+rx, y+h)
		b.cubicTo(x+rx-k*rx, y+h, x, y+h-ry+k*ry, x, y+h-ry)
		b.lineTo(x, y+ry)
		b.cubicTo(x, y+ry-k*ry, x+rx-k*rx, y, x+rx, y)
		b.close()
	case "circle":
		r := num("r", diag)
		if r <= 0 {
			return Shape{}, false
		}
		b.ellipse(num("cx", p.vw), num("cy", p.vh), r, r)
	case "ellipse":
		rx, ry := num("rx", p.vw), num("ry", p.vh)
		if n.attrs["rx"] == "" || n.attrs["rx"] == "auto" {
			rx = ry
		}
		if n.attrs["ry"] == "" || n.attrs["ry"] == "auto" {
			ry = rx
		}
		if rx <= 0 || ry <= 0 {
			return Shape{}, false
		}
		b.ellipse(num("cx", p.vw), num("cy", p.vh), rx, ry)
	case "line":
		b.moveTo(num("x1", p.vw), num("y1", p.vh))
		b.lineTo(num("x2", p.vw), num("y2", p.vh))
	case "polyline", "polygon":
		pts, _ := parsePoints(n.attrs["points"])
		if len(pts) == 0 {
			return Shape{}, false
		}
		b.moveTo(pts[0].X, pts[0].Y)
		for _, q := range pts[1:] {
			b.lineTo(q.X, q.Y)
		}
		if n.name == "polygon" {
			b.close()
		}
	}
	if len(b.p) == 0 {
		return Shape{}, false
	}
	s := Shape{
		Path: b.p, CTM: ctm, EvenOdd: pr.evenOdd, StrokeWidth: pr.strokeWidth,
		Cap: pr.cap, Join: pr.join, MiterLimit: pr.miterLimit, Dash: pr.dash, DashOffset: pr.dashOffset,
		Line: n.line,
	}
	// A polyline is filled too, as if closed, as SVG says; a line is not.
	if n.name == "line" {
		s.Fill = Paint{None: true}
	} else {
		s.Fill = p.paint(pr.fill, pr.fillOpacity, pr, b.p, n.line)
	}
	s.Stroke = p.paint(pr.stroke, pr.strokeOpacity, pr, b.p, n.line)
	if pr.strokeWidth <= 0 {
		s.Stroke = Paint{None: true}
	}
	if s.Fill.None && s.Stroke.None {
		return Shape{}, false
	}
	return s, true
}

// paint resolves a fill or stroke for a shape whose path is path.
func (p *parser) paint(ps paintSpec, opacity float64, pr props, path Path, line int) Paint {
	switch ps.kind {
	case paintNone:
		return Paint{None: true}
	case paintColor:
		return Paint{Color: ps.color, Opacity: opacity * ps.alpha}
	case paintCurrent:
		return Paint{Color: pr.color, Opacity: opacity}
	}
	target := p.ids[ps.url]
	if target == nil {
		if ps.fallback != nil {
			return p.paint(*ps.fallback, opacity, pr, path, line)
		}
		return Paint{None: true}
	}
	switch target.name {
	case "linearGradient", "radialGradient":
	default:
		p.unsupportedAt("paint with <"+target.name+">", line)
		return Paint{None: true}
	}
	g, m, ok := p.gradient(target, path, line)
	if !ok {
		return Paint{None: true}
	}
	if len(g.Stops) == 1 {
		s := g.Stops[0]
		return Paint{Color: s.Color, Opacity: opacity * s.Opacity}
	}
	return Paint{Gradient: g, GradientMatrix: m, Opacity: opacity}
}

// gradient resolves a gradient element with the attributes and stops it
// inherits through href, for a shape whose path is path.
func (p *parser) gradient(n *node, path Path, line int) (*Gradient, Matrix, bool) {
	// The chain of templates, this element first.
	chain := []*node{n}
	for cur := n; len(chain) < 32; {
		ref := strings.TrimSpace(cur.attrs["href"])
		next := p.ids[strings.TrimPrefix(ref, "#")]
		if !strings.HasPrefix(ref, "#") || next == nil || (next.name != "linearGradient" && next.name != "radialGradient") {
			break
		}
		chain = append(chain, next)
		cur = next
	}
	attr := func(name string, sameKind bool) (string, bool) {
		for _, g := range chain {
			if sameKind && g.name != n.name {
				continue
			}
			if v, ok := g.attrs[name]; ok {
				return v, true
			}
		}
		return "", false
	}
	var stops []*node
	for _, g := range chain {
		for _, k := range g.kids {
			if k.name == "stop" {
				stops = append(stops, k)
			}
		}
		if len(stops) > 0 {
			break
		}
	}
	if len(stops) == 0 {
		return nil, Identity, false
	}
	g := &Gradient{Radial: n.name == "radialGradient"}
	prev := 0.0
	for _, s := range stops {
		decl := declarations(s)
		off := 0.0
		if v, ok := s.attrs["offset"]; ok {
			off, _ = opacityValue(v)
		}
		off = math.Max(prev, off)
		prev = off
		st := Stop{Offset: off, Opacity: 1}
		if v, ok := decl["stop-color"]; ok {
			if v == "currentColor" || v == "currentcolor" {
				if c, _, ok := parseColor(decl["color"]); ok {
					st.Color = c
				}
			} else if c, a, ok := parseColor(v); ok {
				st.Color, st.Opacity = c, a
			}
		}
		if v, ok := decl["stop-opacity"]; ok {
			if o, ok := opacityValue(v); ok {
				st.Opacity *= o
			}
		}
		g.Stops = append(g.Stops, st)
	}

	userSpace := false
	if v, _ := attr("gradientUnits", false); v == "userSpaceOnUse" {
		userSpace = true
	}
	if v, _ := attr("spreadMethod", false); v == "reflect" || v == "repeat" {
		p.unsupportedAt("spreadMethod "+v, line)
	}
	gt := Identity
	if v, ok := attr("gradientTransform", false); ok {
		m, err := parseTransform(v)
		if err != nil {
			p.unsupportedAt("gradientTransform that cannot be read", n.line)
		} else {
			gt = m
		}
	}
	// Coordinates: numbers or percentages, of the bounding box or of the
	// viewport.
	coord := func(name, def string, pct float64) float64 {
		v, ok := attr(name, true)
		if !ok {
			v = def
		}
		if !userSpace {
			pct = 1
		}
		x, good := unit(v, pct)
		if !good {
			x, _ = unit(def, pct)
		}
		return x
	}
	diag := math.Hypot(p.vw, p.vh) / math.Sqrt2
	if g.Radial {
		g.CX, g.CY, g.R = coord("cx", "50%", p.vw), coord("cy", "50%", p.vh), coord("r", "50%", diag)
		g.FR = coord("fr", "0%", diag)
		g.FX, g.FY = g.CX, g.CY
		if _, ok := attr("fx", true); ok {
			g.FX = coord("fx", "50%", p.vw)
		}
		if _, ok := attr("fy", true); ok {
			g.FY = coord("fy", "50%", p.vh)
		}
		if g.R <= 0 {
			// A zero radius paints the last stop's colour.
			last := g.Stops[len(g.Stops)-1]
			g.Stops = []Stop{last}
			return g, Identity, true
		}
		// A focal point outside the end circle is moved onto it (SVG 1.1).
		if d := math.Hypot(g.FX-g.CX, g.FY-g.CY); d > g.R*0.999 {
			k := g.R * 0.999 / d
			g.FX, g.FY = g.CX+(g.FX-g.CX)*k, g.CY+(g.FY-g.CY)*k
		}
		g.FR = math.Min(g.FR, g.R)
	} else {
		g.X1, g.Y1 = coord("x1", "0%", p.vw), coord("y1", "0%", p.vh)
		g.X2, g.Y2 = coord("x2", "100%", p.vw), coord("y2", "0%", p.vh)
		if g.X1 == g.X2 && g.Y1 == g.Y2 {
			last := g.Stops[len(g.Stops)-1]
			g.Stops = []Stop{last}
			return g, Identity, true
		}
	}
	m := gt
	if !userSpace {
		x0, y0, x1, y1, ok := path.bounds()
		if !ok || x1-x0 <= 0 || y1-y0 <= 0 {
			// A bounding box without area cannot carry the gradient:
			// SVG paints nothing.
			return nil, Identity, false
		}
		m = gt.Then(Matrix{x1 - x0, 0, 0, y1 - y0, x0, y0})
	}
	if m.det() == 0 {
		return nil, Identity, false
	}
	return g, m, true
}

// within returns ctm composed with n's own transform attribute, if any;
// false when that attribute cannot be read.
func within(n *node, ctm Matrix) (Matrix, bool) {
	t, ok := n.attrs["transform"]
	if !ok {
		return ctm, true
	}
	m, err := parseTransform(t)
	if err != nil {
		return ctm, false
	}
	return m.Then(ctm), true
}
