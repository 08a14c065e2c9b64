// Package publish runs the stages: read book.toml and the layout, read the
// manuscript, run the passes, then write each edition into the output
// folder atomically (a temporary file renamed into place).
//
// The package is not called "build": that name is a common line in global
// gitignore files, and tools that skip build-output folders skipped it.
package publish

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"press/internal/atomicfile"
	"press/internal/diag"
	"press/internal/impose"
	"press/internal/layout"
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

// Write renders the editions named by formats, each to its writer, side by
// side. The print editions take their pages as the layout sets them, and
// the e-book's page numbers come from that same run when its layout is
// the print edition's. Outputs carry the format, and pages for the PDFs.
func (p *Project) Write(formats []string, ws []io.Writer, booklet impose.Options) ([]Output, []*diag.Warning, error) {
	outs := make([]Output, len(formats))
	warns := make([][]*diag.Warning, len(formats))
	errs := make([]error, len(formats))
	jobs := make([]func(i int), len(formats))
	// Every sink is fed before any edition starts the layout.
	if p.CoverImage == nil && p.PrintLayout.Pages.Cover && (slices.Contains(formats, "epub") || slices.Contains(formats, "html")) {
		if c := newCoverSink(); p.feed(p.PrintLayout, c) {
			p.coverDrawn = c
		}
	}
	for i, f := range formats {
		outs[i].Format = f
		switch f {
		case "epub":
			jobs[i] = func(i int) { errs[i] = p.WriteEPUB(ws[i]) }
		case "html":
			jobs[i] = func(i int) { errs[i] = p.WriteHTML(ws[i]) }
		case "pdf":
			s := &pdfSink{w: ws[i]}
			fed := p.feed(p.Layout, s)
			jobs[i] = func(i int) { outs[i].Pages, warns[i], errs[i] = p.writePDF(s, fed) }
		case "booklet":
			c := &layout.Collector{}
			fed := p.feed(p.Layout, c)
			jobs[i] = func(i int) { outs[i].Pages, warns[i], errs[i] = p.writeBooklet(ws[i], booklet, c, fed) }
		default:
			return nil, nil, fmt.Errorf("unknown format %q (choose from %s)", f, strings.Join(Formats, ", "))
		}
	}
	var wg sync.WaitGroup
	for i := range formats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			jobs[i](i)
		}()
	}
	wg.Wait()
	if err := faultyFont(p.Layout, p.Fonts); err != nil {
		return nil, nil, err // a face first used by the e-book
	}
	var all []*diag.Warning
	for i := range formats {
		if errs[i] != nil {
			return nil, nil, errs[i]
		}
		all = append(all, warns[i]...)
	}
	return outs, all, nil
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
	// Each edition is written, as it is made, to a temporary file beside
	// its target; only when every one is complete are they renamed into
	// place, so an error leaves dist/ exactly as it was.
	files := make([]*atomicfile.File, len(o.Formats))
	abort := func() {
		for _, f := range files {
			if f != nil {
				f.Abort()
			}
		}
	}
	ws := make([]io.Writer, len(o.Formats))
	bufs := make([]*bufio.Writer, len(o.Formats))
	for i, f := range o.Formats {
		path := filepath.Join(o.OutDir, p.FileName(f))
		atomicfile.RemoveStale(path)
		var err error
		if files[i], err = atomicfile.Create(path); err != nil {
			abort()
			return nil, err
		}
		// 64 KB: a few system calls a megabyte, and a buffer whose fresh
		// pages cost less than the calls it saves (a 256 KB one did not).
		bufs[i] = bufio.NewWriterSize(files[i], 64<<10)
		ws[i] = bufs[i]
	}
	outs, warns, err := p.Write(o.Formats, ws, o.Booklet)
	for i := range o.Formats {
		if err == nil {
			err = bufs[i].Flush()
		}
	}
	if err != nil {
		abort()
		return nil, err
	}
	for i := range o.Formats {
		outs[i].Path = filepath.Join(o.OutDir, p.FileName(o.Formats[i]))
		if st, err := files[i].Stat(); err == nil {
			outs[i].Size = st.Size()
		}
	}
	if err := atomicfile.CommitAll(files); err != nil {
		return nil, err
	}
	res.Warnings = append(res.Warnings, warns...)
	res.Outputs = outs
	return res, nil
}
