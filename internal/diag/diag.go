// Package diag holds the error and warning values that press reports to
// people: each names a file and line, says what is wrong and what to do.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Error is a problem in the user's book that stops the build.
type Error struct {
	File string // path as the user knows it
	Line int    // 1-based; 0 when the whole file is meant
	Msg  string // what is wrong
	Hint string // what to do about it; may be empty
	// Group, when set, names warnings that say the same thing of the same
	// construct (an unsupported HTML tag): Grouped reports them as one.
	Group string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Errorf builds an Error at file:line with a formatted message.
func Errorf(file string, line int, hint, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// Warning is a problem that does not stop the build but deserves a look.
type Warning = Error

// Grouped returns the warnings with each group (warnings of one non-empty
// Group) that has more than one member replaced, where its first member
// stood, by that member with the count added: "…; 830 times in 3 files
// (the first is here)". A book that uses an unsupported tag on every page
// gets one line for it instead of hundreds that hide the other warnings.
func Grouped(ws []*Warning) []*Warning {
	type group struct {
		first *Warning
		n     int
		files map[string]bool
	}
	groups := map[string]*group{}
	for _, w := range ws {
		if w.Group == "" {
			continue
		}
		g := groups[w.Group]
		if g == nil {
			g = &group{first: w, files: map[string]bool{}}
			groups[w.Group] = g
		}
		g.n++
		g.files[w.File] = true
	}
	out := make([]*Warning, 0, len(ws))
	for _, w := range ws {
		g := groups[w.Group]
		switch {
		case g == nil || g.n == 1:
			out = append(out, w)
		case g.first == w:
			c := *w
			c.Group = ""
			files := "1 file"
			if len(g.files) > 1 {
				files = fmt.Sprintf("%d files", len(g.files))
			}
			c.Msg = fmt.Sprintf("%s: %d times in %s (the first is here)", w.Msg, g.n, files)
			out = append(out, &c)
		}
	}
	return out
}

// List collects several errors so the user can fix them in one round.
type List []*Error

func (l List) Error() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Err returns nil for an empty list, else the list sorted by place.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Line < l[j].Line
	})
	return l
}
