package layout

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"press/internal/diag"
	"press/internal/doc"
	"press/internal/page"
	"press/internal/typeset"
)

// paraSpec describes how one paragraph is set and stacked.
type paraSpec struct {
	size, leading page.SP
	x, width      page.SP // left offset and measure inside the text block
	indent        page.SP
	align         typeset.Align
	hyphenate     bool
	heading       bool
	font          string    // base face
	block         doc.Block // the block set, for marking where pages start
}

// inlineSpans converts inlines to typeset spans in the base face.
func (lo *layouter) inlineSpans(ins []doc.Inline, base string, size page.SP) []typeset.Span {
	var out []typeset.Span
	off := 0 // runes of running text so far, as doc.PlainText counts them
	// run is the style in force while walking the inlines.
	type run struct {
		face        string
		size, raise page.SP
		link        string
		external    bool
		strike      bool
	}
	span := func(s string, r run, rule typeset.BreakRule) {
		out = append(out, typeset.Span{Text: s, Style: typeset.Style{Font: r.face, Size: r.size, Raise: r.raise, Strike: r.strike}, Link: r.link, External: r.external, Source: off, Breaks: rule})
		off += utf8.RuneCountInString(s)
	}
	// text sets running text; the web addresses in it break by their rule.
	text := func(s string, r run) {
		at := 0
		var found [][]int
		if strings.Contains(s, "://") || strings.Contains(s, "www.") {
			// Every address has one of the two; most text neither,
			// and the pattern is slow to find nothing.
			found = webAddress().FindAllStringIndex(s, -1)
		}
		for _, m := range found {
			if m[0] > at {
				span(s[at:m[0]], r, typeset.BreakWords)
			}
			span(s[m[0]:m[1]], r, typeset.BreakURL)
			at = m[1]
		}
		if at < len(s) {
			span(s[at:], r, typeset.BreakWords)
		}
	}
	extra := func(s string, r run) { // text the manuscript does not hold
		out = append(out, typeset.Span{Text: s, Style: typeset.Style{Font: r.face, Size: r.size, Raise: r.raise, Strike: r.strike}, Link: r.link, External: r.external, Source: -1})
	}
	var walk func(ins []doc.Inline, r run)
	walk = func(ins []doc.Inline, r run) {
		for _, in := range ins {
			switch n := in.(type) {
			case *doc.Text:
				text(n.Text, r)
			case *doc.Code:
				code := r
				code.face, code.size = Mono, r.size*codeScale/100
				span(n.Text, code, typeset.BreakCode)
			case *doc.TaskBox:
				if !lo.hungBoxes[n] {
					extra(taskMark(n)+"\u00a0", run{face: Mono, size: r.size})
				}
			case *doc.Emph:
				in := r
				in.face = toggleItalic(r.face)
				walk(n.Content, in)
			case *doc.Strong:
				in := r
				in.face = makeBold(r.face)
				walk(n.Content, in)
			case *doc.Link:
				in := r
				if id, ok := strings.CutPrefix(n.URL, "#"); ok {
					in.link, in.external = id, false
				} else {
					in.link, in.external = n.URL, true
				}
				walk(n.Content, in)
				if in.external && lo.endnoteAddresses() && !lo.inNotes && showAddress(n) {
					// The address goes to the back; a mark says so.
					out = append(out, lo.addressMark(n, r.size))
				} else if in.external && (lo.l.Pages.LinkAddresses == "inline" || lo.endnoteAddresses()) && showAddress(n) {
					// Paper cannot be clicked: the address follows its text.
					plain := run{face: r.face, size: r.size, raise: r.raise}
					extra(" (", plain)
					out = append(out, typeset.Span{Text: n.URL, Style: typeset.Style{Font: r.face, Size: r.size, Raise: r.raise}, Link: n.URL, External: true, Source: -1, Breaks: typeset.BreakURL})
					extra(")", plain)
				}
				if !in.external && lo.l.Pages.PageRefs {
					// A cross-reference in print: the page its target is
					// on, found by the previous pass ("00" in the first,
					// about the room it will take), unless the
					// reference is on that page itself; an anchor marks
					// where the reference ends, to find its page.
					key := lo.xrefAnchor(n)
					out = append(out, typeset.Span{Anchor: key, Style: typeset.Style{Font: r.face, Size: r.size}, Source: -1})
					if ref := lo.pageRef(in.link, key); ref != "" {
						extra(" "+ref, run{face: r.face, size: r.size, raise: r.raise, link: in.link})
					}
				}
			case *doc.LineBreak:
				text(" ", run{face: r.face, size: r.size}) // PlainText counts it as one rune too
			case *doc.NoteRef:
				out = append(out, lo.noteMark(n.Note, r.size))
			case *doc.Anchor:
				out = append(out, typeset.Span{Anchor: n.ID, Style: typeset.Style{Font: r.face, Size: r.size}, Source: -1})
			case *doc.Styled:
				in := r
				switch n.Kind {
				case doc.Small:
					in.size = r.size * 85 / 100
				case doc.Sup:
					in.size, in.raise = r.size*70/100, r.raise+r.size*33/100
				case doc.Sub:
					in.size, in.raise = r.size*70/100, r.raise-r.size*15/100
				case doc.Cite:
					in.face = toggleItalic(r.face)
				case doc.Del:
					in.strike = true
				}
				if n.Kind == doc.Q {
					extra("\u201c", r)
				}
				walk(n.Content, in)
				if n.Kind == doc.Q {
					extra("\u201d", r)
				}
			case *doc.Image:
				if sp, ok := lo.inlineImage(n, r.face, r.size); ok {
					sp.Link, sp.External = r.link, r.external
					out = append(out, sp)
				}
			}
		}
	}
	walk(ins, run{face: base, size: size})
	return out
}

