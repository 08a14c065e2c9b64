package repocheck

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// machineLocal matches a path that exists only on some machines: the system
// temp folder, home folders, this workplace's folders, and the ../shared
// folder that sits beside the repository during development but not in a
// user's clone. Tests must use t.TempDir(), os.MkdirTemp, testdata/ or what
// they generate instead.
var machineLocal = regexp.MustCompile(`(^|[^\w.$/-])(/tmp|/var/tmp|/home|/root|/work|/Users)(/|$)|\.\./shared\b|(^|/)shared/(seed|tools|data)/`)

// machineLocalCalls are standard-library calls that reach the same places.
var machineLocalCalls = map[string]string{
	"os.TempDir":     "use t.TempDir() or os.MkdirTemp(\"\", …) instead",
	"os.UserHomeDir": "tests must not read the home folder",
}

// envReads are environment variables that name machine-local folders.
var envReads = map[string]bool{"HOME": true, "TMPDIR": true, "USERPROFILE": true}

// shellLocal matches the same places in shell scripts, plus $HOME and ~/.
var shellLocal = regexp.MustCompile(`(^|[^\w.$/-])(/tmp|/var/tmp|/home|/root|/work|/Users)(/|\b)|\$\{?HOME\b|(^|\s)~/|\.\./shared\b`)

// root is the repository root, two levels above this package.
const root = "../.."

// finding is one offending place.
type finding struct {
	file string
	line int
	what string
}

func (f finding) String() string { return fmt.Sprintf("%s:%d: %s", f.file, f.line, f.what) }

// TestNoMachineLocalPaths fails when a Go test or a script of the project
// reads a path that only some machines have. A debugging test that grepped
// a folder under /tmp once passed CI on the machine that had that folder and
// broke `make test` for everyone else.
func TestNoMachineLocalPaths(t *testing.T) {
	var found []finding
	goTests, scripts := 0, 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "dist", "bin", ".cache":
				return filepath.SkipDir
			}
			if rel == "tools" || strings.HasPrefix(rel, "tools"+string(filepath.Separator)) {
				// tools/ holds the pinned npm validators and their
				// helpers; scripts/ is what the project runs.
				if rel != "tools" {
					return filepath.SkipDir
				}
			}
			return nil
		}
		switch {
		case strings.HasSuffix(path, "_test.go"):
			goTests++
			found = append(found, scanGoTest(t, path, rel)...)
		case isScript(path, rel):
			scripts++
			found = append(found, scanScript(t, path, rel)...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A walk that found nothing would pass for the wrong reason.
	if goTests < 20 || scripts < 5 {
		t.Fatalf("scanned only %d Go test files and %d scripts: is the repository root %q right?", goTests, scripts, root)
	}
	for _, f := range found {
		t.Errorf("%s", f)
	}
	if len(found) > 0 {
		t.Log("tests and scripts must use t.TempDir(), os.MkdirTemp/mktemp, testdata/ or files they generate, " +
			"never a folder that exists only on some machines")
	}
}

// isScript reports whether a file is one of the project's shell scripts or
// its Makefile or CI entry point.
func isScript(path, rel string) bool {
	if strings.HasSuffix(path, ".sh") || rel == "Makefile" || rel == filepath.Join(".ci", "run") {
		return true
	}
	return strings.HasPrefix(rel, "scripts"+string(filepath.Separator)) && !strings.Contains(filepath.Base(path), ".")
}

// scanGoTest reports string literals naming machine-local paths, and calls
// that reach the temp or home folder, in one Go test file. This package's own
// tests are exempt: they hold the patterns themselves.
func scanGoTest(t *testing.T, path, rel string) []finding {
	if filepath.Dir(rel) == filepath.Join("internal", "repocheck") {
		return nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Errorf("%s: %v", rel, err)
		return nil
	}
	var out []finding
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BasicLit:
			if n.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(n.Value)
			if err != nil {
				s = n.Value
			}
			if m := machineLocal.FindString(s); m != "" {
				out = append(out, finding{rel, fset.Position(n.Pos()).Line,
					fmt.Sprintf("string %s names a machine-local path (%s)", n.Value, strings.TrimSpace(m))})
			}
		case *ast.CallExpr:
			sel, ok := n.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			name := pkg.Name + "." + sel.Sel.Name
			if why, bad := machineLocalCalls[name]; bad {
				out = append(out, finding{rel, fset.Position(n.Pos()).Line, name + "(): " + why})
			}
			if (name == "os.Getenv" || name == "os.LookupEnv") && len(n.Args) == 1 {
				if lit, ok := n.Args[0].(*ast.BasicLit); ok {
					if v, err := strconv.Unquote(lit.Value); err == nil && envReads[v] {
						out = append(out, finding{rel, fset.Position(n.Pos()).Line,
							fmt.Sprintf("%s(%q) reads a machine-local folder", name, v)})
					}
				}
			}
		}
		return true
	})
	return out
}

// scanScript reports lines of a script that name machine-local paths,
// ignoring comments. /dev, /usr and /proc are system paths every Debian
// machine has; the temp folder is reached through mktemp.
func scanScript(t *testing.T, path, rel string) []finding {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%s: %v", rel, err)
		return nil
	}
	var out []finding
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(strings.TrimSpace(line), "#"); i == 0 {
			continue
		}
		if m := shellLocal.FindString(line); m != "" {
			out = append(out, finding{rel, n, fmt.Sprintf("names a machine-local path (%s): %s", strings.TrimSpace(m), strings.TrimSpace(line))})
		}
	}
	return out
}
