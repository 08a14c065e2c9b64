package epub

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"press/internal/doc"
)

const containerXML = `<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
	<rootfiles>
		<rootfile full-path="` + pkgDir + opfPath + `" media-type="application/oebps-package+xml"/>
	</rootfiles>
</container>
`

// pictureSummary and pictureSummaryNoAlt replace accessibilitySummary in
// a book with pictures, with and without a description for each.
const (
	pictureSummary = "This publication meets WCAG 2.2 Level AA: " +
		"every document declares its language, headings mark its structure, " +
		"a table of contents links to every chapter and section, " +
		"every picture has a text alternative, and purely decorative pictures are marked as such, " +
		"notes are linked to and from their references, " +
		"and the reading order follows the printed order."
	pictureSummaryNoAlt = "Some pictures of this publication lack a text alternative. " +
		"Every document declares its language, headings mark its structure, " +
		"a table of contents links to every chapter and section, " +
		"notes are linked to and from their references, " +
		"and the reading order follows the printed order."
)

const accessibilitySummary = "This publication is text only and meets WCAG 2.2 Level AA: " +
	"every document declares its language, headings mark its structure, " +
	"a table of contents links to every chapter and section, " +
	"notes are linked to and from their references, " +
	"and the reading order follows the printed order."

// gen makes one XHTML document of the container.
type gen struct {
	path string
	make func() ([]byte, error)
}

// docs lists the container's XHTML documents in reading order.
func (bk *book) docs() []gen {
	var docs []gen
	if bk.cover != nil {
		docs = append(docs, gen{coverPath, bk.coverDoc})
	}
	docs = append(docs, gen{titlePath, bk.titleDoc})
	for _, pt := range bk.parts {
		docs = append(docs, gen{pt.path, func() ([]byte, error) { return bk.sectionDoc(pt) }})
	}
	if len(bk.b.Notes) > 0 {
		docs = append(docs, gen{notesPath, bk.notesDoc})
	}
	return append(docs, gen{navPath, bk.navDoc})
}

// render produces every file of the container except mimetype and hands
// each to put with its path in the zip, never keeping one: the e-book of
// a long book is compressed a document at a time.
func (bk *book) render(put func(name string, data []byte)) error {
	put("META-INF/container.xml", []byte(containerXML))
	if bk.cover != nil {
		put(pkgDir+bk.coverImagePath(), bk.cover.Data)
	}
	shown := digits() // for the fonts' subsets
	for _, d := range bk.docs() {
		data, err := d.make()
		if err != nil {
			return err
		}
		addShown(shown, data)
		put(pkgDir+d.path, data)
	}
	put(pkgDir+ncxPath, bk.ncx())
	put(pkgDir+opfPath, bk.opf())
	if bk.css != nil {
		put(pkgDir+bookCSSPath, bk.css)
	}
	text := shownText(shown)
	// The fonts are cut at once, each on a goroutine of its own.
	cut := make([][]byte, len(bk.fonts))
	errs := make([]error, len(bk.fonts))
	var wg sync.WaitGroup
	for i, f := range bk.fonts {
		cut[i] = f.Data
		if f.Subset == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cut[i], errs[i] = f.Subset(text)
		}()
	}
	wg.Wait()
	for i, f := range bk.fonts {
		if errs[i] != nil {
			return fmt.Errorf("epub: font %s: %w", f.Path, errs[i])
		}
		put(pkgDir+f.Path, cut[i])
	}
	for _, im := range bk.images {
		put(pkgDir+im.path, im.data)
	}
	return nil
}

// ShownText returns the characters the e-book of b shows, each once in
// code point order: the text its fonts' Subset functions are given. A
// caller may cut the fonts from it ahead of Write, while it waits for
// what Write needs (the print edition's page breaks): breaks add only
// the page numbers' characters, so Write then usually asks for the very
// same text.
func ShownText(b *doc.Book, o Options) (string, error) {
	bk, err := prepare(b, o)
	if err != nil {
		return "", err
	}
	shown := digits()
	for _, d := range bk.docs() {
		data, err := d.make()
		if err != nil {
			return "", err
		}
		addShown(shown, data)
	}
	return shownText(shown), nil
}

// digits starts a set of shown characters with the ten digits, which the
// page numbers of the print edition use (in the page list and in the
// marks a reading system may show): the fonts keep them whatever the
// numbers turn out to be, so the fonts can be cut before the print
// layout has numbered its pages (see ShownText).
func digits() map[rune]bool {
	m := map[rune]bool{}
	for r := '0'; r <= '9'; r++ {
		m[r] = true
	}
	return m
}

// addShown adds to seen the characters an XHTML document shows: the text
// outside tags (entities are kept whole, which adds only characters of
// their names).
func addShown(seen map[rune]bool, data []byte) {
	inTag := false
	for _, r := range string(data) {
		switch {
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
		case !inTag:
			seen[r] = true
		}
	}
}

