package atomicfile

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

func TestWriteLeavesOnlyTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "book.epub")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "new" {
		t.Fatalf("read back %q, %v; want \"new\"", got, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries after a write, want only the file", len(entries))
	}
	if err := Write(filepath.Join(dir, "missing", "x"), nil); err == nil {
		t.Error("write into a missing folder succeeded")
	}
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "book.pdf")
	// A process that has finished: its temporary file is stale.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := tempPrefix(path) + strconv.Itoa(cmd.Process.Pid) + "-1"
	mine := tempPrefix(path) + strconv.Itoa(os.Getpid()) + "-2"
	other := ".other.pdf.tmp-" + strconv.Itoa(cmd.Process.Pid) + "-3"
	for _, name := range []string{dead, mine, other} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	RemoveStale(path)
	for name, want := range map[string]bool{dead: false, mine: true, other: true} {
		_, err := os.Stat(filepath.Join(dir, name))
		if got := err == nil; got != want {
			t.Errorf("%s exists = %v after RemoveStale, want %v", name, got, want)
		}
	}
}

// TestCommitAll checks that editions committed together all arrive, and
// that when one cannot be written none replaces its old file.
func TestCommitAll(t *testing.T) {
	dir := t.TempDir()
	names := []string{"a.epub", "a.pdf", "a.html"}
	create := func() []*File {
		var fs []*File
		for _, n := range names {
			f, err := Create(filepath.Join(dir, n))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteString("new " + n); err != nil {
				t.Fatal(err)
			}
			fs = append(fs, f)
		}
		return fs
	}
	if err := CommitAll(create()); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if got, err := os.ReadFile(filepath.Join(dir, n)); err != nil || string(got) != "new "+n {
			t.Errorf("%s: %q, %v", n, got, err)
		}
	}
	fs := create()
	fs[1].File.Close() // its sync fails
	if err := CommitAll(fs); err == nil {
		t.Fatal("a file that cannot be synced was committed")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(names) {
		t.Errorf("folder holds %d entries after a failed commit, want the %d old files only", len(entries), len(names))
	}
}
