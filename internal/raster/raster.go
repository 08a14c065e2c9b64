// Package raster draws a page of the page model into an image: the cover
// is laid out once, as a page, and becomes both the PDF's first page and
// the e-book's cover image. Only what a cover uses is drawn: text, rules
// and dots.
//
// The picture is drawn a band of rows at a time into one small buffer,
// and each band goes straight into the PNG's compressed data
// (pngwrite.go): the whole picture never exists in memory. A 1200-pixel
// cover is 2 MB of pixels, and on a virtual machine every fresh page of
// memory costs some microseconds; a band is 40 KB, drawn over and over.
package raster

import (
	"fmt"
	"image"
	"image/color"

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

// bandRows is the height of the band drawn at once: 32 rows of a
// 1200-pixel picture are 38 KB, which stays in the processor's cache
// while it is filtered and compressed.
const bandRows = 32

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
	if height <= 0 {
		return nil, fmt.Errorf("raster: a page %v pt high is %d pixels high", page.ToPT(h), height)
	}
	sc, err := newScene(p, scale, image.Rect(0, 0, o.Width, height), fonts)
	if err != nil {
		return nil, err
	}
	pal := make([]color.RGBA, 256)
	for i := range pal {
		mix := func(a, b uint8) uint8 { return uint8((int(a)*(255-i) + int(b)*i) / 255) }
		pal[i] = color.RGBA{mix(o.Background.R, o.Ink.R), mix(o.Background.G, o.Ink.G), mix(o.Background.B, o.Ink.B), 255}
	}
	enc := newPNGWriter(o.Width, height, pal)
	band := make([]byte, bandRows*(o.Width+1))
	for y0 := 0; y0 < height; y0 += bandRows {
		y1 := min(y0+bandRows, height)
		rows := band[:(y1-y0)*(o.Width+1)]
		sc.draw(rows, y0, y1)
		enc.rows(rows)
	}
	return enc.finish(), nil
}

// scene is what a page draws, in the order it is drawn: rectangles of
// full ink (rules and dots) first, then the glyphs' coverage masks, each
// rasterised once and laid over every band it crosses.
type scene struct {
	bounds image.Rectangle
	rects  []image.Rectangle
	glyphs []glyph
}

// glyph is one glyph's coverage, pixel rows of r.Dx() bytes, placed at r.
type glyph struct {
	r    image.Rectangle
	mask []byte
}

func newScene(p *page.Page, scale float64, bounds image.Rectangle, fonts map[string][]byte) (*scene, error) {
	sc := &scene{bounds: bounds}
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
		if r = r.Intersect(bounds); !r.Empty() {
			sc.rects = append(sc.rects, r)
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
			dot.X += adv
			prev = r
			if !ok || dr.Intersect(bounds).Empty() {
				continue
			}
			// The face reuses its mask for the next glyph: keep a copy,
			// of just the glyph's box (a title's glyph is some 4 KB).
			cov := appendCoverage(make([]byte, 0, dr.Dx()*dr.Dy()), dr, mask, mp)
			sc.glyphs = append(sc.glyphs, glyph{r: dr, mask: cov})
		}
	}
	return sc, nil
}

// appendCoverage appends the coverage of mask over dr (from mp), a byte a
// pixel, row by row.
func appendCoverage(dst []byte, dr image.Rectangle, mask image.Image, mp image.Point) []byte {
	if a, ok := mask.(*image.Alpha); ok {
		for y := range dr.Dy() {
			i := a.PixOffset(mp.X, mp.Y+y)
			dst = append(dst, a.Pix[i:i+dr.Dx()]...)
		}
		return dst
	}
	for y := range dr.Dy() {
		for x := range dr.Dx() {
			_, _, _, a := mask.At(mp.X+x, mp.Y+y).RGBA()
			dst = append(dst, uint8(a>>8))
		}
	}
	return dst
}

// draw paints rows y0 to y1 of the picture into band, each row led by
// the byte that will hold its PNG filter type. Every pixel gets the same
// operations in the same order as if the picture were drawn whole.
func (sc *scene) draw(band []byte, y0, y1 int) {
	w := sc.bounds.Dx()
	stride := w + 1
	clear(band)
	clip := image.Rect(sc.bounds.Min.X, y0, sc.bounds.Max.X, y1)
	for _, r := range sc.rects {
		r = r.Intersect(clip)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := band[(y-y0)*stride+1:]
			for i := range row[r.Min.X:r.Max.X] {
				row[r.Min.X+i] = 255
			}
		}
	}
	for _, g := range sc.glyphs {
		r := g.r.Intersect(clip)
		gw := g.r.Dx()
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := band[(y-y0)*stride+1+r.Min.X : (y-y0)*stride+1+r.Max.X]
			m := g.mask[(y-g.r.Min.Y)*gw+r.Min.X-g.r.Min.X:]
			for i, a := range m[:len(row)] {
				if a == 0 {
					continue
				}
				v := int(row[i])
				row[i] = uint8(v + (255-v)*int(a)/255)
			}
		}
	}
}
