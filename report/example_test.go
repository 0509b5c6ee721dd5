package report_test

import (
	"os"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/report"
)

// Example evaluates a rule on two documents with package eval and writes
// the results as gslcheck's JSON report; report.NewSARIF would write the
// SARIF that gslcheck uploads to code scanning from the same records.
func Example() {
	rule := &report.Rule{ID: "VOL-1", Name: "EBS volumes are encrypted", Severity: "High",
		Logic: "Volume should have encrypted = true"}
	prog, err := eval.Compile(rule.Logic, nil)
	if err != nil {
		panic(err)
	}
	w := report.NewJSON(os.Stdout, report.Options{Rules: []*report.Rule{rule}})
	sum := report.Summary{Rules: 1}
	for i, d := range []struct{ id, json string }{
		{"vol-1", `{"type": "Volume", "id": "vol-1", "encrypted": true}`},
		{"vol-2", `{"type": "Volume", "id": "vol-2", "encrypted": false}`},
	} {
		res := prog.Eval([]byte(d.json))
		sum.Documents++
		sum.Evaluated++
		sum.Count(res.Status, 1)
		err := w.Result(&report.Record{Rule: rule, Status: res.Status, Entity: d.id, Type: "Volume",
			Evidence: res.Evidence, Input: "inventory.ndjson", Line: i + 1})
		if err != nil {
			panic(err)
		}
	}
	if err := w.Finish(&sum); err != nil {
		panic(err)
	}
	// Output:
	// {"results": [
	// {"rule":"VOL-1","name":"EBS volumes are encrypted","bundle":"","severity":"High","entity":"vol-1","type":"Volume","status":"pass","message":"","evidence":[],"input":"inventory.ndjson","line":1},
	// {"rule":"VOL-1","name":"EBS volumes are encrypted","bundle":"","severity":"High","entity":"vol-2","type":"Volume","status":"fail","message":"encrypted = false","evidence":[{"path":"encrypted","value":false,"span":{"line":1,"column":20,"endLine":1,"endColumn":36}}],"input":"inventory.ndjson","line":2}
	// ],
	// "summary": {"documents":2,"evaluated":2,"malformed":0,"inputErrors":0,"rules":1,"results":2,"pass":1,"fail":1,"error":0,"skip":0}
	// }
}
