package publish_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"press/internal/testbook"
)

// pressBinary builds the press command into a temporary folder.
func pressBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "press")
	cmd := exec.Command(goTool, "build", "-o", bin, "../../cmd/press")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// envWithout is the environment without the named variable.
func envWithout(name string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, name+"=") {
			env = append(env, kv)
		}
	}
	return env
}

// TestKillMidWrite kills `press build` with SIGKILL at many moments, some
// of them while an edition's temporary file is being written, and checks
// each time that every edition in the output folder is either the previous
// one or the new one, complete, byte for byte: never a partial file under
// an edition's name. The temporary files a killed build leaves are removed
// by the next build.
func TestKillMidWrite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	bin := pressBinary(t)
	tmp := t.TempDir()
	book := filepath.Join(tmp, "book")
	// Long enough that a kill often lands while an edition is being
	// written (the "on temp" kills make sure one does), short enough that
	// the twenty builds below stay a few seconds on a loaded machine.
	words := 40000
	if err := testbook.Write(book, testbook.Options{Words: words, NoteEvery: 300, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	layouts, _ := filepath.Abs("../../layouts")
	const slug = "a-generated-book"
	names := []string{slug + ".epub", slug + ".pdf"}
	env := envWithout("SOURCE_DATE_EPOCH")
	press := func(out string, extraEnv ...string) *exec.Cmd {
		cmd := exec.Command(bin, "build", "--layouts", layouts, "-o", out, book)
		cmd.Env = append(append([]string{}, env...), extraEnv...)
		return cmd
	}
	// The previous editions (another date stamp) and the new ones.
	oldDir, newDir := filepath.Join(tmp, "old"), filepath.Join(tmp, "new")
	if out, err := press(oldDir, "SOURCE_DATE_EPOCH=1000000000").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	start := time.Now()
	if out, err := press(newDir).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	full := time.Since(start)
	old, fresh := map[string][]byte{}, map[string][]byte{}
	for _, n := range names {
		old[n], _ = os.ReadFile(filepath.Join(oldDir, n))
		fresh[n], _ = os.ReadFile(filepath.Join(newDir, n))
		if len(old[n]) == 0 || bytes.Equal(old[n], fresh[n]) {
			t.Fatalf("%s: the old and new editions must differ", n)
		}
	}
	t.Logf("a full build takes %s", full.Round(time.Millisecond))

	dist := filepath.Join(tmp, "dist")
	os.MkdirAll(dist, 0o755)
	for _, n := range names {
		os.WriteFile(filepath.Join(dist, n), old[n], 0o644)
	}

	// check reports what the output folder holds, failing on anything but
	// complete editions and temporary files of press's own pattern.
	check := func(when string) (state string, temps int) {
		t.Helper()
		entries, err := os.ReadDir(dist)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, "."+slug+".epub.tmp-") || strings.HasPrefix(name, "."+slug+".pdf.tmp-") {
				temps++
				continue
			}
			data, err := os.ReadFile(filepath.Join(dist, name))
			if err != nil {
				t.Fatal(err)
			}
			seen[name] = true
			switch {
			case old[name] == nil:
				t.Errorf("%s: unexpected file %s in the output folder", when, name)
			case bytes.Equal(data, old[name]):
				state += " " + filepath.Ext(name)[1:] + ":old"
			case bytes.Equal(data, fresh[name]):
				state += " " + filepath.Ext(name)[1:] + ":new"
			default:
				t.Errorf("%s: %s is neither the previous nor the new edition (%d bytes)", when, name, len(data))
			}
		}
		for _, n := range names {
			if !seen[n] {
				t.Errorf("%s: %s is gone", when, n)
			}
		}
		return state, temps
	}

	// Kills at fixed moments, at fractions of a full build, and the moment
	// a temporary file appears (that is, during the write).
	var plan []string
	for _, ms := range []int{5, 20, 80, 300} {
		plan = append(plan, fmt.Sprintf("at %dms", ms))
	}
	for _, f := range []float64{0.5, 0.8, 0.9, 0.95, 0.98, 1.0, 1.02} {
		plan = append(plan, fmt.Sprintf("at %.2f", f))
	}
	for i := 0; i < 3; i++ {
		plan = append(plan, "on temp epub", "on temp pdf")
	}
	midWrite := 0
	for _, p := range plan {
		// Each build starts from the previous editions.
		for _, n := range names {
			if err := os.WriteFile(filepath.Join(dist, n), old[n], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cmd := press(dist)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var delay time.Duration
		var ms int
		var frac float64
		switch {
		case strings.HasPrefix(p, "at ") && strings.HasSuffix(p, "ms"):
			fmt.Sscanf(p, "at %dms", &ms)
			delay = time.Duration(ms) * time.Millisecond
		case strings.HasPrefix(p, "at "):
			fmt.Sscanf(p, "at %f", &frac)
			delay = time.Duration(frac * float64(full))
		}
		var err error
		exited := false
		if strings.HasPrefix(p, "on temp") {
			// Poll the folder and kill as soon as a temporary file shows.
			deadline := time.Now().Add(20 * full)
		poll:
			for time.Now().Before(deadline) {
				select {
				case err = <-done:
					exited = true
					break poll
				default:
				}
				entries, _ := os.ReadDir(dist)
				for _, e := range entries {
					if strings.HasPrefix(e.Name(), "."+slug+"."+strings.TrimPrefix(p, "on temp ")+".tmp-"+fmt.Sprint(cmd.Process.Pid)+"-") {
						break poll
					}
				}
			}
		} else {
			select {
			case err = <-done:
				exited = true
			case <-time.After(delay):
			}
		}
		if !exited {
			cmd.Process.Kill()
			err = <-done
		}
		state, temps := check("kill " + p)
		if temps > 0 {
			midWrite++
		}
		t.Logf("kill %-12s: exited by itself %-5v (%v); editions%s; %d temporary file(s) left", p, exited, err, state, temps)
	}
	if midWrite == 0 {
		t.Errorf("no kill landed while an edition was being written")
	}

	// The next build completes, removes the stale temporary files and
	// leaves exactly the new editions.
	if out, err := press(dist).CombinedOutput(); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, out)
	}
	state, temps := check("after a complete build")
	if temps != 0 {
		t.Errorf("%d stale temporary file(s) remain after a complete build", temps)
	}
	if state != " epub:new pdf:new" {
		t.Errorf("after a complete build the editions are%s", state)
	}
}