// inlineImage is a picture inside a line of text: as tall as the face's
// capitals (or its own size at 96 px to the inch when that is smaller),
// its aspect ratio kept, standing on the baseline, so it never disturbs
// the leading.
func (lo *layouter) inlineImage(im *doc.Image, face string, size page.SP) (typeset.Span, bool) {
	if im.Width <= 0 || im.Height <= 0 {
		return typeset.Span{}, false
	}
	capH := size * 7 / 10
	if f, ok := lo.o.Fonts.Faces[face].(interface{ CapHeight() int }); ok && f.CapHeight() > 0 {
		capH = page.SP(int64(size) * int64(f.CapHeight()) / int64(lo.o.Fonts.Faces[face].UnitsPerEm()))
	}
	h := min(capH, page.FromPT(im.Height*0.75))
	w := page.SP(math.Round(float64(h) * im.Width / im.Height))
	if w > lo.g.measure {
		w, h = fitBox(im.Width, im.Height, lo.g.measure, h)
	}
	pic, ok := lo.picture(im, im.Pos, "inline image", w, h)
	if !ok {
		return typeset.Span{}, false
	}
	pic.Alt = im.Alt // read in the text's place
	return typeset.Span{Image: &pic, Style: typeset.Style{Font: face, Size: size}, Source: -1}, true
}

// pageRef is the page reference printed after a cross-reference to the
// anchor id, "(p.\u00a012)", from the page the previous pass put the
// anchor on: "(p.\u00a000)" in the first pass, "" when there is no such
// anchor or when the reference, whose own anchor is key, was on that
// page (the reader sees the target: as LaTeX's varioref, which says "on
// this page", but with nothing said). It records what it printed, for
// Stream to check.
func (lo *layouter) pageRef(id, key string) string {
	if lo.refsPrinted == nil {
		lo.refsPrinted = map[string]printedRef{}
	}
	if lo.refPages == nil {
		lo.refsPrinted[key] = printedRef{target: id}
		return "(p.\u00a000)"
	}
	n := lo.refPages[id]
	here := n != 0 && lo.refPages[key] == n
	lo.refsPrinted[key] = printedRef{target: id, page: n, here: here}
	if n == 0 || here {
		return ""
	}
	return "(p.\u00a0" + folio(n) + ")"
}

// xrefAnchor is the name of the anchor that marks where the
// cross-reference l is, the same in every pass.
func (lo *layouter) xrefAnchor(l *doc.Link) string {
	key, ok := lo.xrefs[l]
	if !ok {
		key = xrefPrefix + strconv.Itoa(len(lo.xrefs))
		lo.xrefs[l] = key
	}
	return key
}

// webAddress finds web addresses in running text, to break them only
// where a reader can tell the address goes on. It is compiled when a
// text first holds "://" or "www.", not when the program starts.
var webAddress = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:https?|ftp)://[^\s<>"]+[^\s<>".,;:!?)\]]|www\.[^\s<>"]+[^\s<>".,;:!?)\]]`)
})

// showAddress reports whether print should show a link's address: when
// its text is not the address itself (with or without the scheme).
func showAddress(l *doc.Link) bool {
	text := strings.TrimSpace(doc.PlainText(l.Content))
	if text == "" {
		return true
	}
	for _, u := range []string{l.URL, strings.TrimPrefix(strings.TrimPrefix(l.URL, "https://"), "http://"), strings.TrimPrefix(l.URL, "mailto:")} {
		if text == u || text == strings.TrimSuffix(u, "/") {
			return false
		}
	}
	return true
}

// striker is a face that knows where its strikeout stroke goes (the OS/2
// table's yStrikeoutPosition and yStrikeoutSize).
type striker interface {
	Strikeout() (pos, size int)
}

// strike is the rule through a struck-through run at baseline y: at the
// height and thickness the font's designer gave, or else through the
// middle of the lower-case letters.
func (lo *layouter) strike(r typeset.Run, x0, y page.SP) page.Rule {
	face := lo.o.Fonts.Faces[r.Style.Font]
	upem := face.UnitsPerEm()
	pos, size := upem*27/100, upem/20
	if s, ok := face.(striker); ok {
		pos, size = s.Strikeout()
	}
	top := y - r.Style.Raise - scale(pos, upem, r.Style.Size)
	return page.Rule{X: x0 + r.X, Y: top, W: r.W, H: max(scale(size, upem, r.Style.Size), page.PT/4)}
}

