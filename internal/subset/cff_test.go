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
