package mdread

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"press/internal/doc"
	"press/internal/pass"
)

// TestGolden reads each testdata/*.md, runs the passes and compares the
// document model dump with testdata/*.dump (UPDATE_GOLDEN=1 rewrites them).
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	files = append(files, "../../book/the-great-leap-forward.md")
	if len(files) < 2 {
		t.Fatal("no golden cases")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Read(filepath.Base(f), src)
			if err != nil {
				t.Fatal(err)
			}
			b, err := pass.Build(doc.Meta{Title: "Golden", Language: "en", Identifier: "urn:uuid:00000000-0000-0000-0000-000000000000"}, res.Blocks)
			if err != nil {
				t.Fatal(err)
			}
			got := doc.Dump(b)
			for _, w := range res.Warnings {
				got += "warning: " + w.Error() + "\n"
			}
			golden := filepath.Join("testdata", name+".dump")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
			}
			if got != string(want) {
				t.Errorf("document model differs from %s:\n%s", golden, diffLines(string(want), got))
			}
		})
	}
}

func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("- " + a + "\n+ " + c + "\n")
		}
	}
	return b.String()
}

// TestErrors: each bad manuscript gives an error naming the line.
func TestErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"undefined note", "Text[^x] here.\n", "x.md:1: note [^x] is cited but not defined"},
		{"duplicate note", "A[^a].\n\n[^a]: one\n[^a]: two\n", "x.md:4: note [^a] is defined twice (first at line 3)"},
		{"cited twice", "A[^a] and B[^a].\n\n[^a]: one\n", "x.md:3: note [^a] is cited 2 times"},
		{"invalid utf8", "fine\nbad \xff here\n", "x.md:2: the file is not valid UTF-8"},
		{"image", "Text\n\n![alt](pic.png)\n", `x.md:3: image "pic.png"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read("x.md", []byte(c.src))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

// TestUnsupportedWarned: every construct press cannot render yet is a
// warning naming it and its line, and its words survive.
func TestUnsupportedWarned(t *testing.T) {
	cases := []struct{ name, src, warn, text string }{
		{"pipe table", "Intro.\n\n| Month | Catch |\n|---|--:|\n| May | *12* |\n", "x.md:3: pipe table", "May | 12"},
		{"strikethrough", "Keep ~~gone~~ this.\n", "x.md:1: strikethrough", "Keep gone this."},
		{"definition list", "Term\n: The definition.\n", "x.md:1: definition list", "The definition."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Read("x.md", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			var warns []string
			for _, w := range res.Warnings {
				warns = append(warns, w.Error())
			}
			if !strings.Contains(strings.Join(warns, "\n"), c.warn) {
				t.Errorf("warnings %q lack %q", warns, c.warn)
			}
			var text strings.Builder
			doc.WalkBlocks(res.Blocks, func(b doc.Block) { text.WriteString(doc.PlainText(doc.Inlines(b)) + "\n") })
			if !strings.Contains(text.String(), c.text) {
				t.Errorf("text %q lacks %q", text.String(), c.text)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	res, err := Read("x.md", []byte("Text <blink>bold</blink>.\n\n[^u]: unused\n"))
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, w := range res.Warnings {
		all = append(all, w.Error())
	}
	got := strings.Join(all, "\n")
	for _, want := range []string{"x.md:3: note [^u] is defined but never cited", `x.md:1: HTML element <blink> is not supported`} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings %q lack %q", got, want)
		}
	}
}

// TestNoEntities: smart punctuation yields characters, never entities.
func TestNoEntities(t *testing.T) {
	res, err := Read("x.md", []byte("\"Quoted\" -- and --- and... it's\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := doc.PlainText(res.Blocks[0].(*doc.Para).Content)
	if want := "“Quoted” – and — and… it’s"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func FuzzRead(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.md")
	seeds = append(seeds, "../../book/the-great-leap-forward.md")
	for _, s := range seeds {
		b, _ := os.ReadFile(s)
		f.Add(b)
	}
	f.Add([]byte("# a\n\n> q[^1]\n\n[^1]: n\n{.x}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := Read("f.md", src)
		if err != nil {
			return
		}
		b, err := pass.Build(doc.Meta{Title: "F", Language: "en"}, res.Blocks)
		if err != nil {
			return
		}
		for i, n := range b.Notes {
			if n.Number != i+1 {
				t.Fatalf("note %d numbered %d", i, n.Number)
			}
		}
	})
}
