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
	"image/draw"
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
func PNG(p *page.Page, w, h page.SP, fonts map[string][]byte, o Options) ([]byte, error) {
	if o.Width <= 0 {
		return nil, fmt.Errorf("raster: width %d", o.Width)
	}
	scale := float64(o.Width) / page.ToPT(w) // pixels per point
	height := int(page.ToPT(h)*scale + 0.5)
	img := image.NewRGBA(image.Rect(0, 0, o.Width, height))
	draw.Draw(img, img.Bounds(), image.NewUniform(o.Background), image.Point{}, draw.Src)
	ink := image.NewUniform(o.Ink)

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
		draw.Draw(img, r, ink, image.Point{}, draw.Src)
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
		d := font.Drawer{Dst: img, Src: ink, Face: face,
			Dot: fixed.Point26_6{X: fixed.Int26_6(page.ToPT(t.X) * scale * 64), Y: fixed.Int26_6(page.ToPT(t.Y) * scale * 64)}}
		d.DrawString(t.S)
	}
	// Two colours and their blends: a 256-entry palette from paper to ink
	// makes the picture a quarter the data to compress, and as exact.
	pal := make(color.Palette, 256)
	for i := range pal {
		mix := func(a, b uint8) uint8 { return uint8((int(a)*(255-i) + int(b)*i) / 255) }
		pal[i] = color.RGBA{mix(o.Background.R, o.Ink.R), mix(o.Background.G, o.Ink.G), mix(o.Background.B, o.Ink.B), 255}
	}
	out := image.NewPaletted(img.Bounds(), pal)
	span := int(o.Background.R) - int(o.Ink.R)
	if span == 0 {
		span = 1
	}
	for i, j := 0, 0; i < len(img.Pix); i, j = i+4, j+1 {
		k := (int(o.Background.R) - int(img.Pix[i])) * 255 / span
		out.Pix[j] = uint8(min(max(k, 0), 255))
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
