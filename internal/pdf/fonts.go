package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"press/internal/font"
	"press/internal/page"
	"press/internal/subset"
)

// fontRes is one face as a PDF font: a Type0 font with Identity-H encoding
// over a CIDFont whose character ids are the face's glyph ids. It records
// the glyphs drawn, and the text each stands for, so the subset, the
// widths and the ToUnicode map are written once the pages are done.
type fontRes struct {
	key    string // resource name on the pages, e.g. "F0"
	obj    int    // the Type0 font object
	src    page.Font
	face   *font.Face
	off    int // offset of the face in a collection
	upem   float64
	cff    bool
	used   map[uint16]string // glyph → the text it stands for
	tables map[string][]byte
	glyphs []font.Glyph // a plain word's glyphs, reused word to word
}

func newFontRes(i int, f page.Font, obj int) (*fontRes, error) {
	off, err := subset.FaceOffset(f.Data, f.Index)
	if err != nil {
		return nil, fmt.Errorf("pdf: font %s: %w", f.FullName, err)
	}
	face := f.Face
	if face == nil {
		if face, err = font.Open(f.Data, f.Index, f.Features); err != nil {
			return nil, fmt.Errorf("pdf: font %s: %w", f.FullName, err)
		}
	}
	ts, err := subset.Tables(f.Data, off)
	if err != nil {
		return nil, fmt.Errorf("pdf: font %s: %w", f.FullName, err)
	}
	r := &fontRes{key: "F" + strconv.Itoa(i), obj: obj, src: f, face: face, off: off,
		upem: float64(face.UnitsPerEm()), used: map[uint16]string{}, tables: ts, cff: face.CFF()}
	if !r.cff && ts["glyf"] == nil {
		return nil, fmt.Errorf("pdf: font %s has neither TrueType (glyf) nor CFF outlines", f.FullName)
	}
	return r, nil
}

// use records that glyph g is drawn for text s. The first text a glyph
// stands for is the one ToUnicode gives.
func (f *fontRes) use(g uint16, s string) {
	if old, ok := f.used[g]; !ok || old == "" {
		f.used[g] = s
	}
}

// advance is the glyph's advance in thousandths of an em.
func (f *fontRes) advance(g uint16) float64 {
	return float64(f.face.GlyphAdvance(g)) * 1000 / f.upem
}

// write writes the font objects: Type0, CIDFont, descriptor, subset file
// and ToUnicode map.
func (f *fontRes) write(o *objWriter) error {
	gs := make([]uint16, 0, len(f.used))
	for g := range f.used {
		gs = append(gs, g)
	}
	slices.Sort(gs)
	var file []byte
	var err error
	if f.cff {
		file, err = subset.OpenTypeCFF(f.src.Data, f.off, gs)
	} else {
		file, err = subset.TrueType(f.src.Data, f.off, gs)
	}
	if err != nil {
		return fmt.Errorf("pdf: font %s: %w", f.src.FullName, err)
	}
	base := subsetTag(f.src.FullName, file) + "+" + f.postScriptName()
	cid, desc, ff, tu := o.alloc(), o.alloc(), o.alloc(), o.alloc()

	o.obj(f.obj, "<</Type/Font/Subtype/Type0/BaseFont"+name(base)+"/Encoding/Identity-H/DescendantFonts["+ref(cid)+"]/ToUnicode "+ref(tu)+">>")

	var w strings.Builder
	w.WriteString("[")
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j] == gs[j-1]+1 {
			j++
		}
		w.WriteString(strconv.Itoa(int(gs[i])) + "[")
		for k := i; k < j; k++ {
			if k > i {
				w.WriteByte(' ')
			}
			w.WriteString(num(f.advance(gs[k])))
		}
		w.WriteString("]")
		i = j
	}
	w.WriteString("]")
	sub := "CIDFontType2"
	extra := "/CIDToGIDMap/Identity"
	if f.cff {
		sub, extra = "CIDFontType0", ""
	}
	o.obj(cid, "<</Type/Font/Subtype/"+sub+"/BaseFont"+name(base)+"/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor "+ref(desc)+"/DW 0/W"+w.String()+extra+">>")

	o.obj(desc, f.descriptor(base, ff))
	if f.cff {
		// A name-keyed CFF is embedded in its OpenType wrapper, where
		// character ids are glyph ids (PDF 1.6's FontFile3 /OpenType).
		o.stream(ff, "/Subtype/OpenType", file, true)
	} else {
		o.stream(ff, "/Length1 "+strconv.Itoa(len(file)), file, true)
	}
	o.stream(tu, "", toUnicode(gs, f.used), true)
	return nil
}

// descriptor writes the font descriptor from the face's head, hhea, post
// and OS/2 tables.
func (f *fontRes) descriptor(base string, file int) string {
	u16 := func(t string, at int) int {
		b := f.tables[t]
		if len(b) < at+2 {
			return 0
		}
		return int(int16(binary.BigEndian.Uint16(b[at:])))
	}
	sc := func(v int) string { return num(math.Round(float64(v) * 1000 / f.upem)) }
	ascent, descent := u16("hhea", 4), u16("hhea", 6)
	capH := ascent
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		capH = u16("OS/2", 88)
	}
	italic := 0.0
	if p := f.tables["post"]; len(p) >= 8 {
		italic = float64(int32(binary.BigEndian.Uint32(p[4:]))) / 65536
	}
	flags := 4 // symbolic: glyphs are addressed by id, not a standard encoding
	if italic != 0 {
		flags |= 64
	}
	key := "/FontFile2 "
	if f.cff {
		key = "/FontFile3 "
	}
	return "<</Type/FontDescriptor/FontName" + name(base) + "/Flags " + strconv.Itoa(flags) +
		"/FontBBox[" + sc(u16("head", 36)) + " " + sc(u16("head", 38)) + " " + sc(u16("head", 40)) + " " + sc(u16("head", 42)) + "]" +
		"/ItalicAngle " + num(italic) + "/Ascent " + sc(ascent) + "/Descent " + sc(descent) + "/CapHeight " + sc(capH) +
		"/StemV 80" + key + ref(file) + ">>"
}

