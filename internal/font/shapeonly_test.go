package font

import (
	"os"
	"slices"
	"testing"

	gtfont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// TestShapingLoaderHidesOutlinesOnly checks that the shaper's view of a
// font leaves out the outlines, the name table and the character map's
// contents (press's own reader looks characters up for it) and shapes
// exactly as the whole font does: ligatures, kerning, marks,
// right-to-left and fallback text alike.
func TestShapingLoaderHidesOutlinesOnly(t *testing.T) {
	text := "office fluffy “AVAT” Ta. naïve café e\u0301 x\u0323\u0302 1/2 3,141 ﬁ 12:30 — שלום עולם"
	// The GPOS lookups only kerning uses, whose subtables the shaper is
	// not shown (EB Garamond's contextual lookups might call them;
	// DejaVu Sans Mono does not kern).
	kernOnly := map[string]int{"Vollkorn-Regular.ttf": 2, "Vollkorn-BoldItalic.ttf": 2, "DejaVuSans.ttf": 2, "DejaVuSansMono.ttf": 0, "ebgaramond/EBGaramond12-Regular.otf": 0}
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
			for _, tag := range []string{"glyf", "loca", "CFF ", "post", "name"} {
				if lean.shapeLd.HasTable(ot.MustNewTag(tag)) {
					t.Errorf("the shaper still sees %q", tag)
				}
			}
			for _, tag := range []string{"cmap", "hmtx", "GSUB", "GPOS"} {
				if lean.ld.HasTable(ot.MustNewTag(tag)) != lean.shapeLd.HasTable(ot.MustNewTag(tag)) {
					t.Errorf("table %q differs between the font and the shaper's view", tag)
				}
			}
			if lean.shapeCmap == nil {
				t.Error("go-text still reads the character map")
			} else if raw, _ := lean.shapeLd.RawTable(ot.MustNewTag("cmap")); !slices.Equal(raw, emptyCmap) {
				t.Errorf("the shaper's view has a character map of %d bytes, not the empty one", len(raw))
			}
			whole, _ := Open(data, 0, []string{"onum"})
			whole.shapeLd, whole.shapeCmap = nil, nil
			if got, want := lean.Shape(text), whole.Shape(text); !slices.Equal(got, want) {
				t.Errorf("shaped without outlines:\n%v\nwith them:\n%v", got, want)
			}
			emptied := 0
			for i, lk := range whole.font.GPOS.Lookups {
				if n := len(lean.font.GPOS.Lookups[i].Subtables); n != len(lk.Subtables) {
					if n != 0 {
						t.Errorf("GPOS lookup %d: %d of %d subtables shown", i, n, len(lk.Subtables))
					}
					emptied++
				}
			}
			if emptied != kernOnly[name] {
				t.Errorf("%d GPOS lookups shown without their subtables, want %d", emptied, kernOnly[name])
			}
			if lean.Name() != whole.Name() || lean.Ascent() != whole.Ascent() || lean.CapHeight() != whole.CapHeight() {
				t.Errorf("metrics differ: %q %d %d, want %q %d %d", lean.Name(), lean.Ascent(), lean.CapHeight(), whole.Name(), whole.Ascent(), whole.CapHeight())
			}
		})
	}
}

