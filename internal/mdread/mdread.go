// Package mdread reads a Markdown manuscript into press's document model.
// With package mdext (press's own goldmark extensions) it is the only
// package that imports goldmark: CommonMark plus footnotes, tables,
// definition lists and smart punctuation that yields UTF-8 characters,
// never HTML entities.
package mdread

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"image"
	_ "image/jpeg" // image sizes
	_ "image/png"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/frontmatter"

	"press/internal/diag"
	"press/internal/doc"
	"press/internal/mdext"
	"press/internal/svg"
)

// literalPunctuation maps the typographer's substitutions to characters, so
// the model never holds entities (which are fatal in XHTML).
var literalPunctuation = map[mdext.Punct]string{
	mdext.LeftSingleQuote:  "‘",
	mdext.RightSingleQuote: "’",
	mdext.LeftDoubleQuote:  "“",
	mdext.RightDoubleQuote: "”",
	mdext.EnDash:           "–",
	mdext.EmDash:           "—",
	mdext.Ellipsis:         "…",
	mdext.LeftAngleQuote:   "«",
	mdext.RightAngleQuote:  "»",
	mdext.Apostrophe:       "’",
}

// newMarkdown is goldmark with press's own extensions (package mdext, not
// goldmark's extension package, whose initialisation costs every command
// milliseconds of start-up).
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			mdext.Footnote,
			// GitHub's table, strikethrough and task list syntax, and
			// PHP Markdown Extra's definition lists.
			mdext.Table,
			mdext.Strikethrough,
			mdext.TaskList,
			mdext.DefinitionList,
			mdext.Typographer(literalPunctuation),
			&frontmatter.Extender{},
		),
		// pandoc's heading attributes, "# Usage {#usage}": the id is kept.
		goldmark.WithParserOptions(parser.WithHeadingAttribute()),
	)
}

// classLine is press's paragraph class syntax: a paragraph whose last line is
// "{.name}" gets Class "name" (e.g. "{.byline}").
var classLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\{\.([a-z][a-z0-9-]*)\}$`) })

// maxHeading is the longest heading, in characters, taken without a
// warning: longer ones are mostly paragraphs underlined by mistake.
const maxHeading = 200

// undefinedNoteRef finds footnote references that goldmark left as text
// because no definition exists.
var undefinedNoteRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[\^([^\]\s]+)\]`) })

// Result is one file read: its blocks, and warnings that do not stop a
// build. ReadIn returns it even with errors (except for a file that is not
// text), holding what could be read.
type Result struct {
	Blocks   []doc.Block
	Warnings []*diag.Warning
}

// Read parses one Markdown file. name is the path used in messages; the
// book folder is taken to be the file's folder.
func Read(name string, src []byte) (*Result, error) {
	return ReadIn(filepath.Dir(name), name, src)
}

// ReadIn parses one Markdown file of the book in folder root: paths the
// manuscript names (images) must stay inside root.
func ReadIn(root, name string, src []byte) (*Result, error) {
	return ReadWith(Options{Root: root}, name, src)
}

// Options say where a book's files may come from.
type Options struct {
	// Root is the book folder: pictures must be inside it.
	Root string
	// IncludeRoot is the folder mdBook's {{#include}} directives may read
	// from (book.toml's include_root); "" is Root.
	IncludeRoot string
}

// ReadWith parses one Markdown file of a book with the given options.
func ReadWith(o Options, name string, src []byte) (*Result, error) {
	root := o.Root
	if !utf8.Valid(src) {
		line := 1 + bytes.Count(src[:firstInvalid(src)], []byte("\n"))
		return nil, diag.Errorf(name, line, "save the file as UTF-8", "the file is not valid UTF-8")
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	r := &reader{root: root, includeRoot: o.IncludeRoot, name: name, src: src, lines: lineStarts(src), notes: map[int]*doc.Note{}}
	ctx := parser.NewContext()
	tree := newMarkdown().Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	r.collectNotes(tree)
	var blocks []doc.Block
	if h := r.frontMatter(frontmatter.Get(ctx)); h != nil && !startsWithHeading(tree) {
		blocks = append(blocks, h)
	}
	for n := tree.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*east.FootnoteList); ok {
			continue
		}
		if b := r.block(n); b != nil {
			blocks = append(blocks, b)
		}
	}
	r.checkNotes()
	r.reportDirectives()
	blocks = r.captions(blocks)
	// The blocks come back with the errors, so a caller can go on to find
	// the book's other errors before it stops.
	return &Result{Blocks: blocks, Warnings: r.warns}, r.errs.Err()
}

