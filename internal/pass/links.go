package pass

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"unicode"

	"press/internal/diag"
	"press/internal/doc"
)

// Links resolves the book's internal links, so both editions can follow
// them: a link to another chapter file ("03-history.md#early-years", or
// "03-history.md" for its start) becomes a link to the anchor ("#…"), and
// a link whose target is nowhere in the book is a warning, its text kept
// without the link.
func Links(b *doc.Book) []*diag.Warning {
	ids := map[string]bool{}
	alias := map[string]string{} // a heading's id as GitHub or mdBook would make it → press's
	aka := func(h *doc.Heading) {
		if a := githubSlug(doc.PlainText(h.Content)); a != h.ID {
			if _, taken := alias[a]; !taken {
				alias[a] = h.ID
			}
		}
	}
	fileStart := map[string]string{} // manuscript file (slash path) → first anchor in it
	claim := func(file, id string) {
		if file == "" || id == "" {
			return
		}
		f := filepath.ToSlash(filepath.Clean(file))
		if _, ok := fileStart[f]; !ok {
			fileStart[f] = id
		}
	}
	for _, s := range b.Sections {
		ids[s.ID] = true
		if s.Heading != nil {
			claim(s.Heading.Pos.File, s.ID)
			aka(s.Heading)
		}
		doc.WalkBlocks(s.Blocks, func(bl doc.Block) {
			if h, ok := bl.(*doc.Heading); ok {
				ids[h.ID] = true
				claim(h.Pos.File, h.ID)
				aka(h)
			}
			if p := doc.PosOf(bl); p.File != "" {
				claim(p.File, s.ID)
			}
		})
	}
	for _, a := range Anchors(b) {
		ids[a.ID] = true
	}
	for _, n := range b.Notes {
		ids[n.ID], ids[n.RefID] = true, true
	}
	var warns []*diag.Warning
	fix := func(blocks []doc.Block) {
		doc.WalkBlocks(blocks, func(bl doc.Block) {
			pos := doc.PosOf(bl)
			keep := func(l *doc.Link) bool {
				target, ok := resolve(l.URL, pos.File, fileStart)
				if !ok {
					return true // a web address, or not a link press can check
				}
				id := strings.TrimPrefix(target, "#")
				if a, ok := alias[id]; ok && !ids[id] {
					id, target = a, "#"+a
				}
				if !ids[id] {
					at := pos
					if l.Pos.Line > 0 {
						at = l.Pos // the link's own line, not its paragraph's first
					}
					warns = append(warns, diag.Errorf(at.File, at.Line, "link to a heading's id (#id), an anchor, another chapter file (file.md#id) or a full web address; the text is kept without the link",
						"link %q leads nowhere in the book", l.URL))
					return false
				}
				l.URL = target
				return true
			}
			switch n := bl.(type) {
			case *doc.Heading:
				n.Content = rewrite(n.Content, keep)
			case *doc.Para:
				n.Content = rewrite(n.Content, keep)
			case *doc.DefTerm:
				n.Content = rewrite(n.Content, keep)
			}
		})
	}
	for _, s := range b.Sections {
		if s.Heading != nil {
			fix([]doc.Block{s.Heading})
		}
		fix(s.Blocks)
	}
	for _, n := range b.Notes {
		fix(n.Blocks)
	}
	return warns
}

// resolve turns an internal link into "#id" ("#" when it leads nowhere
// in the book); ok is false for links to the web (with a scheme or host).
// A link to a chapter file may name it as Markdown or, as mdBook's
// manuscripts do, as the HTML page made from it ("ch04-01.html#rules").
func resolve(u, from string, fileStart map[string]string) (string, bool) {
	if strings.HasPrefix(u, "#") {
		frag := u[1:]
		if dec, err := url.PathUnescape(frag); err == nil {
			frag = dec
		}
		return "#" + frag, true
	}
	pu, err := url.Parse(u)
	if err != nil || pu.Scheme != "" || pu.Host != "" {
		return "", false
	}
	file := path.Clean(path.Join(path.Dir(filepath.ToSlash(from)), pu.Path))
	stem := strings.TrimSuffix(file, path.Ext(file))
	for _, ext := range []string{"", ".md", ".markdown"} {
		switch strings.ToLower(path.Ext(file)) {
		case ".md", ".markdown", ".html", ".htm":
		default:
			return "#", true
		}
		name := file
		if ext != "" {
			name = stem + ext
		}
		if start, ok := fileStart[name]; ok {
			if pu.Fragment != "" {
				return "#" + pu.Fragment, true
			}
			return "#" + start, true
		}
	}
	return "#", true
}

// rewrite calls keep for every link in ins and returns ins with each
// link it refuses replaced by the link's text.
func rewrite(ins []doc.Inline, keep func(*doc.Link) bool) []doc.Inline {
	out := ins[:0:0]
	for _, in := range ins {
		switch n := in.(type) {
		case *doc.Link:
			n.Content = rewrite(n.Content, keep)
			if !keep(n) {
				out = append(out, n.Content...)
				continue
			}
		case *doc.Emph:
			n.Content = rewrite(n.Content, keep)
		case *doc.Strong:
			n.Content = rewrite(n.Content, keep)
		case *doc.Styled:
			n.Content = rewrite(n.Content, keep)
		}
		out = append(out, in)
	}
	return out
}

// githubSlug is the id GitHub, mdBook and pandoc's gfm give a heading:
// lower case, punctuation dropped, each space a hyphen. Authors link to
// headings by these.
func githubSlug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}
