package mdread

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	gast "github.com/yuin/goldmark/ast"
	"go.abhg.dev/goldmark/frontmatter"

	"press/internal/doc"
)

// frontMatterKeys are the keys a chapter's front matter may set, with what
// they do. Static-site generators and pandoc write many more; those are
// warnings, so a misspelt key is not silently ignored.
var frontMatterKeys = map[string]string{
	"title": "the chapter's title: its level-1 heading when the file starts without a heading",
}

// frontMatter reads a YAML (---) or TOML (+++) block at the top of the
// file and returns the chapter heading it names, or nil.
func (r *reader) frontMatter(d *frontmatter.Data) *doc.Heading {
	if d == nil {
		return nil
	}
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		r.errorf(doc.Pos{File: r.name, Line: 1}, "fix the block between the --- (YAML) or +++ (TOML) lines at the top of the file",
			"front matter cannot be read: %s", oneLineErr(err))
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := frontMatterKeys[k]; !ok {
			r.warnf(doc.Pos{File: r.name, Line: r.keyLine(k)}, "press reads only title from front matter",
				"front matter key %q is not used", k)
		}
	}
	v, ok := m["title"]
	if !ok {
		return nil
	}
	title, ok := v.(string)
	p := doc.Pos{File: r.name, Line: r.keyLine("title")}
	if !ok || strings.TrimSpace(title) == "" {
		r.errorf(p, `write it as title: "…"`, "front matter title must be text")
		return nil
	}
	return &doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Text: strings.TrimSpace(title)}}, Pos: p}
}

// keyLine finds the line of a front matter key (the block is at the top
// of the file, so the first such line is it).
func (r *reader) keyLine(key string) int {
	re := regexp.MustCompile(`^\s*["']?` + regexp.QuoteMeta(key) + `["']?\s*[:=]`)
	for i, start := range r.lines {
		end := len(r.src)
		if i+1 < len(r.lines) {
			end = r.lines[i+1]
		}
		if re.Match(r.src[start:end]) {
			return i + 1
		}
	}
	return 1
}

// startsWithHeading reports whether the document's first block is a
// heading: then it names the chapter itself.
func startsWithHeading(tree gast.Node) bool {
	_, ok := tree.FirstChild().(*gast.Heading)
	return ok
}

func oneLineErr(err error) string {
	return strings.Join(strings.Fields(fmt.Sprint(err)), " ")
}
