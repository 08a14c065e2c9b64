// Package publish runs the stages: read book.toml and the layout, read the
// manuscript, run the passes, then write each edition into the output
// folder atomically (a temporary file renamed into place).
//
// The package is not called "build": that name is a common line in global
// gitignore files, and tools that skip build-output folders skipped it.
package publish

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"press/internal/atomicfile"
	"press/internal/diag"
	"press/internal/impose"
)

// Formats press can write. "booklet" is the PDF imposed for saddle
// stitching, written as <slug>-booklet.pdf.
var Formats = []string{"epub", "pdf", "booklet", "html"}

// DefaultFormats are built when none are asked for.
var DefaultFormats = []string{"epub", "pdf"}

// Options say what to build and where.
type Options struct {
	BookDir    string   // folder with book.toml; "book" by default
	LayoutsDir string   // an extra folder of layouts, after the book's layouts/ and before the built-in ones
	OutDir     string   // "dist" by default
	Formats    []string // subset of Formats; all when empty
	Layout     string   // overrides book.toml's layout when set
	// SourceDateEpoch, when set, replaces the book date as the editions'
	// modification time (reproducible-builds.org convention).
	SourceDateEpoch string
	Version         string // press version, written as the PDF creator
	Booklet         impose.Options
}

// Output is one file written.
type Output struct {
	Format string
	Path   string
	Size   int64
	Pages  int // PDF only
}

// Result is what a build produced and what it warns about.
type Result struct {
	Outputs  []Output
	Warnings []*diag.Warning
	Notes    []string // things worth knowing that are not faults, e.g. which files are chapters
}

func defaults(o Options) Options {
	if o.BookDir == "" {
		o.BookDir = "book"
	}
	if o.OutDir == "" {
		o.OutDir = filepath.Join(o.BookDir, "dist")
	}
	if len(o.Formats) == 0 {
		o.Formats = DefaultFormats
	}
	return o
}

// modTime is the editions' timestamp: SOURCE_DATE_EPOCH when given, else

// FileName is the name of an edition's file: <slug>.epub, <slug>.pdf,
// <slug>-booklet.pdf. A print edition in another layout than the book's own
// carries the layout's name (<slug>-letter.pdf), so building a second
// layout never overwrites the first.
func (p *Project) FileName(format string) string {
	stem := p.Book.Meta.Slug
	if format == "epub" || format == "html" {
		return stem + "." + format
	}
	if p.LayoutName != p.Config.Layout {
		stem += "-" + p.LayoutName
	}
	if format == "booklet" {
		return stem + "-booklet.pdf"
	}
	return stem + ".pdf"
}

// Build loads the book and writes the chosen editions.
func Build(o Options) (*Result, error) {
	o = defaults(o)
	for _, f := range o.Formats {
		if !slices.Contains(Formats, f) {
			return nil, fmt.Errorf("unknown format %q (choose from %s)", f, strings.Join(Formats, ", "))
		}
	}
	p, err := Load(o)
	if err != nil {
		return nil, err
	}
	res := &Result{Warnings: p.Warns, Notes: p.Notes}
	if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the output folder: %w", err)
	}
	// Render every edition before writing any, so an error leaves dist/
	// exactly as it was. The editions are independent: render them side by
	// side.
	bufs := make([]bytes.Buffer, len(o.Formats))
	outs := make([]Output, len(o.Formats))
	warns := make([][]*diag.Warning, len(o.Formats))
	errs := make([]error, len(o.Formats))
	var wg sync.WaitGroup
	for i, f := range o.Formats {
		outs[i] = Output{Format: f, Path: filepath.Join(o.OutDir, p.FileName(f))}
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch f {
			case "epub":
				errs[i] = p.WriteEPUB(&bufs[i])
			case "html":
				errs[i] = p.WriteHTML(&bufs[i])
			case "pdf":
				outs[i].Pages, warns[i], errs[i] = p.WritePDF(&bufs[i])
			case "booklet":
				outs[i].Pages, warns[i], errs[i] = p.WriteBooklet(&bufs[i], o.Booklet)
			}
			outs[i].Size = int64(bufs[i].Len())
		}()
	}
	wg.Wait()
	if err := faultyFont(p.Layout, p.Fonts); err != nil {
		return nil, err // a face first used by the e-book
	}
	for i := range o.Formats {
		if errs[i] != nil {
			return nil, errs[i]
		}
		res.Warnings = append(res.Warnings, warns[i]...)
		res.Outputs = append(res.Outputs, outs[i])
	}
	for i, out := range res.Outputs {
		atomicfile.RemoveStale(out.Path)
		if err := atomicfile.Write(out.Path, bufs[i].Bytes()); err != nil {
			return nil, err
		}
	}
	return res, nil
}
