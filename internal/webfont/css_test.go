package webfont

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func TestCSSFeatures(t *testing.T) {
	for css, want := range map[string]string{
		`body { font-feature-settings: "ss11" 1, 'onum'; }`:                                      "[onum ss11]",
		`h1 { font-variant: small-caps; } td { font-variant-numeric: lining-nums tabular-nums }`: "[lnum smcp tnum]",
		`p.x{FONT-VARIANT-CAPS:all-small-caps}`:                                                  "[c2sc smcp]",
		`p { font-family: "Vollkorn"; content: "liga" }`:                                         "[]",
		`p { font-variant-ligatures: discretionary-ligatures; font-variant-position: super }`:    "[dlig sups]",
	} {
		if got := fmt.Sprint(CSSFeatures([]byte(css))); got != want {
			t.Errorf("%s: %s, want %s", css, got, want)
		}
	}
}

// The patterns CSSFeatures used to read a stylesheet with; its scanner must
// find what they find. (They differ only where Unicode case folding would
// take "ſ" for "s" or the Kelvin sign for "k", which CSS does not.)
var (
	featureSettingsPattern = regexp.MustCompile(`(?i)font-feature-settings\s*:([^;}]*)`)
	featureTagPattern      = regexp.MustCompile(`["']([A-Za-z0-9 ]{4})["']`)
	fontVariantPattern     = regexp.MustCompile(`(?i)font-variant(?:-[a-z]+)?\s*:([^;}]*)`)
)

func cssFeaturesByPattern(css []byte) []string {
	seen := map[string]bool{}
	for _, m := range featureSettingsPattern.FindAllSubmatch(css, -1) {
		for _, t := range featureTagPattern.FindAllSubmatch(m[1], -1) {
			seen[string(t[1])] = true
		}
	}
	for _, m := range fontVariantPattern.FindAllSubmatch(css, -1) {
		for _, w := range strings.Fields(strings.ToLower(string(m[1]))) {
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

func FuzzCSSFeaturesMatchesPatterns(f *testing.F) {
	for _, s := range []string{
		`body { font-feature-settings: "ss11" 1, 'onum'; }`,
		`h1 { font-variant: small-caps; } td { font-variant-numeric: lining-nums tabular-nums }`,
		`p.x{FONT-VARIANT-CAPS:all-small-caps}`,
		`p { font-variant-: small-caps; font-variant-caps x: petite-caps; font-variant :unicase}`,
		`a{font-feature-settings:"liga"'kern"x'}b{font-feature-settings :"a b "}`,
		`font-feature-settings: font-feature-settings: "smcp"`,
		`font-variant-east-asian: ordinal; FoNt-VaRiAnT-pOsItIoN
:super`,
		`font-feature-settings:"onu"m"`,
		"font-feature-settings\t\f\r\n: \"frac\"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, css []byte) {
		if bytes.ContainsRune(css, 'ſ') || bytes.ContainsRune(css, '\u212a') {
			t.Skip()
		}
		got, want := fmt.Sprint(CSSFeatures(css)), fmt.Sprint(cssFeaturesByPattern(css))
		if got != want {
			t.Errorf("%q: %s, the patterns find %s", css, got, want)
		}
	})
}
