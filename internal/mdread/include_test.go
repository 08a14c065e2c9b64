package mdread

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"press/internal/doc"
)

// TestInclude reads testdata/include/book/chapter.md, whose code blocks
// use every form of mdBook's file directives, with the include root one
// folder above the book (include_root = ".."), and compares the model
// dump with testdata/include/chapter.dump.
func TestInclude(t *testing.T) {
	name := "testdata/include/book/chapter.md"
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ReadWith(Options{Root: "testdata/include/book", IncludeRoot: "testdata/include"}, name, src)
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	got.WriteString(doc.Dump(&doc.Book{Sections: []*doc.Section{{ID: "s", Blocks: res.Blocks}}}))
	for _, w := range res.Warnings {
		got.WriteString("warning: " + w.Error() + "\n")
	}
	golden := "testdata/include/chapter.dump"
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if got.String() != string(want) {
		t.Errorf("document model differs from %s:\n%s", golden, diffLines(string(want), got.String()))
	}
	// What the fixture must show, whatever the golden file says.
	all := strings.Join(func() []string {
		var s []string
		for _, b := range res.Blocks {
			if cb, ok := b.(*doc.CodeBlock); ok {
				s = append(s, cb.Text)
			}
		}
		return s
	}(), "\n")
	for _, bad := range []string{"ANCHOR", "# fn main", "\\{{#"} {
		if strings.Contains(all, bad) {
			t.Errorf("code blocks hold %q:\n%s", bad, all)
		}
	}
	for _, good := range []string{"fn count(words: &[&str])", "#[derive(Debug)]\n", "{{#include ../listings/tally/output.txt}}\n", "{{#title Counting}}", "name = \"tally\""} {
		if !strings.Contains(all, good) {
			t.Errorf("code blocks lack %q:\n%s", good, all)
		}
	}
}

// TestIncludeDefaultRoot: without an include root, the book folder is
// the root, and the same chapter's includes from ../listings are errors
// at their lines; the file beside the chapter is still read.
func TestIncludeDefaultRoot(t *testing.T) {
	name := "testdata/include/book/chapter.md"
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ReadWith(Options{Root: "testdata/include/book"}, name, src)
	if err == nil {
		t.Fatal("includes from outside the book folder were read")
	}
	msg := err.Error()
	for _, want := range []string{
		name + ":6: mdBook {{#rustdoc_include ../listings/tally/src/main.rs}}: testdata/include/listings/tally/src/main.rs is outside the book folder",
		"include_root",
		name + ":28: mdBook {{#include ../listings/tally/src/main.rs::2}}",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "local.toml") {
		t.Errorf("a file inside the book folder was refused:\n%s", msg)
	}
	if res == nil {
		t.Fatal("no blocks with the errors")
	}
}

// TestIncludeErrors: each directive that cannot be followed is an error
// at its own line saying why, and the build reads nothing outside the
// root, links included.
func TestIncludeErrors(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	outside := filepath.Join(dir, "outside")
	for _, d := range []string{book, outside} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(path, s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(book, "a.rs"), "one\ntwo\n// ANCHOR: x\nthree\n")
	write(filepath.Join(book, "self.txt"), "{{#include self.txt}}\n")
	write(filepath.Join(book, "bin.dat"), "\xff\xfe")
	write(filepath.Join(outside, "secret.txt"), "secret\n")
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(book, "link.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	cases := []struct{ line, want string }{
		{"{{#include missing.rs}}", "does not exist"},
		{"{{#include a.rs:nope}}", `anchor "nope" is not in`},
		{"{{#include a.rs:7:9}}", "lines 7:9 are not in"},
		{"{{#include a.rs:3:2}}", "lines 3:2 are not in"},
		{"{{#include ../outside/secret.txt}}", "is outside the book folder"},
		{"{{#include link.txt}}", "is a link to"},
		{"{{#include /etc/hostname}}", "an absolute path is refused"},
		{"{{#include self.txt}}", "more than 10 deep"},
		{"{{#include bin.dat}}", "is not UTF-8 text"},
		{"{{#include }}", "names no file"},
	}
	var src strings.Builder
	for _, c := range cases {
		src.WriteString("```\n" + c.line + "\n```\n\n")
	}
	name := filepath.Join(book, "ch.md")
	res, err := ReadWith(Options{Root: book}, name, []byte(src.String()))
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	for i, c := range cases {
		at := name + ":" + strconv.Itoa(4*i+2) + ": "
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, at) && strings.Contains(l, c.want) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no error %q at %s in:\n%s", c.line, c.want, at, err)
		}
	}
	for _, b := range res.Blocks {
		if cb, ok := b.(*doc.CodeBlock); ok && !strings.HasPrefix(cb.Text, "{{#") {
			t.Errorf("a file outside the root was read: %q", cb.Text)
		}
	}
}
