package pass

import (
	"strings"
	"testing"

	"press/internal/doc"
	"press/internal/mdread"
)

// TestDanglingLinkLine: a link that leads nowhere is reported at the line
// of the link itself, not at its paragraph's first line; in a definition
// list too. Its text stays, without the link.
func TestDanglingLinkLine(t *testing.T) {
	src := "# Top\n\nA paragraph whose first line has no link,\nthen [one](#nowhere) on its second\nand *[two](#gone)* on its third.\n\nTerm [three](#lost)\n: A definition.\n"
	res, err := mdread.Read("b.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	b := &doc.Book{Sections: []*doc.Section{{ID: "top", Heading: res.Blocks[0].(*doc.Heading), Blocks: res.Blocks[1:]}}}
	b.Sections[0].Heading.ID = "top"
	var got []string
	for _, w := range Links(b) {
		got = append(got, w.Error())
	}
	want := []string{`b.md:4: link "#nowhere"`, `b.md:5: link "#gone"`, `b.md:7: link "#lost"`}
	if len(got) != len(want) {
		t.Fatalf("warnings %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %q, want it to start %q", got[i], want[i])
		}
	}
	if n := strings.Count(doc.Dump(b), "link("); n != 0 {
		t.Errorf("%d dangling links kept as links:\n%s", n, doc.Dump(b))
	}
}
