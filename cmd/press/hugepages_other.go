//go:build !linux

package main

// hugeHeap is Linux's only: see hugepages_linux.go.
func hugeHeap() (from, end uintptr) { return 0, 0 }
