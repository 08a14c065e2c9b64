package svg

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// RGB is a colour with components from 0 to 1.
type RGB struct{ R, G, B float64 }

func parseFloat(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, errors.New("not a finite number: " + clip(s))
	}
	return v, nil
}

// parseColor reads a CSS colour: a keyword, #rgb, #rgba, #rrggbb,
// #rrggbbaa, rgb()/rgba() with numbers or percentages, hsl()/hsla(), or
// transparent. alpha is the colour's own opacity.
func parseColor(s string) (c RGB, alpha float64, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "transparent" {
		return RGB{}, 0, true
	}
	if v, found := namedColors()[s]; found {
		return hexRGB(v), 1, true
	}
	if strings.HasPrefix(s, "#") {
		h := s[1:]
		for _, r := range h {
			if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
				return RGB{}, 0, false
			}
		}
		v, _ := strconv.ParseUint(h, 16, 32)
		switch len(h) {
		case 3, 4:
			// Each digit doubled: #abc is #aabbcc.
			var full uint64
			for i := 0; i < len(h); i++ {
				d := v >> (4 * uint(len(h)-1-i)) & 15
				full = full<<8 | d<<4 | d
			}
			if len(h) == 4 {
				return hexRGB(uint32(full >> 8)), float64(full&255) / 255, true
			}
			return hexRGB(uint32(full)), 1, true
		case 6:
			return hexRGB(uint32(v)), 1, true
		case 8:
			return hexRGB(uint32(v >> 8)), float64(v&255) / 255, true
		}
		return RGB{}, 0, false
	}
	open := strings.IndexByte(s, '(')
	if open < 0 || !strings.HasSuffix(s, ")") {
		return RGB{}, 0, false
	}
	fn := strings.TrimSpace(s[:open])
	args := strings.FieldsFunc(s[open+1:len(s)-1], func(r rune) bool { return r == ',' || r == ' ' || r == '/' || r == '\t' })
	if len(args) != 3 && len(args) != 4 {
		return RGB{}, 0, false
	}
	comp := func(a string, scale float64) (float64, bool) {
		if strings.HasSuffix(a, "%") {
			v, err := parseFloat(a[:len(a)-1])
			return math.Max(0, math.Min(1, v/100)), err == nil
		}
		v, err := parseFloat(strings.TrimSuffix(a, "deg"))
		return v / scale, err == nil
	}
	alpha = 1
	if len(args) == 4 {
		a, good := comp(args[3], 1)
		if !good {
			return RGB{}, 0, false
		}
		alpha = math.Max(0, math.Min(1, a))
	}
	switch fn {
	case "rgb", "rgba":
		var v [3]float64
		for i := range v {
			x, good := comp(args[i], 255)
			if !good {
				return RGB{}, 0, false
			}
			v[i] = math.Max(0, math.Min(1, x))
		}
		return RGB{v[0], v[1], v[2]}, alpha, true
	case "hsl", "hsla":
		h, ok1 := comp(args[0], 1)
		sat, ok2 := comp(args[1], 1)
		l, ok3 := comp(args[2], 1)
		if !ok1 || !ok2 || !ok3 || !strings.HasSuffix(args[1], "%") || !strings.HasSuffix(args[2], "%") {
			return RGB{}, 0, false
		}
		return hsl(h, sat, l), alpha, true
	}
	return RGB{}, 0, false
}

func hexRGB(v uint32) RGB {
	return RGB{float64(v>>16&255) / 255, float64(v>>8&255) / 255, float64(v&255) / 255}
}

// hsl converts CSS's hue (degrees), saturation and lightness to RGB.
func hsl(h, s, l float64) RGB {
	h = math.Mod(math.Mod(h, 360)+360, 360) / 360
	var m2 float64
	if l <= 0.5 {
		m2 = l * (s + 1)
	} else {
		m2 = l + s - l*s
	}
	m1 := l*2 - m2
	hue := func(h float64) float64 {
		if h < 0 {
			h++
		}
		if h > 1 {
			h--
		}
		switch {
		case h*6 < 1:
			return m1 + (m2-m1)*h*6
		case h*2 < 1:
			return m2
		case h*3 < 2:
			return m1 + (m2-m1)*(2.0/3-h)*6
		}
		return m1
	}
	return RGB{hue(h + 1.0/3), hue(h), hue(h - 1.0/3)}
}

// paintKind says what a fill or stroke property paints with.
type paintKind uint8

const (
	paintNone paintKind = iota
	paintColor
	paintCurrent // currentColor
	paintURL     // a paint server: url(#id), with a fallback colour
)

type paintSpec struct {
	kind     paintKind
	color    RGB
	alpha    float64
	url      string
	fallback *paintSpec
}

