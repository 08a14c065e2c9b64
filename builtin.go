// Package press holds the files press ships inside its binary: the print
// layouts, the EPUB stylesheet and the fonts (Vollkorn, DejaVu Sans Mono, DejaVu Sans, EB Garamond) with
// their licences.
// A binary installed with "go install" then builds a book from any folder,
// with nothing beside it on disk. The package sits at the module root
// because go:embed reaches only files at or below the embedding package.
package press

import "embed"

// Builtin is the repository's layouts/ and fonts/ folders as shipped, at
// the same paths ("layouts/a5.toml", "fonts/Vollkorn-Regular.ttf"), so the
// font paths written in a shipped layout resolve inside it as they do on
// disk.
//
//go:embed layouts/*.toml layouts/*.css fonts/*.ttf fonts/*.txt fonts/ebgaramond
var Builtin embed.FS
