package svg

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// A <style> sheet is applied as CSS applies it to SVG: its declarations
// override the presentation attributes and are overridden by the style
// attribute (an !important one overrides that too); among rules, the more
// specific wins, then the later. Drawing programs write sheets of simple
// rules (Illustrator: ".st0{fill:#231F20;}"), which press reads:
// selectors of an element name or *, classes and an id, joined by the
// descendant combinator, the last of them maybe the child one. What else a sheet holds is listed in
// Drawing.Unsupported with its line and not applied; rules for an
// element under the pointer or in focus (:hover, :active, :focus,
// :visited) never match on paper and are passed over.

// maxRules bounds the rules applied: each is tried on every element.
const maxRules = 1000

// rule is one selector of a sheet's rules with the rule's declarations.
type rule struct {
	sel   []compound // the last matches the element; each earlier one an ancestor
	spec  int        // specificity: ids, classes, element names, 8 bits each
	order int        // the rule's place in the document's sheets
	decls []decl
}

// compound is a compound selector: an element name ("" for any), an id
// and classes, all to match, and how it joins the compound before it.
type compound struct {
	name    string
	id      string
	classes []string
	child   bool // ">": the element's parent must match the compound before
	never   bool // a pseudo-class that no printed element has
}

type decl struct {
	name, value string
	important   bool
}

// sheetDecls are the declarations a sheet gives one element, in cascade
// order (normal ones, then important ones: later ones win).
type sheetDecls struct {
	normal, important []decl
}

