package epub

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"press/internal/diag"
	"press/internal/doc"
)

// xw builds one XHTML content document. Errors are sticky: the first one
// is kept and reported by finish.
type xw struct {
	bk    *book
	path  string // package-relative path of this document
	sb    strings.Builder
	ids   map[string]bool
	pos   doc.Pos // position of the block being written, for errors
	err   error
	marks []PageBreak // page breaks still to place in the current block
	plain int         // runes of running text written in the current block
}

// pageBreak writes a print page-break marker and records it for the
// page-list.
func (w *xw) pageBreak(label string) {
	id := "page-" + label
	w.raw(`<span epub:type="pagebreak" role="doc-pagebreak"`, w.idAttr(id), ` aria-label="`, escAttr(label), `"></span>`)
	w.bk.pageList = append(w.bk.pageList, pageRef{label: label, path: w.path, id: id})
}

// text writes running text, placing any page break that falls inside it.
func (w *xw) text(s string) {
	for len(w.marks) > 0 {
		m := w.marks[0]
		k := m.Offset - w.plain
		n := utf8.RuneCountInString(s)
		if k > n {
			break
		}
		cut := len(s)
		if k < n {
			cut = 0
			for i := 0; i < k; i++ {
				_, size := utf8.DecodeRuneInString(s[cut:])
				cut += size
			}
		}
		w.raw(escText(s[:cut]))
		w.plain += utf8.RuneCountInString(s[:cut])
		s = s[cut:]
		w.pageBreak(m.Label)
		w.marks = w.marks[1:]
	}
	w.raw(escText(s))
	w.plain += utf8.RuneCountInString(s)
}

func (bk *book) newDoc(p string) *xw {
	return &xw{bk: bk, path: p, ids: map[string]bool{}}
}

func (w *xw) raw(s ...string) {
	for _, x := range s {
		w.sb.WriteString(x)
	}
}

func (w *xw) indent(depth int) {
	for range depth {
		w.sb.WriteByte('\t')
	}
}

func (w *xw) fail(format string, args ...any) {
	if w.err != nil {
		return
	}
	msg := fmt.Sprintf(format, args...)
	if w.pos.File != "" {
		msg = fmt.Sprintf("%s:%d: %s", w.pos.File, w.pos.Line, msg)
	}
	w.err = fmt.Errorf("epub: %s: %s", w.path, msg)
}

// failUser reports a mistake in the manuscript: at its file and line with
// a hint, as press reports every book error, when the position is known.
func (w *xw) failUser(hint, format string, args ...any) {
	if w.err != nil || w.pos.File == "" {
		w.fail(format, args...)
		return
	}
	w.err = diag.Errorf(w.pos.File, w.pos.Line, hint, format, args...)
}

// idAttr registers id in this document and returns ` id="…"`, or "" for
// an empty id.
func (w *xw) idAttr(id string) string {
	if id == "" {
		return ""
	}
	if w.ids[id] {
		w.fail("duplicate id %q", id)
	}
	w.ids[id] = true
	return ` id="` + escAttr(id) + `"`
}

// head writes everything up to and including the <body> start tag.
func (w *xw) head(title, bodyType string) {
	lang := escAttr(w.bk.lang)
	w.raw(`<?xml version="1.0" encoding="utf-8"?>`, "\n",
		`<!DOCTYPE html>`, "\n",
		`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="`, lang, `" xml:lang="`, lang, `">`, "\n",
		"<head>\n",
		"\t<title>", escText(oneLine(title)), "</title>\n")
	if w.bk.css != nil {
		w.raw("\t", `<link rel="stylesheet" type="text/css" href="`, rel(w.path, bookCSSPath), `"/>`, "\n")
	}
	w.raw("</head>\n")
	if bodyType != "" {
		w.raw(`<body epub:type="`, bodyType, `">`, "\n")
	} else {
		w.raw("<body>\n")
	}
}

func (w *xw) finish() ([]byte, error) {
	w.raw("</body>\n</html>\n")
	if w.err != nil {
		return nil, w.err
	}
	return []byte(w.sb.String()), nil
}

