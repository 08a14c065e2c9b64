package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"sync"
)

// Note is a footnote found at the foot of a page and paired with the marker
// that cites it in the text. The draft turns the marker into a reference
// "[^label]" and the note into a definition "[^label]: …".
type Note struct {
	Label     string // the draft's label: the marker, or marker-N when a marker is reused
	Marker    string // the number printed in the text and at the note
	CiteLine  int    // input line of the marker in the text
	CiteStart int    // byte span of that marker in Result.Text
	CiteEnd   int
	Line      int // first and last input lines of the note
	EndLine   int
	Start     int // byte span of the note in Result.Text, marker included
	End       int
	MarkerEnd int    // the note's own marker is Result.Text[Start:MarkerEnd]
	Text      string // the note's text, unwrapped, as the draft has it (unescaped)
	page      int
	lines     []int // indices of the note's lines
}

// Unpaired is something that looks like a note but whose pairing with a
// marker is not clear; it stays in the text and is listed for review.
type Unpaired struct {
	Line int
	Text string
	Why  string
}

// noteStart matches the first line of a note: a number of one to three
// digits, a space, then text. No leading zero: the marker is the number
// written back, and "01" would not be found where it stands.
var noteStart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(0|[1-9]\d{0,2}) \S`) })

// citeMark matches a note marker in running text: one to three digits right
// after a letter or a closing punctuation mark, followed by neither a digit,
// a letter nor a hyphen ("hour.1", "rhetoric:2", "sentence.2", "word3").
var citeMark = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[\p{L}.,;:!?”’")\]](\d{1,3})(?:[^\d\p{L}\-]|$)`) })

type cite struct {
	off, n int // byte offset and length of the digits in line.text
	label  string
}

// findNotes looks at the foot of every page for note text: a run of lines
// reaching the end of the page whose first line starts with a number that a
// marker earlier on the same page cites, each further note starting with the
// next number. Only pages that form feeds delimit are searched: without them
// the page ends are a guess. Found note lines become noteText.
func findNotes(text string, lines []line, pages int) (notes []*Note, cites map[int][]cite, unpaired []Unpaired) {
	cites = map[int][]cite{}
	byPage := make([][]int, pages)
	for i, l := range lines {
		if !l.blank && l.kind == body {
			byPage[l.page] = append(byPage[l.page], i)
		}
	}
	used := map[string]int{}
	for p, idx := range byPage {
		if len(idx) < 2 {
			continue
		}
		// Candidate starts from the bottom up, limited to the lower 40%.
		lowest := len(idx) - 1 - len(idx)*2/5
		type start struct {
			k, n int
		}
		var starts []start
		for k := len(idx) - 1; k >= 1 && k >= lowest; k-- {
			m := noteStart().FindStringSubmatch(lines[idx[k]].text)
			if m == nil {
				continue
			}
			n, _ := strconv.Atoi(m[1])
			starts = append([]start{{k, n}}, starts...)
		}
		if len(starts) == 0 {
			continue
		}
		// Keep the longest chain of increasing numbers that ends the page's
		// notes, each number cited above its note's block.
		var chain []start
		for i := len(starts) - 1; i >= 0; i-- {
			s := starts[i]
			if len(chain) > 0 && s.n >= chain[0].n {
				break
			}
			chain = append([]start{s}, chain...)
		}
		top := chain[0].k
		type found struct {
			line, off, n int
		}
		var cs []found
		taken := map[[2]int]bool{}
		ok := true
		for _, s := range chain {
			marker := strconv.Itoa(s.n)
			var f *found
			for k := 0; k < top && f == nil; k++ {
				l := lines[idx[k]]
				for _, m := range citeMark().FindAllStringSubmatchIndex(l.text, -1) {
					if l.text[m[2]:m[3]] == marker && !taken[[2]int{idx[k], m[2]}] {
						f = &found{idx[k], m[2], m[3] - m[2]}
						break
					}
				}
			}
			if f == nil {
				ok = false
				break
			}
			taken[[2]int{f.line, f.off}] = true
			cs = append(cs, *f)
		}
		if !ok {
			last := lines[idx[len(idx)-1]]
			if noteStart().MatchString(lines[idx[top]].text) && len(idx)-top <= 6 {
				unpaired = append(unpaired, Unpaired{Line: lines[idx[top]].no, Text: lines[idx[top]].text,
					Why: fmt.Sprintf("looks like a note at the foot of page %d (to line %d), but no marker %d cites it on that page", p+1, last.no, chain[0].n)})
			}
			continue
		}
		for ci, s := range chain {
			end := len(idx)
			if ci+1 < len(chain) {
				end = chain[ci+1].k
			}
			marker := strconv.Itoa(s.n)
			used[marker]++
			label := marker
			if used[marker] > 1 {
				label = fmt.Sprintf("%s-%d", marker, used[marker])
			}
			first, lastL := lines[idx[s.k]], lines[idx[end-1]]
			raw := text[first.start:first.end]
			mstart := first.start + indexDigits(raw)
			n := &Note{
				Label: label, Marker: marker,
				Line: first.no, EndLine: lastL.no,
				Start: mstart, End: lastL.end, MarkerEnd: mstart + len(marker),
				page: p,
			}
			c := cs[ci]
			cl := lines[c.line]
			n.CiteLine = cl.no
			n.CiteStart, n.CiteEnd = rawSpanOfCite(text, cl, c.off, marker)
			cites[c.line] = append(cites[c.line], cite{off: c.off, n: c.n, label: label})
			for k := s.k; k < end; k++ {
				lines[idx[k]].kind = noteText
				n.lines = append(n.lines, idx[k])
			}
			notes = append(notes, n)
		}
	}
	return notes, cites, unpaired
}

// indexDigits returns the offset of the first digit in s.
func indexDigits(s string) int {
	for i, r := range s {
		if r >= '0' && r <= '9' {
			return i
		}
	}
	return 0
}

// rawSpanOfCite maps the marker at byte off of l.text (collapsed) to its
// span in the normalised text: the k-th citeMark match of the collapsed line
// is the k-th match of the raw line, because collapsing blanks changes no
// match.
func rawSpanOfCite(text string, l line, off int, marker string) (int, int) {
	k := 0
	for _, m := range citeMark().FindAllStringSubmatchIndex(l.text, -1) {
		if m[2] == off {
			break
		}
		k++
	}
	raw := text[l.start:l.end]
	ms := citeMark().FindAllStringSubmatchIndex(raw, -1)
	if k < len(ms) {
		return l.start + ms[k][2], l.start + ms[k][3]
	}
	return l.start, l.start // not reached: the raw line has the same matches
}
