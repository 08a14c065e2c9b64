package webfont

import (
	"fmt"
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
