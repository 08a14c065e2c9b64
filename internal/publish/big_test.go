package publish_test

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"press/internal/publish"
	"press/internal/testbook"
)

// heapPeak samples the Go heap until stop is called and returns the
// highest value seen.
func heapPeak() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak.Load()
	}
}

// TestFiftyMegabyteManuscript reads a 50 MB manuscript, one Markdown file
// of eight million words with a note every 300, and runs the passes and the
// glyph check, in bounded time and memory. The full build (both editions)
// runs only with PRESS_BIG=1: it takes about a minute and 5 GB.
func TestFiftyMegabyteManuscript(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("a 50 MB manuscript is too big for -short and -race")
	}
	dir := filepath.Join(t.TempDir(), "big")
	md, err := os.ReadFile(filepath.Join(bookDir, slug+".md"))
	if err != nil {
		t.Fatal(err)
	}
	o := testbook.Options{Words: 8_000_000, NoteEvery: 300, Chapters: 1, Seed: 3, Vocabulary: testbook.SampleTokens(string(md))}
	if err := testbook.Write(dir, o); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, "chapter-001.md"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() < 50_000_000 {
		t.Fatalf("the manuscript is %d bytes, want 50 MB", st.Size())
	}
	runtime.GC()
	stop := heapPeak()
	start := time.Now()
	p, err := publish.Load(publish.Options{BookDir: dir, LayoutsDir: "../../layouts"})
	took, peak := time.Since(start), stop()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("read and checked %d bytes, %d sections, %d notes in %s; heap peak %d MB",
		st.Size(), len(p.Book.Sections), len(p.Book.Notes), took.Round(time.Millisecond), peak>>20)
	if len(p.Book.Notes) < 26000 {
		t.Errorf("%d notes, want about 26,666", len(p.Book.Notes))
	}
	if took > 3*time.Minute {
		t.Errorf("reading took %s, want well under 3 minutes", took)
	}
	if peak > 4<<30 {
		t.Errorf("reading needed %d MB of heap, want under 4 GB", peak>>20)
	}
	if os.Getenv("PRESS_BIG") == "" {
		return
	}
	p = nil
	runtime.GC()
	stop = heapPeak()
	start = time.Now()
	res, err := publish.Build(publish.Options{BookDir: dir, LayoutsDir: "../../layouts", OutDir: filepath.Join(t.TempDir(), "dist")})
	took, peak = time.Since(start), stop()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range res.Outputs {
		t.Logf("%s: %d bytes, %d pages", o.Path, o.Size, o.Pages)
	}
	t.Logf("full build in %s; heap peak %d MB; %d warnings", took.Round(time.Millisecond), peak>>20, len(res.Warnings))
}
