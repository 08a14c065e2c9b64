package importer

import (
	"strings"
	"testing"
)

// awkwardShapes are inputs shaped to defeat the heuristics: one enormous
// line, nothing but hyphens, numbers, bullets or headings.
var awkwardShapes = map[string]string{
	"one long line": strings.Repeat("word ", 200000),
	"many blanks":   strings.Repeat("\n", 200000) + "a",
	"hyphen lines":  strings.Repeat("ab-\n", 100000),
	"numbers":       strings.Repeat("1 a\n", 100000),
	"cites":         strings.Repeat("a.1 b\n1 x\f", 20000),
	"bullets":       strings.Repeat("• a\n  b\n", 50000),
	"indented":      strings.Repeat("    a\n", 100000),
	"formfeeds":     strings.Repeat("\fa", 100000),
	"private":       strings.Repeat("\uE000", 10000),
	"headings":      strings.Repeat("The Title Here\n", 100000),
	"ordered":       strings.Repeat("1. A\n", 100000),
}

// TestAwkwardShapes: every awkward shape imports and keeps its words.
// (How fast is measured by BenchmarkAwkwardShapes, not here: timings are
// no pass/fail criterion.)
func TestAwkwardShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	for name, s := range awkwardShapes {
		r, err := Import("x", []byte(s))
		if err != nil {
			continue // refused with a message: fine for these shapes
		}
		if rep := Verify(r); len(rep.Lost) > 0 {
			t.Errorf("%s: lost words %v", name, rep.Lost[:min(len(rep.Lost), 5)])
		}
	}
}

// BenchmarkAwkwardShapes: each shape should import in time linear in its
// size (about 0.5 s at most for these on the 2-core machine).
func BenchmarkAwkwardShapes(b *testing.B) {
	for name, s := range awkwardShapes {
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if r, err := Import("x", []byte(s)); err == nil {
					Verify(r)
				}
			}
		})
	}
}
