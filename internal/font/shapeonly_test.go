package font

import (
	"os"
	"slices"
	"testing"

	ot "github.com/go-text/typesetting/font/opentype"
)

// TestShapingLoaderHidesOutlinesOnly checks that the shaper's view of a
// font leaves out the outlines and shapes exactly as the whole font does:
// ligatures, kerning, marks, right-to-left and fallback text alike.
func TestShapingLoaderHidesOutlinesOnly(t *testing.T) {
	text := "office fluffy “AVAT” Ta. naïve café e\u0301 x\u0323\u0302 1/2 3,141 ﬁ 12:30 — שלום עולם"
	for _, name := range []string{"Vollkorn-Regular.ttf", "Vollkorn-BoldItalic.ttf", "DejaVuSans.ttf", "DejaVuSansMono.ttf", "ebgaramond/EBGaramond12-Regular.otf"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(fontDir + name)
			if err != nil {
				t.Fatal(err)
			}
			lean, err := Open(data, 0, []string{"onum"})
			if err != nil {
				t.Fatal(err)
			}
			if lean.shapeLd == nil {
				t.Fatal("no outline-free loader for a font with GPOS")
			}
			for _, tag := range []string{"glyf", "loca", "CFF ", "post"} {
				if lean.shapeLd.HasTable(ot.MustNewTag(tag)) {
					t.Errorf("the shaper still sees %q", tag)
				}
			}
			for _, tag := range []string{"cmap", "hmtx", "GSUB", "GPOS"} {
				if lean.ld.HasTable(ot.MustNewTag(tag)) != lean.shapeLd.HasTable(ot.MustNewTag(tag)) {
					t.Errorf("table %q differs between the font and the shaper's view", tag)
				}
			}
			whole, _ := Open(data, 0, []string{"onum"})
			whole.shapeLd = nil
			if got, want := lean.Shape(text), whole.Shape(text); !slices.Equal(got, want) {
				t.Errorf("shaped without outlines:\n%v\nwith them:\n%v", got, want)
			}
			if lean.Name() != whole.Name() || lean.Ascent() != whole.Ascent() || lean.CapHeight() != whole.CapHeight() {
				t.Errorf("metrics differ: %q %d %d, want %q %d %d", lean.Name(), lean.Ascent(), lean.CapHeight(), whole.Name(), whole.Ascent(), whole.CapHeight())
			}
		})
	}
}
