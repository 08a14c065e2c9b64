// Package atomicfile writes files so that a reader never sees half of one:
// the data goes to a temporary file beside the target, which is renamed into
// place when complete. A process killed mid-write leaves only its temporary
// file, which RemoveStale deletes on the next write.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
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
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPrefix(path)+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	name := tmp.Name()
	defer os.Remove(name) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return err
	}
	return os.Rename(name, path)
}
