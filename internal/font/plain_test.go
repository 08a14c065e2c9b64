package font

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestPlainRunsMatchShaper: a word measured without the shaper (plain.go)
// gets exactly the glyphs, advances and clusters the shaper gives it, in
// every shipped face and with extra features; and the common words of a
// Latin text do take that path.
func TestPlainRunsMatchShaper(t *testing.T) {
	text, err := os.ReadFile("../../book/the-great-leap-forward.md")
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(string(text))
	var alphabet []rune
	for r := rune(0); r < 0x2100; r++ {
		if plainRune(r) {
			alphabet = append(alphabet, r)
		}
	}
	for _, tc := range []struct {
		file     string
		features []string
	}{
		{"Vollkorn-Regular.ttf", nil},
		{"Vollkorn-Italic.ttf", nil},
		{"Vollkorn-Bold.ttf", nil},
		{"Vollkorn-BoldItalic.ttf", nil},
		{"Vollkorn-Regular.ttf", []string{"onum", "-liga"}},
		{"Vollkorn-Regular.ttf", []string{"smcp"}},
		{"DejaVuSansMono.ttf", nil},
		{"ebgaramond/EBGaramond12-Regular.otf", nil},
		{"ebgaramond/EBGaramond12-Italic.otf", []string{"ss01"}},
	} {
		data, err := os.ReadFile(fontDir + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Open(data, 0, tc.features)
		if err != nil {
			t.Fatal(err)
		}
		f.load()
		rng := rand.New(rand.NewPCG(7, uint64(len(tc.file))))
		samples := slices.Clone(words)
		for _, w := range words {
			for i := range w {
				samples = append(samples, w[:i], w[:i]+"-")
			}
		}
		for range 5000 {
			var b strings.Builder
			for range 1 + rng.IntN(6) {
				b.WriteRune(alphabet[rng.IntN(len(alphabet))])
			}
			samples = append(samples, b.String())
		}
		plain, checked := 0, 0
		for _, s := range samples {
			got, ok := f.plainRun(nil, s, 3)
			if w, wok := f.plainWidth(s); wok != (ok && s != "") || wok && w != width(got) {
				t.Errorf("%s %v: %q: plainWidth %d, %v; plainRun's glyphs %v, %v", tc.file, tc.features, s, w, wok, got, ok)
			}
			if !ok {
				continue
			}
			checked++
			if s == "the" || s == "and" {
				plain++
			}
			if want := f.hbRun(nil, s, 3); !slices.Equal(got, want) {
				t.Errorf("%s %v: %q measured as %v, the shaper gives %v", tc.file, tc.features, s, got, want)
			}
		}
		t.Logf("%s %v: %d of %d samples plain", tc.file, tc.features, checked, len(samples))
		if tc.features == nil && strings.HasPrefix(tc.file, "Vollkorn") && plain == 0 {
			t.Errorf("%s: \"the\" and \"and\" are not plain words", tc.file)
		}
	}
}

// TestWidthRemembersNoPlainWord: Width measures a plain word without
// keeping its glyphs in the face's cache, and any text as Shape draws it.
func TestWidthRemembersNoPlainWord(t *testing.T) {
	f := vollkorn(t)
	cached := func(s string) bool {
		sh := f.shard([]byte(s))
		sh.mu.RLock()
		defer sh.mu.RUnlock()
		_, ok := sh.m[s]
		return ok
	}
	for _, w := range []string{"hyphenation", "Avenue", "office", "fluffy", "e\u0301", "a\tb", "שלום", "x\u00adx", "", "To-"} {
		got := f.Width(w)
		_, plain := f.plainRun(nil, w, 0)
		if plain && w != "" && cached(w) {
			t.Errorf("%q: a plain word kept in the cache", w)
		}
		if want := width(f.Shape(w)); got != want {
			t.Errorf("%q: Width %d, Shape's glyphs %d", w, got, want)
		}
	}
}

// TestPlainMetricsAddUp checks that the widths of a plain word's parts,
// added up from PlainMetrics, are the widths the shaper gives each part
// alone, and that words the shaper changes are refused.
func TestPlainMetricsAddUp(t *testing.T) {
	f := vollkorn(t)
	for _, w := range []string{"Avenue", "hyphenation", "To", "VAT-registered", "“quoted”", "naïveté", "x"} {
		adv, kern, ok := f.PlainMetrics(w, nil, nil)
		if !ok {
			t.Fatalf("%q is not plain", w)
		}
		runes := []rune(w)
		if len(adv) != len(runes) || len(kern) != len(runes)-1 {
			t.Fatalf("%q: %d advances, %d kerns", w, len(adv), len(kern))
		}
		for i := 0; i <= len(runes); i++ {
			for j := i + 1; j <= len(runes); j++ {
				sum := 0
				for k := i; k < j; k++ {
					sum += int(adv[k])
					if k < j-1 {
						sum += int(kern[k])
					}
				}
				if want := f.Width(string(runes[i:j])); sum != want {
					t.Errorf("%q[%d:%d]: %d by addition, %d shaped", w, i, j, sum, want)
				}
			}
		}
	}
	for _, w := range []string{"office", "fluffy", "e\u0301", "a\u00adb"} {
		if adv, kern, ok := f.PlainMetrics(w, []int32{7}, nil); ok || len(adv) != 1 || len(kern) != 0 {
			t.Errorf("%q counted as plain (%v, %v, %v)", w, adv, kern, ok)
		}
	}
}

// TestPlainGlyphsAreShaped: for every word of the article, and words with
// ligatures, marks, control characters and right-to-left letters,
// PlainGlyphs gives exactly what Shape gives when it takes the word, and
// takes the words Shape sets without the shaper.
func TestPlainGlyphsAreShaped(t *testing.T) {
	text, err := os.ReadFile("../../book/the-great-leap-forward.md")
	if err != nil {
		t.Fatal(err)
	}
	words := append(strings.Fields(string(text)), "office", "fluffy", "AVAT", "e\u0301", "a\tb", "שלום", "x\u00adx", "")
	for _, file := range []string{"Vollkorn-Regular.ttf", "Vollkorn-Italic.ttf", "ebgaramond/EBGaramond12-Regular.otf"} {
		data, err := os.ReadFile(fontDir + file)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Open(data, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		taken := 0
		var buf []Glyph
		for _, w := range words {
			gs, ok := f.PlainGlyphs(buf[:0], w)
			if !ok {
				if len(gs) != 0 {
					t.Errorf("%s: %q not taken but %d glyphs appended", file, w, len(gs))
				}
				continue
			}
			taken++
			if want := f.Shape(w); !slices.Equal(gs, want) {
				t.Errorf("%s: %q: PlainGlyphs %v, Shape %v", file, w, gs, want)
			}
			buf = gs
		}
		if taken < 500 {
			t.Errorf("%s: only %d of %d words taken", file, taken, len(words))
		}
	}
}