func (w *xw) blocks(bls []doc.Block, depth int) {
	for _, bl := range bls {
		w.block(bl, depth, "")
	}
}

// block writes one block on its own line(s). tail is raw markup appended
// at the end of a paragraph (the backlink of a note).
func (w *xw) block(bl doc.Block, depth int, tail string) {
	w.indent(depth)
	switch n := bl.(type) {
	case *doc.Heading:
		w.pos = n.Pos
		lv := strconv.Itoa(min(max(n.Level, 1), 6))
		w.raw("<h", lv, w.idAttr(n.ID), ">")
		w.markedInlines(bl, n.Content)
		w.raw(tail, "</h", lv, ">\n")
	case *doc.Para:
		w.pos = n.Pos
		w.raw("<p", classAttr(n.Class), ">")
		w.markedInlines(bl, n.Content)
		w.raw(tail, "</p>\n")
	case *doc.Quote:
		w.pos = n.Pos
		w.raw("<blockquote>\n")
		w.blocks(n.Blocks, depth+1)
		w.indent(depth)
		w.raw("</blockquote>\n")
	case *doc.List:
		w.pos = n.Pos
		tag := "ul"
		// A loose list (blank lines between its items) has space between
		// its items, as in print: the stylesheet's ".loose".
		loose := ""
		if !n.Tight {
			loose = ` class="loose"`
		}
		if n.Ordered {
			tag = "ol"
			if n.Start != 0 && n.Start != 1 {
				w.raw(`<ol`, loose, ` start="`, strconv.Itoa(n.Start), `">`, "\n")
			} else {
				w.raw("<ol", loose, ">\n")
			}
		} else {
			w.raw("<ul", loose, ">\n")
		}
		for _, it := range n.Items {
			w.indent(depth + 1)
			// A task of a bulleted list shows its box, not a bullet, as
			// GitHub shows it.
			li := "<li>"
			if !n.Ordered && doc.TaskBoxOf(it) != nil {
				li = `<li class="task-item">`
			}
			if len(it) == 1 {
				if p, ok := it[0].(*doc.Para); ok {
					// A one-paragraph item stays on one line; in a tight
					// list, without a paragraph, so it is set close.
					w.pos = p.Pos
					if n.Tight && p.Class == "" {
						w.raw(li)
						w.markedInlines(p, p.Content)
						w.raw("</li>\n")
						continue
					}
					w.raw(li, "<p", classAttr(p.Class), ">")
					w.markedInlines(p, p.Content)
					w.raw("</p></li>\n")
					continue
				}
			}
			if len(it) == 0 {
				w.raw("<li></li>\n")
				continue
			}
			w.raw(li, "\n")
			w.blocks(it, depth+2)
			w.indent(depth + 1)
			w.raw("</li>\n")
		}
		w.indent(depth)
		w.raw("</", tag, ">\n")
	case *doc.DefList:
		w.pos = n.Pos
		w.raw("<dl>\n")
		for _, it := range n.Items {
			w.block(it.Term, depth+1, "")
			for _, def := range it.Defs {
				w.indent(depth + 1)
				if len(def) == 1 {
					if p, ok := def[0].(*doc.Para); ok && p.Class == "" {
						// A one-paragraph definition stays on one line.
						w.pos = p.Pos
						w.raw("<dd>")
						w.markedInlines(p, p.Content)
						w.raw("</dd>\n")
						continue
					}
				}
				w.raw("<dd>\n")
				w.blocks(def, depth+2)
				w.indent(depth + 1)
				w.raw("</dd>\n")
			}
		}
		w.indent(depth)
		w.raw("</dl>\n")
	case *doc.DefTerm:
		// Only ever inside a DefList.
		w.pos = n.Pos
		w.raw("<dt>")
		w.markedInlines(bl, n.Content)
		w.raw(tail, "</dt>\n")
	case *doc.CodeBlock:
		w.pos = n.Pos
		// A print page that begins inside the block is marked before it.
		w.marks = w.bk.breaks[bl]
		w.flushMarks()
		if l := n.Listing; l != nil {
			w.raw(`<figure class="listing">`)
			if l.File != "" {
				w.raw(`<div class="listing-file">Filename: <code>`, escText(l.File), "</code></div>")
			}
		}
		w.raw("<pre><code>", escText(strings.TrimRight(n.Text, "\n")), "</code></pre>\n")
		if l := n.Listing; l != nil {
			if label := listingLabel(l); label != "" || len(l.Caption) > 0 {
				w.raw("<figcaption>")
				if label != "" {
					w.raw(`<span class="label">`, escText(label), `</span>`)
					if len(l.Caption) > 0 {
						w.raw(" ")
					}
				}
				for _, r := range w.inlines(l.Caption, false) {
					w.noteRef(r)
				}
				w.raw("</figcaption>")
			}
			w.raw("</figure>\n")
		}
	case *doc.Break:
		w.pos = n.Pos
		w.raw("<hr/>\n")
	case *doc.Table:
		w.pos = n.Pos
		w.table(n, depth)
	case *doc.Figure:
		w.pos = n.Pos
		w.marks, w.plain = w.bk.breaks[bl], 0
		w.flushMarks() // a printed page that begins with the figure
		if n.Decorative {
			w.raw(`<figure class="decorative"`, w.idAttr(n.ID), `>`)
		} else {
			w.raw(`<figure`, w.idAttr(n.ID), `>`)
		}
		w.image(n.Image, n.Decorative, "")
		if len(n.Caption) > 0 || (w.bk.numbered && !n.Decorative) {
			w.raw("<figcaption>")
			if w.bk.numbered && !n.Decorative {
				w.raw(`<span class="label">Figure `, strconv.Itoa(n.Number), `.</span>`)
				if len(n.Caption) > 0 {
					w.raw(" ")
				}
			}
			for _, r := range w.inlines(n.Caption, false) {
				w.noteRef(r)
			}
			w.raw("</figcaption>")
		}
		w.raw("</figure>\n")
	default:
		w.fail("unknown block type %T", bl)
		w.raw("\n")
	}
}

