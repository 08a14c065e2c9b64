package mdread

import (
	"html"
	"regexp"
	"strings"
	"sync"

	gast "github.com/yuin/goldmark/ast"

	"press/internal/doc"
)

// Raw HTML in a manuscript is read as a small, safe subset: anchors
// (<span id>, <a id>), phrase elements and <code> become the model; comments are
// dropped; everything else is dropped with a warning. Nothing of it is
// ever printed as text or passed into an edition as markup.

// htmlTag is one inline tag met while converting a paragraph; tagsToModel
// pairs opening and closing tags into model nodes.
type htmlTag struct {
	name    string // lower case
	closing bool
	empty   bool // <br/>, or an element closed in the same tag
	attrs   map[string]string
	pos     doc.Pos
}

// placeholder stands for a tag in an inline list until tagsToModel
// replaces it: the model's Inline is closed to other packages.
func (r *reader) placeholder(t *htmlTag) doc.Inline {
	x := &doc.Text{}
	if r.tags == nil {
		r.tags = map[*doc.Text]*htmlTag{}
	}
	r.tags[x] = t
	return x
}

func (r *reader) tagOf(x doc.Inline) (*htmlTag, bool) {
	t, ok := x.(*doc.Text)
	if !ok {
		return nil, false
	}
	tag, ok := r.tags[t]
	return tag, ok
}

var (
	tagRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^<>]*?)?)\s*(/?)>$`)
	})
	attrRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)
	})
	// idRE is an id press can use as an XML id and a URL fragment.
	idRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`) })
)

// phrases are the elements kept as styled phrases; em and strong become
// the model's emphasis.
var phrases = map[string]doc.StyleKind{
	"small": doc.Small, "sup": doc.Sup, "sub": doc.Sub, "abbr": doc.Abbr,
	"kbd": doc.Kbd, "cite": doc.Cite, "q": doc.Q,
}

// rawInline converts one goldmark raw HTML node.
func (r *reader) rawInline(n *gast.RawHTML) []doc.Inline {
	var b strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b.Write(seg.Value(r.src))
	}
	raw := b.String()
	p := doc.Pos{File: r.name}
	if n.Segments.Len() > 0 {
		p.Line = r.lineOf(n.Segments.At(0).Start)
	}
	if strings.HasPrefix(raw, "<!--") {
		return nil // a comment: the author's, not the reader's
	}
	m := tagRE().FindStringSubmatch(raw)
	if m == nil {
		r.warnf(p, "remove it", "raw HTML %q is dropped", short(raw))
		return nil
	}
	t := &htmlTag{name: strings.ToLower(m[2]), closing: m[1] == "/", empty: m[4] == "/", attrs: map[string]string{}, pos: p}
	for _, a := range attrRE().FindAllStringSubmatch(m[3], -1) {
		t.attrs[strings.ToLower(a[1])] = html.UnescapeString(a[2] + a[3] + a[4])
	}
	switch t.name {
	case "img":
		// A picture: as ![alt](src) in a line.
		if im := r.picture(t.attrs["src"], t.attrs["alt"], t.attrs["title"], p); im != nil {
			return []doc.Inline{im}
		} else if webImage(t.attrs["src"]) && t.attrs["alt"] != "" {
			return []doc.Inline{&doc.Text{Text: t.attrs["alt"]}}
		}
		return nil
	case "br":
		if !t.closing {
			return []doc.Inline{&doc.LineBreak{}}
		}
		return nil
	case "span", "a", "em", "i", "strong", "b", "code":
		return []doc.Inline{r.placeholder(t)}
	case "script", "style":
		if !t.closing {
			r.warnGroup("html-drop:"+t.name, p, "remove it: a book runs no scripts and takes its style from the layout", "HTML element <%s> is dropped with its content", t.name)
		}
		return []doc.Inline{r.placeholder(t)}
	}
	if _, ok := phrases[t.name]; ok {
		return []doc.Inline{r.placeholder(t)}
	}
	if !t.closing {
		r.warnGroup("html:"+t.name, p, "write it in Markdown or remove it; the tag is dropped and its text kept", "HTML element <%s> is not supported", t.name)
	}
	return nil
}

