package publish

import (
	"slices"
	"sync"
	"sync/atomic"

	"press/internal/epub"
)

// cutting is the e-book's fonts being cut on spare processors while the
// print layout runs: the e-book's text is known before its page numbers,
// and cutting the fonts (with their kerning tables) is most of what the
// e-book costs after the layout.
type cutting struct {
	done chan struct{}
	text string // the e-book's characters, as epub.ShownText gives them
	ok   bool   // text was found
	// missed counts the fonts cut again because the text with page numbers
	// differed (tests check that it stays rare).
	missed atomic.Int32
	data   [][]byte
	errs   []error
}

// cutAhead starts cutting fonts for the e-book's text without its page
// breaks (page numbers add characters only when they are not in the text,
// and then the font is cut again, see use).
func (p *Project) cutAhead(fonts []epub.Font) *cutting {
	// The caller's list gets use's Subset functions, which wait for this
	// cut: the goroutine works on a copy with the fonts' own.
	fonts = slices.Clone(fonts)
	c := &cutting{done: make(chan struct{}), data: make([][]byte, len(fonts)), errs: make([]error, len(fonts))}
	o := p.screenBase(fonts)
	if p.CoverImage != nil || p.PrintLayout.Pages.Cover {
		o.Cover = &epub.Cover{MediaType: "image/png", Alt: p.coverAlt()} // its page's title is text too
	}
	go func() {
		defer close(c.done)
		text, err := epub.ShownText(p.Book, o)
		if err != nil {
			return // Write reports it
		}
		c.text, c.ok = text, true
		var wg sync.WaitGroup
		for i, f := range fonts {
			if f.Subset == nil {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.data[i], c.errs[i] = f.Subset(text)
			}()
		}
		wg.Wait()
	}()
	return c
}

// use makes fonts (the same list cutAhead was given) take the fonts cut
// ahead when asked for the text they were cut for, and cut them afresh
// otherwise.
func (c *cutting) use(fonts []epub.Font) {
	for i := range fonts {
		cut := fonts[i].Subset
		if cut == nil {
			continue
		}
		fonts[i].Subset = func(text string) ([]byte, error) {
			<-c.done
			if c.ok && text == c.text {
				return c.data[i], c.errs[i]
			}
			c.missed.Add(1)
			return cut(text)
		}
	}
}
