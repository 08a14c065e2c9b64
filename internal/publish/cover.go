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

	"press/internal/diag"
	"press/internal/epub"
	"press/internal/layout"
	"press/internal/page"
	"press/internal/raster"
)

// epubCover is the e-book's cover image: the book's own picture, or the
// printed cover page drawn as a PNG, so both editions wear the same cover.
func (p *Project) epubCover(print *layout.Result) (*epub.Cover, error) {
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
	alt += "."
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
	pg := p.layout[p.PrintLayout.File]
	data, err := raster.PNG(print.Cover, print.Doc.Width, print.Doc.Height, pg.fonts.Data,
		raster.Options{Width: 1200, Background: color.RGBA{0xfb, 0xf8, 0xf1, 0xff}, Ink: color.RGBA{0x1a, 0x1a, 0x1a, 0xff}})
	if err != nil {
		return nil, err
	}
	return &epub.Cover{Data: data, MediaType: "image/png", Alt: alt}, nil
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