// tagsToModel pairs the tags of a converted inline list into nested model
// nodes. A tag that is never closed, or closed without being opened, is
// dropped (its text stays) with a warning.
func (r *reader) tagsToModel(in []doc.Inline) []doc.Inline {
	type frame struct {
		tag *htmlTag
		out []doc.Inline
	}
	stack := []frame{{}}
	top := func() *frame { return &stack[len(stack)-1] }
	for _, x := range in {
		t, ok := r.tagOf(x)
		if ok {
			delete(r.tags, x.(*doc.Text))
		}
		if !ok {
			top().out = append(top().out, x)
			continue
		}
		if !t.closing {
			if a := r.anchorOf(t); a != nil {
				top().out = append(top().out, a)
			}
			if t.empty {
				continue
			}
			stack = append(stack, frame{tag: t})
			continue
		}
		// A closing tag: find its opener.
		k := len(stack) - 1
		for k > 0 && stack[k].tag.name != t.name {
			k--
		}
		if k == 0 {
			r.warnGroup("html-close:"+t.name, t.pos, "remove it", "closing tag </%s> has no opening tag; dropped", t.name)
			continue
		}
		for len(stack)-1 > k {
			r.unclosed(stack[len(stack)-1].tag)
			inner := stack[len(stack)-1].out
			stack = stack[:len(stack)-1]
			top().out = append(top().out, inner...)
		}
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		top().out = append(top().out, wrap(f.tag, mergeText(f.out))...)
	}
	for len(stack) > 1 {
		r.unclosed(top().tag)
		inner := top().out
		stack = stack[:len(stack)-1]
		top().out = append(top().out, inner...)
	}
	return stack[0].out
}

func (r *reader) unclosed(t *htmlTag) {
	r.warnGroup("html-open:"+t.name, t.pos, "close it with </"+t.name+">", "tag <%s> is never closed; dropped", t.name)
}

// anchorOf returns the anchor an opening tag carries (its id), if any.
func (r *reader) anchorOf(t *htmlTag) doc.Inline {
	id, ok := t.attrs["id"]
	if !ok && t.name == "a" {
		id, ok = t.attrs["name"]
	}
	if !ok {
		if t.name == "a" {
			r.warnGroup("html-a", t.pos, "write links in Markdown: [text](address)", "HTML link <a> without an id is dropped (its text is kept)")
		}
		return nil
	}
	if !idRE().MatchString(id) {
		r.warnf(t.pos, "use letters, digits, '-', '_' and '.', starting with a letter", "anchor id %q cannot be used; dropped", id)
		return nil
	}
	return &doc.Anchor{ID: id, Pos: t.pos}
}

// wrap gives the content of a closed element its model node.
func wrap(t *htmlTag, content []doc.Inline) []doc.Inline {
	switch t.name {
	case "em", "i":
		return []doc.Inline{&doc.Emph{Content: content}}
	case "strong", "b":
		return []doc.Inline{&doc.Strong{Content: content}}
	case "span", "a":
		return content
	case "code":
		return []doc.Inline{&doc.Code{Text: doc.PlainText(content)}}
	case "script", "style":
		return nil
	}
	return []doc.Inline{&doc.Styled{Kind: phrases[t.name], Title: t.attrs["title"], Content: content}}
}

// htmlBlock handles a block of raw HTML: comments vanish, anything else is
// dropped with a warning naming its first tag.
func (r *reader) htmlBlock(n *gast.HTMLBlock, p doc.Pos) doc.Block {
	raw := r.linesText(n)
	if n.HasClosure() {
		raw += string(n.ClosureLine.Value(r.src))
	}
	raw = strings.TrimSpace(raw)
	if isComments(raw) || r.listingTag(raw, p) {
		return nil
	}
	if b, ok := r.htmlFigure(raw, p); ok {
		return b
	}
	if m := htmlPre().FindStringSubmatch(raw); m != nil {
		// Preformatted text: a code block, its markup (emphasis marking
		// the parts to fill in) left out, with a warning.
		code := html.UnescapeString(anyTag().ReplaceAllString(m[1], ""))
		if anyTag().MatchString(m[1]) {
			r.warnf(p, "write it as a fenced code block", "HTML <pre> block: printed as a code block without its markup")
		}
		return &doc.CodeBlock{Text: strings.TrimPrefix(code, "\n") + "\n", Pos: p}
	}
	if m := loneTag().FindStringSubmatch(raw); m != nil && !isVoid(strings.ToLower(m[2])) {
		// A tag alone, wrapped around Markdown (mdBook's
		// <div class="warning">, then the passage, then </div>): the
		// passage is read as Markdown and kept; only the tags go.
		name := strings.ToLower(m[2])
		if m[1] == "/" && r.openBlocks[name] > 0 {
			r.openBlocks[name]--
			return nil
		}
		if m[1] == "" {
			r.opened(name)
			r.warnGroup("html-wrapper:"+name, p, "to keep what the tag meant, write it in Markdown", "HTML tag <%s> on a line of its own is dropped; the Markdown inside it, up to </%s>, is kept", name, name)
			return nil
		}
	}
	tag := raw
	if m := tagName().FindString(raw); m != "" {
		tag = m + ">"
		if name := strings.ToLower(m[1:]); m[1] != '/' && m[1] != '!' && m[1] != '?' && !strings.Contains(strings.ToLower(raw), "</"+name) {
			r.opened(name)
		}
	}
	r.warnGroup("html-block:"+strings.ToLower(tag), p, "write the passage in Markdown; block HTML is dropped", "HTML block %s is not supported; dropped", short(tag))
	return nil
}

