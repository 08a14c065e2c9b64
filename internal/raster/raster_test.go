package raster

import (
	"bytes"
	"fmt"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"press/internal/page"
)

var (
	paper = color.RGBA{0xfb, 0xf8, 0xf1, 0xff}
	ink   = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
)

func testFonts(t testing.TB) map[string][]byte {
	t.Helper()
	fonts := map[string][]byte{}
	for name, file := range map[string]string{"regular": "Vollkorn-Regular.ttf", "italic": "Vollkorn-Italic.ttf"} {
		data, err := os.ReadFile("../../fonts/" + file)
		if err != nil {
			t.Fatal(err)
		}
		fonts[name] = data
	}
	return fonts
}

// testCover is an A5 cover like the article's (a frame of a thick and a
// thin rule, a title of two lines, a short rule, the author, the
// publisher), whose glyphs cross the edges of bands, with what else a
// page may hold: a dot, a speck, ink over ink, and text and rules that
// run off the picture's edges.
func testCover() (*page.Page, page.SP, page.SP) {
	w, h := page.FromMM(148), page.FromMM(210)
	pt := page.FromPT
	frame := func(at, width float64) []page.Rule {
		x, y, x1, y1 := pt(at), pt(at), w-pt(at), h-pt(at)
		t := pt(width)
		return []page.Rule{{X: x, Y: y, W: x1 - x, H: t}, {X: x, Y: y1 - t, W: x1 - x, H: t}, {X: x, Y: y, W: t, H: y1 - y}, {X: x1 - t, Y: y, W: t, H: y1 - y}}
	}
	p := &page.Page{
		Rules: append(append(frame(30.6, 1.5), frame(34.6, 0.5)...),
			page.Rule{X: pt(193), Y: pt(247.5), W: pt(33), H: pt(0.5)},  // under the title
			page.Rule{X: pt(120), Y: pt(160), W: pt(20), H: pt(4)},      // under a glyph of the title
			page.Rule{X: pt(-10), Y: pt(585), W: pt(20), H: pt(20)},     // off the bottom left corner
			page.Rule{X: pt(60), Y: pt(400), W: pt(0.01), H: pt(0.01)}), // a speck: one pixel
		Dots: []page.Dot{{X: pt(210), Y: pt(300), R: pt(2)}, {X: pt(415), Y: pt(5), R: pt(8)}},
		Texts: []page.Text{
			{X: pt(106.8), Y: pt(175.7), Font: "regular", Size: pt(31.2), S: "The Great Leap"},
			{X: pt(151.8), Y: pt(211.6), Font: "regular", Size: pt(31.2), S: "Forward"},
			{X: pt(182.9), Y: pt(288.5), Font: "italic", Size: pt(15.6), S: "S. Mazur"},
			{X: pt(197), Y: pt(532.7), Font: "regular", Size: pt(11), S: "press"},
			{X: pt(395), Y: pt(330), Font: "regular", Size: pt(20), S: "Edge"}, // runs off the right
			{X: pt(100), Y: pt(593), Font: "italic", Size: pt(14), S: "gjpqy"}, // descends off the bottom
			{X: pt(200), Y: pt(2), Font: "regular", Size: pt(12), S: "Top"},    // rises off the top
		},
	}
	return p, w, h
}

// wholePicture draws the picture whole, as the banded writer replaced:
// the reference its pixels must equal.
func wholePicture(t *testing.T, p *page.Page, w, h page.SP, fonts map[string][]byte, o Options) *image.Paletted {
	t.Helper()
	scale := float64(o.Width) / page.ToPT(w)
	height := int(page.ToPT(h)*scale + 0.5)
	pal := make(color.Palette, 256)
	for i := range pal {
		mix := func(a, b uint8) uint8 { return uint8((int(a)*(255-i) + int(b)*i) / 255) }
		pal[i] = color.RGBA{mix(o.Background.R, o.Ink.R), mix(o.Background.G, o.Ink.G), mix(o.Background.B, o.Ink.B), 255}
	}
	img := image.NewPaletted(image.Rect(0, 0, o.Width, height), pal)
	px := func(v page.SP) int { return int(page.ToPT(v)*scale + 0.5) }
	fill := func(x, y, x1, y1 page.SP) {
		r := image.Rect(px(x), px(y), px(x1), px(y1))
		if r.Dx() == 0 {
			r.Max.X++
		}
		if r.Dy() == 0 {
			r.Max.Y++
		}
		r = r.Intersect(img.Rect)
		for yy := r.Min.Y; yy < r.Max.Y; yy++ {
			for xx := r.Min.X; xx < r.Max.X; xx++ {
				img.SetColorIndex(xx, yy, 255)
			}
		}
	}
	for _, r := range p.Rules {
		fill(r.X, r.Y, r.X+r.W, r.Y+r.H)
	}
	for _, d := range p.Dots {
		fill(d.X-d.R, d.Y-d.R, d.X+d.R, d.Y+d.R)
	}
	for _, tx := range p.Texts {
		f, err := opentype.Parse(fonts[tx.Font])
		if err != nil {
			t.Fatal(err)
		}
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: page.ToPT(tx.Size) * scale, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			t.Fatal(err)
		}
		dot := fixed.Point26_6{X: fixed.Int26_6(page.ToPT(tx.X) * scale * 64), Y: fixed.Int26_6(page.ToPT(tx.Y) * scale * 64)}
		prev := rune(-1)
		for _, r := range tx.S {
			if prev >= 0 {
				dot.X += face.Kern(prev, r)
			}
			dr, mask, mp, adv, ok := face.Glyph(dot, r)
			if ok {
				clip := dr.Intersect(img.Rect)
				for y := clip.Min.Y; y < clip.Max.Y; y++ {
					for x := clip.Min.X; x < clip.Max.X; x++ {
						_, _, _, a16 := mask.At(mp.X+x-dr.Min.X, mp.Y+y-dr.Min.Y).RGBA()
						a := int(a16 >> 8)
						if a == 0 {
							continue
						}
						v := int(img.ColorIndexAt(x, y))
						img.SetColorIndex(x, y, uint8(v+(255-v)*a/255))
					}
				}
			}
			dot.X += adv
			prev = r
		}
	}
	return img
}

