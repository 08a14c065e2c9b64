// Package font is press's one view of a font file: metrics, glyph
// coverage and shaping. Text is shaped with go-text/typesetting's port of
// HarfBuzz (ligatures, alternates, small caps: the GSUB features), so
// widths are those the PDF draws: the typesetter measures with Width and
// the PDF writer draws with Shape, from the same shaper and features.
//
// Pair kerning is applied by this package from the GPOS 'kern' feature,
// summed over all its lookups, on the shaped glyphs: go-text v0.3.5's
// shaper applies only part of Vollkorn's kerning (V–A, T–o and “–A come
// out unkerned), so the shaper runs with kern off and the pairs are added
// here.
//
// A *Face is safe for concurrent use. Shaped words are cached, so a word
// that recurs costs one map lookup after its first use.
package font

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	gtfont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"

	"press/internal/subset"
)

const (
	maxRune  = 0x10FFFF
	pageBits = 8
	pageSize = 1 << pageBits
	// numPages is the number of cached pages of the character map: the
	// Basic Multilingual Plane's; characters beyond it are looked up in
	// the font each time (they are rare, and caching pages for all of
	// Unicode made every face 35 KB larger).
	numPages = 0x10000 >> pageBits
)

// cmapPage caches rune → glyph index for 256 consecutive runes.
// An entry is 0 while unknown, otherwise glyph index + 1.
type cmapPage [pageSize]atomic.Int32

// DefaultFeatures are the OpenType features on unless a layout says
// otherwise: standard ligatures and kerning.
var DefaultFeatures = []string{"liga", "kern"}

// Glyph is one shaped glyph, in font units.
type Glyph struct {
	ID      uint16
	Advance int32 // horizontal advance, kerning included
	XOff    int32 // displacement from the pen position
	YOff    int32
	// Cluster is the byte offset in the shaped text of the first
	// character this glyph draws; glyphs of one cluster share it.
	Cluster int32
}

// Face holds one parsed face and its shaper. It is safe for concurrent use.
type Face struct {
	ld      *ot.Loader
	shapeLd *ot.Loader // ld without the outlines (shapeonly.go), or nil
	// shapeCmap is the character map shapeLd's font uses when shapeLd
	// shows go-text an empty one (shapeonly.go), else nil.
	shapeCmap gtfont.Cmap
	data      []byte // the font file, when its tables can be read in place
	off       int    // where the face's table directory starts in data
	cmapTable charMap
	once      sync.Once   // parse
	parsed    atomic.Bool // parse has run
	err       error       // from parse
	font      *gtfont.Font
	upem      int
	name      string
	fullName  string // from the name table, read by Open
	numGlyphs int
	cff       bool

	ascent, descent, capHeight, xHeight, lineGap int
	strikePos, strikeSize                        int

	features  []harfbuzz.Feature
	kern      bool      // pair kerning on (the "kern" feature)
	gpos      *gposKern // nil: no GPOS kerning
	kernFirst []uint64  // bitset of glyphs that can start a kerning pair
	// shapers are the idle shapers, kept (unlike a sync.Pool's) across
	// garbage collections: a shape plan is costly to build.
	shapers chan *shaper
	// spare is the go-text face parse measured the font with, for the
	// first shaper: each face holds a cache of every glyph's extents.
	spare  atomic.Pointer[gtfont.Face]
	shards [64]shard // shaped text by hash of the text
	adv    []int32   // advance width by glyph index
	plain  []uint64  // bitset of glyphs words of which need no shaper (plain.go)
	// kernCache holds recently looked-up kerning pairs (kernGlyphs); it
	// is made by parse for a face with kerning.
	kernCache []atomic.Uint64
	cmap      [numPages]atomic.Pointer[cmapPage]
}

// shard is one part of the cache of shaped text, split so that parallel
// typesetting rarely waits on a lock.
type shard struct {
	mu sync.RWMutex
	m  map[string][]Glyph
}

func (f *Face) shard(b []byte) *shard {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return &f.shards[h%uint32(len(f.shards))]
}

// shaper is one goroutine's HarfBuzz state (go-text's faces cache glyph
// data without locks, so each shaper has its own).
type shaper struct {
	buf  *harfbuzz.Buffer
	font *harfbuzz.Font
	// runes and offs are hbDir's scratch: the text's characters and the
	// byte offset of each.
	runes []rune
	offs  []int32
}

