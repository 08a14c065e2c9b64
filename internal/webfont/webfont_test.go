package webfont

import (
	"bytes"
	"fmt"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"press"
	pfont "press/internal/font"
)

func builtin(t testing.TB, name string) []byte {
	t.Helper()
	data, err := press.Builtin.ReadFile("fonts/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// drawing is a glyph's outline and advance as comparable text.
func drawing(t *testing.T, f *sfnt.Font, r rune) string {
	t.Helper()
	var buf sfnt.Buffer
	g, err := f.GlyphIndex(&buf, r)
	if err != nil || g == 0 {
		return "missing"
	}
	segs, err := f.LoadGlyph(&buf, g, fixed.I(1000), nil)
	if err != nil {
		t.Fatalf("%q: %v", r, err)
	}
	adv, err := f.GlyphAdvance(&buf, g, fixed.I(1000), font.HintingNone)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(adv, segs)
}

func TestSubsetKeepsTheTextsGlyphs(t *testing.T) {
	for _, name := range []string{"Vollkorn-Regular.ttf", "Vollkorn-Italic.ttf", "Vollkorn-Bold.ttf", "Vollkorn-BoldItalic.ttf"} {
		t.Run(name, func(t *testing.T) {
			data := builtin(t, name)
			face, err := pfont.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			const text = "Äpfel “quoted” — Tō, fjord AVAWAY. 1984… ¶ é"
			sub, err := Subset(data, text, face.Kern)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := Subset(data, text, face.Kern)
			if !bytes.Equal(sub, again) {
				t.Error("two subsets of the same input differ")
			}
			if len(sub)*10 > len(data) {
				t.Errorf("subset is %d bytes of %d: not a subset", len(sub), len(data))
			}
			orig, err := sfnt.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			cut, err := sfnt.Parse(sub)
			if err != nil {
				t.Fatalf("the subset does not parse: %v", err)
			}
			// Every character, and the other case of every letter, draws as
			// in the whole font; a character not in the text is gone.
			for _, r := range text + "äpfelquotedt" {
				if got, want := drawing(t, cut, r), drawing(t, orig, r); got != want {
					t.Errorf("%q draws differently in the subset", r)
				}
			}
			for _, r := range "zZ&" {
				if drawing(t, cut, r) != "missing" {
					t.Errorf("%q is in the subset but not in the text", r)
				}
			}
			// Kerning survives as a kern table the subset's readers apply.
			var buf sfnt.Buffer
			pairs := 0
			for _, p := range []string{"AV", "VA", "WA", "AY", "To", "Tō", "“q"} {
				a, b := []rune(p)[0], []rune(p)[1]
				ga, _ := cut.GlyphIndex(&buf, a)
				gb, _ := cut.GlyphIndex(&buf, b)
				k, err := cut.Kern(&buf, ga, gb, fixed.I(int(cut.UnitsPerEm())), font.HintingNone)
				if err != nil && err != sfnt.ErrNotFound {
					t.Fatal(err)
				}
				if got, want := k.Round(), face.Kern(a, b); got != want {
					t.Errorf("kern %s: %d in the subset, %d in the font", p, got, want)
				}
				if k != 0 {
					pairs++
				}
			}
			if pairs == 0 {
				t.Error("no kerning pair survived")
			}
			// The name table (family, licence) is the font's own.
			for _, id := range []sfnt.NameID{sfnt.NameIDFamily, sfnt.NameIDCopyright, sfnt.NameIDLicense} {
				want, _ := orig.Name(&buf, id)
				got, _ := cut.Name(&buf, id)
				if got != want || want == "" && id == sfnt.NameIDFamily {
					t.Errorf("name %d: %q, want %q", id, got, want)
				}
			}
		})
	}
}

func TestSubsetRefusesWhatIsNotAFont(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("not a font at all, not at all"), builtin(t, "Vollkorn-Regular.ttf")[:2000]} {
		if _, err := Subset(data, "abc", nil); err == nil {
			t.Errorf("%d bytes of junk gave no error", len(data))
		}
	}
}

func FuzzSubset(f *testing.F) {
	data := builtin(f, "Vollkorn-Regular.ttf")
	f.Add("The quick brown fox", 0, byte(0))
	f.Fuzz(func(t *testing.T, text string, at int, b byte) {
		d := bytes.Clone(data)
		if at >= 0 && at < len(d) {
			d[at] = b
		}
		out, err := Subset(d, text, nil)
		if err == nil {
			if _, err := sfnt.Parse(out); err != nil {
				t.Fatalf("a subset that does not parse: %v", err)
			}
		}
	})
}
