package mdext

import (
	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// taskBoxParser reads GFM's task box, "[ ]" or "[x]", at the very start
// of a list item's first paragraph. It must run before the link parser,
// which would otherwise take "[x]" for a link label.
type taskBoxParser struct{}

func (taskBoxParser) Trigger() []byte { return []byte{'['} }

func (taskBoxParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	item := parent.Parent()
	if item == nil || item.FirstChild() != parent || parent.HasChildren() {
		return nil
	}
	if _, ok := item.(*gast.ListItem); !ok {
		return nil
	}
	line, _ := block.PeekLine()
	if len(line) < 3 || line[0] != '[' || line[2] != ']' {
		return nil
	}
	mark := line[1]
	checked := mark == 'x' || mark == 'X'
	if !checked && !boxSpace(mark) {
		return nil
	}
	end := 3
	for end < len(line) && boxSpace(line[end]) {
		end++
	}
	block.Advance(end)
	return east.NewTaskCheckBox(checked)
}

func (taskBoxParser) CloseBlock(gast.Node, parser.Context) {}

// boxSpace is white space as a task box counts it: an empty box may hold
// any of these, and all of them after the box are skipped.
func boxSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
