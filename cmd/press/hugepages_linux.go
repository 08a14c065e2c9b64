package main

import (
	"os"
	"runtime"
	"strings"
	"syscall"
	"unsafe"
)

const (
	// hugeHeapSize is how much of the heap hugeHeap prepares: twice what the
	// article's build allocates; a long book gains little from more.
	hugeHeapSize = 16 << 20
	hugePage     = 2 << 20
	// The madvise advice numbers, the same on every Linux architecture.
	madvHugepage = 14 // MADV_HUGEPAGE
	madvCollapse = 25 // MADV_COLLAPSE, Linux 6.1 and later
)

// hugeHeap asks Linux to back the first megabytes of the heap with 2 MB pages
// where transparent huge pages are given on request ("madvise", Debian's and
// Ubuntu's default). The Go runtime has asked for none since Go 1.21.1, so
// every fresh 4 KB page of heap costs a page fault, and on a virtual machine
// a fault costs about ten microseconds: the article's build took 1,850 of
// them on its heap, a third of its CPU time.
//
// The runtime maps its heap piece by piece as it grows, and a piece mapped
// afresh does not keep the advice, so hugeHeap first makes the heap map 16 MB
// at once (a block it drops at once), advises that range, turns the partly used
// 2 MB at its start into one huge page, and collects the block: the build's
// allocations then fill memory that faults in 2 MB at a time. Call it with
// the collector switched off (lazyCollector); under the usual pacing the
// scavenger would hand the freed block back to the kernel. It returns the
// range it advised (none when it did nothing).
func hugeHeap() (from, end uintptr) {
	if !hugePagesOnRequest() || strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
		return 0, 0
	}
	block := make([]byte, hugeHeapSize)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	// The runtime's first piece of heap ends inside or just below the block:
	// advise from the 2 MB page holding its start.
	from = start &^ (hugePage - 1)
	end = (start + hugeHeapSize + hugePage - 1) &^ (hugePage - 1)
	// Errors are no matter: without the advice the heap is as before.
	syscall.Syscall(syscall.SYS_MADVISE, from, end-from, madvHugepage)
	if from != start {
		// That page already holds some of the program's first allocations in
		// 4 KB pages; one call makes it whole instead of a fault per page.
		syscall.Syscall(syscall.SYS_MADVISE, from, hugePage, madvCollapse)
	}
	runtime.GC()
	return from, end
}

// hugePagesOnRequest reports whether the kernel gives huge pages to advised
// memory only: with "always" the heap has them already, with "never" advice
// changes nothing.
func hugePagesOnRequest() bool {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && strings.Contains(string(mode), "[madvise]")
}