// codeScale is the size of monospaced type, in percent of the text around
// it: DejaVu Sans Mono's x-height is a fifth larger than Vollkorn's.
const codeScale = 85

// superiors are the font's superior figures, by digit.
var superiors = []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")

// noteMark is a note reference: the number in the font's superior figures
// (designed for the purpose, and at the body size, so text extraction keeps
// it with its word: "1962¹"), or, when the face lacks them, ordinary
// figures at 62% raised by a third of an em. It links to the note; its
// anchor lets the note link back.
func (lo *layouter) noteMark(n *doc.Note, size page.SP) typeset.Span {
	num := strconv.Itoa(n.Number)
	sup := make([]rune, 0, len(num))
	face := lo.o.Fonts.Faces[Regular]
	for _, d := range num {
		r := superiors[d-'0']
		if !face.HasGlyph(r) {
			sup = nil
			break
		}
		sup = append(sup, r)
	}
	span := typeset.Span{Link: n.ID, Anchor: n.RefID, NoBreak: true, Source: -1}
	if sup != nil {
		span.Text, span.Style = string(sup), typeset.Style{Font: Regular, Size: size}
	} else {
		span.Text, span.Style = num, typeset.Style{Font: Regular, Size: size * 62 / 100, Raise: size * 36 / 100}
	}
	return span
}

func toggleItalic(face string) string {
	switch face {
	case Regular:
		return Italic
	case Italic:
		return Regular
	case Bold:
		return BoldItalic
	}
	return Bold
}

func makeBold(face string) string {
	if face == Italic || face == BoldItalic {
		return BoldItalic
	}
	return Bold
}

// setPara sets spans and appends its lines to the list with widow and club
// penalties between them.
func (lo *layouter) setPara(list []vitem, spans []typeset.Span, ps paraSpec, anchors []string, pos doc.Pos) []vitem {
	res := lo.setter.Set(typeset.Paragraph{Spans: spans, Width: ps.width, Indent: ps.indent, Align: ps.align, Hyphenate: ps.hyphenate})
	if res.Overfull > 0 {
		lo.warns = append(lo.warns, diag.Errorf(pos.File, pos.Line, "allow hyphenation, shorten the word or widen the measure", "%d line(s) stick out of the measure (a word longer than the line?)", res.Overfull))
	}
	if k := len(list); k > 0 && list[k-1].kind == vBox && len(res.Lines) > 0 {
		// Between two paragraphs set close (no space between them, so no
		// glue to break at), the page may break freely: without this a
		// page of short paragraphs, as a novel's dialogue, has no legal
		// break at all.
		list = append(list, vitem{kind: vPenalty, penalty: 0})
	}
	lo.para++
	if ps.hyphenate && ps.align == typeset.Justify {
		lo.remember(spans, ps, lo.base+len(list), len(res.Lines))
	}
	n := len(res.Lines)
	for i := range res.Lines {
		if i > 0 {
			list = append(list, vitem{kind: vPenalty, penalty: lo.linePenalty(res.Lines, i, ps.heading)})
		}
		it := vitem{
			kind: vBox, line: &res.Lines[i], x: ps.x, advance: ps.leading, topskip: ps.size, size: ps.size,
			info:  page.LineInfo{Para: lo.para, Index: i, Last: i == n-1, Heading: ps.heading},
			block: ps.block,
		}
		if i == 0 {
			it.anchors = anchors
		}
		list = append(list, it)
	}
	return list
}

// linePenalty is the cost of a page break before line i of a paragraph:
// widow and club penalties. The cost of a break after a hyphen is the
// page builder's (see breakPages).
func (lo *layouter) linePenalty(lines []typeset.Line, i int, heading bool) int {
	if heading {
		return infPenalty
	}
	p := 0
	if i == 1 {
		p += lo.l.Pages.ClubPenalty
	}
	if i == len(lines)-1 {
		p += lo.l.Pages.WidowPenalty
	}
	return min(p, infPenalty)
}

// blockInlines returns the inline content of a note's block, flattening
// quotes and lists to their text (notes are short prose).
func blockInlines(bl doc.Block) []doc.Inline {
	var out []doc.Inline
	doc.WalkBlocks([]doc.Block{bl}, func(b doc.Block) {
		if ins := doc.Inlines(b); ins != nil {
			if len(out) > 0 {
				out = append(out, &doc.Text{Text: " "})
			}
			out = append(out, ins...)
		}
	})
	return out
}

