package mdread

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	gast "github.com/yuin/goldmark/ast"

	"press/internal/doc"
)

// mdBook's file directives in a code block, as the mdBook manual
// describes them:
//
//	{{#include path}}              the whole file
//	{{#include path:name}}         the lines between "ANCHOR: name" and
//	                               "ANCHOR_END: name"
//	{{#include path:2}}            line 2
//	{{#include path:2:10}}         lines 2 to 10 (":2:" to the end, "::10"
//	                               from the start)
//	{{#rustdoc_include path:…}}    the same part: mdBook keeps the rest of
//	                               the file as hidden lines, which a
//	                               printed book never shows
//	{{#playground path …}}         the whole file
//
// A backslash before the braces escapes the directive: it is printed
// without the backslash. Lines marking anchors (any line holding
// "ANCHOR:" or "ANCHOR_END:" and a name) are never printed: they are
// there for the book's tools, not its readers.
var (
	fileDirective = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(\\?)\{\{#(include|rustdoc_include|playground)\s+([^}]*?)\s*\}\}`)
	})
	anchorLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`ANCHOR(_END)?:\s*([\w-]+)`) })
)

// fileDirectiveKinds are the directives codeText follows; any other
// mdBook directive is printed as written, with a warning.
var fileDirectiveKinds = map[string]bool{"include": true, "rustdoc_include": true, "playground": true}

// maxIncludeDepth bounds included files including others (mdBook's own
// limit is 10): a file that includes itself is an error, not a hang.
const maxIncludeDepth = 10

// codeText is the text of a code block with mdBook's file directives
// replaced by what they name and, in a Rust block, rustdoc's hidden lines
// left out. A directive that cannot be followed is an error at its line
// and stays in the text as written.
func (r *reader) codeText(n gast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := string(seg.Value(r.src))
		if strings.Contains(line, "{{#") {
			p := doc.Pos{File: r.name, Line: r.lineOf(seg.Start)}
			line = r.expand(line, r.name, p, 0)
		}
		b.WriteString(line)
	}
	text := b.String()
	if fc, ok := n.(*gast.FencedCodeBlock); ok && isRust(string(fc.Language(r.src))) {
		text = hideRustLines(text)
	}
	return text
}

// expand replaces the file directives in text, which is in file from
// (the manuscript or an included file); p is the manuscript line that
// led here, where any problem is reported.
func (r *reader) expand(text, from string, p doc.Pos, depth int) string {
	return fileDirective().ReplaceAllStringFunc(text, func(m string) string {
		sub := fileDirective().FindStringSubmatch(m)
		if sub[1] != "" {
			return m[1:]
		}
		kind, args := sub[2], strings.Fields(sub[3])
		if len(args) == 0 {
			r.errorf(p, "name the file: {{#"+kind+" path/to/file.rs}}", "mdBook {{#%s}} names no file", kind)
			return m
		}
		if depth >= maxIncludeDepth {
			r.errorf(p, "a file must not include itself, directly or through others", "mdBook {{#%s %s}} includes files more than %d deep", kind, args[0], maxIncludeDepth)
			return m
		}
		spec := args[0]
		if kind == "playground" {
			spec, _, _ = strings.Cut(spec, ":")
		}
		part, err := r.include(spec, from)
		if err != nil {
			r.errorf(p, err.hint, "mdBook {{#%s %s}}: %s", kind, spec, err.msg)
			return m
		}
		path, _, _ := strings.Cut(spec, ":")
		return r.expand(part, filepath.Join(filepath.Dir(from), filepath.FromSlash(path)), p, depth+1)
	})
}

// includeError is why a directive cannot be followed, and what to do.
type includeError struct{ msg, hint string }

