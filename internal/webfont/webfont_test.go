package webfont

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	gtfont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
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
			sub, err := Subset(data, text, face.KernPairs)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := Subset(data, text, face.KernPairs)
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

// outlineOf is a glyph's drawing in a go-text face, as comparable text.
func outlineOf(f *gtfont.Face, g gtfont.GID) string {
	o, ok := f.GlyphData(g).(gtfont.GlyphOutline)
	if !ok {
		return "none"
	}
	return fmt.Sprint(f.HorizontalAdvance(g), o.Segments)
}

// shaped shapes text with go-text's HarfBuzz and the given features, and
// returns each glyph's drawing.
func shaped(t *testing.T, data []byte, text string, features ...string) []string {
	t.Helper()
	face, err := gtfont.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("font does not parse: %v", err)
	}
	var fs []harfbuzz.Feature
	for _, f := range features {
		ft, err := harfbuzz.ParseFeature(f)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, ft)
	}
	b := harfbuzz.NewBuffer()
	b.AddRunes([]rune(text), 0, -1)
	b.Props.Direction = harfbuzz.LeftToRight
	b.GuessSegmentProperties()
	b.Shape(harfbuzz.NewFont(face), fs)
	var out []string
	for _, info := range b.Info {
		out = append(out, outlineOf(face, info.Glyph))
	}
	return out
}

// The cut font shapes as the whole font does: "office fluffy" gives the
// ffi, ff and fl ligatures of Vollkorn (EB Garamond, a CFF font, draws
// them with contextual forms), and a feature the caller asks for
// (old-style figures) works in it.
func TestSubsetKeepsLigaturesAndFeatures(t *testing.T) {
	for _, name := range []string{"Vollkorn-Regular.ttf", "Vollkorn-Italic.ttf", "ebgaramond/EBGaramond12-Regular.otf", "ebgaramond/EBGaramond12-Italic.otf"} {
		t.Run(name, func(t *testing.T) {
			data := builtin(t, name)
			face, err := pfont.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			const text = "office fluffy 1234"
			sub, err := Subset(data, text, face.KernPairs, "onum", "lnum")
			if err != nil {
				t.Fatal(err)
			}
			if len(sub)*4 > len(data) {
				t.Errorf("cut font is %d bytes of %d", len(sub), len(data))
			}
			for _, fs := range [][]string{nil, {"onum"}, {"lnum"}, {"-liga"}} {
				want, got := shaped(t, data, text, fs...), shaped(t, sub, text, fs...)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("features %v: the cut font shapes %q differently:\n got %d glyphs %.300v\nwant %d glyphs %.300v", fs, text, len(got), got, len(want), want)
				}
			}
			lig, plain := shaped(t, sub, "office fluffy"), shaped(t, sub, "office fluffy", "-liga", "-clig", "-calt")
			if fmt.Sprint(lig) == fmt.Sprint(plain) {
				t.Errorf("office fluffy shapes letter by letter in the cut font: no ligature")
			}
			if strings.HasSuffix(name, ".ttf") && len(lig) != len("office fluffy")-4 {
				t.Errorf("office fluffy shapes to %d glyphs in the cut font, want 9 (ffi, ff, fl)", len(lig))
			}
			// Small capitals were not asked for: not kept.
			if got, want := shaped(t, sub, "office", "smcp"), shaped(t, data, "office"); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Error("small capitals kept though not asked for")
			}
		})
	}
}

