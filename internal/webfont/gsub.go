package webfont

import (
	"fmt"
	"iter"
	"sort"

	otl "github.com/go-text/typesetting/font/opentype/tables"
)

// DefaultFeatures are the substitution features a reading system's shaper
// applies to horizontal Latin text unless a stylesheet says otherwise
// (HarfBuzz's defaults, which Chromium, WebKit and Firefox share): the cut
// font keeps them and the glyphs they make.
var DefaultFeatures = []string{"ccmp", "locl", "rlig", "rvrn", "ltra", "ltrm", "calt", "clig", "liga", "rclt"}

// gsub is a font's GSUB table as go-text reads it, the extension lookups
// resolved.
type gsub struct {
	l       otl.Layout
	lookups []gsubLookup
}

type gsubLookup struct {
	kind uint16 // lookup type, 1–8 (never 7: extensions are resolved)
	flag uint16
	mfs  uint16 // mark filtering set, when flag has 0x10
	subs []otl.GSUBLookup
}

// parseGSUB reads a GSUB table; lookups of a kind it does not know are
// left empty (they are dropped from the cut font).
func parseGSUB(b []byte) (*gsub, error) {
	l, _, err := otl.ParseLayout(b)
	if err != nil {
		return nil, fmt.Errorf("webfont: GSUB: %w", err)
	}
	g := &gsub{l: l, lookups: make([]gsubLookup, len(l.LookupList.Lookups))}
	for i, lk := range l.LookupList.Lookups {
		subs, err := lk.AsGSUBLookups()
		if err != nil {
			return nil, fmt.Errorf("webfont: GSUB lookup %d: %w", i, err)
		}
		out := gsubLookup{flag: lk.LookupFlag, mfs: lk.MarkFilteringSet}
		for _, s := range subs {
			if ext, ok := s.(otl.ExtensionSubs); ok {
				if s, err = ext.Resolve(); err != nil {
					return nil, fmt.Errorf("webfont: GSUB lookup %d: %w", i, err)
				}
			}
			k := kindOf(s)
			if k == 0 || out.kind != 0 && k != out.kind {
				return nil, fmt.Errorf("webfont: GSUB lookup %d mixes subtable types", i)
			}
			out.kind = k
			out.subs = append(out.subs, s)
		}
		g.lookups[i] = out
	}
	return g, nil
}

func kindOf(s otl.GSUBLookup) uint16 {
	switch s.(type) {
	case otl.SingleSubs:
		return 1
	case otl.MultipleSubs:
		return 2
	case otl.AlternateSubs:
		return 3
	case otl.LigatureSubs:
		return 4
	case otl.ContextualSubs:
		return 5
	case otl.ChainedContextualSubs:
		return 6
	case otl.ReverseChainSingleSubs:
		return 8
	}
	return 0
}

// glyphs yields a coverage's glyphs with their coverage indices, in
// coverage order, without listing them (the closure of the substitutions
// goes through every coverage several times).
func glyphs(c otl.Coverage) iter.Seq2[int, uint16] {
	return func(yield func(int, uint16) bool) {
		switch c := c.(type) {
		case otl.Coverage1:
			for i, g := range c.Glyphs {
				if !yield(i, g) {
					return
				}
			}
		case otl.Coverage2:
			i := 0
			for _, r := range c.Ranges {
				for g := int(r.StartGlyphID); g <= int(r.EndGlyphID); g++ {
					if !yield(i, uint16(g)) {
						return
					}
					i++
				}
			}
		}
	}
}

// glyphSet is the glyphs kept, by old id.
type glyphSet []bool

func (s glyphSet) has(g uint16) bool { return int(g) < len(s) && s[g] }

func (s glyphSet) all(gs []uint16) bool {
	for _, g := range gs {
		if !s.has(g) {
			return false
		}
	}
	return true
}

func (s glyphSet) any(c otl.Coverage) bool {
	for _, g := range glyphs(c) {
		if s.has(g) {
			return true
		}
	}
	return false
}

// add adds g, reporting whether it is new.
func (s glyphSet) add(g uint16) bool {
	if int(g) >= len(s) || s[g] {
		return false
	}
	s[g] = true
	return true
}