// Parse parses a TrueType or OpenType (CFF) font file with the default
// features.
func Parse(data []byte) (*Face, error) { return Open(data, 0, nil) }

// Open reads face index of a font file (.ttf, .otf, or a .ttc
// collection), which must not change while the face is in use (it is
// read, not copied), and shapes with the given OpenType features: "liga" turns
// one on, "-liga" off, "onum", "smcp", "ss01", … add to the defaults
// (DefaultFeatures).
//
// Open checks the tables whose faults go-text reports (cmap, head, maxp)
// and reads the character map; the rest of the parse waits for the first
// measurement or shaping call, and most books set text in two of a
// layout's five faces. The shaper's go-text font is loaded without the
// glyph outlines it would otherwise parse in full (shapeonly.go). A fault
// in the rest is reported by Err once the face is used.
func Open(data []byte, index int, features []string) (f *Face, err error) {
	defer func() {
		// Belt and braces: malformed input must give an error, never a panic.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("font: malformed font: %v", r)
		}
	}()
	lds, err := ot.NewLoaders(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	if index < 0 || index >= len(lds) {
		return nil, fmt.Errorf("font: the file has %d face(s), no face %d", len(lds), index)
	}
	f = &Face{ld: lds[index]}
	if off, err := subset.FaceOffset(data, index); err == nil && sfntAt(data, off) {
		f.data, f.off = data, off
	}
	cmap, err := f.table("cmap")
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	if f.cmapTable, err = openCharMap(cmap, func() tables.FontPage {
		raw, _ := f.table("OS/2")
		os2, _, _ := tables.ParseOs2(raw)
		return os2.FontPage()
	}); err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	raw, err := f.table("head")
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	head, _, err := tables.ParseHead(raw)
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	maxp, _ := f.table("maxp")
	if _, _, err := tables.ParseMaxp(maxp); err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	if len(maxp) < 6 {
		return nil, errors.New("font: no maxp table")
	}
	f.upem, f.numGlyphs, f.cff = int(head.Upem()), int(maxp[4])<<8|int(maxp[5]), f.ld.HasTable(ot.MustNewTag("CFF "))
	if f.upem <= 0 {
		return nil, errors.New("font: invalid unitsPerEm")
	}
	if f.numGlyphs <= 0 {
		return nil, errors.New("font: no glyphs")
	}
	if !f.cff && !f.ld.HasTable(ot.MustNewTag("glyf")) {
		return nil, errors.New("font: no TrueType (glyf) or CFF outlines")
	}
	if f.features, f.kern, err = parseFeatures(features); err != nil {
		return nil, err
	}
	name, _ := f.table("name")
	f.fullName = fullName(name)
	f.name = f.fullName
	if f.data != nil {
		f.shapeLd, f.shapeCmap = shapingLoader(data, index, f.off, f.cmapTable, cmap, f.fullName != "")
	}
	f.shapers = make(chan *shaper, 4*runtime.GOMAXPROCS(0))
	return f, nil
}

// load finishes the parse that Open left for first use; every method that
// needs more than the character map calls it.
func (f *Face) load() { f.once.Do(f.parse) }

// Prepare finishes the parse now, for a face that will be used: called on
// a spare processor while other work goes on, it has the face ready when
// the text is set.
func (f *Face) Prepare() { f.load() }