// shownText is the characters of seen, each once, in code point order.
func shownText(seen map[rune]bool) string {
	runes := make([]rune, 0, len(seen))
	for r := range seen {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	return string(runes)
}

// relator is the shape of a MARC relator code.
var relator = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z]{3}$`) })

// isbnDigits is an ISBN without its hyphens and spaces, "" for none.
func isbnDigits(s string) string {
	return strings.NewReplacer("-", "", " ", "").Replace(oneLine(s))
}

// opf returns the package document.
func (bk *book) opf() []byte {
	m := bk.b.Meta
	var b strings.Builder
	ln := func(depth int, parts ...string) {
		b.WriteString(strings.Repeat("\t", depth))
		for _, p := range parts {
			b.WriteString(p)
		}
		b.WriteByte('\n')
	}
	text := func(s string) string { return escText(oneLine(s)) }

	ln(0, `<?xml version="1.0" encoding="utf-8"?>`)
	ln(0, `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="`, escAttr(bk.lang), `">`)
	ln(1, `<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">`)
	ln(2, `<dc:identifier id="uid">`, text(m.Identifier), `</dc:identifier>`)
	ln(2, `<dc:title id="title">`, text(m.Title), `</dc:title>`)
	if st := oneLine(m.Subtitle); st != "" {
		ln(2, `<dc:title id="subtitle">`, escText(st), `</dc:title>`)
		ln(2, `<meta refines="#title" property="title-type">main</meta>`)
		ln(2, `<meta refines="#subtitle" property="title-type">subtitle</meta>`)
	}
	n := 0
	for _, a := range m.Authors {
		if a = oneLine(a); a == "" {
			continue
		}
		n++
		id := "creator-" + strconv.Itoa(n)
		ln(2, `<dc:creator id="`, id, `">`, escText(a), `</dc:creator>`)
		ln(2, `<meta refines="#`, id, `" property="role" scheme="marc:relators">aut</meta>`)
	}
	for i, c := range m.Contributors {
		if name := oneLine(c.Name); name != "" && relator().MatchString(c.Role) {
			id := "contributor-" + strconv.Itoa(i+1)
			ln(2, `<dc:contributor id="`, id, `">`, escText(name), `</dc:contributor>`)
			ln(2, `<meta refines="#`, id, `" property="role" scheme="marc:relators">`, c.Role, `</meta>`)
		}
	}
	if isbn := isbnDigits(m.ISBN.EPUB); isbn != "" {
		// The e-book's own ISBN; ONIX code list 5 value 15 is ISBN-13.
		ln(2, `<dc:identifier id="isbn">urn:isbn:`, isbn, `</dc:identifier>`)
		ln(2, `<meta refines="#isbn" property="identifier-type" scheme="onix:codelist5">15</meta>`)
	}
	if s := oneLine(m.Series); s != "" {
		ln(2, `<meta property="belongs-to-collection" id="series">`, escText(s), `</meta>`)
		ln(2, `<meta refines="#series" property="collection-type">series</meta>`)
		if m.SeriesIndex > 0 {
			ln(2, `<meta refines="#series" property="group-position">`, strconv.Itoa(m.SeriesIndex), `</meta>`)
		}
	}
	ln(2, `<dc:language>`, text(bk.lang), `</dc:language>`)
	if !m.Date.IsZero() {
		ln(2, `<dc:date>`, m.Date.Format("2006-01-02"), `</dc:date>`)
	}
	if s := oneLine(m.Publisher); s != "" {
		ln(2, `<dc:publisher>`, escText(s), `</dc:publisher>`)
	}
	if s := oneLine(m.Rights); s != "" {
		ln(2, `<dc:rights>`, escText(s), `</dc:rights>`)
	}
	if s := oneLine(m.Description); s != "" {
		ln(2, `<dc:description>`, escText(s), `</dc:description>`)
	}
	for _, s := range m.Subjects {
		if s = oneLine(s); s != "" {
			ln(2, `<dc:subject>`, escText(s), `</dc:subject>`)
		}
	}
	if len(bk.pageList) > 0 && oneLine(bk.source) != "" {
		ln(2, `<dc:source id="src">`, escText(oneLine(bk.source)), `</dc:source>`)
		ln(2, `<meta refines="#src" property="source-of">pagination</meta>`)
	}
	ln(2, `<meta property="dcterms:modified">`, bk.modified.Format("2006-01-02T15:04:05Z"), `</meta>`)
	ln(2, `<meta property="schema:accessMode">textual</meta>`)
	features := []string{"structuralNavigation", "tableOfContents", "readingOrder"}
	summary := accessibilitySummary
	if len(bk.images) > 0 {
		ln(2, `<meta property="schema:accessMode">visual</meta>`)
		ln(2, `<meta property="schema:accessModeSufficient">textual,visual</meta>`)
		summary = pictureSummary
		if bk.altMissing {
			summary = pictureSummaryNoAlt
		} else {
			features = append(features, "alternativeText")
		}
	}
	if len(bk.images) == 0 || !bk.altMissing {
		ln(2, `<meta property="schema:accessModeSufficient">textual</meta>`)
	}
	if len(bk.pageList) > 0 {
		features = append(features, "pageNavigation", "printPageNumbers")
	}
	for _, f := range features {
		ln(2, `<meta property="schema:accessibilityFeature">`, f, `</meta>`)
	}
	ln(2, `<meta property="schema:accessibilityHazard">none</meta>`)
	ln(2, `<meta property="schema:accessibilitySummary">`, escText(summary), `</meta>`)
	ln(2, `<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>`)
	if bk.cover != nil {
		// For EPUB 2 reading systems, which look for the cover this way.
		ln(2, `<meta name="cover" content="cover-image"/>`)
	}
	ln(1, `</metadata>`)

	ln(1, `<manifest>`)
	item := func(id, href, mediaType, props string) {
		p := ""
		if props != "" {
			p = ` properties="` + props + `"`
		}
		ln(2, `<item id="`, id, `" href="`, escAttr(href), `" media-type="`, mediaType, `"`, p, `/>`)
	}
	item("nav", navPath, "application/xhtml+xml", "nav")
	item("ncx", ncxPath, "application/x-dtbncx+xml", "")
	if bk.css != nil {
		item("css", bookCSSPath, "text/css", "")
	}
	for i, f := range bk.fonts {
		item("font-"+strconv.Itoa(i+1), f.Path, fontTypes[strings.ToLower(path.Ext(f.Path))], "")
	}
	// Pictures are referenced from <img>, never inlined as <svg>, so no
	// content document needs the "svg" property.
	for i, im := range bk.sortedImages() {
		item("image-"+strconv.Itoa(i+1), im.path, im.mediaType, "")
	}
	if bk.cover != nil {
		item("cover-image", bk.coverImagePath(), bk.cover.MediaType, "cover-image")
		item("cover", coverPath, "application/xhtml+xml", "")
	}
	item("titlepage", titlePath, "application/xhtml+xml", "")
	for _, pt := range bk.parts {
		item(pt.itemID(), pt.path, "application/xhtml+xml", "")
	}
	if len(bk.b.Notes) > 0 {
		item("endnotes", notesPath, "application/xhtml+xml", "")
	}
	ln(1, `</manifest>`)

	ln(1, `<spine toc="ncx">`)
	if bk.cover != nil {
		ln(2, `<itemref idref="cover"/>`)
	}
	ln(2, `<itemref idref="titlepage"/>`)
	for _, pt := range bk.parts {
		ln(2, `<itemref idref="`, pt.itemID(), `"/>`)
	}
	if len(bk.b.Notes) > 0 {
		ln(2, `<itemref idref="endnotes"/>`)
	}
	ln(1, `</spine>`)
	ln(0, `</package>`)
	return []byte(b.String())
}