// tagSet turns feature tag strings into the tags a layout table holds.
func tagSet(features []string) map[otl.Tag]bool {
	m := map[otl.Tag]bool{}
	for _, f := range features {
		if len(f) == 4 {
			m[otl.Tag(uint32(f[0])<<24|uint32(f[1])<<16|uint32(f[2])<<8|uint32(f[3]))] = true
		}
	}
	return m
}

// close adds to keep the glyphs that the lookups of the wanted features
// can make from glyphs in keep (a ligature of kept letters, the old-style
// form of a kept figure), until nothing changes, as HarfBuzz's subsetter
// does; it returns which lookups those features reach, directly or from a
// contextual lookup that can match. A contextual lookup's nested lookups
// are closed over every kept glyph, which may keep a glyph too many but
// never one too few.
func (g *gsub) close(wanted map[otl.Tag]bool, keep glyphSet) []bool {
	active := make([]bool, len(g.lookups))
	for i, rec := range g.l.FeatureList.Records {
		if !wanted[rec.Tag] || i >= len(g.l.FeatureList.Features) {
			continue
		}
		for _, li := range g.l.FeatureList.Features[i].LookupListIndices {
			if int(li) < len(active) {
				active[li] = true
			}
		}
	}
	activate := func(recs []otl.SequenceLookupRecord) bool {
		changed := false
		for _, r := range recs {
			if int(r.LookupListIndex) < len(active) && !active[r.LookupListIndex] {
				active[r.LookupListIndex] = true
				changed = true
			}
		}
		return changed
	}
	for changed := true; changed; {
		changed = false
		for li, lk := range g.lookups {
			if !active[li] {
				continue
			}
			for _, s := range lk.subs {
				switch s := s.(type) {
				case otl.SingleSubs:
					for i, gl := range glyphs(s.Cov()) {
						if !keep.has(gl) {
							continue
						}
						switch d := s.Data.(type) {
						case otl.SingleSubstData1:
							changed = keep.add(uint16(int(gl)+int(d.DeltaGlyphID))) || changed
						case otl.SingleSubstData2:
							if i < len(d.SubstituteGlyphIDs) {
								changed = keep.add(d.SubstituteGlyphIDs[i]) || changed
							}
						}
					}
				case otl.MultipleSubs:
					for i, gl := range glyphs(s.Coverage) {
						if keep.has(gl) && i < len(s.Sequences) {
							for _, o := range s.Sequences[i].SubstituteGlyphIDs {
								changed = keep.add(o) || changed
							}
						}
					}
				case otl.AlternateSubs:
					for i, gl := range glyphs(s.Coverage) {
						if keep.has(gl) && i < len(s.AlternateSets) {
							for _, o := range s.AlternateSets[i].AlternateGlyphIDs {
								changed = keep.add(o) || changed
							}
						}
					}
				case otl.LigatureSubs:
					for i, gl := range glyphs(s.Coverage) {
						if keep.has(gl) && i < len(s.LigatureSets) {
							for _, lig := range s.LigatureSets[i].Ligatures {
								if keep.all(lig.ComponentGlyphIDs) {
									changed = keep.add(lig.LigatureGlyph) || changed
								}
							}
						}
					}
				case otl.ReverseChainSingleSubs:
					for i, gl := range glyphs(s.Cov()) {
						if keep.has(gl) && i < len(s.SubstituteGlyphIDs) {
							changed = keep.add(s.SubstituteGlyphIDs[i]) || changed
						}
					}
				case otl.ContextualSubs:
					if !keep.any(s.Cov()) {
						continue
					}
					switch d := s.Data.(type) {
					case otl.ContextualSubs1:
						for _, set := range d.SeqRuleSet {
							for _, r := range set.SeqRule {
								changed = activate(r.SeqLookupRecords) || changed
							}
						}
					case otl.ContextualSubs2:
						for _, set := range d.ClassSeqRuleSet {
							for _, r := range set.SeqRule {
								changed = activate(r.SeqLookupRecords) || changed
							}
						}
					case otl.ContextualSubs3:
						if anyAll(keep, d.Coverages) {
							changed = activate(d.SeqLookupRecords) || changed
						}
					}
				case otl.ChainedContextualSubs:
					if !keep.any(s.Cov()) {
						continue
					}
					switch d := s.Data.(type) {
					case otl.ChainedContextualSubs1:
						for _, set := range d.ChainedSeqRuleSet {
							for _, r := range set.ChainedSeqRules {
								changed = activate(r.SeqLookupRecords) || changed
							}
						}
					case otl.ChainedContextualSubs2:
						for _, set := range d.ChainedClassSeqRuleSet {
							for _, r := range set.ChainedSeqRules {
								changed = activate(r.SeqLookupRecords) || changed
							}
						}
					case otl.ChainedContextualSubs3:
						if anyAll(keep, d.BacktrackCoverages) && anyAll(keep, d.InputCoverages) && anyAll(keep, d.LookaheadCoverages) {
							changed = activate(d.SeqLookupRecords) || changed
						}
					}
				}
			}
		}
	}
	return active
}

