// Command press builds a book's EPUB and PDF editions from Markdown.
//
//	press new DIR            start a book
//	press build [BOOK_DIR]   write BOOK_DIR/dist/<slug>.epub and <slug>.pdf
//	press check [BOOK_DIR]   check the book and summarise it, writing nothing
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
)

// version is set at link time with -ldflags "-X main.version=…".
var version = "0.1.0"

const usage = `press turns a Markdown manuscript into an EPUB and a typeset PDF.

Usage:
  press new [--language TAG] DIR   start a book: book.toml and a sample chapter
  press build [flags] [BOOK_DIR]   build the editions into BOOK_DIR/dist
  press check [flags] [BOOK_DIR]   read and lay out the book, write nothing, summarise
  press import RAW.txt [-o FILE.md] [--report FILE]
                                   turn text extracted from a PDF into a Markdown draft
  press version                    print the version
  press help                       show this help

BOOK_DIR defaults to the current folder when it holds book.toml, else "book".
Run "press build --help" for the build flags.
`

func main() {
	lazyCollector(len(os.Args) > 1 && (os.Args[1] == "build" || os.Args[1] == "check"))
	stop := startProfiling()
	status := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if os.Getenv("PRESS_STATS") != "" {
		printStats(os.Stderr)
	}
	os.Exit(status)
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
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "new":
		return runNew(args[1:], stdout, stderr)
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
