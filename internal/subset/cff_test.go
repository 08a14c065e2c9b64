package subset

import (
	"bytes"
	"os"
	"testing"

	gtfont "github.com/go-text/typesetting/font"
)

func TestOpenTypeCFFKeepsAskedGlyphs(t *testing.T) {
	data, err := os.ReadFile("../../fonts/ebgaramond/EBGaramond12-Regular.otf")
	if err != nil {
		t.Fatal(err)
	}
	orig := parse(t, data)
	a, _ := orig.NominalGlyph('a')
	q, _ := orig.NominalGlyph('Q')
	z, _ := orig.NominalGlyph('z')
	out, err := OpenTypeCFF(data, 0, []uint16{uint16(a), uint16(q)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) >= len(data) {
		t.Errorf("subset %d bytes, font %d", len(out), len(data))
	}
	sub, err := gtfont.ParseTTF(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	for _, g := range []gtfont.GID{a, q} {
		if o := outline(sub, g); o == "" || o != outline(orig, g) {
			t.Errorf("glyph %d changed or lost", g)
		}
	}
	if outline(sub, z) != "" {
		t.Error("z kept though not asked for")
	}
	if again, _ := OpenTypeCFF(data, 0, []uint16{uint16(a), uint16(q)}); !bytes.Equal(again, out) {
		t.Error("same subset, different bytes")
	}
	ts, _ := Tables(data, 0)
	for _, n := range []int{0, 3, 20, 200} {
		if _, err := CFF(ts["CFF "][:n], []uint16{1}); err == nil {
			t.Errorf("CFF cut to %d bytes accepted", n)
		}
	}
}

func TestCollectionFaces(t *testing.T) {
	ttf := load(t, "Vollkorn-Regular.ttf")
	otf := load(t, "ebgaramond/EBGaramond12-Regular.otf")
	ttc, err := Collection(ttf, otf)
	if err != nil {
		t.Fatal(err)
	}
	faces, err := gtfont.ParseTTC(bytes.NewReader(ttc))
	if err != nil || len(faces) != 2 {
		t.Fatalf("collection reads as %d faces: %v", len(faces), err)
	}
	for i, want := range [][]byte{ttf, otf} {
		face, err := Extract(ttc, i)
		if err != nil {
			t.Fatal(err)
		}
		a, b := parse(t, face), parse(t, want)
		g, _ := b.NominalGlyph('g')
		if outline(a, g) == "" || outline(a, g) != outline(b, g) {
			t.Errorf("face %d extracted from the collection draws g differently", i)
		}
		off, _ := FaceOffset(ttc, i)
		var sub []byte
		if i == 0 {
			sub, err = TrueType(ttc, off, []uint16{uint16(g)})
		} else {
			sub, err = OpenTypeCFF(ttc, off, []uint16{uint16(g)})
		}
		if err != nil {
			t.Fatalf("subset of face %d: %v", i, err)
		}
		if outline(parse(t, sub), g) != outline(b, g) {
			t.Errorf("subset of face %d of the collection draws g differently", i)
		}
	}
	if got, err := Extract(ttf, 0); err != nil || !bytes.Equal(got, ttf) {
		t.Error("a single font is not its own face 0")
	}
}

func TestCFFGlyphsRenumbers(t *testing.T) {
	data := load(t, "ebgaramond/EBGaramond12-Regular.otf")
	orig := parse(t, data)
	ts, err := Tables(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	var old []int
	for _, r := range "\x00Qag" {
		g, _ := orig.NominalGlyph(r)
		old = append(old, int(g))
	}
	old[0] = 0
	cff, err := CFFGlyphs(ts["CFF "], old)
	if err != nil {
		t.Fatal(err)
	}
	if len(cff)*10 > len(ts["CFF "]) {
		t.Errorf("CFF of %d glyphs is %d bytes, the font's %d", len(old), len(cff), len(ts["CFF "]))
	}
	if again, _ := CFFGlyphs(ts["CFF "], old); !bytes.Equal(again, cff) {
		t.Error("same glyphs, different bytes")
	}
	// Wrap it with the font's metrics (reordered the same way) to read it.
	hmtx := make([]byte, 4*len(old))
	for i, g := range old {
		copy(hmtx[4*i:], ts["hmtx"][4*g:4*g+4])
	}
	maxp := append([]byte(nil), ts["maxp"]...)
	maxp[4], maxp[5] = 0, byte(len(old))
	hhea := append([]byte(nil), ts["hhea"]...)
	hhea[34], hhea[35] = 0, byte(len(old))
	font := WriteSFNT(0x4F54544F, []Table{{"CFF ", cff}, {"cmap", emptyCmap}, {"head", ts["head"]}, {"hhea", hhea}, {"hmtx", hmtx}, {"maxp", maxp}})
	sub := parse(t, font)
	for i, g := range old {
		if got, want := outline(sub, gtfont.GID(i)), outline(orig, gtfont.GID(g)); got != want || i > 0 && got == "" {
			t.Errorf("glyph %d (was %d) draws differently", i, g)
		}
	}
	for _, n := range []int{0, 3, 20, 200} {
		if _, err := CFFGlyphs(ts["CFF "][:n], old); err == nil {
			t.Errorf("CFF cut to %d bytes accepted", n)
		}
	}
	if _, err := CFFGlyphs(ts["CFF "], []int{0, 1 << 20}); err == nil {
		t.Error("a glyph beyond the font accepted")
	}
}
