package inventory

import (
	"bytes"
	"testing"
)

// FuzzCloudFormation feeds ReadCloudFormation with mutations of AWS's
// sample templates and registry test files.
func FuzzCloudFormation(f *testing.F) {
	addSeeds(f, "testdata/cloudformation/templates/*.yaml")
	addSeeds(f, "testdata/cloudformation/templates/*.json")
	f.Add([]byte("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '${AWS::StackName}-b'\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref B\n      PolicyDocument: {Statement: [{Effect: Deny, Principal: '*', Resource: !GetAtt B.Arn}]}\n"))
	f.Add([]byte("Resources:\n  G:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      SecurityGroupIngress:\n        - {IpProtocol: -1, CidrIp: 0.0.0.0/0}\n  I:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties: {GroupId: !GetAtt G.GroupId, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: ::/0}\n"))
	f.Add([]byte("Resources:\n  A: &a\n    Type: AWS::SNS::Topic\n  B: *a\n"))
	addSeeds(f, "testdata/cloudformation/fsbp_template.yaml")
	addSeeds(f, "testdata/cloudformation/webacl_template.yaml")
	// Web ACL associations naming their stage in odd shapes.
	f.Add([]byte("Resources:\n  A:\n    Type: AWS::ApiGateway::RestApi\n  S:\n    Type: AWS::ApiGateway::Stage\n    Properties: {RestApiId: !Ref A, StageName: !Ref N}\n  W:\n    Type: AWS::WAFv2::WebACLAssociation\n    Properties: {ResourceArn: !Sub 'arn:aws:apigateway:x::/restapis/${A}/stages/', WebACLArn: [1]}\n  V:\n    Type: AWS::WAFRegional::WebACLAssociation\n    Properties: {ResourceArn: [!Ref S], WebACLId: {a: 1}}\n"))
	// Odd shapes of the aws-best-practices types' properties.
	f.Add([]byte("Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties: {ContainerDefinitions: [x, {Privileged: !Ref P, Environment: 3}]}\n  D:\n    Type: AWS::OpenSearchService::Domain\n    Properties: {LogPublishingOptions: [a], ClusterConfig: 1}\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties: {MixedInstancesPolicy: {LaunchTemplate: {Overrides: {a: 1}}}, VPCZoneIdentifier: [!Ref S, 1]}\n"))
	f.Add([]byte("Resources:\n  A:\n    Type: AWS::ApiGateway::RestApi\n  S:\n    Type: AWS::ApiGateway::Stage\n    Properties: {RestApiId: !Ref A, MethodSettings: [{ResourcePath: /a/b, HttpMethod: GET, CachingEnabled: 'true'}, 7]}\n  L:\n    Type: AWS::EC2::LaunchTemplate\n    Properties: {LaunchTemplateData: {BlockDeviceMappings: [{Ebs: {}}, 2], NetworkInterfaces: {}}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkEntities(t, func(emit func(Entity) error) error {
			return ReadCloudFormation(bytes.NewReader(data), "fuzz.yaml", emit)
		})
		isCloudFormation(data, "fuzz.yaml")
	})
}
