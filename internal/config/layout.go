package config

import (
	"errors"
	"os"
	"strconv"
	"strings"

	"press/internal/diag"
)

// Layout is a print layout: page geometry, type, hyphenation and the
// line- and page-breaking parameters. Lengths on the page are millimetres,
// type sizes points, indents ems. DefaultLayout gives every default.
type Layout struct {
	Name        string      `toml:"name"`        // shown in messages; default: the file name
	Description string      `toml:"description"` // one line for `press layouts`
	Page        Page        `toml:"page"`
	Fonts       Fonts       `toml:"fonts"`
	Features    Features    `toml:"features"`
	Text        Text        `toml:"text"`
	Hyphenation Hyphenation `toml:"hyphenation"`
	Breaking    Breaking    `toml:"breaking"`
	Pages       Pages       `toml:"pages"`
	Figures     Figures     `toml:"figures"`
	Tables      Tables      `toml:"tables"`
	Code        Code        `toml:"code"`
	EPUB        EPUB        `toml:"epub"`

	File  string `toml:"-"` // path of the layout file, as messages show it
	Dir   string `toml:"-"` // its folder on disk, "" when built in; font and CSS paths are relative to it
	shelf Shelf  // where files the layout names are looked up
}

// Page is the paper and the type area, in millimetres.
type Page struct {
	Width  float64 `toml:"width"`  // 148 (A5)
	Height float64 `toml:"height"` // 210 (A5)
	Inner  float64 `toml:"inner"`  // margin at the spine: 18
	Outer  float64 `toml:"outer"`  // margin at the fore-edge: 18
	Top    float64 `toml:"top"`    // from the paper edge to the top of the text block: 20
	Bottom float64 `toml:"bottom"` // from the bottom of the text block to the paper edge: 22
}

// Fonts names the font files of the body family, relative to the layout:
// TrueType (.ttf) or OpenType-CFF (.otf), or a face of a collection
// (.ttc) written "file.ttc#index".
type Fonts struct {
	Regular    string `toml:"regular"`     // "../fonts/Vollkorn-Regular.ttf"
	Italic     string `toml:"italic"`      // "../fonts/Vollkorn-Italic.ttf"
	Bold       string `toml:"bold"`        // "../fonts/Vollkorn-Bold.ttf"
	BoldItalic string `toml:"bold_italic"` // "../fonts/Vollkorn-BoldItalic.ttf"
	Family     string `toml:"family"`      // family name for the EPUB CSS: "Vollkorn"
	// Mono is the monospaced face for code, and MonoFamily its family
	// name in the EPUB CSS.
	Mono       string `toml:"mono"`        // "../fonts/DejaVuSansMono.ttf"
	MonoFamily string `toml:"mono_family"` // "DejaVu Sans Mono"
	// Fallback lists faces that give the characters the body and code
	// faces lack (Hebrew in a novel, an arrow in a README), first found
	// wins; each is regular weight only. ["../fonts/DejaVuSans.ttf"]
	Fallback []string `toml:"fallback"`
	// Features are OpenType features over the defaults (liga, kern) for
	// all text: "onum" turns old-style figures on, "-liga" ligatures off.
	// [features] adds to them for one kind of text.
	Features []string `toml:"features"`
}

// FontPath splits a [fonts] path into the file and the face index of a
// collection: "Noto.ttc#2" → "Noto.ttc", 2. A path without "#" is face 0;
// ok is false when what follows "#" is not a face number.
func FontPath(p string) (file string, index int, ok bool) {
	i := strings.LastIndexByte(p, '#')
	if i < 0 {
		return p, 0, true
	}
	n, err := strconv.Atoi(p[i+1:])
	if err != nil || n < 0 {
		return p, 0, false
	}
	return p[:i], n, true
}

// Text sets sizes and spacing, in points unless the name says otherwise.
type Text struct {
	Size         float64 `toml:"size"`          // body size: 11
	Leading      float64 `toml:"leading"`       // baseline to baseline: 14
	Indent       float64 `toml:"indent"`        // first-line indent of following paragraphs, em: 1
	QuoteIndent  float64 `toml:"quote_indent"`  // block quote indent on both sides, em: 1.5
	QuoteSize    float64 `toml:"quote_size"`    // block quote size: 10
	QuoteLeading float64 `toml:"quote_leading"` // block quote leading: 12.5
	NoteSize     float64 `toml:"note_size"`     // endnote size: 9
	NoteLeading  float64 `toml:"note_leading"`  // endnote leading: 11.5
	HeadingSize  float64 `toml:"heading_size"`  // section heading size: 14
	TitleSize    float64 `toml:"title_size"`    // title page title size: 24
	HeadSize     float64 `toml:"head_size"`     // running head and folio size: 9
	Justify      bool    `toml:"justify"`       // justify body text: true
}

