// Package press holds the files press ships inside its binary: the print
// layouts, the EPUB stylesheet and the fonts (Vollkorn, DejaVu Sans Mono,
// DejaVu Sans, EB Garamond) with their licences.
// A binary installed with "go install" then builds a book from any folder,
// with nothing beside it on disk. The package sits at the module root
// because go:embed reaches only files at or below the embedding package.
package press

import (
	"bytes"
	"embed"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// Builtin is the repository's layouts/ and fonts/ folders as shipped, at
// the same paths ("layouts/a5.toml", "fonts/Vollkorn-Regular.ttf"), so the
// font paths written in a shipped layout resolve inside it as they do on
// disk. Its Bytes method hands out a font file without copying it.
var Builtin = &builtinFS{small: small, fonts: map[string][]byte{
	"fonts/Vollkorn-Regular.ttf":                vollkornRegular,
	"fonts/Vollkorn-Italic.ttf":                 vollkornItalic,
	"fonts/Vollkorn-Bold.ttf":                   vollkornBold,
	"fonts/Vollkorn-BoldItalic.ttf":             vollkornBoldItalic,
	"fonts/DejaVuSans.ttf":                      dejaVuSans,
	"fonts/DejaVuSansMono.ttf":                  dejaVuSansMono,
	"fonts/ebgaramond/EBGaramond12-Regular.otf": ebGaramondRegular,
	"fonts/ebgaramond/EBGaramond12-Italic.otf":  ebGaramondItalic,
	"fonts/ebgaramond/EBGaramond12-Bold.otf":    ebGaramondBold,
}}

// small is everything but the font files: layouts, stylesheet, licences.
//
//go:embed layouts/*.toml layouts/*.css fonts/*.txt fonts/README.md fonts/ebgaramond/README.md fonts/ebgaramond/copyright
var small embed.FS

// The font files are embedded one by one as byte slices, which the
// program reads in place: embed.FS.ReadFile copies a file, and copying
// the layout's five faces into fresh memory was a tenth of a pamphlet's
// build. TestBuiltinHasEveryFont keeps this list whole.
var (
	//go:embed fonts/Vollkorn-Regular.ttf
	vollkornRegular []byte
	//go:embed fonts/Vollkorn-Italic.ttf
	vollkornItalic []byte
	//go:embed fonts/Vollkorn-Bold.ttf
	vollkornBold []byte
	//go:embed fonts/Vollkorn-BoldItalic.ttf
	vollkornBoldItalic []byte
	//go:embed fonts/DejaVuSans.ttf
	dejaVuSans []byte
	//go:embed fonts/DejaVuSansMono.ttf
	dejaVuSansMono []byte
	//go:embed fonts/ebgaramond/EBGaramond12-Regular.otf
	ebGaramondRegular []byte
	//go:embed fonts/ebgaramond/EBGaramond12-Italic.otf
	ebGaramondItalic []byte
	//go:embed fonts/ebgaramond/EBGaramond12-Bold.otf
	ebGaramondBold []byte
)

// builtinFS serves the small files from an embed.FS and the fonts from
// their byte slices, as one read-only file system.
type builtinFS struct {
	small embed.FS
	fonts map[string][]byte
}

// Bytes returns a built-in font file's contents without copying them;
// the caller must not change them.
func (b *builtinFS) Bytes(name string) ([]byte, bool) {
	data, ok := b.fonts[name]
	return data, ok
}

func (b *builtinFS) Open(name string) (fs.File, error) {
	if data, ok := b.fonts[name]; ok {
		return &fontFile{info: fontInfo{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	if f, err := b.small.Open(name); err == nil || !fs.ValidPath(name) {
		if err == nil {
			if st, _ := f.Stat(); st != nil && st.IsDir() {
				f.Close()
				return b.dir(name)
			}
		}
		return f, err
	}
	if b.isFontDir(name) {
		return b.dir(name)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (b *builtinFS) ReadFile(name string) ([]byte, error) {
	if data, ok := b.fonts[name]; ok {
		return slices.Clone(data), nil // fs.ReadFileFS: the caller may change it
	}
	return b.small.ReadFile(name)
}

func (b *builtinFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := b.small.ReadDir(name)
	if err != nil && !b.isFontDir(name) {
		return nil, err
	}
	for p, data := range b.fonts {
		if path.Dir(p) == name {
			entries = append(entries, fs.FileInfoToDirEntry(fontInfo{name: path.Base(p), size: int64(len(data))}))
		}
	}
	slices.SortFunc(entries, func(x, y fs.DirEntry) int { return strings.Compare(x.Name(), y.Name()) })
	return entries, nil
}

// isFontDir reports whether a font file lies in folder name.
func (b *builtinFS) isFontDir(name string) bool {
	for p := range b.fonts {
		if strings.HasPrefix(p, name+"/") || name == "." {
			return true
		}
	}
	return false
}

// dir opens folder name with its merged listing.
func (b *builtinFS) dir(name string) (fs.File, error) {
	entries, err := b.ReadDir(name)
	if err != nil {
		return nil, err
	}
	return &dirFile{info: fontInfo{name: path.Base(name), dir: true}, entries: entries}, nil
}

// fontInfo describes a built-in font file or folder.
type fontInfo struct {
	name string
	size int64
	dir  bool
}

func (i fontInfo) Name() string       { return i.name }
func (i fontInfo) Size() int64        { return i.size }
func (i fontInfo) ModTime() time.Time { return time.Time{} }
func (i fontInfo) IsDir() bool        { return i.dir }
func (i fontInfo) Sys() any           { return nil }
func (i fontInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

// fontFile is an open built-in font file.
type fontFile struct {
	info fontInfo
	r    *bytes.Reader
}

func (f *fontFile) Stat() (fs.FileInfo, error)                { return f.info, nil }
func (f *fontFile) Read(p []byte) (int, error)                { return f.r.Read(p) }
func (f *fontFile) ReadAt(p []byte, off int64) (int, error)   { return f.r.ReadAt(p, off) }
func (f *fontFile) Seek(off int64, whence int) (int64, error) { return f.r.Seek(off, whence) }
func (f *fontFile) Close() error                              { return nil }

// dirFile is an open built-in folder.
type dirFile struct {
	info    fontInfo
	entries []fs.DirEntry
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}
func (d *dirFile) Close() error { return nil }
func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}
