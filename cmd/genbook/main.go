// Command genbook writes a generated book for benchmarks and stress tests.
//
//	genbook -words 500000 -note-every 300 DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"press/internal/testbook"
)

func main() {
	words := flag.Int("words", 500000, "words of body text")
	noteEvery := flag.Int("note-every", 300, "a note every this many words (0 for none)")
	figureEvery := flag.Int("figure-every", 0, "a figure every this many words (0 for none)")
	tableEvery := flag.Int("table-every", 0, "a table every this many words (0 for none)")
	seed := flag.Uint64("seed", 1, "random seed (same seed, same book)")
	sample := flag.String("sample", "book/the-great-leap-forward.md", "Markdown `file` whose prose the generated text imitates")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: genbook [-words N] [-note-every N] [-figure-every N] [-table-every N] [-seed S] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	md, err := os.ReadFile(*sample)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genbook:", err)
		os.Exit(1)
	}
	opts := testbook.Options{Words: *words, NoteEvery: *noteEvery, Seed: *seed, Vocabulary: testbook.SampleTokens(string(md)),
		FigureEvery: *figureEvery, TableEvery: *tableEvery}
	if err := testbook.Write(flag.Arg(0), opts); err != nil {
		fmt.Fprintln(os.Stderr, "genbook:", err)
		os.Exit(1)
	}
}
