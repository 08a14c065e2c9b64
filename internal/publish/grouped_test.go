package publish_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"press/internal/publish"
)

// TestRepeatedTagWarnedOnce: an unsupported HTML tag used many times in
// several files is one warning with its count, at its first use; another
// tag used once keeps its own warning.
func TestRepeatedTagWarnedOnce(t *testing.T) {
	dir := t.TempDir()
	toml, err := os.ReadFile(filepath.Join(fixtureDir, "book.toml"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"book.toml": string(toml),
		"a.md":      "# One\n\nA <blink>first</blink> and\na <blink>second</blink>.\n",
		"b.md":      "# Two\n\nA <marquee>moving</marquee> and a <blink>third</blink>.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := publish.Load(publish.Options{BookDir: dir, LayoutsDir: "../../layouts"})
	if err != nil {
		t.Fatal(err)
	}
	var blink, marquee []string
	for _, w := range p.Warns {
		switch s := filepath.ToSlash(w.Error()); {
		case strings.Contains(s, "<blink>"):
			blink = append(blink, s)
		case strings.Contains(s, "<marquee>"):
			marquee = append(marquee, s)
		}
	}
	if len(blink) != 1 || !strings.Contains(blink[0], "a.md:3: HTML element <blink> is not supported: 3 times in 2 files") {
		t.Errorf("blink warnings: %q", blink)
	}
	if len(marquee) != 1 || strings.Contains(marquee[0], "times") {
		t.Errorf("marquee warnings: %q", marquee)
	}
}
