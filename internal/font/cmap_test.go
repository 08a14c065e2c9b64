package font

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	gtfont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// goTextCharMap is the character map as go-text reads it, the reference
// for the in-place reader.
func goTextCharMap(t testing.TB, raw []byte) gtfont.Cmap {
	t.Helper()
	ct, _, err := tables.ParseCmap(raw)
	if err != nil {
		t.Fatal(err)
	}
	cm, _, err := gtfont.ProcessCmap(ct, tables.FPNone)
	if err != nil {
		t.Fatal(err)
	}
	return cm
}

func rawCmap(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ld, err := ot.NewLoader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ld.RawTable(ot.MustNewTag("cmap"))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// Every character of Unicode maps to the same glyph through the in-place
// reader as through go-text's parsed table, for every font press ships.
func TestCharMapMatchesGoText(t *testing.T) {
	paths, _ := filepath.Glob(fontDir + "*.ttf")
	more, _ := filepath.Glob(fontDir + "*/*.otf")
	paths = append(paths, more...)
	if len(paths) < 9 {
		t.Fatalf("found %d fonts in %s", len(paths), fontDir)
	}
	for _, path := range paths {
		raw := rawCmap(t, path)
		ours, ok := rawCharMap(tbl(raw))
		if !ok {
			t.Errorf("%s: not read in place", path)
			continue
		}
		ref := goTextCharMap(t, raw)
		mapped := 0
		for r := rune(0); r <= 0x10FFFF; r++ {
			g1, ok1 := ours.Lookup(r)
			g2, ok2 := ref.Lookup(r)
			if g1 != g2 || ok1 != ok2 {
				t.Errorf("%s: U+%04X gives %d, %v; go-text gives %d, %v", filepath.Base(path), r, g1, ok1, g2, ok2)
				break
			}
			if ok1 {
				mapped++
			}
		}
		if mapped < 100 {
			t.Errorf("%s: only %d characters mapped", path, mapped)
		}
	}
}

// A format 4 table written by hand: a delta segment, a segment read
// through the glyph array (with a zero entry: no glyph), and the closing
// 0xFFFF segment with an offset, which some fonts write.
func TestCharMapFormat4(t *testing.T) {
	u16 := func(v ...int) []byte {
		var b []byte
		for _, x := range v {
			b = append(b, byte(x>>8), byte(x))
		}
		return b
	}
	segs := 3
	sub := u16(4, 0, 0, 2*segs, 0, 0, 0)          // format, length (set below), language, segCountX2, search fields
	sub = append(sub, u16(0x42, 0x62, 0xFFFF)...) // ends
	sub = append(sub, u16(0)...)                  // reserved
	sub = append(sub, u16(0x41, 0x61, 0xFFFF)...) // starts
	sub = append(sub, u16(10, 0xFFFF-0x1F, 1)...) // deltas: A→75, a: glyphs minus 32
	sub = append(sub, u16(0, 4, 2)...)            // range offsets: delta, array, 0xFFFF quirk
	sub = append(sub, u16(40, 0)...)              // glyph array: a→40-32=8, b→0 (none)
	sub[2], sub[3] = byte(len(sub)>>8), byte(len(sub))
	raw := append(u16(0, 1, 3, 1, 0, 12), sub...) // version, one record (3,1) at offset 12
	cm, ok := rawCharMap(tbl(raw))
	if !ok {
		t.Fatal("format 4 not read in place")
	}
	ref := goTextCharMap(t, raw)
	for r := rune(0); r <= 0x10FFFF; r++ {
		g1, ok1 := cm.Lookup(r)
		g2, ok2 := ref.Lookup(r)
		if g1 != g2 || ok1 != ok2 {
			t.Fatalf("U+%04X gives %d, %v; go-text gives %d, %v", r, g1, ok1, g2, ok2)
		}
	}
	for r, want := range map[rune]int{'A': 75, 'B': 76, 'a': 8, 'b': -1, 'c': -1} {
		g, ok := cm.Lookup(r)
		if (want < 0) == ok || (ok && int(g) != want) {
			t.Errorf("%q gives %d, %v; want %d", r, g, ok, want)
		}
	}
}

// FuzzCharMap: whatever the bytes, the in-place reader never panics and,
// where it takes a table, agrees with go-text.
func FuzzCharMap(f *testing.F) {
	f.Add(rawCmap(f, fontDir+"DejaVuSans.ttf"))
	f.Add([]byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12, 0, 4, 0, 32, 0, 0, 0, 2})
	f.Fuzz(func(t *testing.T, raw []byte) {
		ours, ok := rawCharMap(tbl(raw))
		if !ok {
			return
		}
		ct, _, err := tables.ParseCmap(raw)
		if err != nil {
			return // go-text is stricter about the other subtables
		}
		ref, _, err := gtfont.ProcessCmap(ct, tables.FPNone)
		if err != nil {
			return
		}
		for _, r := range []rune{0, ' ', 'A', 'a', 'é', 0x391, 0x5D0, 0x4E00, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF, -1} {
			g1, ok1 := ours.Lookup(r)
			g2, ok2 := ref.Lookup(r)
			if g1 != g2 || ok1 != ok2 {
				t.Fatalf("U+%04X gives %d, %v; go-text gives %d, %v", r, g1, ok1, g2, ok2)
			}
		}
	})
}
