package epub

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"press/internal/doc"
)

// TestHTMLChapterNamesUnique: on the one page of the HTML edition, two
// chapters of the same title are landmarks that must be told apart
// (axe-core's landmark-unique): the first keeps its heading as its name,
// the second is named "Layout (2)". The e-book, a document per chapter,
// keeps both headings as names.
func TestHTMLChapterNamesUnique(t *testing.T) {
	b := minimal()
	chapter := func(id string) *doc.Section {
		return &doc.Section{ID: id, Heading: &doc.Heading{Level: 1, ID: id, Content: []doc.Inline{txt("Layout")}},
			Blocks: []doc.Block{para(txt("Text of " + id + "."))}}
	}
	b.Sections = append(b.Sections, chapter("layout"), chapter("layout-1"))
	var out bytes.Buffer
	if err := WriteHTML(&out, b, Options{Modified: time.Unix(0, 0)}); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	for _, want := range []string{`aria-labelledby="layout"`, `aria-label="Layout (2)"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(page, `aria-labelledby="layout-1"`) {
		t.Errorf("the second chapter is still named by its heading, the first one's name")
	}
	// Every chapter landmark has one name: no section both labelled and
	// labelled-by.
	for _, tag := range regexp.MustCompile(`<section[^>]*>`).FindAllString(page, -1) {
		if strings.Contains(tag, "aria-label=") && strings.Contains(tag, "aria-labelledby=") {
			t.Errorf("two names on %s", tag)
		}
	}
	_, files := unzip(t, build(t, b, Options{Modified: time.Unix(0, 0)}))
	for name, data := range files {
		if strings.Contains(string(data), "Layout (2)") {
			t.Errorf("the e-book's %s renames the chapter", name)
		}
	}
}
