package bundles

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// exampleDocs reads examples/inventory/account.ndjson, one document a line.
func exampleDocs(t *testing.T) [][]byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "examples", "inventory", "account.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	var docs [][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			docs = append(docs, append([]byte(nil), line...))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestExampleInventory checks the example account: both variants hold the
// same documents, every document follows the schema, every entity type of
// the model has a document, and every shipped bundle finds some rules
// passing and some failing on it.
func TestExampleInventory(t *testing.T) {
	docs := exampleDocs(t)
	if len(docs) < 40 {
		t.Fatalf("only %d documents", len(docs))
	}
	arr, err := os.ReadFile(filepath.Join("..", "examples", "inventory", "account.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fromArray, fromLines []any
	if err := json.Unmarshal(arr, &fromArray); err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		var v any
		if err := json.Unmarshal(d, &v); err != nil {
			t.Fatalf("account.ndjson line %d: %v", i+1, err)
		}
		fromLines = append(fromLines, v)
	}
	if !reflect.DeepEqual(fromArray, fromLines) {
		t.Error("account.json and account.ndjson hold different documents")
	}
	seen := map[string]bool{}
	for i, d := range docs {
		for _, p := range AWS().CheckDocument(d) {
			t.Errorf("account.ndjson line %d (%s): %s", i+1, docName(d, i), p)
		}
		var head struct{ Type string }
		if json.Unmarshal(d, &head) == nil {
			seen[head.Type] = true
		}
	}
	for _, name := range AWS().TypeNames() {
		if !seen[name] {
			t.Errorf("the example account has no %s document; it holds every type of the model", name)
		}
	}
	for _, id := range Names() {
		b, err := Load(id)
		if err != nil {
			t.Fatal(err)
		}
		res := RunCases(b, []Case{{Name: "example account", Documents: docs, Now: DefaultNow()}}, nil)[0]
		if res.Err != nil {
			t.Errorf("%s: %v", id, res.Err)
		}
		count := map[string]int{}
		for _, o := range res.Outcomes {
			count[o.Got]++
		}
		t.Logf("%s on the example account: %v", id, count)
		if count["pass"] < 3 || count["fail"] < 3 || count["error"] > 0 {
			t.Errorf("%s: want at least 3 passing and 3 failing rules and no errors, got %v", id, count)
		}
	}
}
