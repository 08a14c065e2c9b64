package mdext

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPressDoesNotImportGoldmarkExtension keeps the reason for this
// package: press must not link goldmark's extension package, whose
// initialisation compiles regular expressions before every command.
func TestPressDoesNotImportGoldmarkExtension(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "press/cmd/press").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	var ast bool
	for _, d := range deps {
		switch d {
		case "github.com/yuin/goldmark/extension":
			t.Errorf("press imports %s: use internal/mdext", d)
		case "github.com/yuin/goldmark/extension/ast":
			ast = true
		}
	}
	if !ast {
		t.Errorf("press does not import goldmark's extension/ast (%d packages listed): the test no longer sees what it checks", len(deps))
	}
}