// Hyphenation controls Liang hyphenation with Knuth's patterns.
type Hyphenation struct {
	Enabled     bool     `toml:"enabled"`     // true
	LeftMin     int      `toml:"left_min"`    // letters before the first break: 2
	RightMin    int      `toml:"right_min"`   // letters after the last break: 3
	Capitalized bool     `toml:"capitalized"` // hyphenate words that start with a capital: false
	LastWord    bool     `toml:"last_word"`   // hyphenate the last word of a paragraph: false
	Exceptions  []string `toml:"exceptions"`  // words with their allowed breaks, e.g. "ta-ble"
	MinWord     int      `toml:"min_word"`    // shortest word that may be hyphenated: 6
}

// Breaking holds TeX's line-breaking parameters (same names, same meaning).
type Breaking struct {
	Pretolerance         int     `toml:"pretolerance"`           // first pass, no hyphenation: 100
	Tolerance            int     `toml:"tolerance"`              // second pass: 200
	LinePenalty          int     `toml:"line_penalty"`           // 10
	HyphenPenalty        int     `toml:"hyphen_penalty"`         // 200
	ExHyphenPenalty      int     `toml:"ex_hyphen_penalty"`      // 50
	DoubleHyphenDemerits int     `toml:"double_hyphen_demerits"` // 10000
	FinalHyphenDemerits  int     `toml:"final_hyphen_demerits"`  // 5000
	AdjDemerits          int     `toml:"adj_demerits"`           // 10000
	EmergencyStretch     float64 `toml:"emergency_stretch"`      // third pass extra stretch, em: 1.5
	SpaceStretch         float64 `toml:"space_stretch"`          // interword stretch, fraction of the font's space: 0.75
	SpaceShrink          float64 `toml:"space_shrink"`           // interword shrink, fraction of the font's space: 0.2 (never below 4/5 of the space)
	MaxHyphenRun         int     `toml:"max_hyphen_run"`         // most consecutive hyphenated lines, 0 = no limit: 2
	FontExpansion        float64 `toml:"font_expansion"`         // most glyphs widen or narrow, shared with the spaces by the line breaker: 0.02
	LetterSpacing        float64 `toml:"letter_spacing"`         // most letter spacing, em, on a line still too loose: 0.02
	MaxWordSpace         float64 `toml:"max_word_space"`         // widest space, in spaces, before letter spacing takes the rest: 2.25
}

// Pages controls page breaking and page furniture.
type Pages struct {
	WidowPenalty       int    `toml:"widow_penalty"`    // break before a paragraph's last line: 10000 (forbidden)
	BrokenPenalty      int    `toml:"broken_penalty"`   // page break after a line ending in a hyphen: 200 (a page a line short costs 100)
	TurnPenalty        int    `toml:"turn_penalty"`     // added on a right-hand page, where the word is split across a leaf turn: 5000
	ClubPenalty        int    `toml:"club_penalty"`     // break after a paragraph's first line: 10000 (forbidden)
	RunningHeads       bool   `toml:"running_heads"`    // book title on versos, section title on rectos: true
	NewPageForSections bool   `toml:"section_new_page"` // start each section on a new page: false
	Folio              string `toml:"folio"`            // where page numbers go: "bottom" (centred) or "top" (outer corner)
	Cover              bool   `toml:"cover"`            // a front cover as page 1 (with a blank inside): true
	BodyRecto          bool   `toml:"body_recto"`       // start the text on a right-hand page: false
	// LinkAddresses is how print shows the address of a web link whose
	// text is not the address: "endnote" (a lettered mark after the text,
	// the address listed under "Web addresses" at the back), "inline"
	// (after the text, in brackets) or "none".
	LinkAddresses string `toml:"link_addresses"` // "endnote"
	// PageRefs adds the printed page of its target after the text of an
	// internal link (a cross-reference): "the promise (p. 6)".
	PageRefs bool `toml:"page_refs"` // false
}

