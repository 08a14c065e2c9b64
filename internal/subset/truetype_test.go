package subset

import (
	"bytes"
	"os"
	"testing"

	gtfont "github.com/go-text/typesetting/font"
)

func load(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile("../../fonts/" + file)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func parse(t *testing.T, data []byte) *gtfont.Face {
	t.Helper()
	f, err := gtfont.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	return f
}

// outline returns the glyph's drawing as comparable data.
func outline(f *gtfont.Face, g gtfont.GID) string {
	d := f.GlyphData(g)
	o, ok := d.(gtfont.GlyphOutline)
	if !ok {
		return ""
	}
	var b bytes.Buffer
	for _, s := range o.Segments {
		b.WriteString(string(rune('a' + s.Op)))
		for _, p := range s.Args {
			b.WriteString(" ")
			b.WriteString(string(rune(int(p.X))))
			b.WriteString(string(rune(int(p.Y))))
		}
	}
	return b.String()
}

func TestTrueTypeKeepsOnlyAskedGlyphsWithSameIDs(t *testing.T) {
	data := load(t, "Vollkorn-Regular.ttf")
	orig := parse(t, data)
	gid := func(r rune) gtfont.GID {
		g, ok := orig.NominalGlyph(r)
		if !ok {
			t.Fatalf("no glyph for %q", r)
		}
		return g
	}
	a, b, z := gid('a'), gid('b'), gid('z')
	out, err := TrueType(data, 0, []uint16{uint16(a), uint16(b)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) >= len(data)/2 {
		t.Errorf("subset of two glyphs is %d bytes, the font %d", len(out), len(data))
	}
	sub := parse(t, out)
	for _, g := range []gtfont.GID{a, b} {
		if outline(sub, g) == "" || outline(sub, g) != outline(orig, g) {
			t.Errorf("glyph %d changed or lost in the subset", g)
		}
		if sub.HorizontalAdvance(g) != orig.HorizontalAdvance(g) {
			t.Errorf("glyph %d advance changed", g)
		}
	}
	if outline(sub, z) != "" {
		t.Errorf("glyph %d (z) was not asked for but kept", z)
	}
	if again, _ := TrueType(data, 0, []uint16{uint16(a), uint16(b)}); !bytes.Equal(again, out) {
		t.Error("same subset, different bytes")
	}
}

func TestTrueTypeKeepsComponentsOfComposites(t *testing.T) {
	data := load(t, "Vollkorn-Regular.ttf")
	orig := parse(t, data)
	ts, err := Tables(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Find a composite glyph among the accented letters.
	var comp gtfont.GID
	var parts []Part
	for _, r := range "éèêëáàâäóòôöúùûüíìîïçñ" {
		g, _ := orig.NominalGlyph(r)
		b := glyphBytes(t, ts, int(g))
		if p, _ := Components(b); len(p) > 0 {
			comp, parts = g, p
			break
		}
	}
	if parts == nil {
		t.Fatal("no composite accented glyph in Vollkorn to test with")
	}
	out, err := TrueType(data, 0, []uint16{uint16(comp)})
	if err != nil {
		t.Fatal(err)
	}
	sub := parse(t, out)
	if outline(sub, comp) != outline(orig, comp) {
		t.Errorf("composite glyph %d drawn differently in the subset", comp)
	}
	st, _ := Tables(out, 0)
	for _, p := range parts {
		if len(glyphBytes(t, st, p.ID)) == 0 {
			t.Errorf("component %d of glyph %d dropped", p.ID, comp)
		}
	}
}

func glyphBytes(t *testing.T, ts map[string][]byte, g int) []byte {
	t.Helper()
	head, loca, glyf := ts["head"], ts["loca"], ts["glyf"]
	var a, b int
	if head[51] != 0 {
		a = int(uint32(loca[4*g])<<24 | uint32(loca[4*g+1])<<16 | uint32(loca[4*g+2])<<8 | uint32(loca[4*g+3]))
		b = int(uint32(loca[4*g+4])<<24 | uint32(loca[4*g+5])<<16 | uint32(loca[4*g+6])<<8 | uint32(loca[4*g+7]))
	} else {
		a = 2 * int(uint16(loca[2*g])<<8|uint16(loca[2*g+1]))
		b = 2 * int(uint16(loca[2*g+2])<<8|uint16(loca[2*g+3]))
	}
	return glyf[a:b]
}

func TestFaceOffset(t *testing.T) {
	data := load(t, "Vollkorn-Regular.ttf")
	if off, err := FaceOffset(data, 0); err != nil || off != 0 {
		t.Errorf("plain font: offset %d, %v", off, err)
	}
	if _, err := FaceOffset(data, 1); err == nil {
		t.Error("face 1 of a plain font accepted")
	}
	// A collection of the same face twice.
	ttc := []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x02")
	ttc = append(ttc, 0, 0, 0, 20, 0, 0, 0, 20)
	ttc = append(ttc, data...)
	if off, err := FaceOffset(ttc, 1); err != nil || off != 20 {
		t.Errorf("collection face 1: offset %d, %v", off, err)
	}
	if _, err := FaceOffset(ttc, 2); err == nil {
		t.Error("face 2 of a two-face collection accepted")
	}
}

func TestMalformedFontsGiveErrors(t *testing.T) {
	data := load(t, "Vollkorn-Regular.ttf")
	for _, n := range []int{0, 5, 12, 40, 300} {
		if _, err := TrueType(data[:n], 0, []uint16{1}); err == nil {
			t.Errorf("font cut to %d bytes accepted", n)
		}
	}
}
