package config

import (
	"os"
	"path/filepath"
	"press"
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

// TestIncludeRoot: include_root is a folder relative to the book folder.
func TestIncludeRoot(t *testing.T) {
	dir := writeBook(t, good+"include_root = \"..\"\n")
	b, err := LoadBook(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b.IncludeDir != filepath.Dir(dir) {
		t.Errorf("include folder %q, want %q", b.IncludeDir, filepath.Dir(dir))
	}
	if b, err := LoadBook(writeBook(t, good)); err != nil || b.IncludeDir != "" {
		t.Errorf("without the key: include folder %q, %v", b.IncludeDir, err)
	}
}

func TestLoadBookErrors(t *testing.T) {
	cases := []struct{ name, toml, want string }{
		{"unknown key", good + "autor = \"x\"\n", `book.toml:6: unknown key "autor"`},
		{"wrong type", strings.Replace(good, `authors = ["A"]`, `authors = "A"`, 1), "book.toml:2:"},
		{"missing title", strings.Replace(good, `title = "T"`, "", 1), "title is missing"},
		{"missing identifier", strings.Replace(good, `identifier = "urn:uuid:b0f509c4-6be2-5d9f-8ba8-fc41e34fd2bb`+"\"", "", 1), `identifier is missing or empty; add identifier = "urn:uuid:`},
		{"bad identifier", strings.Replace(good, "urn:uuid:b0f509c4-6be2-5d9f-8ba8-fc41e34fd2bb", "isbn:123", 1), `book.toml:4: identifier "isbn:123" is not a urn:uuid`},
		{"bad date", strings.Replace(good, "2024-05-01", "May 2024", 1), `book.toml:5: date "May 2024" is not a date`},
		{"syntax", good + "title = \n", "book.toml:6"},
		{"escaping contents", good + "contents = [\"../x.md\"]\n", "leaves the book folder"},
		{"absolute contents", good + "contents = [\"/etc/passwd\"]\n", "leaves the book folder"},
		{"include root missing", good + "include_root = \"no-such-folder\"\n", `book.toml:6: include_root "no-such-folder" is not a folder`},
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
	if got := (Shelf{Builtin: press.Builtin}).Names(); strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("built-in layouts %v, layouts/ has %v: the binary must ship them all", got, names)
	}
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
		l, err := LoadLayout(Shelf{Builtin: press.Builtin}, n)
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
	if _, err := LoadLayout(Shelf{Dir: dir}, "x"); err == nil || !strings.Contains(err.Error(), "x.toml:3: the margins leave a text area") {
		t.Errorf("tiny text area: %v", err)
	}
	write("[text]\nsize = 11.0\nsizes = 3\n")
	if _, err := LoadLayout(Shelf{Dir: dir}, "x"); err == nil || !strings.Contains(err.Error(), `x.toml:3: unknown key "text.sizes"`) {
		t.Errorf("unknown key: %v", err)
	}
	write("[breaking]\nletter_spacing = 0.02\nmax_word_space = 0.5\n")
	if _, err := LoadLayout(Shelf{Dir: dir}, "x"); err == nil || !strings.Contains(err.Error(), "x.toml:3: max_word_space 0.5 out of range") {
		t.Errorf("max_word_space below one space: %v", err)
	}
	if _, err := LoadLayout(Shelf{Dir: dir}, "nope"); err == nil || !strings.Contains(err.Error(), `no layout named "nope"`) {
		t.Errorf("missing layout: %v", err)
	}
}

// TestShelfLookup: the book's layouts/ and fonts/ come first, then the
// --layouts folder, then the built-in files; a font path that does not
// resolve next to the layout falls back to a font of that name.
func TestShelfLookup(t *testing.T) {
	book := t.TempDir()
	extra := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(book, "layouts"), 0o755))
	must(os.MkdirAll(filepath.Join(book, "fonts"), 0o755))
	// A layout copied out of press: its font paths point at a folder that
	// is not there.
	shipped, err := press.Builtin.ReadFile("layouts/a5.toml")
	must(err)
	must(os.WriteFile(filepath.Join(extra, "mine.toml"), shipped, 0o644))
	must(os.WriteFile(filepath.Join(book, "layouts", "a5.toml"), []byte("name = \"own a5\"\n"), 0o644))
	regular, err := press.Builtin.ReadFile("fonts/Vollkorn-Regular.ttf")
	must(err)
	must(os.WriteFile(filepath.Join(book, "fonts", "Vollkorn-Italic.ttf"), regular, 0o644))
	shelf := Shelf{BookDir: book, Dir: extra, Builtin: press.Builtin}

	l, err := LoadLayout(shelf, "a5")
	must(err)
	if l.Name != "own a5" || l.File != filepath.Join(book, "layouts", "a5.toml") {
		t.Errorf("a5 came from %s (%q), want the book's own", l.File, l.Name)
	}
	// The book's fonts/ replaces the built-in italic; the rest is built in.
	if _, shown, err := l.ReadFile(l.Fonts.Italic); err != nil || shown != filepath.Join(book, "fonts", "Vollkorn-Italic.ttf") {
		t.Errorf("italic read from %s (%v), want the book's fonts/", shown, err)
	}
	if data, shown, err := l.ReadFile(l.Fonts.Bold); err != nil || shown != BuiltinName+"fonts/Vollkorn-Bold.ttf" || len(data) == 0 {
		t.Errorf("bold read from %s (%v), want the built-in font", shown, err)
	}
	if _, shown, err := l.ReadFile(l.EPUB.CSS); err != nil || shown != BuiltinName+"layouts/epub.css" {
		t.Errorf("stylesheet read from %s (%v), want the built-in one", shown, err)
	}

	mine, err := LoadLayout(shelf, "mine")
	must(err)
	// A built-in font named by its file name alone, from a family's folder.
	if data, shown, err := mine.ReadFile("EBGaramond12-Italic.otf"); err != nil || shown != BuiltinName+"fonts/ebgaramond/EBGaramond12-Italic.otf" || len(data) == 0 {
		t.Errorf("a built-in font in a subfolder read from %s (%v)", shown, err)
	}
	if _, shown, err := mine.ReadFile(mine.Fonts.Regular); err != nil || shown != BuiltinName+"fonts/Vollkorn-Regular.ttf" {
		t.Errorf("a copied layout's regular font read from %s (%v)", shown, err)
	}
	if l, err := LoadLayout(shelf, "a4"); err != nil || l.File != BuiltinName+"layouts/a4.toml" {
		t.Errorf("a4: %v, %v", l, err)
	}

	_, err = LoadLayout(shelf, "nope")
	if err == nil || !strings.Contains(err.Error(), "choose one of: a4, a5, ") || !strings.Contains(err.Error(), "mine") {
		t.Errorf("a missing layout must list those that exist: %v", err)
	}

	must(os.WriteFile(filepath.Join(book, "layouts", "odd.toml"), []byte("[fonts]\nregular = \"Nowhere.ttf\"\n"), 0o644))
	_, err = LoadLayout(shelf, "odd")
	if err == nil || !strings.Contains(err.Error(), "odd.toml:2: font file") || !strings.Contains(err.Error(), "Vollkorn-Regular.ttf") {
		t.Errorf("a missing font must name the line and the built-in fonts: %v", err)
	}
}