// include reads the part of a file that spec ("path", "path:anchor",
// "path:N", "path:N:M", "path::M", "path:N:") names, the path relative to
// the file from. The file must be inside the include root.
func (r *reader) include(spec, from string) (string, *includeError) {
	path, sel, _ := strings.Cut(spec, ":")
	full, err := r.resolveInclude(path, from)
	if err != nil {
		return "", err
	}
	data, rerr := os.ReadFile(full)
	switch {
	case rerr != nil:
		return "", &includeError{fmt.Sprintf("cannot read %s: %v", full, rerr), "check the file"}
	case !utf8.Valid(data):
		return "", &includeError{fmt.Sprintf("%s is not UTF-8 text", full), "include text files only, saved as UTF-8"}
	}
	lines := strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n"), "\n")
	var keep []string
	switch {
	case sel == "":
		keep = lines
	case isLineRange(sel):
		from, to, ok := lineRange(sel, len(lines))
		if !ok {
			return "", &includeError{fmt.Sprintf("lines %s are not in %s, which has %d lines", sel, full, len(lines)), "fix the line numbers, or mark the part with ANCHOR: and ANCHOR_END: lines and name the anchor"}
		}
		keep = lines[from:to]
	default:
		var found bool
		keep, found = anchored(lines, sel)
		if !found {
			return "", &includeError{fmt.Sprintf("anchor %q is not in %s", sel, full), fmt.Sprintf("mark the part with lines holding \"ANCHOR: %s\" and \"ANCHOR_END: %s\", or fix the name", sel, sel)}
		}
	}
	out := keep[:0:0]
	for _, l := range keep {
		if !anchorLine().MatchString(l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n"), nil
}

// resolveInclude finds the file a directive names: relative to the file
// that names it, and inside the include root (book.toml's include_root,
// the book folder by default), symbolic links followed.
func (r *reader) resolveInclude(path, from string) (string, *includeError) {
	root, where := r.includeRoot, "the include root "+r.includeRoot
	if root == "" {
		root, where = r.root, "the book folder"
	}
	if root == "" {
		root = "."
	}
	hint := "set include_root in book.toml to a folder that holds both the book and the files it includes (for example include_root = \"..\"), or move the files into it"
	if path == "" {
		return "", &includeError{"no file name", "name the file: {{#include path/to/file.rs}}"}
	}
	if filepath.IsAbs(path) || strings.HasPrefix(path, "/") || strings.HasPrefix(path, `\`) || filepath.VolumeName(path) != "" {
		return "", &includeError{"an absolute path is refused", "name the file relative to the Markdown file"}
	}
	full := filepath.Join(filepath.Dir(from), filepath.FromSlash(path))
	if !inside(root, full) {
		return "", &includeError{fmt.Sprintf("%s is outside %s: refused", full, where), hint}
	}
	if _, err := os.Stat(full); err != nil {
		return "", &includeError{fmt.Sprintf("%s does not exist", full), "check the path: it is relative to the Markdown file"}
	}
	realRoot, err1 := filepath.EvalSymlinks(root)
	real, err2 := filepath.EvalSymlinks(full)
	if err1 != nil || err2 != nil {
		return "", &includeError{fmt.Sprintf("%s cannot be resolved", full), "check the file and the links to it"}
	}
	if !inside(realRoot, real) {
		return "", &includeError{fmt.Sprintf("%s is a link to %s, outside %s: refused", full, real, where), hint}
	}
	return full, nil
}

// inside reports whether path is root or below it.
func inside(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

var lineSel = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d*)(:(\d*))?$`) })

// isLineRange reports whether a selector is line numbers rather than an
// anchor name.
func isLineRange(sel string) bool {
	return lineSel().MatchString(sel)
}

// lineRange turns "N", "N:M", ":M" ("" then ":M"), "N:" into the
// half-open 0-based range of n lines; false when it is empty or past the
// end.
func lineRange(sel string, n int) (int, int, bool) {
	m := lineSel().FindStringSubmatch(sel)
	from, to := 1, n
	if m[1] != "" {
		from, _ = strconv.Atoi(m[1])
	}
	switch {
	case m[2] == "" && m[1] != "":
		to = from // a single line
	case m[3] != "":
		to, _ = strconv.Atoi(m[3])
	}
	if to > n {
		to = n
	}
	if from < 1 || from > to {
		return 0, 0, false
	}
	return from - 1, to, true
}

// anchored is the lines between "ANCHOR: name" and "ANCHOR_END: name"
// (to the end of the file when the end is missing), and whether the
// anchor was found.
func anchored(lines []string, name string) ([]string, bool) {
	var out []string
	in, found := false, false
	for _, l := range lines {
		m := anchorLine().FindStringSubmatch(l)
		switch {
		case m != nil && m[2] == name && m[1] == "" && !in:
			in, found = true, true
		case m != nil && m[2] == name && m[1] != "" && in:
			in = false
		case in:
			out = append(out, l)
		}
	}
	return out, found
}

// isRust reports whether a fenced block's info string ("rust",
// "rust,ignore", "rust noplayground") makes it Rust.
func isRust(info string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(info), ",")
	first, _, _ = strings.Cut(first, " ")
	return first == "rust"
}

// hideRustLines leaves out rustdoc's hidden lines, which mdBook hides
// too: a line that is "#" or starts with "# " (after its indentation).
// "##" at that place is rustdoc's escape for a line that starts with "#".
func hideRustLines(text string) string {
	if !strings.Contains(text, "#") {
		return text
	}
	var b strings.Builder
	for _, l := range strings.SplitAfter(text, "\n") {
		body := strings.TrimLeft(l, " \t")
		content := strings.TrimRight(body, "\r\n")
		switch {
		case content == "#" || strings.HasPrefix(content, "# "):
			continue
		case strings.HasPrefix(content, "##"):
			l = l[:len(l)-len(body)] + body[1:]
		}
		b.WriteString(l)
	}
	return b.String()
}
