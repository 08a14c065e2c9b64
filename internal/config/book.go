// Package config reads book.toml and layouts/*.toml into typed structs.
// Every key has a documented default; an unknown key or a value of the wrong
// type is an error that names the file and line.
package config

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"press/internal/diag"
)

// Book is the content of book.toml.
type Book struct {
	Title       string   `toml:"title"`        // required
	Subtitle    string   `toml:"subtitle"`     // optional
	Authors     []string `toml:"authors"`      // required, at least one
	Language    string   `toml:"language"`     // required, BCP 47 ("en", "en-GB")
	Identifier  string   `toml:"identifier"`   // required, "urn:uuid:…", fixed for the life of the book
	Date        string   `toml:"date"`         // required, publication date YYYY-MM-DD
	Publisher   string   `toml:"publisher"`    // optional
	Rights      string   `toml:"rights"`       // optional, e.g. "© 2024 S. Mazur. All rights reserved."
	Description string   `toml:"description"`  // optional, one paragraph
	Subjects    []string `toml:"subjects"`     // optional keywords
	Contents    []string `toml:"contents"`     // optional ordered Markdown files; default all *.md in name order
	Layout      string   `toml:"layout"`       // default print layout name (layouts/NAME.toml); default "a5"
	Slug        string   `toml:"slug"`         // edition file name stem; default from the title
	Series      string   `toml:"series"`       // optional series name
	SeriesIndex int      `toml:"series_index"` // optional number in the series

	ISBN         ISBN          `toml:"isbn"`         // optional, per edition
	Contributors []Contributor `toml:"contributors"` // optional, with roles
	// SectionLevel is the heading level (1–6) that starts a section; 0
	// (the default) lets press choose it from the manuscript.
	SectionLevel int `toml:"section_level"`
	// IncludeRoot is the folder, relative to the book folder, that
	// mdBook's {{#include}} directives may read from: "" is the book
	// folder itself; ".." lets an mdBook book's src/ folder include its
	// ../listings. Nothing outside it is ever read.
	IncludeRoot string `toml:"include_root"`

	// Set by LoadBook, not read from the file.
	Dir       string    `toml:"-"` // the book folder
	File      string    `toml:"-"` // path of book.toml
	Published time.Time `toml:"-"` // Date parsed
	Skipped   []string  `toml:"-"` // Markdown files Sources left out as not chapters
	// IncludeDir is IncludeRoot joined to Dir ("" when IncludeRoot is).
	IncludeDir string `toml:"-"`

	contentsLine int // line of the contents key, for messages
}

// IsLanguageTag reports whether s has the shape book.toml accepts for a
// language (BCP 47): two or three letters, then any number of subtags of
// two to eight letters or digits, each after a hyphen ("en", "en-GB",
// "zh-Hant-TW"). The checks of every build are plain loops, not regular
// expressions: compiling them was a visible part of a pamphlet's build.
func IsLanguageTag(s string) bool {
	for i, part := range strings.Split(s, "-") {
		min, max := 2, 8
		if i == 0 {
			max = 3
		}
		if len(part) < min || len(part) > max {
			return false
		}
		for _, c := range []byte(part) {
			letter := c|0x20 >= 'a' && c|0x20 <= 'z'
			if !letter && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

// isUUIDURN reports whether s is "urn:uuid:" and a UUID in hexadecimal
// digits grouped 8-4-4-4-12.
func isUUIDURN(s string) bool {
	const prefix = "urn:uuid:"
	u, ok := strings.CutPrefix(s, prefix)
	if !ok || len(u) != 36 {
		return false
	}
	for i, c := range []byte(u) {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f') {
				return false
			}
		}
	}
	return true
}

// LoadBook reads dir/book.toml and checks it.
func LoadBook(dir string) (*Book, error) {
	file := filepath.Join(dir, "book.toml")
	data, err := os.ReadFile(file)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, diag.Errorf(file, 0, "create it with title, authors, language, identifier and date (see README)", "no book.toml in %s", dir)
		}
		return nil, diag.Errorf(file, 0, "", "cannot read: %v", err)
	}
	b := &Book{Layout: "a5"}
	if err := decodeStrict(file, data, b); err != nil {
		return nil, err
	}
	b.Dir, b.File = dir, file
	return b, b.check(data)
}

