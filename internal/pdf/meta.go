package pdf

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"time"

	"press/internal/page"
)

// writeOutline writes the bookmarks as a tree by level, every entry open,
// and returns the outline dictionary's object (0 when there is none).
func (pw *Writer) writeOutline(entries []page.Outline) int {
	if len(entries) == 0 {
		return 0
	}
	o := pw.o
	type node struct {
		e                       page.Outline
		obj                     int
		parent                  *node
		first, last, prev, next *node
		descendants             int
	}
	root := &node{obj: o.alloc(), e: page.Outline{Level: -1}}
	nodes := make([]*node, len(entries))
	stack := []*node{root} // the open ancestors of the next entry
	for i, e := range entries {
		n := &node{e: e, obj: o.alloc()}
		nodes[i] = n
		for len(stack) > 1 && stack[len(stack)-1].e.Level >= e.Level {
			stack = stack[:len(stack)-1]
		}
		p := stack[len(stack)-1]
		n.parent = p
		if p.first == nil {
			p.first = n
		} else {
			p.last.next, n.prev = n, p.last
		}
		p.last = n
		for _, a := range stack {
			a.descendants++
		}
		stack = append(stack, n)
	}
	for _, n := range nodes {
		b := "<</Title" + text(n.e.Title) + "/Parent " + ref(n.parent.obj) + "/Dest" + text(n.e.Dest)
		if n.first != nil {
			b += "/First " + ref(n.first.obj) + "/Last " + ref(n.last.obj) + "/Count " + strconv.Itoa(n.descendants)
		}
		if n.prev != nil {
			b += "/Prev " + ref(n.prev.obj)
		}
		if n.next != nil {
			b += "/Next " + ref(n.next.obj)
		}
		o.obj(n.obj, b+">>")
	}
	o.obj(root.obj, "<</Type/Outlines/First "+ref(root.first.obj)+"/Last "+ref(root.last.obj)+"/Count "+strconv.Itoa(root.descendants)+">>")
	return root.obj
}

// pageLabels numbers the pages as printed: runs of roman and arabic folios
// become label ranges, and unnumbered pages (cover, openings, blanks) take
// the number their place in the run implies. It returns "" when the pages
// print no folios.
func pageLabels(folios []string) string {
	type lab struct {
		style string // "D", "r" or "" (none)
		n     int
	}
	labels := make([]lab, len(folios))
	any := false
	for i, f := range folios {
		if n, err := strconv.Atoi(f); err == nil && n > 0 {
			labels[i] = lab{"D", n}
			any = true
		} else if n := roman(f); n > 0 {
			labels[i] = lab{"r", n}
			any = true
		}
	}
	if !any {
		return ""
	}
	// Unnumbered pages count back from the next numbered page in the same
	// run, or on from the previous one; pages before any number get none.
	for i := len(labels) - 2; i >= 0; i-- {
		if labels[i].style == "" && labels[i+1].style != "" && labels[i+1].n > 1 {
			labels[i] = lab{labels[i+1].style, labels[i+1].n - 1}
		}
	}
	for i := 1; i < len(labels); i++ {
		if labels[i].style == "" && labels[i-1].style != "" {
			labels[i] = lab{labels[i-1].style, labels[i-1].n + 1}
		}
	}
	var b strings.Builder
	b.WriteString("<</Nums[")
	for i, l := range labels {
		if i > 0 && l.style == labels[i-1].style && (l.style == "" || l.n == labels[i-1].n+1) {
			continue
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(i))
		if l.style == "" {
			b.WriteString("<<>>")
			continue
		}
		b.WriteString("<</S/" + l.style)
		if l.n != 1 {
			b.WriteString("/St " + strconv.Itoa(l.n))
		}
		b.WriteString(">>")
	}
	b.WriteString("]>>")
	return b.String()
}

// roman reads a lower-case roman numeral, 0 if s is not one.
func roman(s string) int {
	if s == "" || strings.Trim(s, "ivxlc") != "" {
		return 0
	}
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100}
	n := 0
	for i := 0; i < len(s); i++ {
		v := val[s[i]]
		if i+1 < len(s) && val[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

func pdfDate(t time.Time) string {
	return "D:" + t.UTC().Format("20060102150405") + "Z"
}

func infoDict(m page.Meta) string {
	var b strings.Builder
	b.WriteString("<<")
	add := func(k, v string) {
		if v != "" {
			b.WriteString("/" + k + text(v))
		}
	}
	add("Title", m.Title)
	add("Author", m.Author)
	add("Subject", m.Subject)
	add("Keywords", m.Keywords)
	add("Creator", m.Creator)
	add("Producer", Producer)
	add("CreationDate", pdfDate(m.Date))
	add("ModDate", pdfDate(m.Date))
	b.WriteString(">>")
	return b.String()
}

// xmp is the document's XMP metadata packet, saying what the info
// dictionary says, for readers and archives that look only here.
func xmp(m page.Meta) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	date := m.Date.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	if m.Title != "" {
		b.WriteString("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(m.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	}
	if m.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq>")
		for _, a := range strings.Split(m.Author, ", ") {
			b.WriteString("<rdf:li>" + esc(a) + "</rdf:li>")
		}
		b.WriteString("</rdf:Seq></dc:creator>\n")
	}
	if m.Subject != "" {
		b.WriteString("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(m.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if m.Language != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + esc(m.Language) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	if m.Keywords != "" {
		b.WriteString("<pdf:Keywords>" + esc(m.Keywords) + "</pdf:Keywords>\n")
	}
	b.WriteString("<pdf:Producer>" + Producer + "</pdf:Producer>\n")
	if m.Creator != "" {
		b.WriteString("<xmp:CreatorTool>" + esc(m.Creator) + "</xmp:CreatorTool>\n")
	}
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return []byte(b.String())
}
