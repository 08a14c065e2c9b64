package epub

import (
	"strings"
	"unicode/utf8"
)

// cleanText returns s with every character that may not appear in an XHTML
// document removed: characters outside the XML Char production (C0 controls
// other than tab and newline, lone surrogates, U+FFFE and U+FFFF), C1
// controls and the Unicode noncharacters U+FDD0–U+FDEF, which HTML treats as
// parse errors. Invalid UTF-8 becomes U+FFFD. A carriage return is dropped
// before a newline and becomes a newline otherwise.
func cleanText(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case allowedRune(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\r' || r == utf8.RuneError && size == 1 || !allowedRune(r) {
			return false
		}
		i += size
	}
	return true
}

func allowedRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return true
	case r < 0x20:
		return false
	case r == 0x7f:
		return false
	case r >= 0x80 && r <= 0x9f:
		return false
	case r >= 0xd800 && r <= 0xdfff:
		return false
	case r >= 0xfdd0 && r <= 0xfdef:
		return false
	case r&0xfffe == 0xfffe: // U+FFFE, U+FFFF and their counterparts in every plane
		return false
	}
	return r <= utf8.MaxRune
}

// The escapers write the markup characters as entities; everything else
// stays literal UTF-8. Attributes also keep tabs and newlines as
// character references, so attribute-value normalisation does not turn
// them into spaces.
var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\t", "&#9;", "\n", "&#10;")
)

// escText escapes character data: the result is safe between tags.
func escText(s string) string { return textEscaper.Replace(cleanText(s)) }

// escAttr escapes an attribute value for use between double quotes.
func escAttr(s string) string { return attrEscaper.Replace(cleanText(s)) }

// oneLine collapses runs of white space (including line breaks) into single
// spaces and trims the ends: for titles, labels and metadata values.
func oneLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// escFragment makes an id usable as a URL fragment: ASCII bytes that RFC
// 3986 does not allow in a fragment (space, quotes, '#', '%', …) are
// percent-encoded; non-ASCII characters stay literal, as IRIs allow.
// (Measured: epubcheck-ts does not decode percent-encoded fragments in the
// NCX and in same-document links, and reports them as missing; literal
// UTF-8 passes both EPUBCheck 4.2.6 and epubcheck-ts.) The result still
// needs escAttr.
func escFragment(id string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		if fragmentByte(c) || c >= 0x80 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func fragmentByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0
}

// cssString quotes s as a CSS string.
func cssString(s string) string {
	s = oneLine(s)
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
