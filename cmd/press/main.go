// Command press builds a book's EPUB and PDF editions from Markdown.
//
//	press build [BOOK_DIR]   write dist/<slug>.epub and dist/<slug>.pdf
//	press version            print the version
//
// Exit status: 0 on success, 1 when the book has an error, 2 on a usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"press/internal/diag"
	"press/internal/impose"
	"press/internal/publish"
)

// version is set at link time with -ldflags "-X main.version=…".
var version = "0.1.0"

const usage = `press turns a Markdown manuscript into an EPUB and a typeset PDF.

Usage:
  press build [flags] [BOOK_DIR]   build the editions (BOOK_DIR defaults to "book")
  press import RAW.txt [-o FILE.md] [--report FILE]
                                   turn text extracted from a PDF into a Markdown draft
  press version                    print the version
  press help                       show this help

Run "press build --help" for the build flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "import":
		return runImport(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "press %s\n", version)
		return 0
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "press: unknown command %q\n\n%s", args[0], usage)
	return 2
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("press build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "dist", "output `folder` for the editions")
	formats := fs.String("format", strings.Join(publish.DefaultFormats, ","), "editions to write, comma-separated: epub, pdf, booklet (the PDF imposed for saddle stitching)")
	signature := fs.Int("signature", 0, "booklet: fold the sheets in signatures of `N` sheets (0: one signature)")
	marks := fs.Bool("marks", false, "booklet: draw fold and crop marks")
	layoutName := fs.String("layout", "", "print layout `name` from the layouts folder (default: book.toml's layout)")
	layouts := fs.String("layouts", "", "extra `folder` of layouts (*.toml), looked in after the book's layouts/ and before the built-in ones")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: press build [flags] [BOOK_DIR]\n\nBuilds BOOK_DIR (default \"book\") into an EPUB and a PDF.\n\nFlags:\n")
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
	bookDir := "book"
	if len(positional) == 1 {
		bookDir = positional[0]
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
	start := time.Now()
	res, err := publish.Build(publish.Options{
		BookDir: bookDir, LayoutsDir: *layouts, OutDir: *out, Formats: fmts, Layout: *layoutName,
		SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"), Version: version,
		Booklet: impose.Options{Signature: *signature, Marks: *marks},
	})
	if res != nil {
		printWarnings(stderr, res.Warnings)
	}
	if err != nil {
		var list diag.List
		var one *diag.Error
		switch {
		case errors.As(err, &list):
			for _, e := range list {
				fmt.Fprintf(stderr, "error: %s\n", e)
			}
		case errors.As(err, &one):
			fmt.Fprintf(stderr, "error: %s\n", one)
		default:
			fmt.Fprintf(stderr, "error: %s\n", err)
		}
		fmt.Fprintln(stderr, "press: nothing was written; the previous editions are untouched")
		return 1
	}
	for _, o := range res.Outputs {
		line := fmt.Sprintf("%-40s %8s", o.Path, human(o.Size))
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

func printWarnings(w io.Writer, warns []*diag.Warning) {
	for _, x := range warns {
		fmt.Fprintf(w, "warning: %s\n", x)
	}
}

func human(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parseArgs parses flags that may come before or after the positional
// arguments ("press build book -o out"): parse, take one positional, parse
// on. It returns the positionals, and an exit status (0 for --help, 2 for
// a bad flag) or -1 to go on.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, int) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, 0
			}
			return nil, 2
		}
		if fs.NArg() == 0 {
			return positional, -1
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
