package measure

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printed is the evenness of justified text read from a printed file, as
// a reader outside press measures it: from the word boxes that poppler
// gives (pdftotext -bbox-layout), not from the page model. It is the
// project's own copy of the shared pdfmetric tool's computation (the one
// the issues state their bounds in), so that tests hold the PDF itself
// to them; Book gives the same figures from the page model, and the
// typography tests check that the two agree.
//
// Gaps are in ems, each line's em estimated as pdfmetric does: the
// median height of its words divided by the body font's (Ascent −
// Descent)/1000, the height poppler gives a word box (see FontRatio).
type Printed struct {
	// Lines counts every text line; Justified those of at least two
	// words of the line's own height ending at the page's right text
	// edge (within 0.35 em), with no gap over 3 em (a tab, a leader).
	Lines, Justified int
	// Gaps counts the interword gaps of justified lines, except those
	// after sentence punctuation (. ! ? : ; perhaps followed by a closing
	// quote or bracket), which TeX's spacing widens on purpose.
	Gaps                   int
	GapP50, GapP95, GapMax float64
	// Natural is the median gap of the lines that are not justified.
	Natural float64
	// Loose counts justified lines with a gap wider than 0.5 em.
	Loose int
	// HyphenEnds counts lines ending in a hyphen after a letter;
	// HyphenPairs adjacent lines both so ending, Ladder the longest run.
	HyphenEnds, HyphenPairs, Ladder int
}

// The constants of pdfmetric's default run.
const (
	printedTol    = 0.35 // em between a justified line's end and the page's right edge
	printedMaxGap = 3.0  // em: a wider gap is a tab or leader, not a space
	printedLoose  = 0.5  // em
)

// sentenceEnd matches a word that ends a sentence or clause.
var sentenceEnd = regexp.MustCompile(`[.!?:;]["'\x{2019}\x{201d})\]]*$`)

type bboxWord struct {
	X0   float64 `xml:"xMin,attr"`
	X1   float64 `xml:"xMax,attr"`
	Y0   float64 `xml:"yMin,attr"`
	Y1   float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type bboxLine struct {
	Words []bboxWord `xml:"word"`
}

type bboxBlock struct {
	Lines []bboxLine `xml:"line"`
}

type bboxFlow struct {
	Blocks []bboxBlock `xml:"block"`
}

type bboxPage struct {
	Flows []bboxFlow `xml:"flow"`
}

type bboxDoc struct {
	Pages []bboxPage `xml:"body>doc>page"`
}

// ReadPrinted measures the output of pdftotext -bbox-layout; ratio is the
// body font's (Ascent − Descent)/1000 (FontRatio).
func ReadPrinted(bbox []byte, ratio float64) (*Printed, error) {
	var d bboxDoc
	dec := xml.NewDecoder(bytes.NewReader(bbox))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("measure: reading pdftotext's word boxes: %w", err)
	}
	if ratio <= 0 {
		return nil, fmt.Errorf("measure: font height ratio %g", ratio)
	}
	r := &Printed{}
	var gaps, natural []float64
	run := 0
	prevHyphen := false
	for _, pg := range d.Pages {
		var lines [][]bboxWord
		for _, f := range pg.Flows {
			for _, b := range f.Blocks {
				for _, l := range b.Lines {
					if len(l.Words) > 0 {
						lines = append(lines, l.Words)
					}
				}
			}
		}
		// The page's right text edge: the most common right end (in half
		// points) of its lines of three words or more.
		edges := map[float64]int{}
		for _, ws := range lines {
			if len(ws) >= 3 {
				edges[math.RoundToEven(ws[len(ws)-1].X1*2)/2]++
			}
		}
		right, hasRight := 0.0, false
		for k, n := range edges {
			if !hasRight || n > edges[right] || n == edges[right] && k > right {
				right, hasRight = k, true
			}
		}
		for _, ws := range lines {
			r.Lines++
			hy := hyphenEnded(ws[len(ws)-1].Text)
			if hy {
				r.HyphenEnds++
				run++
				if prevHyphen {
					r.HyphenPairs++
				}
			} else {
				run = 0
			}
			r.Ladder = max(r.Ladder, run)
			prevHyphen = hy
			hs := make([]float64, len(ws))
			for i, w := range ws {
				hs[i] = w.Y1 - w.Y0
			}
			slices.Sort(hs)
			h := hs[len(hs)/2]
			var body []bboxWord
			for _, w := range ws {
				if math.Abs((w.Y1-w.Y0)-h) <= 0.15*h {
					body = append(body, w)
				}
			}
			em := h / ratio
			var lg []float64
			wide := false
			for i := 1; i < len(body); i++ {
				if sentenceEnd.MatchString(body[i-1].Text) {
					continue
				}
				g := (body[i].X0 - body[i-1].X1) / em
				lg = append(lg, g)
				wide = wide || g > printedMaxGap
			}
			if hasRight && len(body) >= 2 && len(lg) > 0 && !wide && math.Abs(ws[len(ws)-1].X1-right) <= printedTol*em {
				r.Justified++
				gaps = append(gaps, lg...)
				if slices.Max(lg) > printedLoose {
					r.Loose++
				}
			} else {
				natural = append(natural, lg...)
			}
		}
	}
	r.Gaps = len(gaps)
	if len(gaps) > 0 {
		slices.Sort(gaps)
		r.GapP50, r.GapP95, r.GapMax = pct(gaps, 50), pct(gaps, 95), gaps[len(gaps)-1]
	}
	if len(natural) > 0 {
		slices.Sort(natural)
		r.Natural = pct(natural, 50)
	}
	return r, nil
}

