//go:build linux && (amd64 || arm64)

package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestHugeHeapInitialisedEarly: press/internal/hugeheap advises the heap
// before the libraries that fill it at start-up are initialised. That holds
// only as long as it imports nothing beyond syscall: the Go specification
// initialises, at each step, the first package by import path whose imports
// are all initialised, so once syscall is, hugeheap goes ahead of time and
// unicode (paths after its own) and of os and the libraries, which wait for
// them. os is in the list so that an import of os or strings into hugeheap
// fails the test. Only where hugeheap has an init (hugeheap_linux64.go).
func TestHugeHeapInitialisedEarly(t *testing.T) {
	press := installPress(t)
	cmd := exec.Command(press, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("press version: %v\n%s", err, out)
	}
	order := map[string]int{}
	for i, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			order[f[1]] = i
		}
	}
	early, ok := order["press/internal/hugeheap"]
	if !ok {
		t.Fatalf("no init of press/internal/hugeheap in the trace:\n%s", out)
	}
	for _, pkg := range []string{"os", "github.com/yuin/goldmark/util", "github.com/yuin/goldmark/parser", "gopkg.in/yaml%2ev3", "github.com/go-text/typesetting/harfbuzz"} {
		if at, ok := order[pkg]; !ok {
			t.Errorf("no init of %s in the trace", pkg)
		} else if at < early {
			t.Errorf("%s is initialised before press/internal/hugeheap", pkg)
		}
	}
}
