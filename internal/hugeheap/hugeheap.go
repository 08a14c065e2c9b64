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
// maps 4 MB at start), before the heavy package initialisations: a package
// that imports nothing but the runtime and syscall is initialised as soon as
// syscall is (the Go specification orders package initialisation by import
// path among the packages whose imports are done), ahead of goldmark, yaml
// and the rest. Grow then makes the heap map the rest of what a book needs.
// Without huge pages on request, both do nothing.
package hugeheap

// On reports whether the kernel gives huge pages on request and the user has
// not turned them off for Go (GODEBUG=disablethp=1).
var On bool