// listingLabel is the label before a listed code block's caption,
// "Listing 1-1." as print has it, or "" when it has no number.
func listingLabel(l *doc.Listing) string {
	if l.Number == "" {
		return ""
	}
	return "Listing " + l.Number + "."
}

// classAttr returns ` class="…"` for a style role, keeping only tokens
// that are plain identifiers.
func classAttr(c string) string {
	var keep []string
	for _, tok := range strings.Fields(c) {
		if safeStem().MatchString(tok) {
			keep = append(keep, tok)
		}
	}
	if len(keep) == 0 {
		return ""
	}
	return ` class="` + strings.Join(keep, " ") + `"`
}

// inlines writes inline content. Inside a link, note references are held
// back and written after the link closes (links cannot nest).
func (w *xw) inlines(ins []doc.Inline, inLink bool) []*doc.NoteRef {
	var held []*doc.NoteRef
	for _, in := range ins {
		switch n := in.(type) {
		case *doc.Text:
			w.text(n.Text)
		case *doc.Emph:
			w.raw("<em>")
			held = append(held, w.inlines(n.Content, inLink)...)
			w.raw("</em>")
		case *doc.Strong:
			w.raw("<strong>")
			held = append(held, w.inlines(n.Content, inLink)...)
			w.raw("</strong>")
		case *doc.Code:
			w.raw("<code>")
			w.text(n.Text)
			w.raw("</code>")
		case *doc.TaskBox:
			if n.Checked {
				w.raw(`<span class="task" role="img" aria-label="done">☑</span> `)
			} else {
				w.raw(`<span class="task" role="img" aria-label="to do">☐</span> `)
			}
		case *doc.Anchor:
			w.raw("<span", w.idAttr(n.ID), "></span>")
		case *doc.Styled:
			switch n.Kind {
			case doc.Small, doc.Sup, doc.Sub, doc.Abbr, doc.Kbd, doc.Cite, doc.Q, doc.Del:
			default:
				w.fail("unknown phrase kind %q", n.Kind)
				continue
			}
			w.raw("<", string(n.Kind))
			if n.Title != "" {
				w.raw(` title="`, escAttr(oneLine(n.Title)), `"`)
			}
			w.raw(">")
			held = append(held, w.inlines(n.Content, inLink)...)
			w.raw("</", string(n.Kind), ">")
		case *doc.LineBreak:
			w.raw("<br/>")
			w.plain++ // PlainText counts a line break as one rune
		case *doc.Link:
			if inLink {
				// A link inside a link: keep the text only.
				held = append(held, w.inlines(n.Content, true)...)
				continue
			}
			w.raw(`<a href="`, escAttr(w.linkURL(n.URL)), `">`)
			if strings.TrimSpace(doc.PlainText(n.Content)) == "" {
				w.raw(escText(n.URL))
			}
			refs := w.inlines(n.Content, true)
			w.raw("</a>")
			for _, r := range refs {
				w.noteRef(r)
			}
		case *doc.NoteRef:
			if inLink {
				held = append(held, n)
				continue
			}
			w.noteRef(n)
		case *doc.Image:
			w.image(n, false, "inline")
		default:
			w.fail("unknown inline type %T", in)
		}
	}
	return held
}

