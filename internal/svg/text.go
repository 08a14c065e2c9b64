package svg

import (
	"math"
	"strings"
)

// Text is a <text> element reduced to chunks of characters in its user
// space (the shape's CTM maps it to the viewport). The characters are not
// measured here: that needs the book's fonts, which the layout has.
type Text struct {
	// Seq numbers the drawing's text elements in painting order, from 0,
	// so what sets their characters and what draws them agree.
	Seq    int
	Chunks []Chunk
}

// Chunk is a stretch of text set from one absolute position: its spans
// follow each other, and the whole is placed so that its start, middle or
// end (Anchor) is at X on the baseline Y.
type Chunk struct {
	X, Y   float64
	Anchor Anchor
	Spans  []Span
}

// Span is characters in one font and colour, set after the span before
// it, moved by DX and DY first (DY moves the baseline of what follows
// too).
type Span struct {
	Text         string
	DX, DY       float64
	Family       Family
	Font         string // the font-family name Family comes from, lower case ("times", "serif")
	Bold, Italic bool
	Size         float64 // user units
	Color        RGB
	Opacity      float64 // 0: the span takes its room but is not painted
	Line         int
}

// Anchor is SVG's text-anchor.
type Anchor uint8

// The anchors: the chunk's position is its start, middle or end.
const (
	AnchorStart Anchor = iota
	AnchorMiddle
	AnchorEnd
)

// Family is the generic family a font-family list comes down to: press
// draws text in the book's own faces, not in the fonts a drawing names.
type Family uint8

// The families.
const (
	Serif Family = iota
	Sans
	Mono
)

// textIssue is a text property press does not draw, inherited down the
// tree; it is reported only where text uses it.
type textIssue uint16

const (
	issueSpacing textIssue = 1 << iota
	issueDecoration
	issueWritingMode
	issueBaseline
	issueDirection
	issueVariant
)

var issueNames = []struct {
	bit  textIssue
	name string
}{
	{issueSpacing, "letter-spacing or word-spacing on text"},
	{issueDecoration, "text-decoration"},
	{issueWritingMode, "vertical writing-mode"},
	{issueBaseline, "dominant-baseline, alignment-baseline or baseline-shift"},
	{issueDirection, "direction rtl"},
	{issueVariant, "font-variant"},
}

// fontSize reads a font-size; parent is the inherited size, for em, %,
// larger and smaller.
func fontSize(v string, parent float64) (float64, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	keywords := map[string]float64{"xx-small": 9, "x-small": 10, "small": 13, "medium": 16, "large": 18,
		"x-large": 24, "xx-large": 32, "xxx-large": 48}
	if s, ok := keywords[v]; ok {
		return s, true
	}
	s, ok := fontSizeValue(v, parent)
	return s, ok && !math.IsInf(s, 0) && !math.IsNaN(s)
}

// fontSizeValue reads a relative or absolute font size.
func fontSizeValue(v string, parent float64) (float64, bool) {
	switch v {
	case "larger":
		return parent * 1.2, true
	case "smaller":
		return parent / 1.2, true
	}
	for _, rel := range [...]string{"rem", "em", "ex"} {
		if strings.HasSuffix(v, rel) {
			f, err := parseFloat(strings.TrimSpace(strings.TrimSuffix(v, rel)))
			if err != nil || f < 0 {
				return 0, false
			}
			switch rel {
			case "rem":
				return f * 16, true
			case "ex":
				return f * parent / 2, true
			}
			return f * parent, true
		}
	}
	s, ok := unit(v, parent)
	return s, ok && s >= 0
}

// familyOf maps a font-family list to a generic family: the first name
// it knows, by generic keyword or by the look of the name, and that name.
func familyOf(list string) (Family, string, bool) {
	for _, name := range strings.Split(list, ",") {
		n := strings.ToLower(strings.Trim(strings.TrimSpace(name), `'"`))
		f, ok := familyOfName(n)
		if ok {
			return f, n, true
		}
	}
	return Serif, "", false
}

// familyOfName is the generic family of one font name, when press can
// tell it.
func familyOfName(n string) (Family, bool) {
	switch {
	case n == "monospace" || n == "ui-monospace" || strings.Contains(n, "mono") || strings.Contains(n, "courier") ||
		strings.Contains(n, "consol") || strings.Contains(n, "code") || n == "menlo" || n == "monaco":
		return Mono, true
	case n == "sans-serif" || strings.Contains(n, "sans") || n == "system-ui" || n == "ui-sans-serif" ||
		strings.Contains(n, "arial") || strings.Contains(n, "helvetica") || strings.Contains(n, "verdana") ||
		strings.Contains(n, "tahoma") || strings.Contains(n, "trebuchet") || strings.Contains(n, "segoe") ||
		strings.Contains(n, "calibri") || n == "roboto" || n == "inter" || n == "lato" || n == "ubuntu" ||
		n == "cantarell" || n == "geneva" || n == "futura" || n == "gill sans":
		return Sans, true
	case n == "serif" || n == "ui-serif" || strings.Contains(n, "serif") || strings.Contains(n, "times") ||
		strings.Contains(n, "georgia") || strings.Contains(n, "roman") || strings.Contains(n, "garamond") ||
		strings.Contains(n, "palatino") || strings.Contains(n, "cambria") || strings.Contains(n, "book") ||
		strings.Contains(n, "vollkorn"):
		return Serif, true
	}
	return Serif, false
}

