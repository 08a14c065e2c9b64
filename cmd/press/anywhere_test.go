package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// installPress runs "go install ./cmd/press" from the module root into a
// temporary folder, as a user does, and returns the binary's path.
func installPress(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	cmd := exec.Command(goTool, "install", "./cmd/press")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOBIN="+bin)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	return filepath.Join(bin, "press")
}

// TestPressAnywhere is the new user's path: install, then in an empty
// folder far from this repository "press new mybook && press build mybook
// && press check mybook". The installed binary has nothing beside it on
// disk: layouts, stylesheet and fonts come from inside it.
func TestPressAnywhere(t *testing.T) {
	press := installPress(t)
	work := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(press, args...)
		cmd.Dir = work
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("press %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("new", "mybook")
	build := run("build", "mybook")
	check := run("check", "mybook")
	for _, name := range []string{"mybook.epub", "mybook.pdf"} {
		if st, err := os.Stat(filepath.Join(work, "mybook", "dist", name)); err != nil || st.Size() == 0 {
			t.Errorf("%s not built: %v\n%s", name, err, build)
		}
	}
	if strings.Contains(build+check, "warning:") {
		t.Errorf("a new book must build without warnings:\n%s%s", build, check)
	}
	for _, want := range []string{"1 sections", "1 notes", "a5 ", "reading time"} {
		if !strings.Contains(check, want) {
			t.Errorf("press check output lacks %q:\n%s", want, check)
		}
	}

	// The editions pass the same validators as the article's.
	root, _ := filepath.Abs("../..")
	var missing []string
	if _, err := exec.LookPath("java"); err != nil {
		missing = append(missing, "java")
	}
	if _, err := exec.LookPath("epubcheck"); err != nil {
		missing = append(missing, "epubcheck")
	}
	for _, f := range []string{filepath.Join(root, "tools/node_modules/.bin/ace-cli"), filepath.Join(root, "tools/node_modules/.bin/epubcheck-ts")} {
		if _, err := os.Stat(f); err != nil {
			missing = append(missing, filepath.Base(f))
		}
	}
	if len(missing) > 0 {
		t.Skipf("validators missing (%s): run scripts/deps.sh (make test does)", strings.Join(missing, ", "))
	}
	cmd := exec.Command(filepath.Join(root, "scripts/validate.sh"), filepath.Join(work, "mybook/dist/mybook.epub"), filepath.Join(work, "mybook/dist/mybook.pdf"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("validators: %v\n%s", err, out)
	}
}
