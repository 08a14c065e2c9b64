package svg

import (
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestTransform(t *testing.T) {
	for _, c := range []struct {
		in      string
		x, y    float64 // (1, 2) transformed
		wantErr bool
	}{
		{"translate(10 20)", 11, 22, false},
		{"translate(10)", 11, 2, false},
		{"scale(2)", 2, 4, false},
		{"scale(2,3)", 2, 6, false},
		{"rotate(90)", -2, 1, false},
		{"rotate(90 1 1)", 0, 1, false},
		{"matrix(1 0 0 1 5 6)", 6, 8, false},
		{"skewX(45)", 3, 2, false},
		{"skewY(45)", 1, 3, false},
		// Applied right to left: scale, then translate.
		{"translate(10,0) scale(2)", 12, 4, false},
		{"scale(2) translate(10,0)", 22, 4, false},
		{"rotate(1 2)", 0, 0, true},
		{"spin(3)", 0, 0, true},
		{"translate(1", 0, 0, true},
	} {
		m, err := parseTransform(c.in)
		if (err != nil) != c.wantErr {
			t.Errorf("%q: error %v, want error %v", c.in, err, c.wantErr)
			continue
		}
		if c.wantErr {
			continue
		}
		if x, y := m.Apply(1, 2); !near(x, c.x) || !near(y, c.y) {
			t.Errorf("%q maps (1,2) to (%g,%g), want (%g,%g)", c.in, x, y, c.x, c.y)
		}
	}
}

// end returns the last point a path reaches.
func end(p Path) Point {
	var cur, start Point
	for _, s := range p {
		switch s.Op {
		case MoveTo:
			cur, start = s.P[0], s.P[0]
		case LineTo:
			cur = s.P[0]
		case CubicTo:
			cur = s.P[2]
		case Close:
			cur = start
		}
	}
	return cur
}

func TestPathCommands(t *testing.T) {
	for _, c := range []struct {
		d     string
		end   Point
		ops   string
		bound [4]float64 // exact bounding box, when not zero
	}{
		{"M1 2 L3 4", Point{3, 4}, "ML", [4]float64{1, 2, 3, 4}},
		{"m1 2 l3 4", Point{4, 6}, "ML", [4]float64{}},
		{"M0 0 10 0 10 10", Point{10, 10}, "MLL", [4]float64{}}, // implicit linetos
		{"m1 1 2 0", Point{3, 1}, "ML", [4]float64{}},
		{"M0 0 H5 V7 h1 v1", Point{6, 8}, "MLLLL", [4]float64{}},
		{"M0 0 C0 10 10 10 10 0 S20 -10 20 0", Point{20, 0}, "MCC", [4]float64{0, -7.5, 20, 7.5}},
		{"M0 0 c0 10 10 10 10 0 s10 -10 10 0", Point{20, 0}, "MCC", [4]float64{0, -7.5, 20, 7.5}},
		{"M0 0 Q5 10 10 0 T20 0", Point{20, 0}, "MCC", [4]float64{0, -5, 20, 5}},
		{"M0 0 q5 10 10 0 t10 0", Point{20, 0}, "MCC", [4]float64{0, -5, 20, 5}},
		// A half circle of radius 5 below the x axis (sweep 0: counter-clockwise on screen).
		{"M0 0 A5 5 0 0 0 10 0", Point{10, 0}, "MCC", [4]float64{0, 0, 10, 5}},
		{"M0 0 a5 5 0 0 1 10 0", Point{10, 0}, "MCC", [4]float64{0, -5, 10, 0}},
		// Radii too small are scaled up; flags need no separator.
		{"M0 0 a1 1 0 1110 0", Point{10, 0}, "MCC", [4]float64{0, -5, 10, 0}},
		// Zero radius: a straight line.
		{"M0 0 A0 5 0 0 1 10 0", Point{10, 0}, "ML", [4]float64{}},
		{"M0 0 L10 0 Z M1 1", Point{1, 1}, "MLZM", [4]float64{}},
		{"M0,0L1.5.5-1-2e0", Point{-1, -2}, "MLL", [4]float64{}},
	} {
		p, err := parsePath(c.d)
		if err != nil {
			t.Errorf("%q: %v", c.d, err)
			continue
		}
		var ops strings.Builder
		for _, s := range p {
			ops.WriteByte("MLCZ"[s.Op])
		}
		if ops.String() != c.ops {
			t.Errorf("%q: segments %s, want %s", c.d, ops.String(), c.ops)
		}
		if e := end(p); !near(e.X, c.end.X) || !near(e.Y, c.end.Y) {
			t.Errorf("%q ends at %v, want %v", c.d, e, c.end)
		}
		if c.bound != [4]float64{} {
			x0, y0, x1, y1, _ := p.bounds()
			got := [4]float64{x0, y0, x1, y1}
			for i := range got {
				if math.Abs(got[i]-c.bound[i]) > 1e-3 {
					t.Errorf("%q: bounds %v, want %v", c.d, got, c.bound)
					break
				}
			}
		}
	}
	for _, bad := range []string{"L1 2", "M1", "M1 2 X", "M1 2 A1 1 0 2 0 3 3"} {
		if _, err := parsePath(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestArcOnCircle: every point of a drawn arc lies on its circle.
func TestArcOnCircle(t *testing.T) {
	p, err := parsePath("M 10 0 A 10 10 0 1 1 -7.0710678 -7.0710678")
	if err != nil {
		t.Fatal(err)
	}
	cur := p[0].P[0]
	for _, s := range p[1:] {
		for _, tt := range []float64{0.25, 0.5, 0.75, 1} {
			x, y := cubicAt(cur, s.P[0], s.P[1], s.P[2], tt)
			if r := math.Hypot(x, y); math.Abs(r-10) > 0.01 {
				t.Errorf("arc point (%.3f, %.3f) at radius %.4f, want 10", x, y, r)
			}
		}
		cur = s.P[2]
	}
	if len(p) != 4 {
		t.Errorf("a 225° arc in %d pieces, want 3 curves", len(p)-1)
	}
}

func TestColors(t *testing.T) {
	for _, c := range []struct {
		in    string
		want  RGB
		alpha float64
		ok    bool
	}{
		{"red", RGB{1, 0, 0}, 1, true},
		{"DarkSlateBlue", hexRGB(0x483d8b), 1, true},
		{"#abc", hexRGB(0xaabbcc), 1, true},
		{"#a1b2c3", hexRGB(0xa1b2c3), 1, true},
		{"#a1b2c380", hexRGB(0xa1b2c3), 128.0 / 255, true},
		{"rgb(255, 0, 51)", RGB{1, 0, 0.2}, 1, true},
		{"rgb(100%, 50%, 0%)", RGB{1, 0.5, 0}, 1, true},
		{"rgba(0,0,0,0.25)", RGB{}, 0.25, true},
		{"hsl(120, 100%, 25%)", RGB{0, 0.5, 0}, 1, true},
		{"transparent", RGB{}, 0, true},
		{"#ab", RGB{}, 0, false},
		{"#ggg", RGB{}, 0, false},
		{"rgb(1,2)", RGB{}, 0, false},
		{"blurple", RGB{}, 0, false},
	} {
		got, a, ok := parseColor(c.in)
		if ok != c.ok || (ok && (!near(got.R, c.want.R) || !near(got.G, c.want.G) || !near(got.B, c.want.B) || !near(a, c.alpha))) {
			t.Errorf("%q: %v %g %v, want %v %g %v", c.in, got, a, ok, c.want, c.alpha, c.ok)
		}
	}
}

func parse(t *testing.T, s string) *Drawing {
	t.Helper()
	d, err := Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestStyleCascade: presentation attributes, the style attribute over
// them, inheritance down groups, and inherit.
func TestStyleCascade(t *testing.T) {
	d := parse(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<g fill="blue" stroke="red" stroke-width="3" fill-opacity=".5" style="stroke-linecap: round">
  <rect width="10" height="10" fill="green" style="fill: #00f; stroke-dasharray: 1 2 3"/>
  <circle r="5" fill="inherit" stroke="none" opacity="0.5"/>
  <path d="M0 0 L5 5" fill="none" style="stroke:currentColor;color:lime;stroke-linejoin:bevel" stroke-miterlimit="7" fill-rule="evenodd"/>
</g></svg>`)
	if len(d.Shapes) != 3 {
		t.Fatalf("%d shapes, want 3", len(d.Shapes))
	}
	r, c, p := d.Shapes[0], d.Shapes[1], d.Shapes[2]
	if r.Fill.Color != (RGB{0, 0, 1}) || r.Fill.Opacity != 0.5 || r.Stroke.Color != (RGB{1, 0, 0}) || r.StrokeWidth != 3 || r.Cap != 1 {
		t.Errorf("rect: %+v", r)
	}
	if len(r.Dash) != 6 {
		t.Errorf("an odd dash array is repeated: %v", r.Dash)
	}
	if !c.Stroke.None || c.Fill.Opacity != 0.25 || c.Group != nil {
		t.Errorf("circle: one paint carries the element's opacity: %+v", c)
	}
	if p.Stroke.Color != (RGB{0, 1, 0}) || p.Join != 2 || p.MiterLimit != 7 || !p.EvenOdd || !p.Fill.None {
		t.Errorf("path: %+v", p)
	}
}

func TestViewBox(t *testing.T) {
	for _, c := range []struct {
		par  string
		x, y float64 // where the viewBox's origin lands
		s    float64
	}{
		{"", 50, 0, 1},
		{"xMinYMin meet", 0, 0, 1},
		{"xMaxYMax", 100, 0, 1},
		{"xMidYMid slice", 0, -50, 2},
	} {
		d := parse(t, `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 100 100" preserveAspectRatio="`+c.par+`"><rect width="100" height="100"/></svg>`)
		m := d.Shapes[0].CTM
		if x, y := m.Apply(0, 0); !near(x, c.x) || !near(y, c.y) || !near(m[0], c.s) {
			t.Errorf("%q: origin at (%g,%g) scale %g, want (%g,%g) scale %g", c.par, x, y, m[0], c.x, c.y, c.s)
		}
	}
	d := parse(t, `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="10 10 100 100" preserveAspectRatio="none"><rect width="1" height="1"/></svg>`)
	if m := d.Shapes[0].CTM; m != (Matrix{2, 0, 0, 1, -20, -10}) {
		t.Errorf("none: %v", m)
	}
}

// TestGradients: href inheritance, bounding-box units, stops.
func TestGradients(t *testing.T) {
	d := parse(t, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100">
<defs>
  <linearGradient id="a" x1="10%" x2="90%"><stop offset="0" stop-color="red"/><stop offset=".5" stop-color="lime" stop-opacity=".5"/><stop offset="0.3" stop-color="blue"/></linearGradient>
  <linearGradient id="b" xlink:href="#a" gradientTransform="scale(2)"/>
  <radialGradient id="c" gradientUnits="userSpaceOnUse" cx="50" cy="50" r="10" fx="90" fy="50"><stop stop-color="#000"/><stop offset="1" stop-color="#fff"/></radialGradient>
  <linearGradient id="one"><stop stop-color="olive"/></linearGradient>
</defs>
<rect x="10" y="20" width="40" height="20" fill="url(#b)"/>
<circle cx="50" cy="50" r="10" fill="url(#c)" stroke="url(#one)"/>
<rect width="5" height="5" fill="url(#missing) purple" stroke="url(#gone)"/>
</svg>`)
	if len(d.Shapes) != 3 {
		t.Fatalf("%d shapes", len(d.Shapes))
	}
	f := d.Shapes[0].Fill
	g := f.Gradient
	if g == nil || g.Radial || !near(g.X1, 0.1) || !near(g.X2, 0.9) || len(g.Stops) != 3 {
		t.Fatalf("inherited gradient: %+v", g)
	}
	if g.Stops[2].Offset != 0.5 || g.Stops[1].Opacity != 0.5 {
		t.Errorf("stops: offsets never decrease, opacity kept: %+v", g.Stops)
	}
	// scale(2) then the bounding box (10,20)-(50,40).
	if x, y := f.GradientMatrix.Apply(0.5, 0.5); !near(x, 50) || !near(y, 40) {
		t.Errorf("gradient space (0.5,0.5) at (%g,%g), want (50,40)", x, y)
	}
	c := d.Shapes[1]
	if rg := c.Fill.Gradient; rg == nil || !rg.Radial || c.Fill.GradientMatrix != Identity || !near(rg.FX, 59.99) {
		t.Errorf("radial gradient (focus moved inside the circle): %+v", c.Fill)
	}
	if c.Stroke.Gradient != nil || c.Stroke.Color != hexRGB(0x808000) {
		t.Errorf("a gradient of one stop is its colour: %+v", c.Stroke)
	}
	if s := d.Shapes[2]; s.Fill.Color != hexRGB(0x800080) || !s.Stroke.None {
		t.Errorf("missing paint servers: the fallback, or none: %+v", s)
	}
}

// TestUnsupported: what cannot be drawn is listed, with its line.
func TestUnsupported(t *testing.T) {
	d := parse(t, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:i="http://ns.example/ink" viewBox="0 0 10 10">
<title>t</title><i:namedview/>
<style>rect { fill: red } g rect + rect { fill: blue }</style>
<style/>
<text x="1" y="1"><textPath href="#p">Hi</textPath></text>
<rect width="1" height="1" filter="url(#f)"/>
<g clip-path="url(#c)"><rect width="1" height="1"/></g>
<circle r="1" fill="url(#p)"/>
<pattern id="p"/>
<image href="a.png" width="1" height="1"/>
<path d="M0 0L1 1" marker-end="url(#m)"/>
<rect width="1" height="1" fill="none" stroke="red" style="mask: url(#m)"/>
</svg>`)
	var got []string
	for _, f := range d.Unsupported {
		got = append(got, f.String())
	}
	want := []string{
		"style sheet selector g rect + rect (line 3)", "<textPath> in <text> (line 5)", "filter property (line 6)",
		"clip-path property (line 7)", "paint with <pattern> (line 8)", "<image> element (line 10)",
		"markers (marker-end) (line 11)", "mask property (line 12)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("unsupported:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The fixture's pictures have none.
	for _, f := range []string{"../../testdata/harbour/images/compass.svg", "../../testdata/harbour/images/currents.svg", "testdata/kitchen.svg"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Unsupported) > 0 || len(d.Shapes) == 0 {
			t.Errorf("%s: %d shapes, unsupported %v", f, len(d.Shapes), d.Unsupported)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{"", "<html/>", "not xml", `<svg xmlns="http://www.w3.org/2000/svg"/>`, "<svg><g></svg>"} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzParse: any input either fails cleanly or gives shapes whose
// numbers are all finite.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"../../testdata/harbour/images/compass.svg", "../../testdata/harbour/images/currents.svg", "testdata/kitchen.svg", "testdata/graphviz.svg"} {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`<svg viewBox="0 0 1 1"><path d="M0 0a1e308 1e308 0 1 1 1 1"/><use href="#x" id="x"/></svg>`))
	f.Add([]byte(`<svg viewBox="0 0 9 9"><style><!-- .a{fill:red} g .b > rect#c.a:hover, * {stroke:blue!important} @media x { a{} } /* c */ --></style><g class="b"><rect id="c" class="a b" width="1" height="1"/></g></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data)
		if err != nil {
			return
		}
		var check func(ss []Shape)
		check = func(ss []Shape) {
			for _, s := range ss {
				check(s.Group)
				for _, v := range s.CTM {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Fatalf("transform %v", s.CTM)
					}
				}
				for _, seg := range s.Path {
					for _, p := range seg.P {
						if math.IsNaN(p.X) || math.IsNaN(p.Y) {
							t.Fatalf("path point %v", p)
						}
					}
				}
				if s.Text != nil {
					for _, c := range s.Text.Chunks {
						for _, sp := range c.Spans {
							for _, v := range []float64{c.X, c.Y, sp.DX, sp.DY, sp.Size} {
								if math.IsNaN(v) || math.IsInf(v, 0) {
									t.Fatalf("text chunk %+v", c)
								}
							}
							if sp.Text == "" || sp.Size < 0 {
								t.Fatalf("span %+v", sp)
							}
						}
					}
				}
			}
		}
		check(d.Shapes)
	})
}

// TestUseBomb: <use> of groups of <use>s cannot make an unbounded drawing.
func TestUseBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><g id="g0"><rect width="1" height="1"/></g>`)
	for i := 1; i < 30; i++ {
		id, prev := "g"+strconv.Itoa(i), "#g"+strconv.Itoa(i-1)
		b.WriteString(`<g id="` + id + `"><use href="` + prev + `"/><use href="` + prev + `"/><use href="` + prev + `"/></g>`)
	}
	b.WriteString(`</svg>`)
	d, err := Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Unsupported) == 0 {
		t.Error("a drawing of 3^29 rectangles was not refused")
	}
}

// TestStyleSheet: a <style> sheet's rules apply by specificity and order,
// over presentation attributes and under the style attribute; what press
// cannot match is listed with its line.
func TestStyleSheet(t *testing.T) {
	d := parse(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<defs><style type="text/css"><![CDATA[
  /* Illustrator's kind of sheet */
  .st0 { fill: #FF0000; stroke: none }
  .st1{fill:#00FF00;stroke:#0000FF;stroke-width:2}
  rect.st0, #big { fill: #0000ff }
  g > .kid { stroke: red; stroke-width: 1 }
  .outer .deep { fill: lime }
  rect:hover { fill: yellow }
  circle { fill: black !important }
  path:first-child { fill: white }
  @media print { rect { fill: pink } }
]]></style></defs>
<rect class="st0" width="1" height="1" fill="green"/>
<circle class="st1" r="1" style="fill: #123456"/>
<ellipse id="big" class="st1" rx="1" ry="1" style="stroke-width: 3"/>
<g><path class="kid st1" d="M0 0L1 1"/></g>
<g class="outer"><g><circle class="deep" r="2" style="fill: blue"/><path class="deep" d="M0 0L1 1"/></g></g>
</svg>`)
	if len(d.Shapes) != 6 {
		t.Fatalf("%d shapes, want 6", len(d.Shapes))
	}
	blue, red, green, black := RGB{0, 0, 1}, RGB{1, 0, 0}, RGB{0, 1, 0}, RGB{}
	r, c, e, p := d.Shapes[0], d.Shapes[1], d.Shapes[2], d.Shapes[3]
	if r.Fill.Color != blue || !r.Stroke.None {
		t.Errorf("rect.st0: the more specific rule wins over .st0 and the attribute: %+v", r)
	}
	if c.Fill.Color != black || c.Stroke.Color != blue || c.StrokeWidth != 2 {
		t.Errorf("circle.st1: an !important rule wins over the style attribute: %+v", c)
	}
	if e.Fill.Color != blue || e.StrokeWidth != 3 {
		t.Errorf("#big: the id rule wins over the class, the style attribute over both: %+v", e)
	}
	if p.Stroke.Color != red || p.StrokeWidth != 1 || p.Fill.Color != green {
		t.Errorf("g > .kid.st1: the child rule comes later with the same specificity: %+v", p)
	}
	if dc := d.Shapes[4]; dc.Fill.Color != black {
		t.Errorf("circle.deep: circle's !important rule: %+v", dc)
	}
	if dp := d.Shapes[5]; dp.Fill.Color != green {
		t.Errorf("path.deep under .outer: the descendant rule: %+v", dp)
	}
	var got []string
	for _, f := range d.Unsupported {
		got = append(got, f.String())
	}
	want := []string{"style sheet selector path:first-child (line 11)", "@media rule in <style> (line 12)"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("unsupported:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
