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
