// Package page is the finished print edition as data: pages of positioned
// text, rules, links and anchors. The layout package produces it after line
// and page breaking; the pdf package only draws it. Keeping the two apart
// lets tests check page numbers, links and widows without reading a PDF.
package page

import (
	"fmt"
	"strings"
	"time"

	"press/internal/font"
)

// SP is a length in TeX's scaled points: 65536 sp = 1 pt. Integer units keep
// the layout exact and reproducible on every machine.
type SP = int

// PT is one point in scaled points.
const PT SP = 65536

// FromMM converts millimetres to scaled points.
func FromMM(mm float64) SP { return SP(mm / 25.4 * 72 * float64(PT)) }

// FromPT converts points to scaled points.
func FromPT(pt float64) SP { return SP(pt * float64(PT)) }

// ToPT converts scaled points to points for drawing.
func ToPT(v SP) float64 { return float64(v) / float64(PT) }

// Doc is a paginated book ready to draw.
type Doc struct {
	Width, Height SP // paper size
	Pages         []*Page
	Fonts         []Font // the faces used, by Name
	Meta          Meta
	Outline       []Outline // bookmarks in reading order
}

// Meta is the document information written into the PDF.
type Meta struct {
	Title, Author, Subject, Keywords, Language, Creator string
	Date                                                time.Time
}

// Font is a face embedded in the PDF: TrueType or OpenType (CFF) outlines,
// alone in its file or one face of a collection.
type Font struct {
	Name     string // key used by Text.Font, e.g. "regular"
	FullName string // the face's name, e.g. "Vollkorn Regular"
	Data     []byte // the font file
	Index    int    // the face within a collection (.ttc); 0 otherwise
	// Features are the OpenType features the text was measured with
	// (font.Open's list); the PDF shapes with the same.
	Features []string
	// Face, when set, is the face the text was measured with, opened from
	// Data with Features. The PDF writer draws with it rather than parsing
	// the file again, and so finds every word already shaped.
	Face *font.Face
}

// Page is one printed page. Y grows downwards from the top edge.
type Page struct {
	Number  int    // physical page number, 1-based
	Folio   string // printed page number ("" when none is printed)
	Head    string // running head text ("" when none is printed)
	Texts   []Text
	Rules   []Rule
	Fills   []Fill // tints drawn under everything else
	Dots    []Dot
	Images  []Image
	Links   []Link
	Anchors []Anchor
	Role    string // "title", "colophon", "contents", "body", "notes", "blank"
	// Lines counts body text lines set on the page (for tests and reports).
	Lines []LineInfo
}

// Text is a run of characters drawn with its baseline at (X, Y).
type Text struct {
	X, Y   SP
	Font   string
	Size   SP
	S      string
	Expand int // horizontal scaling in thousandths (font expansion); 0 = none
	Track  SP  // letter spacing: extra space after each glyph; 0 = none
}

// Rule is a filled rectangle (a rule line, or a leader dot).
type Rule struct{ X, Y, W, H SP }

// Fill is a rectangle of colour (R, G, B, 0–255) under the text: the tint
// behind a code block.
type Fill struct {
	X, Y, W, H SP // Y is the top
	R, G, B    uint8
}

// Image is a picture placed in the box (X, Y, W, H), Y its top. When
// Clip is set, only the part inside it shows (a cover cropped to the page).
type Image struct {
	X, Y, W, H SP
	Data       []byte
	// Type is "png", "jpg" or "svg" (drawn as vectors: Data is the SVG
	// file; what svg.Parse lists as unsupported is left out).
	Type string
	Clip *Rule
	// Alt, when set, is what the picture says in a line of text (an
	// inline image's alternative text): text extraction and screen
	// readers get it in the picture's place (PDF's ActualText).
	Alt string
	// Texts are the characters of an SVG picture, set by layout in the
	// book's faces; the PDF draws them as text (searchable, copyable)
	// where their <text> element stands in the drawing.
	Texts []ImageText
}

// ImageText is a run of an SVG picture's text in one face: its baseline
// starts at (X, Y) in the user space of the <text> element numbered Seq
// (svg.Text.Seq), y downwards, and Size is in the same units.
type ImageText struct {
	Seq        int
	X, Y, Size float64
	Font       string
	S          string
	R, G, B    float64 // the fill colour, 0–1
	Opacity    float64
	// Embolden and Slant make a bold or italic the book has no face for
	// (a bold sans-serif): the glyphs are stroked as well as filled, or
	// slanted.
	Embolden, Slant bool
}

