package testbook

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
)

// Pictures are the fixture pictures, by file name: raster ones drawn here
// (deterministic, so committed copies can be checked against them) and
// SVG written out. They exercise every placement rule: wide, tall,
// low-resolution, JPEG, PNG with alpha, and SVG with gradients and
// transforms.
func Pictures() (map[string][]byte, error) {
	out := map[string][]byte{}
	var err error
	if out["chart.png"], err = encodePNG(chart(1500, 900)); err != nil {
		return nil, err
	}
	if out["tower.png"], err = encodePNG(tower(500, 2000)); err != nil {
		return nil, err
	}
	if out["sketch.png"], err = encodePNG(chart(160, 100)); err != nil {
		return nil, err
	}
	if out["harbour.jpg"], err = encodeJPEG(harbour(1800, 1200)); err != nil {
		return nil, err
	}
	out["compass.svg"] = []byte(compassSVG)
	out["currents.svg"] = []byte(currentsSVG)
	return out, nil
}

// WritePictures writes Pictures into dir.
func WritePictures(dir string) error {
	pics, err := Pictures()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, data := range pics {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func encodePNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, img)
	return b.Bytes(), err
}

func encodeJPEG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80})
	return b.Bytes(), err
}

// chart is a bar chart on a transparent ground: twelve months of catch.
func chart(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	ink := color.NRGBA{0x22, 0x33, 0x44, 0xff}
	bars := []float64{0.35, 0.42, 0.55, 0.71, 0.86, 0.93, 0.88, 0.80, 0.64, 0.50, 0.38, 0.30}
	axis := h - h/10
	fill := func(x0, y0, x1, y1 int, c color.NRGBA) {
		for y := max(y0, 0); y < min(y1, h); y++ {
			for x := max(x0, 0); x < min(x1, w); x++ {
				img.SetNRGBA(x, y, c)
			}
		}
	}
	fill(w/20, axis, w-w/20, axis+max(1, h/150), ink)
	slot := (w - w/10) / len(bars)
	for i, v := range bars {
		x := w/20 + i*slot + slot/6
		top := axis - int(v*float64(axis-h/12))
		shade := uint8(0x50 + 0x0c*i)
		fill(x, top, x+slot*2/3, axis, color.NRGBA{0x2a, shade, 0x9a, 0xe0})
	}
	return img
}

// tower is a tall, narrow drawing: a lighthouse of stacked bands.
func tower(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		half := float64(w) * (0.18 + 0.14*float64(y)/float64(h))
		band := (y * 9 / h) % 2
		for x := 0; x < w; x++ {
			c := color.RGBA{0xf4, 0xf1, 0xea, 0xff}
			if math.Abs(float64(x)-float64(w)/2) < half {
				if band == 0 {
					c = color.RGBA{0xb0, 0x30, 0x28, 0xff}
				} else {
					c = color.RGBA{0xfa, 0xfa, 0xfa, 0xff}
				}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// harbour is a smooth photographic-looking scene: sky, sea and a hill.
func harbour(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		fy := float64(y) / float64(h)
		for x := 0; x < w; x++ {
			fx := float64(x) / float64(w)
			hill := 0.55 - 0.18*math.Exp(-math.Pow((fx-0.3)/0.2, 2))
			var c color.RGBA
			switch {
			case fy < hill:
				c = color.RGBA{uint8(120 + 100*fy), uint8(160 + 80*fy), 235, 255}
			case fy < 0.58:
				c = color.RGBA{uint8(70 + 40*fx), 110, 60, 255}
			default:
				wave := 12 * math.Sin(fx*60+fy*25)
				c = color.RGBA{30, uint8(80 + 40*fy + wave), uint8(130 + 50*fy + wave), 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// compassSVG is a compass rose: a linear gradient, a rotated group and
// translated and scaled parts, paths, polygons and a circle.
const compassSVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="400" height="300" viewBox="0 0 400 300">
  <title>Compass rose</title>
  <defs>
    <linearGradient id="sea" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#dce9f2"/>
      <stop offset="1" stop-color="#7fa7c4"/>
    </linearGradient>
  </defs>
  <rect x="0" y="0" width="400" height="300" fill="url(#sea)"/>
  <g transform="translate(200 150)">
    <circle cx="0" cy="0" r="110" fill="none" stroke="#233" stroke-width="3"/>
    <g transform="rotate(45)">
      <polygon points="0,-90 12,0 0,90 -12,0" fill="#8a9aa8"/>
      <polygon points="-90,0 0,12 90,0 0,-12" fill="#8a9aa8"/>
    </g>
    <polygon points="0,-105 18,0 0,105 -18,0" fill="#233"/>
    <polygon points="-105,0 0,18 105,0 0,-18" fill="#233"/>
    <path d="M 0 -105 L 18 0 L 0 0 Z" fill="#b03028"/>
    <g transform="translate(0 -128) scale(1.2)">
      <path d="M -6 6 L -6 -6 L 6 6 L 6 -6" fill="none" stroke="#233" stroke-width="2" stroke-linejoin="round"/>
    </g>
  </g>
</svg>
`

// currentsSVG draws sea currents: a radial gradient, ellipses, curves
// with strokes and a skewed and rotated group.
const currentsSVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 300">
  <defs>
    <radialGradient id="deep" cx="0.5" cy="0.5" r="0.6">
      <stop offset="0" stop-color="#1d4e6f"/>
      <stop offset="0.7" stop-color="#6b9cbc"/>
      <stop offset="1" stop-color="#e6eef3"/>
    </radialGradient>
  </defs>
  <ellipse cx="300" cy="150" rx="290" ry="140" fill="url(#deep)"/>
  <path d="M 40 200 C 150 120, 250 260, 360 170 S 520 110, 570 150" fill="none" stroke="#f4f1ea" stroke-width="6" stroke-linecap="round"/>
  <path d="M 60 110 Q 200 40 330 100 T 560 90" fill="none" stroke="#f4f1ea" stroke-width="4" stroke-dasharray="14 8"/>
  <g transform="rotate(-12 450 220) skewX(10)">
    <ellipse cx="450" cy="220" rx="40" ry="16" fill="#c9a45c" stroke="#233" stroke-width="2"/>
  </g>
  <polyline points="100,250 130,230 160,250 190,230" fill="none" stroke="#233" stroke-width="3"/>
</svg>
`
