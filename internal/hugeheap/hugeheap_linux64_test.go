//go:build linux && (amd64 || arm64)

package hugeheap

import (
	"bufio"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestGrowAdvises holds Grow to its promise where the kernel gives huge pages
// on request: the range it prepared is mapped, and every mapping in it carries
// the huge-page advice (VmFlags "hg").
func TestGrowAdvises(t *testing.T) {
	if !On {
		t.Skip("transparent huge pages are not on request (madvise) here")
	}
	const size = 16 << 20
	from, end := Grow(size)
	if end-from < size {
		t.Fatalf("advised %#x-%#x, %d bytes; want at least %d", from, end, end-from, size)
	}
	covered := uintptr(0)
	for _, m := range mappings(t) {
		if m.hi <= from || m.lo >= end {
			continue
		}
		if !m.advised {
			t.Errorf("mapping %#x-%#x in the prepared range has no huge-page advice", m.lo, m.hi)
		}
		covered += min(m.hi, end) - max(m.lo, from)
	}
	if covered != end-from {
		t.Errorf("mappings cover %d of the %d prepared bytes", covered, end-from)
	}
}

// atStart is the process's mappings as init left them, read by TestMain
// before any test calls Grow: Grow's range begins at the huge page its block
// starts in, often the first piece's, and would advise it whatever init did.
var atStart []mapping

func TestMain(m *testing.M) {
	atStart, _ = readMappings()
	os.Exit(m.Run())
}

// TestInitAdvisesFirstPiece: the package's init advised the mapping that
// holds the heap's first allocations.
func TestInitAdvisesFirstPiece(t *testing.T) {
	if !On {
		t.Skip("transparent huge pages are not on request (madvise) here")
	}
	if atStart == nil {
		t.Skip("no /proc/self/smaps with VmFlags here")
	}
	p := firstPiece
	for _, m := range atStart {
		if m.lo <= p && p < m.hi {
			if !m.advised {
				t.Errorf("the heap mapping %#x-%#x holding %#x has no huge-page advice", m.lo, m.hi, p)
			}
			return
		}
	}
	t.Fatalf("no mapping holds %#x", p)
}

type mapping struct {
	lo, hi  uintptr
	advised bool
}

// mappings reads the process's memory mappings and their advice flags, and
// skips the test where the kernel does not show them.
func mappings(t *testing.T) []mapping {
	ms, err := readMappings()
	if err != nil {
		t.Skip(err)
	}
	return ms
}

// readMappings reads /proc/self/smaps. A kernel or sandbox that lists no
// VmFlags (before Linux 3.8, some user-space kernels) cannot show the
// advice: that is an error, not a mapping without it.
func readMappings() ([]mapping, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ms []mapping
	flagged := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && len(ms) > 0 {
			ms[len(ms)-1].advised = strings.Contains(flags+" ", " hg ")
			flagged = true
			continue
		}
		r, _, _ := strings.Cut(line, " ")
		a, b, ok := strings.Cut(r, "-")
		if !ok {
			continue
		}
		lo, err1 := strconv.ParseUint(a, 16, 64)
		hi, err2 := strconv.ParseUint(b, 16, 64)
		if err1 == nil && err2 == nil {
			ms = append(ms, mapping{lo: uintptr(lo), hi: uintptr(hi)})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !flagged {
		return nil, errors.New("/proc/self/smaps shows no VmFlags")
	}
	return ms, nil
}