// Dot is a filled circle centred at (X, Y): a leader dot. Drawn, not
// typed, so leaders do not read as text ("........") when copied.
type Dot struct{ X, Y, R SP }

// Link is a clickable area: either to an anchor in the document (Dest) or
// to an external address (URL).
type Link struct {
	X, Y, W, H SP // Y is the top of the area
	Dest       string
	URL        string
}

// Anchor is a named destination at height Y on its page.
type Anchor struct {
	Name string
	Y    SP
}

// Outline is a bookmark pointing at an anchor.
type Outline struct {
	Title string
	Level int // 0 = top
	Dest  string
}

// LineInfo records how a text line of the body was placed, so tests can
// check widows, orphans and keep-with-next from the page model.
type LineInfo struct {
	Para    int  // paragraph serial number in the book
	Index   int  // line number inside its paragraph, 0-based
	Last    bool // the paragraph's last line
	Heading bool // a line of a heading
	Y       SP   // baseline
	// Size is the line's largest type size, the em its spacing is
	// measured in.
	Size SP
	// Justified: the line was set to the full measure. Space is its
	// widest interword space and Spaces how many it has.
	Justified bool
	Space     SP
	Spaces    int
	// HyphenEnd: the line ends in a hyphen after a letter. CapitalBroken:
	// the hyphenation patterns broke a capitalised word there.
	HyphenEnd, CapitalBroken bool
}

// Dump renders the document as text for golden tests: pages with their
// role, folio and head, then every text run, link and anchor, in points
// with two decimals.
func Dump(d *Doc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "doc %.2fx%.2f pt, %d pages\n", ToPT(d.Width), ToPT(d.Height), len(d.Pages))
	for _, o := range d.Outline {
		fmt.Fprintf(&b, "outline %d %q -> %s\n", o.Level, o.Title, o.Dest)
	}
	for _, p := range d.Pages {
		fmt.Fprintf(&b, "page %d role=%s folio=%q head=%q\n", p.Number, p.Role, p.Folio, p.Head)
		for _, a := range p.Anchors {
			fmt.Fprintf(&b, "  anchor %s y=%.2f\n", a.Name, ToPT(a.Y))
		}
		for _, t := range p.Texts {
			fmt.Fprintf(&b, "  text %.2f,%.2f %s %.2f %q", ToPT(t.X), ToPT(t.Y), t.Font, ToPT(t.Size), t.S)
			if t.Expand != 0 {
				fmt.Fprintf(&b, " expand=%d", t.Expand)
			}
			if t.Track != 0 {
				fmt.Fprintf(&b, " track=%.3f", ToPT(t.Track))
			}
			b.WriteByte('\n')
		}
		for _, l := range p.Links {
			fmt.Fprintf(&b, "  link %.2f,%.2f %.2fx%.2f dest=%s url=%s\n", ToPT(l.X), ToPT(l.Y), ToPT(l.W), ToPT(l.H), l.Dest, l.URL)
		}
		for _, im := range p.Images {
			fmt.Fprintf(&b, "  image %s %.2f,%.2f %.2fx%.2f", im.Type, ToPT(im.X), ToPT(im.Y), ToPT(im.W), ToPT(im.H))
			if c := im.Clip; c != nil {
				fmt.Fprintf(&b, " clip %.2f,%.2f %.2fx%.2f", ToPT(c.X), ToPT(c.Y), ToPT(c.W), ToPT(c.H))
			}
			b.WriteByte('\n')
		}
		for _, r := range p.Rules {
			fmt.Fprintf(&b, "  rule %.2f,%.2f %.2fx%.2f\n", ToPT(r.X), ToPT(r.Y), ToPT(r.W), ToPT(r.H))
		}
		for _, f := range p.Fills {
			fmt.Fprintf(&b, "  fill %.2f,%.2f %.2fx%.2f #%02x%02x%02x\n", ToPT(f.X), ToPT(f.Y), ToPT(f.W), ToPT(f.H), f.R, f.G, f.B)
		}
		if len(p.Dots) > 0 {
			fmt.Fprintf(&b, "  dots %d\n", len(p.Dots))
		}
	}
	return b.String()
}
