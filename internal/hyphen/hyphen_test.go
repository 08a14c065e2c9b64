package hyphen

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"unicode"
	"unicode/utf8"
)

// The expected hyphenations below are not from memory: each was produced
// by Knuth's tex (TeX 3.141592653, run as IniTeX) loading this very
// hyphen.tex with \uchyph=1 and the stated \lefthyphenmin and
// \righthyphenmin, and printing each word the way \showhyphens does. The
// same run over some 28,000 further words, at several min settings, agreed
// with this package on every word.

// plainTeXWords are TeX's results with plain TeX's English settings
// (\lefthyphenmin=2, \righthyphenmin=3).
var plainTeXWords = []string{
	// The TeXbook and Liang's thesis.
	"hy-phen-ation",
	"con-cate-na-tion",
	"su-per-cal-ifrag-ilis-tic-ex-pi-ali-do-cious",
	"manuscript",
	"manuscripts",
	"al-go-rithm",
	"type-set-ting",
	"para-graph",
	"math-e-mat-ics",
	"dic-tio-nary",
	"pat-tern",
	"pat-terns",
	"com-puter",
	"hy-phen-ate",
	// hyphen.tex's own \hyphenation list.
	"as-so-ciate",
	"as-so-ciates",
	"dec-li-na-tion",
	"oblig-a-tory",
	"phil-an-thropic",
	"present",
	"presents",
	"project",
	"projects",
	"reci-procity",
	"re-cog-ni-zance",
	"ref-or-ma-tion",
	"ret-ri-bu-tion",
	"ta-ble",
	// Words from our book.
	"rev-o-lu-tion-ary",
	"agri-cul-ture",
	"coun-ter-rev-o-lu-tion-ary",
	"in-dus-tri-al-iza-tion",
	"col-lab-o-ra-tionist",
	"im-pe-ri-al-ism",
	"rev-o-lu-tion",
	"pro-le-tariat",
	"bour-geoisie",
	"so-cial-ism",
	"cap-i-tal-ism",
	"na-tion-al-iza-tion",
	"lib-er-a-tion",
	"par-lia-ment",
	"democ-racy",
	"econ-omy",
	"work-ers",
	"counter",
	// Everyday words.
	"en-cy-clo-pe-dia",
	"in-de-pen-dent",
	"gov-ern-ment",
	"uni-ver-sity",
	"in-ter-na-tional",
	"com-mu-ni-ca-tion",
	"in-for-ma-tion",
	"char-ac-ter",
	"elec-tric-ity",
	"pho-to-graph",
	"bi-og-ra-phy",
	"academy",
}

