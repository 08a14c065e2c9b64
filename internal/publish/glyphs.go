package publish

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"press/internal/config"
	"press/internal/diag"
	"press/internal/doc"
	"press/internal/layout"
	"press/internal/mdread"
)

// checkGlyphs makes sure every character of the book can be drawn: by
// the face it is set in (the body face, or the monospaced one for code)
// or by one of the layout's fallback faces. It returns the characters
// that need a fallback, by face key (the e-book embeds those), and a
// warning for each character no face has, at the first place it occurs.
// Such a character stays in the text: print draws the font's
// missing-glyph box in its place, so the gap shows and nothing is lost
// silently; the e-book leaves it to the reader's own fonts.
//
// texts holds the manuscript files by name, to name the line of the
// character itself rather than of its paragraph.
func checkGlyphs(b *doc.Book, f layout.Fonts, lay *config.Layout, texts map[string][]byte) (map[string][]rune, []*diag.Warning) {
	body, mono := f.Faces[layout.Regular], f.Faces[layout.Mono]
	type place struct {
		r    rune
		pos  doc.Pos
		face layout.Face
	}
	seen := map[layout.Face]map[rune]bool{body: {}, mono: {}}
	var missing []place
	fallback := map[string][]rune{}
	checkIn := func(face layout.Face, s string, pos doc.Pos) {
		for _, r := range s {
			if seen[face][r] || unicode.IsControl(r) || r == '\u00ad' || r == '\ufe0e' {
				continue
			}
			seen[face][r] = true
			if face.HasGlyph(r) {
				continue
			}
			if key := fallbackFor(f, r); key != "" {
				if !slices.Contains(fallback[key], r) {
					fallback[key] = append(fallback[key], r)
				}
				continue
			}
			if src, ok := texts[pos.File]; ok {
				pos.Line = mdread.LineOf(src, pos.Line, string(r))
			}
			missing = append(missing, place{r, pos, face})
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
	for _, rs := range fallback {
		slices.Sort(rs)
	}
	// One warning per line and face, naming every character it lacks
	// there: a word of a script no font has is one message, not one per
	// letter.
	var warns []*diag.Warning
	for i := 0; i < len(missing); {
		m := missing[i]
		var chars, codes []string
		for ; i < len(missing) && missing[i].pos == m.pos && missing[i].face == m.face; i++ {
			chars = append(chars, string(missing[i].r))
			codes = append(codes, fmt.Sprintf("U+%04X", missing[i].r))
		}
		names := []string{m.face.Name()}
		for _, key := range f.Fallbacks {
			names = append(names, f.Faces[key].Name())
		}
		what := "a glyph"
		if len(chars) > 1 {
			what = "glyphs"
		}
		warns = append(warns, diag.Errorf(m.pos.File, m.pos.Line, "print shows the font's missing-glyph box in their place; add a font that has them to [fonts] fallback in the layout, or replace them",
			"no font has %s for %q (%s): not %s", what, strings.Join(chars, ""), strings.Join(codes, " "), strings.Join(names, ", ")))
	}
	return fallback, warns
}

// fallbackFor returns the key of the first fallback face that has r, or
// "" when none has.
func fallbackFor(f layout.Fonts, r rune) string {
	for _, key := range f.Fallbacks {
		if f.Faces[key].HasGlyph(r) {
			return key
		}
	}
	return ""
}