// anyAll reports whether every coverage holds a kept glyph.
func anyAll(keep glyphSet, cs []otl.Coverage) bool {
	for _, c := range cs {
		if !keep.any(c) {
			return false
		}
	}
	return true
}

// renumber maps old glyph ids to the cut font's; -1 for a glyph not kept.
type renumber []int32

func (m renumber) has(g uint16) bool { return int(g) < len(m) && m[g] >= 0 }

func (m renumber) all(gs []uint16) bool {
	for _, g := range gs {
		if !m.has(g) {
			return false
		}
	}
	return true
}

func (m renumber) list(gs []uint16) []uint16 {
	out := make([]uint16, len(gs))
	for i, g := range gs {
		out[i] = uint16(m[g])
	}
	return out
}

// cover is the kept glyphs of a coverage, renumbered, with their indices
// in the old coverage (to pick the matching entries of parallel arrays).
func (m renumber) cover(c otl.Coverage) (gs []uint16, at []int) {
	for i, g := range glyphs(c) {
		if m.has(g) {
			gs = append(gs, uint16(m[g]))
			at = append(at, i)
		}
	}
	// A well-made font lists coverage glyphs in order; renumbering keeps
	// the order, but sort in case the font did not.
	if !sort.SliceIsSorted(gs, func(i, j int) bool { return gs[i] < gs[j] }) {
		idx := make([]int, len(gs))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(i, j int) bool { return gs[idx[i]] < gs[idx[j]] })
		g2, a2 := make([]uint16, len(gs)), make([]int, len(gs))
		for i, k := range idx {
			g2[i], a2[i] = gs[k], at[k]
		}
		gs, at = g2, a2
	}
	// Drop duplicates (a malformed coverage).
	w := 0
	for i := range gs {
		if i > 0 && gs[i] == gs[w-1] {
			continue
		}
		gs[w], at[w] = gs[i], at[i]
		w++
	}
	return gs[:w], at[:w]
}

// classes is a ClassDef over the kept glyphs, renumbered.
func (m renumber) classes(cd otl.ClassDef) *otab {
	var gs, cs []uint16
	if cd != nil {
		for old, n := range m {
			if n < 0 {
				continue
			}
			if c, ok := cd.Class(uint16(old)); ok && c != 0 {
				gs = append(gs, uint16(n))
				cs = append(cs, c)
			}
		}
	}
	return classDef(gs, cs)
}

// lookupMap gives a kept lookup's new index.
type lookupMap func(old uint16) (uint16, bool)

// records writes sequence lookup records, leaving out those whose lookup
// is gone (it substituted nothing in the cut font).
func records(recs []otl.SequenceLookupRecord, lm lookupMap) [][2]uint16 {
	var out [][2]uint16
	for _, r := range recs {
		if n, ok := lm(r.LookupListIndex); ok {
			out = append(out, [2]uint16{r.SequenceIndex, n})
		}
	}
	return out
}

func writeRecords(t *otab, recs [][2]uint16) {
	for _, r := range recs {
		t.u16(int(r[0])).u16(int(r[1]))
	}
}