// TestNotChapters: without a contents list, a README and files starting
// with _ or . stay out of the book, and the book says which.
func TestNotChapters(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"02-b.md", "01-a.md", "README.md", "readme.md", "_draft.md", ".#01-a.md"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("Text.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := &Book{Dir: dir, File: filepath.Join(dir, "book.toml")}
	got, err := b.Sources()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "01-a.md"), filepath.Join(dir, "02-b.md")}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("chapters %v, want %v", got, want)
	}
	if strings.Join(b.Skipped, " ") != ".#01-a.md README.md _draft.md readme.md" {
		t.Errorf("skipped %v", b.Skipped)
	}
	// Listed in contents, a README is a chapter like any file.
	b = &Book{Dir: dir, File: filepath.Join(dir, "book.toml"), Contents: []string{"README.md"}}
	if got, err := b.Sources(); err != nil || len(got) != 1 || len(b.Skipped) != 0 {
		t.Errorf("contents = [README.md]: %v, %v, skipped %v", got, err, b.Skipped)
	}
}

func TestNewIdentifier(t *testing.T) {
	a, b := NewIdentifier(), NewIdentifier()
	if !isUUIDURN(a) || a == b || a[23] != '4' || !strings.ContainsRune("89ab", rune(a[28])) {
		t.Errorf("identifiers %s, %s: want two different version 4 UUID URNs", a, b)
	}
}

func TestISBNSeriesContributors(t *testing.T) {
	b, err := LoadBook(writeBook(t, good+`series = "S"
series_index = 2

[isbn]
epub = "978-3-16-148410-0"
print = "9780306406157"

[[contributors]]
name = "E"
role = "editor"
`))
	if err != nil {
		t.Fatal(err)
	}
	if b.ISBN.EPUB != "978-3-16-148410-0" || b.SeriesIndex != 2 || len(b.Contributors) != 1 || Roles[b.Contributors[0].Role] != "edt" {
		t.Errorf("%+v", b)
	}
	cases := []struct{ name, toml, want string }{
		{"check digit", good + "[isbn]\nepub = \"978-3-16-148410-1\"\n", `book.toml:7: isbn epub "978-3-16-148410-1" is not an ISBN-13: its check digit is 1, but the first twelve digits give 0`},
		{"length", good + "[isbn]\nprint = \"3-16-148410-0\"\n", "it has 10 digits"},
		{"prefix", good + "[isbn]\nprint = \"123-4-56-789012-8\"\n", "starts with 978 or 979"},
		{"letters", good + "[isbn]\nprint = \"ISBN 978-3-16-148410-0\"\n", `'I' is not a digit`},
		{"same", good + "[isbn]\nepub = \"978-3-16-148410-0\"\nprint = \"978-3-16-148410-0\"\n", "book.toml:8: the EPUB and the print edition have the same ISBN"},
		{"role", good + "[[contributors]]\nname = \"X\"\nrole = \"ghost\"\n", `book.toml:8: contributor role "ghost" is not known; use one of: cover_designer, editor, illustrator, photographer, translator`},
		{"nameless", good + "[[contributors]]\nrole = \"editor\"\n", "a contributor has no name"},
		{"index alone", good + "series_index = 2\n", "series_index 2 needs a series name"},
		{"isbn key", good + "isbn = \"978-3-16-148410-0\"\n", "book.toml:6: isbn has the wrong type"},
	}
	for _, c := range cases {
		_, err := LoadBook(writeBook(t, c.toml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}
