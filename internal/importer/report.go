package importer

import (
	"fmt"
	"strings"
)

// Report returns the review report: the fidelity summary, then every
// decision a person should check, each with its input line numbers. Lines
// marked "CHECK" rest on weak or conflicting evidence. Call Verify first.
func Report(r *Result, draftName string) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# press import report\n\n")
	p("Input: %s (%d lines, %d pages%s; full lines about %d characters)\n", r.Name, strings.Count(r.Text, "\n")+1, r.Pages,
		map[bool]string{true: " from form feeds", false: " guessed from blank runs"}[r.FormFeed], r.Measure)
	p("Draft: %s (%d blocks)\n\n", draftName, len(r.Blocks))
	p("## Fidelity\n\n%s\n", r.Stats)
	p("Every word of the input is in the draft in order, except the page furniture and the note markers listed below")
	if r.Stats.OK() {
		p(": none lost, none invented.\n\n")
	} else {
		p(". THE CHECK FAILED: lost %q, invented %q. Please report this as a bug.\n\n", r.Stats.Lost, r.Stats.Invented)
	}

	check := func(c bool) string {
		if c {
			return "  CHECK"
		}
		return ""
	}
	p("## Structure (%d)\n\n", len(r.Review))
	if len(r.Review) == 0 {
		p("Paragraphs only: no headings, quotations, lists or byline found.\n")
	}
	for _, it := range r.Review {
		p("- line %d: %s\n", it.Line, it.Msg)
	}
	p("\n## Line-end hyphens (%d)\n\n", len(r.Hyphens))
	if len(r.Hyphens) == 0 {
		p("None.\n")
	}
	for _, h := range r.Hyphens {
		verb := "closed up"
		if h.Keep {
			verb = "kept"
		}
		where := fmt.Sprintf("line %d", h.Line)
		if h.NextLine != h.Line+1 {
			where = fmt.Sprintf("lines %d–%d", h.Line, h.NextLine)
		}
		p("- %s: %s-|%s → %s %q: %s%s\n", where, h.Left, h.Right, verb, h.Word(), h.Reason, check(h.Uncertain))
	}
	p("\n## Notes (%d made footnotes, %d left in the text)\n\n", len(r.Notes), len(r.Unpaired))
	for _, n := range r.Notes {
		where := fmt.Sprintf("line %d", n.Line)
		if n.EndLine != n.Line {
			where = fmt.Sprintf("lines %d–%d", n.Line, n.EndLine)
		}
		p("- [^%s]: marker %s at line %d, note at %s: %q\n", n.Label, n.Marker, n.CiteLine, where, clip(n.Text, 60))
	}
	for _, u := range r.Unpaired {
		p("- line %d: %q %s; left in the text  CHECK\n", u.Line, clip(u.Text, 50), u.Why)
	}
	p("\n## Dropped lines (%d)\n\n", len(r.Dropped))
	for _, d := range r.Dropped {
		extra := ""
		if d.Check {
			extra = " (not at the head or foot of a page)  CHECK"
		}
		p("- line %d: %s %q%s\n", d.Line, d.Why, d.Text, extra)
	}
	return b.String()
}
