package publish

import (
	"strings"
	"unicode"

	"press/internal/config"
	"press/internal/diag"
	"press/internal/doc"
	"press/internal/layout"
	"press/internal/mdread"
)

// face, naming the character and the first place it occurs.
//
// texts holds the manuscript files by name, to name the line of the
// character itself rather than of its paragraph.
func checkGlyphs(b *doc.Book, f layout.Fonts, lay *config.Layout, texts map[string][]byte) error {
	body, mono := f.Faces[layout.Regular], f.Faces[layout.Mono]
	type place struct {
		r    rune
		pos  doc.Pos
		face layout.Face
	}
	seen := map[layout.Face]map[rune]bool{body: {}, mono: {}}
	var missing []place
	checkIn := func(face layout.Face, s string, pos doc.Pos) {
		for _, r := range s {
			if seen[face][r] || unicode.IsControl(r) || r == '\u00ad' || r == '\ufe0e' {
				continue
			}
			seen[face][r] = true
			if !face.HasGlyph(r) {
				if src, ok := texts[pos.File]; ok {
					pos.Line = mdread.LineOf(src, pos.Line, string(r))
				}
				missing = append(missing, place{r, pos, face})
			}
		}
	}
	check := func(s string, pos doc.Pos) { checkIn(body, s, pos) }
	// inlines checks running text in the body face and code in the
	// monospaced one.
	inlines := func(ins []doc.Inline, pos doc.Pos) {
		doc.WalkInlines(ins, func(in doc.Inline) {
			switch n := in.(type) {
			case *doc.Text:
				check(n.Text, pos)
			case *doc.Code:
				checkIn(mono, n.Text, pos)
			}
		})
	}
	check(b.Meta.Title+b.Meta.Subtitle+strings.Join(b.Meta.Authors, "")+b.Meta.Publisher+b.Meta.Rights+strings.Join(b.Meta.Credits(), ""), doc.Pos{File: "book.toml"})
	if len(b.Notes) > 0 {
		// The EPUB's note backlink is drawn in the body font too.
		check(lay.EPUB.Backlink, doc.Pos{File: lay.File})
	}
	blocks := func(bs []doc.Block) {
		doc.WalkBlocks(bs, func(bl doc.Block) {
			pos := doc.PosOf(bl)
			if cb, ok := bl.(*doc.CodeBlock); ok {
				checkIn(mono, cb.Text, pos)
			}
			inlines(doc.Inlines(bl), pos)
		})
	}
	for _, s := range b.Sections {
		if s.Heading != nil {
			blocks([]doc.Block{s.Heading})
		}
		blocks(s.Blocks)
	}
	for _, n := range b.Notes {
		blocks(n.Blocks)
	}
	if len(missing) == 0 {
		return nil
	}

	var errs diag.List
	for _, m := range missing {
		errs = append(errs, diag.Errorf(m.pos.File, m.pos.Line, "replace the character or choose a layout whose fonts have it",
			"the font %s has no glyph for %q (U+%04X)", m.face.Name(), string(m.r), m.r))
	}
	return errs.Err()
}
