// Command scan runs the shipped HIPAA bundle over an NDJSON file of entity
// documents and prints each failure and error, with its evidence.
// It is the program shown in README.md, which a test keeps identical.
package main

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
)

func main() {
	hipaa, err := bundles.Load("hipaa")
	if err != nil {
		log.Fatal(err)
	}
	ev, err := bundles.Prepare([]*bundles.Bundle{hipaa}) // compile once; Eval is safe for concurrent use
	if err != nil {
		log.Fatal(err)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	at := bundles.At(time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)) // the example's date; omit to use now
	for f, err := range ev.EvalBytes(context.Background(), os.Args[1], bytes.Lines(data), at) {
		if err != nil {
			log.Fatal(err) // the context was cancelled
		}
		if f.Status == eval.Fail || f.Status == eval.Error {
			fmt.Println(f) // rule, entity, status, evidence and file:line
		}
	}
}
