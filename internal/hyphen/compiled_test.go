package hyphen

import (
	"bytes"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestCompiledMatchesSource checks that the shipped compiled patterns are
// exactly hyphen.tex parsed, and that the table read in place from them
// holds the trie build made; UPDATE_GOLDEN=1 rewrites them.
func TestCompiledMatchesSource(t *testing.T) {
	built, err := parseTrie(plainTeX)
	if err != nil {
		t.Fatal(err)
	}
	bin := built.marshal()
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
	if back.ascii != built.ascii || !maps.Equal(back.other, built.other) || back.width != built.width ||
		!reflect.DeepEqual(back.exceptions, built.exceptions) {
		t.Fatal("reading the compiled patterns does not give the parsed alphabet and exceptions back")
	}
	if back.numNodes() != len(built.nodes) || len(back.rows) != back.rowSize*len(built.rows) || len(back.pairs) != 2*len(built.pairs) {
		t.Fatalf("read %d nodes, %d row entries, %d pairs; built %d, %d, %d",
			back.numNodes(), len(back.rows)/back.rowSize, len(back.pairs)/2, len(built.nodes), len(built.rows), len(built.pairs))
	}
	for i, n := range built.nodes {
		if got := back.node(i); got != n {
			t.Fatalf("node %d reads %+v, built %+v", i, got, n)
		}
	}
	for i, c := range built.rows {
		if got := back.child(i); got != int(c) {
			t.Fatalf("row entry %d reads %d, built %d", i, got, c)
		}
	}
	for i, p := range built.pairs {
		if got := (pair{back.pairs[2*i], back.pairs[2*i+1]}); got != p {
			t.Fatalf("pair %d reads %+v, built %+v", i, got, p)
		}
	}
}

// TestCompiledRowSizes checks that a table whose row entries take four
// bytes (a pattern file of more than 65,536 trie nodes) hyphenates as the
// same table with two-byte entries.
func TestCompiledRowSizes(t *testing.T) {
	built, err := parseTrie(plainTeX)
	if err != nil {
		t.Fatal(err)
	}
	narrow, err := unmarshal(built.marshalRows(2))
	if err != nil {
		t.Fatal(err)
	}
	wide, err := unmarshal(built.marshalRows(4))
	if err != nil {
		t.Fatal(err)
	}
	if narrow.rowSize != 2 || wide.rowSize != 4 {
		t.Fatalf("row sizes %d and %d, want 2 and 4", narrow.rowSize, wide.rowSize)
	}
	for _, w := range plainTeXWords {
		w = strings.ReplaceAll(w, "-", "")
		a, b := (&Hyphenator{t: narrow}).Points(w, DefaultOptions()), (&Hyphenator{t: wide}).Points(w, DefaultOptions())
		if !slices.Equal(a, b) {
			t.Fatalf("%q: %v with two-byte rows, %v with four-byte rows", w, a, b)
		}
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
	// Small whole tables, for the fuzzer to damage in every part.
	for _, src := range []string{`\patterns{1ba .x3y z1z. 2q1 hy3ph he2n}`, `\patterns{a1b é1 1ta}\hyphenation{ta-ble as-so-ciate}`} {
		b, err := compile([]byte(src))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := unmarshal(b)
		if err != nil {
			return
		}
		// A table that reads must be safe to match with, whatever its
		// trie holds.
		h := &Hyphenator{t: tb}
		for _, w := range []string{"hyphenation", "associate", "table", "a", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"} {
			for _, p := range h.Points(w, DefaultOptions()) {
				if p <= 0 || p >= len(w) {
					t.Fatalf("Points(%q) gave %d, outside the word", w, p)
				}
			}
		}
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
