package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"press/internal/atomicfile"
	"press/internal/importer"
	"press/internal/mdread"
)

// runImport is "press import RAW.txt [-o FILE.md] [--report FILE] [--force]".
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("press import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "the draft `FILE.md` (default: RAW with the extension .md, beside it)")
	report := fs.String("report", "", "the review report `FILE` (default: the draft's name with .report.txt instead of .md)")
	force := fs.Bool("force", false, "overwrite the draft and report if they exist")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: press import RAW.txt [-o FILE.md] [--report FILE] [--force]\n\n"+
			"Turns text extracted from a PDF (pdftotext's output) into a Markdown draft and a\n"+
			"report of every decision to review.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	positional, code := parseArgs(fs, args)
	if code >= 0 {
		return code
	}
	if len(positional) != 1 {
		fmt.Fprintf(stderr, "press import: name one text file to import (got %d)\n", len(positional))
		fs.Usage()
		return 2
	}
	rawPath := positional[0]
	draft := *out
	if draft == "" {
		draft = strings.TrimSuffix(rawPath, filepath.Ext(rawPath)) + ".md"
	}
	rep := *report
	if rep == "" {
		rep = strings.TrimSuffix(draft, filepath.Ext(draft)) + ".report.txt"
	}
	if same(draft, rawPath) || same(rep, rawPath) || same(draft, rep) {
		fmt.Fprintf(stderr, "press import: the draft (%s), the report (%s) and the input (%s) must be three different files; choose names with -o and --report\n", draft, rep, rawPath)
		return 2
	}

	raw, err := os.ReadFile(rawPath)
	if err != nil {
		fmt.Fprintf(stderr, "error: %s: cannot read: %v\n", rawPath, unwrapPath(err))
		return 1
	}
	if !*force {
		for _, p := range []string{draft, rep} {
			if _, err := os.Stat(p); err == nil {
				fmt.Fprintf(stderr, "error: %s exists; use --force to overwrite it, or choose another name with -o or --report\n", p)
				return 1
			}
		}
	}
	res, err := importer.Import(rawPath, raw)
	if err != nil {
		fmt.Fprintf(stderr, "error: %s\n", err)
		fmt.Fprintln(stderr, "press import: nothing was written")
		return 1
	}
	st := importer.Verify(res)
	parseErr := error(nil)
	if _, err := mdread.Read(draft, []byte(res.Markdown)); err != nil {
		parseErr = err
	}
	if err := atomicfile.Write(draft, []byte(res.Markdown)); err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return 1
	}
	if err := atomicfile.Write(rep, []byte(importer.Report(res, draft))); err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return 1
	}
	headings, toCheck := 0, 0
	for _, b := range res.Blocks {
		if b.Kind == importer.Heading {
			headings++
		}
	}
	for _, h := range res.Hyphens {
		if h.Uncertain {
			toCheck++
		}
	}
	for _, d := range res.Dropped {
		if d.Check {
			toCheck++
		}
	}
	toCheck += len(res.Unpaired)
	fmt.Fprintf(stdout, "%-40s %d blocks, %d headings, %d notes\n", draft, len(res.Blocks), headings, len(res.Notes))
	fmt.Fprintf(stdout, "%-40s %d hyphens decided, %d lines dropped, %d marked CHECK\n", rep, len(res.Hyphens), len(res.Dropped), toCheck)
	fmt.Fprintf(stdout, "fidelity: %s\n", st)
	switch {
	case !st.OK():
		fmt.Fprintf(stderr, "error: %s: the draft does not keep every word of the input (see %s); this is a bug in press import, please report it with the input\n", rawPath, rep)
		return 1
	case parseErr != nil:
		fmt.Fprintf(stderr, "error: %s does not read as a press manuscript: %v; this is a bug in press import, please report it with the input\n", draft, parseErr)
		return 1
	}
	return 0
}

// same reports whether two paths name the same file.
func same(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
