package svg

import "testing"

func TestWithoutExternalDTD(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg/>",
			"<?xml version=\"1.0\"?>\n<svg/>"},
		{"<!DOCTYPE svg SYSTEM 'x.dtd'><svg/>", "<svg/>"},
		{"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.0//EN\" \"a.dtd\" [\n<!ENTITY ns_svg \"http://www.w3.org/2000/svg\"> <!-- ] -->\n]>\n<svg xmlns=\"&ns_svg;\"/>",
			"<!DOCTYPE svg [\n<!ENTITY ns_svg \"http://www.w3.org/2000/svg\"> <!-- ] -->\n]>\n<svg xmlns=\"&ns_svg;\"/>"},
		{"<!DOCTYPE svg [<!ENTITY a \"b\">]><svg/>", "<!DOCTYPE svg [<!ENTITY a \"b\">]><svg/>"},
		{"<svg><!-- <!DOCTYPE svg SYSTEM 'x'> --></svg>", "<svg><!-- <!DOCTYPE svg SYSTEM 'x'> --></svg>"},
		{"<!DOCTYPE svg PUBLIC \"unclosed><svg/>", "<!DOCTYPE svg PUBLIC \"unclosed><svg/>"},
		{"<svg/>", "<svg/>"},
	} {
		if got := string(WithoutExternalDTD([]byte(c.in))); got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
