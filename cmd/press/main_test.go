package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArgs(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageAndVersion(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Usage:"},
		{[]string{"help"}, 0, "press build"},
		{[]string{"--help"}, 0, "press build"},
		{[]string{"version"}, 0, "press "},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"build", "--help"}, 0, "Usage: press build"},
		{[]string{"build", "--format", "mobi", "../../book"}, 2, `unknown format "mobi"`},
		{[]string{"build", "a", "b"}, 2, "one book folder at a time"},
		{[]string{"build", "--signature", "4", "../../book"}, 2, "--signature and --marks apply to the booklet only"},
		{[]string{"build", "--marks", "--format", "pdf", "../../book"}, 2, "add --format booklet"},
		{[]string{"check", "a", "b"}, 2, "one book folder at a time"},
		{[]string{"new"}, 2, "name one folder"},
		{[]string{"new", "--language", "english!", "x"}, 2, "not a language tag"},
	}
	for _, c := range cases {
		code, out, errs := runArgs(c.args...)
		if code != c.code || !strings.Contains(out+errs, c.want) {
			t.Errorf("press %v: exit %d (want %d), output %q, want %q", c.args, code, c.code, out+errs, c.want)
		}
	}
}

func TestBuildWritesEditions(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runArgs("build", "--layouts", "../../layouts", "../../book", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, ext := range []string{".epub", ".pdf"} {
		if _, err := os.Stat(filepath.Join(dir, "the-great-leap-forward"+ext)); err != nil {
			t.Error(err)
		}
		if !strings.Contains(out, "the-great-leap-forward"+ext) {
			t.Errorf("output does not name the %s: %q", ext, out)
		}
	}
	if !strings.Contains(out, "pages") || !strings.Contains(out, "built in") {
		t.Errorf("output lacks page count or time: %q", out)
	}
	code, _, _ = runArgs("build", "--layouts", "../../layouts", "--format", "pdf", "-o", dir, "../../book")
	if code != 0 {
		t.Errorf("pdf only: exit %d", code)
	}
}

// TestBadBookExit1: a book error exits 1, names file and line, and leaves
// the previous editions untouched.
func TestBadBookExit1(t *testing.T) {
	book := t.TempDir()
	out := t.TempDir()
	os.WriteFile(filepath.Join(book, "book.toml"), []byte(`title = "T"
authors = ["A"]
language = "en"
identifier = "urn:uuid:b0f509c4-6be2-5d9f-8ba8-fc41e34fd2bb"
date = "2024-05-01"
`), 0o644)
	os.WriteFile(filepath.Join(book, "a.md"), []byte("Fine text.\n"), 0o644)
	if code, _, errs := runArgs("build", "--layouts", "../../layouts", "-o", out, book); code != 0 {
		t.Fatalf("good book: exit %d: %s", code, errs)
	}
	before, _ := os.ReadFile(filepath.Join(out, "t.pdf"))
	os.WriteFile(filepath.Join(book, "a.md"), []byte("Fine text.\n\nA ref[^missing].\n"), 0o644)
	code, _, errs := runArgs("build", "--layouts", "../../layouts", "-o", out, book)
	if code != 1 {
		t.Fatalf("bad book: exit %d", code)
	}
	if !strings.Contains(errs, "a.md:3: note [^missing] is cited but not defined") {
		t.Errorf("message %q", errs)
	}
	after, _ := os.ReadFile(filepath.Join(out, "t.pdf"))
	if !bytes.Equal(before, after) || len(after) == 0 {
		t.Errorf("the previous PDF was changed by a failed build")
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestReadmeIsNotAChapter: a README in the book folder stays out of the
// book, and the build says which files it used; press check writes nothing.
func TestReadmeIsNotAChapter(t *testing.T) {
	book := t.TempDir()
	os.WriteFile(filepath.Join(book, "book.toml"), []byte(goodTOML), 0o644)
	os.WriteFile(filepath.Join(book, "a.md"), []byte("The chapter.\n"), 0o644)
	os.WriteFile(filepath.Join(book, "README.md"), []byte("Notes to self.\n"), 0o644)
	code, _, errs := runArgs("check", book)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "note: "+book+": chapters, in name order: a.md; not chapters: README.md") {
		t.Errorf("no note on the files used: %q", errs)
	}
	if _, err := os.Stat(filepath.Join(book, "dist")); err == nil {
		t.Error("press check wrote dist/")
	}
	out := t.TempDir()
	if code, _, errs := runArgs("build", "--format", "epub", "-o", out, book); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	files := epubEntries(t, filepath.Join(out, "t.epub"))
	for name, data := range files {
		if strings.Contains(string(data), "Notes to self") {
			t.Errorf("the README's text is in the e-book (%s)", name)
		}
	}
}

// epubEntries reads every file of an EPUB.
func epubEntries(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}
