package font

import (
	"os"
	"testing"
)

// TestRightToLeftStretch: a Hebrew word inside left-to-right text is
// shaped right to left, its glyphs in the order they are seen (clusters
// falling), between the Latin letters around it, which keep theirs.
func TestRightToLeftStretch(t *testing.T) {
	data, err := os.ReadFile(fontDir + "DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	s := "ab\u05e9\u05dc\u05d5\u05dd,c" // ab, shalom, a comma, c
	gs := f.Shape(s)
	var clusters []int32
	for _, g := range gs {
		clusters = append(clusters, g.Cluster)
	}
	// a=0 b=1, then the Hebrew letters at bytes 2, 4, 6, 8 seen from the
	// last (final mem) to the first (shin), then the comma and c.
	want := []int32{0, 1, 8, 6, 4, 2, 10, 11}
	if len(clusters) != len(want) {
		t.Fatalf("clusters %v, want %v", clusters, want)
	}
	for i := range want {
		if clusters[i] != want[i] {
			t.Fatalf("clusters %v, want %v", clusters, want)
		}
	}
	if gs[2].ID != f.Glyph('\u05dd') || gs[5].ID != f.Glyph('\u05e9') {
		t.Errorf("the final mem should be drawn leftmost and the shin rightmost: glyphs %v", gs)
	}
	// Nikud (combining points) stay with their letters inside the stretch.
	if gs := f.Shape("x\u05e9\u05c1\u05b8y"); gs[0].Cluster != 0 || gs[len(gs)-1].Cluster != int32(len("x\u05e9\u05c1\u05b8")) {
		t.Errorf("pointed letter: clusters of %v", gs)
	}
}
