// Package invgen generates synthetic AWS inventories: NDJSON documents of
// the Dome9-compatible entity model (bundles/schema/aws.yaml, ENTITIES.md)
// for benchmarks and load tests.
//
// The output is deterministic: the same Config gives byte-identical
// documents. Every entity type of the schema is produced, in the
// proportions of a large AWS account (12,906 instances, 13,433 volumes,
// 723 roles, 391 buckets ... per account; see mix), split across as many
// accounts as the document count needs. Every account also has its Iam
// document, its root user and one Region document per region.
//
// Each setting a shipped rule checks is drawn non-compliant with
// probability Config.FailRatio, so an inventory holds a mix of passing and
// failing resources. Timestamps are relative to Config.Now.
//
// Generation streams: a Generator holds one account's shared pieces (its
// VPCs, subnets and security groups, which other documents embed) and one
// document at a time, so memory does not grow with the document count.
package invgen