// hyphenEnded reports whether a line's last word ends in a hyphen (or a
// soft hyphen) after a letter.
func hyphenEnded(t string) bool {
	last, n := utf8.DecodeLastRuneInString(t)
	if n == 0 || last != '-' && last != '\u2010' && last != '\u00ad' {
		return false
	}
	before, m := utf8.DecodeLastRuneInString(t[:len(t)-n])
	return m > 0 && unicode.IsLetter(before)
}

// pct is the p-th percentile of sorted xs, interpolated as numpy does.
func pct(xs []float64, p float64) float64 {
	k := float64(len(xs)-1) * p / 100
	lo := int(k)
	hi := min(lo+1, len(xs)-1)
	return xs[lo] + (xs[hi]-xs[lo])*(k-float64(lo))
}

// plainFace matches the names of faces that are not the body's upright
// text face.
var plainFace = regexp.MustCompile(`(?i)bold|italic|oblique|semibold|medium|mono|math|symbol|dingbat|\bB$|\bI$|B$|I$`)

// FontRatio reads, from qpdf --json's view of a PDF, the word-box height
// of the body font per em: (Ascent − Descent)/1000 of its font
// descriptor, with poppler's rules (a value of 0 or beyond ±3 em falls
// back to 0.95 and −0.35), as pdfmetric reads it: the median over the
// descriptors of upright text faces (not bold, italic, mono, symbol…),
// or over all of them when there are none such.
func FontRatio(qpdfJSON []byte) (float64, error) {
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(qpdfJSON, &doc); err != nil {
		return 0, fmt.Errorf("measure: reading qpdf --json: %w", err)
	}
	if len(doc.QPDF) < 2 {
		return 0, fmt.Errorf("measure: qpdf --json has no objects")
	}
	var objs map[string]struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		return 0, fmt.Errorf("measure: reading qpdf --json's objects: %w", err)
	}
	var plain, all []float64
	for _, o := range objs {
		var v map[string]any
		if json.Unmarshal(o.Value, &v) != nil || v["/Type"] != "/FontDescriptor" {
			continue
		}
		asc, desc := 0.95, -0.35
		if a, ok := v["/Ascent"].(float64); ok {
			if t := math.Abs(a) / 1000; t != 0 && t < 3 {
				asc = t
			}
		}
		if d, ok := v["/Descent"].(float64); ok {
			if t := -math.Abs(d) / 1000; t != 0 && t > -3 {
				desc = t
			}
		}
		name, _ := v["/FontName"].(string)
		if i := strings.LastIndexByte(name, '+'); i >= 0 {
			name = name[i+1:]
		}
		all = append(all, asc-desc)
		if !plainFace.MatchString(name) {
			plain = append(plain, asc-desc)
		}
	}
	pool := plain
	if len(pool) == 0 {
		pool = all
	}
	if len(pool) == 0 {
		return 0, fmt.Errorf("measure: no font descriptor with Ascent and Descent")
	}
	slices.Sort(pool)
	n := len(pool)
	if n%2 == 1 {
		return pool[n/2], nil
	}
	return (pool[n/2-1] + pool[n/2]) / 2, nil
}
