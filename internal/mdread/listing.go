package mdread

import (
	"html"
	"regexp"
	"strings"
	"sync"

	"github.com/yuin/goldmark/text"

	"press/internal/doc"
)

// mdBook's listings: a code block wrapped in
//
//	<Listing number="1-1" file-name="src/main.rs" caption="A `main` function">
//
//	```rust
//	…
//	```
//
//	</Listing>
//
// The opening and closing tags are HTML blocks of their own around the
// code block; the opening one is held until the next code block, which
// becomes a listed code block with its number, file name and caption.
var (
	listingOpen = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?is)^<listing((?:\s+[\w-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*>$`)
	})
	listingClose = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^</listing\s*>$`) })
)

// listingTag reads an HTML block that opens or closes a listing, and
// reports whether it was one.
func (r *reader) listingTag(raw string, p doc.Pos) bool {
	switch {
	case listingOpen().MatchString(raw):
		if r.listing != nil {
			r.warnf(r.listingPos, "put a code block between <Listing> and </Listing>", "listing %q has no code block; its caption is dropped", r.listing.Number)
		}
		attrs := map[string]string{}
		for _, a := range attrRE().FindAllStringSubmatch(listingOpen().FindStringSubmatch(raw)[1], -1) {
			attrs[strings.ToLower(a[1])] = html.UnescapeString(a[2] + a[3] + a[4])
		}
		r.listing = &doc.Listing{Number: attrs["number"], File: attrs["file-name"]}
		if c := attrs["caption"]; c != "" {
			r.listing.Caption = r.captionInlines(c)
		}
		r.listingPos = p
		return true
	case listingClose().MatchString(raw):
		if r.listing != nil {
			r.warnf(r.listingPos, "put a code block between <Listing> and </Listing>", "listing %q has no code block; its caption is dropped", r.listing.Number)
			r.listing = nil
		}
		return true
	}
	return false
}

// captionInlines reads a caption written in Markdown (code spans,
// emphasis) into inlines.
func (r *reader) captionInlines(s string) []doc.Inline {
	sub := &reader{root: r.root, includeRoot: r.includeRoot, name: r.name, src: []byte(s), lines: lineStarts([]byte(s)), notes: map[int]*doc.Note{}, refs: map[int]int{}, tags: map[*doc.Text]*htmlTag{}}
	tree := newMarkdown().Parser().Parse(text.NewReader(sub.src))
	if p := tree.FirstChild(); p != nil {
		return sub.inlines(p)
	}
	return nil
}
