//go:build unix

package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"syscall"
)

// printStats writes, for PRESS_STATS, what a build cost the process: CPU
// time, page faults, resident memory and the bytes the program allocated.
// On a virtual machine a fresh page of memory can cost as much as a
// thousand lines of layout, so the bytes touched are a figure to watch
// beside the time; unlike wall time, the allocation and fault counts hardly
// move with the machine's load.
func printStats(w io.Writer) {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(w, "stats: user %.1f ms, system %.1f ms, minor faults %d, allocated %.1f MiB in %d objects, heap %.1f MiB, %d collections",
		float64(ru.Utime.Nano())/1e6, float64(ru.Stime.Nano())/1e6, ru.Minflt,
		float64(ms.TotalAlloc)/(1<<20), ms.Mallocs, float64(ms.HeapSys)/(1<<20), ms.NumGC)
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		s := bufio.NewScanner(f)
		for s.Scan() {
			if k, v, ok := strings.Cut(s.Text(), ":"); ok && (k == "VmHWM" || k == "RssAnon" || k == "RssFile") {
				fmt.Fprintf(w, ", %s %s", k, strings.TrimSpace(v))
			}
		}
	}
	fmt.Fprintln(w)
}
