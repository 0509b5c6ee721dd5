package main

// This file implements `gslcheck convert`.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/gsl-lang/gsl/inventory"
)

func (c *convertCmd) Run(e *env) error {
	if c.MaxDocBytes < 1 {
		return usagef("--max-doc-bytes must be at least 1")
	}
	sources, _, err := openSources(c.Inputs, e.stdin)
	if err != nil {
		return err
	}
	if err := outputIsNotInput(c.Output, c.Inputs); err != nil {
		return err
	}
	out, closeOut, err := openOutput(c.Output, e.stdout)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 256<<10)
	opts := inventory.Options{Format: inventory.Format(c.InputFormat), MaxDocBytes: c.MaxDocBytes}
	var tally itemTally
	failed := 0
	var line bytes.Buffer
	for _, src := range sources {
		err := readSource(src, opts, func(d inventory.Entity) error {
			tally.add(&d)
			if d.NotModelled != "" || d.Ignored != "" {
				return nil
			}
			derr := d.Err
			var data []byte
			if derr == nil {
				data, _, _, derr = typedDoc(&d)
			}
			if derr == nil {
				line.Reset()
				if derr = json.Compact(&line, data); derr == nil {
					line.WriteByte('\n')
					_, werr := w.Write(line.Bytes())
					return werr
				}
			}
			failed++
			fmt.Fprintf(e.stderr, "gslcheck: %s: %v\n", d.Label(), derr)
			return nil
		})
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "gslcheck: %v\n", err)
		}
	}
	err = w.Flush()
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	tally.write(e.stderr)
	writeDumpNotes(e.stderr, sources)
	if failed > 0 {
		e.code = exitError
	}
	return nil
}

// readSource opens src and reads its entities.
func readSource(src source, opts inventory.Options, emit func(inventory.Entity) error) error {
	if src.dump != nil {
		return src.readDump(emit)
	}
	rc, err := src.open()
	if err != nil {
		return fmt.Errorf("%s: %w", src.name, err)
	}
	defer rc.Close()
	return inventory.Read(rc, src.name, opts, emit)
}
