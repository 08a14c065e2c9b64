package importer

import (
	"os"
	"path/filepath"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzImport: whatever the input, Import does not panic; it refuses only
// input that is not text, with the right kind of error; otherwise the draft
// reads as a press manuscript and keeps every input word in order, less the
// page furniture and note markers it lists (see checkResult). Failures found
// are kept in testdata/fuzz/FuzzImport and run with every go test.
func FuzzImport(f *testing.F) {
	files, _ := filepath.Glob("fixtures/*/raw.txt")
	files = append(files, "../../book/source/000_829f7faa8a5be047.txt")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b[:min(len(b), 2500)])
		}
	}
	for _, s := range []string{
		"", "a", "exam-\nple", "pro-\n\n\u00a0Soviet", "x-\ny-\nz", "a-\f\nb", "word.1 text\n1 Note.\f2\n",
		"Title\n\nText one.\n\nText two.\n\fTitle\n2\n", "* * *", "[^1]: x", "1. a\n2. b\n", "• a\n• b\n",
		"“Quoted”:\n“Block.”\n", "{.byline}\n", "&amp; <x> \\ ` _ *", "exam\u00ad\nple", "a\r\nb\rc",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := Import("fuzz.txt", raw)
		if err != nil {
			switch errKind(err) {
			case ErrEncoding:
				if utf8.Valid(raw) {
					t.Fatalf("valid UTF-8 refused: %v", err)
				}
			case ErrEmpty:
				for _, c := range string(raw) {
					if unicode.IsLetter(c) || unicode.IsDigit(c) {
						t.Fatalf("text with words refused as empty: %v", err)
					}
				}
			case ErrBinary:
			default:
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		checkResult(t, raw, r)
	})
}