func (b *Book) check(data []byte) error {
	var errs diag.List
	missing := func(key, hint string) {
		errs = append(errs, diag.Errorf(b.File, keyLine(data, key), hint, "%s is missing or empty", key))
	}
	need := func(key, val, hint string) {
		if strings.TrimSpace(val) == "" {
			missing(key, hint)
		}
	}
	need("title", b.Title, `add title = "…"`)
	need("language", b.Language, `add language = "en" (a BCP 47 tag)`)
	if strings.TrimSpace(b.Identifier) == "" {
		// The hint's fresh identifier is made only when it is shown: a
		// build that needs none should not start the random generator.
		missing("identifier", `add identifier = "`+NewIdentifier()+`" (a fresh one made for you; never change it afterwards)`)
	}
	need("date", b.Date, `add date = "YYYY-MM-DD"`)
	if len(b.Authors) == 0 {
		missing("authors", `add authors = ["Name"]`)
	}
	if b.Language != "" && !IsLanguageTag(b.Language) {
		errs = append(errs, diag.Errorf(b.File, keyLine(data, "language"), `use a BCP 47 tag such as "en" or "en-GB"`, "language %q is not a language tag", b.Language))
	}
	if b.Identifier != "" && !isUUIDURN(b.Identifier) {
		errs = append(errs, diag.Errorf(b.File, keyLine(data, "identifier"), `write it as "urn:uuid:" followed by a UUID, such as "`+NewIdentifier()+`" (made for you); an ISBN goes in the isbn key`, "identifier %q is not a urn:uuid", b.Identifier))
	}
	if b.Date != "" {
		t, err := time.Parse("2006-01-02", b.Date)
		if err != nil {
			errs = append(errs, diag.Errorf(b.File, keyLine(data, "date"), `write it as "YYYY-MM-DD"`, "date %q is not a date", b.Date))
		}
		b.Published = t
	}
	if b.Slug == "" {
		b.Slug = Slugify(b.Title)
	} else if Slugify(b.Slug) != b.Slug {
		errs = append(errs, diag.Errorf(b.File, keyLine(data, "slug"), "use lowercase letters, digits and hyphens", "slug %q is not a plain file name", b.Slug))
	}
	b.contentsLine = keyLine(data, "contents")
	for _, c := range b.Contents {
		if !safeRelPath(c) {
			errs = append(errs, diag.Errorf(b.File, keyLine(data, "contents"), "list files inside the book folder with relative paths", "contents entry %q leaves the book folder", c))
		}
	}
	if b.IncludeRoot != "" {
		dir := b.IncludeRoot
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(b.Dir, filepath.FromSlash(dir))
		}
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			errs = append(errs, diag.Errorf(b.File, keyLine(data, "include_root"), "name a folder that exists, relative to the book folder (for example \"..\")", "include_root %q is not a folder (looked for %s)", b.IncludeRoot, dir))
		}
		b.IncludeDir = dir
	}
	if b.SectionLevel < 0 || b.SectionLevel > 6 {
		errs = append(errs, diag.Errorf(b.File, keyLine(data, "section_level"), "use a heading level from 1 to 6, or leave it out to let press choose", "section_level %d is not a heading level", b.SectionLevel))
	}
	for _, e := range []struct{ key, isbn string }{{"epub", b.ISBN.EPUB}, {"print", b.ISBN.Print}} {
		if e.isbn == "" {
			continue
		}
		if msg := checkISBN(e.isbn); msg != "" {
			errs = append(errs, diag.Errorf(b.File, keyLine(data, e.key), `write the edition's ISBN-13, e.g. "978-3-16-148410-0"`, "isbn %s %q is not an ISBN-13: %s", e.key, e.isbn, msg))
		}
	}
	if b.ISBN.EPUB != "" && b.ISBN.EPUB == b.ISBN.Print {
		errs = append(errs, diag.Errorf(b.File, keyLine(data, "print"), "each edition has its own ISBN; leave out the one you do not have", "the EPUB and the print edition have the same ISBN"))
	}
	if b.SeriesIndex < 0 || b.SeriesIndex > 0 && b.Series == "" {
		errs = append(errs, diag.Errorf(b.File, keyLine(data, "series_index"), `give series = "…" and a number of 1 or more`, "series_index %d needs a series name and must be 1 or more", b.SeriesIndex))
	}
	roles := make([]string, 0, len(Roles))
	for r := range Roles {
		roles = append(roles, r)
	}
	sort.Strings(roles)
	for _, c := range b.Contributors {
		if strings.TrimSpace(c.Name) == "" {
			errs = append(errs, diag.Errorf(b.File, keyLine(data, "contributors"), `give each contributor a name = "…"`, "a contributor has no name"))
		}
		if Roles[c.Role] == "" {
			errs = append(errs, diag.Errorf(b.File, roleLine(data, c.Role), "use one of: "+strings.Join(roles, ", "), "contributor role %q is not known", c.Role))
		}
	}
	if !safeName(b.Layout) {
		errs = append(errs, diag.Errorf(b.File, keyLine(data, "layout"), "name a file in layouts/ without .toml", "layout %q is not a layout name", b.Layout))
	}
	return errs.Err()
}

