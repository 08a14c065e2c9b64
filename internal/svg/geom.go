package svg

import (
	"fmt"
	"math"
	"strings"
)

// Matrix is an affine transform in SVG's and PDF's order [a b c d e f]:
// x' = a·x + c·y + e, y' = b·x + d·y + f.
type Matrix [6]float64

// Identity is the transform that changes nothing.
var Identity = Matrix{1, 0, 0, 1, 0, 0}

// Then returns the transform that applies m first, then n.
func (m Matrix) Then(n Matrix) Matrix {
	return Matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// Apply transforms the point (x, y).
func (m Matrix) Apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// det is the matrix's determinant: 0 when it flattens the plane.
func (m Matrix) det() float64 { return m[0]*m[3] - m[1]*m[2] }

// parseTransform reads a transform list: matrix, translate, scale,
// rotate, skewX and skewY, separated by spaces or commas, applied right
// to left as SVG specifies.
func parseTransform(s string) (Matrix, error) {
	out := Identity
	s = strings.TrimSpace(s)
	for s != "" {
		open := strings.IndexByte(s, '(')
		if open < 0 {
			return Identity, fmt.Errorf("transform %q: expected a function such as rotate(…)", s)
		}
		name := strings.TrimSpace(s[:open])
		end := strings.IndexByte(s[open:], ')')
		if end < 0 {
			return Identity, fmt.Errorf("transform: %s( has no closing parenthesis", name)
		}
		args := numbers(s[open+1 : open+end])
		if args == nil && strings.TrimSpace(s[open+1:open+end]) != "" {
			return Identity, fmt.Errorf("transform: %s has arguments that are not numbers", name)
		}
		s = strings.TrimLeft(s[open+end+1:], " \t\r\n,")
		var t Matrix
		n := len(args)
		bad := func() (Matrix, error) {
			return Identity, fmt.Errorf("transform: %s takes other arguments than %d numbers", name, n)
		}
		switch name {
		case "matrix":
			if n != 6 {
				return bad()
			}
			copy(t[:], args)
		case "translate":
			switch n {
			case 1:
				t = Matrix{1, 0, 0, 1, args[0], 0}
			case 2:
				t = Matrix{1, 0, 0, 1, args[0], args[1]}
			default:
				return bad()
			}
		case "scale":
			switch n {
			case 1:
				t = Matrix{args[0], 0, 0, args[0], 0, 0}
			case 2:
				t = Matrix{args[0], 0, 0, args[1], 0, 0}
			default:
				return bad()
			}
		case "rotate":
			if n != 1 && n != 3 {
				return bad()
			}
			a := args[0] * math.Pi / 180
			sin, cos := math.Sincos(a)
			t = Matrix{cos, sin, -sin, cos, 0, 0}
			if n == 3 {
				cx, cy := args[1], args[2]
				t = Matrix{1, 0, 0, 1, -cx, -cy}.Then(t).Then(Matrix{1, 0, 0, 1, cx, cy})
			}
		case "skewX":
			if n != 1 {
				return bad()
			}
			t = Matrix{1, 0, math.Tan(args[0] * math.Pi / 180), 1, 0, 0}
		case "skewY":
			if n != 1 {
				return bad()
			}
			t = Matrix{1, math.Tan(args[0] * math.Pi / 180), 0, 1, 0, 0}
		default:
			return Identity, fmt.Errorf("transform: unknown function %q", name)
		}
		// "translate(a) rotate(b)" rotates first: the list is applied
		// from its last item to its first.
		out = t.Then(out)
	}
	return out, nil
}

// Op is a path segment's kind. Paths are reduced to these four: lines,
// quadratic curves and arcs all become cubic Béziers.
type Op uint8

const (
	MoveTo Op = iota
	LineTo
	CubicTo
	Close
)

// Seg is one path segment: MoveTo and LineTo use P[0]; CubicTo the two
// control points P[0], P[1] and the end point P[2].
type Seg struct {
	Op Op
	P  [3]Point
}

// Point is a position in user space.
type Point struct{ X, Y float64 }

// Path is a sequence of subpaths, each opened by a MoveTo.
type Path []Seg

// bounds returns the path's exact bounding box (curve extremes
// included), and false for an empty path.
func (p Path) bounds() (minX, minY, maxX, maxY float64, ok bool) {
	minX, minY = math.Inf(1), math.Inf(1)
	maxX, maxY = math.Inf(-1), math.Inf(-1)
	add := func(x, y float64) {
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
	}
	var cur Point
	for _, s := range p {
		switch s.Op {
		case MoveTo, LineTo:
			cur = s.P[0]
			add(cur.X, cur.Y)
		case CubicTo:
			add(s.P[2].X, s.P[2].Y)
			for _, t := range cubicExtrema(cur.X, s.P[0].X, s.P[1].X, s.P[2].X) {
				add(cubicAt(cur, s.P[0], s.P[1], s.P[2], t))
			}
			for _, t := range cubicExtrema(cur.Y, s.P[0].Y, s.P[1].Y, s.P[2].Y) {
				add(cubicAt(cur, s.P[0], s.P[1], s.P[2], t))
			}
			cur = s.P[2]
		}
	}
	return minX, minY, maxX, maxY, !math.IsInf(minX, 1)
}

func cubicAt(p0, p1, p2, p3 Point, t float64) (float64, float64) {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return a*p0.X + b*p1.X + c*p2.X + d*p3.X, a*p0.Y + b*p1.Y + c*p2.Y + d*p3.Y
}

// cubicExtrema returns the parameters in (0, 1) where one coordinate of a
// cubic Bézier has a zero derivative.
func cubicExtrema(p0, p1, p2, p3 float64) []float64 {
	// B'(t)/3 = a t² + b t + c
	a := -p0 + 3*p1 - 3*p2 + p3
	b := 2 * (p0 - 2*p1 + p2)
	c := p1 - p0
	var ts []float64
	keep := func(t float64) {
		if t > 0 && t < 1 {
			ts = append(ts, t)
		}
	}
	if math.Abs(a) < 1e-12 {
		if math.Abs(b) > 1e-12 {
			keep(-c / b)
		}
		return ts
	}
	disc := b*b - 4*a*c
	if disc < 0 {
		return ts
	}
	r := math.Sqrt(disc)
	keep((-b + r) / (2 * a))
	keep((-b - r) / (2 * a))
	return ts
}

// pathBuilder collects segments, turning every curve kind into cubics.
type pathBuilder struct {
	p          Path
	cur, start Point
	open       bool
}

func (b *pathBuilder) moveTo(x, y float64) {
	b.p = append(b.p, Seg{Op: MoveTo, P: [3]Point{{x, y}}})
	b.cur, b.start, b.open = Point{x, y}, Point{x, y}, true
}

func (b *pathBuilder) lineTo(x, y float64) {
	b.p = append(b.p, Seg{Op: LineTo, P: [3]Point{{x, y}}})
	b.cur = Point{x, y}
}

func (b *pathBuilder) cubicTo(x1, y1, x2, y2, x, y float64) {
	b.p = append(b.p, Seg{Op: CubicTo, P: [3]Point{{x1, y1}, {x2, y2}, {x, y}}})
	b.cur = Point{x, y}
}

// quadTo draws a quadratic Bézier as the cubic with the same curve.
func (b *pathBuilder) quadTo(qx, qy, x, y float64) {
	c := b.cur
	b.cubicTo(c.X+2.0/3*(qx-c.X), c.Y+2.0/3*(qy-c.Y), x+2.0/3*(qx-x), y+2.0/3*(qy-y), x, y)
}

func (b *pathBuilder) close() {
	b.p = append(b.p, Seg{Op: Close})
	b.cur = b.start
}

// arcTo draws an elliptical arc in SVG's endpoint form as cubic Béziers,
// following the conversion to centre form in SVG's implementation notes
// (out-of-range radii scaled up, zero radii a straight line).
func (b *pathBuilder) arcTo(rx, ry, phiDeg float64, large, sweep bool, x, y float64) {
	x0, y0 := b.cur.X, b.cur.Y
	if x0 == x && y0 == y {
		return
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		b.lineTo(x, y)
		return
	}
	sinPhi, cosPhi := math.Sincos(phiDeg * math.Pi / 180)
	dx, dy := (x0-x)/2, (y0-y)/2
	x1 := cosPhi*dx + sinPhi*dy
	y1 := -sinPhi*dx + cosPhi*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		s := math.Sqrt(l)
		rx, ry = rx*s, ry*s
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	coef := 0.0
	if num > 0 && den > 0 {
		coef = math.Sqrt(num / den)
	}
	if large == sweep {
		coef = -coef
	}
	cx1, cy1 := coef*rx*y1/ry, -coef*ry*x1/rx
	cx := cosPhi*cx1 - sinPhi*cy1 + (x0+x)/2
	cy := sinPhi*cx1 + cosPhi*cy1 + (y0+y)/2
	angle := func(ux, uy, vx, vy float64) float64 {
		return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy)
	}
	theta := angle(1, 0, (x1-cx1)/rx, (y1-cy1)/ry)
	delta := angle((x1-cx1)/rx, (y1-cy1)/ry, (-x1-cx1)/rx, (-y1-cy1)/ry)
	if !sweep && delta > 0 {
		delta -= 2 * math.Pi
	} else if sweep && delta < 0 {
		delta += 2 * math.Pi
	}
	n := int(math.Ceil(math.Abs(delta)/(math.Pi/2) - 1e-9))
	if n < 1 {
		n = 1
	}
	step := delta / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	pt := func(t float64) (float64, float64, float64, float64) {
		sin, cos := math.Sincos(t)
		// The point and its derivative on the rotated ellipse.
		px := cx + rx*cos*cosPhi - ry*sin*sinPhi
		py := cy + rx*cos*sinPhi + ry*sin*cosPhi
		dx := -rx*sin*cosPhi - ry*cos*sinPhi
		dy := -rx*sin*sinPhi + ry*cos*cosPhi
		return px, py, dx, dy
	}
	t := theta
	_, _, d0x, d0y := pt(t)
	px, py := x0, y0
	for i := 0; i < n; i++ {
		t2 := t + step
		qx, qy, d1x, d1y := pt(t2)
		if i == n-1 {
			qx, qy = x, y
		}
		b.cubicTo(px+k*d0x, py+k*d0y, qx-k*d1x, qy-k*d1y, qx, qy)
		px, py, d0x, d0y, t = qx, qy, d1x, d1y, t2
	}
}