// applyText computes the text properties of an element.
func (p *parser) applyText(pr *props, name, v string, line int) {
	lv := strings.ToLower(v)
	switch name {
	case "font-family":
		// A font no browser knows is drawn in its default, a serif.
		pr.family, pr.font, _ = familyOf(v)
	case "font-weight":
		switch lv {
		case "bold", "bolder":
			pr.bold = true
		case "normal", "lighter":
			pr.bold = false
		default:
			if w, err := parseFloat(lv); err == nil {
				pr.bold = w >= 600
			}
		}
	case "font-style":
		pr.italic = lv == "italic" || strings.HasPrefix(lv, "oblique")
	case "text-anchor":
		switch lv {
		case "start":
			pr.anchor = AnchorStart
		case "middle":
			pr.anchor = AnchorMiddle
		case "end":
			pr.anchor = AnchorEnd
		}
	case "white-space":
		pr.preserve = strings.HasPrefix(lv, "pre") || lv == "break-spaces"
	case "letter-spacing", "word-spacing":
		if lv != "normal" {
			if s, ok := unit(lv, 1); !ok || s != 0 {
				pr.issues |= issueSpacing
			}
		}
	case "text-decoration":
		if lv != "none" && !strings.HasPrefix(lv, "none ") {
			pr.issues |= issueDecoration
		}
	case "writing-mode":
		if lv != "horizontal-tb" && lv != "lr" && lv != "lr-tb" && lv != "rl" && lv != "rl-tb" {
			pr.issues |= issueWritingMode
		}
	case "dominant-baseline", "alignment-baseline":
		if lv != "auto" && lv != "alphabetic" && lv != "baseline" {
			pr.issues |= issueBaseline
		}
	case "baseline-shift":
		if lv != "baseline" && lv != "0" {
			pr.issues |= issueBaseline
		}
	case "direction":
		if lv == "rtl" {
			pr.issues |= issueDirection
		}
	case "font-variant":
		if lv != "normal" && lv != "none" {
			pr.issues |= issueVariant
		}
	}
}

// fontShorthand reads the font property: [style] [variant] [weight]
// size[/line-height] family.
func (p *parser) fontShorthand(pr *props, v string, line int) {
	f := strings.Fields(v)
	for i, w := range f {
		lw := strings.ToLower(w)
		size, _, _ := strings.Cut(lw, "/")
		if s, ok := fontSize(size, pr.fontSize); ok && (strings.ContainsAny(size, "0123456789") || strings.Contains(size, "small") || strings.Contains(size, "large") || size == "medium") {
			pr.fontSize = s
			p.applyText(pr, "font-family", strings.Join(f[i+1:], " "), line)
			return
		}
		switch lw {
		case "italic", "oblique":
			pr.italic = true
		case "bold", "bolder", "600", "700", "800", "900":
			pr.bold = true
		case "small-caps":
			pr.issues |= issueVariant
		}
	}
}

// one reads a positioning attribute (x, y, dx, dy) that holds at most one
// number. Lists of several, one per character, are not drawn.
func (p *parser) one(n *node, attr string, pct float64) (float64, bool) {
	v, ok := n.attrs[attr]
	if !ok || strings.TrimSpace(v) == "" {
		return 0, false
	}
	fs := strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	if len(fs) > 1 {
		p.unsupportedAt("one "+attr+" per character on <"+n.name+">", n.line)
	}
	if len(fs) == 0 {
		return 0, false
	}
	x, good := unit(fs[0], pct)
	return x, good && !math.IsInf(x, 0) && !math.IsNaN(x)
}

// textWalker gathers a <text> element's chunks.
type textWalker struct {
	p         *parser
	t         *Text
	y         float64 // the current baseline, in user space
	dx, dy    float64 // pending moves for the next span
	lastSpace bool    // the text so far ends in a collapsible space
	issues    textIssue
	line      int
}

