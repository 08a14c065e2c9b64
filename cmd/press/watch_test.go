package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWatch runs "press build --watch" and edits the book under it: a
// change rebuilds (one line with its time), a broken book prints the error
// and keeps the last good editions.
func TestWatch(t *testing.T) {
	press := installPress(t)
	book := filepath.Join(t.TempDir(), "book")
	os.MkdirAll(book, 0o755)
	os.WriteFile(filepath.Join(book, "book.toml"), []byte(goodTOML), 0o644)
	os.WriteFile(filepath.Join(book, "a.md"), []byte("The first text.\n"), 0o644)
	cmd := exec.Command(press, "build", "--watch", "--format", "epub", book)
	// One pipe for both streams keeps errors and build lines in order.
	stdout, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	await := func(want string) string {
		t.Helper()
		deadline := time.After(90 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("press exited before printing %q", want)
				}
				if strings.Contains(l, want) {
					return l
				}
			case <-deadline:
				t.Fatalf("no line with %q", want)
			}
		}
	}
	epub := filepath.Join(book, "dist", "t.epub")
	text := func() string {
		var all strings.Builder
		for name, data := range epubEntries(t, epub) {
			if strings.HasSuffix(name, ".xhtml") {
				all.Write(data)
			}
		}
		return all.String()
	}
	await("built in")
	await("watching")
	if !strings.Contains(text(), "The first text.") {
		t.Fatal("first build lacks the text")
	}

	os.WriteFile(filepath.Join(book, "a.md"), []byte("The second text.\n"), 0o644)
	if l := await("built in"); !strings.Contains(l, "t.epub") {
		t.Errorf("rebuild line %q does not name the edition", l)
	}
	if !strings.Contains(text(), "The second text.") {
		t.Error("the rebuilt e-book lacks the changed text")
	}

	os.WriteFile(filepath.Join(book, "book.toml"), []byte(goodTOML+"autor = \"x\"\n"), 0o644)
	await(`unknown key "autor"`)
	await("failed")
	if !strings.Contains(text(), "The second text.") {
		t.Error("a failed build damaged the last good edition")
	}

	os.WriteFile(filepath.Join(book, "book.toml"), []byte(goodTOML), 0o644)
	await("built in")
}
