package layout

import "strings"

// The advance widths, in thousandths of an em, of printable ASCII (32 to
// 126) in Times Roman and Helvetica: the fonts most drawing programs
// measure their labels in when the drawing names "Times", "serif",
// "Helvetica", "Arial" or "sans-serif" (Graphviz's default is Times).
// They are the public font metrics of PostScript's standard fonts, which
// Liberation Serif and Sans, Nimbus and Arial share. press sets a
// drawing's text in the book's faces, and these tell it how much room
// the drawing made for each label.
var (
	timesWidths = [95]int16{
		250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, // space to /
		500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // 0 to ?
		921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // @ to O
		556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // P to _
		333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // ` to o
		500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // p to ~
	}
	helveticaWidths = [95]int16{
		278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
		556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
		1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
		667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
		333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
		556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
	}
)

// drawingMetrics returns the widths a drawing's font-family name stands
// for, mono for Courier's fixed 600, or nil when press does not know
// them.
func drawingMetrics(name string) (widths *[95]int16, mono bool) {
	switch {
	case name == "serif" || strings.Contains(name, "times") || strings.Contains(name, "liberation serif") ||
		strings.Contains(name, "nimbus roman"):
		return &timesWidths, false
	case name == "sans-serif" || strings.Contains(name, "helvetica") || strings.Contains(name, "arial") ||
		strings.Contains(name, "liberation sans") || strings.Contains(name, "nimbus sans"):
		return &helveticaWidths, false
	case name == "monospace" || strings.Contains(name, "courier"):
		return nil, true
	}
	return nil, false
}

// drawingWidth is the advance of s at size 1 in the font the drawing
// names, when press knows that font's widths for every character of s.
func drawingWidth(name, s string) (float64, bool) {
	widths, mono := drawingMetrics(name)
	if widths == nil && !mono {
		return 0, false
	}
	w := 0
	for _, r := range s {
		switch {
		case mono:
			w += 600
		case r >= 32 && r <= 126:
			w += int(widths[r-32])
		default:
			return 0, false
		}
	}
	return float64(w) / 1000, true
}
