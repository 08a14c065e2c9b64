package repocheck

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestScannersCatch feeds the scanners files that break the rule and files
// that keep it, so that the repository-wide check cannot pass by matching
// nothing.
func TestScannersCatch(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write("bad_test.go", "package x\n\nimport (\n\t\"os\"\n\t\"os/exec\"\n)\n\n"+
		"func f() {\n"+
		"\tos.ReadFile(\"/tmp/longbook/a.md\")\n"+ // line 9
		"\texec.Command(\"sh\", \"-c\", \"grep x /tmp/longbook/*.md\")\n"+ // 10
		"\tos.ReadFile(\"../../../shared/seed/x.txt\")\n"+ // 11
		"\t_ = os.TempDir()\n"+ // 12
		"\t_ = os.Getenv(\"HOME\")\n"+ // 13
		"\tos.ReadFile(\"/home/dev/book.md\")\n"+ // 14
		"}\n")
	got := scanGoTest(t, bad, "x/bad_test.go")
	var lines []int
	for _, f := range got {
		lines = append(lines, f.line)
	}
	if want := []int{9, 10, 11, 12, 13, 14}; !slices.Equal(lines, want) {
		t.Errorf("bad Go test: findings on lines %v, want %v: %v", lines, want, got)
	}

	good := write("good_test.go", "package x\n\nimport (\n\t\"os\"\n\t\"path/filepath\"\n\t\"testing\"\n)\n\n"+
		"func g(t *testing.T) {\n"+
		"\tos.ReadFile(filepath.Join(t.TempDir(), \"a.md\"))\n"+
		"\tos.ReadFile(\"testdata/tmp/a.md\")\n"+
		"\tos.ReadFile(\"/usr/share/java/epubcheck.jar\")\n"+
		"\t_ = \"a/tmp/b and x/home/y\"\n"+
		"\t_ = os.Getenv(\"SOURCE_DATE_EPOCH\")\n"+
		"}\n")
	if got := scanGoTest(t, good, "x/good_test.go"); len(got) != 0 {
		t.Errorf("good Go test flagged: %v", got)
	}

	script := write("s.sh", "#!/bin/sh\n# a comment about /tmp is fine\n"+
		"out=$(mktemp)\n"+
		"cat /tmp/qpdf.$$\n"+ // line 4
		"ls $HOME/books\n"+ // 5
		"cp ~/x .\n"+ // 6
		"java -jar /usr/share/java/epubcheck.jar\n"+
		"ls ../shared/seed\n") // 8
	var slines []int
	for _, f := range scanScript(t, script, "s.sh") {
		slines = append(slines, f.line)
	}
	if want := []int{4, 5, 6, 8}; !slices.Equal(slines, want) {
		t.Errorf("script: findings on lines %v, want %v", slines, want)
	}
	if f := (finding{"a/b_test.go", 3, "x"}).String(); !strings.HasPrefix(f, "a/b_test.go:3: ") {
		t.Errorf("finding prints as %q, want file:line first", f)
	}
}
