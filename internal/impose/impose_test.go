package impose

import (
	"fmt"
	"reflect"
	"testing"

	"press/internal/page"
)

func TestOrderEightPages(t *testing.T) {
	want := [][2]int{{8, 1}, {2, 7}, {6, 3}, {4, 5}}
	if got := Order(8, 0); !reflect.DeepEqual(got, want) {
		t.Errorf("Order(8) = %v, want %v", got, want)
	}
}

func TestOrderPadsWithBlanksAtTheEnd(t *testing.T) {
	// 6 pages → 8: pages 7 and 8 are blank.
	want := [][2]int{{0, 1}, {2, 0}, {6, 3}, {4, 5}}
	if got := Order(6, 0); !reflect.DeepEqual(got, want) {
		t.Errorf("Order(6) = %v, want %v", got, want)
	}
}

// TestOrderIsAFoldedBook simulates printing and folding: stacking the
// sheets of each signature, folding, and reading the pages in order must
// give 1, 2, 3, … for every page count and signature size.
func TestOrderIsAFoldedBook(t *testing.T) {
	for n := 1; n <= 70; n++ {
		for _, sig := range []int{0, 1, 2, 3, 5} {
			sides := Order(n, sig)
			total := (n + 3) / 4 * 4
			if len(sides) != total/2 {
				t.Fatalf("n=%d sig=%d: %d sides, want %d", n, sig, len(sides), total/2)
			}
			var read []int
			per := total
			if sig > 0 && 4*sig < total {
				per = 4 * sig
			}
			for s := 0; s < len(sides); s += per / 2 {
				end := min(s+per/2, len(sides))
				sigSides := sides[s:end]
				sheets := len(sigSides) / 2
				// Folded signature: first halves go right-fronts outward in,
				// then back out: read front-right of sheet k, back-left of
				// sheet k for k = 0..; then back-right and front-left from
				// the innermost sheet outward.
				for k := 0; k < sheets; k++ {
					read = append(read, sigSides[2*k][1], sigSides[2*k+1][0])
				}
				for k := sheets - 1; k >= 0; k-- {
					read = append(read, sigSides[2*k+1][1], sigSides[2*k][0])
				}
			}
			for i, p := range read {
				want := i + 1
				if want > n {
					want = 0
				}
				if p != want {
					t.Fatalf("n=%d sig=%d: folded booklet reads %v", n, sig, read)
				}
			}
		}
	}
}

func TestSheetFor(t *testing.T) {
	cases := []struct {
		w, h page.SP
		want string
	}{
		{page.FromMM(148), page.FromMM(210), "A4"},
		{page.FromPT(396), page.FromPT(612), "Letter"},
		{page.FromMM(152.4), page.FromMM(228.6), "A3"},
		{page.FromMM(210), page.FromMM(297), "A3"},
		{page.FromMM(400), page.FromMM(600), "custom"},
	}
	for _, c := range cases {
		if got := SheetFor(c.w, c.h).Name; got != c.want {
			t.Errorf("SheetFor(%v) = %s, want %s", c, got, c.want)
		}
	}
}

func TestBookletPlacesPages(t *testing.T) {
	d := &page.Doc{Width: page.FromMM(148), Height: page.FromMM(210)}
	for i := 1; i <= 5; i++ {
		d.Pages = append(d.Pages, &page.Page{Number: i, Texts: []page.Text{{X: 10 * page.PT, Y: 20 * page.PT, S: fmt.Sprint(i)}}})
	}
	b, err := Booklet(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Pages) != 4 {
		t.Fatalf("%d sheet sides, want 4", len(b.Pages))
	}
	// Front of sheet 1: page 8 (blank) left, page 1 right.
	front := b.Pages[0]
	if len(front.Texts) != 1 || front.Texts[0].S != "1" || front.Texts[0].X <= d.Width {
		t.Errorf("front of sheet 1: %+v", front.Texts)
	}
}