// NewIdentifier makes a fresh random identifier for a new book: a version 4
// UUID (RFC 9562) as a URN. It is written once into book.toml and then
// never changes, so it is the one place press uses randomness.
func NewIdentifier() string {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// ISBN holds the ISBN-13 of each edition ([isbn] epub = "…", print = "…").
type ISBN struct {
	EPUB  string `toml:"epub"`
	Print string `toml:"print"`
}

// Contributor is one [[contributors]] entry: a name and a role.
type Contributor struct {
	Name string `toml:"name"`
	Role string `toml:"role"`
}

// Roles are the contributor roles book.toml accepts and their MARC relator
// codes, which the EPUB package states.
var Roles = map[string]string{
	"translator": "trl", "editor": "edt", "illustrator": "ill", "photographer": "pht", "cover_designer": "cov",
}

// checkISBN reports what is wrong with an ISBN-13 ("" when nothing): 13
// digits, hyphens or spaces between them allowed, starting 978 or 979, with
// the right check digit.
func checkISBN(s string) string {
	var d []int
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			d = append(d, int(r-'0'))
		case r == '-' || r == ' ':
		default:
			return fmt.Sprintf("%q is not a digit, hyphen or space", r)
		}
	}
	if len(d) != 13 {
		return fmt.Sprintf("it has %d digits; an ISBN-13 has 13", len(d))
	}
	if d[0] != 9 || d[1] != 7 || (d[2] != 8 && d[2] != 9) {
		return "an ISBN-13 starts with 978 or 979"
	}
	sum := 0
	for i, x := range d[:12] {
		sum += x * (1 + 2*(i%2))
	}
	if want := (10 - sum%10) % 10; d[12] != want {
		return fmt.Sprintf("its check digit is %d, but the first twelve digits give %d: check the number", d[12], want)
	}
	return ""
}

// Slugify turns a title into a file name stem: "The Great Leap Forward" →
// "the-great-leap-forward".
func Slugify(s string) string {
	// Every run of anything but a-z and 0-9 becomes one hyphen.
	var b strings.Builder
	gap := false
	for _, c := range []byte(strings.ToLower(s)) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
			gap = false
		} else if !gap {
			b.WriteByte('-')
			gap = true
		}
	}
	s = strings.Trim(b.String(), "-")
	if s == "" {
		return "book"
	}
	return s
}

// safeRelPath reports whether p is a relative path that stays inside its base.
func safeRelPath(p string) bool {
	if p == "" || filepath.IsAbs(p) || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) {
		return false
	}
	c := filepath.Clean(p)
	return c != ".." && !strings.HasPrefix(c, "../")
}

func safeName(s string) bool {
	return s != "" && !strings.ContainsAny(s, `/\`) && !strings.HasPrefix(s, ".")
}

// NotAChapter reports whether a Markdown file in the book folder is left
// out when book.toml has no contents list: a README (notes about the book,
// not part of it) and files whose names start with "_" or "." (drafts,
// editor backups, hidden files).
func NotAChapter(name string) bool {
	return strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") ||
		strings.EqualFold(strings.TrimSuffix(name, filepath.Ext(name)), "readme")
}

// Sources returns the manuscript files in reading order, checked to exist,
// to be regular files and to stay inside the book folder (no symlinks out).
func (b *Book) Sources() ([]string, error) {
	names := b.Contents
	if len(names) == 0 {
		matches, err := filepath.Glob(filepath.Join(b.Dir, "*.md"))
		if err != nil {
			return nil, err
		}
		for _, m := range matches {
			if name := filepath.Base(m); NotAChapter(name) {
				b.Skipped = append(b.Skipped, name)
			} else {
				names = append(names, name)
			}
		}
		if len(names) == 0 {
			hint := "add a Markdown file (*.md) to the book folder"
			if len(b.Skipped) > 0 {
				hint = "README.md and files starting with _ or . are not chapters; rename a file or list it in contents"
			}
			return nil, diag.Errorf(b.Dir, 0, hint, "the book has no manuscript")
		}
	}
	root, err := filepath.EvalSymlinks(b.Dir)
	if err != nil {
		return nil, diag.Errorf(b.Dir, 0, "", "cannot resolve the book folder: %v", err)
	}
	var paths []string
	for _, n := range names {
		p := filepath.Join(b.Dir, n)
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			return nil, diag.Errorf(b.File, b.contentsLine, "check the contents list", "manuscript file %s does not exist", p)
		}
		if rel, err := filepath.Rel(root, real); err != nil || !safeRelPath(rel) {
			return nil, diag.Errorf(b.File, b.contentsLine, "keep manuscript files inside the book folder (copy the file in instead of linking to it)", "manuscript file %s points outside the book folder (to %s): refused", p, real)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// decodeStrict decodes TOML into v and turns unknown keys and type errors
// into positioned errors.
func decodeStrict(file string, data []byte, v any) error {
	if !utf8.Valid(data) {
		return diag.Errorf(file, firstInvalidLine(data), "save the file as UTF-8", "the file is not valid UTF-8")
	}
	md, err := toml.Decode(string(data), v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return diag.Errorf(file, pe.Position.Line, "check the TOML syntax and the value's type", "%s", pe.Message)
		}
		msg := strings.TrimPrefix(err.Error(), "toml: ")
		line := 0
		if m := regexp.MustCompile(`^line (\d+) `).FindStringSubmatch(msg); m != nil {
			fmt.Sscan(m[1], &line)
		}
		if m := tableError().FindStringSubmatch(msg); m != nil {
			return diag.Errorf(file, line, fmt.Sprintf("write it as a table: [%s] on a line of its own, then its keys below it (see the README)", m[2]),
				"%s has the wrong type: it is %s, but must be a table", m[2], typeName(m[3]))
		}
		if m := typeError().FindStringSubmatch(msg); m != nil {
			return diag.Errorf(file, line, fmt.Sprintf("write it as %s", typeExample(m[4], m[2])),
				"%s has the wrong type: it is %s, but must be %s", m[2], typeName(m[3]), typeName(m[4]))
		}
		return diag.Errorf(file, line, "check the value's type against the README", "%s", msg)
	}
	var errs diag.List
	for _, k := range md.Undecoded() {
		errs = append(errs, diag.Errorf(file, keyLine(data, k[len(k)-1]), "remove it or check its spelling against the README", "unknown key %q", k.String()))
	}
	return errs.Err()
}

// roleLine finds the line of a contributor's role, for messages.
func roleLine(data []byte, role string) int {
	re := regexp.MustCompile(`^\s*role\s*=\s*"` + regexp.QuoteMeta(role) + `"`)
	for i, line := range bytes.Split(data, []byte("\n")) {
		if re.Match(line) {
			return i + 1
		}
	}
	return keyLine(data, "contributors")
}

// keyLine finds the first line that sets key, for error messages.
func keyLine(data []byte, key string) int {
	for i, line := range bytes.Split(data, []byte("\n")) {
		if keyOnLine(line, key) {
			return i + 1
		}
	}
	return 0
}

// keyOnLine reports whether a line of TOML sets key or opens the table
// key: white space, an optional "[" and white space, the key (quoted or
// not), white space, then "=" or "]".
func keyOnLine(line []byte, key string) bool {
	const space = " \t\n\f\r"
	s := bytes.TrimLeft(line, space)
	if t, ok := bytes.CutPrefix(s, []byte("[")); ok {
		s = bytes.TrimLeft(t, space)
	}
	s, _ = bytes.CutPrefix(s, []byte(`"`))
	s, ok := bytes.CutPrefix(s, []byte(key))
	if !ok {
		return false
	}
	s, _ = bytes.CutPrefix(s, []byte(`"`))
	s = bytes.TrimLeft(s, space)
	return len(s) > 0 && (s[0] == '=' || s[0] == ']')
}

func firstInvalidLine(data []byte) int {
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !utf8.Valid(line) {
			return i + 1
		}
	}
	return 0
}

// typeError matches the TOML decoder's message for a value of the wrong type.
var typeError = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^line (\d+) \(last key "([^"]+)"\): incompatible types: TOML value has type (\S+); destination has type (\S+)`)
})

// tableError matches the TOML decoder's message for a value where a table
// belongs.
var tableError = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^line (\d+) \(last key "([^"]+)"\): type mismatch for \S+: expected table but found (\S+)`)
})

// typeName says a Go or TOML type in words for people who write book.toml.
func typeName(t string) string {
	switch {
	case t == "string":
		return "text"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool" || t == "boolean":
		return "true or false"
	case t == "time.Time" || strings.HasPrefix(t, "toml.Local"):
		return "a date without quotes"
	case t == "slice" || t == "array" || strings.HasPrefix(t, "[]"):
		return "a list"
	case t == "map" || t == "struct" || strings.HasPrefix(t, "map["):
		return "a table"
	}
	return t
}

// typeExample shows a value of the wanted type for the key.
func typeExample(t, key string) string {
	k := key
	if i := strings.LastIndex(k, "."); i >= 0 {
		k = k[i+1:]
	}
	switch {
	case t == "string":
		return k + ` = "…" (text in double quotes)`
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return k + " = 100 (a whole number, no quotes)"
	case strings.HasPrefix(t, "float"):
		return k + " = 10.5 (a number, no quotes)"
	case t == "bool" || t == "boolean":
		return k + " = true or " + k + " = false"
	case t == "slice":
		return k + ` = ["…", "…"] (a list in square brackets)`
	}
	return "the README shows"
}