type reader struct {
	root string // the book folder
	// includeRoot is the folder included files must be in ("": root).
	includeRoot string
	name        string
	src         []byte
	lines       []int // byte offset of each line start
	notes       map[int]*doc.Note
	refs        map[int]int // footnote index → number of references
	errs        diag.List
	warns       []*diag.Warning
	tags        map[*doc.Text]*htmlTag // inline HTML tags awaiting pairing
	// listing is an mdBook <Listing> opened and waiting for its code
	// block, and listingPos where it was opened.
	listing    *doc.Listing
	listingPos doc.Pos
	// lastFigure is the last figure read, for an HTML <figcaption> after
	// it.
	lastFigure *doc.Figure
	// directives counts, by kind, the preprocessor directives of other
	// tools found in the file (mdBook's {{#include}}, bookdown's \@ref),
	// with the first place of each: reported once per file.
	directives map[string]*directiveUse
	// openBlocks counts, by tag name, the block HTML elements dropped
	// with a warning and not yet closed: a closing tag on a line of its
	// own that ends one is dropped without a second warning.
	openBlocks map[string]int
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func firstInvalid(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(src)
}

// lineOf maps a byte offset to a 1-based line number.
func (r *reader) lineOf(offset int) int {
	return sort.Search(len(r.lines), func(i int) bool { return r.lines[i] > offset })
}

// pos finds the first source line of a node.
func (r *reader) pos(n gast.Node) doc.Pos {
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == gast.TypeBlock {
			if l := c.Lines(); l.Len() > 0 {
				return doc.Pos{File: r.name, Line: r.lineOf(l.At(0).Start)}
			}
		}
		if t, ok := c.(*gast.Text); ok {
			return doc.Pos{File: r.name, Line: r.lineOf(t.Segment.Start)}
		}
	}
	if p := n.Parent(); p != nil && p.Type() == gast.TypeBlock {
		return r.pos(p)
	}
	return doc.Pos{File: r.name}
}

// inlinePos is the line of an inline node's first text, or of its
// paragraph when it has none: a link's own line, not its paragraph's
// first.
func (r *reader) inlinePos(n gast.Node) doc.Pos {
	var found *gast.Text
	gast.Walk(n, func(c gast.Node, entering bool) (gast.WalkStatus, error) {
		if t, ok := c.(*gast.Text); ok && entering && found == nil {
			found = t
			return gast.WalkStop, nil
		}
		return gast.WalkContinue, nil
	})
	if found != nil {
		return doc.Pos{File: r.name, Line: r.lineOf(found.Segment.Start)}
	}
	return r.pos(n.Parent())
}

// warnGroup is warnf for a warning that may repeat for every use of a
// construct (an unsupported HTML tag): the build reports each group once,
// with its count (diag.Grouped).
func (r *reader) warnGroup(group string, p doc.Pos, hint, format string, args ...any) {
	w := diag.Errorf(p.File, p.Line, hint, format, args...)
	w.Group = group
	r.warns = append(r.warns, w)
}

func (r *reader) errorf(p doc.Pos, hint, format string, args ...any) {
	r.errs = append(r.errs, diag.Errorf(p.File, p.Line, hint, format, args...))
}

func (r *reader) warnf(p doc.Pos, hint, format string, args ...any) {
	r.warns = append(r.warns, diag.Errorf(p.File, p.Line, hint, format, args...))
}

