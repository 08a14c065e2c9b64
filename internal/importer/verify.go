package importer

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"press/internal/fidelity"
)

// Stats is the fidelity summary of an import.
type Stats struct {
	In       int // words of the input, its line-end hyphens resolved as decided
	Debris   int // of those, words of the dropped running heads and page numbers
	Markers  int // of those, note markers (in the text and at the notes) that became labels
	Out      int // words of the draft: body and notes
	Lost     []string
	Invented []string
	InOrder  float64 // share of the expected words that the draft has in the same order
	Ordered  bool    // false when the text was too long to check order word by word
}

// OK reports whether the draft kept every word and invented none.
func (s Stats) OK() bool {
	return len(s.Lost) == 0 && len(s.Invented) == 0 && s.In == s.Out+s.Debris+s.Markers
}

// String is the one-line summary.
func (s Stats) String() string {
	order := fmt.Sprintf("in order %.2f%%", 100*s.InOrder)
	if !s.Ordered {
		order = "order same as input"
		if s.InOrder < 1 {
			order = "order not checked (text too long)"
		}
	}
	verdict := "none lost"
	if !s.OK() {
		verdict = fmt.Sprintf("LOST %d %s, INVENTED %d %s", len(s.Lost), sampleWords(s.Lost), len(s.Invented), sampleWords(s.Invented))
	}
	return fmt.Sprintf("words in %d, out %d (page furniture %d, note markers %d): %s, %s",
		s.In, s.Out, s.Debris, s.Markers, verdict, order)
}

func sampleWords(ws []string) string {
	if len(ws) > 5 {
		return fmt.Sprintf("%q…", ws[:5])
	}
	return fmt.Sprintf("%q", ws)
}

// Expected returns what the draft must say, built from the input alone and
// the import's listed decisions: the input less the dropped lines and the
// note markers, cut into the body and the notes, with form feeds read as
// line ends and line-end hyphens resolved as decided
// (fidelity.Dehyphenate). The words of these are what the draft must have.
func Expected(r *Result) (bodyText string, notes []string, keep func(left, right string) bool) {
	type cut struct{ start, end int }
	var cuts []cut
	for _, d := range r.Dropped {
		cuts = append(cuts, cut{d.Start, d.End})
	}
	for _, n := range r.Notes {
		cuts = append(cuts, cut{n.Start, n.End}, cut{n.CiteStart, n.CiteEnd})
		// Less the page furniture dropped inside the note (a folio below
		// the notes at the foot of a page).
		var inside []cut
		for _, d := range r.Dropped {
			if d.Start >= n.MarkerEnd && d.End <= n.End {
				inside = append(inside, cut{d.Start, d.End})
			}
		}
		sort.Slice(inside, func(i, j int) bool { return inside[i].start < inside[j].start })
		var nb strings.Builder
		at := n.MarkerEnd
		for _, c := range inside {
			if c.start >= at {
				nb.WriteString(r.Text[at:c.start])
				at = c.end
			}
		}
		nb.WriteString(r.Text[at:n.End])
		notes = append(notes, strings.ReplaceAll(nb.String(), "\f", "\n"))
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i].start < cuts[j].start })
	var b strings.Builder
	at := 0
	for _, c := range cuts {
		if c.start < at {
			continue
		}
		b.WriteString(r.Text[at:c.start])
		at = c.end
	}
	b.WriteString(r.Text[at:])
	bodyText = strings.ReplaceAll(b.String(), "\f", "\n")
	decided := map[[2]string]bool{}
	for _, h := range r.Hyphens {
		decided[[2]string{h.Left, h.Right}] = h.Keep
	}
	keep = func(l, rt string) bool { return decided[[2]string{l, rt}] }
	return bodyText, notes, keep
}

// maxOrderWords bounds the order check: the longest-common-subsequence
// comparison costs words² / 64 machine words.
const maxOrderWords = 200_000

// Verify checks the draft against the input with package fidelity and fills
// r.Stats: the body of the draft must have exactly the words of the
// expected body, the notes those of the notes (see Expected).
func Verify(r *Result) Stats {
	bodyText, notes, keep := Expected(r)
	wantBody := fidelity.RawWords(bodyText, keep)
	var wantNotes []string
	for _, n := range notes {
		wantNotes = append(wantNotes, fidelity.RawWords(n, keep)...)
	}
	gotBodyText, gotNoteTexts := fidelity.MarkdownText(r.Markdown)
	gotBody := fidelity.Words(gotBodyText)
	var gotNotes []string
	for _, n := range gotNoteTexts {
		gotNotes = append(gotNotes, fidelity.Words(n)...)
	}
	st := Stats{Out: len(gotBody) + len(gotNotes), Ordered: true}
	for _, d := range r.Dropped {
		st.Debris += len(fidelity.Words(r.Text[d.Start:d.End]))
	}
	for _, n := range r.Notes {
		st.Markers += len(fidelity.Words(r.Text[n.CiteStart:n.CiteEnd])) + len(fidelity.Words(r.Text[n.Start:n.MarkerEnd]))
	}
	st.In = len(wantBody) + len(wantNotes) + st.Debris + st.Markers
	want := append(append([]string(nil), wantBody...), wantNotes...)
	got := append(append([]string(nil), gotBody...), gotNotes...)
	if slices.Equal(want, got) {
		st.InOrder = 1
		r.Stats = st
		return st
	}
	if len(want) <= maxOrderWords && len(got) <= maxOrderWords {
		rep := fidelity.Compare(want, got)
		st.Lost, st.Invented, st.InOrder = rep.Lost, rep.Invented, rep.InOrder
	} else {
		rep := multisetDiff(want, got)
		st.Lost, st.Invented, st.Ordered = rep.Lost, rep.Invented, false
	}
	r.Stats = st
	return st
}

// multisetDiff is fidelity.Compare without the order check.
func multisetDiff(want, got []string) fidelity.Report {
	var rep fidelity.Report
	count := map[string]int{}
	for _, w := range got {
		count[w]++
	}
	for _, w := range want {
		if count[w] > 0 {
			count[w]--
		} else {
			rep.Lost = append(rep.Lost, w)
		}
	}
	count = map[string]int{}
	for _, w := range want {
		count[w]++
	}
	for _, w := range got {
		if count[w] > 0 {
			count[w]--
		} else {
			rep.Invented = append(rep.Invented, w)
		}
	}
	return rep
}
