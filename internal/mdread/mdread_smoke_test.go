package mdread

import (
	"fmt"
	"testing"

	"press/internal/doc"
)

func TestSmoke(t *testing.T) {
	src := "# Title \"quoted\"\n\nSome 'text' -- with a note.[^a] And *em* and **strong** `code`.\nsecond line\n\n> quote line\n> more\n\nArticle by S. Mazur\n{.byline}\n\nFine.\n\n[^a]: The note text.\n[^b]: unused\n"
	res, err := Read("x.md", []byte(src))
	fmt.Println(err)
	if res != nil {
		b := &doc.Book{Sections: []*doc.Section{{ID: "s", Blocks: res.Blocks}}}
		fmt.Print(doc.Dump(b))
		fmt.Println(res.Warnings)
	}
}