// Figures places pictures in the print edition.
type Figures struct {
	Numbered       bool    `toml:"numbered"`        // "Figure 3." before each caption, in both editions: false
	MaxHeight      float64 `toml:"max_height"`      // most of the type area's height a picture may take: 0.6
	MinPPI         float64 `toml:"min_ppi"`         // warn when a raster picture prints below this resolution: 150
	CaptionSize    float64 `toml:"caption_size"`    // caption size, pt: 9.5
	CaptionLeading float64 `toml:"caption_leading"` // caption leading, pt: 12
}

// Tables sets pipe tables in the print edition.
type Tables struct {
	Numbered bool    `toml:"numbered"` // "Table 2." before each caption, in both editions: false
	Size     float64 `toml:"size"`     // cell text size, pt: 9.5
	Leading  float64 `toml:"leading"`  // cell leading, pt: 12
	MinSize  float64 `toml:"min_size"` // smallest size a table too wide for the measure is shrunk to: 7
}

// Code is how code blocks stand out from the text, in both editions.
type Code struct {
	// Background is a tint behind each code block, "#rrggbb", or "" for
	// none; a light one ("#f3f1ec") reads as paper, not as a box.
	Background string `toml:"background"` // ""
	// Rule is the width in points of a rule down the left of each code
	// block (0: none).
	Rule float64 `toml:"rule"` // 0
}

// RGB is the background's red, green and blue, 0–255; ok is false when
// there is no background.
func (c Code) RGB() (r, g, b uint8, ok bool) {
	if len(c.Background) != 7 || c.Background[0] != '#' {
		return 0, 0, 0, false
	}
	v, err := strconv.ParseUint(c.Background[1:], 16, 32)
	if err != nil {
		return 0, 0, 0, false
	}
	return uint8(v >> 16), uint8(v >> 8), uint8(v), true
}

// EPUB names the e-book stylesheet, relative to the layout.
type EPUB struct {
	CSS      string `toml:"css"`      // "epub.css"
	Backlink string `toml:"backlink"` // text of the note-to-reference link: "↑" (Vollkorn has no ↩)
}

// DefaultLayout is the A5 pamphlet with every default filled in.
func DefaultLayout() Layout {
	return Layout{
		Page: Page{Width: 148, Height: 210, Inner: 18, Outer: 18, Top: 20, Bottom: 22},
		Fonts: Fonts{
			Regular: "../fonts/Vollkorn-Regular.ttf", Italic: "../fonts/Vollkorn-Italic.ttf",
			Bold: "../fonts/Vollkorn-Bold.ttf", BoldItalic: "../fonts/Vollkorn-BoldItalic.ttf",
			Family: "Vollkorn",
			Mono:   "../fonts/DejaVuSansMono.ttf", MonoFamily: "DejaVu Sans Mono",
			Fallback: []string{"../fonts/DejaVuSans.ttf"},
		},
		Text: Text{Size: 11, Leading: 14, Indent: 1, QuoteIndent: 1.5, QuoteSize: 10, QuoteLeading: 12.5,
			NoteSize: 9, NoteLeading: 11.5, HeadingSize: 14, TitleSize: 24, HeadSize: 9, Justify: true},
		Hyphenation: Hyphenation{Enabled: true, LeftMin: 2, RightMin: 3, MinWord: 6},
		Breaking: Breaking{Pretolerance: 100, Tolerance: 200, LinePenalty: 10, HyphenPenalty: 200,
			ExHyphenPenalty: 50, DoubleHyphenDemerits: 10000, FinalHyphenDemerits: 5000, AdjDemerits: 10000,
			EmergencyStretch: 1.5, SpaceStretch: 0.75, SpaceShrink: 0.2, MaxHyphenRun: 2, FontExpansion: 0.02, LetterSpacing: 0.02, MaxWordSpace: 2.25},
		Pages:   Pages{WidowPenalty: 10000, ClubPenalty: 10000, BrokenPenalty: 200, TurnPenalty: 5000, Cover: true, RunningHeads: true, Folio: "bottom", LinkAddresses: "endnote"},
		Figures: Figures{MaxHeight: 0.6, MinPPI: 150, CaptionSize: 9.5, CaptionLeading: 12},
		Tables:  Tables{Size: 9.5, Leading: 12, MinSize: 7},
		EPUB:    EPUB{CSS: "epub.css", Backlink: "↑"},
	}
}

