package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// startProfiling honours PRESS_CPUPROFILE, PRESS_MEMPROFILE and PRESS_TRACE, developer aids for
// finding where a build's time goes (README, "Performance"). The CPU profile
// samples at 2 kHz because a pamphlet builds in a few tens of milliseconds,
// too short for the default 100 Hz. The returned function stops both.
func startProfiling() func() {
	var stops []func()
	if path := os.Getenv("PRESS_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			runtime.SetCPUProfileRate(2000)
			if pprof.StartCPUProfile(f) == nil {
				stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
			}
		}
	}
	if path := os.Getenv("PRESS_MEMPROFILE"); path != "" {
		runtime.MemProfileRate = 4096
		stops = append(stops, func() {
			if f, err := os.Create(path); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		})
	} else {
		// No one reads the samples: each one walks the stack, and the
		// is filed in a 1.4 MB hash table, a fresh page of memory for most.
		runtime.MemProfileRate = 0
	}
	if path := os.Getenv("PRESS_TRACE"); path != "" {
		if f, err := os.Create(path); err == nil {
			if trace.Start(f) == nil {
				stops = append(stops, func() { trace.Stop(); f.Close() })
			}
		}
	}
	return func() {
		for _, stop := range stops {
			stop()
		}
	}
}
