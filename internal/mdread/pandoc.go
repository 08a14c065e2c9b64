package mdread

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"press/internal/doc"
)

// inlineNotes turns pandoc's inline notes, "text.^[The note's own text.]",
// into notes, as if they were written "text.[^n]" with "[^n]: The note's
// own text." below: R Markdown and pandoc books write most of their notes
// this way. The note may hold emphasis, code and links; its brackets are
// counted in the running text only, so a "]" in a code span does not end
// it.
func inlineNotes(ins []doc.Inline, p doc.Pos) []doc.Inline {
	ins = mergeTexts(ins)
	for i := 0; i < len(ins); i++ {
		t, ok := ins[i].(*doc.Text)
		if !ok {
			continue
		}
		k := strings.Index(t.Text, "^[")
		if k < 0 {
			continue
		}
		// Find the bracket that closes it, in this text or a later one.
		depth, j, end := 1, i, -1
		rest := t.Text[k+2:]
		off := k + 2
		for {
			for e, c := range rest {
				if c == '[' {
					depth++
				} else if c == ']' {
					if depth--; depth == 0 {
						end = off + e
						break
					}
				}
			}
			if end >= 0 {
				break
			}
			for j++; j < len(ins); j++ {
				if _, ok := ins[j].(*doc.Text); ok {
					break
				}
			}
			if j >= len(ins) {
				break
			}
			rest, off = ins[j].(*doc.Text).Text, 0
		}
		if end < 0 {
			continue // no closing bracket: plain text
		}
		var content []doc.Inline
		last := ins[j].(*doc.Text).Text
		if j == i {
			content = append(content, &doc.Text{Text: t.Text[k+2 : end]})
		} else {
			content = append(content, &doc.Text{Text: t.Text[k+2:]})
			content = append(content, ins[i+1:j]...)
			content = append(content, &doc.Text{Text: last[:end]})
		}
		note := &doc.Note{Blocks: []doc.Block{&doc.Para{Content: dropEmpty(content), Pos: p}}, Pos: p, RefPos: p}
		out := append([]doc.Inline{}, ins[:i]...)
		if k > 0 {
			out = append(out, &doc.Text{Text: t.Text[:k]})
		}
		out = append(out, &doc.NoteRef{Note: note})
		tail := &doc.Text{Text: last[end+1:]}
		i = len(out) - 1
		out = append(out, tail)
		ins = append(out, ins[j+1:]...)
	}
	return dropEmpty(ins)
}

// mergeTexts joins neighbouring texts, which the Markdown parser leaves
// split at brackets.
func mergeTexts(ins []doc.Inline) []doc.Inline {
	var out []doc.Inline
	for _, in := range ins {
		if t, ok := in.(*doc.Text); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*doc.Text); ok {
				out[len(out)-1] = &doc.Text{Text: prev.Text + t.Text}
				continue
			}
		}
		out = append(out, in)
	}
	return out
}

func dropEmpty(ins []doc.Inline) []doc.Inline {
	out := ins[:0:0]
	for _, in := range ins {
		if t, ok := in.(*doc.Text); ok && t.Text == "" {
			continue
		}
		out = append(out, in)
	}
	return out
}

// rawLaTeX is a paragraph that is only LaTeX commands ("\\mainmatter",
// "\\newpage"), which pandoc passes to LaTeX and drops elsewhere.
var rawLaTeX = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*(\\[A-Za-z]+\*?(\{[^{}]*\})*\s*)+$`) })

// citation finds pandoc's citations, "[@key]", "[see @key, p. 3]" and
// "@key" after a space, which need a bibliography press does not read.
var citation = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\[[^\[\]]*@[A-Za-z0-9_][\w:.#$%&+?<>~/-]*[^\[\]]*\]`)
})

// checkCitations warns of each citation in running text: it is printed
// as written, the key in brackets, which is not what the author meant.
func (r *reader) checkCitations(content []doc.Inline, p doc.Pos) {
	var text strings.Builder
	doc.WalkInlines(content, func(in doc.Inline) {
		if t, ok := in.(*doc.Text); ok {
			text.WriteString(t.Text)
		} else {
			text.WriteByte('\n')
		}
	})
	for _, m := range citation().FindAllString(text.String(), -1) {
		if strings.Contains(m, "](") {
			continue
		}
		r.warnf(doc.Pos{File: p.File, Line: LineOf(r.src, p.Line, m)}, "write the reference out in the text or a note; press reads no bibliography", "citation %s is printed as written", short(m))
	}
}

// Directives of other tools' preprocessors, which press does not run:
// mdBook's {{#include file}}, {{#rustdoc_include file:anchor}} and
// {{#playground file}} in code blocks, and bookdown's \@ref(label)
// cross-references (the Markdown escape leaves "@ref(label)").
var (
	mdBookDirective = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{#[a-z_]+`) })
	bookdownRef     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`@ref\([^)\s]+\)`) })
)

// directiveUse is how often a kind of directive occurs in a file, and
// where first.
type directiveUse struct {
	n     int
	first doc.Pos
	order int
}

// directive notes one use of a directive of kind what at p.
func (r *reader) directive(what string, p doc.Pos) {
	if r.directives == nil {
		r.directives = map[string]*directiveUse{}
	}
	u := r.directives[what]
	if u == nil {
		u = &directiveUse{first: p, order: len(r.directives)}
		r.directives[what] = u
	}
	u.n++
}

// reportDirectives warns once per kind of directive the file holds: its
// text is printed as written, which the reader should not see, but a
// warning for each of hundreds of uses would bury every other message.
func (r *reader) reportDirectives() {
	kinds := make([]string, 0, len(r.directives))
	for k := range r.directives {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return r.directives[kinds[i]].order < r.directives[kinds[j]].order })
	for _, k := range kinds {
		u := r.directives[k]
		times := "once"
		if u.n > 1 {
			times = fmt.Sprintf("%d times (first here)", u.n)
		}
		r.warnf(u.first, "press runs no other tool's preprocessor: put the text itself in the file", "%s is printed as written, %s", k, times)
	}
}