// noteDefinition returns the label of a line that starts a footnote
// definition: up to three spaces, "[^", a label of no spaces or "]", "]:".
func noteDefinition(line []byte) ([]byte, bool) {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	if !bytes.HasPrefix(line[i:], []byte("[^")) {
		return nil, false
	}
	start := i + 2
	end := start
	for end < len(line) && line[end] != ']' && !isSpaceByte(line[end]) {
		end++
	}
	if end == start || !bytes.HasPrefix(line[end:], []byte("]:")) {
		return nil, false
	}
	return line[start:end], true
}

// isSpaceByte is regexp's \s: space, tab, newline, form feed, carriage return.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// collectNotes reads every footnote definition before the body, so a
// reference can hold its note's blocks.
func (r *reader) collectNotes(root gast.Node) {
	r.refs = map[int]int{}
	seen := map[string]doc.Pos{}
	// Duplicate definitions: goldmark keeps the first silently; find the
	// others in the source.
	for i, start := range r.lines {
		end := len(r.src)
		if i+1 < len(r.lines) {
			end = r.lines[i+1]
		}
		line := r.src[start:end]
		if l, ok := noteDefinition(line); ok {
			label := strings.ToLower(string(l))
			p := doc.Pos{File: r.name, Line: i + 1}
			if first, dup := seen[label]; dup {
				r.errorf(p, "give each note its own label", "note [^%s] is defined twice (first at line %d)", l, first.Line)
			} else {
				seen[label] = p
			}
		}
	}
	used := map[string]bool{}
	defer func() {
		// goldmark drops definitions nobody cites; report them from the source.
		labels := make([]string, 0, len(seen))
		for l := range seen {
			labels = append(labels, l)
		}
		sort.Strings(labels)
		for _, l := range labels {
			if !used[l] {
				r.warnf(seen[l], "cite it with [^"+l+"] or delete it", "note [^%s] is defined but never cited", l)
			}
		}
	}()
	gast.Walk(root, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch fn := n.(type) {
		case *east.Footnote:
			label := string(fn.Ref)
			note := &doc.Note{Label: label, Pos: r.pos(fn)}
			if p, ok := seen[strings.ToLower(label)]; ok {
				note.Pos = p
			}
			if fn.Index < 0 {
				return gast.WalkSkipChildren, nil
			}
			used[strings.ToLower(label)] = true
			for c := fn.FirstChild(); c != nil; c = c.NextSibling() {
				if _, ok := c.(*east.FootnoteBacklink); ok {
					continue // goldmark's own backlink, left outside a paragraph in an empty note
				}
				if b := r.block(c); b != nil {
					note.Blocks = append(note.Blocks, b)
				}
			}
			if len(note.Blocks) == 0 {
				r.errorf(note.Pos, fmt.Sprintf("write the note's text after \"[^%s]:\"", label), "note [^%s] is empty", label)
			}
			r.notes[fn.Index] = note
			return gast.WalkSkipChildren, nil
		case *east.FootnoteLink:
			r.refs[fn.Index]++
		}
		return gast.WalkContinue, nil
	})
}

func (r *reader) checkNotes() {
	for idx, n := range r.refs {
		if n > 1 {
			if note := r.notes[idx]; note != nil {
				r.errorf(note.Pos, "an endnote can be cited once; define a second note for the second place", "note [^%s] is cited %d times", note.Label, n)
			}
		}
	}
}

