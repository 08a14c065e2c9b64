package font

import (
	"strings"

	gtfont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/harfbuzz"
)

// Most words of a Latin text come out of the shaper exactly as they went
// in: one glyph per character from the cmap, each with its advance, and
// only kerning (which this package adds itself) between them. A word is
// such a plain word when no substitution or positioning lookup of the
// features the shaper applies can start at any of its glyphs: every
// lookup tests its first (or only) glyph against a coverage table, so a
// glyph outside all coverages can start none. Measuring a plain word
// without the shaper is ten times faster, and the shaper's output for
// words that do meet a lookup (ligatures, contextual forms) is unchanged.
// TestPlainRunsMatchShaper holds the two paths equal.

// shaperFeatures are the features go-text's shaper turns on for
// left-to-right Latin text besides the user's (harfbuzz/ot_shape.go,
// collectFeatures), kern aside: frac, numr and dnom apply only around
// U+2044, which is not a plain character. A constant, not a set built
// when the program starts: it is read once a face.
const shaperFeatures = "rvrn ltra ltrm rand Harf HARF Buzz BUZZ " +
	"abvm blwm ccmp locl mark mkmk rlig " +
	"calt clig curs dist liga rclt"

// plainRune reports whether the shaper does nothing to r but look up its
// glyph: Latin and common characters of scripts without a complex shaper,
// excluding default-ignorable characters (soft hyphen, joiners,
// directional marks) and the fraction slash.
func plainRune(r rune) bool {
	switch {
	case r >= 0x20 && r <= 0x7E:
		return true
	case r >= 0xA0 && r <= 0x24F:
		return r != 0xAD
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205E:
		return r != 0x2044
	}
	return false
}

// plainGlyphs marks, in a bitset, the glyphs that no lookup of the
// features the shaper applies can start at, and that are not marks. It
// returns nil, turning the plain path off, for fonts the shaper treats in
// other ways (AAT tables, feature variations) or whose Latin features it
// cannot tell.
func plainGlyphs(ft *gtfont.Font, user []harfbuzz.Feature, n int) []uint64 {
	if len(ft.Morx) > 0 || len(ft.Kerx) > 0 || len(ft.Kern) > 0 || !ft.Trak.IsEmpty() ||
		len(ft.GSUB.FeatureVariations) > 0 || len(ft.GPOS.FeatureVariations) > 0 {
		return nil
	}
	active := map[ot.Tag]bool{}
	for _, t := range strings.Fields(shaperFeatures) {
		active[ot.MustNewTag(t)] = true
	}
	for _, f := range user {
		active[f.Tag] = f.Tag != kernTag // kern is applied by this package
	}
	touched := make([]uint64, (n+63)/64)
	mark := func(g int) { touched[g>>6] |= 1 << (g & 63) }
	isMark := func(g int) bool {
		c, _ := ft.GDEF.GlyphClassDef.Class(tables.GlyphID(g))
		return c == 3
	}
	if ft.GDEF.GlyphClassDef != nil {
		for g := range n {
			if isMark(g) {
				mark(g)
			}
		}
	}
	// needsMark reports whether a lookup's context has a place that only
	// a mark matches: such a lookup cannot apply to a word without marks
	// (a ccmp lookup that swaps i for a dotless i before an accent).
	needsMark := func(context []tables.Coverage) bool {
		if ft.GDEF.GlyphClassDef == nil {
			return false
		}
		for _, c := range context {
			only := true
			if !eachGlyph(c, n, func(g int) { only = only && isMark(g) }) {
				return false
			}
			if only && c.Len() > 0 {
				return true
			}
		}
		return false
	}
	var starts []tables.Coverage // coverages of the applied lookups' first glyphs
	for _, gsub := range []bool{true, false} {
		l := ft.GPOS.Layout
		if gsub {
			l = ft.GSUB.Layout
		}
		features, ok := latinFeatures(l, active)
		if !ok {
			return nil
		}
		for _, fi := range features {
			for _, li := range l.Features[fi].LookupListIndices {
				if !gsub {
					if int(li) >= len(ft.GPOS.Lookups) {
						return nil
					}
					for _, st := range ft.GPOS.Lookups[li].Subtables {
						starts = append(starts, st.Cov())
					}
					continue
				}
				if int(li) >= len(ft.GSUB.Lookups) {
					return nil
				}
				for _, st := range ft.GSUB.Lookups[li].Subtables {
					if c, ok := st.(tables.ChainedContextualSubs); ok {
						if c3, ok := c.Data.(tables.ChainedContextualSubs3); ok && len(c3.InputCoverages) > 0 &&
							(needsMark(c3.InputCoverages[1:]) || needsMark(c3.LookaheadCoverages) || needsMark(c3.BacktrackCoverages)) {
							continue
						}
					}
					starts = append(starts, st.Cov())
				}
			}
		}
	}
	for _, c := range starts {
		if c == nil || !eachGlyph(c, n, mark) {
			return nil
		}
	}
	plain := make([]uint64, len(touched))
	for i, t := range touched {
		plain[i] = ^t
	}
	return plain
}

