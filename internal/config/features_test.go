package config

import (
	"fmt"
	"strings"
	"testing"
)

func TestCheckFeature(t *testing.T) {
	for _, s := range []string{"onum", "-liga", "+smcp", "ss01", "ss20", "cv99", "c2sc", "zero"} {
		if msg := checkFeature(s); msg != "" {
			t.Errorf("%q refused: %s", s, msg)
		}
	}
	for _, s := range []string{"", "smpc", "ss21", "ss00", "cv00", "ssab", "liga=1", "LIGA", "-", "onumx"} {
		if checkFeature(s) == "" {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestStyleFeatures(t *testing.T) {
	l := DefaultLayout()
	l.Fonts.Features = []string{"onum", "pnum", "ss11", "-liga"}
	for style, want := range map[string]string{
		"":                "[onum pnum ss11 -liga]",
		"lnum tnum":       "[ss11 -liga lnum tnum]",
		"+liga":           "[onum pnum ss11 +liga]",
		"-onum smcp":      "[pnum ss11 -liga -onum smcp]",
		"ss11 -liga lnum": "[pnum ss11 -liga lnum]",
	} {
		if got := fmt.Sprint(l.StyleFeatures(strings.Fields(style))); got != want {
			t.Errorf("%q over %v: %s, want %s", style, l.Fonts.Features, got, want)
		}
	}
}
