package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportSeed imports a copy of the seed: the draft and report are
// written beside it, the summary says none lost, and a second run refuses
// to overwrite without --force.
func TestImportSeed(t *testing.T) {
	dir := t.TempDir()
	raw, err := os.ReadFile("../../book/source/000_829f7faa8a5be047.txt")
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "seed.txt")
	os.WriteFile(in, raw, 0o644)
	code, out, errs := runArgs("import", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	draft, report := filepath.Join(dir, "seed.md"), filepath.Join(dir, "seed.report.txt")
	for _, p := range []string{draft, report} {
		if !strings.Contains(out, p) {
			t.Errorf("output does not name %s: %q", p, out)
		}
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(out, "fidelity: words in 3300, out 3300") || !strings.Contains(out, "none lost") {
		t.Errorf("no fidelity summary: %q", out)
	}
	md, _ := os.ReadFile(draft)
	if !strings.Contains(string(md), "\n# On the Toll and Other Myth Making Around the GLF\n") {
		t.Errorf("draft lacks a heading:\n%s", md)
	}
	rep, _ := os.ReadFile(report)
	if !strings.Contains(string(rep), "line 45: pro-|Soviet → kept \"pro-Soviet\"") {
		t.Errorf("report lacks the hyphen decision:\n%s", rep)
	}

	code, _, errs = runArgs("import", in)
	if code != 1 || !strings.Contains(errs, "exists; use --force") {
		t.Errorf("second import: exit %d, %q", code, errs)
	}
	code, _, errs = runArgs("import", "--force", in)
	if code != 0 {
		t.Errorf("--force: exit %d, %q", code, errs)
	}
	other := filepath.Join(dir, "out", "draft.md")
	os.Mkdir(filepath.Dir(other), 0o755)
	code, out, errs = runArgs("import", in, "-o", other, "--report", filepath.Join(dir, "r.txt"))
	if code != 0 || !strings.Contains(out, other) {
		t.Errorf("-o: exit %d, %q %q", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "r.txt")); err != nil {
		t.Error(err)
	}
}

func TestImportErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(s), 0o644)
		return p
	}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"import"}, 2, "name one text file"},
		{[]string{"import", "a.txt", "b.txt"}, 2, "name one text file"},
		{[]string{"import", "--nope", "a.txt"}, 2, "flag provided but not defined"},
		{[]string{"import", "--help"}, 0, "Usage: press import"},
		{[]string{"import", write("same.md", "text"), "-o", filepath.Join(dir, "same.md")}, 2, "three different files"},
		{[]string{"import", filepath.Join(dir, "missing.txt")}, 1, "missing.txt: cannot read"},
		{[]string{"import", write("empty.txt", "")}, 1, "empty.txt: the file holds no text"},
		{[]string{"import", write("bin.txt", "\x00\x01\x02")}, 1, "bin.txt:1: binary data"},
		{[]string{"import", write("doc.pdf", "%PDF-1.4\n")}, 1, "pdftotext"},
		{[]string{"import", write("latin.txt", "ok\ncaf\xe9\n")}, 1, "latin.txt:2: the text is not valid UTF-8"},
	}
	for _, c := range cases {
		code, out, errs := runArgs(c.args...)
		if code != c.code || !strings.Contains(out+errs, c.want) {
			t.Errorf("press %v: exit %d (want %d), output %q, want %q", c.args, code, c.code, out+errs, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "empty.md")); err == nil {
		t.Error("a draft was written for bad input")
	}
}
