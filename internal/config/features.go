package config

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// registeredFeatures are the OpenType layout feature tags of the OpenType
// specification's feature registry, each followed by a space; cv01–cv99
// and ss01–ss20 are checked by pattern. A constant string, not a map
// filled when the program starts (a look-up is a layout's few features).
const registeredFeatures = "aalt abvf abvm abvs afrc akhn apkn blwf blwm blws calt case ccmp cfar chws cjct clig cpct cpsp cswh " +
	"curs c2pc c2sc dist dlig dnom dtls expt falt fin2 fin3 fina flac frac fwid half haln halt hist hkna " +
	"hlig hngl hojo hwid init isol ital jalt jp78 jp83 jp90 jp04 kern lfbd liga ljmo lnum locl ltra ltrm " +
	"mark med2 medi mgrk mkmk mset nalt nlck nukt numr onum opbd ordn ornm palt pcap pkna pnum pref pres " +
	"pstf psts pwid qwid rand rclt rkrf rlig rphf rtbd rtla rtlm ruby rvrn salt sinf size smcp smpl ssty " +
	"stch subs sups swsh titl tjmo tnam tnum trad twid unic valt vatu vchw vert vhal vjmo vkna vkrn vpal " +
	"vrt2 vrtr zero "

// checkFeature says what is wrong with an OpenType feature setting of a
// layout ("onum", "+smcp", "-liga"), or "" when it is good.
func checkFeature(s string) string {
	tag := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	switch {
	case len(tag) == 4 && !strings.Contains(tag, " ") && strings.Contains(registeredFeatures, tag+" "):
		// Four characters without a space before a space are one
		// whole tag of the list.
		return ""
	case len(tag) == 4 && (tag[:2] == "ss" && tag[2:] >= "01" && tag[2:] <= "20" || tag[:2] == "cv" && tag[2:] >= "01" && tag[2:] <= "99") && isDigits(tag[2:]):
		return ""
	}
	return fmt.Sprintf("%q is not an OpenType feature tag", s)
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Features are OpenType features for one kind of text each, over
// [fonts] features: "onum" turns old-style figures on in running text,
// "lnum" lining figures in tables, "smcp" small capitals in the running
// heads, "-liga" ligatures off in code. The PDF shapes each kind with its
// features; the e-book sets them with font-feature-settings on the
// matching elements.
type Features struct {
	Body     []string `toml:"body"`     // paragraphs and lists
	Quotes   []string `toml:"quotes"`   // block quotations
	Headings []string `toml:"headings"` // section headings
	Notes    []string `toml:"notes"`    // endnotes
	Tables   []string `toml:"tables"`   // table cells
	Captions []string `toml:"captions"` // figure and table captions
	Code     []string `toml:"code"`     // code blocks and inline code
	Title    []string `toml:"title"`    // title page and cover
	Contents []string `toml:"contents"` // the contents page
	Heads    []string `toml:"heads"`    // running heads and folios
}

// StyleFeatures is one kind of text and its features.
type StyleFeatures struct {
	Style    string // the [features] key: "body", "tables", …
	Features []string
}

// ByStyle lists every kind of text with its features, in a fixed order.
func (f Features) ByStyle() []StyleFeatures {
	return []StyleFeatures{{"body", f.Body}, {"quotes", f.Quotes}, {"headings", f.Headings}, {"notes", f.Notes},
		{"tables", f.Tables}, {"captions", f.Captions}, {"code", f.Code}, {"title", f.Title},
		{"contents", f.Contents}, {"heads", f.Heads}}
}

// checkFeatures reports every feature setting of [fonts] features and of
// [features] that is not an OpenType feature tag, at its line.
func (l *Layout) checkFeatures(data []byte, bad func(line int, hint, format string, args ...any)) {
	const hint = `write a registered OpenType feature tag ("onum", "lnum", "smcp", "ss01", "cv02"…), with "-" before it to turn it off`
	for _, s := range l.Fonts.Features {
		if msg := checkFeature(s); msg != "" {
			bad(sectionKeyLine(data, "fonts", "features"), hint, "[fonts] features: %s", msg)
		}
	}
	for _, sf := range l.Features.ByStyle() {
		for _, s := range sf.Features {
			if msg := checkFeature(s); msg != "" {
				bad(sectionKeyLine(data, "features", sf.Style), hint, "[features] %s: %s", sf.Style, msg)
			}
		}
	}
}

// sectionKeyLine is the line of key in the [section] table of a TOML
// file, 0 when it is not there.
func sectionKeyLine(data []byte, section, key string) int {
	header := regexp.MustCompile(`^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]`)
	keyRe := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	in := false
	for i, line := range bytes.Split(data, []byte("\n")) {
		if m := header.FindSubmatch(line); m != nil {
			in = string(m[1]) == section
			continue
		}
		if in && keyRe.Match(line) {
			return i + 1
		}
	}
	return 0
}

// exclusive are the features of which one undoes the other: a kind of
// text that asks for lining figures does not keep the old-style figures
// [fonts] features asks for everywhere.
var exclusive = map[string]string{"onum": "lnum", "lnum": "onum", "pnum": "tnum", "tnum": "pnum"}

// StyleFeatures is [fonts] features with the features of one kind of
// text over them: a feature the kind names (on or off), or whose
// exclusive partner it turns on, leaves the general list.
func (l *Layout) StyleFeatures(style []string) []string {
	named := map[string]bool{}
	for _, f := range style {
		tag := strings.TrimLeft(f, "+-")
		named[tag] = true
		if !strings.HasPrefix(f, "-") && exclusive[tag] != "" {
			named[exclusive[tag]] = true
		}
	}
	var out []string
	for _, f := range l.Fonts.Features {
		if !named[strings.TrimLeft(f, "+-")] {
			out = append(out, f)
		}
	}
	return append(out, style...)
}
