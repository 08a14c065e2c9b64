package font

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	gtfont "github.com/go-text/typesetting/font"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

const fontDir = "../../fonts/"

var (
	loadOnce sync.Once
	regular  *Face
	regData  []byte
	loadErr  error
)

func vollkorn(t testing.TB) *Face {
	t.Helper()
	loadOnce.Do(func() {
		regData, loadErr = os.ReadFile(fontDir + "Vollkorn-Regular.ttf")
		if loadErr == nil {
			regular, loadErr = Parse(regData)
		}
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return regular
}

func TestUnitsPerEmAndName(t *testing.T) {
	f := vollkorn(t)
	if got := f.UnitsPerEm(); got != 1000 {
		t.Errorf("UnitsPerEm = %d, want 1000", got)
	}
	if got := f.Name(); got != "Vollkorn Regular" {
		t.Errorf("Name = %q, want %q", got, "Vollkorn Regular")
	}
}

func TestMetrics(t *testing.T) {
	f := vollkorn(t)
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"Ascent", f.Ascent(), 952},
		{"Descent", f.Descent(), -441},
		{"CapHeight", f.CapHeight(), 676},
		{"XHeight", f.XHeight(), 458},
		{"LineGap", f.LineGap(), 0},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if !(f.Descent() < 0 && 0 < f.XHeight() && f.XHeight() < f.CapHeight() && f.CapHeight() < f.Ascent()) {
		t.Error("implausible vertical metrics")
	}
}

func TestHasGlyph(t *testing.T) {
	f := vollkorn(t)
	have := "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" +
		" .,;:!?()[]'\"-“”‘’‚„–—…éèêëàâäöüßçñÉÀÖÜ«»‹›\u00a0\u00ad\u2009\u202f" +
		"←↑→↓↔↰↱↲↳⇒^‸•·§¶†‡€"
	for _, r := range have {
		if !f.HasGlyph(r) {
			t.Errorf("HasGlyph(%U %q) = false, want true", r, r)
		}
	}
	// Not in Vollkorn 4.105: ↩ (footnote backlink as written by goldmark,
	// followed by VS15 U+FE0E), ↪ ↵ ⤶ ⏎ ⮐, CJK, U+FFFD.
	for _, r := range "↩\ufe0e↪↵⤶⏎⮐漢字\ufffd" {
		if f.HasGlyph(r) {
			t.Errorf("HasGlyph(%U %q) = true, want false", r, r)
		}
	}
	// Out of range runes.
	for _, r := range []rune{-1, maxRune + 1, 0x7fffffff} {
		if f.HasGlyph(r) || f.Advance(r) != f.Advance(0x6F22) {
			t.Errorf("rune %d: want no glyph and the .notdef advance", r)
		}
	}
}

func TestMissing(t *testing.T) {
	f := vollkorn(t)
	for _, c := range []struct {
		s    string
		want []rune
	}{
		{"", nil},
		{"Plain “quoted” text – with dashes… é.\n\tNext line.\r", nil},
		{"See note↩\ufe0e\n", []rune{'↩', '\ufe0e'}},
		{"漢 a 字 b 漢 ↩ 字", []rune{'漢', '字', '↩'}},
		{"bad \xff utf8", []rune{'\ufffd'}},
		{"\x00\x01\x1b\x7f", nil},
	} {
		if got := f.Missing(c.s); !slices.Equal(got, c.want) {
			t.Errorf("Missing(%q) = %q, want %q", c.s, got, c.want)
		}
	}
}

func TestAdvanceIsFontUnits(t *testing.T) {
	f := vollkorn(t)
	sf, err := sfnt.Parse(regData)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	upem := int(sf.UnitsPerEm())
	for _, r := range "AVaé “—" {
		x, _ := sf.GlyphIndex(&b, r)
		// The conventional call: ppem = upem pixels gives 26.6 fixed point font units.
		a, err := sf.GlyphAdvance(&b, x, fixed.I(upem), 0)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := f.Advance(r), int(a)/64; got != want || int(a)%64 != 0 {
			t.Errorf("Advance(%q) = %d, want %d (raw %v)", r, got, want, a)
		}
	}
	for r, want := range map[rune]int{'A': 704, 'V': 686, ' ': 200, '—': 1024, '…': 860} {
		if got := f.Advance(r); got != want {
			t.Errorf("Advance(%q) = %d, want %d", r, got, want)
		}
	}
	if got := f.Advance('\n'); got != 0 {
		t.Errorf("Advance('\\n') = %d, want 0", got)
	}
	if got, notdef := f.Advance('漢'), 454; got != notdef {
		t.Errorf("Advance of missing glyph = %d, want .notdef's %d", got, notdef)
	}
}

func TestKern(t *testing.T) {
	f := vollkorn(t)
	known := []struct {
		a, b rune
		want int
	}{
		{'A', 'V', -150}, {'V', 'A', -135}, {'A', 'T', -70}, {'T', 'o', -70},
		{'T', 'y', -50}, {'L', 'T', -40}, {'W', 'a', -70},
		// Before ')' the shaper takes the f with the short terminal (calt).
		{'f', ')', 67},
		// A ligature: ﬁ is narrower than f and i.
		{'f', 'i', f.Width("ﬁ") - f.Advance('f') - f.Advance('i')},
		{'“', 'A', -100},
		// Kerned by the second GPOS lookup only; sfnt.Font.Kern reports 0.
		{' ', 'T', -30}, {' ', 'V', -30},
		// Not kerned.
		{'a', 'b', 0}, {'o', 'n', 0}, {'x', 'x', 0},
		{'A', '\n', 0}, {'\n', 'V', 0}, {'A', '漢', 0},
	}
	for _, c := range known {
		if got := f.Kern(c.a, c.b); got != c.want {
			t.Errorf("Kern(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	if f.Kern('A', 'V') >= 0 {
		t.Error("Kern(A, V) should be negative")
	}

	// Cross-check the units against sfnt's own GPOS reader at ppem = upem
	// pixels, for a pair both readers agree on.
	sf, _ := sfnt.Parse(regData)
	var b sfnt.Buffer
	ga, _ := sf.GlyphIndex(&b, 'A')
	gv, _ := sf.GlyphIndex(&b, 'V')
	k, err := sf.Kern(&b, ga, gv, fixed.I(int(sf.UnitsPerEm())), 0)
	if err != nil || int(k)%64 != 0 || int(k)/64 != f.Kern('A', 'V') {
		t.Errorf("sfnt Kern(A,V) = %v (%v), ours %d", k, err, f.Kern('A', 'V'))
	}
}

func TestWidth(t *testing.T) {
	f := vollkorn(t)
	a, v := f.Advance('A'), f.Advance('V')
	if w := f.Width("AV"); w >= a+v || w != a+v-150 {
		t.Errorf("Width(AV) = %d; advances %d+%d, kern -150", w, a, v)
	}
	if w := f.Width(""); w != 0 {
		t.Errorf("Width(\"\") = %d", w)
	}
	if w := f.Width("A"); w != a {
		t.Errorf("Width(A) = %d, want %d", w, a)
	}
	// Control characters are zero width and break kerning.
	if w := f.Width("A\nV"); w != a+v {
		t.Errorf("Width(A\\nV) = %d, want %d", w, a+v)
	}
	s := "Typography: “AVAWA To Ty” — fine, isn’t it… é"
	want, prev := 0, rune(-1)
	for _, r := range s {
		want += f.Advance(r)
		if prev >= 0 {
			want += f.Kern(prev, r)
		}
		prev = r
	}
	if got := f.Width(s); got != want {
		t.Errorf("Width(%q) = %d, want %d", s, got, want)
	}
}

// TestGPOSLookupSum checks the reason for reading GPOS ourselves: wherever
// sfnt finds a kern value that is also the complete answer, we agree, and
// we find the pairs sfnt misses.
func TestGPOSLookupSum(t *testing.T) {
	f := vollkorn(t)
	sf, _ := sfnt.Parse(regData)
	var b sfnt.Buffer
	var latin []rune
	for r := rune(0x20); r < 0x17F; r++ {
		if f.HasGlyph(r) && !isControl(r) {
			latin = append(latin, r)
		}
	}
	same, differ := 0, 0
	for _, x := range latin {
		for _, y := range latin {
			gx, _ := sf.GlyphIndex(&b, x)
			gy, _ := sf.GlyphIndex(&b, y)
			k, _ := sf.Kern(&b, gx, gy, fixed.Int26_6(sf.UnitsPerEm()), 0)
			if int(k) == f.Kern(x, y) {
				same++
			} else {
				differ++
			}
		}
	}
	t.Logf("Latin pairs: %d agree with sfnt.Font.Kern, %d differ (sfnt misses summed lookups)", same, differ)
	if same < 10*differ {
		t.Errorf("suspiciously many differences: %d of %d", differ, same+differ)
	}
}

func TestAllFaces(t *testing.T) {
	for _, name := range []string{"Regular", "Italic", "Bold", "BoldItalic"} {
		data, err := os.ReadFile(fontDir + "Vollkorn-" + name + ".ttf")
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.UnitsPerEm() != 1000 || !strings.HasPrefix(f.Name(), "Vollkorn") {
			t.Errorf("%s: upem %d name %q", name, f.UnitsPerEm(), f.Name())
		}
		if f.Kern('A', 'V') >= 0 || f.Width("AV") >= f.Advance('A')+f.Advance('V') {
			t.Errorf("%s: A-V not kerned", name)
		}
		if m := f.Missing("“Quotes” ‘single’ – — … é ← ↑ ↲ ^"); m != nil {
			t.Errorf("%s: missing %q", name, m)
		}
		if !slices.Equal(f.Missing("↩\ufe0e"), []rune{'↩', '\ufe0e'}) {
			t.Errorf("%s: unexpectedly has ↩ or U+FE0E", name)
		}
		t.Logf("%-10s %q A-V=%d Width(Typography)=%d", name, f.Name(), f.Kern('A', 'V'), f.Width("Typography"))
	}
}

func TestNoAllocs(t *testing.T) {
	f := vollkorn(t)
	s := benchSentence
	f.Width(s)
	if n := testing.AllocsPerRun(100, func() {
		f.Width(s)
		f.Advance('é')
		f.Kern('A', 'V')
		f.HasGlyph('“')
	}); n != 0 {
		t.Errorf("warm Width/Advance/Kern/HasGlyph allocate %v times", n)
	}
}

// TestConcurrent measures from many goroutines on a fresh, cold Face, so
// that cache fills race with each other; run with -race.
func TestConcurrent(t *testing.T) {
	vollkorn(t)
	f, err := Parse(regData)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		benchSentence,
		"AVAWAYATo Ty Te Wa Yo “A” ‘V’ L’T f) (j",
		"Ærøskøbing, Łódź, Škoda, İstanbul, Ħamrun, ŉ, Œuvre",
		"漢字 ↩\ufe0e ← → ↑ ↓ … — – • § ¶ † ‡ € £ ¥ ©",
		strings.Repeat("Vollkorn ", 20),
	}
	want := make([]int, len(texts))
	for i, s := range texts {
		want[i] = regular.Width(s) // computed on another Face
	}
	var wg sync.WaitGroup
	for g := range 32 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(g), 1))
			for range 200 {
				i := rng.IntN(len(texts))
				if got := f.Width(texts[i]); got != want[i] {
					t.Errorf("Width(%q) = %d, want %d", texts[i], got, want[i])
					return
				}
				r := rune(0x20 + rng.IntN(0x2200))
				_ = f.HasGlyph(r)
				_ = f.Kern(r, 'V')
				_ = f.Missing(texts[i])
			}
		})
	}
	wg.Wait()
}

