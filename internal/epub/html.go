package epub

import (
	_ "embed"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	"press/internal/doc"
)

// The HTML edition is the e-book's documents joined into one page: the
// same writer renders every block for both (a construct the writer does not
// know is an error, never dropped), and this file only re-serialises them
// as HTML, points the links between documents at anchors in the page, and
// embeds the fonts and the cover as data URIs, so the one file opens
// offline in any browser.

//go:embed html.css
var htmlCSS string

// imageTypes are the media types of the pictures a page may embed.
var imageTypes = map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".svg": "image/svg+xml"}

// htmlVoid are the elements HTML writes without an end tag.
var htmlVoid = map[string]bool{"br": true, "hr": true, "img": true, "meta": true, "link": true, "wbr": true, "col": true}

// WriteHTML writes the book as one self-contained HTML page: contents, title
// page, sections, notes linked both ways, the print page markers, with
// fonts (cut down as for the e-book when Font.Subset is set) and cover
// embedded.
func WriteHTML(w io.Writer, b *doc.Book, o Options) error {
	bk, err := prepare(b, o)
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	if err := bk.render(func(name string, data []byte) { files[name] = data }); err != nil {
		return err
	}
	if strings.Contains(strings.ToLower(string(o.CSS)), "</style") {
		return errors.New("html: the stylesheet contains \"</style\", which would end it early")
	}

	// The documents in reading order, each becoming a <div> with an id so
	// a link to a whole document still has a target.
	var order []string
	if bk.cover != nil {
		order = append(order, coverPath)
	}
	order = append(order, titlePath)
	for _, pt := range bk.parts {
		if len(order) == 0 || order[len(order)-1] != pt.path {
			order = append(order, pt.path)
		}
	}
	if len(bk.b.Notes) > 0 {
		order = append(order, notesPath)
	}
	docID := map[string]string{navPath: "toc"}
	for _, p := range order {
		docID[p] = "doc-" + strings.NewReplacer("/", "-", ".", "-").Replace(strings.TrimSuffix(p, ".xhtml"))
	}

	h := &htmlWriter{bk: bk, files: files, docID: docID, ids: map[string]bool{}, previews: map[string]string{}, labels: chapterLabels(bk)}
	for _, n := range b.Notes {
		var parts []string
		doc.WalkBlocks(n.Blocks, func(bl doc.Block) {
			if t := oneLine(doc.PlainText(doc.Inlines(bl))); t != "" {
				parts = append(parts, t)
			}
		})
		h.previews[n.RefID] = strings.Join(parts, " ")
	}
	var sb strings.Builder
	lang := escAttr(bk.lang)
	sb.WriteString("<!DOCTYPE html>\n<html lang=\"" + lang + "\">\n<head>\n<meta charset=\"utf-8\">\n")
	sb.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	sb.WriteString("<title>" + escText(oneLine(b.Meta.Title)) + "</title>\n")
	for _, a := range b.Meta.Authors {
		sb.WriteString("<meta name=\"author\" content=\"" + escAttr(oneLine(a)) + "\">\n")
	}
	if d := oneLine(b.Meta.Description); d != "" {
		sb.WriteString("<meta name=\"description\" content=\"" + escAttr(d) + "\">\n")
	}
	sb.WriteString("<style>\n")
	var faces strings.Builder
	for _, f := range bk.fonts {
		data := files[pkgDir+f.Path]
		ext := strings.ToLower(path.Ext(f.Path))
		faces.WriteString(faceRules(f, "data:"+fontTypes[ext]+";base64,"+base64.StdEncoding.EncodeToString(data)))
	}
	sb.Write(withFontFaces(append(append([]byte(nil), o.CSS...), generatedRules(o)...), faces.String()))
	sb.WriteString("\n" + htmlCSS + "</style>\n</head>\n<body>\n")
	if err := h.body(&sb, navPath, "nav"); err != nil {
		return err
	}
	sb.WriteString("<main>\n")
	for _, p := range order {
		sb.WriteString(`<div class="doc" id="` + docID[p] + `">` + "\n")
		if err := h.body(&sb, p, ""); err != nil {
			return err
		}
		sb.WriteString("</div>\n")
	}
	sb.WriteString("</main>\n</body>\n</html>\n")
	_, err = io.WriteString(w, sb.String())
	return err
}

type htmlWriter struct {
	bk    *book
	files map[string][]byte
	docID map[string]string // document path → id of its <div>
	ids   map[string]bool   // ids written so far: the page must not repeat one
	// previews are the notes' text by reference id: shown below a note
	// reference while the pointer is on it or it has the focus, by CSS
	// alone, and hidden from screen readers, which follow the link.
	previews map[string]string
	// labels name the chapter landmarks whose name an earlier one has, by
	// document path (chapterLabels).
	labels map[string]string
}