// subtable writes a lookup subtable for the kept glyphs, nil when nothing
// of it is left.
func (m renumber) subtable(s otl.GSUBLookup, lm lookupMap) *otab {
	switch s := s.(type) {
	case otl.SingleSubs:
		type pair struct{ in, out uint16 }
		var ps []pair
		var subst []uint16
		if d, ok := s.Data.(otl.SingleSubstData2); ok {
			subst = d.SubstituteGlyphIDs
		}
		for i, g := range glyphs(s.Cov()) {
			o := subst
			var out uint16
			switch d := s.Data.(type) {
			case otl.SingleSubstData1:
				out = uint16(int(g) + int(d.DeltaGlyphID))
			case otl.SingleSubstData2:
				if i >= len(o) {
					continue
				}
				out = o[i]
			}
			if m.has(g) && m.has(out) {
				ps = append(ps, pair{uint16(m[g]), uint16(m[out])})
			}
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i].in < ps[j].in })
		w := 0
		for i := range ps {
			if i == 0 || ps[i].in != ps[w-1].in {
				ps[w] = ps[i]
				w++
			}
		}
		ps = ps[:w]
		if len(ps) == 0 {
			return nil
		}
		cov := make([]uint16, len(ps))
		for i, p := range ps {
			cov[i] = p.in
		}
		t := (&otab{}).u16(2).off(coverage(cov)).u16(len(ps))
		for _, p := range ps {
			t.u16(int(p.out))
		}
		return t
	case otl.MultipleSubs:
		var cov []uint16
		var seqs [][]uint16
		gs, at := m.cover(s.Coverage)
		for k, g := range gs {
			if at[k] < len(s.Sequences) && m.all(s.Sequences[at[k]].SubstituteGlyphIDs) {
				cov = append(cov, g)
				seqs = append(seqs, m.list(s.Sequences[at[k]].SubstituteGlyphIDs))
			}
		}
		if len(cov) == 0 {
			return nil
		}
		t := (&otab{}).u16(1).off(coverage(cov)).u16(len(seqs))
		for _, sq := range seqs {
			c := (&otab{}).u16(len(sq))
			for _, g := range sq {
				c.u16(int(g))
			}
			t.off(c)
		}
		return t
	case otl.AlternateSubs:
		var cov []uint16
		var sets [][]uint16
		gs, at := m.cover(s.Coverage)
		for k, g := range gs {
			if at[k] >= len(s.AlternateSets) {
				continue
			}
			var alts []uint16
			for _, a := range s.AlternateSets[at[k]].AlternateGlyphIDs {
				if m.has(a) {
					alts = append(alts, uint16(m[a]))
				}
			}
			if len(alts) > 0 {
				cov = append(cov, g)
				sets = append(sets, alts)
			}
		}
		if len(cov) == 0 {
			return nil
		}
		t := (&otab{}).u16(1).off(coverage(cov)).u16(len(sets))
		for _, set := range sets {
			c := (&otab{}).u16(len(set))
			for _, g := range set {
				c.u16(int(g))
			}
			t.off(c)
		}
		return t
	case otl.LigatureSubs:
		var cov []uint16
		var sets [][]otl.Ligature
		gs, at := m.cover(s.Coverage)
		for k, g := range gs {
			if at[k] >= len(s.LigatureSets) {
				continue
			}
			var ligs []otl.Ligature
			for _, l := range s.LigatureSets[at[k]].Ligatures {
				if m.has(l.LigatureGlyph) && m.all(l.ComponentGlyphIDs) {
					ligs = append(ligs, l)
				}
			}
			if len(ligs) > 0 {
				cov = append(cov, g)
				sets = append(sets, ligs)
			}
		}
		if len(cov) == 0 {
			return nil
		}
		t := (&otab{}).u16(1).off(coverage(cov)).u16(len(sets))
		for _, set := range sets {
			c := (&otab{}).u16(len(set))
			for _, l := range set {
				lt := (&otab{}).u16(int(m[l.LigatureGlyph])).u16(len(l.ComponentGlyphIDs) + 1)
				for _, g := range m.list(l.ComponentGlyphIDs) {
					lt.u16(int(g))
				}
				c.off(lt)
			}
			t.off(c)
		}
		return t
	case otl.ReverseChainSingleSubs:
		var cov, subst []uint16
		gs, at := m.cover(s.Cov())
		for k, g := range gs {
			if at[k] < len(s.SubstituteGlyphIDs) && m.has(s.SubstituteGlyphIDs[at[k]]) {
				cov = append(cov, g)
				subst = append(subst, uint16(m[s.SubstituteGlyphIDs[at[k]]]))
			}
		}
		back, ok1 := m.coverages(s.BacktrackCoverages)
		ahead, ok2 := m.coverages(s.LookaheadCoverages)
		if len(cov) == 0 || !ok1 || !ok2 {
			return nil
		}
		t := (&otab{}).u16(1).off(coverage(cov))
		offs(t, back)
		offs(t, ahead)
		t.u16(len(subst))
		for _, g := range subst {
			t.u16(int(g))
		}
		return t
	case otl.ContextualSubs:
		return m.context(s.Data, lm)
	case otl.ChainedContextualSubs:
		return m.chained(s.Data, lm)
	}
	return nil
}