func (f *Face) parse() {
	defer f.parsed.Store(true)
	defer func() {
		if r := recover(); r != nil {
			f.err = fmt.Errorf("font: malformed font: %v", r)
			f.font, f.adv, f.gpos, f.plain = nil, make([]int32, f.numGlyphs), nil, nil
		}
	}()
	ld := f.ld
	if f.shapeLd != nil {
		ld = f.shapeLd
	}
	ft, err := gtfont.NewFont(ld)
	if err != nil { // Open has checked what NewFont can fail on
		panic(err)
	}
	if f.shapeCmap != nil {
		ft.Cmap = f.shapeCmap
	}
	if f.kern {
		gpos, _ := f.table("GPOS")
		if f.gpos = parseGPOSKern(gpos, f.numGlyphs); f.gpos != nil {
			f.kernFirst = f.gpos.firstGlyphs(f.numGlyphs)
			f.kernCache = make([]atomic.Uint64, 4096)
		}
	}
	face := gtfont.NewFace(ft)
	ext, _ := face.FontHExtents()
	f.ascent, f.descent, f.lineGap = int(ext.Ascender), int(ext.Descender), int(ext.LineGap)
	f.capHeight = int(face.LineMetric(gtfont.CapHeight))
	f.xHeight = int(face.LineMetric(gtfont.XHeight))
	if f.shapeLd != nil && f.capHeight == 0 { // measured from outlines, hidden from ft
		for r, m := range map[rune]*int{'H': &f.capHeight, 'x': &f.xHeight} {
			if g, ok := ft.Cmap.Lookup(r); ok {
				*m, _ = glyfTop(f.data, f.off, int(g))
			}
		}
	}
	f.strikePos = int(face.LineMetric(gtfont.StrikethroughPosition))
	f.strikeSize = int(face.LineMetric(gtfont.StrikethroughThickness))
	f.adv = make([]int32, f.numGlyphs)
	for i := range f.adv {
		f.adv[i] = int32(face.HorizontalAdvance(gtfont.GID(i)))
	}
	f.plain = plainGlyphs(ft, f.features, f.numGlyphs)
	f.spare.Store(face)
	if f.name == "" { // no full name in the name table (see Open)
		f.name = ft.Describe().Family
	}
	f.font = ft
}

// Err reports a fault found in the part of the font that Open left for
// first use (see Open). It is nil for a face never used; call it once the
// face's text is set, before trusting what was measured.
func (f *Face) Err() error {
	if !f.parsed.Load() {
		return nil
	}
	return f.err
}

// parseFeatures turns the layout's feature list into HarfBuzz settings
// over the defaults, and says whether kerning is on. The shaper itself
// always runs with kern off (see the package comment).
func parseFeatures(list []string) ([]harfbuzz.Feature, bool, error) {
	all := append(append([]string(nil), DefaultFeatures...), list...)
	var out []harfbuzz.Feature
	kern := false
	for _, s := range all {
		ft, err := harfbuzz.ParseFeature(s)
		if err != nil || len(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")) != 4 {
			return nil, false, fmt.Errorf("font: feature %q is not an OpenType feature tag such as \"onum\" or \"-liga\"", s)
		}
		if ft.Tag == kernTag {
			kern = ft.Value != 0
			continue
		}
		out = append(out, ft)
	}
	return append(out, harfbuzz.Feature{Tag: kernTag, Value: 0, Start: 0, End: harfbuzz.FeatureGlobalEnd}), kern, nil
}

var kernTag = ot.MustNewTag("kern")

// fullName reads the full font name (name id 4) from the name table.
func fullName(raw []byte) string {
	if len(raw) < 6 {
		return ""
	}
	u16 := func(o int) int {
		if o+2 > len(raw) {
			return -1
		}
		return int(raw[o])<<8 | int(raw[o+1])
	}
	count, store := u16(2), u16(4)
	for i := range count {
		r := 6 + 12*i
		platform, enc, id, length, off := u16(r), u16(r+2), u16(r+6), u16(r+8), u16(r+10)
		if id != 4 || length < 0 || off < 0 || store+off+length > len(raw) {
			continue
		}
		b := raw[store+off : store+off+length]
		switch {
		case platform == 3 || platform == 0:
			var s []rune
			for k := 0; k+1 < len(b); k += 2 {
				s = append(s, rune(b[k])<<8|rune(b[k+1]))
			}
			return string(s)
		case platform == 1 && enc == 0:
			return string(b)
		}
	}
	return ""
}

// UnitsPerEm returns the number of font units per em.
func (f *Face) UnitsPerEm() int { return f.upem }

// Name returns the full font name from the name table ("Vollkorn Regular"),
// or the family name.
func (f *Face) Name() string {
	if f.fullName != "" {
		return f.fullName // without parsing the face: the PDF names every face of a layout
	}
	f.load()
	return f.name
}

// CFF reports whether the face has CFF (PostScript) outlines.
func (f *Face) CFF() bool { return f.cff }

// Ascent returns the ascender (hhea), positive, in font units.
func (f *Face) Ascent() int { f.load(); return f.ascent }

// Descent returns the descender (hhea), negative, in font units.
func (f *Face) Descent() int { f.load(); return f.descent }