// LoadLayout reads the layout NAME from the shelf over the defaults and
// checks it.
func LoadLayout(shelf Shelf, name string) (*Layout, error) {
	if !safeName(name) {
		return nil, diag.Errorf(name, 0, "name a layout without a folder or .toml: "+strings.Join(shelf.Names(), ", "), "layout name %q is not a plain name", name)
	}
	data, file, dir, err := shelf.findLayout(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, diag.Errorf(name+".toml", 0, "choose one of: "+strings.Join(shelf.Names(), ", ")+" (or add "+name+".toml to the book's layouts/ folder)", "no layout named %q", name)
		}
		return nil, diag.Errorf(file, 0, "", "cannot read: %v", err)
	}
	l := DefaultLayout()
	if err := decodeStrict(file, data, &l); err != nil {
		return nil, err
	}
	if l.Name == "" {
		l.Name = name
	}
	l.File, l.Dir, l.shelf = file, dir, shelf
	return &l, l.check(data)
}

func (l *Layout) check(data []byte) error {
	var errs diag.List
	bad := func(key, hint, format string, args ...any) {
		errs = append(errs, diag.Errorf(l.File, keyLine(data, key), hint, format, args...))
	}
	p := l.Page
	if p.Width <= 0 || p.Height <= 0 {
		bad("width", "give the paper size in millimetres", "page size %gx%g mm is not a page", p.Width, p.Height)
	}
	for _, m := range []struct {
		key string
		v   float64
	}{{"inner", p.Inner}, {"outer", p.Outer}, {"top", p.Top}, {"bottom", p.Bottom}} {
		if m.v < 0 {
			bad(m.key, "margins are millimetres from the paper edge, 0 or more", "margin %s is negative (%g mm)", m.key, m.v)
		}
	}
	t := l.Text
	if p.Width-p.Inner-p.Outer < 20 || p.Height-p.Top-p.Bottom < 30 {
		key := "inner" // name the line of a margin the file sets
		for _, k := range []string{"inner", "outer", "top", "bottom", "width", "height"} {
			if keyLine(data, k) > 0 && (p.Width-p.Inner-p.Outer < 20) == (k == "inner" || k == "outer" || k == "width") {
				key = k
				break
			}
		}
		bad(key, "make the margins smaller or the page larger", "the margins leave a text area of %.0fx%.0f mm, too small to set text (at least 20x30 mm)", p.Width-p.Inner-p.Outer, p.Height-p.Top-p.Bottom)
	}
	for _, s := range []struct {
		key string
		v   float64
	}{{"size", t.Size}, {"leading", t.Leading}, {"quote_size", t.QuoteSize}, {"quote_leading", t.QuoteLeading},
		{"note_size", t.NoteSize}, {"note_leading", t.NoteLeading}, {"heading_size", t.HeadingSize},
		{"title_size", t.TitleSize}, {"head_size", t.HeadSize},
		{"caption_size", l.Figures.CaptionSize}, {"caption_leading", l.Figures.CaptionLeading},
		{"size", l.Tables.Size}, {"leading", l.Tables.Leading}, {"min_size", l.Tables.MinSize}} {
		if s.v < 4 || s.v > 200 {
			bad(s.key, "give a size in points between 4 and 200", "%s = %g is out of range", s.key, s.v)
		}
	}
	if t.Leading < t.Size {
		bad("leading", "leading is baseline to baseline and must be at least the type size", "leading %g pt is smaller than the size %g pt", t.Leading, t.Size)
	}
	if f := l.Figures; f.MaxHeight <= 0.1 || f.MaxHeight > 1 {
		bad("max_height", "give a share of the type area's height between 0.1 and 1", "max_height %g out of range", f.MaxHeight)
	}
	if l.Figures.MinPPI < 0 {
		bad("min_ppi", "give pixels per inch, 0 to never warn", "min_ppi is negative")
	}
	if tb := l.Tables; tb.MinSize > tb.Size || tb.Leading < tb.Size {
		bad("min_size", "min_size must not exceed size, and leading must be at least size", "table sizes %g/%g with min_size %g are inconsistent", tb.Size, tb.Leading, tb.MinSize)
	}
	if l.Figures.CaptionLeading < l.Figures.CaptionSize {
		bad("caption_leading", "leading must be at least the size", "caption_leading %g pt is smaller than caption_size %g pt", l.Figures.CaptionLeading, l.Figures.CaptionSize)
	}
	h := l.Hyphenation
	if h.LeftMin < 1 || h.RightMin < 1 {
		bad("left_min", "use at least 1 (TeX's English default is 2 and 3)", "left_min and right_min must be at least 1")
	}
	if l.Pages.LinkAddresses != "endnote" && l.Pages.LinkAddresses != "inline" && l.Pages.LinkAddresses != "none" {
		bad("link_addresses", `use "endnote", "inline" or "none"`, "link_addresses %q is not a choice", l.Pages.LinkAddresses)
	}
	if _, _, _, ok := l.Code.RGB(); !ok && l.Code.Background != "" {
		bad("background", `write a colour as "#rrggbb", e.g. "#f3f1ec", or "" for none`, "code background %q is not a colour", l.Code.Background)
	}
	if l.Code.Rule < 0 || l.Code.Rule > 4 {
		bad("rule", "give the rule's width in points, 0 (none) to 4", "code rule %g pt out of range", l.Code.Rule)
	}
	if l.Pages.Folio != "bottom" && l.Pages.Folio != "top" {
		bad("folio", `use "bottom" or "top"`, "folio %q is not a place", l.Pages.Folio)
	}
	b := l.Breaking
	if b.Tolerance < 0 || b.Tolerance > 10000 {
		bad("tolerance", "use 0..10000 (TeX's default is 200)", "tolerance %d out of range", b.Tolerance)
	}
	if b.SpaceStretch < 0 || b.SpaceShrink < 0 || b.SpaceShrink >= 1 {
		bad("space_shrink", "stretch is 0 or more, shrink between 0 and 1 (fractions of the space)", "space_stretch %g or space_shrink %g out of range", b.SpaceStretch, b.SpaceShrink)
	}
	if b.FontExpansion < 0 || b.FontExpansion > 0.05 {
		bad("font_expansion", "use 0 (off) to 0.05; pdfTeX's usual is 0.02", "font_expansion %g out of range", b.FontExpansion)
	}
	if b.LetterSpacing < 0 || b.LetterSpacing > 0.1 {
		bad("letter_spacing", "use 0 (off) to 0.1 em", "letter_spacing %g out of range", b.LetterSpacing)
	}
	if b.MaxWordSpace < 1 || b.MaxWordSpace > 5 {
		bad("max_word_space", "use 1 to 5 (times the font's space; 2.25 is 0.45 em in Vollkorn)", "max_word_space %g out of range", b.MaxWordSpace)
	}
	if b.MaxHyphenRun < 0 {
		bad("max_hyphen_run", "use 0 (no limit) or more", "max_hyphen_run is negative")
	}
	if b.EmergencyStretch < 0 {
		bad("emergency_stretch", "use 0 or more ems", "emergency_stretch is negative")
	}
	l.checkFeatures(data, func(line int, hint, format string, args ...any) {
		errs = append(errs, diag.Errorf(l.File, line, hint, format, args...))
	})
	fonts := []struct{ key, path string }{{"regular", l.Fonts.Regular}, {"italic", l.Fonts.Italic}, {"bold", l.Fonts.Bold}, {"bold_italic", l.Fonts.BoldItalic}, {"mono", l.Fonts.Mono}}
	for _, p := range l.Fonts.Fallback {
		fonts = append(fonts, struct{ key, path string }{"fallback", p})
	}
	for _, f := range fonts {
		file, _, ok := FontPath(f.path)
		switch {
		case f.path == "":
			bad(f.key, "name a .ttf, .otf or .ttc file relative to the layout, or a built-in font", "font %s is not set", f.key)
		case !ok:
			bad(f.key, "write a collection's face as \"file.ttc#0\", \"file.ttc#1\", …", "font path %q has no face number after #", f.path)
		default:
			if r, ok := l.locate(file); !ok {
				bad(f.key, "name a .ttf, .otf or .ttc file relative to the layout, in the book's fonts/ folder, or a built-in font ("+strings.Join(l.shelf.builtinFonts(), ", ")+")", "font file %s not found", r.Shown())
			}
		}
	}
	return errs.Err()
}