// bodyList makes the vertical list of the body a piece at a time: each
// call appends a section's opening or one of its blocks to list, and
// reports whether more is to come.
func (lo *layouter) bodyList() func(list []vitem) ([]vitem, bool) {
	st := lo.st
	si, bi := 0, -1 // the section, and its next block (-1: its opening)
	afterHeading, anchor := true, ""
	return func(list []vitem) ([]vitem, bool) {
		if si >= len(lo.book.Sections) {
			return list, false
		}
		s := lo.book.Sections[si]
		lo.section = si
		if bi < 0 {
			if si > 0 && lo.l.Pages.NewPageForSections {
				list = append(list, vitem{kind: vPenalty, penalty: ejectPenalty})
			}
			list = append(list, vitem{kind: vMark, section: si})
			afterHeading = true
			if s.Heading != nil {
				// The heading's lines, at their own leading, take whole
				// lines of the text's: what is over goes half above them,
				// half below, so the text after a heading in mid-page
				// stays on the baseline grid of the text before it.
				spans := lo.restyle(lo.inlineSpans(s.Heading.Content, Italic, st.headingSize), StyleHeadings)
				lead := st.headingSize * 13 / 10
				set := lo.setPara(nil, spans, paraSpec{size: st.headingSize, leading: lead, width: lo.g.measure, align: typeset.Center, heading: true, block: s.Heading}, []string{s.Heading.ID}, s.Heading.Pos)
				lines := page.SP(0)
				for _, it := range set {
					if it.kind == vBox && it.line != nil {
						lines++
					}
				}
				over := (lines*lead+st.leading-1)/st.leading*st.leading - lines*lead
				// At a page's top the space above is dropped: the first
				// baseline goes where it would stand under a line of
				// text ending just above the page (size − leading from
				// the top), half the over above it, so the text after
				// the heading still falls on the page's grid; a line
				// lower when the heading's own size needs it.
				top := st.size - st.leading + over/2 + lead
				for top < st.headingSize {
					top += st.leading
				}
				for k := range set {
					if set[k].kind == vBox {
						set[k].topskip = top
						break
					}
				}
				if si > 0 {
					list = append(list, vitem{kind: vGlue, glue: 2*st.leading + over/2})
				}
				list = append(list, set...)
				list = append(list, vitem{kind: vPenalty, penalty: infPenalty}, vitem{kind: vGlue, glue: st.leading + over - over/2})
			} else {
				list = append(list, vitem{kind: vPenalty, penalty: infPenalty})
				// Anchor for an untitled opening: placed on its first line.
			}
			anchor = ""
			if s.Heading == nil {
				anchor = s.ID
			}
		} else {
			list = lo.blocks(list, s.Blocks[bi:bi+1], frame{}, &afterHeading, &anchor)
		}
		bi++
		if bi >= len(s.Blocks) {
			si, bi = si+1, -1
		}
		return list, si < len(lo.book.Sections)
	}
}

// frame is where blocks are set: insets from both sides of the measure,
// and whether they are quoted (set smaller).
type frame struct {
	left, right page.SP
	quote       bool
	tightItem   bool // inside an item of a tight list: nested lists set close
}

func (f frame) width(measure page.SP) page.SP { return measure - f.left - f.right }

// blocks appends blocks in a frame; afterHeading suppresses the
// first-line indent of the next paragraph.
func (lo *layouter) blocks(list []vitem, blocks []doc.Block, fr frame, afterHeading *bool, anchor *string) []vitem {
	st := lo.st
	inset := fr.left
	takeAnchor := func() []string {
		if *anchor == "" {
			return nil
		}
		a := []string{*anchor}
		*anchor = ""
		return a
	}
	for _, bl := range blocks {
		switch n := bl.(type) {
		case *doc.Para:
			ps := paraSpec{size: st.size, leading: st.leading, x: inset, width: fr.width(lo.g.measure), indent: st.indent, align: typeset.Justify, hyphenate: true, font: Regular}
			if fr.quote {
				ps.size, ps.leading = st.quoteSize, st.quoteLeading
				ps.indent = ps.size
			}
			if *afterHeading {
				ps.indent = 0
			}
			if n.Class == "byline" {
				ps.align, ps.indent, ps.hyphenate = typeset.Right, 0, false
				list = append(list, vitem{kind: vGlue, glue: st.leading})
			}
			spans := lo.inlineSpans(n.Content, Regular, ps.size)
			if n.Class == "byline" {
				for i := range spans {
					spans[i].Style.Font = toggleItalic(spans[i].Style.Font)
				}
			}
			if fr.quote {
				spans = lo.restyle(spans, StyleQuotes)
			} else {
				spans = lo.restyle(spans, StyleBody)
			}
			ps.block = n
			list = lo.setPara(list, spans, ps, takeAnchor(), n.Pos)
			*afterHeading = false
		case *doc.Heading:
			list = append(list, vitem{kind: vGlue, glue: st.leading})
			spans := lo.restyle(lo.inlineSpans(n.Content, Italic, st.size), StyleHeadings)
			list = lo.setPara(list, spans, paraSpec{size: st.size, leading: st.leading, x: inset, width: fr.width(lo.g.measure), align: typeset.Left, heading: true, block: n}, append(takeAnchor(), n.ID), n.Pos)
			list = append(list, vitem{kind: vPenalty, penalty: infPenalty}, vitem{kind: vGlue, glue: st.leading / 2})
			*afterHeading = true
		case *doc.Quote:
			list = append(list, vitem{kind: vGlue, glue: st.leading / 2})
			qa := true
			list = lo.blocks(list, n.Blocks, frame{left: fr.left + st.quoteIn, right: fr.right + st.quoteIn, quote: true}, &qa, anchor)
			list = append(list, vitem{kind: vGlue, glue: st.leading / 2})
			*afterHeading = true
		case *doc.List:
			list = lo.listItems(list, n, fr, anchor)
			*afterHeading = true // the paragraph after a list is not indented
		case *doc.DefList:
			list = lo.defList(list, n, fr, anchor)
			*afterHeading = true
		case *doc.CodeBlock:
			list = lo.listedCode(list, n, fr, takeAnchor())
			*afterHeading = true
		case *doc.Table:
			list = lo.table(list, n, inset, takeAnchor())
			*afterHeading = false
		case *doc.Figure:
			list = lo.figure(list, n, inset, takeAnchor())
			*afterHeading = false
		case *doc.Break:
			list = append(list, vitem{kind: vGlue, glue: st.leading / 2})
			spans := []typeset.Span{{Text: "*\u2003*\u2003*", Style: typeset.Style{Font: lo.styled(Regular, StyleBody), Size: st.size}}}
			list = lo.setPara(list, spans, paraSpec{size: st.size, leading: st.leading, width: lo.g.measure, align: typeset.Center}, takeAnchor(), n.Pos)
			list = append(list, vitem{kind: vGlue, glue: st.leading / 2})
			*afterHeading = true
		}
	}
	return list
}