// chapterLabels gives a chapter whose name an earlier chapter already has
// ("Layout" in two parts of a book, or the same title repeated over every
// chapter file) a name of its own for the page, "Layout (2)", by document
// path. In the e-book each chapter is a document of its own; on one page
// two chapter landmarks of the same name cannot be told apart, and axe
// reports them (landmark-unique).
func chapterLabels(bk *book) map[string]string {
	seen := map[string]int{}
	labels := map[string]string{}
	for _, pt := range bk.parts {
		if _, done := labels[pt.path]; done {
			continue
		}
		name := bk.partName(pt)
		seen[name]++
		if n := seen[name]; n > 1 {
			labels[pt.path] = fmt.Sprintf("%s (%d)", name, n)
		}
	}
	return labels
}

// body copies the children of <body> of the XHTML document at p as HTML;
// with only set, just the elements of that name (the contents <nav>) and
// of those, only the ones that are not EPUB landmarks.
func (h *htmlWriter) body(sb *strings.Builder, p, only string) error {
	dec := xml.NewDecoder(strings.NewReader(string(h.files[pkgDir+p])))
	dec.Strict = true
	depth := -1                 // depth inside <body>; -1 before it
	skip := 0                   // depth of an element being left out, 0 for none
	preview := map[int]string{} // note text to write after the </a> at that depth
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("html: %s: %w", p, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth < 0 {
				if t.Name.Local == "body" {
					depth = 0
				}
				continue
			}
			depth++
			if skip > 0 {
				continue
			}
			if depth == 1 && only != "" && (t.Name.Local != only || attr(t, "type") == "landmarks") {
				skip = depth
				continue
			}
			if err := h.start(sb, p, t); err != nil {
				return err
			}
			if t.Name.Local == "a" && only == "" && strings.Contains(attr(t, "class"), "noteref") {
				if text, ok := h.previews[attr(t, "id")]; ok && text != "" {
					preview[depth] = text
				}
			}
		case xml.EndElement:
			if depth < 0 {
				continue
			}
			if depth == 0 { // </body>
				depth = -1
				continue
			}
			if skip > 0 {
				if depth == skip {
					skip = 0
				}
				depth--
				continue
			}
			if !htmlVoid[t.Name.Local] {
				sb.WriteString("</" + t.Name.Local + ">")
			}
			if text, ok := preview[depth]; ok {
				sb.WriteString(`<span class="note-preview" aria-hidden="true">` + escText(text) + `</span>`)
				delete(preview, depth)
			}
			depth--
		case xml.CharData:
			if depth >= 0 && skip == 0 {
				sb.WriteString(escText(string(t)))
			}
		}
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// start writes a start tag: EPUB's own attributes (epub:type, namespace
// declarations) dropped, links pointed into the page, the cover picture
// embedded.
func (h *htmlWriter) start(sb *strings.Builder, p string, t xml.StartElement) error {
	sb.WriteString("<" + t.Name.Local)
	// axe-core allows the page-break role only on <hr>, so on a <span> (the
	// marker sits inside running text, where an <hr> cannot) it counts the
	// aria-label as prohibited: give the page number as a title instead.
	pagebreak := t.Name.Local == "span" && attr(t, "role") == "doc-pagebreak"
	label, relabel := h.labels[p]
	relabel = relabel && t.Name.Local == "section" && attr(t, "role") == "doc-chapter"
	for _, a := range t.Attr {
		if a.Name.Space != "" || a.Name.Local == "xmlns" {
			continue // epub:type, xml:lang, xmlns:…
		}
		if relabel && (a.Name.Local == "aria-labelledby" || a.Name.Local == "aria-label") {
			continue
		}
		v := a.Value
		if pagebreak && a.Name.Local == "aria-label" {
			a.Name.Local = "title"
		}
		switch {
		case a.Name.Local == "id":
			if h.ids[v] {
				return fmt.Errorf("html: %s: id %q is used twice in the page", p, v)
			}
			h.ids[v] = true
		case a.Name.Local == "href":
			var err error
			if v, err = h.link(p, v); err != nil {
				return err
			}
		case a.Name.Local == "src" && t.Name.Local == "img":
			target := path.Join(path.Dir(p), v)
			data, ok := h.files[pkgDir+target]
			mt := imageTypes[strings.ToLower(path.Ext(target))]
			if !ok || mt == "" {
				return fmt.Errorf("html: %s: picture %q is not a PNG, JPEG, GIF or SVG file of the book", p, v)
			}
			v = "data:" + mt + ";base64," + base64.StdEncoding.EncodeToString(data)
		}
		sb.WriteString(" " + a.Name.Local + `="` + escAttr(v) + `"`)
	}
	if relabel {
		sb.WriteString(` aria-label="` + escAttr(label) + `"`)
		delete(h.labels, p) // the document's own chapter only
	}
	sb.WriteString(">")
	return nil
}

// link points a link between the e-book's documents at its anchor in the
// page; a web address stays as it is.
func (h *htmlWriter) link(from, href string) (string, error) {
	u, err := url.Parse(href)
	if err != nil {
		return "", fmt.Errorf("html: %s: bad link %q: %w", from, href, err)
	}
	if u.Scheme != "" {
		return href, nil
	}
	if u.Fragment != "" {
		return "#" + u.EscapedFragment(), nil
	}
	target := path.Join(path.Dir(from), u.Path)
	id, ok := h.docID[target]
	if !ok {
		return "", fmt.Errorf("html: %s: link %q leads to no document of the book", from, href)
	}
	return "#" + id, nil
}
