package diag

import (
	"strings"
	"testing"
)

// TestGrouped: warnings of one group become one line at the first one's
// place, with the count and the number of files; other warnings keep
// their order; a group of one is left as it is.
func TestGrouped(t *testing.T) {
	tag := func(file string, line int, name string) *Warning {
		w := Errorf(file, line, "write it in Markdown", "HTML element <%s> is not supported", name)
		w.Group = "html:" + name
		return w
	}
	in := []*Warning{
		Errorf("a.md", 1, "", "note [^x] is defined but never cited"),
		tag("a.md", 12, "blink"),
		tag("a.md", 14, "marquee"),
		tag("a.md", 30, "blink"),
		Errorf("b.md", 2, "", "image has no alt text"),
		tag("b.md", 9, "blink"),
	}
	var got []string
	for _, w := range Grouped(in) {
		got = append(got, w.Error())
	}
	want := []string{
		"a.md:1: note [^x] is defined but never cited",
		"a.md:12: HTML element <blink> is not supported: 3 times in 2 files (the first is here); write it in Markdown",
		"a.md:14: HTML element <marquee> is not supported; write it in Markdown",
		"b.md:2: image has no alt text",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if in[1].Msg != "HTML element <blink> is not supported" {
		t.Errorf("Grouped changed its input: %q", in[1].Msg)
	}
}
