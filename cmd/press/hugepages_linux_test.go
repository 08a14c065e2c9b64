package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestHugeHeapAdvises holds hugeHeap to its promise where the kernel honours
// advice: the 16 MB it prepared is mapped, and every mapping in it carries
// the huge-page advice (VmFlags "hg").
func TestHugeHeapAdvises(t *testing.T) {
	if !hugePagesOnRequest() {
		t.Skip("transparent huge pages are not on request (madvise) here")
	}
	t.Setenv("GODEBUG", "")
	from, end := hugeHeap()
	if end-from < hugeHeapSize {
		t.Fatalf("advised %#x-%#x, %d bytes; want at least %d", from, end, end-from, hugeHeapSize)
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var lo, hi uint64
	covered := uint64(0)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if r, _, ok := strings.Cut(line, " "); ok && strings.Contains(r, "-") && !strings.HasSuffix(r, ":") {
			a, b, _ := strings.Cut(r, "-")
			lo, _ = strconv.ParseUint(a, 16, 64)
			hi, _ = strconv.ParseUint(b, 16, 64)
			continue
		}
		flags, ok := strings.CutPrefix(line, "VmFlags:")
		if !ok || hi <= uint64(from) || lo >= uint64(end) {
			continue
		}
		if !strings.Contains(" "+flags+" ", " hg ") {
			t.Errorf("mapping %#x-%#x in the advised range has no huge-page advice: %s", lo, hi, flags)
		}
		covered += min(hi, uint64(end)) - max(lo, uint64(from))
	}
	if covered != uint64(end-from) {
		t.Errorf("mappings cover %d of the %d advised bytes", covered, end-from)
	}
}
