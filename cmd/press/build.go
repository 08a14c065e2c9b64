package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"press/internal/diag"
	"press/internal/impose"
	"press/internal/publish"
)

// bookFlags are the flags build and check share: which book, which layout.
type bookFlags struct {
	layout, layouts *string
}

func addBookFlags(fs *flag.FlagSet) bookFlags {
	return bookFlags{
		layout:  fs.String("layout", "", "print layout `name` (default: book.toml's layout)"),
		layouts: fs.String("layouts", "", "extra `folder` of layouts (*.toml), looked in after the book's layouts/ and before the built-in ones"),
	}
}

// bookDir is the book folder a command works on: the one named, else the
// current folder when it holds book.toml, else "book".
func bookDir(positional []string) string {
	if len(positional) == 1 {
		return positional[0]
	}
	if _, err := os.Stat("book.toml"); err == nil {
		return "."
	}
	return "book"
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("press build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "output `folder` for the editions (default BOOK_DIR/dist)")
	formats := fs.String("format", strings.Join(publish.DefaultFormats, ","), "editions to write, comma-separated: "+strings.Join(publish.Formats, ", ")+" (booklet: the PDF imposed for saddle stitching)")
	signature := fs.Int("signature", 0, "booklet: fold the sheets in signatures of `N` sheets (0: one signature)")
	marks := fs.Bool("marks", false, "booklet: draw fold and crop marks")
	bf := addBookFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: press build [flags] [BOOK_DIR]\n\nBuilds BOOK_DIR (default: the current folder when it holds book.toml, else \"book\")\ninto an EPUB and a PDF in BOOK_DIR/dist.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	positional, code := parseArgs(fs, args)
	if code >= 0 {
		return code
	}
	if len(positional) > 1 {
		fmt.Fprintf(stderr, "press build: one book folder at a time (got %s)\n", strings.Join(positional, ", "))
		return 2
	}
	var fmts []string
	for _, f := range strings.Split(*formats, ",") {
		if f = strings.TrimSpace(f); f != "" {
			fmts = append(fmts, f)
		}
	}
	for _, f := range fmts {
		if !contains(publish.Formats, f) {
			fmt.Fprintf(stderr, "press build: unknown format %q; choose from %s\n", f, strings.Join(publish.Formats, ", "))
			return 2
		}
	}
	if *signature < 0 {
		fmt.Fprintf(stderr, "press build: --signature must be 0 or more sheets\n")
		return 2
	}
	if len(fmts) == 0 {
		fmt.Fprintf(stderr, "press build: --format is empty; choose from %s\n", strings.Join(publish.Formats, ", "))
		return 2
	}
	if (*signature > 0 || *marks) && !contains(fmts, "booklet") {
		fmt.Fprintf(stderr, "press build: --signature and --marks apply to the booklet only; add --format booklet\n")
		return 2
	}
	start := time.Now()
	res, err := publish.Build(publish.Options{
		BookDir: bookDir(positional), LayoutsDir: *bf.layouts, OutDir: *out, Formats: fmts, Layout: *bf.layout,
		SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"), Version: version,
		Booklet: impose.Options{Signature: *signature, Marks: *marks},
	})
	if res != nil {
		printNotes(stderr, res.Notes, res.Warnings)
	}
	if err != nil {
		printError(stderr, err)
		fmt.Fprintln(stderr, "press: nothing was written; the previous editions are untouched")
		return 1
	}
	for _, o := range res.Outputs {
		line := fmt.Sprintf("%-40s %8s", filepath.ToSlash(o.Path), human(o.Size))
		switch o.Format {
		case "pdf":
			line += fmt.Sprintf("  %d pages", o.Pages)
		case "booklet":
			line += fmt.Sprintf("  %d sheet sides (%d sheets)", o.Pages, (o.Pages+1)/2)
		}
		fmt.Fprintln(stdout, line)
	}
	fmt.Fprintf(stdout, "built in %s\n", time.Since(start).Round(time.Millisecond))
	return 0
}

// printError prints each error of err on its own line.
func printError(w io.Writer, err error) {
	var list diag.List
	var one *diag.Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			fmt.Fprintf(w, "error: %s\n", e)
		}
	case errors.As(err, &one):
		fmt.Fprintf(w, "error: %s\n", one)
	default:
		fmt.Fprintf(w, "error: %s\n", err)
	}
}

func printNotes(w io.Writer, notes []string, warns []*diag.Warning) {
	for _, n := range notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	for _, x := range warns {
		fmt.Fprintf(w, "warning: %s\n", x)
	}
}
