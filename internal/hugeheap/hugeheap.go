// Package hugeheap asks Linux to back the start of the Go heap with 2 MB
// pages, where transparent huge pages are given on request ("madvise",
// Debian's and Ubuntu's default).
//
// The Go runtime has asked for none since Go 1.21.1, so every fresh 4 KB page
// of heap costs a page fault, and on a virtual machine a fault costs some ten
// microseconds: the article's build took 1,850 of them on its heap, a third
// of its CPU time, 300 of them before main while the libraries set up their
// tables.
//
// Two steps. The package's init advises the heap's first piece (the runtime
// maps 4 MB at start), before the heavy package initialisations. The Go
// specification initialises, at each step, the first package by import path
// whose imports are all initialised. This package imports nothing but the
// runtime and syscall, so it is ready once syscall is, and is then taken
// before time and unicode (their paths sort after press/) and so before os,
// goldmark, yaml and the rest, which wait for them. A package ordered before
// it that became ready at the same moment would still go first; cmd/press's
// TestHugeHeapInitialisedEarly checks the order. Grow then makes the heap map
// the rest of what a book needs. Without huge pages on request, both do
// nothing.
package hugeheap

// On reports whether the kernel gives huge pages on request and the user has
// not turned them off for Go (GODEBUG=disablethp=1).
var On bool
