package publish

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // decode the user's cover
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"press/internal/diag"
	"press/internal/epub"
	"press/internal/layout"
	"press/internal/page"
	"press/internal/raster"
)

// epubCover is the e-book's cover image: the book's own picture, or the
// printed cover page drawn as a PNG, so both editions wear the same cover.
func (p *Project) epubCover(print *layout.Result) (*epub.Cover, error) {
	alt := p.coverAlt()
	if img := p.CoverImage; img != nil {
		mt := "image/png"
		if img.Type == "jpg" {
			mt = "image/jpeg"
		}
		return &epub.Cover{Data: img.Data, MediaType: mt, Alt: alt}, nil
	}
	if print.Cover == nil {
		return nil, nil // the layout has no cover
	}
	var data []byte
	var err error
	if c := p.coverDrawn; c != nil && c.begun() {
		<-c.done
		data, err = c.png, c.err
	} else {
		pg := p.layout[p.PrintLayout.File]
		data, err = drawCover(print.Cover, print.Doc.Width, print.Doc.Height, pg.fonts.Data)
	}
	if err != nil {
		return nil, err
	}
	return &epub.Cover{Data: data, MediaType: "image/png", Alt: alt}, nil
}

// drawCover draws the printed cover page as the e-book's cover picture.
func drawCover(cover *page.Page, w, h page.SP, fonts map[string][]byte) ([]byte, error) {
	return raster.PNG(cover, w, h, fonts,
		raster.Options{Width: 1200, Background: color.RGBA{0xfb, 0xf8, 0xf1, 0xff}, Ink: color.RGBA{0x1a, 0x1a, 0x1a, 0xff}})
}

// coverSink draws the e-book's cover picture as soon as the print layout
// hands over its cover page, on a goroutine of its own, while the layout
// goes on with the book: drawing and compressing a 1200-pixel picture
// takes some 2 ms of a processor (BenchmarkCoverPicture).
type coverSink struct {
	fonts         map[string][]byte
	width, height page.SP
	mu            sync.Mutex
	started       bool
	done          chan struct{}
	png           []byte
	err           error
}

func newCoverSink() *coverSink { return &coverSink{done: make(chan struct{})} }

func (c *coverSink) Begin(d *page.Doc) error {
	c.fonts = map[string][]byte{}
	for _, f := range d.Fonts {
		c.fonts[f.Name] = f.Data
	}
	c.width, c.height = d.Width, d.Height
	return nil
}

func (c *coverSink) Page(pg *page.Page) error {
	if pg.Role != "cover" || c.begun() {
		return nil
	}
	c.mu.Lock()
	c.started = true
	c.mu.Unlock()
	go func() {
		defer close(c.done)
		c.png, c.err = drawCover(pg, c.width, c.height, c.fonts)
	}()
	return nil
}

// begun reports whether the picture is being drawn (or drawn).
func (c *coverSink) begun() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.started
}

// coverAlt is the cover picture's description: what it shows.
func (p *Project) coverAlt() string {
	m := p.Book.Meta
	alt := fmt.Sprintf("Cover of %s", m.Title)
	if m.Subtitle != "" {
		alt += ": " + m.Subtitle
	}
	if len(m.Authors) > 0 {
		alt += ", by " + strings.Join(m.Authors, " and ")
	}
	if m.Publisher != "" {
		alt += ", published by " + m.Publisher
	}
	return alt + "."
}

// findCover looks for the book's own cover picture in its folder.
func findCover(dir string) (*page.Image, string, error) {
	for _, c := range []struct{ name, typ string }{{"cover.png", "png"}, {"cover.jpg", "jpg"}, {"cover.jpeg", "jpg"}} {
		path := filepath.Join(dir, c.name)
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			continue
		}
		// Never pack a file from outside the book: the cover may be a link.
		root, err1 := filepath.EvalSymlinks(dir)
		real, err2 := filepath.EvalSymlinks(path)
		if err2 != nil {
			real = "a file that does not exist"
		}
		if rel, err := filepath.Rel(root, real); err1 != nil || err2 != nil || err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, "", diag.Errorf(path, 0, "copy the picture into the book folder instead of linking to it", "the cover is a link to a file outside the book folder (%s): refused", real)
		}
		data, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, "", diag.Errorf(path, 0, "", "cannot read the cover: %v", err)
		}
		if _, format, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || (format != "png" && format != "jpeg") {
			return nil, "", diag.Errorf(path, 0, "save the cover as a PNG or JPEG picture", "the cover is not a PNG or JPEG image")
		}
		return &page.Image{Data: data, Type: c.typ}, path, nil
	}
	return nil, "", nil
}

// wordStart moves an offset into a block's running text back to the start
// of its word: a page that begins with the second half of a hyphenated
// word is marked before the whole word in the e-book, where words are
