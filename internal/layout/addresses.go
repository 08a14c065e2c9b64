package layout

import (
	"strconv"
	"strings"

	"press/internal/doc"
	"press/internal/font"
	"press/internal/page"
	"press/internal/typeset"
)

// Web addresses as endnotes (link_addresses = "endnote"). Paper cannot be
// clicked, so the print edition gives the address of a web link whose text
// is not the address itself. An address in the line would break the
// reading for what most readers never type, so the link's text gets a
// small lettered mark and the address is listed at the back under "Web
// addresses", after the notes. The marks are letters, counted again in
// each section, so they never disturb the book's note numbers, which the
// e-book shares (the e-book has no such notes: its links are live). Mark
// and address link to each other, and the address to the web.

// addrNote is one address listed at the back.
type addrNote struct {
	section int    // the section that cites it
	mark    string // its letter in the section: a, b, …, z, aa, ab, …
	url     string
	id      string // the entry's anchor, "webaddr-3"
	refID   string // the first mark's anchor, "webaddrref-3"
	first   *doc.Link
}

// addrMark is the vMark section of the web addresses list, for the
// running heads.
const addrMark = -2

// addrListID is the anchor of the list's heading.
const addrListID = "web-addresses"

// letterMark is the mark of the n-th address of a section, from 0: a … z,
// then aa, ab, … as spreadsheet columns count.
func letterMark(n int) string {
	s := ""
	for n++; n > 0; n = (n - 1) / 26 {
		s = string(rune('a'+(n-1)%26)) + s
	}
	return s
}

// endnoteAddresses reports whether the layout sends web addresses to the
// back.
func (lo *layouter) endnoteAddresses() bool {
	return lo.l.Pages.LinkAddresses == "endnote"
}

// wantsAddressList reports whether the book will have a list of web
// addresses: a link outside the notes whose address print must show.
// It is known before the body is set, so the contents can list it.
func (lo *layouter) wantsAddressList() bool {
	if !lo.endnoteAddresses() {
		return false
	}
	found := false
	for _, s := range lo.book.Sections {
		blocks := s.Blocks
		if s.Heading != nil {
			blocks = append([]doc.Block{s.Heading}, blocks...)
		}
		doc.WalkBlocks(blocks, func(bl doc.Block) {
			doc.WalkInlines(doc.Inlines(bl), func(in doc.Inline) {
				if l, ok := in.(*doc.Link); ok && isWeb(l.URL) && showAddress(l) {
					found = true
				}
			})
		})
	}
	return found
}

// isWeb reports whether a link leads out of the book.
func isWeb(u string) bool { return !strings.HasPrefix(u, "#") }

// addressMark is the mark after a link's text whose address goes to the
// back: the section's next letter (or the letter the same address already
// has in this section), small and raised, linked to the entry; the first
// mark of an entry is where the entry links back to.
func (lo *layouter) addressMark(l *doc.Link, size page.SP) typeset.Span {
	if lo.addrOf == nil {
		lo.addrOf = map[*doc.Link]*addrNote{}
		lo.addrKey = map[string]*addrNote{}
	}
	n := lo.addrOf[l]
	if n == nil {
		key := strconv.Itoa(lo.section) + " " + l.URL
		if n = lo.addrKey[key]; n == nil {
			lo.addrCount[lo.section]++
			k := len(lo.addrs) + 1
			n = &addrNote{section: lo.section, mark: letterMark(lo.addrCount[lo.section] - 1), url: l.URL,
				id: "webaddr-" + strconv.Itoa(k), refID: "webaddrref-" + strconv.Itoa(k), first: l}
			lo.addrs = append(lo.addrs, n)
			lo.addrKey[key] = n
		}
		lo.addrOf[l] = n
	}
	st := typeset.Style{Font: Regular, Size: size * 62 / 100, Raise: size * 36 / 100}
	if lo.superiorLetters() {
		st = typeset.Style{Font: Superior, Size: size}
	}
	sp := typeset.Span{Text: n.mark, Style: st, Link: n.id, NoBreak: true, Source: -1}
	if n.first == l {
		sp.Anchor = n.refID
	}
	return sp
}

