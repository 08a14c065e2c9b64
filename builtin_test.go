package press

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBuiltinHasEveryFont checks that every file of the repository's
// fonts/ and layouts/ folders is built in, with the same bytes: the fonts
// are embedded one by one, and a font added to fonts/ must be added to
// builtin.go too.
func TestBuiltinHasEveryFont(t *testing.T) {
	var want []string
	for _, dir := range []string{"fonts", "layouts"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			want = append(want, filepath.ToSlash(p))
			disk, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			got, err := fs.ReadFile(Builtin, filepath.ToSlash(p))
			if err != nil {
				t.Errorf("%s is not built in (add it to builtin.go): %v", p, err)
				return nil
			}
			if !bytes.Equal(got, disk) {
				t.Errorf("built-in %s differs from the file", p)
			}
			if strings.HasSuffix(p, ".ttf") || strings.HasSuffix(p, ".otf") {
				if b, ok := Builtin.Bytes(filepath.ToSlash(p)); !ok || !bytes.Equal(b, disk) {
					t.Errorf("Bytes(%q) does not give the font", p)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// The file system behaves as one: listings, Stat, Glob, reads.
	if err := fstest.TestFS(Builtin, want...); err != nil {
		t.Fatal(err)
	}
	if m, _ := fs.Glob(Builtin, "fonts/*.ttf"); len(m) != 6 {
		t.Errorf("fonts/*.ttf lists %q", m)
	}
}
