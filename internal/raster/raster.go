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
	"golang.org/x/image/vector"

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

	// Rules and dots as filled vector shapes.
	if len(p.Rules) > 0 || len(p.Dots) > 0 {
		z := vector.NewRasterizer(o.Width, height)
		for _, r := range p.Rules {
			x0, y0 := float32(page.ToPT(r.X)*scale), float32(page.ToPT(r.Y)*scale)
			x1, y1 := float32(page.ToPT(r.X+r.W)*scale), float32(page.ToPT(r.Y+r.H)*scale)
			z.MoveTo(x0, y0)
			z.LineTo(x1, y0)
			z.LineTo(x1, y1)
			z.LineTo(x0, y1)
			z.ClosePath()
		}
		for _, d := range p.Dots {
			cx, cy, r := float32(page.ToPT(d.X)*scale), float32(page.ToPT(d.Y)*scale), float32(page.ToPT(d.R)*scale)
			z.MoveTo(cx-r, cy-r)
			z.LineTo(cx+r, cy-r)
			z.LineTo(cx+r, cy+r)
			z.LineTo(cx-r, cy+r)
			z.ClosePath()
		}
		z.Draw(img, img.Bounds(), ink, image.Point{})
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
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
