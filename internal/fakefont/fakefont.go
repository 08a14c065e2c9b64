// Package fakefont is a fixed-width face for tests: every glyph half an
// em, the space a quarter, one kerning pair (A–V, a tenth of an em), so
// expected positions can be worked out by hand.
package fakefont

// Mono is the fake face; it satisfies typeset.Metrics and layout.Face.
type Mono struct{}

// UnitsPerEm is 1000.
func (Mono) UnitsPerEm() int { return 1000 }

// Advance is 250 for a space, 500 for anything else.
func (Mono) Advance(r rune) int {
	if r == ' ' {
		return 250
	}
	return 500
}

// Kern is −100 for A followed by V, else 0.
func (Mono) Kern(a, b rune) int {
	if a == 'A' && b == 'V' {
		return -100
	}
	return 0
}

// Width sums advances and kerning.
func (m Mono) Width(s string) int {
	w, prev := 0, rune(-1)
	for _, r := range s {
		w += m.Advance(r)
		if prev >= 0 {
			w += m.Kern(prev, r)
		}
		prev = r
	}
	return w
}

// HasGlyph is true except for the superior zero, so layouts exercise
// their fallback for missing superior figures.
func (Mono) HasGlyph(r rune) bool { return r != '⁰' }

// Name is the face's name.
func (Mono) Name() string { return "Mono Regular" }
