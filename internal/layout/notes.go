package layout

import (
	"strconv"

	"press/internal/doc"

	"press/internal/page"
	"press/internal/typeset"
)

// notesList makes the vertical list of the endnotes a note at a time: a
// "Notes" heading, then each note smaller, its number hanging in the
// margin and linked back to the reference. Each call appends the next
// piece to list and reports whether more is to come.
func (lo *layouter) notesList() func(list []vitem) ([]vitem, bool) {
	st := lo.st
	i := -1 // the next note (-1: the heading)
	hang := 2 * st.noteSize
	return func(list []vitem) ([]vitem, bool) {
		if i < 0 {
			spans := []typeset.Span{{Text: "Notes", Style: typeset.Style{Font: lo.styled(Italic, StyleHeadings), Size: st.headingSize}}}
			list = lo.setPara(list, spans, paraSpec{size: st.headingSize, leading: st.headingSize * 13 / 10, width: lo.g.measure, align: typeset.Center, heading: true}, []string{"notes"}, lo.book.Notes[0].Pos)
			list = append(list, vitem{kind: vPenalty, penalty: infPenalty}, vitem{kind: vGlue, glue: st.leading})
			i++
			return list, len(lo.book.Notes) > 0
		}
		n := lo.book.Notes[i]
		if i > 0 {
			list = append(list, vitem{kind: vGlue, glue: st.noteLeading / 3})
		}
		first := true
		for _, bl := range n.Blocks {
			var ins = blockInlines(bl)
			spans := lo.restyle(lo.inlineSpans(ins, Regular, st.noteSize), StyleNotes)
			start := len(list)
			var anchors []string
			if first {
				anchors = []string{n.ID}
			}
			ps := paraSpec{size: st.noteSize, leading: st.noteLeading, x: hang, width: lo.g.measure - hang, align: typeset.Justify, hyphenate: true}
			if _, ok := bl.(*doc.Para); ok {
				ps.block = bl
			}
			list = lo.setPara(list, spans, ps, anchors, n.Pos)
			if first {
				// The hanging number: drawn left of the first line, linked
				// back to the place that cites the note.
				for k := start; k < len(list); k++ {
					if list[k].kind == vBox {
						list[k].hang = &hangNumber{text: strconv.Itoa(n.Number) + ".", dest: n.RefID, face: lo.styled(Regular, StyleNotes)}
						break
					}
				}
			}
			first = false
		}
		i++
		return list, i < len(lo.book.Notes)
	}
}

// hangNumber is a note number set in the margin of a note's first line,
// or a list label before its item (dest empty: no link).
type hangNumber struct {
	text string
	dest string
	face string // face key
}

// notesPages sets the notes, then the web addresses, into pages numbered
// from first, handing each to out as it is drawn.
func (lo *layouter) notesPages(first int, out func(*page.Page, pageInfo) error) error {
	if len(lo.book.Notes) == 0 && len(lo.addrs) == 0 {
		return nil
	}
	// Links in the notes show their addresses in brackets.
	lo.section, lo.inNotes = -1, true
	var parts []func([]vitem) ([]vitem, bool)
	if len(lo.book.Notes) > 0 {
		parts = append(parts, lo.notesList())
	}
	if len(lo.addrs) > 0 {
		parts = append(parts, lo.addressList(len(lo.book.Notes) > 0))
	}
	if err := lo.flow(chain(parts...), first, "notes", out); err != nil {
		return err
	}
	if len(lo.book.Notes) > 0 {
		// The notes open with their heading, which is no block of the
		// book. The web addresses after them are print's own: the
		// e-book marks no page of theirs.
		lo.starts = append(lo.starts, PageStart{Page: first, Front: "notes"})
	}
	return nil
}

// chain makes one vertical list of several made a piece at a time.
func chain(parts ...func([]vitem) ([]vitem, bool)) func([]vitem) ([]vitem, bool) {
	return func(list []vitem) ([]vitem, bool) {
		if len(parts) == 0 {
			return list, false
		}
		list, more := parts[0](list)
		if !more {
			parts = parts[1:]
		}
		return list, len(parts) > 0
	}
}

// drawHang places a hanging note number ending a space before the text.
func (lo *layouter) drawHang(p *page.Page, it vitem, left, y page.SP) {
	h := it.hang
	key := h.face
	face := lo.o.Fonts.Faces[key]
	w := scale(face.Width(h.text), face.UnitsPerEm(), it.size)
	x := left + it.x - it.size/2 - w
	p.Texts = append(p.Texts, page.Text{X: x, Y: y, Font: key, Size: it.size, S: h.text})
	if h.dest != "" {
		p.Links = append(p.Links, page.Link{X: x, Y: y - it.size, W: w, H: it.size * 13 / 10, Dest: h.dest})
	}
}