// CapHeight returns the height of capital letters in font units.
func (f *Face) CapHeight() int { f.load(); return f.capHeight }

// XHeight returns the height of lower-case letters in font units.
func (f *Face) XHeight() int { f.load(); return f.xHeight }

// LineGap returns the recommended extra leading (hhea) in font units.
func (f *Face) LineGap() int { f.load(); return f.lineGap }

// isControl reports whether r is an ASCII control character (U+0000–U+001F,
// U+007F). These are never drawn: they have zero advance and are ignored
// by Missing.
func isControl(r rune) bool { return r < 0x20 && r >= 0 || r == 0x7F }

// Strikeout is the top of the strikeout stroke above the baseline and its
// thickness, in font units, from the OS/2 table; when the font gives none
// (zero), a stroke at half the x-height, a twentieth of an em thick.
func (f *Face) Strikeout() (pos, size int) {
	pos, size = f.strikePos, f.strikeSize
	if size <= 0 || pos <= 0 {
		pos, size = f.xHeight/2+f.upem/40, f.upem/20
		if f.xHeight <= 0 {
			pos = f.upem / 4
		}
	}
	return pos, size
}

// HasGlyph reports whether the font's cmap maps r to a real glyph, i.e. not
// to glyph 0 (.notdef).
func (f *Face) HasGlyph(r rune) bool { return f.Glyph(r) != 0 }

// Advance returns the advance width of r's own glyph in font units. A
// rune without a glyph gets the advance of .notdef; ASCII control
// characters get 0.
func (f *Face) Advance(r rune) int {
	if isControl(r) {
		return 0
	}
	f.load()
	return int(f.adv[f.Glyph(r)])
}

// GlyphAdvance returns the advance width of glyph g in font units.
func (f *Face) GlyphAdvance(g uint16) int {
	f.load()
	if int(g) >= len(f.adv) {
		return 0
	}
	return int(f.adv[g])
}

// Kern returns how much shaping a and b together changes their width
// from the sum of their advances (kerning, or a ligature), in font units.
func (f *Face) Kern(a, b rune) int {
	if isControl(a) || isControl(b) {
		return 0
	}
	var buf [8]byte
	pair := utf8.AppendRune(utf8.AppendRune(buf[:0], a), b)
	return width(f.shapeBytes(pair)) - f.Advance(a) - f.Advance(b)
}

// Width returns the shaped width of s in font units: advances with
// kerning and ligatures as the features ask. ASCII control characters
// count as zero width and break kerning. A plain word (plain.go) is
// measured from the character map and remembered nowhere: the
// typesetter measures each part of a word where it may break, and
// Shape would keep the glyphs of every part in the face's cache.
func (f *Face) Width(s string) int {
	if w, ok := f.plainWidth(s); ok {
		return w
	}
	return width(f.Shape(s))
}

func width(gs []Glyph) int {
	w := 0
	for _, g := range gs {
		w += int(g.Advance)
	}
	return w
}

// Shape returns the glyphs that draw s, left to right. The result is
// shared: callers must not change it.
func (f *Face) Shape(s string) []Glyph {
	sh := f.shard([]byte(s)) // no copy: the conversion does not escape
	sh.mu.RLock()
	gs, ok := sh.m[s]
	sh.mu.RUnlock()
	if ok {
		return gs
	}
	return f.store(sh, s)
}

// shapeBytes is Shape for text held in a byte slice.
func (f *Face) shapeBytes(b []byte) []Glyph {
	sh := f.shard(b)
	sh.mu.RLock()
	gs, ok := sh.m[string(b)]
	sh.mu.RUnlock()
	if ok {
		return gs
	}
	return f.store(sh, string(b))
}

func (f *Face) store(sh *shard, s string) []Glyph {
	gs := f.shape(s)
	sh.mu.Lock()
	if sh.m == nil {
		sh.m = map[string][]Glyph{}
	}
	if old, ok := sh.m[s]; ok {
		gs = old
	} else {
		sh.m[s] = gs
	}
	sh.mu.Unlock()
	return gs
}

