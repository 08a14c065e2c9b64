// Package atomicfile writes files so that a reader never sees half of one:
// the data goes to a temporary file beside the target, which is renamed into
// place when complete. A process killed mid-write leaves only its temporary
// file, which RemoveStale deletes on the next write.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// tempPrefix is the start of the name of path's temporary files: the
// writer's process id follows, so a later build can tell a stale file (its
// writer is gone) from one being written.
func tempPrefix(path string) string {
	return "." + filepath.Base(path) + ".tmp-"
}

// Write writes data to a temporary file beside path and renames it
// into place, so a crash never leaves a half-written edition.
func Write(path string, data []byte) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Commit()
}

// File is a file being written beside its target, which it replaces only
// on Commit: an edition can be written as it is made, without holding it
// in memory, and still never be seen half-written.
type File struct {
	*os.File
	path string
}

// Create opens a temporary file beside path for writing.
func Create(path string) (*File, error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPrefix(path)+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return nil, fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	return &File{File: tmp, path: path}, nil
}

// Commit flushes the file to disk and renames it into place.
func (f *File) Commit() error {
	if err := f.Sync(); err != nil {
		f.Abort()
		return fmt.Errorf("writing %s: %w", f.path, err)
	}
	return f.rename()
}

// rename closes the synced file and renames it into place.
func (f *File) rename() error {
	name := f.Name()
	defer os.Remove(name) // no-op after a successful rename
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", f.path, err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return err
	}
	return os.Rename(name, f.path)
}

// CommitAll commits every file, forcing them to disk at once rather than
// one after another (each sync waits on the disk): all are renamed into
// place, or, when one cannot be written, none is and all are removed.
func CommitAll(files []*File) error {
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f.Sync(); err != nil {
				errs[i] = fmt.Errorf("writing %s: %w", f.path, err)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		for _, f := range files {
			f.Abort()
		}
		return err
	}
	for i, f := range files {
		if err := f.rename(); err != nil {
			for _, g := range files[i+1:] {
				g.Abort()
			}
			return err
		}
	}
	return nil
}

// Abort closes and removes the temporary file, leaving the target as it was.
func (f *File) Abort() {
	f.Close()
	os.Remove(f.Name())
}
