package testbook

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestFixturePictures: the pictures committed with the fixture book are
// exactly what Pictures draws (UPDATE_GOLDEN=1 writes them).
func TestFixturePictures(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "harbour", "images")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := WritePictures(dir); err != nil {
			t.Fatal(err)
		}
	}
	pics, err := Pictures()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range pics {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%v (run with UPDATE_GOLDEN=1 to write it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what Pictures draws", name)
		}
	}
}