// coverages renumbers a list of coverages; false when one is left empty
// (a rule that can no longer match).
func (m renumber) coverages(cs []otl.Coverage) ([]*otab, bool) {
	out := make([]*otab, len(cs))
	for i, c := range cs {
		gs, _ := m.cover(c)
		if len(gs) == 0 {
			return nil, false
		}
		out[i] = coverage(gs)
	}
	return out, true
}

func offs(t *otab, cs []*otab) {
	t.u16(len(cs))
	for _, c := range cs {
		t.off(c)
	}
}

func (m renumber) context(d otl.ContextualSubsITF, lm lookupMap) *otab {
	switch d := d.(type) {
	case otl.ContextualSubs1:
		gs, at := m.cover(d.Cov())
		var cov []uint16
		var sets []*otab
		for k, g := range gs {
			if at[k] >= len(d.SeqRuleSet) {
				continue
			}
			set := &otab{}
			var rules []*otab
			for _, r := range d.SeqRuleSet[at[k]].SeqRule {
				if !m.all(r.InputSequence) {
					continue
				}
				recs := records(r.SeqLookupRecords, lm)
				rt := (&otab{}).u16(len(r.InputSequence) + 1).u16(len(recs))
				for _, g := range m.list(r.InputSequence) {
					rt.u16(int(g))
				}
				writeRecords(rt, recs)
				rules = append(rules, rt)
			}
			if len(rules) > 0 {
				offs(set, rules)
				cov = append(cov, g)
				sets = append(sets, set)
			}
		}
		if len(cov) == 0 {
			return nil
		}
		t := (&otab{}).u16(1).off(coverage(cov))
		offs(t, sets)
		return t
	case otl.ContextualSubs2:
		gs, _ := m.cover(d.Cov())
		if len(gs) == 0 {
			return nil
		}
		t := (&otab{}).u16(2).off(coverage(gs)).off(m.classes(d.ClassDef))
		t.u16(len(d.ClassSeqRuleSet))
		for _, set := range d.ClassSeqRuleSet {
			if len(set.SeqRule) == 0 {
				t.off(nil)
				continue
			}
			st := (&otab{}).u16(len(set.SeqRule))
			for _, r := range set.SeqRule {
				recs := records(r.SeqLookupRecords, lm)
				rt := (&otab{}).u16(len(r.InputSequence) + 1).u16(len(recs))
				for _, c := range r.InputSequence {
					rt.u16(int(c))
				}
				writeRecords(rt, recs)
				st.off(rt)
			}
			t.off(st)
		}
		return t
	case otl.ContextualSubs3:
		cs, ok := m.coverages(d.Coverages)
		if !ok || len(cs) == 0 {
			return nil
		}
		recs := records(d.SeqLookupRecords, lm)
		t := (&otab{}).u16(3).u16(len(cs)).u16(len(recs))
		for _, c := range cs {
			t.off(c)
		}
		writeRecords(t, recs)
		return t
	}
	return nil
}

