// Package svg reads the SVG pictures of a book: their size for layout, and
// (see draw.go) the subset of SVG that press draws as vectors in the PDF.
package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sniff reports whether data looks like an SVG document: its first element
// is <svg>, after any XML declaration, comments and doctype.
func Sniff(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local == "svg"
		}
	}
}

// Size returns the picture's size in CSS px: its width and height, or,
// when they are missing or relative, its viewBox's.
func Size(data []byte) (w, h float64, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return 0, 0, errors.New("no <svg> element")
		}
		if err != nil {
			return 0, 0, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != "svg" {
			return 0, 0, fmt.Errorf("the first element is <%s>, not <svg>", se.Name.Local)
		}
		var vb []float64
		var ws, hs string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "width":
				ws = a.Value
			case "height":
				hs = a.Value
			case "viewBox":
				vb = numbers(a.Value)
			}
		}
		w, wok := length(ws)
		h, hok := length(hs)
		if len(vb) == 4 && vb[2] > 0 && vb[3] > 0 {
			switch {
			case wok && hok:
			case wok:
				h = w * vb[3] / vb[2]
			case hok:
				w = h * vb[2] / vb[3]
			default:
				w, h = vb[2], vb[3]
			}
			return w, h, nil
		}
		if wok && hok && w > 0 && h > 0 {
			return w, h, nil
		}
		return 0, 0, errors.New("the <svg> element has neither a viewBox nor an absolute width and height")
	}
}

// length converts an absolute SVG length to CSS px (96 to the inch).
// Percentages and empty values are not absolute.
func length(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, "%") {
		return 0, false
	}
	units := map[string]float64{"px": 1, "pt": 96.0 / 72, "pc": 16, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96}
	scale := 1.0
	for u, f := range units {
		if strings.HasSuffix(s, u) {
			s, scale = strings.TrimSuffix(s, u), f
			break
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v <= 0 {
		return 0, false
	}
	return v * scale, true
}

// numbers splits a list of numbers separated by spaces or commas.
func numbers(s string) []float64 {
	var out []float64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil
		}
		out = append(out, v)
	}
	return out
}
