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
		{BreakURL, "https://example.org/a-very/long_path/with?query=value&and=more#fragment-part", "/.?&=-", "#_"},
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

// TestURLBreaksBeforeUnderscore: a web address whose last part is words
// joined by underscores (a Wikipedia title) may break before an
// underscore, so it need not stick out of the measure or leave the line
// before it gaping (a note of You Don't Know JS set "Principle" alone on
// its first line).
func TestURLBreaksBeforeUnderscore(t *testing.T) {
	const url = "https://en.wikipedia.org/wiki/Principle_of_least_privilege_in_computing"
	s := monoSetter()
	res := s.Set(Paragraph{Spans: []Span{{Text: url, Style: Style{Font: "m", Size: size}, Breaks: BreakURL}}, Width: 100 * page.PT, Align: Left})
	var lines []string
	under := false
	for _, l := range res.Lines {
		txt := lineText(l)
		lines = append(lines, txt)
		under = under || strings.HasPrefix(txt, "_")
		if l.Overfull {
			t.Errorf("line %q is wider than the measure", txt)
		}
	}
	if !under || strings.Join(lines, "") != url {
		t.Errorf("lines %q: want a break before an underscore and nothing added", lines)
	}
}
