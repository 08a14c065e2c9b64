package typeset

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"press/internal/font"
	"press/internal/page"
)

func TestDbg(t *testing.T) {
	data, _ := os.ReadFile("../../fonts/Vollkorn-Regular.ttf")
	f, _ := font.Parse(data)
	s := monoSetter()
	s.Faces = map[string]Metrics{"regular": f}
	s.Params.MaxHyphenRun = 2
	out, _ := exec.Command("sh", "-c", "grep -h '^The Chinese countryside. The population doubled under' /tmp/longbook/*.md").Output()
	text := strings.TrimSpace(strings.Split(string(out), "\n")[0])
	p := Paragraph{Spans: []Span{{Text: text, Style: Style{Font: "regular", Size: 11 * page.PT}}}, Width: page.FromMM(112), Indent: 11 * page.PT, Hyphenate: true}
	for _, caps := range []bool{false, true} {
		b := s.build(p, caps)
		params := s.Params
		params.EmergencyStretch = int(1.5 * 11 * float64(page.PT))
		r := s.breakLines(b, func(int) int { return int(p.Width) }, params)
		fmt.Println("caps", caps, "pass", r.Pass, "max", maxRatio(r))
		for _, l := range r.Lines[:3] {
			fmt.Printf("  %.2f %s\n", l.Ratio, b.pieces[l.Break-1].text)
		}
	}
}