// postScriptName is the face's PostScript name from its name table,
// or one made from the full name ("Vollkorn Bold Italic" →
// "Vollkorn-BoldItalic").
func (f *fontRes) postScriptName() string {
	full := f.src.FullName
	words := strings.Fields(full)
	var b strings.Builder
	for i, w := range words {
		if i == 1 {
			b.WriteByte('-')
		}
		for _, r := range w {
			if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				b.WriteRune(r)
			}
		}
	}
	if b.Len() == 0 {
		return "Font"
	}
	return b.String()
}

// subsetTag is the six capital letters that name a subset: derived from
// the font's name and the subset file itself (which depends on the font
// and the glyphs kept), so the same subset always gets the same tag and
// different subsets of one font get different ones. Hashing the subset
// rather than the whole source font reads a few tens of kilobytes, not
// the whole file (each page of which costs a fault here).
func subsetTag(fullName string, subsetFile []byte) string {
	h := sha256.New()
	h.Write([]byte(fullName))
	h.Write(subsetFile)
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for k := range tag {
		tag[k] = 'A' + sum[k]%26
	}
	return string(tag)
}

// toUnicode writes a CMap from glyph ids to the text they stand for, so
// text copied or extracted from the PDF reads as written: a ligature
// glyph maps to all its letters.
func toUnicode(gs []uint16, used map[uint16]string) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n" +
		"/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n")
	var mapped []uint16
	for _, g := range gs {
		if used[g] != "" {
			mapped = append(mapped, g)
		}
	}
	for i := 0; i < len(mapped); i += 100 {
		chunk := mapped[i:min(i+100, len(mapped))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, g := range chunk {
			fmt.Fprintf(&b, "<%04X><", g)
			for _, u := range utf16.Encode([]rune(used[g])) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// appendRun draws t's text as a TJ array of glyph ids: each word shaped
// as the typesetter measured it (ligatures, alternates, kerning), spaces
// as the font's space. Where shaping moves a glyph from its advance (a
// kerned pair), the array carries the adjustment; a ligature under letter
// spacing gets the spacing of the letters it replaces, as the typesetter
// counted them.
func (f *fontRes) appendRun(c []byte, t page.Text) []byte {
	c = append(c, '[', '<')
	open := true // inside a hex string
	adjust := func(v float64) {
		if math.Abs(v) < 0.0005 {
			return
		}
		if open {
			c = append(c, '>')
		}
		c = appendNum(c, v)
		c = append(c, '<')
		open = true
	}
	// Letter spacing is in unscaled text space: TJ numbers are thousandths
	// of the font size, scaled by Tz like everything else.
	trackUnits := 0.0
	if t.Track != 0 && t.Size != 0 {
		trackUnits = page.ToPT(t.Track) / (1 + float64(t.Expand)/1000) / page.ToPT(t.Size) * 1000
	}
	s := t.S
	for len(s) > 0 {
		i := strings.IndexByte(s, ' ')
		if i == 0 {
			g := f.face.Glyph(' ')
			f.use(g, " ")
			c = appendHex4(c, g)
			s = s[1:]
			continue
		}
		if i < 0 {
			i = len(s)
		}
		word := s[:i]
		gs, plain := f.face.PlainGlyphs(f.glyphs[:0], word)
		if plain {
			f.glyphs = gs
		} else {
			gs = f.face.Shape(word)
		}
		for k, g := range gs {
			// The cluster's text ends where the next cluster in the
			// text begins: after this glyph left to right, before it
			// in a right-to-left stretch (shaped in the order seen).
			end := len(word)
			for _, o := range gs {
				if o.Cluster > g.Cluster && int(o.Cluster) < end {
					end = int(o.Cluster)
				}
			}
			cluster := ""
			if k == 0 || gs[k-1].Cluster != g.Cluster {
				cluster = word[g.Cluster:end]
			}
			adj := -(float64(g.Advance) - float64(f.face.GlyphAdvance(g.ID))) * 1000 / f.upem
			if n := utf8.RuneCountInString(cluster); n > 1 {
				adj -= float64(n-1) * trackUnits
			}
			if g.ID == 0 && cluster != "" {
				// The missing-glyph box stands for every character the
				// face lacks, so ToUnicode cannot give them back: the
				// box is drawn in a span whose ActualText is its own.
				f.use(0, "")
				if open {
					c = append(c, '>')
				}
				c = append(c, "]TJ /Span<</ActualText"+text(cluster)+">>BDC [<0000"...)
				adjust(adj)
				if open {
					c = append(c, '>')
				}
				c = append(c, "]TJ EMC [<"...)
				open = true
				continue
			}
			f.use(g.ID, cluster)
			c = appendHex4(c, g.ID)
			adjust(adj)
		}
		s = s[i:]
	}
	if open {
		c = append(c, '>')
	}
	return append(c, "]TJ\n"...)
}
