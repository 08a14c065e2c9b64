// Package testbook generates books of any length for benchmarks and
// stress tests: deterministic prose made by a word-level Markov chain over
// a sample text (the first book's manuscript), so word lengths, punctuation
// and capitals behave like real prose; with chapters, block quotes and a
// note every so many words.
package testbook

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Options shape the generated book.
type Options struct {
	Words       int // total words of body text
	NoteEvery   int // a note after about this many words; 0 for none
	Chapters    int // number of level-1 sections; default Words/10000+1
	Seed        uint64
	ParaWords   int      // mean paragraph length in words; default 120
	Vocabulary  []string // tokens of the sample text, in order; a built-in list when empty
	Title       string
	QuoteEveryN int // a block quote every N paragraphs; default 15
	// FigureEvery and TableEvery put a figure (the fixture pictures in
	// turn: PNG, JPEG, SVG) or a pipe table after about this many words;
	// 0 for none.
	FigureEvery, TableEvery int
}

// Write creates dir/book.toml and dir/chapter-NNN.md.
func Write(dir string, o Options) error {
	if o.Chapters == 0 {
		o.Chapters = o.Words/10000 + 1
	}
	if o.ParaWords == 0 {
		o.ParaWords = 120
	}
	if o.QuoteEveryN == 0 {
		o.QuoteEveryN = 15
	}
	if o.Title == "" {
		o.Title = "A Generated Book"
	}
	if len(o.Vocabulary) == 0 {
		o.Vocabulary = strings.Fields(defaultVocabulary)
	}
	if len(o.Vocabulary) < 2 {
		return fmt.Errorf("testbook: the sample text needs at least two words")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	toml := fmt.Sprintf(`title = %q
authors = ["press test generator"]
language = "en"
identifier = "urn:uuid:00000000-0000-4000-8000-%012d"
date = "2026-01-01"
`, o.Title, o.Words)
	if err := os.WriteFile(filepath.Join(dir, "book.toml"), []byte(toml), 0o644); err != nil {
		return err
	}
	if o.FigureEvery > 0 {
		if err := WritePictures(filepath.Join(dir, "images")); err != nil {
			return err
		}
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15))
	figure, table := 0, 0
	sinceFigure, sinceTable := 0, 0
	ch := newChain(o.Vocabulary)
	perChapter := o.Words / o.Chapters
	note := 0
	sinceNote := 0
	for c := 1; c <= o.Chapters; c++ {
		var b strings.Builder
		var notes strings.Builder
		fmt.Fprintf(&b, "# Chapter %d: %s %s\n\n", c, capitalize(plain(ch.random(rng))), plain(ch.random(rng)))
		written, para := 0, 0
		for written < perChapter {
			n := o.ParaWords/2 + rng.IntN(o.ParaWords)
			if written+n > perChapter {
				n = perChapter - written
			}
			para++
			if para%o.QuoteEveryN == 0 {
				b.WriteString("> ")
			}
			w := ch.random(rng)
			for i := 0; i < n; i++ {
				if i == 0 {
					w = capitalize(w)
				}
				if i == n-1 && !strings.ContainsAny(w[len(w)-1:], ".!?") {
					w = strings.TrimRight(w, ",;:") + "."
				}
				b.WriteString(w)
				sinceNote++
				if o.NoteEvery > 0 && sinceNote >= o.NoteEvery {
					note++
					sinceNote = 0
					fmt.Fprintf(&b, "[^n%d]", note)
					fmt.Fprintf(&notes, "[^n%d]: %s %s %s.\n", note, capitalize(plain(ch.random(rng))), plain(ch.random(rng)), plain(ch.random(rng)))
				}
				if i < n-1 {
					b.WriteByte(' ')
					w = ch.next(rng, w)
				}
			}
			b.WriteString("\n\n")
			written += n
			sinceFigure += n
			sinceTable += n
			if o.FigureEvery > 0 && sinceFigure >= o.FigureEvery {
				sinceFigure = 0
				figure++
				pic := figurePictures[figure%len(figurePictures)]
				fmt.Fprintf(&b, "![%s, figure %d](images/%s \"%s %s, figure %d.\")\n\n", pic.alt, figure, pic.file, capitalize(plain(ch.random(rng))), plain(ch.random(rng)), figure)
			}
			if o.TableEvery > 0 && sinceTable >= o.TableEvery {
				sinceTable = 0
				table++
				writeTable(&b, rng, ch, table)
			}
		}
		b.WriteString(notes.String())
		name := filepath.Join(dir, fmt.Sprintf("chapter-%03d.md", c))
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// chain is an order-1 Markov chain over the tokens of a sample text.
type chain struct {
	tokens []string
	next_  map[string][]string
}

func newChain(tokens []string) *chain {
	c := &chain{tokens: tokens, next_: map[string][]string{}}
	for i := 0; i+1 < len(tokens); i++ {
		c.next_[tokens[i]] = append(c.next_[tokens[i]], tokens[i+1])
	}
	return c
}

func (c *chain) random(rng *rand.Rand) string { return c.tokens[rng.IntN(len(c.tokens))] }

// next follows the chain from w (compared without a capital added by the
// generator), or jumps anywhere when w has no successor.
func (c *chain) next(rng *rand.Rand, w string) string {
	succ := c.next_[w]
	if len(succ) == 0 {
		succ = c.next_[uncapitalize(w)]
	}
	if len(succ) == 0 {
		return c.random(rng)
	}
	return succ[rng.IntN(len(succ))]
}

// plain strips punctuation for use in titles and notes.
func plain(w string) string {
	return strings.Trim(w, ".,;:!?“”‘’\"'()")
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func uncapitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// defaultVocabulary is a fallback sample; callers normally pass the
// manuscript's tokens (see SampleTokens).
const defaultVocabulary = `the great leap forward was painted in blackest of colors it used by many
originators restorationist line people republic china as reason to return private markets and self
ownership agricultural commodity property relations very complex time that preceded but which would
ultimately later precipitate proletarian cultural revolution obliqueness originates part how revisionism
must attack communism order justify its existence for if model any way reveal backward
counterrevolutionary design state capitalism other parts has much do with imperialism seeking continued
containment destruction revolutionary showing anticolonial struggles socialist transformation
development two enemies oppressed world being unity one another collided creating dominant ruling class
thinking on this historical event intentional authoritarian starvation excess debauchery every soviet
revisionist aligned party clique down pentagon helped promote western publishing houses history
departments revolutionize economy see planning weapon proletariat bring catastrophe masses courage under
leadership union had been aiding years yet modern revisionists suddenly delivered ultimatum quit
criticizing turn towards dictatorship bourgeoisie their social imperialist intrigue included
collaborationist policy peaceful coexistence face isolation because while still helped develop earlier
act internationalism now poised use control form blackmail experts controlled blueprints key industrial
projects late essentially northeastern province deal industry strong elements within chinese communist
stopped all aid thinking revolutionaries buckle allow become semi colony agriculture industrialization
commune brigade peasants workers famine drought production targets cadres mountains rivers collective`

// SampleTokens returns the prose tokens of a Markdown manuscript for use as
// Options.Vocabulary: paragraph text only (no headings, note definitions or
// markup), footnote references removed.
func SampleTokens(md string) []string {
	var out []string
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), ">"))
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "[^") || strings.HasPrefix(line, "{.") {
			continue
		}
		for _, tok := range strings.Fields(line) {
			if k := strings.Index(tok, "[^"); k >= 0 {
				tok = tok[:k]
			}
			if tok = strings.Trim(tok, "*_`"); tok != "" {
				out = append(out, tok)
			}
		}
	}
	return out
}

// figurePictures are the pictures a generated book shows in turn.
var figurePictures = []struct{ file, alt string }{
	{"chart.png", "A bar chart of twelve months"},
	{"harbour.jpg", "A harbour under a green hill"},
	{"compass.svg", "A compass rose"},
	{"currents.svg", "Two currents drawn on a blue sea"},
}

// writeTable writes a pipe table of eight rows: a word column, two
// number columns and a short text column, with a caption.
func writeTable(b *strings.Builder, rng *rand.Rand, ch *chain, n int) {
	fmt.Fprintf(b, "| Item | Count | Share (%%) | Note |\n|:--|--:|--:|:--|\n")
	for range 8 {
		fmt.Fprintf(b, "| %s | %d | %.1f | %s %s |\n", capitalize(plain(ch.random(rng))), rng.IntN(5000), rng.Float64()*100, plain(ch.random(rng)), plain(ch.random(rng)))
	}
	fmt.Fprintf(b, "\nTable %d: %s %s.\n{.caption}\n\n", n, plain(ch.random(rng)), plain(ch.random(rng)))
}
