package publish_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"press/internal/publish"
	"press/internal/testbook"
)

// TestConcurrentBuilds builds several books at once in one process:
// different books, layouts and output folders, and the same book twice.
// Each edition must be byte-identical to the one a build on its own
// writes (run with -race to check for data races).
func TestConcurrentBuilds(t *testing.T) {
	tmp := t.TempDir()
	gen := []struct {
		name string
		o    testbook.Options
	}{
		{"gen-a", testbook.Options{Words: 3000, NoteEvery: 200, Seed: 1, Title: "First Generated"}},
		{"gen-b", testbook.Options{Words: 2000, NoteEvery: 0, Seed: 2, Title: "Second Generated", Chapters: 3}},
	}
	for _, g := range gen {
		if err := testbook.Write(filepath.Join(tmp, g.name), g.o); err != nil {
			t.Fatal(err)
		}
	}
	jobs := []publish.Options{
		{BookDir: bookDir, Layout: "a5"},
		{BookDir: bookDir, Layout: "a5"},
		{BookDir: bookDir, Layout: "trade-6x9"},
		{BookDir: filepath.Join(tmp, "gen-a"), Layout: "letter"},
		{BookDir: filepath.Join(tmp, "gen-b"), Layout: "a4"},
		{BookDir: filepath.Join(tmp, "gen-a"), Layout: "a5", Formats: []string{"pdf"}},
	}
	for i := range jobs {
		jobs[i].LayoutsDir = "../../layouts"
	}
	run := func(tag string, o publish.Options, i int) (map[string][]byte, error) {
		o.OutDir = filepath.Join(tmp, fmt.Sprintf("%s-%d", tag, i))
		res, err := publish.Build(o)
		if err != nil {
			return nil, err
		}
		out := map[string][]byte{}
		for _, f := range res.Outputs {
			data, err := os.ReadFile(f.Path)
			if err != nil {
				return nil, err
			}
			out[filepath.Base(f.Path)] = data
		}
		return out, nil
	}
	// One at a time, for reference.
	want := make([]map[string][]byte, len(jobs))
	for i, o := range jobs {
		var err error
		if want[i], err = run("alone", o, i); err != nil {
			t.Fatalf("%s: %v", o.BookDir, err)
		}
	}
	// All at once, twice over.
	rounds := 2
	if testing.Short() {
		rounds = 1
	}
	for round := 0; round < rounds; round++ {
		got := make([]map[string][]byte, len(jobs))
		errs := make([]error, len(jobs))
		var wg sync.WaitGroup
		for i, o := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i], errs[i] = run(fmt.Sprintf("together%d", round), o, i)
			}()
		}
		wg.Wait()
		for i := range jobs {
			if errs[i] != nil {
				t.Errorf("job %d (%s, %s): %v", i, jobs[i].BookDir, jobs[i].Layout, errs[i])
				continue
			}
			if len(got[i]) != len(want[i]) {
				t.Errorf("job %d: %d files, alone %d", i, len(got[i]), len(want[i]))
			}
			for name, data := range want[i] {
				if !bytes.Equal(got[i][name], data) {
					t.Errorf("job %d (%s, %s): %s differs from a build on its own", i, jobs[i].BookDir, jobs[i].Layout, name)
				}
			}
		}
	}
}