// eachGlyph calls f for each glyph below n in coverage c; false for a
// coverage of a kind it does not know.
func eachGlyph(c tables.Coverage, n int, f func(g int)) bool {
	switch c := c.(type) {
	case tables.Coverage1:
		for _, g := range c.Glyphs {
			if int(g) < n {
				f(int(g))
			}
		}
	case tables.Coverage2:
		for _, r := range c.Ranges {
			for g := int(r.StartGlyphID); g <= int(r.EndGlyphID) && g < n; g++ {
				f(g)
			}
		}
	default:
		return false
	}
	return true
}

// latinFeatures lists the features the shaper applies to Latin text with
// no language: those of the default language systems of the latn and
// DFLT scripts whose tags are active, and their required features. ok is
// false when the table has scripts but neither of these, or one without a
// default language system: the shaper's choice is then not predicted here.
func latinFeatures(l gtfont.Layout, active map[ot.Tag]bool) (fs []uint16, ok bool) {
	if len(l.Scripts) == 0 {
		return nil, true
	}
	found := false
	for _, s := range l.Scripts {
		if s.Tag != ot.MustNewTag("latn") && s.Tag != ot.MustNewTag("DFLT") && s.Tag != ot.MustNewTag("dflt") {
			continue
		}
		found = true
		ls := s.DefaultLangSys
		if ls == nil {
			return nil, false
		}
		if ls.RequiredFeatureIndex != 0xFFFF {
			fs = append(fs, ls.RequiredFeatureIndex)
		}
		for _, fi := range ls.FeatureIndices {
			if int(fi) < len(l.Features) && active[l.Features[fi].Tag] {
				fs = append(fs, fi)
			}
		}
	}
	for _, fi := range fs {
		if int(fi) >= len(l.Features) {
			return nil, false
		}
	}
	return fs, found
}

// plainRun appends the glyphs of s when it is a plain word (see above)
// and reports whether it was.
func (f *Face) plainRun(out []Glyph, s string, base int) ([]Glyph, bool) {
	if f.plain == nil {
		return out, false
	}
	n := len(out)
	for i, r := range s {
		if !plainRune(r) {
			return out[:n], false
		}
		g := f.Glyph(r)
		if g == 0 || f.plain[g>>6]&(1<<(g&63)) == 0 {
			return out[:n], false
		}
		if len(out) > n {
			out[len(out)-1].Advance += int32(f.kernGlyphs(out[len(out)-1].ID, g))
		}
		out = append(out, Glyph{ID: g, Advance: f.adv[g], Cluster: int32(base + i)})
	}
	return out, true
}

// PlainGlyphs appends to dst the glyphs of s when it is a plain word (see
// above), as Shape would give them, and reports whether it was; for any
// other text it appends nothing. It remembers nothing: the PDF writer
// draws each line's words with it, where Shape would keep every distinct
// word of the book in the face's cache.
func (f *Face) PlainGlyphs(dst []Glyph, s string) ([]Glyph, bool) {
	f.load()
	if f.font == nil || s == "" {
		return dst, false
	}
	return f.plainRun(dst, s, 0)
}

// plainWidth is the width of s when it is a plain word (see above): the
// advances and pair kerning of the glyphs plainRun gives it, added up.
// It reports false for any other text, and for "".
func (f *Face) plainWidth(s string) (int, bool) {
	f.load()
	if f.plain == nil || f.font == nil || s == "" {
		return 0, false
	}
	w, prev := 0, -1
	for _, r := range s {
		if !plainRune(r) {
			return 0, false
		}
		g := f.Glyph(r)
		if g == 0 || f.plain[g>>6]&(1<<(g&63)) == 0 {
			return 0, false
		}
		if prev >= 0 {
			w += f.kernGlyphs(uint16(prev), g)
		}
		w += int(f.adv[g])
		prev = int(g)
	}
	return w, true
}

// PlainMetrics appends to adv each character's advance in s and to kern
// the pair kerning between each character and the next (one fewer), in
// font units, when s is a plain word (see above): the shaper would draw it
// one glyph per character with those advances, so the width of any part
// of it follows by addition. It reports false, appending nothing, for any
// other text. The typesetter measures a word's prefixes (where it may
// hyphenate) and suffixes this way without shaping each one.
func (f *Face) PlainMetrics(s string, adv, kern []int32) ([]int32, []int32, bool) {
	f.load()
	if f.plain == nil || f.font == nil {
		return adv, kern, false
	}
	na, nk := len(adv), len(kern)
	prev := -1
	for _, r := range s {
		if !plainRune(r) {
			return adv[:na], kern[:nk], false
		}
		g := f.Glyph(r)
		if g == 0 || f.plain[g>>6]&(1<<(g&63)) == 0 {
			return adv[:na], kern[:nk], false
		}
		if prev >= 0 {
			kern = append(kern, int32(f.kernGlyphs(uint16(prev), g)))
		}
		adv = append(adv, f.adv[g])
		prev = int(g)
	}
	return adv, kern, true
}
