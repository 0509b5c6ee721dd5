package main

// This file counts the items of the inputs that yield no document to
// evaluate, so that a run says what it did not check.

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gsl-lang/gsl/inventory"
)

// itemTally counts, by name, the items of resource types the entity model
// does not have (inventory.Entity.NotModelled) and the items that yield no
// document of their own (inventory.Entity.Ignored).
type itemTally struct {
	notModelled, ignored map[string]int
}

// add counts e when it is one of those items.
func (t *itemTally) add(e *inventory.Entity) {
	switch {
	case e.NotModelled != "":
		if t.notModelled == nil {
			t.notModelled = map[string]int{}
		}
		t.notModelled[e.NotModelled]++
	case e.Ignored != "":
		if t.ignored == nil {
			t.ignored = map[string]int{}
		}
		t.ignored[e.Ignored]++
	}
}

// write prints the counts, a line for each kind that has any:
// "gslcheck: not modelled, not evaluated: 12 AWS::Glue::Job, 1 ...".
func (t *itemTally) write(w io.Writer) {
	writeCounts(w, "not modelled, not evaluated", t.notModelled)
	writeCounts(w, "no document of their own", t.ignored)
}

func writeCounts(w io.Writer, what string, counts map[string]int) {
	if len(counts) == 0 {
		return
	}
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	// The most frequent first, then by name.
	sort.Slice(names, func(i, j int) bool {
		if counts[names[i]] != counts[names[j]] {
			return counts[names[i]] > counts[names[j]]
		}
		return names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%d %s", counts[n], n)
	}
	fmt.Fprintf(w, "gslcheck: %s: %s\n", what, strings.Join(parts, ", "))
}
