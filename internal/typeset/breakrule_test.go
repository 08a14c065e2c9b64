package typeset

import (
	"strings"
	"testing"

	"press/internal/page"
)

// TestBreakRules: a web address and a code name in a narrow measure break
// only where their rules allow, and never with a hyphen added.
func TestBreakRules(t *testing.T) {
	for _, c := range []struct {
		rule  BreakRule
		text  string
		after string // characters a line may end after
		peek  string // characters the next line may start with
	}{
		{BreakURL, "https://example.org/a-very/long_path/with?query=value&and=more#fragment-part", "/.?&=-", "#"},
		{BreakCode, "CooperativeLedgerMonthlyReconciliationReportGeneratorFactory.build_report:now", "/._-:", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
	} {
		s := monoSetter()
		res := s.Set(Paragraph{Spans: []Span{{Text: c.text, Style: Style{Font: "m", Size: size}, Breaks: c.rule}}, Width: 40 * page.PT, Align: Left, Hyphenate: true})
		if len(res.Lines) < 2 {
			t.Fatalf("%q set on %d line(s)", c.text, len(res.Lines))
		}
		var joined strings.Builder
		for i, l := range res.Lines {
			txt := lineText(l)
			joined.WriteString(txt)
			if i == len(res.Lines)-1 {
				continue
			}
			next := lineText(res.Lines[i+1])
			last := txt[len(txt)-1:]
			if !strings.Contains(c.after, last) && !strings.Contains(c.peek, next[:1]) {
				t.Errorf("line %d of %q ends %q before %q: not a break point of the rule", i+1, c.text, txt, next)
			}
			if l.Hyphenated {
				t.Errorf("line %d flagged as hyphenated", i+1)
			}
		}
		if joined.String() != c.text {
			t.Errorf("lines joined give %q, want %q (a hyphen added?)", joined.String(), c.text)
		}
	}
}
