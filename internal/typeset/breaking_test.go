package typeset

import (
	"math"
	"strings"
	"testing"
	"unicode"

	"press/internal/page"
)

const prose = "The commune movement reorganised agricultural production across the countryside, " +
	"and the provincial committees reported extraordinary harvests that the central planners " +
	"accepted without verification; procurement quotas followed the inflated figures, and " +
	"the granaries emptied while the cadres celebrated. Historians disagree about the numbers " +
	"but not about the mechanism, which was bureaucratic rather than meteorological."

// expandedEnd is where a run ends when its glyphs are scaled by Expand
// thousandths, as place draws them.
func expandedEnd(r Run) page.SP {
	units := 0
	for _, c := range strings.TrimRight(r.Text, " ") {
		units += mono{}.Advance(c)
	}
	w := scale(units, mono{}, size)
	return r.X + w + w*page.SP(r.Style.Expand)/1000
}

// TestExpansionSharesTheSlack: with font expansion the breaker counts the
// glyphs' stretch and shrink with the spaces', so the glyphs of each line
// change by its adjustment ratio times the limit, never beyond it, and
// the line still ends at the measure.
func TestExpansionSharesTheSlack(t *testing.T) {
	s := monoSetter()
	s.MaxExpand = 20
	seen := map[bool]bool{}
	for w := 120; w <= 260; w += 10 {
		width := page.SP(w) * page.PT
		res := s.Set(Paragraph{Spans: span(prose), Width: width, Align: Justify, Hyphenate: true})
		for i, l := range res.Lines[:len(res.Lines)-1] {
			want := int(math.Round(max(-1, min(1, l.Ratio)) * 20))
			if d := l.Expand - want; d < -1 || d > 1 || l.Expand < -20 || l.Expand > 20 {
				t.Errorf("width %d line %d: ratio %.3f, expansion %d‰, want %d‰", w, i, l.Ratio, l.Expand, want)
			}
			for _, r := range l.Runs {
				if r.Style.Expand != l.Expand {
					t.Fatalf("width %d line %d: run %q expanded %d‰, line %d‰", w, i, r.Text, r.Style.Expand, l.Expand)
				}
			}
			if end := expandedEnd(l.Runs[len(l.Runs)-1]); end < width-2 || end > width+2 {
				t.Errorf("width %d line %d %q ends at %d, measure %d", w, i, lineText(l), end, width)
			}
			if l.Expand != 0 {
				seen[l.Expand > 0] = true
			}
		}
		if last := res.Lines[len(res.Lines)-1]; last.Expand != 0 {
			t.Errorf("width %d: the last line is expanded (%d‰)", w, last.Expand)
		}
	}
	if !seen[true] || !seen[false] {
		t.Errorf("expansion used only one way: widened %v, narrowed %v", seen[true], seen[false])
	}
}

// TestSpacesShrinkNoFurther: interword spaces never shrink below the
// space minus SpaceShrink of it, whatever the measure, when the
// paragraph can be set without an overfull line.
func TestSpacesShrinkNoFurther(t *testing.T) {
	s := monoSetter()
	s.SpaceStretch, s.SpaceShrink, s.MaxExpand = 0.75, 0.2, 20
	space := scale(mono{}.Advance(' '), mono{}, size)
	floor := space - space/5 - 1
	for w := 100; w <= 260; w += 3 {
		res := s.Set(Paragraph{Spans: span(prose), Width: page.SP(w) * page.PT, Align: Justify, Hyphenate: true})
		if res.Overfull > 0 {
			continue
		}
		for i, l := range res.Lines {
			if l.Spaces > 0 && l.Space < floor {
				t.Errorf("width %d line %d %q: space %d sp, below %d", w, i, lineText(l), l.Space, floor)
			}
		}
	}
}