// listItems sets a list: each item's blocks indented by the width of the
// widest label plus half an em, the label hanging in that space on the
// item's first line; space before and after the list, and between the
// items of a loose one.
func (lo *layouter) listItems(list []vitem, n *doc.List, fr frame, anchor *string) []vitem {
	st := lo.st
	size := st.size
	if fr.quote {
		size = st.quoteSize
	}
	key := lo.styled(Regular, StyleBody)
	if fr.quote {
		key = lo.styled(Regular, StyleQuotes)
	}
	labels := make([]string, len(n.Items))
	labelFaces := make([]string, len(n.Items))
	widest := page.SP(0)
	for i, item := range n.Items {
		labels[i], labelFaces[i] = "•", key
		if n.Ordered {
			labels[i] = strconv.Itoa(n.Start+i) + "."
		} else if box := doc.TaskBoxOf(item); box != nil {
			// A task takes its box for its mark, as GitHub shows it.
			if lo.hungBoxes == nil {
				lo.hungBoxes = map[*doc.TaskBox]bool{}
			}
			lo.hungBoxes[box] = true
			labels[i], labelFaces[i] = taskMark(box), lo.styled(Mono, StyleBody)
		}
		f := lo.o.Fonts.Faces[labelFaces[i]]
		widest = max(widest, scale(f.Width(labels[i]), f.UnitsPerEm(), size))
	}
	hang := widest + size/2
	gap := page.SP(0)
	if !n.Tight {
		gap = st.leading / 2
	}
	around := st.leading / 2
	if fr.tightItem {
		around = 0
	}
	list = append(list, vitem{kind: vGlue, glue: around})
	for i, item := range n.Items {
		if i > 0 && gap > 0 {
			list = append(list, vitem{kind: vGlue, glue: gap})
		}
		start := len(list)
		first := true
		in := frame{left: fr.left + hang, right: fr.right, quote: fr.quote, tightItem: n.Tight}
		list = lo.blocks(list, item, in, &first, anchor)
		for k := start; k < len(list); k++ {
			if list[k].kind == vBox {
				list[k].hang = &hangNumber{text: labels[i], face: labelFaces[i]}
				break
			}
		}
	}
	return append(list, vitem{kind: vGlue, glue: around})
}

// taskMark is the character a task box is drawn as.
func taskMark(box *doc.TaskBox) string {
	if box.Checked {
		return "☑"
	}
	return "☐"
}

// defList sets a definition list: each term in bold on a line of its
// own, flush with the text and never parted from what follows it, its
// definitions under it indented by 1.5 em (their first paragraphs not
// indented again); space before and after the list, as around other
// lists.
func (lo *layouter) defList(list []vitem, n *doc.DefList, fr frame, anchor *string) []vitem {
	st := lo.st
	size, leading := st.size, st.leading
	if fr.quote {
		size, leading = st.quoteSize, st.quoteLeading
	}
	list = append(list, vitem{kind: vGlue, glue: st.leading / 2})
	for _, it := range n.Items {
		var anchors []string
		if *anchor != "" {
			anchors, *anchor = []string{*anchor}, ""
		}
		spans := lo.restyle(lo.inlineSpans(it.Term.Content, Bold, size), StyleBody)
		list = lo.setPara(list, spans, paraSpec{size: size, leading: leading, x: fr.left, width: fr.width(lo.g.measure), align: typeset.Left, font: Bold, block: it.Term}, anchors, it.Term.Pos)
		list = append(list, vitem{kind: vPenalty, penalty: infPenalty})
		for _, def := range it.Defs {
			first := true
			in := frame{left: fr.left + size*3/2, right: fr.right, quote: fr.quote, tightItem: true}
			list = lo.blocks(list, def, in, &first, anchor)
		}
	}
	return append(list, vitem{kind: vGlue, glue: st.leading / 2})
}