func TestParseGarbage(t *testing.T) {
	vollkorn(t)
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	inputs := map[string][]byte{
		"nil":       nil,
		"empty":     {},
		"text":      []byte("this is not a font"),
		"random":    random,
		"header":    regData[:12],
		"directory": regData[:12+16*19],
		"half":      regData[:len(regData)/2],
		"ttc":       append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"), regData...),
	}
	for name, data := range inputs {
		f, err := Parse(data)
		if err == nil || f != nil {
			t.Errorf("%s: Parse = %v, %v; want an error", name, f, err)
		}
	}
}

// FuzzParse: garbage must give an error, never a panic; what parses must
// measure without panicking.
func FuzzParse(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x00\x01\x00\x00\x00\x00"))
	f.Add([]byte("true\x00\x01\x00\x00\x00\x00\x00\x00GPOS"))
	if data, err := os.ReadFile(fontDir + "Vollkorn-Regular.ttf"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		face, err := Parse(data)
		if err != nil {
			return
		}
		s := "AVAT To, “Wa” — é 漢\n"
		face.Width(s)
		face.Missing(s)
		for _, a := range s {
			face.Kern(a, 'V')
			face.Kern('T', a)
		}
		_ = face.Ascent() + face.Descent() + face.UnitsPerEm()
		_ = face.Err() // the full parse's fault, if any: reported, not a panic
	})
}