// styleSheets gathers the text of the document's <style> elements of
// CSS, with each one's first line.
func styleSheets(root *node) (texts []string, lines []int) {
	var walk func(n *node)
	walk = func(n *node) {
		if n.name == "style" {
			if t := strings.TrimSpace(n.attrs["type"]); t == "" || strings.EqualFold(t, "text/css") {
				texts = append(texts, n.data)
				lines = append(lines, n.line)
			}
			return
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(root)
	return texts, lines
}

// parseSheet reads the rules of a sheet whose text starts on line,
// numbering them from order on.
func (p *parser) parseSheet(css string, line, order int) []rule {
	css = blankComments(css)
	var rules []rule
	for i := 0; i < len(css); {
		c := css[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == ';' {
			i++
			continue
		}
		at := line + strings.Count(css[:i], "\n")
		if c == '@' {
			name := css[i+1:]
			if k := strings.IndexAny(name, " \t\n\r\f{;"); k >= 0 {
				name = name[:k]
			}
			switch strings.ToLower(name) {
			case "charset", "namespace", "font-face":
				// Nothing press draws changes: its text is set in the
				// book's faces.
			default:
				p.unsupportedAt("@"+name+" rule in <style>", at)
			}
			i = skipAtRule(css, i)
			continue
		}
		open := strings.IndexByte(css[i:], '{')
		if open < 0 {
			break
		}
		selectors := css[i : i+open]
		end := blockEnd(css, i+open)
		body := css[i+open+1 : end]
		i = end + 1
		decls := parseDecls(body)
		for _, s := range strings.Split(selectors, ",") {
			s = strings.TrimSpace(s)
			sel, spec, ok := parseSelector(s)
			if !ok {
				p.unsupportedAt("style sheet selector "+strings.Join(strings.Fields(s), " "), at)
				continue
			}
			rules = append(rules, rule{sel: sel, spec: spec, order: order, decls: decls})
			order++
		}
	}
	return rules
}

// blankComments turns CSS comments, and the "<!--" and "-->" a sheet may
// be wrapped in, into spaces, keeping line breaks.
func blankComments(css string) string {
	if !strings.Contains(css, "/*") && !strings.Contains(css, "<!--") && !strings.Contains(css, "-->") {
		return css
	}
	b := []byte(css)
	blank := func(from, to int) {
		for k := from; k < to && k < len(b); k++ {
			if b[k] != '\n' {
				b[k] = ' '
			}
		}
	}
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '*':
			end := bytes.Index(b[i+2:], []byte("*/"))
			if end < 0 {
				blank(i, len(b))
				return string(b)
			}
			blank(i, i+2+end+2)
			i += 2 + end + 1
		case bytes.HasPrefix(b[i:], []byte("<!--")):
			blank(i, i+4)
		case bytes.HasPrefix(b[i:], []byte("-->")):
			blank(i, i+3)
		}
	}
	return string(b)
}

// skipAtRule returns where an at-rule starting at i ends: after its ";"
// or after its block.
func skipAtRule(css string, i int) int {
	for k := i; k < len(css); k++ {
		switch css[k] {
		case ';':
			return k + 1
		case '{':
			return blockEnd(css, k) + 1
		}
	}
	return len(css)
}

// blockEnd returns the index of the "}" closing the block opened at
// open, or len(css) when it is never closed.
func blockEnd(css string, open int) int {
	depth := 0
	quote := byte(0)
	for k := open; k < len(css); k++ {
		c := css[k]
		switch {
		case quote != 0:
			if c == '\\' {
				k++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return len(css)
}

// parseDecls reads the declarations of a rule's block.
func parseDecls(body string) []decl {
	var out []decl
	for _, d := range strings.Split(body, ";") {
		name, value, found := strings.Cut(d, ":")
		if !found {
			continue
		}
		name = strings.ToLower(strings.TrimSpace(name))
		value = strings.TrimSpace(value)
		important := false
		if v, ok := strings.CutSuffix(value, "important"); ok {
			if v, ok := strings.CutSuffix(strings.TrimSpace(v), "!"); ok {
				value, important = strings.TrimSpace(v), true
			}
		}
		if name == "" || value == "" {
			continue
		}
		out = append(out, decl{name: name, value: value, important: important})
	}
	return out
}

// parseSelector reads a complex selector press can match, with its
// specificity; ok is false for anything else.
func parseSelector(s string) (sel []compound, spec int, ok bool) {
	if s == "" {
		return nil, 0, false
	}
	child := false
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
			continue
		case c == '>':
			if child || len(sel) == 0 {
				return nil, 0, false
			}
			child = true
			i++
			continue
		}
		var cp compound
		cp.child = child
		child = false
		start := i
		if s[i] == '*' {
			i++
		} else if n := identLen(s[i:]); n > 0 {
			cp.name = s[i : i+n]
			spec++
			i += n
		}
		for i < len(s) {
			c := s[i]
			if c == '.' || c == '#' {
				n := identLen(s[i+1:])
				if n == 0 {
					return nil, 0, false
				}
				v := s[i+1 : i+1+n]
				if c == '.' {
					cp.classes = append(cp.classes, v)
					spec += 1 << 8
				} else {
					if cp.id != "" && cp.id != v {
						cp.never = true
					}
					cp.id = v
					spec += 1 << 16
				}
				i += 1 + n
				continue
			}
			if c == ':' {
				n := identLen(s[i+1:])
				switch strings.ToLower(s[i+1 : i+1+n]) {
				case "hover", "active", "focus", "focus-within", "focus-visible", "visited":
					cp.never = true
					spec += 1 << 8
					i += 1 + n
					continue
				}
				return nil, 0, false
			}
			break
		}
		if i == start {
			return nil, 0, false // a character no selector press reads has
		}
		if i < len(s) {
			switch s[i] {
			case ' ', '\t', '\n', '\r', '\f', '>':
			default:
				return nil, 0, false
			}
		}
		sel = append(sel, cp)
	}
	if child || len(sel) == 0 {
		return nil, 0, false
	}
	for _, c := range sel[:len(sel)-1] {
		if c.child {
			return nil, 0, false // ">" is matched as the last combinator only
		}
	}
	return sel, spec, true
}

// identLen is the length of the CSS identifier at the start of s (ASCII
// letters, digits, "-", "_" and any non-ASCII byte; not starting with a
// digit, nor with "-" and a digit).
func identLen(s string) int {
	n := 0
	for n < len(s) {
		c := s[n]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-' || c >= 0x80 || c >= '0' && c <= '9' && n > 0 {
			n++
			continue
		}
		break
	}
	if n > 0 && s[0] == '-' && (n == 1 || s[1] >= '0' && s[1] <= '9') {
		return 0
	}
	return n
}

// matches reports whether the compound matches the element n, whose
// class attribute holds classes.
func (c *compound) matches(n *node, classes []string) bool {
	if c.never || n.name == "" || n.name == "#text" {
		return false
	}
	if c.name != "" && c.name != n.name {
		return false
	}
	if c.id != "" && n.attrs["id"] != c.id {
		return false
	}
	if len(c.classes) > 0 {
		for _, want := range c.classes {
			found := false
			for _, h := range classes {
				if h == want {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
	}
	return true
}

// ancestors are the compounds of the rule's selector that must match
// ancestors of the element in order, joined by descendant combinators:
// all but the last, and but the parent's when the last is joined by ">".
func (r *rule) ancestors() []compound {
	k := len(r.sel) - 1
	if r.sel[k].child {
		k--
	}
	return r.sel[:k]
}

// matchesAt reports whether the selector matches the element n, whose
// ancestors are path (the root first), with the classes of each; done[j]
// is how many of the rule's ancestor compounds the first j elements of
// path match.
func (r *rule) matchesAt(n *node, classes []string, path []*node, pathClasses [][]string, done []int) bool {
	last := len(r.sel) - 1
	if !r.sel[last].matches(n, classes) {
		return false
	}
	need := len(r.ancestors())
	if r.sel[last].child {
		if len(path) == 0 || !r.sel[last-1].matches(path[len(path)-1], pathClasses[len(path)-1]) {
			return false
		}
		return done[len(path)-1] >= need
	}
	return done[len(path)] >= need
}

// applySheets reads the document's <style> sheets and gives each element
// the declarations they set for it.
func (p *parser) applySheets(root *node) {
	texts, lines := styleSheets(root)
	var rules []rule
	for i, t := range texts {
		rules = append(rules, p.parseSheet(t, lines[i], len(rules))...)
	}
	if len(rules) == 0 {
		return
	}
	if len(rules) > maxRules {
		p.unsupportedAt(fmt.Sprintf("more than %d style sheet rules", maxRules), lines[0])
		rules = rules[:maxRules]
	}
	// Matching runs down the tree once. For each rule, depth[r][j] is how
	// many of its ancestor compounds (those joined by white space) the
	// first j elements of the path match, taken greedily from the root:
	// for a chain of descendant combinators the greedy match is the
	// best, so a selector costs the same at any depth.
	var path []*node
	var pathClasses [][]string
	depth := make([][]int, len(rules))
	for i := range depth {
		depth[i] = []int{0}
	}
	var walk func(n *node)
	walk = func(n *node) {
		classes := strings.Fields(n.attrs["class"])
		var matched []*rule
		for i := range rules {
			if rules[i].matchesAt(n, classes, path, pathClasses, depth[i]) {
				matched = append(matched, &rules[i])
			}
		}
		if len(matched) > 0 {
			sort.SliceStable(matched, func(i, j int) bool {
				if matched[i].spec != matched[j].spec {
					return matched[i].spec < matched[j].spec
				}
				return matched[i].order < matched[j].order
			})
			sd := &sheetDecls{}
			for _, r := range matched {
				for _, d := range r.decls {
					if d.important {
						sd.important = append(sd.important, d)
					} else {
						sd.normal = append(sd.normal, d)
					}
				}
			}
			n.sheet = sd
		}
		path = append(path, n)
		pathClasses = append(pathClasses, classes)
		for i := range rules {
			anc := rules[i].ancestors()
			k := depth[i][len(depth[i])-1]
			if k < len(anc) && anc[k].matches(n, classes) {
				k++
			}
			depth[i] = append(depth[i], k)
		}
		for _, k := range n.kids {
			if k.name != "#text" {
				walk(k)
			}
		}
		path = path[:len(path)-1]
		pathClasses = pathClasses[:len(pathClasses)-1]
		for i := range rules {
			depth[i] = depth[i][:len(depth[i])-1]
		}
	}
	walk(root)
}
