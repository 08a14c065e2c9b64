//go:build race

package publish_test

// raceEnabled: the race detector multiplies time and memory by 5 to 10.
const raceEnabled = true