func (r *reader) block(n gast.Node) doc.Block {
	p := r.pos(n)
	switch n := n.(type) {
	case *gast.Heading:
		h := &doc.Heading{Level: n.Level, Content: r.inlines(n), Pos: p}
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				h.ID = string(b)
			}
		}
		r.checkUndefinedRefs(h.Content, p)
		if text := []rune(doc.PlainText(h.Content)); len(text) > maxHeading {
			r.warnf(p, "if the line under the paragraph is meant as a break, put a blank line before it",
				"heading %q is %d characters long: a line of --- or === under a paragraph makes it a heading", strings.TrimSpace(string(text[:60]))+"…", len(text))
		}
		return h
	case *gast.Paragraph, *gast.TextBlock:
		para := &doc.Para{Pos: p}
		cls, lastLine := r.classOf(n)
		if im := figureImage(n, r.src, lastLine); im != nil {
			return r.figure(im, cls, p)
		}
		if cls != "" {
			para.Class = cls
			para.Content = r.inlinesBefore(n, lastLine)
		} else {
			para.Content = r.inlines(n)
		}
		if len(para.Content) == 0 {
			return nil
		}
		if plain := doc.PlainText(para.Content); rawLaTeX().MatchString(plain) {
			r.warnf(p, "remove it; the layout decides how the book looks", "raw LaTeX %s is dropped", short(strings.TrimSpace(plain)))
			return nil
		}
		if len(para.Content) == 1 {
			// An HTML <img> alone in its paragraph (written over several
			// lines, so no HTML block) is a figure, as ![alt](src) is.
			if im, ok := para.Content[0].(*doc.Image); ok {
				f := &doc.Figure{Image: im, Pos: p}
				if im.Title != "" {
					f.Caption = []doc.Inline{&doc.Text{Text: im.Title}}
				}
				r.lastFigure = f
				return f
			}
		}
		if strings.Contains(doc.PlainText(para.Content), "^[") {
			para.Content = inlineNotes(para.Content, p)
		}
		r.checkCitations(para.Content, p)
		plain := doc.PlainText(para.Content)
		for _, m := range bookdownRef().FindAllString(plain, -1) {
			r.directive("bookdown's cross-reference @ref(…)", doc.Pos{File: p.File, Line: LineOf(r.src, p.Line, m)})
		}
		// press follows mdBook's directives in code blocks only.
		if strings.Contains(plain, "{{#") {
			for _, m := range mdBookDirective().FindAllString(plain, -1) {
				r.directive("mdBook "+m+"…}} outside a code block", doc.Pos{File: p.File, Line: LineOf(r.src, p.Line, m)})
			}
		}
		r.checkUndefinedRefs(para.Content, p)
		return para
	case *gast.Blockquote:
		q := &doc.Quote{Pos: p}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if b := r.block(c); b != nil {
				q.Blocks = append(q.Blocks, b)
			}
		}
		return q
	case *gast.List:
		l := &doc.List{Ordered: n.IsOrdered(), Tight: n.IsTight, Start: n.Start, Pos: p}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			var item []doc.Block
			for c := it.FirstChild(); c != nil; c = c.NextSibling() {
				if b := r.block(c); b != nil {
					item = append(item, b)
				}
			}
			l.Items = append(l.Items, item)
		}
		return l
	case *gast.FencedCodeBlock, *gast.CodeBlock:
		cb := &doc.CodeBlock{Text: r.codeText(n), Pos: p, Listing: r.listing}
		written := r.linesText(n)
		for _, m := range mdBookDirective().FindAllString(written, -1) {
			if !fileDirectiveKinds[strings.TrimPrefix(m, "{{#")] {
				r.directive("mdBook "+m+"…}}", doc.Pos{File: p.File, Line: LineOf(r.src, p.Line, m)})
				break
			}
		}
		r.listing = nil
		return cb
	case *gast.ThematicBreak:
		return &doc.Break{Pos: p}
	case *east.Table:
		return r.table(n, p)
	case *east.DefinitionList:
		dl := &doc.DefList{Pos: p}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Kind() == east.KindDefinitionTerm {
				tp := r.pos(c)
				term := &doc.DefTerm{Content: r.inlines(c), Pos: tp}
				r.checkUndefinedRefs(term.Content, tp)
				dl.Items = append(dl.Items, &doc.DefItem{Term: term})
				continue
			}
			if len(dl.Items) == 0 {
				continue // goldmark gives no description without a term
			}
			var def []doc.Block
			for d := c.FirstChild(); d != nil; d = d.NextSibling() {
				if b := r.block(d); b != nil {
					def = append(def, b)
				}
			}
			it := dl.Items[len(dl.Items)-1]
			it.Defs = append(it.Defs, def)
		}
		return dl
	case *gast.HTMLBlock:
		return r.htmlBlock(n, p)
	case *gast.LinkReferenceDefinition:
		return nil // "[name]: address": already applied to the links that use it
	}
	r.errorf(p, "remove it or write it in plain Markdown", "unsupported Markdown element %s", n.Kind())
	return nil
}