// table writes a pipe table inside a box that scrolls sideways when the
// table is wider than the screen. A printed page that begins inside the
// table is marked at the start of the row it begins with (PageBreak
// Offset k: before body row k; 0: before the table).
func (w *xw) table(t *doc.Table, depth int) {
	marks := w.bk.breaks[t]
	w.marks = nil
	flush := func(row int) {
		for len(marks) > 0 && marks[0].Offset <= row {
			w.pageBreak(marks[0].Label)
			marks = marks[1:]
		}
	}
	flush(0)
	align := func(c int) string {
		a := doc.AlignNone
		if c < len(t.Align) {
			a = t.Align[c]
		}
		switch {
		case a == doc.AlignRight, a == doc.AlignNone && t.Numeric(c):
			return ` class="right"`
		case a == doc.AlignCenter:
			return ` class="center"`
		}
		return ""
	}
	cells := func(head bool, row [][]doc.Inline, bodyRow int) {
		for c := range len(t.Align) {
			// A head cell with nothing in it (the corner above a column
			// of row labels) is no column's header: a <td>, as WAI's
			// tables tutorial writes it, not an empty <th> that screen
			// readers would announce with every cell below it.
			tag := "td"
			if head && c < len(row) && len(row[c]) > 0 {
				tag = "th"
			}
			w.raw("<", tag)
			if tag == "th" {
				w.raw(` scope="col"`)
			}
			w.raw(align(c), ">")
			if c == 0 && bodyRow > 0 {
				flush(bodyRow)
			}
			if c < len(row) {
				for _, r := range w.inlines(row[c], false) {
					w.noteRef(r)
				}
			}
			w.raw("</", tag, ">")
		}
	}
	w.raw(`<div class="table">`, "\n")
	w.indent(depth + 1)
	w.raw("<table", w.idAttr(t.ID), ">\n")
	if len(t.Caption) > 0 || w.bk.numberTables {
		w.indent(depth + 2)
		w.raw("<caption>")
		if w.bk.numberTables {
			w.raw(`<span class="label">Table `, strconv.Itoa(t.Number), `.</span>`)
			if len(t.Caption) > 0 {
				w.raw(" ")
			}
		}
		for _, r := range w.inlines(t.Caption, false) {
			w.noteRef(r)
		}
		w.raw("</caption>\n")
	}
	w.indent(depth + 2)
	w.raw("<thead><tr>")
	cells(true, t.Head, 0)
	w.raw("</tr></thead>\n")
	w.indent(depth + 2)
	w.raw("<tbody>\n")
	for i, row := range t.Rows {
		w.indent(depth + 3)
		w.raw("<tr>")
		cells(false, row, i+1)
		w.raw("</tr>\n")
	}
	w.indent(depth + 2)
	w.raw("</tbody>\n")
	w.indent(depth + 1)
	w.raw("</table>\n")
	for _, m := range marks {
		w.pageBreak(m.Label)
	}
	w.indent(depth)
	w.raw("</div>\n")
}