const benchSentence = "The quick brown fox jumps over the lazy dog — “Typography” isn’t about fonts… Vollkorn, AVA."

func BenchmarkWidth(b *testing.B) {
	f := vollkorn(b)
	f.Width(benchSentence)
	b.SetBytes(int64(len(benchSentence)))
	b.ReportAllocs()
	for b.Loop() {
		f.Width(benchSentence)
	}
}

func BenchmarkWidthParallel(b *testing.B) {
	f := vollkorn(b)
	f.Width(benchSentence)
	b.SetBytes(int64(len(benchSentence)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			f.Width(benchSentence)
		}
	})
}

func BenchmarkWidthCold(b *testing.B) {
	vollkorn(b)
	b.ReportAllocs()
	for b.Loop() {
		f, _ := Parse(regData)
		f.Width(benchSentence)
	}
}

func BenchmarkAdvance(b *testing.B) {
	f := vollkorn(b)
	f.Advance('é')
	for b.Loop() {
		f.Advance('é')
	}
}

func BenchmarkKern(b *testing.B) {
	f := vollkorn(b)
	f.Kern('A', 'V')
	for b.Loop() {
		f.Kern('A', 'V')
	}
}

func BenchmarkParse(b *testing.B) {
	vollkorn(b)
	b.ReportAllocs()
	for b.Loop() {
		Parse(regData)
	}
}

