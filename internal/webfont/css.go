package webfont

import (
	"regexp"
	"sort"
	"strings"
)

var (
	featureSettings = regexp.MustCompile(`(?i)font-feature-settings\s*:([^;}]*)`)
	featureTag      = regexp.MustCompile(`["']([A-Za-z0-9 ]{4})["']`)
	fontVariant     = regexp.MustCompile(`(?i)font-variant(?:-[a-z]+)?\s*:([^;}]*)`)
)

// variantFeatures are the OpenType features the CSS font-variant values
// turn on (CSS Fonts 3, "font-variant-*").
var variantFeatures = map[string][]string{
	"small-caps": {"smcp"}, "all-small-caps": {"smcp", "c2sc"}, "petite-caps": {"pcap"}, "all-petite-caps": {"pcap", "c2pc"},
	"unicase": {"unic"}, "titling-caps": {"titl"},
	"oldstyle-nums": {"onum"}, "lining-nums": {"lnum"}, "proportional-nums": {"pnum"}, "tabular-nums": {"tnum"},
	"diagonal-fractions": {"frac"}, "stacked-fractions": {"afrc"}, "ordinal": {"ordn"}, "slashed-zero": {"zero"},
	"discretionary-ligatures": {"dlig"}, "historical-ligatures": {"hlig"}, "contextual": {"calt"},
	"super": {"sups"}, "sub": {"subs"},
}

// CSSFeatures lists the OpenType features a stylesheet turns on, with
// font-feature-settings or a font-variant value, sorted: the features the
// cut fonts of an e-book must keep for its stylesheet to work.
func CSSFeatures(css []byte) []string {
	seen := map[string]bool{}
	for _, m := range featureSettings.FindAllSubmatch(css, -1) {
		for _, t := range featureTag.FindAllSubmatch(m[1], -1) {
			seen[string(t[1])] = true
		}
	}
	for _, m := range fontVariant.FindAllSubmatch(css, -1) {
		for _, w := range strings.Fields(strings.ToLower(string(m[1]))) {
			for _, f := range variantFeatures[w] {
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
