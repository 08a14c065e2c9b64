package mdext

import (
	"bytes"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Footnotes as PHP Markdown Extra and pandoc write them:
//
//	Text with a note.[^label]
//
//	[^label]: The note, whose later paragraphs
//	    are indented by four spaces.
//
// Definitions are gathered into one FootnoteList as they close; a
// reference gives its definition the next number the first time it is
// used. After parsing, noteListTransformer drops the notes nobody refers
// to, counts each note's references, gives each note its back links and
// moves the list, in number order, to the end of the document.

// labelLimit is the longest note label read, in bytes.
const labelLimit = 999

var (
	noteListKey = parser.NewContextKey() // *east.FootnoteList
	noteRefsKey = parser.NewContextKey() // []*east.FootnoteLink
)

// labelEnd is the offset of the "]" that ends a note label starting at
// b[0], or -1 if an unescaped "[" comes first or no "]" does.
func labelEnd(b []byte) int {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\\':
			if i+1 < len(b) && util.IsPunct(b[i+1]) {
				i++
			}
		case ']':
			return i
		case '[':
			return -1
		}
	}
	return -1
}

// noteDefParser is the BlockParser of "[^label]: ..." definitions.
type noteDefParser struct{}

func (noteDefParser) Trigger() []byte { return []byte{'['} }

func (noteDefParser) Open(parent gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos+1 >= len(line) || line[pos] != '[' || line[pos+1] != '^' {
		return nil, parser.NoChildren
	}
	open := pos + 2
	end := labelEnd(line[open:min(len(line), open+labelLimit)])
	if end < 0 {
		return nil, parser.NoChildren
	}
	colon := open + end + 1
	if colon >= len(line) || line[colon] != ':' {
		return nil, parser.NoChildren
	}
	pad := seg.Padding
	label := reader.Value(text.NewSegment(seg.Start+open-pad, seg.Start+open+end-pad))
	if util.IsBlank(label) {
		return nil, parser.NoChildren
	}
	note := east.NewFootnote(label)
	body := colon + 1 - pad
	if body >= len(line) {
		reader.Advance(body)
		return note, parser.NoChildren
	}
	reader.AdvanceAndSetPadding(body, pad)
	return note, parser.HasChildren
}

// Continue keeps blank lines and lines indented by four columns.
func (noteDefParser) Continue(node gast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	if pos < 0 {
		return parser.Close
	}
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

// Close moves the note into the document's note list, which is made
// where the first note was defined.
func (noteDefParser) Close(node gast.Node, reader text.Reader, pc parser.Context) {
	parent := node.Parent()
	list, _ := pc.Get(noteListKey).(*east.FootnoteList)
	if list == nil {
		list = east.NewFootnoteList()
		pc.Set(noteListKey, list)
		parent.InsertBefore(parent, node, list)
	}
	parent.RemoveChild(parent, node)
	list.AppendChild(list, node)
}

func (noteDefParser) CanInterruptParagraph() bool { return true }

func (noteDefParser) CanAcceptIndentedLine() bool { return false }

// noteRefParser is the InlineParser of "[^label]" references (and of
// "![^label]", an exclamation mark before a reference). A reference to a
// label no definition has stays text.
type noteRefParser struct{}

func (noteRefParser) Trigger() []byte { return []byte{'!', '['} }

func (noteRefParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, seg := block.PeekLine()
	open := 2 // after "[^"
	bang := line[0] == '!'
	if bang {
		open = 3
	}
	if open >= len(line) || line[open-1] != '^' || line[open-2] != '[' {
		return nil
	}
	end := labelEnd(line[open:min(len(line), open+labelLimit)])
	if end < 0 {
		return nil
	}
	list, _ := pc.Get(noteListKey).(*east.FootnoteList)
	if list == nil {
		return nil
	}
	label := block.Value(text.NewSegment(seg.Start+open, seg.Start+open+end))
	index := 0
	for n := list.FirstChild(); n != nil; n = n.NextSibling() {
		if note := n.(*east.Footnote); bytes.Equal(note.Ref, label) {
			if note.Index < 0 { // the first reference numbers the note
				list.Count++
				note.Index = list.Count
			}
			index = note.Index
			break
		}
	}
	if index == 0 {
		return nil
	}
	block.Advance(open + end + 1)
	link := east.NewFootnoteLink(index)
	refs, _ := pc.Get(noteRefsKey).([]*east.FootnoteLink)
	pc.Set(noteRefsKey, append(refs, link))
	if bang {
		parent.AppendChild(parent, gast.NewTextSegment(seg.WithStop(seg.Start+1)))
	}
	return link
}

func (noteRefParser) CloseBlock(gast.Node, parser.Context) {}

// noteListTransformer finishes the notes once the whole document is
// parsed (see the package's comment on footnotes).
type noteListTransformer struct{}

func (noteListTransformer) Transform(doc *gast.Document, reader text.Reader, pc parser.Context) {
	list, _ := pc.Get(noteListKey).(*east.FootnoteList)
	refs, _ := pc.Get(noteRefsKey).([]*east.FootnoteLink)
	pc.Set(noteListKey, nil)
	pc.Set(noteRefsKey, nil)
	if list == nil {
		return
	}
	count := map[int]int{} // references to each note number
	for _, r := range refs {
		count[r.Index]++
	}
	seen := map[int]int{}
	for _, r := range refs {
		r.RefCount = count[r.Index]
		r.RefIndex = seen[r.Index]
		seen[r.Index]++
	}
	for n := list.FirstChild(); n != nil; {
		next := n.NextSibling()
		note := n.(*east.Footnote)
		if note.Index < 0 {
			list.RemoveChild(list, note)
			n = next
			continue
		}
		// Back links go at the end of the note's last paragraph, or
		// after its last block.
		var at gast.Node = note
		if last := note.LastChild(); last != nil && gast.IsParagraph(last) {
			at = last
		}
		for i := 0; i < max(1, count[note.Index]); i++ {
			back := east.NewFootnoteBacklink(note.Index)
			back.RefCount = count[note.Index]
			back.RefIndex = i
			at.AppendChild(at, back)
		}
		n = next
	}
	list.SortChildren(func(a, b gast.Node) int {
		if a.(*east.Footnote).Index < b.(*east.Footnote).Index {
			return -1
		}
		return 1
	})
	if list.Count <= 0 {
		list.Parent().RemoveChild(list.Parent(), list)
		return
	}
	doc.AppendChild(doc, list)
}
