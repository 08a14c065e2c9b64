// Package mdext holds press's own Markdown extensions to goldmark: GFM
// tables, strikethrough and task lists, footnotes, PHP Markdown Extra's
// definition lists and a typographer for smart punctuation.
//
// Why our own: goldmark ships these in its extension package, but that
// package also holds Linkify, whose two large regular expressions are
// compiled when the package is initialised. Go cannot skip a package's
// init while the package is imported, so every press command, even
// "press version", paid about 4 ms of start-up for a feature press never
// uses. These extensions are written against goldmark's public parser API
// and build the node types of goldmark's extension/ast package (which has
// no costly init), so the rest of press reads the same tree as before.
// Nothing here compiles a regular expression.
//
// The differential tests hold the trees these extensions build equal,
// node for node, to the ones goldmark's own extensions build.
package mdext

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// Priorities place each parser among goldmark's built-in ones (lower runs
// first): they are the places that make the extensions compose as GFM and
// PHP Markdown Extra intend, e.g. a task box is looked for before a link,
// a footnote reference before a link, a definition before a thematic break.
const (
	taskBoxPriority        = 0    // before every inline parser ('[' of links)
	footnoteRefPriority    = 101  // after code spans, before links
	strikethroughPriority  = 500  // with emphasis
	typographerPriority    = 9999 // after everything else
	definitionListPriority = 101  // after setext headings, before thematic breaks
	definitionDescPriority = 102  //
	footnoteDefPriority    = 999  // just before paragraphs
	tablePriority          = 200  // after link reference definitions
	tablePipesPriority     = 0    // before any other tree transformer
	footnoteListPriority   = 999  // after the others: moves the notes to the end
)

// extender adapts a function to goldmark.Extender.
type extender func(goldmark.Markdown)

func (e extender) Extend(m goldmark.Markdown) { e(m) }

// Strikethrough is GFM's ~~struck~~ (and ~struck~) text.
var Strikethrough goldmark.Extender = extender(func(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(strikethroughParser{}, strikethroughPriority)))
})

// TaskList is GFM's "- [x] done" list items.
var TaskList goldmark.Extender = extender(func(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(taskBoxParser{}, taskBoxPriority)))
})

// Table is GFM's pipe tables.
var Table goldmark.Extender = extender(func(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableTransformer{}, tablePriority)),
		parser.WithASTTransformers(util.Prioritized(codePipeTransformer{}, tablePipesPriority)),
	)
})

// DefinitionList is PHP Markdown Extra's definition lists ("Term" then
// ": definition").
var DefinitionList goldmark.Extender = extender(func(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(definitionListParser{}, definitionListPriority),
		util.Prioritized(definitionParser{}, definitionDescPriority),
	))
})

// Footnote is PHP Markdown Extra's (and pandoc's) footnotes: "[^label]"
// references and "[^label]: text" definitions.
var Footnote goldmark.Extender = extender(func(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(noteDefParser{}, footnoteDefPriority)),
		parser.WithInlineParsers(util.Prioritized(noteRefParser{}, footnoteRefPriority)),
		parser.WithASTTransformers(util.Prioritized(noteListTransformer{}, footnoteListPriority)),
	)
})
