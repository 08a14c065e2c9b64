package hyphen

import (
	"bytes"
	"os"
	"reflect"
	"testing"
)

// TestCompiledMatchesSource checks that the shipped compiled patterns are
// exactly hyphen.tex parsed; UPDATE_GOLDEN=1 rewrites them.
func TestCompiledMatchesSource(t *testing.T) {
	parsed, err := parse(plainTeX)
	if err != nil {
		t.Fatal(err)
	}
	bin := parsed.marshal()
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile("plaintex.bin", bin, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(bin, plainTeXCompiled) {
		t.Fatal("plaintex.bin is not hyphen.tex compiled: run UPDATE_GOLDEN=1 go test ./internal/hyphen")
	}
	back, err := unmarshal(plainTeXCompiled)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, parsed) {
		t.Fatal("reading the compiled patterns does not give the parsed table back")
	}
}

// TestCompiledRejectsDamage checks that a cut or altered compiled table is
// an error, not a panic or a wrong trie.
func TestCompiledRejectsDamage(t *testing.T) {
	for _, n := range []int{0, 5, len(compiledMagic), len(compiledMagic) + 100, len(plainTeXCompiled) / 2, len(plainTeXCompiled) - 1} {
		if _, err := unmarshal(plainTeXCompiled[:n]); err == nil {
			t.Errorf("a table cut to %d bytes was read", n)
		}
	}
	long := append(append([]byte(nil), plainTeXCompiled...), 0)
	if _, err := unmarshal(long); err == nil {
		t.Error("a table with a byte too many was read")
	}
}

func FuzzUnmarshal(f *testing.F) {
	f.Add(plainTeXCompiled[:200])
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := unmarshal(b)
		if err != nil {
			return
		}
		// A table that reads must be safe to match with.
		h := &Hyphenator{t: tb}
		h.Points("hyphenation", DefaultOptions())
	})
}

func BenchmarkDefaultTable(b *testing.B) {
	for b.Loop() {
		if _, err := unmarshal(plainTeXCompiled); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePlainTeX(b *testing.B) {
	for b.Loop() {
		if _, err := parse(plainTeX); err != nil {
			b.Fatal(err)
		}
	}
}