// The cut fonts pass the checks of the tools reading systems and font
// makers use: fontTools reads every table without a warning, and HarfBuzz
// (the shaper of Chromium, Firefox and most reading systems) shapes them
// as it shapes the whole font.
func TestSubsetPassesFontToolsAndHarfBuzz(t *testing.T) {
	python := "python3"
	if _, err := exec.LookPath("hb-shape"); err != nil {
		t.Skip("hb-shape not installed (scripts/deps.sh installs libharfbuzz-bin)")
	}
	if err := exec.Command(python, "-c", "import fontTools").Run(); err != nil {
		if _, err := os.Stat("/usr/bin/python3"); err != nil {
			t.Skip("fontTools not installed (scripts/deps.sh installs python3-fonttools)")
		}
		python = "/usr/bin/python3" // Debian's, when another python3 comes first on PATH
		if err := exec.Command(python, "-c", "import fontTools").Run(); err != nil {
			t.Skip("fontTools not installed (scripts/deps.sh installs python3-fonttools)")
		}
	}
	dir := t.TempDir()
	const text = "Office fluffy, “Tō” 1984 AVAWAY."
	for _, name := range []string{"Vollkorn-Regular.ttf", "Vollkorn-BoldItalic.ttf", "ebgaramond/EBGaramond12-Regular.otf", "ebgaramond/EBGaramond12-Italic.otf"} {
		data := builtin(t, name)
		face, err := pfont.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := Subset(data, text, face.KernPairs, "onum")
		if err != nil {
			t.Fatal(err)
		}
		whole, cut := filepath.Join(dir, "whole"+filepath.Ext(name)), filepath.Join(dir, "cut"+filepath.Ext(name))
		if err := os.WriteFile(whole, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(cut, sub, 0o644); err != nil {
			t.Fatal(err)
		}
		check := exec.Command(python, "-c", `import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
for tag in f.keys():
    f[tag]
f.saveXML(sys.argv[1] + ".ttx")`, cut)
		if out, err := check.CombinedOutput(); err != nil || len(out) > 0 {
			t.Errorf("%s: fontTools: %v\n%s", name, err, out)
		}
		for _, features := range []string{"", "onum"} {
			hb := func(font string) string {
				out, err := exec.Command("hb-shape", "--no-glyph-names", "--no-clusters", "--features="+features, font, text).Output()
				if err != nil {
					t.Fatalf("hb-shape %s: %v", font, err)
				}
				// Glyph ids differ; where each glyph is drawn must not.
				// (HarfBuzz splits a kern table's pair between the two
				// glyphs' advances and offsets, GPOS kerning goes on the
				// first glyph's advance: compare positions.)
				var adv []string
				x := 0
				for _, g := range strings.Split(strings.Trim(strings.TrimSpace(string(out)), "[]"), "|") {
					var dx, dy, a int
					if i := strings.IndexByte(g, '@'); i >= 0 {
						fmt.Sscanf(g[i:], "@%d,%d", &dx, &dy)
					}
					if i := strings.IndexByte(g, '+'); i >= 0 {
						fmt.Sscanf(g[i:], "+%d", &a)
					}
					adv = append(adv, fmt.Sprintf("%d,%d", x+dx, dy))
					x += a
				}
				adv = append(adv, fmt.Sprint(x))
				return strings.Join(adv, " ")
			}
			if got, want := hb(cut), hb(whole); got != want {
				t.Errorf("%s %q: HarfBuzz shapes the cut font\n%s\nand the whole font\n%s", name, features, got, want)
			}
		}
	}
}

// TestCharMapAsSfnt: the cutter looks characters up with press's font
// package (font.CharMap, the cmap read in place); it gives the glyph
// x/image's sfnt gave, which the cutter used before, for every character
// of the Basic Multilingual Plane and beyond in every shipped font.
func TestCharMapAsSfnt(t *testing.T) {
	paths, _ := filepath.Glob("../../fonts/*.ttf")
	more, _ := filepath.Glob("../../fonts/*/*.otf")
	paths = append(paths, more...)
	if len(paths) < 9 {
		t.Fatalf("found %d fonts", len(paths))
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ts, err := tables(data)
		if err != nil {
			t.Fatal(err)
		}
		glyphOf, err := pfont.CharMap(ts["cmap"], ts["OS/2"])
		if err != nil {
			t.Fatal(err)
		}
		f, err := sfnt.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for r := rune(0); r < 0x30000; r++ {
			want := 0
			if g, err := f.GlyphIndex(&buf, r); err == nil {
				want = int(g)
			}
			if got := glyphOf(r); got != want {
				t.Errorf("%s: U+%04X: glyph %d, sfnt gives %d", filepath.Base(path), r, got, want)
				break
			}
		}
	}
}

// TestKernTableKeepsLargestPairs checks that when more pairs kern than a
// format 0 subtable holds, the table keeps the largest adjustments, in
// the order the format asks for, and that values beyond 16 bits are left
// out.
func TestKernTableKeepsLargestPairs(t *testing.T) {
	old := make([]int, 200) // 40,000 pairs
	for i := range old {
		old[i] = i + 1
	}
	value := func(first, second int) int { return (first*7919+second*104729)%1999 - 999 }
	kern := func(gs []uint16, pair func(first, second, kern int)) {
		for i := range gs {
			for k := range gs {
				if v := value(i, k); v != 0 {
					pair(i, k, v)
				}
			}
			pair(i, 0, 40000) // too large for the table
		}
	}
	tab := kernTable(old, kern)
	n := int(binary.BigEndian.Uint16(tab[10:]))
	const maxPairs = (0xFFFF - 14) / 6
	if n != maxPairs || len(tab) != 18+6*n {
		t.Fatalf("%d pairs in %d bytes, want %d in %d", n, len(tab), maxPairs, 18+6*maxPairs)
	}
	smallest := 1 << 30
	prev := -1
	var kept []int
	for i := range n {
		b := tab[18+6*i:]
		l, r, v := int(binary.BigEndian.Uint16(b)), int(binary.BigEndian.Uint16(b[2:])), int(int16(binary.BigEndian.Uint16(b[4:])))
		if l*len(old)+r <= prev {
			t.Fatalf("pair %d (%d, %d) out of order", i, l, r)
		}
		prev = l*len(old) + r
		if v != value(l, r) {
			t.Fatalf("pair (%d, %d) = %d, want %d", l, r, v, value(l, r))
		}
		smallest = min(smallest, max(v, -v))
		kept = append(kept, max(v, -v))
	}
	keptLarger := 0
	for _, v := range kept {
		if v > smallest {
			keptLarger++
		}
	}
	left := 0 // pairs left out larger than the smallest kept
	for i := range old {
		for k := range old {
			if v := value(i, k); max(v, -v) > smallest {
				left++
			}
		}
	}
	if left != keptLarger {
		t.Fatalf("%d pairs kern more than the smallest kept (%d), %d of them kept", left, smallest, keptLarger)
	}
}
