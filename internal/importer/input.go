package importer

import (
	"bytes"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"press/internal/diag"
)

// The kinds of bad input. Import wraps them in a *diag.Error that names the
// file and line and says what to do; errors.Is finds the kind.
var (
	ErrEmpty    = errors.New("no text")
	ErrBinary   = errors.New("binary data")
	ErrEncoding = errors.New("not UTF-8")
)

// inputError is a diag.Error that also matches one of the kinds above.
type inputError struct {
	diag *diag.Error
	kind error
}

func (e *inputError) Error() string   { return e.diag.Error() }
func (e *inputError) Unwrap() []error { return []error{e.diag, e.kind} }

func badInput(kind error, name string, line int, hint, format string, args ...any) error {
	return &inputError{diag: diag.Errorf(name, line, hint, format, args...), kind: kind}
}

// check refuses input that is not text: empty or blank files, PDF and other
// binary files (a NUL byte, or more than one control character in twenty),
// and text that is not UTF-8.
func check(name string, raw []byte) error {
	if bytes.HasPrefix(raw, []byte("%PDF-")) {
		return badInput(ErrBinary, name, 0,
			"extract its text first, e.g. \"pdftotext -layout "+name+" out.txt\", and import out.txt",
			"this is a PDF file, not extracted text")
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return badInput(ErrBinary, name, lineAt(raw, i),
			"import the plain text that pdftotext writes, not a binary file",
			"binary data (a NUL byte at offset %d)", i)
	}
	controls := 0
	for _, c := range raw {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			controls++
		}
	}
	if controls > 0 && controls*20 > len(raw) {
		return badInput(ErrBinary, name, 0,
			"import the plain text that pdftotext writes, not a binary file",
			"binary data (%d control characters in %d bytes)", controls, len(raw))
	}
	if !utf8.Valid(raw) {
		off := firstInvalid(raw)
		return badInput(ErrEncoding, name, lineAt(raw, off),
			"extract the text again with \"pdftotext -enc UTF-8\", or convert it, e.g. \"iconv -f latin1 -t utf-8\"",
			"the text is not valid UTF-8 (bad byte 0x%02x at offset %d)", raw[off], off)
	}
	if strings.TrimFunc(string(raw), func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' || unicode.IsControl(r) }) == "" {
		return badInput(ErrEmpty, name, 0,
			"check that pdftotext found text in the PDF (a scanned PDF needs OCR first)",
			"the file holds no text")
	}
	return nil
}

func lineAt(raw []byte, off int) int { return 1 + bytes.Count(raw[:off], []byte("\n")) }

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// normalize returns the text the importer works on: without a byte-order
// mark, with CR LF and lone CR turned into LF, and with control characters
// (other than tab, LF and form feed), line and paragraph separators and
// zero-width no-break spaces turned into spaces. A soft hyphen that ends a
// line becomes an ordinary hyphen, so it is decided like any other line-end
// hyphen. None of this changes a word (see fidelity.Words).
func normalize(raw []byte) string {
	s := string(raw)
	s = strings.TrimPrefix(s, "\uFEFF")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				n++
			}
		case r == '\t' || r == '\n' || r == '\f':
			b.WriteRune(r)
		case r == '\u00AD' && softHyphenEndsLine(s[i+n:]):
			b.WriteByte('-')
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\uFEFF':
			b.WriteByte(' ')
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// softHyphenEndsLine reports whether rest (the text after a soft hyphen)
// starts with blanks and a line end.
func softHyphenEndsLine(rest string) bool {
	for _, r := range rest {
		switch {
		case r == '\n' || r == '\r':
			return true
		case isBlankRune(r):
		default:
			return false
		}
	}
	return false
}

// isBlankRune is the blank of a blank line, the same class as the one
// fidelity.LineEndHyphens skips: space, tab and the Unicode space
// separators (the no-break space left by page breaks among them).
func isBlankRune(r rune) bool { return r == ' ' || r == '\t' || unicode.Is(unicode.Zs, r) }

// isWordRune is a letter or a digit: what may stand on either side of a
// line-end hyphen split (fidelity's [\p{L}\p{N}]).
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }
