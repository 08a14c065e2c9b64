package raster

// adler is the Adler-32 checksum that ends a zlib stream (RFC 1950).
type adler struct{ s1, s2 uint32 }

const adlerMod = 65521

func newAdler() adler { return adler{s1: 1} }

// write adds p to the checksum.
func (a *adler) write(p []byte) {
	s1, s2 := a.s1, a.s2
	for len(p) > 0 {
		// 5552 bytes is the most that cannot overflow s2 before the
		// modulo (RFC 1950's NMAX).
		n := min(len(p), 5552)
		for _, b := range p[:n] {
			s1 += uint32(b)
			s2 += s1
		}
		s1 %= adlerMod
		s2 %= adlerMod
		p = p[n:]
	}
	a.s1, a.s2 = s1, s2
}

// zeros adds n zero bytes: s1 stays, s2 gains n·s1.
func (a *adler) zeros(n int) {
	a.s2 = uint32((uint64(a.s2) + uint64(n)*uint64(a.s1)) % adlerMod)
}

func (a *adler) sum() uint32 { return a.s2<<16 | a.s1 }
