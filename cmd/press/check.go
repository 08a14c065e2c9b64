package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"time"

	"press/internal/diag"
	"press/internal/publish"
)

// runCheck is "press check [BOOK_DIR]": everything a build does but
// writing. It reads the book, typesets it in every layout it can be set in,
// prints every error and warning, then a summary.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("press check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	bf := addBookFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: press check [flags] [BOOK_DIR]\n\nReads BOOK_DIR and lays it out in every layout without writing anything;\nprints every error and warning and a summary.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	positional, code := parseArgs(fs, args)
	if code >= 0 {
		return code
	}
	if len(positional) > 1 {
		fmt.Fprintf(stderr, "press check: one book folder at a time (got %s)\n", strings.Join(positional, ", "))
		return 2
	}
	start := time.Now()
	p, err := publish.Load(publish.Options{BookDir: bookDir(positional), LayoutsDir: *bf.layouts, Layout: *bf.layout,
		SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"), Version: version})
	if err != nil {
		printError(stderr, err)
		return 1
	}
	printNotes(stderr, p.Notes, p.Warns)

	// Typeset every layout side by side; report in name order.
	names := p.Layouts()
	pages := make([]int, len(names))
	warns := make([][]*diag.Warning, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pages[i], warns[i], errs[i] = p.PagesIn(name)
		}()
	}
	wg.Wait()
	failed := false
	var perLayout []string
	for i, name := range names {
		if errs[i] != nil {
			printError(stderr, errs[i])
			failed = true
			continue
		}
		// Typesetting warnings of the book's own layout (or the one asked
		// for) are the book's; other layouts' are summed up.
		if name == p.LayoutName {
			printNotes(stderr, nil, warns[i])
		}
		entry := fmt.Sprintf("%s %d", name, pages[i])
		if name == p.LayoutName {
			entry += " (this book's)"
		}
		if n := len(warns[i]); n > 0 && name != p.LayoutName {
			entry += fmt.Sprintf(" (%d warnings: press check --layout %s)", n, name)
		}
		perLayout = append(perLayout, entry)
	}
	s := p.Summarise()
	minutes := int(math.Ceil(float64(s.Words) / publish.WordsPerMinute))
	fmt.Fprintf(stdout, "%s: %d sections, %d words, %d notes, %d figures, %d tables\n", p.Book.Meta.Title, s.Sections, s.Words, s.Notes, s.Figures, s.Tables)
	fmt.Fprintf(stdout, "pages: %s\n", strings.Join(perLayout, ", "))
	fmt.Fprintf(stdout, "reading time: about %d min (at %d words a minute)\n", minutes, publish.WordsPerMinute)
	fmt.Fprintf(stdout, "checked in %s; nothing written\n", time.Since(start).Round(time.Millisecond))
	if failed {
		return 1
	}
	return 0
}
