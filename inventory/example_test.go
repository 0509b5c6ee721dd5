package inventory_test

import (
	"fmt"
	"strings"

	"github.com/gsl-lang/gsl/inventory"
)

// Read detects the input's format (here an AWS Config snapshot) and emits
// one record per item: documents with their origin, and the items that
// yield none, named. A volume is kept for the instances that embed it, so
// its document comes after the items converted as they were read.
func ExampleRead() {
	snapshot := `{"fileVersion":"1.0","configurationItems":[
{"configurationItemVersion":"1.3","awsAccountId":"123456789012","resourceType":"AWS::EC2::Volume","resourceId":"vol-1",
 "awsRegion":"us-east-1","configurationItemCaptureTime":"2024-05-01T10:00:00.000Z","configurationItemStatus":"OK",
 "configuration":{"volumeId":"vol-1","encrypted":false,"size":8,"createTime":1714557600000}},
{"configurationItemVersion":"1.3","resourceType":"AWS::Glue::Job","resourceId":"nightly","configurationItemStatus":"OK"}]}`
	err := inventory.Read(strings.NewReader(snapshot), "snapshot.json", inventory.Options{}, func(e inventory.Entity) error {
		switch {
		case e.Err != nil:
			fmt.Printf("%s: error: %v\n", e.Label(), e.Err)
		case e.NotModelled != "":
			fmt.Printf("%s: not modelled: %s\n", e.Label(), e.NotModelled)
		case e.Ignored != "":
			fmt.Printf("%s: no document: %s\n", e.Label(), e.Ignored)
		default:
			fmt.Printf("%s: %s\n", e.Label(), e.Data)
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// snapshot.json[configurationItems][1]: not modelled: AWS::Glue::Job
	// snapshot.json[configurationItems][0]: {"type":"Volume","id":"vol-1","accountNumber":"123456789012","region":"us-east-1","source":{"collector":"awsconfig","resourceType":"AWS::EC2::Volume","resourceId":"vol-1","configurationItemCaptureTime":"2024-05-01T10:00:00Z","configurationItemStatus":"OK"},"volumeId":"vol-1","encrypted":false,"size":8,"createTime":"2024-05-01T10:00:00Z"}
}
