//go:build !(linux && (amd64 || arm64))

package hugeheap

// Grow does nothing but on 64-bit x86 and ARM Linux, where the runtime
// reserves its heap in 64 MB arenas and huge pages are 2 MB: see
// hugeheap_linux64.go.
func Grow(size uintptr) (from, end uintptr) { return 0, 0 }
