package svg

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// texts returns the drawing's text shapes in painting order.
func texts(shapes []Shape) []Shape {
	var out []Shape
	for _, s := range shapes {
		if s.Text != nil {
			out = append(out, s)
		}
		out = append(out, texts(s.Group)...)
	}
	return out
}

// TestText: <text> and <tspan> come out as chunks and spans with their
// positions, fonts, anchors and colours; white space collapses as in a
// browser.
func TestText(t *testing.T) {
	d := parse(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">
<g font-family="Times,serif" font-size="14.00" transform="translate(4 96)">
<text text-anchor="middle" x="50" y="-10" fill="#ff0000">  two
   words </text>
<text x="10" y="20" style="font: italic bold 12px 'DejaVu Sans', sans-serif">a<tspan dx="3" dy="-2" font-size="50%">b</tspan><tspan x="100" y="30" text-anchor="end" font-family="monospace" fill="none">c d</tspan></text>
<text xml:space="preserve" x="0" y="0" font-size="2em" opacity="0.5">  x  </text>
<text x="0" y="0"> </text>
</g>
</svg>`)
	if len(d.Unsupported) > 0 {
		t.Fatalf("unsupported: %v", d.Unsupported)
	}
	ts := texts(d.Shapes)
	if len(ts) != 3 {
		t.Fatalf("%d text shapes, want 3 (an empty text draws nothing)", len(ts))
	}
	red := RGB{1, 0, 0}
	want := []Text{
		{Seq: 0, Chunks: []Chunk{{X: 50, Y: -10, Anchor: AnchorMiddle, Spans: []Span{
			{Text: "two words", Family: Serif, Font: "times", Size: 14, Color: red, Opacity: 1, Line: 3}}}}},
		{Seq: 1, Chunks: []Chunk{
			{X: 10, Y: 20, Spans: []Span{
				{Text: "a", Family: Sans, Font: "dejavu sans", Bold: true, Italic: true, Size: 12, Opacity: 1, Line: 5},
				{Text: "b", DX: 3, DY: -2, Family: Sans, Font: "dejavu sans", Bold: true, Italic: true, Size: 6, Opacity: 1, Line: 5}}},
			{X: 100, Y: 30, Anchor: AnchorEnd, Spans: []Span{
				{Text: "c d", Family: Mono, Font: "monospace", Bold: true, Italic: true, Size: 12, Opacity: 0, Line: 5}}}}},
		{Seq: 2, Chunks: []Chunk{{Spans: []Span{{Text: "  x  ", Family: Serif, Font: "times", Size: 28, Opacity: 0.5, Line: 6}}}}},
	}
	for i, s := range ts {
		if !reflect.DeepEqual(*s.Text, want[i]) {
			t.Errorf("text %d:\n got %+v\nwant %+v", i, *s.Text, want[i])
		}
		if s.CTM[4] != 4 || s.CTM[5] != 96 {
			t.Errorf("text %d: CTM %v, want the group's translation", i, s.CTM)
		}
	}
}

// TestTextUnsupported: text features press does not draw are listed;
// inherited ones only where text uses them.
func TestTextUnsupported(t *testing.T) {
	d := parse(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
<g letter-spacing="2"><rect width="1" height="1"/></g>
<text x="1 2 3" y="1">abc</text>
<text y="1" rotate="30" style="text-decoration: underline">d</text>
<text y="1" stroke="red">e</text>
<text y="1" dominant-baseline="middle">f</text>
</svg>`)
	var got []string
	for _, f := range d.Unsupported {
		got = append(got, f.String())
	}
	want := []string{"one x per character on <text> (line 3)", "rotate on <text> (line 4)", "text-decoration (line 4)",
		"stroked text (line 5)", "dominant-baseline, alignment-baseline or baseline-shift (line 6)"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("unsupported:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestGraphviz: a diagram as Graphviz writes it (polygons, text in
// Times) has nothing press cannot draw.
func TestGraphviz(t *testing.T) {
	data, err := os.ReadFile("testdata/graphviz.svg")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Unsupported) > 0 {
		t.Errorf("unsupported: %v", d.Unsupported)
	}
	var words []string
	for _, s := range texts(d.Shapes) {
		for _, c := range s.Text.Chunks {
			for _, sp := range c.Spans {
				words = append(words, sp.Text)
			}
		}
	}
	if got := strings.Join(words, " "); got != "ledger entries tide 3 crew" {
		t.Errorf("words %q", got)
	}
}

// TestClipPath: a clipPath of one shape, or of a <use> of one (as
// Illustrator writes them), clips the element as a group; what cannot be
// drawn exactly (two shapes, bounding-box units) is listed.
func TestClipPath(t *testing.T) {
	d := parse(t, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100">
<defs><rect id="r" x="10" y="10" width="50" height="40"/></defs>
<clipPath id="c"><use xlink:href="#r" overflow="visible"/></clipPath>
<clipPath id="two"><rect width="1" height="1"/><rect width="1" height="1"/></clipPath>
<clipPath id="bb" clipPathUnits="objectBoundingBox"><rect width="1" height="1"/></clipPath>
<g transform="translate(5 0)"><path clip-path="url(#c)" fill="red" d="M0 0H100V100H0Z"/></g>
<path clip-path="url(#two)" d="M0 0H1V1Z"/>
<path clip-path="url(#bb)" d="M0 0H1V1Z"/>
</svg>`)
	if len(d.Shapes) != 1 || d.Shapes[0].Clip == nil || len(d.Shapes[0].Group) != 1 {
		t.Fatalf("shapes %+v", d.Shapes)
	}
	c := d.Shapes[0].Clip
	if x0, y0, x1, y1, _ := c.Path.bounds(); x0 != 10 || y0 != 10 || x1 != 60 || y1 != 50 || c.CTM[4] != 5 {
		t.Errorf("clip %v..%v, %v..%v, CTM %v", x0, x1, y0, y1, c.CTM)
	}
	var got []string
	for _, f := range d.Unsupported {
		got = append(got, f.String())
	}
	if want := "clip-path property (line 7)"; strings.Join(got, "\n") != want {
		t.Errorf("unsupported %q", got)
	}
}
