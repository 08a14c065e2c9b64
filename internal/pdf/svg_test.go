package pdf

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"

	"press/internal/page"
	"press/internal/svg"
)

// svgDoc is a one-page document whose page is the picture, w×h points.
func svgDoc(t *testing.T, data []byte, w, h float64) *page.Doc {
	pt := page.PT
	return &page.Doc{Width: page.FromPT(w), Height: page.FromPT(h), Fonts: fonts(t),
		Meta: page.Meta{Title: "SVG", Language: "en", Date: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		Pages: []*page.Page{{Number: 1, Role: "body", Texts: []page.Text{{X: 0, Y: 2 * pt, Font: "regular", Size: pt, S: "."}},
			Images: []page.Image{{W: page.FromPT(w), H: page.FromPT(h), Data: data, Type: "svg"}}}}}
}

// formDump draws an SVG file as a form's content and lists its resources.
func formDump(t *testing.T, data []byte) string {
	t.Helper()
	d, err := svg.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	f := &form{o: newObjWriter(&out)}
	norm := svg.Matrix{1 / d.Width, 0, 0, -1 / d.Height, 0, 1}
	for _, s := range d.Shapes {
		f.shape(s, norm)
	}
	var b strings.Builder
	b.Write(f.c)
	for i, g := range f.gstates {
		b.WriteString("G" + string(rune('0'+i)) + " " + g + "\n")
	}
	for i, p := range f.patterns {
		b.WriteString("P" + string(rune('0'+i)) + " " + p + "\n")
	}
	return b.String()
}

// TestSVGContentGolden compares the content stream and resources drawn for
// the kitchen-sink picture with a golden file (UPDATE_GOLDEN=1 rewrites it).
func TestSVGContentGolden(t *testing.T) {
	data, err := os.ReadFile("../svg/testdata/kitchen.svg")
	if err != nil {
		t.Fatal(err)
	}
	got := formDump(t, data)
	golden := filepath.Join("testdata", "kitchen.content")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("content differs from %s (UPDATE_GOLDEN=1 to accept):\n%s", golden, firstDiff(got, string(want)))
	}
	// Every construct: a stitched function for three stops, axial and
	// radial shadings, a soft mask, a transparency group, a dash.
	for _, want := range []string{"/FunctionType 3", "/ShadingType 2", "/ShadingType 3", "/SMask", "/ca 0.5", "] 0 d", "B*", " SCN", " scn"} {
		if !strings.Contains(got, want) {
			t.Errorf("content lacks %q", want)
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "got:  " + al[i] + "\nwant: " + bl[i]
		}
	}
	return "lengths differ"
}

// TestSVGVectorsReproducible: the same picture twice on a page is one
// form, and the file is byte-identical from build to build.
func TestSVGVectorsReproducible(t *testing.T) {
	data, err := os.ReadFile("../svg/testdata/kitchen.svg")
	if err != nil {
		t.Fatal(err)
	}
	d := svgDoc(t, data, 320, 240)
	d.Pages[0].Images = append(d.Pages[0].Images, d.Pages[0].Images[0])
	a, b := write(t, d), write(t, d)
	if !bytes.Equal(a, b) {
		t.Fatal("two writes differ")
	}
	if n := bytes.Count(a, []byte("/Subtype/Form/BBox[0 0 1 1]/Resources")); n != 1 {
		t.Errorf("%d top-level forms for one picture shown twice, want 1", n)
	}
	if bytes.Contains(a, []byte("/Subtype/Image")) {
		t.Error("the picture was embedded as an image, not drawn")
	}
}

// TestSVGRender draws pictures as vectors in a PDF, rasterises the page
// with pdftoppm, and compares it with the same picture drawn by another
// SVG renderer (oksvg, a test dependency only): the two must agree but
// for antialiasing.
func TestSVGRender(t *testing.T) {
	for _, tool := range []string{"pdftoppm", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (scripts/deps.sh installs it)", tool)
		}
	}
	// Each at its viewBox's size in pixels: oksvg scales stroke widths
	// and user-space gradients wrongly when it draws at another size.
	for _, c := range []struct {
		file string
		w, h int
	}{{"../../testdata/harbour/images/compass.svg", 400, 300}, {"../../testdata/harbour/images/currents.svg", 600, 300}, {"../svg/testdata/shapes.svg", 640, 480}} {
		file := c.file
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			w, h, err := svg.Size(data)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			pdfFile := filepath.Join(dir, "p.pdf")
			if err := os.WriteFile(pdfFile, write(t, svgDoc(t, data, w*0.75, h*0.75)), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command("qpdf", "--check", pdfFile).CombinedOutput(); err != nil {
				t.Fatalf("qpdf --check: %v\n%s", err, out)
			}
			if out, err := exec.Command("pdftoppm", "-scale-to-x", strconv.Itoa(c.w), "-scale-to-y", strconv.Itoa(c.h), "-png", "-singlefile", pdfFile, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v\n%s", err, out)
			}
			gotPNG, err := os.ReadFile(filepath.Join(dir, "p.png"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(bytes.NewReader(gotPNG))
			if err != nil {
				t.Fatal(err)
			}
			want, err := rasterize(data, got.Bounds().Dx(), got.Bounds().Dy())
			if err != nil {
				t.Fatal(err)
			}
			mean, far := compare(got, want)
			t.Logf("%s: mean difference %.2f%%, %.2f%% of pixels differ by more than a quarter", file, mean*100, far*100)
			if mean > 0.01 || far > 0.01 {
				t.Errorf("the vector drawing differs from the raster one: mean %.2f%%, %.2f%% of pixels far off (bounds 1%%, 1%%)", mean*100, far*100)
			}
		})
	}
}

// compare returns the mean absolute difference of two images' RGB
// components over white (0..1), and the share of pixels differing by
// more than a quarter in some component.
func compare(a, b image.Image) (mean, far float64) {
	r := a.Bounds().Intersect(b.Bounds())
	var sum float64
	n, off := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ca, cb := onWhite(a, x, y), onWhite(b, x, y)
			worst := 0.0
			for i := range ca {
				d := math.Abs(ca[i] - cb[i])
				sum += d
				worst = math.Max(worst, d)
			}
			if worst > 0.25 {
				off++
			}
			n++
		}
	}
	return sum / float64(3*n), float64(off) / float64(n)
}

func onWhite(img image.Image, x, y int) [3]float64 {
	r, g, b, a := img.At(x, y).RGBA()
	bg := 1 - float64(a)/65535
	return [3]float64{float64(r)/65535 + bg, float64(g)/65535 + bg, float64(b)/65535 + bg}
}

// rasterize draws an SVG picture w×h pixels with oksvg.
func rasterize(data []byte, w, h int) (image.Image, error) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(data), oksvg.IgnoreErrorMode)
	if err != nil {
		return nil, err
	}
	icon.SetTarget(0, 0, float64(w), float64(h))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	icon.Draw(rasterx.NewDasher(w, h, rasterx.NewScannerGV(w, h, img, img.Bounds())), 1)
	return img, nil
}
