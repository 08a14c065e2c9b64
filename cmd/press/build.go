package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"press/internal/diag"
	"press/internal/impose"
	"press/internal/publish"
	"press/internal/watch"
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
	watchFlag := fs.Bool("watch", false, "build again whenever a file of the book or its layouts changes, until interrupted")
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
	o := publish.Options{
		BookDir: bookDir(positional), LayoutsDir: *bf.layouts, OutDir: *out, Formats: fmts, Layout: *bf.layout,
		SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"), Version: version,
		Booklet: impose.Options{Signature: *signature, Marks: *marks},
	}
	if *watchFlag {
		return watchBuild(o, stdout, stderr)
	}
	start := time.Now()
	res, err := publish.Build(o)
	if res != nil {
		printNotes(stderr, res.Notes, res.Warnings)
	}
	if err != nil {
		printError(stderr, err)
		fmt.Fprintln(stderr, "press: nothing was written; the previous editions are untouched")
		return 1
	}
	for _, o := range res.Outputs {
		fmt.Fprintln(stdout, outputLine(o))
	}
	fmt.Fprintf(stdout, "built in %s\n", time.Since(start).Round(time.Millisecond))
	return 0
}

// outputLine describes one file written: path, size, pages.
func outputLine(o publish.Output) string {
	line := fmt.Sprintf("%-40s %8s", filepath.ToSlash(o.Path), human(o.Size))
	switch o.Format {
	case "pdf":
		line += fmt.Sprintf("  %d pages", o.Pages)
	case "booklet":
		line += fmt.Sprintf("  %d sheet sides (%d sheets)", o.Pages, (o.Pages+1)/2)
	}
	return line
}

// watchBuild builds, then builds again whenever a file of the book or its
// layouts changes, printing one line per build, until interrupted. A build
// that fails writes nothing, so the last good editions stay in place.
func watchBuild(o publish.Options, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	out := o.OutDir
	if out == "" {
		out = filepath.Join(o.BookDir, "dist")
	}
	outAbs, _ := filepath.Abs(out)
	build := func() {
		start := time.Now()
		res, err := publish.Build(o)
		stamp := time.Now().Format("15:04:05")
		if res != nil {
			printNotes(stderr, res.Notes, res.Warnings)
		}
		if err != nil {
			printError(stderr, err)
			fmt.Fprintf(stdout, "%s failed after %s; the last good editions are kept\n", stamp, time.Since(start).Round(time.Millisecond))
			return
		}
		var files []string
		for _, f := range res.Outputs {
			files = append(files, filepath.Base(f.Path)+" "+human(f.Size))
		}
		fmt.Fprintf(stdout, "%s built in %s: %s\n", stamp, time.Since(start).Round(time.Millisecond), strings.Join(files, ", "))
	}
	build()
	roots := []string{o.BookDir}
	if o.LayoutsDir != "" {
		roots = append(roots, o.LayoutsDir)
	}
	// Not the editions themselves, nor hidden files: editors' swap and
	// backup files, version control, press's own temporary files.
	skip := func(p string) bool {
		if abs, err := filepath.Abs(p); err == nil && (abs == outAbs || strings.HasPrefix(abs, outAbs+string(filepath.Separator))) {
			return true
		}
		base := filepath.Base(p)
		return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp")
	}
	ready := func() {
		fmt.Fprintf(stdout, "watching %s for changes (Ctrl-C stops)\n", strings.Join(roots, " and "))
	}
	if err := watch.Run(ctx, roots, skip, ready, build); err != nil {
		fmt.Fprintf(stderr, "error: watching %s: %v\n", strings.Join(roots, ", "), err)
		return 1
	}
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
