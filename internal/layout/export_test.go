package layout

import "press/internal/doc"

// PaginateWhole is Paginate with each vertical list made whole before its
// pages are broken: what breaking the list as it grows must equal.
func PaginateWhole(b *doc.Book, o Options) (*Result, error) {
	o.whole = true
	return Paginate(b, o)
}

// LetterMark is letterMark, for the external tests.
var LetterMark = letterMark