// image writes an <img> of a picture stored in the package. A decorative
// picture gets an empty alt text, which tells assistive technology to skip
// it (a presentation role beside it is redundant, and HTML forbids it).
func (w *xw) image(im *doc.Image, decorative bool, class string) {
	pic := w.bk.images[im.Path]
	if pic == nil {
		w.fail("image %q is not in the package", im.Path)
		return
	}
	alt := im.Alt
	if decorative {
		alt = ""
	}
	w.raw(`<img src="`, escAttr(rel(w.path, pic.path)), `" alt="`, escAttr(oneLine(alt)), `"`)
	if class != "" {
		w.raw(` class="`, class, `"`)
	}
	if im.Width > 0 && im.Height > 0 {
		// The intrinsic size lets reading systems reserve the space.
		w.raw(` width="`, strconv.Itoa(int(im.Width+0.5)), `" height="`, strconv.Itoa(int(im.Height+0.5)), `"`)
	}
	w.raw("/>")
}

// markedInlines writes the running text of block bl with the print
// page breaks that fall in it, those at its very end included.
func (w *xw) markedInlines(bl doc.Block, content []doc.Inline) {
	w.marks, w.plain = w.bk.breaks[bl], 0
	w.inlines(content, false)
	w.flushMarks()
}

// flushMarks places page breaks that fall at the very end of a block.
func (w *xw) flushMarks() {
	for _, m := range w.marks {
		w.pageBreak(m.Label)
	}
	w.marks = nil
}

func (w *xw) noteRef(r *doc.NoteRef) {
	n := r.Note
	if n == nil || n.Number == 0 {
		w.fail("unnumbered note reference")
		return
	}
	w.raw(`<a href="`, escAttr(href(w.path, notesPath, n.ID)), `"`, w.idAttr(n.RefID),
		` class="noteref" epub:type="noteref" role="doc-noteref">`, strconv.Itoa(n.Number), `</a>`)
}

// linkURL resolves a link target: "#id" to the document holding the
// anchor (a heading, note or note reference, or a section id for the top
// of its document), and absolute URLs as they are.
func (w *xw) linkURL(u string) string {
	if frag, ok := strings.CutPrefix(u, "#"); ok {
		id := frag
		if dec, err := url.PathUnescape(frag); err == nil {
			id = dec
		}
		if p, ok := w.bk.docOf[id]; ok {
			return href(w.path, p, id)
		}
		if p, ok := w.bk.files[id]; ok {
			return rel(w.path, p)
		}
		w.failUser("link to a heading's id (#id) or to a full web address (https://…)", "link to unknown anchor %q", u)
		return u
	}
	pu, err := url.Parse(u)
	if err != nil || pu.Scheme == "" {
		w.failUser("link to a heading's id (#id) or to a full web address (https://…)", "link %q is neither an anchor (#id) nor an absolute URL", u)
		return u
	}
	return pu.String()
}

// partTitle is the title of a part's section, or the book's for a section
// without a heading: the document's <title>.
func (bk *book) partTitle(pt part) string {
	if title := oneLine(pt.sec.Title()); title != "" {
		return title
	}
	return oneLine(bk.b.Meta.Title)
}

// partName is the name of a part's chapter landmark: its title, marked as
// continued for the parts after the one with the heading.
func (bk *book) partName(pt part) string {
	if !pt.first {
		return bk.partTitle(pt) + " (continued)"
	}
	return bk.partTitle(pt)
}

// sectionDoc renders one document of a body section.
func (bk *book) sectionDoc(pt part) ([]byte, error) {
	s := pt.sec
	w := bk.newDoc(pt.path)
	w.head(bk.partTitle(pt), "bodymatter")
	w.raw("\t", `<section epub:type="chapter" role="doc-chapter"`)
	if pt.first && s.Heading != nil && s.Heading.ID != "" {
		w.raw(` aria-labelledby="`, escAttr(s.Heading.ID), `">`, "\n")
	} else {
		w.raw(` aria-label="`, escAttr(bk.partName(pt)), `">`, "\n")
	}
	if pt.first && s.Heading != nil {
		w.block(s.Heading, 2, "")
	}
	w.blocks(pt.blocks, 2)
	w.raw("\t</section>\n")
	return w.finish()
}