// codeBlock sets preformatted text in the monospaced face, a little
// smaller than the text, indented by one em: every space kept, never
// hyphenated or justified. A line longer than the measure is wrapped at
// its last space or punctuation that fits (or anywhere, as a last resort),
// and goes on under its own indentation plus two characters after a
// continuation mark "↪". Pages may break between lines, but not to leave
// a single line of the block alone.
func (lo *layouter) codeBlock(list []vitem, n *doc.CodeBlock, fr frame, anchors []string) []vitem {
	st := lo.st
	size := st.quoteSize * codeScale / 100
	leading := st.quoteLeading
	mono := lo.styled(Mono, StyleCode)
	face := lo.o.Fonts.Faces[mono]
	adv := scale(face.Width("0"), face.UnitsPerEm(), size)
	x := fr.left + st.indent
	cols := max(int((fr.width(lo.g.measure)-st.indent)/max(adv, 1)), 8)
	var rows []string
	for _, src := range splitLines(strings.TrimRight(n.Text, "\n")) {
		rows = append(rows, wrapCode(expandTabs(src), cols)...)
	}
	list = append(list, vitem{kind: vGlue, glue: st.leading / 2})
	lo.para++
	box := lo.codeBoxFor(fr, x, size, leading)
	for i, row := range rows {
		if i > 0 {
			p := 0
			if i == 1 || i == len(rows)-1 {
				p = infPenalty
			}
			list = append(list, vitem{kind: vPenalty, penalty: p})
		}
		w := scale(face.Width(row), face.UnitsPerEm(), size)
		// Source 0: a page that begins inside the block is marked, in the
		// e-book, where the block begins.
		line := &typeset.Line{Runs: []typeset.Run{{Style: typeset.Style{Font: mono, Size: size}, Text: row}}, Width: w, Natural: w, MaxSize: size, Source: 0}
		it := vitem{kind: vBox, line: line, x: x, advance: leading, topskip: size, size: size,
			info: page.LineInfo{Para: lo.para, Index: i, Last: i == len(rows)-1}, block: n, code: box}
		if i == 0 {
			it.anchors = anchors
		}
		list = append(list, it)
	}
	return append(list, vitem{kind: vGlue, glue: st.leading / 2})
}

// codeBox is how the lines of one code block are marked off from the
// text: a tint behind them and a rule down their left, as the layout's
// [code] says. A block that runs over a page break gets a box on each
// page, around the lines printed there.
type codeBox struct {
	x, w         page.SP // left edge from the text block's, and width
	above, below page.SP // from the first baseline up, the last one down
	rule         page.SP // width of the rule at the left, 0 for none
	r, g, b      uint8
	tint         bool
}

// shade is the part of a code block on one page: baselines first to last.
type shade struct {
	box         *codeBox
	left        page.SP // the text block's left edge on this page
	first, last page.SP
}

func (sh shade) draw(p *page.Page) {
	b := sh.box
	top, h := sh.first-b.above, sh.last-sh.first+b.above+b.below
	if b.tint {
		p.Fills = append(p.Fills, page.Fill{X: sh.left + b.x, Y: top, W: b.w, H: h, R: b.r, G: b.g, B: b.b})
	}
	if b.rule > 0 {
		p.Rules = append(p.Rules, page.Rule{X: sh.left + b.x, Y: top, W: b.rule, H: h})
	}
}

// codeBoxFor is the box of a code block set at x (from the text block's
// left edge) in a frame, at size with leading; nil when the layout asks
// for neither tint nor rule. The tint reaches half the indent to the left
// of the code and to the frame's right edge; above the first line it
// covers the capitals and a third of the leading, below the last line
// the descenders and as much again, within the half line of space that
// surrounds the block.
func (lo *layouter) codeBoxFor(fr frame, x, size, leading page.SP) *codeBox {
	r, g, b, tint := lo.l.Code.RGB()
	rule := page.FromPT(lo.l.Code.Rule)
	if !tint && rule == 0 {
		return nil
	}
	pad := min(leading/3, lo.st.leading/2-size/4)
	left := x - lo.st.indent/2
	return &codeBox{
		x: left, w: lo.g.measure - fr.right - left,
		above: size*3/4 + pad, below: size/4 + pad,
		rule: rule, r: r, g: g, b: b, tint: tint,
	}
}