// ncx returns the NCX navigation file, mirroring the nav document's toc.
func (bk *book) ncx() []byte {
	m := bk.b.Meta
	type point struct {
		label, src string
		kids       []point
	}
	var conv func(es []*doc.TOCEntry) []point
	conv = func(es []*doc.TOCEntry) []point {
		var ps []point
		for _, e := range es {
			ps = append(ps, point{bk.entryTitle(e), bk.entryHref(ncxPath, e), conv(e.Children)})
		}
		return ps
	}
	points := conv(bk.tocEntries())
	if len(bk.b.Notes) > 0 {
		points = append(points, point{label: notesTitle, src: notesPath})
	}
	var depth func(ps []point) int
	depth = func(ps []point) int {
		d := 0
		for _, p := range ps {
			d = max(d, 1+depth(p.kids))
		}
		return d
	}

	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="` + escAttr(bk.lang) + `">` + "\n")
	b.WriteString("\t<head>\n")
	fmt.Fprintf(&b, "\t\t<meta name=\"dtb:uid\" content=\"%s\"/>\n", escAttr(oneLine(m.Identifier)))
	fmt.Fprintf(&b, "\t\t<meta name=\"dtb:depth\" content=\"%d\"/>\n", depth(points))
	b.WriteString("\t\t<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n")
	b.WriteString("\t\t<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n")
	b.WriteString("\t</head>\n")
	fmt.Fprintf(&b, "\t<docTitle><text>%s</text></docTitle>\n", escText(oneLine(m.Title)))
	for _, a := range m.Authors {
		if a = oneLine(a); a != "" {
			fmt.Fprintf(&b, "\t<docAuthor><text>%s</text></docAuthor>\n", escText(a))
		}
	}
	b.WriteString("\t<navMap>\n")
	order := 0
	var write func(ps []point, depth int)
	write = func(ps []point, depth int) {
		ind := strings.Repeat("\t", depth)
		for _, p := range ps {
			order++
			fmt.Fprintf(&b, "%s<navPoint id=\"navpoint-%d\" playOrder=\"%d\">\n", ind, order, order)
			fmt.Fprintf(&b, "%s\t<navLabel><text>%s</text></navLabel>\n", ind, escText(p.label))
			fmt.Fprintf(&b, "%s\t<content src=\"%s\"/>\n", ind, escAttr(p.src))
			write(p.kids, depth+1)
			fmt.Fprintf(&b, "%s</navPoint>\n", ind)
		}
	}
	write(points, 2)
	b.WriteString("\t</navMap>\n</ncx>\n")
	return []byte(b.String())
}