// table converts a pipe table: alignments, the head row and body rows of
// cells with their inline formatting.
func (r *reader) table(n *east.Table, p doc.Pos) doc.Block {
	t := &doc.Table{Pos: p}
	for _, a := range n.Alignments {
		switch a {
		case east.AlignLeft:
			t.Align = append(t.Align, doc.AlignLeft)
		case east.AlignCenter:
			t.Align = append(t.Align, doc.AlignCenter)
		case east.AlignRight:
			t.Align = append(t.Align, doc.AlignRight)
		default:
			t.Align = append(t.Align, doc.AlignNone)
		}
	}
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells [][]doc.Inline
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, trimTrailingSpace(r.inlines(cell)))
		}
		if _, ok := row.(*east.TableHeader); ok {
			t.Head = cells
		} else {
			t.Rows = append(t.Rows, cells)
		}
	}
	for _, c := range t.Head {
		if len(c) == 0 {
			r.warnf(p, "name every column in the head row: a column without one has no header for screen readers to announce with its cells", "table has a column without a heading")
			break
		}
	}
	return t
}

func (r *reader) linesText(n gast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(r.src))
	}
	return b.String()
}

// classOf reports the class of a paragraph that ends in a "{.name}" line,
// with the byte offset where that line starts.
func (r *reader) classOf(n gast.Node) (string, int) {
	lines := n.Lines()
	if lines.Len() < 2 {
		return "", 0
	}
	last := lines.At(lines.Len() - 1)
	m := classLine().FindSubmatch(bytes.TrimSpace(last.Value(r.src)))
	if m == nil {
		return "", 0
	}
	return string(m[1]), last.Start
}

// inlinesBefore converts the inlines of n that start before offset.
func (r *reader) inlinesBefore(n gast.Node, offset int) []doc.Inline {
	var out []doc.Inline
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*gast.Text); ok && t.Segment.Start >= offset {
			break
		}
		out = append(out, r.inline(c)...)
	}
	if len(r.tags) > 0 {
		out = r.tagsToModel(out)
	}
	return trimTrailingSpace(out)
}

func (r *reader) inlines(n gast.Node) []doc.Inline {
	var out []doc.Inline
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, r.inline(c)...)
	}
	if len(r.tags) > 0 {
		out = r.tagsToModel(out)
	}
	return mergeText(out)
}

// inline converts one inline node; a node may yield several inlines.
func (r *reader) inline(n gast.Node) []doc.Inline {
	switch n := n.(type) {
	case *gast.Text:
		s := sourceText(n.Segment.Value(r.src), n.IsRaw())
		out := []doc.Inline{&doc.Text{Text: s}}
		if n.HardLineBreak() {
			out = append(out, &doc.LineBreak{})
		} else if n.SoftLineBreak() {
			out = append(out, &doc.Text{Text: " "})
		}
		return out
	case *gast.String:
		return []doc.Inline{&doc.Text{Text: string(n.Value)}}
	case *gast.Emphasis:
		if n.Level >= 2 {
			return []doc.Inline{&doc.Strong{Content: r.inlines(n)}}
		}
		return []doc.Inline{&doc.Emph{Content: r.inlines(n)}}
	case *gast.CodeSpan:
		var b strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*gast.Text); ok {
				b.Write(t.Segment.Value(r.src))
			} else if s, ok := c.(*gast.String); ok {
				b.Write(s.Value)
			}
		}
		return []doc.Inline{&doc.Code{Text: b.String()}}
	case *gast.Link:
		return []doc.Inline{&doc.Link{URL: string(n.Destination), Content: r.inlines(n), Pos: r.inlinePos(n)}}
	case *gast.AutoLink:
		url := string(n.URL(r.src))
		return []doc.Inline{&doc.Link{URL: url, Content: []doc.Inline{&doc.Text{Text: string(n.Label(r.src))}}}}
	case *gast.RawHTML:
		return r.rawInline(n)
	case *gast.Image:
		im := r.image(n)
		if im == nil {
			return r.webImageAlt(n)
		}
		if im.Alt == "" {
			r.warnf(im.Pos, "describe what the picture shows in the brackets: ![…]("+im.Src+")", "image %q has no alt text", im.Src)
		}
		return []doc.Inline{im}
	case *east.FootnoteLink:
		note := r.notes[n.Index]
		if note == nil {
			return nil
		}
		note.RefPos = r.pos(n.Parent())
		return []doc.Inline{&doc.NoteRef{Note: note}}
	case *east.FootnoteBacklink:
		return nil
	case *east.Strikethrough:
		return []doc.Inline{&doc.Styled{Kind: doc.Del, Content: r.inlines(n)}}
	case *east.TaskCheckBox:
		return []doc.Inline{&doc.TaskBox{Checked: n.IsChecked}}
	}
	r.errorf(r.pos(n.Parent()), "remove it or write it in plain Markdown", "unsupported inline element %s", n.Kind())
	return nil
}

