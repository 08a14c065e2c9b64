package repocheck

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestScannersCatch feeds the scanners files that break the rule and files
// that keep it (testdata/*.txt, named so the repository-wide walk does not
// take them for tests or scripts), so that the check cannot pass by
// matching nothing.
func TestScannersCatch(t *testing.T) {
	lines := func(fs []finding) []int {
		var out []int
		for _, f := range fs {
			out = append(out, f.line)
		}
		return out
	}
	bad := scanGoTest(t, filepath.Join("testdata", "bad_test.go.txt"), "x/bad_test.go")
	if got, want := lines(bad), []int{9, 10, 11, 12, 13, 14}; !slices.Equal(got, want) {
		t.Errorf("bad Go test: findings on lines %v, want %v: %v", got, want, bad)
	}
	if good := scanGoTest(t, filepath.Join("testdata", "good_test.go.txt"), "x/good_test.go"); len(good) != 0 {
		t.Errorf("good Go test flagged: %v", good)
	}
	if got, want := lines(scanScript(t, filepath.Join("testdata", "script.sh.txt"), "s.sh")), []int{4, 5, 6, 8}; !slices.Equal(got, want) {
		t.Errorf("script: findings on lines %v, want %v", got, want)
	}
	if f := (finding{"a/b_test.go", 3, "x"}).String(); !strings.HasPrefix(f, "a/b_test.go:3: ") {
		t.Errorf("finding prints as %q, want file:line first", f)
	}
}
