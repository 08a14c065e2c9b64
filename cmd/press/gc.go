package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"

	"press/internal/hugeheap"
)

// firstCollectionAt is the heap size at which the garbage collector first
// runs.
const firstCollectionAt = 64 << 20

// growHeap is how much heap a build prepares in huge pages (hugeheap.Grow):
// twice what the article's build allocates; a long book gains little from
// more.
const growHeap = 16 << 20

// lazyCollector lets the heap grow to firstCollectionAt before the garbage
// collector first runs, then hands over to the usual pacing (GOGC=100). A
// pamphlet's build allocates a few tens of megabytes and is over in a
// fraction of a second: the five collections the article's build made
// cost more than they freed. A long book passes the mark early and its
// memory is bounded as before. A GOGC or GOMEMLIMIT setting of the user's
// is left alone. A command that lays out a book (prepareHeap) first has the
// heap map growHeap bytes in huge pages where Linux gives them on request.
func lazyCollector(prepareHeap bool) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(firstCollectionAt)
	if prepareHeap {
		hugeheap.Grow(growHeap)
	}
	// A block nothing refers to: the first collection frees it and its
	// cleanup restores the usual pacing.
	mark := new([64]byte)
	runtime.AddCleanup(mark, func(int) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}, 0)
}
