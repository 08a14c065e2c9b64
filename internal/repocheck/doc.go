// Package repocheck holds tests over the repository's own files rather than
// over a package's behaviour: rules that keep `make test` working on every
// machine, not only on the one where a test was written.
package repocheck
