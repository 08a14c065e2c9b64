// Package raster draws a page of the page model into an image: the cover
// is laid out once, as a page, and becomes both the PDF's first page and
// the e-book's cover image. Only what a cover uses is drawn: text, rules
// and dots.
package raster

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"press/internal/page"
)

// Options set the picture.
type Options struct {
	Width      int        // pixels; the height follows the page's proportions
	Background color.RGBA // paper
	Ink        color.RGBA // text and rules
}

// PNG renders p (a page of w × h) as a PNG image. fonts maps the page's
// font names to TrueType data. The output is deterministic.
//
// A cover has two colours and their blends, so the picture is drawn
// straight into a 256-entry palette that runs from paper (index 0) to ink
// (255): laying ink of coverage a over index i gives i + (255−i)·a/255.
// It is a quarter of the data of RGBA, and as exact.
func PNG(p *page.Page, w, h page.SP, fonts map[string][]byte, o Options) ([]byte, error) {
	if o.Width <= 0 {
		return nil, fmt.Errorf("raster: width %d", o.Width)
	}
	scale := float64(o.Width) / page.ToPT(w) // pixels per point
	height := int(page.ToPT(h)*scale + 0.5)
	pal := make(color.Palette, 256)
	for i := range pal {
		mix := func(a, b uint8) uint8 { return uint8((int(a)*(255-i) + int(b)*i) / 255) }
		pal[i] = color.RGBA{mix(o.Background.R, o.Ink.R), mix(o.Background.G, o.Ink.G), mix(o.Background.B, o.Ink.B), 255}
	}
	img := image.NewPaletted(image.Rect(0, 0, o.Width, height), pal) // all paper

	// Rules are upright rectangles: filled directly, edges on whole
	// pixels. Dots are small filled squares.
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
			row := img.Pix[img.PixOffset(r.Min.X, yy):img.PixOffset(r.Max.X, yy)]
			for i := range row {
				row[i] = 255
			}
		}
	}
	for _, r := range p.Rules {
		fill(r.X, r.Y, r.X+r.W, r.Y+r.H)
	}
	for _, d := range p.Dots {
		fill(d.X-d.R, d.Y-d.R, d.X+d.R, d.Y+d.R)
	}

	parsed := map[string]*opentype.Font{}
	faces := map[string]font.Face{}
	for _, t := range p.Texts {
		key := fmt.Sprintf("%s/%d", t.Font, t.Size)
		face, ok := faces[key]
		if !ok {
			f, ok := parsed[t.Font]
			if !ok {
				data, ok := fonts[t.Font]
				if !ok {
					return nil, fmt.Errorf("raster: no font %q", t.Font)
				}
				var err error
				if f, err = opentype.Parse(data); err != nil {
					return nil, fmt.Errorf("raster: font %q: %w", t.Font, err)
				}
				parsed[t.Font] = f
			}
			var err error
			face, err = opentype.NewFace(f, &opentype.FaceOptions{Size: page.ToPT(t.Size) * scale, DPI: 72, Hinting: font.HintingNone})
			if err != nil {
				return nil, err
			}
			faces[key] = face
		}
		dot := fixed.Point26_6{X: fixed.Int26_6(page.ToPT(t.X) * scale * 64), Y: fixed.Int26_6(page.ToPT(t.Y) * scale * 64)}
		prev := rune(-1)
		for _, r := range t.S {
			if prev >= 0 {
				dot.X += face.Kern(prev, r)
			}
			dr, mask, mp, adv, ok := face.Glyph(dot, r)
			if ok {
				inkOver(img, dr, mask, mp)
			}
			dot.X += adv
			prev = r
		}
	}
	var buf bytes.Buffer
	// A cover is paper with a little ink: the default level compresses it
	// to 21 KB where the fastest gave 30 KB, in no more time
	// (BenchmarkCoverPicture).
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// inkOver lays a glyph's coverage mask over the paletted picture.
func inkOver(img *image.Paletted, dr image.Rectangle, mask image.Image, mp image.Point) {
	clip := dr.Intersect(img.Rect)
	alpha, isAlpha := mask.(*image.Alpha)
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		for x := clip.Min.X; x < clip.Max.X; x++ {
			mx, my := mp.X+x-dr.Min.X, mp.Y+y-dr.Min.Y
			var a int
			if isAlpha {
				a = int(alpha.AlphaAt(mx, my).A)
			} else {
				_, _, _, a16 := mask.At(mx, my).RGBA()
				a = int(a16 >> 8)
			}
			if a == 0 {
				continue
			}
			i := img.PixOffset(x, y)
			v := int(img.Pix[i])
			img.Pix[i] = uint8(v + (255-v)*a/255)
		}
	}
}
