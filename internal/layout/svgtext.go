package layout

import (
	"fmt"
	"strings"
	"unicode"

	"press/internal/diag"
	"press/internal/doc"
	"press/internal/page"
	"press/internal/svg"
)

// svgTexts sets the characters of an SVG drawing's <text> elements in
// the book's faces, so the PDF draws them as real text: serif in the
// body faces (roman, italic, bold, bold italic), sans-serif in the first
// fallback face whose name says Sans (DejaVu Sans by default), monospace
// in the code face. A bold or italic that family has no face for is
// made by the PDF (the glyphs stroked as well as filled, or slanted).
// A character the chosen face lacks comes from the first fallback face
// that has it, as in the text; one no face has is drawn as the face's
// missing-glyph box, and missing lists it.
//
// The drawing made room for its labels in the font it names (Graphviz
// measures in Times): where press knows that font's widths, the whole
// drawing's text is scaled by one factor so that it takes, in all, no
// more room than the drawing's font would have, and a label still wider
// than its room keeps the centre of that room rather than its start.
// Each chunk is then placed by its text-anchor.
func (lo *layouter) svgTexts(d *svg.Drawing) (runs []page.ImageText, missing []rune) {
	sans := ""
	for _, key := range lo.o.Fonts.Fallbacks {
		if n := lo.o.Fonts.Faces[key].Name(); strings.Contains(n, "Sans") && !strings.Contains(n, "Mono") {
			sans = key
			break
		}
	}
	type span struct {
		sp              svg.Span
		parts           []facedText
		widths          []float64 // of the parts, at size 1
		embolden, slant bool
	}
	type chunk struct {
		seq           int
		c             svg.Chunk
		spans         []span
		ours, drawing float64 // natural widths: in the book's faces, in the drawing's font
		known         bool    // the drawing's font widths are known
	}
	var chunks []chunk
	var walk func(shapes []svg.Shape)
	walk = func(shapes []svg.Shape) {
		for _, s := range shapes {
			walk(s.Group)
			if s.Text == nil {
				continue
			}
			for _, c := range s.Text.Chunks {
				ch := chunk{seq: s.Text.Seq, c: c, known: true}
				for _, sp := range c.Spans {
					key, embolden, slant := lo.svgFace(sp, sans)
					sn := span{sp: sp, parts: lo.svgFallbacks(key, sp.Text), embolden: embolden, slant: slant}
					ch.ours += sp.DX
					ch.drawing += sp.DX
					for _, part := range sn.parts {
						w := textWidth(lo.o.Fonts.Faces[part.key], part.text)
						sn.widths = append(sn.widths, w)
						ch.ours += w * sp.Size
					}
					w, ok := drawingWidth(sp.Font, sp.Text)
					ch.drawing += w * sp.Size
					ch.known = ch.known && ok
					ch.spans = append(ch.spans, sn)
				}
				chunks = append(chunks, ch)
			}
		}
	}
	walk(d.Shapes)

	scale, ours, drawing := 1.0, 0.0, 0.0
	for _, ch := range chunks {
		if ch.known {
			ours += ch.ours
			drawing += ch.drawing
		}
	}
	if ours > 0 && drawing > 0 && drawing < ours {
		scale = drawing / ours
	}
	seen := map[rune]bool{}
	for _, ch := range chunks {
		start := len(runs)
		x, y := ch.c.X, ch.c.Y
		for _, sn := range ch.spans {
			sp := sn.sp
			x += sp.DX
			y += sp.DY
			size := sp.Size * scale
			for i, part := range sn.parts {
				for _, r := range part.text {
					if !part.found && !seen[r] && !neutralRune(r) {
						seen[r] = true
						missing = append(missing, r)
					}
				}
				if sp.Opacity > 0 {
					runs = append(runs, page.ImageText{Seq: ch.seq, X: x, Y: y, Size: size, Font: part.key,
						S: part.text, R: sp.Color.R, G: sp.Color.G, B: sp.Color.B, Opacity: sp.Opacity,
						Embolden: sn.embolden, Slant: sn.slant})
				}
				x += sn.widths[i] * size
			}
		}
		width, shift := x-ch.c.X, 0.0
		switch ch.c.Anchor {
		case svg.AnchorMiddle:
			shift = width / 2
		case svg.AnchorEnd:
			shift = width
		default:
			if ch.known && width > ch.drawing {
				shift = (width - ch.drawing) / 2
			}
		}
		for i := start; i < len(runs); i++ {
			runs[i].X -= shift
		}
	}
	return runs, missing
}

// svgFace is the face key for a span of SVG text, and what the PDF must
// make of it because the family has no face for its weight or style.
func (lo *layouter) svgFace(sp svg.Span, sans string) (key string, embolden, slant bool) {
	has := func(k string) bool { _, ok := lo.o.Fonts.Faces[k]; return ok }
	switch {
	case sp.Family == svg.Mono && has(Mono):
		return Mono, sp.Bold, sp.Italic
	case sp.Family == svg.Sans && sans != "":
		return sans, sp.Bold, sp.Italic
	}
	key = Regular
	switch {
	case sp.Bold && sp.Italic:
		key = BoldItalic
	case sp.Bold:
		key = Bold
	case sp.Italic:
		key = Italic
	}
	if !has(key) {
		return Regular, sp.Bold, sp.Italic
	}
	return key, false, false
}

// facedText is a stretch of text in one face; found is false when no
// face has its characters.
type facedText struct {
	key, text string
	found     bool
}

// svgFallbacks cuts s where the face key lacks a character that a
// fallback face has, as the text's setter does; spaces go with the text
// around them.
func (lo *layouter) svgFallbacks(key, s string) []facedText {
	faces := lo.o.Fonts.Faces
	var out []facedText
	cur, start, curFound := "", 0, true
	for at, r := range s {
		k, found := key, true
		if !neutralRune(r) && !faces[key].HasGlyph(r) {
			found = false
			for _, fb := range lo.o.Fonts.Fallbacks {
				if faces[fb].HasGlyph(r) {
					k, found = fb, true
					break
				}
			}
		} else if neutralRune(r) && cur != "" {
			k, found = cur, curFound
		}
		if cur != "" && (k != cur || found != curFound) {
			out = append(out, facedText{cur, s[start:at], curFound})
			start = at
		}
		cur, curFound = k, found
	}
	if cur != "" {
		out = append(out, facedText{cur, s[start:], curFound})
	}
	return out
}

// neutralRune reports whether r draws nothing of its own.
func neutralRune(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// textWidth is the advance of s set in face at size 1, as the PDF draws
// it: words shaped, spaces the face's space.
func textWidth(face Face, s string) float64 {
	units := 0
	for s != "" {
		i := strings.IndexByte(s, ' ')
		if i == 0 {
			units += face.Advance(' ')
			s = s[1:]
			continue
		}
		if i < 0 {
			i = len(s)
		}
		units += face.Width(s[:i])
		s = s[i:]
	}
	return float64(units) / float64(face.UnitsPerEm())
}

// missingWarning reports characters of an SVG picture's text that no
// face has.
func missingWarning(pos doc.Pos, what, src string, missing []rune) *diag.Warning {
	var codes []string
	for _, r := range missing {
		codes = append(codes, fmt.Sprintf("U+%04X", r))
	}
	return diag.Errorf(pos.File, pos.Line, "print shows the font's missing-glyph box in their place; add a font that has them to [fonts] fallback in the layout, or change the drawing",
		"%s %q: no font has %q (%s) of its text", what, src, string(missing), strings.Join(codes, " "))
}
