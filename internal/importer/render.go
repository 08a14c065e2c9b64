package importer

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// render writes the draft: one line per paragraph, blocks separated by blank
// lines, a note's definition after the block that holds the end of its
// page.
func render(r *Result) string {
	mark := ""
	if len(r.Notes) > 0 {
		mark = markOf(r)
	}
	var b strings.Builder
	inline := func(t string) string {
		if mark == "" {
			return escape(t)
		}
		// Escape the text between references, keep the references.
		var out strings.Builder
		first := true
		for {
			i := strings.Index(t, mark)
			j := -1
			if i >= 0 {
				j = strings.Index(t[i+len(mark):], mark)
			}
			if i < 0 || j < 0 {
				if first {
					out.WriteString(escape(t))
				} else {
					out.WriteString(escapeInline(t))
				}
				break
			}
			seg := escapeInline(t[:i])
			if first {
				seg = escape(t[:i])
			}
			if strings.HasSuffix(seg, "!") {
				seg = seg[:len(seg)-1] + `\!` // "![^1]()" would be an image
			}
			out.WriteString(seg)
			first = false
			out.WriteString("[^" + t[i+len(mark):i+len(mark)+j] + "]")
			t = t[i+len(mark)+j+len(mark):]
		}
		return out.String()
	}
	for i, blk := range r.Blocks {
		if blk.Text == "" && len(blk.Notes) == 0 {
			continue
		}
		switch blk.Kind {
		case Heading:
			h := inline(blk.Text)
			if strings.HasSuffix(h, "#") {
				h = h[:len(h)-1] + `\#`
			}
			b.WriteString("# " + h + "\n")
		case Quote:
			b.WriteString("> " + inline(blk.Text) + "\n")
		case Bullet:
			b.WriteString("- " + inline(blk.Text) + "\n")
		case Ordered:
			m := orderedRe().FindStringSubmatchIndex(blk.Text)
			rest := strings.TrimLeft(blk.Text[m[3]+1:], " ")
			b.WriteString(strconv.Itoa(blk.Number) + ". " + inline(rest) + "\n")
		case Byline:
			b.WriteString(inline(blk.Text) + "\n{.byline}\n")
		default:
			if blk.Text != "" {
				b.WriteString(inline(blk.Text) + "\n")
			}
		}
		next := i + 1
		listGoesOn := next < len(r.Blocks) && len(blk.Notes) == 0 &&
			(blk.Kind == Bullet || blk.Kind == Ordered) && r.Blocks[next].Kind == blk.Kind
		if !listGoesOn {
			b.WriteByte('\n')
		}
		for _, n := range blk.Notes {
			b.WriteString("[^" + n.Label + "]: " + escape(n.Text) + "\n\n")
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// markOf recovers the sentinel the segmenter used (the first private-use
// character absent from the text).
func markOf(r *Result) string { return pickMark(r.Text) }

var (
	entityRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)
	})
	// blockStartRe matches what would open a Markdown block other than a
	// paragraph at the start of a line: a heading, quotation, list item,
	// thematic break, setext underline, code fence, HTML, attribute line or
	// footnote definition.
	orderedStart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,9})([.)])`) })
)

// escape makes t, which starts a block, literal Markdown text.
func escape(t string) string {
	if t == "" {
		return t
	}
	out := escapeInline(t)
	// Block starts. Inline escaping has handled *, _, `, [, <, \.
	switch out[0] {
	case '#', '>', '-', '+', '=', '~', '|', '{', ':', '%':
		return `\` + out
	}
	if m := orderedStart().FindStringSubmatchIndex(out); m != nil {
		return out[:m[3]] + `\` + out[m[3]:]
	}
	return out
}

// escapeInline backslash-escapes the characters that Markdown (CommonMark
// with footnotes, as press reads it) would take as markup inside a line:
// emphasis, code, links, footnote references, HTML, autolinks, entities and
// backslashes. Blanks are collapsed already. The one change to the text:
// "[^" becomes "[ ^", which press would take for a note reference however
// it is escaped.
func escapeInline(t string) string {
	var b strings.Builder
	b.Grow(len(t) + 8)
	for i := 0; i < len(t); {
		c := t[i]
		switch c {
		case '[':
			// "[^x]" stays note syntax to press's checks even escaped:
			// part it with a space.
			b.WriteString(`\[`)
			if i+1 < len(t) && t[i+1] == '^' {
				b.WriteByte(' ')
			}
			i++
			continue
		case '\\', '`', '*', '_', ']', '<':
			b.WriteByte('\\')
			b.WriteByte(c)
			i++
			continue
		case '&':
			if entityRe().MatchString(t[i:]) {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
			i++
			continue
		}
		_, n := utf8.DecodeRuneInString(t[i:])
		b.WriteString(t[i : i+n])
		i += n
	}
	return b.String()
}
