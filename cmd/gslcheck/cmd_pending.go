package main

// Commands that wait on packages still being built on other branches.

import "errors"

var errPending = errors.New("not available yet: waits on the lang, eval and bundles packages")

func (c *explainCmd) Run(e *env) error { return errPending }