func (m renumber) chained(d otl.ChainedContextualSubsITF, lm lookupMap) *otab {
	seq := func(t *otab, gs []uint16) {
		t.u16(len(gs))
		for _, g := range gs {
			t.u16(int(g))
		}
	}
	switch d := d.(type) {
	case otl.ChainedContextualSubs1:
		gs, at := m.cover(d.Cov())
		var cov []uint16
		var sets []*otab
		for k, g := range gs {
			if at[k] >= len(d.ChainedSeqRuleSet) {
				continue
			}
			var rules []*otab
			for _, r := range d.ChainedSeqRuleSet[at[k]].ChainedSeqRules {
				if !m.all(r.BacktrackSequence) || !m.all(r.InputSequence) || !m.all(r.LookaheadSequence) {
					continue
				}
				rt := &otab{}
				seq(rt, m.list(r.BacktrackSequence))
				rt.u16(len(r.InputSequence) + 1)
				for _, g := range m.list(r.InputSequence) {
					rt.u16(int(g))
				}
				seq(rt, m.list(r.LookaheadSequence))
				recs := records(r.SeqLookupRecords, lm)
				rt.u16(len(recs))
				writeRecords(rt, recs)
				rules = append(rules, rt)
			}
			if len(rules) > 0 {
				set := &otab{}
				offs(set, rules)
				cov = append(cov, g)
				sets = append(sets, set)
			}
		}
		if len(cov) == 0 {
			return nil
		}
		t := (&otab{}).u16(1).off(coverage(cov))
		offs(t, sets)
		return t
	case otl.ChainedContextualSubs2:
		gs, _ := m.cover(d.Cov())
		if len(gs) == 0 {
			return nil
		}
		t := (&otab{}).u16(2).off(coverage(gs)).off(m.classes(d.BacktrackClassDef)).off(m.classes(d.InputClassDef)).off(m.classes(d.LookaheadClassDef))
		t.u16(len(d.ChainedClassSeqRuleSet))
		for _, set := range d.ChainedClassSeqRuleSet {
			if len(set.ChainedSeqRules) == 0 {
				t.off(nil)
				continue
			}
			st := (&otab{}).u16(len(set.ChainedSeqRules))
			for _, r := range set.ChainedSeqRules {
				rt := &otab{}
				seq(rt, r.BacktrackSequence)
				rt.u16(len(r.InputSequence) + 1)
				for _, c := range r.InputSequence {
					rt.u16(int(c))
				}
				seq(rt, r.LookaheadSequence)
				recs := records(r.SeqLookupRecords, lm)
				rt.u16(len(recs))
				writeRecords(rt, recs)
				st.off(rt)
			}
			t.off(st)
		}
		return t
	case otl.ChainedContextualSubs3:
		back, ok1 := m.coverages(d.BacktrackCoverages)
		in, ok2 := m.coverages(d.InputCoverages)
		ahead, ok3 := m.coverages(d.LookaheadCoverages)
		if !ok1 || !ok2 || !ok3 || len(in) == 0 {
			return nil
		}
		t := (&otab{}).u16(3)
		offs(t, back)
		offs(t, in)
		offs(t, ahead)
		recs := records(d.SeqLookupRecords, lm)
		t.u16(len(recs))
		writeRecords(t, recs)
		return t
	}
	return nil
}