func TestLigatures(t *testing.T) {
	f := vollkorn(t)
	gs := f.Shape("office fluffy")
	var ids []uint16
	var clusters []int32
	for _, g := range gs {
		ids = append(ids, g.ID)
		clusters = append(clusters, g.Cluster)
	}
	full, err := gtfont.NewFont(f.ld) // with the glyph names the shaper's copy leaves out
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, id := range ids {
		names = append(names, full.GlyphName(gtfont.GID(id)))
	}
	if want := []string{"o", "f_f_i", "c", "e", "space", "f_l.liga", "u", "f_f", "y"}; !slices.Equal(names, want) {
		t.Errorf("office fluffy shaped as %q, want %q (ffi, fl, ff ligatures)", names, want)
	}
	if wantC := []int32{0, 1, 4, 5, 6, 7, 9, 10, 12}; !slices.Equal(clusters, wantC) {
		t.Errorf("clusters %v, want %v", clusters, wantC)
	}
	plain, err := Open(regData, 0, []string{"-liga"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(plain.Shape("office")); n != 6 {
		t.Errorf("with -liga, office is %d glyphs, want 6", n)
	}
	if plain.Width("AV") != f.Width("AV") {
		t.Error("-liga changed kerning")
	}
	nokern, err := Open(regData, 0, []string{"-kern"})
	if err != nil {
		t.Fatal(err)
	}
	if nokern.Width("AV") != f.Advance('A')+f.Advance('V') {
		t.Error("-kern still kerns")
	}
	for _, bad := range []string{"ligatures", "", "+"} {
		if _, err := Open(regData, 0, []string{bad}); err == nil {
			t.Errorf("feature %q accepted", bad)
		}
	}
	if _, err := Open(regData, 1, nil); err == nil {
		t.Error("face 1 of a single-face file accepted")
	}
}

// TestKernGlyphs checks the unshaped pair kerning the e-book's cut fonts
// carry: kerned pairs as shaping kerns them, and a ligature pair not
// mistaken for kerning.
func TestKernGlyphs(t *testing.T) {
	f := vollkorn(t)
	for _, p := range []string{"AV", "To", "Ta"} {
		a, b := []rune(p)[0], []rune(p)[1]
		if k := f.KernGlyphs(f.Glyph(a), f.Glyph(b)); k >= 0 || k != f.Kern(a, b) {
			t.Errorf("%s: KernGlyphs %d, shaped Kern %d", p, k, f.Kern(a, b))
		}
	}
	if f.Kern('f', 'i') == 0 {
		t.Fatal("Vollkorn's fi ligature is on by default: shaping f and i should change their width")
	}
	if k := f.KernGlyphs(f.Glyph('f'), f.Glyph('i')); k == f.Kern('f', 'i') {
		t.Errorf("KernGlyphs(f, i) = %d counts the ligature as kerning", k)
	}
}

// TestParseOnUse: Open reads only the character map; the full parse waits
// for the first measurement, so a face a book never sets text in costs
// next to nothing, and Err has nothing to report until the face is used.
func TestParseOnUse(t *testing.T) {
	vollkorn(t)
	f, err := Parse(regData)
	if err != nil {
		t.Fatal(err)
	}
	if !f.HasGlyph('é') || f.HasGlyph('漢') || f.UnitsPerEm() != 1000 {
		t.Errorf("HasGlyph(é), HasGlyph(漢), UnitsPerEm = %v, %v, %d", f.HasGlyph('é'), f.HasGlyph('漢'), f.UnitsPerEm())
	}
	if f.parsed.Load() || f.Err() != nil {
		t.Fatalf("parsed %v, Err %v before any measurement", f.parsed.Load(), f.Err())
	}
	if w, want := f.Width("AV"), vollkorn(t).Width("AV"); w != want {
		t.Errorf("Width(AV) = %d, want %d", w, want)
	}
	if !f.parsed.Load() || f.Err() != nil {
		t.Errorf("parsed %v, Err %v after Width", f.parsed.Load(), f.Err())
	}
}

// TestShapingIgnoresLocale: go-text takes the shaping language from the
// environment when none is set; under a Turkish locale Vollkorn's locl
// feature would draw other glyphs for "i", and the editions would depend
// on who builds them.
func TestShapingIgnoresLocale(t *testing.T) {
	vollkorn(t)
	const text = "fish Istanbul official icing"
	shape := func() []Glyph {
		f, err := Parse(regData)
		if err != nil {
			t.Fatal(err)
		}
		return f.Shape(text)
	}
	t.Setenv("LC_ALL", "")
	os.Unsetenv("LC_ALL")
	want := shape()
	for _, locale := range []string{"tr_TR.UTF-8", "az_AZ.UTF-8", "nl_NL.UTF-8", "ro_RO.UTF-8"} {
		t.Setenv("LC_ALL", locale)
		if got := shape(); !slices.Equal(got, want) {
			t.Errorf("LC_ALL=%s: %q shapes to %v, want %v", locale, text, got, want)
		}
	}
}
