package importer

import (
	"regexp"
	"strings"

	"press/internal/fidelity"
)

// Paragraph-break agreement between a draft and a hand-made reference.
//
// A break is the place where a block (paragraph, heading, quotation, list
// item, byline) begins, counted in words of the body from the start. The
// reference's words are aligned with the draft's (a longest common
// subsequence: the reference may have moved words into notes or spelt a
// compound differently), each reference break is carried to the draft word
// it falls before, and the two sets of breaks are compared.

var (
	noteDefLine  = regexp.MustCompile(`^ {0,3}\[\^[^\]\s]+\]:`)
	listItemLine = regexp.MustCompile(`^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]`)
)

// mdBlocks returns the words of each body block of md, footnote definitions
// left out.
func mdBlocks(md string) [][]string {
	var blocks [][]string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			body, _ := fidelity.MarkdownText(strings.Join(cur, "\n"))
			if ws := fidelity.Words(body); len(ws) > 0 {
				blocks = append(blocks, ws)
			}
			cur = nil
		}
	}
	inNote := false
	for _, l := range strings.Split(md, "\n") {
		switch {
		case strings.TrimSpace(l) == "":
			flush()
			inNote = false
		case noteDefLine.MatchString(l):
			flush()
			inNote = true
		case inNote:
		case listItemLine.MatchString(l):
			flush()
			cur = append(cur, l)
		default:
			cur = append(cur, l)
		}
	}
	flush()
	return blocks
}

// breaksOf returns the word words of blocks joined and the word index at
// which each block after the first begins.
func breaksOf(blocks [][]string) (words []string, breaks []int) {
	for i, b := range blocks {
		if i > 0 {
			breaks = append(breaks, len(words))
		}
		words = append(words, b...)
	}
	return words, breaks
}

// align returns, for every index of a, the index of b it is matched to in a
// longest common subsequence, or -1.
func align(a, b []string) []int {
	n, m := len(a), len(b)
	// Trim the common prefix and suffix: drafts and references mostly agree.
	dp := make([][]uint16, n+1)
	for i := range dp {
		dp[i] = make([]uint16, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				dp[i][j] = dp[i+1][j+1] + 1
			case dp[i+1][j] >= dp[i][j+1]:
				dp[i][j] = dp[i+1][j]
			default:
				dp[i][j] = dp[i][j+1]
			}
		}
	}
	out := make([]int, n)
	for i := range out {
		out[i] = -1
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out[i] = j
			i++
			j++
		case dp[i+1][j] >= dp[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

// agreement compares the breaks of draft with those of ref. It returns
// precision (the share of the draft's breaks that the reference has),
// recall (the share of the reference's breaks that the draft has), and the
// breaks each lacks, as word indices of the draft body.
func agreement(ref, draft string) (precision, recall float64, missed, extra []int, words []string) {
	refWords, refBreaks := breaksOf(mdBlocks(ref))
	words, draftBreaks := breaksOf(mdBlocks(draft))
	at := align(refWords, words)
	carried := map[int]bool{}
	for _, rb := range refBreaks {
		for k := rb; k < len(at); k++ {
			if at[k] >= 0 {
				carried[at[k]] = true
				break
			}
		}
	}
	have := map[int]bool{}
	hit := 0
	for _, d := range draftBreaks {
		have[d] = true
		if carried[d] {
			hit++
		} else {
			extra = append(extra, d)
		}
	}
	for c := range carried {
		if !have[c] {
			missed = append(missed, c)
		}
	}
	precision, recall = 1, 1
	if len(draftBreaks) > 0 {
		precision = float64(hit) / float64(len(draftBreaks))
	}
	if len(carried) > 0 {
		recall = float64(len(carried)-len(missed)) / float64(len(carried))
	}
	return precision, recall, missed, extra, words
}

// context shows the words around a break at word index k.
func context(words []string, k int) string {
	lo, hi := max(0, k-5), min(len(words), k+5)
	return strings.Join(words[lo:k], " ") + " ¶ " + strings.Join(words[k:hi], " ")
}
