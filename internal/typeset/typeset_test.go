package typeset

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"press/internal/fakefont"
	"press/internal/font"
	"press/internal/hyphen"
	"press/internal/linebreak"
	"press/internal/page"
	"press/internal/pdf"
)

// mono is the fixed-width fake face of the tests.
type mono = fakefont.Mono

func monoSetter() *Setter {
	return &Setter{
		Faces: map[string]Metrics{"m": mono{}}, Hyphenator: hyphen.Default(), HyphenMin: hyphen.DefaultOptions(),
		MinWord: 5, Params: linebreak.DefaultParams(), EmergencyStretchEm: 1.5, HyphenPenalty: 50, ExHyphenPenalty: 50,
	}
}

var size = 10 * page.PT // 1 em = 10 pt; a glyph is 5 pt, a space 2.5 pt

func span(text string) []Span { return []Span{{Text: text, Style: Style{Font: "m", Size: size}}} }

// runEnd is where a run's last glyph ends (fixed width: glyphs 5 pt, a
// space 2.5 pt, a trailing space not counted).
func runEnd(r Run) page.SP {
	w := page.SP(0)
	for _, c := range strings.TrimRight(r.Text, " ") {
		w += scale(mono{}.Advance(c), mono{}, size)
	}
	return r.X + w
}

