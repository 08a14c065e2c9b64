package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeBook(t *testing.T, toml string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "book.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

const good = `title = "T"
authors = ["A"]
language = "en"
identifier = "urn:uuid:b0f509c4-6be2-5d9f-8ba8-fc41e34fd2bb"
date = "2024-05-01"
`

func TestLoadBookGood(t *testing.T) {
	b, err := LoadBook(writeBook(t, good))
	if err != nil {
		t.Fatal(err)
	}
	if b.Slug != "t" || b.Layout != "a5" || b.Published.Year() != 2024 {
		t.Errorf("%+v", b)
	}
}

func TestLoadBookErrors(t *testing.T) {
	cases := []struct{ name, toml, want string }{
		{"unknown key", good + "autor = \"x\"\n", `book.toml:6: unknown key "autor"`},
		{"wrong type", strings.Replace(good, `authors = ["A"]`, `authors = "A"`, 1), "book.toml:2:"},
		{"missing title", strings.Replace(good, `title = "T"`, "", 1), "title is missing"},
		{"bad identifier", strings.Replace(good, "urn:uuid:b0f509c4-6be2-5d9f-8ba8-fc41e34fd2bb", "isbn:123", 1), `book.toml:4: identifier "isbn:123" is not a urn:uuid`},
		{"bad date", strings.Replace(good, "2024-05-01", "May 2024", 1), `book.toml:5: date "May 2024" is not a date`},
		{"syntax", good + "title = \n", "book.toml:6"},
		{"escaping contents", good + "contents = [\"../x.md\"]\n", "leaves the book folder"},
		{"absolute contents", good + "contents = [\"/etc/passwd\"]\n", "leaves the book folder"},
		{"invalid utf8", good + "rights = \"\xff\"\n", "book.toml:6: the file is not valid UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadBook(writeBook(t, c.toml))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v\nwant %q", err, c.want)
			}
		})
	}
	if _, err := LoadBook(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no book.toml") {
		t.Errorf("missing book.toml: %v", err)
	}
}

func TestSourcesRefuseSymlinkOut(t *testing.T) {
	dir := writeBook(t, good+"contents = [\"a.md\"]\n")
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("secret"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "a.md")); err != nil {
		t.Skip(err)
	}
	b, err := LoadBook(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Sources(); err == nil || !strings.Contains(err.Error(), "outside the book folder") {
		t.Errorf("got %v", err)
	}
}

func TestShippedLayouts(t *testing.T) {
	names := LayoutNames("../../layouts")
	for _, want := range []string{"a4", "a5", "letter", "trade-6x9"} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("layout %s missing (have %v)", want, names)
		}
	}
	for _, n := range names {
		l, err := LoadLayout("../../layouts", n)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		// The measure of body text between 25 and 35 em.
		measure := (l.Page.Width - l.Page.Inner - l.Page.Outer) / 25.4 * 72 / l.Text.Size
		if measure < 25 || measure > 36 {
			t.Errorf("%s: measure %.1f em", n, measure)
		}
	}
}

func TestLayoutErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) {
		os.WriteFile(filepath.Join(dir, "x.toml"), []byte(s), 0o644)
	}
	write("[page]\nwidth = 100.0\ninner = 45.0\nouter = 45.0\n")
	if _, err := LoadLayout(dir, "x"); err == nil || !strings.Contains(err.Error(), "x.toml:3: the margins leave a text area") {
		t.Errorf("tiny text area: %v", err)
	}
	write("[text]\nsize = 11.0\nsizes = 3\n")
	if _, err := LoadLayout(dir, "x"); err == nil || !strings.Contains(err.Error(), `x.toml:3: unknown key "text.sizes"`) {
		t.Errorf("unknown key: %v", err)
	}
	if _, err := LoadLayout(dir, "nope"); err == nil || !strings.Contains(err.Error(), `no layout named "nope"`) {
		t.Errorf("missing layout: %v", err)
	}
}