// TestBandsDrawTheWholePicture: the PNG drawn band by band, decoded by
// image/png, is pixel for pixel the picture drawn whole, at widths whose
// heights are and are not a whole number of bands.
func TestBandsDrawTheWholePicture(t *testing.T) {
	fonts := testFonts(t)
	p, w, h := testCover()
	for _, width := range []int{1200, 701, 280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			o := Options{Width: width, Background: paper, Ink: ink}
			data, err := PNG(p, w, h, fonts, o)
			if err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("the PNG does not decode: %v", err)
			}
			want := wholePicture(t, p, w, h, fonts, o)
			sc, err := newScene(p, float64(width)/page.ToPT(w), want.Rect, fonts)
			if err != nil {
				t.Fatal(err)
			}
			crossing := 0
			for _, g := range sc.glyphs {
				if g.r.Min.Y/bandRows != (g.r.Max.Y-1)/bandRows {
					crossing++
				}
			}
			if crossing == 0 {
				t.Error("no glyph crosses the edge of a band: the test tests nothing")
			}
			if got.Bounds() != want.Bounds() {
				t.Fatalf("picture %v, want %v", got.Bounds(), want.Bounds())
			}
			if want.Bounds().Dy()%bandRows == 0 {
				t.Errorf("height %d is a whole number of bands: choose a width that is not", want.Bounds().Dy())
			}
			pg, ok := got.(*image.Paletted)
			if !ok {
				t.Fatalf("decoded as %T, want a paletted picture", got)
			}
			if len(pg.Palette) != 256 || pg.Palette[0] != color.Color(paper) || pg.Palette[255] != color.Color(ink) {
				t.Errorf("palette of %d colours from %v to %v, want 256 from paper to ink", len(pg.Palette), pg.Palette[0], pg.Palette[len(pg.Palette)-1])
			}
			inked, diff := 0, 0
			b := want.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					g, w := pg.ColorIndexAt(x, y), want.ColorIndexAt(x, y)
					if g != w {
						if diff < 5 {
							t.Errorf("pixel (%d, %d) is %d, want %d", x, y, g, w)
						}
						diff++
					}
					if w != 0 && w != 255 {
						inked++
					}
				}
			}
			if diff > 0 {
				t.Errorf("%d pixels differ", diff)
			}
			if inked == 0 {
				t.Errorf("no antialiased pixel: the test draws no text")
			}
		})
	}
}

// TestPNGIsReproducible: the same page gives the same bytes.
func TestPNGIsReproducible(t *testing.T) {
	fonts := testFonts(t)
	p, w, h := testCover()
	o := Options{Width: 600, Background: paper, Ink: ink}
	a, err := PNG(p, w, h, fonts, o)
	if err != nil {
		t.Fatal(err)
	}
	b, err := PNG(p, w, h, fonts, o)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two drawings of the same page differ")
	}
}

func TestPNGErrors(t *testing.T) {
	p, w, h := testCover()
	if _, err := PNG(p, w, h, map[string][]byte{"regular": {1, 2, 3}}, Options{Width: 100}); err == nil {
		t.Error("no error for a missing or broken font")
	}
	if _, err := PNG(p, w, h, testFonts(t), Options{Width: 0}); err == nil {
		t.Error("no error for a picture 0 pixels wide")
	}
	if _, err := PNG(p, w, page.FromPT(0.1), testFonts(t), Options{Width: 100}); err == nil {
		t.Error("no error for a picture 0 pixels high")
	}
}

// TestAdler: the checksum agrees with hash/adler32 across the lengths
// where it reduces its sums.
func TestAdler(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 40000)
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	for i := range 3000 {
		data[20000+i] = 0xff // a long run of the largest byte
	}
	for _, n := range []int{0, 1, 5551, 5552, 5553, 11104, 40000} {
		a := newAdler()
		a.write(data[:n/3])
		a.write(data[n/3 : n])
		if got, want := a.sum(), adler32.Checksum(data[:n]); got != want {
			t.Errorf("%d bytes: %08x, want %08x", n, got, want)
		}
		a.zeros(n)
		if got, want := a.sum(), adler32.Checksum(append(data[:n:n], make([]byte, n)...)); got != want {
			t.Errorf("%d bytes and as many zeros: %08x, want %08x", n, got, want)
		}
	}
}
