package webfont

import (
	"sort"
	"strings"
)

// variantFeatures are the OpenType features a CSS font-variant value
// turns on (CSS Fonts 3, "font-variant-*"). A switch, not a map: it costs
// nothing when the program starts.
func variantFeatures(value string) []string {
	switch value {
	case "small-caps":
		return []string{"smcp"}
	case "all-small-caps":
		return []string{"smcp", "c2sc"}
	case "petite-caps":
		return []string{"pcap"}
	case "all-petite-caps":
		return []string{"pcap", "c2pc"}
	case "unicase":
		return []string{"unic"}
	case "titling-caps":
		return []string{"titl"}
	case "oldstyle-nums":
		return []string{"onum"}
	case "lining-nums":
		return []string{"lnum"}
	case "proportional-nums":
		return []string{"pnum"}
	case "tabular-nums":
		return []string{"tnum"}
	case "diagonal-fractions":
		return []string{"frac"}
	case "stacked-fractions":
		return []string{"afrc"}
	case "ordinal":
		return []string{"ordn"}
	case "slashed-zero":
		return []string{"zero"}
	case "discretionary-ligatures":
		return []string{"dlig"}
	case "historical-ligatures":
		return []string{"hlig"}
	case "contextual":
		return []string{"calt"}
	case "super":
		return []string{"sups"}
	case "sub":
		return []string{"subs"}
	}
	return nil
}

// CSSFeatures lists the OpenType features a stylesheet turns on, with
// font-feature-settings or a font-variant value, sorted: the features the
// cut fonts of an e-book must keep for its stylesheet to work.
func CSSFeatures(css []byte) []string {
	seen := map[string]bool{}
	for _, v := range declarations(css, "font-feature-settings", false) {
		for _, t := range quotedTags(v) {
			seen[t] = true
		}
	}
	for _, v := range declarations(css, "font-variant", true) {
		for _, w := range strings.Fields(strings.ToLower(string(v))) {
			for _, f := range variantFeatures(w) {
				seen[f] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// declarations returns the values of the declarations of property in a
// stylesheet, and with longhands of its "property-name" longhands too: each
// value runs from after the colon to the next ";" or "}". The property's
// name is matched without regard to ASCII case, with white space allowed
// before the colon, as CSS reads it. (A scanner, not a regular expression:
// compiling three patterns was a visible part of a pamphlet's build.)
func declarations(css []byte, property string, longhands bool) [][]byte {
	var out [][]byte
	for i := 0; i+len(property) <= len(css); {
		at := indexFold(css[i:], property)
		if at < 0 {
			break
		}
		start := i + at
		j := start + len(property)
		if longhands && j < len(css) && css[j] == '-' {
			k := j + 1
			for k < len(css) && isASCIILetter(css[k]) {
				k++
			}
			if k > j+1 {
				j = k
			}
		}
		for j < len(css) && isSpace(css[j]) {
			j++
		}
		if j >= len(css) || css[j] != ':' {
			i = start + 1
			continue
		}
		j++
		end := j
		for end < len(css) && css[end] != ';' && css[end] != '}' {
			end++
		}
		out = append(out, css[j:end])
		i = end
	}
	return out
}

// quotedTags returns the four-character feature tags quoted in a
// font-feature-settings value ("smcp", 'ss01'), in order.
func quotedTags(v []byte) []string {
	var out []string
	for i := 0; i+6 <= len(v); {
		if isQuote(v[i]) && isQuote(v[i+5]) && isTagChar(v[i+1]) && isTagChar(v[i+2]) && isTagChar(v[i+3]) && isTagChar(v[i+4]) {
			out = append(out, string(v[i+1:i+5]))
			i += 6
			continue
		}
		i++
	}
	return out
}

// indexFold is bytes.Index that ignores ASCII case; word is lower case.
func indexFold(s []byte, word string) int {
next:
	for i := 0; i+len(word) <= len(s); i++ {
		for k := 0; k < len(word); k++ {
			c := s[i+k]
			if isASCIILetter(c) {
				c |= 0x20
			}
			if c != word[k] {
				continue next
			}
		}
		return i
	}
	return -1
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isSpace(c byte) bool       { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
func isQuote(c byte) bool       { return c == '"' || c == '\'' }
func isTagChar(c byte) bool {
	return c >= '0' && c <= '9' || isASCIILetter(c) || c == ' '
}
