package pass

import (
	"strings"

	"press/internal/doc"
)

// RunningTitles finds the book's title repeated at the head of each file,
// as GitHub books write it so that every chapter page names its book
// ("# You Don't Know JS Yet" then "# Chapter 1: …"): a heading that opens
// a file, right above a heading of its level or a higher one, with the
// same text opening two files or more that way. Such a heading is a
// running title, not a chapter of its own (it would be an empty section
// before every chapter, and a contents entry each): it returns the files'
// blocks without those headings, and the headings left out.
func RunningTitles(files [][]doc.Block) ([][]doc.Block, []*doc.Heading) {
	lead := func(bl []doc.Block) (*doc.Heading, string) {
		if len(bl) < 2 {
			return nil, ""
		}
		first, ok := bl[0].(*doc.Heading)
		next, ok2 := bl[1].(*doc.Heading)
		if !ok || !ok2 || next.Level > first.Level {
			return nil, ""
		}
		return first, strings.Join(strings.Fields(doc.PlainText(first.Content)), " ")
	}
	count := map[string]int{}
	for _, bl := range files {
		if h, t := lead(bl); h != nil && t != "" {
			count[t]++
		}
	}
	out := make([][]doc.Block, len(files))
	var dropped []*doc.Heading
	for i, bl := range files {
		out[i] = bl
		if h, t := lead(bl); h != nil && count[t] > 1 {
			out[i] = bl[1:]
			dropped = append(dropped, h)
		}
	}
	return out, dropped
}
