package importer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"press/internal/hyphen"
)

// Hyphen is the decision on one word split across lines by a hyphen at the
// end of a line (the splits of fidelity.LineEndHyphens, found after page
// furniture and notes are taken out, so a word split across a page break is
// found too).
type Hyphen struct {
	Line      int    // 1-based input line of the hyphen
	NextLine  int    // input line where the word goes on
	Left      string // letters and digits before the hyphen
	Right     string // letters and digits that start the next line
	Keep      bool   // true: a real compound, "pro-Soviet"; false: closed up, "example"
	Reason    string // the evidence, for the report
	Uncertain bool   // the evidence was weak or split: a person should look
}

// Word returns the word as the draft spells it.
func (h Hyphen) Word() string {
	if h.Keep {
		return h.Left + "-" + h.Right
	}
	return h.Left + h.Right
}

// vocab counts the document's own spellings, case-folded: whole words
// ("example"), hyphenated compounds ("self-taught"), and the words that
// stand first or last in a compound.
type vocab struct {
	words, compounds, firsts, lasts map[string]int
}

// buildVocab reads the words of the body and note lines, not counting the
// fragments on either side of line-end hyphens (they are what is decided).
func buildVocab(lines []line, continued map[int]bool) *vocab {
	v := &vocab{words: map[string]int{}, compounds: map[string]int{}, firsts: map[string]int{}, lasts: map[string]int{}}
	for i, l := range lines {
		if l.blank || l.kind == debris {
			continue
		}
		text := l.text
		if ends, _ := endsInSplit(text); ends {
			text = strings.TrimRight(text, "-")
			text = text[:len(text)-len(lastRun(text))]
		}
		if continued[i] {
			text = text[len(firstRun(text)):]
		}
		for _, tok := range strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) && r != '-' && r != '\'' && r != '’' }) {
			tok = strings.Trim(tok, "-'’")
			if tok == "" {
				continue
			}
			low := strings.ToLower(tok)
			if strings.Contains(low, "-") {
				parts := strings.Split(low, "-")
				ok := true
				for _, p := range parts {
					ok = ok && p != ""
				}
				if ok {
					v.compounds[low]++
					v.firsts[parts[0]]++
					v.lasts[parts[len(parts)-1]]++
					for _, p := range parts {
						v.words[p]++
					}
				}
				continue
			}
			v.words[low]++
		}
	}
	return v
}

// endsInSplit reports whether text ends in a letter or digit followed by a
// hyphen (trailing blanks already trimmed), and returns the left run.
func endsInSplit(text string) (bool, string) {
	if !strings.HasSuffix(text, "-") {
		return false, ""
	}
	rest := text[:len(text)-1]
	r, _ := utf8.DecodeLastRuneInString(rest)
	if r == utf8.RuneError || !isWordRune(r) {
		return false, ""
	}
	return true, lastRun(rest)
}

// lastRun is the run of letters and digits at the end of s.
func lastRun(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isWordRune(r) {
			break
		}
		i -= n
	}
	return s[i:]
}

// firstRun is the run of letters and digits at the start of s ("" when s
// does not start with one).
func firstRun(s string) string {
	for i, r := range s {
		if !isWordRune(r) {
			return s[:i]
		}
	}
	return s
}

// decide weighs the evidence on a split left-/right. The document's own
// spelling comes first: the closed word or the hyphenated compound written
// elsewhere in it. Then the shape: a capital or a digit after the hyphen
// ("pro-Soviet", "COVID-19") is a compound. Then Liang's patterns: a break
// the patterns allow is most likely the typesetter's; a break they do not
// allow ("re-route") most likely an author's hyphen. A first element the
// document uses for other compounds ("self-") leans to keeping. The
// decision is uncertain when the evidence is weak or disagrees, and always
// when both halves are words the document uses alone ("well-known" and
// "some-thing" look alike to every rule here).
func (v *vocab) decide(left, right string) (keep bool, reason string, uncertain bool) {
	l, r := strings.ToLower(left), strings.ToLower(right)
	closed, compound := v.words[l+r], v.compounds[l+"-"+r]
	switch {
	case closed > compound:
		return false, fmt.Sprintf("the text spells %q closed up %d× elsewhere", left+right, closed), compound > 0
	case compound > closed:
		return true, fmt.Sprintf("the text spells %q with a hyphen %d× elsewhere", left+"-"+right, compound), closed > 0
	}
	first, _ := utf8.DecodeRuneInString(right)
	lastL, _ := utf8.DecodeLastRuneInString(left)
	switch {
	case unicode.IsUpper(first) && !(unicode.IsUpper(lastL) && isUpperWord(right)):
		return true, "the part after the hyphen is capitalised", false
	case strings.ContainsFunc(left+right, unicode.IsDigit):
		return true, "a number is part of the compound", false
	}
	word := left + right
	pattern := false
	for _, p := range hyphen.Default().Points(word, hyphen.Options{LeftMin: 1, RightMin: 1}) {
		if p == utf8.RuneCountInString(left) {
			pattern = true
		}
	}
	bothWords := v.words[l] > 0 && v.words[r] > 0
	// A short first element ("ex-", "co-") is evidence only before a word.
	prefix := (v.firsts[l] > 0 && (utf8.RuneCountInString(l) >= 3 || v.words[r] > 0)) || v.lasts[r] > 0
	switch {
	case pattern && prefix:
		return true, fmt.Sprintf("the text writes other compounds with %q", compoundPart(v, l, r)), true
	case pattern && bothWords:
		return false, "a hyphenation point of " + fmt.Sprintf("%q", word) + ", but both halves are words in the text", true
	case pattern:
		return false, "a hyphenation point of " + fmt.Sprintf("%q", word), false
	case prefix:
		return true, fmt.Sprintf("not a hyphenation point of %q, and the text writes other compounds with %q", word, compoundPart(v, l, r)), false
	default:
		return true, fmt.Sprintf("not a hyphenation point of %q", word), !bothWords
	}
}

func compoundPart(v *vocab, l, r string) string {
	if v.firsts[l] > 0 {
		return l + "-"
	}
	return "-" + r
}

func isUpperWord(s string) bool {
	return !strings.ContainsFunc(s, unicode.IsLower)
}
