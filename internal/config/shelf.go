package config

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Shelf is where layouts, stylesheets and fonts are looked up, in this
// order: the book folder's own layouts/ and fonts/, then the folder given
// with --layouts, then the files built into press. A later place fills in
// what an earlier one lacks, so a book needs to carry only what it changes.
type Shelf struct {
	BookDir string // the book folder; its layouts/ and fonts/ come first
	Dir     string // an extra folder of layouts (--layouts); may be empty
	Builtin fs.FS  // the shipped layouts/ and fonts/; may be nil
}

// BuiltinName is how messages name a file built into press.
const BuiltinName = "built-in "

// layoutDirs are the on-disk folders that may hold layouts, in order.
func (s Shelf) layoutDirs() []string {
	var dirs []string
	if s.BookDir != "" {
		dirs = append(dirs, filepath.Join(s.BookDir, "layouts"))
	}
	if s.Dir != "" {
		dirs = append(dirs, s.Dir)
	}
	return dirs
}

// findLayout returns the first NAME.toml on the shelf: its text, the path
// messages show, and its folder on disk ("" when built in).
func (s Shelf) findLayout(name string) (data []byte, file, dir string, err error) {
	for _, d := range s.layoutDirs() {
		f := filepath.Join(d, name+".toml")
		data, err := os.ReadFile(f)
		if err == nil {
			return data, f, d, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, f, d, err
		}
	}
	if s.Builtin != nil {
		f := "layouts/" + name + ".toml"
		if data, err := fs.ReadFile(s.Builtin, f); err == nil {
			return data, BuiltinName + f, "", nil
		}
	}
	return nil, "", "", os.ErrNotExist
}

// Names lists every layout on the shelf, each name once.
func (s Shelf) Names() []string {
	seen := map[string]bool{}
	add := func(files []string) {
		for _, f := range files {
			seen[strings.TrimSuffix(path.Base(filepath.ToSlash(f)), ".toml")] = true
		}
	}
	for _, d := range s.layoutDirs() {
		m, _ := filepath.Glob(filepath.Join(d, "*.toml"))
		add(m)
	}
	if s.Builtin != nil {
		m, _ := fs.Glob(s.Builtin, "layouts/*.toml")
		add(m)
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LayoutNames lists the layouts in dir.
func LayoutNames(dir string) []string { return Shelf{Dir: dir}.Names() }

// resource is a file a layout names (a font or its stylesheet), found on
// the shelf: on disk or built in.
type resource struct {
	disk    string // path on disk, or ""
	builtin string // path inside Shelf.Builtin, or ""
}

// Shown is the path messages use for the file.
func (r resource) Shown() string {
	if r.disk != "" {
		return r.disk
	}
	return BuiltinName + r.builtin
}

// locate finds a file named in layout l. A path is relative to the layout
// file; when no file is there (or the layout is built in), its file name is
// looked up in the book's fonts/ and layouts/ folders, then in the --layouts
// folder, then among the built-in files. So a layout copied out of press
// keeps working, and a book's fonts/ replaces a built-in font of the same
// name.
func (l *Layout) locate(p string) (resource, bool) {
	exists := func(f string) bool {
		st, err := os.Stat(f)
		return err == nil && st.Mode().IsRegular()
	}
	if filepath.IsAbs(p) {
		return resource{disk: p}, exists(p)
	}
	if l.Dir != "" {
		if f := filepath.Join(l.Dir, p); exists(f) {
			return resource{disk: f}, true
		}
	}
	base := path.Base(filepath.ToSlash(p))
	var dirs []string
	if l.shelf.BookDir != "" {
		dirs = append(dirs, filepath.Join(l.shelf.BookDir, "fonts"), filepath.Join(l.shelf.BookDir, "layouts"))
	}
	if l.shelf.Dir != "" {
		dirs = append(dirs, l.shelf.Dir)
	}
	for _, d := range dirs {
		if f := filepath.Join(d, base); exists(f) {
			return resource{disk: f}, true
		}
	}
	if b := l.shelf.Builtin; b != nil {
		var tries []string
		if l.Dir == "" {
			tries = append(tries, path.Join("layouts", filepath.ToSlash(p)))
		}
		tries = append(tries, "fonts/"+base, "layouts/"+base)
		// and a font in a family's folder ("fonts/ebgaramond/…").
		dirs, _ := fs.ReadDir(b, "fonts")
		for _, d := range dirs {
			if d.IsDir() {
				tries = append(tries, "fonts/"+d.Name()+"/"+base)
			}
		}
		for _, f := range tries {
			if st, err := fs.Stat(b, f); err == nil && st.Mode().IsRegular() {
				return resource{builtin: f}, true
			}
		}
	}
	if l.Dir != "" {
		return resource{disk: filepath.Join(l.Dir, p)}, false
	}
	return resource{builtin: path.Join("layouts", filepath.ToSlash(p))}, false
}

// ReadFile reads a file the layout names (a font, the stylesheet), found as
// locate says; it returns the data and the path messages should show. A
// built-in font's data is the binary's own copy, shared: callers must not
// change it.
func (l *Layout) ReadFile(p string) ([]byte, string, error) {
	r, ok := l.locate(p)
	if !ok {
		return nil, r.Shown(), os.ErrNotExist
	}
	if r.disk != "" {
		data, err := os.ReadFile(r.disk)
		return data, r.disk, err
	}
	if b, ok := l.shelf.Builtin.(bytesFS); ok {
		if data, ok := b.Bytes(r.builtin); ok {
			return data, r.Shown(), nil
		}
	}
	data, err := fs.ReadFile(l.shelf.Builtin, r.builtin)
	return data, r.Shown(), err
}

// bytesFS is a file system that hands out some files' bytes without
// copying them (press's built-in fonts); nothing may change those bytes.
type bytesFS interface {
	Bytes(name string) ([]byte, bool)
}

// builtinFonts lists the font files built into press.
func (s Shelf) builtinFonts() []string {
	if s.Builtin == nil {
		return nil
	}
	m, _ := fs.Glob(s.Builtin, "fonts/*.ttf")
	otf, _ := fs.Glob(s.Builtin, "fonts/*/*.otf")
	m = append(m, otf...)
	for i := range m {
		m[i] = path.Base(m[i])
	}
	return m
}
