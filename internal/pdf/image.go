package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // DecodeConfig of JPEG pictures
	"image/png"
	"strconv"

	"press/internal/page"
)

// imageCache writes each distinct picture once and reuses its object on
// every page that shows it (a booklet's sheets, a repeated ornament).
type imageCache struct {
	objs map[[32]byte]int
}

func (c *imageCache) object(pw *Writer, im page.Image) (int, error) {
	o := pw.o
	key := sha256.Sum256(im.Data)
	if obj, ok := c.objs[key]; ok {
		return obj, nil
	}
	var obj int
	var err error
	switch im.Type {
	case "jpg", "jpeg":
		obj, err = jpegObject(o, im.Data)
	case "png":
		obj, err = pngObject(o, im.Data)
	case "svg":
		obj, err = svgObject(o, im.Data, &svgText{runs: im.Texts, font: pw.font, fonts: pw.fontsObj})
	default:
		err = fmt.Errorf("picture type %q is not png, jpg or svg", im.Type)
	}
	if err != nil {
		return 0, err
	}
	if c.objs == nil {
		c.objs = map[[32]byte]int{}
	}
	c.objs[key] = obj
	return obj, nil
}

// jpegObject embeds a JPEG file as it is: PDF readers decode DCT data.
func jpegObject(o *objWriter, data []byte) (int, error) {
	cfg, kind, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || kind != "jpeg" {
		return 0, fmt.Errorf("picture is not a readable JPEG: %v", err)
	}
	cs := "/DeviceRGB"
	extra := ""
	switch cfg.ColorModel {
	case color.GrayModel:
		cs = "/DeviceGray"
	case color.CMYKModel:
		// Adobe's CMYK JPEGs store inverted components.
		cs, extra = "/DeviceCMYK", "/Decode[1 0 1 0 1 0 1 0]"
	}
	obj := o.alloc()
	o.stream(obj, "/Type/XObject/Subtype/Image/Width "+strconv.Itoa(cfg.Width)+"/Height "+strconv.Itoa(cfg.Height)+
		"/ColorSpace"+cs+"/BitsPerComponent 8"+extra+"/Filter/DCTDecode", data, false)
	return obj, nil
}

// pngObject decodes a PNG into 8-bit RGB (or gray) samples, Flate
// compressed, with its transparency as a soft mask.
func pngObject(o *objWriter, data []byte) (int, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return 0, fmt.Errorf("picture is not a readable PNG: %w", err)
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	gray := true
	opaque := true
	for y := b.Min.Y; y < b.Max.Y && (gray || opaque); y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.R != c.G || c.G != c.B {
				gray = false
			}
			if c.A != 255 {
				opaque = false
			}
		}
	}
	comps := 3
	cs := "/DeviceRGB"
	if gray {
		comps, cs = 1, "/DeviceGray"
	}
	pix := make([]byte, 0, w*h*comps)
	var alpha []byte
	if !opaque {
		alpha = make([]byte, 0, w*h)
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if gray {
				pix = append(pix, c.R)
			} else {
				pix = append(pix, c.R, c.G, c.B)
			}
			if alpha != nil {
				alpha = append(alpha, c.A)
			}
		}
	}
	dims := "/Width " + strconv.Itoa(w) + "/Height " + strconv.Itoa(h) + "/BitsPerComponent 8"
	smask := ""
	if alpha != nil {
		m := o.alloc()
		o.stream(m, "/Type/XObject/Subtype/Image"+dims+"/ColorSpace/DeviceGray", alpha, true)
		smask = "/SMask " + ref(m)
	}
	obj := o.alloc()
	o.stream(obj, "/Type/XObject/Subtype/Image"+dims+"/ColorSpace"+cs+smask, pix, true)
	return obj, nil
}
