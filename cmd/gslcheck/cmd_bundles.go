package main

// This file implements `gslcheck bundles` (list).

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/gsl-lang/gsl/bundles"
)

type bundleInfo struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Version     string `json:"version"`
	Rules       int    `json:"rules"`
	Description string `json:"description,omitempty"`
}

func (c *bundlesListCmd) Run(e *env) error {
	var infos []bundleInfo
	for _, n := range bundles.Names() {
		b, err := bundles.Load(n)
		if err != nil {
			return fmt.Errorf("bundle %s: %w", n, err)
		}
		infos = append(infos, bundleInfo{ID: b.ID, Name: b.Name, Version: b.Version, Rules: len(b.Rules), Description: b.Description})
	}
	if c.Format == "json" {
		if infos == nil {
			infos = []bundleInfo{}
		}
		return writeJSON(e.stdout, map[string]any{"bundles": infos})
	}
	if len(infos) == 0 {
		fmt.Fprintln(e.stdout, "no shipped bundles")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tVERSION\tRULES\tNAME")
	for _, b := range infos {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", b.ID, b.Version, b.Rules, b.Name)
	}
	return tw.Flush()
}

func (c *bundlesExportCmd) Run(e *env) error {
	bs, err := resolveBundles(c.Name)
	if err != nil {
		return err
	}
	if len(bs) != 1 {
		return usagef("%s holds %d bundles; export one at a time", c.Name, len(bs))
	}
	if err := outputIsNotInput(c.Output, []string{bs[0].Source}); err != nil {
		return err
	}
	data, err := bs[0].Dome9JSON()
	if err != nil {
		return err
	}
	out, closeOut, err := openOutput(c.Output, e.stdout)
	if err != nil {
		return err
	}
	_, err = out.Write(data)
	if len(data) > 0 && data[len(data)-1] != '\n' && err == nil {
		_, err = io.WriteString(out, "\n")
	}
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	return err
}
