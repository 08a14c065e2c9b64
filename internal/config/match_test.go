package config

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// The patterns book.toml's checks used before they became loops; the loops
// must say what the patterns say, on anything.
var (
	uuidURNPattern  = regexp.MustCompile(`^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	langTagPattern  = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)
	slugCharPattern = regexp.MustCompile(`[^a-z0-9]+`)
)

func keyLinePattern(key string) *regexp.Regexp {
	return regexp.MustCompile(`^\s*(\[\s*)?"?` + regexp.QuoteMeta(key) + `"?\s*(=|\])`)
}

func FuzzChecksMatchPatterns(f *testing.F) {
	for _, s := range []string{
		"en", "en-GB", "zh-Hant-TW", "e", "engl", "en-", "-en", "en--GB", "en-G", "en-abcdefghi", "de-1996", "1a",
		"urn:uuid:0e2fcf6a-5b3e-4c39-9a1d-2b1f4c7d8e9f", "urn:uuid:0E2FCF6A-5B3E-4C39-9A1D-2B1F4C7D8E9F",
		"urn:uuid:0e2fcf6a-5b3e-4c39-9a1d-2b1f4c7d8e9", "urn:uuid:0e2fcf6a5b3e-4c39-9a1d-2b1f4c7d8e9ff", "URN:uuid:x",
		"The Great Leap Forward", "“In Agriculture, Learn from Dazhai”", "--a--b--", "Ünïcödé \xff\xfe title", "",
	} {
		f.Add(s, "title")
	}
	for _, l := range []string{`title = "x"`, `  [ contents ]`, `"title"= 1`, `title"  ]`, `titles = 1`, "\ttitle\r=", `[[title]]`, `x title = 1`, `title`} {
		f.Add(l, "title")
	}
	f.Add(`"a.b" = 1`, "a.b")
	f.Fuzz(func(t *testing.T, s, key string) {
		if got, want := IsLanguageTag(s), langTagPattern.MatchString(s); got != want {
			t.Errorf("IsLanguageTag(%q) = %v, the pattern says %v", s, got, want)
		}
		if got, want := isUUIDURN(s), uuidURNPattern.MatchString(s); got != want {
			t.Errorf("isUUIDURN(%q) = %v, the pattern says %v", s, got, want)
		}
		if got, want := Slugify(s), slugifyByPattern(s); got != want {
			t.Errorf("Slugify(%q) = %q, the pattern gives %q", s, got, want)
		}
		if !utf8.ValidString(key) {
			return // keys are press's own names; a pattern must be UTF-8
		}
		if got, want := keyOnLine([]byte(s), key), keyLinePattern(key).MatchString(s); got != want {
			t.Errorf("keyOnLine(%q, %q) = %v, the pattern says %v", s, key, got, want)
		}
	})
}

func slugifyByPattern(s string) string {
	s = slugCharPattern.ReplaceAllString(strings.ToLower(s), "-")
	s = strings.Trim(s, "-")
	if s == "" {
		return "book"
	}
	return s
}