// resolveImage finds the file an image names. It must be inside the book
// folder (no absolute paths, no "..", no web addresses, no links out); a
// problem is returned as a message and a hint. rel is the slash-separated
// path inside the book folder.
func (r *reader) resolveImage(dest string) (full, rel, msg, hint string) {
	const fix = "put the picture in the book folder and name it by a relative path"
	path := dest
	if u, err := url.PathUnescape(dest); err == nil {
		path = u
	}
	switch {
	case strings.TrimSpace(dest) == "":
		return "", "", "image has no file name", "write the file name in the parentheses: ![what it shows](picture.png)"
	case strings.Contains(dest, "://") || strings.HasPrefix(dest, "//") || strings.HasPrefix(strings.ToLower(dest), "data:"):
		return "", "", fmt.Sprintf("image %q is not a file in the book folder; press never fetches files", dest), fix
	case filepath.IsAbs(path) || strings.HasPrefix(path, "/") || strings.HasPrefix(path, `\`) || filepath.VolumeName(path) != "":
		return "", "", fmt.Sprintf("image %q is an absolute path, outside the book folder: refused", dest), fix
	}
	root := r.root
	if root == "" {
		root = "."
	}
	full = filepath.Join(filepath.Dir(r.name), filepath.FromSlash(path))
	relp, err := filepath.Rel(root, full)
	if err != nil || relp == ".." || strings.HasPrefix(relp, ".."+string(filepath.Separator)) {
		return "", "", fmt.Sprintf("image %q leaves the book folder: refused", dest), fix
	}
	if _, err := os.Lstat(full); err != nil {
		return "", "", fmt.Sprintf("image %q does not exist (looked for %s)", dest, full), "check the file name"
	}
	realRoot, err1 := filepath.EvalSymlinks(root)
	real, err2 := filepath.EvalSymlinks(full)
	if err1 != nil || err2 != nil {
		return "", "", fmt.Sprintf("image %q cannot be resolved (a broken link?)", dest), fix
	}
	if rl, err := filepath.Rel(realRoot, real); err != nil || rl == ".." || strings.HasPrefix(rl, ".."+string(filepath.Separator)) {
		return "", "", fmt.Sprintf("image %q is a link to %s, outside the book folder: refused", dest, real), "copy the picture into the book folder instead of linking to it"
	}
	return full, filepath.ToSlash(relp), "", ""
}

// webImage reports whether an image names a picture on the web.
func webImage(dest string) bool {
	d := strings.ToLower(strings.TrimSpace(dest))
	return strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "//")
}

// webImageAlt is what stands in the text for a picture on the web: its
// alt text (nil for another image, or one without alt text).
func (r *reader) webImageAlt(n *gast.Image) []doc.Inline {
	if alt := altText(n, r.src); webImage(string(n.Destination)) && alt != "" {
		return []doc.Inline{&doc.Text{Text: alt}}
	}
	return nil
}

// image reads the picture an image node names: PNG, JPEG or SVG, with its
// size. A problem is an error at the image's line. A picture on the web
// (a README's badges) is a warning, not an error: press never fetches
// files (a build must work offline and give the same book every time),
// and the picture's alt text, which says what it shows, is printed in its
// place, so the book loses no words and the warning says what to do.
func (r *reader) image(n *gast.Image) *doc.Image {
	return r.picture(string(n.Destination), altText(n, r.src), string(n.Title), r.pos(n))
}

// picture reads the picture at dest (see image), named in the text at p.
func (r *reader) picture(dest, alt, title string, p doc.Pos) *doc.Image {
	if webImage(dest) {
		r.warnf(p, "download the picture into the book folder and name it by a relative path to show it", "image %q is on the web and press never fetches files: its alt text %q stands in its place", dest, alt)
		return nil
	}
	full, rel, msg, hint := r.resolveImage(dest)
	if msg != "" {
		r.errorf(p, hint, "%s", msg)
		return nil
	}
	data, err := os.ReadFile(full)
	if err != nil {
		r.errorf(p, "check the file", "image %q cannot be read: %v", dest, err)
		return nil
	}
	im := &doc.Image{Src: dest, Path: rel, Alt: alt, Title: title, Data: data, Pos: p}
	if cfg, format, err := image.DecodeConfig(bytes.NewReader(data)); err == nil && (format == "png" || format == "jpeg") {
		im.Format, im.Width, im.Height = format, float64(cfg.Width), float64(cfg.Height)
	} else if svg.Sniff(data) {
		w, h, err := svg.Size(data)
		if err != nil {
			r.errorf(p, "give the <svg> element a viewBox", "image %q: %v", dest, err)
			return nil
		}
		im.Format, im.Width, im.Height = "svg", w, h
	} else {
		r.errorf(p, "save the picture as PNG, JPEG or SVG", "image %q is not a PNG, JPEG or SVG picture", dest)
		return nil
	}
	if im.Width <= 0 || im.Height <= 0 {
		r.errorf(p, "check the picture", "image %q has no area (%gx%g)", dest, im.Width, im.Height)
		return nil
	}
	return im
}

// altText is the plain text of an image's description (the part in
// square brackets).
func altText(n *gast.Image, src []byte) string {
	var b strings.Builder
	var walk func(gast.Node)
	walk = func(c gast.Node) {
		for ; c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *gast.Text:
				b.Write(t.Segment.Value(src))
				if t.SoftLineBreak() {
					b.WriteByte(' ')
				}
			case *gast.String:
				b.Write(t.Value)
			default:
				walk(c.FirstChild())
			}
		}
	}
	walk(n.FirstChild())
	return strings.TrimSpace(b.String())
}

// figureImage returns the one image of a paragraph that holds nothing
// else (but spaces and a class line ending before offset end, when end > 0).
func figureImage(n gast.Node, src []byte, end int) *gast.Image {
	var img *gast.Image
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*gast.Text); ok {
			if end > 0 && t.Segment.Start >= end {
				break
			}
			if len(bytes.TrimSpace(t.Segment.Value(src))) == 0 {
				continue
			}
			return nil
		}
		im, ok := c.(*gast.Image)
		if !ok || img != nil {
			return nil
		}
		img = im
	}
	return img
}

// figure makes a figure of a paragraph that holds one image alone.
func (r *reader) figure(im *gast.Image, class string, p doc.Pos) doc.Block {
	pic := r.image(im)
	if pic == nil {
		if alt := r.webImageAlt(im); alt != nil {
			return &doc.Para{Content: alt, Pos: p}
		}
		return nil
	}
	f := &doc.Figure{Image: pic, Decorative: class == "decorative", Pos: p}
	r.lastFigure = f
	if pic.Title != "" {
		f.Caption = []doc.Inline{&doc.Text{Text: pic.Title}}
	}
	if pic.Alt == "" && !f.Decorative {
		r.warnf(p, "describe what the picture shows in the brackets, ![…]("+pic.Src+"), or mark a purely decorative picture with a last line {.decorative}", "figure %q has no alt text", pic.Src)
	}
	return f
}

// captions attaches each paragraph marked {.caption} to the figure or
// table just before it, or else to the table just after it. A caption
// with nothing to attach to is a warning and stays a paragraph.
func (r *reader) captions(blocks []doc.Block) []doc.Block {
	out := make([]doc.Block, 0, len(blocks))
	for i, b := range blocks {
		switch n := b.(type) {
		case *doc.Quote:
			n.Blocks = r.captions(n.Blocks)
		case *doc.List:
			for i := range n.Items {
				n.Items[i] = r.captions(n.Items[i])
			}
		case *doc.DefList:
			for _, it := range n.Items {
				for i := range it.Defs {
					it.Defs[i] = r.captions(it.Defs[i])
				}
			}
		case *doc.Para:
			if n.Class != "caption" {
				break
			}
			if len(out) > 0 {
				switch prev := out[len(out)-1].(type) {
				case *doc.Figure:
					prev.Caption = n.Content
					continue
				case *doc.Table:
					if prev.Caption == nil {
						prev.Caption = n.Content
						continue
					}
				}
			}
			if i+1 < len(blocks) {
				if t, ok := blocks[i+1].(*doc.Table); ok {
					t.Caption = n.Content
					continue
				}
			}
			r.warnf(n.Pos, "put the {.caption} paragraph right after a figure's picture, or right before or after a table", "caption paragraph belongs to no figure or table: printed as a paragraph")
		}
		out = append(out, b)
	}
	return out
}

func (r *reader) checkUndefinedRefs(content []doc.Inline, p doc.Pos) {
	// Running text only: "[^_]" in a code span is a regular expression,
	// not a note.
	var text strings.Builder
	doc.WalkInlines(content, func(in doc.Inline) {
		if t, ok := in.(*doc.Text); ok {
			text.WriteString(t.Text)
		} else {
			text.WriteByte('\n')
		}
	})
	for _, m := range undefinedNoteRef().FindAllStringSubmatch(text.String(), -1) {
		p := doc.Pos{File: p.File, Line: LineOf(r.src, p.Line, m[0])}
		r.errorf(p, fmt.Sprintf("add a definition line \"[^%s]: …\" or remove the reference", m[1]), "note [^%s] is cited but not defined", m[1])
	}
}

// LineOf returns the first line, from line from on, of src that holds
// needle: the line of an offending character rather than of the start of
// its paragraph. It gives from back when the needle is not found near it
// (the text was rewritten by smart punctuation, or spans lines).
func LineOf(src []byte, from int, needle string) int {
	if from < 1 || needle == "" {
		return from
	}
	line, i := 1, 0
	for line < from && i < len(src) {
		if src[i] == '\n' {
			line++
		}
		i++
	}
	for n := 0; n < 400 && i < len(src); n++ {
		end := bytes.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src) - i
		}
		if bytes.Contains(src[i:i+end], []byte(needle)) {
			return line
		}
		i += end + 1
		line++
	}
	return from
}

// sourceText is the characters a run of source text stands for: character
// references ("&amp;", "&#x263A;") resolved and backslash escapes ("\\*")
// removed, as CommonMark says and goldmark's own renderer does; raw text
// (inside code) stays as written.
func sourceText(src []byte, raw bool) string {
	if raw {
		return string(src)
	}
	return string(util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(src))))
}

// mergeText joins adjacent Text inlines, so the model has one run per span.
func mergeText(in []doc.Inline) []doc.Inline {
	var out []doc.Inline
	for _, x := range in {
		if t, ok := x.(*doc.Text); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*doc.Text); ok {
				prev.Text += t.Text
				continue
			}
		}
		out = append(out, x)
	}
	return out
}

func trimTrailingSpace(in []doc.Inline) []doc.Inline {
	in = mergeText(in)
	if len(in) > 0 {
		if t, ok := in[len(in)-1].(*doc.Text); ok {
			t.Text = strings.TrimRight(t.Text, " \t")
			if t.Text == "" {
				in = in[:len(in)-1]
			}
		}
	}
	return in
}
