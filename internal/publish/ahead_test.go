package publish

import (
	"io"
	"testing"
	"time"

	"press/internal/epub"
)

// TestFontsCutAhead checks that the e-book's fonts, cut while the print
// layout runs, are the ones the e-book takes: the text with page numbers
// is the text without them, for the article (with its cover), the
// fixture books and the article in a layout of other fonts.
func TestFontsCutAhead(t *testing.T) {
	for _, c := range []struct{ dir, layout string }{
		{"../../book", ""}, {"../../book", "garamond"}, {"../../testdata/harbour", ""}, {"../../testdata/markdown-book", ""},
	} {
		t.Run(c.dir+" "+c.layout, func(t *testing.T) {
			p, err := Load(Options{BookDir: c.dir, Layout: c.layout})
			if err != nil {
				t.Fatal(err)
			}
			fonts, err := p.screenFonts()
			if err != nil {
				t.Fatal(err)
			}
			ahead := p.cutAhead(fonts)
			o, err := p.screenOptions(fonts)
			if err != nil {
				t.Fatal(err)
			}
			ahead.use(o.Fonts)
			if err := epub.Write(io.Discard, p.Book, o); err != nil {
				t.Fatal(err)
			}
			if n := ahead.missed.Load(); n != 0 {
				t.Errorf("%d of %d fonts were cut again after the layout", n, len(fonts))
			}
		})
	}
}

// TestFontsCutAheadUsedAtOnce checks that fonts told to take the cut
// before the cut has begun do not wait for themselves: use changes the
// caller's list, which the cut must not read.
func TestFontsCutAheadUsedAtOnce(t *testing.T) {
	p, err := Load(Options{BookDir: "../../book"})
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		fonts, err := p.screenFonts()
		if err != nil {
			t.Fatal(err)
		}
		ahead := p.cutAhead(fonts)
		ahead.use(fonts)
		done := make(chan error, 1)
		go func() {
			_, err := fonts[0].Subset("The Great Leap Forward")
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(time.Minute):
			t.Fatal("a font waits for its own cut")
		}
	}
}
