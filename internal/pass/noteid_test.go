package pass

import (
	"regexp"
	"testing"
)

// noteIDPattern is the pattern isNoteID replaces; they must agree.
var noteIDPattern = regexp.MustCompile(`^(note|noteref|page|figure|table|webaddr|webaddrref)-[0-9]+$`)

func FuzzIsNoteID(f *testing.F) {
	for _, s := range []string{"note-1", "noteref-12", "page-7", "figure-3", "table-10", "webaddr-2", "webaddrref-2",
		"note-", "note-1a", "notes-1", "web-addr-1", "-1", "note--1", "Note-1", "note-１", "titlepage", "note-0001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if got, want := isNoteID(id), noteIDPattern.MatchString(id); got != want {
			t.Errorf("isNoteID(%q) = %v, the pattern says %v", id, got, want)
		}
	})
}