// coverDoc renders the cover: the picture alone, with its description.
func (bk *book) coverDoc() ([]byte, error) {
	w := bk.newDoc(coverPath)
	w.head("Cover", "cover")
	w.raw("\t", `<section class="cover" epub:type="cover" aria-label="Cover">`, "\n")
	w.raw("\t\t", `<img src="`, escAttr(rel(coverPath, bk.coverImagePath())), `" alt="`, escAttr(oneLine(bk.cover.Alt)), `"/>`, "\n")
	w.raw("\t</section>\n")
	return w.finish()
}

// titleDoc renders the title page with the colophon line.
func (bk *book) titleDoc() ([]byte, error) {
	m := bk.b.Meta
	w := bk.newDoc(titlePath)
	w.head(m.Title, "frontmatter")
	w.raw("\t", `<section class="titlepage" epub:type="titlepage" aria-labelledby="titlepage-title">`, "\n")
	w.raw("\t\t<h1", w.idAttr("titlepage-title"), ` epub:type="title">`)
	if l, ok := bk.front["title"]; ok {
		w.pageBreak(l)
	}
	w.raw(escText(oneLine(m.Title)), "</h1>\n")
	if t := oneLine(m.Subtitle); t != "" {
		w.raw("\t\t", `<p class="subtitle" epub:type="subtitle" role="doc-subtitle">`, escText(t), "</p>\n")
	}
	for _, a := range m.Authors {
		if a = oneLine(a); a != "" {
			w.raw("\t\t", `<p class="author">`, escText(a), "</p>\n")
		}
	}
	if p := oneLine(m.Publisher); p != "" {
		w.raw("\t\t", `<p class="publisher">`, escText(p), "</p>\n")
	}
	var colophon []string
	if r := oneLine(m.Rights); r != "" {
		colophon = append(colophon, escText(r))
	}
	for _, c := range m.Credits() {
		colophon = append(colophon, escText(oneLine(c)))
	}
	if !m.Date.IsZero() {
		d := m.Date.Format("2006-01-02")
		colophon = append(colophon, `<time datetime="`+d+`">`+m.Date.Format("2 January 2006")+`</time>`)
	}
	if len(colophon) > 0 {
		w.raw("\t\t", `<p class="colophon">`)
		if l, ok := bk.front["colophon"]; ok {
			w.pageBreak(l)
		}
		w.raw(strings.Join(colophon, "<br/>"), "</p>\n")
	}
	w.raw("\t</section>\n")
	return w.finish()
}

// notesDoc renders endnotes.xhtml: every note with a backlink at the end
// of its last paragraph.
func (bk *book) notesDoc() ([]byte, error) {
	w := bk.newDoc(notesPath)
	w.head(notesTitle, "backmatter")
	w.raw("\t", `<section class="endnotes" epub:type="endnotes" role="doc-endnotes" aria-labelledby="endnotes-title">`, "\n")
	w.raw("\t\t<h1", w.idAttr("endnotes-title"), ">")
	if l, ok := bk.front["notes"]; ok {
		w.pageBreak(l)
	}
	w.raw(notesTitle, "</h1>\n")
	w.raw("\t\t<ol>\n")
	for _, n := range bk.b.Notes {
		back := `<a href="` + escAttr(href(notesPath, bk.refDoc[n.RefID], n.RefID)) +
			`" class="backlink" epub:type="backlink" role="doc-backlink" aria-label="Back to note ` +
			strconv.Itoa(n.Number) + ` reference">` + escText(bk.backlinkText()) + `</a>`
		w.raw("\t\t\t<li", w.idAttr(n.ID), ` epub:type="endnote">`, "\n")
		last := len(n.Blocks) - 1
		for i, bl := range n.Blocks {
			if i == last {
				if _, ok := bl.(*doc.Para); ok {
					w.block(bl, 4, " "+back)
					back = ""
					continue
				}
			}
			w.block(bl, 4, "")
		}
		if back != "" {
			w.raw("\t\t\t\t", `<p class="backlink">`, back, "</p>\n")
		}
		w.raw("\t\t\t</li>\n")
	}
	w.raw("\t\t</ol>\n")
	w.raw("\t</section>\n")
	return w.finish()
}

