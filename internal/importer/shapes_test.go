package importer

import (
	"strings"
	"testing"
	"time"
)

// TestAwkwardShapesAreFast: inputs shaped to defeat the heuristics (one
// enormous line, nothing but hyphens, numbers, bullets or headings) import
// in linear time.
func TestAwkwardShapesAreFast(t *testing.T) {
	shapes := map[string]string{
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
	for name, s := range shapes {
		start := time.Now()
		r, err := Import("x", []byte(s))
		if err == nil {
			Verify(r)
		}
		took := time.Since(start)
		t.Logf("%s: %d bytes in %v", name, len(s), took)
		if took > 5*time.Second {
			t.Errorf("%s: %d bytes took %v", name, len(s), took)
		}
	}
}