// ellipse appends a closed ellipse as four cubic quarters, drawn in the
// direction SVG specifies (from the rightmost point, clockwise on screen).
func (b *pathBuilder) ellipse(cx, cy, rx, ry float64) {
	const k = 0.5522847498307936 // 4/3·(√2 − 1)
	b.moveTo(cx+rx, cy)
	b.cubicTo(cx+rx, cy+k*ry, cx+k*rx, cy+ry, cx, cy+ry)
	b.cubicTo(cx-k*rx, cy+ry, cx-rx, cy+k*ry, cx-rx, cy)
	b.cubicTo(cx-rx, cy-k*ry, cx-k*rx, cy-ry, cx, cy-ry)
	b.cubicTo(cx+k*rx, cy-ry, cx+rx, cy-k*ry, cx+rx, cy)
	b.close()
}

// parsePath reads SVG path data. On an error it returns the path up to
// the bad command, as SVG renderers draw it, along with the error.
func parsePath(d string) (Path, error) {
	var b pathBuilder
	sc := scanner{s: d}
	var cmd byte
	var lastCtrl Point // the previous curve's second control point
	var lastCmd byte
	for {
		sc.skipSep()
		if sc.done() {
			break
		}
		if c := sc.s[sc.i]; isCommand(c) {
			cmd = c
			sc.i++
		} else if cmd == 0 {
			return b.p, fmt.Errorf("path data must start with a command (M), not %q", c)
		} else if cmd == 'Z' || cmd == 'z' {
			return b.p, fmt.Errorf("path data: a number after Z")
		}
		rel := cmd >= 'a'
		upper := cmd &^ 0x20
		if !b.open && upper != 'M' {
			return b.p, fmt.Errorf("path data: %c before any M", cmd)
		}
		var args [7]float64
		n := argCount(upper)
		for i := 0; i < n; i++ {
			var err error
			if upper == 'A' && (i == 3 || i == 4) {
				args[i], err = sc.flag()
			} else {
				args[i], err = sc.number()
			}
			if err != nil {
				return b.p, fmt.Errorf("path data: %c: %w", cmd, err)
			}
		}
		ox, oy := 0.0, 0.0
		if rel {
			ox, oy = b.cur.X, b.cur.Y
		}
		cur := b.cur
		reflect := func(kinds string) (float64, float64) {
			if strings.IndexByte(kinds, lastCmd) >= 0 {
				return 2*cur.X - lastCtrl.X, 2*cur.Y - lastCtrl.Y
			}
			return cur.X, cur.Y
		}
		switch upper {
		case 'M':
			b.moveTo(ox+args[0], oy+args[1])
			// Further pairs after a moveto are linetos.
			if rel {
				cmd = 'l'
			} else {
				cmd = 'L'
			}
		case 'L':
			b.lineTo(ox+args[0], oy+args[1])
		case 'H':
			b.lineTo(ox+args[0], cur.Y)
		case 'V':
			if rel {
				b.lineTo(cur.X, cur.Y+args[0])
			} else {
				b.lineTo(cur.X, args[0])
			}
		case 'C':
			b.cubicTo(ox+args[0], oy+args[1], ox+args[2], oy+args[3], ox+args[4], oy+args[5])
			lastCtrl = Point{ox + args[2], oy + args[3]}
		case 'S':
			x1, y1 := reflect("CS")
			b.cubicTo(x1, y1, ox+args[0], oy+args[1], ox+args[2], oy+args[3])
			lastCtrl = Point{ox + args[0], oy + args[1]}
		case 'Q':
			b.quadTo(ox+args[0], oy+args[1], ox+args[2], oy+args[3])
			lastCtrl = Point{ox + args[0], oy + args[1]}
		case 'T':
			qx, qy := reflect("QT")
			b.quadTo(qx, qy, ox+args[0], oy+args[1])
			lastCtrl = Point{qx, qy}
		case 'A':
			b.arcTo(args[0], args[1], args[2], args[3] != 0, args[4] != 0, ox+args[5], oy+args[6])
		case 'Z':
			b.close()
		}
		lastCmd = upper
	}
	return b.p, nil
}