// shape shapes s, each stretch between control characters on its own.
func (f *Face) shape(s string) []Glyph {
	var out []Glyph
	if s != "" {
		// A glyph a character, but for ligatures and control characters:
		// the slice, which the cache keeps, is made once at its size.
		out = make([]Glyph, 0, utf8.RuneCountInString(s))
	}
	start := 0
	for i, r := range s {
		if isControl(r) {
			out = f.shapeRun(out, s[start:i], start)
			start = i + 1
		}
	}
	return f.shapeRun(out, s[start:], start)
}

// shapeRun appends the glyphs of s, a text without control characters
// found at byte offset base of the whole. A stretch of right-to-left
// letters (a Hebrew or Arabic word in an English line) is shaped right to
// left, so its glyphs come out in the order they are seen, its letters
// joined as that script joins them; the stretches themselves stay in
// reading order, as in a left-to-right paragraph (the Unicode
// bidirectional algorithm's result for a word or a few letters; the
// words of a right-to-left phrase are put in their order on the line by
// the typesetter, once the line is broken).
func (f *Face) shapeRun(out []Glyph, s string, base int) []Glyph {
	if s == "" {
		return out
	}
	f.load()
	if f.font == nil { // see Err
		return out
	}
	start, rtl := 0, false
	for i, r := range s {
		switch {
		case rightToLeft(r) && !rtl, !rightToLeft(r) && rtl && !unicode.Is(unicode.Mn, r):
			out = f.dirRun(out, s[start:i], base+start, rtl)
			start, rtl = i, !rtl
		}
	}
	return f.dirRun(out, s[start:], base+start, rtl)
}

// rightToLeft reports whether r is a letter of a script written right to
// left.
func rightToLeft(r rune) bool {
	return r >= 0x0590 && r <= 0x08ff && !unicode.Is(unicode.Mn, r) || r >= 0xfb1d && r <= 0xfdff || r >= 0xfe70 && r <= 0xfeff
}

// dirRun appends the glyphs of s, set in one direction: left to right
// from the character map when no lookup can touch it, else by the
// shaper.
func (f *Face) dirRun(out []Glyph, s string, base int, rtl bool) []Glyph {
	if s == "" {
		return out
	}
	if !rtl {
		if gs, ok := f.plainRun(out, s, base); ok {
			return gs
		}
	}
	return f.hbDir(out, s, base, rtl)
}

// hbRun appends the glyphs of s as go-text's shaper gives them, left to
// right.
func (f *Face) hbRun(out []Glyph, s string, base int) []Glyph { return f.hbDir(out, s, base, false) }

// hbDir appends the glyphs of s as go-text's shaper gives them in the
// direction asked for, in the order they are seen.
func (f *Face) hbDir(out []Glyph, s string, base int, rtl bool) []Glyph {
	var sh *shaper
	select {
	case sh = <-f.shapers:
	default:
		face := f.spare.Swap(nil)
		if face == nil {
			face = gtfont.NewFace(f.font)
		}
		sh = &shaper{buf: harfbuzz.NewBuffer(), font: harfbuzz.NewFont(face)}
	}
	defer func() {
		select {
		case f.shapers <- sh:
		default:
		}
	}()
	runes, offs := sh.runes[:0], sh.offs[:0]
	for i, r := range s {
		runes = append(runes, r)
		offs = append(offs, int32(base+i))
	}
	sh.runes, sh.offs = runes, offs
	b := sh.buf
	b.Clear()
	b.AddRunes(runes, 0, -1)
	b.Props.Direction = harfbuzz.LeftToRight
	b.Props.Language = undetermined
	if rtl {
		b.Props.Direction = harfbuzz.RightToLeft
	}
	b.GuessSegmentProperties()
	if b.Props.Script == 0 {
		b.Props.Script = language.Latin
	}
	b.Shape(sh.font, f.features)
	for i, info := range b.Info {
		p := b.Pos[i]
		c := info.Cluster
		if c < 0 || c >= len(offs) {
			c = 0
		}
		g := Glyph{ID: uint16(info.Glyph), Advance: int32(p.XAdvance), XOff: int32(p.XOffset), YOff: int32(p.YOffset), Cluster: offs[c]}
		if k := len(out); k > 0 && i > 0 {
			out[k-1].Advance += int32(f.kernGlyphs(out[k-1].ID, g.ID))
		}
		out = append(out, g)
	}
	return out
}