// TestShapingCmapIterates checks that the character map the shaper's font
// is given in place of go-text's own iterates over the same characters
// and glyphs as go-text's.
func TestShapingCmapIterates(t *testing.T) {
	for _, name := range []string{"Vollkorn-Regular.ttf", "DejaVuSansMono.ttf", "ebgaramond/EBGaramond12-Regular.otf"} {
		data, err := os.ReadFile(fontDir + name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Open(data, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := gtfont.NewFont(f.ld)
		if err != nil {
			t.Fatal(err)
		}
		type entry struct {
			r rune
			g gtfont.GID
		}
		all := func(c gtfont.Cmap) []entry {
			var out []entry
			for it := c.Iter(); it.Next(); {
				r, g := it.Char()
				out = append(out, entry{r, g})
			}
			return out
		}
		got, want := all(f.shapeCmap), all(whole.Cmap)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%s: %d characters iterated, go-text's map has %d", name, len(got), len(want))
		}
		if g, ok := f.shapeCmap.Lookup('A'); !ok || g == 0 {
			t.Errorf("%s: no glyph for A", name)
		}
	}
}

// TestKernPairs checks that the kerning pairs the e-book's fonts take are
// KernGlyphs pair by pair, every pair that kerns and no other, in order,
// for fonts with class-based and glyph-pair kerning.
func TestKernPairs(t *testing.T) {
	for _, name := range []string{"Vollkorn-Regular.ttf", "Vollkorn-Italic.ttf", "DejaVuSans.ttf", "ebgaramond/EBGaramond12-Regular.otf"} {
		data, err := os.ReadFile(fontDir + name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		var gs []uint16
		for _, r := range "AVAToWaye.,;“”‘’fiLTYPkvwxj0123456789ÅÉæœ" {
			gs = append(gs, f.Glyph(r))
		}
		for g := 0; g < f.numGlyphs; g += 37 {
			gs = append(gs, uint16(g))
		}
		gs = append(gs, uint16(f.numGlyphs+5)) // no such glyph
		type kernPair struct{ first, second, kern int }
		var pairs []kernPair
		f.KernPairs(gs, func(first, second, kern int) { pairs = append(pairs, kernPair{first, second, kern}) })
		next := 0
		for i, a := range gs {
			for k, b := range gs {
				want := f.KernGlyphs(a, b)
				got := 0
				if next < len(pairs) && pairs[next].first == i && pairs[next].second == k {
					got = pairs[next].kern
					if got == 0 {
						t.Fatalf("%s: KernPairs lists (%d, %d) with no kerning", name, a, b)
					}
					next++
				}
				if got != want {
					t.Fatalf("%s: KernPairs(%d, %d) = %d, KernGlyphs %d", name, a, b, got, want)
				}
			}
		}
		if next != len(pairs) {
			t.Fatalf("%s: %d of %d pairs out of order", name, len(pairs)-next, len(pairs))
		}
		if len(pairs) == 0 {
			t.Errorf("%s: no kerning at all among %d glyphs", name, len(gs))
		}
	}
}

// TestKernOnlyLookups checks which GPOS lookups the shaper's view shows
// without subtables, on small tables: a kern lookup, not one another
// feature or a language system's required feature also uses, nor one
// whose table another lookup shares, and none when a contextual lookup
// might call them.
func TestKernOnlyLookups(t *testing.T) {
	// gpos builds a table with script latn (its required feature
	// required, 0xFFFF for none), features kern and dist listing lookups
	// 0 and 1, and two lookups of types typ, at the tables shared says.
	gpos := func(required int, typ [2]int, shared bool) tbl {
		b := []byte{0, 1, 0, 0, 0, 10, 0, 32, 0, 58}  // version 1.0, the lists
		b = append(b, 0, 1, 'l', 'a', 't', 'n', 0, 8) // script list at 10
		b = append(b, 0, 4, 0, 0)                     // script at 18: default language system
		b = append(b, 0, 0, byte(required>>8), byte(required), 0, 2, 0, 0, 0, 1)
		b = append(b, 0, 2, 'k', 'e', 'r', 'n', 0, 14, 'd', 'i', 's', 't', 0, 20) // feature list at 32
		b = append(b, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1)                         // kern: lookup 0; dist: lookup 1
		second := byte(14)
		if shared {
			second = 6
		}
		b = append(b, 0, 2, 0, 6, 0, second) // lookup list at 58
		for _, ty := range typ {
			b = append(b, 0, byte(ty), 0, 0, 0, 1, 0, 8) // a lookup at 64, one at 72
		}
		return tbl(b)
	}
	for _, c := range []struct {
		name     string
		required int
		typ      [2]int
		shared   bool
		want     []int
	}{
		{"kern alone", 0xFFFF, [2]int{2, 2}, false, []int{68}},
		{"kern required", 0, [2]int{2, 2}, false, nil},
		{"dist required", 1, [2]int{2, 2}, false, []int{68}},
		{"table shared", 0xFFFF, [2]int{2, 2}, true, nil},
		{"contextual", 0xFFFF, [2]int{2, 8}, false, nil},
		{"not pair adjustment", 0xFFFF, [2]int{1, 2}, false, nil},
	} {
		if got := kernOnlyLookups(gpos(c.required, c.typ, c.shared)); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