// argCount is how many numbers a path command takes.
func argCount(cmd byte) int {
	switch cmd {
	case 'H', 'V':
		return 1
	case 'M', 'L', 'T':
		return 2
	case 'S', 'Q':
		return 4
	case 'C':
		return 6
	case 'A':
		return 7
	}
	return 0
}

func isCommand(c byte) bool { return strings.IndexByte("MmLlHhVvCcSsQqTtAaZz", c) >= 0 }

// scanner reads the numbers of path data and point lists, which may run
// together ("1.5.5" is 1.5 and .5, "1-2" is 1 and −2).
type scanner struct {
	s string
	i int
}

func (sc *scanner) done() bool { return sc.i >= len(sc.s) }

func (sc *scanner) skipSep() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\r', '\n', '\f', ',':
			sc.i++
		default:
			return
		}
	}
}

func (sc *scanner) number() (float64, error) {
	sc.skipSep()
	start := sc.i
	s := sc.s
	i := sc.i
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		if i >= len(s) {
			return 0, fmt.Errorf("a number is missing at the end")
		}
		return 0, fmt.Errorf("expected a number at %q", clip(s[start:]))
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j {
			i = k
		}
	}
	v, err := parseFloat(s[start:i])
	if err != nil {
		return 0, err
	}
	sc.i = i
	return v, nil
}

// flag reads an arc flag: a single 0 or 1, which need no separator.
func (sc *scanner) flag() (float64, error) {
	sc.skipSep()
	if sc.i < len(sc.s) && (sc.s[sc.i] == '0' || sc.s[sc.i] == '1') {
		sc.i++
		return float64(sc.s[sc.i-1] - '0'), nil
	}
	return 0, fmt.Errorf("an arc flag must be 0 or 1")
}

func clip(s string) string {
	if len(s) > 12 {
		return s[:12] + "…"
	}
	return s
}

// parsePoints reads the points of a polyline or polygon. An odd number
// of coordinates drops the last, as SVG renderers do, with an error.
func parsePoints(s string) ([]Point, error) {
	sc := scanner{s: s}
	var pts []Point
	for {
		sc.skipSep()
		if sc.done() {
			return pts, nil
		}
		x, err := sc.number()
		if err != nil {
			return pts, fmt.Errorf("points: %w", err)
		}
		y, err := sc.number()
		if err != nil {
			return pts, fmt.Errorf("points: an odd number of coordinates")
		}
		pts = append(pts, Point{x, y})
	}
}