// parsePaint reads a fill or stroke value.
func parsePaint(s string) (paintSpec, bool) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "none":
		return paintSpec{kind: paintNone}, true
	case "currentcolor":
		return paintSpec{kind: paintCurrent, alpha: 1}, true
	}
	if strings.HasPrefix(s, "url(") {
		end := strings.IndexByte(s, ')')
		if end < 0 {
			return paintSpec{}, false
		}
		ref := strings.Trim(strings.TrimSpace(s[4:end]), `'"`)
		if !strings.HasPrefix(ref, "#") {
			return paintSpec{}, false
		}
		p := paintSpec{kind: paintURL, url: ref[1:]}
		if rest := strings.TrimSpace(s[end+1:]); rest != "" {
			fb, ok := parsePaint(rest)
			if !ok || fb.kind == paintURL {
				return paintSpec{}, false
			}
			p.fallback = &fb
		}
		return p, true
	}
	c, a, ok := parseColor(s)
	if !ok {
		return paintSpec{}, false
	}
	return paintSpec{kind: paintColor, color: c, alpha: a}, true
}

// props are the inherited properties of SVG's painting model, computed
// down the tree.
type props struct {
	fill, stroke               paintSpec
	color                      RGB
	fillOpacity, strokeOpacity float64
	evenOdd                    bool
	strokeWidth                float64
	cap, join                  int // PDF's codes: butt/round/square, miter/round/bevel
	miterLimit                 float64
	dash                       []float64
	dashOffset                 float64
	hidden                     bool // visibility: hidden or collapse

	// Text: the font, the anchor and white space, inherited like the rest.
	fontSize     float64 // user units
	family       Family
	font         string // the name family comes from
	bold, italic bool
	anchor       Anchor
	preserve     bool // xml:space="preserve" or white-space: pre
	issues       textIssue
}

func initialProps() props {
	return props{
		fill:          paintSpec{kind: paintColor, alpha: 1},
		stroke:        paintSpec{kind: paintNone},
		fillOpacity:   1,
		strokeOpacity: 1,
		strokeWidth:   1,
		miterLimit:    4,
		fontSize:      16, // CSS's medium
	}
}

// declarations returns an element's presentation attributes overridden
// by what the <style> sheets declare for it, overridden by the
// declarations of its style attribute (!important ones of the sheets
// and then of the attribute last), as name → value.
func declarations(n *node) map[string]string {
	d := map[string]string{}
	for k, v := range n.attrs {
		if _, ok := presentation[k]; ok {
			d[k] = strings.TrimSpace(v)
		}
	}
	switch n.attrs["xml:space"] {
	case "preserve":
		d["white-space"] = "pre"
	case "default":
		d["white-space"] = "normal"
	}
	if n.sheet != nil {
		for _, x := range n.sheet.normal {
			d[x.name] = x.value
		}
	}
	var important []decl
	if st, ok := n.attrs["style"]; ok {
		for _, x := range parseDecls(st) {
			if x.important {
				important = append(important, x)
			}
			d[x.name] = x.value
		}
	}
	if n.sheet != nil {
		for _, x := range n.sheet.important {
			d[x.name] = x.value
		}
	}
	for _, x := range important {
		d[x.name] = x.value
	}
	return d
}

// presentation lists the presentation attributes press reads or must
// refuse; others (font-family on a shape, say) change nothing it draws.
var presentation = map[string]struct{}{
	"fill": {}, "stroke": {}, "color": {}, "fill-opacity": {}, "stroke-opacity": {}, "fill-rule": {},
	"stroke-width": {}, "stroke-linecap": {}, "stroke-linejoin": {}, "stroke-miterlimit": {},
	"stroke-dasharray": {}, "stroke-dashoffset": {}, "opacity": {}, "display": {}, "visibility": {},
	"filter": {}, "mask": {}, "clip-path": {}, "marker": {}, "marker-start": {}, "marker-mid": {},
	"marker-end": {}, "stop-color": {}, "stop-opacity": {}, "paint-order": {}, "vector-effect": {},
	"mix-blend-mode": {}, "transform": {},
	"font": {}, "font-family": {}, "font-size": {}, "font-weight": {}, "font-style": {}, "text-anchor": {},
	"white-space": {}, "letter-spacing": {}, "word-spacing": {}, "text-decoration": {}, "writing-mode": {},
	"dominant-baseline": {}, "alignment-baseline": {}, "baseline-shift": {}, "direction": {},
	"font-variant": {}, "text-rendering": {}, "font-stretch": {}, "clip-rule": {},
}

// unit returns a length in user units: a number, or a number with an
// absolute unit; pct is what 100% is.
func unit(s string, pct float64) (float64, bool) {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "%") {
		v, err := parseFloat(strings.TrimSpace(s[:len(s)-1]))
		return v / 100 * pct, err == nil
	}
	scale := 1.0
	for _, u := range [...]struct {
		name string
		f    float64
	}{{"px", 1}, {"pt", 96.0 / 72}, {"pc", 16}, {"mm", 96 / 25.4}, {"cm", 96 / 2.54}, {"in", 96}} {
		if strings.HasSuffix(s, u.name) {
			s, scale = strings.TrimSpace(strings.TrimSuffix(s, u.name)), u.f
			break
		}
	}
	v, err := parseFloat(s)
	return v * scale, err == nil
}

// opacityValue reads an opacity, a number or a percentage, clamped to 0..1.
func opacityValue(s string) (float64, bool) {
	v, ok := unit(s, 1)
	if strings.HasSuffix(strings.TrimSpace(s), "px") {
		ok = false
	}
	return math.Max(0, math.Min(1, v)), ok
}