// superiorLetters reports whether the marks of web addresses are set in
// the font's own superior letters (OpenType "sups"), drawn for the size
// and weight of a raised letter, rather than small regular letters
// raised: when the Superior face turns every letter a to z into another
// glyph. It is decided once per layout pass, on the first mark.
func (lo *layouter) superiorLetters() bool {
	if lo.sups == 0 {
		lo.sups = -1
		type shaper interface{ Shape(string) []font.Glyph }
		sup, ok1 := lo.o.Fonts.Faces[Superior].(shaper)
		reg, ok2 := lo.o.Fonts.Faces[Regular].(shaper)
		if ok1 && ok2 {
			lo.sups = 1
			for c := 'a'; c <= 'z'; c++ {
				s, r := sup.Shape(string(c)), reg.Shape(string(c))
				if len(s) != 1 || len(r) != 1 || s[0].ID == r[0].ID || s[0].ID == 0 {
					lo.sups = -1
					break
				}
			}
		}
	}
	return lo.sups > 0
}

// addressList makes the list at the back a piece at a time: a heading
// (after space, when the notes come before it), then for each section
// that cites addresses its title, and under it each address with its
// letter hanging in the margin (linked back to the mark), set ragged
// right in the notes' size and broken only where a web address may.
func (lo *layouter) addressList(afterNotes bool) func(list []vitem) ([]vitem, bool) {
	st := lo.st
	hang := 2 * st.noteSize
	i, section := -1, -1 // the next address (-1: the heading), the section of the last
	return func(list []vitem) ([]vitem, bool) {
		if i < 0 {
			if afterNotes {
				list = append(list, vitem{kind: vGlue, glue: 2 * st.leading})
			}
			list = append(list, vitem{kind: vMark, section: addrMark})
			spans := []typeset.Span{{Text: "Web addresses", Style: typeset.Style{Font: Italic, Size: st.headingSize}}}
			list = lo.setPara(list, spans, paraSpec{size: st.headingSize, leading: st.headingSize * 13 / 10, width: lo.g.measure, align: typeset.Center, heading: true}, []string{addrListID}, doc.Pos{})
			list = append(list, vitem{kind: vPenalty, penalty: infPenalty}, vitem{kind: vGlue, glue: st.leading})
			i++
			return list, len(lo.addrs) > 0
		}
		n := lo.addrs[i]
		if n.section != section {
			if i > 0 {
				list = append(list, vitem{kind: vGlue, glue: st.noteLeading / 2})
			}
			section = n.section
			title := lo.book.Meta.Title
			if section >= 0 && section < len(lo.book.Sections) && lo.book.Sections[section].Title() != "" {
				title = lo.book.Sections[section].Title()
			}
			spans := []typeset.Span{{Text: title, Style: typeset.Style{Font: Italic, Size: st.noteSize}}}
			list = lo.setPara(list, spans, paraSpec{size: st.noteSize, leading: st.noteLeading, width: lo.g.measure, align: typeset.Left, heading: true}, nil, doc.Pos{})
			list = append(list, vitem{kind: vPenalty, penalty: infPenalty})
		} else {
			list = append(list, vitem{kind: vGlue, glue: st.noteLeading / 3})
		}
		spans := lo.restyle([]typeset.Span{{Text: n.url, Style: typeset.Style{Font: Regular, Size: st.noteSize}, Link: n.url, External: true, Source: -1, Breaks: typeset.BreakURL}}, StyleNotes)
		start := len(list)
		list = lo.setPara(list, spans, paraSpec{size: st.noteSize, leading: st.noteLeading, x: hang, width: lo.g.measure - hang, align: typeset.Left}, []string{n.id}, doc.Pos{})
		for k := start; k < len(list); k++ {
			if list[k].kind == vBox {
				list[k].hang = &hangNumber{text: n.mark + ".", dest: n.refID, face: lo.styled(Regular, StyleNotes)}
				break
			}
		}
		i++
		return list, i < len(lo.addrs)
	}
}
