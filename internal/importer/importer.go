// Package importer turns text extracted from a PDF (what pdftotext writes, in
// its default, -layout or -raw mode) into a clean Markdown draft and a review
// report.
//
// Extracted text has the page in it: lines broken at the measure, blank
// lines and stray no-break spaces where pages broke, running heads and page
// numbers in the flow, words hyphenated across lines and notes stranded at
// page feet. Import undoes that on evidence from the text itself:
//
//   - Pages are cut at form feeds, or, without them, at runs of three or more
//     blank lines. A line among the first or last two of a page that recurs
//     (digits aside) on at least two pages and a quarter of them is a running
//     head; a bare number is a page number. Both are dropped and listed.
//   - Notes: at the foot of a page, a run of lines starting with a number
//     that a marker earlier on the page cites ("hour.1") becomes a Markdown
//     footnote; a note-like foot without its marker is listed for review.
//   - A hyphen at the end of a line joins the word to the next line (across
//     blank lines, page furniture and notes): closed up, or kept as a real
//     compound, decided from the document's own spellings, the shape of the
//     word and Liang's hyphenation patterns ([Hyphen]).
//   - Lines are rejoined into paragraphs. A break is made after a line short
//     of the measure that ends a sentence or is followed by a capital, and
//     before an indented first line; blank lines are not evidence, because
//     extraction scatters them inside paragraphs too.
//   - Structure: headings (a line standing alone, no closing punctuation,
//     title case or quoted), block quotations (indented runs of lines, or a
//     quoted paragraph introduced by a colon), lists (bullets, or numbered
//     items in sequence) and a byline (a closing "by …" line or name).
//
// Nothing is reworded: the words of the draft are the words of the input in
// order, less the page furniture and note markers, which the [Result] lists
// with their spans so that [Verify] can prove it with package fidelity.
package importer

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Result is one import.
type Result struct {
	Name     string     // the input's name, for messages and the report
	Text     string     // the normalised input (see normalize); spans refer to it
	Markdown string     // the draft
	Hyphens  []Hyphen   // every line-end hyphen decision, in input order
	Dropped  []Dropped  // running heads and page numbers removed
	Notes    []*Note    // footnotes made from notes at page feet
	Unpaired []Unpaired // note-like text left in place
	Blocks   []Block    // the draft's blocks, in order
	Pages    int        // pages seen (form feeds, or inferred)
	FormFeed bool       // pages came from form feeds
	Measure  int        // estimated line length of a full line, in characters
	Review   []Item     // other decisions a person should check
	Stats    Stats      // word counts; filled by Verify
}

// Item is one entry of the review list.
type Item struct {
	Line int // 1-based input line
	Msg  string
}

// Import turns the extracted text raw, read from the file name, into a
// draft. It fails only on input that is not text (see ErrEmpty, ErrBinary,
// ErrEncoding); the error names the file and, where it helps, the line.
func Import(name string, raw []byte) (*Result, error) {
	if err := check(name, raw); err != nil {
		return nil, err
	}
	text := normalize(raw)
	r := &Result{Name: name, Text: text}
	lines, pages, fed := splitLines(text)
	r.Pages, r.FormFeed = pages, fed
	r.Dropped = findDebris(lines, pages)
	var cites map[int][]cite
	if fed {
		r.Notes, cites, r.Unpaired = findNotes(text, lines, pages)
	}
	rebase(lines, pages)
	r.Measure = measure(lines)
	s := newSegmenter(r, lines, cites)
	s.run()
	r.Markdown = render(r)
	return r, nil
}

// errKind returns which kind of bad input err is, or nil.
func errKind(err error) error {
	for _, k := range []error{ErrEmpty, ErrBinary, ErrEncoding} {
		if errors.Is(err, k) {
			return k
		}
	}
	return nil
}

// Runes at the edges of words and sentences.

// openers may stand before the first letter of a sentence.
const openers = "“\"‘'([«¿¡"

// closers may stand after the last mark of a sentence.
const closers = "”\"’')]»"

// firstLetter returns the first rune of s after opening quotes and
// brackets.
func firstLetter(s string) rune {
	s = strings.TrimLeft(s, openers)
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// startsCap reports whether s starts, after opening marks, with a capital.
func startsCap(s string) bool { return unicode.IsUpper(firstLetter(s)) }

// endMark returns the last rune of s before closing quotes and brackets.
func endMark(s string) rune {
	s = strings.TrimRight(s, closers)
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// endsSentence reports whether s ends with a full stop, question or
// exclamation mark or colon (closing quotes and brackets aside).
func endsSentence(s string) bool {
	switch endMark(s) {
	case '.', '!', '?', ':', '…':
		return true
	}
	return false
}