func lineText(l Line) string {
	var b strings.Builder
	for _, r := range l.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

func TestKerningMeasured(t *testing.T) {
	res := monoSetter().Set(Paragraph{Spans: span("AVA"), Width: 100 * page.PT, Align: Left})
	runs := res.Lines[0].Runs
	if len(runs) != 1 || runs[0].Text != "AVA" {
		t.Fatalf("runs %+v, want one run AVA (the PDF writer kerns inside runs)", runs)
	}
	if got, want := res.Lines[0].Natural, 3*size/2-size/10; got != want {
		t.Errorf("AVA set %d sp wide, want %d (three advances, the A–V kern of −100/1000 em)", got, want)
	}
}

// TestLigatureBreaks sets "difficult" with Vollkorn: unbroken, its boxes
// add up to the shaped word (the ﬃ ligature across the break points dif-
// fi-cult); broken as "dif-", the first half and hyphen measure as shaped
// on their own.
func TestLigatureBreaks(t *testing.T) {
	f := parseFont(t, "../../fonts/Vollkorn-Regular.ttf")
	s := monoSetter()
	s.Faces = map[string]Metrics{"v": f}
	s.LastWord = true
	b := s.build(Paragraph{Spans: []Span{{Text: "difficult", Style: Style{Font: "v", Size: size}}}, Width: 400 * page.PT, Hyphenate: true, Align: Justify}, false)
	var boxes []int
	hyphen := -1
	for i, it := range b.items {
		switch {
		case it.Kind == linebreak.Box:
			boxes = append(boxes, it.Width)
		case it.Kind == linebreak.Penalty && it.Discretionary && hyphen < 0:
			hyphen = i
		}
	}
	if len(boxes) != 3 || hyphen < 0 || b.pieces[0].text != "dif" {
		t.Fatalf("difficult gave boxes %v, first discretionary at %d; want dif-fi-cult", boxes, hyphen)
	}
	if got, want := boxes[0]+boxes[1]+boxes[2], int(scale(f.Width("difficult"), f, size)); abs(got-want) > 2 {
		t.Errorf("unbroken difficult measures %d, want the shaped %d", got, want)
	}
	if f.Width("difficult") >= f.Width("dif")+f.Width("ficult") {
		t.Error("difficult is not narrower shaped whole: no ffi ligature")
	}
	if got, want := boxes[0]+b.items[hyphen].Width, int(scale(f.Width("dif-"), f, size)); abs(got-want) > 1 {
		t.Errorf("dif- measures %d, want the shaped %d", got, want)
	}
	// The second half shaped alone ("ficult", with ﬁ) is not the whole
	// word less "dif": the break's post-break material makes up the
	// difference.
	if got, want := boxes[1]+boxes[2]+b.items[hyphen].PostWidth, int(scale(f.Width("ficult"), f, size)); got != want {
		t.Errorf("ficult after the break measures %d, want the shaped %d", got, want)
	}
	if b.items[hyphen].PostWidth == 0 {
		t.Error("ficult alone measures as its part of difficult: the test shows nothing")
	}
	res := s.Set(Paragraph{Spans: []Span{{Text: "a difficult one", Style: Style{Font: "v", Size: size}}}, Width: 400 * page.PT, Align: Left, Hyphenate: true})
	if got := lineText(res.Lines[0]); got != "a difficult one" || len(res.Lines[0].Runs) != 1 {
		t.Errorf("runs %+v, want one run so the writer shapes the ligature", res.Lines[0].Runs)
	}
}

// TestBrokenWordHalvesShapedAlone breaks "office" as "of-fice" (the ﬃ
// ligature straddles the break) in a measure too narrow for the word:
// each half is drawn as a run of its own text and placed as wide as it
// is shaped alone ("of-", then "fice" with its ﬁ), so the next word
// follows "fice" at one space, not at what "fice" measures inside
// "office".
func TestBrokenWordHalvesShapedAlone(t *testing.T) {
	for _, file := range []string{"../../fonts/Vollkorn-Regular.ttf", "../../fonts/ebgaramond/EBGaramond12-Regular.otf"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		f, err := font.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		if f.Width("fice") == f.Width("office")-f.Width("of") {
			t.Fatalf("%s: fice alone measures as within office: the test shows nothing", file)
		}
		s := monoSetter()
		s.Faces = map[string]Metrics{"v": f}
		w := func(text string) page.SP { return scale(f.Width(text), f, size) }
		// Room for "fice a" but not for "office".
		if w("fice a") >= w("office") {
			t.Fatalf("%s: fice a is no narrower than office", file)
		}
		res := s.Set(Paragraph{Spans: []Span{{Text: "office a to", Style: Style{Font: "v", Size: size}}},
			Width: (w("fice a") + w("office")) / 2, Align: Left, Hyphenate: true})
		if len(res.Lines) < 2 {
			t.Fatalf("%s: %d lines", file, len(res.Lines))
		}
		l1, l2 := res.Lines[0], res.Lines[1]
		if got := lineText(l1); got != "of-" || !l1.Hyphenated || abs(int(l1.Natural-w("of-"))) > 1 {
			t.Errorf("%s: first line %q, %d wide, want of- %d wide", file, got, l1.Natural, w("of-"))
		}
		if got := lineText(l2); got != "fice a" {
			t.Fatalf("%s: second line %q, want fice a", file, got)
		}
		// Ragged right, natural spacing: as wide as "fice a" shaped word
		// by word.
		if got, want := l2.Natural, w("fice")+w(" ")+w("a"); abs(int(got-want)) > 1 {
			t.Errorf("%s: fice a set %d wide, want %d (fice shaped alone)", file, got, want)
		}
		// Drawn by the PDF writer: the glyphs of each line, read back
		// through the ToUnicode map, are "o" "f" "-" and then "fi" (one
		// glyph, where the face has the ligature) "c" "e".
		got := drawnClusters(t, data, f, []Line{l1, l2})
		want := [][]string{{"o", "f", "-"}, {"fi", "c", "e", " ", "a"}}
		if len(f.Shape("fi")) != 1 {
			want[1] = []string{"f", "i", "c", "e", " ", "a"} // EB Garamond: f before i as a form of its own
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: drawn %q, want %q", file, got, want)
		}
	}
}

// drawnClusters writes lines as a PDF page in face f (file data) and
// reads each line's glyphs back as the text their ToUnicode entries give.
func drawnClusters(t *testing.T, data []byte, f *font.Face, lines []Line) [][]string {
	t.Helper()
	d := &page.Doc{Width: 300 * page.PT, Height: 300 * page.PT, Fonts: []page.Font{{Name: "v", FullName: f.Name(), Data: data, Face: f}}}
	pg := &page.Page{Number: 1, Role: "body"}
	for i, l := range lines {
		for _, r := range l.Runs {
			pg.Texts = append(pg.Texts, page.Text{X: r.X, Y: page.SP(i+1) * 20 * page.PT, Font: "v", Size: r.Style.Size, S: r.Text})
		}
	}
	d.Pages = []*page.Page{pg}
	var b bytes.Buffer
	if err := pdf.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	toUnicode := map[string]string{}
	var content []string
	re := regexp.MustCompile(`/Filter/FlateDecode/Length (\d+)>>\nstream\n`)
	out := b.Bytes()
	for _, m := range re.FindAllSubmatchIndex(out, -1) {
		n, _ := strconv.Atoi(string(out[m[2]:m[3]]))
		z, err := zlib.NewReader(bytes.NewReader(out[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		s, err := io.ReadAll(z)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(s, []byte("begincmap")) {
			for _, e := range regexp.MustCompile(`<([0-9A-F]{4})><((?:[0-9A-F]{4})+)>`).FindAllStringSubmatch(string(s), -1) {
				var text []rune
				for i := 0; i < len(e[2]); i += 4 {
					u, _ := strconv.ParseUint(e[2][i:i+4], 16, 16)
					text = append(text, rune(u))
				}
				toUnicode[e[1]] = string(text)
			}
		} else if bytes.Contains(s, []byte("]TJ")) {
			content = append(content, string(s))
		}
	}
	var drawn [][]string
	for _, c := range content {
		for _, tj := range regexp.MustCompile(`\[(.*?)\] ?TJ`).FindAllStringSubmatch(c, -1) {
			var glyphs []string
			for _, hex := range regexp.MustCompile(`<([0-9A-F]*)>`).FindAllStringSubmatch(tj[1], -1) {
				for i := 0; i+4 <= len(hex[1]); i += 4 {
					glyphs = append(glyphs, toUnicode[hex[1][i:i+4]])
				}
			}
			drawn = append(drawn, glyphs)
		}
	}
	return drawn
}

// TestJustifiedLinesFillTheMeasure: every line but the last ends exactly at
// the measure; the last keeps natural spacing.
func TestJustifiedLinesFillTheMeasure(t *testing.T) {
	text := strings.Repeat("the quick brown fox jumps over lazy dogs and runs away again ", 6)
	width := 60 * page.PT
	res := monoSetter().Set(Paragraph{Spans: span(text), Width: width, Align: Justify, Hyphenate: true})
	if len(res.Lines) < 5 {
		t.Fatalf("%d lines", len(res.Lines))
	}
	for i, l := range res.Lines {
		last := l.Runs[len(l.Runs)-1]
		end := runEnd(last)
		if i < len(res.Lines)-1 && end != width {
			t.Errorf("line %d %q ends at %d, measure %d", i, lineText(l), end, width)
		}
		if i == len(res.Lines)-1 && end >= width {
			t.Errorf("last line is stretched to the measure")
		}
		if l.Hyphenated && !strings.HasSuffix(lineText(l), "-") {
			t.Errorf("line %d is hyphenated but shows no hyphen: %q", i, lineText(l))
		}
	}
}

// TestCoversEveryWord: the lines, joined, hold the paragraph's words in order.
func TestCoversEveryWord(t *testing.T) {
	text := "Revolutionary counterrevolutionary industrialization collaborationist imperialism, agriculture."
	res := monoSetter().Set(Paragraph{Spans: span(text), Width: 40 * page.PT, Align: Justify, Hyphenate: true})
	var b strings.Builder
	for _, l := range res.Lines {
		s := lineText(l)
		if l.Hyphenated {
			s = strings.TrimSuffix(s, "-")
		} else {
			s += " "
		}
		b.WriteString(s)
	}
	if got := strings.Join(strings.Fields(b.String()), " "); got != text {
		t.Errorf("lines give %q\nwant       %q", got, text)
	}
	hy := 0
	for _, l := range res.Lines {
		if l.Hyphenated {
			hy++
		}
	}
	if hy == 0 {
		t.Errorf("no hyphenation in a narrow measure of long words")
	}
}

func TestLastWordNotHyphenated(t *testing.T) {
	text := "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll counterrevolutionary"
	for w := 20; w < 60; w++ {
		res := monoSetter().Set(Paragraph{Spans: span(text), Width: page.SP(w) * page.PT, Align: Justify, Hyphenate: true})
		last := res.Lines[len(res.Lines)-1]
		if len(res.Lines) > 1 && res.Lines[len(res.Lines)-2].Hyphenated && strings.Contains(lineText(last), "lutionary") && !strings.HasPrefix(lineText(last), "counter") {
			t.Fatalf("width %d: the paragraph's last word was hyphenated", w)
		}
	}
}

func TestOverlongWordIsOverfull(t *testing.T) {
	res := monoSetter().Set(Paragraph{Spans: span("a pneumonoultramicroscopicsilicovolcanoconiosis b"), Width: 30 * page.PT, Align: Justify})
	if res.Overfull == 0 {
		t.Errorf("a word wider than the measure was not reported overfull")
	}
}

func TestRaggedAndCentred(t *testing.T) {
	for _, a := range []Align{Left, Right, Center} {
		res := monoSetter().Set(Paragraph{Spans: span("one two three four five six seven"), Width: 50 * page.PT, Align: a})
		for i, l := range res.Lines {
			end := runEnd(l.Runs[len(l.Runs)-1])
			start := l.Runs[0].X
			switch a {
			case Left:
				if start != 0 {
					t.Errorf("left line %d starts at %d", i, start)
				}
			case Right:
				if end != 50*page.PT {
					t.Errorf("right line %d ends at %d", i, end)
				}
			case Center:
				if d := (50*page.PT - end) - start; d > 1 || d < -1 {
					t.Errorf("centred line %d off by %d", i, d)
				}
			}
		}
	}
}

// TestInlineImage: a picture span is one box of its width on the line,
// placed where the text leaves room for it, a link when its span is one,
// and neither expanded nor letter-spaced with the text.
func TestInlineImage(t *testing.T) {
	pic := &page.Image{W: 7 * page.PT, H: 6 * page.PT, Type: "svg"}
	st := Style{Font: "m", Size: size}
	s := monoSetter()
	s.MaxExpand = 20
	res := s.Set(Paragraph{Spans: []Span{
		{Text: "an anchor ", Style: st},
		{Image: pic, Style: st, Link: "lost", Source: -1},
		{Text: " drawn in the margin beside its name, which is a long way.", Style: st},
	}, Width: 120 * page.PT, Align: Justify})
	var placed []PlacedImage
	for _, l := range res.Lines {
		placed = append(placed, l.Images...)
	}
	if len(placed) != 1 || placed[0].Image != pic {
		t.Fatalf("placed %+v, want the picture once", placed)
	}
	l := res.Lines[0]
	// "an anchor " is ten characters: 9 glyphs of 5 pt and two spaces.
	var before page.SP
	for _, r := range l.Runs {
		if strings.Contains(r.Text, "anchor") {
			before = runEnd(r)
		}
	}
	if x := placed[0].X; x <= before || x > before+6*page.PT {
		t.Errorf("picture at x=%.2f pt, want just after the text ending at %.2f pt", page.ToPT(x), page.ToPT(before))
	}
	for _, r := range l.Runs {
		if r.X < placed[0].X+pic.W && runEnd(r) > placed[0].X {
			t.Errorf("run %q at %.2f..%.2f overlaps the picture at %.2f..%.2f", r.Text, page.ToPT(r.X), page.ToPT(runEnd(r)), page.ToPT(placed[0].X), page.ToPT(placed[0].X+pic.W))
		}
	}
	found := false
	for _, lk := range l.Links {
		if lk.Target == "lost" && lk.X == placed[0].X && lk.W == pic.W {
			found = true
		}
	}
	if !found {
		t.Errorf("no link over the picture: %+v", l.Links)
	}
}

// parseFont reads and parses a font file of the repository.
func parseFont(t *testing.T, path string) *font.Face {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := font.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