// loneTag matches one opening or closing tag and nothing else (a tag
// closed by "/>" is not one).
var loneTag = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*[^<>/])?\s*>$`)
})

// opened counts a dropped block element left open, for its closing tag.
func (r *reader) opened(name string) {
	if r.openBlocks == nil {
		r.openBlocks = map[string]int{}
	}
	r.openBlocks[name]++
}

// isVoid reports whether an HTML element has no closing tag.
func isVoid(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// isComments reports whether s is only HTML comments and white space.
func isComments(s string) bool {
	for {
		s = strings.TrimSpace(s)
		if s == "" {
			return true
		}
		if !strings.HasPrefix(s, "<!--") {
			return false
		}
		end := strings.Index(s, "-->")
		if end < 0 {
			return false
		}
		s = s[end+3:]
	}
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// Pictures in block HTML, as mdBook books write them:
//
//	<img src="img/map.svg" alt="A map of the bay" />
//
//	<figure>
//	<img src="img/map.svg" alt="…" />
//	<figcaption>Figure 4-1: The bay</figcaption>
//	</figure>
//
// An <img> alone is a figure, as ![alt](src) alone in its paragraph; a
// <figcaption> is the caption of the figure just before it; <figure> and
// </figure> around them need nothing. A whole <figure> in one block (no
// blank lines inside, as GitHub READMEs write it: an indented <img>, its
// <figcaption> before or after it, and <br> tags for space) is the same
// figure with its caption.
var (
	htmlImg        = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?is)^<img(\s[^>]*?)/?>$`) })
	htmlFigcaption = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?is)^<figcaption>(.*)</figcaption>$`) })
	htmlFigureTag  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^</?figure>$`) })
	htmlFigureAll  = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?is)^<figure>\s*(?:<figcaption>(.*?)</figcaption>\s*)?(<img\s[^>]*?/?>)\s*(?:<figcaption>(.*?)</figcaption>\s*)?</figure>$`)
	})
	htmlBr  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)<br\s*/?>`) })
	htmlPre = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?is)^<pre>(?:<code>)?(.*?)(?:</code>)?</pre>$`) })
	tagName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^<[/!?]?[A-Za-z][A-Za-z0-9-]*`) })
	anyTag  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`</?[A-Za-z][^<>]*>`) })
)

// htmlFigure reads an HTML block that is a picture, a figure's caption or
// a figure's tag, and reports whether it was one.
func (r *reader) htmlFigure(raw string, p doc.Pos) (doc.Block, bool) {
	if m := htmlFigureAll().FindStringSubmatch(htmlBr().ReplaceAllString(raw, "")); m != nil {
		b, _ := r.htmlFigure(m[2], p)
		if f, ok := b.(*doc.Figure); ok {
			if c := strings.TrimSpace(m[1] + m[3]); c != "" {
				f.Caption = r.captionInlines(c)
			}
			r.lastFigure = nil
		}
		return b, true
	}
	switch {
	case htmlFigureTag().MatchString(raw):
		return nil, true
	case htmlImg().MatchString(raw):
		attrs := map[string]string{}
		for _, a := range attrRE().FindAllStringSubmatch(htmlImg().FindStringSubmatch(raw)[1], -1) {
			attrs[strings.ToLower(a[1])] = html.UnescapeString(a[2] + a[3] + a[4])
		}
		pic := r.picture(attrs["src"], attrs["alt"], attrs["title"], p)
		if pic == nil {
			if webImage(attrs["src"]) && attrs["alt"] != "" {
				return &doc.Para{Content: []doc.Inline{&doc.Text{Text: attrs["alt"]}}, Pos: p}, true
			}
			return nil, true
		}
		if pic.Alt == "" {
			r.warnf(p, "describe what the picture shows in alt=\"…\"", "figure %q has no alt text", pic.Src)
		}
		f := &doc.Figure{Image: pic, Pos: p}
		if pic.Title != "" {
			f.Caption = []doc.Inline{&doc.Text{Text: pic.Title}}
		}
		r.lastFigure = f
		return f, true
	case htmlFigcaption().MatchString(raw):
		if r.lastFigure == nil {
			return nil, false
		}
		r.lastFigure.Caption = r.captionInlines(strings.TrimSpace(htmlFigcaption().FindStringSubmatch(raw)[1]))
		r.lastFigure = nil
		return nil, true
	}
	return nil, false
}