// listedCode sets a code block; a listed one (mdBook's <Listing>) has its
// file name above it and its number and caption below, in the caption
// style, both kept on the page of the code next to them.
func (lo *layouter) listedCode(list []vitem, n *doc.CodeBlock, fr frame, anchors []string) []vitem {
	l := n.Listing
	if l == nil {
		return lo.codeBlock(list, n, fr, anchors)
	}
	size := page.FromPT(lo.l.Figures.CaptionSize)
	ps := paraSpec{size: size, leading: page.FromPT(lo.l.Figures.CaptionLeading), x: fr.left + lo.st.indent, width: fr.width(lo.g.measure) - lo.st.indent, align: typeset.Left, heading: true, block: n}
	if l.File != "" {
		list = append(list, vitem{kind: vGlue, glue: lo.st.leading / 2})
		spans := []typeset.Span{{Text: "Filename: ", Style: typeset.Style{Font: Italic, Size: size}, Source: -1},
			{Text: l.File, Style: typeset.Style{Font: Mono, Size: size * codeScale / 100}, Source: -1, Breaks: typeset.BreakCode}}
		list = lo.setPara(list, spans, ps, anchors, n.Pos)
		anchors = nil
		list = append(list, vitem{kind: vPenalty, penalty: infPenalty})
	}
	list = lo.codeBlock(list, n, fr, anchors)
	if label := listingLabel(l); label != "" || len(l.Caption) > 0 {
		list = list[:len(list)-1] // the space after the code comes after the caption
		list = append(list, vitem{kind: vPenalty, penalty: infPenalty})
		lines := lo.caption(label, l.Caption, ps.width)
		for i := range lines {
			if i > 0 {
				list = append(list, vitem{kind: vPenalty, penalty: infPenalty})
			}
			lo.para++
			list = append(list, vitem{kind: vBox, line: &lines[i], x: ps.x, advance: ps.leading, topskip: size, size: size,
				info: page.LineInfo{Para: lo.para, Last: i == len(lines)-1}, block: n})
		}
		list = append(list, vitem{kind: vGlue, glue: lo.st.leading / 2})
	}
	return list
}

// listingLabel is the label before a listing's caption, "Listing 1-1."
// as the e-book has it, or "" when it has no number.
func listingLabel(l *doc.Listing) string {
	if l.Number == "" {
		return ""
	}
	return "Listing " + l.Number + "."
}

