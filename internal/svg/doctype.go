package svg

import "bytes"

// WithoutExternalDTD returns the SVG file with the external identifier
// of its document type declaration removed (`PUBLIC "-//W3C//DTD SVG
// 1.1//EN" "…svg11.dtd"`, as Graphviz and older Inkscape write): EPUB 3
// forbids external DTDs and EPUBCheck reports every entity of SVG 1.1's.
// An internal subset (the entities Illustrator declares) is kept; a
// declaration left with nothing is dropped whole. Files without an
// external identifier come back unchanged, as the same slice.
func WithoutExternalDTD(data []byte) []byte {
	start := bytes.Index(data, []byte("<!DOCTYPE"))
	if start < 0 {
		return data
	}
	if root := bytes.Index(data, []byte("<svg")); root >= 0 && root < start {
		return data
	}
	i := start + len("<!DOCTYPE")
	skipSpace := func() {
		for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
			i++
		}
	}
	word := func() string {
		s := i
		for i < len(data) && !bytes.ContainsRune([]byte(" \t\r\n[>\"'"), rune(data[i])) {
			i++
		}
		return string(data[s:i])
	}
	quoted := func() bool {
		if i >= len(data) || (data[i] != '"' && data[i] != '\'') {
			return false
		}
		end := bytes.IndexByte(data[i+1:], data[i])
		if end < 0 {
			return false
		}
		i += end + 2
		return true
	}
	skipSpace()
	name := word()
	skipSpace()
	idStart := i
	switch word() {
	case "PUBLIC":
		skipSpace()
		if !quoted() {
			return data
		}
		skipSpace()
		quoted() // the system literal
	case "SYSTEM":
		skipSpace()
		if !quoted() {
			return data
		}
	default:
		return data // no external identifier
	}
	idEnd := i
	skipSpace()
	var subset []byte
	if i < len(data) && data[i] == '[' {
		end := internalSubsetEnd(data, i+1)
		if end < 0 {
			return data
		}
		subset = data[i : end+1]
		i = end + 1
		skipSpace()
	}
	if i >= len(data) || data[i] != '>' || idEnd <= idStart {
		return data
	}
	end := i + 1
	var out []byte
	out = append(out, data[:start]...)
	if subset != nil {
		out = append(out, "<!DOCTYPE "+name+" "...)
		out = append(out, subset...)
		out = append(out, '>')
	} else if end < len(data) && data[end] == '\n' {
		end++
	} else if end+1 < len(data) && data[end] == '\r' && data[end+1] == '\n' {
		end += 2
	}
	return append(out, data[end:]...)
}

// internalSubsetEnd finds the ']' that closes an internal subset starting
// at i, past quoted literals and comments.
func internalSubsetEnd(data []byte, i int) int {
	for i < len(data) {
		switch {
		case data[i] == '"' || data[i] == '\'':
			end := bytes.IndexByte(data[i+1:], data[i])
			if end < 0 {
				return -1
			}
			i += end + 2
		case bytes.HasPrefix(data[i:], []byte("<!--")):
			end := bytes.Index(data[i+4:], []byte("-->"))
			if end < 0 {
				return -1
			}
			i += end + 7
		case data[i] == ']':
			return i
		default:
			i++
		}
	}
	return -1
}
