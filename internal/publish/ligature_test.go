package publish_test

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"press/internal/publish"
)

// TestLigaturesInEveryLayout builds the article's PDF in each shipped
// layout (twice: the bytes must not differ) and reads the ToUnicode maps: a glyph stands for "fi" (the
// manuscript has "figure", "difficult", "defied"), so the shaper's
// ligature is drawn as one glyph and still extracts as two letters. EB
// Garamond has no fi glyph: its shaping draws f before i as a form of
// its own (f._i) and the i dotless, so there more than one glyph reads
// as "f".
func TestLigaturesInEveryLayout(t *testing.T) {
	tomls, _ := filepath.Glob("../../layouts/*.toml")
	if len(tomls) == 0 {
		t.Fatal("no layouts")
	}
	md, _ := os.ReadFile(filepath.Join(bookDir, slug+".md"))
	if !bytes.Contains(md, []byte("fi")) {
		t.Fatal("the manuscript has no fi to test with")
	}
	for _, file := range tomls {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		t.Run(name, func(t *testing.T) {
			p, err := publish.Load(publish.Options{BookDir: bookDir, LayoutsDir: "../../layouts", Layout: name})
			if err != nil {
				t.Fatal(err)
			}
			var b, again bytes.Buffer
			if _, _, err := p.WritePDF(&b); err != nil {
				t.Fatal(err)
			}
			// And reproducible in every layout: a second edition is the
			// same bytes.
			if _, _, err := p.WritePDF(&again); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), again.Bytes()) {
				t.Errorf("two writes differ (%d and %d bytes)", b.Len(), again.Len())
			}
			ligatures := map[string]bool{}
			fForms := 0
			bfchar := regexp.MustCompile(`<([0-9A-F]{4})><((?:[0-9A-F]{4})+)>`)
			for _, s := range pdfStreams(t, b.Bytes()) {
				if !strings.Contains(s, "begincmap") {
					continue
				}
				for _, m := range bfchar.FindAllStringSubmatch(s, -1) {
					var text []rune
					for i := 0; i < len(m[2]); i += 4 {
						u, _ := strconv.ParseUint(m[2][i:i+4], 16, 16)
						text = append(text, rune(u))
					}
					ligatures[string(text)] = true
					if string(text) == "f" {
						fForms++
					}
				}
			}
			if name == "garamond" {
				if fForms < 2 {
					t.Errorf("only %d glyph(s) read as f: the contextual f before i is not drawn", fForms)
				}
			} else if !ligatures["fi"] {
				t.Errorf("no glyph maps to \"fi\"")
			}
		})
	}
}

// pdfStreams returns the decompressed content of every Flate stream.
func pdfStreams(t *testing.T, out []byte) []string {
	t.Helper()
	var s []string
	re := regexp.MustCompile(`/Filter/FlateDecode/Length (\d+)>>\nstream\n`)
	for _, m := range re.FindAllSubmatchIndex(out, -1) {
		n, _ := strconv.Atoi(string(out[m[2]:m[3]]))
		z, err := zlib.NewReader(bytes.NewReader(out[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(z)
		if err != nil {
			t.Fatal(err)
		}
		s = append(s, string(b))
	}
	return s
}