// expandTabs replaces tabs with spaces to the next multiple of four.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// wrapCode cuts a code line into rows of at most cols characters. The
// rows after the first start with the line's indentation, two spaces
// and "↪ ".
func wrapCode(line string, cols int) []string {
	r := []rune(line)
	if len(r) <= cols {
		return []string{line}
	}
	indent := 0
	for indent < len(r) && r[indent] == ' ' {
		indent++
	}
	prefix := strings.Repeat(" ", min(indent+2, cols/2)) + "↪ "
	var rows []string
	width := cols
	for len(r) > width {
		cut := width
		for k := width; k > width/2; k-- {
			if r[k-1] == ' ' { // the space goes on the next row, where it shows
				cut = k - 1
				break
			}
			if strings.ContainsRune("/.,;:_-)]}(", r[k-1]) {
				cut = k
				break
			}
		}
		if rows == nil {
			rows = append(rows, string(r[:cut]))
		} else {
			rows = append(rows, prefix+string(r[:cut]))
		}
		r = r[cut:]
		width = cols - len([]rune(prefix))
	}
	if rows == nil {
		return []string{string(r)}
	}
	return append(rows, prefix+string(r))
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// pageMaker draws the page spans of one vertical list (the body, or the
// notes) as they are broken: it carries the section in force from page to
// page.
type pageMaker struct {
	first   int    // physical number of the list's first page
	role    string // "body" or "notes"
	made    int    // pages drawn so far
	section int    // section in force at the end of the last page drawn
}

// draw places the items of span sp on a new page; end says the span ends
// the list.
func (lo *layouter) draw(m *pageMaker, v *vlist, sp pageSpan, moved map[int]bool, end bool) (*page.Page, pageInfo) {
	p := &page.Page{Number: m.first + m.made, Role: m.role}
	// The page's lines and their runs are known: room for them (and the
	// running head and folio) at once, rather than slices doubled a
	// line at a time.
	texts, lines := 4, 0
	for k := sp.from; k < sp.to; k++ {
		if it := v.at(k); it.kind == vBox && it.region == nil && it.line != nil {
			texts += len(it.line.Runs)
			lines++
		}
	}
	p.Texts, p.Lines = make([]page.Text, 0, texts), make([]page.LineInfo, 0, lines)
	left := lo.g.left(p.Number)
	y := lo.g.top
	d := lo.st.leading - lo.st.size
	firstBox := true
	if sp.forced {
		// Named by the block that was cut: the last one on the page.
		var pos doc.Pos
		for k := sp.to - 1; k >= sp.from && pos.File == ""; k-- {
			if it := v.at(k); it.kind == vBox && it.block != nil {
				pos = doc.PosOf(it.block)
			}
		}
		lo.warns = append(lo.warns, diag.Errorf(pos.File, pos.Line, "let it break (shorten it, or split it into paragraphs)", "page %d: no good page break was possible; a block was cut where it overflowed", p.Number))
	}
	startSection := m.section
	opening := false
	marked := false
	var last *vitem // the last box placed
	flowStarted := false
	var shades []shade // code blocks' tints and rules on this page
	place := func(it vitem, atTop, float bool) {
		last = &it
		adv := it.advance
		if firstBox {
			adv = it.topskip
		}
		if r := it.region; !float && !flowStarted && r != nil && r.repeat != nil {
			// A row that continues a table from the previous page:
			// its head comes first, the row under it.
			r.repeat.draw(p, left, y+adv-r.height+d, firstBox)
			y += r.repeat.height
		}
		if !float {
			flowStarted = true
		}
		y += adv
		firstBox = false
		if it.region != nil {
			it.region.draw(p, left, y-it.region.height+d, atTop)
			for _, name := range it.anchors {
				p.Anchors = append(p.Anchors, page.Anchor{Name: name, Y: y - it.region.height + d})
			}
			return
		}
		lo.drawLine(p, it, left, y)
		if it.code != nil {
			if n := len(shades); n > 0 && shades[n-1].box == it.code {
				shades[n-1].last = y
			} else {
				shades = append(shades, shade{box: it.code, left: left, first: y, last: y})
			}
		}
	}
	if sp.from == sp.to && len(sp.floats) > 0 {
		// A page of floats only: they stand centred on it, as on
		// LaTeX's float pages.
		total := v.at(sp.floats[0]).topskip + d
		for _, f := range sp.floats[1:] {
			total += v.at(f).advance
		}
		y += (lo.g.textHeight - total) / 2
	}
	for _, f := range sp.floats {
		place(*v.at(f), true, true)
	}
	for k := sp.from; k < sp.to; k++ {
		it := *v.at(k)
		if moved[k] {
			continue
		}
		switch it.kind {
		case vMark:
			m.section = it.section
			if firstBox {
				opening = true
			}
		case vGlue:
			if !firstBox {
				y += it.glue
			}
		case vBox:
			if !marked && it.block != nil {
				// Where the e-book marks this page: the first line of
				// text, or a figure or table that opens the page.
				switch {
				case it.region != nil:
					lo.starts = append(lo.starts, PageStart{Page: p.Number, Block: it.block, Offset: it.region.offset})
					marked = true
				case it.line.Source >= 0:
					lo.starts = append(lo.starts, PageStart{Page: p.Number, Block: it.block, Offset: it.line.Source})
					marked = true
				}
			}
			marked = true
			place(it, firstBox, false)
		}
	}
	if last != nil && last.region != nil && last.region.foot != nil && !end {
		last.region.foot(p, left, y-last.region.height+d)
	}
	if !marked && len(sp.floats) > 0 && v.at(sp.floats[0]).block != nil {
		lo.starts = append(lo.starts, PageStart{Page: p.Number, Block: v.at(sp.floats[0]).block})
	}
	for _, sh := range shades {
		sh.draw(p)
	}
	info := pageInfo{section: startSection, opening: opening || m.made == 0, endSection: m.section}
	m.made++
	return p, info
}

// pageInfo remembers which section a page belongs to, for running heads.
type pageInfo struct {
	section    int // section in force at the top of the page (-1 none)
	endSection int // section in force at the bottom
	opening    bool
}

// drawLine places a set line of the body on the page at baseline y and
// records it for the page-model checks.
func (lo *layouter) drawLine(p *page.Page, it vitem, left, y page.SP) {
	lo.drawRuns(p, it, left, y)
	info := it.info
	info.Y = y
	ln := it.line
	info.Size, info.Justified, info.Space, info.Spaces = ln.MaxSize, ln.Justified, ln.Space, ln.Spaces
	info.HyphenEnd, info.CapitalBroken = ln.HyphenEnd, ln.CapitalBroken
	p.Lines = append(p.Lines, info)
}

// drawRuns places a set line's text, links and anchors at baseline y.
func (lo *layouter) drawRuns(p *page.Page, it vitem, left, y page.SP) {
	x0 := left + it.x
	for i, r := range it.line.Runs {
		p.Texts = append(p.Texts, page.Text{X: x0 + r.X, Y: y - r.Style.Raise, Font: r.Style.Font, Size: r.Style.Size, S: r.Text, Expand: r.Style.Expand, Track: r.Style.Track})
		if r.Style.Strike {
			rule := lo.strike(r, x0, y)
			if n := len(p.Rules); n > 0 && i > 0 && it.line.Runs[i-1].Style.Strike && p.Rules[n-1].Y == rule.Y && p.Rules[n-1].H == rule.H {
				// The struck phrase goes on after a stretched space or a
				// change of face: one rule, with no gap at the space.
				p.Rules[n-1].W = rule.X + rule.W - p.Rules[n-1].X
				continue
			}
			p.Rules = append(p.Rules, rule)
		}
	}
	for _, l := range it.line.Links {
		lk := page.Link{X: x0 + l.X, Y: y - l.Style.Raise - l.Style.Size*8/10, W: l.W, H: l.Style.Size}
		if l.External {
			lk.URL = l.Target
		} else {
			lk.Dest = l.Target
		}
		p.Links = append(p.Links, lk)
	}
	for _, name := range it.anchors {
		p.Anchors = append(p.Anchors, page.Anchor{Name: name, Y: y - it.size - it.size/2})
	}
	for _, m := range it.line.Marks {
		p.Anchors = append(p.Anchors, page.Anchor{Name: m.Name, Y: y - it.size - it.size/2})
	}
	for _, im := range it.line.Images {
		pic := *im.Image
		pic.X, pic.Y = x0+im.X, y-pic.H
		p.Images = append(p.Images, pic)
	}
	if it.hang != nil {
		lo.drawHang(p, it, left, y)
	}
}
