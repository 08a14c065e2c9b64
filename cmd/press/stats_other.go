//go:build !unix

package main

import (
	"fmt"
	"io"
	"runtime"
)

// printStats writes, for PRESS_STATS, the bytes the program allocated (the
// CPU time and page faults are read on Unix only).
func printStats(w io.Writer) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(w, "stats: allocated %.1f MiB in %d objects, heap %.1f MiB, %d collections\n",
		float64(ms.TotalAlloc)/(1<<20), ms.Mallocs, float64(ms.HeapSys)/(1<<20), ms.NumGC)
}
