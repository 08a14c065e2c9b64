package importer

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// generate returns about size bytes of text shaped like pdftotext output of
// a long book: pages with a running head and a folio, separated by form
// feeds; paragraphs wrapped at about 70 characters, some words hyphenated
// across lines, an indented first line now and then, and a note at the foot
// of some pages, cited in the text.
func generate(size int, seed int64) []byte {
	rng := rand.New(rand.NewSource(seed))
	vocab := strings.Fields("the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there one all we their been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long here get both between life being under never day same another know while last might us great old year off come since against go came right used take three")
	compounds := []string{"well-known", "self-taught", "long-standing", "pro-British", "twenty-one"}
	var b strings.Builder
	b.Grow(size + 4096)
	page := 1
	line := &strings.Builder{}
	lines := 0
	note := 0
	flushLine := func(end string) {
		b.WriteString(line.String())
		b.WriteString(end)
		b.WriteByte('\n')
		line.Reset()
		lines++
		if lines == 38 {
			if note > 0 {
				fmt.Fprintf(&b, "%d A note on the %s %s, set in smaller type and a wider measure than the text.\n", note, vocab[rng.Intn(len(vocab))], vocab[rng.Intn(len(vocab))])
				note = 0
			}
			fmt.Fprintf(&b, "\n%d\n\fA Generated Book\n\n", page)
			page++
			lines = 0
		}
	}
	for b.Len() < size {
		if rng.Intn(3) == 0 {
			line.WriteString("   ")
		}
		sentences := 3 + rng.Intn(8)
		for s := 0; s < sentences; s++ {
			n := 6 + rng.Intn(14)
			for w := 0; w < n; w++ {
				word := vocab[rng.Intn(len(vocab))]
				switch {
				case w == 0:
					word = strings.ToUpper(word[:1]) + word[1:]
				case rng.Intn(40) == 0:
					word = compounds[rng.Intn(len(compounds))]
				}
				if line.Len() > 0 && line.String() != "   " {
					line.WriteByte(' ')
				}
				if line.Len()+len(word) > 70 {
					if len(word) >= 6 && rng.Intn(3) == 0 {
						line.WriteString(word[:3])
						flushLine("-")
						word = word[3:]
					} else {
						flushLine("")
					}
				}
				line.WriteString(word)
			}
			line.WriteByte('.')
			if note == 0 && rng.Intn(20) == 0 {
				note = 1 + rng.Intn(9)
				fmt.Fprintf(line, "%d", note)
			}
		}
		flushLine("")
	}
	return []byte(b.String())
}

// TestLargeInput imports 5 MB of generated text: fast, and every word kept.
func TestLargeInput(t *testing.T) {
	raw := generate(5<<20, 1)
	start := time.Now()
	r, err := Import("large.txt", raw)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	st := Verify(r)
	t.Logf("%d bytes: import %v, verify %v more; %d pages, %d blocks, %d hyphens, %d notes, %d dropped; %s",
		len(raw), took, time.Since(start)-took, r.Pages, len(r.Blocks), len(r.Hyphens), len(r.Notes), len(r.Dropped), st)
	if !st.OK() {
		t.Errorf("fidelity: %s", st)
	}
}

// BenchmarkImport50MB imports 50 MB of generated text (make bench).
func BenchmarkImport50MB(b *testing.B) {
	raw := generate(50<<20, 1)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := Import("large.txt", raw); err != nil {
			b.Fatal(err)
		}
	}
}