// write writes the GSUB of the cut font: the wanted features (those with
// a lookup left), the lookups they reach with only kept glyphs, every
// script and language system; nil when no substitution is left.
func (g *gsub) write(wanted map[otl.Tag]bool, active []bool, m renumber) ([]byte, error) {
	// Which lookups keep a subtable (their nested lookups do not matter).
	any := func(uint16) (uint16, bool) { return 0, true }
	newIdx := make([]int, len(g.lookups))
	n := 0
	for i, lk := range g.lookups {
		newIdx[i] = -1
		if !active[i] {
			continue
		}
		for _, s := range lk.subs {
			if m.subtable(s, any) != nil {
				newIdx[i] = n
				n++
				break
			}
		}
	}
	lm := func(old uint16) (uint16, bool) {
		if int(old) < len(newIdx) && newIdx[old] >= 0 {
			return uint16(newIdx[old]), true
		}
		return 0, false
	}
	lookupList := (&otab{}).u16(n)
	for i, lk := range g.lookups {
		if newIdx[i] < 0 {
			continue
		}
		var subs []*otab
		for _, s := range lk.subs {
			if t := m.subtable(s, lm); t != nil {
				subs = append(subs, t)
			}
		}
		lt := (&otab{}).u16(int(lk.kind)).u16(int(lk.flag))
		offs(lt, subs)
		if lk.flag&0x10 != 0 {
			lt.u16(int(lk.mfs))
		}
		lookupList.off(lt)
	}

	// Features: wanted, with a lookup left.
	fl := g.l.FeatureList
	newFeat := make([]int, len(fl.Records))
	featureList := &otab{}
	var feats []*otab
	var tags []otl.Tag
	for i, rec := range fl.Records {
		newFeat[i] = -1
		if !wanted[rec.Tag] || i >= len(fl.Features) {
			continue
		}
		var idx []uint16
		for _, li := range fl.Features[i].LookupListIndices {
			if n, ok := lm(li); ok {
				idx = append(idx, n)
			}
		}
		if len(idx) == 0 {
			continue
		}
		newFeat[i] = len(feats)
		ft := (&otab{}).u16(0).u16(len(idx))
		for _, x := range idx {
			ft.u16(int(x))
		}
		feats = append(feats, ft)
		tags = append(tags, rec.Tag)
	}
	if len(feats) == 0 {
		return nil, nil
	}
	featureList.u16(len(feats))
	for i, ft := range feats {
		featureList.u32(uint32(tags[i])).off(ft)
	}

	langSys := func(ls otl.LangSys) *otab {
		req := 0xFFFF
		if int(ls.RequiredFeatureIndex) < len(newFeat) && newFeat[ls.RequiredFeatureIndex] >= 0 {
			req = newFeat[ls.RequiredFeatureIndex]
		}
		var idx []int
		for _, fi := range ls.FeatureIndices {
			if int(fi) < len(newFeat) && newFeat[fi] >= 0 {
				idx = append(idx, newFeat[fi])
			}
		}
		t := (&otab{}).u16(0).u16(req).u16(len(idx))
		for _, x := range idx {
			t.u16(x)
		}
		return t
	}
	sl := g.l.ScriptList
	scriptList := (&otab{}).u16(len(sl.Scripts))
	for i, sc := range sl.Scripts {
		st := &otab{}
		if sc.DefaultLangSys != nil {
			st.off(langSys(*sc.DefaultLangSys))
		} else {
			st.off(nil)
		}
		st.u16(len(sc.LangSys))
		for k, ls := range sc.LangSys {
			st.u32(uint32(sc.LangSysRecords[k].Tag)).off(langSys(ls))
		}
		scriptList.u32(uint32(sl.Records[i].Tag)).off(st)
	}

	head := (&otab{}).u16(1).u16(0).off(scriptList).off(featureList).off(lookupList)
	return head.bytes()
}

// writeGDEF writes the glyph classes of the kept glyphs (base, ligature,
// mark), the mark attachment classes and mark glyph sets the lookups
// consult; attachment points and ligature carets are left out.
func writeGDEF(b []byte, m renumber) ([]byte, error) {
	gd, _, err := otl.ParseGDEF(b)
	if err != nil {
		return nil, fmt.Errorf("webfont: GDEF: %w", err)
	}
	sets := gd.MarkGlyphSetsDef.Coverages
	t := (&otab{}).u16(1)
	if len(sets) > 0 {
		t.u16(2)
	} else {
		t.u16(0)
	}
	t.off(m.classes(gd.GlyphClassDef)).off(nil).off(nil)
	if gd.MarkAttachClass != nil {
		t.off(m.classes(gd.MarkAttachClass))
	} else {
		t.off(nil)
	}
	if len(sets) > 0 {
		mt := (&otab{}).u16(1).u16(len(sets))
		for _, c := range sets {
			gs, _ := m.cover(c)
			mt.off32(coverage(gs))
		}
		t.off(mt)
	}
	return t.bytes()
}
