package pdf

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"strconv"
	"unicode/utf16"

	"press/internal/deflate"
)

// objWriter writes numbered PDF objects to w as they are made and keeps
// only their offsets, so a document of any length costs the memory of one
// object at a time. Object numbers are handed out with alloc and each must
// be written exactly once, in any order.
type objWriter struct {
	w       *bufio.Writer
	n       int64     // bytes written so far
	sum     hash.Hash // of every byte written: the document's /ID
	offsets []int64   // by object number; 0 while not yet written
	zbuf    []byte    // compressed stream data, reused
	err     error
}

func newObjWriter(w io.Writer) *objWriter {
	o := &objWriter{w: bufio.NewWriterSize(w, 64<<10), sum: sha256.New(), offsets: []int64{0}}
	// The comment of high bytes marks the file as binary for transfer tools.
	o.raw("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return o
}

func (o *objWriter) raw(s string) {
	if o.err != nil {
		return
	}
	n, err := o.w.WriteString(s)
	o.sum.Write([]byte(s))
	o.n += int64(n)
	o.err = err
}

func (o *objWriter) rawBytes(b []byte) {
	if o.err != nil {
		return
	}
	n, err := o.w.Write(b)
	o.sum.Write(b)
	o.n += int64(n)
	o.err = err
}

// alloc reserves an object number.
func (o *objWriter) alloc() int {
	o.offsets = append(o.offsets, 0)
	return len(o.offsets) - 1
}

// obj writes object num with the given body (a dictionary, array, ...).
func (o *objWriter) obj(num int, body string) {
	o.begin(num)
	o.raw(body)
	o.raw("\nendobj\n")
}

func (o *objWriter) begin(num int) {
	if o.offsets[num] != 0 && o.err == nil {
		o.err = fmt.Errorf("pdf: object %d written twice", num)
	}
	o.offsets[num] = o.n
	o.raw(strconv.Itoa(num) + " 0 obj\n")
}

// stream writes object num as a stream with the dictionary entries dict
// (without << >> and /Length), compressed with Flate when compress is set
// (at deflate.Level, with the compressors the EPUB writer shares).
func (o *objWriter) stream(num int, dict string, data []byte, compress bool) {
	if compress {
		o.zbuf = deflate.AppendZlib(o.zbuf[:0], data)
		data = o.zbuf
		dict += "/Filter/FlateDecode"
	}
	o.begin(num)
	o.raw("<<" + dict + "/Length " + strconv.Itoa(len(data)) + ">>\nstream\n")
	o.rawBytes(data)
	o.raw("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and the trailer.
func (o *objWriter) finish(root, info int) error {
	for i, off := range o.offsets[1:] {
		if off == 0 && o.err == nil {
			o.err = fmt.Errorf("pdf: object %d allocated but never written", i+1)
		}
	}
	id := fmt.Sprintf("%x", o.sum.Sum(nil)[:16])
	xref := o.n
	o.raw("xref\n0 " + strconv.Itoa(len(o.offsets)) + "\n0000000000 65535 f \n")
	var b []byte
	for _, off := range o.offsets[1:] {
		b = fmt.Appendf(b[:0], "%010d 00000 n \n", off)
		o.rawBytes(b)
	}
	o.raw(fmt.Sprintf("trailer\n<</Size %d/Root %d 0 R/Info %d 0 R/ID[<%s><%s>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(o.offsets), root, info, id, id, xref))
	if o.err != nil {
		return o.err
	}
	return o.w.Flush()
}

// ref formats an indirect reference.
func ref(num int) string { return strconv.Itoa(num) + " 0 R" }

// num formats a number in at most three decimals, without trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// appendNum is num appending to b.
func appendNum(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', 3, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b
}

// text formats a text string: PDFDocEncoding-safe ASCII as a literal
// string, anything else as UTF-16BE with a byte order mark, in hex.
func text(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return literal(s)
	}
	b := []byte("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b = fmt.Appendf(b, "%04X", u)
	}
	return string(append(b, '>'))
}

// literal formats an ASCII string as a PDF literal string.
func literal(s string) string {
	b := []byte{'('}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return string(append(b, ')'))
}

// name formats a PDF name, escaping bytes outside the regular characters.
func name(s string) string {
	b := []byte{'/'}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '!' || c > '~' || bytes.IndexByte([]byte("#()<>[]{}/%"), c) >= 0 {
			b = fmt.Appendf(b, "#%02X", c)
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}
