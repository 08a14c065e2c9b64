//go:build linux && (amd64 || arm64)

package hugeheap

import (
	"runtime"
	"syscall"
	"unsafe"
)

const (
	hugePage = 2 << 20
	// arenaSize is the unit in which the runtime reserves heap address space
	// (heapArenaBytes on 64-bit Linux).
	arenaSize = 64 << 20
	// The madvise advice numbers, the same on every Linux architecture.
	madvHugepage = 14 // MADV_HUGEPAGE
	madvCollapse = 25 // MADV_COLLAPSE, Linux 6.1 and later
)

// firstPiece is an address in the heap's first piece, which init advised.
var firstPiece uintptr

// probe is the allocation firstPiece is taken from. Kept in a package
// variable so that it escapes to the heap: a new([64]byte) that only
// became a uintptr would be put on init's goroutine stack.
var probe *[64]byte

func init() {
	On = onRequest()
	if !On {
		return
	}
	probe = new([64]byte)
	firstPiece = uintptr(unsafe.Pointer(probe))
	// The advice reaches the mapped first piece; the reserve beyond it gets
	// mapped afresh as the heap grows, and forgets it (see Grow).
	advise(firstPiece&^(arenaSize-1), arenaSize, madvHugepage)
	// The runtime's own set-up has used the first 2 MB in 4 KB pages; one
	// call makes them a huge page rather than a fault per page to come.
	advise(firstPiece&^(hugePage-1), hugePage, madvCollapse)
}

// Grow makes the heap map size bytes at once, by allocating a block and
// dropping it, advises the range and collects the block, so the allocations
// to come fill memory that faults in 2 MB at a time. It returns the range it
// advised (none without huge pages on request). Call it with the collector
// switched off (debug.SetGCPercent(-1) and a memory limit above the heap):
// under the usual pacing the scavenger hands the freed block back to the
// kernel. It costs one collection of a small heap, about a millisecond.
func Grow(size uintptr) (from, end uintptr) {
	if !On {
		return 0, 0
	}
	block := make([]byte, size)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	from = start &^ (hugePage - 1)
	end = (start + size + hugePage - 1) &^ (hugePage - 1)
	advise(from, end-from, madvHugepage)
	if from != start {
		// The block starts inside the first piece's last used huge page.
		advise(from, hugePage, madvCollapse)
	}
	runtime.GC()
	return from, end
}

// advise calls madvise. Its errors are no matter: a range the kernel does not
// advise (an unmapped gap, an old kernel) stays in 4 KB pages, as before.
func advise(from, n uintptr, advice int) {
	syscall.Syscall(syscall.SYS_MADVISE, from, n, uintptr(advice))
}

// onRequest reports whether transparent huge pages are on "madvise": with
// "always" the heap has them already, with "never" advice changes nothing.
// It reads with syscall alone: importing os or strings would have the package
// initialised after them, and after the packages ordered before them.
func onRequest() bool {
	if godebug, _ := syscall.Getenv("GODEBUG"); contains(godebug, "disablethp=1") {
		return false
	}
	fd, err := syscall.Open("/sys/kernel/mm/transparent_hugepage/enabled", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var buf [128]byte
	n, _ := syscall.Read(fd, buf[:])
	return n > 0 && contains(string(buf[:n]), "[madvise]")
}

// contains is strings.Contains, which this package does not import.
func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
