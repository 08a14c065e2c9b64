// Package watch calls a function whenever a file under some folders
// changes: the engine of "press build --watch". It uses fsnotify (inotify
// on Linux, kqueue, ReadDirectoryChangesW), watches every folder below the
// roots, follows folders created later, and waits for a quiet moment so
// that an editor's save (write, rename, chmod) causes one call, not three.
package watch

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Quiet is how long the files must stay unchanged before the call.
const Quiet = 100 * time.Millisecond

// Run watches the folders below roots (those that exist) and calls changed
// after each burst of changes to a path that skip does not exclude, until
// ctx ends. skip also decides which folders are not watched at all. ready
// is called once every folder is watched: a change after it is never
// missed.
func Run(ctx context.Context, roots []string, skip func(path string) bool, ready, changed func()) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	add := func(root string) {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			if p != root && skip(p) {
				return filepath.SkipDir
			}
			w.Add(p) // a folder that cannot be watched is left out
			return nil
		})
	}
	for _, r := range roots {
		if st, err := os.Stat(r); err == nil && st.IsDir() {
			add(r)
		}
	}
	ready()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if skip(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					add(ev.Name)
				}
			}
			timer.Reset(Quiet)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			return err
		case <-timer.C:
			changed()
		}
	}
}