func TestPlainTeX(t *testing.T) {
	h := Default()
	for _, want := range plainTeXWords {
		word := strings.ReplaceAll(want, "-", "")
		if got := h.Hyphenate(word, DefaultOptions()); got != want {
			t.Errorf("Hyphenate(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestPointsOffsets(t *testing.T) {
	h := Default()
	tests := []struct {
		word string
		want []int
	}{
		{"hyphenation", []int{2, 6}},
		{"table", []int{2}},
		{"project", nil},
		{"", nil},
		{"a", nil},
		{"counterrevolutionary", []int{4, 7, 10, 11, 13, 17}},
	}
	for _, tt := range tests {
		if got := h.Points(tt.word, DefaultOptions()); !slices.Equal(got, tt.want) {
			t.Errorf("Points(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestEmpty(t *testing.T) {
	h := Default()
	if got := h.Points("", DefaultOptions()); got != nil {
		t.Errorf("Points(\"\") = %v, want nil", got)
	}
	if got := h.Hyphenate("", DefaultOptions()); got != "" {
		t.Errorf("Hyphenate(\"\") = %q, want \"\"", got)
	}
}

// TestMinimums checks LeftMin and RightMin against TeX run with the same
// \lefthyphenmin and \righthyphenmin.
func TestMinimums(t *testing.T) {
	h := Default()
	tests := []struct {
		left, right int
		want        string
	}{
		{1, 1, "hy-phen-ation"},
		{1, 1, "a-gri-cul-ture"},
		{1, 1, "manuscrip-t"},      // Liang's famous bad break
		{1, 1, "manuscript-s"},     // ...and its plural
		{1, 1, "im-pe-ri-al-is-m"}, // single letters either side
		{1, 1, "ta-ble"},           // exceptions obey the minimums too
		{2, 2, "hy-phen-ation"},
		{2, 2, "ta-ble"},
		{3, 4, "hyphen-ation"},
		{3, 4, "super-cal-ifrag-ilis-tic-ex-pi-ali-do-cious"},
		{3, 4, "rev-o-lu-tionary"},
		{3, 4, "table"},
		{3, 4, "asso-ciate"},
		{3, 4, "recog-ni-zance"},
		{3, 4, "impe-ri-alism"},
		{4, 4, "concate-na-tion"},
		{4, 4, "decli-na-tion"},
		{4, 4, "collab-o-ra-tionist"},
		// Minimums below 1 mean 1, as in TeX: there is no break before
		// the first letter or after the last.
		{0, 0, "manuscrip-t"},
		{-5, -5, "im-pe-ri-al-is-m"},
		// A word shorter than LeftMin+RightMin never breaks.
		{6, 6, "hyphenation"},
	}
	for _, tt := range tests {
		word := strings.ReplaceAll(tt.want, "-", "")
		o := Options{LeftMin: tt.left, RightMin: tt.right}
		if got := h.Hyphenate(word, o); got != tt.want {
			t.Errorf("Hyphenate(%q, %+v) = %q, want %q", word, o, got, tt.want)
		}
	}
}

func TestDefaultOptions(t *testing.T) {
	if got, want := DefaultOptions(), (Options{LeftMin: 2, RightMin: 3}); got != want {
		t.Errorf("DefaultOptions() = %+v, want %+v", got, want)
	}
}

func TestCapitalised(t *testing.T) {
	h := Default()
	for word, want := range map[string]string{
		"Hyphenation":   "Hy-phen-ation",
		"HYPHENATION":   "HY-PHEN-ATION",
		"Revolutionary": "Rev-o-lu-tion-ary",
		"TABLE":         "TA-BLE",      // the exception list ignores case
		"AsSoCiAtE":     "As-So-CiAtE", // ...however it is mixed
		"Project":       "Project",
	} {
		if got := h.Hyphenate(word, DefaultOptions()); got != want {
			t.Errorf("Hyphenate(%q) = %q, want %q", word, got, want)
		}
	}
}

// TestFileExceptions shows that hyphen.tex's \hyphenation list is what
// keeps "project" whole: the patterns alone would break it.
func TestFileExceptions(t *testing.T) {
	patternsOnly, _, ok := bytes.Cut(plainTeX, []byte(`\hyphenation{`))
	if !ok {
		t.Fatal("hyphen.tex has no \\hyphenation block")
	}
	bare, err := New(bytes.NewReader(patternsOnly))
	if err != nil {
		t.Fatal(err)
	}
	// Results of TeX with the patterns and no exceptions.
	for word, want := range map[string]string{
		"project":     "pro-ject",
		"present":     "pre-sent",
		"presents":    "pre-sents",
		"table":       "table",
		"associate":   "as-so-ci-ate",
		"reciprocity": "re-ciproc-ity",
	} {
		if got := bare.Hyphenate(word, DefaultOptions()); got != want {
			t.Errorf("patterns only: Hyphenate(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestAddExceptions(t *testing.T) {
	h := Default()
	h.AddExceptions(
		"pro-ject",       // overrides hyphen.tex's "project"
		"Hy-phe-na-tion", // overrides the patterns; case does not matter
		"-ta--ble-",      // stray hyphens carry no information
		"Marx-ism",
		"in-dus-tri-al-i-za-tion",
		"don't",                // not a letter run: skipped
		"b2-b",                 // likewise
		"",                     // likewise
		"---",                  // likewise
		"pat-tern", "patt-ern", // the later entry wins
	)
	tests := []struct {
		word string
		o    Options
		want string
	}{
		{"project", DefaultOptions(), "pro-ject"},
		{"PROJECT", DefaultOptions(), "PRO-JECT"},
		{"projects", DefaultOptions(), "projects"}, // only the exact word
		{"hyphenation", DefaultOptions(), "hy-phe-na-tion"},
		{"HYPHENATION", DefaultOptions(), "HY-PHE-NA-TION"},
		{"table", DefaultOptions(), "ta-ble"},
		{"Marxism", DefaultOptions(), "Marx-ism"},
		{"pattern", DefaultOptions(), "patt-ern"},
		{"don", DefaultOptions(), "don"},
		// The minimums still apply to an exception's points.
		{"industrialization", DefaultOptions(), "in-dus-tri-al-i-za-tion"},
		{"industrialization", Options{LeftMin: 3, RightMin: 5}, "indus-tri-al-i-zation"},
		// Exceptions apply to each letter run of a word.
		{"project's", DefaultOptions(), "pro-ject's"},
	}
	for _, tt := range tests {
		if got := h.Hyphenate(tt.word, tt.o); got != tt.want {
			t.Errorf("Hyphenate(%q, %+v) = %q, want %q", tt.word, tt.o, got, tt.want)
		}
	}

	// Another Default() must not see h's exceptions: layouts are
	// independent even though they share the parsed patterns.
	if got := Default().Hyphenate("project", DefaultOptions()); got != "project" {
		t.Errorf("fresh Default().Hyphenate(\"project\") = %q, want \"project\"", got)
	}
}

func TestNonLetters(t *testing.T) {
	h := Default()
	tests := []struct {
		word string
		want []int
	}{
		// Each letter run is hyphenated on its own with the minimums.
		{"revolution's", []int{3, 4, 6}},
		{"revolution\u2019s", []int{3, 4, 6}},
		{"workers'", []int{4}},
		{"l'agriculture", []int{6, 9}},
		{"don't", nil},
		{"o'clock", nil},
		{"and/or", nil},
		// Explicit hyphens are left to the typesetter; the parts still
		// hyphenate: counter | rev-o-lu-tion-ary.
		{"counter-revolutionary", []int{11, 12, 14, 18}},
		{"Marxism-Leninism", []int{4, 13}},
		{"hyphenation.", []int{2, 6}},
		{"(hyphenation)", []int{3, 7}},
		// Digits mean a code or number, never to be broken.
		{"1990s", nil},
		{"B52", nil},
		{"revolution2", nil},
		{"hyphenation\u0663", nil}, // Arabic-Indic three
		// Invalid UTF-8 counts as one non-letter rune per byte.
		{"\xffhyphenation", []int{3, 7}},
	}
	for _, tt := range tests {
		if got := h.Points(tt.word, DefaultOptions()); !slices.Equal(got, tt.want) {
			t.Errorf("Points(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestUnicodeLetters(t *testing.T) {
	h := Default()
	tests := []struct {
		word string
		want string
	}{
		// Letters outside a-z match no pattern but are kept and counted:
		// offsets are in runes, not bytes.
		{"café", "café"},
		{"naïve", "naïve"},
		{"Ångström", "Ångström"},
		{"élévation", "élé-va-tion"},
		{"coöperation", "coöper-a-tion"},
		{"Übermensch", "Über-men-sch"},
		{"revolución", "rev-olu-ción"},
		{"Революция", "Революция"},
		// With a decomposed accent, "type" + U+0301 would break before
		// the mark at offset 4 if it were an ordinary unknown letter;
		// an accent must stay with its letter.
		{"type\u0301setting", "type\u0301set-ting"},
	}
	for _, tt := range tests {
		word := strings.ReplaceAll(tt.want, "-", "")
		if got := h.Hyphenate(word, DefaultOptions()); got != tt.want {
			t.Errorf("Hyphenate(%q) = %q, want %q", word, got, tt.want)
		}
	}
	// The same word with an unknown letter in place of the mark does
	// break there, which is what the rule above suppresses.
	if got := h.Points("typeßsetting", DefaultOptions()); !slices.Contains(got, 4) {
		t.Errorf("Points(\"typeßsetting\") = %v, want it to contain 4", got)
	}
}

func TestZeroValue(t *testing.T) {
	var h Hyphenator
	if got := h.Hyphenate("hyphenation", DefaultOptions()); got != "hy-phen-ation" {
		t.Errorf("zero Hyphenator: got %q", got)
	}
	h.AddExceptions("hyph-en-ation")
	if got := h.Hyphenate("hyphenation", DefaultOptions()); got != "hyph-en-ation" {
		t.Errorf("zero Hyphenator with exception: got %q", got)
	}
}

func TestAppendPointsReusesSlice(t *testing.T) {
	h := Default()
	dst := []int{-1}
	dst = h.AppendPoints(dst, "hyphenation", DefaultOptions())
	if want := []int{-1, 2, 6}; !slices.Equal(dst, want) {
		t.Fatalf("AppendPoints = %v, want %v", dst, want)
	}
	// A word with a digit appends nothing, even after a hyphenatable run.
	if got := h.AppendPoints(dst, "hyphenation1", DefaultOptions()); !slices.Equal(got, dst) {
		t.Errorf("AppendPoints with digit = %v, want %v", got, dst)
	}
	buf := make([]int, 0, 16)
	allocs := testing.AllocsPerRun(100, func() {
		buf = h.AppendPoints(buf[:0], "Counterrevolutionary", DefaultOptions())
	})
	if allocs != 0 {
		t.Errorf("AppendPoints allocates %v times per call, want 0", allocs)
	}
	allocs = testing.AllocsPerRun(100, func() {
		_ = h.Points("industrialization", DefaultOptions())
	})
	if allocs > 1 {
		t.Errorf("Points allocates %v times per call, want at most 1", allocs)
	}
}

// TestLongWord exercises the heap fallback for runs longer than the stack
// buffers. TeX itself stops at 63 letters, so the naive oracle is the
// reference here.
func TestLongWord(t *testing.T) {
	h := Default()
	ref := newOracle(t, plainTeX)
	for _, word := range []string{
		strings.Repeat("revolutionary", 12),
		strings.Repeat("Hyphenation", 7) + "'s",
		strings.Repeat("e\u0301", 40),
	} {
		got := h.Points(word, DefaultOptions())
		if !utf8.ValidString(word) || strings.ContainsRune(word, '\u0301') {
			checkPoints(t, h, word, DefaultOptions())
			continue
		}
		run := strings.TrimSuffix(word, "'s")
		if want := ref.points(run, 2, 3); !slices.Equal(got, want) {
			t.Errorf("Points(%q) = %v, want %v", word, got, want)
		}
	}
	h.AddExceptions(strings.Repeat("ab-", 100))
	if got := h.Points(strings.Repeat("AB", 100), DefaultOptions()); len(got) != 98 {
		t.Errorf("long exception: %d points, want 98", len(got))
	}
}

// TestAgainstOracle compares the trie with a deliberately naive reading
// of Liang's algorithm over a set of words, including ones the patterns
// only partly cover.
func TestAgainstOracle(t *testing.T) {
	h := Default()
	ref := newOracle(t, plainTeX)
	words := []string{"zzzzzz", "qwertyuiop", "abcdefghijklmnopqrstuvwxyz", "éléphant", "strengths"}
	for _, w := range plainTeXWords {
		words = append(words, strings.ReplaceAll(w, "-", ""))
	}
	for _, w := range words {
		for _, o := range []Options{{1, 1}, {2, 3}, {3, 2}, {4, 4}} {
			if got, want := h.Points(w, o), ref.points(w, o.LeftMin, o.RightMin); !slices.Equal(got, want) {
				t.Errorf("Points(%q, %+v) = %v, oracle says %v", w, o, got, want)
			}
		}
	}
}

// oracle is Liang's algorithm written as plainly as possible, sharing no
// code with the package: a map from each pattern's letters to its values,
// probed with every substring of the word. It is far too slow for use but
// easy to trust.
type oracle struct {
	patterns   map[string][]int
	exceptions map[string][]int
}

func newOracle(t testing.TB, src []byte) *oracle {
	t.Helper()
	var text strings.Builder
	for line := range strings.Lines(string(src)) {
		line, _, _ = strings.Cut(line, "%")
		text.WriteString(line + "\n")
	}
	body := func(name string) []string {
		_, rest, ok := strings.Cut(text.String(), "\\"+name+"{")
		if !ok {
			t.Fatalf("oracle: no \\%s", name)
		}
		rest, _, _ = strings.Cut(rest, "}")
		return strings.Fields(rest)
	}
	o := &oracle{patterns: map[string][]int{}, exceptions: map[string][]int{}}
	for _, p := range body("patterns") {
		var letters []rune
		values := []int{0}
		for _, r := range p {
			if '0' <= r && r <= '9' {
				values[len(values)-1] = int(r - '0')
			} else {
				letters = append(letters, r)
				values = append(values, 0)
			}
		}
		o.patterns[string(letters)] = values
	}
	for _, e := range body("hyphenation") {
		var pts []int
		n := 0
		for _, r := range e {
			if r == '-' {
				pts = append(pts, n)
			} else {
				n++
			}
		}
		o.exceptions[strings.ReplaceAll(e, "-", "")] = pts
	}
	return o
}

// points hyphenates a word made only of letters (no marks).
func (o *oracle) points(word string, lmin, rmin int) []int {
	lmin, rmin = max(lmin, 1), max(rmin, 1)
	w := []rune(word)
	for i, r := range w {
		w[i] = unicode.ToLower(r)
	}
	n := len(w)
	var cand []int
	if pts, ok := o.exceptions[string(w)]; ok {
		cand = pts
	} else {
		dotted := append(append([]rune{'.'}, w...), '.')
		levels := make([]int, len(dotted)+1)
		for i := range dotted {
			// Patterns are at most 63 characters long, which keeps the
			// oracle linear on the fuzzer's very long words.
			for j := i + 1; j <= min(len(dotted), i+63); j++ {
				vals, ok := o.patterns[string(dotted[i:j])]
				if !ok {
					continue
				}
				for k, v := range vals {
					levels[i+k] = max(levels[i+k], v)
				}
			}
		}
		for k := 1; k < n; k++ {
			if levels[k+1]%2 == 1 {
				cand = append(cand, k)
			}
		}
	}
	var pts []int
	for _, p := range cand {
		if p >= lmin && p <= n-rmin {
			pts = append(pts, p)
		}
	}
	return pts
}

func TestConcurrentDefault(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			h := Default()
			for _, want := range plainTeXWords {
				word := strings.ReplaceAll(want, "-", "")
				if got := h.Hyphenate(word, DefaultOptions()); got != want {
					t.Errorf("Hyphenate(%q) = %q, want %q", word, got, want)
				}
			}
		})
	}
	wg.Wait()
}

// TestEmbeddedUnchanged guards hyphen.tex, whose licence forbids any
// modification under that name.
func TestEmbeddedUnchanged(t *testing.T) {
	const want = "2c18acdc04c1a066aeb1759905e7ca449f0616c314b5ed6aebe55b9d4a89b8d4"
	sum := sha256.Sum256(plainTeX)
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Errorf("hyphen.tex sha256 = %s, want %s", got, want)
	}
	tb := defaultTable()
	var n int
	for i := range tb.numNodes() {
		if tb.node(i).vals != 0 {
			n++
		}
	}
	// Every one of the 4,447 patterns has a nonzero value.
	if n != 4447 || len(tb.exceptions) != 14 {
		t.Errorf("parsed %d valued patterns and %d exceptions, want 4447 and 14", n, len(tb.exceptions))
	}
}

func TestNew(t *testing.T) {
	const src = `% A toy pattern file.
\message{ignored}
\patterns{ % the first block
1ba    % value 1 before "ba"
.x3y   % only at the start of a word
z1z.   % only at the end
2Q1    % upper case is folded
é1     % letters beyond ASCII
}
\patterns{w1w} % a second block adds to the first
\hyphenation{ab-ab}
`
	h, err := New(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	o := Options{LeftMin: 1, RightMin: 1}
	for word, want := range map[string]string{
		"abba":  "ab-ba",
		"xyxy":  "x-yxy",
		"zzzz":  "zzz-z",
		"aqa":   "aq-a",
		"éa":    "é-a",
		"aww":   "aw-w",
		"abab":  "ab-ab",
		"ABAB":  "AB-AB",
		"table": "table", // hyphen.tex plays no part here
	} {
		if got := h.Hyphenate(word, o); got != want {
			t.Errorf("Hyphenate(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"no patterns", `\hyphenation{ta-ble}`, "no \\patterns"},
		{"empty", ``, "no \\patterns"},
		{"commented out", `% \patterns{a1b}`, "no \\patterns"},
		{"no brace", `\patterns a1b`, "must be followed by {"},
		{"unclosed", "\\patterns{a1b\nc1d", "never closed"},
		{"two digits", "\\patterns{\na12b}", "line 2: bad pattern \"a12b\": two digits"},
		{"symbol", `\patterns{a1-b}`, "not a letter"},
		{"inner dot", `\patterns{a.b}`, "'.' may only"},
		{"only digits", `\patterns{5}`, "no letters"},
		{"only dots", `\patterns{.1.}`, "no letters"},
		{"duplicate", "\\patterns{a1b\nx1y\na2b}", "line 3: duplicate pattern \"ab\""},
		{"too long", `\patterns{` + strings.Repeat("a", 64) + `}`, "longer than 63"},
		{"bad exception", `\patterns{a1b}\hyphenation{don't}`, "bad \\hyphenation word"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(strings.NewReader(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New(%q) error = %v, want one containing %q", tt.src, err, tt.want)
			}
		})
	}

	readErr := errors.New("disk on fire")
	if _, err := New(iotest.ErrReader(readErr)); !errors.Is(err, readErr) {
		t.Errorf("New(failing reader) error = %v, want %v", err, readErr)
	}
}

// checkPoints verifies the invariants of Points for any input and
// reports the first violation.
func checkPoints(t *testing.T, h *Hyphenator, word string, o Options) {
	t.Helper()
	pts := h.Points(word, o)
	runes := []rune(word)
	n := len(runes)
	lmin, rmin := max(o.LeftMin, 1), max(o.RightMin, 1)

	if slices.ContainsFunc(runes, unicode.IsNumber) && pts != nil {
		t.Fatalf("Points(%q, %+v) = %v, want nil for a word with digits", word, o, pts)
	}
	for i, p := range pts {
		if i > 0 && p <= pts[i-1] {
			t.Fatalf("Points(%q, %+v) = %v: not strictly increasing", word, o, pts)
		}
		if p < 1 || p >= n {
			t.Fatalf("Points(%q, %+v) = %v: %d is not inside the word", word, o, pts, p)
		}
		// p must fall inside a letter run, with at least lmin letters of
		// that run before it and rmin after it.
		before, after := 0, 0
		for k := p - 1; k >= 0 && isLetter(runes[k]); k-- {
			before++
		}
		for k := p; k < n && isLetter(runes[k]); k++ {
			after++
		}
		if before < lmin || after < rmin {
			t.Fatalf("Points(%q, %+v) = %v: %d leaves %d+%d letters", word, o, pts, p, before, after)
		}
		if unicode.IsMark(runes[p]) {
			t.Fatalf("Points(%q, %+v) = %v: %d parts a mark from its letter", word, o, pts, p)
		}
	}
	// For a word of letters only, that is simply LeftMin ≤ p ≤ n-RightMin.
	if !slices.ContainsFunc(runes, func(r rune) bool { return !isLetter(r) }) {
		for _, p := range pts {
			if p < lmin || p > n-rmin {
				t.Fatalf("Points(%q, %+v) = %v: %d outside [%d, %d]", word, o, pts, p, lmin, n-rmin)
			}
		}
	}
	hy := h.Hyphenate(word, o)
	if utf8.RuneCountInString(hy) != n+len(pts) {
		t.Fatalf("Hyphenate(%q, %+v) = %q: want %d hyphens added", word, o, hy, len(pts))
	}
}

func FuzzPoints(f *testing.F) {
	for _, w := range plainTeXWords {
		f.Add(strings.ReplaceAll(w, "-", ""), 2, 3)
	}
	for _, w := range []string{
		"", "a", "HYPHENATION", "revolution's", "counter-revolutionary",
		"l'agriculture", "1990s", "coöperation", "type\u0301setting",
		"Революция", "\xffhyphenation", "manuscript",
	} {
		f.Add(w, 2, 3)
		f.Add(w, 1, 1)
	}
	h := Default()
	h.AddExceptions("pro-ject", "a-b-c-d-e")
	ref := newOracle(f, plainTeX)
	ref.exceptions["project"] = []int{3}
	ref.exceptions["abcde"] = []int{1, 2, 3, 4}
	f.Fuzz(func(t *testing.T, word string, left, right int) {
		// Keep the minimums in a range where they still let points
		// through; huge values only shorten the test.
		o := Options{LeftMin: left%8 - 1, RightMin: right%8 - 1}
		checkPoints(t, h, word, o)
		// A word of plain letters must also agree with the oracle.
		if word != "" && !strings.ContainsFunc(word, func(r rune) bool { return !isLetter(r) || unicode.IsMark(r) }) {
			if got, want := h.Points(word, o), ref.points(word, o.LeftMin, o.RightMin); !slices.Equal(got, want) {
				t.Fatalf("Points(%q, %+v) = %v, oracle says %v", word, o, got, want)
			}
		}
	})
}

// benchWords is a mix of short and long words from the book and the
// TeXbook, as running text would supply them.
var benchWords = []string{
	"the", "revolutionary", "workers", "of", "agriculture", "and",
	"industrialization", "table", "Imperialism", "collaborationist",
	"hyphenation", "counterrevolutionary", "party", "government",
	"proletariat", "concatenation",
}

func BenchmarkPoints(b *testing.B) {
	h := Default()
	o := DefaultOptions()
	h.Points("warm", o) // parse outside the timing

	b.Run("mixed", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			h.Points(benchWords[i], o)
			i++
			if i == len(benchWords) {
				i = 0
			}
		}
	})
	b.Run("hyphenation", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			h.Points("hyphenation", o)
		}
	})
	b.Run("counterrevolutionary", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			h.Points("counterrevolutionary", o)
		}
	})
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]int, 0, 16)
		i := 0
		for b.Loop() {
			buf = h.AppendPoints(buf[:0], benchWords[i], o)
			i++
			if i == len(benchWords) {
				i = 0
			}
		}
	})
}