// undetermined is the language text is shaped in. Left unset, go-text
// takes it from the environment (LC_ALL, LC_CTYPE, LANG), so the same book
// built under LANG=tr_TR got Turkish forms of "i" from Vollkorn's locl
// feature: the editions must not depend on who builds them. No font has
// a language system for it, so the script's default applies.
var undetermined = language.NewLanguage("und")

// KernGlyphs is the GPOS pair kerning of glyphs a and b (glyph ids of the
// font), 0 with kerning off: what a legacy kern table carries for a cut
// font without GPOS (the e-book's fonts), ligature glyphs included.
func (f *Face) KernGlyphs(a, b uint16) int { return f.kernGlyphs(a, b) }

// KernPairs calls pair for every two glyphs of gs that kern, with the
// kerning KernGlyphs gives them (gs[first] followed by gs[second]), in
// order of first glyph then second: what the e-book's cut fonts carry as
// a kern table. For a hundred glyphs and more this is several times
// faster than asking pair by pair, and it holds one row of kerning at a
// time, not the matrix of every pair.
func (f *Face) KernPairs(gs []uint16, pair func(first, second int, kern int)) {
	f.load()
	if f.gpos == nil {
		return
	}
	ids := make([]int, len(gs))
	for i, g := range gs {
		ids[i] = int(g)
		if int(g) >= f.numGlyphs {
			ids[i] = -1 // no glyph: covered by no table
		}
	}
	f.gpos.rows(ids, func(i int, r []int32) {
		if ids[i] < 0 {
			return
		}
		for k, v := range r {
			if v != 0 && ids[k] >= 0 { // clamped as kernGlyphs clamps it
				pair(i, k, min(max(int(v), -1<<20), 1<<20))
			}
		}
	})
}

// kernGlyphs is the GPOS pair kerning of glyphs a and b, 0 with kerning off.
func (f *Face) kernGlyphs(a, b uint16) int {
	f.load()
	if f.gpos == nil || int(a) >= f.numGlyphs || int(b) >= f.numGlyphs || f.kernFirst[a>>6]&(1<<(a&63)) == 0 {
		return 0
	}
	// The pairs of a text recur (the typesetter measures every prefix of
	// a word it may hyphenate), and a GPOS look-up is a dozen binary
	// searches: remember recent pairs. An entry packs the pair and the
	// kerning, offset so that a valid entry is never zero.
	const lim = 1 << 20
	pair := uint64(a)<<48 | uint64(b)<<32
	slot := &f.kernCache[(uint32(a)*2654435761^uint32(b))%uint32(len(f.kernCache))]
	if e := slot.Load(); e&^0xFFFFFFFF == pair && e != 0 {
		return int(uint32(e)) - lim - 1
	}
	k := min(max(f.gpos.kern(int(a), int(b)), -lim), lim)
	slot.Store(pair | uint64(k+lim+1))
	return k
}

// Missing returns the distinct runes of s that have no glyph, in order of
// first appearance, or nil if every rune has one. ASCII control characters
// are ignored.
func (f *Face) Missing(s string) []rune {
	var out []rune
next:
	for _, r := range s {
		if isControl(r) || f.Glyph(r) != 0 {
			continue
		}
		for _, m := range out {
			if m == r {
				continue next
			}
		}
		out = append(out, r)
	}
	return out
}

// Glyph returns the glyph the cmap gives r, 0 if unmapped. It is always
// a valid glyph index.
func (f *Face) Glyph(r rune) uint16 {
	if uint32(r) > maxRune {
		return 0
	}
	if r>>pageBits >= numPages {
		return f.lookup(r)
	}
	if p := f.cmap[r>>pageBits].Load(); p != nil {
		if v := p[r&(pageSize-1)].Load(); v != 0 {
			return uint16(v - 1)
		}
	}
	slot := &f.cmap[r>>pageBits]
	p := slot.Load()
	if p == nil {
		p = new(cmapPage)
		if !slot.CompareAndSwap(nil, p) {
			p = slot.Load()
		}
	}
	g := f.lookup(r)
	p[r&(pageSize-1)].Store(int32(g) + 1)
	return g
}

// lookup returns the glyph the font's character map gives r, 0 if
// unmapped or not a glyph of the font.
func (f *Face) lookup(r rune) uint16 {
	x, _ := f.cmapTable.Lookup(r)
	g := int(x)
	if g >= f.numGlyphs || g < 0 {
		g = 0
	}
	return uint16(g)
}