// text builds the shape of a <text> element, or false when it draws
// nothing.
func (p *parser) text(n *node, pr props, ctm Matrix) (Shape, bool) {
	w := &textWalker{p: p, t: &Text{}, lastSpace: true, line: n.line}
	w.t.Chunks = []Chunk{{}}
	w.element(n, pr)
	// Collapsible space at the end of the element is dropped.
	for i := len(w.t.Chunks) - 1; i >= 0 && w.lastSpace; i-- {
		c := &w.t.Chunks[i]
		for j := len(c.Spans) - 1; j >= 0; j-- {
			if c.Spans[j].Text != "" {
				c.Spans[j].Text = strings.TrimRight(c.Spans[j].Text, " ")
				i = -1
				break
			}
		}
	}
	var chunks []Chunk
	for _, c := range w.t.Chunks {
		var spans []Span
		for _, s := range c.Spans {
			if s.Text != "" {
				spans = append(spans, s)
			}
		}
		if len(spans) > 0 {
			c.Spans = spans
			chunks = append(chunks, c)
		}
	}
	if len(chunks) == 0 {
		return Shape{}, false
	}
	for _, in := range issueNames {
		if w.issues&in.bit != 0 {
			p.unsupportedAt(in.name, n.line)
		}
	}
	w.t.Chunks = chunks
	w.t.Seq = p.texts
	p.texts++
	return Shape{Text: w.t, CTM: ctm, Line: n.line}, true
}

// element walks a text content element (<text>, <tspan>, <a>) whose
// properties are pr.
func (w *textWalker) element(n *node, pr props) {
	p := w.p
	for _, attr := range [...]string{"rotate", "textLength"} {
		if _, ok := n.attrs[attr]; ok {
			p.unsupportedAt(attr+" on <"+n.name+">", n.line)
		}
	}
	x, hasX := p.one(n, "x", p.vw)
	y, hasY := p.one(n, "y", p.vh)
	if hasX {
		// An absolute position starts a chunk, anchored anew.
		if !hasY {
			y = w.y
		}
		w.t.Chunks = append(w.t.Chunks, Chunk{X: x, Y: y, Anchor: pr.anchor})
		w.y = y
		w.dx, w.dy = 0, 0
	} else if hasY {
		w.dy += y - w.y
	}
	if dx, ok := p.one(n, "dx", p.vw); ok {
		w.dx += dx
	}
	if dy, ok := p.one(n, "dy", p.vh); ok {
		w.dy += dy
	}
	if c := &w.t.Chunks[len(w.t.Chunks)-1]; len(c.Spans) == 0 {
		c.Anchor = pr.anchor
	}
	for _, k := range n.kids {
		switch k.name {
		case "#text":
			w.chars(k.data, pr, k.line)
		case "tspan", "a":
			decl := declarations(k)
			if decl["display"] == "none" {
				continue
			}
			kp := pr
			p.apply(&kp, decl, k.line)
			for _, prop := range [...]string{"filter", "mask", "clip-path"} {
				if v, ok := decl[prop]; ok && v != "none" && v != "" {
					p.unsupportedAt(prop+" property", k.line)
				}
			}
			w.element(k, kp)
		case "", "title", "desc", "metadata", "animate", "set", "animateTransform", "animateMotion":
		default:
			p.unsupportedAt("<"+k.name+"> in <text>", k.line)
		}
	}
}

// chars adds character data in the properties pr.
func (w *textWalker) chars(s string, pr props, line int) {
	var b strings.Builder
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			r = ' '
		}
		if r == ' ' && !pr.preserve {
			if w.lastSpace {
				continue
			}
			w.lastSpace = true
		} else {
			w.lastSpace = false
		}
		b.WriteRune(r)
	}
	text := b.String()
	if text == "" {
		return
	}
	w.issues |= pr.issues
	sp := Span{Text: text, DX: w.dx, DY: w.dy, Family: pr.family, Font: pr.font, Bold: pr.bold, Italic: pr.italic,
		Size: pr.fontSize, Line: line}
	w.y += w.dy
	w.dx, w.dy = 0, 0
	if !pr.hidden {
		switch pr.fill.kind {
		case paintColor:
			sp.Color, sp.Opacity = pr.fill.color, pr.fill.alpha*pr.fillOpacity
		case paintCurrent:
			sp.Color, sp.Opacity = pr.color, pr.fillOpacity
		case paintURL:
			w.p.unsupportedAt("text filled with a paint server", line)
		}
	}
	if pr.stroke.kind != paintNone && pr.strokeWidth > 0 {
		w.p.unsupportedAt("stroked text", line)
	}
	if sp.Size <= 0 || math.IsNaN(sp.Size) {
		sp.Opacity = 0
	}
	c := &w.t.Chunks[len(w.t.Chunks)-1]
	if k := len(c.Spans) - 1; k >= 0 && sp.DX == 0 && sp.DY == 0 {
		prev := &c.Spans[k]
		same := *prev
		same.Text, same.Line = sp.Text, sp.Line
		if same == sp {
			prev.Text += sp.Text // one style: one span, kerned across
			return
		}
	}
	c.Spans = append(c.Spans, sp)
}
