package inventory_test

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/gsl-lang/gsl/inventory"
)

// TestAWSConfigRecordedECSService converts a configuration item AWS Config
// recorded for a real ECS service (Cloud Custodian's test account,
// testdata/awsconfig/custodian/SOURCE.md): its configuration arrives as a
// JSON string, its network configuration gives FSBP ECS.2's verdict (the
// service assigns public IPs).
func TestAWSConfigRecordedECSService(t *testing.T) {
	in, err := os.ReadFile("testdata/awsconfig/custodian/ecs-service-history.json")
	if err != nil {
		t.Fatal(err)
	}
	var docs [][]byte
	err = inventory.Read(bytes.NewReader(in), "ecs-service-history.json", inventory.Options{}, func(e inventory.Entity) error {
		if e.Err != nil {
			t.Errorf("%v", e.Err)
		}
		if e.Data != nil {
			docs = append(docs, e.Data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents from one item", len(docs))
	}
	var svc struct {
		Type, ID, ARN, ServiceName, ClusterArn, TaskDefinition string
		NetworkConfiguration                                   struct {
			AwsvpcConfiguration struct {
				AssignPublicIp          string
				Subnets, SecurityGroups []string
			}
		}
	}
	if err := json.Unmarshal(docs[0], &svc); err != nil {
		t.Fatal(err)
	}
	vpc := svc.NetworkConfiguration.AwsvpcConfiguration
	if svc.Type != "EcsService" || svc.ID != "queue-processor" || svc.ARN != "arn:aws:ecs:us-east-2:644160558196:service/dev/queue-processor" || svc.ServiceName != "queue-processor" ||
		svc.ClusterArn != "arn:aws:ecs:us-east-2:644160558196:cluster/dev" || svc.TaskDefinition != "arn:aws:ecs:us-east-2:644160558196:task-definition/dev:4" ||
		vpc.AssignPublicIp != "ENABLED" || !slices.Equal(vpc.SecurityGroups, []string{"sg-04f520370e79f229f"}) || len(vpc.Subnets) != 3 {
		t.Errorf("EcsService document:\n%s", docs[0])
	}
	rules := loadRules(t, "aws-best-practices")
	if got := rules["AWSBP-ECS.2"].judge(docs[0]).status; got != "fail" {
		t.Errorf("AWSBP-ECS.2 = %s, want fail (AssignPublicIp ENABLED)", got)
	}
}