// TestUnhyphenatedLines: a line the caller names is never left ending in a
// hyphen, and the words are all still there.
func TestUnhyphenatedLines(t *testing.T) {
	s := monoSetter()
	tried := 0
	for w := 100; w <= 260; w += 2 {
		p := Paragraph{Spans: span(prose), Width: page.SP(w) * page.PT, Align: Justify, Hyphenate: true}
		free := s.Set(p)
		for k, l := range free.Lines {
			if !l.HyphenEnd {
				continue
			}
			tried++
			p.Unhyphenated = []int{k}
			res := s.Set(p)
			if k < len(res.Lines) && res.Lines[k].HyphenEnd {
				t.Errorf("width %d: line %d %q ends in a hyphen though forbidden", w, k, lineText(res.Lines[k]))
			}
			if got := words(res.Lines); got != strings.Join(strings.Fields(prose), " ") {
				t.Errorf("width %d: lines give %q", w, got)
			}
		}
	}
	if tried < 20 {
		t.Errorf("only %d hyphenated lines to forbid", tried)
	}
}

// words joins the lines' text back into the paragraph's words.
func words(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		s := lineText(l)
		if l.Hyphenated && l.HyphenEnd && !strings.HasSuffix(strings.TrimSuffix(s, "-"), "-") {
			s = strings.TrimSuffix(s, "-")
		} else {
			s += " "
		}
		b.WriteString(s)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestBrokenWordFlags: HyphenEnd marks a line ending in a hyphen after a
// letter (not a dash), CapitalBroken one whose hyphen splits a word part
// that starts with a capital. Where a line breaks in the text is where
// the next line starts (Line.Source).
func TestBrokenWordFlags(t *testing.T) {
	s := monoSetter()
	s.Capitalized = true
	text := "Czechoslovakia Switzerland—Liechtenstein anti-Bolshevik Anti-imperialism counterrevolutionary Mediterranean end"
	runes := []rune(text)
	caps, lower := 0, 0
	for w := 100; w <= 300; w += 5 {
		res := s.Set(Paragraph{Spans: span(text), Width: page.SP(w) * page.PT, Align: Justify, Hyphenate: true})
		for i, l := range res.Lines[:len(res.Lines)-1] {
			txt := lineText(l)
			if want := strings.HasSuffix(txt, "-"); l.HyphenEnd != want {
				t.Errorf("width %d: %q HyphenEnd %v", w, txt, l.HyphenEnd)
			}
			at := res.Lines[i+1].Source // the break, in runes of text
			wantCaps := false
			if l.HyphenEnd && runes[at-1] != '-' {
				part := at
				for part > 0 && !unicode.IsSpace(runes[part-1]) && runes[part-1] != '-' && runes[part-1] != '—' {
					part--
				}
				wantCaps = unicode.IsUpper(runes[part])
			}
			if l.CapitalBroken != wantCaps {
				t.Errorf("width %d: %q CapitalBroken %v, want %v", w, txt, l.CapitalBroken, wantCaps)
			}
			if l.CapitalBroken {
				caps++
			} else if l.HyphenEnd {
				lower++
			}
		}
	}
	if caps == 0 || lower == 0 {
		t.Errorf("capitalised breaks %d, others %d: want both", caps, lower)
	}
}

func TestGroupedNumber(t *testing.T) {
	for word, want := range map[string]bool{
		"859,300,000": true, "(24,600,000)": true, "12,345,678.": true,
		"1,000": false, "1959,": false, "1,2,3": false, "8a5,300,000": false, "": false,
	} {
		if got := groupedNumber([]rune(word)); got != want {
			t.Errorf("groupedNumber(%q) = %v, want %v", word, got, want)
		}
	}
}

// TestLongNumberBreaksAfterComma: a long number is broken only after one
// of its commas, without a hyphen, and only where the paragraph has no
// better way; a short one never.
func TestLongNumberBreaksAfterComma(t *testing.T) {
	s := monoSetter()
	text := "the furnaces did divert needed labor from 859,300,000 rubles and 1,000 tons in all the provinces of the country"
	broken := 0
	for w := 60; w <= 240; w += 2 {
		res := s.Set(Paragraph{Spans: span(text), Width: page.SP(w) * page.PT, Align: Justify, Hyphenate: true})
		// Every line starts where the text after the previous break does.
		runes := []rune(text)
		for i, l := range res.Lines[1:] {
			if at := l.Source; at <= 0 || runes[at-1] != ' ' && runes[at-1] != ',' && !res.Lines[i].Hyphenated {
				t.Fatalf("width %d: line %d %q starts at %d", w, i+1, lineText(l), at)
			}
		}
		for i, l := range res.Lines[:len(res.Lines)-1] {
			txt := lineText(l)
			next := lineText(res.Lines[i+1])
			if strings.HasSuffix(txt, ",") && len(next) > 0 && next[0] >= '0' && next[0] <= '9' {
				broken++
				if !strings.HasSuffix(txt, "859,") && !strings.HasSuffix(txt, "859,300,") {
					t.Errorf("width %d: %q | %q: broken inside the short number", w, txt, next)
				}
				if l.HyphenEnd || l.Hyphenated {
					t.Errorf("width %d: %q: a number broken with a hyphen", w, txt)
				}
			}
		}
	}
	if broken == 0 {
		t.Errorf("the long number was never broken, even in narrow measures")
	}
	for _, w := range []int{150, 200, 300} {
		for _, l := range s.Set(Paragraph{Spans: span(text), Width: page.SP(w) * page.PT, Align: Justify, Hyphenate: true}).Lines {
			if strings.HasSuffix(lineText(l), "859,") || strings.HasSuffix(lineText(l), "300,") {
				t.Errorf("width %d: %q: the number broken where the paragraph sets well without", w, lineText(l))
			}
		}
	}
}

// TestLetterSpacingAboveMaxSpace: a line that even with its glyphs
// expanded would set its spaces wider than MaxSpace times the font's
// space gets letter spacing for the rest, and the space a reader sees
// (the letter spacing after a word's last letter included) is then at
// most MaxSpace spaces; a line within the limit gets none.
func TestLetterSpacingAboveMaxSpace(t *testing.T) {
	s := monoSetter()
	s.MaxExpand, s.MaxTrack, s.MaxSpace = 20, 50, 2.25
	space := scale(mono{}.Advance(' '), mono{}, size)
	// The next word is too long to join the first line, which is left
	// 15 pt short of the measure.
	text := "abcdefghij klmnopqrst uvwxyzabcd longwordlongwordlongword"
	width := 170 * page.PT
	res := s.Set(Paragraph{Spans: span(text), Width: width, Align: Justify})
	l := res.Lines[0]
	if got := lineText(l); got != "abcdefghij klmnopqrst uvwxyzabcd" {
		t.Fatalf("first line %q", got)
	}
	track := l.Runs[0].Style.Track
	if track <= 0 || track > size*50/1000 {
		t.Fatalf("letter spacing %d sp, want some, at most 0.05 em", track)
	}
	if l.Space > page.SP(2.25*float64(space)) || l.Space < page.SP(2.2*float64(space)) {
		t.Errorf("widest space %.3f pt, want just within 2.25 spaces (%.3f pt)", page.ToPT(l.Space), 2.25*page.ToPT(space))
	}
	last := l.Runs[len(l.Runs)-1]
	letters := page.SP(len(strings.TrimRight(last.Text, " ")))
	if end := expandedEnd(last) + letters*track; end < width-2 || end > width+2 {
		t.Errorf("the line ends at %d, measure %d", end, width)
	}
	// Allowed spaces of 4 spaces: no letter spacing.
	s.MaxSpace = 4
	l = s.Set(Paragraph{Spans: span(text), Width: width, Align: Justify}).Lines[0]
	if l.Runs[0].Style.Track != 0 || l.Space <= page.SP(2.25*float64(space)) {
		t.Errorf("max_word_space 4: letter spacing %d sp, widest space %.3f pt; want none and the spaces wider", l.Runs[0].Style.Track, page.ToPT(l.Space))
	}
}