// tocEntries returns the contents tree, synthesising one entry per
// section when the book has none.
func (bk *book) tocEntries() []*doc.TOCEntry {
	if len(bk.b.TOC) > 0 {
		return bk.b.TOC
	}
	var es []*doc.TOCEntry
	for _, s := range bk.b.Sections {
		e := &doc.TOCEntry{Title: s.Title(), SectionID: s.ID, Level: 1}
		if s.Heading != nil {
			e.Anchor = s.Heading.ID
		}
		es = append(es, e)
	}
	return es
}

// entryTitle is the label of a contents entry, never empty.
func (bk *book) entryTitle(e *doc.TOCEntry) string {
	if t := oneLine(e.Title); t != "" {
		return t
	}
	return oneLine(bk.b.Meta.Title)
}

// navDoc renders the EPUB 3 navigation document.
func (bk *book) navDoc() ([]byte, error) {
	w := bk.newDoc(navPath)
	w.head(contentsTitle, "")
	w.raw("\t<nav", w.idAttr("toc"), ` epub:type="toc" role="doc-toc" aria-labelledby="toc-title">`, "\n")
	w.raw("\t\t<h1", w.idAttr("toc-title"), ">", contentsTitle, "</h1>\n")
	w.raw("\t\t<ol>\n")
	var list func(es []*doc.TOCEntry, depth int)
	list = func(es []*doc.TOCEntry, depth int) {
		for _, e := range es {
			w.indent(depth)
			w.raw(`<li><a href="`, escAttr(bk.entryHref(navPath, e)), `">`, escText(bk.entryTitle(e)), "</a>")
			if len(e.Children) > 0 {
				w.raw("\n")
				w.indent(depth + 1)
				w.raw("<ol>\n")
				list(e.Children, depth+2)
				w.indent(depth + 1)
				w.raw("</ol>\n")
				w.indent(depth)
			}
			w.raw("</li>\n")
		}
	}
	list(bk.tocEntries(), 3)
	if len(bk.b.Notes) > 0 {
		w.raw("\t\t\t", `<li><a href="`, notesPath, `">`, notesTitle, "</a></li>\n")
	}
	w.raw("\t\t</ol>\n\t</nav>\n")

	if len(bk.pageList) > 0 {
		w.raw("\t<nav", w.idAttr("page-list"), ` epub:type="page-list" role="doc-pagelist" aria-labelledby="page-list-title" hidden="hidden">`, "\n")
		w.raw("\t\t<h2", w.idAttr("page-list-title"), ">Pages</h2>\n")
		w.raw("\t\t<ol>\n")
		for _, p := range bk.pageList {
			w.raw("\t\t\t", `<li><a href="`, escAttr(href(navPath, p.path, p.id)), `">`, escText(p.label), "</a></li>\n")
		}
		w.raw("\t\t</ol>\n\t</nav>\n")
	}
	w.raw("\t<nav", w.idAttr("landmarks"), ` epub:type="landmarks" aria-labelledby="landmarks-title" hidden="hidden">`, "\n")
	w.raw("\t\t<h2", w.idAttr("landmarks-title"), ">Landmarks</h2>\n")
	w.raw("\t\t<ol>\n")
	if bk.cover != nil {
		w.raw("\t\t\t", `<li><a href="`, coverPath, `" epub:type="cover">Cover</a></li>`, "\n")
	}
	w.raw("\t\t\t", `<li><a href="`, titlePath, `" epub:type="titlepage">Title Page</a></li>`, "\n")
	first := bk.files[bk.b.Sections[0].ID]
	w.raw("\t\t\t", `<li><a href="`, escAttr(rel(navPath, first)), `" epub:type="bodymatter">Start of Text</a></li>`, "\n")
	if len(bk.b.Notes) > 0 {
		w.raw("\t\t\t", `<li><a href="`, notesPath, `" epub:type="endnotes">`, notesTitle, "</a></li>\n")
	}
	w.raw("\t\t</ol>\n\t</nav>\n")
	return w.finish()
}

func (bk *book) backlinkText() string {
	if bk.backlink == "" {
		return DefaultBacklink
	}
	return bk.backlink
}
