package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"press/internal/config"
)

// runNew is "press new DIR": a book folder that builds as it is, to be
// edited into the real book.
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("press new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("language", "en", "the book's language, a BCP 47 `tag` such as en, en-GB, de")
	title := fs.String("title", "", "the `title` (default: made from DIR)")
	author := fs.String("author", "", "the author's `name` (default: a placeholder to replace)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: press new [flags] DIR\n\nWrites a ready book into DIR (new or empty): book.toml with a fresh identifier and\ntoday's date, and a sample chapter. Then: press build DIR\n\nFlags:\n")
		fs.PrintDefaults()
	}
	positional, code := parseArgs(fs, args)
	if code >= 0 {
		return code
	}
	if len(positional) != 1 {
		fmt.Fprintf(stderr, "press new: name one folder for the book (got %d)\n", len(positional))
		return 2
	}
	if !config.IsLanguageTag(*lang) {
		fmt.Fprintf(stderr, "press new: --language %q is not a language tag; use one such as en, en-GB or de\n", *lang)
		return 2
	}
	dir := positional[0]
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "error: %s: the folder is not empty; press new writes only into a new or empty folder (choose another name)\n", dir)
		return 1
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stderr, "error: %s: %v\n", dir, unwrapPath(err))
		return 1
	}
	if *title == "" {
		*title = titleFromDir(dir)
	}
	if *author == "" {
		*author = "Your Name"
	}
	files := []struct{ name, text string }{
		{"book.toml", newBookTOML(*title, *author, *lang, config.NewIdentifier(), time.Now().Format("2006-01-02"))},
		{"01-beginning.md", sampleChapter},
		{".gitignore", "# the built editions\n/dist/\n"},
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "error: %s: cannot create the folder: %v\n", dir, unwrapPath(err))
		return 1
	}
	for _, f := range files {
		// O_EXCL: never overwrite a file that appeared meanwhile.
		path := filepath.Join(dir, f.name)
		fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, err = io.WriteString(fh, f.text)
			if cerr := fh.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "error: %s: cannot write: %v\n", path, unwrapPath(err))
			return 1
		}
		if !strings.HasPrefix(f.name, ".") {
			fmt.Fprintln(stdout, filepath.ToSlash(path))
		}
	}
	fmt.Fprintf(stdout, "next: edit %s, then: press build %s\n", filepath.ToSlash(filepath.Join(dir, "01-beginning.md")), dir)
	return 0
}

// titleFromDir makes a title from a folder name: "my-first_book" → "My first book".
func titleFromDir(dir string) string {
	base := filepath.Base(filepath.Clean(dir))
	t := strings.Join(strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == '.' || unicode.IsSpace(r) }), " ")
	if t == "" {
		return "Untitled"
	}
	r, n := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[n:]
}

func newBookTOML(title, author, lang, id, date string) string {
	q := strconv.Quote
	return `# The book's description. Every key is explained in press's README ("The book folder").
title      = ` + q(title) + `
authors    = [` + q(author) + `]
language   = ` + q(lang) + `
# The book's own identifier, made at random for it: never change it.
identifier = ` + q(id) + `
date       = ` + q(date) + `
layout     = "a5"

# Optional:
# subtitle    = ""
# publisher   = ""
# rights      = "© ` + date[:4] + ` ` + strings.ReplaceAll(author, `"`, ``) + `. All rights reserved."
# description = "One paragraph for catalogues."
# contents    = ["01-beginning.md"]   # the chapters in order; default: every *.md by name
`
}

// sampleChapter shows what a manuscript can hold, each thing once.
const sampleChapter = `# The Beginning

This is the first chapter of your book. Write in Markdown: a blank line starts a new
paragraph, *asterisks* make italics and **two of them** make bold. Straight "quotes",
--- dashes and ... ellipses become typographic characters by themselves.

Notes are written where they belong[^first] and become endnotes, numbered for you in
both editions.

## A section within the chapter

A level-one heading (one #) starts a chapter and fills the contents; level two and
three (## and ###) nest under it.

> A quotation is a paragraph that starts with ">". It is set indented and a little
> smaller, as quotations are in print.

*[Figure: a picture will go here. Put the picture file in this folder and write its
caption and file name here; until then this line holds its place.]*

Every other chapter is one more Markdown file in this folder: they are read in the
order of their names (01-beginning.md, 02-…), or in the order of the contents list in
book.toml.

[^first]: A note's text is written anywhere in the file, on a line of its own that
starts with its label.
`
