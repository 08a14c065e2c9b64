package publish_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"press/internal/font"
	"press/internal/publish"
)

// TestLeanEPUB: the article's e-book stays under 100 KB because its fonts
// hold only the glyphs it shows, and each embedded face still has a glyph
// for every character of every document.
func TestLeanEPUB(t *testing.T) {
	out := t.TempDir()
	if _, err := publish.Build(publish.Options{BookDir: bookDir, OutDir: out, Formats: []string{"epub"}}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(out, slug+".epub")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > 100<<10 {
		t.Errorf("the article's EPUB is %d KB, want at most 100 KB", st.Size()>>10)
	}
	files := epubFiles(t, path)
	shown := map[rune]bool{}
	for name, data := range files {
		if !strings.HasSuffix(name, ".xhtml") {
			continue
		}
		// The text outside tags, entities aside (the writer uses none but
		// the five XML ones).
		s := string(data)
		for _, e := range []string{"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"} {
			s = strings.ReplaceAll(s, e, "")
		}
		inTag := false
		for _, r := range s {
			switch {
			case r == '<':
				inTag = true
			case r == '>':
				inTag = false
			case !inTag && r > ' ' && r != '\u00ad' && r != '\ufe0e':
				shown[r] = true
			}
		}
	}
	faces := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".ttf") {
			continue
		}
		faces++
		if len(data) > 60<<10 {
			t.Errorf("%s is %d KB: not cut down to the text", name, len(data)>>10)
		}
		f, err := sfnt.Parse(data)
		if err != nil {
			t.Fatalf("%s does not parse: %v", name, err)
		}
		var buf sfnt.Buffer
		for r := range shown {
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				t.Errorf("%s has no glyph for %q, which the e-book shows", name, r)
			}
		}
	}
	if faces != 2 {
		t.Errorf("%d font faces embedded; the article uses regular and italic only", faces)
	}
	checkLigatures(t, files)
}

// TestLeanEPUBCFF: the garamond layout's fonts, OpenType with CFF
// outlines, are cut for the e-book too.
func TestLeanEPUBCFF(t *testing.T) {
	out := t.TempDir()
	if _, err := publish.Build(publish.Options{BookDir: bookDir, OutDir: out, Formats: []string{"epub"}, Layout: "garamond"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(out, slug+".epub")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > 120<<10 {
		t.Errorf("the article's EPUB in EB Garamond is %d KB, want at most 120 KB", st.Size()>>10)
	}
	files := epubFiles(t, path)
	faces := 0
	for name, data := range files {
		if strings.HasSuffix(name, ".otf") {
			faces++
			if len(data) > 80<<10 {
				t.Errorf("%s is %d KB: not cut down to the text", name, len(data)>>10)
			}
		}
	}
	if faces != 2 {
		t.Errorf("%d .otf faces embedded, want regular and italic", faces)
	}
	checkLigatures(t, files)
}

// checkLigatures shapes "office fluffy" with each embedded font: the
// ligatures (or, in EB Garamond, the contextual forms that join f and i)
// the print edition sets are there.
func checkLigatures(t *testing.T, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		if !strings.HasSuffix(name, ".ttf") && !strings.HasSuffix(name, ".otf") {
			continue
		}
		f, err := font.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		plain, err := font.Open(data, 0, []string{"-liga", "-clig", "-calt"})
		if err != nil {
			t.Fatal(err)
		}
		const text = "office fluffy"
		if fmt.Sprint(f.Shape(text)) == fmt.Sprint(plain.Shape(text)) {
			t.Errorf("%s sets %q letter by letter: no ligatures in the e-book", name, text)
		}
	}
}
