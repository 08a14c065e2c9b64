package epub

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestEveryConstructRendered: the XHTML writer, which renders the blocks
// of both the EPUB and the HTML edition, has a case for every block and
// inline type of the document model. A construct added to internal/doc
// without one fails here, before a book could lose it: at run time the
// writer's default case refuses what it does not know, but only for books
// that use it.
func TestEveryConstructRendered(t *testing.T) {
	fset := token.NewFileSet()
	model := map[string]string{} // type → "block" or "inline"
	docFiles, _ := filepath.Glob("../doc/*.go")
	for _, f := range docFiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || (fn.Name.Name != "isBlock" && fn.Name.Name != "isInline") {
				continue
			}
			if star, ok := fn.Recv.List[0].Type.(*ast.StarExpr); ok {
				if id, ok := star.X.(*ast.Ident); ok {
					model[id.Name] = strings.TrimPrefix(fn.Name.Name, "is")
				}
			}
		}
	}
	if model["Para"] == "" || model["Text"] == "" {
		t.Fatalf("found no model types in ../doc (%v)", model)
	}
	handled := map[string]bool{}
	file, err := parser.ParseFile(fset, "xhtml.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	ast.Inspect(file, func(n ast.Node) bool {
		cc, ok := n.(*ast.CaseClause)
		if !ok {
			return true
		}
		for _, e := range cc.List {
			if star, ok := e.(*ast.StarExpr); ok {
				if sel, ok := star.X.(*ast.SelectorExpr); ok {
					if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "doc" {
						handled[sel.Sel.Name] = true
					}
				}
			}
		}
		return true
	})
	var missing []string
	for typ, kind := range model {
		if !handled[typ] {
			missing = append(missing, kind+" doc."+typ)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("the XHTML writer (xhtml.go) has no case for %s: render it, or the EPUB and HTML editions refuse books that use it", strings.Join(missing, ", "))
	}
}

// A layout whose family the stylesheet does not name gets it for the
// body after the stylesheet; one the stylesheet names gets nothing.
func TestGeneratedFamilyRule(t *testing.T) {
	fonts := []Font{{Path: "fonts/a.otf", Family: "EB Garamond"}}
	if got := generatedRules(Options{CSS: []byte(`body { font-family: "Vollkorn", serif; }`), Fonts: fonts}); !strings.Contains(got, "body {\n\tfont-family: \"EB Garamond\", serif;\n}") {
		t.Errorf("no family rule for a family the stylesheet does not name:\n%s", got)
	}
	if got := generatedRules(Options{CSS: []byte(`body { font-family: "EB Garamond", serif; }`), Fonts: fonts}); got != "" {
		t.Errorf("a family rule for a family the stylesheet names:\n%s", got)
	}
	got := generatedRules(Options{Features: map[string][]string{"tables": {"lnum", "-liga"}}})
	if !strings.Contains(got, "table {\n\tfont-feature-settings: \"lnum\" 1, \"liga\" 0;\n}") {
		t.Errorf("feature rules:\n%s", got)
	}
}
