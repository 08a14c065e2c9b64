package mdext

import (
	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// PHP Markdown Extra's definition lists:
//
//	Term
//	Another term
//	:   A definition, whose continuation lines are indented
//	    like its first.
//
// Two block parsers share the work. definitionListParser opens (or
// reopens) the list on a ":" line and decides which later lines still
// belong to it; definitionParser, run inside the list, turns the waiting
// paragraph into terms and opens the definition itself.

// definitionListParser opens a DefinitionList at a ":" line that follows
// a paragraph (the terms) or a previous definition of the same list.
type definitionListParser struct{}

func (definitionListParser) Trigger() []byte { return []byte{':'} }

// definitionIndent is where a definition's text starts after its colon
// (pos is the colon's column) or 0 if the line is no definition.
func definitionIndent(line []byte, pos int) int {
	w, _ := util.IndentWidth(line[pos+1:], pos+1)
	if w < 1 { // the colon must be followed by white space
		return 0
	}
	if w >= 8 { // the definition starts with indented code
		w = 5
	}
	return pos + 1 + w
}

func (definitionListParser) Open(parent gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	if _, ok := parent.(*east.DefinitionList); ok {
		return nil, parser.NoChildren
	}
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || line[pos] != ':' || pc.BlockIndent() != 0 {
		return nil, parser.NoChildren
	}
	offset := definitionIndent(line, pos)
	if offset == 0 {
		return nil, parser.NoChildren
	}
	switch last := parent.LastChild().(type) {
	case *gast.Paragraph:
		// Terms: a new list, or more terms for the list just before.
		if list, ok := last.PreviousSibling().(*east.DefinitionList); ok {
			list.Offset = offset
			list.TemporaryParagraph = last
			return list, parser.HasChildren
		}
		return east.NewDefinitionList(offset, last), parser.HasChildren | parser.RequireParagraph
	case *east.DefinitionList:
		// Another definition of the same terms.
		last.Offset = offset
		last.TemporaryParagraph = nil
		return last, parser.HasChildren
	}
	return nil, parser.NoChildren
}

// Continue keeps blank lines and lines indented at least as far as the
// current definition's text.
func (definitionListParser) Continue(node gast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	list := node.(*east.DefinitionList)
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < list.Offset {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), list.Offset)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (definitionListParser) Close(gast.Node, text.Reader, parser.Context) {}

func (definitionListParser) CanInterruptParagraph() bool { return true }

func (definitionListParser) CanAcceptIndentedLine() bool { return false }

// definitionParser opens one DefinitionDescription inside a list, first
// making each line of the paragraph before it a DefinitionTerm.
type definitionParser struct{}

func (definitionParser) Trigger() []byte { return []byte{':'} }

func (definitionParser) Open(parent gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || line[pos] != ':' || pc.BlockIndent() != 0 {
		return nil, parser.NoChildren
	}
	list, ok := parent.(*east.DefinitionList)
	if !ok {
		return nil, parser.NoChildren
	}
	if para := list.TemporaryParagraph; para != nil {
		list.TemporaryParagraph = nil
		lines := para.Lines()
		for i := 0; i < lines.Len(); i++ {
			term := east.NewDefinitionTerm()
			seg := lines.At(i)
			term.Lines().Append(seg.TrimRightSpace(reader.Source()))
			list.AppendChild(list, term)
		}
		para.Parent().RemoveChild(para.Parent(), para)
	}
	start, padding := util.IndentPosition(line[pos+1:], pos+1, list.Offset-pos-1)
	reader.AdvanceAndSetPadding(start+1, padding)
	return east.NewDefinitionDescription(), parser.HasChildren
}

// Continue is never asked: the list's parser decides where a definition
// ends.
func (definitionParser) Continue(gast.Node, text.Reader, parser.Context) parser.State {
	return parser.Continue | parser.HasChildren
}

// Close makes a definition tight unless a blank line comes before it, as
// list items are: a tight definition's first paragraph becomes a text
// block. Only the first, as goldmark's extension does (press reads
// paragraphs and text blocks alike, and the tests hold the trees equal).
func (definitionParser) Close(node gast.Node, reader text.Reader, pc parser.Context) {
	desc := node.(*east.DefinitionDescription)
	desc.IsTight = !desc.HasBlankPreviousLines()
	if !desc.IsTight {
		return
	}
	for c := desc.FirstChild(); c != nil; c = c.NextSibling() {
		if p, ok := c.(*gast.Paragraph); ok {
			tb := gast.NewTextBlock()
			tb.SetLines(p.Lines())
			desc.ReplaceChild(desc, p, tb)
			return
		}
	}
}

func (definitionParser) CanInterruptParagraph() bool { return true }

func (definitionParser) CanAcceptIndentedLine() bool { return false }
